use errors_core::ApiError;

#[derive(Debug, ApiError)]
enum Error {
    #[api(code = "not_found", status = 404, message = "not found")]
    NotFound(#[api(detail)] String),
}

fn main() {}
