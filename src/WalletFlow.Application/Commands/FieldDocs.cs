namespace WalletFlow.Application.Commands;

/// <summary>
/// One sentence per field name used by any request, receipt or read, wherever it appears: the gRPC contract writes
/// it above every field, and a test fails when a field has none, so a new field arrives documented.
/// </summary>
public static class FieldDocs
{
    private static readonly Dictionary<string, string> Sentences = new(StringComparer.Ordinal)
    {
        ["account"] = "A ledger account address (wallets:{wallet}:available, banks:{bank}:{currency}, ...).",
        ["afterLedgerTransactionId"] = "Stream only movements after this ledger transaction id; absent: from now on.",
        ["amount"] = "The amount moved, strictly positive.",
        ["answer"] = "The provider's answer: paid, failed, pending, not_found or ambiguous.",
        ["answered"] = "Calls whose answer could be read (paid, failed, pending, not found); the rest were ambiguous.",
        ["asset"] = "Where the value sits, as a ledger account address.",
        ["assetKind"] = "Where the value sits: bank, gps_pool, stablecoin or counterparty.",
        ["at"] = "When it happened (ISO 8601).",
        ["attempts"] = "How many times the provider was called (submits and requeries together).",
        ["available"] = "What the wallet may spend now.",
        ["availableChange"] = "What this movement did to the wallet's available balance (negative: out).",
        ["balance"] = "The account's balance right after the command.",
        ["balances"] = "Every account the command touched, with its balance right after it (world left out).",
        ["bank"] = "The bank account the money moved through, as a ledger address.",
        ["bankId"] = "The bank account's id (a lowercase slug, e.g. citi).",
        ["beneficiary"] = "Who is paid, as the provider knows them; free text.",
        ["bookedByCommandId"] = "The FX deal (wtx_...) that booked this quote; absent while it is bookable.",
        ["buyAmount"] = "What the buyer receives, in the buy currency.",
        ["buyCurrency"] = "The currency bought (ISO 4217 or USDC/USDT).",
        ["buyWalletId"] = "The wallet that receives the bought currency (wal_...).",
        ["calls"] = "Calls made to the provider in the window.",
        ["circuit"] = "The provider's circuit breaker: closed, open, half_open or isolated.",
        ["claim"] = "Whose the value is, as a ledger account address.",
        ["claimKind"] = "Whose the value is: wallet, wallet_reserve, suspense, opening_balance_equity or fx_position.",
        ["coin"] = "The stablecoin (USDC or USDT).",
        ["coinAmount"] = "The stablecoins moved.",
        ["command"] = "The registry command that ran (createWallet, transfer, ...).",
        ["commandId"] = "The WalletFlow transaction id (wtx_...).",
        ["completedAt"] = "When the command completed (ISO 8601).",
        ["counterpart"] = "The account on the other side of a correction: a bank account or corrections.",
        ["counterpartyId"] = "The OTC counterparty's id (a lowercase slug).",
        ["createdAt"] = "When it was created (ISO 8601).",
        ["currency"] = "The currency (ISO 4217 code, or USDC/USDT).",
        ["cursor"] = "The cursor of the page to read, from the previous page's next; absent: the first page.",
        ["custody"] = "The custody account the stablecoins moved through, as a ledger address.",
        ["data"] = "What this command returns of its own (the wallet opened, the hold reserved, ...).",
        ["debitAmount"] = "What the wallet pays, in its own currency.",
        ["debitCurrency"] = "The paying wallet's currency.",
        ["destination"] = "The account credited.",
        ["destinationWalletId"] = "The wallet credited (wal_...).",
        ["detail"] = "What happened, in words.",
        ["direction"] = "credit or debit.",
        ["effectiveAt"] = "When it takes effect (ISO 8601); for a correction, a past date backdates it.",
        ["enabled"] = "Whether the scope may transact.",
        ["eventType"] = "The ledger event type the template records (payin, transfer, ...).",
        ["expiresAt"] = "When the quote stops being bookable (ISO 8601).",
        ["fiatAmount"] = "The fiat moved.",
        ["fiatCurrency"] = "The fiat currency (ISO 4217).",
        ["flag"] = "The feature flag (core_wallet_enabled).",
        ["funding"] = "What the funds are for, as a ledger address: equity:treasury or fx:{currency}.",
        ["held"] = "What the wallet has set aside in payout holds.",
        ["heldChange"] = "What this movement did to the wallet's held balance.",
        ["hold"] = "The payout's hold: wallet, amount, provider, bank and status.",
        ["holdId"] = "The payout hold's id (hold_...).",
        ["idempotencyKey"] = "The key the command was submitted under.",
        ["items"] = "The page's items.",
        ["kind"] = "What happened: transition, submit, requery, callback, decision or stuck.",
        ["label"] = "A name for people; optional.",
        ["lastAnswer"] = "The provider's last answer: paid, failed, pending, not_found or ambiguous.",
        ["lastCallAt"] = "When the provider was last called (ISO 8601); absent without calls.",
        ["lastDetail"] = "The provider's reason (failed) or what made the answer ambiguous.",
        ["latencyP50Milliseconds"] = "The median call's duration in milliseconds; absent without calls.",
        ["latencyP95Milliseconds"] = "The 95th percentile call's duration in milliseconds; absent without calls.",
        ["ledgerReverted"] = "Whether the ledger transaction has been reverted.",
        ["ledgerTransactionId"] = "The ledger transaction the command posted; absent when it posted nothing.",
        ["limit"] = "The page size, 1 to 100 (default 25).",
        ["merchantId"] = "The merchant that owns the wallet (a lowercase slug).",
        ["name"] = "The name it is configured under.",
        ["network"] = "The blockchain network the stablecoins are held on (a lowercase slug, e.g. ethereum).",
        ["next"] = "The cursor of the next page; absent on the last.",
        ["nextDueAt"] = "When the saga's next step is due (ISO 8601); absent once it is done.",
        ["outcome"] = "What the callback did: applied, duplicate, noted, contradicted or unknown_reference.",
        ["payoutAmount"] = "What the beneficiary receives, in the payout currency.",
        ["payoutCurrency"] = "The currency the beneficiary is paid in.",
        ["pool"] = "The GPS pool account, as a ledger address.",
        ["postings"] = "Every leg the ledger transaction posted.",
        ["provider"] = "The payment provider (a lowercase slug); guarded by the provider's feature flag scope.",
        ["providers"] = "Every configured payout provider.",
        ["purpose"] = "What the funding is for: treasury or fx_position.",
        ["quoteId"] = "The FX quote's id (fxq_...).",
        ["rate"] = "Units of the buy currency per unit of the sell currency, as exact decimal text.",
        ["reason"] = "Why, kept for the audit trail.",
        ["receipt"] = "The command's receipt, as it answered when it completed.",
        ["reference"] = "The caller's own reference, stored with the ledger transaction; optional.",
        ["reserved"] = "What the wallet holds in its rolling reserve.",
        ["reservedChange"] = "What this movement did to the wallet's rolling reserve.",
        ["reversedByCommandId"] = "The reversal (wtx_...) that undid this transaction; absent if none.",
        ["reversedCommand"] = "The command the reversal undid.",
        ["reversedCommandId"] = "The WalletFlow transaction the reversal undid (wtx_...).",
        ["reversedLedgerTransactionId"] = "The ledger transaction the reversal reverted.",
        ["reverted"] = "Whether the ledger transaction has been reverted since.",
        ["saga"] = "The payout's saga: absent until the hold is submitted.",
        ["scopeType"] = "The flag scope's kind: global, merchant, currency or provider.",
        ["scopeValue"] = "The flag scope's value: * for global, else the merchant, currency or provider.",
        ["sellAmount"] = "What the seller gives, in the sell currency.",
        ["sellCurrency"] = "The currency sold (the sell wallet's currency for a quote).",
        ["sellWalletId"] = "The wallet that pays the sold currency (wal_...).",
        ["source"] = "The account debited.",
        ["sourceWalletId"] = "The wallet debited (wal_...).",
        ["status"] = "Where it stands (a command: completed; a hold: reserved, submitted, settled, released or manual_review).",
        ["step"] = "What the saga does next: submit, requery, settle, release, review, or done.",
        ["stuckSince"] = "When the hold was found still reserved past the stuck threshold; absent if it never was.",
        ["successRate"] = "The share of calls answered, 0 to 1; absent without calls.",
        ["timeline"] = "Every transition of the hold, provider call, callback and saga decision, oldest first.",
        ["transactionId"] = "A WalletFlow transaction id (wtx_...).",
        ["updatedAt"] = "When it last changed (ISO 8601).",
        ["walletId"] = "The wallet's id (wal_...).",
        ["windowSeconds"] = "How far back the figures look, in seconds.",
    };

    /// <summary>The sentence for a field, by its JSON name; a minor-units form of an amount gets its amount's sentence and its unit.</summary>
    public static string? Describe(string jsonName)
    {
        ArgumentNullException.ThrowIfNull(jsonName);
        if (Sentences.TryGetValue(jsonName, out var sentence))
        {
            return sentence;
        }

        return jsonName.EndsWith("Minor", StringComparison.Ordinal) && Sentences.TryGetValue(jsonName[..^"Minor".Length], out var amount)
            ? $"{amount} In minor units of the currency (an integer: 1250 is 12.50 USD)."
            : null;
    }
}
