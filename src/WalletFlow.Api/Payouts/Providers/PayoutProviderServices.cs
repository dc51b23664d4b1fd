using Microsoft.Extensions.Http.Resilience;
using Polly.CircuitBreaker;
using WalletFlow.Application.Payouts.Providers;

namespace WalletFlow.Api.Payouts.Providers;

/// <summary>
/// Registers every provider under <c>PayoutProviders</c> as a named <see cref="HttpClient"/> with the standard
/// resilience handler, as the service defaults give every client, but tuned per provider: its timeout per attempt, and no retry
/// of a submit (a POST) unless the provider dedupes by our reference, because a retried submit to a provider that does
/// not could pay twice.
/// </summary>
public static class PayoutProviderServices
{
    public static IServiceCollection AddPayoutProviders(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var providers = new Dictionary<string, PayoutProviderOptions>(StringComparer.Ordinal);
        foreach (var section in configuration.GetSection(PayoutProviderOptions.Section).GetChildren())
        {
            var options = section.Get<PayoutProviderOptions>() ?? new PayoutProviderOptions();
            if (options.BaseAddress is null)
            {
                throw new InvalidOperationException($"{PayoutProviderOptions.Section}__{section.Key}__BaseAddress is not set.");
            }

            providers[section.Key] = options;
            // The defaults' handler shares one set of options among every client, so this client gets a standard handler
            // of its own. RemoveAllResilienceHandlers is the package's way to do that; it is marked experimental (EXTEXP0001).
#pragma warning disable EXTEXP0001
            services.AddHttpClient(ClientName(section.Key), client => client.BaseAddress = WithTrailingSlash(options.BaseAddress))
                .RemoveAllResilienceHandlers()
                .AddStandardResilienceHandler()
                .Configure((resilience, provider) => Tune(resilience, options, provider.GetRequiredService<ProviderHealth>().CircuitOf(section.Key)));
#pragma warning restore EXTEXP0001
        }

        services.AddSingleton<ProviderHealth>();
        services.AddSingleton(provider => new PayoutProviderCatalog(providers, provider.GetRequiredService<IHttpClientFactory>(), provider.GetRequiredService<ProviderHealth>()));
        services.AddSingleton<IPayoutProviders>(provider => provider.GetRequiredService<PayoutProviderCatalog>());
        return services;
    }

    internal static string ClientName(string provider) => $"payout-provider-{provider}";

    private static void Tune(HttpStandardResilienceOptions resilience, PayoutProviderOptions options, CircuitBreakerStateProvider circuit)
    {
        resilience.CircuitBreaker.StateProvider = circuit;
        resilience.AttemptTimeout.Timeout = options.Timeout;
        resilience.Retry.Delay = options.RetryDelay;
        resilience.Retry.MaxDelay = options.RetryDelay * 8;
        // Room for every attempt and every wait between them, so the total never cuts the retries short.
        var attempts = resilience.Retry.MaxRetryAttempts + 1;
        resilience.TotalRequestTimeout.Timeout = (options.Timeout * attempts) + (resilience.Retry.MaxDelay.Value * (attempts - 1));
        resilience.CircuitBreaker.SamplingDuration = Max(resilience.CircuitBreaker.SamplingDuration, options.Timeout * 2);
        if (!options.DedupesByReference)
        {
            resilience.Retry.DisableForUnsafeHttpMethods();
        }
    }

    private static TimeSpan Max(TimeSpan left, TimeSpan right) => left > right ? left : right;

    private static Uri WithTrailingSlash(Uri address) =>
        address.AbsoluteUri.EndsWith('/') ? address : new Uri(address.AbsoluteUri + "/");
}

/// <summary>Every configured provider by name: its port for the saga, and its settings for the callback endpoint (its secret).</summary>
public sealed class PayoutProviderCatalog(IReadOnlyDictionary<string, PayoutProviderOptions> providers, IHttpClientFactory clients, ProviderHealth health) : IPayoutProviders
{
    public IReadOnlyCollection<string> Names => [.. providers.Keys];

    public IPayoutProvider? Find(string name) =>
        providers.TryGetValue(name, out var options) ? new HttpPayoutProvider(name, clients.CreateClient(PayoutProviderServices.ClientName(name)), options, health) : null;

    public PayoutProviderOptions? SettingsOf(string name) => providers.GetValueOrDefault(name);
}
