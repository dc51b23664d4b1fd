using System.Numerics;
using WalletFlow.Domain.Errors;
using WalletFlow.Ledger.Numscript.Syntax;

namespace WalletFlow.Ledger.Numscript.Runtime;

/// <summary>
/// Lists, before a run, every (account, asset) balance the run may read, like Formance's batched balance query
/// (batch_balances_query.go): the accounts of bounded sources under each send's asset, saved accounts, and the
/// pairs of <c>balance()</c>. <c>@world</c> and unbounded sources are left out: their balances are never read.
/// </summary>
internal sealed class BalanceReadPlanner : IOriginBalances
{
    private readonly HashSet<BalanceKey> _reads = [];
    private readonly Value[] _slots;

    private BalanceReadPlanner(int slots) => _slots = new Value[slots];

    public static Result<IReadOnlyList<BalanceKey>> Plan(
        NumscriptProgram program,
        IReadOnlyDictionary<string, string> variables,
        IAccountMetadataReader? metadata)
    {
        var planner = new BalanceReadPlanner(program.VariableTypes.Length);
        var error = VariableBinder.Bind(program, variables, metadata, planner, planner._slots) ?? planner.Walk(program.Syntax.Statements);
        if (error is not null)
        {
            return error;
        }

        var reads = new List<BalanceKey>(planner._reads);
        reads.Sort(static (a, b) =>
        {
            var byAccount = string.CompareOrdinal(a.Account, b.Account);
            return byAccount != 0 ? byAccount : string.CompareOrdinal(a.Asset, b.Asset);
        });
        return reads;
    }

    /// <summary>Records the pair; the plan does not need the amount, so <c>balance()</c> sees zero here.</summary>
    public BigInteger Read(string account, string asset)
    {
        Record(account, asset);
        return BigInteger.Zero;
    }

    private void Record(string account, string asset)
    {
        if (!string.Equals(account, LedgerNames.World, StringComparison.Ordinal))
        {
            _reads.Add(new BalanceKey(account, asset));
        }
    }

    private Error? Walk(Statement[] statements)
    {
        foreach (var statement in statements)
        {
            var error = statement switch
            {
                SendStatement send => WalkSend(send),
                SaveStatement save => WalkSave(save),
                _ => null,
            };
            if (error is not null)
            {
                return error;
            }
        }

        return null;
    }

    private Error? WalkSend(SendStatement send) =>
        ExpressionEvaluator.Evaluate(send.Sent, _slots, out var sent) ?? WalkSource(send.Source, sent.Text);

    private Error? WalkSave(SaveStatement save)
    {
        if (ExpressionEvaluator.Evaluate(save.Sent, _slots, out var sent) is { } error)
        {
            return error;
        }

        if (ExpressionEvaluator.Evaluate(save.Account, _slots, out var account) is { } accountError)
        {
            return accountError;
        }

        Record(account.Text, sent.Text);
        return null;
    }

    private Error? WalkSource(Source source, string asset)
    {
        switch (source)
        {
            case AccountSource account:
                return RecordAccount(account.Account, asset);
            case OverdraftSource overdraft:
                return overdraft.Bound is null ? null : RecordAccount(overdraft.Account, asset);
            case InorderSource inorder:
                foreach (var inner in inorder.Sources)
                {
                    if (WalkSource(inner, asset) is { } error)
                    {
                        return error;
                    }
                }

                return null;
            case CappedSource capped:
                return WalkSource(capped.From, asset);
            case AllotmentSource allotment:
                foreach (var item in allotment.Items)
                {
                    if (WalkSource(item.From, asset) is { } error)
                    {
                        return error;
                    }
                }

                return null;
            default:
                throw new InvalidOperationException($"Unknown source {source.GetType().Name}.");
        }
    }

    private Error? RecordAccount(Expression expression, string asset)
    {
        if (ExpressionEvaluator.Evaluate(expression, _slots, out var account) is { } error)
        {
            return error;
        }

        Record(account.Text, asset);
        return null;
    }
}
