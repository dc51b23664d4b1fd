using WalletFlow.Application.Commands;
using WalletFlow.Domain.Errors;
using WalletFlow.Domain.Ids;

namespace WalletFlow.Application.Fx;

/// <summary>The FX reads for every front.</summary>
public sealed class FxQueries(IFxQuoteStore quotes)
{
    public async Task<Result<FxQuoteData>> GetQuoteAsync(string? quoteId, CancellationToken cancellationToken)
    {
        var fields = new RequestValidator();
        var id = fields.Read(FxQuoteId.Parse(quoteId), "quoteId");
        if (fields.Failed(out var error))
        {
            return error;
        }

        return await quotes.FindAsync(id, cancellationToken) is { } quote ? FxQuoteData.From(quote) : new Error(ErrorCodes.NotFound, $"Quote {id} does not exist.", "quoteId");
    }
}
