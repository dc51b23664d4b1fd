using Orleans;
using WalletFlow.Application.Commands;
using WalletFlow.Domain.Errors;
using WalletFlow.Domain.Ids;

namespace WalletFlow.Application.Wallets;

public sealed record CreateWalletRequest(string? MerchantId, string? Currency, [property: OptionalField] string? Label);

/// <summary>The wallet as its API shows it.</summary>
[GenerateSerializer, Alias("walletflow.data.wallet"), Immutable]
public sealed record WalletData(string WalletId, string MerchantId, string Currency, string? Label, [property: Choice(typeof(WalletStatus))] string Status, DateTimeOffset CreatedAt)
{
    public static WalletData From(Wallet wallet) =>
        new(wallet.Id.ToString(), wallet.Merchant.Value, wallet.Currency.Code, wallet.Label, RequestValidator.ToSnakeCase(wallet.Status.ToString()), wallet.CreatedAt);
}

/// <summary>Opens a wallet in one currency for a merchant. Nothing is posted: a new wallet's balances are zero because it has no postings.</summary>
public sealed class CreateWallet(TimeProvider time) : ICommandHandler<CreateWalletRequest, WalletData>
{
    public static CommandDescriptor Descriptor { get; } = new CommandDescriptor<CreateWalletRequest, WalletData, CreateWallet>
    {
        Name = "createWallet",
        Title = "Create wallet",
        Summary = "Opens a wallet in one currency for a merchant.",
        Area = "Wallets",
        Route = "/wallets",
        Example = new CreateWalletRequest("acme", "USD", "Acme payouts"),
        AllowedRoles = CallerRoles.Everyone,
        SuccessStatus = 201,
        Rejections = [ErrorCodes.CurrencyUnknown, ErrorCodes.InvalidId],
    };

    public Task<Result<CommandPlan<WalletData>>> PlanAsync(CreateWalletRequest request, CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var fields = new RequestValidator();
        var merchant = fields.Read(MerchantId.Parse(request.MerchantId), "merchantId");
        var currency = fields.Currency(request.Currency, "currency");
        var label = RequestValidator.Optional(request.Label);
        if (fields.Failed(out var error))
        {
            return Task.FromResult<Result<CommandPlan<WalletData>>>(error);
        }

        var wallet = new Wallet(WalletId.New(time), merchant, currency, label, WalletStatus.Active, context.Now);
        var plan = new CommandPlan<WalletData>(
            CommandPartition.Direct.Instance,
            Ledger: null,
            [new OpenWallet(wallet.Id.ToString(), merchant.Value, currency.Code, label, wallet.CreatedAt)],
            FlagScope.Of(merchant.Value, currency.Code),
            WalletData.From(wallet));
        return Task.FromResult<Result<CommandPlan<WalletData>>>(plan);
    }
}
