using System.Numerics;

namespace WalletFlow.Ledger.Numscript;

/// <summary>A movement the script produced: <see cref="Amount"/> minor units of <see cref="Asset"/> from one account to another.</summary>
public sealed record NumscriptPosting(string Source, string Destination, BigInteger Amount, string Asset);
