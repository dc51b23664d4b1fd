using WalletFlow.Domain.Errors;

namespace WalletFlow.Application.Controls;

/// <summary>Every stored flag value, as an operator checks which switches are thrown.</summary>
public sealed record FeatureFlagListData(IReadOnlyList<FeatureFlagValue> Items);

/// <summary>The flag reads, for every front.</summary>
public sealed class FeatureFlagQueries(IFeatureFlagStore store)
{
    public async Task<Result<FeatureFlagListData>> ListAsync(CancellationToken cancellationToken) =>
        new FeatureFlagListData(await store.ListAsync(cancellationToken));
}
