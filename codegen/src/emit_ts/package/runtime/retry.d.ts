/**
 * Retry advice, as the Rust client's `RetryPolicy` gives it: `Retry-After`
 * (seconds or an HTTP date), the flat `retry_after`, `X-RateLimit-*`, the
 * catalog's `retryable`; no retry on a 4xx except 408, 425 and 429;
 * exponential backoff with jitter; bounded attempts. Times are milliseconds.
 */

/** When the server asks the client to retry. */
export type RetryAfter =
  /** After this many seconds (`Retry-After: 60`, or the flat `retry_after`). */
  | { readonly kind: "delay"; readonly seconds: number }
  /** At this time, in milliseconds since the Unix epoch (`Retry-After: <HTTP date>`). */
  | { readonly kind: "at"; readonly time: number };

/** The `X-RateLimit-*` values of a response. */
export interface RateLimit {
  /** Requests allowed per window. */
  readonly limit: number | null;
  /** Requests left in the window. */
  readonly remaining: number | null;
  /** When the window ends, in Unix seconds. */
  readonly reset: number | null;
}

/** What a response says about retrying. */
export interface RetryInfo {
  /** From `Retry-After`, else from the flat envelope's `retry_after`. */
  readonly retryAfter: RetryAfter | null;
  /** From the `X-RateLimit-*` headers, else from the params that declare those headers. */
  readonly rateLimit: RateLimit;
  /** The catalog's `retryable` flag, when the code is known. */
  readonly retryable: boolean | null;
}

/** Why a policy advises against retrying. */
export type StopReason =
  /** A client error other than 408, 425 and 429: the request must change. */
  | "client_error"
  /** A server error that retrying does not fix (501, 505, 511). */
  | "not_retryable_status"
  /** The catalog says the code is not retryable. */
  | "not_retryable_code"
  /** The policy's attempts are used up. */
  | "attempts_exhausted"
  /** The server asks for a wait longer than the policy's maximum (`waitMs`). */
  | "wait_too_long";

/** What to do after a failed attempt. */
export type RetryDecision =
  | { readonly kind: "retry"; readonly delayMs: number }
  | { readonly kind: "stop"; readonly reason: StopReason; readonly waitMs: number | null };

/** The settings of a policy; every one is optional. */
export interface RetryPolicyOptions {
  /** The most retries after the first attempt: 3. */
  readonly maxRetries?: number;
  /** The delay before the first retry, doubled for each further one: 1000. */
  readonly baseDelayMs?: number;
  /** The longest backoff delay, before jitter: 60000. */
  readonly maxDelayMs?: number;
  /** The most jitter added to a delay: 1000. */
  readonly maxJitterMs?: number;
  /** The longest wait the server may ask for; longer ones stop retrying: 300000. */
  readonly maxRetryAfterMs?: number;
  /** A delay from 0 to `maxMs` (clamped to that range); uniform random by default. */
  readonly jitter?: (maxMs: number) => number;
}

/** Decides whether and when to retry. */
export interface RetryPolicy {
  /** The decision after `error`, when `retries` retries were made already, at `nowMs` (default: now). */
  decide(error: { readonly status: number; readonly retry: RetryInfo }, retries: number, nowMs?: number): RetryDecision;
  /** The decision for a response with `status` and `retry`, after `retries` retries, at `nowMs`. */
  decideAt(status: number, retry: RetryInfo, retries: number, nowMs: number): RetryDecision;
}

/**
 * A policy; the defaults follow the API documents (3 retries, 1 s doubled,
 * 1 s jitter, 60 s cap, 5 min most wait).
 *
 * @example
 * ```ts
 * const decision = retryPolicy({ maxRetries: 5 }).decide(result, retries);
 * if (decision.kind === "retry") await new Promise((done) => setTimeout(done, decision.delayMs));
 * ```
 */
export declare function retryPolicy(options?: RetryPolicyOptions): RetryPolicy;

/** Parses a `Retry-After` value: delay seconds or an HTTP date (IMF-fixdate, RFC 850, asctime). */
export declare function parseRetryAfter(value: string): RetryAfter | null;

/** How long to wait from `nowMs`, in milliseconds; zero for a time already past. */
export declare function retryAfterDelayMs(after: RetryAfter, nowMs: number): number;

/** Parses an HTTP date to milliseconds since the Unix epoch, as the Rust `httpdate` crate does. */
export declare function parseHttpDate(value: string): number | null;
