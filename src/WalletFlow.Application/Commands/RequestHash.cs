using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace WalletFlow.Application.Commands;

/// <summary>
/// What makes two submissions "the same request": the command's name and its request, serialized as a record in a
/// fixed property order (so the JSON a client sent, its whitespace or its field order, does not matter).
/// </summary>
public static class RequestHash
{
    public static byte[] Compute(string command, object request, Type requestType)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(request, requestType, CommandJson.Options);
        var name = Encoding.UTF8.GetBytes(command + "\n");
        return SHA256.HashData([.. name, .. json]);
    }
}
