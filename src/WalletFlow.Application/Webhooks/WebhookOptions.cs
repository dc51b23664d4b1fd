namespace WalletFlow.Application.Webhooks;

/// <summary>How partner webhooks are delivered (configuration section <c>Webhooks</c>).</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>
    /// Whether endpoints may be plain http or resolve to loopback, private, link-local or other non-public addresses.
    /// Off in production: a partner must not be able to make WalletFlow call into its own network (SSRF). On for
    /// development and tests, whose receivers listen on loopback.
    /// </summary>
    public bool AllowPrivateTargets { get; set; }

    /// <summary>Whether this process sends due deliveries (every API process does by default; they share the queue).</summary>
    public bool DispatchEnabled { get; set; } = true;

    /// <summary>How often an idle dispatcher looks for due deliveries.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How long an endpoint has to answer one attempt before it counts as failed.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How many deliveries one dispatcher pass leases, and sends at once.</summary>
    public int BatchSize { get; set; } = 32;

    /// <summary>How long the previous secret keeps signing after a rotation, so a receiver can switch without missing a message.</summary>
    public TimeSpan SecretOverlap { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// How long a leased delivery is kept from other dispatchers: an attempt's timeout plus room to record it. A
    /// dispatcher that dies mid-attempt delays that delivery by this much, never loses it.
    /// </summary>
    public TimeSpan Lease => AttemptTimeout + TimeSpan.FromSeconds(20);
}
