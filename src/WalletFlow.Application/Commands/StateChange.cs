using System.Text.Json.Serialization;
using Orleans;

namespace WalletFlow.Application.Commands;

/// <summary>
/// A row of the wallet core a command writes, in the same database transaction as its claim and its ledger posting.
/// Ids are strings here because this is what is stored with a pending command; handlers build them from typed ids.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(OpenWallet), "open_wallet")]
[JsonDerivedType(typeof(ReserveHold), "reserve_hold")]
[JsonDerivedType(typeof(MoveHold), "move_hold")]
[JsonDerivedType(typeof(StartPayoutSaga), "start_payout_saga")]
[JsonDerivedType(typeof(IssueQuote), "issue_quote")]
[JsonDerivedType(typeof(BookQuote), "book_quote")]
[JsonDerivedType(typeof(SetFlag), "set_flag")]
[JsonDerivedType(typeof(RecordReversal), "record_reversal")]
[JsonDerivedType(typeof(StartStatementRebuild), "start_statement_rebuild")]
[JsonDerivedType(typeof(AddWebhookEndpoint), "add_webhook_endpoint")]
[JsonDerivedType(typeof(ReplaceWebhookSecret), "replace_webhook_secret")]
[JsonDerivedType(typeof(MoveWebhookDelivery), "move_webhook_delivery")]
[GenerateSerializer, Alias("walletflow.change"), Immutable]
public abstract record StateChange;

[GenerateSerializer, Alias("walletflow.change.open_wallet"), Immutable]
public sealed record OpenWallet(string WalletId, string MerchantId, string Currency, string? Label, DateTimeOffset CreatedAt) : StateChange;

[GenerateSerializer, Alias("walletflow.change.reserve_hold"), Immutable]
public sealed record ReserveHold(
    string HoldId, string WalletId, string Currency, long Amount, string Provider, string BankId, string? Beneficiary, DateTimeOffset CreatedAt) : StateChange;

/// <summary>Moves a hold to <see cref="To"/> only from one of <see cref="From"/>: a hold another process moved first is a conflict, not an overwrite.</summary>
[GenerateSerializer, Alias("walletflow.change.move_hold"), Immutable]
public sealed record MoveHold(string HoldId, IReadOnlyList<HoldStatus> From, HoldStatus To, string? Reason, DateTimeOffset At) : StateChange;

/// <summary>Starts the payout saga of a hold just submitted: due at once, its first step a submit to the provider.</summary>
[GenerateSerializer, Alias("walletflow.change.start_payout_saga"), Immutable]
public sealed record StartPayoutSaga(string HoldId, string Provider, DateTimeOffset At) : StateChange;

[GenerateSerializer, Alias("walletflow.change.issue_quote"), Immutable]
public sealed record IssueQuote(
    string QuoteId, string SellWalletId, string BuyWalletId, long SellAmount, long BuyAmount, decimal Rate, DateTimeOffset ExpiresAt, DateTimeOffset CreatedAt) : StateChange;

/// <summary>Marks a quote booked by this command; a quote already booked is a conflict.</summary>
[GenerateSerializer, Alias("walletflow.change.book_quote"), Immutable]
public sealed record BookQuote(string QuoteId) : StateChange;

[GenerateSerializer, Alias("walletflow.change.set_flag"), Immutable]
public sealed record SetFlag(string Flag, FlagScopeType ScopeType, string ScopeValue, bool Enabled, string? Reason, DateTimeOffset At) : StateChange;

/// <summary>Records that this command reverses <see cref="OriginalCommandId"/>; the database allows it once.</summary>
[GenerateSerializer, Alias("walletflow.change.record_reversal"), Immutable]
public sealed record RecordReversal(string OriginalCommandId) : StateChange;

/// <summary>Starts a rebuild of the statement read model, identified by this command's id; one runs at a time.</summary>
[GenerateSerializer, Alias("walletflow.change.start_statement_rebuild"), Immutable]
public sealed record StartStatementRebuild(string RebuildId, DateTimeOffset At) : StateChange;

[GenerateSerializer, Alias("walletflow.change.add_webhook_endpoint"), Immutable]
public sealed record AddWebhookEndpoint(
    string EndpointId, string MerchantId, string Url, IReadOnlyList<string> EventTypes, string? Description, string Secret, DateTimeOffset At) : StateChange;

/// <summary>Makes <see cref="Secret"/> the endpoint's signing secret; the one it replaces keeps signing until <see cref="PreviousValidUntil"/>.</summary>
[GenerateSerializer, Alias("walletflow.change.replace_webhook_secret"), Immutable]
public sealed record ReplaceWebhookSecret(string EndpointId, string Secret, DateTimeOffset PreviousValidUntil, DateTimeOffset At) : StateChange;

/// <summary>Moves a webhook delivery to <see cref="To"/> only from one of <see cref="From"/>; moved to pending, it is due at once with a fresh retry schedule.</summary>
[GenerateSerializer, Alias("walletflow.change.move_webhook_delivery"), Immutable]
public sealed record MoveWebhookDelivery(long DeliveryId, IReadOnlyList<Webhooks.WebhookDeliveryStatus> From, Webhooks.WebhookDeliveryStatus To, DateTimeOffset At) : StateChange;

/// <summary>A payout hold's life: reserved → submitted → settled or released; manual_review when the outcome is unknown.</summary>
[GenerateSerializer, Alias("walletflow.hold_status")]
public enum HoldStatus
{
    Reserved,
    Submitted,
    Settled,
    Released,
    ManualReview,
}

[GenerateSerializer, Alias("walletflow.flag_scope_type")]
public enum FlagScopeType
{
    Global,
    Merchant,
    Currency,
    Provider,
}
