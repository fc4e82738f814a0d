/**
 * A bounded, strict JSON reader with the rules of the Rust client's reader
 * (serde_json): nesting deeper than 127 arrays and objects is refused,
 * numbers keep their literal text so integers are checked exactly, unpaired
 * surrogates are refused, and objects never touch `Object.prototype`.
 */

/** A JSON number with its literal text, so that `1` and `1.0` stay apart. */
export interface JsonNumber {
  readonly kind: "number";
  /** The literal as written in the body. */
  readonly raw: string;
  /** Whether the literal is an integer (no fraction, no exponent). */
  readonly integer: boolean;
  /** The value as a JavaScript number (rounded beyond 2^53). */
  readonly value: number;
}

/** A JSON object: its members by name (the last of duplicates wins) and every entry in body order. */
export interface JsonObject {
  readonly kind: "object";
  readonly members: ReadonlyMap<string, JsonNode>;
  readonly entries: readonly (readonly [string, JsonNode])[];
}

/** A JSON value as read from a body. */
export type JsonNode = null | boolean | string | JsonNumber | readonly JsonNode[] | JsonObject;

/** JSON as handed to users: plain values, objects without a prototype. */
export type JsonValue =
  | null
  | boolean
  | number
  | string
  | readonly JsonValue[]
  | { readonly [member: string]: JsonValue };

/** Why a text is not JSON. */
export type JsonProblem =
  | { readonly kind: "truncated"; readonly message: string }
  | { readonly kind: "too_deep"; readonly message: string }
  | { readonly kind: "not_json"; readonly message: string };

/** The deepest nesting accepted: 127 levels (serde_json's limit of 128, exclusive). */
export declare const MAX_DEPTH: number;

/** Reads `text` as one JSON value. */
export declare function readJson(
  text: string,
): { readonly ok: true; readonly value: JsonNode } | { readonly ok: false; readonly problem: JsonProblem };

/** The JSON type of `node`, for messages: `null`, `a string`, `an object`... */
export declare function typeName(node: JsonNode): string;

/** Whether `node` is an object. */
export declare function isObject(node: JsonNode): node is JsonObject;

/** Whether `node` is an array. */
export declare function isArray(node: JsonNode): node is readonly JsonNode[];

/** Whether `node` is a number. */
export declare function isNumber(node: JsonNode): node is JsonNumber;

/** `node` as plain, deeply frozen values; objects have no prototype. */
export declare function toPlain(node: JsonNode): JsonValue;
