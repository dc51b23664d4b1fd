using System.Net;
using Grpc.Health.V1;
using WalletFlow.Api.Grpc.Contracts;
using WalletFlow.Tests.Infrastructure;

namespace WalletFlow.Tests.Grpc;

/// <summary>The gRPC wire protocol as Kestrel serves it, driven by a raw HTTP/2 client: framing, statuses, deadlines, content type.</summary>
public sealed class GrpcWireTests(PostgresFixture postgres) : IAsyncLifetime
{
    private const string Check = "/grpc.health.v1.Health/Check";
    private GrpcApi _api = null!;
    private GrpcWireClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        _api = await GrpcApi.StartAsync(postgres, nameof(GrpcWireTests));
        _client = _api.Client();
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _api.DisposeAsync();
    }

    [Fact]
    public async Task The_health_check_answers_serving_for_the_server_and_its_services()
    {
        foreach (var service in new[] { "", "grpc.health.v1.Health", "walletflow.v1.LedgerReads" })
        {
            var reply = await _client.CallAsync(Check, new HealthCheckRequest { Service = service });

            Assert.Equal(HttpStatusCode.OK, reply.HttpStatus);
            Assert.Equal("application/grpc", reply.ContentType);
            Assert.Equal(0, reply.Status);
            Assert.True(reply.StatusInTrailers);
            Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, reply.Single(HealthCheckResponse.Parser).Status);
        }
    }

    [Fact]
    public async Task The_health_check_answers_not_found_for_an_unknown_service_in_a_trailers_only_reply()
    {
        var reply = await _client.CallAsync(Check, new HealthCheckRequest { Service = "walletflow.v1.Nothing" });

        Assert.Equal(5, reply.Status);
        Assert.False(reply.StatusInTrailers);
        Assert.Empty(reply.Messages);
        Assert.StartsWith("NOT_FOUND: ", reply.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_method_is_unimplemented()
    {
        var reply = await _client.CallAsync("/walletflow.v1.LedgerReads/Transfer", new HealthCheckRequest());

        Assert.Equal(HttpStatusCode.OK, reply.HttpStatus);
        Assert.Equal(12, reply.Status);
        Assert.Contains("/walletflow.v1.LedgerReads/Transfer", reply.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_truncated_frame_is_an_internal_error_and_the_server_serves_the_next_call()
    {
        var frame = GrpcWireClient.Frame(new HealthCheckRequest { Service = "walletflow.v1.LedgerReads" });

        var truncated = await _client.SendAsync(Check, frame[..^3]);
        var prefixOnly = await _client.SendAsync(Check, frame[..3]);
        var next = await _client.CallAsync(Check, new HealthCheckRequest());

        Assert.Equal(13, truncated.Status);
        Assert.Contains("Incomplete message", truncated.Message, StringComparison.Ordinal);
        Assert.Equal(13, prefixOnly.Status);
        Assert.Equal(0, next.Status);
    }

    [Fact]
    public async Task A_frame_longer_than_the_limit_is_refused_as_resource_exhausted_without_being_read()
    {
        byte[] oversized = [0, 0x7F, 0xFF, 0xFF, 0xFF, 1, 2, 3];

        var reply = await _client.SendAsync(Check, oversized);
        var next = await _client.CallAsync(Check, new HealthCheckRequest());

        Assert.Equal(8, reply.Status);
        Assert.Equal(0, next.Status);
    }

    [Fact]
    public async Task A_compressed_frame_without_an_encoding_is_an_internal_error()
    {
        var frame = GrpcWireClient.Frame(new HealthCheckRequest());
        frame[0] = 1;

        var reply = await _client.SendAsync(Check, frame);

        Assert.Equal(13, reply.Status);
        Assert.Contains("compressed", reply.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_compression_the_server_does_not_support_is_unimplemented()
    {
        var reply = await _client.CallAsync(Check, new HealthCheckRequest(), new Dictionary<string, string> { ["grpc-encoding"] = "gzip" });

        Assert.Equal(12, reply.Status);
    }

    [Fact]
    public async Task A_request_without_a_message_or_with_bytes_that_are_not_the_message_is_an_internal_error()
    {
        var empty = await _client.SendAsync(Check, []);
        var garbage = await _client.SendAsync(Check, [0, 0, 0, 0, 3, 0xFF, 0xFF, 0xFF]);

        Assert.Equal(13, empty.Status);
        Assert.Equal(13, garbage.Status);
    }

    [Fact]
    public async Task An_expired_deadline_is_deadline_exceeded()
    {
        var reply = await _client.CallAsync(
            "/walletflow.v1.LedgerReads/GetAccount",
            new GetAccountRequest { Address = "users:alice" },
            new Dictionary<string, string> { ["grpc-timeout"] = "1n" });

        Assert.Equal(4, reply.Status);
        Assert.Empty(reply.Messages);
    }

    [Fact]
    public async Task A_generous_deadline_lets_the_call_finish()
    {
        var reply = await _client.CallAsync(Check, new HealthCheckRequest(), new Dictionary<string, string> { ["grpc-timeout"] = "30S" });

        Assert.Equal(0, reply.Status);
    }

    [Fact]
    public async Task A_deadline_too_far_away_to_schedule_is_no_deadline()
    {
        var reply = await _client.CallAsync(Check, new HealthCheckRequest(), new Dictionary<string, string> { ["grpc-timeout"] = "99999999H" });

        Assert.Equal(0, reply.Status);
    }

    [Fact]
    public async Task A_request_that_is_not_grpc_is_refused_with_http_415()
    {
        var frame = GrpcWireClient.Frame(new HealthCheckRequest());

        var json = await _client.SendAsync(Check, frame, contentType: "application/json");
        var proto = await _client.SendAsync(Check, frame, contentType: "application/grpc+proto");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, json.HttpStatus);
        Assert.Null(json.Status);
        Assert.Equal(0, proto.Status);
    }

    [Fact]
    public async Task A_hundred_concurrent_calls_on_one_connection_all_succeed()
    {
        var replies = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => _client.CallAsync(Check, new HealthCheckRequest())));

        Assert.All(replies, reply => Assert.Equal(0, reply.Status));
    }

    [Fact]
    public async Task The_rest_endpoint_keeps_serving_http_1_1_and_the_grpc_port_refuses_it()
    {
        using var http = new HttpClient();

        using var rest = await http.GetAsync(new Uri(_api.RestAddress, "/health"));
        using var grpcPort = await http.GetAsync(new Uri(_api.GrpcAddress, "/health"));

        Assert.Equal(HttpStatusCode.OK, rest.StatusCode);
        Assert.Equal(HttpVersion.Version11, rest.Version);
        Assert.False(grpcPort.IsSuccessStatusCode);
    }

    [Fact]
    public async Task The_health_watch_streams_the_status_until_the_deadline_ends_it()
    {
        var reply = await _client.CallAsync("/grpc.health.v1.Health/Watch", new HealthCheckRequest(), new Dictionary<string, string> { ["grpc-timeout"] = "300m" });

        Assert.Equal(4, reply.Status);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, reply.Single(HealthCheckResponse.Parser).Status);
    }
}
