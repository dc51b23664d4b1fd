using WalletFlow.ServiceDefaults;

namespace WalletFlow.ProviderSimulator;

/// <summary>The simulator as a web application: <c>Program</c> runs it, tests start it on a loopback port of their own.</summary>
public static class SimulatorHost
{
    public const string ServiceName = "provider-simulator";

    /// <param name="services">Changes a test makes to the services (where its callbacks go, say).</param>
    public static WebApplication Build(string[] args, Action<IServiceCollection>? services = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults(ServiceName);
        builder.Services.AddSingleton<PayoutBook>();
        builder.Services.AddSingleton<CallbackSender>();
        builder.Services.AddHttpClient(CallbackSender.ClientName);
        services?.Invoke(builder.Services);

        var app = builder.Build();
        app.UseServiceDefaults();
        app.MapSimulator();
        return app;
    }
}
