using System.Collections;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using WalletFlow.Domain.Money;
using WalletFlow.Grains.Commands;

namespace WalletFlow.Api.Grpc.Commands;

/// <summary>
/// gRPC carries money as integer minor units next to a currency code; the records carry the currency's decimal form
/// (<see cref="MoneyAttribute"/>). These walk a record's JSON, nested records and lists included, and convert between
/// the two: <c>amountMinor: 1250, currency: USD</c> is <c>amount: "12.50"</c>. A record that already shows the minor
/// units beside the decimal form (<c>amountMinor</c>) keeps them, and gRPC shows only those.
/// </summary>
internal static class MoneyJson
{
    public const string MinorSuffix = "Minor";

    /// <summary>Request JSON from a message, into the record's decimal form. A value that cannot convert is left out, so the record's validation names it.</summary>
    public static void ToDecimal(JsonNode? node, Type type) => Walk(node, type, static (json, amount, currency, hasMinorSibling) =>
    {
        var minorName = amount + MinorSuffix;
        if (hasMinorSibling || json[minorName] is not { } minorNode)
        {
            return;
        }

        json.Remove(minorName);
        if (long.TryParse(minorNode.ToString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var minor)
            && json[currency]?.GetValueKind() == JsonValueKind.String
            && Currency.Find(json[currency]!.GetValue<string>()).TryGetValue(out var found, out _))
        {
            json[amount] = new Money(minor, found).ToDecimalString();
        }
    });

    /// <summary>Response JSON from a record, into the message's minor units.</summary>
    public static void ToMinor(JsonNode? node, Type type) => Walk(node, type, static (json, amount, currency, hasMinorSibling) =>
    {
        if (json[amount] is not { } decimalNode)
        {
            return;
        }

        json.Remove(amount);
        if (!hasMinorSibling)
        {
            var code = json[currency]?.GetValue<string>();
            json[amount + MinorSuffix] = Money.Parse(decimalNode.GetValue<string>(), code, AmountSign.Signed).Value.Minor;
        }
    });

    private static void Walk(JsonNode? node, Type type, Action<JsonObject, string, string, bool> convert)
    {
        switch (node)
        {
            case JsonArray array when ElementType(type) is { } element:
                foreach (var item in array)
                {
                    Walk(item, element, convert);
                }

                break;
            case JsonObject json:
                foreach (var (amount, currency) in MoneyAttribute.Of(type))
                {
                    convert(json, Name(amount.Name), Name(currency.Name), type.GetProperty(amount.Name + MinorSuffix) is not null);
                }

                foreach (var property in type.GetProperties().Where(property => IsNested(property.PropertyType)))
                {
                    Walk(json[Name(property.Name)], property.PropertyType, convert);
                }

                break;
        }
    }

    private static bool IsNested(Type type) =>
        type != typeof(string) && type != typeof(JsonElement) && (type.IsClass || type.IsInterface) && (ElementType(type) is not null || !typeof(IEnumerable).IsAssignableFrom(type));

    private static Type? ElementType(Type type) =>
        type.IsGenericType && type.GetGenericArguments() is [var element] && typeof(IEnumerable).IsAssignableFrom(type) ? element : null;

    private static string Name(string property) => JsonNamingPolicy.CamelCase.ConvertName(property);
}
