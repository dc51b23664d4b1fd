using WalletFlow.Application.Commands;
using WalletFlow.Domain.Errors;
using WalletFlow.Persistence.Commands;

namespace WalletFlow.Persistence.Fx;

/// <summary>The rows a command writes to <c>core.fx_quotes</c>.</summary>
internal static class QuoteRows
{
    public static ChangeStatement Issue(IssueQuote quote) => new(ChangeStatement.Sql(
        """
        insert into core.fx_quotes (id, sell_wallet_id, buy_wallet_id, sell_amount, buy_amount, rate, expires_at, created_at)
        values ($1, $2, $3, $4, $5, $6, $7, $8)
        """,
        quote.QuoteId, quote.SellWalletId, quote.BuyWalletId, quote.SellAmount, quote.BuyAmount, quote.Rate, quote.ExpiresAt, quote.CreatedAt));

    /// <summary>A quote is booked once: a deal that finds it booked by another is refused.</summary>
    public static ChangeStatement Book(BookQuote book, PlannedCommand command) => new(
        ChangeStatement.Sql("update core.fx_quotes set booked_by_command_id = $2 where id = $1 and booked_by_command_id is null", book.QuoteId, command.Id.ToString()),
        WhenUnchanged: () => new Error(ErrorCodes.FxQuoteUsed, $"Quote {book.QuoteId} was booked by another deal first; ask for a new quote.", "quoteId"));
}
