using System.Collections.ObjectModel;
using System.Numerics;
using WalletFlow.Domain.Errors;
using WalletFlow.Ledger.Numscript.Syntax;

namespace WalletFlow.Ledger.Numscript.Runtime;

/// <summary>
/// One run of a program, with Formance's semantics (interpreter.go): a send first takes the amount from its source
/// (each account gives what it may, its balance updated at once), queueing the pieces first in first out, then hands
/// the queue out to its destination in the order written, one posting per piece each receiver takes. Pieces merge
/// only in the queue (consecutive ones from one account); postings are never merged, so two receivers of the same
/// account get a posting each, as in Formance's runtime (addPosting).
/// </summary>
internal sealed class Execution
{
    private readonly NumscriptProgram _program;
    private readonly Value[] _slots;
    private readonly BalanceTracker _balances;
    private readonly FundsQueue _funds = new();
    private readonly List<Sender> _pulled = [];
    private readonly List<NumscriptPosting> _postings = [];
    private Dictionary<string, string>? _transactionMetadata;
    private Dictionary<string, Dictionary<string, string>>? _accountMetadata;
    private string _asset = string.Empty;

    private Execution(NumscriptProgram program, IBalanceReader balances)
    {
        _program = program;
        _slots = new Value[program.VariableTypes.Length];
        _balances = new BalanceTracker(balances);
    }

    public static Result<NumscriptOutcome> Run(
        NumscriptProgram program,
        IReadOnlyDictionary<string, string> variables,
        IBalanceReader balances,
        IAccountMetadataReader? metadata)
    {
        var execution = new Execution(program, balances);
        var error = VariableBinder.Bind(program, variables, metadata, execution._balances, execution._slots)
                    ?? execution.RunStatements();
        return error is null ? execution.Outcome() : error;
    }

    private Error? RunStatements()
    {
        foreach (var statement in _program.Syntax.Statements)
        {
            var error = statement switch
            {
                SendStatement send => RunSend(send),
                SaveStatement save => RunSave(save),
                FunctionCallStatement call => RunCall(call.Call),
                _ => throw new InvalidOperationException($"Unknown statement {statement.GetType().Name}."),
            };
            if (error is not null)
            {
                return error;
            }
        }

        return null;
    }

    private Result<NumscriptOutcome> Outcome()
    {
        if (_postings.Count == 0)
        {
            return NumscriptErrors.NoPostings();
        }

        string? validAsset = null;
        foreach (var posting in _postings)
        {
            if (!ReferenceEquals(posting.Asset, validAsset))
            {
                if (!LedgerNames.IsValidAsset(posting.Asset))
                {
                    return NumscriptErrors.InvalidPostingAsset(posting.Asset);
                }

                validAsset = posting.Asset;
            }
        }

        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> accountMetadata =
            ReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>.Empty;
        if (_accountMetadata is not null)
        {
            var copy = new Dictionary<string, IReadOnlyDictionary<string, string>>(_accountMetadata.Count, StringComparer.Ordinal);
            foreach (var (account, keys) in _accountMetadata)
            {
                copy[account] = keys;
            }

            accountMetadata = copy;
        }

        return new NumscriptOutcome(
            _postings,
            _transactionMetadata ?? (IReadOnlyDictionary<string, string>)ReadOnlyDictionary<string, string>.Empty,
            accountMetadata);
    }

    private Error? RunSend(SendStatement send)
    {
        if (ExpressionEvaluator.Evaluate(send.Sent, _slots, out var sent) is { } sentError)
        {
            return sentError;
        }

        _funds.Clear();
        _asset = sent.Text;
        if (send.SendsAll)
        {
            return TakeAll(send.Source, out var taken) ?? SendTo(send.Destination, taken);
        }

        if (sent.Integer.Sign < 0)
        {
            return NumscriptErrors.NegativeAmount(_asset, sent.Integer, send.Sent.Position);
        }

        return TakeExact(send.Source, sent.Integer) ?? SendTo(send.Destination, sent.Integer);
    }

    /// <summary>
    /// <c>save</c> lowers the balance later sources see, never below zero; <c>save [A *]</c> zeroes a positive
    /// balance (Formance's runSaveStatement).
    /// </summary>
    private Error? RunSave(SaveStatement save)
    {
        if (ExpressionEvaluator.Evaluate(save.Sent, _slots, out var sent) is { } sentError)
        {
            return sentError;
        }

        if (ExpressionEvaluator.Evaluate(save.Account, _slots, out var account) is { } accountError)
        {
            return accountError;
        }

        var balance = _balances.Read(account.Text, sent.Text);
        if (save.SavesAll)
        {
            if (balance.Sign > 0)
            {
                _balances.Set(account.Text, sent.Text, BigInteger.Zero);
            }

            return null;
        }

        if (sent.Integer.Sign < 0)
        {
            return NumscriptErrors.NegativeAmount(sent.Text, sent.Integer, save.Sent.Position);
        }

        _balances.Set(account.Text, sent.Text, BigInteger.Max(balance - sent.Integer, BigInteger.Zero));
        return null;
    }

    private Error? RunCall(FunctionCall call)
    {
        var arguments = new Value[call.Arguments.Length];
        for (var i = 0; i < arguments.Length; i++)
        {
            if (ExpressionEvaluator.Evaluate(call.Arguments[i], _slots, out arguments[i]) is { } error)
            {
                return error;
            }
        }

        if (call.Name == BuiltinFunctions.SetTxMeta)
        {
            _transactionMetadata ??= new Dictionary<string, string>(StringComparer.Ordinal);
            _transactionMetadata[arguments[0].Text] = arguments[1].ToMetadataString();
            return null;
        }

        _accountMetadata ??= new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        if (!_accountMetadata.TryGetValue(arguments[0].Text, out var keys))
        {
            keys = new Dictionary<string, string>(StringComparer.Ordinal);
            _accountMetadata[arguments[0].Text] = keys;
        }

        keys[arguments[1].Text] = arguments[2].ToMetadataString();
        return null;
    }

    private Error? TakeExact(Source source, BigInteger amount)
    {
        if (TakeUpTo(source, amount, out var taken) is { } error)
        {
            return error;
        }

        return taken == amount
            ? null
            : NumscriptErrors.InsufficientFunds(AccountsIn(source), _asset, amount, taken, source.Position);
    }

    /// <summary>Takes as much as the source gives, up to <paramref name="amount"/>; short is not an error here.</summary>
    private Error? TakeUpTo(Source source, BigInteger amount, out BigInteger taken)
    {
        taken = BigInteger.Zero;
        amount = BigInteger.Max(amount, BigInteger.Zero);
        switch (source)
        {
            case AccountSource account:
            {
                if (ExpressionEvaluator.Evaluate(account.Account, _slots, out var address) is { } error)
                {
                    return error;
                }

                taken = TakeFromAccount(address.Text, amount, BigInteger.Zero);
                return null;
            }

            case OverdraftSource overdraft:
            {
                BigInteger? bound = null;
                if (overdraft.Bound is { } boundExpression)
                {
                    if (ExpressionEvaluator.EvaluateAmountIn(boundExpression, _slots, _asset, out var limit) is { } boundError)
                    {
                        return boundError;
                    }

                    bound = BigInteger.Max(limit, BigInteger.Zero);
                }

                if (ExpressionEvaluator.Evaluate(overdraft.Account, _slots, out var address) is { } error)
                {
                    return error;
                }

                taken = TakeFromAccount(address.Text, amount, bound);
                return null;
            }

            case InorderSource inorder:
            {
                var left = amount;
                foreach (var inner in inorder.Sources)
                {
                    if (TakeUpTo(inner, left, out var part) is { } error)
                    {
                        return error;
                    }

                    left -= part;
                }

                taken = amount - left;
                return null;
            }

            case CappedSource capped:
            {
                if (ExpressionEvaluator.EvaluateAmountIn(capped.Cap, _slots, _asset, out var cap) is { } error)
                {
                    return error;
                }

                return TakeUpTo(capped.From, BigInteger.Min(amount, cap), out taken);
            }

            case AllotmentSource allotment:
            {
                if (Split(allotment.Items, static item => item.Portion, allotment.Position, amount, out var parts) is { } error)
                {
                    return error;
                }

                for (var i = 0; i < parts.Length; i++)
                {
                    if (TakeExact(allotment.Items[i].From, parts[i]) is { } partError)
                    {
                        return partError;
                    }
                }

                taken = amount;
                return null;
            }

            default:
                throw new InvalidOperationException($"Unknown source {source.GetType().Name}.");
        }
    }

    /// <summary>
    /// What one account gives: all of <paramref name="amount"/> when unbounded (<paramref name="overdraft"/> null or
    /// <c>@world</c>), else min(amount, max(0, balance + overdraft)).
    /// </summary>
    private BigInteger TakeFromAccount(string account, BigInteger amount, BigInteger? overdraft)
    {
        var sent = overdraft is not { } limit || string.Equals(account, LedgerNames.World, StringComparison.Ordinal)
            ? amount
            : BigInteger.Min(amount, BigInteger.Max(_balances.Read(account, _asset) + limit, BigInteger.Zero));
        PushSender(account, sent);
        return sent;
    }

    private void PushSender(string account, BigInteger amount)
    {
        if (amount.IsZero)
        {
            return;
        }

        _balances.Add(account, _asset, -amount);
        _funds.Push(account, amount);
    }

    /// <summary>Send-all (<c>[ASSET *]</c>): every account gives max(0, balance + overdraft); unbounded sources are errors.</summary>
    private Error? TakeAll(Source source, out BigInteger taken)
    {
        taken = BigInteger.Zero;
        switch (source)
        {
            case AccountSource account:
            {
                if (ExpressionEvaluator.Evaluate(account.Account, _slots, out var address) is { } error)
                {
                    return error;
                }

                return TakeAllFromAccount(address.Text, BigInteger.Zero, account.Position, out taken);
            }

            case OverdraftSource overdraft:
            {
                var bound = BigInteger.Zero;
                if (overdraft.Bound is { } boundExpression)
                {
                    if (ExpressionEvaluator.EvaluateAmountIn(boundExpression, _slots, _asset, out bound) is { } boundError)
                    {
                        return boundError;
                    }
                }

                if (ExpressionEvaluator.Evaluate(overdraft.Account, _slots, out var address) is { } error)
                {
                    return error;
                }

                return overdraft.Bound is null
                    ? NumscriptErrors.UnboundedInSendAll(address.Text, overdraft.Position)
                    : TakeAllFromAccount(address.Text, BigInteger.Max(bound, BigInteger.Zero), overdraft.Position, out taken);
            }

            case InorderSource inorder:
            {
                foreach (var inner in inorder.Sources)
                {
                    if (TakeAll(inner, out var part) is { } error)
                    {
                        return error;
                    }

                    taken += part;
                }

                return null;
            }

            case CappedSource capped:
            {
                if (ExpressionEvaluator.EvaluateAmountIn(capped.Cap, _slots, _asset, out var cap) is { } error)
                {
                    return error;
                }

                return TakeUpTo(capped.From, cap, out taken);
            }

            case AllotmentSource allotment:
                return NumscriptErrors.AllotmentInSendAll(allotment.Position);

            default:
                throw new InvalidOperationException($"Unknown source {source.GetType().Name}.");
        }
    }

    private Error? TakeAllFromAccount(string account, BigInteger overdraft, SourcePosition position, out BigInteger taken)
    {
        taken = BigInteger.Zero;
        if (string.Equals(account, LedgerNames.World, StringComparison.Ordinal))
        {
            return NumscriptErrors.UnboundedInSendAll(account, position);
        }

        taken = BigInteger.Max(_balances.Read(account, _asset) + overdraft, BigInteger.Zero);
        PushSender(account, taken);
        return null;
    }

    private Error? SendTo(Destination destination, BigInteger amount)
    {
        switch (destination)
        {
            case AccountDestination account:
            {
                if (ExpressionEvaluator.Evaluate(account.Account, _slots, out var address) is { } error)
                {
                    return error;
                }

                Receive(address.Text, amount);
                return null;
            }

            case AllotmentDestination allotment:
            {
                if (Split(allotment.Items, static item => item.Portion, allotment.Position, amount, out var parts) is { } error)
                {
                    return error;
                }

                for (var i = 0; i < parts.Length; i++)
                {
                    if (SendToTarget(allotment.Items[i].Target, parts[i]) is { } partError)
                    {
                        return partError;
                    }
                }

                return null;
            }

            case InorderDestination inorder:
            {
                var remaining = amount;
                foreach (var clause in inorder.Clauses)
                {
                    if (remaining.IsZero)
                    {
                        break;
                    }

                    if (ExpressionEvaluator.EvaluateAmountIn(clause.Cap, _slots, _asset, out var cap) is { } error)
                    {
                        return error;
                    }

                    var part = BigInteger.Max(BigInteger.Min(cap, remaining), BigInteger.Zero);
                    if (part.IsZero)
                    {
                        continue;
                    }

                    if (SendToTarget(clause.Target, part) is { } partError)
                    {
                        return partError;
                    }

                    remaining -= part;
                }

                return remaining.IsZero ? null : SendToTarget(inorder.Remaining, remaining);
            }

            default:
                throw new InvalidOperationException($"Unknown destination {destination.GetType().Name}.");
        }
    }

    private Error? SendToTarget(DestinationTarget target, BigInteger amount)
    {
        if (target.To is { } destination)
        {
            return SendTo(destination, amount);
        }

        Receive(null, amount);
        return null;
    }

    /// <summary>
    /// Hands the front of the queue to <paramref name="account"/>, one posting per sender piece; with a null account
    /// (<c>kept</c>) the pieces go back to their senders' balances and make no posting.
    /// </summary>
    private void Receive(string? account, BigInteger amount)
    {
        if (amount.IsZero)
        {
            return;
        }

        _funds.Pull(amount, _pulled);
        foreach (var piece in _pulled)
        {
            if (account is null)
            {
                _balances.Add(piece.Account, _asset, piece.Amount);
                continue;
            }

            _balances.Add(account, _asset, piece.Amount);
            _postings.Add(new NumscriptPosting(piece.Account, account, piece.Amount, _asset));
        }
    }

    /// <summary>Splits <paramref name="amount"/> by the portions of an allotment (sources' and destinations' alike).</summary>
    private Error? Split<TItem>(TItem[] items, Func<TItem, Expression?> portionOf, SourcePosition position, BigInteger amount, out BigInteger[] parts)
    {
        parts = [];
        var portions = new Rational[items.Length];
        var remainingIndex = -1;
        for (var i = 0; i < portions.Length; i++)
        {
            if (EvaluatePortion(portionOf(items[i]), i, portions, ref remainingIndex) is { } error)
            {
                return error;
            }
        }

        return Allotment.Split(amount, portions, remainingIndex, position, out parts);
    }

    private Error? EvaluatePortion(Expression? portion, int index, Rational[] portions, ref int remainingIndex)
    {
        if (portion is null)
        {
            remainingIndex = index;
            return null;
        }

        var error = ExpressionEvaluator.Evaluate(portion, _slots, out var value);
        portions[index] = value.Portion;
        return error;
    }

    /// <summary>The accounts a failing source names, for the insufficient-funds message (error path only).</summary>
    private List<string> AccountsIn(Source source)
    {
        var accounts = new List<string>();
        Collect(source);
        return accounts;

        void Collect(Source node)
        {
            switch (node)
            {
                case AccountSource account:
                    Add(account.Account);
                    break;
                case OverdraftSource overdraft:
                    Add(overdraft.Account);
                    break;
                case InorderSource inorder:
                    foreach (var inner in inorder.Sources)
                    {
                        Collect(inner);
                    }

                    break;
                case CappedSource capped:
                    Collect(capped.From);
                    break;
                case AllotmentSource allotment:
                    foreach (var item in allotment.Items)
                    {
                        Collect(item.From);
                    }

                    break;
            }
        }

        void Add(Expression expression)
        {
            if (ExpressionEvaluator.Evaluate(expression, _slots, out var address) is null && !accounts.Contains(address.Text))
            {
                accounts.Add(address.Text);
            }
        }
    }
}
