use errors_core::ApiError;

#[derive(Debug, ApiError)]
enum Error {
    #[api(code = "quota_exceeded", status = 429, message = "tenant {tenant} is over quota",
          public_message = "tenant {tenant} is over quota")]
    QuotaExceeded {
        #[api(sensitive)]
        tenant: String,
    },
}

fn main() {}
