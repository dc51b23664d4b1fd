// Calls WalletFlow's gRPC front with @grpc/grpc-js, loading the API's own .proto files, and prints one JSON line
// with what came back (the standard health proto is kept in ./protos; the API serves health and reflection but
// ships neither .proto). Usage: node grpc-calls.mjs <host:port> <protos directory> <bearer token>
import grpc from '@grpc/grpc-js';
import protoLoader from '@grpc/proto-loader';
import { failure, listServices, standardProtos } from './rich.mjs';

const [address, protos, token] = process.argv.slice(2);
const definition = protoLoader.loadSync(['grpc/health/v1/health.proto', 'walletflow/v1/ledger_reads.proto'], {
  includeDirs: [protos, standardProtos],
  longs: String,
  enums: String,
  defaults: true,
});
const loaded = grpc.loadPackageDefinition(definition);
const credentials = grpc.credentials.createInsecure();
const health = new loaded.grpc.health.v1.Health(address, credentials);
const reads = new loaded.walletflow.v1.LedgerReads(address, credentials);

const bearer = () => {
  const metadata = new grpc.Metadata();
  metadata.set('authorization', `Bearer ${token}`);
  return metadata;
};

const unary = (client, method, request, options = {}) =>
  new Promise((resolve) => {
    client[method](request, bearer(), options, (error, response) =>
      resolve(error ? failure(error) : { code: 0, response }));
  });

const stream = (call) =>
  new Promise((resolve) => {
    const items = [];
    call.on('data', (item) => items.push(item));
    call.on('error', (error) => resolve({ ...failure(error), items }));
    call.on('end', () => resolve({ code: 0, items }));
  });

const result = {
  server: await unary(health, 'check', { service: '' }),
  service: await unary(health, 'check', { service: 'walletflow.v1.LedgerReads' }),
  unknownService: await unary(health, 'check', { service: 'walletflow.v1.Nothing' }),
  alice: await unary(reads, 'getAccount', { address: 'users:alice' }),
  missing: await unary(reads, 'getTransaction', { id: '987654' }),
  expired: await unary(reads, 'getAccount', { address: 'users:alice' }, { deadline: new Date(Date.now() - 1000) }),
  // Watch holds the stream open, so only the deadline the server is told about can end it (2 s: under load its
  // first status took longer than 300 ms to arrive in the full suite).
  watch: await stream(health.watch({ service: '' }, { deadline: new Date(Date.now() + 2000) })),
  listed: await stream(reads.listTransactions({ pageSize: 2 }, bearer())),
  anonymous: await new Promise((resolve) =>
    reads.getAccount({ address: 'users:alice' }, (error) => resolve(error ? failure(error) : { code: 0 }))),
  reflection: await listServices(address, credentials),
};
console.log(JSON.stringify(result));
health.close();
reads.close();
