using Orleans;
using WalletFlow.Application.Commands;
using WalletFlow.Domain.Accounts;
using WalletFlow.Domain.Errors;

namespace WalletFlow.Application.Wallets;

public sealed record TransferRequest(string? SourceWalletId, string? DestinationWalletId, [property: Money("Currency")] string? Amount, string? Currency, [property: OptionalField] string? Reference);

[GenerateSerializer, Alias("walletflow.data.transfer"), Immutable]
public sealed record TransferData(string SourceWalletId, string DestinationWalletId, [property: Money("Currency")] string Amount, string Currency, string? Reference);

/// <summary>Moves a claim from one wallet to another in the same currency: template <c>transfer</c>. No cash moves.</summary>
public sealed class Transfer(IWalletStore wallets) : ICommandHandler<TransferRequest, TransferData>
{
    public static CommandDescriptor Descriptor { get; } = new CommandDescriptor<TransferRequest, TransferData, Transfer>
    {
        Name = "transfer",
        Title = "Transfer",
        Summary = "Moves money from one wallet to another in the same currency; refused if the source cannot cover it.",
        Area = "Wallets",
        Route = "/transfers",
        Example = new TransferRequest(CommandExamples.WalletId, CommandExamples.OtherWalletId, "12.50", "USD", "order-7781"),
        Template = "transfer",
        AllowedRoles = CallerRoles.Everyone,
        SuccessStatus = 201,
        Rejections = [ErrorCodes.InsufficientFunds, ErrorCodes.CurrencyUnknown, ErrorCodes.InvalidAmount, ErrorCodes.CurrencyMismatch, ErrorCodes.WalletNotActive, ErrorCodes.NotFound, ErrorCodes.FlagDenied],
    };

    public async Task<Result<CommandPlan<TransferData>>> PlanAsync(TransferRequest request, CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var fields = new RequestValidator();
        var sourceId = fields.Wallet(request.SourceWalletId, "sourceWalletId");
        var destinationId = fields.Wallet(request.DestinationWalletId, "destinationWalletId");
        var currency = fields.Currency(request.Currency, "currency");
        var amount = fields.Amount(request.Amount, currency, "amount");
        var reference = RequestValidator.Optional(request.Reference);
        fields.Check(request.SourceWalletId != request.DestinationWalletId, "destinationWalletId", "A transfer needs two different wallets.");
        if (fields.Failed(out var error))
        {
            return error;
        }

        if (!(await wallets.FindActiveAsync(sourceId, currency, "sourceWalletId", cancellationToken)).TryGetValue(out var source, out var sourceError))
        {
            return sourceError;
        }

        if (!(await wallets.FindActiveAsync(destinationId, currency, "destinationWalletId", cancellationToken)).TryGetValue(out var destination, out var destinationError))
        {
            return destinationError;
        }

        var post = new TemplateVars()
            .Monetary("amount", amount)
            .Account("source", new WalletAvailableAccount(source.Id))
            .Account("destination", new WalletAvailableAccount(destination.Id))
            .Post("transfer", metadata: Metadata.Of(("reference", reference)));
        return new CommandPlan<TransferData>(
            new CommandPartition.Wallet(source.Id),
            post,
            [],
            new FlagScope([source.Merchant.Value, destination.Merchant.Value], [currency.Code], null),
            new TransferData(source.Id.ToString(), destination.Id.ToString(), amount.ToDecimalString(), currency.Code, reference));
    }
}
