using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using WalletFlow.Application.Commands;
using WalletFlow.Application.Outbox;
using WalletFlow.Application.Statements;
using WalletFlow.Application.Wallets;
using WalletFlow.Console;
using WalletFlow.Console.Commands;
using WalletFlow.Tests.Infrastructure;

namespace WalletFlow.Tests.Console;

/// <summary>
/// The registry's commands as console forms, as the pages serve them: a form per command, where it lives, what a link
/// prefills. Submitting runs in the page's circuit (CommandFormComponentTests, and the browser tests).
/// </summary>
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
        await WalletCoreInvariants.AssertHoldAsync(_api.Services);
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
        Assert.Matches("^ops-[0-9a-f]{32}$", page.QuerySelector("[data-testid=idempotency-key]")?.GetAttribute("data-key"));
    }

    [Fact]
    public async Task Operations_lists_every_command_of_the_registry_that_has_no_page_of_its_own_grouped_by_area()
    {
        var page = await _console.GetPageAsync("/ops/operations");

        var listed = page.QuerySelectorAll("[data-testid=command-link]").Select(link => link.GetAttribute("data-command")).ToList();
        var expected = CommandRegistry.All.Where(CommandHome.IsOnOperations).GroupBy(command => command.Area).SelectMany(area => area).Select(command => command.Name);
        Assert.Equal(expected, listed);
        Assert.Equal(CommandRegistry.All.Count - 11, listed.Count);
        Assert.Equal(CommandRegistry.All.Where(CommandHome.IsOnOperations).Select(command => command.Area).Distinct(), page.QuerySelectorAll(".picker-area").Select(area => area.TextContent).SkipLast(1));
        Assert.Equal(["Source wallet", "Destination wallet", "Amount", "Currency", "Reference"],
            (await _console.GetPageAsync("/ops/operations?command=transfer")).QuerySelectorAll("form[data-command=transfer] label").Select(label => label.TextContent.Trim()));
    }

    [Fact]
    public async Task A_link_prefills_the_form_and_the_prerendered_form_waits_for_its_circuit()
    {
        var wallet = await CreateWalletAsync("USD");

        var page = await _console.GetPageAsync($"/ops/operations?command=postPayin&walletId={wallet}&currency=USD");

        var form = page.QuerySelector("form[data-command=postPayin]")!;
        Assert.Equal(wallet, form.QuerySelector("fluent-text-input[name=walletId]")?.GetAttribute("value"));
        Assert.Equal("USD", form.QuerySelector("fluent-text-input[name=currency]")?.GetAttribute("value"));
        Assert.True(form.QuerySelector("[data-testid=submit-command]")!.HasAttribute("disabled"));
        Assert.NotNull(page.QuerySelector($"script[src='{OpsPaths.BlazorScript}']"));
    }

    [Fact]
    public async Task A_wallet_transaction_page_shows_the_receipt_and_links_its_ledger_transaction()
    {
        var wallet = await CreateWalletAsync("NGN");
        var paid = await RunAsync(PostPayin.Descriptor, new PostPayinRequest(wallet, "citi", "1250.50", "NGN", "paystack", null));
        var link = $"/ops/wallet-transactions/{paid.CommandId}";
        var ledgerLink = $"/ops/transactions/{paid.LedgerTransactionId}";

        var page = await _console.GetPageAsync(link);

        Assert.Equal("postPayin", page.QuerySelector("[data-testid=wallet-transaction-command]")?.TextContent);
        Assert.Equal(ledgerLink, page.QuerySelector("[data-testid=wallet-transaction-ledger] a")?.GetAttribute("href"));
        Assert.Contains("1,250.50 NGN", page.QuerySelector("[data-testid=receipt-postings]")?.TextContent, StringComparison.Ordinal);
        await _api.Services.GetRequiredService<OutboxRelay>().DrainAsync(TestContext.Current.CancellationToken);
        var statement = await _console.GetPageAsync($"/ops/wallets/{wallet}");
        Assert.Equal(link, statement.QuerySelector("tr.statement-line [data-testid=wallet-transaction-link]")?.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.OK, (await _console.Http.GetAsync(ledgerLink, TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task A_command_page_takes_no_posted_form_and_runs_nothing()
    {
        var response = await _console.Http.PostAsync("/ops/wallets", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["idempotencyKey"] = "forged-1", ["merchantId"] = "acme", ["currency"] = "USD",
        }), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(await _api.Services.GetRequiredService<IWalletStore>().ListAsync(null, null, 10, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task An_operator_gets_the_command_pages_but_is_kept_out_of_controls()
    {
        await using var api = await ApiFactory.OnFreshDatabaseAsync(postgres, nameof(CommandFormsTests) + "_operator", ConsoleClient.TokenSettings,
            services => services.AddSingleton<IClaimsTransformation, OperatorsOnly>());
        var console = new ConsoleClient(api);
        await console.SignInAsync();

        var wallets = await console.GetPageAsync("/ops/wallets");
        var controls = await console.Http.GetAsync("/ops/controls", TestContext.Current.CancellationToken);

        Assert.NotNull(wallets.QuerySelector("form[data-command=createWallet]"));
        Assert.Equal(HttpStatusCode.Redirect, controls.StatusCode);
        Assert.Equal("/ops/denied", controls.Headers.Location?.AbsolutePath);
        Assert.Equal(HttpStatusCode.Redirect, (await console.Http.PostAsync("/ops/controls", new FormUrlEncodedContent([]), TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task Reconciliation_holds_the_rebuild_form_and_follows_each_rebuild_to_its_end()
    {
        var empty = await _console.GetPageAsync(OpsPaths.Reconciliation);
        var rebuild = (StatementRebuildStarted)(await RunAsync(RebuildStatements.Descriptor, new RebuildStatementsRequest("statement in doubt"))).Data;
        var running = await _console.GetPageAsync(OpsPaths.Reconciliation);
        await _api.Services.GetRequiredService<StatementRebuilder>().RunAsync(TestContext.Current.CancellationToken);
        var done = await _console.GetPageAsync(OpsPaths.Reconciliation);

        Assert.NotNull(empty.QuerySelector("form[data-command=rebuildStatements]"));
        Assert.Null(empty.QuerySelector("[data-testid=rebuilds-table]"));
        Assert.Equal(OpsPaths.Reconciliation, CommandHome.FormPath(RebuildStatements.Descriptor));
        Assert.Contains(rebuild.RebuildId, running.QuerySelector("tr.rebuild-row")?.TextContent, StringComparison.Ordinal);
        Assert.Equal("running", running.QuerySelector("tr.rebuild-row [data-testid=rebuild-state]")?.TextContent.Trim());
        Assert.Equal("done", done.QuerySelector("tr.rebuild-row [data-testid=rebuild-state]")?.TextContent.Trim());
    }

    private async Task<string> CreateWalletAsync(string currency) =>
        ((WalletData)(await RunAsync(CreateWallet.Descriptor, new CreateWalletRequest("acme", currency, null))).Data).WalletId;

    private async Task<CommandReceipt<object>> RunAsync(CommandDescriptor command, object request)
    {
        var outcome = await _api.Services.GetRequiredService<CommandExecutor>()
            .ExecuteAsync(command, request, $"ops-{Guid.NewGuid():N}", Caller.Admin("tests"), TestContext.Current.CancellationToken);
        return outcome.Value.Receipt;
    }
}
