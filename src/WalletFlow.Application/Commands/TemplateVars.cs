using System.Globalization;
using WalletFlow.Domain.Accounts;
using MoneyValue = WalletFlow.Domain.Money.Money;

namespace WalletFlow.Application.Commands;

/// <summary>A template's variables in Formance's string forms: <c>"USD/2 1250"</c> for an amount, the address for an account.</summary>
public sealed class TemplateVars
{
    private readonly Dictionary<string, string> _vars = new(StringComparer.Ordinal);

    public TemplateVars Monetary(string name, MoneyValue amount)
    {
        _vars.Add(name, $"{amount.Currency.Asset} {amount.Minor.ToString(CultureInfo.InvariantCulture)}");
        return this;
    }

    public TemplateVars Account(string name, AccountAddress address)
    {
        _vars.Add(name, address.ToString());
        return this;
    }

    public TemplateVars Text(string name, string value)
    {
        _vars.Add(name, value);
        return this;
    }

    public PostTemplate Post(string template, DateTimeOffset? effectiveAt = null, IReadOnlyDictionary<string, string>? metadata = null) =>
        new(template, _vars, metadata ?? new Dictionary<string, string>(), effectiveAt);
}
