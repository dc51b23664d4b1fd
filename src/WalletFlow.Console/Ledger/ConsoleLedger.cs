namespace WalletFlow.Console.Ledger;

/// <summary>The ledger the console reads: WalletFlow keeps its books in one ledger.</summary>
public static class ConsoleLedger
{
    public const string Name = "main";
}
