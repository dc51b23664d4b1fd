using Orleans;
using WalletFlow.Application.Commands;
using WalletFlow.Domain.Accounts;
using WalletFlow.Domain.Errors;
using WalletFlow.Domain.Ids;

namespace WalletFlow.Application.Fx;

public sealed record BookCounterpartyTradeRequest(
    string? CounterpartyId, [property: Money("SellCurrency")] string? SellAmount, string? SellCurrency, [property: Money("BuyCurrency")] string? BuyAmount, string? BuyCurrency, [property: OptionalField] string? Reference);

[GenerateSerializer, Alias("walletflow.data.counterparty_trade"), Immutable]
public sealed record CounterpartyTradeData(string CounterpartyId, [property: Money("SellCurrency")] string SellAmount, string SellCurrency, [property: Money("BuyCurrency")] string BuyAmount, string BuyCurrency, string? Reference);

/// <summary>
/// Records a trade the FX desk closed with an OTC counterparty (template <c>otc_trade</c>): the desk's position and
/// WalletFlow's balance with the counterparty both give up what is sold and gain what is bought. The amounts are the
/// ones agreed with the counterparty, not priced here.
/// </summary>
public sealed class BookCounterpartyTrade : ICommandHandler<BookCounterpartyTradeRequest, CounterpartyTradeData>
{
    public static CommandDescriptor Descriptor { get; } = new CommandDescriptor<BookCounterpartyTradeRequest, CounterpartyTradeData, BookCounterpartyTrade>
    {
        Name = "bookCounterpartyTrade",
        Title = "OTC trade",
        Summary = "Records a currency trade with an OTC counterparty against the FX desk's positions; refused if the desk or the counterparty balance cannot cover what is sold.",
        Area = "Fx",
        Route = "/otc/trades",
        Example = new BookCounterpartyTradeRequest("acme-otc", "10000.00", "USD", "9200.00", "EUR", "otc-2026-031"),
        Template = "otc_trade",
        SuccessStatus = 201,
        Rejections = [ErrorCodes.InvalidId, ErrorCodes.CurrencyUnknown, ErrorCodes.InvalidAmount, ErrorCodes.InsufficientFunds, ErrorCodes.FlagDenied],
    };

    public Task<Result<CommandPlan<CounterpartyTradeData>>> PlanAsync(BookCounterpartyTradeRequest request, CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var fields = new RequestValidator();
        var counterparty = fields.Read(CounterpartyId.Parse(request.CounterpartyId), "counterpartyId");
        var sellCurrency = fields.Currency(request.SellCurrency, "sellCurrency");
        var buyCurrency = fields.Currency(request.BuyCurrency, "buyCurrency");
        var sell = fields.Amount(request.SellAmount, sellCurrency, "sellAmount");
        var buy = fields.Amount(request.BuyAmount, buyCurrency, "buyAmount");
        var reference = RequestValidator.Optional(request.Reference);
        fields.Check(request.SellCurrency != request.BuyCurrency, "buyCurrency", "A trade exchanges two different currencies.");
        if (fields.Failed(out var error))
        {
            return Task.FromResult<Result<CommandPlan<CounterpartyTradeData>>>(error);
        }

        var post = new TemplateVars()
            .Monetary("sell", sell)
            .Monetary("buy", buy)
            .Account("counterparty", new CounterpartyAccount(counterparty))
            .Account("fx_sell", new FxPositionAccount(sellCurrency))
            .Account("fx_buy", new FxPositionAccount(buyCurrency))
            .Post("otc_trade", metadata: Metadata.Of(("reference", reference)));
        var plan = new CommandPlan<CounterpartyTradeData>(
            CommandPartition.Direct.Instance,
            post,
            [],
            new FlagScope([], [sellCurrency.Code, buyCurrency.Code], null),
            new CounterpartyTradeData(counterparty.Value, sell.ToDecimalString(), sellCurrency.Code, buy.ToDecimalString(), buyCurrency.Code, reference));
        return Task.FromResult<Result<CommandPlan<CounterpartyTradeData>>>(plan);
    }
}
