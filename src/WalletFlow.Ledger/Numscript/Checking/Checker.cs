using WalletFlow.Domain.Errors;
using WalletFlow.Ledger.Numscript.Syntax;

namespace WalletFlow.Ledger.Numscript.Checking;

/// <summary>
/// Static checks run once at parse time: every variable is declared (before use, in the vars block) and declared
/// once, every type name exists, every function exists with the right arity, and every expression has the type its
/// place needs. Formance reports most of these only when the faulty statement runs; every run of such a script would
/// fail, so failing at parse time changes when the error shows, not whether (docs/numscript.md, "Checks").
/// </summary>
internal sealed class Checker
{
    private readonly ProgramSyntax _program;
    private readonly NumscriptType?[] _slotTypes;
    private Error? _error;

    private Checker(ProgramSyntax program)
    {
        _program = program;
        _slotTypes = new NumscriptType?[program.Variables.Length];
    }

    public static Error? Check(ProgramSyntax program)
    {
        var checker = new Checker(program);
        checker.CheckProgram();
        return checker._error;
    }

    public static NumscriptType? ParseTypeName(string name) => name switch
    {
        "monetary" => NumscriptType.Monetary,
        "account" => NumscriptType.Account,
        "number" => NumscriptType.Number,
        "string" => NumscriptType.String,
        "portion" => NumscriptType.Portion,
        "asset" => NumscriptType.Asset,
        _ => null,
    };

    private void Fail(SourcePosition position, string message) =>
        _error ??= NumscriptErrors.Compilation(position, message);

    private void CheckProgram()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var slot = 0; slot < _program.Variables.Length && _error is null; slot++)
        {
            var declaration = _program.Variables[slot];
            var type = ParseTypeName(declaration.TypeName);
            if (type is null)
            {
                Fail(declaration.TypePosition, $"unknown type '{declaration.TypeName}': expected monetary, account, number, string, portion or asset");
                return;
            }

            if (!seen.Add(declaration.Name))
            {
                Fail(declaration.Position, $"variable ${declaration.Name} is declared twice");
                return;
            }

            if (declaration.Origin is { } origin)
            {
                CheckOrigin(origin, declaration.Name, type.Value);
            }

            _slotTypes[slot] = type;
        }

        foreach (var statement in _program.Statements)
        {
            if (_error is not null)
            {
                return;
            }

            CheckStatement(statement);
        }
    }

    private void CheckOrigin(FunctionCall origin, string variable, NumscriptType declared)
    {
        switch (origin.Name)
        {
            case BuiltinFunctions.Meta:
                CheckArguments(origin, NumscriptType.Account, NumscriptType.String);
                break;
            case BuiltinFunctions.Balance:
                CheckArguments(origin, NumscriptType.Account, NumscriptType.Asset);
                if (declared != NumscriptType.Monetary)
                {
                    Fail(origin.Position, $"balance() gives a monetary, but ${variable} is declared as {NumscriptErrors.TypeName(declared)}");
                }

                break;
            case BuiltinFunctions.SetTxMeta or BuiltinFunctions.SetAccountMeta:
                Fail(origin.Position, $"{origin.Name}() is a statement and cannot give a variable its value");
                break;
            default:
                FailUnknownFunction(origin);
                break;
        }
    }

    private void CheckStatement(Statement statement)
    {
        switch (statement)
        {
            case SendStatement send:
                Expect(send.Sent, send.SendsAll ? NumscriptType.Asset : NumscriptType.Monetary);
                CheckSource(send.Source);
                CheckDestination(send.Destination);
                break;
            case SaveStatement save:
                Expect(save.Sent, save.SavesAll ? NumscriptType.Asset : NumscriptType.Monetary);
                Expect(save.Account, NumscriptType.Account);
                break;
            case FunctionCallStatement { Call: var call }:
                CheckStatementCall(call);
                break;
            default:
                throw new InvalidOperationException($"Unknown statement {statement.GetType().Name}.");
        }
    }

    private void CheckStatementCall(FunctionCall call)
    {
        switch (call.Name)
        {
            case BuiltinFunctions.SetTxMeta:
                CheckArguments(call, NumscriptType.String, null);
                break;
            case BuiltinFunctions.SetAccountMeta:
                CheckArguments(call, NumscriptType.Account, NumscriptType.String, null);
                break;
            case BuiltinFunctions.Meta or BuiltinFunctions.Balance:
                Fail(call.Position, $"{call.Name}() can only give a variable its value in the vars block (calling it mid-script is an experimental Formance feature)");
                break;
            default:
                FailUnknownFunction(call);
                break;
        }
    }

    private void FailUnknownFunction(FunctionCall call)
    {
        var flag = BuiltinFunctions.ExperimentalFlag(call.Name);
        Fail(call.Position, flag is null
            ? $"unknown function '{call.Name}'"
            : $"{call.Name}() is an experimental Formance function (flag {flag}) and is not supported");
    }

    /// <summary>Checks arity then each argument; a null parameter type accepts any value.</summary>
    private void CheckArguments(FunctionCall call, params NumscriptType?[] parameters)
    {
        if (call.Arguments.Length != parameters.Length)
        {
            Fail(call.Position, $"{call.Name}() takes {parameters.Length} argument(s), got {call.Arguments.Length}");
            return;
        }

        for (var i = 0; i < parameters.Length; i++)
        {
            if (parameters[i] is { } type)
            {
                Expect(call.Arguments[i], type);
            }
            else
            {
                TypeOf(call.Arguments[i]);
            }
        }
    }

    private void CheckSource(Source source)
    {
        switch (source)
        {
            case AccountSource account:
                Expect(account.Account, NumscriptType.Account);
                break;
            case OverdraftSource overdraft:
                Expect(overdraft.Account, NumscriptType.Account);
                if (overdraft.Bound is { } bound)
                {
                    Expect(bound, NumscriptType.Monetary);
                }

                break;
            case InorderSource inorder:
                foreach (var inner in inorder.Sources)
                {
                    CheckSource(inner);
                }

                break;
            case CappedSource capped:
                Expect(capped.Cap, NumscriptType.Monetary);
                CheckSource(capped.From);
                break;
            case AllotmentSource allotment:
                CheckRemainingOnce(allotment.Position, allotment.Items.Count(item => item.Portion is null));
                foreach (var item in allotment.Items)
                {
                    if (item.Portion is { } portion)
                    {
                        Expect(portion, NumscriptType.Portion);
                    }

                    CheckSource(item.From);
                }

                break;
            default:
                throw new InvalidOperationException($"Unknown source {source.GetType().Name}.");
        }
    }

    private void CheckDestination(Destination destination)
    {
        switch (destination)
        {
            case AccountDestination account:
                Expect(account.Account, NumscriptType.Account);
                break;
            case AllotmentDestination allotment:
                CheckRemainingOnce(allotment.Position, allotment.Items.Count(item => item.Portion is null));
                foreach (var item in allotment.Items)
                {
                    if (item.Portion is { } portion)
                    {
                        Expect(portion, NumscriptType.Portion);
                    }

                    CheckTarget(item.Target);
                }

                break;
            case InorderDestination inorder:
                foreach (var clause in inorder.Clauses)
                {
                    Expect(clause.Cap, NumscriptType.Monetary);
                    CheckTarget(clause.Target);
                }

                CheckTarget(inorder.Remaining);
                break;
            default:
                throw new InvalidOperationException($"Unknown destination {destination.GetType().Name}.");
        }
    }

    private void CheckTarget(DestinationTarget target)
    {
        if (target.To is { } destination)
        {
            CheckDestination(destination);
        }
    }

    private void CheckRemainingOnce(SourcePosition position, int remainingCount)
    {
        if (remainingCount > 1)
        {
            Fail(position, "an allotment can have only one 'remaining' part");
        }
    }

    private void Expect(Expression expression, NumscriptType expected)
    {
        var actual = TypeOf(expression);
        if (actual is { } type && type != expected)
        {
            Fail(expression.Position, $"expected {Article(expected)}, got {Article(type)}");
        }
    }

    /// <summary>The static type of an expression, or null once an error was reported inside it.</summary>
    private NumscriptType? TypeOf(Expression expression)
    {
        switch (expression)
        {
            case LiteralExpression literal:
                return literal.Value.Type;
            case VariableExpression variable:
                if (variable.Slot < 0)
                {
                    Fail(variable.Position, $"variable ${variable.Name} is not declared (declare it in the vars block, before any use)");
                    return null;
                }

                return _slotTypes[variable.Slot];
            case MonetaryExpression monetary:
                Expect(monetary.Asset, NumscriptType.Asset);
                Expect(monetary.Amount, NumscriptType.Number);
                return NumscriptType.Monetary;
            case InfixExpression infix:
                return TypeOfInfix(infix);
            case NegateExpression negate:
                return TypeOfNegate(negate);
            default:
                throw new InvalidOperationException($"Unknown expression {expression.GetType().Name}.");
        }
    }

    private NumscriptType? TypeOfNegate(NegateExpression negate)
    {
        if (TypeOf(negate.Operand) is not { } operand)
        {
            return null;
        }

        if (operand is not (NumscriptType.Monetary or NumscriptType.Number))
        {
            Fail(negate.Operand.Position, $"'-' needs a monetary or a number, got {Article(operand)}");
            return null;
        }

        return operand;
    }

    private NumscriptType? TypeOfInfix(InfixExpression infix)
    {
        var left = TypeOf(infix.Left);
        var right = TypeOf(infix.Right);
        if (left is not { } l || right is not { } r)
        {
            return null;
        }

        var (symbol, accepted) = infix.Operator switch
        {
            InfixOperator.Plus => ("+", l is NumscriptType.Monetary or NumscriptType.Number or NumscriptType.String),
            InfixOperator.Minus => ("-", l is NumscriptType.Monetary or NumscriptType.Number),
            _ => ("/", l is NumscriptType.Number),
        };

        if (!accepted)
        {
            var operands = infix.Operator switch
            {
                InfixOperator.Plus => "monetary, number or string",
                InfixOperator.Minus => "monetary or number",
                _ => "number",
            };
            Fail(infix.Left.Position, $"'{symbol}' needs {operands} operands, got {Article(l)}");
            return null;
        }

        if (r != l)
        {
            Fail(infix.Right.Position, $"'{symbol}' needs both operands of the same type: expected {Article(l)}, got {Article(r)}");
            return null;
        }

        return infix.Operator == InfixOperator.Divide ? NumscriptType.Portion : l;
    }

    private static string Article(NumscriptType type) => type switch
    {
        NumscriptType.Monetary => "a monetary",
        NumscriptType.Account => "an account",
        NumscriptType.Number => "a number",
        NumscriptType.String => "a string",
        NumscriptType.Portion => "a portion",
        NumscriptType.Asset => "an asset",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };
}
