using WalletFlow.Application.Commands;
using WalletFlow.Domain.Accounts;
using WalletFlow.Domain.Ids;
using WalletFlow.Domain.Money;

namespace WalletFlow.Application.Treasury;

/// <summary>The kinds of account where WalletFlow's own value sits (what backs the customers' claims).</summary>
internal enum AssetKind
{
    Bank,
    GpsPool,
    Stablecoin,
    Counterparty,
}

/// <summary>One of WalletFlow's asset accounts, as a request named it; <see cref="Address"/> only once the request validated.</summary>
internal sealed record AssetAccount(AssetKind Kind, BankId Bank, NetworkId Network, CounterpartyId Counterparty)
{
    public AccountAddress Address(Currency currency) => Kind switch
    {
        AssetKind.Bank => new BankAccount(Bank, currency),
        AssetKind.GpsPool => new GpsPoolAccount(currency),
        AssetKind.Stablecoin => new StablecoinCustodyAccount(Network, currency),
        AssetKind.Counterparty => new CounterpartyAccount(Counterparty),
        _ => throw new ArgumentOutOfRangeException(nameof(Kind), Kind, "Unknown asset kind."),
    };

    /// <summary>
    /// Reads the id the kind needs and refuses the ones it does not: a bank id sent along with a network would
    /// otherwise be silently ignored, and the operator would believe the bank was funded.
    /// </summary>
    public static AssetAccount Read(RequestValidator fields, AssetKind kind, string? bankId, string? network, string? counterpartyId, Currency? currency)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var bank = Id(fields, kind == AssetKind.Bank, bankId, "bankId", BankId.Parse);
        var chain = Id(fields, kind == AssetKind.Stablecoin, network, "network", NetworkId.Parse);
        var counterparty = Id(fields, kind == AssetKind.Counterparty, counterpartyId, "counterpartyId", CounterpartyId.Parse);
        if (kind == AssetKind.Stablecoin && currency is not null)
        {
            fields.Check(currency.IsStablecoin, "currency", $"{currency.Code} is not a stablecoin: custody on a network holds only stablecoins.");
        }

        return new AssetAccount(kind, bank, chain, counterparty);
    }

    private static T Id<T>(RequestValidator fields, bool needed, string? text, string field, Func<string?, Domain.Errors.Result<T>> parse)
        where T : struct
    {
        if (needed)
        {
            return fields.Read(parse(text), field);
        }

        fields.Check(text is null, field, $"The {field} does not apply to this kind of account.");
        return default;
    }
}
