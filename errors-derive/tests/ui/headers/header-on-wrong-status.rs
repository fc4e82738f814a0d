use errors_core::ApiError;

#[derive(Debug, ApiError)]
enum Error {
    #[api(code = "not_found", status = 404, message = "not found")]
    NotFound {
        #[api(header = "Retry-After")]
        retry_after: u64,
        #[api(header = "X-RateLimit-Remaining")]
        remaining: u32,
    },
    #[api(code = "unauthorized", status = 403, message = "unauthorized")]
    Unauthorized {
        #[api(header = "WWW-Authenticate")]
        challenge: String,
    },
}

fn main() {}
