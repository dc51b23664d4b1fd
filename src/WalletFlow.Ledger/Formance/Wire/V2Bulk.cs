using System.Text.Json;
using System.Text.Json.Serialization;

namespace WalletFlow.Ledger.Formance.Wire;

// Formance ledger v2's bulk shapes (openapi/v2.yaml: V2BulkElement*, V2BulkElementResult, V2BulkResponse). Inbound
// fields are nullable so that a missing one is named in the refusal.

/// <summary>One element: <see cref="Action"/> says how to read <see cref="Data"/>; <see cref="Ik"/> is its idempotency key.</summary>
public sealed record V2BulkElement(string? Action, JsonElement? Data, string? Ik = null);

/// <summary>The data of a <c>REVERT_TRANSACTION</c> element.</summary>
public sealed record V2BulkRevert(long? Id, bool? Force = null, bool? AtEffectiveDate = null, IReadOnlyDictionary<string, string>? Metadata = null);

/// <summary>The data of an <c>ADD_METADATA</c> (<see cref="Metadata"/>) or <c>DELETE_METADATA</c> (<see cref="Key"/>) element; the target id is an address or a transaction id.</summary>
public sealed record V2BulkMetadata(string? TargetType, JsonElement? TargetId, IReadOnlyDictionary<string, string>? Metadata = null, string? Key = null);

/// <summary>
/// One element's answer: <see cref="ResponseType"/> is its action, or <c>ERROR</c> with the error fields.
/// <see cref="LogId"/> numbers Formance's log entry; WalletFlow's ledger keeps no log and answers 0.
/// </summary>
public sealed record V2BulkElementResult
{
    public required string ResponseType { get; init; }

    public V2Transaction? Data { get; init; }

    [JsonPropertyName("logID")]
    public long LogId { get; init; }

    public string? ErrorCode { get; init; }

    public string? ErrorDescription { get; init; }

    public string? ErrorDetails { get; init; }
}

/// <summary>The answer to a bulk: every element's result, or an error about the bulk as a whole.</summary>
public sealed record V2BulkResponse(IReadOnlyList<V2BulkElementResult>? Data, string? ErrorCode = null, string? ErrorMessage = null);
