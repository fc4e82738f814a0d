use errors_core::ApiError;

#[derive(Debug, ApiError)]
enum Error {
    #[api(code = "moved", status = 301, message = "moved")]
    Moved,
    #[api(code = "not_found", status = "404", message = "not found")]
    NotFound,
}

fn main() {}
