//! An axum service returning derived errors.
//!
//! Run it with `cargo run -p errors-core --example axum --features axum`, then:
//!
//! ```sh
//! curl -i localhost:3000/agents/agent_1                                  # rich envelope, public
//! curl -i -H 'accept: application/problem+json' localhost:3000/agents/x # RFC 9457
//! curl -i -H 'x-admin-token: secret' localhost:3000/quota               # admin message
//! curl -i localhost:3000/mcp/quota                                       # flat envelope on /mcp
//! ```

use std::time::Duration;

use axum::Router;
use axum::extract::Path;
use axum::routing::get;
use errors_core::integration::RenderPolicy;
use errors_core::integration::axum::ErrorLayer;
use errors_core::{APPLICATION_PROBLEM_JSON, ApiError, Audience, FlatMcp, Problem, Renderer, Rich};

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

async fn agent(Path(id): Path<String>) -> Result<String, AgentError> {
    if id == "agent_1" {
        Ok("agent_1".to_owned())
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

#[tokio::main]
async fn main() -> std::io::Result<()> {
    // MCP clients read the flat envelope.
    let mcp = Router::new()
        .route("/quota", get(quota))
        .layer(ErrorLayer::new(Renderer::new(FlatMcp)));
    let policy = RenderPolicy::new(Renderer::new(Rich))
        .negotiate(APPLICATION_PROBLEM_JSON, Problem)
        .request_id_header("x-request-id")
        .instance_from_path(true);
    let app = Router::new()
        .route("/agents/{id}", get(agent))
        .route("/quota", get(quota))
        .nest("/mcp", mcp)
        .layer(ErrorLayer::new(policy).audience(|request| {
            // A real service checks the token; this example only looks for it.
            if request.headers.contains_key("x-admin-token") {
                Audience::Admin
            } else {
                Audience::Public
            }
        }));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:3000").await?;
    println!("listening on http://{}", listener.local_addr()?);
    axum::serve(listener, app).await
}
