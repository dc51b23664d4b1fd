using System.Text.Json.Nodes;
using WalletFlow.Tests.Infrastructure;

namespace WalletFlow.Tests.Ledger.Formance;

/// <summary>
/// Formance's official TypeScript client (<c>@formance/formance-sdk</c>, pinned in tests/interop/formance-sdk),
/// unchanged, against the whole system under the AppHost (the API behind Aspire's proxy): it must create a ledger,
/// post Numscript, read the balances back, count transactions and accounts, read the ledger, its storage and the
/// server, sum the whole ledger, list the ledgers and the volumes, send a bulk and an atomic bulk that fails, and see an insufficient-funds refusal, an unknown ledger and an unserved route as
/// typed errors, exactly as it would from Formance.
/// </summary>
[Collection(AppHostCollection.Name)]
public sealed class FormanceSdkInteropTests(AppHostFixture apphost)
{
    private static readonly NodeProject Project = new("formance-sdk");

    [Fact]
    public async Task The_official_Formance_client_works_against_the_API_unchanged()
    {
        await Project.EnsureInstalledAsync("@formance/formance-sdk");

        var run = await Project.RunAsync("node", ["ledger-roundtrip.mjs", apphost.ApiAddress.ToString().TrimEnd('/'), "sdk-interop", AppHostFixture.Token], TimeSpan.FromMinutes(2));

        Assert.True(run.ExitCode == 0, $"node exited {run.ExitCode}\n{run.Output}\n{run.Errors}");
        var result = JsonNode.Parse(run.Output.Trim().Split('\n')[^1])!;
        Assert.Equal(result["payinId"]!.ToString(), result["replayId"]!.ToString());
        Assert.True(result["replayHit"]!.GetValue<bool>());
        Assert.Equal("""[{"amount":"250","asset":"USD/2","destination":"users:bob","source":"users:alice"}]""", result["transferPostings"]!.ToJsonString());
        Assert.Equal("""{"balance":"750","input":"1000","output":"250"}""", result["alice"]!.ToJsonString());
        Assert.Equal("250", result["bob"]!["balance"]!.ToString());
        Assert.Equal("1000", result["usersBalance"]!.ToString());
        Assert.Equal(2, result["transactionCount"]!.GetValue<int>());
        Assert.Equal("2", result["transactionTotal"]!.ToString());
        Assert.Equal("3", result["accountTotal"]!.ToString());
        Assert.Equal("INSUFFICIENT_FUND", result["insufficient"]!["errorCode"]!.GetValue<string>());
        Assert.Contains("users:alice", result["insufficient"]!["errorMessage"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("sdk-interop", result["ledgerName"]!.GetValue<string>());
        Assert.Equal("_default", result["ledgerBucket"]!.GetValue<string>());
        Assert.InRange(result["ledgerAddedAt"]!.GetValue<DateTimeOffset>(), DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddMinutes(5));
        Assert.Equal("""{"name":"sdk-interop","storage":{"migrations":[]}}""", result["ledgerInfo"]!.ToJsonString());
        Assert.Equal("walletflow", result["server"]!["server"]!.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(result["server"]!["version"]!.GetValue<string>()));
        Assert.Equal("""{"USD/2":"0"}""", result["wholeLedger"]!.ToJsonString());
        Assert.True(result["ledgerListed"]!.GetValue<bool>());
        Assert.Equal(
            """[{"account":"users:alice","asset":"USD/2","balance":"750","input":"1000","output":"250"},{"account":"users:bob","asset":"USD/2","balance":"250","input":"250","output":"0"}]""",
            result["volumes"]!.ToJsonString());
        Assert.Equal("""{"status":200,"results":["CREATE_TRANSACTION","ADD_METADATA"]}""", result["bulk"]!.ToJsonString());
        Assert.Equal("""{"status":400,"errorCodes":["ROLLED_BACK","INSUFFICIENT_FUND"]}""", result["failedBulk"]!.ToJsonString());
        Assert.Equal("""{"balance":"5","metadata":{"tier":"gold"}}""", result["carol"]!.ToJsonString());
        Assert.Equal("""{"type":"ErrorsV2ErrorResponse","errorCode":"NOT_FOUND","status":404}""", result["unknownLedger"]!.ToJsonString());
        Assert.Equal("""{"type":"ErrorsV2ErrorResponse","errorCode":"NOT_FOUND","status":404}""", result["unserved"]!.ToJsonString());
    }
}
