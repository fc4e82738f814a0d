// The example of the README's "In the browser and Node" section, kept here
// so that `tsc --strict` checks it (the import path is the only change).

import { parseFetchResponse, retryPolicy } from "../typescript/index.js";
import type { ParseResult } from "../typescript/index.js";

const policy = retryPolicy(); // 3 retries, 1 s doubled, jitter, Retry-After respected

/** Sends a request, waiting out `Retry-After` and backing off; returns the response or the parsed error. */
export async function send(url: string, init?: RequestInit): Promise<Response | ParseResult> {
  for (let retries = 0; ; retries += 1) {
    const response = await fetch(url, init);
    if (response.ok) return response;
    const error = await parseFetchResponse(response); // never throws
    const decision = policy.decide(error, retries);
    if (decision.kind === "stop") return error;
    await new Promise((resolve) => setTimeout(resolve, decision.delayMs));
  }
}

/** A message for people, and the field errors next to their inputs. */
export function show(error: ParseResult, showField: (field: string, text: string) => void): string {
  if (error.kind !== "known") return "Something went wrong. Please try again.";
  switch (error.code) {
    case "rate_limit_exceeded":
      return `Too many requests: try again in ${error.params.retry_after} seconds.`;
    case "invalid_request":
      for (const { field, messages } of error.fields) showField(field, messages.join(" "));
      return "Please correct the highlighted fields.";
    case "token_expired":
      return "Your session expired. Please sign in again.";
    default:
      return error.message;
  }
}
