namespace WalletFlow.Domain.Templates;

/// <summary>
/// A bundled Numscript template: its text as shipped, the description from its header comment, the variables it
/// declares, the account literals its body names (<c>@world</c>), and the event type it records.
/// </summary>
public sealed record NumscriptTemplate(
    string Name,
    string Text,
    string Description,
    IReadOnlyList<TemplateVariable> Variables,
    IReadOnlyList<string> AccountLiterals,
    string EventType);
