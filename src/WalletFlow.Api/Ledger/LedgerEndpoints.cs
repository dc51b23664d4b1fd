using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using WalletFlow.Ledger;

namespace WalletFlow.Api.Ledger;

/// <summary><c>POST /v2/{ledger}</c>: create a ledger.</summary>
internal static class LedgerEndpoints
{
    public static void Map(LedgerApiRoutes v2) =>
        v2.Writes.MapPost("/{ledger}", CreateLedgerAsync).WithName("v2CreateLedger");

    /// <summary>
    /// 204 whether the ledger is new or already there: the port's creation is idempotent (Formance answers
    /// LEDGER_ALREADY_EXISTS for an existing one; see docs/ledger.md). Formance's body (bucket, metadata, features)
    /// configures its storage, which has no counterpart here, so it is checked to be JSON and otherwise not used.
    /// </summary>
    private static async Task<IResult> CreateLedgerAsync(string ledger, HttpRequest request, [FromServices] ILedger ledgers, CancellationToken cancellationToken)
    {
        var body = await FormanceHttp.ReadOptionalBodyAsync<JsonObject>(request, cancellationToken);
        if (!body.IsSuccess)
        {
            return FormanceHttp.Failure(body.Error);
        }

        var created = await ledgers.CreateLedgerAsync(ledger, cancellationToken);
        return created.IsSuccess ? Results.NoContent() : FormanceHttp.Failure(created.Error);
    }
}
