using System.Globalization;
using Orleans;
using WalletFlow.Application.Commands;
using WalletFlow.Application.Wallets;
using WalletFlow.Domain.Accounts;
using WalletFlow.Domain.Errors;

namespace WalletFlow.Application.Corrections;

/// <summary>
/// A correction: <paramref name="BankId"/> absent makes WalletFlow's <c>corrections</c> account the counterpart;
/// <paramref name="EffectiveAt"/> (ISO-8601, not in the future) backdates it to when the corrected event happened.
/// </summary>
public sealed record PostCorrectionRequest(
    string? WalletId,
    [property: Choice(typeof(CorrectionDirection))] string? Direction,
    [property: Money("Currency")] string? Amount,
    string? Currency,
    [property: OptionalField] string? BankId,
    string? Reason,
    [property: OptionalField] string? EffectiveAt);

[GenerateSerializer, Alias("walletflow.data.correction"), Immutable]
public sealed record CorrectionData(string WalletId, [property: Choice(typeof(CorrectionDirection))] string Direction, [property: Money("Currency")] string Amount, string Currency, string Counterpart, string Reason, DateTimeOffset? EffectiveAt);

public enum CorrectionDirection
{
    Credit,
    Debit,
}

/// <summary>
/// Credits or debits a wallet outside the normal flows, with a mandatory reason for the audit trail (templates
/// <c>correction_credit</c> and <c>correction_debit</c>). A debit is refused if the wallet or the counterpart
/// cannot cover it.
/// </summary>
public sealed class PostCorrection(IWalletStore wallets) : ICommandHandler<PostCorrectionRequest, CorrectionData>
{
    private static readonly string[] TimestampFormats = ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK"];

    public static CommandDescriptor Descriptor { get; } = new CommandDescriptor<PostCorrectionRequest, CorrectionData, PostCorrection>
    {
        Name = "postCorrection",
        Title = "Correction",
        Summary = "Credits or debits a wallet against a bank or WalletFlow's corrections account (correction_credit or correction_debit), with a reason, optionally backdated.",
        Area = "Corrections",
        Route = "/corrections",
        Example = new PostCorrectionRequest(CommandExamples.WalletId, "credit", "5.00", "USD", BankId: null, "Fee charged twice on 2026-03-02", EffectiveAt: null),
        SuccessStatus = 201,
        Rejections = [ErrorCodes.InsufficientFunds, ErrorCodes.CurrencyUnknown, ErrorCodes.InvalidAmount, ErrorCodes.InvalidId, ErrorCodes.CurrencyMismatch, ErrorCodes.WalletNotActive, ErrorCodes.NotFound, ErrorCodes.FlagDenied],
    };

    public async Task<Result<CommandPlan<CorrectionData>>> PlanAsync(PostCorrectionRequest request, CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var fields = new RequestValidator();
        var walletId = fields.Wallet(request.WalletId, "walletId");
        var direction = fields.Choice<CorrectionDirection>(request.Direction, "direction");
        var currency = fields.Currency(request.Currency, "currency");
        var amount = fields.Amount(request.Amount, currency, "amount");
        var bank = request.BankId is null ? (Domain.Ids.BankId?)null : fields.Bank(request.BankId, "bankId");
        var reason = fields.Required(request.Reason, "reason");
        var effectiveAt = EffectiveAt(fields, request.EffectiveAt, context.Now);
        if (fields.Failed(out var error))
        {
            return error;
        }

        if (!(await wallets.FindActiveAsync(walletId, currency, "walletId", cancellationToken)).TryGetValue(out var wallet, out var walletError))
        {
            return walletError;
        }

        AccountAddress counterpart = bank is { } id ? new BankAccount(id, currency) : CorrectionsAccount.Instance;
        var template = direction == CorrectionDirection.Credit ? "correction_credit" : "correction_debit";
        var post = new TemplateVars()
            .Monetary("amount", amount)
            .Account("wallet", new WalletAvailableAccount(wallet.Id))
            .Account("counterpart", counterpart)
            .Text("reason", reason)
            .Post(template, effectiveAt);
        return new CommandPlan<CorrectionData>(
            new CommandPartition.Wallet(wallet.Id),
            post,
            [],
            FlagScope.Of(wallet.Merchant.Value, currency.Code),
            new CorrectionData(wallet.Id.ToString(), RequestValidator.ToSnakeCase(direction.ToString()), amount.ToDecimalString(), currency.Code, counterpart.ToString(), reason, effectiveAt));
    }

    /// <summary>A correction may record the past, never the future: the ledger's history would show money that has not moved yet.</summary>
    private static DateTimeOffset? EffectiveAt(RequestValidator fields, string? text, DateTimeOffset now)
    {
        if (text is null)
        {
            return null;
        }

        if (!DateTimeOffset.TryParseExact(text, TimestampFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var effectiveAt))
        {
            fields.Check(false, "effectiveAt", $"The effectiveAt '{text}' is not an ISO-8601 timestamp (2026-01-31T12:00:00Z).");
            return null;
        }

        fields.Check(effectiveAt <= now, "effectiveAt", $"The effectiveAt {effectiveAt:O} is in the future; a correction can only be backdated.");
        return effectiveAt.ToUniversalTime();
    }
}
