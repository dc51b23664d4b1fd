// Drives WalletFlow's Formance-compatible ledger API with Formance's official client, unchanged: given the API's base
// URL, it creates a ledger, posts Numscript transactions (one replayed under its idempotency key), reads the
// balances back, counts the transactions and accounts, reads the ledger, its storage and the server, sums the whole
// ledger, lists the ledgers and the volumes, sends a bulk and an atomic bulk that fails, and provokes an
// insufficient-funds refusal, an unknown ledger and a route the surface does not serve. It prints one JSON object for the C# test to check;
// any unexpected failure exits non-zero with the error on stderr.
import { SDK } from "@formance/formance-sdk";
import { HTTPClient } from "@formance/formance-sdk/lib/http.js";

const [baseUrl, ledger, token] = process.argv.slice(2);
if (!baseUrl || !ledger || !token) {
  console.error("usage: node ledger-roundtrip.mjs <api base url> <ledger name> <bearer token>");
  process.exit(2);
}

// WalletFlow's surface takes a bearer token; Formance's own OAuth flow is not asked for (no security option), the
// token rides on every request through the client's documented request hook.
const httpClient = new HTTPClient().addHook("beforeRequest", (request) => {
  request.headers.set("Authorization", `Bearer ${token}`);
  return request;
});
const sdk = new SDK({ serverURL: baseUrl, httpClient });
const v2 = sdk.ledger.v2;

const transfer = `vars {
  monetary $amount
  account $from
  account $to
}
send $amount (
  source = $from
  destination = $to
)`;

const post = (amount, from, to, idempotencyKey) =>
  v2.createTransaction({
    ledger,
    idempotencyKey,
    v2PostTransaction: {
      script: { plain: transfer, vars: { amount: `USD/2 ${amount}`, from, to } },
      metadata: { source: "formance-sdk" },
    },
  });

await v2.createLedger({ ledger, v2CreateLedgerRequest: {} });

const payin = await post(1000, "world", "users:alice", "payin-1");
const replay = await post(1000, "world", "users:alice", "payin-1");
const moved = await post(250, "users:alice", "users:bob");

let insufficient = null;
try {
  await post(10000, "users:alice", "users:bob");
} catch (error) {
  insufficient = { errorCode: error.errorCode ?? null, errorMessage: error.errorMessage ?? String(error) };
}

const alice = await v2.getAccount({ ledger, address: "users:alice", expand: "volumes" });
const bob = await v2.getAccount({ ledger, address: "users:bob", expand: "volumes" });
const users = await v2.getBalancesAggregated({ ledger, query: { $match: { address: "users:" } } });
const listed = await v2.listTransactions({ ledger, pageSize: 10 });
const transactionTotal = await v2.countTransactions({ ledger });
const accountTotal = await v2.countAccounts({ ledger });
const ledgerRead = await v2.getLedger({ ledger });
const ledgerInfo = await v2.getLedgerInfo({ ledger });
const serverInfo = await v2.getInfo();
const wholeLedger = await v2.getBalancesAggregated({ ledger });
const ledgers = await v2.listLedgers({ pageSize: 100 });
const volumes = await v2.getVolumesWithBalances({ ledger, pageSize: 10, query: { $match: { account: "users:" } } });

const bulk = await v2.createBulk({
  ledger,
  requestBody: [
    {
      action: "CREATE_TRANSACTION",
      ik: "bulk-1",
      data: { postings: [{ source: "world", destination: "users:carol", amount: 5n, asset: "USD/2" }], metadata: {} },
    },
    { action: "ADD_METADATA", data: { targetType: "ACCOUNT", targetId: "users:carol", metadata: { tier: "gold" } } },
  ],
});
// A bulk with a failed element answers 400 with every element's result, which the client reads as an answer, not an error.
const failedBulk = await v2.createBulk({
  ledger,
  atomic: true,
  requestBody: [
    { action: "CREATE_TRANSACTION", data: { postings: [{ source: "world", destination: "users:dave", amount: 1n, asset: "USD/2" }], metadata: {} } },
    { action: "CREATE_TRANSACTION", data: { postings: [{ source: "users:nobody", destination: "world", amount: 1n, asset: "USD/2" }], metadata: {} } },
  ],
});
const carol = await v2.getAccount({ ledger, address: "users:carol", expand: "volumes" });

// A refusal is typed by the client only in Formance's envelope: an unknown ledger, and a route the surface does not serve.
const typedError = async (call) => {
  try {
    await call();
    return null;
  } catch (error) {
    return { type: error.name ?? null, errorCode: error.errorCode ?? null, status: error.statusCode ?? error.rawResponse?.status ?? null };
  }
};
const unknownLedger = await typedError(() => v2.getLedger({ ledger: `${ledger}-missing` }));
const unserved = await typedError(() => v2.listLogs({ ledger }));

const result = {
  ledger,
  payinId: payin.v2CreateTransactionResponse.data.id,
  replayId: replay.v2CreateTransactionResponse.data.id,
  replayHit: (replay.headers["idempotency-hit"] ?? []).includes("true"),
  transferPostings: moved.v2CreateTransactionResponse.data.postings,
  alice: alice.v2AccountResponse.data.volumes["USD/2"],
  bob: bob.v2AccountResponse.data.volumes["USD/2"],
  usersBalance: users.v2AggregateBalancesResponse.data["USD/2"],
  transactionCount: listed.v2TransactionsCursorResponse.cursor.data.length,
  // A count answers in its Count header; the client hands headers over by lowercase name.
  transactionTotal: transactionTotal.headers["count"]?.[0] ?? null,
  accountTotal: accountTotal.headers["count"]?.[0] ?? null,
  insufficient,
  ledgerName: ledgerRead.v2GetLedgerResponse.data.name,
  ledgerBucket: ledgerRead.v2GetLedgerResponse.data.bucket,
  ledgerAddedAt: ledgerRead.v2GetLedgerResponse.data.addedAt,
  ledgerInfo: ledgerInfo.v2LedgerInfoResponse.data,
  server: serverInfo.v2ConfigInfo,
  wholeLedger: wholeLedger.v2AggregateBalancesResponse.data,
  ledgerListed: ledgers.v2LedgerListResponse.cursor.data.some((listed) => listed.name === ledger),
  volumes: volumes.v2VolumesWithBalanceCursorResponse.cursor.data,
  bulk: { status: bulk.statusCode, results: bulk.v2BulkResponse.data.map((result) => result.responseType) },
  failedBulk: { status: failedBulk.statusCode, errorCodes: failedBulk.v2BulkResponse.data.map((result) => result.errorCode) },
  carol: { balance: carol.v2AccountResponse.data.volumes["USD/2"].balance, metadata: carol.v2AccountResponse.data.metadata },
  unknownLedger,
  unserved,
};

// The client reads amounts as BigInt; JSON has no BigInt, so they are printed as their digits.
console.log(JSON.stringify(result, (_, value) => (typeof value === "bigint" ? value.toString() : value)));
