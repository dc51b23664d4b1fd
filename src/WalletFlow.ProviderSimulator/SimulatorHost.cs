using WalletFlow.ServiceDefaults;

namespace WalletFlow.ProviderSimulator;

/// <summary>The simulator as a web application: <c>Program</c> runs it, tests start it on a loopback port of their own.</summary>
public static class SimulatorHost
{
    public const string ServiceName = "provider-simulator";

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults(ServiceName);
        builder.Services.AddSingleton<PayoutBook>();

        var app = builder.Build();
        app.UseServiceDefaults();
        app.MapSimulator();
        return app;
    }
}
