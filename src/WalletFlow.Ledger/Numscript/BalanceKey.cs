namespace WalletFlow.Ledger.Numscript;

/// <summary>One balance the interpreter reads: an account address (without <c>@</c>) and an asset such as <c>USD/2</c>.</summary>
public readonly record struct BalanceKey(string Account, string Asset);
