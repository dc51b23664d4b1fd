using System.Text;

namespace WalletFlow.Api.Grpc;

/// <summary>
/// The percent-encoding of <c>grpc-message</c>: header values must be printable ASCII, so the UTF-8 bytes of anything
/// else (and <c>%</c> itself) travel as <c>%XX</c>, which clients decode back into the original text.
/// </summary>
public static class GrpcMessageEncoding
{
    public static string Encode(string message)
    {
        var encoded = new StringBuilder(message.Length);
        foreach (var value in Encoding.UTF8.GetBytes(message))
        {
            if (value is >= 0x20 and <= 0x7E && value != (byte)'%')
            {
                encoded.Append((char)value);
            }
            else
            {
                encoded.Append('%').Append(value.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return encoded.ToString();
    }
}
