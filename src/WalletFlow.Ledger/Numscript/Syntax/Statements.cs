namespace WalletFlow.Ledger.Numscript.Syntax;

internal abstract record Statement(SourcePosition Position);

/// <summary>
/// <c>send [USD/2 100] (...)</c>, or with <see cref="SendsAll"/> <c>send [USD/2 *] (...)</c>, where
/// <see cref="Sent"/> is then the asset expression.
/// </summary>
internal sealed record SendStatement(SourcePosition Position, Expression Sent, bool SendsAll, Source Source, Destination Destination)
    : Statement(Position);

/// <summary><c>save [USD/2 10] from @a</c> (or <c>[USD/2 *]</c>): keeps that much of the balance out of later sends.</summary>
internal sealed record SaveStatement(SourcePosition Position, Expression Sent, bool SavesAll, Expression Account)
    : Statement(Position);

internal sealed record FunctionCallStatement(SourcePosition Position, FunctionCall Call) : Statement(Position);

internal sealed record FunctionCall(SourcePosition Position, string Name, Expression[] Arguments);

/// <summary><c>monetary $amount</c> or <c>account $seller = meta($sale, "seller")</c>; <see cref="Position"/> is the name.</summary>
internal sealed record VariableDeclaration(
    SourcePosition Position,
    string TypeName,
    SourcePosition TypePosition,
    string Name,
    FunctionCall? Origin);

internal sealed record ProgramSyntax(VariableDeclaration[] Variables, Statement[] Statements);
