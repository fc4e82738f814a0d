//! An axum service documented with utoipa, whose error responses all come
//! from its error types (errors-core's `utoipa` feature).
//!
//! ```sh
//! cargo run -p errors-core --example openapi --features axum,utoipa
//! curl -s localhost:3000/openapi.json
//! ```

mod service;

use errors_core::integration::utoipa::set_documentation_renderer;

#[tokio::main]
async fn main() -> std::io::Result<()> {
    // Document the errors in the envelope the service answers with.
    let _ = set_documentation_renderer(service::renderer());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:3000").await?;
    println!("listening on http://{}", listener.local_addr()?);
    axum::serve(listener, service::app()).await
}
