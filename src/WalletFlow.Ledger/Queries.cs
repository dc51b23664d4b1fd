namespace WalletFlow.Ledger;

/// <summary>
/// Which accounts to list. <see cref="Address"/> is an exact address, or a pattern in Formance's style where a
/// segment may be empty to match any segment (<c>wallets::available</c>), or ends with <c>:</c>… as a prefix
/// (<c>wallets:</c> matches every address under wallets). <see cref="Metadata"/> entries must all match.
/// </summary>
public sealed record AccountQuery
{
    public string? Address { get; init; }

    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

    public DateTimeOffset? AsOf { get; init; }

    public int PageSize { get; init; } = 15;

    public string? Cursor { get; init; }
}

/// <summary>Which transactions to list, newest first. <see cref="Account"/> uses the same patterns as <see cref="AccountQuery.Address"/>.</summary>
public sealed record TransactionQuery
{
    public string? Account { get; init; }

    public string? Reference { get; init; }

    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

    public int PageSize { get; init; } = 15;

    public string? Cursor { get; init; }
}

/// <summary>One page of a listing; <see cref="Next"/> is an opaque cursor for the following page, null on the last.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int PageSize, bool HasMore, string? Previous, string? Next);

/// <summary>Which ledgers to list, by name in ordinal order.</summary>
public sealed record LedgerQuery
{
    public int PageSize { get; init; } = 15;

    public string? Cursor { get; init; }
}

/// <summary>
/// Which volumes to list (<see cref="ILedger.ListVolumesAsync"/>). <see cref="Account"/> uses the patterns of
/// <see cref="AccountQuery.Address"/>; <see cref="Asset"/> is one asset, exactly. <see cref="StartTime"/> and
/// <see cref="EndTime"/> bound a half-open window [start, end): either may be absent (unbounded on that side).
/// <see cref="InsertionDate"/> windows by when each transaction was written instead of its effective date.
/// <see cref="GroupBy"/>, when above zero, sums the rows of addresses that share their first N segments (an address
/// with fewer segments stays whole).
/// </summary>
public sealed record VolumesQuery
{
    public string? Account { get; init; }

    public string? Asset { get; init; }

    public DateTimeOffset? StartTime { get; init; }

    public DateTimeOffset? EndTime { get; init; }

    public bool InsertionDate { get; init; }

    public int GroupBy { get; init; }

    public int PageSize { get; init; } = 15;

    public string? Cursor { get; init; }

    /// <summary>Whether the query reads a window of the postings rather than the volumes as they are now.</summary>
    public bool IsWindowed => StartTime is not null || EndTime is not null;
}
