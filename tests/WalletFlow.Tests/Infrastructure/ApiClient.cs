using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace WalletFlow.Tests.Infrastructure;

/// <summary>
/// A REST client of a running API (the AppHost's proxy, or one replica) that carries the operator token, with the
/// commands most end-to-end scenarios start with.
/// </summary>
public sealed class ApiClient : IDisposable
{
    private int _keys;

    public ApiClient(Uri address, string token)
    {
        Address = address;
        Http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    public Uri Address { get; }

    public HttpClient Http { get; }

    public string NewKey() => $"key-{Interlocked.Increment(ref _keys)}-{Guid.NewGuid():N}";

    public async Task<CommandResponse> PostAsync(string route, object body, string? key = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(route, UriKind.Relative)) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key ?? NewKey());
        using var response = await Http.SendAsync(request);
        return await CommandResponse.ReadAsync(response);
    }

    /// <summary>A new active wallet; its id.</summary>
    public async Task<string> CreateWalletAsync(string currency = "USD", string merchant = "acme")
    {
        var created = await PostAsync("/v1/wallets", new { merchantId = merchant, currency });
        Assert.True(created.Status == HttpStatusCode.Created, $"create wallet answered {(int)created.Status} {created.Body}");
        return created.Data.GetProperty("walletId").GetString()!;
    }

    public async Task PayInAsync(string walletId, string amount, string currency = "USD", string bank = "citi")
    {
        var paid = await PostAsync("/v1/payins", new { walletId, bankId = bank, amount, currency });
        Assert.True(paid.Status == HttpStatusCode.Created, $"pay-in answered {(int)paid.Status} {paid.Body}");
    }

    public async Task<string> AvailableAsync(string walletId)
    {
        using var response = await Http.GetAsync(new Uri($"/v1/wallets/{walletId}/balances", UriKind.Relative));
        var balances = await CommandResponse.ReadAsync(response);
        Assert.Equal(HttpStatusCode.OK, balances.Status);
        return balances.Body.GetProperty("available").GetString()!;
    }

    public void Dispose() => Http.Dispose();
}
