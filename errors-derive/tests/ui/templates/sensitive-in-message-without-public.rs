use errors_core::ApiError;

#[derive(Debug, ApiError)]
enum Error {
    #[api(code = "database_error", status = 500, message = "query failed: {query}")]
    Database {
        #[api(sensitive)]
        query: String,
    },
}

fn main() {}
