using System.Text.RegularExpressions;
using WalletFlow.Domain.Errors;

namespace WalletFlow.Domain.Templates;

/// <summary>
/// Reads what the catalog needs from a template's text: the header comment, the <c>vars { }</c> block, the
/// <c>@account</c> literals and the <c>event_type</c> metadata. It is not a Numscript parser (the ledger has one);
/// it only holds the templates to their own documentation, so a variable cannot be added or renamed without the
/// header saying what may be passed in it.
/// </summary>
internal static partial class TemplateReader
{
    private const string CommentPrefix = "//";
    private const string VariablesHeading = "Variables:";

    public static Result<NumscriptTemplate> Read(string name, string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var header = lines.TakeWhile(line => line.StartsWith(CommentPrefix, StringComparison.Ordinal))
            .Select(line => line[CommentPrefix.Length..].Trim())
            .ToList();
        var body = lines.Skip(header.Count).ToList();

        var headingIndex = header.IndexOf(VariablesHeading);
        var description = string.Join(' ', header.Take(headingIndex < 0 ? header.Count : headingIndex).Where(line => line.Length > 0));
        if (description.Length == 0)
        {
            return Invalid(name, "its header comment does not say what it does");
        }

        var documented = new Dictionary<string, TemplateVariable>(StringComparer.Ordinal);
        foreach (var line in headingIndex < 0 ? [] : header.Skip(headingIndex + 1))
        {
            var match = DocumentedVariable().Match(line);
            if (!match.Success)
            {
                return Invalid(name, $"the header line '{line}' is not '$name type [patterns]: description'");
            }

            var patterns = match.Groups["patterns"].Value.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            documented[match.Groups["name"].Value] = new TemplateVariable(
                match.Groups["name"].Value, match.Groups["type"].Value, patterns, match.Groups["description"].Value);
        }

        var declared = ReadVarsBlock(body);
        if (!declared.TryGetValue(out var declarations, out var varsError))
        {
            return Invalid(name, varsError.Message);
        }

        var variables = new List<TemplateVariable>();
        foreach (var (variableName, type) in declarations)
        {
            if (!documented.Remove(variableName, out var doc) || doc.Type != type)
            {
                return Invalid(name, $"${variableName} ({type}) is declared but not documented as such in the header");
            }

            if (type == "account" && doc.AccountPatterns.Count == 0)
            {
                return Invalid(name, $"the header does not say which accounts ${variableName} takes");
            }

            variables.Add(doc);
        }

        if (documented.Count > 0)
        {
            return Invalid(name, $"the header documents ${documented.Keys.First()}, which vars {{ }} does not declare");
        }

        var eventType = EventTypeMetadata().Match(string.Join('\n', body));
        if (!eventType.Success)
        {
            return Invalid(name, "it does not set the event_type transaction metadata");
        }

        var literals = body.SelectMany(line => AccountLiteral().Matches(line).Select(m => m.Value[1..])).Distinct().ToList();
        return new NumscriptTemplate(name, text, description, variables, literals, eventType.Groups["type"].Value);
    }

    private static Result<List<(string Name, string Type)>> ReadVarsBlock(List<string> body)
    {
        var start = body.FindIndex(line => line.Trim() == "vars {");
        var end = start < 0 ? -1 : body.FindIndex(start, line => line.Trim() == "}");
        if (end < 0)
        {
            return new Error(ErrorCodes.Validation, "it has no complete vars { } block");
        }

        var declarations = new List<(string, string)>();
        foreach (var line in body.Skip(start + 1).Take(end - start - 1).Select(l => l.Trim()).Where(l => l.Length > 0))
        {
            var match = Declaration().Match(line);
            if (!match.Success)
            {
                return new Error(ErrorCodes.Validation, $"'{line}' in vars {{ }} is not 'type $name'");
            }

            declarations.Add((match.Groups["name"].Value, match.Groups["type"].Value));
        }

        return declarations;
    }

    private static Error Invalid(string name, string reason) =>
        new(ErrorCodes.Validation, $"Template {name} is malformed: {reason}.");

    [GeneratedRegex(@"^\$(?<name>[a-z_][a-z0-9_]*)\s+(?<type>account|monetary|string|number|portion|asset)(?:\s+(?<patterns>[^ ][^\n]*?))?:\s(?<description>.+)\z", RegexOptions.CultureInvariant)]
    private static partial Regex DocumentedVariable();

    [GeneratedRegex(@"^(?<type>account|monetary|string|number|portion|asset)\s+\$(?<name>[a-z_][a-z0-9_]*)\z", RegexOptions.CultureInvariant)]
    private static partial Regex Declaration();

    [GeneratedRegex(@"set_tx_meta\(""event_type"",\s*""(?<type>[a-z_]+)""\)", RegexOptions.CultureInvariant)]
    private static partial Regex EventTypeMetadata();

    [GeneratedRegex("@[a-zA-Z0-9_-]+(?::[a-zA-Z0-9_-]+)*", RegexOptions.CultureInvariant)]
    private static partial Regex AccountLiteral();
}
