using System.Collections.Frozen;
using System.Globalization;
using WalletFlow.Application.Fx;
using WalletFlow.Domain.Money;

namespace WalletFlow.Api.Fx;

/// <summary>
/// The FX desk's rates from configuration: <c>Fx:Rates:{SELL}:{BUY}</c> is the units of BUY per unit of SELL (in
/// appsettings a key <c>"USD:EUR"</c> under <c>Fx:Rates</c>; in the environment <c>Fx__Rates__USD__EUR</c>). Each
/// direction is its own entry because the desk's two prices differ by its spread. Read and checked once at start: a
/// rate that is not a positive decimal, or a code not in the currency table, stops the API rather than mis-pricing.
/// </summary>
internal sealed class ConfiguredFxRates : IFxRates
{
    public const string RatesSection = "Fx:Rates";
    public const string QuoteTtlSetting = "Fx:QuoteTtlSeconds";
    public const int DefaultQuoteTtlSeconds = 60;

    private readonly FrozenDictionary<(string Sell, string Buy), decimal> _rates;

    public ConfiguredFxRates(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var rates = new Dictionary<(string, string), decimal>();
        foreach (var sell in configuration.GetSection(RatesSection).GetChildren())
        {
            foreach (var buy in sell.GetChildren())
            {
                rates[(Code(sell.Key), Code(buy.Key))] = Rate(buy);
            }
        }

        _rates = rates.ToFrozenDictionary();
    }

    public Task<decimal?> RateAsync(Currency sell, Currency buy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sell);
        ArgumentNullException.ThrowIfNull(buy);
        return Task.FromResult(_rates.TryGetValue((sell.Code, buy.Code), out var rate) ? rate : (decimal?)null);
    }

    public static FxQuoteOptions QuoteOptions(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var text = configuration[QuoteTtlSetting];
        if (string.IsNullOrEmpty(text))
        {
            return new FxQuoteOptions(TimeSpan.FromSeconds(DefaultQuoteTtlSeconds));
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? new FxQuoteOptions(TimeSpan.FromSeconds(seconds))
            : throw new InvalidOperationException($"{QuoteTtlSetting} is '{text}': it must be a positive whole number of seconds.");
    }

    private static string Code(string code) => Currency.Find(code).TryGetValue(out var currency, out _)
        ? currency.Code
        : throw new InvalidOperationException($"{RatesSection} names '{code}', which is not in WalletFlow's currency table.");

    private static decimal Rate(IConfigurationSection entry) =>
        decimal.TryParse(entry.Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var rate) && rate > 0
            ? rate
            : throw new InvalidOperationException($"{entry.Path} is '{entry.Value}': a rate must be a positive decimal such as 0.92.");
}
