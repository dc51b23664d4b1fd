// Moves money through WalletFlow's generated wallet-core services with @grpc/grpc-js, loading the API's own .proto
// files, and prints one JSON line with what came back.
// Usage: node wallet-calls.mjs <host:port> <protos directory> <operator token>
import grpc from '@grpc/grpc-js';
import protoLoader from '@grpc/proto-loader';
import { failure } from './rich.mjs';

const [address, protos, token] = process.argv.slice(2);
const definition = protoLoader.loadSync(['walletflow/v1/commands.proto', 'walletflow/v1/wallet_reads.proto'], {
  includeDirs: [protos],
  longs: String,
  enums: String,
  defaults: true,
});
const { walletflow } = grpc.loadPackageDefinition(definition);
const credentials = grpc.credentials.createInsecure();
const wallets = new walletflow.v1.WalletsCommands(address, credentials);
const reads = new walletflow.v1.WalletReads(address, credentials);
const run = `${process.pid}-${Date.now()}`;

const metadata = ({ key, auth = true } = {}) => {
  const sent = new grpc.Metadata();
  if (auth) sent.set('authorization', `Bearer ${token}`);
  if (key) sent.set('idempotency-key', key);
  return sent;
};

// A unary call's answer: the response or the status, and the response headers (idempotent-replayed).
const unary = (client, method, request, sent, options = {}) =>
  new Promise((resolve) => {
    let headers = {};
    const call = client[method](request, sent, options, (error, response) =>
      resolve(error ? { ...failure(error), headers } : { code: 0, response, headers }));
    call.on('metadata', (received) => { headers = received.getMap(); });
  });

const ok = async (client, method, request, key) => {
  const answer = await unary(client, method, request, metadata({ key: key ?? `${run}-${method}-${Math.random()}` }));
  if (answer.code !== 0) throw new Error(`${method}: ${answer.code} ${answer.details}`);
  return answer.response;
};

const source = (await ok(wallets, 'createWallet', { merchantId: 'acme', currency: 'USD' })).data.walletId;
const destination = (await ok(wallets, 'createWallet', { merchantId: 'acme', currency: 'USD' })).data.walletId;
await ok(wallets, 'postPayin', { walletId: source, bankId: 'citi', amountMinor: 10000, currency: 'USD' });

const transferKey = `${run}-transfer`;
const transferRequest = { sourceWalletId: source, destinationWalletId: destination, amountMinor: 2500, currency: 'USD', reference: 'grpc-js' };
const transfer = await unary(wallets, 'transfer', transferRequest, metadata({ key: transferKey }));
const replay = await unary(wallets, 'transfer', transferRequest, metadata({ key: transferKey }));
const insufficient = await unary(wallets, 'transfer', { ...transferRequest, amountMinor: 100000 }, metadata({ key: `${run}-too-much` }));
const expired = await unary(wallets, 'transfer', { ...transferRequest, amountMinor: 100 }, metadata({ key: `${run}-expired` }), { deadline: new Date(Date.now() - 1000) });
const invalid = await unary(wallets, 'createWallet', { merchantId: 'acme', currency: 'XYZ' }, metadata({ key: `${run}-invalid` }));
const anonymous = await unary(wallets, 'transfer', { ...transferRequest, amountMinor: 100 }, metadata({ key: `${run}-anonymous`, auth: false }));
const balances = await unary(reads, 'getBalances', { walletId: destination }, metadata());

// The movement stream: opened first, then a transfer into the wallet; the deadline ends it.
const movements = await new Promise((resolve) => {
  const items = [];
  const call = reads.watchWalletMovements({ walletId: destination }, metadata(), { deadline: new Date(Date.now() + 4000) });
  call.on('data', (item) => items.push(item));
  call.on('error', (error) => resolve({ ...failure(error), items }));
  call.on('end', () => resolve({ code: 0, items }));
  // The stream's headers say it is live: the transfer made then is one it must deliver.
  call.on('metadata', () => {
    ok(wallets, 'transfer', { ...transferRequest, amountMinor: 500, reference: 'while-watching' }, `${run}-watched`)
      .then((receipt) => { items.expectedCommandId = receipt.commandId; })
      .catch((error) => resolve({ code: -1, details: String(error), items }));
  });
});

console.log(JSON.stringify({
  source,
  destination,
  transfer,
  replay,
  insufficient,
  expired,
  invalid,
  anonymous,
  balances,
  movements: { ...movements, expectedCommandId: movements.items.expectedCommandId },
}));
wallets.close();
reads.close();
