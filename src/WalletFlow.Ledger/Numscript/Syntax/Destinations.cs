namespace WalletFlow.Ledger.Numscript.Syntax;

internal abstract record Destination(SourcePosition Position);

internal sealed record AccountDestination(SourcePosition Position, Expression Account) : Destination(Position);

/// <summary><c>{ 10% to @a  1/3 to @b  remaining to @c }</c>.</summary>
internal sealed record AllotmentDestination(SourcePosition Position, DestinationAllotmentItem[] Items) : Destination(Position);

/// <summary>One part of a destination allotment; a null <see cref="Portion"/> is <c>remaining</c>.</summary>
internal sealed record DestinationAllotmentItem(SourcePosition Position, Expression? Portion, DestinationTarget Target);

/// <summary><c>{ max [..] to @a  remaining to @b }</c>.</summary>
internal sealed record InorderDestination(SourcePosition Position, InorderClause[] Clauses, DestinationTarget Remaining)
    : Destination(Position);

internal sealed record InorderClause(SourcePosition Position, Expression Cap, DestinationTarget Target);

/// <summary><c>to destination</c>, or <c>kept</c> when <see cref="To"/> is null (the funds stay with their senders).</summary>
internal sealed record DestinationTarget(SourcePosition Position, Destination? To);
