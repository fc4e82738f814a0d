/**
 * Reading a JSON body as one of the four envelopes, like the Rust client's
 * `wire` module: lenient about what it does not need (unknown members, a
 * missing `status` or `timestamp`), strict about what it reads: a member of
 * the wrong type is a failure that names it, with the same text as Rust.
 */

/** @import { JsonNode, JsonObject, JsonValue } from "./json.js" */
/** @import { FieldError } from "./types.js" */
/** @import { Received } from "./envelope.js" */

import { isArray, isNumber, isObject, toPlain, typeName } from "./json.js";

/** Problem members that are not extension members. */
const PROBLEM_MEMBERS = new Set(["type", "title", "status", "detail", "instance", "code", "errors", "request_id"]);

/** The largest `u64`, the range of the flat `retry_after`. */
const U64_MAX = 18446744073709551615n;

/** A decoding failure; caught by `decodeEnvelope`. */
class Invalid {
  /** @param {string} message */
  constructor(message) {
    this.message = message;
  }
}

/** @type {typeof import("./envelope.js").detectEnvelope} */
export const detectEnvelope = (contentType, body) => {
  const media = contentType === null ? "" : (contentType.split(";")[0] ?? "").trim();
  if (media.toLowerCase() === "application/problem+json") return "problem";
  if (!isObject(body)) return null;
  const error = body.members.get("error");
  if (typeof error === "string") return "flat";
  if (error !== undefined) {
    if (!isObject(error)) return null;
    return error.members.has("timestamp") ? "rich" : "nested";
  }
  for (const member of ["detail", "title", "type"]) {
    if (body.members.has(member)) return "problem";
  }
  return null;
};

/** @type {typeof import("./envelope.js").decodeEnvelope} */
export const decodeEnvelope = (envelope, body) => {
  if (!isObject(body)) return { ok: false, message: "the body is not a JSON object" };
  const root = new Map(body.members);
  try {
    switch (envelope) {
      case "flat":
        return { ok: true, received: decodeFlat(root) };
      case "nested":
        return { ok: true, received: decodeNested(root, body) };
      case "rich":
        return { ok: true, received: decodeRich(root) };
      case "problem":
        return { ok: true, received: decodeProblem(root) };
      default:
        return { ok: false, message: `unknown envelope \`${String(envelope)}\`` };
    }
  } catch (failure) {
    if (failure instanceof Invalid) return { ok: false, message: failure.message };
    throw failure;
  }
};

/** @returns {Received} */
const received = () => ({
  code: null,
  message: "",
  members: new Map(),
  list: null,
  fields: null,
  requestId: null,
  retryAfter: null,
  rawDetails: null,
});

/** @param {Map<string, JsonNode>} root @returns {Received} */
const decodeFlat = (root) => {
  const message = requiredString(root, "error", "error");
  /** @type {readonly string[] | null} */
  let list = null;
  const details = take(root, "details");
  if (details !== undefined && details !== null) list = stringList(details, "details");
  /** @type {number | null} */
  let retryAfter = null;
  const retry = take(root, "retry_after");
  if (retry !== undefined && retry !== null) {
    if (!isNumber(retry)) throw wrongType("retry_after", retry, "a number");
    if (!retry.integer || retry.raw.startsWith("-") || BigInt(retry.raw) > U64_MAX) {
      throw new Invalid("member `retry_after` is not a whole number of seconds");
    }
    retryAfter = retry.value;
  }
  return {
    ...received(),
    message,
    list,
    retryAfter,
    rawDetails: list === null ? null : Object.freeze([...list]),
  };
};

/** @param {Map<string, JsonNode>} root @param {JsonObject} body @returns {Received} */
const decodeNested = (root, body) => {
  const error = takeObject(root, "error", "error");
  const code = optionalString(error, "code", "error.code");
  const message = requiredString(error, "message", "error.message");
  const fieldsNode = take(error, "fields");
  /** @type {readonly FieldError[]} */
  let fields = [];
  if (fieldsNode === undefined || fieldsNode === null) {
    fields = [];
  } else if (isArray(fieldsNode) && fieldsNode.length === 0) {
    fields = [];
  } else if (isObject(fieldsNode)) {
    checkFieldMap(fieldsNode);
    fields = orderedNestedFields(body);
  } else {
    throw wrongType("error.fields", fieldsNode, "an object of string lists");
  }
  return { ...received(), code, message, fields };
};

/** @param {Map<string, JsonNode>} root @returns {Received} */
const decodeRich = (root) => {
  const error = takeObject(root, "error", "error");
  const code = optionalString(error, "code", "error.code");
  const message = requiredString(error, "message", "error.message");
  const details = take(error, "details");
  if (details === undefined || details === null) return { ...received(), code, message };
  if (!isObject(details)) throw wrongType("error.details", details, "an object");
  const rawDetails = toPlain(details);
  const members = new Map(details.members);
  const fields = takeFieldMessages(members, "error.details.errors");
  const requestId = optionalString(members, "request_id", "error.details.request_id");
  return { ...received(), code, message, rawDetails, fields, requestId, members };
};

/** @param {Map<string, JsonNode>} root @returns {Received} */
const decodeProblem = (root) => {
  const code = optionalString(root, "code", "code");
  const detail = optionalString(root, "detail", "detail");
  const title = optionalString(root, "title", "title");
  const message = detail ?? title;
  if (message === null) throw new Invalid("missing member `detail` (and `title`)");
  const fields = takeFieldMessages(root, "errors");
  const requestId = optionalString(root, "request_id", "request_id");
  for (const name of [...root.keys()]) {
    if (PROBLEM_MEMBERS.has(name)) root.delete(name);
  }
  /** @type {{ [member: string]: JsonValue }} */
  const extensions = Object.create(null);
  for (const [name, value] of root) {
    Object.defineProperty(extensions, name, { value: toPlain(value), enumerable: true });
  }
  const rawDetails = root.size === 0 ? null : Object.freeze(extensions);
  return { ...received(), code, message, members: root, fields, requestId, rawDetails };
};

/**
 * Removes and returns member `name`.
 * @param {Map<string, JsonNode>} object
 * @param {string} name
 * @returns {JsonNode | undefined}
 */
const take = (object, name) => {
  const value = object.get(name);
  object.delete(name);
  return value;
};

/** @param {string} path @param {JsonNode} value @param {string} expected @returns {Invalid} */
const wrongType = (path, value, expected) =>
  new Invalid(`member \`${path}\` is ${typeName(value)}, expected ${expected}`);

/**
 * @param {Map<string, JsonNode>} object
 * @param {string} name
 * @param {string} path
 * @returns {Map<string, JsonNode>}
 */
const takeObject = (object, name, path) => {
  const value = take(object, name);
  if (value === undefined) throw new Invalid(`missing member \`${path}\``);
  if (!isObject(value)) throw wrongType(path, value, "an object");
  return new Map(value.members);
};

/**
 * @param {Map<string, JsonNode>} object
 * @param {string} name
 * @param {string} path
 * @returns {string | null}
 */
const optionalString = (object, name, path) => {
  const value = take(object, name);
  if (value === undefined || value === null) return null;
  if (typeof value === "string") return value;
  throw wrongType(path, value, "a string");
};

/**
 * @param {Map<string, JsonNode>} object
 * @param {string} name
 * @param {string} path
 * @returns {string}
 */
const requiredString = (object, name, path) => {
  const value = optionalString(object, name, path);
  if (value === null) throw new Invalid(`missing member \`${path}\``);
  return value;
};

/** @param {JsonNode} value @param {string} path @returns {readonly string[]} */
const stringList = (value, path) => {
  if (!isArray(value)) throw wrongType(path, value, "an array of strings");
  return Object.freeze(
    value.map((item, index) => {
      if (typeof item !== "string") throw wrongType(`${path}[${index}]`, item, "a string");
      return item;
    }),
  );
};

/**
 * Adds `message` to the messages of `field`, keeping the fields' first-seen order.
 * @param {{ field: string, messages: string[] }[]} fields
 * @param {string} field
 * @param {string} message
 */
const pushField = (fields, field, message) => {
  const entry = fields.find((candidate) => candidate.field === field);
  if (entry === undefined) fields.push({ field, messages: [message] });
  else entry.messages.push(message);
};

/** @param {{ field: string, messages: string[] }[]} fields @returns {readonly FieldError[]} */
const freezeFields = (fields) =>
  Object.freeze(fields.map(({ field, messages }) => Object.freeze({ field, messages: Object.freeze(messages) })));

/**
 * Reads `errors: [{"field", "message"}]` into field errors.
 * @param {Map<string, JsonNode>} object
 * @param {string} path
 * @returns {readonly FieldError[] | null}
 */
const takeFieldMessages = (object, path) => {
  const items = take(object, "errors");
  if (items === undefined || items === null) return null;
  if (!isArray(items)) throw wrongType(path, items, "an array");
  /** @type {{ field: string, messages: string[] }[]} */
  const fields = [];
  items.forEach((item, index) => {
    const itemPath = `${path}[${index}]`;
    if (!isObject(item)) throw wrongType(itemPath, item, "an object");
    const entry = new Map(item.members);
    const field = requiredString(entry, "field", `${itemPath}.field`);
    const message = requiredString(entry, "message", `${itemPath}.message`);
    pushField(fields, field, message);
  });
  return freezeFields(fields);
};

/**
 * Checks that the nested `fields` maps names to lists of strings, naming the
 * first member (in sorted order, as Rust visits them) that does not.
 * @param {JsonObject} fields
 */
const checkFieldMap = (fields) => {
  const names = [...fields.members.keys()].sort(compareUtf8);
  for (const name of names) {
    const messages = fields.members.get(name) ?? null;
    const path = `error.fields.${name}`;
    if (!isArray(messages)) throw wrongType(path, messages, "an array of strings");
    const index = messages.findIndex((item) => typeof item !== "string");
    const item = messages[index];
    if (item !== undefined) throw wrongType(`${path}[${index}]`, item, "a string");
  }
};

/**
 * The nested envelope's `fields` in body order, every entry counted (Rust
 * reads them again from the body text with a strict reader, which refuses a
 * duplicated `error` or `fields` member).
 * @param {JsonObject} body
 * @returns {readonly FieldError[]}
 */
const orderedNestedFields = (body) => {
  const errors = body.entries.filter(([name]) => name === "error");
  if (errors.length > 1) throw new Invalid("member `error.fields` cannot be read: duplicate field `error`");
  const error = errors[0]?.[1] ?? null;
  if (!isObject(error)) throw new Invalid("member `error.fields` cannot be read: `error` is not an object");
  const fieldEntries = error.entries.filter(([name]) => name === "fields");
  if (fieldEntries.length > 1) throw new Invalid("member `error.fields` cannot be read: duplicate field `fields`");
  const fieldsNode = fieldEntries[0]?.[1] ?? null;
  if (!isObject(fieldsNode)) throw new Invalid("member `error.fields` cannot be read: `fields` is not an object");
  /** @type {{ field: string, messages: string[] }[]} */
  const fields = [];
  for (const [name, messages] of fieldsNode.entries) {
    if (!isArray(messages)) throw new Invalid(`member \`error.fields\` cannot be read: \`${name}\` is not a list`);
    for (const message of messages) {
      if (typeof message !== "string") {
        throw new Invalid(`member \`error.fields\` cannot be read: \`${name}\` holds ${typeName(message)}`);
      }
      pushField(fields, name, message);
    }
  }
  return freezeFields(fields);
};

/**
 * Orders strings by their UTF-8 bytes, like Rust's `String` ordering.
 * @param {string} a
 * @param {string} b
 * @returns {number}
 */
const compareUtf8 = (a, b) => {
  const left = [...a];
  const right = [...b];
  const length = Math.min(left.length, right.length);
  for (let index = 0; index < length; index += 1) {
    const x = left[index]?.codePointAt(0) ?? 0;
    const y = right[index]?.codePointAt(0) ?? 0;
    if (x !== y) return x - y;
  }
  return left.length - right.length;
};
