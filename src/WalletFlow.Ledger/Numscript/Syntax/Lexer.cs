using System.Globalization;
using WalletFlow.Domain.Errors;

namespace WalletFlow.Ledger.Numscript.Syntax;

/// <summary>
/// Turns script text into tokens following Formance's lexer grammar (Lexer.g4): whitespace and comments (nested
/// <c>/* */</c>, <c>//</c>) are skipped, numbers may hold single underscores between digits, percentages may have
/// decimals, assets are <c>[A-Z][A-Z0-9]*</c> with an optional <c>/digits</c>, <c>#!</c> opens a feature pragma. Any text gives tokens or a positioned
/// error, never an exception.
/// </summary>
internal sealed class Lexer
{
    private readonly string _text;
    private readonly List<Token> _tokens = [];
    private int _index;
    private int _line = 1;
    private int _lineStart;
    private Error? _error;

    private Lexer(string text) => _text = text;

    public static Result<List<Token>> Tokenize(string text)
    {
        var lexer = new Lexer(text);
        lexer.Run();
        return lexer._error is { } error ? error : lexer._tokens;
    }

    private void Run()
    {
        while (_error is null && _index < _text.Length)
        {
            var c = _text[_index];
            switch (c)
            {
                case ' ' or '\t' or '\r':
                    _index++;
                    break;
                case '\n':
                    NewLine();
                    break;
                case '/' when Peek(1) == '/':
                    SkipLineComment();
                    break;
                case '/' when Peek(1) == '*':
                    SkipBlockComment();
                    break;
                case '#' when Peek(1) == '!':
                    Add(TokenKind.PragmaStart, "#!", Here());
                    _index += 2;
                    break;
                case '"':
                    LexString();
                    break;
                case '@':
                    LexAccount();
                    break;
                case '$':
                    LexVariable();
                    break;
                case >= '0' and <= '9':
                    LexNumber();
                    break;
                case >= 'A' and <= 'Z':
                    LexAsset();
                    break;
                case >= 'a' and <= 'z':
                    LexWord();
                    break;
                default:
                    LexPunctuation(c);
                    break;
            }
        }

        if (_error is null)
        {
            _tokens.Add(new Token(TokenKind.EndOfInput, string.Empty, Here()));
        }
    }

    private char Peek(int offset) => _index + offset < _text.Length ? _text[_index + offset] : '\0';

    private SourcePosition Here() => new(_line, _index - _lineStart + 1);

    private void NewLine()
    {
        _index++;
        _line++;
        _lineStart = _index;
    }

    private void Fail(SourcePosition position, string message) => _error = NumscriptErrors.Compilation(position, message);

    private void Add(TokenKind kind, string text, SourcePosition position) => _tokens.Add(new Token(kind, text, position));

    private void SkipLineComment()
    {
        while (_index < _text.Length && _text[_index] != '\n')
        {
            _index++;
        }
    }

    private void SkipBlockComment()
    {
        var start = Here();
        var depth = 0;
        while (_index < _text.Length)
        {
            if (_text[_index] == '/' && Peek(1) == '*')
            {
                depth++;
                _index += 2;
            }
            else if (_text[_index] == '*' && Peek(1) == '/')
            {
                depth--;
                _index += 2;
                if (depth == 0)
                {
                    return;
                }
            }
            else if (_text[_index] == '\n')
            {
                NewLine();
            }
            else
            {
                _index++;
            }
        }

        Fail(start, "this comment is never closed: expected '*/'");
    }

    private void LexString()
    {
        var start = Here();
        var contentStart = ++_index;
        while (_index < _text.Length)
        {
            var c = _text[_index];
            if (c == '\\' && Peek(1) == '"')
            {
                _index += 2;
            }
            else if (c == '"')
            {
                Add(TokenKind.String, _text[contentStart.._index], start);
                _index++;
                return;
            }
            else if (c is '\r' or '\n')
            {
                break;
            }
            else
            {
                _index++;
            }
        }

        Fail(start, "this string is never closed: expected '\"' before the end of the line");
    }

    private void LexAccount()
    {
        var start = Here();
        var nameStart = ++_index;
        while (true)
        {
            var segmentStart = _index;
            while (_index < _text.Length && Runtime.LedgerNames.IsAccountChar(_text[_index]))
            {
                _index++;
            }

            if (_index == segmentStart)
            {
                var message = Peek(0) == '$'
                    ? "account interpolation ('@a:$var') is an experimental Formance feature and is not supported: pass the whole address as an account variable"
                    : $"expected an account name segment (letters, digits, '_' or '-'), found {DescribeChar()}";
                Fail(Here(), message);
                return;
            }

            if (Peek(0) != ':')
            {
                break;
            }

            _index++;
        }

        Add(TokenKind.Account, _text[nameStart.._index], start);
    }

    private void LexVariable()
    {
        var start = Here();
        var nameStart = ++_index;
        if (!(char.IsAsciiLetterLower(Peek(0)) || Peek(0) == '_'))
        {
            Fail(Here(), $"expected a variable name (lowercase letters, digits and '_') after '$', found {DescribeChar()}");
            return;
        }

        while (_index < _text.Length && (char.IsAsciiLetterLower(_text[_index]) || char.IsAsciiDigit(_text[_index]) || _text[_index] == '_'))
        {
            _index++;
        }

        Add(TokenKind.Variable, _text[nameStart.._index], start);
    }

    private void LexNumber()
    {
        var start = Here();
        var numberStart = _index;
        SkipDigits();

        if (Peek(0) == '%')
        {
            _index++;
            Add(TokenKind.Percentage, _text[numberStart.._index], start);
            return;
        }

        if (Peek(0) == '.')
        {
            _index++;
            if (!char.IsAsciiDigit(Peek(0)))
            {
                Fail(Here(), $"expected the decimals of a percentage, found {DescribeChar()}");
                return;
            }

            SkipDigits();
            if (Peek(0) != '%')
            {
                Fail(Here(), $"a decimal number must be a percentage: expected '%', found {DescribeChar()}");
                return;
            }

            _index++;
            Add(TokenKind.Percentage, _text[numberStart.._index], start);
            return;
        }

        while (Peek(0) == '_' && char.IsAsciiDigit(Peek(1)))
        {
            _index++;
            SkipDigits();
        }

        Add(TokenKind.Number, _text[numberStart.._index], start);
    }

    private void SkipDigits()
    {
        while (_index < _text.Length && char.IsAsciiDigit(_text[_index]))
        {
            _index++;
        }
    }

    private void LexAsset()
    {
        var start = Here();
        var assetStart = _index;
        while (_index < _text.Length && (char.IsAsciiLetterUpper(_text[_index]) || char.IsAsciiDigit(_text[_index])))
        {
            _index++;
        }

        if (Peek(0) == '/' && char.IsAsciiDigit(Peek(1)))
        {
            _index++;
            SkipDigits();
        }

        Add(TokenKind.Asset, _text[assetStart.._index], start);
    }

    private void LexWord()
    {
        var start = Here();
        var wordStart = _index;
        while (_index < _text.Length && (char.IsAsciiLetterLower(_text[_index]) || _text[_index] == '_'))
        {
            _index++;
        }

        var word = _text[wordStart.._index];
        Add(Keywords.Classify(word), word, start);
    }

    private void LexPunctuation(char c)
    {
        var kind = c switch
        {
            '(' => TokenKind.LeftParen,
            ')' => TokenKind.RightParen,
            '[' => TokenKind.LeftBracket,
            ']' => TokenKind.RightBracket,
            '{' => TokenKind.LeftBrace,
            '}' => TokenKind.RightBrace,
            ',' => TokenKind.Comma,
            '=' => TokenKind.Equals,
            '*' => TokenKind.Star,
            '+' => TokenKind.Plus,
            '-' => TokenKind.Minus,
            '/' => TokenKind.Slash,
            _ => TokenKind.EndOfInput,
        };

        if (kind == TokenKind.EndOfInput)
        {
            Fail(Here(), $"unexpected character {DescribeChar()}");
            return;
        }

        Add(kind, c.ToString(), Here());
        _index++;
    }

    private string DescribeChar()
    {
        if (_index >= _text.Length)
        {
            return "the end of the script";
        }

        var c = _text[_index];
        return c is >= ' ' and < '\x7f'
            ? $"'{c}'"
            : string.Create(CultureInfo.InvariantCulture, $"U+{(int)c:X4}");
    }
}
