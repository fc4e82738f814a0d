/**
 * Param values as received (a JSON value from the details, or text from a
 * header or a message placeholder) converted to their catalog type with the
 * Rust client's rules (`FromPart`).
 */

import type { JsonNode } from "./json.js";
import type { ParamType } from "./types.js";

/** A param value as received. */
export type PartValue = { readonly source: "json"; readonly node: JsonNode } | { readonly source: "text"; readonly text: string };

/** A converted param value. */
export type TypedValue = string | boolean | number | readonly string[];

/** What a conversion into `type` accepts, for messages (`an integer from 0 to 65535`). */
export declare function expectedOf(type: ParamType): string;

/**
 * `value` as a value of `type`, or `null` when it does not have that type:
 * JSON must have the matching JSON type (integers without fraction or
 * exponent, within the type's range); text is parsed (integers in decimal,
 * booleans as `true`/`false`, lists as items joined by `", "`).
 */
export declare function convert(value: PartValue, type: ParamType): TypedValue | null;

/** Whether `text` is a decimal integer as Rust's `u64` parser accepts it (`+` allowed), within `u64`. */
export declare function parseU64Text(text: string): number | null;
