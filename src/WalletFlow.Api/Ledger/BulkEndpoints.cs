using Microsoft.AspNetCore.Mvc;
using WalletFlow.Domain.Errors;
using WalletFlow.Ledger;
using WalletFlow.Ledger.Formance;
using WalletFlow.Ledger.Formance.Wire;

namespace WalletFlow.Api.Ledger;

/// <summary><c>POST /v2/{ledger}/_bulk</c>: several creations, reverts and metadata changes in one request, each answering its own result.</summary>
internal static class BulkEndpoints
{
    public static void Map(LedgerApiRoutes v2) =>
        v2.Writes.MapPost("/{ledger}/_bulk", CreateAsync).WithName("v2CreateBulk");

    /// <summary>
    /// Every element is checked before any is applied: one that does not read refuses the whole bulk (400
    /// <c>VALIDATION</c> naming it) and nothing is written. Then 200 when every element succeeded, else 400, with one
    /// result per element in order. <c>atomic</c> writes all or nothing; <c>continueOnFailure</c> goes on after a
    /// failure; <c>parallel</c> is accepted (it permits concurrency, which the ledger does not need: elements run in
    /// order) but not with <c>atomic</c>, as Formance refuses the pair.
    /// </summary>
    private static async Task<IResult> CreateAsync(string ledger, HttpContext context, [FromServices] ILedger ledgers, CancellationToken cancellationToken)
    {
        var request = context.Request;
        var atomic = FormanceHttp.Flag(request, "atomic");
        var parallel = FormanceHttp.Flag(request, "parallel");
        var continueOnFailure = FormanceHttp.Flag(request, "continueOnFailure");
        var body = await FormanceHttp.ReadBodyAsync<List<V2BulkElement>>(request, cancellationToken);
        var exclusive = atomic is { IsSuccess: true, Value: true } && parallel is { IsSuccess: true, Value: true }
            ? Error.Validation("atomic and parallel cannot be combined.", "parallel")
            : null;
        if (FormanceHttp.FirstError(atomic.Error, parallel.Error, continueOnFailure.Error, exclusive, body.Error, FormanceHttp.RefuseDryRun(request)) is { } refused)
        {
            return FormanceHttp.Failure(refused);
        }

        var actions = new List<BulkAction>(body.Value.Count);
        for (var i = 0; i < body.Value.Count; i++)
        {
            var action = FormanceBulk.ToPort(body.Value[i], i);
            if (!action.IsSuccess)
            {
                return FormanceHttp.Failure(action.Error);
            }

            actions.Add(action.Value);
        }

        var forced = actions.Any(action => action is CreateTransactionAction { Request.Force: true } or RevertTransactionAction { Request.Force: true });
        if (LedgerApiAccess.ForceRefusal(context, forced, ledger, "bulk") is { } forbidden)
        {
            return forbidden;
        }

        var applied = await ledgers.ApplyBulkAsync(ledger, actions, new BulkOptions(atomic.Value, continueOnFailure.Value), cancellationToken);
        if (!applied.IsSuccess)
        {
            return FormanceHttp.Failure(applied.Error);
        }

        var results = actions.Zip(applied.Value, FormanceBulk.ToWire).ToList();
        var status = results.Exists(result => result.ResponseType == FormanceBulk.ErrorResponse) ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK;
        return FormanceHttp.Data(results, status);
    }
}
