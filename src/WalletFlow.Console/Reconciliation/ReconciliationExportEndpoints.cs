using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using WalletFlow.Access;
using WalletFlow.Application.Reporting;

namespace WalletFlow.Console.Reconciliation;

/// <summary>The Reconciliation page's download: the trial balance as CSV, with the same query as the REST report.</summary>
internal static class ReconciliationExportEndpoints
{
    public static void MapReconciliationExportEndpoints(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(OpsPaths.TrialBalanceCsv, ExportTrialBalanceAsync).RequireAuthorization(AccessPolicies.ConsoleOperator);

    private static async Task<IResult> ExportTrialBalanceAsync(ReportingQueries reports, string? at, string? basis, string? currency, CancellationToken cancellationToken) =>
        (await reports.GetTrialBalanceAsync(at, basis, currency, cancellationToken)).TryGetValue(out var trialBalance, out var error)
            ? Results.File(
                System.Text.Encoding.UTF8.GetBytes(ReportingQueries.ToCsv(trialBalance)),
                "text/csv; charset=utf-8",
                "trial-balance.csv")
            : Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: error.Message);
}
