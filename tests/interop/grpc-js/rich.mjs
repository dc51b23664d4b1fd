// What the interop scripts share: the standard protos they need beside the API's own (kept in ./protos), the rich
// error details of a failed call decoded from grpc-status-details-bin, and the services listed by server reflection.
import { fileURLToPath } from 'node:url';
import grpc from '@grpc/grpc-js';
import protoLoader from '@grpc/proto-loader';
import protobuf from 'protobufjs';

export const standardProtos = fileURLToPath(new URL('./protos', import.meta.url));

const details = new protobuf.Root();
details.resolvePath = (_, target) => (target.startsWith('google/protobuf/') ? target : `${standardProtos}/${target}`);
details.loadSync('google/rpc/rich_errors.proto', { keepCase: false });
const Status = details.lookupType('google.rpc.Status');
const known = {
  'type.googleapis.com/google.rpc.ErrorInfo': details.lookupType('google.rpc.ErrorInfo'),
  'type.googleapis.com/google.rpc.BadRequest': details.lookupType('google.rpc.BadRequest'),
  'type.googleapis.com/google.rpc.RetryInfo': details.lookupType('google.rpc.RetryInfo'),
};

// A failed call as data: its code and message, and the google.rpc.Status details by type name (errorInfo, badRequest, retryInfo).
export const failure = (error) => {
  const answer = { code: error.code, details: error.details };
  const [bytes] = error.metadata?.get('grpc-status-details-bin') ?? [];
  if (bytes) {
    const status = Status.decode(bytes);
    answer.status = { code: status.code, message: status.message };
    for (const any of status.details) {
      const type = known[any.type_url ?? any.typeUrl];
      if (type) {
        const name = type.name.charAt(0).toLowerCase() + type.name.slice(1);
        answer.status[name] = type.toObject(type.decode(any.value), { longs: String, defaults: true });
      }
    }
  }
  return answer;
};

// The services a server lists through grpc.reflection.v1 (what grpcurl's "list" asks).
export const listServices = (address, credentials) => {
  const definition = protoLoader.loadSync('grpc/reflection/v1/reflection.proto', { includeDirs: [standardProtos] });
  const { ServerReflection } = grpc.loadPackageDefinition(definition).grpc.reflection.v1;
  const client = new ServerReflection(address, credentials);
  return new Promise((resolve) => {
    const call = client.serverReflectionInfo();
    let services = [];
    call.on('data', (response) => { services = response.listServicesResponse.service.map((service) => service.name); });
    call.on('error', (error) => { client.close(); resolve({ ...failure(error), services }); });
    call.on('end', () => { client.close(); resolve({ code: 0, services }); });
    call.write({ listServices: '' });
    call.end();
  });
};
