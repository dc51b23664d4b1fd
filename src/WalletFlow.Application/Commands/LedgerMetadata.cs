namespace WalletFlow.Application.Commands;

/// <summary>The metadata keys WalletFlow writes on every ledger transaction a command posts.</summary>
public static class LedgerMetadata
{
    public const string CommandId = "walletflow_command_id";
    public const string Command = "walletflow_command";
}
