namespace WalletFlow.Domain.ChartOfAccounts;

/// <summary>A line of the general ledger: every ledger account maps to exactly one.</summary>
public sealed record GlAccount(string Code, string Name, AccountClass Class, NormalBalance NormalBalance, string Description);
