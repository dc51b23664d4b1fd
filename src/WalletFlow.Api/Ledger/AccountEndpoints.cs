using Microsoft.AspNetCore.Mvc;
using WalletFlow.Domain.Errors;
using WalletFlow.Ledger;
using WalletFlow.Ledger.Formance;
using WalletFlow.Ledger.Numscript.Runtime;

namespace WalletFlow.Api.Ledger;

/// <summary>Formance v2's account routes: list, count, read (with volumes), and account metadata.</summary>
internal static class AccountEndpoints
{
    private const string Volumes = "volumes";
    private const string EffectiveVolumes = "effectiveVolumes";

    public static void Map(LedgerApiRoutes v2)
    {
        v2.Reads.MapGet("/{ledger}/accounts", ListAsync).WithName("v2ListAccounts");
        v2.Reads.MapMethods("/{ledger}/accounts", [HttpMethods.Head], CountAsync).WithName("v2CountAccounts");
        v2.Reads.MapGet("/{ledger}/accounts/{address}", GetAsync).WithName("v2GetAccount");
        v2.Writes.MapPost("/{ledger}/accounts/{address}/metadata", AddMetadataAsync).WithName("v2AddMetadataToAccount");
        v2.Writes.MapDelete("/{ledger}/accounts/{address}/metadata/{key}", DeleteMetadataAsync).WithName("v2DeleteAccountMetadata");
    }

    /// <summary>Filters: <c>address</c> (exact, or a pattern with empty segments), <c>metadata[key]</c>; <c>pit</c> reads the volumes as of that date.</summary>
    private static async Task<IResult> ListAsync(string ledger, HttpRequest request, [FromServices] ILedger ledgers, CancellationToken cancellationToken)
    {
        var listing = await ListingAsync(request, cancellationToken);
        if (!listing.IsSuccess)
        {
            return FormanceHttp.Failure(listing.Error);
        }

        return FormanceHttp.Page(
            await ledgers.ListAccountsAsync(ledger, listing.Value.ToAccountQuery(), cancellationToken),
            listing.Value,
            account => FormanceMapping.ToWire(account, listing.Value.ExpandVolumes, listing.Value.ExpandEffectiveVolumes));
    }

    private static async Task<IResult> CountAsync(string ledger, HttpContext context, [FromServices] ILedger ledgers, CancellationToken cancellationToken)
    {
        if (await FormanceHttp.RefuseCountSelectionAsync(context.Request, cancellationToken) is { } refused)
        {
            return FormanceHttp.Failure(refused);
        }

        return FormanceHttp.Count(await ledgers.CountAccountsAsync(ledger, cancellationToken), context.Response);
    }

    /// <summary>404 NOT_FOUND for an account the ledger has never seen (no volumes, no metadata), as Formance answers.</summary>
    private static async Task<IResult> GetAsync(string ledger, string address, HttpRequest request, [FromServices] ILedger ledgers, CancellationToken cancellationToken)
    {
        var pointInTime = FormanceHttp.PointInTime(request);
        if (FormanceHttp.FirstError(Address(address), pointInTime.Error) is { } refused)
        {
            return FormanceHttp.Failure(refused);
        }

        var account = await ledgers.GetAccountAsync(ledger, address, pointInTime.Value, cancellationToken);
        if (!account.IsSuccess)
        {
            return FormanceHttp.Failure(account.Error);
        }

        if (account.Value.Volumes.Count == 0 && account.Value.Metadata.Count == 0)
        {
            return FormanceHttp.Failure(Error.NotFound($"Account '{address}' does not exist."));
        }

        var expand = FormanceHttp.Expand(request);
        return FormanceHttp.Data(FormanceMapping.ToWire(account.Value, expand.Contains(Volumes), expand.Contains(EffectiveVolumes)));
    }

    private static async Task<IResult> AddMetadataAsync(string ledger, string address, HttpRequest request, [FromServices] ILedger ledgers, CancellationToken cancellationToken)
    {
        var metadata = await FormanceHttp.ReadBodyAsync<Dictionary<string, string>>(request, cancellationToken);
        if (FormanceHttp.FirstError(Address(address), metadata.Error, FormanceHttp.RefuseDryRun(request)) is { } refused)
        {
            return FormanceHttp.Failure(refused);
        }

        var saved = await ledgers.SetAccountMetadataAsync(ledger, address, metadata.Value, cancellationToken);
        return saved.IsSuccess ? Results.NoContent() : FormanceHttp.Failure(saved.Error);
    }

    private static async Task<IResult> DeleteMetadataAsync(string ledger, string address, string key, [FromServices] ILedger ledgers, CancellationToken cancellationToken)
    {
        if (Address(address) is { } refused)
        {
            return FormanceHttp.Failure(refused);
        }

        var deleted = await ledgers.DeleteAccountMetadataAsync(ledger, address, key, cancellationToken);
        return deleted.IsSuccess ? Results.NoContent() : FormanceHttp.Failure(deleted.Error);
    }

    private static Error? Address(string address) =>
        LedgerNames.IsValidAccount(address)
            ? null
            : new Error(ErrorCodes.InvalidAddress, $"'{address}' is not a valid account address (segments of letters, digits, '_' or '-' separated by ':').", "address");

    private static async Task<Result<LedgerApiCursor>> ListingAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.Query["cursor"].ToString() is { Length: > 0 } cursor)
        {
            return LedgerApiCursor.Decode(cursor);
        }

        var pageSize = FormanceHttp.PageSize(request);
        var pointInTime = FormanceHttp.PointInTime(request);
        var filter = await FormanceHttp.ReadFilterAsync(request, cancellationToken);
        if (FormanceHttp.FirstError(pageSize.Error, pointInTime.Error, filter.Error) is { } refused)
        {
            return refused;
        }

        string? address = null;
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (property, value) in filter.Value)
        {
            if (property == "address")
            {
                address = value;
            }
            else if (FormanceFilter.MetadataKey(property) is { } key)
            {
                metadata[key] = value;
            }
            else
            {
                return Error.Validation($"Accounts cannot be filtered on '{property}': use address or metadata[key].", "query");
            }
        }

        var expand = FormanceHttp.Expand(request);
        return new LedgerApiCursor
        {
            Address = address,
            Metadata = metadata,
            AsOf = pointInTime.Value,
            ExpandVolumes = expand.Contains(Volumes),
            ExpandEffectiveVolumes = expand.Contains(EffectiveVolumes),
            PageSize = pageSize.Value,
            Position = "",
        };
    }
}
