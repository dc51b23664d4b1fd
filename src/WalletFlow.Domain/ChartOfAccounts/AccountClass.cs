namespace WalletFlow.Domain.ChartOfAccounts;

/// <summary>What the value in an account is to WalletFlow.</summary>
public enum AccountClass
{
    Asset,
    Liability,
    Equity,
    Revenue,
    Expense,
}
