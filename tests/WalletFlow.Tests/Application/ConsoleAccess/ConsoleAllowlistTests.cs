using WalletFlow.Application.ConsoleAccess;
using WalletFlow.Domain.Errors;
using WalletFlow.Tests.Infrastructure;

namespace WalletFlow.Tests.Application.ConsoleAccess;

public sealed class ConsoleAllowlistTests
{
    private static readonly AllowlistEditor TokenAdmin = new("operator token", null);

    [Theory]
    [InlineData("ada@example.com", ConsoleRole.Admin)]
    [InlineData("ADA@Example.com", ConsoleRole.Admin)]
    [InlineData("otto@example.com", ConsoleRole.Operator)]
    public async Task An_email_on_a_list_gets_its_role_whatever_its_case(string email, ConsoleRole role)
    {
        var allowlist = new ConsoleAllowlist(new MemoryStore(), new AllowlistPolicy(["otto@example.com"], ["ada@example.com"], OpenWhenEmpty: false), new AdjustableClock());

        Assert.Equal(role, (await allowlist.DecideAsync(email, CancellationToken.None)).Value);
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public async Task Empty_lists_let_anyone_in_as_an_operator_only_where_the_environment_says_so(bool openWhenEmpty, bool admitted)
    {
        var allowlist = new ConsoleAllowlist(new MemoryStore(), new AllowlistPolicy([], [], openWhenEmpty), new AdjustableClock());

        var decision = await allowlist.DecideAsync("anyone@example.com", CancellationToken.None);

        Assert.Equal(admitted, decision.IsSuccess);
        Assert.Equal(admitted ? null : ErrorCodes.EmailNotAllowed, decision.Error?.Code);
        Assert.Equal(admitted ? ConsoleRole.Operator : default, decision.IsSuccess ? decision.Value : default);
    }

    [Fact]
    public async Task Lists_that_were_saved_replace_the_seed_even_when_empty()
    {
        var store = new MemoryStore();
        var allowlist = new ConsoleAllowlist(store, new AllowlistPolicy(["otto@example.com"], ["ada@example.com"], OpenWhenEmpty: true), new AdjustableClock());

        var saved = await allowlist.SaveAsync([], [], TokenAdmin, CancellationToken.None);

        Assert.Equal(AllowlistSource.Saved, saved.Value.Source);
        Assert.True(saved.Value.IsEmpty);
        // Open in Development: empty saved lists are empty lists, not "no lists".
        Assert.Equal(ConsoleRole.Operator, (await allowlist.DecideAsync("ada@example.com", CancellationToken.None)).Value);
    }

    [Fact]
    public async Task A_save_elsewhere_is_seen_once_the_cache_lifetime_has_passed()
    {
        var store = new MemoryStore();
        var clock = new AdjustableClock();
        var policy = new AllowlistPolicy(["otto@example.com"], [], OpenWhenEmpty: false);
        var here = new ConsoleAllowlist(store, policy, clock);
        Assert.True((await here.DecideAsync("otto@example.com", CancellationToken.None)).IsSuccess);

        await new ConsoleAllowlist(store, policy, clock).SaveAsync(["olga@example.com"], [], TokenAdmin, CancellationToken.None);
        var reads = store.Reads;
        var cached = await here.DecideAsync("otto@example.com", CancellationToken.None);
        clock.Advance(ConsoleAllowlist.CacheLifetime);
        var expired = await here.DecideAsync("otto@example.com", CancellationToken.None);

        Assert.True(cached.IsSuccess);
        Assert.Equal(reads + 1, store.Reads);
        Assert.Equal(ErrorCodes.EmailNotAllowed, expired.Error?.Code);
    }

    [Fact]
    public async Task Every_bad_entry_is_named_and_nothing_is_saved()
    {
        var store = new MemoryStore();
        var allowlist = new ConsoleAllowlist(store, new AllowlistPolicy([], [], false), new AdjustableClock());

        var saved = await allowlist.SaveAsync(["ok@example.com", "no-at-sign", "two@@example.com", "x@nodot"], ["ada@example.com"], TokenAdmin, CancellationToken.None);

        Assert.Equal(ErrorCodes.EmailInvalid, saved.Error?.Code);
        Assert.Equal(AllowlistEmails.AllowedField, saved.Error?.Field);
        Assert.Equal(["no-at-sign", "two@@example.com", "x@nodot"], saved.Error!.Details.Select(detail => detail.Message.Split('\'')[1]));
        Assert.Null(store.Saved);
    }

    [Fact]
    public async Task A_person_signed_in_by_email_cannot_remove_their_own_admin_access_but_a_token_admin_can_remove_anyone()
    {
        var store = new MemoryStore();
        var allowlist = new ConsoleAllowlist(store, new AllowlistPolicy([], ["ada@example.com"], false), new AdjustableClock());

        var own = await allowlist.SaveAsync(["ada@example.com"], ["bea@example.com"], new AllowlistEditor("ada@example.com", "Ada@example.com"), CancellationToken.None);
        var kept = await allowlist.SaveAsync([], ["ada@example.com", "bea@example.com"], new AllowlistEditor("ada@example.com", "Ada@example.com"), CancellationToken.None);
        var byToken = await allowlist.SaveAsync([], ["bea@example.com"], TokenAdmin, CancellationToken.None);

        Assert.Equal(ErrorCodes.SelfLockout, own.Error?.Code);
        Assert.True(kept.IsSuccess);
        Assert.True(byToken.IsSuccess);
        Assert.Equal(["bea@example.com"], store.Saved?.Admins);
    }

    [Theory]
    [InlineData("a@example.com, b@example.com;c@example.com\nd@example.com  e@example.com", 5)]
    [InlineData("  \n , ", 0)]
    public void A_typed_list_splits_on_commas_semicolons_spaces_and_new_lines(string text, int count) =>
        Assert.Equal(count, AllowlistEmails.Split(text).Count);

    private sealed class MemoryStore : IConsoleAllowlistStore
    {
        public SavedAllowlists? Saved { get; private set; }

        public int Reads { get; private set; }

        public Task<SavedAllowlists?> ReadAsync(CancellationToken cancellationToken)
        {
            Reads++;
            return Task.FromResult(Saved);
        }

        public Task SaveAsync(SavedAllowlists lists, CancellationToken cancellationToken)
        {
            Saved = lists;
            return Task.CompletedTask;
        }
    }
}
