using System.Diagnostics;
using WalletFlow.Api.Grpc.WalletCore.Contracts;
using WalletFlow.Tests.Infrastructure;

namespace WalletFlow.Tests.Grpc;

/// <summary><c>walletflow.v1.WalletReads</c> over the wire: each read, its errors, and the movement stream delivering what is posted after it opened.</summary>
public sealed class WalletReadsGrpcTests(WalletGrpc grpc) : IClassFixture<WalletGrpc>
{
    [Fact]
    public async Task The_reads_answer_a_wallet_its_balances_statement_transaction_and_command()
    {
        var wallet = await grpc.CreateWalletAsync("USD", "globex");
        var other = await grpc.CreateWalletAsync("USD", "globex");
        await grpc.PayInAsync(wallet, "40.00");
        var key = WalletGrpc.NewKey();
        var transfer = await grpc.SucceedAsync<TransferReceipt>("transfer", new TransferRequest { SourceWalletId = wallet, DestinationWalletId = other, AmountMinor = 1500, Currency = "USD" }, key);
        await grpc.CatchUpAsync();

        var read = await grpc.ReadOkAsync<WalletData>("GetWallet", new GetWalletQuery { WalletId = wallet });
        Assert.Equal((wallet, "globex", "USD", "active"), (read.WalletId, read.MerchantId, read.Currency, read.Status));

        var balances = await grpc.ReadOkAsync<BalancesData>("GetBalances", new GetBalancesQuery { WalletId = wallet });
        Assert.Equal((2500L, 0L, 0L, "USD"), (balances.AvailableMinor, balances.HeldMinor, balances.ReservedMinor, balances.Currency));

        var statement = await grpc.ReadOkAsync<StatementLinePage>("GetStatement", new GetStatementQuery { WalletId = wallet, Limit = 1 });
        var line = Assert.Single(statement.Items);
        Assert.Equal((transfer.CommandId, "transfer", -1500L, "USD"), (line.CommandId, line.Command, line.AvailableChangeMinor, line.Currency));
        Assert.True(statement.HasNext);
        var older = await grpc.ReadOkAsync<StatementLinePage>("GetStatement", new GetStatementQuery { WalletId = wallet, Limit = 1, Cursor = statement.Next });
        Assert.Equal(("postPayin", 4000L), (Assert.Single(older.Items).Command, older.Items[0].AvailableChangeMinor));

        var transaction = await grpc.ReadOkAsync<TransactionData>("GetTransaction", new GetTransactionQuery { TransactionId = transfer.CommandId });
        Assert.Equal(transfer.CommandId, transaction.Receipt.CommandId);
        Assert.False(transaction.LedgerReverted);
        Assert.False(transaction.HasReversedByCommandId);
        Assert.Equal("15.00", transaction.Receipt.Data.StructValue.Fields["amount"].StringValue);

        var command = await grpc.ReadOkAsync<CommandReceipt>("GetCommand", new GetCommandQuery { IdempotencyKey = key });
        Assert.Equal(transfer.CommandId, command.CommandId);
        Assert.Equal(other, command.Data.StructValue.Fields["destinationWalletId"].StringValue);

        var holds = await grpc.ReadOkAsync<HoldPage>("ListHolds", new ListHoldsQuery { WalletId = wallet });
        Assert.Empty(holds.Items);
        Assert.False(holds.HasNext);
    }

    [Fact]
    public async Task An_fx_quote_is_read_back()
    {
        var quote = await grpc.SucceedAsync<CreateFxQuoteReceipt>(
            "createFxQuote", new CreateFxQuoteRequest { SellWalletId = await grpc.CreateWalletAsync("USD"), BuyWalletId = await grpc.CreateWalletAsync("EUR"), SellAmountMinor = 1000, SellCurrency = "USD" });

        var read = await grpc.ReadOkAsync<FxQuoteData>("GetFxQuote", new GetFxQuoteQuery { QuoteId = quote.Data.QuoteId });

        Assert.Equal((920L, "0.92", false), (read.BuyAmountMinor, read.Rate, read.HasBookedByCommandId));
    }

    [Fact]
    public async Task A_payout_submitted_over_grpc_is_read_back_with_its_saga_and_timeline()
    {
        var wallet = await grpc.CreateWalletAsync("USD");
        await grpc.PayInAsync(wallet, "50.00");
        var hold = await grpc.SucceedAsync<ReservePayoutReceipt>(
            "reservePayout", new ReservePayoutRequest { WalletId = wallet, AmountMinor = 2000, Currency = "USD", Provider = WalletGrpc.Provider, BankId = "citi" });
        var submitted = await grpc.SucceedAsync<SubmitPayoutReceipt>("submitPayout", new SubmitPayoutRequest { HoldId = hold.Data.HoldId });

        var payout = await grpc.ReadOkAsync<PayoutData>("GetPayout", new GetPayoutQuery { HoldId = hold.Data.HoldId });
        var events = await grpc.ReadOkAsync<ProviderEventsData>("ListProviderEvents", new ListProviderEventsQuery());

        Assert.Equal("submitted", submitted.Data.Status);
        Assert.Equal(("submitted", 2000L), (payout.Hold.Status, payout.Hold.AmountMinor));
        Assert.Equal(("submit", 0), (payout.Saga.Step, payout.Saga.Attempts));
        Assert.Equal(["reserved", "submitted"], payout.Timeline.Select(entry => entry.Status));
        Assert.Equal(submitted.CommandId, payout.Timeline[1].CommandId);
        // No saga runs on this API, so the provider was never called.
        Assert.DoesNotContain(events.Items, entry => entry.HoldId == hold.Data.HoldId);
    }

    [Fact]
    public async Task The_trial_balance_alm_and_reconciliation_runs_are_read()
    {
        var wallet = await grpc.CreateWalletAsync("EUR");
        await grpc.PayInAsync(wallet, "12.00", "EUR");
        await grpc.CatchUpAsync();
        var runId = await grpc.RunReconciliationAsync();

        var trialBalance = await grpc.ReadOkAsync<TrialBalanceData>("GetTrialBalance", new GetTrialBalanceQuery { Currency = "EUR" });
        var alm = await grpc.ReadOkAsync<AlmData>("GetAlm", new GetAlmQuery());
        var run = await grpc.ReadOkAsync<ReconciliationRunData>("GetReconciliationRun", new GetReconciliationRunQuery { RunId = runId });
        var runs = await grpc.ReadOkAsync<ReconciliationRunListData>("ListReconciliationRuns", new ListReconciliationRunsQuery());

        var euros = Assert.Single(trialBalance.Currencies);
        Assert.True(euros.Foots);
        Assert.Equal(euros.TotalDebitMinor, euros.TotalCreditMinor);
        Assert.Contains(euros.GlLines, line => line.GlCode == "2010" && line.CreditMinor >= 1200);
        Assert.Equal("effective", trialBalance.Basis);
        var almEuros = Assert.Single(alm.Currencies, currency => currency.Currency == "EUR");
        Assert.Equal(almEuros.TotalAssetsMinor - almEuros.TotalLiabilitiesMinor, almEuros.GapMinor);
        Assert.Equal(["trial_balance", "holds", "statements", "chart_of_accounts"], run.Gates.Select(gate => gate.Gate));
        Assert.Equal("grpc-test", run.RequestedBy);
        Assert.Contains(runs.Items, item => item.RunId == runId);
    }

    [Theory]
    [InlineData("GetWallet", 5, "NOT_FOUND")]
    [InlineData("GetBalances", 5, "NOT_FOUND")]
    [InlineData("GetHold", 3, "INVALID_ID")]
    [InlineData("GetPayout", 5, "NOT_FOUND")]
    [InlineData("GetReconciliationRun", 3, "INVALID_ID")]
    [InlineData("GetTrialBalance", 3, "VALIDATION")]
    public async Task A_read_of_something_missing_or_malformed_answers_its_status_and_code(string method, int status, string code)
    {
        Google.Protobuf.IMessage query = method switch
        {
            "GetWallet" => new GetWalletQuery { WalletId = $"wal_{Guid.CreateVersion7():N}" },
            "GetBalances" => new GetBalancesQuery { WalletId = $"wal_{Guid.CreateVersion7():N}" },
            "GetPayout" => new GetPayoutQuery { HoldId = $"hold_{Guid.CreateVersion7():N}" },
            "GetReconciliationRun" => new GetReconciliationRunQuery { RunId = "run-1" },
            "GetTrialBalance" => new GetTrialBalanceQuery { Basis = "posted" },
            _ => new GetHoldQuery { HoldId = "hold-1" },
        };

        var reply = await grpc.ReadAsync(method, query);

        Assert.Equal(status, reply.Status);
        Assert.StartsWith($"{code}: ", reply.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_movement_stream_delivers_a_pay_in_made_after_it_opened_and_ends_at_its_deadline()
    {
        var wallet = await grpc.CreateWalletAsync();
        await grpc.PayInAsync(wallet, "1.00");
        await grpc.CatchUpAsync();
        var clock = Stopwatch.StartNew();

        PostPayinReceipt? payin = null;

        // The stream's headers say it is live: the pay-in made then is after its "now".
        var reply = await grpc.ReadAsync("WatchWalletMovements", new WatchWalletMovementsQuery { WalletId = wallet }, timeout: "5S",
            afterHeaders: async () =>
            {
                payin = await grpc.PayInAsync(wallet, "7.25");
                await grpc.CatchUpAsync();
            });

        Assert.Equal(4, reply.Status);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(4.5), TimeSpan.FromSeconds(20));
        var line = Assert.Single(reply.All(StatementLine.Parser));
        Assert.Equal((payin!.CommandId, "postPayin", 725L), (line.CommandId, line.Command, line.AvailableChangeMinor));
        Assert.Equal(payin.LedgerTransactionId, line.LedgerTransactionId);
    }

    [Fact]
    public async Task The_movement_stream_from_a_cursor_replays_what_followed_it_oldest_first()
    {
        var wallet = await grpc.CreateWalletAsync();
        var first = await grpc.PayInAsync(wallet, "1.00");
        var second = await grpc.PayInAsync(wallet, "2.00");
        var third = await grpc.PayInAsync(wallet, "3.00");
        await grpc.CatchUpAsync();

        var reply = await grpc.ReadAsync("WatchWalletMovements", new WatchWalletMovementsQuery { WalletId = wallet, AfterLedgerTransactionId = first.LedgerTransactionId }, timeout: "1S");

        Assert.Equal(4, reply.Status);
        Assert.Equal([second.CommandId, third.CommandId], reply.All(StatementLine.Parser).Select(line => line.CommandId));
    }

    [Fact]
    public async Task The_movement_stream_of_an_unknown_wallet_is_not_found_and_needs_the_token()
    {
        var unknown = await grpc.ReadAsync("WatchWalletMovements", new WatchWalletMovementsQuery { WalletId = $"wal_{Guid.CreateVersion7():N}" }, timeout: "5S");
        var anonymous = await grpc.ReadAsync("WatchWalletMovements", new WatchWalletMovementsQuery { WalletId = await grpc.CreateWalletAsync() }, token: null, timeout: "5S");

        Assert.Equal(5, unknown.Status);
        Assert.Equal(16, anonymous.Status);
    }
}
