using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using WalletFlow.Application.Commands;
using WalletFlow.Application.Payouts;
using WalletFlow.Application.Wallets;
using WalletFlow.Console.Access;
using WalletFlow.Console.Commands;
using WalletFlow.Domain.Ids;
using WalletFlow.Tests.Infrastructure;

namespace WalletFlow.Tests.Console;

/// <summary>The registry's commands as console forms, posted as a browser posts them, run through the executor in-process.</summary>
public sealed class CommandFormsTests(PostgresFixture postgres) : IAsyncLifetime
{
    private ApiFactory _api = null!;
    private ConsoleClient _console = null!;

    public async ValueTask InitializeAsync()
    {
        _api = await ApiFactory.OnFreshDatabaseAsync(postgres, nameof(CommandFormsTests), ConsoleClient.TokenSettings);
        _console = new ConsoleClient(_api);
        await _console.SignInAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await WalletCoreInvariants.AssertHoldAsync(_api.Services.GetRequiredService<NpgsqlDataSource>());
        await _api.DisposeAsync();
    }

    public static TheoryData<string> Commands() => [.. CommandRegistry.All.Select(command => command.Name)];

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Every_command_has_a_form_with_a_labelled_input_for_each_property_of_its_request(string name)
    {
        var command = CommandRegistry.Find(name)!;

        var page = await _console.GetPageAsync(CommandHome.FormPath(command));

        var form = page.QuerySelector<IHtmlFormElement>($"form[data-command={name}]");
        Assert.NotNull(form);
        var properties = command.RequestType.GetConstructors().MaxBy(constructor => constructor.GetParameters().Length)!.GetParameters();
        Assert.NotEmpty(properties);
        foreach (var property in properties)
        {
            var field = char.ToLowerInvariant(property.Name![0]) + property.Name[1..];
            var input = form.QuerySelector($"[data-testid=field] [name={field}]");
            Assert.True(input is not null, $"{name} has no input for {field}.");
            var kind = property.ParameterType == typeof(bool?) ? "input[type=checkbox]" : "fluent-text-input";
            Assert.True(input.Matches(kind), $"{name}'s {field} is a {input.LocalName}, not {kind}.");
            var label = form.QuerySelector($"label[for='{input.Id}']");
            Assert.False(string.IsNullOrWhiteSpace(label?.TextContent), $"{name}'s {field} has no label.");
        }

        Assert.Equal(properties.Length, form.QuerySelectorAll("[data-testid=field]").Length);
        Assert.Matches("^ops-[0-9a-f]{32}$", form.QuerySelector<IHtmlInputElement>("input[name=idempotencyKey]")?.Value);
        Assert.NotNull(form.QuerySelector("input[name=__RequestVerificationToken]"));
    }

    [Fact]
    public async Task Operations_lists_every_command_of_the_registry_that_has_no_page_of_its_own_grouped_by_area()
    {
        var page = await _console.GetPageAsync("/ops/operations");

        var listed = page.QuerySelectorAll("[data-testid=command-link]").Select(link => link.GetAttribute("data-command")).ToList();
        var expected = CommandRegistry.All.Where(CommandHome.IsOnOperations).GroupBy(command => command.Area).SelectMany(area => area).Select(command => command.Name);
        Assert.Equal(expected, listed);
        Assert.Equal(CommandRegistry.All.Count - 5, listed.Count);
        Assert.Equal(CommandRegistry.All.Where(CommandHome.IsOnOperations).Select(command => command.Area).Distinct(), page.QuerySelectorAll(".picker-area").Select(area => area.TextContent).SkipLast(1));
        Assert.Equal(["Source wallet", "Destination wallet", "Amount", "Currency", "Reference"],
            (await _console.GetPageAsync("/ops/operations?command=transfer")).QuerySelectorAll("form[data-command=transfer] label").Select(label => label.TextContent.Trim()));
    }

    [Fact]
    public async Task A_posted_create_wallet_form_opens_the_wallet_and_turns_its_key_over()
    {
        var (page, key) = await PostAsync("/ops/wallets", "createWallet", new() { ["merchantId"] = "acme", ["currency"] = "USD", ["label"] = "Payroll" });

        var card = page.QuerySelector("[data-testid=result-card]")!;
        Assert.Equal("completed", card.GetAttribute("data-status"));
        var walletId = card.QuerySelector("[data-name=walletId]")!.TextContent.Trim();
        Assert.StartsWith("wal_", walletId, StringComparison.Ordinal);
        var wallet = await _api.Services.GetRequiredService<WalletQueries>().GetWalletAsync(walletId, TestContext.Current.CancellationToken);
        Assert.Equal(("acme", "USD", "Payroll"), (wallet.Value.MerchantId, wallet.Value.Currency, wallet.Value.Label));
        Assert.NotEqual(key, Key(page, "createWallet"));
        Assert.Contains(walletId, page.QuerySelector("[data-testid=wallets-table]")!.TextContent, StringComparison.Ordinal);
        var detail = await _console.GetPageAsync($"/ops/wallets/{walletId}");
        Assert.Equal("0.00 USD", detail.QuerySelector("[data-testid=balance-available]")?.TextContent);
    }

    [Fact]
    public async Task Validation_errors_appear_next_to_their_fields_with_the_values_kept_and_the_key_unchanged()
    {
        var (page, key) = await PostAsync("/ops/wallets", "createWallet", new() { ["merchantId"] = "Acme Corp", ["currency"] = "XYZ" });

        var form = page.QuerySelector("form[data-command=createWallet]")!;
        Assert.Equal("rejected", page.QuerySelector("[data-testid=result-card]")?.GetAttribute("data-status"));
        Assert.Contains("merchant", form.QuerySelector("[data-testid=field-error][data-field=merchantId]")?.TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("XYZ", form.QuerySelector("[data-testid=field-error][data-field=currency]")?.TextContent, StringComparison.Ordinal);
        Assert.Equal("Acme Corp", form.QuerySelector("fluent-text-input[name=merchantId]")?.GetAttribute("value"));
        Assert.Equal("XYZ", form.QuerySelector("fluent-text-input[name=currency]")?.GetAttribute("value"));
        Assert.Equal("true", form.QuerySelector("fluent-text-input[name=merchantId]")?.GetAttribute("aria-invalid"));
        Assert.Null(form.QuerySelector("[data-testid=field-error][data-field=label]"));
        Assert.Equal(key, Key(page, "createWallet"));
        Assert.Empty((await _api.Services.GetRequiredService<IWalletStore>().ListAsync(null, null, 10, TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task A_rejection_is_a_red_card_with_its_code_and_sentence_and_the_corrected_form_runs_with_the_same_key()
    {
        var source = await CreateWalletAsync("acme", "USD");
        var destination = await CreateWalletAsync("acme", "USD");
        var transfer = new Dictionary<string, string> { ["sourceWalletId"] = source, ["destinationWalletId"] = destination, ["amount"] = "10.00", ["currency"] = "USD" };

        var (overdraft, _) = await PostAsync("/ops/operations?command=transfer", "transfer", transfer);
        Assert.Equal("INSUFFICIENT_FUNDS", overdraft.QuerySelector("[data-testid=result-code]")?.TextContent);
        Assert.False(string.IsNullOrWhiteSpace(overdraft.QuerySelector("[data-testid=result-message]")?.TextContent));
        Assert.Contains("result-error", overdraft.QuerySelector("[data-testid=result-card]")?.ClassName, StringComparison.Ordinal);

        var (unknown, key) = await PostAsync("/ops/operations?command=postPayin", "postPayin", Payin(source, "25.00", "XYZ"));
        Assert.Equal("CURRENCY_UNKNOWN", unknown.QuerySelector("[data-testid=result-code]")?.TextContent);
        var corrected = await _console.SubmitAsync(unknown, "form[data-command=postPayin]", Payin(source, "25.00", "USD"));
        var receipt = await ConsoleClient.ParseAsync(corrected);

        Assert.Equal("completed", receipt.QuerySelector("[data-testid=result-card]")?.GetAttribute("data-status"));
        Assert.Contains(key, receipt.QuerySelector("[data-testid=result-card]")?.TextContent, StringComparison.Ordinal);
        Assert.Equal("25.00", (await Balances(source)).Available);
        Assert.Equal("25.00 USD", receipt.QuerySelector($"[data-testid=receipt-balance][data-account='wallets:{source}:available']")?.TextContent);
    }

    [Fact]
    public async Task The_same_form_submitted_twice_replays_the_first_result_and_posts_once()
    {
        var wallet = await CreateWalletAsync("acme", "USD");
        var form = await _console.GetPageAsync($"/ops/operations?command=postPayin&walletId={wallet}");
        Assert.Equal(wallet, form.QuerySelector("form[data-command=postPayin] fluent-text-input[name=walletId]")?.GetAttribute("value"));

        var first = await ConsoleClient.ParseAsync(await _console.SubmitAsync(form, "form[data-command=postPayin]", Payin(wallet, "40.00", "USD")));
        var second = await ConsoleClient.ParseAsync(await _console.SubmitAsync(form, "form[data-command=postPayin]", Payin(wallet, "40.00", "USD")));

        Assert.Equal("completed", first.QuerySelector("[data-testid=result-card]")?.GetAttribute("data-status"));
        Assert.Equal("replayed", second.QuerySelector("[data-testid=result-card]")?.GetAttribute("data-status"));
        Assert.NotNull(second.QuerySelector("[data-testid=result-replayed]"));
        var transaction = first.QuerySelector("[data-testid=result-transaction]")!.TextContent.Trim();
        Assert.Equal(transaction, second.QuerySelector("[data-testid=result-transaction]")!.TextContent.Trim());
        Assert.Equal("40.00", (await Balances(wallet)).Available);
        Assert.Single((await _console.GetPageAsync($"/ops/wallets/{wallet}")).QuerySelectorAll("tr.statement-line"));
    }

    [Fact]
    public async Task A_wallet_transaction_page_shows_the_receipt_and_links_its_ledger_transaction()
    {
        var wallet = await CreateWalletAsync("acme", "NGN");
        var (paid, _) = await PostAsync("/ops/operations?command=postPayin", "postPayin", Payin(wallet, "1250.50", "NGN"));
        var link = paid.QuerySelector("[data-testid=result-transaction] a")!.GetAttribute("href")!;
        var ledgerLink = paid.QuerySelector("[data-testid=result-ledger-transaction] a")!.GetAttribute("href")!;

        var page = await _console.GetPageAsync(link);

        Assert.StartsWith("/ops/wallet-transactions/wtx_", link, StringComparison.Ordinal);
        Assert.Equal("postPayin", page.QuerySelector("[data-testid=wallet-transaction-command]")?.TextContent);
        Assert.Equal(ledgerLink, page.QuerySelector("[data-testid=wallet-transaction-ledger] a")?.GetAttribute("href"));
        Assert.Contains("1,250.50 NGN", page.QuerySelector("[data-testid=receipt-postings]")?.TextContent, StringComparison.Ordinal);
        var statement = await _console.GetPageAsync($"/ops/wallets/{wallet}");
        Assert.Equal(link, statement.QuerySelector("tr.statement-line [data-testid=wallet-transaction-link]")?.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.OK, (await _console.Http.GetAsync(ledgerLink, TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task A_hold_is_settled_from_its_row_with_the_form_prefilled()
    {
        var wallet = await CreateWalletAsync("acme", "USD");
        await PostAsync("/ops/operations?command=postPayin", "postPayin", Payin(wallet, "100.00", "USD"));
        var (reserved, _) = await PostAsync("/ops/operations?command=reservePayout", "reservePayout",
            new() { ["walletId"] = wallet, ["amount"] = "30.25", ["currency"] = "USD", ["provider"] = "stripe", ["bankId"] = "citi", ["beneficiary"] = "Jane Doe" });
        var holdId = reserved.QuerySelector("[data-name=holdId]")!.TextContent.Trim();

        var list = await _console.GetPageAsync($"/ops/payouts?walletId={wallet}");
        var row = list.QuerySelector($"tr.hold-row-{holdId}")!;
        Assert.Equal("reserved", row.QuerySelector("[data-testid=hold-status]")?.TextContent);
        var form = await _console.GetPageAsync(row.QuerySelector("[data-testid=settle-hold]")!.GetAttribute("href")!.Split('#')[0]);
        Assert.Equal(holdId, form.QuerySelector("form[data-command=settleHold] fluent-text-input[name=holdId]")?.GetAttribute("value"));
        var review = await ConsoleClient.ParseAsync(await _console.SubmitAsync(form, "form[data-command=settleHold]", new Dictionary<string, string> { ["holdId"] = holdId }));

        Assert.Equal(holdId, review.QuerySelector("[data-testid=confirmation] [data-testid=confirm-value][data-field=holdId]")?.TextContent);
        Assert.Null(review.QuerySelector("[data-testid=result-card]"));
        Assert.Equal("reserved", (await _api.Services.GetRequiredService<IHoldStore>().FindAsync(HoldId.Parse(holdId).Value, TestContext.Current.CancellationToken))?.Status.ToString().ToLowerInvariant());
        var settled = await ConsoleClient.ParseAsync(await _console.SubmitAsync(review, "form[data-command=settleHold]"));

        Assert.Equal("completed", settled.QuerySelector("[data-testid=result-card]")?.GetAttribute("data-status"));
        Assert.Equal("settled", settled.QuerySelector($"tr.hold-row-{holdId} [data-testid=hold-status]")?.TextContent);
        Assert.Equal(("69.75", "0.00"), ((await Balances(wallet)).Available, (await Balances(wallet)).Held));
    }

    [Fact]
    public async Task An_admin_sets_a_flag_on_controls_and_a_denied_command_names_its_scope()
    {
        var wallet = await CreateWalletAsync("frozen", "USD");
        var controls = await _console.GetPageAsync("/ops/controls");
        Assert.Equal("core_wallet_enabled", controls.QuerySelector("form[data-command=setFeatureFlag] fluent-text-input[name=flag]")?.GetAttribute("value"));

        var review = await ConsoleClient.ParseAsync(await _console.SubmitAsync(controls, "form[data-command=setFeatureFlag]",
            new Dictionary<string, string> { ["flag"] = "core_wallet_enabled", ["scopeType"] = "merchant", ["scopeValue"] = "frozen", ["reason"] = "chargeback storm" }));
        Assert.Equal("off", review.QuerySelector("[data-testid=confirm-value][data-field=enabled]")?.TextContent);
        Assert.Null(review.QuerySelector("tr.flag-row"));
        var set = await ConsoleClient.ParseAsync(await _console.SubmitAsync(review, "form[data-command=setFeatureFlag]"));
        Assert.Equal("completed", set.QuerySelector("[data-testid=result-card]")?.GetAttribute("data-status"));
        Assert.Equal("disabled", set.QuerySelector("tr.flag-row [data-testid=flag-state]")?.TextContent);
        Assert.Equal("setFeatureFlag.completed", set.QuerySelector("tr.outbox-row td:nth-child(2)")?.TextContent.Trim());
        Assert.Equal("pending", set.QuerySelector("tr.outbox-row [data-testid=outbox-state]")?.TextContent);

        var (denied, _) = await PostAsync("/ops/operations?command=postPayin", "postPayin", Payin(wallet, "5.00", "USD"));
        Assert.Equal("FLAG_DENIED", denied.QuerySelector("[data-testid=result-code]")?.TextContent);
        Assert.Equal("merchant:frozen", denied.QuerySelector("[data-testid=result-scope]")?.TextContent);
    }

    [Fact]
    public async Task A_command_that_needs_confirmation_shows_field_errors_at_once_and_a_cancelled_confirmation_runs_nothing()
    {
        var form = await _console.GetPageAsync("/ops/payouts?command=releaseHold");

        var wallet = await CreateWalletAsync("acme", "USD");
        await PostAsync("/ops/operations?command=postPayin", "postPayin", Payin(wallet, "100.00", "USD"));
        var (reserved, _) = await PostAsync("/ops/operations?command=reservePayout", "reservePayout",
            new() { ["walletId"] = wallet, ["amount"] = "10.00", ["currency"] = "USD", ["provider"] = "stripe", ["bankId"] = "citi" });
        var holdId = reserved.QuerySelector("[data-name=holdId]")!.TextContent.Trim();
        var commands = await CommandCountAsync();

        var invalid = await ConsoleClient.ParseAsync(await _console.SubmitAsync(form, "form[data-command=releaseHold]", new Dictionary<string, string> { ["holdId"] = "" }));
        var unknown = await ConsoleClient.ParseAsync(await _console.SubmitAsync(form, "form[data-command=releaseHold]", new Dictionary<string, string> { ["holdId"] = "hold_01890a5d8c0c7b3e9f6a2b1c3d4e5f60" }));
        var review = await ConsoleClient.ParseAsync(await _console.SubmitAsync(form, "form[data-command=releaseHold]", new Dictionary<string, string> { ["holdId"] = holdId, ["reason"] = "provider failed" }));
        var cancelled = await _console.GetPageAsync(review.QuerySelector("[data-testid=cancel-command]")!.GetAttribute("href")!);

        Assert.Null(invalid.QuerySelector("[data-testid=confirmation]"));
        Assert.NotNull(invalid.QuerySelector("[data-testid=field-error][data-field=holdId]"));
        Assert.Null(unknown.QuerySelector("[data-testid=confirmation]"));
        Assert.Equal("NOT_FOUND", unknown.QuerySelector("[data-testid=result-code]")?.TextContent);
        Assert.Equal("provider failed", review.QuerySelector("[data-testid=confirm-value][data-field=reason]")?.TextContent);
        Assert.Null(cancelled.QuerySelector("[data-testid=confirmation]"));
        Assert.Null(cancelled.QuerySelector("[data-testid=result-card]"));
        Assert.Equal(commands, await CommandCountAsync());
        Assert.Equal(("90.00", "10.00"), ((await Balances(wallet)).Available, (await Balances(wallet)).Held));
    }

    private async Task<long> CommandCountAsync()
    {
        await using var count = _api.Services.GetRequiredService<NpgsqlDataSource>().CreateCommand("select count(*) from core.commands");
        return (long)(await count.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    [Fact]
    public async Task A_command_form_posted_without_its_anti_forgery_token_is_refused_and_runs_nothing()
    {
        var page = await _console.GetPageAsync("/ops/wallets");
        var handler = page.QuerySelector<IHtmlInputElement>("form[data-command=createWallet] input[name=_handler]")!.Value;

        var response = await _console.Http.PostAsync("/ops/wallets", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = handler, ["idempotencyKey"] = "forged-1", ["merchantId"] = "acme", ["currency"] = "USD",
        }), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(await _api.Services.GetRequiredService<IWalletStore>().ListAsync(null, null, 10, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task An_operator_runs_operations_as_an_operator_but_is_kept_out_of_controls()
    {
        await using var api = await ApiFactory.OnFreshDatabaseAsync(postgres, nameof(CommandFormsTests) + "_operator", ConsoleClient.TokenSettings,
            services => services.AddSingleton<IClaimsTransformation, OperatorsOnly>());
        var console = new ConsoleClient(api);
        await console.SignInAsync();

        var wallets = await console.GetPageAsync("/ops/wallets");
        var created = await ConsoleClient.ParseAsync(await console.SubmitAsync(wallets, "form[data-command=createWallet]",
            new Dictionary<string, string> { ["merchantId"] = "acme", ["currency"] = "EUR" }));
        var controls = await console.Http.GetAsync("/ops/controls", TestContext.Current.CancellationToken);

        Assert.Equal("completed", created.QuerySelector("[data-testid=result-card]")?.GetAttribute("data-status"));
        Assert.Equal(HttpStatusCode.Redirect, controls.StatusCode);
        Assert.Equal("/ops/denied", controls.Headers.Location?.AbsolutePath);
        Assert.Equal(HttpStatusCode.Redirect, (await console.Http.PostAsync("/ops/controls", new FormUrlEncodedContent([]), TestContext.Current.CancellationToken)).StatusCode);
    }

    private async Task<(IHtmlDocument Page, string Key)> PostAsync(string path, string command, Dictionary<string, string> fields)
    {
        var page = await _console.GetPageAsync(path);
        var key = Key(page, command);
        var response = await _console.SubmitAsync(page, $"form[data-command={command}]", fields);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await ConsoleClient.ParseAsync(response), key);
    }

    private async Task<string> CreateWalletAsync(string merchant, string currency)
    {
        var (page, _) = await PostAsync("/ops/wallets", "createWallet", new() { ["merchantId"] = merchant, ["currency"] = currency });
        return page.QuerySelector("[data-testid=result-card] [data-name=walletId]")!.TextContent.Trim();
    }

    private async Task<BalancesData> Balances(string wallet) =>
        (await _api.Services.GetRequiredService<WalletQueries>().GetBalancesAsync(wallet, TestContext.Current.CancellationToken)).Value;

    private static Dictionary<string, string> Payin(string wallet, string amount, string currency) =>
        new() { ["walletId"] = wallet, ["bankId"] = "citi", ["amount"] = amount, ["currency"] = currency, ["provider"] = "paystack" };

    private static string Key(IHtmlDocument page, string command) =>
        page.QuerySelector<IHtmlInputElement>($"form[data-command={command}] input[name=idempotencyKey]")!.Value;
}
