use errors_core::ApiError;

#[derive(Debug, ApiError)]
enum Error {
    #[api(code = "quota_exceeded", status = 429, message = "quota exceeded")]
    QuotaExceeded {
        #[api(header = "Quota Name")]
        quota: String,
        #[api(header = "Retry-After")]
        retry_after: u64,
        #[api(header = "retry-after")]
        retry_after_again: u64,
    },
}

fn main() {}
