/** Building the frozen metadata table of a catalog. */

import type { CodeInfo } from "./types.js";

/**
 * The codes of `list` keyed by id, in list order, deeply frozen, in an
 * object without a prototype (so `"toString" in table` is false).
 */
export declare function codeTable(list: readonly CodeInfo[]): { readonly [id: string]: CodeInfo };
