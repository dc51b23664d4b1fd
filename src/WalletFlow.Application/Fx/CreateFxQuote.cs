using System.Globalization;
using System.Numerics;
using Orleans;
using WalletFlow.Application.Commands;
using WalletFlow.Application.Wallets;
using WalletFlow.Domain.Errors;
using WalletFlow.Domain.Ids;
using WalletFlow.Domain.Money;
using MoneyValue = WalletFlow.Domain.Money.Money;

namespace WalletFlow.Application.Fx;

/// <summary>Sell <see cref="SellAmount"/> of <see cref="SellCurrency"/> (the sell wallet's currency, stated so every amount travels with its currency) for the buy wallet's currency.</summary>
public sealed record CreateFxQuoteRequest(string? SellWalletId, string? BuyWalletId, [property: Money("SellCurrency")] string? SellAmount, string? SellCurrency);

/// <summary>A quote as its API shows it: both amounts in decimal and minor units, the rate as text so no float ever touches it.</summary>
[GenerateSerializer, Alias("walletflow.data.fx_quote"), Immutable]
public sealed record FxQuoteData(
    string QuoteId,
    string SellWalletId,
    string BuyWalletId,
    [property: Money("SellCurrency")] string SellAmount,
    string SellAmountMinor,
    string SellCurrency,
    [property: Money("BuyCurrency")] string BuyAmount,
    string BuyAmountMinor,
    string BuyCurrency,
    string Rate,
    DateTimeOffset ExpiresAt,
    string? BookedByCommandId)
{
    public static FxQuoteData From(FxQuote quote)
    {
        ArgumentNullException.ThrowIfNull(quote);
        return new(
            quote.Id.ToString(), quote.SellWallet.ToString(), quote.BuyWallet.ToString(),
            quote.Sell.ToDecimalString(), quote.Sell.Minor.ToString(CultureInfo.InvariantCulture), quote.Sell.Currency.Code,
            quote.Buy.ToDecimalString(), quote.Buy.Minor.ToString(CultureInfo.InvariantCulture), quote.Buy.Currency.Code,
            quote.Rate.ToString(CultureInfo.InvariantCulture), quote.ExpiresAt, quote.BookedBy?.ToString());
    }
}

/// <summary>
/// Prices a conversion between two wallets of one merchant and keeps the price for a while. Nothing is posted: the
/// quote is a promise the desk keeps when <see cref="BookFxDeal"/> books it.
/// </summary>
public sealed class CreateFxQuote(IWalletStore wallets, IFxRates rates, FxQuoteOptions options, TimeProvider time) : ICommandHandler<CreateFxQuoteRequest, FxQuoteData>
{
    public static CommandDescriptor Descriptor { get; } = new CommandDescriptor<CreateFxQuoteRequest, FxQuoteData, CreateFxQuote>
    {
        Name = "createFxQuote",
        Title = "FX quote",
        Summary = "Prices selling an amount of one wallet's currency for another wallet's currency of the same merchant, bookable until it expires.",
        Area = "Fx",
        Route = "/fx/quotes",
        Example = new CreateFxQuoteRequest(CommandExamples.WalletId, CommandExamples.OtherWalletId, "100.00", "USD"),
        AllowedRoles = CallerRoles.Everyone,
        SuccessStatus = 201,
        Rejections = [ErrorCodes.InvalidId, ErrorCodes.InvalidAmount, ErrorCodes.AmountOverflow, ErrorCodes.CurrencyUnknown, ErrorCodes.CurrencyMismatch, ErrorCodes.NotFound, ErrorCodes.WalletNotActive, ErrorCodes.FxRateUnavailable, ErrorCodes.FlagDenied],
    };

    public async Task<Result<CommandPlan<FxQuoteData>>> PlanAsync(CreateFxQuoteRequest request, CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var fields = new RequestValidator();
        var sellId = fields.Wallet(request.SellWalletId, "sellWalletId");
        var buyId = fields.Wallet(request.BuyWalletId, "buyWalletId");
        var sellCurrency = fields.Currency(request.SellCurrency, "sellCurrency");
        var sell = fields.Amount(request.SellAmount, sellCurrency, "sellAmount");
        if (fields.Failed(out var error))
        {
            return error;
        }

        if (!(await wallets.FindActiveAsync(sellId, sellCurrency, "sellWalletId", cancellationToken)).TryGetValue(out var seller, out var sellError))
        {
            return sellError;
        }

        if (!(await wallets.FindActiveAsync(buyId, "buyWalletId", cancellationToken)).TryGetValue(out var buyer, out var buyError))
        {
            return buyError;
        }

        var pair = new RequestValidator();
        pair.Check(buyer.Merchant == seller.Merchant, "buyWalletId", "Both wallets of a conversion must belong to the same merchant.");
        pair.Check(buyer.Currency != seller.Currency, "buyWalletId", $"Both wallets hold {seller.Currency.Code}: a conversion needs two currencies.");
        if (pair.Failed(out var pairError))
        {
            return pairError;
        }

        if (await rates.RateAsync(seller.Currency, buyer.Currency, cancellationToken) is not { } rate)
        {
            return new Error(ErrorCodes.FxRateUnavailable, $"The FX desk does not quote {seller.Currency.Code} to {buyer.Currency.Code}.");
        }

        if (!Convert(sell, rate, buyer.Currency).TryGetValue(out var buy, out var convertError))
        {
            return convertError;
        }

        // To the millisecond: the receipt then shows the very instant the database keeps, which stores no ticks.
        var expiresAt = context.Now + options.Ttl;
        expiresAt = expiresAt.AddTicks(-(expiresAt.Ticks % TimeSpan.TicksPerMillisecond));
        var quote = new FxQuote(FxQuoteId.New(time), seller.Id, buyer.Id, sell, buy, rate, expiresAt, BookedBy: null);
        return new CommandPlan<FxQuoteData>(
            CommandPartition.Direct.Instance,
            Ledger: null,
            [new IssueQuote(quote.Id.ToString(), seller.Id.ToString(), buyer.Id.ToString(), sell.Minor, buy.Minor, rate, quote.ExpiresAt, context.Now)],
            new FlagScope([seller.Merchant.Value], [seller.Currency.Code, buyer.Currency.Code], null),
            FxQuoteData.From(quote));
    }

    /// <summary>
    /// What <paramref name="sell"/> buys at <paramref name="rate"/> (major units of buy per major unit of sell), rounded
    /// down to the buy currency's minor unit so the desk never gives away a fraction. Integer arithmetic on the rate's
    /// digits: exact for any rate and amount, where decimal would round a product beyond 28 digits.
    /// </summary>
    public static Result<MoneyValue> Convert(MoneyValue sell, decimal rate, Currency buy)
    {
        ArgumentNullException.ThrowIfNull(buy);
        var bits = decimal.GetBits(rate);
        var digits = ((BigInteger)(uint)bits[2] << 64) | ((BigInteger)(uint)bits[1] << 32) | (uint)bits[0];
        var scale = rate.Scale;
        var shift = buy.Exponent - sell.Currency.Exponent;
        var numerator = sell.Minor * digits * BigInteger.Pow(10, Math.Max(shift, 0));
        var denominator = BigInteger.Pow(10, scale + Math.Max(-shift, 0));
        var minor = BigInteger.Divide(numerator, denominator);
        if (minor > long.MaxValue)
        {
            return new Error(ErrorCodes.AmountOverflow, $"{sell} at {rate.ToString(CultureInfo.InvariantCulture)} does not fit in 64-bit minor units of {buy.Code}.", "sellAmount");
        }

        return minor > 0
            ? new MoneyValue((long)minor, buy)
            : new Error(ErrorCodes.InvalidAmount, $"{sell} at {rate.ToString(CultureInfo.InvariantCulture)} buys less than the smallest unit of {buy.Code}.", "sellAmount");
    }
}
