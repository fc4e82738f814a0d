use errors_core::ApiError;

struct Opaque;

impl std::fmt::Debug for Opaque {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Opaque")
    }
}

#[derive(Debug, ApiError)]
enum Error {
    #[api(code = "opaque_failure", status = 500, message = "failed")]
    Failed { value: Opaque },
}

fn main() {}
