using WalletFlow.Application.Commands;
using WalletFlow.Domain.Errors;
using WalletFlow.Domain.Ids;

namespace WalletFlow.Application.Statements;

/// <summary>The rebuilds as operators read them.</summary>
public sealed class StatementQueries(IStatementRebuilds rebuilds)
{
    public const int RecentCount = 20;

    public async Task<StatementRebuildListData> ListRebuildsAsync(CancellationToken cancellationToken) => new(await rebuilds.ListAsync(RecentCount, cancellationToken));

    public async Task<Result<StatementRebuildData>> GetRebuildAsync(string? rebuildId, CancellationToken cancellationToken)
    {
        var fields = new RequestValidator();
        var id = fields.Read(CommandId.Parse(rebuildId), "rebuildId");
        if (fields.Failed(out var error))
        {
            return error;
        }

        return await rebuilds.FindAsync(id.ToString(), cancellationToken) is { } found
            ? found
            : new Error(ErrorCodes.NotFound, $"No statement rebuild has the id {id}.", "rebuildId");
    }
}

/// <summary>The latest statement rebuilds, newest first.</summary>
public sealed record StatementRebuildListData(IReadOnlyList<StatementRebuildData> Items);
