using System.Globalization;
using System.Numerics;
using WalletFlow.Domain.Errors;
using WalletFlow.Ledger.Numscript.Runtime;

namespace WalletFlow.Ledger.Numscript.Syntax;

/// <summary>
/// Recursive-descent parser for the Numscript grammar Formance's interpreter accepts (Numscript.g4), without its
/// experimental constructs. Errors are state, not exceptions: the first one wins and every method returns null from
/// then on. Nesting is bounded so hostile input cannot exhaust the stack.
/// </summary>
internal sealed class Parser
{
    private const int MaxNesting = 64;

    private const string ValueExpected =
        "a value (a number, an amount such as [USD/2 100], an @account, an asset, a \"string\", a portion such as 10% or 1/3, or a $variable)";

    private readonly List<Token> _tokens;
    private readonly Dictionary<string, int> _slots = new(StringComparer.Ordinal);
    private int _index;
    private int _nesting;
    private Error? _error;

    private Parser(List<Token> tokens) => _tokens = tokens;

    public static Result<ProgramSyntax> Parse(string text)
    {
        if (!Lexer.Tokenize(text).TryGetValue(out var tokens, out var lexError))
        {
            return lexError;
        }

        var parser = new Parser(tokens);
        var program = parser.ParseProgram();
        return parser._error is { } error ? Result<ProgramSyntax>.Failure(error) : program!;
    }

    private Token Current => _tokens[_index];

    private bool Check(TokenKind kind) => Current.Kind == kind;

    private Token Advance()
    {
        var token = Current;
        if (token.Kind != TokenKind.EndOfInput)
        {
            _index++;
        }

        return token;
    }

    private bool Expect(TokenKind kind, string what)
    {
        if (Check(kind))
        {
            Advance();
            return true;
        }

        Fail(Current.Position, $"expected {what}, found {Current.Describe()}");
        return false;
    }

    private void Fail(SourcePosition position, string message) =>
        _error ??= NumscriptErrors.Compilation(position, message);

    private bool Enter()
    {
        if (++_nesting <= MaxNesting)
        {
            return true;
        }

        Fail(Current.Position, $"the script nests deeper than {MaxNesting} levels");
        return false;
    }

    private ProgramSyntax? ParseProgram()
    {
        while (Check(TokenKind.PragmaStart))
        {
            if (!ParsePragma())
            {
                return null;
            }
        }

        VariableDeclaration[] variables = [];
        if (Check(TokenKind.Vars))
        {
            var declared = ParseVarsBlock();
            if (declared is null)
            {
                return null;
            }

            variables = declared;
        }

        var statements = new List<Statement>();
        while (!Check(TokenKind.EndOfInput))
        {
            var statement = ParseStatement();
            if (statement is null)
            {
                return null;
            }

            statements.Add(statement);
        }

        return new ProgramSyntax(variables, [.. statements]);
    }

    /// <summary>
    /// <c>#![feature("name")]</c>, before the vars block (Formance's program flags). A name Formance does not know is
    /// its InvalidFeature. A known name is accepted: a flag only permits its construct, and every experimental
    /// construct is refused where a script uses it, so a script that names a flag and keeps to the rest of the language
    /// runs as it would on Formance.
    /// </summary>
    private bool ParsePragma()
    {
        Advance();
        if (!Expect(TokenKind.LeftBracket, "'[' after '#!'"))
        {
            return false;
        }

        if (Current is not { Kind: TokenKind.Identifier, Text: "feature" })
        {
            Fail(Current.Position, $"expected 'feature' in the pragma, found {Current.Describe()}");
            return false;
        }

        Advance();
        if (!Expect(TokenKind.LeftParen, "'(' after 'feature'"))
        {
            return false;
        }

        if (!Check(TokenKind.String))
        {
            Fail(Current.Position, $"expected the feature's name as a \"string\", found {Current.Describe()}");
            return false;
        }

        var feature = Advance();
        if (!Expect(TokenKind.RightParen, "')' after the feature's name") || !Expect(TokenKind.RightBracket, "']' to close the pragma"))
        {
            return false;
        }

        if (!ExperimentalFeatures.IsKnown(feature.Text))
        {
            _error ??= NumscriptErrors.UnknownFeature(feature.Text, feature.Position);
            return false;
        }

        return true;
    }

    private VariableDeclaration[]? ParseVarsBlock()
    {
        Advance();
        if (!Expect(TokenKind.LeftBrace, "'{' after 'vars'"))
        {
            return null;
        }

        var declarations = new List<VariableDeclaration>();
        while (!Check(TokenKind.RightBrace))
        {
            if (!Check(TokenKind.Identifier))
            {
                Fail(Current.Position, $"expected a variable type (monetary, account, number, string, portion, asset) or '}}', found {Current.Describe()}");
                return null;
            }

            var type = Advance();
            if (!Check(TokenKind.Variable))
            {
                Fail(Current.Position, $"expected a variable name such as $amount after the type '{type.Text}', found {Current.Describe()}");
                return null;
            }

            var name = Advance();
            FunctionCall? origin = null;
            if (Check(TokenKind.Equals))
            {
                Advance();
                if (!Check(TokenKind.Identifier) && !Check(TokenKind.Overdraft))
                {
                    Fail(Current.Position, $"expected a function call such as meta(...) or balance(...) after '=', found {Current.Describe()}");
                    return null;
                }

                origin = ParseFunctionCall();
                if (origin is null)
                {
                    return null;
                }
            }

            _slots.TryAdd(name.Text, declarations.Count);
            declarations.Add(new VariableDeclaration(name.Position, type.Text, type.Position, name.Text, origin));
        }

        Advance();
        return [.. declarations];
    }

    private Statement? ParseStatement()
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Send:
                return ParseSend();
            case TokenKind.Save:
                return ParseSave();
            case TokenKind.Identifier or TokenKind.Overdraft when _tokens[_index + 1].Kind == TokenKind.LeftParen:
                var call = ParseFunctionCall();
                return call is null ? null : new FunctionCallStatement(call.Position, call);
            case TokenKind.Vars:
                Fail(token.Position, "the vars block must come first, before any statement");
                return null;
            default:
                Fail(token.Position, $"expected a statement ('send', 'save' or a function call such as set_tx_meta(...)), found {token.Describe()}");
                return null;
        }
    }

    private FunctionCall? ParseFunctionCall()
    {
        var name = Advance();
        if (!Expect(TokenKind.LeftParen, $"'(' after the function name '{name.Text}'"))
        {
            return null;
        }

        var arguments = new List<Expression>();
        if (!Check(TokenKind.RightParen))
        {
            while (true)
            {
                var argument = ParseExpression();
                if (argument is null)
                {
                    return null;
                }

                arguments.Add(argument);
                if (!Check(TokenKind.Comma))
                {
                    break;
                }

                Advance();
            }
        }

        return Expect(TokenKind.RightParen, "',' or ')' in the arguments")
            ? new FunctionCall(name.Position, name.Text, [.. arguments])
            : null;
    }

    private SendStatement? ParseSend()
    {
        var send = Advance();
        var (sent, sendsAll) = ParseSentValue();
        if (sent is null
            || !Expect(TokenKind.LeftParen, "'(' after the amount to send")
            || !Expect(TokenKind.Source, "'source'")
            || !Expect(TokenKind.Equals, "'=' after 'source'"))
        {
            return null;
        }

        var source = ParseSource();
        if (source is null
            || !Expect(TokenKind.Destination, "'destination' after the source")
            || !Expect(TokenKind.Equals, "'=' after 'destination'"))
        {
            return null;
        }

        var destination = ParseDestination();
        if (destination is null || !Expect(TokenKind.RightParen, "')' to close the send statement"))
        {
            return null;
        }

        return new SendStatement(send.Position, sent, sendsAll, source, destination);
    }

    private SaveStatement? ParseSave()
    {
        var save = Advance();
        var (sent, savesAll) = ParseSentValue();
        if (sent is null || !Expect(TokenKind.From, "'from' after the amount to save"))
        {
            return null;
        }

        var account = ParseExpression();
        return account is null ? null : new SaveStatement(save.Position, sent, savesAll, account);
    }

    /// <summary>
    /// <c>[ASSET *]</c> (everything) or an expression. Both may start with '[', so the bracket is read once as the
    /// start of a send-all and, if no '*' follows the asset, read again as an expression.
    /// </summary>
    private (Expression? Sent, bool All) ParseSentValue()
    {
        if (Check(TokenKind.LeftBracket))
        {
            var (mark, nesting) = (_index, _nesting);
            Advance();
            var asset = ParseUnary();
            if (asset is not null && Check(TokenKind.Star))
            {
                Advance();
                return Expect(TokenKind.RightBracket, "']' after '*'") ? (asset, true) : (null, false);
            }

            (_index, _nesting, _error) = (mark, nesting, null);
        }

        return (ParseExpression(), false);
    }

    private Expression? ParseExpression()
    {
        if (!Enter())
        {
            return null;
        }

        var expression = ParseAdditive();
        _nesting--;
        return expression;
    }

    private Expression? ParseAdditive()
    {
        var left = ParseMultiplicative();
        while (left is not null && (Check(TokenKind.Plus) || Check(TokenKind.Minus)))
        {
            var op = Advance().Kind == TokenKind.Plus ? InfixOperator.Plus : InfixOperator.Minus;
            var right = ParseMultiplicative();
            left = right is null ? null : new InfixExpression(left.Position, op, left, right);
        }

        return left;
    }

    private Expression? ParseMultiplicative()
    {
        var left = ParseUnary();
        while (left is not null && Check(TokenKind.Slash))
        {
            Advance();
            var right = ParseUnary();
            left = right is null ? null : new InfixExpression(left.Position, InfixOperator.Divide, left, right);
        }

        return left;
    }

    /// <summary>
    /// <c>'-' unary | primary</c>: Formance's prefix minus takes a number or a monetary (its checker's
    /// checkHasOneOfTypes) and binds tighter than the infix operators. A literal operand is negated here, once.
    /// </summary>
    private Expression? ParseUnary()
    {
        if (!Check(TokenKind.Minus))
        {
            return ParsePrimary();
        }

        var minus = Advance();
        if (!Enter())
        {
            return null;
        }

        var operand = ParseUnary();
        _nesting--;
        return operand switch
        {
            null => null,
            LiteralExpression { Value.Type: NumscriptType.Number } number =>
                new LiteralExpression(minus.Position, Value.Number(-number.Value.Integer)),
            LiteralExpression { Value.Type: NumscriptType.Monetary } monetary =>
                new LiteralExpression(minus.Position, Value.Monetary(monetary.Value.Text, -monetary.Value.Integer)),
            _ => new NegateExpression(minus.Position, operand),
        };
    }

    private Expression? ParsePrimary()
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Variable:
                Advance();
                return new VariableExpression(token.Position, token.Text, _slots.GetValueOrDefault(token.Text, -1));
            case TokenKind.Asset:
                Advance();
                return new LiteralExpression(token.Position, Value.Asset(token.Text));
            case TokenKind.String:
                Advance();
                return new LiteralExpression(token.Position, Value.String(token.Text));
            case TokenKind.Account:
                Advance();
                return new LiteralExpression(token.Position, Value.Account(token.Text));
            case TokenKind.Number:
                Advance();
                return new LiteralExpression(token.Position, Value.Number(ParseNumber(token.Text)));
            case TokenKind.Percentage:
                Advance();
                return new LiteralExpression(token.Position, Value.OfPortion(ParsePercentage(token.Text)));
            case TokenKind.LeftBracket:
                return ParseMonetary();
            case TokenKind.LeftParen:
                Advance();
                var inner = ParseExpression();
                return inner is not null && Expect(TokenKind.RightParen, "')' to close the parenthesis") ? inner : null;
            default:
                Fail(token.Position, $"expected {ValueExpected}, found {token.Describe()}");
                return null;
        }
    }

    private Expression? ParseMonetary()
    {
        var open = Advance();
        var asset = ParseUnary();
        var amount = asset is null ? null : ParseExpression();
        if (amount is null || !Expect(TokenKind.RightBracket, "']' to close the amount"))
        {
            return null;
        }

        return asset is LiteralExpression { Value.Type: NumscriptType.Asset } assetLiteral
               && amount is LiteralExpression { Value.Type: NumscriptType.Number } amountLiteral
            ? new LiteralExpression(open.Position, Value.Monetary(assetLiteral.Value.Text, amountLiteral.Value.Integer))
            : new MonetaryExpression(open.Position, asset!, amount);
    }

    private Source? ParseSource()
    {
        if (!Enter())
        {
            return null;
        }

        var source = ParseSourceCore();
        _nesting--;
        return source;
    }

    private Source? ParseSourceCore()
    {
        var token = Current;
        if (token.Kind == TokenKind.LeftBrace)
        {
            return ParseSourceBlock();
        }

        if (token.Kind == TokenKind.Max)
        {
            Advance();
            var cap = ParseExpression();
            if (cap is null || !Expect(TokenKind.From, "'from' after the cap of 'max'"))
            {
                return null;
            }

            var from = ParseSource();
            return from is null ? null : new CappedSource(token.Position, cap, from);
        }

        if (token is { Kind: TokenKind.Identifier, Text: "oneof" })
        {
            Fail(token.Position, "'oneof' is an experimental Formance feature (flag experimental-oneof) and is not supported");
            return null;
        }

        var account = ParseExpression();
        return account is null ? null : ParseAccountSourceTail(account);
    }

    private Source? ParseAccountSourceTail(Expression account)
    {
        if (!Check(TokenKind.Allowing))
        {
            return new AccountSource(account.Position, account);
        }

        Advance();
        if (Check(TokenKind.Unbounded))
        {
            Advance();
            return Expect(TokenKind.Overdraft, "'overdraft' after 'allowing unbounded'")
                ? new OverdraftSource(account.Position, account, null)
                : null;
        }

        if (!Expect(TokenKind.Overdraft, "'unbounded overdraft' or 'overdraft up to' after 'allowing'")
            || !Expect(TokenKind.Up, "'up' after 'allowing overdraft'")
            || !Expect(TokenKind.To, "'to' after 'allowing overdraft up'"))
        {
            return null;
        }

        var bound = ParseExpression();
        return bound is null ? null : new OverdraftSource(account.Position, account, bound);
    }

    /// <summary>
    /// A braced source is an allotment when its first part is a portion followed by 'from' (or 'remaining'), else an
    /// ordered list of sources.
    /// </summary>
    private Source? ParseSourceBlock()
    {
        var open = Advance();
        if (Check(TokenKind.RightBrace))
        {
            Advance();
            return new InorderSource(open.Position, []);
        }

        if (Check(TokenKind.Remaining))
        {
            return ParseSourceAllotment(open, null);
        }

        if (Check(TokenKind.LeftBrace) || Check(TokenKind.Max))
        {
            return ParseSourceInorder(open, null);
        }

        var first = ParseExpression();
        if (first is null)
        {
            return null;
        }

        if (Check(TokenKind.From))
        {
            return ParseSourceAllotment(open, first);
        }

        var firstSource = ParseAccountSourceTail(first);
        return firstSource is null ? null : ParseSourceInorder(open, firstSource);
    }

    private InorderSource? ParseSourceInorder(Token open, Source? first)
    {
        var sources = new List<Source>();
        if (first is not null)
        {
            sources.Add(first);
        }

        while (!Check(TokenKind.RightBrace))
        {
            if (Check(TokenKind.EndOfInput))
            {
                Fail(Current.Position, "expected '}' to close the source block, found the end of the script");
                return null;
            }

            var source = ParseSource();
            if (source is null)
            {
                return null;
            }

            sources.Add(source);
        }

        Advance();
        return new InorderSource(open.Position, [.. sources]);
    }

    private AllotmentSource? ParseSourceAllotment(Token open, Expression? firstPortion)
    {
        var items = new List<SourceAllotmentItem>();
        var pending = firstPortion;
        while (pending is not null || !Check(TokenKind.RightBrace))
        {
            Expression? portion;
            SourcePosition position;
            if (pending is not null)
            {
                (portion, position, pending) = (pending, pending.Position, null);
            }
            else if (Check(TokenKind.Remaining))
            {
                (portion, position) = (null, Advance().Position);
            }
            else
            {
                portion = ParseExpression();
                if (portion is null)
                {
                    return null;
                }

                position = portion.Position;
            }

            if (!Expect(TokenKind.From, "'from' after the portion of a source allotment"))
            {
                return null;
            }

            var from = ParseSource();
            if (from is null)
            {
                return null;
            }

            items.Add(new SourceAllotmentItem(position, portion, from));
        }

        Advance();
        return new AllotmentSource(open.Position, [.. items]);
    }

    private Destination? ParseDestination()
    {
        if (!Enter())
        {
            return null;
        }

        var destination = ParseDestinationCore();
        _nesting--;
        return destination;
    }

    private Destination? ParseDestinationCore()
    {
        if (Check(TokenKind.LeftBrace))
        {
            return ParseDestinationBlock();
        }

        if (Current is { Kind: TokenKind.Identifier, Text: "oneof" })
        {
            Fail(Current.Position, "'oneof' is an experimental Formance feature (flag experimental-oneof) and is not supported");
            return null;
        }

        var account = ParseExpression();
        return account is null ? null : new AccountDestination(account.Position, account);
    }

    private Destination? ParseDestinationBlock()
    {
        var open = Advance();
        if (Check(TokenKind.Max))
        {
            return ParseDestinationInorder(open);
        }

        if (Check(TokenKind.RightBrace))
        {
            Fail(Current.Position, "a destination block needs parts: '50% to @a ...' or 'max [..] to @a ... remaining to @b'");
            return null;
        }

        var items = new List<DestinationAllotmentItem>();
        while (!Check(TokenKind.RightBrace))
        {
            Expression? portion = null;
            SourcePosition position;
            if (Check(TokenKind.Remaining))
            {
                position = Advance().Position;
            }
            else
            {
                portion = ParseExpression();
                if (portion is null)
                {
                    return null;
                }

                position = portion.Position;
            }

            var target = ParseTarget();
            if (target is null)
            {
                return null;
            }

            items.Add(new DestinationAllotmentItem(position, portion, target));
        }

        Advance();
        return new AllotmentDestination(open.Position, [.. items]);
    }

    private InorderDestination? ParseDestinationInorder(Token open)
    {
        var clauses = new List<InorderClause>();
        while (Check(TokenKind.Max))
        {
            var max = Advance();
            var cap = ParseExpression();
            var target = cap is null ? null : ParseTarget();
            if (target is null)
            {
                return null;
            }

            clauses.Add(new InorderClause(max.Position, cap!, target));
        }

        if (!Expect(TokenKind.Remaining, "'max' or 'remaining' in an ordered destination"))
        {
            return null;
        }

        var remaining = ParseTarget();
        if (remaining is null || !Expect(TokenKind.RightBrace, "'}' after the 'remaining' part of an ordered destination"))
        {
            return null;
        }

        return new InorderDestination(open.Position, [.. clauses], remaining);
    }

    private DestinationTarget? ParseTarget()
    {
        var token = Current;
        if (token.Kind == TokenKind.Kept)
        {
            Advance();
            return new DestinationTarget(token.Position, null);
        }

        if (!Expect(TokenKind.To, "'to' or 'kept'"))
        {
            return null;
        }

        var destination = ParseDestination();
        return destination is null ? null : new DestinationTarget(token.Position, destination);
    }

    private static BigInteger ParseNumber(string text) =>
        BigInteger.Parse(text.Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture);

    /// <summary><c>12.5%</c> is 125/1000, reduced.</summary>
    private static Rational ParsePercentage(string text)
    {
        var digits = text.AsSpan(0, text.Length - 1);
        var dot = digits.IndexOf('.');
        var decimals = dot < 0 ? 0 : digits.Length - dot - 1;
        var numerator = dot < 0
            ? BigInteger.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture)
            : BigInteger.Parse(string.Concat(digits[..dot], digits[(dot + 1)..]), NumberStyles.None, CultureInfo.InvariantCulture);
        return Rational.Create(numerator, 100 * BigInteger.Pow(10, decimals));
    }
}
