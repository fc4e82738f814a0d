//! The peer: the `http-api-problem` crate producing the same problem body.
//!
//! `HttpApiProblem` keeps extension members in a `HashMap` of
//! `serde_json::Value`s, so its member order differs from ours: the bodies
//! are compared as JSON values, not bytes ([`check`](crate::check)).

use errors_core::catalog::CatalogError;
use http_api_problem::HttpApiProblem;

use crate::baseline::{FieldList, facts};

/// The problem body of `error`, built and serialized with `http-api-problem`
/// the way its documentation shows.
///
/// # Examples
///
/// ```
/// use benchmarks::fixtures::{Case, INSTANCE, REQUEST_ID};
///
/// let body = benchmarks::peer::problem_body(&Case::Plain.error(), INSTANCE, REQUEST_ID);
/// let body: serde_json::Value = serde_json::from_slice(&body).unwrap();
/// assert_eq!(body["code"], "invalid_api_key");
/// ```
///
/// # Panics
///
/// If `error` is not a benchmark case (see [`facts`]).
pub fn problem_body(error: &CatalogError, instance: &str, request_id: &str) -> Vec<u8> {
    let facts = facts(error);
    let mut problem = HttpApiProblem::with_title(facts.status)
        .type_url("about:blank")
        .detail(facts.message)
        .instance(instance);
    problem.set_value("code", &facts.code);
    if let Some(fields) = facts.fields {
        problem.set_value("errors", &FieldList(fields));
    }
    problem.set_value("request_id", &request_id);
    problem.json_bytes()
}
