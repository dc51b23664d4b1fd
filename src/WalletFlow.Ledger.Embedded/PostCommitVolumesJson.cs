using System.Globalization;
using System.Numerics;
using System.Text.Json;

namespace WalletFlow.Ledger.Embedded;

/// <summary>Post-commit volumes as stored with a transaction: amounts as decimal strings, exact at any size.</summary>
internal static class PostCommitVolumesJson
{
    public static string Write(IReadOnlyDictionary<string, Dictionary<string, Volumes>> volumes)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            foreach (var (account, byAsset) in volumes)
            {
                json.WriteStartObject(account);
                foreach (var (asset, assetVolumes) in byAsset)
                {
                    json.WriteStartObject(asset);
                    json.WriteString("input", assetVolumes.Input.ToString(CultureInfo.InvariantCulture));
                    json.WriteString("output", assetVolumes.Output.ToString(CultureInfo.InvariantCulture));
                    json.WriteEndObject();
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, Volumes>> Read(string text)
    {
        using var document = JsonDocument.Parse(text);
        var volumes = new Dictionary<string, IReadOnlyDictionary<string, Volumes>>(StringComparer.Ordinal);
        foreach (var account in document.RootElement.EnumerateObject())
        {
            var byAsset = new Dictionary<string, Volumes>(StringComparer.Ordinal);
            foreach (var asset in account.Value.EnumerateObject())
            {
                byAsset[asset.Name] = new Volumes(
                    BigInteger.Parse(asset.Value.GetProperty("input").GetString()!, CultureInfo.InvariantCulture),
                    BigInteger.Parse(asset.Value.GetProperty("output").GetString()!, CultureInfo.InvariantCulture));
            }

            volumes[account.Name] = byAsset;
        }

        return volumes;
    }
}
