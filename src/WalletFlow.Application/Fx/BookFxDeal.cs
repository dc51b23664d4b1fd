using System.Globalization;
using Orleans;
using WalletFlow.Application.Commands;
using WalletFlow.Application.Wallets;
using WalletFlow.Domain.Accounts;
using WalletFlow.Domain.Errors;
using WalletFlow.Domain.Ids;

namespace WalletFlow.Application.Fx;

public sealed record BookFxDealRequest(string? QuoteId);

[GenerateSerializer, Alias("walletflow.data.fx_deal"), Immutable]
public sealed record FxDealData(
    string QuoteId,
    string SellWalletId,
    string BuyWalletId,
    [property: Money("SellCurrency")] string SellAmount,
    string SellCurrency,
    [property: Money("BuyCurrency")] string BuyAmount,
    string BuyCurrency,
    string Rate);

/// <summary>
/// Books a quote: the sold amount leaves the sell wallet for the desk's position in that currency, the bought amount
/// leaves the desk's position in the other for the buy wallet (template <c>fx_deal</c>). A quote books once, before
/// it expires; the database decides between two deals racing for it.
/// </summary>
public sealed class BookFxDeal(IFxQuoteStore quotes, IWalletStore wallets) : ICommandHandler<BookFxDealRequest, FxDealData>
{
    public static CommandDescriptor Descriptor { get; } = new CommandDescriptor<BookFxDealRequest, FxDealData, BookFxDeal>
    {
        Name = "bookFxDeal",
        Title = "FX deal",
        Summary = "Converts between a merchant's two wallets at a quote's rate; refused once the quote is booked or expired, or if either side cannot cover it.",
        Area = "Fx",
        Route = "/fx/deals",
        Example = new BookFxDealRequest(CommandExamples.QuoteId),
        Template = "fx_deal",
        AllowedRoles = CallerRoles.Everyone,
        SuccessStatus = 201,
        Rejections = [ErrorCodes.InvalidId, ErrorCodes.NotFound, ErrorCodes.FxQuoteUsed, ErrorCodes.FxQuoteExpired, ErrorCodes.WalletNotActive, ErrorCodes.InsufficientFunds, ErrorCodes.FlagDenied],
    };

    public async Task<Result<CommandPlan<FxDealData>>> PlanAsync(BookFxDealRequest request, CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var fields = new RequestValidator();
        var quoteId = fields.Read(FxQuoteId.Parse(request.QuoteId), "quoteId");
        if (fields.Failed(out var error))
        {
            return error;
        }

        if (await quotes.FindAsync(quoteId, cancellationToken) is not { } quote)
        {
            return new Error(ErrorCodes.NotFound, $"Quote {quoteId} does not exist.", "quoteId");
        }

        if (quote.BookedBy is { } booking)
        {
            return new Error(ErrorCodes.FxQuoteUsed, $"Quote {quoteId} was already booked by {booking}; ask for a new quote.", "quoteId");
        }

        if (context.Now >= quote.ExpiresAt)
        {
            return new Error(ErrorCodes.FxQuoteExpired, $"Quote {quoteId} expired at {quote.ExpiresAt:O}; ask for a new quote.", "quoteId");
        }

        if (!(await wallets.FindActiveAsync(quote.SellWallet, quote.Sell.Currency, "quoteId", cancellationToken)).TryGetValue(out var seller, out var sellError))
        {
            return sellError;
        }

        if (!(await wallets.FindActiveAsync(quote.BuyWallet, quote.Buy.Currency, "quoteId", cancellationToken)).TryGetValue(out var buyer, out var buyError))
        {
            return buyError;
        }

        var post = new TemplateVars()
            .Monetary("sell", quote.Sell)
            .Monetary("buy", quote.Buy)
            .Account("from_wallet", new WalletAvailableAccount(seller.Id))
            .Account("to_wallet", new WalletAvailableAccount(buyer.Id))
            .Account("fx_sell", new FxPositionAccount(quote.Sell.Currency))
            .Account("fx_buy", new FxPositionAccount(quote.Buy.Currency))
            .Post("fx_deal", metadata: Metadata.Of(("fx_quote_id", quote.Id.ToString())));
        var rate = quote.Rate.ToString(CultureInfo.InvariantCulture);
        return new CommandPlan<FxDealData>(
            new CommandPartition.Wallet(seller.Id),
            post,
            [new BookQuote(quote.Id.ToString())],
            new FlagScope([seller.Merchant.Value], [quote.Sell.Currency.Code, quote.Buy.Currency.Code], null),
            new FxDealData(
                quote.Id.ToString(), seller.Id.ToString(), buyer.Id.ToString(),
                quote.Sell.ToDecimalString(), quote.Sell.Currency.Code, quote.Buy.ToDecimalString(), quote.Buy.Currency.Code, rate));
    }
}
