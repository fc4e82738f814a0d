/**
 * Template matching with the Rust client's rules. Matching is linear: the
 * text before the first placeholder must start the message, the text after
 * the last one must end it, and each text in between is found at its
 * leftmost place, so every placeholder but the last takes the shortest value
 * after which the rest still matches; two placeholders with no text between
 * them give the first an empty value.
 */

/** @import { Inferred, Piece } from "./template.js" */

/** @type {typeof import("./template.js").compileTemplate} */
export const compileTemplate = (template) => {
  /** @type {Piece[]} */
  const pieces = [];
  let text = "";
  let rest = template;
  while (rest.length > 0) {
    if (rest.startsWith("{{") || rest.startsWith("}}")) {
      text += rest[0];
      rest = rest.slice(2);
    } else if (rest[0] === "{") {
      const end = rest.indexOf("}");
      if (end < 0) return null;
      if (text.length > 0) pieces.push(text);
      text = "";
      pieces.push(Object.freeze({ param: rest.slice(1, end) }));
      rest = rest.slice(end + 1);
    } else if (rest[0] === "}") {
      return null;
    } else {
      text += rest[0];
      rest = rest.slice(1);
    }
  }
  if (text.length > 0) pieces.push(text);
  return Object.freeze(pieces);
};

/** @type {typeof import("./template.js").matchPieces} */
export const matchPieces = (pieces, message) => {
  /** @type {(readonly [string, string])[]} */
  const values = [];
  let position = 0;
  /** @type {string[]} */
  let pending = [];
  let lastText = -1;
  pieces.forEach((piece, index) => {
    if (typeof piece === "string") lastText = index;
  });
  /** Gives `value` to the last pending placeholder and empty values to the ones before it. @param {string} value */
  const close = (value) => {
    pending.forEach((name, index) => {
      values.push([name, index + 1 === pending.length ? value : ""]);
    });
    pending = [];
  };
  for (let index = 0; index < pieces.length; index += 1) {
    const piece = pieces[index];
    if (piece === undefined) break;
    if (typeof piece !== "string") {
      pending.push(piece.param);
      continue;
    }
    const rest = message.slice(position);
    let start;
    if (pending.length === 0) {
      if (!rest.startsWith(piece)) return null;
      start = 0;
    } else if (index === lastText && index === pieces.length - 1) {
      // The final text ends the message.
      if (!rest.endsWith(piece)) return null;
      start = rest.length - piece.length;
    } else {
      start = rest.indexOf(piece);
      if (start < 0) return null;
    }
    close(rest.slice(0, start));
    position += start + piece.length;
  }
  const rest = message.slice(position);
  if (pending.length === 0) return rest.length === 0 ? Object.freeze(values) : null;
  close(rest);
  return Object.freeze(values);
};

/** The number of characters (code points), as Rust counts `chars`. @param {string} text */
const charCount = (text) => [...text].length;

/** @type {typeof import("./template.js").createMatcher} */
export const createMatcher = (codes) => {
  /** @type {{ code: string, status: number, pieces: readonly Piece[], literalChars: number }[]} */
  const templates = [];
  for (const info of codes) {
    for (const text of info.publicMessage === null ? [info.message] : [info.message, info.publicMessage]) {
      const pieces = compileTemplate(text);
      if (pieces === null) continue;
      const literalChars = pieces.reduce((sum, piece) => sum + (typeof piece === "string" ? charCount(piece) : 0), 0);
      templates.push({ code: info.id, status: info.status, pieces, literalChars });
    }
  }
  return Object.freeze({
    /** @param {string} code @param {string} message */
    matchCode(code, message) {
      for (const template of templates) {
        if (template.code !== code) continue;
        const values = matchPieces(template.pieces, message);
        if (values !== null) return values;
      }
      return null;
    },
    /** @param {string} message @param {number} status @returns {Inferred | null} */
    infer(message, status) {
      /** @type {{ rank: number, code: string, values: readonly (readonly [string, string])[], ties: string[] } | null} */
      let best = null;
      for (const template of templates) {
        if (template.status !== status) continue;
        const values = matchPieces(template.pieces, message);
        if (values === null) continue;
        const rank = template.literalChars;
        if (best !== null && best.code === template.code) {
          if (rank > best.rank) {
            best.rank = rank;
            best.values = values;
          }
        } else if (best !== null && rank === best.rank) {
          if (!best.ties.includes(template.code)) best.ties.push(template.code);
        } else if (best !== null && rank < best.rank) {
          // A weaker match of another code.
        } else {
          best = { rank, code: template.code, values, ties: [] };
        }
      }
      if (best === null) return null;
      return Object.freeze({ code: best.code, values: best.values, ties: Object.freeze(best.ties) });
    },
  });
};
