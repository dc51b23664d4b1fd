namespace WalletFlow.Postgres.Migrations;

/// <summary>The database and this build disagree about the schema; starting anyway could corrupt it.</summary>
public sealed class MigrationException(string message) : Exception(message);
