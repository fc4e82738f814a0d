/**
 * The error catalog's client: the runtime bound to the generated catalog.
 * This file is the same for every catalog; `catalog.js` is what differs.
 */

/** @import { Code, ParamsByCode } from "./catalog.js" */

import { CODES } from "./catalog.js";
import { createParser } from "./runtime/parse.js";

export { CODES } from "./catalog.js";
export { parseHttpDate, parseRetryAfter, retryAfterDelayMs, retryPolicy } from "./runtime/retry.js";
export { DEFAULT_MAX_BODY_BYTES } from "./runtime/parse.js";

/** @type {import("./runtime/parse.js").Parser<ParamsByCode>} */
const parser = createParser(CODES);

/** @type {typeof import("./index.js").parseError} */
export const parseError = (status, headers, body, options) => parser.parse(status, headers, body, options);

/** @type {typeof import("./index.js").parseFetchResponse} */
export const parseFetchResponse = (response, options) => parser.parseResponse(response, options);

/** @type {typeof import("./index.js").findCode} */
export const findCode = (name) => (typeof name === "string" ? parser.findCode(name) : null);

/**
 * @template {Code} C
 * @param {unknown} value
 * @param {C} code
 * @returns {value is import("./index.js").KnownError<C>}
 */
export function isCode(value, code) {
  if (value === null || typeof value !== "object") return false;
  return (
    Object.prototype.hasOwnProperty.call(value, "kind") &&
    Object.prototype.hasOwnProperty.call(value, "code") &&
    Object.prototype.hasOwnProperty.call(value, "params") &&
    /** @type {{ kind: unknown }} */ (value).kind === "known" &&
    /** @type {{ code: unknown }} */ (value).code === code
  );
}
