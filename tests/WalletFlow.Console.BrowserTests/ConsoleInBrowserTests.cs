using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using WalletFlow.Application.Commands;
using WalletFlow.Application.Wallets;
using WalletFlow.Ledger;
using WalletFlow.Tests.Infrastructure;

namespace WalletFlow.Console.BrowserTests;

public sealed class ConsoleInBrowserTests(PostgresFixture postgres) : IAsyncLifetime
{
    private const string PayinAccount = "wallets:wal_browser01:available";
    private const string OfflineProvider = "offline";

    private ConsoleHost _host = null!;
    private BrowserSession _browser = null!;
    private LedgerTransaction _payin = null!;
    private WalletStory.Story _story = null!;

    public async ValueTask InitializeAsync()
    {
        _host = new ConsoleHost(await postgres.CreateDatabaseAsync(nameof(ConsoleInBrowserTests)), new Dictionary<string, string>
        {
            // A provider nobody answers for: its payouts' sagas find no answer and, after one call, park them in manual review.
            [$"PayoutProviders:{OfflineProvider}:BaseAddress"] = "http://127.0.0.1:9/",
            [$"PayoutProviders:{OfflineProvider}:Timeout"] = "00:00:01",
            ["PayoutSagas:MaxAttempts"] = "1",
            // Webhook endpoints on loopback, where nothing answers: a delivery stays pending on its retry schedule.
            ["Webhooks:AllowPrivateTargets"] = "true",
        });
        _host.Start();
        _payin = await LedgerStory.PostAsync(_host.Services.GetRequiredService<ILedger>(), PayinAccount);
        _story = await WalletStory.RunAsync(_host.Services.GetRequiredService<CommandExecutor>());
        _browser = await BrowserSession.LaunchAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task A_wrong_token_is_refused_with_a_readable_message_and_the_right_one_opens_the_overview()
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/ops/login");
        await ComponentsReadyAsync(page);

        await page.FillAsync("[data-testid=token] input", "not-the-token");
        await page.ClickAsync("[data-testid=sign-in]");
        await Assertions.Expect(page.GetByTestId("sign-in-error")).ToHaveTextAsync("That token was not accepted. Check it and try again.");

        await SignInAsync(page);
        await Assertions.Expect(page).ToHaveTitleAsync("Overview · WalletFlow ops");
        await Assertions.Expect(page.GetByTestId("database-status")).ToHaveTextAsync("Healthy");
        await Assertions.Expect(page.GetByTestId("transaction-count")).ToHaveTextAsync("6");
        await Assertions.Expect(page.GetByTestId("commands-completed")).ToHaveTextAsync("3");
    }

    [Fact]
    public async Task The_open_overview_shows_a_command_run_elsewhere_within_seconds_without_a_reload()
    {
        var page = await NewPageAsync();
        await SignInAsync(page);
        // A component whose script does not load, or any other error, ends the circuit and the page goes stale.
        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();
        page.Response += (_, response) => { if (response.Status >= 400) failures.Enqueue($"{response.Status} {response.Url}"); };
        page.Console += (_, message) => { if (message.Type == "error") failures.Enqueue(message.Text); };
        // Once its circuit is connected the page is live; on a loaded machine that takes a while after the page shows.
        await page.RunAndWaitForWebSocketAsync(() => page.ReloadAsync(), new() { Timeout = 60_000 });
        var completed = page.GetByTestId("commands-completed");
        var before = long.Parse(await completed.InnerTextAsync(), NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
        // A reload or a navigation would start a new document and lose it.
        await page.EvaluateAsync("() => window.overviewMarker = 'still the same document'");

        var executor = _host.Services.GetRequiredService<CommandExecutor>();
        var created = await executor.ExecuteAsync(CreateWallet.Descriptor, new CreateWalletRequest("live", "USD", "Live overview"), "live-overview-wallet", Caller.Admin("browser story"), CancellationToken.None);
        Assert.True(created.IsSuccess);

        await Assertions.Expect(completed).ToHaveTextAsync((before + 1).ToString("N0", CultureInfo.InvariantCulture), new() { Timeout = 15_000 });
        Assert.Equal("still the same document", await page.EvaluateAsync<string>("() => window.overviewMarker"));
        Assert.Empty(failures);
        Assert.Equal(new Uri(_host.Address, "/ops").ToString(), page.Url);
    }

    [Fact]
    public async Task The_ledger_shows_a_posted_account_and_its_transaction_opens_in_detail()
    {
        var page = await NewPageAsync();
        await SignInAsync(page);

        await page.ClickAsync(".rail-link:has-text('Ledger')");
        await page.FillAsync("[data-testid=address-filter] input", PayinAccount);
        await page.PressAsync("[data-testid=address-filter] input", "Enter");
        var row = page.Locator("tr.account-row");
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row).ToContainTextAsync("250.00 NGN");

        await row.GetByTestId("account-transactions").ClickAsync();
        await page.ClickAsync($"[data-testid=transaction-link]:text-is('#{_payin.Id}')");

        await Assertions.Expect(page).ToHaveURLAsync(new Uri(_host.Address, $"/ops/transactions/{_payin.Id}").ToString());
        await Assertions.Expect(page.GetByTestId("postings-table")).ToContainTextAsync(PayinAccount);
        await Assertions.Expect(page.GetByTestId("transaction-reference")).ToHaveTextAsync(LedgerStory.PayinReference);
    }

    [Fact]
    public async Task The_theme_switched_from_the_user_menu_is_remembered_after_a_reload()
    {
        var page = await NewPageAsync();
        await SignInAsync(page);
        await page.GotoAsync("/ops/ledger");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("data-theme", "dark");
        await ComponentsReadyAsync(page);

        await page.ClickAsync("[data-testid=user-menu] summary");
        await page.ClickAsync("[data-testid=switch-theme]");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("data-theme", "paper");
        await page.ReloadAsync();

        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("data-theme", "paper");
        await Assertions.Expect(page).ToHaveURLAsync(new Uri(_host.Address, "/ops/ledger").ToString());
    }

    [Fact]
    public async Task After_signing_out_the_console_sends_the_browser_back_to_the_login_page()
    {
        var page = await NewPageAsync();
        await SignInAsync(page);

        await page.ClickAsync("[data-testid=user-menu] summary");
        await page.ClickAsync("[data-testid=sign-out]");
        await Assertions.Expect(page.GetByTestId("signed-out")).ToBeVisibleAsync();
        await page.GotoAsync("/ops/ledger");

        await Assertions.Expect(page).ToHaveTitleAsync("Sign in · WalletFlow ops");
        Assert.StartsWith(new Uri(_host.Address, "/ops/login").ToString(), page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wallet_is_created_paid_into_and_transferred_from_and_an_overdraft_is_a_red_card()
    {
        var page = await NewPageAsync();
        await SignInAsync(page);
        await page.ClickAsync(".rail-link:has-text('Wallets')");

        var source = await CreateWalletAsync(page, "browser-merchant", "Float");
        var destination = await CreateWalletAsync(page, "browser-merchant", "Payroll");
        await page.GotoAsync($"/ops/wallets/{source}");
        await page.ClickAsync("[data-testid=wallet-payin]");
        await Assertions.Expect(Panel(page, "postPayin")).ToHaveAttributeAsync("data-live", "true");
        await Assertions.Expect(page.Locator("form[data-command=postPayin] fluent-text-input[name=walletId] input")).ToHaveValueAsync(source);
        await Assertions.Expect(page.Locator("form[data-command=postPayin] fluent-text-input[name=currency] input")).ToHaveValueAsync("USD");
        // The currency's suggestions must reach the input inside the text input's shadow root to be offered at all.
        await page.WaitForFunctionAsync("() => document.querySelector('form[data-command=postPayin] fluent-text-input[name=currency]')?.shadowRoot?.querySelector('input')?.list?.options.length > 0");
        var idFont = await page.Locator("form[data-command=postPayin] fluent-text-input[name=walletId] input").EvaluateAsync<string>("input => getComputedStyle(input).fontFamily");
        Assert.Contains("mono", idFont, StringComparison.OrdinalIgnoreCase);
        await FillAsync(page, "postPayin", ("bankId", "citi"), ("amount", "300.00"), ("provider", "paystack"), ("reference", "browser-payin"));
        await SubmitAsync(page, "postPayin");
        await Assertions.Expect(page.GetByTestId("result-card")).ToHaveAttributeAsync("data-status", "completed");
        await Assertions.Expect(page.Locator($"[data-testid=receipt-balance][data-account='wallets:{source}:available']")).ToHaveTextAsync("300.00 USD");

        await page.ClickAsync("[data-testid=command-link][data-command=transfer]");
        await FillAsync(page, "transfer", ("sourceWalletId", source), ("destinationWalletId", destination), ("amount", "120.00"), ("currency", "USD"));
        await SubmitAsync(page, "transfer");
        await Assertions.Expect(page.GetByTestId("result-card")).ToHaveAttributeAsync("data-status", "completed");
        await Assertions.Expect(page.Locator($"[data-testid=receipt-balance][data-account='wallets:{destination}:available']")).ToHaveTextAsync("120.00 USD");

        await FillAsync(page, "transfer", ("sourceWalletId", source), ("destinationWalletId", destination), ("amount", "1000.00"), ("currency", "USD"));
        await SubmitAsync(page, "transfer");
        var card = page.GetByTestId("result-card");
        await Assertions.Expect(card).ToHaveAttributeAsync("data-status", "rejected");
        await Assertions.Expect(card.GetByTestId("result-code")).ToHaveTextAsync("INSUFFICIENT_FUNDS");
        await Assertions.Expect(card).ToHaveCSSAsync("border-left-style", "solid");
        await Assertions.Expect(page.Locator("form[data-command=transfer] fluent-text-input[name=amount] input")).ToHaveValueAsync("1000.00");

        await page.GotoAsync($"/ops/wallets/{source}");
        await Assertions.Expect(page.GetByTestId("balance-available")).ToHaveTextAsync("180.00 USD");
        await Assertions.Expect(page.Locator("tr.statement-line")).ToHaveCountAsync(2);
        await page.Locator("tr.statement-line [data-testid=wallet-transaction-link]").Last.ClickAsync();
        await Assertions.Expect(page.GetByTestId("wallet-transaction-command")).ToHaveTextAsync("postPayin");
        await page.ClickAsync("[data-testid=wallet-transaction-ledger] a");
        await Assertions.Expect(page.GetByTestId("postings-table")).ToContainTextAsync($"wallets:{source}:available");
    }

    [Fact]
    public async Task A_payout_submitted_from_its_row_that_no_provider_answers_waits_in_review_and_is_settled_from_its_page()
    {
        var page = await NewPageAsync();
        await SignInAsync(page);
        var wallet = await CreateWalletAsync(page, "reviews", "Review");
        await page.GotoAsync($"/ops/operations?command=postPayin&walletId={wallet}&currency=USD");
        await FillAsync(page, "postPayin", ("bankId", "citi"), ("amount", "50.00"), ("provider", "paystack"));
        await SubmitAsync(page, "postPayin");
        await ExpectCompletedAsync(page);
        await page.GotoAsync($"/ops/operations?command=reservePayout&walletId={wallet}&currency=USD");
        await FillAsync(page, "reservePayout", ("amount", "20.00"), ("provider", OfflineProvider), ("bankId", "citi"));
        await SubmitAsync(page, "reservePayout");
        await ExpectCompletedAsync(page);
        var hold = (await page.Locator("[data-testid=result-card] [data-name=holdId]").InnerTextAsync()).Trim();

        await page.GotoAsync($"/ops/payouts?walletId={wallet}");
        await page.ClickAsync($"tr.hold-row-{hold} [data-testid=submit-hold]");
        await SubmitAsync(page, "submitPayout");
        await page.Locator("[data-testid=confirm-command]").ClickAsync();
        await Assertions.Expect(page.GetByTestId("result-card")).ToHaveAttributeAsync("data-status", "completed");
        // The saga asks the provider, gets no answer, and parks the hold; the page shows it at a refresh.
        await Assertions.Expect(page.Locator($"tr.hold-row-{hold} [data-testid=hold-status]")).ToHaveTextAsync("manual_review", new() { Timeout = 30_000 });

        await page.ClickAsync($"tr.hold-row-{hold} [data-testid=payout-link]");
        await Assertions.Expect(page.GetByTestId("payout-status")).ToHaveTextAsync("manual_review");
        await Assertions.Expect(page.GetByTestId("saga-step")).ToHaveTextAsync("done");
        await Assertions.Expect(page.Locator("[data-testid=payout-timeline] tr.payout-event-submit")).ToContainTextAsync("ambiguous");
        await AnimationsDoneAsync(page);
        await page.ScreenshotAsync(new() { Path = Path.Combine(RepositoryFolders.Screenshots, "payout-review-dark.png"), FullPage = true });

        await page.ClickAsync("[data-testid=review-settle]");
        await SubmitAsync(page, "settleHold");
        await page.Locator("[data-testid=confirm-command]").ClickAsync();
        await Assertions.Expect(page.GetByTestId("result-card")).ToHaveAttributeAsync("data-status", "completed");
        await Assertions.Expect(page.Locator($"tr.hold-row-{hold} [data-testid=hold-status]")).ToHaveTextAsync("settled");
        await page.GotoAsync($"/ops/wallets/{wallet}");
        await Assertions.Expect(page.GetByTestId("balance-held")).ToHaveTextAsync("0.00 USD");
    }

    [Fact]
    public async Task A_list_on_a_live_page_sorts_by_the_header_clicked()
    {
        var page = await NewPageAsync();
        await SignInAsync(page);
        await CreateWalletAsync(page, "sorting", "Zulu");
        await CreateWalletAsync(page, "sorting", "Alpha");
        await page.GotoAsync("/ops/wallets?merchant=sorting");
        await Assertions.Expect(Panel(page, "createWallet")).ToHaveAttributeAsync("data-live", "true");
        var labels = page.Locator("[data-testid=wallets-table] tbody tr td:nth-child(4)");
        var header = page.Locator("[data-testid=wallets-table] th", new() { HasText = "Label" });

        await header.ClickAsync();
        await Assertions.Expect(labels).ToHaveTextAsync(["Alpha", "Zulu"]);
        await header.ClickAsync();
        await Assertions.Expect(labels).ToHaveTextAsync(["Zulu", "Alpha"]);
    }

    [Fact]
    public async Task A_double_click_posts_once_and_the_same_values_submitted_again_replay()
    {
        var page = await NewPageAsync();
        await SignInAsync(page);
        var wallet = await CreateWalletAsync(page, "double-submit", "Twice");
        await page.GotoAsync($"/ops/operations?command=postPayin&walletId={wallet}&currency=USD");
        await FillAsync(page, "postPayin", ("bankId", "citi"), ("amount", "75.00"), ("provider", "paystack"));
        var key = await Key(page, "postPayin");

        await page.Locator("form[data-command=postPayin] [data-testid=submit-command]").DblClickAsync();
        await Assertions.Expect(page.GetByTestId("result-card")).ToHaveAttributeAsync("data-status", new Regex("^(completed|replayed)$"));
        await Assertions.Expect(page.GetByTestId("result-toast").First).ToContainTextAsync("Pay-in: completed");
        var first = await page.GetByTestId("result-transaction").InnerTextAsync();
        Assert.Equal(key, await Key(page, "postPayin"));

        await SubmitAsync(page, "postPayin");
        await Assertions.Expect(page.GetByTestId("result-card")).ToHaveAttributeAsync("data-status", "replayed");
        await Assertions.Expect(page.GetByTestId("result-replayed")).ToBeVisibleAsync();
        Assert.Equal(first, await page.GetByTestId("result-transaction").InnerTextAsync());

        await FillAsync(page, "postPayin", ("reference", "second pay-in"));
        await Assertions.Expect(Panel(page, "postPayin").GetByTestId("idempotency-key")).Not.ToHaveAttributeAsync("data-key", key);

        await page.GotoAsync($"/ops/wallets/{wallet}");
        await Assertions.Expect(page.Locator("tr.statement-line")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("balance-available")).ToHaveTextAsync("75.00 USD");
    }

    [Fact]
    public async Task A_settlement_waits_for_its_confirmation_and_a_double_click_on_confirm_settles_once()
    {
        var page = await NewPageAsync();
        await SignInAsync(page);
        var wallet = await CreateWalletAsync(page, "confirmations", "Confirm");
        await page.GotoAsync($"/ops/operations?command=postPayin&walletId={wallet}&currency=USD");
        await FillAsync(page, "postPayin", ("bankId", "citi"), ("amount", "50.00"), ("provider", "paystack"));
        await SubmitAsync(page, "postPayin");
        await page.GotoAsync($"/ops/operations?command=reservePayout&walletId={wallet}&currency=USD");
        await FillAsync(page, "reservePayout", ("amount", "20.00"), ("provider", "stripe"), ("bankId", "citi"));
        await SubmitAsync(page, "reservePayout");
        var hold = (await page.Locator("[data-testid=result-card] [data-name=holdId]").InnerTextAsync()).Trim();

        await page.GotoAsync($"/ops/payouts?command=settleHold&holdId={hold}");
        await SubmitAsync(page, "settleHold");
        await Assertions.Expect(page.Locator("[data-testid=confirmation] [data-testid=confirm-value][data-field=holdId]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=confirm-value][data-field=holdId]")).ToHaveTextAsync(hold);
        await Assertions.Expect(page.Locator($"tr.hold-row-{hold} [data-testid=hold-status]")).ToHaveTextAsync("reserved");
        await AnimationsDoneAsync(page);
        await page.ScreenshotAsync(new() { Path = Path.Combine(RepositoryFolders.Screenshots, "payouts-settle-confirm.png"), FullPage = true });

        await page.Locator("[data-testid=confirm-command]").DblClickAsync();
        await Assertions.Expect(page.GetByTestId("result-card")).ToHaveAttributeAsync("data-status", "completed");
        await Assertions.Expect(page.Locator("[data-testid=confirmation] [data-testid=confirm-command]")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator($"tr.hold-row-{hold} [data-testid=hold-status]")).ToHaveTextAsync("settled");

        await page.GotoAsync("/ops/payouts");
        await ComponentsReadyAsync(page);
        // The circuit replaces the prerendered page when it starts: a dropdown opened before that would be swapped away.
        await Assertions.Expect(page.GetByTestId("live-refresh")).ToHaveAttributeAsync("data-live", "true");
        await page.ClickAsync("[data-testid=status-filter]");
        await page.ClickAsync("[data-testid=status-filter] fluent-option[value=settled]");
        await page.ClickAsync("[data-testid=apply-filter]");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("status=settled"));
        await page.WaitForFunctionAsync("() => document.querySelector('[data-testid=status-filter]')?.value === 'settled'");
        await Assertions.Expect(page.Locator($"tr.hold-row-{hold}")).ToBeVisibleAsync();
        Assert.All(await page.Locator("tr.hold-row [data-testid=hold-status]").AllInnerTextsAsync(), status => Assert.Equal("settled", status.Trim()));
        await page.GotoAsync($"/ops/wallets/{wallet}");
        await Assertions.Expect(page.GetByTestId("balance-available")).ToHaveTextAsync("30.00 USD");
        await Assertions.Expect(page.GetByTestId("balance-held")).ToHaveTextAsync("0.00 USD");
    }

    [Fact]
    public async Task A_webhook_endpoint_shows_its_secret_once_and_its_delivery_is_discarded_after_confirmation_then_replayed()
    {
        var page = await NewPageAsync();
        await SignInAsync(page);
        await page.ClickAsync(".rail-link:has-text('Webhooks')");
        await FillAsync(page, "createWebhookEndpoint", ("merchantId", "hooked"), ("url", "http://127.0.0.1:9/hooked"));
        await SubmitAsync(page, "createWebhookEndpoint");
        await Assertions.Expect(page.GetByTestId("result-card")).ToHaveAttributeAsync("data-status", "completed");
        var secret = (await page.GetByTestId("receipt-secret-value").InnerTextAsync()).Trim();
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        var endpoint = (await page.Locator("[data-testid=result-card] [data-name=endpointId]").InnerTextAsync()).Trim();
        await Assertions.Expect(page.Locator($"tr.endpoint-row-{endpoint}")).ToBeVisibleAsync();

        await CreateWalletAsync(page, "hooked", "Hooked");
        await page.GotoAsync($"/ops/webhooks?endpoint={endpoint}");
        Assert.DoesNotContain(secret, await page.ContentAsync(), StringComparison.Ordinal);
        // The relay queues the delivery and the dispatcher's first attempt is refused; the live page shows both.
        var row = page.Locator("tr.delivery-row").First;
        await Assertions.Expect(row.GetByTestId("delivery-answer")).ToContainTextAsync("refused", new() { IgnoreCase = true, Timeout = 30_000 });
        await Assertions.Expect(row.GetByTestId("delivery-state")).ToHaveTextAsync("pending");

        await row.GetByTestId("discard-delivery").ClickAsync();
        await SubmitAsync(page, "discardWebhookDelivery");
        var delivery = (await page.Locator("[data-testid=confirm-value][data-field=deliveryId]").InnerTextAsync()).Trim();
        await Assertions.Expect(page.Locator($"tr.delivery-row-{delivery} [data-testid=delivery-state]")).ToHaveTextAsync("pending");
        await page.Locator("[data-testid=confirm-command]").ClickAsync();
        await Assertions.Expect(page.GetByTestId("result-card")).ToHaveAttributeAsync("data-status", "completed");
        await Assertions.Expect(page.Locator($"tr.delivery-row-{delivery} [data-testid=delivery-state]")).ToHaveTextAsync("discarded");

        await page.Locator($"tr.delivery-row-{delivery} [data-testid=replay-delivery]").ClickAsync();
        await SubmitAsync(page, "replayWebhookDelivery");
        await Assertions.Expect(page.GetByTestId("result-card")).ToHaveAttributeAsync("data-status", "completed");
        await Assertions.Expect(page.Locator($"tr.delivery-row-{delivery} [data-testid=delivery-state]")).ToHaveTextAsync("pending");
        await page.Locator($"tr.delivery-row-{delivery} [data-testid=webhook-delivery-link]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=attempts-table] tr.attempt-row").First).ToContainTextAsync("refused", new() { IgnoreCase = true });
    }

    [Fact]
    public async Task The_gates_run_from_the_reconciliation_page_show_each_red_gate_with_its_mismatches_and_playbook()
    {
        var page = await NewPageAsync();
        await SignInAsync(page);
        await page.GotoAsync("/ops/recon");
        await page.RunAndWaitForWebSocketAsync(() => page.ReloadAsync(), new() { Timeout = 60_000 });
        await ComponentsReadyAsync(page);

        await page.GetByTestId("run-gates").ClickAsync();

        // The ledger story posted a pay-in of 250.00 NGN with no cash behind it, on an address no wallet owns, and funded an account outside the chart.
        await Assertions.Expect(page.GetByTestId("run-verdict")).ToHaveTextAsync("3 red", new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("gate-holds").GetByTestId("gate-verdict")).ToHaveTextAsync("Green");
        var trialBalance = page.GetByTestId("gate-trial_balance");
        await Assertions.Expect(trialBalance.GetByTestId("gate-verdict")).ToHaveTextAsync("Red");
        await Assertions.Expect(trialBalance.GetByTestId("gate-mismatches")).ToContainTextAsync("NGN: debits 5000.00, credits 5250.00");
        await Assertions.Expect(page.GetByTestId("gate-chart_of_accounts").GetByTestId("gate-mismatches")).ToContainTextAsync("platform:treasury:usd matches no pattern");
        await Assertions.Expect(page.GetByTestId("gate-statements")).ToContainTextAsync("rebuild the statements below");
        await Assertions.Expect(page.GetByTestId("result-toast")).ToContainTextAsync("Gates: 3 red");
        await Assertions.Expect(page.Locator("tr.alm-row").First).ToBeVisibleAsync();
        await AnimationsDoneAsync(page);
        Directory.CreateDirectory(RepositoryFolders.Screenshots);
        await page.ScreenshotAsync(new() { Path = Path.Combine(RepositoryFolders.Screenshots, "recon-red-gates-dark.png"), FullPage = true });
    }

    [Fact]
    public async Task Every_page_is_photographed_in_both_themes_and_on_a_phone()
    {
        Directory.CreateDirectory(RepositoryFolders.Screenshots);
        var pages = EveryPage();
        foreach (var theme in new[] { "dark", "paper" })
        {
            var signedOut = await NewPageAsync(theme);
            await PhotographAsync(signedOut, "/ops/login", $"login-{theme}");

            var signedIn = await NewPageAsync(theme);
            await SignInAsync(signedIn);
            foreach (var (name, path) in pages)
            {
                await PhotographAsync(signedIn, path, $"{name}-{theme}");
            }

            await signedIn.GotoAsync($"/ops/operations?command=postPayin&walletId={_story.Wallet}&currency=NGN");
            await FillAsync(signedIn, "postPayin", ("bankId", "citi"), ("amount", "10.00"), ("provider", "paystack"));
            await SubmitAsync(signedIn, "postPayin");
            await Assertions.Expect(signedIn.GetByTestId("result-toast").Last).ToBeVisibleAsync();
            await AnimationsDoneAsync(signedIn);
            await signedIn.ScreenshotAsync(new() { Path = Path.Combine(RepositoryFolders.Screenshots, $"result-card-{theme}.png"), FullPage = true });
            await FillAsync(signedIn, "postPayin", ("walletId", "not-a-wallet"), ("currency", "XYZ"));
            await SubmitAsync(signedIn, "postPayin");
            await Assertions.Expect(signedIn.GetByTestId("result-toast").Last).ToContainTextAsync("Pay-in: ");
            await AnimationsDoneAsync(signedIn);
            await signedIn.ScreenshotAsync(new() { Path = Path.Combine(RepositoryFolders.Screenshots, $"rejection-card-{theme}.png"), FullPage = true });

            await signedIn.ClickAsync("[data-testid=user-menu] summary");
            await signedIn.ScreenshotAsync(new() { Path = Path.Combine(RepositoryFolders.Screenshots, $"user-menu-{theme}.png") });

            var phone = await NewPageAsync(theme, new ViewportSize { Width = 390, Height = 844 });
            await SignInAsync(phone);
            await PhotographAsync(phone, "/ops", $"phone-overview-{theme}");
            await PhotographAsync(phone, "/ops/operations?command=transfer", $"phone-operations-{theme}");
            await PhotographAsync(phone, $"/ops/wallets/{_story.Wallet}", $"phone-wallet-{theme}");
            await phone.ClickAsync(".rail-button");
            await Assertions.Expect(phone.Locator(".rail")).ToHaveCSSAsync("transform", "none");
            await phone.ScreenshotAsync(new() { Path = Path.Combine(RepositoryFolders.Screenshots, $"phone-rail-{theme}.png") });
        }

        TestContext.Current.SendDiagnosticMessage($"Screenshots: {RepositoryFolders.Screenshots}");
        Assert.True(Directory.GetFiles(RepositoryFolders.Screenshots, "*.png").Length >= 2 * (pages.Length + 8));
    }

    [Fact]
    public async Task A_walk_through_every_page_and_a_submitted_form_requests_nothing_from_another_origin()
    {
        var page = await NewPageAsync();
        var requests = new System.Collections.Concurrent.ConcurrentQueue<string>();
        page.Context.Request += (_, request) => requests.Enqueue(request.Url);

        await SignInAsync(page);
        foreach (var (_, path) in EveryPage().Append(("settings", "/ops/settings")).Append(("recon", "/ops/recon")))
        {
            await page.GotoAsync(path);
            await ComponentsReadyAsync(page);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        }

        await page.GotoAsync($"/ops/operations?command=postPayin&walletId={_story.Wallet}&currency=XYZ");
        await FillAsync(page, "postPayin", ("bankId", "citi"), ("amount", "1.00"), ("provider", "paystack"));
        await SubmitAsync(page, "postPayin");
        await Assertions.Expect(page.GetByTestId("result-code")).ToHaveTextAsync("CURRENCY_UNKNOWN");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        var origin = _host.Address.GetLeftPart(UriPartial.Authority) + "/";
        Assert.DoesNotContain(requests, url => !url.StartsWith(origin, StringComparison.Ordinal) && !url.StartsWith("data:", StringComparison.Ordinal));
        // The listener saw Fluent UI Blazor's own module, which is what would reach for a CDN.
        Assert.Contains(requests, url => url.EndsWith("Microsoft.FluentUI.AspNetCore.Components.lib.module.js", StringComparison.Ordinal));
    }

    private (string Name, string Path)[] EveryPage() =>
    [
        ("overview", "/ops"),
        ("ledger-accounts", "/ops/ledger"),
        ("ledger-transactions", "/ops/ledger?view=transactions"),
        ("ledger-chart", "/ops/ledger?view=chart"),
        ("ledger-templates", "/ops/ledger?view=templates"),
        ("transaction", $"/ops/transactions/{_payin.Id}"),
        ("wallets", "/ops/wallets"),
        ("wallet", $"/ops/wallets/{_story.Wallet}"),
        ("operations", "/ops/operations?command=transfer"),
        ("payouts", "/ops/payouts"),
        ("payouts-settle", $"/ops/payouts?command=settleHold&holdId={_story.Hold}"),
        ("controls", "/ops/controls"),
        ("webhooks", "/ops/webhooks"),
        ("wallet-transaction", $"/ops/wallet-transactions/{_story.Payin}"),
    ];

    private static async Task<string> CreateWalletAsync(IPage page, string merchant, string label)
    {
        await page.GotoAsync("/ops/wallets");
        await FillAsync(page, "createWallet", ("merchantId", merchant), ("currency", "USD"), ("label", label));
        await SubmitAsync(page, "createWallet");
        await Assertions.Expect(page.GetByTestId("result-card")).ToHaveAttributeAsync("data-status", "completed");
        return (await page.Locator("[data-testid=result-card] [data-name=walletId]").InnerTextAsync()).Trim();
    }

    /// <summary>Types into a form once its circuit is up (until then its inputs are disabled: what was typed would be lost).</summary>
    private static async Task FillAsync(IPage page, string command, params (string Field, string Value)[] fields)
    {
        await Assertions.Expect(Panel(page, command)).ToHaveAttributeAsync("data-live", "true");
        foreach (var (field, value) in fields)
        {
            await Input(page, command, field).FillAsync(value);
        }

        // A render of the circuit that was already on its way (a refreshed list, a rotated key) can put back an
        // earlier value; what is submitted must be what the test typed.
        foreach (var (field, value) in fields)
        {
            var input = Input(page, command, field);
            if (await input.InputValueAsync() != value)
            {
                await input.FillAsync(value);
            }

            await Assertions.Expect(input).ToHaveValueAsync(value);
        }
    }

    private static ILocator Input(IPage page, string command, string field) =>
        page.Locator($"form[data-command={command}] fluent-text-input[name={field}] input");

    /// <summary>Submits a form and waits for its answer: a result, a refusal, or a confirmation to read.</summary>
    private static async Task SubmitAsync(IPage page, string command)
    {
        var panel = Panel(page, command);
        await Assertions.Expect(panel).ToHaveAttributeAsync("data-live", "true");
        var answered = int.Parse(await panel.GetAttributeAsync("data-answered") ?? "0", CultureInfo.InvariantCulture);
        await panel.Locator("[data-testid=submit-command]").ClickAsync();
        await Assertions.Expect(panel).ToHaveAttributeAsync("data-answered", (answered + 1).ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>The answer is a completed receipt; a refusal fails here with its code and sentence, not later on a missing field.</summary>
    private static async Task ExpectCompletedAsync(IPage page)
    {
        var card = page.GetByTestId("result-card");
        if (await card.GetAttributeAsync("data-status") != "completed")
        {
            Assert.Fail($"The command was not completed: {await card.InnerTextAsync()}");
        }
    }

    private static ILocator Panel(IPage page, string command) => page.Locator($"[data-testid=command-panel][data-command={command}]");

    private static async Task<string> Key(IPage page, string command) =>
        await Panel(page, command).GetByTestId("idempotency-key").GetAttributeAsync("data-key") ?? "";

    private async Task<IPage> NewPageAsync(string theme = "dark", ViewportSize? viewport = null)
    {
        var context = await _browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = _host.Address.ToString(),
            ViewportSize = viewport ?? new ViewportSize { Width = 1440, Height = 900 },
        });
        await context.AddCookiesAsync([new Cookie { Name = "walletflow.ops.theme", Value = theme, Domain = _host.Address.Host, Path = "/ops" }]);
        return await context.NewPageAsync();
    }

    private static async Task SignInAsync(IPage page)
    {
        await page.GotoAsync("/ops/login");
        await ComponentsReadyAsync(page);
        await page.FillAsync("[data-testid=token] input", ConsoleHost.Token);
        await page.ClickAsync("[data-testid=sign-in]");
        await Assertions.Expect(page).ToHaveTitleAsync("Overview · WalletFlow ops");
    }

    private static async Task PhotographAsync(IPage page, string path, string name)
    {
        await page.GotoAsync(path);
        await ComponentsReadyAsync(page);
        await page.ScreenshotAsync(new() { Path = Path.Combine(RepositoryFolders.Screenshots, $"{name}.png"), FullPage = true });
        // The markup beside the picture: what to read when a picture looks wrong.
        await File.WriteAllTextAsync(Path.Combine(RepositoryFolders.Screenshots, $"{name}.html"), await page.ContentAsync());
    }

    /// <summary>A dialog or a toast fades in: the picture is taken once it is in place.</summary>
    private static async Task AnimationsDoneAsync(IPage page) =>
        await page.WaitForFunctionAsync("() => document.getAnimations().every(animation => animation.playState !== 'running')");

    /// <summary>The Fluent components upgrade once their module has run; clicking one before that would click plain text.</summary>
    private static async Task ComponentsReadyAsync(IPage page) =>
        await page.WaitForFunctionAsync("() => customElements.get('fluent-button') !== undefined && document.fonts.status === 'loaded'");
}
