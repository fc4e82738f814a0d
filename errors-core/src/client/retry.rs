//! Retry advice: what a response says about retrying (`Retry-After`,
//! `retry_after`, `X-RateLimit-*`) and a policy that turns it into a
//! decision, following the API documents' advice.
//!
//! The documents agree: do not retry a client error, except a rate limit
//! (`429`); retry server errors with exponential backoff and jitter; respect
//! `Retry-After`; give up after a few attempts. This policy also retries
//! `408 Request Timeout` and `425 Too Early`, which HTTP defines as
//! retryable, and never retries a known code whose catalog entry says it is
//! not retryable.

use std::collections::hash_map::RandomState;
use std::fmt;
use std::hash::{BuildHasher, Hasher};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use http::StatusCode;

/// When the server asks the client to retry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RetryAfter {
    /// After this long (`Retry-After: 60`, or the flat `retry_after`).
    Delay(Duration),
    /// At this time (`Retry-After: Wed, 21 Oct 2015 07:28:00 GMT`).
    At(SystemTime),
}

impl RetryAfter {
    /// Parses a `Retry-After` header value: delay seconds or an HTTP date.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::time::{Duration, UNIX_EPOCH};
    /// use errors_core::client::RetryAfter;
    ///
    /// assert_eq!(RetryAfter::parse("120"), Some(RetryAfter::Delay(Duration::from_secs(120))));
    /// assert_eq!(
    ///     RetryAfter::parse("Sun, 06 Nov 1994 08:49:37 GMT"),
    ///     Some(RetryAfter::At(UNIX_EPOCH + Duration::from_secs(784_111_777))),
    /// );
    /// assert_eq!(RetryAfter::parse("soon"), None);
    /// ```
    pub fn parse(value: &str) -> Option<Self> {
        let value = value.trim();
        if !value.is_empty() && value.bytes().all(|byte| byte.is_ascii_digit()) {
            // A delay too large for `u64` seconds is as good as never.
            let seconds = value.parse().unwrap_or(u64::MAX);
            return Some(RetryAfter::Delay(Duration::from_secs(seconds)));
        }
        httpdate::parse_http_date(value).ok().map(RetryAfter::At)
    }

    /// How long to wait from `now`; zero for a time already past.
    pub fn delay_from(&self, now: SystemTime) -> Duration {
        match self {
            RetryAfter::Delay(delay) => *delay,
            RetryAfter::At(time) => time.duration_since(now).unwrap_or(Duration::ZERO),
        }
    }
}

/// The `X-RateLimit-*` values of a response.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RateLimit {
    /// `X-RateLimit-Limit`: requests allowed per window.
    pub limit: Option<u64>,
    /// `X-RateLimit-Remaining`: requests left in the window.
    pub remaining: Option<u64>,
    /// `X-RateLimit-Reset`: when the window ends, in Unix seconds.
    pub reset: Option<u64>,
}

impl RateLimit {
    /// Whether any value is known.
    pub fn is_empty(&self) -> bool {
        self.limit.is_none() && self.remaining.is_none() && self.reset.is_none()
    }

    /// The end of the window as a time.
    pub fn reset_time(&self) -> Option<SystemTime> {
        self.reset
            .and_then(|seconds| UNIX_EPOCH.checked_add(Duration::from_secs(seconds)))
    }
}

/// What a response says about retrying.
///
/// # Examples
///
/// ```
/// use std::time::Duration;
/// use errors_core::client::{RetryAfter, parse_response};
/// use http::{HeaderMap, HeaderValue, StatusCode};
///
/// let mut headers = HeaderMap::new();
/// headers.insert("retry-after", HeaderValue::from_static("30"));
/// headers.insert("x-ratelimit-remaining", HeaderValue::from_static("0"));
/// let parsed = parse_response(
///     StatusCode::TOO_MANY_REQUESTS,
///     &headers,
///     br#"{"error":"Rate limit exceeded","retry_after":60}"#,
/// )
/// .unwrap();
/// // The header wins over the body.
/// assert_eq!(parsed.retry().retry_after, Some(RetryAfter::Delay(Duration::from_secs(30))));
/// assert_eq!(parsed.retry().rate_limit.remaining, Some(0));
/// assert_eq!(parsed.retry().retryable, Some(true));
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RetryInfo {
    /// From `Retry-After`, else from the flat envelope's `retry_after`.
    pub retry_after: Option<RetryAfter>,
    /// From the `X-RateLimit-*` headers, else from the params of a known
    /// code that declare those headers (such as the rich envelope's
    /// `details.limit`).
    pub rate_limit: RateLimit,
    /// The catalog's `retryable` flag, when the code is known.
    pub retryable: Option<bool>,
}

/// A source of random delay added to each wait, so that many clients do
/// not retry in step.
///
/// Any `Fn(Duration) -> Duration` is one; tests inject a fixed one.
pub trait Jitter: Send + Sync {
    /// A delay from zero up to `max`.
    fn sample(&self, max: Duration) -> Duration;
}

impl<F: Fn(Duration) -> Duration + Send + Sync> Jitter for F {
    fn sample(&self, max: Duration) -> Duration {
        self(max).min(max)
    }
}

/// Uniform jitter from the standard library's randomly keyed hasher (no
/// extra dependency); not for cryptography.
#[derive(Clone, Copy, Debug, Default)]
pub struct RandomJitter;

impl Jitter for RandomJitter {
    fn sample(&self, max: Duration) -> Duration {
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let mut hasher = RandomState::new().build_hasher();
        hasher.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
        let random = hasher.finish();
        let nanos = u64::try_from(max.as_nanos()).unwrap_or(u64::MAX);
        match nanos.checked_add(1) {
            Some(bound) => Duration::from_nanos(random % bound),
            None => Duration::from_nanos(random),
        }
    }
}

/// What to do after a failed attempt.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RetryDecision {
    /// Send the request again after this long.
    Retry(Duration),
    /// Do not retry.
    Stop(StopReason),
}

/// Why a [`RetryPolicy`] advises against retrying.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum StopReason {
    /// A client error other than `408`, `425` and `429`: the request must change.
    ClientError,
    /// A server error that retrying does not fix (`501`, `505`, `511`).
    NotRetryableStatus,
    /// The catalog says the code is not retryable.
    NotRetryableCode,
    /// The policy's attempts are used up.
    AttemptsExhausted,
    /// The server asks for a wait longer than the policy's maximum.
    WaitTooLong(Duration),
}

/// When and how long to wait before retrying a failed request.
///
/// The defaults follow the API documents: at most 3 retries, a base delay
/// of 1 s doubled per retry (1 s, 2 s, 4 s) plus up to 1 s of jitter,
/// capped at 60 s; a `Retry-After` (or, with no requests left, the
/// `X-RateLimit-Reset` time) replaces the backoff, plus jitter, unless it
/// is longer than 5 minutes.
///
/// # Examples
///
/// ```
/// use std::time::Duration;
/// use errors_core::client::{RetryDecision, RetryPolicy, StopReason, parse_response};
/// use http::{HeaderMap, StatusCode};
///
/// let policy = RetryPolicy::default().jitter(|_max| Duration::ZERO);
/// let unavailable = parse_response(
///     StatusCode::SERVICE_UNAVAILABLE,
///     &HeaderMap::new(),
///     br#"{"error":"Service temporarily unavailable"}"#,
/// )
/// .unwrap();
/// assert_eq!(policy.decide(&unavailable, 0), RetryDecision::Retry(Duration::from_secs(1)));
/// assert_eq!(policy.decide(&unavailable, 2), RetryDecision::Retry(Duration::from_secs(4)));
/// assert_eq!(policy.decide(&unavailable, 3), RetryDecision::Stop(StopReason::AttemptsExhausted));
///
/// let missing = parse_response(
///     StatusCode::BAD_REQUEST,
///     &HeaderMap::new(),
///     br#"{"error":"Missing required field: name"}"#,
/// )
/// .unwrap();
/// assert_eq!(policy.decide(&missing, 0), RetryDecision::Stop(StopReason::ClientError));
/// ```
#[derive(Clone)]
pub struct RetryPolicy {
    max_retries: u32,
    base_delay: Duration,
    max_delay: Duration,
    max_jitter: Duration,
    max_retry_after: Duration,
    jitter: Arc<dyn Jitter>,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_retries: 3,
            base_delay: Duration::from_secs(1),
            max_delay: Duration::from_secs(60),
            max_jitter: Duration::from_secs(1),
            max_retry_after: Duration::from_secs(300),
            jitter: Arc::new(RandomJitter),
        }
    }
}

impl fmt::Debug for RetryPolicy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RetryPolicy")
            .field("max_retries", &self.max_retries)
            .field("base_delay", &self.base_delay)
            .field("max_delay", &self.max_delay)
            .field("max_jitter", &self.max_jitter)
            .field("max_retry_after", &self.max_retry_after)
            .finish_non_exhaustive()
    }
}

impl RetryPolicy {
    /// The most retries after the first attempt.
    #[must_use]
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.max_retries = retries;
        self
    }

    /// The delay before the first retry, doubled for each further one.
    #[must_use]
    pub fn base_delay(mut self, delay: Duration) -> Self {
        self.base_delay = delay;
        self
    }

    /// The longest backoff delay, before jitter.
    #[must_use]
    pub fn max_delay(mut self, delay: Duration) -> Self {
        self.max_delay = delay;
        self
    }

    /// The most jitter added to a delay.
    #[must_use]
    pub fn max_jitter(mut self, jitter: Duration) -> Self {
        self.max_jitter = jitter;
        self
    }

    /// The longest wait the server may ask for; longer ones stop retrying.
    #[must_use]
    pub fn max_retry_after(mut self, wait: Duration) -> Self {
        self.max_retry_after = wait;
        self
    }

    /// The jitter source ([`RandomJitter`] by default).
    #[must_use]
    pub fn jitter(mut self, jitter: impl Jitter + 'static) -> Self {
        self.jitter = Arc::new(jitter);
        self
    }

    /// The decision after `error`, when `retries` retries were made already
    /// (0 after the first attempt), at the current time.
    pub fn decide<C: crate::Catalog>(
        &self,
        error: &super::ParsedError<C>,
        retries: u32,
    ) -> RetryDecision {
        self.decide_at(error.status(), error.retry(), retries, SystemTime::now())
    }

    /// The decision for a response with `status` and `retry`, when
    /// `retries` retries were made already, at `now`.
    pub fn decide_at(
        &self,
        status: StatusCode,
        retry: &RetryInfo,
        retries: u32,
        now: SystemTime,
    ) -> RetryDecision {
        let code = status.as_u16();
        if status.is_client_error() && !matches!(code, 408 | 425 | 429) {
            return RetryDecision::Stop(StopReason::ClientError);
        }
        if matches!(code, 501 | 505 | 511) {
            return RetryDecision::Stop(StopReason::NotRetryableStatus);
        }
        if retry.retryable == Some(false) {
            return RetryDecision::Stop(StopReason::NotRetryableCode);
        }
        if retries >= self.max_retries {
            return RetryDecision::Stop(StopReason::AttemptsExhausted);
        }
        let jitter = self.jitter.sample(self.max_jitter);
        let asked = retry
            .retry_after
            .map(|after| after.delay_from(now))
            .or_else(|| {
                let limit = &retry.rate_limit;
                (limit.remaining == Some(0))
                    .then(|| limit.reset_time())
                    .flatten()
                    .map(|reset| reset.duration_since(now).unwrap_or(Duration::ZERO))
            });
        if let Some(wait) = asked {
            if wait > self.max_retry_after {
                return RetryDecision::Stop(StopReason::WaitTooLong(wait));
            }
            return RetryDecision::Retry(wait.saturating_add(jitter));
        }
        let factor = 1u32.checked_shl(retries).unwrap_or(u32::MAX);
        let backoff = self.base_delay.saturating_mul(factor).min(self.max_delay);
        RetryDecision::Retry(backoff.saturating_add(jitter))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_jitter(_: Duration) -> Duration {
        Duration::ZERO
    }

    #[test]
    fn statuses_follow_the_documents() {
        let policy = RetryPolicy::default().jitter(no_jitter);
        let info = RetryInfo::default();
        let now = SystemTime::now();
        let decide =
            |code: u16| policy.decide_at(StatusCode::from_u16(code).unwrap(), &info, 0, now);
        for code in [400, 401, 403, 404, 409, 413, 422] {
            assert_eq!(
                decide(code),
                RetryDecision::Stop(StopReason::ClientError),
                "{code}"
            );
        }
        for code in [408, 425, 429, 500, 502, 503, 504] {
            assert_eq!(
                decide(code),
                RetryDecision::Retry(Duration::from_secs(1)),
                "{code}"
            );
        }
        for code in [501, 505, 511] {
            assert_eq!(
                decide(code),
                RetryDecision::Stop(StopReason::NotRetryableStatus)
            );
        }
    }

    #[test]
    fn backoff_doubles_up_to_the_cap_with_jitter_within_bounds() {
        let policy = RetryPolicy::default()
            .max_retries(10)
            .max_delay(Duration::from_secs(5))
            .jitter(|max: Duration| max / 2);
        let info = RetryInfo::default();
        let now = SystemTime::now();
        let delays: Vec<_> = (0..5)
            .map(|retries| policy.decide_at(StatusCode::BAD_GATEWAY, &info, retries, now))
            .collect();
        let half = Duration::from_millis(500);
        assert_eq!(
            delays,
            [1, 2, 4, 5, 5].map(|s| RetryDecision::Retry(Duration::from_secs(s) + half))
        );
        let huge = policy.decide_at(StatusCode::BAD_GATEWAY, &info, 9, now);
        assert_eq!(huge, RetryDecision::Retry(Duration::from_secs(5) + half));
    }

    #[test]
    fn retry_after_and_reset_replace_the_backoff() {
        let policy = RetryPolicy::default().jitter(no_jitter);
        let now = UNIX_EPOCH + Duration::from_secs(1_000);
        let mut info = RetryInfo {
            retry_after: Some(RetryAfter::At(now + Duration::from_secs(42))),
            ..RetryInfo::default()
        };
        let too_many = StatusCode::TOO_MANY_REQUESTS;
        assert_eq!(
            policy.decide_at(too_many, &info, 0, now),
            RetryDecision::Retry(Duration::from_secs(42))
        );
        info.retry_after = None;
        info.rate_limit = RateLimit {
            limit: Some(10),
            remaining: Some(0),
            reset: Some(1_030),
        };
        assert_eq!(
            policy.decide_at(too_many, &info, 1, now),
            RetryDecision::Retry(Duration::from_secs(30))
        );
        info.retry_after = Some(RetryAfter::Delay(Duration::from_secs(3_600)));
        assert_eq!(
            policy.decide_at(too_many, &info, 0, now),
            RetryDecision::Stop(StopReason::WaitTooLong(Duration::from_secs(3_600)))
        );
        info.retryable = Some(false);
        assert_eq!(
            policy.decide_at(StatusCode::INTERNAL_SERVER_ERROR, &info, 0, now),
            RetryDecision::Stop(StopReason::NotRetryableCode)
        );
    }

    #[test]
    fn random_jitter_stays_within_its_bound() {
        let max = Duration::from_millis(10);
        assert!((0..1_000).all(|_| RandomJitter.sample(max) <= max));
        assert_eq!(RandomJitter.sample(Duration::ZERO), Duration::ZERO);
    }

    #[test]
    fn retry_after_values_parse_or_are_rejected() {
        assert_eq!(
            RetryAfter::parse(" 5 "),
            Some(RetryAfter::Delay(Duration::from_secs(5)))
        );
        assert_eq!(
            RetryAfter::parse("99999999999999999999999"),
            Some(RetryAfter::Delay(Duration::from_secs(u64::MAX)))
        );
        assert_eq!(RetryAfter::parse("-5"), None);
        assert_eq!(RetryAfter::parse(""), None);
        let past = RetryAfter::At(UNIX_EPOCH);
        assert_eq!(past.delay_from(SystemTime::now()), Duration::ZERO);
    }
}
