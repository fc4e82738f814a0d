//! Loads, validates and generates code from the declarative error catalog.
//!
//! The front end works like serde_derive's internals: [`load`] reads each
//! file into a YAML tree that keeps every span, turns the tree into the
//! [`model`] while checking keys, types and single values, then runs the
//! cross-entry rules. Every problem is collected (not just the first) and
//! rendered rustc-style by [`Diagnostics::render`]. Emitters only ever see a
//! [`model::Catalog`]; they never validate, and validators never emit.
//!
//! # Examples
//!
//! ```
//! let yaml = r#"
//! domain: rate_limiting
//! description: Errors returned when a client sends requests too fast.
//! codes:
//!   - id: rate_limit_exceeded
//!     status: 429
//!     message: "Rate limit exceeded. Retry after {retry_after} seconds."
//!     resolution: Wait, then retry.
//!     retryable: true
//!     params:
//!       - name: retry_after
//!         type: seconds
//!         description: Seconds until the window resets.
//!         example: 60
//!         header: Retry-After
//!     examples:
//!       - name: default
//!         params: { retry_after: 60 }
//! "#;
//! let loaded = codegen::load_sources(vec![("rate_limiting.yaml".into(), yaml.into())]);
//! assert!(!loaded.diagnostics.has_errors(), "{}", loaded.diagnostics.render(false));
//! let code = loaded.catalog.find_code("rate_limit_exceeded").unwrap();
//! assert_eq!(code.status, 429);
//! assert_eq!(code.params[0].ty.rust_type(), "::std::time::Duration");
//! ```

pub mod artifacts;
pub mod build;
pub mod config;
pub mod contract;
mod ctxt;
mod diagnostic;
pub mod emit_docs;
mod emit_rust;
mod emit_schema;
mod emit_ts;
pub mod http_facts;
mod load;
pub mod model;
pub mod naming;
pub mod output;
mod parallel;
mod parse;
mod span;
pub mod suggest;
pub mod synth;
mod template;
pub mod text;
mod validate;
mod yaml;

pub use diagnostic::{Diagnostic, Diagnostics, FORMAT_REFERENCE, Fix, Label, Rule, Severity};
pub use emit_rust::{HEADER, Layout, RustOptions, generate_rust};
pub use emit_schema::{catalog_schema, generate_schemas};
pub use emit_ts::generate_typescript;
pub use load::{Loaded, load, load_sources};
pub use template::TemplateError;
pub use yaml::{MAX_ALIAS_REPLAY, MAX_DEPTH, MAX_FILE_BYTES, MAX_NODES};
