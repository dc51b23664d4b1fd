using WalletFlow.Access;
using WalletFlow.Api.Rest;
using WalletFlow.Application.Commands;
using WalletFlow.Application.Tenancy;
using WalletFlow.Domain.Errors;

namespace WalletFlow.Api.Tenancy;

/// <summary>
/// Tenancy: the partner key check every bearer request of a key runs, the admins' routes that register tenants and
/// merchants, set allowlists and create, list and revoke keys. Plain routes, not registry commands: a key's secret is
/// shown once, and a replayed receipt must never show it again (docs/tenancy.md).
/// </summary>
public static class TenancyServices
{
    public static IHostApplicationBuilder AddTenancy(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<AuthenticatePartnerKey>();
        builder.Services.AddSingleton<CreateTenant>();
        builder.Services.AddSingleton<CreateMerchant>();
        builder.Services.AddSingleton<SetIpAllowlist>();
        builder.Services.AddSingleton<SetTenancyStatus>();
        builder.Services.AddSingleton<CreateApiKey>();
        builder.Services.AddSingleton<RevokeApiKey>();
        builder.Services.AddSingleton<TenancyQueries>();
        return builder;
    }

    /// <summary>The admins' routes under <c>/v1</c>, bearer only.</summary>
    public static IEndpointRouteBuilder MapTenancy(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup(RestV1.Prefix).WithTags("Tenancy").RequireAuthorization(AccessPolicies.ApiAdmin);
        group.MapPost("/tenants", (HttpContext context, CreateTenant handler) =>
                RunAsync<CreateTenantRequest, TenantData>(context, request => handler.HandleAsync(request, context.RequestAborted), StatusCodes.Status201Created))
            .WithName("createTenant").WithSummary("Registers a tenant: a unique code, a name and the hostnames that will resolve to it")
            .Accepts<CreateTenantRequest>("application/json").Produces<TenantData>(StatusCodes.Status201Created).ProducesAdminProblems();
        group.MapGet("/tenants", async (TenancyQueries queries, CancellationToken cancellationToken) =>
                Results.Json(await queries.ListTenantsAsync(cancellationToken), CommandJson.Options))
            .WithName("listTenants").WithSummary("Every tenant, by code").Produces<TenantListData>().ProducesAdminProblems();
        group.MapPut("/tenants/{tenantId}/status", (HttpContext context, SetTenancyStatus handler) =>
                RunAsync<SetTenantStatusRequest, TenantData>(context, request => handler.TenantAsync(request, context.RequestAborted), StatusCodes.Status200OK))
            .WithName("setTenantStatus").WithSummary("Suspends or reactivates a tenant: a suspended tenant's merchants' keys are refused from their next call")
            .Accepts<SetTenantStatusRequest>("application/json").Produces<TenantData>().ProducesAdminProblems();
        group.MapPost("/tenants/{tenantId}/merchants", (HttpContext context, CreateMerchant handler) =>
                RunAsync<CreateMerchantRequest, MerchantData>(context, request => handler.HandleAsync(request, context.RequestAborted), StatusCodes.Status201Created))
            .WithName("createMerchant").WithSummary("Registers a merchant in a tenant, with an empty IP allowlist (its keys work from nowhere until one is set)")
            .Accepts<CreateMerchantRequest>("application/json").Produces<MerchantData>(StatusCodes.Status201Created).ProducesAdminProblems();
        group.MapGet("/tenants/{tenantId}/merchants", (string tenantId, TenancyQueries queries, CancellationToken cancellationToken) =>
                ReadEndpoints.Answer(queries.ListMerchantsAsync(tenantId, cancellationToken)))
            .WithName("listMerchants").WithSummary("A tenant's merchants, by id").Produces<MerchantListData>().ProducesAdminProblems();
        group.MapGet("/merchants/{merchantId}", (string merchantId, TenancyQueries queries, CancellationToken cancellationToken) =>
                ReadEndpoints.Answer(queries.GetMerchantAsync(merchantId, cancellationToken)))
            .WithName("getMerchant").WithSummary("A registered merchant and its IP allowlist").Produces<MerchantData>().ProducesAdminProblems();
        group.MapPut("/merchants/{merchantId}/status", (HttpContext context, SetTenancyStatus handler) =>
                RunAsync<SetMerchantStatusRequest, MerchantData>(context, request => handler.MerchantAsync(request, context.RequestAborted), StatusCodes.Status200OK))
            .WithName("setMerchantStatus").WithSummary("Suspends or reactivates a merchant: a suspended merchant's keys are refused from their next call")
            .Accepts<SetMerchantStatusRequest>("application/json").Produces<MerchantData>().ProducesAdminProblems();
        group.MapPut("/merchants/{merchantId}/ip-allowlist", (HttpContext context, SetIpAllowlist handler) =>
                RunAsync<SetIpAllowlistRequest, MerchantData>(context, request => handler.HandleAsync(request, context.RequestAborted), StatusCodes.Status200OK))
            .WithName("setIpAllowlist").WithSummary("Replaces a merchant's IP allowlist (CIDR blocks, IPv4 and IPv6); empty admits no partner call")
            .Accepts<SetIpAllowlistRequest>("application/json").Produces<MerchantData>().ProducesAdminProblems();
        group.MapPost("/merchants/{merchantId}/api-keys", (HttpContext context, CreateApiKey handler) =>
            {
                // The answer carries the key's secret: no cache may keep it.
                context.Response.Headers.CacheControl = "no-store";
                return RunAsync<CreateApiKeyRequest, ApiKeyCreatedData>(
                    context, request => handler.HandleAsync(request, context.User.ToCaller(), context.RequestAborted), StatusCodes.Status201Created);
            })
            .WithName("createApiKey").WithSummary("Creates a partner API key for a merchant; the answer's token is its secret, shown this once and never again")
            .Accepts<CreateApiKeyRequest>("application/json").Produces<ApiKeyCreatedData>(StatusCodes.Status201Created).ProducesAdminProblems();
        group.MapGet("/merchants/{merchantId}/api-keys", (string merchantId, TenancyQueries queries, CancellationToken cancellationToken) =>
                ReadEndpoints.Answer(queries.ListKeysAsync(merchantId, cancellationToken)))
            .WithName("listApiKeys").WithSummary("A merchant's API keys, newest first, never their secrets").Produces<ApiKeyListData>().ProducesAdminProblems();
        group.MapPost("/api-keys/{keyId}/revoke", (string keyId, HttpContext context, RevokeApiKey handler) =>
                ReadEndpoints.Answer(handler.HandleAsync(keyId, context.User.ToCaller(), context.RequestAborted)))
            .WithName("revokeApiKey").WithSummary("Revokes an API key for good: every process refuses it from its next call")
            .Produces<ApiKeyData>().ProducesAdminProblems();
        return endpoints;
    }

    private static RouteHandlerBuilder ProducesAdminProblems(this RouteHandlerBuilder route) => route
        .ProducesReadProblems()
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status409Conflict);

    /// <summary>The body, with the path's values, read by the commands' strict reader; then the handler's answer, or the refusal of either.</summary>
    private static async Task<IResult> RunAsync<TRequest, TData>(HttpContext context, Func<TRequest, Task<Result<TData>>> handle, int status)
    {
        var body = await CommandBody.ReadAsync(context.Request, typeof(TRequest), context.RequestAborted);
        if (!body.TryGetValue(out var request, out var invalid))
        {
            return RestProblems.For(invalid);
        }

        return (await handle((TRequest)request)).TryGetValue(out var value, out var error)
            ? Results.Json(value, CommandJson.Options, statusCode: status)
            : RestProblems.For(error);
    }
}
