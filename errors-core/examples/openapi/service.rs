//! The agents service: its routes, and its OpenAPI document, in which every
//! error response comes from the error types the handlers return; no
//! response is written by hand but the successes.

use std::time::Duration;

use axum::Json;
use axum::Router;
use axum::extract::Path;
use axum::routing::get;
use errors_core::catalog::{
    AuthenticationError, RateLimitingError, ResourcesError, ValidationError,
};
use errors_core::integration::RenderPolicy;
use errors_core::integration::axum::ErrorLayer;
use errors_core::integration::utoipa::ErrorComponents;
use errors_core::{ApiError, FieldErrors, Renderer, Rich};
use serde::{Deserialize, Serialize};
use utoipa::{OpenApi, ToSchema};

/// The renderer the service answers with, and documents its errors in.
pub fn renderer() -> Renderer {
    Renderer::new(Rich)
}

/// An agent.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Agent {
    /// The agent's id.
    pub id: String,
    /// The agent's name.
    pub name: String,
}

/// The errors of archiving an agent: hand-derived, outside the catalog.
#[derive(Debug, ApiError)]
pub enum ArchiveError {
    #[api(
        code = "authentication_required",
        status = 401,
        message = "Authentication required"
    )]
    Unauthenticated,
    #[api(
        code = "agent_archived",
        status = 410,
        message = "Agent {id} was archived",
        public_message = "The agent was archived"
    )]
    Archived {
        #[api(detail)]
        id: String,
    },
}

/// Reads one agent.
#[utoipa::path(
    get,
    path = "/agents/{id}",
    params(("id" = String, Path, description = "The agent's id")),
    responses((status = 200, description = "The agent", body = Agent), ResourcesError)
)]
pub async fn get_agent(Path(id): Path<String>) -> Result<Json<Agent>, ResourcesError> {
    if id == "agent_1" {
        return Ok(Json(Agent {
            id,
            name: "Support".to_owned(),
        }));
    }
    Err(ResourcesError::ResourceNotFound {
        resource: "Agent".to_owned(),
        resource_type: Some("agent".to_owned()),
        resource_id: Some(id),
    })
}

/// Archives an agent.
#[utoipa::path(
    delete,
    path = "/agents/{id}",
    params(("id" = String, Path, description = "The agent's id")),
    responses((status = 204, description = "The agent was archived"), ArchiveError)
)]
pub async fn archive_agent(
    headers: axum::http::HeaderMap,
    Path(id): Path<String>,
) -> Result<axum::http::StatusCode, ArchiveError> {
    if !headers.contains_key("authorization") {
        return Err(ArchiveError::Unauthenticated);
    }
    if id == "agent_old" {
        return Err(ArchiveError::Archived { id });
    }
    Ok(axum::http::StatusCode::NO_CONTENT)
}

/// Creates an agent.
#[utoipa::path(
    post,
    path = "/agents",
    request_body = Agent,
    responses(
        (status = 201, description = "The agent was created", body = Agent),
        AuthenticationError,
        ValidationError,
        RateLimitingError,
    )
)]
pub async fn create_agent(Json(agent): Json<Agent>) -> Result<Json<Agent>, ValidationError> {
    if agent.name.is_empty() {
        let mut fields = FieldErrors::new();
        fields.push("name", "Name is required");
        return Err(ValidationError::UserValidationError {
            reason: "Name is required".to_owned(),
            fields,
        });
    }
    Ok(Json(agent))
}

/// Lists the agents.
#[utoipa::path(
    get,
    path = "/agents",
    responses((status = 200, description = "The agents", body = Vec<Agent>), RateLimitingError)
)]
pub async fn list_agents() -> Result<Json<Vec<Agent>>, RateLimitingError> {
    Err(RateLimitingError::TooManyRequests {
        retry_after: Duration::from_secs(30),
    })
}

/// The service's OpenAPI document.
#[derive(OpenApi)]
#[openapi(
    info(title = "Agents", version = "1.0.0", description = "An example service documented with errors-core's utoipa feature."),
    paths(get_agent, archive_agent, create_agent, list_agents),
    components(schemas(Agent)),
    modifiers(&ErrorComponents)
)]
pub struct ApiDoc;

/// The routes, their errors rendered with [`renderer`], and the document at
/// `/openapi.json`.
pub fn app() -> Router {
    Router::new()
        .route("/agents", get(list_agents).post(create_agent))
        .route("/agents/{id}", get(get_agent).delete(archive_agent))
        .layer(ErrorLayer::new(RenderPolicy::new(renderer())))
        .route("/openapi.json", get(|| async { Json(ApiDoc::openapi()) }))
}
