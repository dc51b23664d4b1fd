namespace WalletFlow.Persistence.Commands;

/// <summary>The ledger, by name, that the journal posts commands to (<c>WALLETFLOW_LEDGER</c>).</summary>
public sealed record CommandLedger(string Name);
