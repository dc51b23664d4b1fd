namespace WalletFlow.Domain.Errors;

/// <summary>
/// A failure the caller can act on: a stable machine-readable <see cref="Code"/> (one of <see cref="ErrorCodes"/>)
/// and a sentence for a person. <see cref="Field"/> names the offending input when there is one, so forms can
/// show the message next to it.
/// </summary>
public sealed record Error(string Code, string Message, string? Field = null)
{
    public static Error Validation(string message, string? field = null) => new(ErrorCodes.Validation, message, field);

    public static Error NotFound(string message) => new(ErrorCodes.NotFound, message);

    public override string ToString() => Field is null ? $"{Code}: {Message}" : $"{Code} ({Field}): {Message}";
}
