using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using WalletFlow.Api.Grpc.Contracts;
using WalletFlow.Ledger;
using LedgerVolumes = WalletFlow.Ledger.Volumes;

namespace WalletFlow.Api.Grpc.Ledger;

/// <summary>The ledger's records as walletflow.v1 messages. Amounts become invariant decimal strings: exact for any size (see ledger_reads.proto).</summary>
internal static class LedgerContracts
{
    public static Account ToContract(this AccountView account)
    {
        var contract = new Account { Address = account.Address };
        contract.Metadata.Add(account.Metadata.ToDictionary());
        foreach (var (asset, volumes) in account.Volumes)
        {
            contract.Volumes.Add(asset, volumes.ToContract());
        }

        return contract;
    }

    public static Transaction ToContract(this LedgerTransaction transaction)
    {
        var contract = new Transaction
        {
            Id = transaction.Id,
            Timestamp = Timestamp.FromDateTimeOffset(transaction.Timestamp),
            InsertedAt = Timestamp.FromDateTimeOffset(transaction.InsertedAt),
        };
        contract.Postings.Add(transaction.Postings.Select(posting => new Contracts.Posting
        {
            Source = posting.Source,
            Destination = posting.Destination,
            Amount = posting.Amount.ToString(CultureInfo.InvariantCulture),
            Asset = posting.Asset,
        }));
        contract.Metadata.Add(transaction.Metadata.ToDictionary());
        if (transaction.Reference is { } reference)
        {
            contract.Reference = reference;
        }

        if (transaction.RevertsTransactionId is { } reverts)
        {
            contract.RevertsTransactionId = reverts;
        }

        if (transaction.RevertedByTransactionId is { } revertedBy)
        {
            contract.RevertedByTransactionId = revertedBy;
        }

        return contract;
    }

    private static Contracts.Volumes ToContract(this LedgerVolumes volumes) => new()
    {
        Input = volumes.Input.ToString(CultureInfo.InvariantCulture),
        Output = volumes.Output.ToString(CultureInfo.InvariantCulture),
        Balance = volumes.Balance.ToString(CultureInfo.InvariantCulture),
    };
}
