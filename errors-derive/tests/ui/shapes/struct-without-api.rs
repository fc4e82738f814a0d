use errors_core::ApiError;

#[derive(Debug, ApiError)]
struct NotFound {
    id: String,
}

fn main() {}
