using System.Buffers.Text;
using System.Text.Json;
using WalletFlow.Domain.Errors;
using WalletFlow.Ledger;

namespace WalletFlow.Api.Ledger;

/// <summary>
/// The cursors the surface hands out. Formance's clients send a cursor alone ("no other parameters can be set when
/// this parameter is set"), so a cursor carries the whole listing it continues: the filters, the point in time,
/// what to expand, the page size, and the ledger's own cursor. It is base64url JSON: opaque to clients, readable in
/// a log when something goes wrong. A cursor that does not decode is a VALIDATION error, never a fresh first page.
/// </summary>
internal sealed record LedgerApiCursor
{
    public string? Address { get; init; }

    public string? Account { get; init; }

    public string? Reference { get; init; }

    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

    public DateTimeOffset? AsOf { get; init; }

    public string? Asset { get; init; }

    public DateTimeOffset? StartTime { get; init; }

    /// <summary>The port's end, excluded (Formance's <c>endTime</c> is included).</summary>
    public DateTimeOffset? EndTime { get; init; }

    public bool InsertionDate { get; init; }

    public int GroupBy { get; init; }

    public bool ExpandVolumes { get; init; }

    public bool ExpandEffectiveVolumes { get; init; }

    public required int PageSize { get; init; }

    /// <summary>The ledger's own cursor for the page this one points at.</summary>
    public required string Position { get; init; }

    /// <summary>The ledger's cursor, null for a first page.</summary>
    private string? PortCursor => Position.Length > 0 ? Position : null;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Encode() => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(this, Json));

    /// <summary>This listing's cursor at another position, or null when the ledger has no page there.</summary>
    public string? At(string? position) => position is null ? null : (this with { Position = position }).Encode();

    public static Result<LedgerApiCursor> Decode(string cursor)
    {
        try
        {
            return JsonSerializer.Deserialize<LedgerApiCursor>(Base64Url.DecodeFromChars(cursor), Json) is { Position.Length: > 0, PageSize: > 0 } decoded
                ? decoded
                : Invalid();
        }
        catch (FormatException)
        {
            return Invalid();
        }
        catch (JsonException)
        {
            return Invalid();
        }
    }

    public AccountQuery ToAccountQuery() => new()
    {
        Address = Address,
        Metadata = Metadata,
        AsOf = AsOf,
        PageSize = PageSize,
        Cursor = PortCursor,
    };

    public TransactionQuery ToTransactionQuery() => new()
    {
        Account = Account,
        Reference = Reference,
        Metadata = Metadata,
        PageSize = PageSize,
        Cursor = PortCursor,
    };

    public LedgerQuery ToLedgerQuery() => new() { PageSize = PageSize, Cursor = PortCursor };

    public VolumesQuery ToVolumesQuery() => new()
    {
        Account = Account,
        Asset = Asset,
        StartTime = StartTime,
        EndTime = EndTime,
        InsertionDate = InsertionDate,
        GroupBy = GroupBy,
        PageSize = PageSize,
        Cursor = PortCursor,
    };

    private static Error Invalid() => Error.Validation("Invalid 'cursor' query param: pass back a cursor exactly as a listing returned it.", "cursor");
}
