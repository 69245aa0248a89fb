// The second yardstick of bench:server: the least a Node.js server can do for a provisioning fetch. A
// bare node:http server that looks the user up in a Map and sends the same document, with no
// framework, password check, audit or logging. zprov's warm figure over this one says how much of
// what Node's HTTP stack allows on this machine zprov reaches; nginx says what the machine allows.
// Usage: node node-reference-server.mjs <port> <document file> <user count>
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const [port, file, count] = process.argv.slice(2);
const document = readFileSync(file, 'utf8');
const users = new Map();
for (let n = 1; n <= Number(count); n++) users.set(`bench${String(n).padStart(5, '0')}`, document);

const headers = { 'content-type': 'application/xml; charset=utf-8', 'cache-control': 'no-store' };
createServer((req, res) => {
  const body = users.get(new URL(req.url, 'http://reference').searchParams.get('user'));
  res.writeHead(body === undefined ? 404 : 200, headers);
  res.end(body ?? '<error code="1">unknown user</error>');
}).listen(Number(port), '127.0.0.1', () => process.stdout.write(`listening on ${port}\n`));
process.once('SIGTERM', () => process.exit(0));
