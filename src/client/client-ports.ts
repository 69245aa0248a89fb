// What the phone emulator needs from the outside world, as small interfaces so tests can hand in
// stub servers, temporary directories and a fixed clock. node-ports.ts holds the real ones.

export interface ClientFileSystem {
  /** The file's bytes, or undefined when there is no such file. Other failures throw. */
  readFile(path: string): Promise<Uint8Array | undefined>;
  /** Entry names of a directory, or undefined when it does not exist or is not a directory. */
  listDirectory(path: string): Promise<readonly string[] | undefined>;
}

export interface HttpRequest {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  /** The whole exchange (connect, headers, body) must finish within this many milliseconds. */
  readonly timeoutMs: number;
  /** Replies larger than this are abandoned. */
  readonly maxBytes: number;
}

export interface HttpResponse {
  readonly status: number;
  readonly contentType: string | undefined;
  readonly body: Uint8Array;
  /** Redirects followed on the way, as "301 -> https://host/path" (no query: it may hold secrets). */
  readonly redirects?: readonly string[];
}

export type HttpFailureKind = 'timeout' | 'network' | 'too-large';

/** The request got no complete HTTP reply: refused, reset, unresolvable, timed out, too large. */
export class HttpFailure extends Error {
  override readonly name = 'HttpFailure';
  constructor(
    readonly kind: HttpFailureKind,
    message: string,
  ) {
    super(message);
  }
}

export type HttpFetch = (request: HttpRequest) => Promise<HttpResponse>;

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

/** Asks the person at the terminal; `secret` input is not echoed. */
export type Prompt = (question: string, options: { secret: boolean }) => Promise<string>;
