namespace WalletFlow.Ledger.Formance;

/// <summary>
/// Formance answered in a way no caller can act on (a 5xx after the retries, a body that is not Formance's, an error
/// code WalletFlow does not know): an outage or a bug, never an expected failure, so it is thrown rather than returned.
/// </summary>
public sealed class FormanceLedgerException : Exception
{
    public FormanceLedgerException()
    {
    }

    public FormanceLedgerException(string message)
        : base(message)
    {
    }

    public FormanceLedgerException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
