/**
 * Matching received messages against the catalog's message templates: the
 * code of a flat body, which names none, and the values of a code's
 * placeholders (the Rust client's `matcher` module, same rules).
 */

import type { CodeInfo } from "./types.js";

/** A piece of a compiled template: literal text, or `{ param }` for a placeholder. */
export type Piece = string | { readonly param: string };

/** Splits a template into merged literal text and placeholders; `null` for an unbalanced brace. */
export declare function compileTemplate(template: string): readonly Piece[] | null;

/** Matches `message` against `pieces`: each placeholder's value, or `null`. */
export declare function matchPieces(
  pieces: readonly Piece[],
  message: string,
): readonly (readonly [string, string])[] | null;

/** A message matched to a code by its template. */
export interface Inferred {
  readonly code: string;
  readonly values: readonly (readonly [string, string])[];
  /** The other codes that ranked the same, in catalog order. */
  readonly ties: readonly string[];
}

/** The templates of a catalog, compiled once. */
export interface Matcher {
  /** The placeholder values of `message` for `code`: its message template, else its public one. */
  matchCode(code: string, message: string): readonly (readonly [string, string])[] | null;
  /**
   * The code whose template matches `message` among the codes of `status`:
   * the most literal characters wins; among equals the first in catalog
   * order, the others reported as ties.
   */
  infer(message: string, status: number): Inferred | null;
}

/** Compiles the templates of `codes`, in catalog order. */
export declare function createMatcher(codes: readonly CodeInfo[]): Matcher;
