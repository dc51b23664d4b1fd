namespace WalletFlow.Application.Commands;

/// <summary>
/// Marks a text field whose values are a closed set (a bank funding's purpose, a hold's status): the OpenAPI
/// document lists them as its enum. Given an enum type, the values are its members in snake_case, exactly as the
/// handler reads them (<see cref="RequestValidator.Choice{T}"/>) and the answers write them.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ChoiceAttribute : Attribute
{
    public ChoiceAttribute(Type enumType)
    {
        ArgumentNullException.ThrowIfNull(enumType);
        Values = [.. Enum.GetNames(enumType).Select(RequestValidator.ToSnakeCase)];
    }

    public ChoiceAttribute(params string[] values) => Values = values;

    public IReadOnlyList<string> Values { get; }
}
