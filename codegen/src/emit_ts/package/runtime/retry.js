/**
 * Retry advice with the Rust client's rules (`RetryAfter::parse`, `httpdate`,
 * `RetryPolicy::decide_at`), in milliseconds.
 */

/** @import { RetryDecision, RetryInfo } from "./retry.js" */

/** @type {typeof import("./retry.js").parseRetryAfter} */
export const parseRetryAfter = (value) => {
  const text = value.trim();
  if (/^[0-9]+$/.test(text)) {
    // A delay too large for `u64` seconds is as good as never.
    const seconds = BigInt(text) > 18446744073709551615n ? 18446744073709551615 : Number(text);
    return Object.freeze({ kind: "delay", seconds });
  }
  const time = parseHttpDate(text);
  return time === null ? null : Object.freeze({ kind: "at", time });
};

/** @type {typeof import("./retry.js").retryAfterDelayMs} */
export const retryAfterDelayMs = (after, nowMs) =>
  after.kind === "delay" ? after.seconds * 1000 : Math.max(0, after.time - nowMs);

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const SHORT_DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const LONG_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/** @param {string} text @returns {number | null} two or four digits */
const digits = (text) => (/^[0-9]+$/.test(text) ? Number(text) : null);

/** @typedef {{ sec: number | null, min: number | null, hour: number | null, day: number | null, mon: number, year: number | null, wday: number }} Fields */

/** `Sun, 06 Nov 1994 08:49:37 GMT` @param {string} s @returns {Fields | null} */
const imfFixdate = (s) => {
  if (s.length !== 29 || s.slice(25) !== " GMT" || s[16] !== " " || s[19] !== ":" || s[22] !== ":") return null;
  const mon = s[7] === " " && s[11] === " " ? MONTHS.indexOf(s.slice(8, 11)) + 1 : 0;
  const wday = s.slice(3, 5) === ", " ? SHORT_DAYS.indexOf(s.slice(0, 3)) + 1 : 0;
  if (mon === 0 || wday === 0) return null;
  return {
    sec: digits(s.slice(23, 25)),
    min: digits(s.slice(20, 22)),
    hour: digits(s.slice(17, 19)),
    day: digits(s.slice(5, 7)),
    mon,
    year: digits(s.slice(12, 16)),
    wday,
  };
};

/** `Sunday, 06-Nov-94 08:49:37 GMT` @param {string} s @returns {Fields | null} */
const rfc850 = (s) => {
  if (s.length < 23) return null;
  const wday = LONG_DAYS.findIndex((name) => s.startsWith(`${name}, `)) + 1;
  if (wday === 0) return null;
  const rest = s.slice((LONG_DAYS[wday - 1] ?? "").length + 2);
  if (rest.length !== 22 || rest[12] !== ":" || rest[15] !== ":" || rest.slice(18) !== " GMT") return null;
  const shortYear = digits(rest.slice(7, 9));
  const mon = rest[2] === "-" && rest[6] === "-" ? MONTHS.indexOf(rest.slice(3, 6)) + 1 : 0;
  if (mon === 0 || shortYear === null) return null;
  return {
    sec: digits(rest.slice(16, 18)),
    min: digits(rest.slice(13, 15)),
    hour: digits(rest.slice(10, 12)),
    day: digits(rest.slice(0, 2)),
    mon,
    year: shortYear < 70 ? shortYear + 2000 : shortYear + 1900,
    wday,
  };
};

/** `Sun Nov  6 08:49:37 1994` @param {string} s @returns {Fields | null} */
const asctime = (s) => {
  if (s.length !== 24 || s[10] !== " " || s[13] !== ":" || s[16] !== ":" || s[19] !== " ") return null;
  const mon = s[7] === " " ? MONTHS.indexOf(s.slice(4, 7)) + 1 : 0;
  const wday = s[3] === " " ? SHORT_DAYS.indexOf(s.slice(0, 3)) + 1 : 0;
  if (mon === 0 || wday === 0) return null;
  const day = s[8] === " " ? digits(s.slice(9, 10)) : digits(s.slice(8, 10));
  return {
    sec: digits(s.slice(17, 19)),
    min: digits(s.slice(14, 16)),
    hour: digits(s.slice(11, 13)),
    day,
    mon,
    year: digits(s.slice(20, 24)),
    wday,
  };
};

/** @type {typeof import("./retry.js").parseHttpDate} */
export const parseHttpDate = (value) => {
  if (!/^[\x00-\x7f]*$/.test(value)) return null;
  const s = value.trim();
  const fields = imfFixdate(s) ?? rfc850(s) ?? asctime(s);
  if (fields === null) return null;
  const { sec, min, hour, day, mon, year, wday } = fields;
  if (sec === null || min === null || hour === null || day === null || year === null) return null;
  if (sec >= 60 || min >= 60 || hour >= 24 || day < 1 || day > 31 || year < 1970 || year > 9999) return null;
  const time = Date.UTC(year, mon - 1, day, hour, min, sec);
  // The date must exist and the weekday must be its own, as `httpdate` checks.
  const check = new Date(time);
  const weekday = check.getUTCDay() === 0 ? 7 : check.getUTCDay();
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== mon - 1 || check.getUTCDate() !== day) return null;
  if (weekday !== wday) return null;
  return time;
};

/**
 * A jitter from `Math.random`; not for cryptography.
 * @param {number} maxMs
 * @returns {number}
 */
const randomJitter = (maxMs) => Math.random() * maxMs;

/**
 * @param {number | undefined} value
 * @param {number} fallback
 * @returns {number}
 */
const setting = (value, fallback) => (typeof value === "number" && value >= 0 && !Number.isNaN(value) ? value : fallback);

/** @type {typeof import("./retry.js").retryPolicy} */
export const retryPolicy = (options = {}) => {
  const maxRetries = setting(options.maxRetries, 3);
  const baseDelayMs = setting(options.baseDelayMs, 1000);
  const maxDelayMs = setting(options.maxDelayMs, 60_000);
  const maxJitterMs = setting(options.maxJitterMs, 1000);
  const maxRetryAfterMs = setting(options.maxRetryAfterMs, 300_000);
  const jitter = typeof options.jitter === "function" ? options.jitter : randomJitter;
  /** @returns {number} a delay from 0 to `maxJitterMs` */
  const sample = () => {
    let value = 0;
    try {
      value = Number(jitter(maxJitterMs));
    } catch {
      value = 0;
    }
    return Number.isNaN(value) ? 0 : Math.min(Math.max(value, 0), maxJitterMs);
  };
  /**
   * @param {number} status
   * @param {RetryInfo} retry
   * @param {number} retries
   * @param {number} nowMs
   * @returns {RetryDecision}
   */
  const decideAt = (status, retry, retries, nowMs) => {
    /** @param {import("./retry.js").StopReason} reason @param {number | null} waitMs @returns {RetryDecision} */
    const stop = (reason, waitMs = null) => Object.freeze({ kind: "stop", reason, waitMs });
    if (status >= 400 && status <= 499 && status !== 408 && status !== 425 && status !== 429) {
      return stop("client_error");
    }
    if (status === 501 || status === 505 || status === 511) return stop("not_retryable_status");
    if (retry.retryable === false) return stop("not_retryable_code");
    if (retries >= maxRetries) return stop("attempts_exhausted");
    const jitterMs = sample();
    /** @type {number | null} */
    let asked = null;
    if (retry.retryAfter !== null) {
      asked = retryAfterDelayMs(retry.retryAfter, nowMs);
    } else {
      const { remaining, reset } = retry.rateLimit;
      // A reset beyond what a system time holds (`i64` seconds) is ignored, as in Rust.
      if (remaining === 0 && reset !== null && reset <= 9223372036854775807) {
        asked = Math.max(0, reset * 1000 - nowMs);
      }
    }
    if (asked !== null) {
      if (asked > maxRetryAfterMs) return stop("wait_too_long", asked);
      return Object.freeze({ kind: "retry", delayMs: asked + jitterMs });
    }
    const factor = retries < 32 ? 2 ** retries : 4294967295;
    const backoff = Math.min(baseDelayMs * factor, maxDelayMs);
    return Object.freeze({ kind: "retry", delayMs: backoff + jitterMs });
  };
  return Object.freeze({
    decideAt,
    /** @param {{ readonly status: number, readonly retry: RetryInfo }} error @param {number} retries @param {number} [nowMs] */
    decide(error, retries, nowMs = Date.now()) {
      return decideAt(error.status, error.retry, retries, nowMs);
    },
  });
};
