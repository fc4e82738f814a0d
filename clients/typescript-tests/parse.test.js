// The parser against hostile input: it never throws, never rejects, never
// pollutes a prototype, and always says why a body is not an error. The
// agreement with the Rust client on every rendering and on the edge cases
// is tested from Rust (`errors-core/tests/typescript_parity.rs`).

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { CODES, findCode, isCode, parseError, parseFetchResponse } from "../typescript/index.js";

const examples = JSON.parse(readFileSync(new URL("../../docs/examples.json", import.meta.url), "utf8")).examples;

/** A small seeded generator, so that a failure reproduces. */
const random = (seed) => () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};

const RATE_LIMIT_BODY =
  '{"error":{"message":"Rate limit exceeded. Please retry after 60 seconds.","status":429,' +
  '"code":"rate_limit_exceeded","timestamp":"2024-12-01T12:00:00Z","details":{"limit":100,"remaining":0,"reset":1638360060}}}';

test("every example parses to its code", () => {
  for (const example of examples) {
    const result = parseError(example.status, example.headers, JSON.stringify(example.body));
    assert.ok(result.kind === "known" || result.kind === "incomplete", `${example.code}: ${result.kind}`);
    // The flat envelope names no code: a message several codes share is a guess, and says so.
    if (result.code !== example.code) {
      assert.equal(result.origin.kind, "matched");
      assert.ok(result.origin.kind === "matched" && result.origin.ties.length > 0);
    }
  }
});

test("a known code narrows its params", () => {
  const result = parseError(429, { "Retry-After": "60" }, RATE_LIMIT_BODY);
  assert.ok(isCode(result, "rate_limit_exceeded"));
  assert.deepEqual({ ...result.params }, { retry_after: 60, limit: 100, remaining: 0, reset: 1638360060 });
  assert.deepEqual(result.retry.retryAfter, { kind: "delay", seconds: 60 });
  assert.equal(isCode(result, "too_many_requests"), false);
  assert.equal(isCode({ kind: "known", code: "rate_limit_exceeded" }, "rate_limit_exceeded"), false);
  assert.equal(isCode(null, "rate_limit_exceeded"), false);
});

test("aliases find their code and ids win", () => {
  assert.equal(findCode("throttle_exceeded"), "rate_limit_exceeded");
  assert.equal(findCode("rate_limit_exceeded"), "rate_limit_exceeded");
  assert.equal(findCode("__proto__"), null);
  assert.equal(findCode("toString"), null);
});

test("the metadata table is frozen and has no prototype", () => {
  assert.ok(Object.isFrozen(CODES));
  assert.equal(Object.getPrototypeOf(CODES), null);
  assert.equal("toString" in CODES, false);
  const info = CODES.rate_limit_exceeded;
  assert.equal(info.status, 429);
  assert.deepEqual(info.aliases, ["throttle_exceeded"]);
  assert.ok(Object.isFrozen(info.params) && Object.isFrozen(info.params[0]));
  assert.throws(() => {
    "use strict";
    /** @type {{ status: number }} */ (/** @type {unknown} */ (info)).status = 500;
  }, TypeError);
});

test("prototype keys stay data and pollute nothing", () => {
  const body =
    '{"__proto__":{"polluted":1},"error":{"code":"quota_frozen","message":"m","timestamp":"t",' +
    '"details":{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}}}}}';
  const result = parseError(400, { __proto__: null, "content-type": "application/json" }, body);
  assert.equal(result.kind, "unknown");
  assert.ok(result.kind === "unknown" && result.details !== null && typeof result.details === "object");
  const details = /** @type {{ readonly [member: string]: unknown }} */ (result.details);
  assert.equal(Object.getPrototypeOf(details), null);
  assert.ok(Object.prototype.hasOwnProperty.call(details, "__proto__"));
  assert.equal(/** @type {{ polluted?: unknown }} */ ({}).polluted, undefined);
  assert.equal(/** @type {{ polluted?: unknown }} */ (Object.prototype).polluted, undefined);
});

test("hostile bodies give a typed failure", () => {
  const cases = [
    ["", "empty"],
    [" \n\t", "empty"],
    ["<html>502</html>", "not_json"],
    ['{"error":{"code":"x"', "truncated"],
    ["[".repeat(200), "too_deep"],
    ["[".repeat(1_000_000), "too_deep"],
    ["[1,2]", "unknown_shape"],
    ["null", "unknown_shape"],
    ['{"error":3}', "unknown_shape"],
    ['{"error":{"code":7,"message":"m"}}', "invalid"],
    ['{"error":{"code":null,"message":null}}', "invalid"],
    ['{"title":"t","errors":[null]}', "invalid"],
    ['{"error":"\\ud800"}', "not_json"],
    ['{"error":"m"}}', "not_json"],
    [`{"error":"${"a".repeat(1 << 20)}"}`, "too_large"],
  ];
  for (const [body, reason] of cases) {
    const result = parseError(400, {}, body);
    assert.equal(result.kind, "failure", body.slice(0, 40));
    assert.equal(result.kind === "failure" && result.reason.kind, reason, body.slice(0, 40));
    assert.ok(result.kind === "failure" && result.message.startsWith("cannot parse the error body of a `400` response: "));
  }
});

test("wrong argument types from JavaScript callers give a failure", () => {
  const anyParse = /** @type {(...args: unknown[]) => import("../typescript/index.js").ParseResult} */ (
    /** @type {unknown} */ (parseError)
  );
  assert.equal(anyParse("429", {}, "{}").kind, "failure");
  assert.equal(anyParse(429, null, 42).kind, "failure");
  assert.equal(anyParse(429, 7, '{"error":"Rate limit exceeded","retry_after":60}').kind, "known");
  const throwing = { get: () => { throw new Error("boom"); } };
  assert.equal(anyParse(429, throwing, '{"error":"Rate limit exceeded","retry_after":60}').kind, "known");
  const hostileGetter = new Proxy({}, { ownKeys: () => { throw new Error("boom"); } });
  assert.equal(anyParse(429, hostileGetter, '{"error":"Rate limit exceeded","retry_after":60}').kind, "known");
  assert.equal(anyParse(429, {}, "{}", { envelope: "xml" }).kind, "failure");
});

test("mutated renderings never throw", () => {
  const next = random(7);
  const alphabet = ['"', "{", "}", "[", "]", ":", ",", "\\", "0", "-", "e", ".", "n", "\u0000", "é", "\ud83d"];
  for (let round = 0; round < 3000; round += 1) {
    const example = examples[Math.floor(next() * examples.length)];
    let body = JSON.stringify(example.body);
    const edits = 1 + Math.floor(next() * 4);
    for (let edit = 0; edit < edits; edit += 1) {
      const at = Math.floor(next() * (body.length + 1));
      const choice = next();
      if (choice < 0.4) body = body.slice(0, at) + body.slice(at + 1);
      else if (choice < 0.8) body = body.slice(0, at) + alphabet[Math.floor(next() * alphabet.length)] + body.slice(at);
      else body = body.slice(0, at);
    }
    const result = parseError(example.status, example.headers, body);
    assert.ok(["known", "incomplete", "unknown", "failure"].includes(result.kind));
  }
});

test("bytes are read as UTF-8, and invalid UTF-8 is not JSON", () => {
  const bytes = new TextEncoder().encode('{"error":"Rate limit exceeded","retry_after":60}');
  assert.equal(parseError(429, {}, bytes).kind, "known");
  assert.equal(parseError(429, {}, bytes.buffer).kind, "known");
  const padded = new Uint8Array(bytes.length + 4).fill(0x78);
  padded.set(bytes, 2);
  assert.equal(parseError(429, {}, padded.subarray(2, 2 + bytes.length)).kind, "known", "a view reads only its bytes");
  const invalid = new Uint8Array([0x7b, 0x22, 0x65, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d]);
  const result = parseError(429, {}, invalid);
  assert.ok(result.kind === "failure" && result.reason.kind === "not_json");
});

test("a fetch Response is read up to the limit and never rejects", async () => {
  const response = new Response(RATE_LIMIT_BODY, {
    status: 429,
    headers: { "Retry-After": "60", "X-Request-Id": "req_1", "Content-Type": "application/json" },
  });
  const result = await parseFetchResponse(response);
  assert.ok(isCode(result, "rate_limit_exceeded"));
  assert.equal(result.requestId, "req_1");

  let pulled = 0;
  const endless = new ReadableStream({
    pull(controller) {
      pulled += 1;
      controller.enqueue(new Uint8Array(64 * 1024).fill(0x20));
    },
  });
  const huge = await parseFetchResponse(new Response(endless, { status: 500 }), { maxBodyBytes: 100_000 });
  assert.ok(huge.kind === "failure" && huge.reason.kind === "too_large");
  assert.ok(pulled < 10, `read ${pulled} chunks of an endless body`);

  const broken = new ReadableStream({
    pull(controller) {
      controller.error(new Error("connection reset"));
    },
  });
  const failed = await parseFetchResponse(new Response(broken, { status: 503 }));
  assert.ok(failed.kind === "failure" && failed.reason.kind === "read");

  const empty = await parseFetchResponse(new Response(null, { status: 502 }));
  assert.ok(empty.kind === "failure" && empty.reason.kind === "empty");
});

test("a failure still carries what the headers say about retrying", () => {
  const result = parseError(503, { "Retry-After": "120" }, "<html>Service Unavailable</html>");
  assert.equal(result.kind, "failure");
  assert.deepEqual(result.retry.retryAfter, { kind: "delay", seconds: 120 });
  assert.equal(result.retry.retryable, null);
});
