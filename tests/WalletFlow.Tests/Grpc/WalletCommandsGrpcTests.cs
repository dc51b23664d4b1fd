using Google.Protobuf;
using WalletFlow.Api.Grpc.WalletCore.Contracts;
using WalletFlow.Application.Commands;
using WalletFlow.Tests.Infrastructure;

namespace WalletFlow.Tests.Grpc;

/// <summary>
/// Every registry command over the gRPC wire, against the real API: one success each (a new command without a body
/// here fails <see cref="Every_registry_command_has_a_grpc_success_case"/>), replays, the status of a refusal, the
/// bearer and key checks, and deadlines.
/// </summary>
public sealed class WalletCommandsGrpcTests(WalletGrpc grpc) : IClassFixture<WalletGrpc>
{
    private const string Counterparty = "lp-one";

    /// <summary>A valid request per command, with whatever it needs set up first (wallets, money, a quote, desk positions).</summary>
    private static readonly Dictionary<string, Func<WalletGrpc, Task<IMessage>>> SuccessCases = new(StringComparer.Ordinal)
    {
        ["createWallet"] = _ => Task.FromResult<IMessage>(new CreateWalletRequest { MerchantId = "acme", Currency = "USD", Label = "Main" }),
        ["postPayin"] = async grpc => new PostPayinRequest { WalletId = await grpc.CreateWalletAsync(), BankId = "citi", AmountMinor = 1250, Currency = "USD", Reference = "pi-1" },
        ["transfer"] = async grpc =>
        {
            var source = await grpc.CreateWalletAsync();
            await grpc.PayInAsync(source, "100.00");
            return new TransferRequest { SourceWalletId = source, DestinationWalletId = await grpc.CreateWalletAsync(), AmountMinor = 2500, Currency = "USD" };
        },
        ["createFxQuote"] = async grpc => new CreateFxQuoteRequest { SellWalletId = await grpc.CreateWalletAsync("USD"), BuyWalletId = await grpc.CreateWalletAsync("EUR"), SellAmountMinor = 10000, SellCurrency = "USD" },
        ["bookFxDeal"] = async grpc =>
        {
            var usd = await grpc.CreateWalletAsync("USD");
            await grpc.PayInAsync(usd, "100.00");
            await grpc.FundAsync("banks:citi:EUR", "fx:EUR", 500_00, "EUR/2");
            var quote = await grpc.SucceedAsync<CreateFxQuoteReceipt>(
                "createFxQuote", new CreateFxQuoteRequest { SellWalletId = usd, BuyWalletId = await grpc.CreateWalletAsync("EUR"), SellAmountMinor = 10000, SellCurrency = "USD" });
            return new BookFxDealRequest { QuoteId = quote.Data.QuoteId };
        },
        ["bookCounterpartyTrade"] = async grpc =>
        {
            await grpc.FundAsync("banks:citi:USD", "fx:USD", 1_000_00, "USD/2");
            await grpc.FundAsync($"counterparties:{Counterparty}", "equity:treasury", 1_000_00, "USD/2");
            return new BookCounterpartyTradeRequest { CounterpartyId = Counterparty, SellAmountMinor = 10000, SellCurrency = "USD", BuyAmountMinor = 9200, BuyCurrency = "EUR" };
        },
    };

    /// <summary>
    /// Valid requests written as JSON (the REST bodies' names, parsed by protobuf's JSON mapping into the method's
    /// request message), so they need no generated class: treasury, GPS, stablecoin, flag, payout, reserve and
    /// correction commands. A case whose command is not in the registry is not run.
    /// </summary>
    private static readonly Dictionary<string, Func<WalletGrpc, Task<string>>> JsonSuccessCases = new(StringComparer.Ordinal)
    {
        ["fundBankAccount"] = _ => Task.FromResult(Json(new { amountMinor = 100000, currency = "USD", bankId = "citi", purpose = "treasury" })),
        ["postOpeningBalance"] = async grpc => Json(new { amountMinor = 7540, currency = "USD", assetKind = "bank", bankId = "citi", claimKind = "wallet", walletId = await grpc.CreateWalletAsync() }),
        ["topUpGpsPool"] = async grpc =>
        {
            await grpc.SucceedJsonAsync("fundBankAccount", Json(new { amountMinor = 100000, currency = "EUR", bankId = "barclays", purpose = "treasury" }));
            return Json(new { bankId = "barclays", amountMinor = 40000, currency = "EUR" });
        },
        ["gpsCrossCurrencyPayout"] = async grpc =>
        {
            var wallet = await grpc.CreateWalletAsync();
            await grpc.PayInAsync(wallet, "100.00");
            await grpc.SucceedJsonAsync("fundBankAccount", Json(new { amountMinor = 50000, currency = "EUR", bankId = "pool-funding", purpose = "treasury" }));
            await grpc.SucceedJsonAsync("topUpGpsPool", Json(new { bankId = "pool-funding", amountMinor = 50000, currency = "EUR" }));
            await grpc.SucceedJsonAsync("fundBankAccount", Json(new { amountMinor = 100000, currency = "EUR", bankId = "barclays", purpose = "fx_position" }));
            return Json(new { walletId = wallet, debitAmountMinor = 5000, debitCurrency = "USD", payoutAmountMinor = 4500, payoutCurrency = "EUR", beneficiary = "Jean Dupont" });
        },
        ["stablecoinOnramp"] = async grpc =>
        {
            await grpc.SucceedJsonAsync("fundBankAccount", Json(new { amountMinor = 1000000000, currency = "USDC", network = "ethereum", purpose = "fx_position" }));
            return Json(new { bankId = "citi", fiatAmountMinor = 10000, fiatCurrency = "USD", coinAmountMinor = 99500000, coin = "USDC", network = "ethereum" });
        },
        ["stablecoinOfframp"] = async grpc =>
        {
            await grpc.SucceedJsonAsync("fundBankAccount", Json(new { amountMinor = 100000, currency = "USD", bankId = "citi", purpose = "fx_position" }));
            return Json(new { network = "ethereum", coinAmountMinor = 200000000, coin = "USDC", bankId = "citi", fiatAmountMinor = 19900, fiatCurrency = "USD" });
        },
        ["setFeatureFlag"] = _ => Task.FromResult(Json(new { flag = "core_wallet_enabled", scopeType = "merchant", scopeValue = "grpc-probe", enabled = true, reason = "gRPC success case" })),
        ["reservePayout"] = async grpc => Json(new { walletId = await FundedWalletAsync(grpc), amountMinor = 3000, currency = "USD", provider = "stripe", bankId = "citi" }),
        ["submitPayout"] = async grpc => Json(new { holdId = await HoldAsync(grpc, WalletGrpc.Provider) }),
        ["settleHold"] = async grpc => Json(new { holdId = await HoldAsync(grpc) }),
        ["releaseHold"] = async grpc => Json(new { holdId = await HoldAsync(grpc), reason = "beneficiary account closed" }),
        ["markPayoutManualReview"] = async grpc => Json(new { holdId = await HoldAsync(grpc), reason = "provider timed out" }),
        ["holdRollingReserve"] = async grpc => Json(new { walletId = await FundedWalletAsync(grpc), amountMinor = 2550, currency = "USD", reason = "10% rolling reserve" }),
        ["releaseRollingReserve"] = async grpc =>
        {
            var wallet = await FundedWalletAsync(grpc);
            await grpc.SucceedJsonAsync("holdRollingReserve", Json(new { walletId = wallet, amountMinor = 2550, currency = "USD" }));
            return Json(new { walletId = wallet, amountMinor = 2000, currency = "USD" });
        },
        ["postCorrection"] = async grpc => Json(new { walletId = await grpc.CreateWalletAsync(), direction = "credit", amountMinor = 1250, currency = "USD", reason = "goodwill" }),
        ["reverse"] = async grpc => Json(new { transactionId = (await grpc.PayInAsync(await grpc.CreateWalletAsync(), "9.00")).CommandId, reason = "duplicate bank notification" }),
        ["rebuildStatements"] = _ => Task.FromResult(Json(new { reason = "gRPC success case" })),
        ["createWebhookEndpoint"] = _ => Task.FromResult(Json(new { merchantId = "grpc-hooks", url = "http://127.0.0.1:9/hooks", eventTypes = "createWallet.completed" })),
        ["rotateWebhookSecret"] = async grpc => Json(new { endpointId = await WebhookEndpointAsync(grpc, "grpc-rotate") }),
        ["discardWebhookDelivery"] = async grpc => Json(new { deliveryId = await PendingDeliveryAsync(grpc, "grpc-discard") }),
        ["replayWebhookDelivery"] = async grpc =>
        {
            var delivery = await PendingDeliveryAsync(grpc, "grpc-replay");
            await grpc.SucceedJsonAsync("discardWebhookDelivery", Json(new { deliveryId = delivery }));
            return Json(new { deliveryId = delivery });
        },
    };

    public static TheoryData<string> Commands => [.. SuccessCases.Keys.Concat(JsonSuccessCases.Keys).Where(name => CommandRegistry.Find(name) is not null)];

    [Fact]
    public void Every_registry_command_has_a_grpc_success_case()
    {
        var missing = CommandRegistry.All.Select(command => command.Name).Where(name => !SuccessCases.ContainsKey(name) && !JsonSuccessCases.ContainsKey(name)).ToList();

        Assert.True(missing.Count == 0, $"Add a gRPC success case to {nameof(WalletCommandsGrpcTests)}.{nameof(SuccessCases)} (or {nameof(JsonSuccessCases)}) for: {string.Join(", ", missing)}");
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Each_command_succeeds_over_grpc_with_its_receipt(string command)
    {
        var request = SuccessCases.TryGetValue(command, out var build)
            ? await build(grpc)
            : JsonParser.Default.Parse(await JsonSuccessCases[command](grpc), WalletGrpc.Method(command).InputType);
        var key = WalletGrpc.NewKey();

        var reply = await grpc.CommandAsync(command, request, key);

        Assert.True(reply.Status == 0, $"{command} answered {reply.Status} {reply.Message}");
        Assert.Equal("false", reply.Headers["idempotent-replayed"]);
        var receiptType = WalletGrpc.Method(command).OutputType;
        var receipt = receiptType.Parser.ParseFrom(Assert.Single(reply.Messages));
        string Field(string name) => (string)receiptType.FindFieldByName(name).Accessor.GetValue(receipt);
        Assert.Equal(command, Field("command"));
        Assert.Equal(key, Field("idempotency_key"));
        Assert.Equal(CommandReceipt<object>.Completed, Field("status"));
        Assert.StartsWith("wtx_", Field("command_id"), StringComparison.Ordinal);
        Assert.True(DateTimeOffset.TryParse(Field("completed_at"), System.Globalization.CultureInfo.InvariantCulture, out _), Field("completed_at"));
        Assert.NotNull(receiptType.FindFieldByName("data").Accessor.GetValue(receipt));

        var stored = await grpc.ReadOkAsync<CommandReceipt>("GetCommand", new GetCommandQuery { IdempotencyKey = key });
        Assert.Equal(Field("command_id"), stored.CommandId);
        Assert.Equal(command, stored.Command);
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Each_command_refuses_an_empty_request_as_invalid_argument_with_its_code_and_posts_nothing(string command)
    {
        var empty = (IMessage)Activator.CreateInstance(WalletGrpc.Method(command).InputType.ClrType)!;
        var key = WalletGrpc.NewKey();

        var reply = await grpc.CommandAsync(command, empty, key);

        Assert.True(reply.Status == 3, $"{command} answered {reply.Status} {reply.Message}");
        Assert.Matches("^(VALIDATION|INVALID_ID|INVALID_AMOUNT|CURRENCY_UNKNOWN): ", reply.Message);
        Assert.Equal(5, (await grpc.ReadAsync("GetCommand", new GetCommandQuery { IdempotencyKey = key })).Status);
    }

    private static string Json(object body) => System.Text.Json.JsonSerializer.Serialize(body);

    private static async Task<string> FundedWalletAsync(WalletGrpc grpc)
    {
        var wallet = await grpc.CreateWalletAsync();
        await grpc.PayInAsync(wallet, "100.00");
        return wallet;
    }

    private static async Task<string> HoldAsync(WalletGrpc grpc, string provider = "stripe")
    {
        var reserved = await grpc.SucceedJsonAsync("reservePayout", Json(new { walletId = await FundedWalletAsync(grpc), amountMinor = 3000, currency = "USD", provider, bankId = "citi" }));
        return reserved.GetProperty("data").GetProperty("holdId").GetString()!;
    }

    private static async Task<string> WebhookEndpointAsync(WalletGrpc grpc, string merchant)
    {
        var created = await grpc.SucceedJsonAsync("createWebhookEndpoint", Json(new { merchantId = merchant, url = "http://127.0.0.1:9/hooks" }));
        return created.GetProperty("data").GetProperty("endpointId").GetString()!;
    }

    /// <summary>A delivery waiting for its first attempt: the endpoint's merchant opened a wallet, and the relay published it.</summary>
    private static async Task<string> PendingDeliveryAsync(WalletGrpc grpc, string merchant)
    {
        var endpoint = await WebhookEndpointAsync(grpc, merchant);
        await grpc.CreateWalletAsync(merchant: merchant);
        await grpc.CatchUpAsync();
        var page = await grpc.ReadOkAsync<WebhookDeliveryPage>("ListWebhookDeliveries", new ListWebhookDeliveriesQuery { EndpointId = endpoint });
        return Assert.Single(page.Items).DeliveryId;
    }

    [Fact]
    public async Task The_health_service_knows_every_generated_service()
    {
        foreach (var service in Api.Grpc.Commands.CommandGrpcMethods.Services.Select(service => service.FullName).Append("walletflow.v1.WalletReads"))
        {
            var reply = await grpc.Client.CallAsync("/grpc.health.v1.Health/Check", new global::Grpc.Health.V1.HealthCheckRequest { Service = service });

            Assert.Equal(global::Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving, reply.Single(global::Grpc.Health.V1.HealthCheckResponse.Parser).Status);
        }
    }

    [Fact]
    public async Task A_transfer_answers_its_postings_balances_and_data_and_moves_the_money()
    {
        var source = await grpc.CreateWalletAsync();
        var destination = await grpc.CreateWalletAsync();
        await grpc.PayInAsync(source, "100.00");

        var receipt = await grpc.SucceedAsync<TransferReceipt>(
            "transfer", new TransferRequest { SourceWalletId = source, DestinationWalletId = destination, AmountMinor = 2500, Currency = "USD", Reference = "inv-9" });

        Assert.Equal(source, receipt.Data.SourceWalletId);
        Assert.Equal(destination, receipt.Data.DestinationWalletId);
        Assert.Equal(2500, receipt.Data.AmountMinor);
        Assert.Equal("inv-9", receipt.Data.Reference);
        Assert.True(receipt.HasLedgerTransactionId);
        var posting = Assert.Single(receipt.Postings);
        Assert.Equal(($"wallets:{source}:available", $"wallets:{destination}:available", 2500L, "USD"), (posting.Source, posting.Destination, posting.AmountMinor, posting.Currency));
        Assert.Contains(receipt.Balances, balance => balance.Account == $"wallets:{source}:available" && balance.BalanceMinor == 7500);
        Assert.Equal("75.00", await grpc.AvailableAsync(source));
        Assert.Equal("25.00", await grpc.AvailableAsync(destination));
    }

    [Fact]
    public async Task A_wallet_without_a_label_answers_no_label_rather_than_an_empty_one()
    {
        var receipt = await grpc.SucceedAsync<CreateWalletReceipt>("createWallet", new CreateWalletRequest { MerchantId = "acme", Currency = "EUR" });

        Assert.False(receipt.Data.HasLabel);
        Assert.Equal("active", receipt.Data.Status);
        Assert.False(receipt.HasLedgerTransactionId);
        Assert.Empty(receipt.Postings);
    }

    [Fact]
    public async Task A_replay_answers_the_first_receipt_with_idempotent_replayed_and_moves_the_money_once()
    {
        var source = await grpc.CreateWalletAsync();
        var destination = await grpc.CreateWalletAsync();
        await grpc.PayInAsync(source, "100.00");
        var request = new TransferRequest { SourceWalletId = source, DestinationWalletId = destination, AmountMinor = 1000, Currency = "USD" };
        var key = WalletGrpc.NewKey();

        var first = await grpc.CommandAsync("transfer", request, key);
        var again = await grpc.CommandAsync("transfer", request, key);

        Assert.Equal((0, 0), (first.Status!.Value, again.Status!.Value));
        Assert.Equal("false", first.Headers["idempotent-replayed"]);
        Assert.Equal("true", again.Headers["idempotent-replayed"]);
        Assert.Equal(first.Single(TransferReceipt.Parser), again.Single(TransferReceipt.Parser));
        Assert.Equal("90.00", await grpc.AvailableAsync(source));

        var different = await grpc.CommandAsync("transfer", new TransferRequest(request) { AmountMinor = 1100 }, key);
        Assert.Equal(6, different.Status);
        Assert.StartsWith("IDEMPOTENCY_CONFLICT: ", different.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_transfer_the_source_cannot_cover_is_failed_precondition_with_insufficient_funds_and_moves_nothing()
    {
        var source = await grpc.CreateWalletAsync();
        var destination = await grpc.CreateWalletAsync();
        await grpc.PayInAsync(source, "10.00");

        var refused = await grpc.CommandAsync("transfer", new TransferRequest { SourceWalletId = source, DestinationWalletId = destination, AmountMinor = 1001, Currency = "USD" });

        Assert.Equal(9, refused.Status);
        Assert.StartsWith("INSUFFICIENT_FUNDS: ", refused.Message, StringComparison.Ordinal);
        Assert.Equal(("INSUFFICIENT_FUNDS", "walletflow"), (refused.ErrorInfo?.Reason, refused.ErrorInfo?.Domain));
        Assert.Empty(refused.Messages);
        Assert.Equal("10.00", await grpc.AvailableAsync(source));
        Assert.Equal("0.00", await grpc.AvailableAsync(destination));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-the-token")]
    public async Task A_command_without_the_operator_token_is_unauthenticated(string? token)
    {
        var refused = await grpc.CommandAsync("createWallet", new CreateWalletRequest { MerchantId = "acme", Currency = "USD" }, token: token);

        Assert.Equal(16, refused.Status);
        Assert.StartsWith("UNAUTHORIZED: ", refused.Message, StringComparison.Ordinal);
        Assert.Equal(("UNAUTHORIZED", "walletflow"), (refused.ErrorInfo?.Reason, refused.ErrorInfo?.Domain));
        var read = await grpc.ReadAsync("GetWallet", new GetWalletQuery { WalletId = await grpc.CreateWalletAsync() }, token: token);
        Assert.Equal(16, read.Status);
    }

    [Fact]
    public async Task A_command_without_an_idempotency_key_is_invalid_argument()
    {
        var refused = await grpc.Client.CallAsync(
            WalletGrpc.PathOf(WalletGrpc.Method("createWallet")), new CreateWalletRequest { MerchantId = "acme", Currency = "USD" }, WalletGrpc.Metadata(key: null));

        Assert.Equal(3, refused.Status);
        Assert.StartsWith("IDEMPOTENCY_KEY_MISSING: ", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_field_is_invalid_argument_with_its_code()
    {
        var refused = await grpc.CommandAsync("createWallet", new CreateWalletRequest { MerchantId = "acme", Currency = "XYZ" });

        Assert.Equal(3, refused.Status);
        Assert.StartsWith("CURRENCY_UNKNOWN: ", refused.Message, StringComparison.Ordinal);
        Assert.Equal("CURRENCY_UNKNOWN", refused.ErrorInfo?.Reason);
        var violation = Assert.Single(refused.BadRequest!.FieldViolations);
        Assert.Equal("currency", violation.Field);
    }

    [Fact]
    public async Task A_command_whose_deadline_passed_is_deadline_exceeded_commits_nothing_and_its_key_stays_free()
    {
        var source = await grpc.CreateWalletAsync();
        var destination = await grpc.CreateWalletAsync();
        await grpc.PayInAsync(source, "100.00");
        var request = new TransferRequest { SourceWalletId = source, DestinationWalletId = destination, AmountMinor = 500, Currency = "USD" };
        var key = WalletGrpc.NewKey();

        var expired = await grpc.CommandAsync("transfer", request, key, timeout: "1n");

        Assert.Equal(4, expired.Status);
        Assert.Equal("100.00", await grpc.AvailableAsync(source));
        Assert.Equal(5, (await grpc.ReadAsync("GetCommand", new GetCommandQuery { IdempotencyKey = key })).Status);

        var retried = await grpc.CommandAsync("transfer", request, key, timeout: "10S");
        Assert.Equal(0, retried.Status);
        Assert.Equal("false", retried.Headers["idempotent-replayed"]);
        Assert.Equal("95.00", await grpc.AvailableAsync(source));
    }
}
