// A small HTTP(S) client for tests: sends the request path exactly as given (fetch would re-encode it,
// a phone does not) and returns status, headers and body.
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Writable } from 'node:stream';

export interface HttpResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  /** Header names and values as sent, in order: [name, value, name, value, ...]. */
  readonly rawHeaders: readonly string[];
  readonly body: string;
}

export interface HttpRequestOptions {
  readonly method?: string;
  readonly headers?: Record<string, string>;
  readonly body?: string;
  /** CA certificate (PEM) to trust for https URLs. */
  readonly ca?: string;
}

/** base: http(s)://127.0.0.1:port; path: sent on the request line as is. */
export function send(base: string, path: string, options: HttpRequestOptions = {}): Promise<HttpResponse> {
  const url = new URL(base);
  const https = url.protocol === 'https:';
  return new Promise((resolve, reject) => {
    const req = (https ? httpsRequest : httpRequest)(
      {
        host: url.hostname,
        port: url.port,
        method: options.method ?? 'GET',
        path,
        headers: options.headers,
        agent: false,
        ...(https ? { ca: options.ca, servername: 'localhost' } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            rawHeaders: res.rawHeaders,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

export const basic = (username: string, password: string): string =>
  'Basic ' + Buffer.from(`${username}:${password}`, 'utf8').toString('base64');

/** Collects pino's output lines in memory. */
export class LogCapture extends Writable {
  readonly lines: string[] = [];
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: () => void): void {
    for (const line of String(chunk).split('\n')) if (line !== '') this.lines.push(line);
    done();
  }
  get text(): string {
    return this.lines.join('\n');
  }
  entries(): Record<string, unknown>[] {
    return this.lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  }
}
