namespace WalletFlow.Domain.ChartOfAccounts;

/// <summary>
/// One thing wrong with a chart file, where a person will look for it: the file, the line (the line a record starts
/// on) and the column (the header's name for the field; null when the whole line or file is at fault).
/// </summary>
public sealed record ChartProblem(string File, int Line, string? Column, string Reason)
{
    public override string ToString() => Column is null ? $"{File} line {Line}: {Reason}" : $"{File} line {Line}, column {Column}: {Reason}";
}
