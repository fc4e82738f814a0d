use errors_core::ApiError;

#[derive(Debug, ApiError)]
enum Error {
    #[api(code = "not_found", stauts = 404, message = "not found")]
    NotFound,
}

fn main() {}
