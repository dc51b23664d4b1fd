using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Primitives;
using Microsoft.FluentUI.AspNetCore.Components;
using Npgsql;
using WalletFlow.Access;
using WalletFlow.Application.Commands;
using WalletFlow.Application.Wallets;
using WalletFlow.Console.Commands;
using WalletFlow.Console.Components.Shared;
using WalletFlow.Tests.Infrastructure;

namespace WalletFlow.Tests.Console;

/// <summary>
/// The generated command form as a component (bunit), on the API's real <see cref="CommandExecutor"/>: what it renders
/// from the registry, and what a submission does to its key and its result card. The form is posted as static
/// rendering posts it: the request's form fields arrive through the cascaded <see cref="HttpContext"/>.
/// </summary>
public sealed class CommandFormComponentTests(PostgresFixture postgres) : IAsyncLifetime
{
    private ApiFactory _api = null!;
    private BunitContext _bunit = null!;

    public async ValueTask InitializeAsync()
    {
        _api = await ApiFactory.OnFreshDatabaseAsync(postgres, nameof(CommandFormComponentTests));
        _bunit = new BunitContext();
        _bunit.JSInterop.Mode = JSRuntimeMode.Loose;
        _bunit.Services.AddFluentUIComponents();
        _bunit.Services.AddSingleton(_api.Services.GetRequiredService<CommandExecutor>());
        _bunit.Services.AddSingleton<AntiforgeryStateProvider, NoAntiforgeryToken>();
    }

    public async ValueTask DisposeAsync()
    {
        await _bunit.DisposeAsync();
        await WalletCoreInvariants.AssertHoldAsync(_api.Services.GetRequiredService<NpgsqlDataSource>());
        await _api.DisposeAsync();
    }

    [Fact]
    public void The_form_has_a_labelled_input_for_every_property_of_the_request_and_a_hidden_key()
    {
        var form = Render(Transfer.Descriptor, new DefaultHttpContext());

        var expected = CommandField.Of(Transfer.Descriptor).Select(field => field.Name).ToList();
        var inputs = form.FindAll("[data-testid=field] [name]").Select(input => input.GetAttribute("name") ?? "").ToList();
        Assert.Equal(expected, inputs);
        foreach (var input in form.FindAll("[data-testid=field] [name]"))
        {
            Assert.Single(form.FindAll($"label[for='{input.Id}']"));
        }

        Assert.StartsWith("ops-", form.Find("[data-testid=idempotency-key]").GetAttribute("value"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_completed_submission_shows_its_receipt_and_turns_the_key_over()
    {
        const string key = "ops-component-create";
        var context = Posted(new() { ["merchantId"] = "bunit", ["currency"] = "USD", ["label"] = "Component", [CommandSubmission.KeyField] = key });
        var form = Render(CreateWallet.Descriptor, context);

        await form.Find("form").SubmitAsync();

        var card = form.Find("[data-testid=result-card]");
        Assert.Equal("completed", card.GetAttribute("data-status"));
        Assert.StartsWith("wal_", form.Find("[data-testid=result-card] [data-name=walletId]").TextContent.Trim(), StringComparison.Ordinal);
        var next = form.Find("[data-testid=idempotency-key]").GetAttribute("value");
        Assert.NotEqual(key, next);
        Assert.StartsWith("ops-", next, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rejected_submission_is_a_red_card_with_its_code_and_sentence_and_keeps_the_key_and_values()
    {
        const string key = "ops-component-rejected";
        var walletId = await CreateWalletAsync();
        var context = Posted(new()
        {
            ["walletId"] = walletId, ["bankId"] = "citi", ["amount"] = "25.00", ["currency"] = "XYZ", ["provider"] = "paystack", [CommandSubmission.KeyField] = key,
        });
        var form = Render(PostPayin.Descriptor, context);

        await form.Find("form").SubmitAsync();

        var card = form.Find("[data-testid=result-card]");
        Assert.Equal("rejected", card.GetAttribute("data-status"));
        Assert.Contains("result-error", card.ClassName, StringComparison.Ordinal);
        Assert.Equal("CURRENCY_UNKNOWN", form.Find("[data-testid=result-code]").TextContent);
        Assert.Contains("XYZ", form.Find("[data-testid=result-message]").TextContent, StringComparison.Ordinal);
        Assert.Equal(key, form.Find("[data-testid=idempotency-key]").GetAttribute("value"));
        Assert.Equal("XYZ", form.Find("fluent-text-input[name=currency]").GetAttribute("value"));
    }

    private async Task<string> CreateWalletAsync()
    {
        var form = Render(CreateWallet.Descriptor, Posted(new() { ["merchantId"] = "bunit", ["currency"] = "USD", [CommandSubmission.KeyField] = $"ops-{Guid.NewGuid():N}" }));
        await form.Find("form").SubmitAsync();
        return form.Find("[data-testid=result-card] [data-name=walletId]").TextContent.Trim();
    }

    private IRenderedComponent<CommandForm> Render(CommandDescriptor command, HttpContext context) =>
        _bunit.Render<CommandForm>(parameters => parameters
            .Add(form => form.Command, command)
            .AddCascadingValue(context));

    private static DefaultHttpContext Posted(Dictionary<string, StringValues> fields)
    {
        var context = new DefaultHttpContext
        {
            User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "bunit"), new Claim(ClaimTypes.Role, AccessRoles.Admin)], "test")),
        };
        context.Request.Method = "POST";
        context.Request.Path = "/ops/operations";
        context.Request.ContentType = "application/x-www-form-urlencoded";
        context.Request.Form = new FormCollection(fields);
        return context;
    }

    /// <summary>No request pipeline runs here to issue a token; the anti-forgery check is the HTTP tests' (CommandFormsTests).</summary>
    private sealed class NoAntiforgeryToken : AntiforgeryStateProvider
    {
        public override AntiforgeryRequestToken? GetAntiforgeryToken() => null;
    }
}
