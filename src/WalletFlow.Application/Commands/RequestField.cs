using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;

namespace WalletFlow.Application.Commands;

/// <summary>
/// A field of a command's request record as every front sees it: its JSON name, whether it holds text or a switch,
/// and the marks that say whether a caller may leave it out, whether it is an amount, and which values it may take.
/// REST reads bodies, the edge checks text, and the OpenAPI document describes requests from this one list.
/// </summary>
public sealed record RequestField(string Name, PropertyInfo Property)
{
    private static readonly ConcurrentDictionary<Type, IReadOnlyList<RequestField>> Fields = new();

    /// <summary>A true/false field (a flag's enabled); every other field is text.</summary>
    public bool IsSwitch => Nullable.GetUnderlyingType(Property.PropertyType) == typeof(bool) || Property.PropertyType == typeof(bool);

    public bool IsOptional => Property.GetCustomAttribute<OptionalFieldAttribute>() is not null;

    /// <summary>An amount in its currency's decimal form ("12.50"): text, never a JSON number.</summary>
    public bool IsMoney => Property.GetCustomAttribute<MoneyAttribute>() is not null;

    /// <summary>The closed set of values the field takes, or null when it is open.</summary>
    public IReadOnlyList<string>? Choices => Property.GetCustomAttribute<ChoiceAttribute>()?.Values;

    /// <summary>The fields of a request record, in declaration order.</summary>
    public static IReadOnlyList<RequestField> Of(Type requestType)
    {
        ArgumentNullException.ThrowIfNull(requestType);
        return Fields.GetOrAdd(requestType, type =>
        [
            .. type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Select(property => new RequestField(JsonNamingPolicy.CamelCase.ConvertName(property.Name), property)),
        ]);
    }
}
