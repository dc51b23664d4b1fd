using Orleans;
using WalletFlow.Application.Commands;
using WalletFlow.Domain.Accounts;
using WalletFlow.Domain.Errors;

namespace WalletFlow.Application.Treasury;

public sealed record TopUpGpsPoolRequest(string? BankId, [property: Money("Currency")] string? Amount, string? Currency);

[GenerateSerializer, Alias("walletflow.data.gps_pool_top_up"), Immutable]
public sealed record GpsPoolTopUpData(string Bank, string Pool, [property: Money("Currency")] string Amount, string Currency);

/// <summary>Prefunds the GPS payout partner from one of WalletFlow's banks: template <c>gps_pool_topup</c>.</summary>
public sealed class TopUpGpsPool : ICommandHandler<TopUpGpsPoolRequest, GpsPoolTopUpData>
{
    public static CommandDescriptor Descriptor { get; } = new CommandDescriptor<TopUpGpsPoolRequest, GpsPoolTopUpData, TopUpGpsPool>
    {
        Name = "topUpGpsPool",
        Title = "GPS pool top-up",
        Summary = "Moves cash from a WalletFlow bank account to the GPS pool in the same currency; refused if the bank account cannot cover it.",
        Area = "Treasury",
        Route = "/gps/topups",
        Example = new TopUpGpsPoolRequest("citi", "10000.00", "EUR"),
        Template = "gps_pool_topup",
        SuccessStatus = 201,
        Rejections = [ErrorCodes.InsufficientFunds, ErrorCodes.InvalidId, ErrorCodes.CurrencyUnknown, ErrorCodes.InvalidAmount, ErrorCodes.FlagDenied],
    };

    public Task<Result<CommandPlan<GpsPoolTopUpData>>> PlanAsync(TopUpGpsPoolRequest request, CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var fields = new RequestValidator();
        var bankId = fields.Bank(request.BankId, "bankId");
        var currency = fields.Currency(request.Currency, "currency");
        var amount = fields.Amount(request.Amount, currency, "amount");
        if (fields.Failed(out var error))
        {
            return Task.FromResult<Result<CommandPlan<GpsPoolTopUpData>>>(error);
        }

        var bank = new BankAccount(bankId, currency);
        var pool = new GpsPoolAccount(currency);
        var post = new TemplateVars()
            .Monetary("amount", amount)
            .Account("bank", bank)
            .Account("pool", pool)
            .Post("gps_pool_topup");
        var plan = new CommandPlan<GpsPoolTopUpData>(
            CommandPartition.Direct.Instance,
            post,
            [],
            FlagScope.Of(null, currency.Code, GpsCrossCurrencyPayout.Provider),
            new GpsPoolTopUpData(bank.ToString(), pool.ToString(), amount.ToDecimalString(), currency.Code));
        return Task.FromResult<Result<CommandPlan<GpsPoolTopUpData>>>(plan);
    }
}
