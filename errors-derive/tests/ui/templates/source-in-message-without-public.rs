use errors_core::ApiError;

#[derive(Debug, ApiError)]
enum Error {
    #[api(code = "storage_failed", status = 500, message = "storage failed: {cause}")]
    Storage {
        #[source]
        cause: std::io::Error,
    },
}

fn main() {}
