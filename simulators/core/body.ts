import type { IncomingMessage } from 'node:http';
import { StringDecoder } from 'node:string_decoder';

/** Default of the process-wide cap on request-body bytes being read and held at once (≥ every vendor's own limit). */
export const DEFAULT_BODY_BYTES_IN_FLIGHT = 512 * 1024 * 1024;

/** The body is over the vendor's limit (its Content-Length says so, or the bytes that came did). */
export class BodyTooLarge extends Error {}

/** Reading the body would pass the process-wide cap: answered 503 with `Retry-After`, the body not read. */
export class BodyBudgetExhausted extends Error {}

/** The client went away before its body was complete: its doing, journaled as aborted, nothing else happens. */
export class ClientAborted extends Error {}

/**
 * The bytes of request bodies being read and held at once, across every vendor of the process. Ten 400 MB uploads
 * arriving together would otherwise all be buffered at the same time and take the heap down — every sandbox with
 * it. A body is counted from its first byte (or its whole `Content-Length`, reserved up front) until its request is
 * answered.
 */
export class BodyBudget {
  private used = 0;

  constructor(readonly limit: number = DEFAULT_BODY_BYTES_IN_FLIGHT) {}

  /** Takes `bytes` from the budget; false (nothing taken) when that would pass the cap. */
  take(bytes: number): boolean {
    if (this.used + bytes > this.limit) return false;
    this.used += bytes;
    return true;
  }

  give(bytes: number): void {
    this.used = Math.max(0, this.used - bytes);
  }

  get inFlight(): number {
    return this.used;
  }
}

/** Seconds a client refused by the budget is told to wait: bodies in flight are usually read within that. */
export const BUDGET_RETRY_AFTER_SECONDS = 1;

/**
 * A body being read under the budget. `read()` reads it once, refusing (without buffering) anything over the
 * vendor's limit or the budget; `release()` gives its bytes back once the request is answered. Each chunk is decoded
 * as it arrives (a character split across chunks is kept whole by the decoder), so a huge upload is never held as
 * chunks, a joined buffer and a string at the same time.
 */
export class BodyIntake {
  private reserved = 0;
  /** The whole body was read (or there is none to read). */
  complete = false;

  constructor(
    private readonly msg: IncomingMessage,
    private readonly limit: number,
    private readonly budget: BodyBudget,
  ) {}

  /** Checks what the headers declare before anything is read: throws BodyTooLarge or BodyBudgetExhausted. */
  admit(): void {
    const declared = this.declared();
    if (declared > this.limit) throw new BodyTooLarge();
    if (declared > 0) this.reserve(declared);
  }

  read(): Promise<string> {
    const { msg } = this;
    if (msg.method === 'GET' || msg.method === 'HEAD') {
      this.complete = true;
      return Promise.resolve('');
    }
    return new Promise((resolve, reject) => {
      const decoder = new StringDecoder('utf8');
      const parts: string[] = [];
      let size = 0;
      let settled = false;
      const fail = (err: Error) => {
        if (settled) return;
        settled = true;
        msg.removeAllListeners('data');
        reject(err);
      };
      msg.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > this.limit) return fail(new BodyTooLarge());
        // A body without a Content-Length (chunked) is counted as it comes; one with it was reserved by `admit`.
        if (size > this.reserved) {
          try {
            this.reserve(size - this.reserved);
          } catch (err) {
            return fail(err as Error);
          }
        }
        parts.push(decoder.write(chunk));
      });
      msg.on('end', () => {
        if (settled) return;
        settled = true;
        this.complete = true;
        parts.push(decoder.end());
        resolve(parts.length === 2 ? (parts[0] as string) + (parts[1] as string) : parts.join(''));
      });
      msg.on('error', () => fail(new ClientAborted()));
      msg.on('close', () => {
        if (!msg.complete) fail(new ClientAborted());
      });
    });
  }

  /** Body bytes the client announced (or is sending chunked) that were not read: a refusal then closes the connection. */
  get unread(): boolean {
    return !this.complete && (this.declared() > 0 || this.msg.headers['transfer-encoding'] !== undefined);
  }

  release(): void {
    this.budget.give(this.reserved);
    this.reserved = 0;
  }

  private reserve(bytes: number): void {
    if (bytes <= 0) return;
    if (!this.budget.take(bytes)) throw new BodyBudgetExhausted();
    this.reserved += bytes;
  }

  private declared(): number {
    const declared = Number(this.msg.headers['content-length'] ?? 0);
    return Number.isFinite(declared) && declared > 0 ? declared : 0;
  }
}
