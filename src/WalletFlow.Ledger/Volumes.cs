using System.Numerics;

namespace WalletFlow.Ledger;

/// <summary>What an account has received (<see cref="Input"/>) and sent (<see cref="Output"/>) of one asset; the balance is derived, never stored.</summary>
public readonly record struct Volumes(BigInteger Input, BigInteger Output)
{
    public BigInteger Balance => Input - Output;

    /// <summary>Whether the balance fits in signed 64-bit minor units, as WalletFlow shows every balance (<see cref="TransactionRequest.Bounded"/>).</summary>
    public bool BalanceFits64Bits => Balance >= long.MinValue && Balance <= long.MaxValue;

    public Volumes Add(Volumes other) => new(Input + other.Input, Output + other.Output);
}
