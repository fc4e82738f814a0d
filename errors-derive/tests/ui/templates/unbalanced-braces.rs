use errors_core::ApiError;

#[derive(Debug, ApiError)]
enum Error {
    #[api(code = "bad_json", status = 400, message = "expected {field")]
    BadJson { field: String },
    #[api(code = "bad_object", status = 400, message = "an object ends with }")]
    BadObject,
}

fn main() {}
