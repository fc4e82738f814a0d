use errors_core::ApiError;

#[derive(Debug, ApiError)]
enum Error {
    #[api(code = "not_found", status = 404, message = "{id} not found")]
    NotFound {
        #[api(detial)]
        id: String,
    },
}

fn main() {}
