using System.Numerics;
using WalletFlow.Domain.Errors;
using WalletFlow.Ledger.Numscript.Syntax;

namespace WalletFlow.Ledger.Numscript.Runtime;

/// <summary>
/// Evaluates type-checked expressions. Literals are values already and variables are slots, so the common cases cost
/// a type test and a copy; only <c>+</c>, <c>-</c> (infix and prefix) and <c>/</c> compute.
/// </summary>
internal static class ExpressionEvaluator
{
    public static Error? Evaluate(Expression expression, Value[] slots, out Value value)
    {
        switch (expression)
        {
            case LiteralExpression literal:
                value = literal.Value;
                return null;
            case VariableExpression variable:
                value = slots[variable.Slot];
                return null;
            case MonetaryExpression monetary:
                return EvaluateMonetary(monetary, slots, out value);
            case InfixExpression infix:
                return EvaluateInfix(infix, slots, out value);
            case NegateExpression negate:
                return EvaluateNegate(negate, slots, out value);
            default:
                throw new InvalidOperationException($"Unknown expression {expression.GetType().Name}.");
        }
    }

    /// <summary>Evaluates a monetary that must be in <paramref name="asset"/> (a cap, a bound): Formance's expectMonetaryOfAsset.</summary>
    public static Error? EvaluateAmountIn(Expression expression, Value[] slots, string asset, out BigInteger amount)
    {
        amount = default;
        if (Evaluate(expression, slots, out var value) is { } error)
        {
            return error;
        }

        if (!string.Equals(value.Text, asset, StringComparison.Ordinal))
        {
            return NumscriptErrors.CurrencyMismatch(asset, value.Text, expression.Position);
        }

        amount = value.Integer;
        return null;
    }

    private static Error? EvaluateMonetary(MonetaryExpression monetary, Value[] slots, out Value value)
    {
        value = default;
        if (Evaluate(monetary.Asset, slots, out var asset) is { } assetError)
        {
            return assetError;
        }

        if (Evaluate(monetary.Amount, slots, out var amount) is { } amountError)
        {
            return amountError;
        }

        value = Value.Monetary(asset.Text, amount.Integer);
        return null;
    }

    /// <summary>Formance's unaryNegOp: the amount changes sign, a monetary keeps its asset.</summary>
    private static Error? EvaluateNegate(NegateExpression negate, Value[] slots, out Value value)
    {
        if (Evaluate(negate.Operand, slots, out var operand) is { } error)
        {
            value = default;
            return error;
        }

        value = operand.Type == NumscriptType.Monetary
            ? Value.Monetary(operand.Text, -operand.Integer)
            : Value.Number(-operand.Integer);
        return null;
    }

    private static Error? EvaluateInfix(InfixExpression infix, Value[] slots, out Value value)
    {
        value = default;
        if (Evaluate(infix.Left, slots, out var left) is { } leftError)
        {
            return leftError;
        }

        if (Evaluate(infix.Right, slots, out var right) is { } rightError)
        {
            return rightError;
        }

        switch (infix.Operator, left.Type)
        {
            case (InfixOperator.Divide, _):
                if (right.Integer.IsZero)
                {
                    return NumscriptErrors.DivideByZero(left.Integer, infix.Right.Position);
                }

                value = Value.OfPortion(Rational.Create(left.Integer, right.Integer));
                return null;
            case (_, NumscriptType.Monetary):
                if (!string.Equals(left.Text, right.Text, StringComparison.Ordinal))
                {
                    return NumscriptErrors.CurrencyMismatch(left.Text, right.Text, infix.Right.Position);
                }

                value = Value.Monetary(left.Text, Combine(infix.Operator, left.Integer, right.Integer));
                return null;
            case (_, NumscriptType.Number):
                value = Value.Number(Combine(infix.Operator, left.Integer, right.Integer));
                return null;
            case (InfixOperator.Plus, NumscriptType.String):
                value = Value.String(left.Text + right.Text);
                return null;
            default:
                throw new InvalidOperationException($"The checker let '{infix.Operator}' on {left.Type} through.");
        }
    }

    private static BigInteger Combine(InfixOperator op, BigInteger left, BigInteger right) =>
        op == InfixOperator.Plus ? left + right : left - right;
}
