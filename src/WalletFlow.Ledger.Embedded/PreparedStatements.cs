using System.Data;
using Npgsql;

namespace WalletFlow.Ledger.Embedded;

/// <summary>
/// Npgsql prepares the ledger's statements automatically once they have run a few times. A statement the server
/// refuses while it is being prepared (an error at Bind: a value its parameter type cannot hold, such as a NUL
/// character in jsonb) leaves Npgsql's record of what is prepared out of step with the server's, and the next use of
/// that statement on the connection fails with "Received unexpected backend message DataRow. Please file a bug."
/// (npgsql/npgsql#6391, still open in Npgsql 10.0.3). The pool hands the connection to the next batch, often the
/// failed batch's own retry. Unpreparing everything after a server error puts both sides back in step first.
/// </summary>
internal static class PreparedStatements
{
    public static void Resync(NpgsqlConnection connection)
    {
        if (connection.State != ConnectionState.Open)
        {
            return;
        }

        try
        {
            // Npgsql has no asynchronous form of it; one round trip on a path taken only after an error.
            connection.UnprepareAll();
        }
        catch (NpgsqlException)
        {
            // The connection broke: Npgsql discards it instead of pooling it, which is just as good.
        }
    }
}
