using System.Numerics;

namespace WalletFlow.Ledger.Numscript.Runtime;

/// <summary>What <c>balance(@account, ASSET)</c> reads while variables are bound: live balances in a run, a recorder in a plan.</summary>
internal interface IOriginBalances
{
    BigInteger Read(string account, string asset);
}
