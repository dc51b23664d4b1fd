using Orleans;
using WalletFlow.Application.Commands;
using WalletFlow.Application.Wallets;
using WalletFlow.Domain.Accounts;
using WalletFlow.Domain.Errors;

namespace WalletFlow.Application.Treasury;

public sealed record GpsCrossCurrencyPayoutRequest(
    string? WalletId, [property: Money("DebitCurrency")] string? DebitAmount, string? DebitCurrency, [property: Money("PayoutCurrency")] string? PayoutAmount, string? PayoutCurrency, [property: OptionalField] string? Beneficiary, [property: OptionalField] string? Reference);

[GenerateSerializer, Alias("walletflow.data.gps_cross_currency_payout"), Immutable]
public sealed record GpsCrossCurrencyPayoutData(
    string WalletId, [property: Money("DebitCurrency")] string DebitAmount, string DebitCurrency, [property: Money("PayoutCurrency")] string PayoutAmount, string PayoutCurrency, string? Beneficiary, string? Reference);

/// <summary>
/// A payout in another currency than the wallet's, paid by the GPS partner from its pool: template
/// <c>gps_cross_currency_payout</c>. The wallet's money goes to the FX position, which pays the beneficiary's side.
/// </summary>
public sealed class GpsCrossCurrencyPayout(IWalletStore wallets) : ICommandHandler<GpsCrossCurrencyPayoutRequest, GpsCrossCurrencyPayoutData>
{
    /// <summary>The provider scope of <c>core_wallet_enabled</c> that switches GPS off.</summary>
    public const string Provider = "gps";

    public static CommandDescriptor Descriptor { get; } = new CommandDescriptor<GpsCrossCurrencyPayoutRequest, GpsCrossCurrencyPayoutData, GpsCrossCurrencyPayout>
    {
        Name = "gpsCrossCurrencyPayout",
        Title = "GPS cross-currency payout",
        Summary = "Pays a beneficiary in another currency through the GPS pool, debiting the wallet in its own currency; refused if the wallet, the pool or the FX position cannot cover its part.",
        Area = "Payouts",
        Route = "/gps/payouts",
        Example = new GpsCrossCurrencyPayoutRequest(CommandExamples.WalletId, "110.00", "USD", "100.00", "EUR", "Jane Doe", "po-5521"),
        Template = "gps_cross_currency_payout",
        AllowedRoles = CallerRoles.Everyone,
        SuccessStatus = 201,
        Rejections =
        [
            ErrorCodes.InsufficientFunds, ErrorCodes.Validation, ErrorCodes.InvalidId, ErrorCodes.CurrencyUnknown, ErrorCodes.InvalidAmount, ErrorCodes.NotFound,
            ErrorCodes.CurrencyMismatch, ErrorCodes.WalletNotActive, ErrorCodes.FlagDenied,
        ],
    };

    public async Task<Result<CommandPlan<GpsCrossCurrencyPayoutData>>> PlanAsync(GpsCrossCurrencyPayoutRequest request, CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var fields = new RequestValidator();
        var walletId = fields.Wallet(request.WalletId, "walletId");
        var debitCurrency = fields.Currency(request.DebitCurrency, "debitCurrency");
        var debit = fields.Amount(request.DebitAmount, debitCurrency, "debitAmount");
        var payoutCurrency = fields.Currency(request.PayoutCurrency, "payoutCurrency");
        var payout = fields.Amount(request.PayoutAmount, payoutCurrency, "payoutAmount");
        var beneficiary = RequestValidator.Optional(request.Beneficiary);
        var reference = RequestValidator.Optional(request.Reference);
        fields.Check(
            request.DebitCurrency is null || request.DebitCurrency != request.PayoutCurrency,
            "payoutCurrency",
            "A cross-currency payout needs a payout currency other than the debit currency.");
        if (fields.Failed(out var error))
        {
            return error;
        }

        if (!(await wallets.FindActiveAsync(walletId, debitCurrency, "walletId", cancellationToken)).TryGetValue(out var wallet, out var walletError))
        {
            return walletError;
        }

        var post = new TemplateVars()
            .Monetary("debit", debit)
            .Monetary("payout", payout)
            .Account("wallet", new WalletAvailableAccount(wallet.Id))
            .Account("fx_debit", new FxPositionAccount(debitCurrency))
            .Account("fx_payout", new FxPositionAccount(payoutCurrency))
            .Account("pool", new GpsPoolAccount(payoutCurrency))
            .Post("gps_cross_currency_payout", metadata: Metadata.Of(("beneficiary", beneficiary), ("reference", reference)));
        return new CommandPlan<GpsCrossCurrencyPayoutData>(
            new CommandPartition.Wallet(wallet.Id),
            post,
            [],
            new FlagScope([wallet.Merchant.Value], [debitCurrency.Code, payoutCurrency.Code], Provider),
            new GpsCrossCurrencyPayoutData(
                wallet.Id.ToString(), debit.ToDecimalString(), debitCurrency.Code, payout.ToDecimalString(), payoutCurrency.Code, beneficiary, reference));
    }
}
