namespace WalletFlow.Domain.ChartOfAccounts;

/// <summary>The accounting rules that tie classes to sides.</summary>
public static class AccountClasses
{
    /// <summary>Assets and expenses are debit-normal; liabilities, equity and revenue are credit-normal.</summary>
    public static NormalBalance NormalBalanceOf(AccountClass accountClass) =>
        accountClass is AccountClass.Asset or AccountClass.Expense ? NormalBalance.Debit : NormalBalance.Credit;
}
