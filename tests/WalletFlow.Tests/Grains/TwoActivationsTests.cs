using System.Net;
using WalletFlow.Tests.Infrastructure;

namespace WalletFlow.Tests.Grains;

/// <summary>
/// Correctness never depends on a single activation: two APIs on one database, each a cluster of one silo, give every
/// wallet an activation in each, both committing at once. The ledger's locks and the journal's unique claims still
/// make every outcome exactly-once.
/// </summary>
public sealed class TwoActivationsTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Two_activations_of_one_wallet_racing_overdrafts_never_overdraw_and_accept_exactly_what_the_money_covers()
    {
        await using var first = await WalletCoreHost.StartAsync(postgres, nameof(TwoActivationsTests));
        await using var second = await first.StartBesideAsync();
        Assert.EndsWith("the cluster has 1 active silo.", await ClusterAsync(first), StringComparison.Ordinal);
        Assert.EndsWith("the cluster has 1 active silo.", await ClusterAsync(second), StringComparison.Ordinal);
        var source = await first.CreateWalletAsync();
        var destination = await first.CreateWalletAsync();
        await first.PayInAsync(source, "100.00");

        var body = new { sourceWalletId = source, destinationWalletId = destination, amount = "1.00", currency = "USD" };
        var answers = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => (i % 2 == 0 ? first : second).PostAsync("/v1/transfers", body)));

        Assert.Equal(100, answers.Count(answer => answer.Status == HttpStatusCode.Created));
        Assert.All(answers.Where(answer => answer.Status != HttpStatusCode.Created), answer => answer.AssertRejected(HttpStatusCode.UnprocessableEntity, "INSUFFICIENT_FUNDS"));
        Assert.Contains(answers.Where((_, i) => i % 2 == 1), answer => answer.Status == HttpStatusCode.Created);
        Assert.Equal("0.00", await second.AvailableAsync(source));
        Assert.Equal("100.00", await first.AvailableAsync(destination));
        await first.AssertInvariantsAsync();
    }

    [Fact]
    public async Task One_key_sent_to_both_activations_at_once_posts_once_and_every_answer_is_that_command()
    {
        await using var first = await WalletCoreHost.StartAsync(postgres, nameof(TwoActivationsTests) + "_key");
        await using var second = await first.StartBesideAsync();
        var wallet = await first.CreateWalletAsync();
        var before = await first.LedgerTransactionCountAsync();

        var keys = Enumerable.Range(0, 10).Select(_ => first.NewKey()).ToList();
        var answers = await Task.WhenAll(keys.SelectMany(key => Enumerable.Range(0, 4).Select(copy =>
            (copy % 2 == 0 ? first : second).PostAsync("/v1/payins", new { walletId = wallet, bankId = "citi", amount = "2.50", currency = "USD" }, key))));

        Assert.All(answers, answer => Assert.Equal(HttpStatusCode.Created, answer.Status));
        Assert.Equal(10, answers.Select(answer => answer.Body.GetProperty("commandId").GetString()).Distinct().Count());
        Assert.Equal(10, answers.Count(answer => !answer.Replayed));
        Assert.Equal(before + 10, await first.LedgerTransactionCountAsync());
        Assert.Equal("25.00", await second.AvailableAsync(wallet));
        await first.AssertInvariantsAsync();
    }

    /// <summary>How the host's cluster health check describes its cluster.</summary>
    private static async Task<string?> ClusterAsync(WalletCoreHost host) =>
        (await host.GetAsync("/health")).Body.GetProperty("checks").GetProperty("cluster").GetProperty("description").GetString();
}
