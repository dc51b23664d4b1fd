using WalletFlow.Domain.Ids;
using MoneyValue = WalletFlow.Domain.Money.Money;

namespace WalletFlow.Application.Fx;

/// <summary>
/// A price offered to a merchant for converting between two of its wallets: <see cref="Sell"/> for <see cref="Buy"/>
/// until <see cref="ExpiresAt"/>, bookable once (<see cref="BookedBy"/> names the deal that did).
/// </summary>
public sealed record FxQuote(
    FxQuoteId Id,
    WalletId SellWallet,
    WalletId BuyWallet,
    MoneyValue Sell,
    MoneyValue Buy,
    decimal Rate,
    DateTimeOffset ExpiresAt,
    CommandId? BookedBy);

/// <summary>The port that reads quotes; the API implements it over Postgres. Always read fresh: whether a quote is booked decides a deal.</summary>
public interface IFxQuoteStore
{
    Task<FxQuote?> FindAsync(FxQuoteId id, CancellationToken cancellationToken);
}

/// <summary>How long a quote stays bookable after it is issued.</summary>
public sealed record FxQuoteOptions(TimeSpan Ttl);
