namespace WalletFlow.Domain.ChartOfAccounts;

/// <summary>The side on which an account's balance is reported when it holds value.</summary>
public enum NormalBalance
{
    Debit,
    Credit,
}
