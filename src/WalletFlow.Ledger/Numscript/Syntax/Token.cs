namespace WalletFlow.Ledger.Numscript.Syntax;

/// <summary>
/// One lexeme. <see cref="Text"/> is the lexeme as written, except for strings (the content between the quotes),
/// variables (the name without <c>$</c>) and accounts (the address without <c>@</c>).
/// </summary>
internal readonly record struct Token(TokenKind Kind, string Text, SourcePosition Position)
{
    public string Describe() => Kind switch
    {
        TokenKind.EndOfInput => "the end of the script",
        TokenKind.String => $"the string \"{Text}\"",
        TokenKind.Variable => $"'${Text}'",
        TokenKind.Account => $"'@{Text}'",
        _ => $"'{Text}'",
    };
}
