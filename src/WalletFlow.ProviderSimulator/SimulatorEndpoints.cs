namespace WalletFlow.ProviderSimulator;

/// <summary>
/// The provider's API (<c>POST /payouts</c>, <c>GET /payouts/{reference}</c>) and the simulator's controls
/// (<c>/simulator/…</c>). A reference's behaviour shapes its submit; its requeries answer from the books, so an
/// ambiguous submit (a 502, a timeout, garbage) is resolved by asking again, as with a real provider. The
/// <c>X-Simulator-Behaviour</c> header overrides the behaviour for that one call, submit or requery.
/// </summary>
public static class SimulatorEndpoints
{
    public const string BehaviourHeader = "X-Simulator-Behaviour";
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    public const string DefaultReference = "default";

    public static IEndpointRouteBuilder MapSimulator(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/payouts", SubmitAsync);
        endpoints.MapGet("/payouts/{reference}", RequeryAsync);
        endpoints.MapPost("/simulator/behaviours/{reference}", (string reference, BehaviourRequest request, PayoutBook book) =>
        {
            var setting = new BehaviourSetting(
                request.Behaviour, request.Requeries ?? 2, request.DelayMilliseconds is { } delay ? TimeSpan.FromMilliseconds(delay) : null, request.Callbacks ?? CallbackMode.None);
            if (reference == DefaultReference)
            {
                book.Default = setting;
            }
            else
            {
                book.Choose(reference, setting);
            }

            return Results.NoContent();
        });
        endpoints.MapGet("/simulator/references/{reference}", (string reference, PayoutBook book) =>
            Results.Ok(new { reference, submits = book.SubmitsOf(reference), payout = book.Find(reference)?.Current() }));
        endpoints.MapPost("/simulator/payouts/{reference}/complete", async (string reference, CompletionRequest request, PayoutBook book, CallbackSender callbacks, CancellationToken cancellationToken) =>
        {
            if (request.Status == PayoutStatus.Pending)
            {
                return Results.BadRequest(new ProviderError("a_payout_completes_as_paid_or_failed"));
            }

            if (book.Find(reference) is not { } payout)
            {
                return Results.NotFound(new ProviderError("payout_not_found"));
            }

            var answer = payout.Complete(request.Status, request.Reason);
            return Results.Ok(new { payout = answer, callbacks = await callbacks.AnnounceAsync(payout, cancellationToken) });
        });
        return endpoints;
    }

    private static async Task<IResult> SubmitAsync(HttpContext context, PayoutRequest request, PayoutBook book, CallbackSender callbacks)
    {
        if (context.Request.Headers[IdempotencyKeyHeader] != request.Reference)
        {
            return Results.BadRequest(new ProviderError("idempotency_key_must_equal_reference"));
        }

        book.CountSubmit(request.Reference);
        var setting = Override(context) ?? book.BehaviourOf(request.Reference);
        if (setting.Behaviour == Behaviour.NeverAnswers)
        {
            return await HangAsync(context);
        }

        if (setting.Behaviour == Behaviour.Down)
        {
            return Unavailable();
        }

        var (payout, conflict) = book.Accept(request, setting);
        if (conflict)
        {
            return Results.Conflict(new ProviderError("reference_reused_with_another_payout"));
        }

        callbacks.AnnounceLater(payout!);
        return await AnswerAsync(context, setting, payout!.Current());
    }

    private static async Task<IResult> RequeryAsync(HttpContext context, string reference, PayoutBook book, CallbackSender callbacks)
    {
        var setting = Override(context);
        if (setting?.Behaviour == Behaviour.NeverAnswers)
        {
            return await HangAsync(context);
        }

        if ((setting ?? book.BehaviourOf(reference)).Behaviour == Behaviour.Down)
        {
            return Unavailable();
        }

        if (book.Find(reference) is not { } payout)
        {
            return Results.NotFound(new ProviderError("payout_not_found"));
        }

        var answer = payout.Requery();
        callbacks.AnnounceLater(payout);
        return setting is null ? Results.Ok(answer) : await AnswerAsync(context, setting, answer);
    }

    /// <summary>The answer as the behaviour shapes it; the payout itself is already in the books.</summary>
    private static async Task<IResult> AnswerAsync(HttpContext context, BehaviourSetting setting, PayoutAnswer answer)
    {
        switch (setting.Behaviour)
        {
            case Behaviour.BadGateway:
                return Results.Text("<html><body>502 Bad Gateway</body></html>", "text/html", statusCode: StatusCodes.Status502BadGateway);
            case Behaviour.Garbage:
                return Results.Text("<html><body>Service temporarily unavailable</body></html>", "text/html");
            case Behaviour.Timeout or Behaviour.Slow:
                await Task.Delay(setting.DelayOrDefault, context.RequestAborted);
                return Results.Ok(answer);
            default:
                return Results.Ok(answer);
        }
    }

    /// <summary>Holds the request open until the caller gives up.</summary>
    private static async Task<IResult> HangAsync(HttpContext context)
    {
        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, context.RequestAborted);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The caller gave up, which is all this behaviour waits for.
        }

        return Results.Empty;
    }

    private static IResult Unavailable() => Results.Json(new ProviderError("service_unavailable"), statusCode: StatusCodes.Status503ServiceUnavailable);

    private static BehaviourSetting? Override(HttpContext context) =>
        Enum.TryParse<Behaviour>(context.Request.Headers[BehaviourHeader], ignoreCase: true, out var behaviour) ? new BehaviourSetting(behaviour) : null;
}
