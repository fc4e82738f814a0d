// The TypeScript half of `typescript_parity.rs`: reads cases as JSON on
// stdin, parses each rendering and decides each retry case with the
// generated TypeScript client, and writes the same summaries the Rust half
// builds from the Rust client, as JSON on stdout.

import { parseError, retryPolicy } from "../../../clients/typescript/index.js";

/** @param {import("../../../clients/typescript/index.js").ParseResult} result */
const summarize = (result) => {
  const retry = {
    retryAfter: result.retry.retryAfter,
    rateLimit: result.retry.rateLimit,
    retryable: result.retry.retryable,
  };
  if (result.kind === "failure") {
    const { kind, ...fields } = result.reason;
    return { kind: "failure", status: result.status, reason: kind, ...fields };
  }
  const common = {
    kind: result.kind,
    status: result.status,
    envelope: result.envelope,
    origin: result.origin,
    message: result.message,
    requestId: result.requestId,
    retry,
    code: result.code,
    fields: result.fields,
  };
  switch (result.kind) {
    case "known":
      return { ...common, params: result.params };
    case "incomplete":
      return { ...common, parts: result.parts, reason: result.reason };
    case "unknown":
      return { ...common, details: result.details };
  }
};

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const input = JSON.parse(Buffer.concat(chunks).toString("utf8"));

const renderings = input.renderings.map(({ status, headers, body }) =>
  summarize(parseError(status, Object.fromEntries(headers), body)),
);
const retries = input.retries.map(({ status, retry, retries, nowMs, policy }) =>
  retryPolicy({ ...policy, jitter: (max) => max / 2 }).decideAt(status, retry, retries, nowMs),
);
process.stdout.write(JSON.stringify({ renderings, retries }));
