using System.Text.Json.Nodes;
using WalletFlow.Application.Commands;
using WalletFlow.Domain.Errors;

namespace WalletFlow.Console.Commands;

/// <summary>What a submitted command form produced: the outcome (a receipt, maybe replayed) or the error, with each field's message.</summary>
public sealed record CommandSubmission(CommandOutcome? Outcome, Error? Error)
{
    public bool Succeeded => Outcome is not null;

    /// <summary>The messages to show next to the form's inputs: every detail of a validation error that names a field.</summary>
    public IReadOnlyDictionary<string, string> FieldErrors { get; } = FieldMessages(Error);

    /// <summary>
    /// Runs a form's values through the same executor as REST: they become the request record by the same
    /// deserialization, the form's key is the idempotency key, the signed-in role the caller.
    /// </summary>
    /// <remarks>
    /// The command runs to its end even if the page closes meanwhile: it is not handed the circuit's cancellation, so
    /// a submission is never cut off between its claim and its commit.
    /// </remarks>
    public static async Task<CommandSubmission> RunAsync(CommandExecutor executor, CommandDescriptor command, CommandValues values, string key, Caller caller)
    {
        ArgumentNullException.ThrowIfNull(executor);
        if (!Read(command, values).TryGetValue(out var request, out var invalid))
        {
            return new CommandSubmission(null, invalid);
        }

        var outcome = await executor.ExecuteAsync(command, request, key, caller, CancellationToken.None);
        return outcome.TryGetValue(out var completed, out var error) ? new CommandSubmission(completed, null) : new CommandSubmission(null, error);
    }

    /// <summary>The command's request record from the form's values, or the error naming each field that does not fit.</summary>
    public static Result<object> Read(CommandDescriptor command, CommandValues values)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(values);
        return CommandRequest.FromJson(ToJson(command, values), command.RequestType);
    }

    /// <summary>The form's values as the JSON body REST would get: a switch on is true, off false, an empty text null.</summary>
    public static JsonObject ToJson(CommandDescriptor command, CommandValues values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var body = new JsonObject();
        foreach (var field in CommandField.Of(command))
        {
            var text = values.Value(field);
            body[field.Name] = field.IsSwitch ? JsonValue.Create(text == "true") : text is null ? null : JsonValue.Create(text);
        }

        return body;
    }

    /// <summary>A fresh idempotency key for a form: <c>ops-</c> and a GUID.</summary>
    public static string NewKey() => $"ops-{Guid.NewGuid():N}";

    private static Dictionary<string, string> FieldMessages(Error? error)
    {
        var messages = new Dictionary<string, string>(StringComparer.Ordinal);
        if (error is null)
        {
            return messages;
        }

        foreach (var detail in error.Details.Count > 0 ? error.Details : [error])
        {
            if (detail.Field is { } field && !messages.ContainsKey(field))
            {
                messages[field] = detail.Message;
            }
        }

        return messages;
    }
}
