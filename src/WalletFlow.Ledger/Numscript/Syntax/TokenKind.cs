namespace WalletFlow.Ledger.Numscript.Syntax;

internal enum TokenKind
{
    EndOfInput,

    Vars,
    Max,
    Source,
    Destination,
    Send,
    From,
    Up,
    To,
    Remaining,
    Allowing,
    Unbounded,
    Overdraft,
    Kept,
    Save,

    LeftParen,
    RightParen,
    LeftBracket,
    RightBracket,
    LeftBrace,
    RightBrace,
    Comma,
    Equals,
    Star,
    Plus,
    Minus,
    Slash,
    PragmaStart,

    Number,
    Percentage,
    String,
    Identifier,
    Variable,
    Account,
    Asset,
}
