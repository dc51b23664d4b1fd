using System.Net;
using System.Text.Json;
using WalletFlow.Application.Webhooks;

namespace WalletFlow.Tests.Application.Webhooks;

/// <summary>The pure rules of partner webhooks: which addresses are public, the retry schedule, and what a payload carries.</summary>
public sealed class WebhookRulesTests
{
    [Theory]
    [InlineData("8.8.8.8", true)]
    [InlineData("1.1.1.1", true)]
    [InlineData("2606:4700:4700::1111", true)]
    [InlineData("127.0.0.1", false)]
    [InlineData("127.8.9.10", false)]
    [InlineData("0.0.0.0", false)]
    [InlineData("10.0.0.1", false)]
    [InlineData("172.16.0.1", false)]
    [InlineData("172.31.255.255", false)]
    [InlineData("172.32.0.1", true)]
    [InlineData("192.168.0.1", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("100.64.0.1", false)]
    [InlineData("198.18.0.1", false)]
    [InlineData("224.0.0.1", false)]
    [InlineData("255.255.255.255", false)]
    [InlineData("::1", false)]
    [InlineData("::", false)]
    [InlineData("fe80::1", false)]
    [InlineData("fd12:3456::1", false)]
    [InlineData("ff02::1", false)]
    [InlineData("2001:db8::1", false)]
    [InlineData("::ffff:127.0.0.1", false)]
    [InlineData("::ffff:10.1.2.3", false)]
    [InlineData("::ffff:8.8.4.4", true)]
    public void Only_public_addresses_are_webhook_targets(string address, bool isPublic) =>
        Assert.Equal(isPublic, WebhookTargets.IsPublic(IPAddress.Parse(address)));

    [Fact]
    public void The_schedule_retries_at_once_then_at_2s_8s_30s_and_2min_backs_off_to_a_day_then_gives_up()
    {
        var waits = Enumerable.Range(1, RetrySchedule.Attempts).Select(RetrySchedule.After).ToList();

        Assert.Equal([TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2)], waits.Take(4).Select(wait => wait!.Value));
        Assert.Equal(TimeSpan.FromDays(1), waits[^2]);
        Assert.Null(waits[^1]);
        Assert.All(waits.Take(RetrySchedule.Attempts - 1).Zip(waits.Skip(1).Take(RetrySchedule.Attempts - 2)), pair => Assert.True(pair.Second > pair.First));
    }

    [Fact]
    public void A_payload_shares_the_command_and_its_data_but_not_the_callers_key_nor_the_balances()
    {
        const string receipt = """
            {"commandId":"wtx_1","command":"transfer","idempotencyKey":"caller-key","status":"completed","ledgerTransactionId":7,
             "postings":[{"source":"wallets:a:available"}],"balances":[{"account":"wallets:a:available","balance":"1.00"}],
             "data":{"sourceWalletId":"a","destinationWalletId":"b","amount":"1.00"},"completedAt":"2026-12-07T10:00:00Z"}
            """;

        using var body = JsonDocument.Parse(WebhookPayload.Body("transfer.completed", new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero), receipt));

        Assert.Equal("transfer.completed", body.RootElement.GetProperty("type").GetString());
        Assert.Equal("2026-12-07T10:00:00.000000Z", body.RootElement.GetProperty("timestamp").GetString());
        var data = body.RootElement.GetProperty("data");
        Assert.Equal(["commandId", "command", "status", "ledgerTransactionId", "data", "completedAt"], data.EnumerateObject().Select(property => property.Name));
        Assert.Equal("b", data.GetProperty("data").GetProperty("destinationWalletId").GetString());
    }

    [Fact]
    public void A_secret_is_whsec_and_32_random_bytes_in_base64()
    {
        var secret = WebhookSecret.New();

        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Assert.Equal(32, Convert.FromBase64String(secret["whsec_".Length..]).Length);
        Assert.NotEqual(secret, WebhookSecret.New());
    }
}
