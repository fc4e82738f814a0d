use errors_core::ApiError;

#[derive(Debug, ApiError)]
enum Error {
    #[api(code = "user_validation_error", status = 400, message = "invalid input")]
    Invalid {
        #[api(fields)]
        fields: Vec<String>,
    },
}

fn main() {}
