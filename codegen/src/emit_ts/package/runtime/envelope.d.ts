/**
 * Reading a JSON body as one of the four envelopes: detecting the envelope
 * from the content type and the body's shape, and decoding the members every
 * envelope has in common into one form (the Rust client's `wire` module).
 */

import type { JsonNode, JsonValue } from "./json.js";
import type { Envelope, FieldError } from "./types.js";

/** The members of a received error body, whatever its envelope. */
export interface Received {
  /** The code as sent (`null` in the flat envelope). */
  readonly code: string | null;
  /** The message (`detail`, or `title` without it, in problem details). */
  readonly message: string;
  /** The detail members: the rich `details` without `errors` and `request_id`, or the problem extension members. */
  readonly members: ReadonlyMap<string, JsonNode>;
  /** The flat envelope's `details` list. */
  readonly list: readonly string[] | null;
  /** Field errors, from the nested `fields` or an `errors` list. */
  readonly fields: readonly FieldError[] | null;
  /** The request id from the body. */
  readonly requestId: string | null;
  /** The flat envelope's `retry_after` seconds. */
  readonly retryAfter: number | null;
  /** The details as received, for unknown codes. */
  readonly rawDetails: JsonValue | null;
}

/** The envelope of a body, or `null` for a body of no known shape. */
export declare function detectEnvelope(contentType: string | null, body: JsonNode): Envelope | null;

/** Decodes `body` as `envelope`; the failure names the member that is wrong. */
export declare function decodeEnvelope(
  envelope: Envelope,
  body: JsonNode,
): { readonly ok: true; readonly received: Received } | { readonly ok: false; readonly message: string };
