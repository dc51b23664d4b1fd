using WalletFlow.Access;
using WalletFlow.Api.Rest;
using WalletFlow.Application.Commands;
using WalletFlow.Application.Reconciliation;
using WalletFlow.Application.Reporting;

namespace WalletFlow.Api.Reconciliation;

/// <summary>Reporting and reconciliation: the trial balance, the ALM view, the four gates on demand and on schedule, and their REST routes.</summary>
public static class ReconciliationServices
{
    public static IHostApplicationBuilder AddReconciliation(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Configuration.GetSection(ReconciliationOptions.Section).Get<ReconciliationOptions>() ?? new ReconciliationOptions();
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<ReportingQueries>();
        builder.Services.AddSingleton<ReconciliationQueries>();
        builder.Services.AddSingleton<ReconciliationMetrics>();
        builder.Services.AddSingleton<ReconciliationRunner>();
        if (options.ScheduleEnabled)
        {
            builder.Services.AddHostedService<ReconciliationWorker>();
        }

        return builder;
    }

    /// <summary>The reports and gate runs under <c>/v1</c>, for operators' bearer tokens.</summary>
    public static IEndpointRouteBuilder MapReconciliation(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup(RestV1.Prefix).WithTags("Reconciliation").RequireAuthorization(AccessPolicies.ApiOperator);
        group.MapGet("/reports/trial-balance", (string? at, string? basis, string? currency, ReportingQueries queries, CancellationToken cancellationToken) =>
                ReadEndpoints.Answer(queries.GetTrialBalanceAsync(at, basis, currency, cancellationToken)))
            .WithName("getTrialBalance")
            .WithSummary("The trial balance per currency and GL line, now or at a point in time by effective or insertion date, with whether it foots")
            .Produces<TrialBalanceData>().ProducesReadProblems().ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapGet("/reports/trial-balance.csv", async (string? at, string? basis, string? currency, ReportingQueries queries, CancellationToken cancellationToken) =>
                (await queries.GetTrialBalanceAsync(at, basis, currency, cancellationToken)).TryGetValue(out var trialBalance, out var error)
                    ? Results.Text(ReportingQueries.ToCsv(trialBalance), "text/csv; charset=utf-8")
                    : RestProblems.For(error))
            .WithName("exportTrialBalance")
            .WithSummary("The trial balance as CSV: a row per currency and GL line, then each currency's totals and its memorandum line")
            .Produces<string>(contentType: "text/csv").ProducesReadProblems().ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapGet("/reports/alm", (string? at, ReportingQueries queries, CancellationToken cancellationToken) =>
                ReadEndpoints.Answer(queries.GetAlmAsync(at, cancellationToken)))
            .WithName("getAlm")
            .WithSummary("Assets against liabilities per currency, with the gap and the coverage, now or at a point in time")
            .Produces<AlmData>().ProducesReadProblems().ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapPost("/reconciliation/runs", async (HttpContext context, ReconciliationRunner runner, CancellationToken cancellationToken) =>
                (await runner.RunAsync(RunTrigger.Operator, context.User.ToCaller().Name, cancellationToken)).TryGetValue(out var run, out var error)
                    ? Results.Json(run, CommandJson.Options, statusCode: StatusCodes.Status201Created)
                    : RestProblems.For(error))
            .WithName("runReconciliationGates")
            .WithSummary("Runs the four gates now over one snapshot of the books, stores the run and raises or resolves their alerts; moves nothing, so it needs no idempotency key")
            .Produces<ReconciliationRunData>(StatusCodes.Status201Created).ProducesReadProblems().ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapGet("/reconciliation/runs", async (ReconciliationQueries queries, CancellationToken cancellationToken) =>
                Results.Json(await queries.ListRunsAsync(cancellationToken), CommandJson.Options))
            .WithName("listReconciliationRuns")
            .WithSummary($"The latest {ReconciliationQueries.RecentCount} runs of the gates, newest first")
            .Produces<ReconciliationRunListData>().ProducesReadProblems();
        group.MapGet("/reconciliation/runs/{runId}", (string runId, ReconciliationQueries queries, CancellationToken cancellationToken) =>
                ReadEndpoints.Answer(queries.GetRunAsync(runId, cancellationToken)))
            .WithName("getReconciliationRun")
            .WithSummary("A run of the gates: each gate's verdict, figures and mismatches")
            .Produces<ReconciliationRunData>().ProducesReadProblems();
        return endpoints;
    }
}
