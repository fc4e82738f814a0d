use errors_core::ApiError;

#[derive(Debug, ApiError)]
enum Error {
    #[api(status = 404)]
    NotFound,
    Gone,
}

fn main() {}
