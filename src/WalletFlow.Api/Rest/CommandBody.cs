using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using WalletFlow.Application.Commands;
using WalletFlow.Domain.Errors;

namespace WalletFlow.Api.Rest;

/// <summary>
/// Reads a command's body into its request record, with the route's values (<c>{holdId}</c>) filled in. The body is
/// refused as a whole, never repaired, when it is too large, not UTF-8, not one JSON object, or names a property
/// twice; a field the path also carries must be left out or say the same. An empty body is an empty object: a command
/// whose only input is in its path (settle a hold) needs nothing more.
/// </summary>
internal static class CommandBody
{
    /// <summary>The largest body read. The longest request, every text field at its limit, is under 4 KiB.</summary>
    public const int MaxBytes = 64 * 1024;

    private static readonly JsonDocumentOptions Parsing = new() { AllowDuplicateProperties = false };

    public static async Task<Result<object>> ReadAsync(HttpRequest request, Type requestType, CancellationToken cancellationToken)
    {
        var bytes = await ReadBytesAsync(request, cancellationToken);
        if (bytes is null)
        {
            return new Error(ErrorCodes.RequestTooLarge, $"The request body is larger than {MaxBytes / 1024} KiB, far more than any command needs; nothing in it was read.");
        }

        var json = bytes.AsSpan();
        if (json.StartsWith(Encoding.UTF8.Preamble))
        {
            json = json[Encoding.UTF8.Preamble.Length..];
        }

        if (FirstInvalidUtf8(json) is { } invalidAt)
        {
            return Error.Validation($"The request body is not valid UTF-8 (byte {invalidAt} starts an invalid sequence); nothing in it was read. Send the JSON encoded as UTF-8.");
        }

        var parsed = json.IsEmpty ? new JsonObject() : Parse(json);
        if (!parsed.TryGetValue(out var body, out var invalid))
        {
            return invalid;
        }

        foreach (var (name, value) in request.RouteValues)
        {
            var text = value?.ToString();
            if (body.TryGetPropertyValue(name, out var given) && !Says(given, text))
            {
                return Error.Validation($"The body's {name} must be left out or equal the {name} in the path, which says which resource the command acts on.", name);
            }

            body[name] = text;
        }

        return CommandRequest.FromJson(body, requestType);
    }

    private static bool Says(JsonNode? given, string? text)
    {
        try
        {
            return given?.GetValueKind() == JsonValueKind.String && given.GetValue<string>() == text;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static Result<JsonObject> Parse(ReadOnlySpan<byte> json)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json, documentOptions: Parsing);
        }
        catch (JsonException exception)
        {
            var where = exception.LineNumber is { } line && exception.BytePositionInLine is { } position ? $" at line {line + 1}, byte {position + 1}" : string.Empty;
            return Error.Validation($"The request body is not valid JSON{where}: {Reason(exception)}");
        }
        catch (InvalidOperationException)
        {
            // A property name escaped as a lone surrogate ("\ud800") has no UTF-16 form: the parser cannot even name it.
            return Error.Validation("The request body names a field with text that is not well-formed Unicode (an unpaired surrogate escape such as \\ud800).");
        }

        return node is JsonObject body ? body : Error.Validation("The request body must be a JSON object: {\"field\": \"value\", ...}.");
    }

    /// <summary>The parser's sentence without its position suffix, which the answer states on its own terms.</summary>
    private static string Reason(JsonException exception)
    {
        var message = exception.Message;
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (cut < 0 ? message : message[..cut]).Trim();
    }

    /// <summary>The body, or null when it is larger than <see cref="MaxBytes"/> (read no further than that).</summary>
    private static async Task<byte[]?> ReadBytesAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > MaxBytes)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return buffer.ToArray();
    }

    private static int? FirstInvalidUtf8(ReadOnlySpan<byte> bytes)
    {
        if (Utf8.IsValid(bytes))
        {
            return null;
        }

        var offset = 0;
        while (Rune.DecodeFromUtf8(bytes[offset..], out _, out var consumed) == OperationStatus.Done)
        {
            offset += consumed;
        }

        return offset + 1;
    }
}
