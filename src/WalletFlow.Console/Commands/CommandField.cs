using System.Collections.Concurrent;
using System.Reflection;
using System.Text;
using System.Text.Json;
using WalletFlow.Application.Commands;

namespace WalletFlow.Console.Commands;

/// <summary>One input of a command's form: a property of its request record, under the JSON name REST uses for it.</summary>
public sealed record CommandField(string Name, string Label, bool IsSwitch, string? Hint, IReadOnlyList<string> Choices, string? Placeholder)
{
    private static readonly ConcurrentDictionary<Type, IReadOnlyList<CommandField>> Cache = new();

    /// <summary>
    /// The fields of <paramref name="command"/>'s form, in the order of its request record's constructor. Nothing here
    /// names a command: a new registry entry gets its form from its request type alone.
    /// </summary>
    public static IReadOnlyList<CommandField> Of(CommandDescriptor command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return Cache.GetOrAdd(command.RequestType, static type =>
        {
            var constructor = type.GetConstructors(BindingFlags.Public | BindingFlags.Instance).MaxBy(candidate => candidate.GetParameters().Length)
                ?? throw new InvalidOperationException($"{type.Name} has no public constructor.");
            return [.. constructor.GetParameters().Select(parameter => Create(parameter.Name!, parameter.ParameterType))];
        });
    }

    private static CommandField Create(string property, Type type)
    {
        var name = JsonNamingPolicy.CamelCase.ConvertName(property);
        var isSwitch = (Nullable.GetUnderlyingType(type) ?? type) == typeof(bool);
        var (hint, choices, placeholder) = FieldHints.For(name);
        return new CommandField(name, LabelOf(property), isSwitch, hint, choices, placeholder);
    }

    /// <summary>Words a label keeps in capitals.</summary>
    private static readonly HashSet<string> Acronyms = new(StringComparer.Ordinal) { "Url" };

    /// <summary><c>SourceWalletId</c> → "Source wallet", <c>Url</c> → "URL": words of the property name, a trailing "Id" dropped.</summary>
    public static string LabelOf(string property)
    {
        ArgumentNullException.ThrowIfNull(property);
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var c in property)
        {
            if (char.IsUpper(c) && word.Length > 0)
            {
                words.Add(word.ToString());
                word.Clear();
            }

            word.Append(c);
        }

        words.Add(word.ToString());
        if (words.Count > 1 && words[^1] == "Id")
        {
            words.RemoveAt(words.Count - 1);
        }

        var text = string.Join(' ', words.Select(each => Acronyms.Contains(each) ? each.ToUpperInvariant() : each.ToLowerInvariant()));
        return char.ToUpperInvariant(text[0]) + text[1..];
    }
}

/// <summary>
/// Hints for fields by name, wherever they appear. A field without one is still a plain text input, so a new
/// command needs no entry here; the choices mirror the validators' own lists (snake_case enum names).
/// </summary>
internal static class FieldHints
{
    public static (string? Hint, IReadOnlyList<string> Choices, string? Placeholder) For(string field) => field switch
    {
        "amount" or "sellAmount" => ("Major units, e.g. 1250.00", [], "0.00"),
        "currency" => ("ISO code", ["NGN", "USD", "EUR", "GBP", "KES", "GHS"], "NGN"),
        "walletId" or "sourceWalletId" or "destinationWalletId" or "sellWalletId" or "buyWalletId" => (null, [], "wal_…"),
        "holdId" => (null, [], "hold_…"),
        "transactionId" => ("A WalletFlow transaction id", [], "wtx_…"),
        "quoteId" => (null, [], "fxq_…"),
        "endpointId" => (null, [], "whe_…"),
        "deliveryId" => (null, [], "whd_…"),
        "url" => ("The partner's https address the events are posted to", [], "https://…"),
        "eventTypes" => ("Comma-separated, such as transfer.completed; empty: every event", [], null),
        "direction" => ("credit or debit", ["credit", "debit"], null),
        "purpose" => ("treasury or fx_position", ["treasury", "fx_position"], null),
        "scopeType" => ("global, merchant, currency or provider", ["global", "merchant", "currency", "provider"], null),
        "scopeValue" => ("* for global; else the merchant, currency or provider", [], "*"),
        "flag" => (null, ["core_wallet_enabled"], "core_wallet_enabled"),
        "assetKind" => ("Where the value sits", ["bank", "gps_pool", "stablecoin", "counterparty"], null),
        "claimKind" => ("Whose it is", ["wallet", "wallet_reserve", "suspense", "opening_balance_equity", "fx_position"], null),
        "effectiveAt" => ("Optional, ISO 8601 (bi-temporal)", [], "2026-01-31T23:59:59Z"),
        "reason" => ("Kept for the audit trail", [], null),
        _ => (null, [], null),
    };
}
