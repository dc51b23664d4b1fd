using WalletFlow.Domain.Money;

namespace WalletFlow.Application.Fx;

/// <summary>The port that prices conversions; the API implements it from configuration, a market feed could replace it.</summary>
public interface IFxRates
{
    /// <summary>Units of <paramref name="buy"/> per one unit of <paramref name="sell"/>, or null when the desk does not quote the pair.</summary>
    Task<decimal?> RateAsync(Currency sell, Currency buy, CancellationToken cancellationToken);
}
