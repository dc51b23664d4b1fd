using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using WalletFlow.Persistence.Commands;
using WalletFlow.Api.WalletCore;
using WalletFlow.Tests.Infrastructure;

namespace WalletFlow.Tests.WalletCore;

/// <summary>
/// The wallet core over an external ledger: a second API serves the Formance-compatible surface on a database of its
/// own, and the wallet core reaches it through the Formance adapter over a link the test can break. The claim, the
/// ledger call and the completion are three steps there; these tests break the link between them.
/// </summary>
public sealed class ExternalLedgerJournalTests(PostgresFixture postgres) : IAsyncLifetime
{
    private readonly LedgerLink _link = new();
    private readonly AdjustableClock _time = new();
    private ApiFactory _ledgerHost = null!;
    private NpgsqlDataSource _ledgerDatabase = null!;
    private WalletCoreHost _host = null!;

    public async ValueTask InitializeAsync()
    {
        _ledgerHost = await LedgerSurface.StartAsync(postgres, "externalledger");
        _ledgerDatabase = _ledgerHost.Services.GetRequiredService<NpgsqlDataSource>();
        _link.InnerHandler = _ledgerHost.Server.CreateHandler();
        _host = await WalletCoreHost.StartAsync(
            postgres,
            nameof(ExternalLedgerJournalTests),
            new Dictionary<string, string>
            {
                [WalletCoreOptions.LedgerUrlVariable] = "http://localhost/api/ledger",
                [WalletCoreOptions.LedgerTokenVariable] = LedgerSurface.AdminToken,
            },
            services =>
            {
                services.AddSingleton<TimeProvider>(_time);
                // Without the standard resilience handler: its retries would heal the breaks these tests make on purpose.
#pragma warning disable EXTEXP0001 // the one way to take a default handler off a client; evaluation status is fine in a test
                services.AddHttpClient(WalletCoreServices.FormanceClientName)
                    .RemoveAllResilienceHandlers()
#pragma warning restore EXTEXP0001
                    .ConfigurePrimaryHttpMessageHandler(() => _link)
                    .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
            });
    }

    public async ValueTask DisposeAsync()
    {
        await LedgerInvariants.AssertHoldAsync(_ledgerDatabase, "main");
        Assert.Empty(await CommandsWithoutTheirOneLedgerTransactionAsync());
        await _host.DisposeAsync();
        await _ledgerHost.DisposeAsync();
    }

    [Fact]
    public async Task Commands_through_the_external_ledger_post_once_and_replay()
    {
        var alice = await _host.CreateWalletAsync();
        var bob = await _host.CreateWalletAsync();
        await _host.PayInAsync(alice, "100.00");
        var key = _host.NewKey();
        var transfer = new { sourceWalletId = alice, destinationWalletId = bob, amount = "40.00", currency = "USD" };

        var first = await _host.PostAsync("/v1/transfers", transfer, key);
        var again = await _host.PostAsync("/v1/transfers", transfer, key);

        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.True(again.Replayed);
        Assert.Equal(first.Body.GetProperty("commandId").GetString(), again.Body.GetProperty("commandId").GetString());
        Assert.Equal("60.00", await _host.AvailableAsync(alice));
        Assert.Equal("40.00", await _host.AvailableAsync(bob));
        Assert.Equal(2, await LedgerTransactionCountAsync());
    }

    [Fact]
    public async Task A_command_the_external_ledger_refuses_leaves_no_claim_and_its_key_works_once_funded()
    {
        var alice = await _host.CreateWalletAsync();
        var bob = await _host.CreateWalletAsync();
        var key = _host.NewKey();
        var transfer = new { sourceWalletId = alice, destinationWalletId = bob, amount = "5.00", currency = "USD" };

        (await _host.PostAsync("/v1/transfers", transfer, key)).AssertRejected(HttpStatusCode.UnprocessableEntity, "INSUFFICIENT_FUNDS");
        Assert.Equal(0, await CommandRowsAsync(key));

        await _host.PayInAsync(alice, "5.00");
        Assert.Equal(HttpStatusCode.Created, (await _host.PostAsync("/v1/transfers", transfer, key)).Status);
        Assert.Equal("5.00", await _host.AvailableAsync(bob));
    }

    [Fact]
    public async Task A_credit_the_external_ledger_takes_beyond_64_bits_is_reverted_and_refused_and_frees_its_key()
    {
        const string Largest = "92233720368547758.07";
        var full = await _host.CreateWalletAsync();
        await _host.PayInAsync(full, Largest, bank: "citi");
        var key = _host.NewKey();
        var transactions = await LedgerTransactionCountAsync();

        var refused = await _host.PostAsync("/v1/payins", new { walletId = full, bankId = "barclays", amount = "0.01", currency = "USD" }, key);

        refused.AssertRejected(HttpStatusCode.UnprocessableEntity, "BALANCE_OUT_OF_RANGE");
        Assert.Equal("walletId", refused.Field);
        Assert.Equal(0, await CommandRowsAsync(key));
        Assert.Equal(Largest, await _host.AvailableAsync(full));
        // Formance took the posting (it holds any integer); the journal reverted it.
        Assert.Equal(transactions + 2, await LedgerTransactionCountAsync());
    }

    [Fact]
    public async Task A_command_whose_answer_was_lost_stays_pending_until_recovery_completes_it_once()
    {
        var alice = await _host.CreateWalletAsync();
        var bob = await _host.CreateWalletAsync();
        await _host.PayInAsync(alice, "100.00");
        var key = _host.NewKey();
        var transfer = new { sourceWalletId = alice, destinationWalletId = bob, amount = "25.00", currency = "USD" };

        _link.Mode = LinkMode.AnswerLost;
        (await _host.PostAsync("/v1/transfers", transfer, key)).AssertRejected(HttpStatusCode.ServiceUnavailable, "UNAVAILABLE");
        Assert.Equal("pending", await CommandStatusAsync(key));

        _link.Mode = LinkMode.Up;
        Assert.Equal(0, await RecoverAsync());
        _time.Advance(ExternalCommandJournal.Lease + TimeSpan.FromSeconds(1));
        Assert.Equal(1, await RecoverAsync());

        var replayed = await _host.PostAsync("/v1/transfers", transfer, key);
        Assert.True(replayed.Replayed);
        Assert.Equal("completed", await CommandStatusAsync(key));
        Assert.Equal("75.00", await _host.AvailableAsync(alice));
        Assert.Equal(2, await LedgerTransactionCountAsync());
    }

    [Fact]
    public async Task A_command_that_never_reached_the_ledger_is_posted_by_recovery()
    {
        var wallet = await _host.CreateWalletAsync();
        var key = _host.NewKey();

        _link.Mode = LinkMode.Down;
        (await _host.PostAsync("/v1/payins", new { walletId = wallet, bankId = "citi", amount = "12.34", currency = "USD" }, key))
            .AssertRejected(HttpStatusCode.ServiceUnavailable, "UNAVAILABLE");
        Assert.Equal(0, await LedgerTransactionCountAsync());

        _link.Mode = LinkMode.Up;
        _time.Advance(ExternalCommandJournal.Lease + TimeSpan.FromSeconds(1));
        Assert.Equal(1, await RecoverAsync());

        Assert.Equal("12.34", await _host.AvailableAsync(wallet));
        Assert.Equal(1, await LedgerTransactionCountAsync());
    }

    [Fact]
    public async Task Recovery_of_a_command_the_ledger_now_refuses_frees_its_key()
    {
        var alice = await _host.CreateWalletAsync();
        var bob = await _host.CreateWalletAsync();
        await _host.PayInAsync(alice, "100.00");
        var key = _host.NewKey();

        _link.Mode = LinkMode.Down;
        (await _host.PostAsync("/v1/transfers", new { sourceWalletId = alice, destinationWalletId = bob, amount = "50.00", currency = "USD" }, key))
            .AssertRejected(HttpStatusCode.ServiceUnavailable, "UNAVAILABLE");
        _link.Mode = LinkMode.Up;
        Assert.Equal(HttpStatusCode.Created, (await _host.PostAsync("/v1/transfers", new { sourceWalletId = alice, destinationWalletId = bob, amount = "80.00", currency = "USD" })).Status);

        _time.Advance(ExternalCommandJournal.Lease + TimeSpan.FromSeconds(1));
        Assert.Equal(1, await RecoverAsync());

        Assert.Equal(0, await CommandRowsAsync(key));
        Assert.Equal("20.00", await _host.AvailableAsync(alice));
        Assert.Equal("80.00", await _host.AvailableAsync(bob));
    }

    private Task<int> RecoverAsync() => _host.Factory.Services.GetRequiredService<PendingCommandRecovery>().RecoverOnceAsync(CancellationToken.None);

    private async Task<long> LedgerTransactionCountAsync()
    {
        await using var command = _ledgerDatabase.CreateCommand("select count(*) from ledger.transactions where ledger = 'main'");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<long> CommandRowsAsync(string key)
    {
        await using var command = _host.Database.CreateCommand("select count(*) from core.commands where idempotency_key = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = key });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<string?> CommandStatusAsync(string key)
    {
        await using var command = _host.Database.CreateCommand("select status from core.commands where idempotency_key = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = key });
        return (string?)await command.ExecuteScalarAsync();
    }

    /// <summary>
    /// Every completed command that posted names exactly one ledger transaction, which names it back (two databases
    /// here); a posting the journal compensated (reverted, then refused its command) belongs to no command.
    /// </summary>
    private async Task<List<string>> CommandsWithoutTheirOneLedgerTransactionAsync()
    {
        var postedBy = new Dictionary<string, List<long>>();
        await using (var command = _ledgerDatabase.CreateCommand(
            """
            select t.metadata ->> 'walletflow_command_id', t.id from ledger.transactions t
            where t.ledger = 'main' and t.metadata ? 'walletflow_command_id'
              and not exists (
                select from ledger.transactions c
                where c.ledger = t.ledger and c.metadata ->> 'walletflow_compensates_command_id' = t.metadata ->> 'walletflow_command_id'
                  and c.metadata ->> 'com.formance.spec/state/reverts' = t.id::text)
            """))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                (postedBy.TryGetValue(reader.GetString(0), out var ids) ? ids : postedBy[reader.GetString(0)] = []).Add(reader.GetInt64(1));
            }
        }

        var problems = new List<string>();
        await using (var command = _host.Database.CreateCommand("select id, ledger_transaction_id from core.commands where status = 'completed' and ledger_transaction_id is not null"))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                var id = reader.GetString(0);
                if (!postedBy.Remove(id, out var ids) || ids.Count != 1 || ids[0] != reader.GetInt64(1))
                {
                    problems.Add($"command {id} is not in the ledger exactly once");
                }
            }
        }

        problems.AddRange(postedBy.Keys.Select(id => $"ledger transaction of unknown command {id}"));
        return problems;
    }

    private enum LinkMode
    {
        Up,
        Down,
        AnswerLost,
    }

    /// <summary>The wire to the ledger: up, down before a write reaches it, or losing a write's answer after the ledger committed it.</summary>
    private sealed class LedgerLink : DelegatingHandler
    {
        public LinkMode Mode { get; set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var write = request.Method == HttpMethod.Post;
            if (write && Mode == LinkMode.Down)
            {
                throw new HttpRequestException("The link to the ledger is down.");
            }

            var response = await base.SendAsync(request, cancellationToken);
            if (write && Mode == LinkMode.AnswerLost)
            {
                response.Dispose();
                throw new HttpRequestException("The ledger's answer was lost.");
            }

            return response;
        }
    }
}
