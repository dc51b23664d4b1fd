using System.Diagnostics.CodeAnalysis;

namespace WalletFlow.Domain.Errors;

/// <summary>
/// The outcome of an operation on the money path: a value, or an <see cref="Errors.Error"/>. Expected failures
/// (bad input, insufficient funds, a denied flag) travel as values; exceptions are reserved for bugs.
/// </summary>
public readonly struct Result<T>
{
    private readonly T? _value;
    private readonly Error? _error;

    private Result(T? value, Error? error)
    {
        _value = value;
        _error = error;
    }

    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => _error is null;

    public Error? Error => _error;

    /// <summary>The value; reading it from a failure is a bug.</summary>
    public T Value => _error is null ? _value! : throw new InvalidOperationException($"Result is a failure: {_error}");

    public static Result<T> Success(T value) => new(value, null);

    public static Result<T> Failure(Error error) => new(default, error ?? throw new ArgumentNullException(nameof(error)));

    public static implicit operator Result<T>(T value) => Success(value);

    public static implicit operator Result<T>(Error error) => Failure(error);

    public bool TryGetValue([MaybeNullWhen(false)] out T value, [MaybeNullWhen(true)] out Error error)
    {
        value = _value;
        error = _error;
        return _error is null;
    }

    public Result<TNext> Map<TNext>(Func<T, TNext> map) => IsSuccess ? map(_value!) : Error;

    public Result<TNext> Bind<TNext>(Func<T, Result<TNext>> bind) => IsSuccess ? bind(_value!) : Error;

    public override string ToString() => IsSuccess ? $"Success({_value})" : $"Failure({_error})";
}
