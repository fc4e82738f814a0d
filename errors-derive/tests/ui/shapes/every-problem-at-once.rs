use errors_core::ApiError;

// One expansion reports every mistake, across variants and fields.
#[derive(Debug, ApiError)]
enum Error {
    #[api(code = "Not-Found", status = 600, message = "{missing} not found")]
    NotFound { id: String },
    #[api(code = "gone", status = 410, mesage = "gone")]
    Gone {
        #[api(header = "WWW-Authenticate")]
        challenge: String,
    },
    #[api(code = "gone", status = 410, message = "gone again")]
    GoneAgain,
}

fn main() {}
