using System.Globalization;
using System.Text.RegularExpressions;
using WalletFlow.Domain.Errors;
using WalletFlow.Domain.Ids;
using WalletFlow.Domain.Money;
using MoneyValue = WalletFlow.Domain.Money.Money;

namespace WalletFlow.Application.Commands;

/// <summary>
/// Reads a request's fields into domain values and collects every field error, so a form can show them all at once.
/// A read that fails returns a default the handler must not use: check <see cref="Failed"/> before planning.
/// The aggregate error carries the first error's code and message, and lists them all in <see cref="Error.Details"/>.
/// Lengths and characters were checked at the edge (<see cref="RequestText"/>) before a handler runs.
/// </summary>
public sealed partial class RequestValidator
{
    private readonly List<Error> _errors = [];

    public T Read<T>(Result<T> result, string field)
    {
        if (result.TryGetValue(out var value, out var error))
        {
            return value;
        }

        _errors.Add(error with { Field = field });
        return default!;
    }

    public WalletId Wallet(string? text, string field) => Read(WalletId.Parse(text), field);

    public HoldId Hold(string? text, string field) => Read(HoldId.Parse(text), field);

    public BankId Bank(string? text, string field) => Read(BankId.Parse(text), field);

    public Currency Currency(string? code, string field) => Read(Domain.Money.Currency.Find(code), field);

    /// <summary>
    /// A strictly positive amount in the currency's decimal form ("12.50"): every template leg must move something,
    /// because Numscript drops a zero posting and a multi-leg template would then give one side away for nothing.
    /// </summary>
    public MoneyValue Amount(string? amount, Currency? currency, string field)
    {
        if (currency is null)
        {
            return default;
        }

        var money = Read(MoneyValue.Parse(amount, currency), field);
        if (money.Currency is not null && money.Minor <= 0)
        {
            _errors.Add(new Error(ErrorCodes.InvalidAmount, $"The {field} must be greater than zero.", field));
        }

        return money;
    }

    public string Required(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            _errors.Add(Error.Validation($"The {field} is required.", field));
            return string.Empty;
        }

        return text.Trim();
    }

    /// <summary>An ISO 8601 point in time; one without an offset is read as UTC.</summary>
    public DateTimeOffset Timestamp(string text, string field) =>
        Read<DateTimeOffset>(
            DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
                ? value
                : Error.Validation($"'{text}' is not a timestamp: send ISO 8601, such as 2026-12-01T00:00:00Z."),
            field);

    /// <summary>Optional text: blank is absent.</summary>
    public static string? Optional(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>
    /// A payment provider's name, which becomes a feature-flag scope and ledger metadata: a lowercase slug like the
    /// other human-chosen ids (bank, counterparty), so "Wise" and "wise" can never be two scopes.
    /// </summary>
    public string? Provider(string? text, string field, bool required)
    {
        if (string.IsNullOrEmpty(text) && !required)
        {
            return null;
        }

        Check(text is not null && IsProvider(text), field, $"The {field} must be a provider's id: 1 to {RequestText.MaxCodeLength} lowercase letters and digits, words joined by single '-' or '_' (e.g. wise, stripe_payouts-eu).");
        return text ?? string.Empty;
    }

    public static bool IsProvider(string text) => text.Length <= RequestText.MaxCodeLength && ProviderShape().IsMatch(text);

    public T Choice<T>(string? text, string field)
        where T : struct, Enum
    {
        var names = Enum.GetNames<T>().Select(ToSnakeCase).ToArray();
        var index = Array.IndexOf(names, text);
        if (index < 0)
        {
            _errors.Add(Error.Validation($"The {field} must be one of: {string.Join(", ", names)}.", field));
            return default;
        }

        return Enum.GetValues<T>()[index];
    }

    public void Check(bool condition, string field, string message, string code = ErrorCodes.Validation)
    {
        if (!condition)
        {
            _errors.Add(new Error(code, message, field));
        }
    }

    public bool Failed(out Error error)
    {
        error = _errors.Count == 0 ? null! : _errors[0] with { Details = [.. _errors] };
        return _errors.Count > 0;
    }

    public static string ToSnakeCase(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "_" : string.Empty) + char.ToLower(c, CultureInfo.InvariantCulture) : c.ToString()));

    // The slug grammar of WalletFlow's other human-chosen ids. \z, not $: in .NET $ also matches before a trailing newline.
    [GeneratedRegex("^[a-z0-9]+(?:[-_][a-z0-9]+)*\\z", RegexOptions.CultureInvariant)]
    private static partial Regex ProviderShape();
}
