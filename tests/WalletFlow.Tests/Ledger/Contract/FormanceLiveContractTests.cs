using WalletFlow.Ledger;
using WalletFlow.Ledger.Formance;

namespace WalletFlow.Tests.Ledger.Contract;

/// <summary>
/// The contract against a real Formance ledger v2, through the adapter. Not part of the default run (the
/// <c>FormanceLive</c> category is filtered out by WalletFlow.Tests.runsettings); selected on purpose with
/// <c>FORMANCE_URL=http://localhost:3068 dotnet test tests/WalletFlow.Tests --filter Category=FormanceLive</c>
/// (docs/ledger.md). Selected without <c>FORMANCE_URL</c>, every test fails saying so: never a silent skip.
/// </summary>
[Trait("Category", "FormanceLive")]
public sealed class FormanceLiveContractTests(FormanceLiveContractTests.Formance formance) : LedgerContract, IClassFixture<FormanceLiveContractTests.Formance>
{
    /// <summary>Formance's own messages name the asset and the amounts, not the account or the field at fault.</summary>
    protected override bool NamesTheInputAtFault => false;

    protected override ValueTask<ILedger> ConnectAsync() => ValueTask.FromResult(formance.Ledger);

    /// <summary>The Formance ledger at <c>FORMANCE_URL</c> (everything in front of <c>/v2</c>).</summary>
    public sealed class Formance : IDisposable
    {
        public const string UrlVariable = "FORMANCE_URL";

        private readonly HttpClient _http = new();

        public Formance()
        {
            var url = Environment.GetEnvironmentVariable(UrlVariable);
            if (!Uri.TryCreate(url, UriKind.Absolute, out var baseAddress))
            {
                throw new InvalidOperationException(
                    $"The FormanceLive tests need {UrlVariable}, the address of a Formance ledger v2 (e.g. http://localhost:3068, " +
                    $"or https://<stack>/api/ledger through Formance's gateway); it is '{url}'. See docs/ledger.md.");
            }

            Ledger = new FormanceLedger(_http, new FormanceLedgerOptions(baseAddress));
        }

        public ILedger Ledger { get; }

        public void Dispose() => _http.Dispose();
    }
}
