using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using WalletFlow.Api.Grpc.WalletCore.Contracts;
using WalletFlow.Tests.Grpc;
using WalletFlow.Tests.Infrastructure;

namespace WalletFlow.Tests.Tenancy;

/// <summary>
/// Partner API keys against the real API on loopback sockets (REST and gRPC, so the caller's address is a real one):
/// created by an admin and shown once, used as a bearer on both fronts, refused with an exact code when revoked,
/// expired, wrong, outside the allowlist, beyond its scopes or naming another merchant's wallet, and nothing moves then.
/// </summary>
public sealed class PartnerKeyTests(WalletGrpc grpc) : IClassFixture<WalletGrpc>, IDisposable
{
    private const string Loopback = "127.0.0.1/32,::1/128";
    private const string AllScopes = "createWallet,transfer,getWallet,getBalances,getStatement,getCommand";

    private readonly HttpClient _admin = Client(grpc, WalletGrpc.Token);

    public void Dispose() => _admin.Dispose();

    [Fact]
    public async Task A_key_is_shown_once_and_moves_and_reads_its_merchant_s_money_over_REST_and_gRPC()
    {
        var merchant = await RegisterMerchantAsync(Loopback);
        var created = await CreateKeyAsync(merchant, AllScopes);
        var token = created.GetProperty("token").GetString()!;
        Assert.StartsWith($"wf_live_{created.GetProperty("prefix").GetString()}_", token, StringComparison.Ordinal);
        var source = await grpc.CreateWalletAsync(merchant: merchant);
        var destination = await grpc.CreateWalletAsync(merchant: merchant);
        await grpc.PayInAsync(source, "100.00");
        using var partner = Client(grpc, token);

        var overRest = await PostAsync(partner, "/v1/transfers", new { sourceWalletId = source, destinationWalletId = destination, amount = "10.00", currency = "USD" });
        var overGrpc = await grpc.CommandAsync("transfer", new TransferRequest { SourceWalletId = source, DestinationWalletId = destination, AmountMinor = 500, Currency = "USD" }, token: token);
        var balances = await GetAsync(partner, $"/v1/wallets/{source}/balances");
        var grpcBalances = await grpc.ReadAsync("GetBalances", new GetBalancesQuery { WalletId = destination }, token);

        Assert.Equal(HttpStatusCode.Created, overRest.Status);
        Assert.Equal(0, overGrpc.Status);
        Assert.Equal("85.00", balances.Body.GetProperty("available").GetString());
        Assert.Equal(0, grpcBalances.Status);
        Assert.Equal(1500, grpcBalances.Single(BalancesData.Parser).AvailableMinor);
        var listed = (await GetAsync(_admin, $"/v1/merchants/{merchant}/api-keys")).Body.GetProperty("items").EnumerateArray().Single();
        Assert.False(listed.TryGetProperty("token", out _));
        Assert.DoesNotContain(token[^20..], listed.GetRawText(), StringComparison.Ordinal);
        Assert.Equal("active", listed.GetProperty("status").GetString());
        Assert.Equal(JsonValueKindString, listed.GetProperty("lastUsedAt").ValueKind);
        Assert.Equal(32, await ScalarAsync<int>("select length(secret_hash) from core.api_keys where prefix = $1", created.GetProperty("prefix").GetString()!));
    }

    [Fact]
    public async Task A_revoked_key_is_refused_on_its_next_call_over_REST_and_gRPC()
    {
        var merchant = await RegisterMerchantAsync(Loopback);
        var created = await CreateKeyAsync(merchant, AllScopes);
        var token = created.GetProperty("token").GetString()!;
        var wallet = await grpc.CreateWalletAsync(merchant: merchant);
        using var partner = Client(grpc, token);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(partner, $"/v1/wallets/{wallet}")).Status);

        var revoked = await PostAsync(_admin, $"/v1/api-keys/{created.GetProperty("keyId").GetString()}/revoke", new { });
        var again = await PostAsync(_admin, $"/v1/api-keys/{created.GetProperty("keyId").GetString()}/revoke", new { });

        Assert.Equal(HttpStatusCode.OK, revoked.Status);
        Assert.Equal("revoked", revoked.Body.GetProperty("status").GetString());
        Assert.Equal(revoked.Body.GetProperty("revokedAt").GetString(), again.Body.GetProperty("revokedAt").GetString());
        (await GetAsync(partner, $"/v1/wallets/{wallet}")).AssertRejected(HttpStatusCode.Unauthorized, "API_KEY_REVOKED");
        AssertGrpcRefused(await grpc.ReadAsync("GetWallet", new GetWalletQuery { WalletId = wallet }, token), StatusCode.Unauthenticated, "API_KEY_REVOKED");
    }

    [Fact]
    public async Task A_key_revoked_by_another_process_is_refused_here_at_once_because_no_process_keeps_a_key()
    {
        var merchant = await RegisterMerchantAsync(Loopback);
        var created = await CreateKeyAsync(merchant, AllScopes);
        var token = created.GetProperty("token").GetString()!;
        var wallet = await grpc.CreateWalletAsync(merchant: merchant);
        using var partner = Client(grpc, token);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(partner, $"/v1/wallets/{wallet}")).Status);
        Assert.Equal(0, (await grpc.ReadAsync("GetWallet", new GetWalletQuery { WalletId = wallet }, token)).Status);

        // What another replica's revocation leaves behind: the row, and nothing in this process.
        await ScalarAsync<int>("update core.api_keys set revoked_at = now(), revoked_by = 'another-replica' where id = $1 returning 1", created.GetProperty("keyId").GetString()!);

        (await GetAsync(partner, $"/v1/wallets/{wallet}")).AssertRejected(HttpStatusCode.Unauthorized, "API_KEY_REVOKED");
        AssertGrpcRefused(await grpc.ReadAsync("GetWallet", new GetWalletQuery { WalletId = wallet }, token), StatusCode.Unauthenticated, "API_KEY_REVOKED");
    }

    [Fact]
    public async Task An_expired_key_is_refused_over_REST_and_gRPC()
    {
        var merchant = await RegisterMerchantAsync(Loopback);
        var token = (await CreateKeyAsync(merchant, AllScopes, validUntil: DateTimeOffset.UtcNow.AddSeconds(2))).GetProperty("token").GetString()!;
        var wallet = await grpc.CreateWalletAsync(merchant: merchant);
        using var partner = Client(grpc, token);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(partner, $"/v1/wallets/{wallet}")).Status);

        await Task.Delay(TimeSpan.FromSeconds(2.5), TestContext.Current.CancellationToken);

        (await GetAsync(partner, $"/v1/wallets/{wallet}")).AssertRejected(HttpStatusCode.Unauthorized, "API_KEY_EXPIRED");
        AssertGrpcRefused(await grpc.ReadAsync("GetWallet", new GetWalletQuery { WalletId = wallet }, token), StatusCode.Unauthenticated, "API_KEY_EXPIRED");
    }

    [Fact]
    public async Task A_wrong_secret_with_a_right_prefix_or_an_unknown_prefix_is_refused_as_an_invalid_key()
    {
        var merchant = await RegisterMerchantAsync(Loopback);
        var token = (await CreateKeyAsync(merchant, AllScopes)).GetProperty("token").GetString()!;
        var wrongSecret = token[..^1] + (token[^1] == 'a' ? 'b' : 'a');
        var unknownPrefix = "wf_live_000000000000" + token["wf_live_000000000000".Length..];
        var wallet = await grpc.CreateWalletAsync(merchant: merchant);

        foreach (var bad in new[] { wrongSecret, unknownPrefix, "wf_live_short" })
        {
            using var partner = Client(grpc, bad);
            (await GetAsync(partner, $"/v1/wallets/{wallet}")).AssertRejected(HttpStatusCode.Unauthorized, "API_KEY_INVALID");
            AssertGrpcRefused(await grpc.ReadAsync("GetWallet", new GetWalletQuery { WalletId = wallet }, bad), StatusCode.Unauthenticated, "API_KEY_INVALID");
        }
    }

    [Fact]
    public async Task Merchant_A_s_key_can_neither_read_nor_move_merchant_B_s_wallets_and_nothing_moves()
    {
        var merchantA = await RegisterMerchantAsync(Loopback);
        var merchantB = await RegisterMerchantAsync(Loopback);
        var token = (await CreateKeyAsync(merchantA, AllScopes)).GetProperty("token").GetString()!;
        var walletA = await grpc.CreateWalletAsync(merchant: merchantA);
        var walletB = await grpc.CreateWalletAsync(merchant: merchantB);
        var otherB = await grpc.CreateWalletAsync(merchant: merchantB);
        await grpc.PayInAsync(walletA, "50.00");
        await grpc.PayInAsync(walletB, "50.00");
        using var partner = Client(grpc, token);
        var transactions = await LedgerTransactionsAsync();

        var fromB = (await PostAsync(partner, "/v1/transfers", new { sourceWalletId = walletB, destinationWalletId = walletA, amount = "1.00", currency = "USD" }))
            .AssertRejected(HttpStatusCode.Forbidden, "WRONG_MERCHANT");
        Assert.DoesNotContain(merchantB, fromB.Body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        (await PostAsync(partner, "/v1/transfers", new { sourceWalletId = walletA, destinationWalletId = walletB, amount = "1.00", currency = "USD" }))
            .AssertRejected(HttpStatusCode.Forbidden, "WRONG_MERCHANT");
        (await PostAsync(partner, "/v1/transfers", new { sourceWalletId = walletB, destinationWalletId = otherB, amount = "1.00", currency = "USD" }))
            .AssertRejected(HttpStatusCode.Forbidden, "WRONG_MERCHANT");
        (await PostAsync(partner, "/v1/wallets", new { merchantId = merchantB, currency = "USD" })).AssertRejected(HttpStatusCode.Forbidden, "WRONG_MERCHANT");
        foreach (var read in new[] { $"/v1/wallets/{walletB}", $"/v1/wallets/{walletB}/balances", $"/v1/wallets/{walletB}/statement" })
        {
            (await GetAsync(partner, read)).AssertRejected(HttpStatusCode.Forbidden, "WRONG_MERCHANT");
        }

        AssertGrpcRefused(
            await grpc.CommandAsync("transfer", new TransferRequest { SourceWalletId = walletB, DestinationWalletId = walletA, AmountMinor = 100, Currency = "USD" }, token: token),
            StatusCode.PermissionDenied, "WRONG_MERCHANT");
        AssertGrpcRefused(await grpc.ReadAsync("GetBalances", new GetBalancesQuery { WalletId = walletB }, token), StatusCode.PermissionDenied, "WRONG_MERCHANT");
        AssertGrpcRefused(await grpc.ReadAsync("GetStatement", new GetStatementQuery { WalletId = walletB }, token), StatusCode.PermissionDenied, "WRONG_MERCHANT");

        Assert.Equal(transactions, await LedgerTransactionsAsync());
        Assert.Equal("50.00", await grpc.AvailableAsync(walletA));
        Assert.Equal("50.00", await grpc.AvailableAsync(walletB));
        Assert.Equal(2L, await ScalarAsync<long>("select count(*) from core.wallets where merchant_id = $1", merchantB));
    }

    [Fact]
    public async Task A_call_from_outside_the_allowlist_is_refused_and_a_new_allowlist_holds_from_the_next_call()
    {
        var merchant = await RegisterMerchantAsync(allowlist: null);
        var token = (await CreateKeyAsync(merchant, AllScopes)).GetProperty("token").GetString()!;
        var wallet = await grpc.CreateWalletAsync(merchant: merchant);
        using var partner = Client(grpc, token);

        var empty = await GetAsync(partner, $"/v1/wallets/{wallet}");
        await SetAllowlistAsync(merchant, "203.0.113.0/24,2001:db8::/32");
        var outside = await GetAsync(partner, $"/v1/wallets/{wallet}");
        var outsideGrpc = await grpc.ReadAsync("GetWallet", new GetWalletQuery { WalletId = wallet }, token);
        await SetAllowlistAsync(merchant, "203.0.113.0/24,127.0.0.0/8");
        var inside = await GetAsync(partner, $"/v1/wallets/{wallet}");

        empty.AssertRejected(HttpStatusCode.Forbidden, "IP_NOT_ALLOWED");
        outside.AssertRejected(HttpStatusCode.Forbidden, "IP_NOT_ALLOWED");
        Assert.Contains("127.0.0.1", outside.Body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        AssertGrpcRefused(outsideGrpc, StatusCode.PermissionDenied, "IP_NOT_ALLOWED");
        Assert.Equal(HttpStatusCode.OK, inside.Status);
    }

    [Fact]
    public async Task A_suspended_merchant_or_tenant_s_keys_are_refused_until_it_is_reactivated()
    {
        var merchant = await RegisterMerchantAsync(Loopback);
        var token = (await CreateKeyAsync(merchant, AllScopes)).GetProperty("token").GetString()!;
        var wallet = await grpc.CreateWalletAsync(merchant: merchant);
        var tenantId = (await GetAsync(_admin, $"/v1/merchants/{merchant}")).Body.GetProperty("tenantId").GetString();
        using var partner = Client(grpc, token);

        var suspended = await PutAsync(_admin, $"/v1/merchants/{merchant}/status", new { status = "suspended" });
        var whileSuspended = await GetAsync(partner, $"/v1/wallets/{wallet}");
        var whileSuspendedGrpc = await grpc.ReadAsync("GetWallet", new GetWalletQuery { WalletId = wallet }, token);
        await PutAsync(_admin, $"/v1/merchants/{merchant}/status", new { status = "active" });
        var reactivated = await GetAsync(partner, $"/v1/wallets/{wallet}");
        await PutAsync(_admin, $"/v1/tenants/{tenantId}/status", new { status = "suspended" });
        var tenantSuspended = await GetAsync(partner, $"/v1/wallets/{wallet}");
        var badStatus = await PutAsync(_admin, $"/v1/tenants/{tenantId}/status", new { status = "closed" });

        Assert.Equal("suspended", suspended.Body.GetProperty("status").GetString());
        whileSuspended.AssertRejected(HttpStatusCode.Forbidden, "MERCHANT_SUSPENDED");
        AssertGrpcRefused(whileSuspendedGrpc, StatusCode.PermissionDenied, "MERCHANT_SUSPENDED");
        Assert.Equal(HttpStatusCode.OK, reactivated.Status);
        tenantSuspended.AssertRejected(HttpStatusCode.Forbidden, "MERCHANT_SUSPENDED");
        badStatus.AssertRejected(HttpStatusCode.BadRequest, "VALIDATION");
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(_admin, $"/v1/wallets/{wallet}")).Status);
    }

    [Fact]
    public async Task A_key_is_refused_what_its_scopes_do_not_name_and_what_partners_may_not_call()
    {
        var merchant = await RegisterMerchantAsync(Loopback);
        var token = (await CreateKeyAsync(merchant, "getBalances")).GetProperty("token").GetString()!;
        var source = await grpc.CreateWalletAsync(merchant: merchant);
        var destination = await grpc.CreateWalletAsync(merchant: merchant);
        await grpc.PayInAsync(source, "20.00");
        using var partner = Client(grpc, token);
        var transactions = await LedgerTransactionsAsync();

        (await PostAsync(partner, "/v1/transfers", new { sourceWalletId = source, destinationWalletId = destination, amount = "1.00", currency = "USD" }))
            .AssertRejected(HttpStatusCode.Forbidden, "SCOPE_MISSING");
        (await GetAsync(partner, $"/v1/wallets/{source}")).AssertRejected(HttpStatusCode.Forbidden, "SCOPE_MISSING");
        AssertGrpcRefused(
            await grpc.CommandAsync("transfer", new TransferRequest { SourceWalletId = source, DestinationWalletId = destination, AmountMinor = 100, Currency = "USD" }, token: token),
            StatusCode.PermissionDenied, "SCOPE_MISSING");
        (await PostAsync(partner, "/v1/payins", new { walletId = source, bankId = "citi", amount = "1.00", currency = "USD" })).AssertRejected(HttpStatusCode.Forbidden, "FORBIDDEN");
        (await GetAsync(partner, "/v1/tenants")).AssertRejected(HttpStatusCode.Forbidden, "FORBIDDEN");
        AssertGrpcRefused(await grpc.ReadAsync("GetHold", new GetHoldQuery { HoldId = "hold_0" }, token), StatusCode.PermissionDenied, "FORBIDDEN");

        Assert.Equal(HttpStatusCode.OK, (await GetAsync(partner, $"/v1/wallets/{source}/balances")).Status);
        Assert.Equal(transactions, await LedgerTransactionsAsync());
    }

    [Fact]
    public async Task Every_key_of_a_merchant_shares_one_idempotency_scope_apart_from_the_operators()
    {
        var merchant = await RegisterMerchantAsync(Loopback);
        using var first = Client(grpc, (await CreateKeyAsync(merchant, AllScopes)).GetProperty("token").GetString()!);
        using var second = Client(grpc, (await CreateKeyAsync(merchant, AllScopes)).GetProperty("token").GetString()!);
        var source = await grpc.CreateWalletAsync(merchant: merchant);
        var destination = await grpc.CreateWalletAsync(merchant: merchant);
        await grpc.PayInAsync(source, "30.00");
        var body = new { sourceWalletId = source, destinationWalletId = destination, amount = "3.00", currency = "USD" };
        var key = WalletGrpc.NewKey();

        var done = await PostAsync(first, "/v1/transfers", body, key);
        var replayed = await PostAsync(second, "/v1/transfers", body, key);
        var byOperator = await PostAsync(_admin, "/v1/transfers", body, key);
        var receipt = await GetAsync(second, $"/v1/commands/{key}");

        Assert.Equal(HttpStatusCode.Created, done.Status);
        Assert.True(replayed.Replayed, replayed.Body.ToString());
        Assert.Equal(done.Body.GetProperty("commandId").GetString(), replayed.Body.GetProperty("commandId").GetString());
        Assert.False(byOperator.Replayed);
        Assert.Equal(done.Body.GetProperty("commandId").GetString(), receipt.Body.GetProperty("commandId").GetString());
        Assert.Equal("24.00", await grpc.AvailableAsync(source));
    }

    [Fact]
    public async Task The_admin_routes_refuse_bad_input_with_a_precise_code_and_change_nothing()
    {
        var merchant = await RegisterMerchantAsync(Loopback);
        var tenantCode = $"dup-{Guid.NewGuid():N}"[..20];
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(_admin, "/v1/tenants", new { code = tenantCode, name = "Dup" })).Status);
        var keys = await ScalarAsync<long>("select count(*) from core.api_keys where merchant_id = $1", merchant);

        (await PostAsync(_admin, "/v1/tenants", new { code = tenantCode, name = "Again" })).AssertRejected(HttpStatusCode.Conflict, "CONFLICT");
        (await PostAsync(_admin, "/v1/tenants", new { code = "Not A Slug", name = "X" })).AssertRejected(HttpStatusCode.BadRequest, "INVALID_ID");
        (await PutAsync(_admin, $"/v1/merchants/{merchant}/ip-allowlist", new { ipAllowlist = "10.0.0.1/8" })).AssertRejected(HttpStatusCode.BadRequest, "INVALID_CIDR");
        (await PutAsync(_admin, $"/v1/merchants/{merchant}/ip-allowlist", new { ipAllowlist = "10.0.0.0/33" })).AssertRejected(HttpStatusCode.BadRequest, "INVALID_CIDR");
        (await PutAsync(_admin, $"/v1/merchants/{merchant}/ip-allowlist", new { ipAllowlist = "not-an-address" })).AssertRejected(HttpStatusCode.BadRequest, "INVALID_CIDR");
        var unknownScope = (await PostAsync(_admin, $"/v1/merchants/{merchant}/api-keys", new { name = "k", scopes = "transfer,postPayin" })).AssertRejected(HttpStatusCode.BadRequest, "VALIDATION");
        var past = (await PostAsync(_admin, $"/v1/merchants/{merchant}/api-keys", new { name = "k", scopes = "transfer", validUntil = "2020-01-01T00:00:00Z" })).AssertRejected(HttpStatusCode.BadRequest, "VALIDATION");
        (await PostAsync(_admin, "/v1/merchants/nobody-here/api-keys", new { name = "k", scopes = "transfer" })).AssertRejected(HttpStatusCode.NotFound, "NOT_FOUND");
        (await PostAsync(_admin, $"/v1/api-keys/key_{Guid.CreateVersion7():N}/revoke", new { })).AssertRejected(HttpStatusCode.NotFound, "NOT_FOUND");

        Assert.Equal("scopes", unknownScope.Field);
        Assert.Equal("validUntil", past.Field);
        Assert.Equal(keys, await ScalarAsync<long>("select count(*) from core.api_keys where merchant_id = $1", merchant));
        Assert.Equal(["127.0.0.1/32", "::1/128"], (await GetAsync(_admin, $"/v1/merchants/{merchant}")).Body.GetProperty("ipAllowlist").EnumerateArray().Select(entry => entry.GetString()));
    }

    [Fact]
    public async Task A_revocation_is_final_and_a_key_is_never_deleted_in_the_database()
    {
        var merchant = await RegisterMerchantAsync(Loopback);
        var keyId = (await CreateKeyAsync(merchant, AllScopes)).GetProperty("keyId").GetString()!;
        await PostAsync(_admin, $"/v1/api-keys/{keyId}/revoke", new { });

        await Assert.ThrowsAsync<PostgresException>(() => ScalarAsync<int>("update core.api_keys set revoked_at = null, revoked_by = null where id = $1 returning 1", keyId));
        await Assert.ThrowsAsync<PostgresException>(() => ScalarAsync<int>("update core.api_keys set scopes = '{transfer}' where id = $1 returning 1", keyId));
        await Assert.ThrowsAsync<PostgresException>(() => ScalarAsync<int>("delete from core.api_keys where id = $1 returning 1", keyId));
    }

    private const System.Text.Json.JsonValueKind JsonValueKindString = System.Text.Json.JsonValueKind.String;

    /// <summary>A tenant of its own and a merchant in it, with <paramref name="allowlist"/> set unless null; the merchant's id.</summary>
    private async Task<string> RegisterMerchantAsync(string? allowlist)
    {
        var suffix = Guid.NewGuid().ToString("N")[..12];
        var tenant = await PostAsync(_admin, "/v1/tenants", new { code = $"tenant-{suffix}", name = $"Tenant {suffix}", hostnames = $"{suffix}.pay.example" });
        Assert.True(tenant.Status == HttpStatusCode.Created, tenant.Body.ToString());
        var merchantId = $"merchant-{suffix}";
        var merchant = await PostAsync(_admin, $"/v1/tenants/{tenant.Body.GetProperty("tenantId").GetString()}/merchants", new { merchantId, name = $"Merchant {suffix}" });
        Assert.True(merchant.Status == HttpStatusCode.Created, merchant.Body.ToString());
        if (allowlist is not null)
        {
            await SetAllowlistAsync(merchantId, allowlist);
        }

        return merchantId;
    }

    private async Task SetAllowlistAsync(string merchant, string allowlist)
    {
        var set = await PutAsync(_admin, $"/v1/merchants/{merchant}/ip-allowlist", new { ipAllowlist = allowlist });
        Assert.True(set.Status == HttpStatusCode.OK, set.Body.ToString());
    }

    private async Task<System.Text.Json.JsonElement> CreateKeyAsync(string merchant, string scopes, DateTimeOffset? validUntil = null)
    {
        var created = await PostAsync(_admin, $"/v1/merchants/{merchant}/api-keys", new { name = "integration", scopes, validUntil = validUntil?.ToString("O") });
        Assert.True(created.Status == HttpStatusCode.Created, created.Body.ToString());
        return created.Body;
    }

    private static HttpClient Client(WalletGrpc grpc, string bearer)
    {
        var client = new HttpClient { BaseAddress = grpc.Api.RestAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        return client;
    }

    private static async Task<CommandResponse> PostAsync(HttpClient client, string route, object body, string? key = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(route, UriKind.Relative)) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key ?? WalletGrpc.NewKey());
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        return await CommandResponse.ReadAsync(response);
    }

    private static async Task<CommandResponse> PutAsync(HttpClient client, string route, object body)
    {
        using var response = await client.PutAsJsonAsync(new Uri(route, UriKind.Relative), body, TestContext.Current.CancellationToken);
        return await CommandResponse.ReadAsync(response);
    }

    private static async Task<CommandResponse> GetAsync(HttpClient client, string route)
    {
        using var response = await client.GetAsync(new Uri(route, UriKind.Relative), TestContext.Current.CancellationToken);
        return await CommandResponse.ReadAsync(response);
    }

    private static void AssertGrpcRefused(GrpcReply reply, StatusCode status, string code)
    {
        Assert.True(reply.Code == status && reply.ErrorInfo?.Reason == code, $"Expected {status} {code}, got {reply.Code} {reply.Message}");
        Assert.Empty(reply.Messages);
    }

    private Task<long> LedgerTransactionsAsync() => ScalarAsync<long>("select count(*) from ledger.transactions");

    private async Task<T> ScalarAsync<T>(string sql, params object[] parameters)
    {
        await using var command = grpc.Api.Services.GetRequiredService<NpgsqlDataSource>().CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return (T)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }
}
