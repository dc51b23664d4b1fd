using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using WalletFlow.Tests.Infrastructure;

namespace WalletFlow.Tests.Console;

/// <summary>A browser-like client of the console: keeps cookies, does not follow redirects, reads forms' anti-forgery tokens.</summary>
internal sealed class ConsoleClient(ApiFactory api)
{
    public const string Token = "console-test-token-0123456789";

    public static readonly IReadOnlyDictionary<string, string> TokenSettings = new Dictionary<string, string> { ["AUTH_TOKEN"] = Token };

    public HttpClient Http { get; } = api.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });

    public async Task<IHtmlDocument> GetPageAsync(string path)
    {
        var response = await Http.GetAsync(path, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ParseAsync(response);
    }

    public static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response) =>
        new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

    /// <summary>Fills and posts the form a page renders, as a browser would, with its hidden fields (the anti-forgery token among them).</summary>
    public async Task<HttpResponseMessage> SubmitAsync(IHtmlDocument page, string formSelector, IReadOnlyDictionary<string, string>? fields = null)
    {
        var form = page.QuerySelector<IHtmlFormElement>(formSelector) ?? throw new InvalidOperationException($"No form {formSelector} on the page.");
        var values = form.QuerySelectorAll<IHtmlInputElement>("input[type=hidden]").ToDictionary(input => input.Name!, input => input.Value);
        foreach (var (name, value) in fields ?? new Dictionary<string, string>())
        {
            values[name] = value;
        }

        return await Http.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(values), TestContext.Current.CancellationToken);
    }

    public async Task<HttpResponseMessage> SignInAsync(string token = Token) =>
        await SubmitAsync(await GetPageAsync("/ops/login"), "[data-testid=sign-in-form]", new Dictionary<string, string> { ["token"] = token });
}
