using WalletFlow.Access;
using WalletFlow.Api.Cluster;
using WalletFlow.Api.Database;
using WalletFlow.Api.Grpc;
using WalletFlow.Api.Ledger;
using WalletFlow.Api.Outbox;
using WalletFlow.Api.Payouts;
using WalletFlow.Api.Reconciliation;
using WalletFlow.Api.Rest;
using WalletFlow.Api.Tenancy;
using WalletFlow.Api.WalletCore;
using WalletFlow.Api.Webhooks;
using WalletFlow.Console;
using WalletFlow.ServiceDefaults;
using WalletFlow.ServiceDefaults.Database;
using WalletFlow.ServiceDefaults.Redis;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("walletflow-api");
builder.AddWalletFlowDatabase();
builder.AddWalletFlowRedis();
builder.Services.AddHostedService<SchemaCheckOnStartup>();
builder.AddWalletFlowSilo();
builder.AddWalletCore();
builder.AddPayouts();
builder.AddOutboxRelay();
builder.AddWebhooks();
builder.AddReconciliation();
builder.AddTenancy();
builder.Services.AddRestV1();
builder.Services.AddOpsConsole(builder.Services.AddWalletFlowAccess(), builder.Configuration);
builder.AddGrpcFront();

var app = builder.Build();
app.UseServiceDefaults(databaseFiguresPolicy: AccessPolicies.ApiOperator);
app.UseWalletFlowAccess();
app.MapGrpcFront();
// Public: partners generate their clients from it.
app.MapOpenApi().AllowAnonymous();
app.MapOpsConsole();
app.MapOpsOrleansDashboard();
app.MapFormanceLedgerApi(LedgerApiModes.From(app.Configuration));
app.MapRestV1();
app.MapPayouts();
app.MapReconciliation();
app.MapTenancy();

app.Run();

/// <summary>The API's entry point, visible to the in-process test host.</summary>
public partial class Program;
