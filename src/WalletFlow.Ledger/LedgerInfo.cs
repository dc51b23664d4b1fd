namespace WalletFlow.Ledger;

/// <summary>A ledger as the port knows it: its name and when it was created.</summary>
public sealed record LedgerInfo(string Name, DateTimeOffset AddedAt);
