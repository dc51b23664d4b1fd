using Orleans;
using WalletFlow.Application.Commands;
using WalletFlow.Application.Wallets;
using WalletFlow.Domain.Accounts;
using WalletFlow.Domain.Errors;

namespace WalletFlow.Application.Reserves;

public sealed record RollingReserveRequest(string? WalletId, [property: Money("Currency")] string? Amount, string? Currency, [property: OptionalField] string? Reason);

[GenerateSerializer, Alias("walletflow.data.rolling_reserve"), Immutable]
public sealed record RollingReserveData(string WalletId, [property: Money("Currency")] string Amount, string Currency, string? Reason);

/// <summary>What holding and releasing a rolling reserve share: the same request, checks and accounts; the template says which way the money goes.</summary>
internal static class RollingReserve
{
    public static async Task<Result<CommandPlan<RollingReserveData>>> PlanAsync(
        IWalletStore wallets, RollingReserveRequest request, string template, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var fields = new RequestValidator();
        var walletId = fields.Wallet(request.WalletId, "walletId");
        var currency = fields.Currency(request.Currency, "currency");
        var amount = fields.Amount(request.Amount, currency, "amount");
        var reason = RequestValidator.Optional(request.Reason);
        if (fields.Failed(out var error))
        {
            return error;
        }

        if (!(await wallets.FindActiveAsync(walletId, currency, "walletId", cancellationToken)).TryGetValue(out var wallet, out var walletError))
        {
            return walletError;
        }

        var post = new TemplateVars()
            .Monetary("amount", amount)
            .Account("wallet", new WalletAvailableAccount(wallet.Id))
            .Account("reserve", new WalletReserveAccount(wallet.Id))
            .Post(template, metadata: Metadata.Of(("reason", reason)));
        return new CommandPlan<RollingReserveData>(
            new CommandPartition.Wallet(wallet.Id),
            post,
            [],
            FlagScope.Of(wallet.Merchant.Value, currency.Code),
            new RollingReserveData(wallet.Id.ToString(), amount.ToDecimalString(), currency.Code, reason));
    }
}
