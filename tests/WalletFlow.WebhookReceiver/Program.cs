using System.Collections.Concurrent;
using Microsoft.Extensions.Primitives;
using StandardWebhooks;
using StandardWebhooks.Diagnostics;

// A partner's webhook endpoint, several at once by name, for the tests: each checks the Standard Webhooks signature
// with the StandardWebhooks library, answers as the test scripted it (fail, hang, then succeed) and remembers every
// attempt, so a test can ask what a partner that deduplicates by webhook-id would have seen. Prints "ready" once it
// listens; stdout carries nothing else (logs go to stderr).
var builder = WebApplication.CreateBuilder(args);
builder.Logging.ClearProviders();
builder.Logging.AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
var app = builder.Build();
var endpoints = new ConcurrentDictionary<string, PartnerEndpoint>(StringComparer.Ordinal);

app.MapPut("/endpoints/{name}", (string name, EndpointSettings settings) =>
{
    if (settings.Secrets is not { Count: > 0 })
    {
        return Results.BadRequest("secrets: at least one whsec_ secret");
    }

    try
    {
        endpoints[name] = new PartnerEndpoint(settings);
    }
    catch (FormatException)
    {
        return Results.BadRequest("secrets: each is whsec_ followed by base64");
    }

    return Results.NoContent();
});

app.MapPost("/hooks/{name}", async (string name, HttpRequest request) =>
{
    if (!endpoints.TryGetValue(name, out var endpoint))
    {
        return Results.NotFound();
    }

    using var reader = new StreamReader(request.Body);
    var body = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
    var id = request.Headers["webhook-id"].ToString();
    if (!endpoint.Verifies(body, request.Headers))
    {
        endpoint.Record(id, verified: false, StatusCodes.Status401Unauthorized, body);
        return Results.Unauthorized();
    }

    var answer = endpoint.Admit(id, body);
    if (answer is not null)
    {
        return Results.StatusCode(answer.Value);
    }

    // Hangs until the dispatcher gives up and closes the connection.
    await Task.Delay(Timeout.Infinite, request.HttpContext.RequestAborted).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);

    return Results.Empty;
});

app.MapGet("/hooks/{name}/received", (string name) =>
    endpoints.TryGetValue(name, out var endpoint) ? Results.Ok(endpoint.Received()) : Results.NotFound());

app.Lifetime.ApplicationStarted.Register(() => Console.WriteLine("ready"));
await app.RunAsync();

internal sealed record EndpointSettings(IReadOnlyList<string>? Secrets, int FailTimes = 0, int FailStatus = 500, int HangTimes = 0);

internal sealed record Attempt(string Id, bool Verified, int? Status, bool Hung, string Body, DateTimeOffset ReceivedAt);

internal sealed record Received(IReadOnlyList<Attempt> Attempts, IReadOnlyList<string> Delivered, int Duplicates);

/// <summary>One named endpoint's secrets, script and records; every change happens under one lock.</summary>
internal sealed class PartnerEndpoint(EndpointSettings settings)
{
    private readonly IReadOnlyList<StandardWebhook> _webhooks = [.. settings.Secrets!.Select(secret => new StandardWebhook(secret))];
    private readonly Lock _gate = new();
    private readonly List<Attempt> _attempts = [];
    private readonly List<string> _delivered = [];
    private readonly HashSet<string> _deliveredIds = new(StringComparer.Ordinal);
    private int _verifiedAttempts;
    private int _duplicates;

    /// <summary>
    /// True when any secret verifies any one of the signatures. Each signature is verified alone: StandardWebhooks
    /// 1.1.2 looks only at the first entry of a header that carries several, and a sender rotating its secret may put
    /// the one this partner holds second.
    /// </summary>
    public bool Verifies(string body, IHeaderDictionary headers)
    {
        var signatures = headers["webhook-signature"].ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        foreach (var signature in signatures)
        {
            var single = new HeaderDictionary
            {
                ["webhook-id"] = headers["webhook-id"],
                ["webhook-timestamp"] = headers["webhook-timestamp"],
                ["webhook-signature"] = new StringValues(signature),
            };
            foreach (var webhook in _webhooks)
            {
                try
                {
                    webhook.Verify(body, single);
                    return true;
                }
                catch (WebhookVerificationException)
                {
                    // Not this secret, or not this signature: the next pair may match.
                }
            }
        }

        return false;
    }

    public void Record(string id, bool verified, int status, string body)
    {
        lock (_gate)
        {
            _attempts.Add(new Attempt(id, verified, status, Hung: false, body, DateTimeOffset.UtcNow));
        }
    }

    /// <summary>
    /// Records a verified attempt and decides its answer: the status to send, or null to hang until the client gives up.
    /// Recorded before the answer leaves, so a client that has its answer finds the attempt listed; a hung attempt is
    /// marked as such at once, not when the server notices the client leave, which may come after the next attempt.
    /// </summary>
    public int? Admit(string id, string body)
    {
        lock (_gate)
        {
            _verifiedAttempts++;
            int? answer = _verifiedAttempts <= settings.FailTimes ? settings.FailStatus
                : _verifiedAttempts <= settings.FailTimes + settings.HangTimes ? null
                : StatusCodes.Status204NoContent;
            _attempts.Add(new Attempt(id, Verified: true, answer, Hung: answer is null, body, DateTimeOffset.UtcNow));
            if (answer is >= 200 and < 300)
            {
                if (_deliveredIds.Add(id))
                {
                    _delivered.Add(id);
                }
                else
                {
                    _duplicates++;
                }
            }

            return answer;
        }
    }

    public Received Received()
    {
        lock (_gate)
        {
            return new Received([.. _attempts], [.. _delivered], _duplicates);
        }
    }
}
