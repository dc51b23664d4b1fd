namespace WalletFlow.Application.ChartOfAccounts;

/// <summary>
/// How the stored (loaded) chart and templates differ from the bundled ones: one sentence per difference, empty when
/// they agree. <see cref="Missing"/> counts what the bundle has and the store lacks (everything, before the first
/// rebuild), <see cref="Extra"/> the reverse, <see cref="Changed"/> what both have with different content;
/// <see cref="TemplateDifferences"/> says how many of the differences are the templates' (the reconciliation gate's
/// concern, shown apart on the Overview).
/// </summary>
public sealed record ChartDrift(IReadOnlyList<string> Differences, int Missing, int Extra, int Changed, int TemplateDifferences)
{
    public bool HasDrift => Differences.Count > 0;
}
