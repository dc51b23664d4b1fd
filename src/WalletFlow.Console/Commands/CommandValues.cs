using System.Collections.ObjectModel;

namespace WalletFlow.Console.Commands;

/// <summary>
/// What a command form holds as typed, by field name: a text as entered (empty is null), a switch as <c>"true"</c> or
/// null. It is what the form shows, what a confirmation lists, and what becomes the request.
/// </summary>
public sealed class CommandValues
{
    private readonly Dictionary<string, string?> _values = new(StringComparer.Ordinal);

    public void Fill(IReadOnlyDictionary<string, string?>? prefill)
    {
        foreach (var (name, value) in prefill ?? ReadOnlyDictionary<string, string?>.Empty)
        {
            _values[name] = value;
        }
    }

    public string? Value(CommandField field) => _values.GetValueOrDefault(field.Name);

    /// <summary>Keeps the value; says whether it differs from the one held.</summary>
    public bool Set(CommandField field, string? value)
    {
        var kept = string.IsNullOrEmpty(value) ? null : value;
        if (Value(field) == kept)
        {
            return false;
        }

        _values[field.Name] = kept;
        return true;
    }

    /// <summary>How a confirmation shows the value: a switch on or off, an empty text as a dash.</summary>
    public string Shown(CommandField field) =>
        field.IsSwitch ? (Value(field) == "true" ? "on" : "off") : Value(field) ?? "—";
}
