using System.Globalization;

namespace WalletFlow.Api.Grpc;

/// <summary>
/// The <c>grpc-timeout</c> header: at most eight digits and a unit (H hours, M minutes, S seconds, m milliseconds,
/// u microseconds, n nanoseconds). A value that does not follow the grammar is ignored, as grpc-go and grpc-dotnet do,
/// rather than failing a call over a hint.
/// </summary>
public static class GrpcTimeout
{
    public static TimeSpan? Parse(string? header)
    {
        if (header is not { Length: >= 2 and <= 9 }
            || !long.TryParse(header.AsSpan(0, header.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            return null;
        }

        return header[^1] switch
        {
            'H' => TimeSpan.FromHours(amount),
            'M' => TimeSpan.FromMinutes(amount),
            'S' => TimeSpan.FromSeconds(amount),
            'm' => TimeSpan.FromMilliseconds(amount),
            'u' => TimeSpan.FromTicks(amount * TimeSpan.TicksPerMicrosecond),
            'n' => TimeSpan.FromTicks(amount / TimeSpan.NanosecondsPerTick),
            _ => null,
        };
    }
}
