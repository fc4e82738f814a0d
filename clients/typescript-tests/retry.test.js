// Retry advice: HTTP dates in the three formats `httpdate` reads, and the
// policy's defaults. The decisions for a table of cases are compared with
// the Rust policy's in `errors-core/tests/typescript_parity.rs`.

import assert from "node:assert/strict";
import { test } from "node:test";

import { parseHttpDate, parseRetryAfter, retryPolicy } from "../typescript/index.js";

const NOV_6_1994 = Date.UTC(1994, 10, 6, 8, 49, 37);

test("HTTP dates are read in the three formats and checked", () => {
  assert.equal(parseHttpDate("Sun, 06 Nov 1994 08:49:37 GMT"), NOV_6_1994);
  assert.equal(parseHttpDate("Sunday, 06-Nov-94 08:49:37 GMT"), NOV_6_1994);
  assert.equal(parseHttpDate("Sun Nov  6 08:49:37 1994"), NOV_6_1994);
  assert.equal(parseHttpDate("  Sun, 06 Nov 1994 08:49:37 GMT "), NOV_6_1994);
  assert.equal(parseHttpDate("Mon, 06 Nov 1994 08:49:37 GMT"), null, "the weekday is wrong");
  assert.equal(parseHttpDate("Thu, 31 Feb 2000 00:00:00 GMT"), null, "no such day");
  assert.equal(parseHttpDate("Sun, 06 Nov 1994 24:00:00 GMT"), null);
  assert.equal(parseHttpDate("Sun, 06 Nov 1994 08:49:37 UTC"), null);
  assert.equal(parseHttpDate("Sún, 06 Nov 1994 08:49:37 GMT"), null);
});

test("Retry-After is seconds or a date", () => {
  assert.deepEqual(parseRetryAfter(" 5 "), { kind: "delay", seconds: 5 });
  assert.deepEqual(parseRetryAfter("Sun, 06 Nov 1994 08:49:37 GMT"), { kind: "at", time: NOV_6_1994 });
  assert.equal(parseRetryAfter("-5"), null);
  assert.equal(parseRetryAfter("soon"), null);
  assert.equal(parseRetryAfter(""), null);
});

test("the default policy backs off from one second, three times", () => {
  const policy = retryPolicy({ jitter: () => 0 });
  const retry = { retryAfter: null, rateLimit: { limit: null, remaining: null, reset: null }, retryable: null };
  const decisions = [0, 1, 2, 3].map((retries) => policy.decideAt(503, retry, retries, 0));
  assert.deepEqual(decisions, [
    { kind: "retry", delayMs: 1000 },
    { kind: "retry", delayMs: 2000 },
    { kind: "retry", delayMs: 4000 },
    { kind: "stop", reason: "attempts_exhausted", waitMs: null },
  ]);
  assert.deepEqual(policy.decideAt(404, retry, 0, 0), { kind: "stop", reason: "client_error", waitMs: null });
});

test("jitter stays within its bound, whatever the source returns", () => {
  const retry = { retryAfter: null, rateLimit: { limit: null, remaining: null, reset: null }, retryable: null };
  for (const jitter of [() => 5000, () => -5, () => Number.NaN, () => { throw new Error("x"); }]) {
    const decision = retryPolicy({ jitter }).decideAt(503, retry, 0, 0);
    assert.ok(decision.kind === "retry" && decision.delayMs >= 1000 && decision.delayMs <= 2000);
  }
  for (let round = 0; round < 1000; round += 1) {
    const decision = retryPolicy().decideAt(503, retry, 0, 0);
    assert.ok(decision.kind === "retry" && decision.delayMs >= 1000 && decision.delayMs <= 2000);
  }
});
