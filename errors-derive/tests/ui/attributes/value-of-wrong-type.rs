use errors_core::ApiError;

#[derive(Debug, ApiError)]
enum Error {
    #[api(code = not_found, status = 404, message = "not found", retryable = "yes")]
    NotFound,
}

fn main() {}
