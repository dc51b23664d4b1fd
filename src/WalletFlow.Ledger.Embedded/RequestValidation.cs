using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using WalletFlow.Domain.Errors;
using WalletFlow.Domain.Text;
using WalletFlow.Ledger.Numscript;
using WalletFlow.Ledger.Numscript.Runtime;

namespace WalletFlow.Ledger.Embedded;

/// <summary>Checks a request before it touches the database: a bad one is rejected with the field at fault and writes nothing.</summary>
internal static class RequestValidation
{
    private const int MaxReferenceLength = 256;
    private const int MaxIdempotencyKeyLength = 256;

    /// <summary>
    /// Parsed programs by source text: templates are few and are posted again and again. Scripts also arrive from
    /// callers (the Formance surface), so the cache stops growing at <see cref="MaxCachedPrograms"/>; beyond it a
    /// script is parsed on each post.
    /// </summary>
    private static readonly ConcurrentDictionary<string, Result<NumscriptProgram>> Programs = new(StringComparer.Ordinal);

    private const int MaxCachedPrograms = 1_024;

    public static Result<ValidatedRequest> Validate(TransactionRequest request, long? revertsTransactionId = null)
    {
        if (request.Postings is null == request.Script is null)
        {
            return Error.Validation("A transaction has exactly one of postings or a script.", request.Postings is null ? "postings" : "script");
        }

        if (request.Reference is { } reference && (reference.Length == 0 || reference.Length > MaxReferenceLength))
        {
            return Error.Validation($"A reference is 1 to {MaxReferenceLength} characters.", "reference");
        }

        if (request.IdempotencyKey is { } key && (key.Length == 0 || key.Length > MaxIdempotencyKeyLength))
        {
            return Error.Validation($"An idempotency key is 1 to {MaxIdempotencyKeyLength} characters.", "idempotencyKey");
        }

        if (request.Metadata.Keys.FirstOrDefault(string.IsNullOrEmpty) is not null)
        {
            return Error.Validation("Metadata keys cannot be empty.", "metadata");
        }

        if (Unstorable(request) is { } unstorable)
        {
            return unstorable;
        }

        NumscriptProgram? program = null;
        if (request.Script is { } script)
        {
            var parsed = ParseCached(script.Plain);
            if (!parsed.IsSuccess)
            {
                return parsed.Error;
            }

            program = parsed.Value;
        }
        else if (ValidatePostings(request.Postings!) is { } invalid)
        {
            return invalid;
        }

        return new ValidatedRequest(request, request.Postings, program, request.IdempotencyKey is null ? null : Hash(request, revertsTransactionId), revertsTransactionId);
    }

    /// <summary>Text Postgres cannot store (a NUL character, an unpaired surrogate) is refused before it reaches a statement.</summary>
    public static Error? Unstorable(string? text, string field) =>
        text is null || (!text.Contains('\0', StringComparison.Ordinal) && UnicodeText.IsWellFormed(text))
            ? null
            : Error.Validation($"The {field} holds a NUL character or an unpaired surrogate, which the ledger cannot store.", field);

    private static Error? Unstorable(TransactionRequest request) =>
        Unstorable(request.Reference, "reference")
        ?? Unstorable(request.IdempotencyKey, "idempotencyKey")
        ?? request.Metadata.Select(pair => Unstorable(pair.Key, "metadata") ?? Unstorable(pair.Value, "metadata")).FirstOrDefault(error => error is not null)
        ?? request.Script?.Vars.Select(pair => Unstorable(pair.Value, "vars")).FirstOrDefault(error => error is not null)
        ?? (request.Script is { } script ? Unstorable(script.Plain, "script") : null);

    private static Error? ValidatePostings(IReadOnlyList<Posting> postings)
    {
        if (postings.Count == 0)
        {
            return new Error(ErrorCodes.NoPostings, "A transaction needs at least one posting.", "postings");
        }

        for (var i = 0; i < postings.Count; i++)
        {
            var posting = postings[i];
            var field = $"postings[{i}]";
            if (!LedgerNames.IsValidAccount(posting.Source))
            {
                return new Error(ErrorCodes.InvalidAddress, $"'{posting.Source}' is not a valid account address.", $"{field}.source");
            }

            if (!LedgerNames.IsValidAccount(posting.Destination))
            {
                return new Error(ErrorCodes.InvalidAddress, $"'{posting.Destination}' is not a valid account address.", $"{field}.destination");
            }

            if (!LedgerNames.IsValidAsset(posting.Asset))
            {
                return new Error(ErrorCodes.InvalidAsset, $"'{posting.Asset}' is not a valid asset (Formance notation, e.g. USD/2).", $"{field}.asset");
            }

            if (posting.Amount.Sign < 0)
            {
                return new Error(ErrorCodes.InvalidAmount, $"A posting's amount cannot be negative ({posting.Amount}).", $"{field}.amount");
            }
        }

        return null;
    }

    private static Result<NumscriptProgram> ParseCached(string plain)
    {
        if (Programs.TryGetValue(plain, out var cached))
        {
            return cached;
        }

        var parsed = NumscriptProgram.Parse(plain);
        if (Programs.Count < MaxCachedPrograms)
        {
            Programs.TryAdd(plain, parsed);
        }

        return parsed;
    }

    /// <summary>A canonical digest of everything that defines the request, so a key reused for anything else is caught.</summary>
    private static byte[] Hash(TransactionRequest request, long? revertsTransactionId)
    {
        var text = new StringBuilder();
        if (request.Postings is { } postings)
        {
            foreach (var posting in postings)
            {
                text.Append("p\0").Append(posting.Source).Append('\0').Append(posting.Destination).Append('\0').Append(posting.Asset).Append('\0').Append(posting.Amount).Append('\n');
            }
        }

        if (request.Script is { } script)
        {
            text.Append("s\0").Append(script.Plain).Append('\n');
            foreach (var (name, value) in script.Vars.OrderBy(pair => pair.Key, StringComparer.Ordinal))
            {
                text.Append("v\0").Append(name).Append('\0').Append(value).Append('\n');
            }
        }

        foreach (var (name, value) in request.Metadata.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            text.Append("m\0").Append(name).Append('\0').Append(value).Append('\n');
        }

        text.Append("r\0").Append(request.Reference).Append('\n')
            .Append("t\0").Append(request.Timestamp?.UtcTicks).Append('\n')
            .Append("f\0").Append(request.Force).Append('\n')
            .Append("x\0").Append(revertsTransactionId).Append('\n');
        return SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
    }
}
