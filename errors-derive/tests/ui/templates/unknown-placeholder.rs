use errors_core::ApiError;

#[derive(Debug, ApiError)]
enum Error {
    #[api(code = "rate_limit_exceeded", status = 429, message = "retry after {retry_afer} seconds")]
    RateLimited { retry_after: u64, limit: u32 },
}

fn main() {}
