// Type-level tests, checked by `tsc --strict` (never run): codes narrow
// their params, optional params are optional, and mistakes do not compile.

import { CODES, isCode, parseError, retryPolicy } from "../typescript/index.js";
import type { Code, KnownError, ParseResult } from "../typescript/index.js";

declare const result: ParseResult;

export function describe(): string {
  switch (result.kind) {
    case "known":
      switch (result.code) {
        case "rate_limit_exceeded": {
          const wait: number = result.params.retry_after;
          const limit: number = result.params.limit;
          return `${wait} ${limit}`;
        }
        case "resource_not_found": {
          const id: string | undefined = result.params.resource_id;
          // @ts-expect-error `resource_id` is optional.
          const required: string = result.params.resource_id;
          return `${id} ${required}`;
        }
        case "invalid_request":
          return result.fields.map(({ field, messages }) => `${field}: ${messages.join(", ")}`).join("\n");
        default:
          // @ts-expect-error only `rate_limit_exceeded` has `retry_after` for certain.
          return String(result.params.retry_after);
      }
    case "incomplete":
      return result.reason.message;
    case "unknown":
      return result.code ?? result.message;
    case "failure":
      return result.reason.kind;
  }
}

export function guards(value: unknown): number {
  if (isCode(value, "too_many_requests")) return value.params.retry_after;
  // @ts-expect-error not a code of the catalog.
  isCode(value, "no_such_code");
  return 0;
}

export const status: number = CODES.rate_limit_exceeded.status;
// @ts-expect-error the table is read-only.
CODES.rate_limit_exceeded.status = 500;

export const code: Code = "throttle_exceeded" as Code;
// @ts-expect-error aliases are not ids.
export const alias: Code = "throttle_exceeded";

export const known: KnownError<"rate_limit_exceeded"> | null = null;
export const decision = retryPolicy({ maxRetries: 5 }).decide(parseError(503, null, "{}"), 0);
// @ts-expect-error the body must be text or bytes.
parseError(503, null, 42);
