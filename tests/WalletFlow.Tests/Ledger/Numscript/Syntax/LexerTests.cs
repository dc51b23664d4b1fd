using WalletFlow.Domain.Errors;
using WalletFlow.Ledger.Numscript.Syntax;

namespace WalletFlow.Tests.Ledger.Numscript.Syntax;

public sealed class LexerTests
{
    private static List<Token> Lex(string text)
    {
        var result = Lexer.Tokenize(text);
        Assert.True(result.IsSuccess, result.Error?.ToString());
        return result.Value;
    }

    private static Error LexFails(string text)
    {
        var result = Lexer.Tokenize(text);
        Assert.False(result.IsSuccess);
        Assert.Equal(ErrorCodes.CompilationFailed, result.Error!.Code);
        return result.Error;
    }

    [Fact]
    public void Tokens_carry_kind_text_and_line_and_column()
    {
        var tokens = Lex("send [USD/2 100] (\n  source = @users:1\n)");
        Assert.Equal(
            [
                (TokenKind.Send, "send", 1, 1), (TokenKind.LeftBracket, "[", 1, 6), (TokenKind.Asset, "USD/2", 1, 7),
                (TokenKind.Number, "100", 1, 13), (TokenKind.RightBracket, "]", 1, 16), (TokenKind.LeftParen, "(", 1, 18),
                (TokenKind.Source, "source", 2, 3), (TokenKind.Equals, "=", 2, 10), (TokenKind.Account, "users:1", 2, 12),
                (TokenKind.RightParen, ")", 3, 1), (TokenKind.EndOfInput, "", 3, 2),
            ],
            tokens.Select(t => (t.Kind, t.Text, t.Position.Line, t.Position.Column)));
    }

    [Fact]
    public void Comments_are_skipped_and_block_comments_nest()
    {
        var tokens = Lex("// line comment\n/* outer /* inner */ still comment */ kept // trailing");
        Assert.Equal([TokenKind.Kept, TokenKind.EndOfInput], tokens.Select(t => t.Kind));
        Assert.Equal(new SourcePosition(2, 39), tokens[0].Position);
    }

    [Fact]
    public void Numbers_take_single_underscores_between_digits()
    {
        Assert.Equal("1_000_000", Lex("1_000_000")[0].Text);
        Assert.Contains("unexpected character '_'", LexFails("100_").Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("12%")]
    [InlineData("12.5%")]
    [InlineData("0.001%")]
    public void Percentages_are_one_token(string text)
    {
        var token = Lex(text)[0];
        Assert.Equal((TokenKind.Percentage, text), (token.Kind, token.Text));
    }

    [Fact]
    public void Assets_take_an_optional_precision()
    {
        Assert.Equal(["USD/2", "JPY", "USDC/6"], Lex("USD/2 JPY USDC/6").Where(t => t.Kind == TokenKind.Asset).Select(t => t.Text));
    }

    [Fact]
    public void Strings_variables_and_accounts_drop_their_markers()
    {
        var tokens = Lex("\"say \\\"hi\\\"\" $amount_2 @a-b:c_d:1");
        Assert.Equal(["say \\\"hi\\\"", "amount_2", "a-b:c_d:1"], tokens.Take(3).Select(t => t.Text));
    }

    [Theory]
    [InlineData("send \"open", "1:6", "never closed")]
    [InlineData("/* never closed", "1:1", "'*/'")]
    [InlineData("send #", "1:6", "unexpected character '#'")]
    [InlineData("@users:", "1:8", "account name segment")]
    [InlineData("@users:$id", "1:8", "account interpolation")]
    [InlineData("$1abc", "1:2", "variable name")]
    [InlineData("12.5", "1:5", "'%'")]
    [InlineData("ok\n  \u00e9", "2:3", "U+00E9")]
    public void Lexical_errors_name_line_column_and_what_was_expected(string text, string position, string expected)
    {
        var error = LexFails(text);
        Assert.StartsWith(position + ":", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
