using System.Security.Cryptography;
using System.Text;

namespace WalletFlow.Postgres.Migrations;

/// <summary>One versioned schema change. Its checksum guards against a migration edited after it was applied.</summary>
public sealed record Migration(int Version, string Name, string Sql)
{
    public string Checksum => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Sql)));

    public override string ToString() => $"{Version:D4}_{Name}";
}
