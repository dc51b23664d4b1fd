using System.Numerics;

namespace WalletFlow.Ledger;

/// <summary>What an account has received (<see cref="Input"/>) and sent (<see cref="Output"/>) of one asset; the balance is derived, never stored.</summary>
public readonly record struct Volumes(BigInteger Input, BigInteger Output)
{
    public BigInteger Balance => Input - Output;

    public Volumes Add(Volumes other) => new(Input + other.Input, Output + other.Output);
}
