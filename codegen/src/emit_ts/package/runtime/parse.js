/**
 * The parser, with the Rust client's rules: bounds first (size, then
 * emptiness), then strict JSON, the envelope from `Content-Type` and shape,
 * then the code (stated, alias, or matched from a flat message) and its
 * params from every place the envelope carries them, most trustworthy first.
 */

/** @import { JsonNode } from "./json.js" */
/** @import { Received as ReceivedBody } from "./envelope.js" */
/** @import { RetryInfo, RateLimit } from "./retry.js" */
/** @import { PartValue, TypedValue } from "./values.js" */
/** @import { BodyInput, CodeInfo, CodeOrigin, Envelope, FailureReason, FieldError, HeadersInput, IncompleteReason, ParseOptions, Part, ResponseLike } from "./types.js" */

import { decodeEnvelope, detectEnvelope } from "./envelope.js";
import { readJson, toPlain } from "./json.js";
import { parseRetryAfter } from "./retry.js";
import { createMatcher } from "./template.js";
import { convert, expectedOf, parseU64Text } from "./values.js";

/** @type {typeof import("./parse.js").DEFAULT_MAX_BODY_BYTES} */
export const DEFAULT_MAX_BODY_BYTES = 1 << 20;

const ENVELOPES = new Set(["nested", "flat", "rich", "problem"]);

/**
 * The text of header `name` when it is visible ASCII (as `http`'s `to_str`
 * requires), else `null`; never throws, whatever `headers` is.
 * @param {HeadersInput | null | undefined} headers
 * @param {string} name
 * @returns {string | null}
 */
const headerText = (headers, name) => {
  if (headers === null || typeof headers !== "object") return null;
  /** @type {unknown} */
  let value = null;
  try {
    if ("get" in headers && typeof headers.get === "function") {
      value = headers.get(name);
    } else {
      const lower = name.toLowerCase();
      const record = /** @type {{ readonly [name: string]: unknown }} */ (headers);
      const key = Object.keys(record).find((candidate) => candidate.toLowerCase() === lower);
      value = key === undefined ? null : record[key];
    }
  } catch {
    return null;
  }
  if (Array.isArray(value)) value = value[0];
  if (typeof value !== "string") return null;
  return /^[\t\x20-\x7e]*$/.test(value) ? value : null;
};

/** The UTF-8 length of `text` (an unpaired surrogate counts as its replacement's 3 bytes). @param {string} text */
const utf8Length = (text) => {
  let length = 0;
  for (let index = 0; index < text.length; index += 1) {
    const c = text.charCodeAt(index);
    if (c < 0x80) length += 1;
    else if (c < 0x800) length += 2;
    else if (c >= 0xd800 && c <= 0xdbff && index + 1 < text.length) {
      const next = text.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        length += 4;
        index += 1;
      } else length += 3;
    } else length += 3;
  }
  return length;
};

/** ASCII whitespace as Rust's `is_ascii_whitespace` (with form feed, unlike JSON). @param {number} c */
const isAsciiWhitespace = (c) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d;

/**
 * The Rust `ParseError`'s sentence for `reason`.
 * @param {number} status
 * @param {FailureReason} reason
 * @returns {string}
 */
const failureMessage = (status, reason) => {
  const start = `cannot parse the error body of a \`${status}\` response: `;
  switch (reason.kind) {
    case "too_large":
      return `${start}the body has ${reason.length} bytes, more than the limit of ${reason.limit}; raise \`maxBodyBytes\` if the server really sends such bodies`;
    case "empty":
      return `${start}the body is empty`;
    case "truncated":
      return `${start}the JSON ends early; the body was cut off`;
    case "too_deep":
      return `${start}the JSON nests deeper than 128 levels`;
    case "not_json":
      return `${start}the body is not JSON (${reason.message})`;
    case "unknown_shape":
      return `${start}the JSON matches no envelope; name one with the \`envelope\` option if the shape is known`;
    case "invalid":
      return `${start}not a valid \`${reason.envelope}\` body: ${reason.message}`;
    case "read":
      return `${start}reading the body failed (${reason.message})`;
    case "bad_input":
      return `${start}${reason.message}`;
  }
};

/**
 * The `IncompleteReason` of a param, with the Rust `FromPartsError`'s sentence.
 * @param {string} code
 * @param {string | null} param
 * @param {"missing" | "invalid" | "retired"} problem
 * @param {string | null} expected
 * @returns {IncompleteReason}
 */
const incompleteReason = (code, param, problem, expected) => {
  let message;
  if (problem === "retired") message = `retired code \`${code}\` has no typed error: handle it by its code`;
  else if (problem === "missing") {
    message =
      param === null
        ? `missing field errors of \`${code}\`: the response did not carry them by field`
        : `missing param \`${param}\` of \`${code}\`: the response did not carry it`;
  } else {
    message =
      param === null
        ? `invalid field errors of \`${code}\`: expected ${expected}`
        : `invalid param \`${param}\` of \`${code}\`: expected ${expected}`;
  }
  return Object.freeze({ param, problem, expected, message });
};

/**
 * A null-prototype, frozen object of `entries`.
 * @template T
 * @param {Iterable<readonly [string, T]>} entries
 * @returns {{ readonly [name: string]: T }}
 */
const record = (entries) => {
  /** @type {{ [name: string]: T }} */
  const object = Object.create(null);
  for (const [name, value] of entries) Object.defineProperty(object, name, { value, enumerable: true });
  return Object.freeze(object);
};

/**
 * Param values by name; the first value given for a name is kept.
 */
class Parts {
  constructor() {
    /** @type {Map<string, PartValue>} */
    this.values = new Map();
    /** @type {readonly FieldError[] | null} */
    this.fields = null;
  }

  /** @param {string} name @param {PartValue} value */
  insert(name, value) {
    if (!this.values.has(name)) this.values.set(name, value);
  }
}

/**
 * A parser for the catalog described by `codes`.
 * @template P
 * @param {import("./types.js").CodeTable<P>} codes
 * @returns {import("./parse.js").Parser<P>}
 */
export function createParser(codes) {
  /** @type {readonly CodeInfo[]} */
  const infos = Object.values(codes);
  /** @type {Map<string, CodeInfo>} */
  const byName = new Map();
  for (const info of infos) {
    for (const alias of info.aliases) if (!byName.has(alias)) byName.set(alias, info);
  }
  // An id wins over an alias of another code.
  for (const info of infos) byName.set(info.id, info);
  const matcher = createMatcher(infos);

  /**
   * @param {number} status
   * @param {HeadersInput | null | undefined} headers
   * @param {FailureReason} reason
   */
  const failure = (status, headers, reason) =>
    Object.freeze({
      kind: /** @type {const} */ ("failure"),
      status,
      reason: Object.freeze(reason),
      retry: retryInfo(headers, null, null),
      message: failureMessage(status, reason),
    });

  /**
   * @param {HeadersInput | null | undefined} headers
   * @param {number | null} flatRetryAfter
   * @param {boolean | null} retryable
   * @returns {RetryInfo}
   */
  const retryInfo = (headers, flatRetryAfter, retryable) => {
    const header = headerText(headers, "retry-after");
    const fromHeader = header === null ? null : parseRetryAfter(header);
    /** @param {string} name */
    const number = (name) => {
      const text = headerText(headers, name);
      return text === null ? null : parseU64Text(text.trim());
    };
    return {
      retryAfter: fromHeader ?? (flatRetryAfter === null ? null : Object.freeze({ kind: "delay", seconds: flatRetryAfter })),
      rateLimit: {
        limit: number("x-ratelimit-limit"),
        remaining: number("x-ratelimit-remaining"),
        reset: number("x-ratelimit-reset"),
      },
      retryable,
    };
  };

  /**
   * The param values of `info` from every place the envelope carries them,
   * most trustworthy first: details members, headers, the flat `details`
   * list and `retry_after`, then the message's placeholders.
   * @param {CodeInfo} info
   * @param {Envelope} envelope
   * @param {HeadersInput | null | undefined} headers
   * @param {ReceivedBody} received
   * @param {readonly (readonly [string, string])[]} messageValues
   */
  const collectParts = (info, envelope, headers, received, messageValues) => {
    const parts = new Parts();
    for (const param of info.params) {
      const member = param.detail === null ? undefined : received.members.get(param.detail);
      if (member !== undefined && member !== null) parts.insert(param.name, { source: "json", node: member });
      const text = param.header === null ? null : headerText(headers, param.header);
      if (text !== null) parts.insert(param.name, headerValue(param.type, param.header, text));
    }
    // The flat `details` list holds the items of list params with a detail
    // member, then field messages without their field names: it is only
    // read back when it can belong to one param alone.
    if (received.list !== null) {
      const listParams = info.params.filter((param) => param.detail !== null && param.type === "string_list");
      const only = listParams[0];
      if (listParams.length === 1 && only !== undefined && !info.fields) {
        parts.insert(only.name, { source: "json", node: Object.freeze([...received.list]) });
      }
    }
    if (received.retryAfter !== null) {
      const param = info.params.find((candidate) => candidate.header?.toLowerCase() === "retry-after");
      if (param !== undefined) {
        parts.insert(param.name, { source: "json", node: jsonInteger(received.retryAfter) });
      }
    }
    for (const [name, value] of messageValues) parts.insert(name, { source: "text", text: value });
    if (received.fields !== null) {
      parts.fields = received.fields;
    } else if (info.fields) {
      // Renderers leave an empty `errors` list out. The flat envelope lists
      // field messages without their field names: there, field errors come
      // back only when there are none.
      const noneListed = envelope !== "flat" || received.list === null || received.list.length === 0;
      if (noneListed) parts.fields = Object.freeze([]);
    }
    return parts;
  };

  /**
   * Builds the typed params of `info` from `parts`, like the generated
   * `CatalogError::from_parts`: params in order, then the field errors.
   * @param {CodeInfo} info
   * @param {Parts} parts
   * @returns {{ params: { readonly [name: string]: TypedValue }, reason: IncompleteReason | null }}
   */
  const fromParts = (info, parts) => {
    /** @type {[string, TypedValue][]} */
    const typed = [];
    /** @type {IncompleteReason | null} */
    let reason = info.retired === null ? null : incompleteReason(info.id, null, "retired", null);
    for (const param of info.params) {
      const value = parts.values.get(param.name);
      if (value === undefined) {
        if (!param.optional && reason === null) reason = incompleteReason(info.id, param.name, "missing", null);
        continue;
      }
      const converted = convert(value, param.type);
      if (converted === null) {
        if (reason === null) reason = incompleteReason(info.id, param.name, "invalid", expectedOf(param.type));
        continue;
      }
      typed.push([param.name, converted]);
    }
    if (info.fields && parts.fields === null && reason === null) {
      reason = incompleteReason(info.id, null, "missing", null);
    }
    return { params: record(typed), reason };
  };

  /**
   * @param {number} status
   * @param {HeadersInput | null | undefined} headers
   * @param {Envelope} envelope
   * @param {ReceivedBody} received
   */
  const build = (status, headers, envelope, received) => {
    const requestId = received.requestId ?? headerText(headers, "x-request-id");
    /** @type {CodeInfo | null} */
    let info = null;
    /** @type {CodeOrigin} */
    let origin = Object.freeze({ kind: "none" });
    /** @type {readonly (readonly [string, string])[]} */
    let values = [];
    if (received.code !== null) {
      info = byName.get(received.code) ?? null;
      origin = Object.freeze({ kind: "stated", name: received.code });
      if (info !== null) values = matcher.matchCode(info.id, received.message) ?? [];
    } else {
      const inferred = matcher.infer(received.message, status);
      if (inferred !== null) {
        info = byName.get(inferred.code) ?? null;
        origin = Object.freeze({ kind: "matched", ties: inferred.ties });
        values = inferred.values;
      }
    }
    const retry = retryInfo(headers, received.retryAfter, info === null ? null : info.retryable);
    const common = { status, envelope, origin, message: received.message, requestId };
    if (info === null) {
      return Object.freeze({
        kind: /** @type {const} */ ("unknown"),
        ...common,
        retry: freezeRetry(retry),
        code: received.code,
        details: received.rawDetails,
        fields: received.fields,
      });
    }
    const parts = collectParts(info, envelope, headers, received, values);
    const rateLimit = fillRateLimit(info, parts, retry.rateLimit);
    const { params, reason } = fromParts(info, parts);
    const frozenRetry = freezeRetry({ ...retry, rateLimit });
    if (reason === null) {
      return Object.freeze({
        kind: /** @type {const} */ ("known"),
        ...common,
        retry: frozenRetry,
        code: info.id,
        params,
        fields: parts.fields ?? Object.freeze([]),
      });
    }
    /** @type {Part[]} */
    const rawParts = [];
    for (const [name, value] of parts.values) {
      rawParts.push(
        Object.freeze({
          name,
          source: value.source,
          value: value.source === "json" ? toPlain(value.node) : value.text,
        }),
      );
    }
    return Object.freeze({
      kind: /** @type {const} */ ("incomplete"),
      ...common,
      retry: frozenRetry,
      code: info.id,
      params,
      parts: Object.freeze(rawParts),
      fields: parts.fields,
      reason,
    });
  };

  /**
   * @param {number} status
   * @param {HeadersInput | null | undefined} headers
   * @param {BodyInput} body
   * @param {ParseOptions | undefined} options
   */
  const parseUnchecked = (status, headers, body, options) => {
    if (typeof status !== "number" || !Number.isInteger(status) || status < 100 || status > 999) {
      return failure(Number(status) || 0, headers, {
        kind: "bad_input",
        message: "the status is not an integer from 100 to 999",
      });
    }
    const limit =
      typeof options?.maxBodyBytes === "number" && options.maxBodyBytes >= 0 ? options.maxBodyBytes : DEFAULT_MAX_BODY_BYTES;
    const forced = options?.envelope;
    if (forced !== undefined && !ENVELOPES.has(forced)) {
      return failure(status, headers, { kind: "bad_input", message: `unknown envelope \`${String(forced)}\`` });
    }
    /** @type {string} */
    let text;
    if (typeof body === "string") {
      const length = utf8Length(body);
      if (length > limit) return failure(status, headers, { kind: "too_large", limit, length });
      text = body;
    } else if (ArrayBuffer.isView(body) || Object.prototype.toString.call(body) === "[object ArrayBuffer]") {
      // Checked without `instanceof`, which fails for bytes from another realm (a worker, an iframe).
      const bytes = ArrayBuffer.isView(body)
        ? new Uint8Array(body.buffer, body.byteOffset, body.byteLength)
        : new Uint8Array(/** @type {ArrayBuffer} */ (body));
      if (bytes.length > limit) return failure(status, headers, { kind: "too_large", limit, length: bytes.length });
      if (bytes.every(isAsciiWhitespace)) return failure(status, headers, { kind: "empty" });
      try {
        text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
      } catch {
        return failure(status, headers, { kind: "not_json", message: "the body is not UTF-8" });
      }
    } else {
      return failure(status, headers, { kind: "bad_input", message: "the body is not a string or bytes" });
    }
    let blank = true;
    for (let index = 0; index < text.length && blank; index += 1) blank = isAsciiWhitespace(text.charCodeAt(index));
    if (blank) return failure(status, headers, { kind: "empty" });
    const json = readJson(text);
    if (!json.ok) {
      const problem = json.problem;
      return failure(
        status,
        headers,
        problem.kind === "not_json" ? { kind: "not_json", message: problem.message } : { kind: problem.kind },
      );
    }
    const envelope = forced ?? detectEnvelope(headerText(headers, "content-type"), json.value);
    if (envelope === null) return failure(status, headers, { kind: "unknown_shape" });
    const decoded = decodeEnvelope(envelope, json.value);
    if (!decoded.ok) return failure(status, headers, { kind: "invalid", envelope, message: decoded.message });
    return build(status, headers, envelope, decoded.received);
  };

  /**
   * @param {number} status
   * @param {HeadersInput | null | undefined} headers
   * @param {BodyInput} body
   * @param {ParseOptions} [options]
   */
  const parse = (status, headers, body, options) => {
    try {
      return parseUnchecked(status, headers, body, options);
    } catch (error) {
      // Only hostile inputs reach this: getters or proxies that throw.
      return failure(typeof status === "number" ? status : 0, null, {
        kind: "bad_input",
        message: `the input could not be read (${error instanceof Error ? error.message : "unknown error"})`,
      });
    }
  };

  /**
   * @param {ResponseLike} response
   * @param {ParseOptions} [options]
   */
  const parseResponse = async (response, options) => {
    const limit =
      typeof options?.maxBodyBytes === "number" && options.maxBodyBytes >= 0 ? options.maxBodyBytes : DEFAULT_MAX_BODY_BYTES;
    let status = 0;
    /** @type {HeadersInput | null} */
    let headers = null;
    try {
      status = response.status;
      headers = response.headers;
      const read = await readLimited(response.body, limit);
      if (read.kind === "too_large") return failure(status, headers, { kind: "too_large", limit, length: read.length });
      return parse(status, headers, read.bytes, options);
    } catch (error) {
      return failure(status, headers, {
        kind: "read",
        message: error instanceof Error ? error.message : "the body could not be read",
      });
    }
  };

  /** @param {string} name */
  const findCode = (name) => byName.get(name)?.id ?? null;

  const parser = Object.freeze({ parse, parseResponse, findCode });
  // The one place where runtime data meets the catalog's types: the results
  // are built from the table `codes`, which `P` describes.
  return /** @type {import("./parse.js").Parser<P>} */ (/** @type {unknown} */ (parser));
}

/** A JSON integer node for a number of seconds. @param {number} seconds @returns {JsonNode} */
const jsonInteger = (seconds) =>
  Object.freeze({ kind: "number", raw: BigInt(Math.trunc(seconds)).toString(), integer: true, value: seconds });

/**
 * A header's value as a param value: a `Retry-After` HTTP date becomes the
 * seconds left until it, for a `seconds` param.
 * @param {string} type
 * @param {string | null} header
 * @param {string} text
 * @returns {PartValue}
 */
const headerValue = (type, header, text) => {
  if (header !== null && header.toLowerCase() === "retry-after" && type === "seconds") {
    const after = parseRetryAfter(text);
    if (after !== null && after.kind === "at") {
      const seconds = Math.max(0, Math.floor((after.time - Date.now()) / 1000));
      return { source: "json", node: jsonInteger(seconds) };
    }
  }
  return { source: "text", text };
};

/**
 * Completes `limit` from the params of `info` that declare the
 * `X-RateLimit-*` headers, for envelopes that carry them in the body.
 * @param {CodeInfo} info
 * @param {Parts} parts
 * @param {RateLimit} limit
 * @returns {RateLimit}
 */
const fillRateLimit = (info, parts, limit) => {
  const filled = { ...limit };
  for (const param of info.params) {
    const header = param.header?.toLowerCase();
    /** @type {"limit" | "remaining" | "reset" | null} */
    const slot =
      header === "x-ratelimit-limit"
        ? "limit"
        : header === "x-ratelimit-remaining"
          ? "remaining"
          : header === "x-ratelimit-reset"
            ? "reset"
            : null;
    if (slot === null || filled[slot] !== null) continue;
    const value = parts.values.get(param.name);
    const converted = value === undefined ? null : convert(value, "u64");
    filled[slot] = typeof converted === "number" ? converted : null;
  }
  return filled;
};

/** @param {RetryInfo} retry @returns {RetryInfo} */
const freezeRetry = (retry) => Object.freeze({ ...retry, rateLimit: Object.freeze({ ...retry.rateLimit }) });

/**
 * The bytes of `body`, or how many were read when they passed `limit`.
 * @param {ReadableStream<Uint8Array> | null} body
 * @param {number} limit
 * @returns {Promise<{ kind: "bytes", bytes: Uint8Array } | { kind: "too_large", length: number }>}
 */
const readLimited = async (body, limit) => {
  if (body === null) return { kind: "bytes", bytes: new Uint8Array(0) };
  const reader = body.getReader();
  /** @type {Uint8Array[]} */
  const chunks = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.length;
    if (length > limit) {
      await reader.cancel().catch(() => undefined);
      return { kind: "too_large", length };
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return { kind: "bytes", bytes };
};
