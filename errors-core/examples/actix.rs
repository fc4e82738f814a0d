//! An actix-web service returning derived errors.
//!
//! Run it with `cargo run -p errors-core --example actix --features actix-web`, then:
//!
//! ```sh
//! curl -i localhost:3001/agents/agent_2                                  # nested envelope, public
//! curl -i -H 'accept: application/problem+json' localhost:3001/agents/x # RFC 9457
//! curl -i -H 'x-admin-token: secret' localhost:3001/quota               # admin message
//! ```

use std::time::Duration;

use actix_web::{App, HttpServer, web};
use errors_core::integration::RenderPolicy;
use errors_core::integration::actix::RenderErrors;
use errors_core::{APPLICATION_PROBLEM_JSON, ApiError, Audience, Nested, Problem, Renderer};

/// The errors of this service.
#[derive(Debug, ApiError)]
enum AgentError {
    #[api(
        code = "agent_not_found",
        status = 404,
        message = "Agent {0} not found"
    )]
    NotFound(String),
    #[api(
        code = "rate_limit_exceeded",
        status = 429,
        retryable,
        message = "Tenant {tenant} exceeded {limit} requests per minute",
        public_message = "Rate limit exceeded. Retry after {retry_after} seconds."
    )]
    RateLimited {
        #[api(header = "Retry-After", detail)]
        retry_after: Duration,
        #[api(header = "X-RateLimit-Limit", detail)]
        limit: u32,
        #[api(sensitive)]
        tenant: String,
    },
}

async fn agent(id: web::Path<String>) -> Result<String, AgentError> {
    let id = id.into_inner();
    if id == "agent_1" {
        Ok(id)
    } else {
        Err(AgentError::NotFound(id))
    }
}

async fn quota() -> Result<String, AgentError> {
    Err(AgentError::RateLimited {
        retry_after: Duration::from_secs(30),
        limit: 100,
        tenant: "acme".to_owned(),
    })
}

fn main() -> std::io::Result<()> {
    actix_web::rt::System::new().block_on(async {
        let server = HttpServer::new(|| {
            let policy = RenderPolicy::new(Renderer::new(Nested))
                .negotiate(APPLICATION_PROBLEM_JSON, Problem)
                .request_id_header("x-request-id");
            App::new()
                .wrap(RenderErrors::new(policy).audience(|request| {
                    // A real service checks the token; this example only looks for it.
                    if request.headers().contains_key("x-admin-token") {
                        Audience::Admin
                    } else {
                        Audience::Public
                    }
                }))
                .route("/agents/{id}", web::get().to(agent))
                .route("/quota", web::get().to(quota))
        })
        .bind(("127.0.0.1", 3001))?;
        println!("listening on http://127.0.0.1:3001");
        server.run().await
    })
}
