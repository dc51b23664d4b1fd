using Orleans;
using WalletFlow.Application.Commands;
using WalletFlow.Domain.Accounts;
using WalletFlow.Domain.Errors;

namespace WalletFlow.Application.Wallets;

/// <summary>A pay-in: <paramref name="WalletId"/> absent books it to suspense until the payer is matched.</summary>
public sealed record PostPayinRequest([property: OptionalField] string? WalletId, string? BankId, [property: Money("Currency")] string? Amount, string? Currency, [property: OptionalField] string? Provider, [property: OptionalField] string? Reference);

[GenerateSerializer, Alias("walletflow.data.payin"), Immutable]
public sealed record PayinData(string? WalletId, string BankId, [property: Money("Currency")] string Amount, string Currency, string? Provider, string? Reference);

/// <summary>Records money received at a bank and owed to a wallet (or to suspense): template <c>payin</c>.</summary>
public sealed class PostPayin(IWalletStore wallets) : ICommandHandler<PostPayinRequest, PayinData>
{
    public static CommandDescriptor Descriptor { get; } = new CommandDescriptor<PostPayinRequest, PayinData, PostPayin>
    {
        Name = "postPayin",
        Title = "Pay-in",
        Summary = "Records money received at a bank and credits the wallet it belongs to (or suspense while the payer is unmatched).",
        Area = "Wallets",
        Route = "/payins",
        Example = new PostPayinRequest(CommandExamples.WalletId, "citi", "250.00", "USD", "wise", "inv-1001"),
        Template = "payin",
        SuccessStatus = 201,
        Rejections = [ErrorCodes.CurrencyUnknown, ErrorCodes.InvalidAmount, ErrorCodes.CurrencyMismatch, ErrorCodes.WalletNotActive, ErrorCodes.NotFound, ErrorCodes.FlagDenied],
    };

    public async Task<Result<CommandPlan<PayinData>>> PlanAsync(PostPayinRequest request, CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var fields = new RequestValidator();
        var walletId = request.WalletId is null ? (Domain.Ids.WalletId?)null : fields.Wallet(request.WalletId, "walletId");
        var bank = fields.Bank(request.BankId, "bankId");
        var currency = fields.Currency(request.Currency, "currency");
        var amount = fields.Amount(request.Amount, currency, "amount");
        var provider = fields.Provider(request.Provider, "provider", required: false);
        var reference = RequestValidator.Optional(request.Reference);
        if (fields.Failed(out var error))
        {
            return error;
        }

        Wallet? wallet = null;
        if (walletId is { } id)
        {
            if (!(await wallets.FindActiveAsync(id, currency, "walletId", cancellationToken)).TryGetValue(out wallet, out var walletError))
            {
                return walletError;
            }
        }

        AccountAddress owed = wallet is null ? SuspenseAccount.Instance : new WalletAvailableAccount(wallet.Id);
        var post = new TemplateVars()
            .Monetary("amount", amount)
            .Account("bank", new BankAccount(bank, currency))
            .Account("wallet", owed)
            .Post("payin", metadata: Metadata.Of(("reference", reference), ("provider", provider)));
        return new CommandPlan<PayinData>(
            wallet is null ? CommandPartition.Direct.Instance : new CommandPartition.Wallet(wallet.Id),
            post,
            [],
            FlagScope.Of(wallet?.Merchant.Value, currency.Code, provider),
            new PayinData(wallet?.Id.ToString(), bank.Value, amount.ToDecimalString(), currency.Code, provider, reference));
    }
}
