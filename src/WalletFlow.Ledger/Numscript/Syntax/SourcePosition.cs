namespace WalletFlow.Ledger.Numscript.Syntax;

/// <summary>A 1-based line and column in the script text, printed as <c>line:column</c> in every error.</summary>
internal readonly record struct SourcePosition(int Line, int Column)
{
    public override string ToString() => $"{Line}:{Column}";
}
