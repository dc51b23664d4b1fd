using System.Numerics;
using WalletFlow.Application.Commands;
using WalletFlow.Domain.Errors;
using WalletFlow.Domain.Money;
using WalletFlow.Ledger;

namespace WalletFlow.Application.Overview;

/// <summary>The figures of the console's Overview: command activity over the last hour and the wallets' money by currency.</summary>
public sealed class OverviewQueries(ICommandActivity activity, CommandMetrics metrics, ILedger ledger, string ledgerName, TimeProvider time)
{
    /// <summary>How far back the activity chart reaches, a bar per minute.</summary>
    public static readonly TimeSpan ActivityWindow = TimeSpan.FromHours(1);

    public async Task<CommandActivityData> GetCommandActivityAsync(CancellationToken cancellationToken)
    {
        var counts = await activity.CountAsync(cancellationToken);
        var first = FirstMinute(time.GetUtcNow());
        var completed = await activity.CompletedPerMinuteAsync(first, cancellationToken);
        return new CommandActivityData(
            counts.Completed, counts.Pending, metrics.Rejected, [.. metrics.Rejections.Select(rejection => new RejectionCount(rejection.Code, rejection.Count))], EveryMinute(first, completed));
    }

    /// <summary>The start of the window's first minute: the window ends with the minute <paramref name="now"/> is in.</summary>
    internal static DateTimeOffset FirstMinute(DateTimeOffset now)
    {
        var utc = now.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMinute), TimeSpan.Zero) - ActivityWindow + TimeSpan.FromMinutes(1);
    }

    /// <summary>A count for every minute of the window from <paramref name="first"/>, zero where the journal has none.</summary>
    internal static IReadOnlyList<MinuteCount> EveryMinute(DateTimeOffset first, IReadOnlyList<MinuteCount> completed)
    {
        var byMinute = completed.ToDictionary(minute => minute.Minute.UtcTicks, minute => minute.Count);
        return [.. Enumerable.Range(0, (int)ActivityWindow.TotalMinutes)
            .Select(offset => first.AddMinutes(offset))
            .Select(minute => new MinuteCount(minute, byMinute.GetValueOrDefault(minute.UtcTicks)))];
    }

    /// <summary>How many transactions and accounts the configured ledger holds; none before anything created it.</summary>
    public async Task<Result<LedgerCounts>> GetLedgerCountsAsync(CancellationToken cancellationToken)
    {
        var transactions = await ledger.CountTransactionsAsync(ledgerName, cancellationToken);
        var accounts = await ledger.CountAccountsAsync(ledgerName, cancellationToken);
        if ((transactions.Error ?? accounts.Error) is { } error)
        {
            return error.Code == LedgerErrors.LedgerNotFoundCode ? new LedgerCounts(0, 0) : error;
        }

        return new LedgerCounts(transactions.Value, accounts.Value);
    }

    /// <summary>
    /// What the wallets hold in each currency, split as a customer sees it: available, held for payouts, and in rolling
    /// reserve. Read from the ledger's aggregated balances, so it is the ledger's truth whichever ledger is configured.
    /// </summary>
    public async Task<Result<IReadOnlyList<CurrencyBalances>>> GetWalletBalancesAsync(CancellationToken cancellationToken)
    {
        var available = await ledger.AggregateBalancesAsync(ledgerName, "wallets::available", cancellationToken: cancellationToken);
        var held = await ledger.AggregateBalancesAsync(ledgerName, "wallets::holds:", cancellationToken: cancellationToken);
        var reserved = await ledger.AggregateBalancesAsync(ledgerName, "wallets::reserve", cancellationToken: cancellationToken);
        foreach (var read in new[] { available, held, reserved })
        {
            if (read.Error is { } error)
            {
                return error.Code == LedgerErrors.LedgerNotFoundCode ? new List<CurrencyBalances>() : error;
            }
        }

        var assets = available.Value.Keys.Concat(held.Value.Keys).Concat(reserved.Value.Keys).Distinct(StringComparer.Ordinal);
        var balances = new List<CurrencyBalances>();
        foreach (var asset in assets)
        {
            if (Currency.FromAsset(asset).TryGetValue(out var currency, out _))
            {
                balances.Add(new CurrencyBalances(
                    currency, Amount(available.Value, asset, currency), Amount(held.Value, asset, currency), Amount(reserved.Value, asset, currency)));
            }
        }

        return balances.OrderBy(balance => balance.Currency.Code, StringComparer.Ordinal).ToList();
    }

    private static Money Amount(IReadOnlyDictionary<string, BigInteger> balances, string asset, Currency currency) =>
        new(balances.TryGetValue(asset, out var sum) ? (long)sum : 0, currency);
}

public sealed record LedgerCounts(long Transactions, long Accounts);

/// <summary>The journal's counts, this process's rejections by code (a rejection leaves no row), and completions per minute.</summary>
public sealed record CommandActivityData(long Completed, long Pending, long Rejected, IReadOnlyList<RejectionCount> Rejections, IReadOnlyList<MinuteCount> PerMinute);

public sealed record RejectionCount(string Code, long Count);

/// <summary>The wallets' money in one currency.</summary>
public sealed record CurrencyBalances(Currency Currency, Money Available, Money Held, Money Reserved)
{
    public Money Total => new(checked(Available.Minor + Held.Minor + Reserved.Minor), Currency);
}
