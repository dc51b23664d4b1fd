// A partner's webhook endpoint written the way the Standard Webhooks reference library tells a Node.js consumer to:
// verify the raw bytes before trusting anything in them. Prints "ready" once it listens, then one JSON line per
// delivery, before answering it, so whoever has the answer can already read the line.
// Usage: node receiver.mjs <port> <whsec_ secret>... (several secrets while the partner rotates: any one may match)
import { createServer } from 'node:http';
import { Webhook } from 'standardwebhooks';

const [port, ...secrets] = process.argv.slice(2);
if (!port || secrets.length === 0) {
  console.error('usage: node receiver.mjs <port> <whsec_ secret>...');
  process.exit(2);
}
const webhooks = secrets.map((secret) => new Webhook(secret));

const verify = (rawBody, headers) => {
  let error;
  for (const webhook of webhooks) {
    try {
      // jsonParse off: a delivery that verifies is accepted whatever it carries; parsing is the receiver's own step.
      webhook.verify(rawBody, headers, { jsonParse: false });
      return null;
    } catch (failure) {
      error = failure;
    }
  }
  return error;
};

const parse = (rawBody) => {
  const text = rawBody.toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

const server = createServer((request, response) => {
  if (request.method !== 'POST') {
    response.writeHead(405).end();
    return;
  }
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', () => {
    const rawBody = Buffer.concat(chunks);
    const id = request.headers['webhook-id'] ?? null;
    const error = verify(rawBody, request.headers);
    if (error) {
      console.log(JSON.stringify({ id, verified: false, error: error.message }));
      response.writeHead(400).end();
      return;
    }
    console.log(JSON.stringify({ id, verified: true, body: parse(rawBody) }));
    response.writeHead(204).end();
  });
});

server.listen(Number(port), '127.0.0.1', () => console.log('ready'));
