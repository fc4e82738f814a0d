/**
 * A bounded, strict JSON reader: the same grammar, depth limit and failure
 * classes as serde_json, which the Rust client uses, so both clients accept
 * and refuse the same bodies. `JSON.parse` is not used: it has no depth
 * bound, loses the difference between `1` and `1.0`, accepts unpaired
 * surrogates and cannot tell a truncated body from a malformed one.
 */

/** @import { JsonNode, JsonNumber, JsonObject, JsonProblem, JsonValue } from "./json.js" */

/** @type {typeof import("./json.js").MAX_DEPTH} */
export const MAX_DEPTH = 127;

/** A problem found while reading; caught by `readJson`, never escapes it. */
class Stop {
  /** @param {JsonProblem} problem */
  constructor(problem) {
    this.problem = problem;
  }
}

/** @param {string} message @returns {Stop} */
const eof = (message) => new Stop({ kind: "truncated", message });
/** @param {string} message @returns {Stop} */
const syntax = (message) => new Stop({ kind: "not_json", message });

/** The reader's state over one text. */
class Reader {
  /** @param {string} text */
  constructor(text) {
    this.text = text;
    this.pos = 0;
    this.depth = 0;
  }

  skipWhitespace() {
    const text = this.text;
    while (this.pos < text.length) {
      const c = text.charCodeAt(this.pos);
      if (c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d) this.pos += 1;
      else break;
    }
  }

  /** @returns {JsonNode} */
  value() {
    this.skipWhitespace();
    if (this.pos >= this.text.length) throw eof("EOF while parsing a value");
    const c = this.text[this.pos];
    switch (c) {
      case "n":
        return this.ident("null", null);
      case "t":
        return this.ident("true", true);
      case "f":
        return this.ident("false", false);
      case '"':
        return this.string();
      case "[":
        return this.array();
      case "{":
        return this.object();
      default:
        if (c === "-" || (c !== undefined && c >= "0" && c <= "9")) return this.number();
        throw syntax(`expected value at offset ${this.pos}`);
    }
  }

  /**
   * @template {null | boolean} T
   * @param {string} word
   * @param {T} result
   * @returns {T}
   */
  ident(word, result) {
    for (const expected of word) {
      if (this.pos >= this.text.length) throw eof("EOF while parsing a value");
      if (this.text[this.pos] !== expected) throw syntax(`expected ident at offset ${this.pos}`);
      this.pos += 1;
    }
    return result;
  }

  enter() {
    this.depth += 1;
    if (this.depth > MAX_DEPTH) throw new Stop({ kind: "too_deep", message: "recursion limit exceeded" });
  }

  /** @returns {readonly JsonNode[]} */
  array() {
    this.enter();
    this.pos += 1;
    /** @type {JsonNode[]} */
    const items = [];
    this.skipWhitespace();
    if (this.text[this.pos] === "]") {
      this.pos += 1;
      this.depth -= 1;
      return Object.freeze(items);
    }
    for (;;) {
      items.push(this.value());
      this.skipWhitespace();
      if (this.pos >= this.text.length) throw eof("EOF while parsing a list");
      const c = this.text[this.pos];
      this.pos += 1;
      if (c === "]") break;
      if (c !== ",") throw syntax(`expected \`,\` or \`]\` at offset ${this.pos - 1}`);
      this.skipWhitespace();
      if (this.pos >= this.text.length) throw eof("EOF while parsing a value");
      if (this.text[this.pos] === "]") throw syntax(`trailing comma at offset ${this.pos}`);
    }
    this.depth -= 1;
    return Object.freeze(items);
  }

  /** @returns {JsonObject} */
  object() {
    this.enter();
    this.pos += 1;
    /** @type {Map<string, JsonNode>} */
    const members = new Map();
    /** @type {(readonly [string, JsonNode])[]} */
    const entries = [];
    this.skipWhitespace();
    if (this.text[this.pos] === "}") {
      this.pos += 1;
    } else {
      for (;;) {
        this.skipWhitespace();
        if (this.pos >= this.text.length) throw eof("EOF while parsing an object");
        if (this.text[this.pos] !== '"') throw syntax(`key must be a string at offset ${this.pos}`);
        const key = this.string();
        this.skipWhitespace();
        if (this.pos >= this.text.length) throw eof("EOF while parsing an object");
        if (this.text[this.pos] !== ":") throw syntax(`expected \`:\` at offset ${this.pos}`);
        this.pos += 1;
        const value = this.value();
        members.set(key, value);
        entries.push(Object.freeze([key, value]));
        this.skipWhitespace();
        if (this.pos >= this.text.length) throw eof("EOF while parsing an object");
        const c = this.text[this.pos];
        this.pos += 1;
        if (c === "}") break;
        if (c !== ",") throw syntax(`expected \`,\` or \`}\` at offset ${this.pos - 1}`);
        this.skipWhitespace();
        if (this.text[this.pos] === "}") throw syntax(`trailing comma at offset ${this.pos}`);
      }
    }
    this.depth -= 1;
    return Object.freeze({ kind: "object", members, entries: Object.freeze(entries) });
  }

  /** @returns {string} */
  string() {
    const text = this.text;
    this.pos += 1;
    let out = "";
    let start = this.pos;
    for (;;) {
      if (this.pos >= text.length) throw eof("EOF while parsing a string");
      const c = text.charCodeAt(this.pos);
      if (c === 0x22) {
        out += text.slice(start, this.pos);
        this.pos += 1;
        return out;
      }
      if (c < 0x20) throw syntax(`control character (\\u0000-\\u001F) found while parsing a string at offset ${this.pos}`);
      if (c >= 0xd800 && c <= 0xdfff) {
        const next = text.charCodeAt(this.pos + 1);
        if (c > 0xdbff || !(next >= 0xdc00 && next <= 0xdfff)) {
          throw syntax(`invalid unicode code point at offset ${this.pos}`);
        }
        this.pos += 2;
        continue;
      }
      if (c === 0x5c) {
        out += text.slice(start, this.pos);
        this.pos += 1;
        out += this.escape();
        start = this.pos;
        continue;
      }
      this.pos += 1;
    }
  }

  /** @returns {string} */
  escape() {
    const text = this.text;
    if (this.pos >= text.length) throw eof("EOF while parsing a string");
    const c = text[this.pos];
    this.pos += 1;
    switch (c) {
      case '"':
        return '"';
      case "\\":
        return "\\";
      case "/":
        return "/";
      case "b":
        return "\b";
      case "f":
        return "\f";
      case "n":
        return "\n";
      case "r":
        return "\r";
      case "t":
        return "\t";
      case "u": {
        const first = this.hex();
        if (first >= 0xdc00 && first <= 0xdfff) throw syntax("lone leading surrogate in hex escape");
        if (first < 0xd800 || first > 0xdbff) return String.fromCharCode(first);
        if (this.pos >= text.length) throw eof("EOF while parsing a string");
        if (text[this.pos] !== "\\") throw syntax("unexpected end of hex escape");
        this.pos += 1;
        if (this.pos >= text.length) throw eof("EOF while parsing a string");
        if (text[this.pos] !== "u") throw syntax("unexpected end of hex escape");
        this.pos += 1;
        const second = this.hex();
        if (second < 0xdc00 || second > 0xdfff) throw syntax("lone leading surrogate in hex escape");
        return String.fromCharCode(first, second);
      }
      default:
        throw syntax(`invalid escape at offset ${this.pos - 1}`);
    }
  }

  /** @returns {number} */
  hex() {
    if (this.pos + 4 > this.text.length) {
      this.pos = this.text.length;
      throw eof("EOF while parsing a string");
    }
    const digits = this.text.slice(this.pos, this.pos + 4);
    if (!/^[0-9a-fA-F]{4}$/.test(digits)) throw syntax(`invalid escape at offset ${this.pos}`);
    this.pos += 4;
    return Number.parseInt(digits, 16);
  }

  /** @returns {JsonNumber} */
  number() {
    const text = this.text;
    const start = this.pos;
    let integer = true;
    if (text[this.pos] === "-") this.pos += 1;
    if (this.pos >= text.length) throw eof("EOF while parsing a value");
    const first = text[this.pos];
    if (first === "0") {
      this.pos += 1;
      if (isDigit(text[this.pos])) throw syntax(`invalid number at offset ${this.pos}`);
    } else if (isDigit(first)) {
      while (isDigit(text[this.pos])) this.pos += 1;
    } else {
      throw syntax(`invalid number at offset ${this.pos}`);
    }
    if (text[this.pos] === ".") {
      integer = false;
      this.pos += 1;
      this.digits();
    }
    const e = text[this.pos];
    if (e === "e" || e === "E") {
      integer = false;
      this.pos += 1;
      const sign = text[this.pos];
      if (sign === "+" || sign === "-") this.pos += 1;
      this.digits();
    }
    const raw = text.slice(start, this.pos);
    const value = Number(raw);
    if (!Number.isFinite(value)) throw syntax(`number out of range at offset ${start}`);
    return Object.freeze({ kind: "number", raw, integer, value });
  }

  /** At least one digit, else an error (EOF at the end of the text). */
  digits() {
    if (this.pos >= this.text.length) throw eof("EOF while parsing a value");
    if (!isDigit(this.text[this.pos])) throw syntax(`invalid number at offset ${this.pos}`);
    while (isDigit(this.text[this.pos])) this.pos += 1;
  }
}

/** @param {string | undefined} c @returns {boolean} */
const isDigit = (c) => c !== undefined && c >= "0" && c <= "9";

/** @type {typeof import("./json.js").readJson} */
export const readJson = (text) => {
  const reader = new Reader(text);
  try {
    const value = reader.value();
    reader.skipWhitespace();
    if (reader.pos < text.length) {
      return { ok: false, problem: { kind: "not_json", message: `trailing characters at offset ${reader.pos}` } };
    }
    return { ok: true, value };
  } catch (stop) {
    if (stop instanceof Stop) return { ok: false, problem: stop.problem };
    // Only a `RangeError` from an exhausted stack can get here, and the
    // depth bound keeps the recursion far from it.
    return { ok: false, problem: { kind: "too_deep", message: "the JSON is nested too deeply" } };
  }
};

/**
 * Whether `node` is an object.
 * @param {JsonNode} node
 * @returns {node is JsonObject}
 */
export function isObject(node) {
  return node !== null && typeof node === "object" && !Array.isArray(node) && "kind" in node && node.kind === "object";
}

/** @type {typeof import("./json.js").isArray} */
export const isArray = (node) => Array.isArray(node);

/**
 * Whether `node` is a number.
 * @param {JsonNode} node
 * @returns {node is JsonNumber}
 */
export function isNumber(node) {
  return node !== null && typeof node === "object" && !Array.isArray(node) && "kind" in node && node.kind === "number";
}

/** @type {typeof import("./json.js").typeName} */
export const typeName = (node) => {
  if (node === null) return "null";
  if (typeof node === "boolean") return "a boolean";
  if (typeof node === "string") return "a string";
  if (isArray(node)) return "an array";
  if (isNumber(node)) return "a number";
  return "an object";
};

/** @type {typeof import("./json.js").toPlain} */
export const toPlain = (node) => {
  if (node === null || typeof node === "boolean" || typeof node === "string") return node;
  if (isArray(node)) return Object.freeze(node.map(toPlain));
  if (isNumber(node)) return node.value;
  if (!isObject(node)) return null;
  /** @type {{ [member: string]: JsonValue }} */
  const object = Object.create(null);
  for (const [name, value] of node.members) {
    // A data property even for `__proto__`: the object has no prototype
    // whose setter an assignment could reach.
    Object.defineProperty(object, name, { value: toPlain(value), enumerable: true });
  }
  return Object.freeze(object);
};
