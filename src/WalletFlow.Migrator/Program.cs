using WalletFlow.Migrator;
using WalletFlow.ServiceDefaults;

// Migrates WalletFlow's database once and exits: the AppHost starts the API only after it has finished (WaitForCompletion).
var builder = Host.CreateApplicationBuilder(args);
builder.AddServiceDefaults("walletflow-migrator");
builder.Services.AddHostedService<DatabaseMigrator>();
await builder.Build().RunAsync();
