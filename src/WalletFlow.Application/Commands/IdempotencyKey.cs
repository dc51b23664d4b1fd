using WalletFlow.Domain.Errors;

namespace WalletFlow.Application.Commands;

/// <summary>The key a caller gives a command so that a retry replays it instead of running it twice: 1 to 255 printable ASCII characters.</summary>
public static class IdempotencyKey
{
    public const string HeaderName = "Idempotency-Key";
    public const int MaxLength = 255;

    public static Result<string> Validate(string? key)
    {
        if (string.IsNullOrEmpty(key))
        {
            return new Error(ErrorCodes.IdempotencyKeyMissing, $"This command moves money or changes state, so it needs an {HeaderName}: a unique string per intended command, reused only to retry it.", "idempotencyKey");
        }

        if (key.Length > MaxLength || key.Any(c => c is < '!' or > '~'))
        {
            return Error.Validation($"The {HeaderName} must be 1 to {MaxLength} printable ASCII characters without spaces.", "idempotencyKey");
        }

        return key;
    }
}
