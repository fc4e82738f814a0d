use errors_core::ApiError;

#[derive(Debug, ApiError)]
#[api(code = "RateLimitExceeded", status = 429, message = "slow down")]
struct RateLimited;

fn main() {}
