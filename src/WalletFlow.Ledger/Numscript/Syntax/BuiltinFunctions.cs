namespace WalletFlow.Ledger.Numscript.Syntax;

/// <summary>The function names of Formance's standard library (analysis/check.go, Builtins).</summary>
internal static class BuiltinFunctions
{
    public const string SetTxMeta = "set_tx_meta";
    public const string SetAccountMeta = "set_account_meta";
    public const string Meta = "meta";
    public const string Balance = "balance";

    /// <summary>Functions Formance only runs behind an experimental flag, which its ledger does not set by default.</summary>
    public static string? ExperimentalFlag(string name) => name switch
    {
        "overdraft" => "experimental-overdraft-function",
        "get_asset" => "experimental-get-asset-function",
        "get_amount" => "experimental-get-amount-function",
        _ => null,
    };
}
