using Orleans;
using WalletFlow.Application.Commands;
using WalletFlow.Application.Wallets;
using WalletFlow.Domain.Accounts;
using WalletFlow.Domain.Errors;
using WalletFlow.Domain.Ids;

namespace WalletFlow.Application.Treasury;

/// <summary>A balance migrated from the legacy system: where its value sits (<paramref name="AssetKind"/>) and whose it is (<paramref name="ClaimKind"/>).</summary>
public sealed record PostOpeningBalanceRequest(
    [property: Money("Currency")] string? Amount,
    string? Currency,
    [property: Choice(typeof(AssetKind))] string? AssetKind,
    [property: OptionalField] string? BankId,
    [property: OptionalField] string? Network,
    [property: OptionalField] string? CounterpartyId,
    [property: Choice(typeof(ClaimKind))] string? ClaimKind,
    [property: OptionalField] string? WalletId);

[GenerateSerializer, Alias("walletflow.data.opening_balance"), Immutable]
public sealed record OpeningBalanceData(string Asset, string Claim, string? WalletId, [property: Money("Currency")] string Amount, string Currency);

/// <summary>Who a migrated balance is owed to.</summary>
internal enum ClaimKind
{
    Wallet,
    WalletReserve,
    Suspense,
    OpeningBalanceEquity,
    FxPosition,
}

/// <summary>Brings a legacy balance over as the asset backing it and the claim on it: template <c>opening_balance</c>.</summary>
public sealed class PostOpeningBalance(IWalletStore wallets) : ICommandHandler<PostOpeningBalanceRequest, OpeningBalanceData>
{
    public static CommandDescriptor Descriptor { get; } = new CommandDescriptor<PostOpeningBalanceRequest, OpeningBalanceData, PostOpeningBalance>
    {
        Name = "postOpeningBalance",
        Title = "Opening balance",
        Summary = "Migrates a legacy balance: the bank, pool, custody or counterparty account holding it, and the wallet, suspense, FX position or equity it is owed to.",
        Area = "Treasury",
        Route = "/migrations/opening-balances",
        Example = new PostOpeningBalanceRequest("1200.00", "USD", "bank", "citi", Network: null, CounterpartyId: null, "wallet", CommandExamples.WalletId),
        Template = "opening_balance",
        SuccessStatus = 201,
        Rejections =
        [
            ErrorCodes.Validation, ErrorCodes.InvalidId, ErrorCodes.CurrencyUnknown, ErrorCodes.InvalidAmount, ErrorCodes.NotFound, ErrorCodes.CurrencyMismatch,
            ErrorCodes.WalletNotActive, ErrorCodes.FlagDenied,
        ],
    };

    public async Task<Result<CommandPlan<OpeningBalanceData>>> PlanAsync(PostOpeningBalanceRequest request, CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var fields = new RequestValidator();
        var assetKind = fields.Choice<AssetKind>(request.AssetKind, "assetKind");
        var claimKind = fields.Choice<ClaimKind>(request.ClaimKind, "claimKind");

        // Which ids are required depends on the kinds, so an unknown kind stops there instead of adding guesses.
        var kindsKnown = !fields.Failed(out _);
        var currency = fields.Currency(request.Currency, "currency");
        var amount = fields.Amount(request.Amount, currency, "amount");
        var asset = kindsKnown ? AssetAccount.Read(fields, assetKind, request.BankId, request.Network, request.CounterpartyId, currency) : null;
        var ownsWallet = claimKind is ClaimKind.Wallet or ClaimKind.WalletReserve;
        WalletId walletId = default;
        if (kindsKnown && ownsWallet)
        {
            walletId = fields.Wallet(request.WalletId, "walletId");
        }
        else if (kindsKnown)
        {
            fields.Check(request.WalletId is null, "walletId", "The walletId applies only to a wallet or wallet_reserve claim.");
        }

        if (fields.Failed(out var error))
        {
            return error;
        }

        Wallet? wallet = null;
        if (ownsWallet && !(await wallets.FindActiveAsync(walletId, currency, "walletId", cancellationToken)).TryGetValue(out wallet, out var walletError))
        {
            return walletError;
        }

        var assetAddress = asset!.Address(currency);
        AccountAddress claim = claimKind switch
        {
            ClaimKind.Wallet => new WalletAvailableAccount(wallet!.Id),
            ClaimKind.WalletReserve => new WalletReserveAccount(wallet!.Id),
            ClaimKind.Suspense => SuspenseAccount.Instance,
            ClaimKind.OpeningBalanceEquity => OpeningBalanceEquityAccount.Instance,
            ClaimKind.FxPosition => new FxPositionAccount(currency),
            _ => throw new ArgumentOutOfRangeException(nameof(request), claimKind, "Unknown claim kind."),
        };
        var post = new TemplateVars()
            .Monetary("amount", amount)
            .Account("asset", assetAddress)
            .Account("claim", claim)
            .Post("opening_balance");
        return new CommandPlan<OpeningBalanceData>(
            wallet is null ? CommandPartition.Direct.Instance : new CommandPartition.Wallet(wallet.Id),
            post,
            [],
            FlagScope.Of(wallet?.Merchant.Value, currency.Code),
            new OpeningBalanceData(assetAddress.ToString(), claim.ToString(), wallet?.Id.ToString(), amount.ToDecimalString(), currency.Code));
    }
}
