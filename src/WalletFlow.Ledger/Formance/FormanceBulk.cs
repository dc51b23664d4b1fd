using System.Globalization;
using System.Text.Json;
using WalletFlow.Domain.Errors;
using WalletFlow.Ledger.Formance.Wire;

namespace WalletFlow.Ledger.Formance;

/// <summary>
/// Bulk actions and their results as Formance's bulk elements and back: the adapter writes elements and reads
/// results, the surface reads elements and writes results. An element's error carries Formance's code, except the two
/// outcomes Formance has no code for (<c>ROLLED_BACK</c>, <c>NOT_ATTEMPTED</c>; the client reads any string there).
/// </summary>
public static class FormanceBulk
{
    public const string CreateTransaction = "CREATE_TRANSACTION";
    public const string RevertTransaction = "REVERT_TRANSACTION";
    public const string AddMetadata = "ADD_METADATA";
    public const string DeleteMetadata = "DELETE_METADATA";
    public const string ErrorResponse = "ERROR";

    private const string AccountType = "ACCOUNT";
    private const string TransactionType = "TRANSACTION";

    /// <summary>What Formance's bulk runner answers for an element it skipped after a failure (a cancelled context).</summary>
    private const string Skipped = "context canceled";

    public static V2BulkElement ToWire(BulkAction action) => action switch
    {
        CreateTransactionAction create => new(CreateTransaction, Element(FormanceMapping.ToWire(create.Request) with { Force = create.Request.Force ? true : null }), create.Request.IdempotencyKey),
        RevertTransactionAction revert => new(RevertTransaction, Element(new V2BulkRevert(revert.Request.TransactionId, revert.Request.Force, revert.Request.AtEffectiveDate, revert.Request.Metadata)), revert.Request.IdempotencyKey),
        SetMetadataAction set => new(AddMetadata, Element(new V2BulkMetadata(TargetType(set.Target), TargetId(set.Target), Metadata: set.Metadata))),
        DeleteMetadataAction delete => new(DeleteMetadata, Element(new V2BulkMetadata(TargetType(delete.Target), TargetId(delete.Target), Key: delete.Key))),
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Unknown bulk action."),
    };

    /// <summary>An element as it arrived, checked like the single-call request it stands for; a refusal names the element (<c>[2].postings[0].amount</c>).</summary>
    public static Result<BulkAction> ToPort(V2BulkElement element, int index)
    {
        ArgumentNullException.ThrowIfNull(element);
        var action = element.Action switch
        {
            CreateTransaction => Read<V2PostTransaction>(element.Data)
                .Bind(body => FormanceMapping.ToPort(body, element.Ik, body.Force ?? false))
                .Map(request => (BulkAction)new CreateTransactionAction(request)),
            RevertTransaction => Read<V2BulkRevert>(element.Data).Bind(ToRevert(element.Ik)),
            AddMetadata => Read<V2BulkMetadata>(element.Data).Bind(data => Target(data).Bind<BulkAction>(target => data.Metadata is { } metadata
                ? new SetMetadataAction(target, metadata)
                : Error.Validation("ADD_METADATA needs metadata.", "metadata"))),
            DeleteMetadata => Read<V2BulkMetadata>(element.Data).Bind(data => Target(data).Bind<BulkAction>(target => !string.IsNullOrEmpty(data.Key)
                ? new DeleteMetadataAction(target, data.Key)
                : Error.Validation("DELETE_METADATA needs a key.", "key"))),
            _ => Error.Validation($"'{element.Action}' is not a bulk action: use {CreateTransaction}, {RevertTransaction}, {AddMetadata} or {DeleteMetadata}.", "action"),
        };
        return action.IsSuccess
            ? action
            : action.Error! with { Message = $"Bulk element {index}: {action.Error!.Message}", Field = $"[{index}].{action.Error!.Field ?? "data"}" };
    }

    /// <summary>An element's answer: its action with what it wrote, or <c>ERROR</c> with the code, message and field.</summary>
    public static V2BulkElementResult ToWire(BulkAction action, Result<BulkOutcome> result)
    {
        if (!result.TryGetValue(out var outcome, out var error))
        {
            var code = error.Code is LedgerErrors.RolledBackCode or LedgerErrors.NotAttemptedCode ? error.Code : FormanceErrors.ToFormance(error).Code;
            return new V2BulkElementResult { ResponseType = ErrorResponse, ErrorCode = code, ErrorDescription = error.Message, ErrorDetails = error.Field };
        }

        return new V2BulkElementResult
        {
            ResponseType = ActionName(action),
            Data = outcome.Posted is { } posted ? FormanceMapping.ToWire(posted.Transaction) : null,
        };
    }

    /// <summary>Whether an element failed for a reason of its own, not because another one did.</summary>
    public static bool FailedOnItsOwn(V2BulkElementResult result) =>
        result.ResponseType == ErrorResponse
        && result.ErrorCode is not (LedgerErrors.RolledBackCode or LedgerErrors.NotAttemptedCode)
        && result.ErrorDescription?.Contains(Skipped, StringComparison.Ordinal) != true;

    /// <summary>
    /// An element's answer as the port's result. Formance reports the elements of a failed atomic bulk as applied
    /// although its database transaction was rolled back: <paramref name="rolledBackBy"/> (the first failed element,
    /// or null) turns them into <see cref="LedgerErrors.BulkRolledBack"/>.
    /// </summary>
    public static Result<V2Transaction?> ToPort(V2BulkElementResult result, string? idempotencyKey, int? rolledBackBy)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.ResponseType != ErrorResponse)
        {
            return rolledBackBy is { } failed ? LedgerErrors.BulkRolledBack(failed) : Result<V2Transaction?>.Success(result.Data);
        }

        return result.ErrorCode switch
        {
            LedgerErrors.RolledBackCode => rolledBackBy is { } failed ? LedgerErrors.BulkRolledBack(failed) : LedgerErrors.RolledBack,
            LedgerErrors.NotAttemptedCode => LedgerErrors.NotAttempted,
            FormanceErrorCodes.Internal when result.ErrorDescription?.Contains(Skipped, StringComparison.Ordinal) == true =>
                rolledBackBy is { } failed ? LedgerErrors.BulkRolledBack(failed) : LedgerErrors.NotAttempted,
            _ => FormanceErrors.ToWalletFlow(new V2ErrorResponse(result.ErrorCode ?? "", result.ErrorDescription ?? "", result.ErrorDetails), idempotencyKey),
        };
    }

    private static Func<V2BulkRevert, Result<BulkAction>> ToRevert(string? idempotencyKey) => data => data.Id is { } id
        ? new RevertTransactionAction(new RevertRequest(id)
        {
            Force = data.Force ?? false,
            AtEffectiveDate = data.AtEffectiveDate ?? false,
            Metadata = data.Metadata ?? new Dictionary<string, string>(),
            IdempotencyKey = idempotencyKey,
        })
        : Error.Validation("REVERT_TRANSACTION needs the id of the transaction to revert.", "id");

    private static Result<MetadataTarget> Target(V2BulkMetadata data) => (data.TargetType, data.TargetId) switch
    {
        (AccountType, { ValueKind: JsonValueKind.String } address) => new AccountTarget(address.GetString()!),
        (TransactionType, { ValueKind: JsonValueKind.Number } id) when id.TryGetInt64(out var number) => new TransactionTarget(number),
        (TransactionType, { ValueKind: JsonValueKind.String } id) when long.TryParse(id.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) => new TransactionTarget(number),
        (AccountType or TransactionType, _) => Error.Validation($"targetId must be an address for {AccountType}, a transaction id for {TransactionType}.", "targetId"),
        _ => Error.Validation($"targetType must be {AccountType} or {TransactionType}.", "targetType"),
    };

    private static string ActionName(BulkAction action) => action switch
    {
        CreateTransactionAction => CreateTransaction,
        RevertTransactionAction => RevertTransaction,
        SetMetadataAction => AddMetadata,
        _ => DeleteMetadata,
    };

    private static string TargetType(MetadataTarget target) => target is AccountTarget ? AccountType : TransactionType;

    private static JsonElement TargetId(MetadataTarget target) => target switch
    {
        AccountTarget account => JsonSerializer.SerializeToElement(account.Address, FormanceJson.Options),
        TransactionTarget transaction => JsonSerializer.SerializeToElement(transaction.Id, FormanceJson.Options),
        _ => throw new ArgumentOutOfRangeException(nameof(target), target, "Unknown metadata target."),
    };

    private static JsonElement Element<T>(T data) => JsonSerializer.SerializeToElement(data, FormanceJson.Options);

    private static Result<T> Read<T>(JsonElement? data)
        where T : class
    {
        if (data is not { ValueKind: JsonValueKind.Object } json)
        {
            return Error.Validation("The element needs a data object.", "data");
        }

        try
        {
            return json.Deserialize<T>(FormanceJson.Options) ?? (Result<T>)Error.Validation("The element's data is null.", "data");
        }
        catch (JsonException exception)
        {
            return Error.Validation($"The element's data is not the expected JSON: {exception.Message}", exception.Path is { Length: > 2 } path ? path[2..] : "data");
        }
    }
}
