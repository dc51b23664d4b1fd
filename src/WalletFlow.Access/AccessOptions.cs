namespace WalletFlow.Access;

/// <summary>What the host's access needs to know of what it hosts.</summary>
public sealed class AccessOptions
{
    /// <summary>Where the console lives: its session cookie and open mode apply there only. Null: no console.</summary>
    public string? ConsolePath { get; set; }
}
