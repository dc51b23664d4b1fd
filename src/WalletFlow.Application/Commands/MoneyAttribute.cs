using System.Reflection;

namespace WalletFlow.Application.Commands;

/// <summary>
/// Marks a request or data property holding an amount in its currency's decimal form (<c>"12.50"</c>) and names the
/// property holding that currency. REST carries such amounts as they are; gRPC carries them as integer minor units
/// next to the currency code, converted through this mark, so both fronts share one request record.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MoneyAttribute(string currencyProperty) : Attribute
{
    public string CurrencyProperty { get; } = currencyProperty;

    /// <summary>The money properties of a record and the currency property of each, in declaration order.</summary>
    public static IReadOnlyList<(PropertyInfo Amount, PropertyInfo Currency)> Of(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return
        [
            .. type.GetProperties()
                .Select(property => (Property: property, Mark: property.GetCustomAttribute<MoneyAttribute>()))
                .Where(marked => marked.Mark is not null)
                .Select(marked => (marked.Property, type.GetProperty(marked.Mark!.CurrencyProperty)
                    ?? throw new InvalidOperationException($"{type.Name}.{marked.Property.Name} names {marked.Mark.CurrencyProperty} as its currency, which {type.Name} does not have."))),
        ];
    }
}
