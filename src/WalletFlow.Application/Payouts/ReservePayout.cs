using WalletFlow.Application.Commands;
using WalletFlow.Application.Wallets;
using WalletFlow.Domain.Accounts;
using WalletFlow.Domain.Errors;
using WalletFlow.Domain.Ids;

namespace WalletFlow.Application.Payouts;

public sealed record ReservePayoutRequest(string? WalletId, [property: Money("Currency")] string? Amount, string? Currency, string? Provider, string? BankId, [property: OptionalField] string? Beneficiary, [property: OptionalField] string? Reference);

/// <summary>
/// Starts a payout: sets its amount aside from the wallet's available balance in a new hold (template
/// <c>payout_reserve</c>), so it cannot be spent twice while the provider works. The hold ends through settle or release.
/// </summary>
public sealed class ReservePayout(IWalletStore wallets, TimeProvider time) : ICommandHandler<ReservePayoutRequest, HoldData>
{
    public static CommandDescriptor Descriptor { get; } = new CommandDescriptor<ReservePayoutRequest, HoldData, ReservePayout>
    {
        Name = "reservePayout",
        Title = "Reserve payout",
        Summary = "Sets a payout's amount aside from the wallet's available balance in a new hold; refused if the wallet cannot cover it.",
        Area = "Payouts",
        Route = "/payouts",
        Example = new ReservePayoutRequest(CommandExamples.WalletId, "75.00", "USD", "wise", "citi", "Jane Doe", "po-5520"),
        Template = "payout_reserve",
        AllowedRoles = CallerRoles.Everyone,
        SuccessStatus = 201,
        Rejections = [ErrorCodes.InsufficientFunds, ErrorCodes.CurrencyUnknown, ErrorCodes.InvalidAmount, ErrorCodes.InvalidId, ErrorCodes.CurrencyMismatch, ErrorCodes.WalletNotActive, ErrorCodes.NotFound, ErrorCodes.FlagDenied],
    };

    public async Task<Result<CommandPlan<HoldData>>> PlanAsync(ReservePayoutRequest request, CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var fields = new RequestValidator();
        var walletId = fields.Wallet(request.WalletId, "walletId");
        var currency = fields.Currency(request.Currency, "currency");
        var amount = fields.Amount(request.Amount, currency, "amount");
        var provider = fields.Provider(request.Provider, "provider", required: true)!;
        var bank = fields.Bank(request.BankId, "bankId");
        var beneficiary = RequestValidator.Optional(request.Beneficiary);
        var reference = RequestValidator.Optional(request.Reference);
        if (fields.Failed(out var error))
        {
            return error;
        }

        if (!(await wallets.FindActiveAsync(walletId, currency, "walletId", cancellationToken)).TryGetValue(out var wallet, out var walletError))
        {
            return walletError;
        }

        var hold = new Hold(HoldId.New(time), wallet.Id, amount, provider, bank, beneficiary, HoldStatus.Reserved, Reason: null, context.Now, context.Now);
        var post = new TemplateVars()
            .Monetary("amount", amount)
            .Account("wallet", new WalletAvailableAccount(wallet.Id))
            .Account("hold", new WalletHoldAccount(wallet.Id, hold.Id))
            .Post("payout_reserve", metadata: Metadata.Of(("hold_id", hold.Id.ToString()), ("provider", provider), ("reference", reference)));
        return new CommandPlan<HoldData>(
            new CommandPartition.Wallet(wallet.Id),
            post,
            [new ReserveHold(hold.Id.ToString(), wallet.Id.ToString(), currency.Code, amount.Minor, provider, bank.Value, beneficiary, hold.CreatedAt)],
            FlagScope.Of(wallet.Merchant.Value, currency.Code, provider),
            HoldData.From(hold));
    }
}
