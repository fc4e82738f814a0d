use errors_core::ApiError;

#[derive(Debug, ApiError)]
#[api(code = "not_found", status = 404, message = "not found")]
enum Error {
    #[api(code = "gone", status = 410, message = "gone")]
    Gone,
}

fn main() {}
