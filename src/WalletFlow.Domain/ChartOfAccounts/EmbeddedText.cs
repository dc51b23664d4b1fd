namespace WalletFlow.Domain.ChartOfAccounts;

/// <summary>Reads the files the Domain ships inside its assembly (the chart CSVs, the Numscript templates).</summary>
internal static class EmbeddedText
{
    public static IEnumerable<string> Names(string folder, string extension)
    {
        var prefix = $"{typeof(EmbeddedText).Assembly.GetName().Name}.{folder}.";
        return typeof(EmbeddedText).Assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal) && name.EndsWith(extension, StringComparison.Ordinal))
            .Select(name => name[prefix.Length..])
            .Order(StringComparer.Ordinal);
    }

    public static string Read(string folder, string fileName)
    {
        var resource = $"{typeof(EmbeddedText).Assembly.GetName().Name}.{folder}.{fileName}";
        using var stream = typeof(EmbeddedText).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The Domain assembly does not embed {resource}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
