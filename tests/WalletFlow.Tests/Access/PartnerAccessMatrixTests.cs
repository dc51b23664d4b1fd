using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using WalletFlow.Access;
using WalletFlow.Api.Grpc.Commands;
using WalletFlow.Application.Tenancy;
using WalletFlow.Console;
using WalletFlow.Tests.Grpc;
using WalletFlow.Tests.Infrastructure;

namespace WalletFlow.Tests.Access;

/// <summary>
/// The partner column of the access matrix: a partner API key holding every scope, called from its merchant's
/// allowlist against every route and every gRPC method the host maps. Where the rule names no partner the key is
/// refused (403 / PERMISSION_DENIED, FORBIDDEN); where it does, the key is admitted (whatever the empty request then
/// answers); nothing in the books changes either way. On Kestrel, so the caller's address is a real socket's.
/// </summary>
public sealed class PartnerAccessMatrixTests(PostgresFixture postgres) : IAsyncLifetime
{
    private GrpcApi _api = null!;
    private string _token = null!;

    public async ValueTask InitializeAsync()
    {
        var settings = new Dictionary<string, string>(LedgerSurface.Settings) { [OrleansDashboardSetting.Name] = "true" };
        foreach (var (name, value) in FakeGoogle.Settings)
        {
            settings[name] = value;
        }

        _api = await GrpcApi.StartAsync(postgres, nameof(PartnerAccessMatrixTests), settings);
        using var admin = new HttpClient { BaseAddress = _api.RestAddress };
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", LedgerSurface.AdminToken);
        var tenant = await AnswerAsync(await admin.PostAsJsonAsync(new Uri("/v1/tenants", UriKind.Relative), new { code = "matrix", name = "Matrix" }));
        await AnswerAsync(await admin.PostAsJsonAsync(
            new Uri($"/v1/tenants/{tenant.GetProperty("tenantId").GetString()}/merchants", UriKind.Relative), new { merchantId = "matrix-merchant", name = "Matrix" }));
        await AnswerAsync(await admin.PutAsJsonAsync(new Uri("/v1/merchants/matrix-merchant/ip-allowlist", UriKind.Relative), new { ipAllowlist = "127.0.0.0/8,::1/128" }));
        var key = await AnswerAsync(await admin.PostAsJsonAsync(
            new Uri("/v1/merchants/matrix-merchant/api-keys", UriKind.Relative), new { name = "matrix", scopes = string.Join(',', PartnerScopes.All) }));
        _token = key.GetProperty("token").GetString()!;
        // A use recorded in the future: no call of the probe writes last_used_at, so the books' fingerprint holds still.
        await using var touch = Database().CreateCommand("update core.api_keys set last_used_at = now() + interval '1 day'");
        await touch.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task A_partner_key_is_refused_every_route_that_names_no_partner_and_admitted_where_one_is_named_changing_nothing()
    {
        var routes = await AccessMatrixTests.RoutesAsync(_api.Services);
        var books = await Books.FingerprintAsync(Database());
        using var partner = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _api.RestAddress };
        partner.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        var failures = new List<string>();
        var admitted = 0;

        foreach (var route in routes.Where(route => !route.IsPublic && !route.IsGrpc))
        {
            using var response = await route.CallAsync(partner);
            var code = await CodeAsync(response);
            if (route.Rule!.Roles.Contains(AccessRoles.Partner))
            {
                admitted++;
                if (response.StatusCode == HttpStatusCode.Unauthorized || code is "FORBIDDEN" or "SCOPE_MISSING")
                {
                    failures.Add($"{route.Name} refused the partner ({(int)response.StatusCode} {code})");
                }
            }
            // A HEAD answer has no body to carry the code.
            else if (response.StatusCode != HttpStatusCode.Forbidden || (code != "FORBIDDEN" && route.Method != HttpMethods.Head))
            {
                failures.Add($"{route.Name} answered the partner {(int)response.StatusCode} {code}");
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.True(admitted >= PartnerScopes.All.Count, $"only {admitted} routes admit partners");
        Assert.Equal(books, await Books.FingerprintAsync(Database()));
    }

    [Fact]
    public async Task A_partner_key_is_refused_every_grpc_method_that_names_no_partner_and_admitted_where_one_is_named_changing_nothing()
    {
        var books = await Books.FingerprintAsync(Database());
        using var partner = new GrpcCaller(_api.GrpcAddress, _token);
        var partnerReads = new[] { "GetWallet", "GetBalances", "GetStatement", "GetCommand" };
        var failures = new List<string>();

        foreach (var method in GrpcAccessMatrixTests.Methods)
        {
            var path = CommandGrpcMethods.PathOf(method);
            var admits = CommandGrpcMethods.CommandAt(path) is { } command
                ? AccessRoles.Of(command.AllowedRoles).Contains(AccessRoles.Partner)
                : method.Service.FullName == Api.Grpc.WalletCore.Contracts.WalletReads.Descriptor.FullName && partnerReads.Contains(method.Name);
            var reply = await partner.CallAsync(
                path, method.InputType.Parser.ParseFrom(ByteString.Empty), new Dictionary<string, string> { ["idempotency-key"] = WalletGrpc.NewKey(), ["grpc-timeout"] = "5S" });
            if (admits && (reply.Code is StatusCode.Unauthenticated || reply.ErrorInfo?.Reason is "FORBIDDEN" or "SCOPE_MISSING"))
            {
                failures.Add($"{path} refused the partner ({reply.Code} {reply.Message})");
            }
            else if (!admits && (reply.Code != StatusCode.PermissionDenied || reply.ErrorInfo?.Reason != "FORBIDDEN"))
            {
                failures.Add($"{path} answered the partner {reply.Code} {reply.Message}");
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.Equal(books, await Books.FingerprintAsync(Database()));
    }

    private NpgsqlDataSource Database() => _api.Services.GetRequiredService<NpgsqlDataSource>();

    private static async Task<JsonElement> AnswerAsync(HttpResponseMessage response)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {body}");
            return JsonDocument.Parse(body).RootElement.Clone();
        }
    }

    private static async Task<string?> CodeAsync(HttpResponseMessage response)
    {
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return null;
        }

        var body = await response.Content.ReadAsStringAsync();
        if (body.Length == 0)
        {
            return null;
        }

        using var problem = JsonDocument.Parse(body);
        return problem.RootElement.TryGetProperty("code", out var code) ? code.GetString() : null;
    }
}
