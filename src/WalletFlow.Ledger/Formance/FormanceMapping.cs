using System.Globalization;
using System.Text.Json;
using WalletFlow.Domain.Errors;
using WalletFlow.Ledger.Formance.Wire;
using WalletFlow.Ledger.Numscript.Runtime;

namespace WalletFlow.Ledger.Formance;

/// <summary>The port's records as Formance's wire shapes and back, for the adapter and the surface alike.</summary>
public static class FormanceMapping
{
    private static readonly IReadOnlyDictionary<string, string> NoMetadata = new Dictionary<string, string>();

    public static V2PostTransaction ToWire(TransactionRequest request) => new()
    {
        Timestamp = request.Timestamp,
        Postings = request.Postings?.Select(ToWire).ToList(),
        Script = request.Script is { } script
            ? new V2Script(script.Plain, script.Vars.ToDictionary(entry => entry.Key, entry => JsonSerializer.SerializeToElement(entry.Value, FormanceJson.Options)))
            : null,
        Reference = request.Reference,
        // Formance requires the field, even empty.
        Metadata = request.Metadata,
    };

    public static V2Posting ToWire(Posting posting) => new(posting.Source, posting.Destination, posting.Amount, posting.Asset);

    /// <summary>
    /// A transaction request as it arrived on the wire, checked the way Formance checks it before it reaches the
    /// ledger: exactly one of postings or script, every posting complete with a non-negative amount and valid
    /// account and asset names, variables given as strings (a number is taken as its digits).
    /// </summary>
    public static Result<TransactionRequest> ToPort(V2PostTransaction body, string? idempotencyKey, bool force)
    {
        if (body.AccountMetadata is { Count: > 0 })
        {
            return Error.Validation("accountMetadata is not supported: set account metadata with its own request.", "accountMetadata");
        }

        if (!string.IsNullOrEmpty(body.Script?.Template))
        {
            return Error.Validation("Stored Numscript templates are not supported: send the script's text in script.plain.", "script.template");
        }

        var hasPostings = body.Postings is { Count: > 0 };
        var hasScript = !string.IsNullOrEmpty(body.Script?.Plain);
        if (hasPostings && hasScript)
        {
            return Error.Validation("Pass either postings or a script, not both.", "postings");
        }

        if (!hasPostings && !hasScript)
        {
            return new Error(ErrorCodes.NoPostings, "Pass either a non-empty postings array or a Numscript script.", "postings");
        }

        var request = new TransactionRequest
        {
            Metadata = body.Metadata ?? NoMetadata,
            Reference = string.IsNullOrEmpty(body.Reference) ? null : body.Reference,
            IdempotencyKey = string.IsNullOrEmpty(idempotencyKey) ? null : idempotencyKey,
            Timestamp = body.Timestamp,
            Force = force || body.Force == true,
        };

        if (hasScript)
        {
            var vars = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (name, value) in body.Script!.Vars ?? new Dictionary<string, JsonElement>())
            {
                switch (value.ValueKind)
                {
                    case JsonValueKind.String:
                        vars[name] = value.GetString()!;
                        break;
                    case JsonValueKind.Number:
                        vars[name] = value.GetRawText();
                        break;
                    default:
                        return Error.Validation($"Variable '{name}' must be a string in Numscript's format (e.g. \"USD/2 100\", \"users:1\").", $"script.vars.{name}");
                }
            }

            return request with { Script = new NumscriptScript(body.Script.Plain!, vars) };
        }

        var postings = new List<Posting>(body.Postings!.Count);
        for (var index = 0; index < body.Postings.Count; index++)
        {
            var posting = ToPort(body.Postings[index], $"postings[{index}]");
            if (!posting.TryGetValue(out var value, out var error))
            {
                return error;
            }

            postings.Add(value);
        }

        return request with { Postings = postings };
    }

    public static LedgerTransaction ToPort(V2Transaction transaction, long? revertedBy)
    {
        var metadata = transaction.Metadata ?? NoMetadata;
        return new LedgerTransaction(
            transaction.Id,
            transaction.Postings.Select(posting => new Posting(posting.Source!, posting.Destination!, posting.Amount ?? 0, posting.Asset!)).ToList(),
            metadata,
            transaction.Timestamp,
            transaction.InsertedAt ?? transaction.Timestamp,
            string.IsNullOrEmpty(transaction.Reference) ? null : transaction.Reference,
            metadata.TryGetValue(LedgerTransaction.RevertsMetadataKey, out var reverts) && long.TryParse(reverts, NumberStyles.None, CultureInfo.InvariantCulture, out var revertsId) ? revertsId : null,
            revertedBy,
            (transaction.PostCommitVolumes ?? new Dictionary<string, IReadOnlyDictionary<string, V2Volume>>())
                .ToDictionary(account => account.Key, account => ToPort(account.Value)));
    }

    /// <summary>A committed transaction as Formance shows it; a reversal carries Formance's <c>reverts</c> metadata key.</summary>
    public static V2Transaction ToWire(LedgerTransaction transaction)
    {
        var metadata = transaction.Metadata;
        if (transaction.RevertsTransactionId is { } reverts && !metadata.ContainsKey(LedgerTransaction.RevertsMetadataKey))
        {
            metadata = new Dictionary<string, string>(metadata) { [LedgerTransaction.RevertsMetadataKey] = reverts.ToString(CultureInfo.InvariantCulture) };
        }

        return new V2Transaction
        {
            Id = transaction.Id,
            Postings = transaction.Postings.Select(ToWire).ToList(),
            Metadata = metadata,
            Timestamp = transaction.Timestamp,
            InsertedAt = transaction.InsertedAt,
            Reference = transaction.Reference,
            Reverted = transaction.Reverted,
            PostCommitVolumes = transaction.PostCommitVolumes.ToDictionary(account => account.Key, account => ToWire(account.Value)),
        };
    }

    public static AccountView ToPort(V2Account account, bool effective) =>
        new(account.Address, account.Metadata ?? NoMetadata, ToPort((effective ? account.EffectiveVolumes : account.Volumes) ?? new Dictionary<string, V2Volume>()));

    public static V2Account ToWire(AccountView account, bool expandVolumes, bool expandEffectiveVolumes)
    {
        var volumes = ToWire(account.Volumes);
        return new V2Account
        {
            Address = account.Address,
            Metadata = account.Metadata,
            Volumes = expandVolumes ? volumes : null,
            EffectiveVolumes = expandEffectiveVolumes ? volumes : null,
        };
    }

    public static IReadOnlyDictionary<string, V2Volume> ToWire(IReadOnlyDictionary<string, Volumes> volumes) =>
        volumes.ToDictionary(asset => asset.Key, asset => new V2Volume(asset.Value.Input, asset.Value.Output, asset.Value.Balance));

    private static IReadOnlyDictionary<string, Volumes> ToPort(IReadOnlyDictionary<string, V2Volume> volumes) =>
        volumes.ToDictionary(asset => asset.Key, asset => new Volumes(asset.Value.Input, asset.Value.Output));

    private static Result<Posting> ToPort(V2Posting posting, string field)
    {
        if (posting.Source is not { } source || !LedgerNames.IsValidAccount(source))
        {
            return new Error(ErrorCodes.InvalidAddress, $"{field}.source '{posting.Source}' is not a valid account address (segments of letters, digits, '_' or '-' separated by ':').", $"{field}.source");
        }

        if (posting.Destination is not { } destination || !LedgerNames.IsValidAccount(destination))
        {
            return new Error(ErrorCodes.InvalidAddress, $"{field}.destination '{posting.Destination}' is not a valid account address (segments of letters, digits, '_' or '-' separated by ':').", $"{field}.destination");
        }

        if (posting.Asset is not { } asset || !LedgerNames.IsValidAsset(asset))
        {
            return new Error(ErrorCodes.InvalidAsset, $"{field}.asset '{posting.Asset}' is not a valid asset (e.g. USD/2, JPY, USDC/6).", $"{field}.asset");
        }

        if (posting.Amount is not { } amount)
        {
            return Error.Validation($"{field}.amount is missing.", $"{field}.amount");
        }

        if (amount.Sign < 0)
        {
            return new Error(ErrorCodes.InvalidAmount, $"{field}.amount {amount} is negative.", $"{field}.amount");
        }

        return new Posting(source, destination, amount, asset);
    }
}
