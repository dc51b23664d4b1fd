using WalletFlow.Ledger;

namespace WalletFlow.Api.WalletCore;

/// <summary>Creates the wallet core's ledger if it does not exist yet, after the migrations and before the first request.</summary>
internal sealed class EnsureLedgerOnStartup(ILedger ledger, WalletCoreOptions options) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var created = await ledger.CreateLedgerAsync(options.LedgerName, cancellationToken);
        if (!created.IsSuccess)
        {
            throw new InvalidOperationException($"The ledger '{options.LedgerName}' could not be created: {created.Error}");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
