/**
 * The shapes the client hands out, generic over a catalog's params table
 * (`P`: code id to the interface of its params). `index.d.ts` binds them to
 * the generated catalog.
 */

import type { JsonValue } from "./json.js";
import type { RetryInfo } from "./retry.js";

export type { JsonValue } from "./json.js";

/** The four wire envelopes. */
export type Envelope = "nested" | "flat" | "rich" | "problem";

/** The type of a param, as the catalog names it. */
export type ParamType =
  | "string"
  | "bool"
  | "i32"
  | "i64"
  | "u16"
  | "u32"
  | "u64"
  | "seconds"
  | "timestamp"
  | "string_list";

/** The messages of one field, for showing next to its input. */
export interface FieldError {
  readonly field: string;
  readonly messages: readonly string[];
}

/** One param of a code in the metadata table. */
export interface ParamInfo {
  /** The snake_case name, also the key in the code's params. */
  readonly name: string;
  readonly type: ParamType;
  readonly description: string;
  /** Whether the value may be absent. */
  readonly optional: boolean;
  /** Whether the value never reaches the public audience. */
  readonly sensitive: boolean;
  /** The member of the envelope's details that carries it. */
  readonly detail: string | null;
  /** The HTTP header that carries it. */
  readonly header: string | null;
  /** Whether the message (or the public message) shows it. */
  readonly inMessage: boolean;
}

/** Everything the catalog says about one code. */
export interface CodeInfo<C extends string = string> {
  readonly id: C;
  readonly status: number;
  /** The snake_case domain the code belongs to. */
  readonly domain: string;
  /** Whether the same request may be retried unchanged. */
  readonly retryable: boolean;
  /** The message template (the admin audience's), `{param}` placeholders, `{{`/`}}` for braces. */
  readonly message: string;
  /** The template the public audience sees instead, if any. */
  readonly publicMessage: string | null;
  /** Markdown: when the error occurs. */
  readonly description: string | null;
  /** Markdown: what the client should do. */
  readonly resolution: string;
  /** The catalog version that added the code. */
  readonly since: string | null;
  /** Other or former names that mean this code. */
  readonly aliases: readonly string[];
  readonly deprecated: { readonly replacement: string | null; readonly note: string | null } | null;
  /** Set when the code is no longer raised (it is still recognised). */
  readonly retired: { readonly since: string; readonly note: string } | null;
  /** Whether the error carries field errors. */
  readonly fields: boolean;
  readonly params: readonly ParamInfo[];
  /** The code's documentation page, relative to the docs root. */
  readonly docsPage: string;
}

/** The metadata table: every code by id, in catalog order. */
export type CodeTable<P> = { readonly [C in keyof P & string]: CodeInfo<C> };

/** How the code of a parsed error was found. */
export type CodeOrigin<C extends string = string> =
  /** The body named it, as this id or alias. */
  | { readonly kind: "stated"; readonly name: string }
  /**
   * The body named none (the flat envelope); the message matched the code's
   * template. `ties` are the other codes of the same status whose templates
   * matched with as many literal characters: a non-empty list means a guess.
   */
  | { readonly kind: "matched"; readonly ties: readonly C[] }
  /** No code: none named and no template matched. */
  | { readonly kind: "none" };

/** What every parsed error has (everything but a failure). */
export interface ParsedResponse<C extends string = string> {
  /** The HTTP status. */
  readonly status: number;
  /** The envelope the body was read as. */
  readonly envelope: Envelope;
  readonly origin: CodeOrigin<C>;
  /** The message as received. */
  readonly message: string;
  /** From the body or the `X-Request-Id` header: quote it to support. */
  readonly requestId: string | null;
  /** What the response says about retrying. */
  readonly retry: RetryInfo;
}

/** A catalog code with every required param: its typed params. */
export interface KnownError<P, C extends keyof P & string> extends ParsedResponse<keyof P & string> {
  readonly kind: "known";
  readonly code: C;
  readonly params: P[C];
  /** The field errors (empty when the envelope carried none). */
  readonly fields: readonly FieldError[];
}

/** A param value as received, before conversion. */
export interface Part {
  readonly name: string;
  /** `json` from the body's details, `text` from a header or the message. */
  readonly source: "json" | "text";
  readonly value: JsonValue;
}

/** Why the params of a known code could not all be typed. */
export interface IncompleteReason {
  /** The param, or `null` for the field errors or the code itself. */
  readonly param: string | null;
  readonly problem: "missing" | "invalid" | "retired";
  /** For `invalid`: what the value should have been. */
  readonly expected: string | null;
  /** The same sentence as the Rust client's. */
  readonly message: string;
}

/**
 * A catalog code whose typed params cannot all be built, because what the
 * envelope or the audience drops included a required one (or a value had
 * the wrong type, or the code is retired).
 */
export interface IncompleteError<P, C extends keyof P & string> extends ParsedResponse<keyof P & string> {
  readonly kind: "incomplete";
  readonly code: C;
  /** The params that were recovered and typed. */
  readonly params: Partial<P[C]>;
  /** Every value recovered, as received. */
  readonly parts: readonly Part[];
  readonly fields: readonly FieldError[] | null;
  readonly reason: IncompleteReason;
}

/** A code this client does not know (a newer server), or a flat message matching no template. */
export interface UnknownError extends ParsedResponse<never> {
  readonly kind: "unknown";
  /** The code as sent; `null` for a flat body. */
  readonly code: string | null;
  /** The rich `details`, the problem extension members, or the flat `details` list. */
  readonly details: JsonValue | null;
  readonly fields: readonly FieldError[] | null;
}

/** Why a body is not an error of any envelope. */
export type FailureReason =
  | { readonly kind: "too_large"; readonly limit: number; readonly length: number }
  | { readonly kind: "empty" }
  | { readonly kind: "truncated" }
  | { readonly kind: "too_deep" }
  | { readonly kind: "not_json"; readonly message: string }
  | { readonly kind: "unknown_shape" }
  | { readonly kind: "invalid"; readonly envelope: Envelope; readonly message: string }
  | { readonly kind: "read"; readonly message: string }
  | { readonly kind: "bad_input"; readonly message: string };

/** A response whose body could not be read as an error; the status and headers still speak. */
export interface ParseFailure {
  readonly kind: "failure";
  readonly status: number;
  readonly reason: FailureReason;
  /** What the headers say about retrying (`retryable` is `null`). */
  readonly retry: RetryInfo;
  /** The same sentence as the Rust client's `ParseError`. */
  readonly message: string;
}

/** Every known code's typed error, as a union narrowed by `code`. */
export type AnyKnownError<P> = { [C in keyof P & string]: KnownError<P, C> }[keyof P & string];

/** Every known code's incomplete error, as a union narrowed by `code`. */
export type AnyIncompleteError<P> = { [C in keyof P & string]: IncompleteError<P, C> }[keyof P & string];

/** What parsing an error response gives: never thrown, switch on `kind`. */
export type ParseResult<P> = AnyKnownError<P> | AnyIncompleteError<P> | UnknownError | ParseFailure;

/** Response headers: a fetch `Headers`, or a record such as Node's `IncomingHttpHeaders`. */
export type HeadersInput =
  | { get(name: string): string | null }
  | { readonly [name: string]: string | readonly string[] | undefined };

/** A response body: text, or bytes (decoded as UTF-8). */
export type BodyInput = string | Uint8Array | ArrayBuffer;

/** Options of a parse. */
export interface ParseOptions {
  /** Read every body as this envelope instead of detecting it. */
  readonly envelope?: Envelope;
  /** Refuse longer bodies before parsing them; 1 MiB by default. */
  readonly maxBodyBytes?: number;
}

/** What `parseFetchResponse` needs of a fetch `Response`. */
export interface ResponseLike {
  readonly status: number;
  readonly headers: { get(name: string): string | null };
  readonly body: ReadableStream<Uint8Array> | null;
}
