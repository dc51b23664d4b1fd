using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Primitives;
using WalletFlow.Access;
using WalletFlow.Application.Commands;
using WalletFlow.Domain.Errors;

namespace WalletFlow.Console.Commands;

/// <summary>What a posted command form produced: the outcome (a receipt, maybe replayed) or the error, with each field's message.</summary>
public sealed record CommandSubmission(CommandOutcome? Outcome, Error? Error)
{
    public const string KeyField = "idempotencyKey";

    public bool Succeeded => Outcome is not null;

    /// <summary>The messages to show next to the form's inputs: every detail of a validation error that names a field.</summary>
    public IReadOnlyDictionary<string, string> FieldErrors { get; } = FieldMessages(Error);

    /// <summary>
    /// Runs a posted form through the same executor as REST: the fields become the request record by the same
    /// deserialization, the hidden key is the idempotency key, the signed-in role the caller.
    /// </summary>
    /// <remarks>
    /// The command runs to its end even if the browser leaves (a double click aborts the first request): it is not
    /// handed the request's abort token, so a submission is never cut off between its claim and its commit.
    /// </remarks>
    public static async Task<CommandSubmission> RunAsync(CommandExecutor executor, CommandDescriptor command, IReadOnlyDictionary<string, StringValues> form, ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(executor);
        if (!Read(command, form).TryGetValue(out var request, out var invalid))
        {
            return new CommandSubmission(null, invalid);
        }

        var key = form.TryGetValue(KeyField, out var given) ? given.ToString() : null;
        var outcome = await executor.ExecuteAsync(command, request, key, user.ToCaller(), CancellationToken.None);
        return outcome.TryGetValue(out var completed, out var error) ? new CommandSubmission(completed, null) : new CommandSubmission(null, error);
    }

    /// <summary>The command's request record from the form's fields, or the error naming each field that does not fit.</summary>
    public static Result<object> Read(CommandDescriptor command, IReadOnlyDictionary<string, StringValues> form)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(form);
        return CommandRequest.FromJson(ToJson(command, form), command.RequestType);
    }

    /// <summary>The form's fields as the JSON body REST would get: a checked switch is true, an unchecked one false, an empty text null.</summary>
    public static JsonObject ToJson(CommandDescriptor command, IReadOnlyDictionary<string, StringValues> form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var body = new JsonObject();
        foreach (var field in CommandField.Of(command))
        {
            var text = form.TryGetValue(field.Name, out var value) ? value.ToString() : string.Empty;
            body[field.Name] = field.IsSwitch
                ? JsonValue.Create(text == "true")
                : text.Length == 0 ? null : JsonValue.Create(text);
        }

        return body;
    }

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
