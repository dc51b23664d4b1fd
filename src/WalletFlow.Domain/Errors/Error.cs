namespace WalletFlow.Domain.Errors;

/// <summary>
/// A failure the caller can act on: a stable machine-readable <see cref="Code"/> (one of <see cref="ErrorCodes"/>)
/// and a sentence for a person. <see cref="Field"/> names the offending input when there is one, so forms can
/// show the message next to it.
/// </summary>
public sealed record Error(string Code, string Message, string? Field = null)
{
    /// <summary>Every field error when a request has several (the first is also this error's own field and message).</summary>
    public IReadOnlyList<Error> Details { get; init; } = [];

    /// <summary>For a <c>FLAG_DENIED</c>, the flag scope that denied the command (<c>merchant:acme</c>).</summary>
    public string? Scope { get; init; }

    public static Error Validation(string message, string? field = null) => new(ErrorCodes.Validation, message, field);

    public static Error NotFound(string message) => new(ErrorCodes.NotFound, message);

    public override string ToString() => Field is null ? $"{Code}: {Message}" : $"{Code} ({Field}): {Message}";
}
