using Microsoft.AspNetCore.Mvc;
using WalletFlow.Domain.Errors;
using WalletFlow.Ledger;

namespace WalletFlow.Api.Ledger;

/// <summary><c>GET /v2/{ledger}/aggregate/balances</c>: the balances per asset summed over the accounts an address filter matches.</summary>
internal static class BalanceEndpoints
{
    public static void Map(LedgerApiRoutes v2) =>
        v2.Reads.MapGet("/{ledger}/aggregate/balances", AggregateAsync).WithName("v2GetBalancesAggregated");

    /// <summary>
    /// Filter: <c>address</c> (exact or a pattern); without one, the whole ledger (every asset then sums to zero,
    /// as every posting leaves one account and enters another). <c>pit</c> sums as of that effective
    /// date; <c>useInsertionDate</c> is refused, since the ledger dates balances by effective date only.
    /// </summary>
    private static async Task<IResult> AggregateAsync(string ledger, HttpRequest request, [FromServices] ILedger ledgers, CancellationToken cancellationToken)
    {
        var pointInTime = FormanceHttp.PointInTime(request);
        var useInsertionDate = FormanceHttp.Flag(request, "useInsertionDate");
        var filter = await FormanceHttp.ReadFilterAsync(request, cancellationToken);
        var insertionDate = useInsertionDate is { IsSuccess: true, Value: true }
            ? Error.Validation("useInsertionDate is not supported: balances are dated by effective date.", "useInsertionDate")
            : null;
        if (FormanceHttp.FirstError(pointInTime.Error, useInsertionDate.Error, insertionDate, filter.Error) is { } refused)
        {
            return FormanceHttp.Failure(refused);
        }

        string? address = null;
        foreach (var (property, value) in filter.Value)
        {
            if (property != "address" || address is not null)
            {
                return FormanceHttp.Failure(Error.Validation($"Aggregate balances are filtered on one address (or pattern), not on '{property}'.", "query"));
            }

            address = value;
        }

        var balances = await ledgers.AggregateBalancesAsync(ledger, address, pointInTime.Value, cancellationToken);
        return balances.IsSuccess ? FormanceHttp.Data(balances.Value) : FormanceHttp.Failure(balances.Error);
    }
}
