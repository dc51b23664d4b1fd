namespace WalletFlow.Ledger.Numscript.Syntax;

internal abstract record Source(SourcePosition Position);

/// <summary><c>@account</c>: gives at most its balance (or anything, for <c>@world</c>).</summary>
internal sealed record AccountSource(SourcePosition Position, Expression Account) : Source(Position);

/// <summary><c>@account allowing overdraft up to [..]</c>, or with a null <see cref="Bound"/>, <c>allowing unbounded overdraft</c>.</summary>
internal sealed record OverdraftSource(SourcePosition Position, Expression Account, Expression? Bound) : Source(Position);

/// <summary><c>{ @a @b }</c>: takes as much as it can from each in turn.</summary>
internal sealed record InorderSource(SourcePosition Position, Source[] Sources) : Source(Position);

/// <summary><c>max [..] from source</c>.</summary>
internal sealed record CappedSource(SourcePosition Position, Expression Cap, Source From) : Source(Position);

/// <summary><c>{ 50% from @a  remaining from @b }</c>.</summary>
internal sealed record AllotmentSource(SourcePosition Position, SourceAllotmentItem[] Items) : Source(Position);

/// <summary>One part of a source allotment; a null <see cref="Portion"/> is <c>remaining</c>.</summary>
internal sealed record SourceAllotmentItem(SourcePosition Position, Expression? Portion, Source From);
