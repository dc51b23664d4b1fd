namespace WalletFlow.Domain.Templates;

/// <summary>
/// A variable a template declares in its <c>vars { }</c> block, with what its header says about it: for an account,
/// the address patterns (chart-of-accounts syntax, e.g. <c>wallets:*:available</c>) the caller may pass.
/// </summary>
public sealed record TemplateVariable(string Name, string Type, IReadOnlyList<string> AccountPatterns, string Description);
