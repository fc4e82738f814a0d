/**
 * The error catalog's client: parse any error response of the API, in any
 * of its four envelopes, into a typed result; decide whether to retry.
 *
 * @example
 * ```ts
 * import { parseFetchResponse, retryPolicy } from "./index.js";
 *
 * const result = await parseFetchResponse(response);
 * if (result.kind === "known" && result.code === "rate_limit_exceeded") {
 *   console.log(`retry in ${result.params.retry_after} s`);
 * }
 * const decision = retryPolicy().decide(result, 0);
 * ```
 */

import type { Code, ParamsByCode } from "./catalog.js";
import type * as Runtime from "./runtime/types.js";

export { CODES } from "./catalog.js";
export type { Code, ParamsByCode } from "./catalog.js";
export type {
  BodyInput,
  CodeInfo,
  Envelope,
  FailureReason,
  FieldError,
  HeadersInput,
  IncompleteReason,
  JsonValue,
  ParamInfo,
  ParamType,
  ParseFailure,
  ParseOptions,
  Part,
  ResponseLike,
  UnknownError,
} from "./runtime/types.js";
export { parseHttpDate, parseRetryAfter, retryAfterDelayMs, retryPolicy } from "./runtime/retry.js";
export type {
  RateLimit,
  RetryAfter,
  RetryDecision,
  RetryInfo,
  RetryPolicy,
  RetryPolicyOptions,
  StopReason,
} from "./runtime/retry.js";
export { DEFAULT_MAX_BODY_BYTES } from "./runtime/parse.js";

/** A catalog code with every required param: `params` is typed by `code`. */
export type KnownError<C extends Code = Code> = { [K in C]: Runtime.KnownError<ParamsByCode, K> }[C];
/** A catalog code whose required params did not all travel. */
export type IncompleteError<C extends Code = Code> = { [K in C]: Runtime.IncompleteError<ParamsByCode, K> }[C];
/** How the code was found. */
export type CodeOrigin = Runtime.CodeOrigin<Code>;
/** What parsing gives: `known`, `incomplete`, `unknown` or `failure`; never thrown. */
export type ParseResult = Runtime.ParseResult<ParamsByCode>;

/**
 * Parses an error response from its status, headers and body (text or
 * bytes). Never throws: a body that is no error of any envelope gives a
 * result of kind `failure`.
 *
 * @example
 * ```ts
 * const result = parseError(404, { "content-type": "application/json" }, '{"error":"User not found in any organization"}');
 * // The flat envelope names no code: the message matched the template of `user_without_organization`.
 * if (result.kind === "known" && result.code === "user_without_organization") console.log(result.origin);
 * ```
 */
export declare function parseError(
  status: number,
  headers: Runtime.HeadersInput | null | undefined,
  body: Runtime.BodyInput,
  options?: Runtime.ParseOptions,
): ParseResult;

/** Reads a fetch `Response`'s body, up to the size limit, and parses it. Never rejects. */
export declare function parseFetchResponse(response: Runtime.ResponseLike, options?: Runtime.ParseOptions): Promise<ParseResult>;

/**
 * Whether `value` is a parsed error of `code` with its typed params.
 *
 * @example
 * ```ts
 * if (isCode(result, "rate_limit_exceeded")) wait(result.params.retry_after);
 * ```
 */
export declare function isCode<C extends Code>(value: unknown, code: C): value is KnownError<C>;

/** The code whose id or alias is `name`, or `null`. */
export declare function findCode(name: string): Code | null;
