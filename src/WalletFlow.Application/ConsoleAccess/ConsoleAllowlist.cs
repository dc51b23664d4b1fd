using WalletFlow.Domain.Errors;

namespace WalletFlow.Application.ConsoleAccess;

/// <summary>
/// Who may sign in to the console by email, and as what: the Settings page and every sign-in and session check ask
/// here, never the store. The lists in force are read at most once per <see cref="CacheLifetime"/> per process, so a
/// page and its assets do not each cost a query, while a tightened list still locks sessions out within seconds.
/// </summary>
public sealed class ConsoleAllowlist(IConsoleAllowlistStore store, AllowlistPolicy policy, TimeProvider time)
{
    /// <summary>How stale the lists may be in one process: the longest a removed email keeps a session after a save elsewhere.</summary>
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(2);

    private Cached? _cached;

    public bool OpenWhenEmpty => policy.OpenWhenEmpty;

    /// <summary>The lists in force: the saved ones, or the environment's while none were saved.</summary>
    public async Task<ConsoleAllowlists> CurrentAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (Volatile.Read(ref _cached) is { } cached && cached.Until > now)
        {
            return cached.Lists;
        }

        var saved = await store.ReadAsync(cancellationToken);
        var lists = saved is null
            ? new ConsoleAllowlists(policy.SeedAllowed, policy.SeedAdmins, AllowlistSource.Environment)
            : new ConsoleAllowlists(saved.Allowed, saved.Admins, AllowlistSource.Saved, saved.SavedBy, saved.SavedAt);
        Volatile.Write(ref _cached, new Cached(lists, now + CacheLifetime));
        return lists;
    }

    /// <summary>The role <paramref name="email"/> signs in with, or <see cref="ErrorCodes.EmailNotAllowed"/>.</summary>
    public async Task<Result<ConsoleRole>> DecideAsync(string email, CancellationToken cancellationToken)
    {
        var lists = await CurrentAsync(cancellationToken);
        var normalized = AllowlistEmails.Normalize(email);
        if (lists.Admins.Contains(normalized, StringComparer.Ordinal))
        {
            return ConsoleRole.Admin;
        }

        return lists.Allowed.Contains(normalized, StringComparer.Ordinal) || (lists.IsEmpty && policy.OpenWhenEmpty)
            ? ConsoleRole.Operator
            : new Error(ErrorCodes.EmailNotAllowed, "This email is not on the console's allowlist.");
    }

    /// <summary>
    /// Replaces both lists, all or nothing: an entry that is not an email (<see cref="ErrorCodes.EmailInvalid"/>) or a
    /// change that takes the saving person's own admin access away (<see cref="ErrorCodes.SelfLockout"/>) saves nothing.
    /// </summary>
    public async Task<Result<ConsoleAllowlists>> SaveAsync(IEnumerable<string> allowed, IEnumerable<string> admins, AllowlistEditor editor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(editor);
        var allowedEmails = AllowlistEmails.Parse(allowed, AllowlistEmails.AllowedField);
        var adminEmails = AllowlistEmails.Parse(admins, AllowlistEmails.AdminsField);
        if (!allowedEmails.TryGetValue(out var allowedList, out var allowedError))
        {
            return allowedError;
        }

        if (!adminEmails.TryGetValue(out var adminList, out var adminError))
        {
            return adminError;
        }

        // Only a person signed in by email can lose access through the lists; a token or bearer admin cannot, and is the
        // way back in when the lists are wrong.
        if (editor.SignedInEmail is { } own && !adminList.Contains(AllowlistEmails.Normalize(own), StringComparer.Ordinal))
        {
            return new Error(ErrorCodes.SelfLockout,
                $"You are signed in as {own}: keep it on the admin list, or you would lose access to Settings. Another admin, or the operator token, can remove it.",
                AllowlistEmails.AdminsField);
        }

        await store.SaveAsync(new SavedAllowlists(allowedList, adminList, editor.Name, time.GetUtcNow()), cancellationToken);
        Volatile.Write(ref _cached, null);
        return await CurrentAsync(cancellationToken);
    }

    private sealed record Cached(ConsoleAllowlists Lists, DateTimeOffset Until);
}
