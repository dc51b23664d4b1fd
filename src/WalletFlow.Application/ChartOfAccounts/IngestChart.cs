using WalletFlow.Application.Commands;
using WalletFlow.Domain.ChartOfAccounts;
using WalletFlow.Domain.Errors;

namespace WalletFlow.Application.ChartOfAccounts;

/// <summary>Chart files an admin uploads, undecoded.</summary>
public sealed record IngestChartRequest(ChartFiles Files);

/// <summary>
/// Stores an uploaded chart of accounts in place of the stored one, admins only. Every line of the three files is
/// checked first (encoding, header, each field, every cross-reference); one problem anywhere refuses the whole upload
/// with all of them, and nothing is stored. A chart equal to the stored one changes nothing; either way the run is audited.
/// </summary>
public sealed class IngestChart(IChartCatalogStore store, TimeProvider time)
{
    public const string Name = "ingestChart";

    public async Task<Result<CatalogChange>> RunAsync(IngestChartRequest request, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(caller);
        if (CommandAuthorization.Check(caller, Name, CallerRoles.Admin) is { } forbidden)
        {
            return forbidden;
        }

        var reading = AccountChart.Read(request.Files);
        if (reading.Chart is not { } chart)
        {
            return Refused(reading.Problems);
        }

        return await store.StoreChartAsync(chart, new CatalogEntry(CatalogActions.IngestChart, caller.Name, time.GetUtcNow()), cancellationToken);
    }

    /// <summary>The refusal: every problem is a detail whose field is its column and whose message names its file and line.</summary>
    private static Error Refused(IReadOnlyList<ChartProblem> problems) =>
        new(ErrorCodes.ChartUploadInvalid, $"The chart files were refused ({problems.Count} problem{(problems.Count == 1 ? "" : "s")}, the first: {problems[0]}); nothing was stored.", problems[0].Column)
        {
            Details = [.. problems.Select(problem => new Error(ErrorCodes.ChartUploadInvalid, problem.ToString(), problem.Column))],
        };
}
