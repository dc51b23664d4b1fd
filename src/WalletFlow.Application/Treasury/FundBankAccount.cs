using Orleans;
using WalletFlow.Application.Commands;
using WalletFlow.Domain.Accounts;
using WalletFlow.Domain.Errors;

namespace WalletFlow.Application.Treasury;

/// <summary>A treasury wire into exactly one of a bank account (<paramref name="BankId"/>), stablecoin custody (<paramref name="Network"/>) or a counterparty.</summary>
public sealed record FundBankAccountRequest(
    [property: Money("Currency")] string? Amount, string? Currency, [property: OptionalField] string? BankId, [property: OptionalField] string? Network, [property: OptionalField] string? CounterpartyId, [property: Choice(typeof(FundingPurpose))] string? Purpose);

[GenerateSerializer, Alias("walletflow.data.bank_funding"), Immutable]
public sealed record BankFundingData(string Account, string Funding, [property: Money("Currency")] string Amount, string Currency, [property: Choice(typeof(FundingPurpose))] string Purpose);

/// <summary>What a treasury wire is for: WalletFlow's own capital, or the FX desk's position in the currency.</summary>
internal enum FundingPurpose
{
    Treasury,
    FxPosition,
}

/// <summary>Records a treasury wire funding one of WalletFlow's own accounts: template <c>bank_funding</c>.</summary>
public sealed class FundBankAccount : ICommandHandler<FundBankAccountRequest, BankFundingData>
{
    public static CommandDescriptor Descriptor { get; } = new CommandDescriptor<FundBankAccountRequest, BankFundingData, FundBankAccount>
    {
        Name = "fundBankAccount",
        Title = "Bank funding",
        Summary = "Records a treasury wire into a bank account, stablecoin custody or a counterparty, as treasury equity or as the FX position.",
        Area = "Treasury",
        Route = "/treasury/bank-fundings",
        Example = new FundBankAccountRequest("50000.00", "USD", "citi", Network: null, CounterpartyId: null, "treasury"),
        Template = "bank_funding",
        SuccessStatus = 201,
        Rejections = [ErrorCodes.Validation, ErrorCodes.InvalidId, ErrorCodes.CurrencyUnknown, ErrorCodes.InvalidAmount, ErrorCodes.FlagDenied],
    };

    public Task<Result<CommandPlan<BankFundingData>>> PlanAsync(FundBankAccountRequest request, CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var fields = new RequestValidator();
        var currency = fields.Currency(request.Currency, "currency");
        var amount = fields.Amount(request.Amount, currency, "amount");
        var purpose = fields.Choice<FundingPurpose>(request.Purpose, "purpose");
        var kind = Kind(fields, request);
        var account = kind is { } given ? AssetAccount.Read(fields, given, request.BankId, request.Network, request.CounterpartyId, currency) : null;
        if (fields.Failed(out var error))
        {
            return Task.FromResult<Result<CommandPlan<BankFundingData>>>(error);
        }

        var funded = account!.Address(currency);
        AccountAddress funding = purpose == FundingPurpose.Treasury ? TreasuryEquityAccount.Instance : new FxPositionAccount(currency);
        var post = new TemplateVars()
            .Monetary("amount", amount)
            .Account("account", funded)
            .Account("funding", funding)
            .Post("bank_funding");
        var plan = new CommandPlan<BankFundingData>(
            CommandPartition.Direct.Instance,
            post,
            [],
            FlagScope.Of(null, currency.Code),
            new BankFundingData(funded.ToString(), funding.ToString(), amount.ToDecimalString(), currency.Code, RequestValidator.ToSnakeCase(purpose.ToString())));
        return Task.FromResult<Result<CommandPlan<BankFundingData>>>(plan);
    }

    /// <summary>The kind of account funded, from the one id given; none or several is refused rather than guessed.</summary>
    private static AssetKind? Kind(RequestValidator fields, FundBankAccountRequest request)
    {
        (string Field, string? Value, AssetKind Kind)[] candidates =
        [
            ("bankId", request.BankId, AssetKind.Bank),
            ("network", request.Network, AssetKind.Stablecoin),
            ("counterpartyId", request.CounterpartyId, AssetKind.Counterparty),
        ];
        var given = candidates.Where(candidate => candidate.Value is not null).ToList();
        fields.Check(given.Count == 1, given.Count == 0 ? "bankId" : given[^1].Field, "Give exactly one of bankId, network or counterpartyId: the account the wire funds.");
        return given.Count == 1 ? given[0].Kind : null;
    }
}
