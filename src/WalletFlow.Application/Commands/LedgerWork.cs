using System.Text.Json.Serialization;
using Orleans;

namespace WalletFlow.Application.Commands;

/// <summary>What a command asks of the ledger: one transaction, posted from a bundled template or reverting an earlier one.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(PostTemplate), "post_template")]
[JsonDerivedType(typeof(RevertTransaction), "revert")]
[GenerateSerializer, Alias("walletflow.ledger_work"), Immutable]
public abstract record LedgerWork;

/// <summary>
/// Runs a bundled Numscript template with its variables in Formance's string forms. <see cref="EffectiveAt"/> backdates
/// the transaction (corrections); <see cref="Metadata"/> is added to what the template sets.
/// </summary>
[GenerateSerializer, Alias("walletflow.ledger_work.post_template"), Immutable]
public sealed record PostTemplate(
    string Template,
    IReadOnlyDictionary<string, string> Vars,
    IReadOnlyDictionary<string, string> Metadata,
    DateTimeOffset? EffectiveAt = null) : LedgerWork;

/// <summary>Reverts every leg of a ledger transaction at once; the ledger refuses a second reversal.</summary>
[GenerateSerializer, Alias("walletflow.ledger_work.revert"), Immutable]
public sealed record RevertTransaction(long LedgerTransactionId, IReadOnlyDictionary<string, string> Metadata) : LedgerWork;
