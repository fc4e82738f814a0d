/**
 * The parser: from a status, headers and body to a `ParseResult`, with the
 * Rust client's rules (`errors_core::client::Parser`).
 */

import type { BodyInput, CodeTable, HeadersInput, ParseOptions, ParseResult, ResponseLike } from "./types.js";

/** The default body size limit: 1 MiB. */
export declare const DEFAULT_MAX_BODY_BYTES: number;

/** A parser bound to one catalog. */
export interface Parser<P> {
  /** Parses a response; never throws. */
  parse(status: number, headers: HeadersInput | null | undefined, body: BodyInput, options?: ParseOptions): ParseResult<P>;
  /** Reads a fetch `Response`'s body (up to the size limit) and parses it; never rejects. */
  parseResponse(response: ResponseLike, options?: ParseOptions): Promise<ParseResult<P>>;
  /** The code whose id or alias is `name`. */
  findCode(name: string): (keyof P & string) | null;
}

/** A parser for the catalog described by `codes`. */
export declare function createParser<P>(codes: CodeTable<P>): Parser<P>;
