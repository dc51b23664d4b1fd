namespace WalletFlow.Ledger.Numscript;

/// <summary>The value types a Numscript variable can be declared with (<c>vars { monetary $amount }</c>).</summary>
public enum NumscriptType
{
    Monetary,
    Account,
    Number,
    String,
    Portion,
    Asset,
}
