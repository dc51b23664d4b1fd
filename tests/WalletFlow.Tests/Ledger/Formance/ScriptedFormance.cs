using System.Net;
using System.Text;

namespace WalletFlow.Tests.Ledger.Formance;

/// <summary>
/// A stand-in for Formance that answers from a script, one answer per request, and records what it was sent: for
/// the adapter's request building and its retry and timeout policy, which a real server cannot be made to fail on cue.
/// </summary>
internal sealed class ScriptedFormance : HttpMessageHandler
{
    private readonly Queue<Func<CancellationToken, Task<HttpResponseMessage>>> _answers = new();

    public List<RecordedRequest> Requests { get; } = [];

    public ScriptedFormance Answer(HttpStatusCode status, string json = "", params (string Name, string Value)[] headers)
    {
        _answers.Enqueue(_ =>
        {
            var response = new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
            foreach (var (name, value) in headers)
            {
                response.Headers.Add(name, value);
            }

            return Task.FromResult(response);
        });
        return this;
    }

    public ScriptedFormance Hang()
    {
        _answers.Enqueue(async cancellationToken =>
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        });
        return this;
    }

    public ScriptedFormance Refuse()
    {
        _answers.Enqueue(_ => throw new HttpRequestException("Connection refused"));
        return this;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        Requests.Add(new RecordedRequest(request.Method, request.RequestUri!, request.Headers.TryGetValues("Idempotency-Key", out var keys) ? keys.Single() : null, body));
        return _answers.Count == 0
            ? throw new InvalidOperationException($"No answer scripted for {request.Method} {request.RequestUri}")
            : await _answers.Dequeue()(cancellationToken);
    }

    public sealed record RecordedRequest(HttpMethod Method, Uri Uri, string? IdempotencyKey, string? Body);
}
