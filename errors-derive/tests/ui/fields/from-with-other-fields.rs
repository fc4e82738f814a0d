use errors_core::ApiError;

#[derive(Debug, ApiError)]
enum Error {
    #[api(code = "io_failed", status = 500, message = "io failed on {path}")]
    Io {
        #[from]
        cause: std::io::Error,
        path: String,
    },
}

fn main() {}
