using WalletFlow.Domain.ChartOfAccounts;
using WalletFlow.Domain.Errors;

namespace WalletFlow.Tests.Domain.ChartOfAccounts;

/// <summary>Each rejection on its own, from a small chart that is valid until one line is changed.</summary>
public sealed class AccountChartLoaderTests
{
    private const string GlAccounts = """
        gl_code,name,class,normal_balance,description
        1010,Cash at banks,asset,debit,Cash
        2010,Wallets,liability,credit,Owed
        9000,World,equity,credit,Outside
        """;

    private const string AccountMap = """
        pattern,gl_code
        world,9000
        banks:*:*,1010
        wallets:*:available,2010
        """;

    private const string EventMap = """
        event_type,debit_gl_codes,credit_gl_codes,description
        payin,1010,2010,"Cash in, owed"
        """;

    private static string Rejection(string glAccounts = GlAccounts, string accountMap = AccountMap, string eventMap = EventMap)
    {
        var error = AccountChart.Load(glAccounts, accountMap, eventMap).Error;
        Assert.Equal(ErrorCodes.ChartInvalid, error?.Code);
        return error!.Message;
    }

    [Fact]
    public void The_small_chart_loads()
    {
        var chart = AccountChart.Load(GlAccounts, AccountMap, EventMap).Value;

        Assert.Equal(["1010", "2010", "9000"], chart.Accounts.Select(a => a.Code));
        Assert.Equal(3, chart.Mappings.Count);
        Assert.Equal("payin", Assert.Single(chart.Events).EventType);
    }

    [Fact]
    public void A_duplicate_gl_code_is_rejected_with_both_lines() =>
        Assert.Contains(
            "gl_accounts.csv line 5, column gl_code: duplicate GL code 1010 (first on line 2)",
            Rejection(glAccounts: GlAccounts + "\n1010,Cash again,asset,debit,Again"),
            StringComparison.Ordinal);

    [Fact]
    public void An_unknown_account_class_is_rejected() =>
        Assert.Contains(
            "gl_accounts.csv line 3, column class: unknown account class 'liabilities'",
            Rejection(glAccounts: GlAccounts.Replace("liability,credit", "liabilities,credit", StringComparison.Ordinal)),
            StringComparison.Ordinal);

    [Fact]
    public void A_normal_balance_that_contradicts_the_class_is_rejected() =>
        Assert.Contains(
            "gl_accounts.csv line 3, column normal_balance: liability accounts have a credit normal balance, not debit",
            Rejection(glAccounts: GlAccounts.Replace("liability,credit", "liability,debit", StringComparison.Ordinal)),
            StringComparison.Ordinal);

    [Fact]
    public void An_unknown_normal_balance_is_rejected() =>
        Assert.Contains(
            "gl_accounts.csv line 2, column normal_balance: unknown normal balance 'dr'",
            Rejection(glAccounts: GlAccounts.Replace("asset,debit", "asset,dr", StringComparison.Ordinal)),
            StringComparison.Ordinal);

    [Fact]
    public void A_gl_code_that_is_not_a_number_is_rejected() =>
        Assert.Contains(
            "gl_accounts.csv line 2, column gl_code: GL code 'CASH' is not a number",
            Rejection(glAccounts: GlAccounts.Replace("1010,Cash", "CASH,Cash", StringComparison.Ordinal)),
            StringComparison.Ordinal);

    [Fact]
    public void Overlapping_patterns_are_rejected_with_an_address_both_match() =>
        Assert.Contains(
            "account_map.csv line 5, column pattern: pattern 'wallets:*:*' overlaps 'wallets:*:available' on line 4; both match 'wallets:x:available'",
            Rejection(accountMap: AccountMap + "\nwallets:*:*,2010"),
            StringComparison.Ordinal);

    [Fact]
    public void A_repeated_pattern_is_an_overlap() =>
        Assert.Contains(
            "account_map.csv line 5, column pattern: pattern 'banks:*:*' overlaps 'banks:*:*' on line 3",
            Rejection(accountMap: AccountMap + "\nbanks:*:*,1010"),
            StringComparison.Ordinal);

    [Fact]
    public void Patterns_of_different_lengths_or_different_literals_do_not_overlap() =>
        Assert.True(AccountChart.Load(GlAccounts, AccountMap + "\nwallets:*:holds:*,2010\nwallets:*:reserve,2010", EventMap).IsSuccess);

    [Fact]
    public void A_pattern_naming_an_unknown_gl_code_is_rejected() =>
        Assert.Contains(
            "account_map.csv line 5, column gl_code: pattern 'fees:*' maps to GL code '4010', which is not in gl_accounts.csv",
            Rejection(accountMap: AccountMap + "\nfees:*,4010"),
            StringComparison.Ordinal);

    [Fact]
    public void A_malformed_pattern_is_rejected() =>
        Assert.Contains(
            "account_map.csv line 5, column pattern: 'fees::x' is not an address pattern",
            Rejection(accountMap: AccountMap + "\nfees::x,2010"),
            StringComparison.Ordinal);

    [Fact]
    public void An_event_naming_an_unknown_debit_gl_code_is_rejected() =>
        Assert.Contains(
            "event_map.csv line 2, column debit_gl_codes: event type payin names debit GL code '1099', which is not in gl_accounts.csv",
            Rejection(eventMap: EventMap.Replace("payin,1010,", "payin,1099,", StringComparison.Ordinal)),
            StringComparison.Ordinal);

    [Fact]
    public void An_event_naming_an_unknown_credit_gl_code_is_rejected() =>
        Assert.Contains(
            "event_map.csv line 2, column credit_gl_codes: event type payin names credit GL code '2099', which is not in gl_accounts.csv",
            Rejection(eventMap: EventMap.Replace(",2010,", ",2010;2099,", StringComparison.Ordinal)),
            StringComparison.Ordinal);

    [Fact]
    public void An_event_without_credits_is_rejected() =>
        Assert.Contains(
            "event_map.csv line 2, column credit_gl_codes: event type payin has no credit GL codes",
            Rejection(eventMap: EventMap.Replace(",2010,", ",,", StringComparison.Ordinal)),
            StringComparison.Ordinal);

    [Fact]
    public void A_duplicate_event_type_is_rejected() =>
        Assert.Contains(
            "event_map.csv line 3, column event_type: duplicate event type payin (first on line 2)",
            Rejection(eventMap: EventMap + "\npayin,1010,2010,Again"),
            StringComparison.Ordinal);

    [Fact]
    public void A_wrong_header_is_rejected() =>
        Assert.Contains(
            "gl_accounts.csv line 1, column normal_balance: found column 'side' where normal_balance belongs; the header must be gl_code,name,class,normal_balance,description",
            Rejection(glAccounts: GlAccounts.Replace("normal_balance", "side", StringComparison.Ordinal)),
            StringComparison.Ordinal);

    [Fact]
    public void A_row_with_the_wrong_number_of_fields_is_rejected() =>
        Assert.Contains(
            "account_map.csv line 5, column field 3: 3 fields where the header has 2",
            Rejection(accountMap: AccountMap + "\nfees:*,2010,extra"),
            StringComparison.Ordinal);

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var message = Rejection(
            glAccounts: GlAccounts + "\n1010,Again,asset,debit,x",
            accountMap: AccountMap + "\nbanks:*:*,1010",
            eventMap: EventMap + "\nfee,2010,4010,x");

        Assert.Contains("gl_accounts.csv line 5", message, StringComparison.Ordinal);
        Assert.Contains("account_map.csv line 5", message, StringComparison.Ordinal);
        Assert.Contains("event_map.csv line 3", message, StringComparison.Ordinal);
    }
}
