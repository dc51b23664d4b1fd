using System.Text.Json;
using System.Text.Json.Nodes;
using WalletFlow.Domain.Errors;

namespace WalletFlow.Ledger.Formance;

/// <summary>
/// The part of Formance's v2 query language that WalletFlow's queries need: equality matches
/// (<c>{"$match": {"address": "wallets:"}}</c>, <c>{"$match": {"metadata[kind]": "fee"}}</c>) joined by <c>$and</c>.
/// The adapter writes it (as the body of a GET, which every v2 version reads); the surface reads it back, from the
/// body or the <c>query</c> parameter, and refuses what it does not support rather than ignoring it.
/// </summary>
public static class FormanceFilter
{
    private const string MetadataPrefix = "metadata[";

    public static JsonObject? ForAccounts(AccountQuery query) =>
        Combine(Matches(("address", query.Address)).Concat(MetadataMatches(query.Metadata)));

    public static JsonObject? ForTransactions(TransactionQuery query) =>
        Combine(Matches(("account", query.Account), ("reference", query.Reference)).Concat(MetadataMatches(query.Metadata)));

    /// <summary>Volumes are filtered on <c>account</c> (Formance's alias of <c>address</c> there) and on <c>asset</c>.</summary>
    public static JsonObject? ForVolumes(VolumesQuery query) => Combine(Matches(("account", query.Account), ("asset", query.Asset)));

    public static JsonObject? ForAddress(string? addressPattern) => Combine(Matches(("address", addressPattern)));

    public static JsonObject ForMetadata(string key, string value) => Match($"{MetadataPrefix}{key}]", value);

    /// <summary>The equality matches of a filter, in order; metadata matches come back as <c>metadata[key]</c>.</summary>
    public static Result<IReadOnlyList<KeyValuePair<string, string>>> Parse(string json)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException exception)
        {
            return Error.Validation($"The query is not valid JSON: {exception.Message}", "query");
        }

        var matches = new List<KeyValuePair<string, string>>();
        var error = Collect(root, matches);
        return error is null ? matches : error;
    }

    /// <summary>The key of a <c>metadata[key]</c> property, or null for any other property.</summary>
    public static string? MetadataKey(string property) =>
        property.StartsWith(MetadataPrefix, StringComparison.Ordinal) && property.EndsWith(']') && property.Length > MetadataPrefix.Length + 1
            ? property[MetadataPrefix.Length..^1]
            : null;

    private static Error? Collect(JsonNode? node, List<KeyValuePair<string, string>> matches)
    {
        if (node is not JsonObject { Count: 1 } clause)
        {
            return Error.Validation("A query is one object with one operator: $match or $and.", "query");
        }

        var (operation, operand) = clause.First();
        switch (operation)
        {
            case "$and" when operand is JsonArray clauses:
                foreach (var inner in clauses)
                {
                    if (Collect(inner, matches) is { } error)
                    {
                        return error;
                    }
                }

                return null;
            case "$match" when operand is JsonObject { Count: 1 } match:
                var (property, value) = match.First();
                if (value is not JsonValue scalar || scalar.GetValueKind() != JsonValueKind.String)
                {
                    return Error.Validation($"The $match on '{property}' must compare with a string.", "query");
                }

                matches.Add(new(property, scalar.GetValue<string>()));
                return null;
            default:
                return Error.Validation($"Unsupported query operator '{operation}': only $match (on one property) and $and are supported.", "query");
        }
    }

    private static IEnumerable<JsonObject> Matches(params (string Property, string? Value)[] candidates) =>
        candidates.Where(candidate => !string.IsNullOrEmpty(candidate.Value)).Select(candidate => Match(candidate.Property, candidate.Value!));

    private static IEnumerable<JsonObject> MetadataMatches(IReadOnlyDictionary<string, string> metadata) =>
        metadata.OrderBy(entry => entry.Key, StringComparer.Ordinal).Select(entry => ForMetadata(entry.Key, entry.Value));

    private static JsonObject Match(string property, string value) => new() { ["$match"] = new JsonObject { [property] = value } };

    private static JsonObject? Combine(IEnumerable<JsonObject> clauses)
    {
        var all = clauses.ToList();
        return all.Count switch
        {
            0 => null,
            1 => all[0],
            _ => new JsonObject { ["$and"] = new JsonArray([.. all]) },
        };
    }
}
