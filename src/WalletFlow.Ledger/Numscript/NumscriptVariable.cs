namespace WalletFlow.Ledger.Numscript;

/// <summary>
/// A variable declared in a script's <c>vars</c> block. A computed variable takes its value from <c>meta()</c> or
/// <c>balance()</c>; the caller supplies every other one, as a string (see docs/numscript.md, "Variables").
/// </summary>
public sealed record NumscriptVariable(string Name, NumscriptType Type, bool IsComputed);
