use errors_core::ApiError;

#[derive(Debug, ApiError)]
enum Error {
    #[api(code = "rate_limit_exceeded", status = 429, message = "retry after {retry_after:?}")]
    RateLimited { retry_after: u64 },
    #[api(code = "bad_request", status = 400, message = "bad {}")]
    BadRequest,
}

fn main() {}
