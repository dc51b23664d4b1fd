using WalletFlow.Ledger.Numscript.Runtime;

namespace WalletFlow.Ledger.Numscript.Syntax;

internal abstract record Expression(SourcePosition Position);

/// <summary>A constant, evaluated once at parse time (including <c>[USD/2 100]</c>, <c>-5</c> and <c>-[USD/2 100]</c>).</summary>
internal sealed record LiteralExpression(SourcePosition Position, Value Value) : Expression(Position);

/// <summary><c>$name</c>; <see cref="Slot"/> indexes the declaration, or is -1 when no earlier declaration has that name.</summary>
internal sealed record VariableExpression(SourcePosition Position, string Name, int Slot) : Expression(Position);

/// <summary><c>[asset amount]</c> where a part is not a literal.</summary>
internal sealed record MonetaryExpression(SourcePosition Position, Expression Asset, Expression Amount) : Expression(Position);

/// <summary><c>-x</c> of a number or a monetary whose value is known only at run time (a variable, a sum).</summary>
internal sealed record NegateExpression(SourcePosition Position, Expression Operand) : Expression(Position);

internal sealed record InfixExpression(SourcePosition Position, InfixOperator Operator, Expression Left, Expression Right)
    : Expression(Position);

internal enum InfixOperator
{
    Plus,
    Minus,
    Divide,
}
