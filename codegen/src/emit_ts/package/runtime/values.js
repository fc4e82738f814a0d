/**
 * Conversions of received param values into their catalog types, with the
 * Rust client's rules: integers are range-checked on their exact literal
 * (a `BigInt`), then handed out as numbers.
 */

/** @import { JsonNode } from "./json.js" */
/** @import { ParamType } from "./types.js" */

import { isArray, isNumber } from "./json.js";

/** The inclusive range of each integer type. */
/** @type {Readonly<Record<"i32" | "i64" | "timestamp" | "u16" | "u32" | "u64" | "seconds", readonly [bigint, bigint]>>} */
const RANGES = Object.freeze({
  i32: [-2147483648n, 2147483647n],
  i64: [-9223372036854775808n, 9223372036854775807n],
  timestamp: [-9223372036854775808n, 9223372036854775807n],
  u16: [0n, 65535n],
  u32: [0n, 4294967295n],
  u64: [0n, 18446744073709551615n],
  seconds: [0n, 18446744073709551615n],
});

/** @type {Readonly<Record<ParamType, string>>} */
const EXPECTED = Object.freeze({
  string: "a string",
  bool: "`true` or `false`",
  i32: "an integer (i32)",
  i64: "an integer (i64)",
  timestamp: "an integer (i64)",
  u16: "an integer from 0 to 65535",
  u32: "an integer from 0 to 4294967295",
  u64: "a non-negative integer",
  seconds: "whole seconds",
  string_list: "a list of strings",
});

/** @type {typeof import("./values.js").expectedOf} */
export const expectedOf = (type) => EXPECTED[type];

/**
 * @param {string} literal an integer literal
 * @param {readonly [bigint, bigint]} range
 * @returns {number | null}
 */
const inRange = (literal, range) => {
  const value = BigInt(literal);
  return value >= range[0] && value <= range[1] ? Number(literal) : null;
};

/**
 * An integer of `type` from JSON: a literal without fraction or exponent
 * (`-0` is a float to serde_json), within range.
 * @param {JsonNode} node
 * @param {readonly [bigint, bigint]} range
 * @returns {number | null}
 */
const jsonInteger = (node, range) => {
  if (!isNumber(node) || !node.integer || node.raw === "-0") return null;
  return inRange(node.raw, range);
};

/**
 * An integer from text: digits with an optional leading `-`, as rendering
 * writes them (no `+`, no blanks); `-0` is zero for signed types only.
 * @param {string} text
 * @param {readonly [bigint, bigint]} range
 * @returns {number | null}
 */
const textInteger = (text, range) => {
  if (!/^-?[0-9]+$/.test(text)) return null;
  if (text.startsWith("-") && range[0] === 0n) return null;
  const value = inRange(text, range);
  return value === null ? null : value + 0;
};

/** @type {typeof import("./values.js").convert} */
export const convert = (value, type) => {
  switch (type) {
    case "string":
      if (value.source === "text") return value.text;
      return typeof value.node === "string" ? value.node : null;
    case "bool":
      if (value.source === "json") return typeof value.node === "boolean" ? value.node : null;
      return value.text === "true" ? true : value.text === "false" ? false : null;
    case "string_list": {
      if (value.source === "text") return Object.freeze(value.text === "" ? [] : value.text.split(", "));
      const node = value.node;
      if (!isArray(node)) return null;
      /** @type {string[]} */
      const items = [];
      for (const item of node) {
        if (typeof item !== "string") return null;
        items.push(item);
      }
      return Object.freeze(items);
    }
    default: {
      const range = RANGES[type];
      if (range === undefined) return null;
      return value.source === "json" ? jsonInteger(value.node, range) : textInteger(value.text, range);
    }
  }
};

/** @type {typeof import("./values.js").parseU64Text} */
export const parseU64Text = (text) => (/^\+?[0-9]+$/.test(text) ? inRange(text.replace("+", ""), RANGES.u64) : null);
