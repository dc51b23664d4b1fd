using System.Numerics;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using WalletFlow.Domain.Errors;
using WalletFlow.Ledger.Numscript;
using WalletFlow.Ledger.Numscript.Runtime;

namespace WalletFlow.Ledger.Embedded;

/// <summary>
/// Posts a batch of transactions in one database transaction, each succeeding or failing on its own:
/// <list type="number">
/// <item>Idempotency keys, references and reverts already used are looked up; replays and conflicts are settled
/// without taking a lock, and settled again once the locks are held, when a racing batch's commit is visible.</item>
/// <item>The volume rows every transaction may touch are found (scripts are dry-run on unlocked balances), then
/// locked in one statement, in key order: concurrent batches never deadlock.</item>
/// <item>Each transaction runs against the locked volumes in memory, in order; a failure discards only its own moves.</item>
/// <item>Transactions, postings, volumes and accounts are written in one round trip, and the batch commits.</item>
/// </list>
/// A race the locks cannot prevent (a key or reference used by a batch committing meanwhile, or a script that touched
/// a row the dry run did not foresee) rolls the batch back and runs it again; nothing is ever half written. A
/// participant's rows are written after the ledger's, in the same database transaction, and share its fate; its
/// verdict may roll the batch back.
/// </summary>
internal sealed class BatchWriter(NpgsqlDataSource dataSource, LedgerReader reader, TimeProvider timeProvider)
{
    private const int MaxAttempts = 8;

    public async Task<IReadOnlyList<Result<PostResult>>> WriteAsync(
        string ledger, IReadOnlyList<Result<ValidatedRequest>> requests, ILedgerBatchParticipant? participant, CancellationToken cancellationToken)
    {
        var extraKeys = new HashSet<VolumeKey>();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var results = await AttemptAsync(ledger, requests, participant, extraKeys, cancellationToken);
                if (results is not null)
                {
                    return results;
                }
            }
            catch (PostgresException exception) when (IsRaceLost(exception) && attempt < MaxAttempts)
            {
            }

            if (attempt == MaxAttempts)
            {
                throw new InvalidOperationException($"A ledger batch could not settle its races after {MaxAttempts} attempts.");
            }
        }
    }

    /// <summary>Postgres keeps microseconds: the answer to a post must show the timestamp a later read will.</summary>
    private static DateTimeOffset ToStoredPrecision(DateTimeOffset timestamp) =>
        new(timestamp.UtcTicks - timestamp.UtcTicks % (TimeSpan.TicksPerMillisecond / 1000), TimeSpan.Zero);

    /// <summary>Unique violations (a key or reference committed meanwhile) and the locking errors Postgres asks callers to retry.</summary>
    private static bool IsRaceLost(PostgresException exception) =>
        exception.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure;

    /// <returns>The results, or null when rows outside the locked set were needed (the caller retries with them).</returns>
    private async Task<IReadOnlyList<Result<PostResult>>?> AttemptAsync(
        string ledger, IReadOnlyList<Result<ValidatedRequest>> requests, ILedgerBatchParticipant? participant, HashSet<VolumeKey> extraKeys, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            return await AttemptAsync(connection, ledger, requests, participant, extraKeys, cancellationToken);
        }
        catch (PostgresException)
        {
            // Rolled back by now; the connection goes back to the pool (and, likely, to this batch's retry) in step.
            PreparedStatements.Resync(connection);
            throw;
        }
    }

    private async Task<IReadOnlyList<Result<PostResult>>?> AttemptAsync(
        NpgsqlConnection connection, string ledger, IReadOnlyList<Result<ValidatedRequest>> requests, ILedgerBatchParticipant? participant, HashSet<VolumeKey> extraKeys,
        CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (!await reader.LedgerExistsAsync(connection, ledger, cancellationToken))
        {
            return requests.Select(_ => Result<PostResult>.Failure(LedgerErrors.LedgerNotFound(ledger))).ToList();
        }

        var outcomes = new Outcome[requests.Count];
        for (var i = 0; i < requests.Count; i++)
        {
            outcomes[i] = requests[i].IsSuccess ? new Outcome.Pending(requests[i].Value) : new Outcome.Failed(requests[i].Error!);
        }

        await SettleClaimsAsync(connection, ledger, outcomes, cancellationToken);

        var metadata = new AccountMetadataReader(connection, ledger);
        var volumes = new WorkingVolumes((short)Random.Shared.Next(VolumeKey.WorldShards));
        // A retry keeps the rows found missing last time; world's are re-aimed at this attempt's shard.
        var keys = new SortedSet<VolumeKey>(extraKeys.Select(key => volumes.KeyOf(key.Account, key.Asset)));
        await ForeseeKeysAsync(connection, ledger, outcomes, volumes, metadata, keys, cancellationToken);
        var pendingCount = outcomes.Count(outcome => outcome is Outcome.Pending);
        var ids = await LockAsync(connection, ledger, keys, volumes, pendingCount, cancellationToken);
        // A batch that held these rows before us may have committed a claim we race for (the same key, reference or
        // revert): now that we hold the rows, it is visible, and it decides before any balance does.
        await SettleClaimsAsync(connection, ledger, outcomes, cancellationToken);

        var writes = new List<TransactionWrite>();
        var now = ToStoredPrecision(timeProvider.GetUtcNow());
        for (var i = 0; i < outcomes.Length; i++)
        {
            if (outcomes[i] is not Outcome.Pending pending)
            {
                continue;
            }

            var evaluated = Evaluate(pending.Request, volumes, metadata);
            if (volumes.Unlocked.Count > 0)
            {
                extraKeys.UnionWith(volumes.Unlocked);
                return null;
            }

            if (!evaluated.TryGetValue(out var movement, out var error))
            {
                volumes.Discard();
                outcomes[i] = new Outcome.Failed(error);
                continue;
            }

            var postCommit = volumes.Commit();
            var effectiveAt = pending.Request.Request.Timestamp is { } timestamp ? ToStoredPrecision(timestamp) : now;
            var write = new TransactionWrite(ids[writes.Count], pending.Request, movement, effectiveAt, postCommit);
            writes.Add(write);
            outcomes[i] = new Outcome.Written(write);
        }

        var insertedAt = await WriteAsync(connection, ledger, writes, volumes, cancellationToken);
        var results = await CollectResultsAsync(connection, ledger, outcomes, insertedAt, cancellationToken);
        if (participant is not null && await participant.WriteAsync(connection, results, cancellationToken) == ParticipantVerdict.RollBack)
        {
            await transaction.RollbackAsync(cancellationToken);
            return results.Select(_ => Result<PostResult>.Failure(LedgerErrors.RolledBack)).ToList();
        }

        await transaction.CommitAsync(cancellationToken);
        return results;
    }

    /// <summary>Replays and refusals that need no lock: keys, references and reverts already used, in the database or earlier in the batch.</summary>
    private static async Task SettleClaimsAsync(NpgsqlConnection connection, string ledger, Outcome[] outcomes, CancellationToken cancellationToken)
    {
        var pending = outcomes.OfType<Outcome.Pending>().Select(outcome => outcome.Request).ToList();
        var keys = pending.Select(request => request.IdempotencyKey).OfType<string>().Distinct().ToArray();
        var references = pending.Select(request => request.Reference).OfType<string>().Distinct().ToArray();
        var reverted = pending.Select(request => request.RevertsTransactionId).OfType<long>().Distinct().ToArray();
        if (keys.Length + references.Length + reverted.Length == 0)
        {
            return;
        }

        var claimedKeys = new Dictionary<string, (long Id, byte[] Hash)>(StringComparer.Ordinal);
        var claimedReferences = new HashSet<string>(StringComparer.Ordinal);
        var revertedBy = new Dictionary<long, long>();
        await using (var command = new NpgsqlCommand(
            """
            select id, idempotency_key, request_hash, reference, reverts_id from ledger.transactions
            where ledger = $1 and (idempotency_key = any($2) or reference = any($3) or reverts_id = any($4))
            """, connection))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = ledger });
            command.Parameters.Add(new NpgsqlParameter { Value = keys });
            command.Parameters.Add(new NpgsqlParameter { Value = references });
            command.Parameters.Add(new NpgsqlParameter { Value = reverted });
            await using var rows = await command.ExecuteReaderAsync(cancellationToken);
            while (await rows.ReadAsync(cancellationToken))
            {
                var id = rows.GetInt64(0);
                if (!rows.IsDBNull(1))
                {
                    claimedKeys[rows.GetString(1)] = (id, rows.GetFieldValue<byte[]>(2));
                }

                if (!rows.IsDBNull(3))
                {
                    claimedReferences.Add(rows.GetString(3));
                }

                if (!rows.IsDBNull(4))
                {
                    revertedBy[rows.GetInt64(4)] = id;
                }
            }
        }

        var keysInBatch = new Dictionary<string, int>(StringComparer.Ordinal);
        var referencesInBatch = new HashSet<string>(StringComparer.Ordinal);
        var revertsInBatch = new HashSet<long>();
        for (var i = 0; i < outcomes.Length; i++)
        {
            if (outcomes[i] is not Outcome.Pending { Request: var request })
            {
                continue;
            }

            if (request.IdempotencyKey is { } key)
            {
                if (claimedKeys.TryGetValue(key, out var claim))
                {
                    outcomes[i] = claim.Hash.AsSpan().SequenceEqual(request.RequestHash) ? new Outcome.Replayed(claim.Id) : new Outcome.Failed(LedgerErrors.IdempotencyConflict(key));
                    continue;
                }

                if (keysInBatch.TryGetValue(key, out var first))
                {
                    var firstRequest = ((Outcome.Pending)outcomes[first]).Request;
                    outcomes[i] = firstRequest.RequestHash.AsSpan().SequenceEqual(request.RequestHash) ? new Outcome.SameAs(first) : new Outcome.Failed(LedgerErrors.IdempotencyConflict(key));
                    continue;
                }

                keysInBatch[key] = i;
            }

            if (request.Reference is { } reference && (claimedReferences.Contains(reference) || !referencesInBatch.Add(reference)))
            {
                outcomes[i] = new Outcome.Failed(LedgerErrors.ReferenceConflict(reference));
                continue;
            }

            if (request.RevertsTransactionId is { } original)
            {
                if (revertedBy.TryGetValue(original, out var by))
                {
                    outcomes[i] = new Outcome.Failed(LedgerErrors.AlreadyReverted(original, by));
                }
                else if (!revertsInBatch.Add(original))
                {
                    outcomes[i] = new Outcome.Failed(new Error(LedgerErrors.AlreadyRevertedCode, $"Transaction {original} is reverted by an earlier request of the same batch."));
                }
            }
        }
    }

    /// <summary>
    /// The rows each pending transaction may touch: a posting's two accounts; for a script, the balances it may read
    /// (its plan) and the accounts a dry run on the current, unlocked balances moves.
    /// </summary>
    private static async Task ForeseeKeysAsync(
        NpgsqlConnection connection, string ledger, Outcome[] outcomes, WorkingVolumes volumes, AccountMetadataReader metadata, SortedSet<VolumeKey> keys, CancellationToken cancellationToken)
    {
        var scripts = new List<ValidatedRequest>();
        foreach (var request in outcomes.OfType<Outcome.Pending>().Select(outcome => outcome.Request))
        {
            if (request.Program is null)
            {
                foreach (var posting in request.Postings!)
                {
                    keys.Add(volumes.KeyOf(posting.Source, posting.Asset));
                    keys.Add(volumes.KeyOf(posting.Destination, posting.Asset));
                }

                continue;
            }

            scripts.Add(request);
            var plan = NumscriptInterpreter.PlanBalanceReads(request.Program, request.Request.Script!.Vars, metadata);
            if (plan.IsSuccess)
            {
                keys.UnionWith(plan.Value.Select(read => volumes.KeyOf(read.Account, read.Asset)));
            }
        }

        if (scripts.Count == 0)
        {
            return;
        }

        var unlocked = new SnapshotBalances(await ReadBalancesAsync(connection, ledger, keys, cancellationToken));
        foreach (var script in scripts)
        {
            var dryRun = NumscriptInterpreter.Run(script.Program!, script.Request.Script!.Vars, unlocked, metadata);
            if (dryRun.IsSuccess)
            {
                foreach (var posting in dryRun.Value.Postings)
                {
                    keys.Add(volumes.KeyOf(posting.Source, posting.Asset));
                    keys.Add(volumes.KeyOf(posting.Destination, posting.Asset));
                }
            }
        }
    }

    private static async Task<Dictionary<(string Account, string Asset), BigInteger>> ReadBalancesAsync(
        NpgsqlConnection connection, string ledger, SortedSet<VolumeKey> keys, CancellationToken cancellationToken)
    {
        var balances = new Dictionary<(string, string), BigInteger>();
        await using var command = new NpgsqlCommand(
            """
            select v.account, v.asset, sum(v.input - v.output)
            from ledger.volumes v join unnest($2::text[], $3::text[]) k(account, asset) on v.account = k.account and v.asset = k.asset
            where v.ledger = $1 group by v.account, v.asset
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = ledger });
        command.Parameters.Add(new NpgsqlParameter { Value = keys.Select(key => key.Account).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = keys.Select(key => key.Asset).ToArray() });
        await using var rows = await command.ExecuteReaderAsync(cancellationToken);
        while (await rows.ReadAsync(cancellationToken))
        {
            balances[(rows.GetString(0), rows.GetString(1))] = rows.GetFieldValue<BigInteger>(2);
        }

        return balances;
    }

    /// <summary>
    /// Locks every row in <paramref name="keys"/>, creating the missing ones, in key order, in one statement (an upsert
    /// that rewrites nothing but takes the row lock); reads the other shards of <c>world</c>; allocates the ids.
    /// </summary>
    private static async Task<long[]> LockAsync(
        NpgsqlConnection connection, string ledger, SortedSet<VolumeKey> keys, WorkingVolumes volumes, int idCount, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection);
        var lockRows = new NpgsqlBatchCommand(
            """
            insert into ledger.volumes (ledger, account, asset, shard)
            select $1, k.account, k.asset, k.shard from unnest($2::text[], $3::text[], $4::smallint[]) with ordinality k(account, asset, shard, position)
            order by k.position
            on conflict (ledger, account, asset, shard) do update set input = ledger.volumes.input
            returning account, asset, input, output
            """);
        lockRows.Parameters.Add(new NpgsqlParameter { Value = ledger });
        lockRows.Parameters.Add(new NpgsqlParameter { Value = keys.Select(key => key.Account).ToArray() });
        lockRows.Parameters.Add(new NpgsqlParameter { Value = keys.Select(key => key.Asset).ToArray() });
        lockRows.Parameters.Add(new NpgsqlParameter { Value = keys.Select(key => key.Shard).ToArray() });
        batch.BatchCommands.Add(lockRows);

        var worldAssets = keys.Where(key => key.Account == LedgerNames.World).Select(key => key.Asset).ToArray();
        var otherShards = new NpgsqlBatchCommand(
            """
            select asset, sum(input), sum(output) from ledger.volumes
            where ledger = $1 and account = 'world' and asset = any($2) and shard <> $3 group by asset
            """);
        otherShards.Parameters.Add(new NpgsqlParameter { Value = ledger });
        otherShards.Parameters.Add(new NpgsqlParameter { Value = worldAssets });
        otherShards.Parameters.Add(new NpgsqlParameter { Value = volumes.WorldShard });
        batch.BatchCommands.Add(otherShards);

        // Each ledger numbers its own transactions (migration 0009).
        var allocateIds = new NpgsqlBatchCommand("select nextval(ledger.transaction_ids_of($2)) from generate_series(1, $1)");
        allocateIds.Parameters.Add(new NpgsqlParameter { Value = idCount });
        allocateIds.Parameters.Add(new NpgsqlParameter { Value = ledger });
        batch.BatchCommands.Add(allocateIds);

        await using var rows = await batch.ExecuteReaderAsync(cancellationToken);
        while (await rows.ReadAsync(cancellationToken))
        {
            volumes.AddLocked(rows.GetString(0), rows.GetString(1), new Volumes(rows.GetFieldValue<BigInteger>(2), rows.GetFieldValue<BigInteger>(3)));
        }

        await rows.NextResultAsync(cancellationToken);
        while (await rows.ReadAsync(cancellationToken))
        {
            volumes.AddWorldOtherShards(rows.GetString(0), new Volumes(rows.GetFieldValue<BigInteger>(1), rows.GetFieldValue<BigInteger>(2)));
        }

        await rows.NextResultAsync(cancellationToken);
        var ids = new List<long>(idCount);
        while (await rows.ReadAsync(cancellationToken))
        {
            ids.Add(rows.GetInt64(0));
        }

        return [.. ids];
    }

    /// <summary>Runs one transaction against the locked volumes, leaving its moves pending in <paramref name="volumes"/>.</summary>
    private static Result<Movement> Evaluate(ValidatedRequest request, WorkingVolumes volumes, AccountMetadataReader metadata)
    {
        var moved = Move(request, volumes, metadata);
        return moved.IsSuccess && request.Request.Bounded && volumes.PendingBeyond64Bits() is (var account, var asset, var balance)
            ? LedgerErrors.BalanceOutOfRange(account, asset, balance)
            : moved;
    }

    private static Result<Movement> Move(ValidatedRequest request, WorkingVolumes volumes, AccountMetadataReader metadata)
    {
        if (request.Program is null)
        {
            foreach (var posting in request.Postings!)
            {
                var balance = volumes.GetBalance(posting.Source, posting.Asset);
                if (posting.Source != LedgerNames.World && !request.Request.Force && balance < posting.Amount)
                {
                    return LedgerErrors.InsufficientFunds(posting.Source, posting.Asset, balance, posting.Amount);
                }

                volumes.Move(posting);
            }

            return new Movement(request.Postings!, request.Request.Metadata, new Dictionary<string, IReadOnlyDictionary<string, string>>());
        }

        var run = NumscriptInterpreter.Run(request.Program, request.Request.Script!.Vars, volumes, metadata);
        if (!run.TryGetValue(out var outcome, out var error))
        {
            return error;
        }

        var transactionMetadata = new Dictionary<string, string>(outcome.TransactionMetadata, StringComparer.Ordinal);
        foreach (var (key, value) in request.Request.Metadata)
        {
            if (transactionMetadata.TryGetValue(key, out var fromScript) && fromScript != value)
            {
                return new Error(LedgerErrors.MetadataOverrideCode, $"The script sets metadata '{key}' to '{fromScript}'; the request cannot override it with '{value}'.", "metadata");
            }

            transactionMetadata[key] = value;
        }

        var postings = outcome.Postings.Select(posting => new Posting(posting.Source, posting.Destination, posting.Amount, posting.Asset)).ToList();
        foreach (var posting in postings)
        {
            volumes.Move(posting);
        }

        return new Movement(postings, transactionMetadata, outcome.AccountMetadata);
    }

    /// <summary>Transactions, postings, volume changes and touched accounts, in one round trip.</summary>
    private static async Task<IReadOnlyDictionary<long, DateTimeOffset>> WriteAsync(
        NpgsqlConnection connection, string ledger, List<TransactionWrite> writes, WorkingVolumes volumes, CancellationToken cancellationToken)
    {
        if (writes.Count == 0)
        {
            return new Dictionary<long, DateTimeOffset>();
        }

        await using var batch = new NpgsqlBatch(connection);
        var insertTransactions = new NpgsqlBatchCommand(
            """
            insert into ledger.transactions (ledger, id, effective_at, reference, reverts_id, idempotency_key, request_hash, metadata, post_commit_volumes)
            select $1, t.id, t.effective_at, t.reference, t.reverts_id, t.idempotency_key, t.request_hash, t.metadata, t.post_commit_volumes
            from unnest($2::bigint[], $3::timestamptz[], $4::text[], $5::bigint[], $6::text[], $7::bytea[], $8::jsonb[], $9::jsonb[])
                as t(id, effective_at, reference, reverts_id, idempotency_key, request_hash, metadata, post_commit_volumes)
            returning id, inserted_at
            """);
        insertTransactions.Parameters.Add(new NpgsqlParameter { Value = ledger });
        insertTransactions.Parameters.Add(new NpgsqlParameter { Value = writes.Select(write => write.Id).ToArray() });
        insertTransactions.Parameters.Add(new NpgsqlParameter { Value = writes.Select(write => write.EffectiveAt.UtcDateTime).ToArray() });
        insertTransactions.Parameters.Add(new NpgsqlParameter { Value = writes.Select(write => write.Request.Reference).ToArray() });
        insertTransactions.Parameters.Add(new NpgsqlParameter { Value = writes.Select(write => write.Request.RevertsTransactionId).ToArray() });
        insertTransactions.Parameters.Add(new NpgsqlParameter { Value = writes.Select(write => write.Request.IdempotencyKey).ToArray() });
        insertTransactions.Parameters.Add(new NpgsqlParameter { Value = writes.Select(write => write.Request.RequestHash).ToArray() });
        insertTransactions.Parameters.Add(new NpgsqlParameter { Value = writes.Select(write => JsonSerializer.Serialize(write.Movement.Metadata)).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
        insertTransactions.Parameters.Add(new NpgsqlParameter { Value = writes.Select(write => PostCommitVolumesJson.Write(write.PostCommitVolumes)).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
        batch.BatchCommands.Add(insertTransactions);

        var postings = writes.SelectMany(write => write.Movement.Postings.Select((posting, index) => (write, posting, index))).ToList();
        var insertPostings = new NpgsqlBatchCommand(
            """
            insert into ledger.postings (ledger, transaction_id, index, source, destination, asset, amount, effective_at)
            select $1, p.transaction_id, p.index, p.source, p.destination, p.asset, p.amount, p.effective_at
            from unnest($2::bigint[], $3::int[], $4::text[], $5::text[], $6::text[], $7::numeric[], $8::timestamptz[])
                as p(transaction_id, index, source, destination, asset, amount, effective_at)
            """);
        insertPostings.Parameters.Add(new NpgsqlParameter { Value = ledger });
        insertPostings.Parameters.Add(new NpgsqlParameter { Value = postings.Select(item => item.write.Id).ToArray() });
        insertPostings.Parameters.Add(new NpgsqlParameter { Value = postings.Select(item => item.index).ToArray() });
        insertPostings.Parameters.Add(new NpgsqlParameter { Value = postings.Select(item => item.posting.Source).ToArray() });
        insertPostings.Parameters.Add(new NpgsqlParameter { Value = postings.Select(item => item.posting.Destination).ToArray() });
        insertPostings.Parameters.Add(new NpgsqlParameter { Value = postings.Select(item => item.posting.Asset).ToArray() });
        insertPostings.Parameters.Add(new NpgsqlParameter { Value = postings.Select(item => item.posting.Amount).ToArray() });
        insertPostings.Parameters.Add(new NpgsqlParameter { Value = postings.Select(item => item.write.EffectiveAt.UtcDateTime).ToArray() });
        batch.BatchCommands.Add(insertPostings);

        var deltas = new SortedDictionary<VolumeKey, Volumes>();
        foreach (var (_, posting, _) in postings)
        {
            var source = volumes.KeyOf(posting.Source, posting.Asset);
            var destination = volumes.KeyOf(posting.Destination, posting.Asset);
            deltas[source] = deltas.GetValueOrDefault(source).Add(new Volumes(0, posting.Amount));
            deltas[destination] = deltas.GetValueOrDefault(destination).Add(new Volumes(posting.Amount, 0));
        }

        var updateVolumes = new NpgsqlBatchCommand(
            """
            update ledger.volumes v set input = v.input + d.input, output = v.output + d.output
            from unnest($2::text[], $3::text[], $4::smallint[], $5::numeric[], $6::numeric[]) as d(account, asset, shard, input, output)
            where v.ledger = $1 and v.account = d.account and v.asset = d.asset and v.shard = d.shard
            """);
        updateVolumes.Parameters.Add(new NpgsqlParameter { Value = ledger });
        updateVolumes.Parameters.Add(new NpgsqlParameter { Value = deltas.Keys.Select(key => key.Account).ToArray() });
        updateVolumes.Parameters.Add(new NpgsqlParameter { Value = deltas.Keys.Select(key => key.Asset).ToArray() });
        updateVolumes.Parameters.Add(new NpgsqlParameter { Value = deltas.Keys.Select(key => key.Shard).ToArray() });
        updateVolumes.Parameters.Add(new NpgsqlParameter { Value = deltas.Values.Select(delta => delta.Input).ToArray() });
        updateVolumes.Parameters.Add(new NpgsqlParameter { Value = deltas.Values.Select(delta => delta.Output).ToArray() });
        batch.BatchCommands.Add(updateVolumes);

        var accountMetadata = new SortedDictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        foreach (var key in deltas.Keys)
        {
            accountMetadata.TryAdd(key.Account, []);
        }

        foreach (var write in writes)
        {
            foreach (var (account, values) in write.Movement.AccountMetadata)
            {
                if (!accountMetadata.TryGetValue(account, out var merged))
                {
                    accountMetadata[account] = merged = [];
                }

                foreach (var (key, value) in values)
                {
                    merged[key] = value;
                }
            }
        }

        var upsertAccounts = new NpgsqlBatchCommand(
            """
            insert into ledger.accounts (ledger, address, metadata)
            select $1, a.address, a.metadata from unnest($2::text[], $3::jsonb[]) with ordinality as a(address, metadata, position) order by a.position
            on conflict (ledger, address) do update set metadata = ledger.accounts.metadata || excluded.metadata
                where excluded.metadata <> '{}'::jsonb
            """);
        upsertAccounts.Parameters.Add(new NpgsqlParameter { Value = ledger });
        upsertAccounts.Parameters.Add(new NpgsqlParameter { Value = accountMetadata.Keys.ToArray() });
        upsertAccounts.Parameters.Add(new NpgsqlParameter { Value = accountMetadata.Values.Select(values => JsonSerializer.Serialize(values)).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
        batch.BatchCommands.Add(upsertAccounts);

        var insertedAt = new Dictionary<long, DateTimeOffset>();
        await using var rows = await batch.ExecuteReaderAsync(cancellationToken);
        while (await rows.ReadAsync(cancellationToken))
        {
            insertedAt[rows.GetInt64(0)] = rows.GetFieldValue<DateTimeOffset>(1);
        }

        return insertedAt;
    }

    private async Task<IReadOnlyList<Result<PostResult>>> CollectResultsAsync(
        NpgsqlConnection connection, string ledger, Outcome[] outcomes, IReadOnlyDictionary<long, DateTimeOffset> insertedAt, CancellationToken cancellationToken)
    {
        var replayed = await reader.GetTransactionsAsync(connection, ledger, outcomes.OfType<Outcome.Replayed>().Select(replay => replay.Id).ToArray(), cancellationToken);
        var results = new Result<PostResult>[outcomes.Length];
        for (var i = 0; i < outcomes.Length; i++)
        {
            results[i] = outcomes[i] switch
            {
                Outcome.Failed failed => failed.Error,
                Outcome.Replayed replay => new PostResult(replayed[replay.Id], IdempotencyHit: true),
                Outcome.Written written => new PostResult(written.Write.ToTransaction(insertedAt[written.Write.Id]), IdempotencyHit: false),
                _ => results[i],
            };
        }

        for (var i = 0; i < outcomes.Length; i++)
        {
            if (outcomes[i] is Outcome.SameAs sameAs)
            {
                results[i] = results[sameAs.Index].Map(first => first with { IdempotencyHit = true });
            }
        }

        return results;
    }

    /// <summary>Where one request of the batch stands.</summary>
    private abstract record Outcome
    {
        public sealed record Pending(ValidatedRequest Request) : Outcome;

        public sealed record Failed(Error Error) : Outcome;

        public sealed record Replayed(long Id) : Outcome;

        /// <summary>The same key and request as an earlier item of the batch: it gets that item's answer.</summary>
        public sealed record SameAs(int Index) : Outcome;

        public sealed record Written(TransactionWrite Write) : Outcome;
    }

    /// <summary>What a transaction moves once evaluated: its postings and the metadata it sets.</summary>
    private sealed record Movement(
        IReadOnlyList<Posting> Postings,
        IReadOnlyDictionary<string, string> Metadata,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> AccountMetadata);

    private sealed record TransactionWrite(long Id, ValidatedRequest Request, Movement Movement, DateTimeOffset EffectiveAt, Dictionary<string, Dictionary<string, Volumes>> PostCommitVolumes)
    {
        public LedgerTransaction ToTransaction(DateTimeOffset insertedAt) => new(
            Id,
            Movement.Postings,
            Movement.Metadata,
            EffectiveAt,
            insertedAt,
            Request.Reference,
            Request.RevertsTransactionId,
            RevertedByTransactionId: null,
            PostCommitVolumes.ToDictionary(pair => pair.Key, pair => (IReadOnlyDictionary<string, Volumes>)pair.Value, StringComparer.Ordinal));
    }

    /// <summary>Balances read before locking, for dry runs only.</summary>
    private sealed class SnapshotBalances(Dictionary<(string Account, string Asset), BigInteger> balances) : IBalanceReader
    {
        public BigInteger GetBalance(string account, string asset) => balances.GetValueOrDefault((account, asset));
    }
}
