use errors_core::ApiError;

#[derive(Debug, ApiError)]
enum Error {
    #[api(code = "not_found", status = 404, message = "user not found")]
    UserNotFound,
    #[api(code = "not_found", status = 404, message = "team not found")]
    TeamNotFound,
}

fn main() {}
