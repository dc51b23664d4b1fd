using Microsoft.AspNetCore.Mvc;
using WalletFlow.Domain.Errors;
using WalletFlow.Ledger;
using WalletFlow.Ledger.Formance.Wire;

namespace WalletFlow.Api.Ledger;

/// <summary><c>GET /v2/{ledger}/volumes</c>: what each account received and sent per asset, now or within a window.</summary>
internal static class VolumeEndpoints
{
    public static void Map(LedgerApiRoutes v2) =>
        v2.Reads.MapGet("/{ledger}/volumes", ListAsync).WithName("v2GetVolumesWithBalances");

    /// <summary>
    /// <c>startTime</c> and <c>endTime</c> bound the window, both included as in Formance; <c>insertionDate=true</c>
    /// dates postings by when they were written; <c>groupBy=N</c> sums addresses by their first N segments. Filters:
    /// <c>account</c> (or <c>address</c>), exact or a pattern, and <c>asset</c>.
    /// </summary>
    private static async Task<IResult> ListAsync(string ledger, HttpRequest request, [FromServices] ILedger ledgers, CancellationToken cancellationToken)
    {
        var listing = await ListingAsync(request, cancellationToken);
        if (!listing.IsSuccess)
        {
            return FormanceHttp.Failure(listing.Error);
        }

        return FormanceHttp.Page(
            await ledgers.ListVolumesAsync(ledger, listing.Value.ToVolumesQuery(), cancellationToken),
            listing.Value,
            row => new V2VolumesWithBalance(row.Account, row.Asset, row.Volumes.Input, row.Volumes.Output, row.Volumes.Balance));
    }

    private static async Task<Result<LedgerApiCursor>> ListingAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.Query["cursor"].ToString() is { Length: > 0 } cursor)
        {
            return LedgerApiCursor.Decode(cursor);
        }

        var pageSize = FormanceHttp.PageSize(request);
        var startTime = FormanceHttp.Timestamp(request, "startTime");
        var endTime = FormanceHttp.Timestamp(request, "endTime");
        var insertionDate = FormanceHttp.Flag(request, "insertionDate");
        var groupBy = FormanceHttp.WholeNumber(request, "groupBy");
        var filter = await FormanceHttp.ReadFilterAsync(request, cancellationToken);
        if (FormanceHttp.FirstError(pageSize.Error, startTime.Error, endTime.Error, insertionDate.Error, groupBy.Error, filter.Error) is { } refused)
        {
            return refused;
        }

        string? account = null;
        string? asset = null;
        foreach (var (property, value) in filter.Value)
        {
            switch (property)
            {
                case "account" or "address":
                    account = value;
                    break;
                case "asset":
                    asset = value;
                    break;
                default:
                    return Error.Validation($"Volumes cannot be filtered on '{property}': use account (or address) and asset.", "query");
            }
        }

        return new LedgerApiCursor
        {
            Account = account,
            Asset = asset,
            StartTime = startTime.Value,
            EndTime = ExcludedEnd(endTime.Value),
            InsertionDate = insertionDate.Value,
            GroupBy = groupBy.Value,
            PageSize = pageSize.Value,
            Position = "",
        };
    }

    /// <summary>
    /// Formance includes <c>endTime</c>; the port excludes its end. The ledger keeps microseconds, so "up to and
    /// including <c>endTime</c>" is "before the microsecond after it".
    /// </summary>
    private static DateTimeOffset? ExcludedEnd(DateTimeOffset? endTime) =>
        endTime is { } end ? new DateTimeOffset(end.UtcTicks - end.UtcTicks % TimeSpan.TicksPerMicrosecond, TimeSpan.Zero).AddMicroseconds(1) : null;
}
