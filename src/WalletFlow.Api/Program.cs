using WalletFlow.Api.Database;
using WalletFlow.Api.Grpc;
using WalletFlow.Api.Ledger;
using WalletFlow.Console;
using WalletFlow.Ledger;
using WalletFlow.Ledger.Embedded;
using WalletFlow.ServiceDefaults;
using WalletFlow.ServiceDefaults.Database;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("walletflow-api");
builder.AddWalletFlowDatabase();
builder.Services.AddHostedService<MigrateOnStartup>();
builder.Services.AddSingleton<ILedger, EmbeddedLedger>();
builder.Services.AddOpenApi();
builder.Services.AddOpsConsole();
builder.AddGrpcFront();

var app = builder.Build();
app.MapGrpcFront();
app.UseServiceDefaults();
app.MapOpenApi();
app.MapOpsConsole();
app.MapFormanceLedgerApi();

app.Run();

/// <summary>The API's entry point, visible to the in-process test host.</summary>
public partial class Program;
