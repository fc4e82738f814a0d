/** Building the frozen metadata table of a catalog. */

/** @import { CodeInfo } from "./types.js" */

/**
 * Freezes `value` and everything it holds.
 * @template T
 * @param {T} value
 * @returns {T}
 */
const deepFreeze = (value) => {
  if (value !== null && typeof value === "object") {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
};

/** @type {typeof import("./table.js").codeTable} */
export const codeTable = (list) => {
  /** @type {{ [id: string]: CodeInfo }} */
  const table = Object.create(null);
  for (const info of list) Object.defineProperty(table, info.id, { value: deepFreeze(info), enumerable: true });
  return Object.freeze(table);
};
