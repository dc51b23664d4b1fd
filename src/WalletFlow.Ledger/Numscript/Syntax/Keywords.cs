namespace WalletFlow.Ledger.Numscript.Syntax;

internal static class Keywords
{
    /// <summary>The keyword a lowercase word spells, or <see cref="TokenKind.Identifier"/> for any other word.</summary>
    public static TokenKind Classify(string word) => word switch
    {
        "vars" => TokenKind.Vars,
        "max" => TokenKind.Max,
        "source" => TokenKind.Source,
        "destination" => TokenKind.Destination,
        "send" => TokenKind.Send,
        "from" => TokenKind.From,
        "up" => TokenKind.Up,
        "to" => TokenKind.To,
        "remaining" => TokenKind.Remaining,
        "allowing" => TokenKind.Allowing,
        "unbounded" => TokenKind.Unbounded,
        "overdraft" => TokenKind.Overdraft,
        "kept" => TokenKind.Kept,
        "save" => TokenKind.Save,
        _ => TokenKind.Identifier,
    };
}
