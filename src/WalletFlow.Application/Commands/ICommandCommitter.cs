using WalletFlow.Domain.Errors;

namespace WalletFlow.Application.Commands;

/// <summary>
/// Commits a planned command where its partition serializes it: a wallet's commands in the wallet's grain (group
/// commit), a hold's in the hold's grain, the rest straight to the journal. WalletFlow.Grains implements it on Orleans;
/// a commit that cannot reach its grain answers <c>UNAVAILABLE</c> (retry with the same key).
/// </summary>
public interface ICommandCommitter
{
    Task<Result<CommandOutcome>> CommitAsync(PlannedCommand command, CancellationToken cancellationToken);
}
