using System.Numerics;

namespace WalletFlow.Ledger;

/// <summary>One leg of a transaction: <see cref="Amount"/> minor units of <see cref="Asset"/> (Formance notation, e.g. <c>USD/2</c>) from one account to another.</summary>
public sealed record Posting(string Source, string Destination, BigInteger Amount, string Asset);
