using System.Numerics;
using WalletFlow.Application.Commands;
using WalletFlow.Domain.ChartOfAccounts;
using WalletFlow.Domain.Money;

namespace WalletFlow.Application.Reporting;

/// <summary>
/// The trial balance: every GL line's net balance per currency, on the side its sign puts it, and whether debits equal
/// credits. External world (<see cref="TrialBalance.WorldGlCode"/>) is the <see cref="TrialBalanceCurrency.Memorandum"/>
/// line, shown apart and left out of the totals; addresses the chart cannot place are listed, since their balances are missing from the lines.
/// </summary>
public sealed record TrialBalanceData(
    DateTimeOffset? At,
    [property: Choice(typeof(TimeBasis))] string Basis,
    IReadOnlyList<TrialBalanceCurrency> Currencies,
    IReadOnlyList<string> Unclassified);

public sealed record TrialBalanceCurrency(
    string Currency,
    IReadOnlyList<TrialBalanceLine> GlLines,
    [property: Money("Currency")] string TotalDebit,
    [property: Money("Currency")] string TotalCredit,
    string TotalDebitMinor,
    string TotalCreditMinor,
    bool Foots,
    TrialBalanceLine? Memorandum);

/// <summary>One GL line in one currency: the accounts it holds, netted, as a debit or a credit (the other side zero).</summary>
public sealed record TrialBalanceLine(
    string Currency,
    string GlCode,
    string Name,
    [property: Choice(typeof(AccountClass))] string AccountClass,
    int Accounts,
    [property: Money("Currency")] string Debit,
    [property: Money("Currency")] string Credit,
    string DebitMinor,
    string CreditMinor);

/// <summary>Builds a trial balance from the classified balances.</summary>
public static class TrialBalance
{
    /// <summary>The GL code of the ledger's outside (<c>world</c>): a memorandum line, outside the footing.</summary>
    public const string WorldGlCode = "9000";

    public static TrialBalanceData Build(ClassifiedBalances balances, DateTimeOffset? at, TimeBasis basis)
    {
        ArgumentNullException.ThrowIfNull(balances);
        return new TrialBalanceData(
            at,
            RequestValidator.ToSnakeCase(basis.ToString()),
            [.. balances.ByCurrency().Select(group => CurrencyOf(group.Key, [.. group]))],
            balances.Unclassified);
    }

    private static TrialBalanceCurrency CurrencyOf(Currency currency, IReadOnlyList<GlBalance> lines)
    {
        var world = lines.Where(line => line.Gl.Code == WorldGlCode).Select(line => LineOf(line, SidesOf(line))).FirstOrDefault();
        var sides = lines.Where(line => line.Gl.Code != WorldGlCode).Select(line => (line, Side: SidesOf(line))).ToList();
        var debit = sides.Aggregate(BigInteger.Zero, (total, entry) => total + entry.Side.Debit);
        var credit = sides.Aggregate(BigInteger.Zero, (total, entry) => total + entry.Side.Credit);
        return new TrialBalanceCurrency(
            currency.Code,
            [.. sides.Select(entry => LineOf(entry.line, entry.Side))],
            MinorUnits.Format(debit, currency),
            MinorUnits.Format(credit, currency),
            MinorUnits.Text(debit),
            MinorUnits.Text(credit),
            debit == credit,
            world);
    }

    /// <summary>
    /// A ledger balance is what an account received less what it sent, so a positive balance sits on the line's normal
    /// side: an asset's is a debit, a liability's a credit. A negative one (an FX position sold short) sits opposite.
    /// </summary>
    private static (BigInteger Debit, BigInteger Credit) SidesOf(GlBalance line)
    {
        var magnitude = BigInteger.Abs(line.Net);
        var debitSide = (line.Net.Sign >= 0) == (line.Gl.NormalBalance == NormalBalance.Debit);
        return debitSide ? (magnitude, BigInteger.Zero) : (BigInteger.Zero, magnitude);
    }

    private static TrialBalanceLine LineOf(GlBalance line, (BigInteger Debit, BigInteger Credit) side) => new(
        line.Currency.Code,
        line.Gl.Code,
        line.Gl.Name,
        RequestValidator.ToSnakeCase(line.Gl.Class.ToString()),
        line.Accounts,
        MinorUnits.Format(side.Debit, line.Currency),
        MinorUnits.Format(side.Credit, line.Currency),
        MinorUnits.Text(side.Debit),
        MinorUnits.Text(side.Credit));
}
