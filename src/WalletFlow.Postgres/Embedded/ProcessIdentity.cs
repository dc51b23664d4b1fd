using System.Globalization;

namespace WalletFlow.Postgres.Embedded;

/// <summary>A process named by pid and kernel start time, so a recycled pid is not mistaken for the original.</summary>
internal readonly record struct ProcessIdentity(int Pid, long StartTime)
{
    public static ProcessIdentity Current() =>
        new(Environment.ProcessId, UnixProcess.StartTime(Environment.ProcessId) ?? throw new InvalidOperationException("/proc is not readable."));

    public bool IsAlive() => UnixProcess.StartTime(Pid) == StartTime;

    public override string ToString() => $"{Pid.ToString(CultureInfo.InvariantCulture)} {StartTime.ToString(CultureInfo.InvariantCulture)}";

    public static bool TryParse(string text, out ProcessIdentity identity)
    {
        var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 2
            && int.TryParse(parts[0], CultureInfo.InvariantCulture, out var pid)
            && long.TryParse(parts[1], CultureInfo.InvariantCulture, out var startTime))
        {
            identity = new ProcessIdentity(pid, startTime);
            return true;
        }

        identity = default;
        return false;
    }
}
