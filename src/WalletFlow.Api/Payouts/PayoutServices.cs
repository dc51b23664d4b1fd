using WalletFlow.Access;
using WalletFlow.Api.Payouts.Providers;
using WalletFlow.Application.Commands;
using WalletFlow.Application.Payouts.Providers;
using WalletFlow.Application.Payouts.Sagas;

namespace WalletFlow.Api.Payouts;

/// <summary>The payouts around the wallet core: the providers, the sagas and their worker, the provider callbacks, and the providers' health.</summary>
public static class PayoutServices
{
    public const string ProvidersHealthRoute = "/health/providers";

    public static IHostApplicationBuilder AddPayouts(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Configuration.GetSection(PayoutSagaOptions.Section).Get<PayoutSagaOptions>() ?? new PayoutSagaOptions();
        builder.Services.AddPayoutProviders(builder.Configuration);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<PayoutSagaRunner>();
        builder.Services.AddSingleton<PayoutQueries>();
        if (options.WorkerEnabled)
        {
            builder.Services.AddHostedService<PayoutSagaWorker>();
        }

        return builder;
    }

    public static IEndpointRouteBuilder MapPayouts(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapProviderCallbacks();
        endpoints.MapGet(ProvidersHealthRoute, (ProviderHealth health, IPayoutProviders providers) => Results.Json(health.Read(providers.Names), CommandJson.Options))
            .RequireAuthorization(AccessPolicies.ApiOperator)
            .WithName("getProvidersHealth").WithTags("Payouts")
            .WithSummary($"Every payout provider over the last {ProviderHealth.Window.TotalMinutes:0} minutes in this process: calls, share answered, latency, circuit state")
            .Produces<ProvidersHealthData>()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        return endpoints;
    }
}
