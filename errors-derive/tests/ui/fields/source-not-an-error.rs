use errors_core::ApiError;

#[derive(Debug, ApiError)]
enum Error {
    #[api(code = "io_failed", status = 500, message = "io failed")]
    Io {
        #[source]
        cause: String,
    },
}

fn main() {}
