using AngleSharp.Dom;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.FluentUI.AspNetCore.Components;
using Npgsql;
using WalletFlow.Access;
using WalletFlow.Application.Commands;
using WalletFlow.Application.Payouts;
using WalletFlow.Application.Wallets;
using WalletFlow.Application.Webhooks;
using WalletFlow.Console.Commands;
using WalletFlow.Console.Components.Pages;
using WalletFlow.Console.Components.Shared;
using WalletFlow.Domain.Ids;
using WalletFlow.Tests.Infrastructure;
using TestContext = Xunit.TestContext;
using PayoutsPage = WalletFlow.Console.Components.Pages.Payouts;
using WalletsPage = WalletFlow.Console.Components.Pages.Wallets;

namespace WalletFlow.Tests.Console;

/// <summary>
/// The generated command form in a live circuit (bunit, interactive), on the API's real services: what a person typing
/// into it and submitting gets (receipts, rejections, field errors, toasts, the key's turns, the confirmation dialog),
/// and the pages that hold a form re-reading their lists after it.
/// </summary>
public sealed class CommandFormComponentTests(PostgresFixture postgres) : IAsyncLifetime
{
    private ApiFactory _api = null!;
    private BunitContext _bunit = null!;
    private BunitAuthorizationContext _session = null!;
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);

    public async ValueTask InitializeAsync()
    {
        _api = await ApiFactory.OnFreshDatabaseAsync(postgres, nameof(CommandFormComponentTests));
        // A page reads Postgres before it shows its rows: on a busy machine that can take longer than bunit's default second.
        BunitContext.DefaultWaitTimeout = TimeSpan.FromSeconds(10);
        _bunit = new BunitContext();
        _bunit.JSInterop.Mode = JSRuntimeMode.Loose;
        _bunit.Services.AddFluentUIComponents();
        _bunit.Services.AddFallbackServiceProvider(_api.Services);
        _bunit.Services.AddSingleton<TimeProvider>(_time);
        _session = _bunit.AddAuthorization();
        _session.SetAuthorized("bunit");
        _session.SetRoles(AccessRoles.Admin);
        _bunit.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    public async ValueTask DisposeAsync()
    {
        await _bunit.DisposeAsync();
        await WalletCoreInvariants.AssertHoldAsync(_api.Services);
        await _api.DisposeAsync();
    }

    [Fact]
    public void The_form_has_a_labelled_input_for_every_property_of_the_request_and_a_key()
    {
        var form = RenderForm(Transfer.Descriptor).Form;

        var expected = CommandField.Of(Transfer.Descriptor).Select(field => field.Name).ToList();
        var inputs = form.FindAll("[data-testid=field] [name]").Select(input => input.GetAttribute("name") ?? "").ToList();
        Assert.Equal(expected, inputs);
        foreach (var input in form.FindAll("[data-testid=field] [name]"))
        {
            Assert.Single(form.FindAll($"label[for='{input.Id}']"));
        }

        Assert.Matches("^ops-[0-9a-f]{32}$", Key(form));
        Assert.Null(form.Find("[data-testid=submit-command]").GetAttribute("disabled"));
    }

    [Fact]
    public void Before_the_circuit_is_up_the_form_cannot_be_submitted()
    {
        _bunit.SetRendererInfo(new RendererInfo("Static", isInteractive: false));

        var form = RenderForm(CreateWallet.Descriptor).Form;

        Assert.NotNull(form.Find("[data-testid=submit-command]").GetAttribute("disabled"));
        Assert.Equal("false", form.Find("[data-testid=command-panel]").GetAttribute("data-live"));
    }

    [Fact]
    public async Task A_completed_submission_shows_its_receipt_and_a_toast_and_the_key_turns_over_at_the_next_change()
    {
        var (form, toasts) = RenderForm(CreateWallet.Descriptor);
        var key = Key(form);

        await FillAsync(form, ("merchantId", "acme"), ("currency", "USD"), ("label", "Payroll"));
        await SubmitAsync(form);

        Assert.Equal("completed", Card(form).GetAttribute("data-status"));
        var walletId = form.Find("[data-testid=result-card] [data-name=walletId]").TextContent.Trim();
        var wallet = await _api.Services.GetRequiredService<WalletQueries>().GetWalletAsync(walletId, TestContext.Current.CancellationToken);
        Assert.Equal(("acme", "USD", "Payroll"), (wallet.Value.MerchantId, wallet.Value.Currency, wallet.Value.Label));
        toasts.WaitForAssertion(() => Assert.Contains("Create wallet: completed", toasts.Find("[data-testid=result-toast]").TextContent, StringComparison.Ordinal));
        Assert.Equal(key, Key(form));

        await FillAsync(form, ("label", "Payroll 2"));

        Assert.NotEqual(key, Key(form));
        Assert.Matches("^ops-[0-9a-f]{32}$", Key(form));
    }

    [Fact]
    public async Task Adding_a_webhook_endpoint_shows_its_secret_once_set_apart_with_the_warning_that_it_will_not_be_shown_again()
    {
        var form = RenderForm(CreateWebhookEndpoint.Descriptor).Form;

        await FillAsync(form, ("merchantId", "acme"), ("url", "https://partner.example.com/walletflow/webhooks"));
        await SubmitAsync(form);

        Assert.Equal("completed", Card(form).GetAttribute("data-status"));
        Assert.StartsWith(WebhookSecret.Prefix, form.Find("[data-testid=receipt-secret-value]").TextContent.Trim(), StringComparison.Ordinal);
        Assert.Contains("the console will not show it again", form.Find("[data-testid=receipt-secret]").TextContent, StringComparison.Ordinal);
        Assert.Single(form.FindAll("[data-testid=receipt-secret-value]"));
        Assert.Empty(form.FindAll("[data-testid=receipt-data-value][data-name=secret]"));
    }

    [Fact]
    public async Task The_same_values_submitted_twice_replay_the_first_result_and_post_once()
    {
        var wallet = await CreateWalletAsync("acme", "USD");
        var form = RenderForm(PostPayin.Descriptor, new() { ["walletId"] = wallet }).Form;
        Assert.Equal(wallet, form.Find("fluent-text-input[name=walletId]").GetAttribute("value"));

        await FillAsync(form, Payin("40.00", "USD"));
        await SubmitAsync(form);
        var first = form.Find("[data-testid=result-transaction]").TextContent.Trim();
        await SubmitAsync(form);

        Assert.Equal("replayed", Card(form).GetAttribute("data-status"));
        Assert.NotNull(form.Find("[data-testid=result-replayed]"));
        Assert.Equal(first, form.Find("[data-testid=result-transaction]").TextContent.Trim());
        Assert.Equal("40.00", (await BalancesAsync(wallet)).Available);
    }

    [Fact]
    public async Task Validation_errors_appear_next_to_their_fields_with_the_values_kept_and_the_key_unchanged()
    {
        var (form, toasts) = RenderForm(CreateWallet.Descriptor);
        var key = Key(form);

        await FillAsync(form, ("merchantId", "Acme Corp"), ("currency", "XYZ"));
        await SubmitAsync(form);

        Assert.Equal("rejected", Card(form).GetAttribute("data-status"));
        Assert.Contains("merchant", form.Find("[data-testid=field-error][data-field=merchantId]").TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("XYZ", form.Find("[data-testid=field-error][data-field=currency]").TextContent, StringComparison.Ordinal);
        Assert.Equal("Acme Corp", form.Find("fluent-text-input[name=merchantId]").GetAttribute("value"));
        Assert.Equal("true", form.Find("fluent-text-input[name=merchantId]").GetAttribute("aria-invalid"));
        Assert.Empty(form.FindAll("[data-testid=field-error][data-field=label]"));
        Assert.Equal(key, Key(form));
        var code = form.Find("[data-testid=result-code]").TextContent;
        toasts.WaitForAssertion(() => Assert.Contains($"Create wallet: {code}", toasts.Find("[data-testid=result-toast]").TextContent, StringComparison.Ordinal));
        Assert.Empty(await _api.Services.GetRequiredService<IWalletStore>().ListAsync(null, null, 10, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_rejection_is_a_red_card_with_its_code_and_sentence_and_the_corrected_form_runs_under_the_same_key()
    {
        var source = await CreateWalletAsync("acme", "USD");
        var form = RenderForm(PostPayin.Descriptor, new() { ["walletId"] = source }).Form;
        var key = Key(form);

        await FillAsync(form, Payin("25.00", "XYZ"));
        await SubmitAsync(form);

        Assert.Contains("result-error", Card(form).ClassName, StringComparison.Ordinal);
        Assert.Equal("CURRENCY_UNKNOWN", form.Find("[data-testid=result-code]").TextContent);
        Assert.Contains("XYZ", form.Find("[data-testid=result-message]").TextContent, StringComparison.Ordinal);
        Assert.Equal(key, Key(form));

        await FillAsync(form, ("currency", "USD"));
        await SubmitAsync(form);

        Assert.Equal("completed", Card(form).GetAttribute("data-status"));
        Assert.Contains(key, Card(form).TextContent, StringComparison.Ordinal);
        Assert.Equal("25.00 USD", form.Find($"[data-testid=receipt-balance][data-account='wallets:{source}:available']").TextContent);
    }

    [Fact]
    public async Task An_overdraft_is_refused_with_insufficient_funds_and_moves_nothing()
    {
        var source = await CreateWalletAsync("acme", "USD");
        var destination = await CreateWalletAsync("acme", "USD");
        var form = RenderForm(Transfer.Descriptor).Form;

        await FillAsync(form, ("sourceWalletId", source), ("destinationWalletId", destination), ("amount", "10.00"), ("currency", "USD"));
        await SubmitAsync(form);

        Assert.Equal("INSUFFICIENT_FUNDS", form.Find("[data-testid=result-code]").TextContent);
        Assert.False(string.IsNullOrWhiteSpace(form.Find("[data-testid=result-message]").TextContent));
        Assert.Equal(("0.00", "0.00"), ((await BalancesAsync(source)).Available, (await BalancesAsync(destination)).Available));
    }

    [Fact]
    public async Task A_session_the_allowlists_no_longer_accept_runs_nothing()
    {
        var form = RenderForm(CreateWallet.Descriptor).Form;
        _session.SetNotAuthorized();

        await FillAsync(form, ("merchantId", "acme"), ("currency", "USD"));
        await SubmitAsync(form);

        Assert.Equal("rejected", Card(form).GetAttribute("data-status"));
        Assert.Empty(await _api.Services.GetRequiredService<IWalletStore>().ListAsync(null, null, 10, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_command_that_needs_confirmation_runs_only_from_its_dialog_and_a_cancelled_one_runs_nothing()
    {
        var wallet = await CreateWalletAsync("acme", "USD");
        var holdId = await ReserveAsync(wallet, "10.00");
        var form = RenderForm(ReleaseHold.Descriptor).Form;
        var commands = await CommandCountAsync();

        await SubmitAsync(form);
        Assert.NotEmpty(form.FindAll("[data-testid=field-error][data-field=holdId]"));
        Assert.Empty(form.FindAll("[data-testid=confirm-value]"));

        await FillAsync(form, ("holdId", "hold_01890a5d8c0c7b3e9f6a2b1c3d4e5f60"));
        await SubmitAsync(form);
        Assert.Equal("NOT_FOUND", form.Find("[data-testid=result-code]").TextContent);
        Assert.Empty(form.FindAll("[data-testid=confirm-value]"));

        await FillAsync(form, ("holdId", holdId), ("reason", "provider failed"));
        await SubmitAsync(form);
        Assert.Equal("provider failed", form.Find("[data-testid=confirmation] [data-testid=confirm-value][data-field=reason]").TextContent);
        Assert.Empty(form.FindAll("[data-testid=result-card]"));
        Assert.Equal(commands, await CommandCountAsync());

        await form.Find("[data-testid=cancel-command]").ClickAsync(new MouseEventArgs());

        Assert.Empty(form.FindAll("[data-testid=confirm-value]"));
        Assert.Equal(commands, await CommandCountAsync());
        Assert.Equal(("90.00", "10.00"), ((await BalancesAsync(wallet)).Available, (await BalancesAsync(wallet)).Held));
    }

    [Fact]
    public async Task A_hold_is_settled_from_its_row_through_the_confirmation_and_the_list_shows_it_settled()
    {
        var wallet = await CreateWalletAsync("acme", "USD");
        var holdId = await ReserveAsync(wallet, "30.25");
        var page = RenderPayouts($"walletId={wallet}&command=settleHold&holdId={holdId}");

        page.WaitForAssertion(() => Assert.Equal("reserved", StatusOf(page, holdId)));
        Assert.Equal(holdId, page.Find("form[data-command=settleHold] fluent-text-input[name=holdId]").GetAttribute("value"));
        await SubmitAsync(page);
        Assert.Equal(HoldStatus.Reserved, (await _api.Services.GetRequiredService<IHoldStore>().FindAsync(HoldId.Parse(holdId).Value, TestContext.Current.CancellationToken))?.Status);

        await page.Find("[data-testid=confirm-command]").ClickAsync(new MouseEventArgs());

        Assert.Equal("completed", Card(page).GetAttribute("data-status"));
        page.WaitForAssertion(() => Assert.Equal("settled", StatusOf(page, holdId)));
        Assert.Equal(("69.75", "0.00"), ((await BalancesAsync(wallet)).Available, (await BalancesAsync(wallet)).Held));
    }

    [Fact]
    public async Task The_payouts_list_shows_a_hold_settled_elsewhere_at_its_next_refresh()
    {
        var wallet = await CreateWalletAsync("acme", "USD");
        var holdId = await ReserveAsync(wallet, "12.00");
        var page = RenderPayouts($"walletId={wallet}");
        page.WaitForAssertion(() => Assert.Equal("reserved", StatusOf(page, holdId)));

        // Another operator, on another replica, settles it.
        await _api.Services.GetRequiredService<CommandExecutor>().ExecuteAsync(
            SettleHold.Descriptor, new SettleHoldRequest(holdId), "ops-elsewhere", Caller.Admin("elsewhere"), TestContext.Current.CancellationToken);
        Assert.Equal("reserved", StatusOf(page, holdId));

        _time.Advance(LiveRefresh.Interval);

        page.WaitForAssertion(() => Assert.Equal("settled", StatusOf(page, holdId)));
    }

    [Fact]
    public void A_live_page_whose_session_was_dropped_reloads_into_the_ordinary_rules()
    {
        var controls = RenderPage<Controls>();
        controls.WaitForElement("[data-testid=outbox-lag]");
        _session.SetNotAuthorized();

        _time.Advance(LiveRefresh.Interval);

        var navigation = _bunit.Services.GetRequiredService<BunitNavigationManager>();
        controls.WaitForAssertion(() => Assert.True(navigation.History.First().Options.ForceLoad));
    }

    [Fact]
    public async Task An_admin_sets_a_flag_on_controls_and_a_denied_command_names_its_scope()
    {
        var wallet = await CreateWalletAsync("frozen", "USD");
        var controls = RenderPage<Controls>();
        controls.WaitForElement("[data-testid=outbox-lag]");
        Assert.Equal("core_wallet_enabled", controls.Find("form[data-command=setFeatureFlag] fluent-text-input[name=flag]").GetAttribute("value"));

        await FillAsync(controls, ("scopeType", "merchant"), ("scopeValue", "frozen"), ("reason", "chargeback storm"));
        await SubmitAsync(controls);
        Assert.Equal("off", controls.Find("[data-testid=confirm-value][data-field=enabled]").TextContent);
        Assert.Empty(controls.FindAll("tr.flag-row"));
        await controls.Find("[data-testid=confirm-command]").ClickAsync(new MouseEventArgs());

        Assert.Equal("completed", Card(controls).GetAttribute("data-status"));
        controls.WaitForAssertion(() => Assert.Equal("disabled", controls.Find("tr.flag-row [data-testid=flag-state]").TextContent));
        Assert.Equal("setFeatureFlag.completed", controls.Find("tr.outbox-row td:nth-child(2)").TextContent.Trim());

        var payin = RenderForm(PostPayin.Descriptor, new() { ["walletId"] = wallet }).Form;
        await FillAsync(payin, Payin("5.00", "USD"));
        await SubmitAsync(payin);

        Assert.Equal("FLAG_DENIED", payin.Find("[data-testid=result-code]").TextContent);
        Assert.Equal("merchant:frozen", payin.Find("[data-testid=result-scope]").TextContent);
    }

    [Fact]
    public async Task A_created_wallet_is_listed_on_the_wallets_page_without_a_reload()
    {
        var page = RenderPage<WalletsPage>();

        await FillAsync(page, ("merchantId", "acme"), ("currency", "EUR"));
        await SubmitAsync(page);

        var walletId = page.Find("[data-testid=result-card] [data-name=walletId]").TextContent.Trim();
        page.WaitForAssertion(() => Assert.Contains(walletId, page.Find("[data-testid=wallets-table]").TextContent, StringComparison.Ordinal));
    }

    /// <summary>A live page as the console's layout hosts it: Fluent's providers beside it in the same circuit.</summary>
    private IRenderedComponent<TPage> RenderPage<TPage>()
        where TPage : IComponent
    {
        _bunit.Render<FluentProviders>();
        return _bunit.Render<TPage>();
    }

    /// <summary>The Payouts page at <c>/ops/payouts?{query}</c>, as a link opens it.</summary>
    private IRenderedComponent<PayoutsPage> RenderPayouts(string query)
    {
        _bunit.Services.GetRequiredService<NavigationManager>().NavigateTo($"/ops/payouts?{query}");
        return RenderPage<PayoutsPage>();
    }

    private static string StatusOf(IRenderedComponent<PayoutsPage> page, string holdId) => page.Find($"tr.hold-row-{holdId} [data-testid=hold-status]").TextContent;

    private (IRenderedComponent<CommandForm> Form, IRenderedComponent<FluentProviders> Toasts) RenderForm(CommandDescriptor command, Dictionary<string, string?>? prefill = null)
    {
        var toasts = _bunit.Render<FluentProviders>();
        var form = _bunit.Render<CommandForm>(parameters => parameters.Add(form => form.Command, command).Add(form => form.Prefill, prefill));
        return (form, toasts);
    }

    private async Task<string> CreateWalletAsync(string merchant, string currency)
    {
        var form = RenderForm(CreateWallet.Descriptor).Form;
        await FillAsync(form, ("merchantId", merchant), ("currency", currency));
        await SubmitAsync(form);
        return form.Find("[data-testid=result-card] [data-name=walletId]").TextContent.Trim();
    }

    private async Task<string> ReserveAsync(string wallet, string amount)
    {
        var payin = RenderForm(PostPayin.Descriptor, new() { ["walletId"] = wallet }).Form;
        await FillAsync(payin, Payin("100.00", "USD"));
        await SubmitAsync(payin);
        var reserve = RenderForm(ReservePayout.Descriptor, new() { ["walletId"] = wallet }).Form;
        await FillAsync(reserve, ("amount", amount), ("currency", "USD"), ("provider", "stripe"), ("bankId", "citi"), ("beneficiary", "Jane Doe"));
        await SubmitAsync(reserve);
        return reserve.Find("[data-name=holdId]").TextContent.Trim();
    }

    /// <summary>
    /// Types into the inputs as a person does: Fluent's text input raises <c>textimmediate</c> as the person types (its
    /// <c>Immediate</c> mode), which carries the value to the circuit.
    /// </summary>
    private static async Task FillAsync<T>(IRenderedComponent<T> rendered, params (string Field, string Value)[] values)
        where T : IComponent
    {
        foreach (var (field, value) in values)
        {
            await rendered.Find($"form [name={field}]").TriggerEventAsync("ontextimmediate", new ChangeEventArgs { Value = value });
        }
    }

    private static Task SubmitAsync<T>(IRenderedComponent<T> rendered)
        where T : IComponent => rendered.Find("form[data-testid=command-form]").SubmitAsync();

    private static IElement Card<T>(IRenderedComponent<T> rendered)
        where T : IComponent => rendered.Find("[data-testid=result-card]");

    private static string Key<T>(IRenderedComponent<T> rendered)
        where T : IComponent => rendered.Find("[data-testid=idempotency-key]").GetAttribute("data-key") ?? "";

    private async Task<BalancesData> BalancesAsync(string wallet) =>
        (await _api.Services.GetRequiredService<WalletQueries>().GetBalancesAsync(wallet, TestContext.Current.CancellationToken)).Value;

    private async Task<long> CommandCountAsync()
    {
        await using var count = _api.Services.GetRequiredService<NpgsqlDataSource>().CreateCommand("select count(*) from core.commands");
        return (long)(await count.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    private static (string, string)[] Payin(string amount, string currency) =>
        [("bankId", "citi"), ("amount", amount), ("currency", currency), ("provider", "paystack")];
}
