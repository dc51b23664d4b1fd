namespace WalletFlow.Domain.ChartOfAccounts;

/// <summary>
/// The GL lines an event type debits and credits. A posting moves value from a source account to a destination: the
/// destination's line is debited if it is an asset or expense and credited otherwise, the source's the other way
/// round; <c>world</c> stands outside the book and appears on no event.
/// </summary>
public sealed record EventGlMapping(string EventType, IReadOnlyList<GlAccount> Debits, IReadOnlyList<GlAccount> Credits, string Description);
