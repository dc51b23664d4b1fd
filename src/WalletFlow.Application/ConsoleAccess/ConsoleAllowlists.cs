using System.Text.RegularExpressions;
using WalletFlow.Domain.Errors;

namespace WalletFlow.Application.ConsoleAccess;

/// <summary>What a person signed in by email may do in the console.</summary>
public enum ConsoleRole
{
    Operator,
    Admin,
}

/// <summary>Where the lists in force come from: the environment's seed until an admin saves lists on Settings.</summary>
public enum AllowlistSource
{
    Environment,
    Saved,
}

/// <summary>The console's two email lists: who may sign in as an operator, and who as an admin (an admin is implicitly allowed).</summary>
public sealed record ConsoleAllowlists(IReadOnlyList<string> Allowed, IReadOnlyList<string> Admins, AllowlistSource Source, string? SavedBy = null, DateTimeOffset? SavedAt = null)
{
    public bool IsEmpty => Allowed.Count == 0 && Admins.Count == 0;
}

/// <summary>The lists an admin saved on Settings; once saved they replace the environment's seed, even when empty.</summary>
public sealed record SavedAllowlists(IReadOnlyList<string> Allowed, IReadOnlyList<string> Admins, string SavedBy, DateTimeOffset SavedAt);

/// <summary>
/// The environment's lists (<c>OPS_ALLOWED_EMAILS</c>, <c>OPS_ADMIN_EMAILS</c>) and what empty lists mean there:
/// anyone as an operator in Development, nobody anywhere else.
/// </summary>
public sealed record AllowlistPolicy(IReadOnlyList<string> SeedAllowed, IReadOnlyList<string> SeedAdmins, bool OpenWhenEmpty);

/// <summary>Who is saving the lists: the email they signed in with, or null for a token, bearer or open-mode admin.</summary>
public sealed record AllowlistEditor(string Name, string? SignedInEmail);

/// <summary>The port that keeps the saved lists; WalletFlow.Persistence implements it over Postgres.</summary>
public interface IConsoleAllowlistStore
{
    /// <summary>The saved lists, or null while nobody has saved any.</summary>
    Task<SavedAllowlists?> ReadAsync(CancellationToken cancellationToken);

    /// <summary>Replaces both lists at once.</summary>
    Task SaveAsync(SavedAllowlists lists, CancellationToken cancellationToken);
}

/// <summary>The emails of the lists: compared in lower case, so <c>Ann@Example.com</c> and <c>ann@example.com</c> are one person.</summary>
public static partial class AllowlistEmails
{
    public const string AllowedField = "allowed";
    public const string AdminsField = "admins";

    /// <summary>An address's longest legal length (RFC 5321's path limit less its brackets).</summary>
    private const int MaxLength = 254;

    /// <summary>The entries of a list as a person types it: separated by commas, semicolons, spaces or new lines.</summary>
    public static IReadOnlyList<string> Split(string? text) =>
        (text ?? "").Split([',', ';', ' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static string Normalize(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        return email.Trim().ToLowerInvariant();
    }

    /// <summary>
    /// Every entry normalised, without duplicates, in order; or <see cref="ErrorCodes.EmailInvalid"/> naming the first
    /// entry that is not an address (and every other one in <see cref="Error.Details"/>).
    /// </summary>
    public static Result<IReadOnlyList<string>> Parse(IEnumerable<string> entries, string field)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var emails = new List<string>();
        var errors = new List<Error>();
        foreach (var entry in entries)
        {
            var email = Normalize(entry);
            if (email.Length > MaxLength || !Shape().IsMatch(email))
            {
                errors.Add(new Error(ErrorCodes.EmailInvalid, $"'{entry.Trim()}' in the {ListName(field)} is not an email address (name@domain.tld).", field));
            }
            else if (!emails.Contains(email, StringComparer.Ordinal))
            {
                emails.Add(email);
            }
        }

        return errors.Count == 0 ? Result<IReadOnlyList<string>>.Success(emails) : errors[0] with { Details = errors };
    }

    public static string ListName(string field) => field == AdminsField ? "admin list" : "allowed list";

    // One @, something on each side, a dot in the domain, nothing that separates entries or quotes a name. The same rule
    // is a check constraint of core.console_allowlist_emails.
    [GeneratedRegex(@"^[^@\s,;<>()""]+@[^@\s,;<>()""]+\.[^@\s,;<>()"".]+$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
