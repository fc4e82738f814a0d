//! Instruction counts of rendering and parsing (gungraun, under Valgrind's
//! callgrind): stable on a noisy machine, unlike times.
//!
//! Each bench id names an envelope and a case. In the `render` group,
//! `ours` renders with this workspace, `serde` with a hand-written serde
//! struct of the same bytes, and `http_api_problem` builds the problem body
//! with that crate. In the `parse` group, `parse_ours` is the client parser
//! and `parse_serde` is `serde_json::from_slice` into a plain struct. In
//! the `respond` group, `respond_ours` builds the live server's 429
//! response from the generated error and `respond_baseline` by hand. The
//! setup (building the inputs, checking that both sides agree) and the
//! teardown (dropping the output and the inputs) are not counted.

use std::hint::black_box;

use axum::response::IntoResponse;
use benchmarks::baseline::serde_body;
use benchmarks::check::{parses_back, same_bytes_as_serde, same_problem_as_peer};
use benchmarks::fixtures::{Case, INSTANCE, NOW, REQUEST_ID, render, renderer, response};
use benchmarks::peer::problem_body;
use benchmarks::plain::{PlainBody, parse_plain};
use benchmarks::server::{baseline_response, rate_limit_error};
use errors_core::catalog::CatalogError;
use errors_core::client::{ParseError, ParsedError, Parser};
use errors_core::{EnvelopeKind, Renderer};
use gungraun::{library_benchmark, library_benchmark_group, main};
use http::Response;

/// Drops what a benchmark returned (its output and its inputs) outside the
/// measurement: dropping a renderer is not part of rendering.
fn discard<T>(value: T) {
    drop(black_box(value));
}

/// The renderer and error of `case` in `envelope`, checked against serde.
fn setup_ours(envelope: EnvelopeKind, case: Case) -> (Renderer, CatalogError) {
    same_bytes_as_serde(envelope, case);
    (renderer(envelope), case.error())
}

/// The envelope and error of `case`, checked against ours.
fn setup_serde(envelope: EnvelopeKind, case: Case) -> (EnvelopeKind, CatalogError) {
    same_bytes_as_serde(envelope, case);
    (envelope, case.error())
}

/// The error of `case`, checked against ours.
fn setup_peer(case: Case) -> CatalogError {
    same_problem_as_peer(case);
    case.error()
}

/// The response of `case` in `envelope`, checked with both parsers.
fn setup_parse(envelope: EnvelopeKind, case: Case) -> (EnvelopeKind, Response<Vec<u8>>) {
    parses_back(envelope, case);
    (envelope, response(envelope, case))
}

#[library_benchmark(setup = setup_ours, teardown = discard)]
#[bench::nested_plain(EnvelopeKind::Nested, Case::Plain)]
#[bench::nested_params(EnvelopeKind::Nested, Case::Params)]
#[bench::flat_plain(EnvelopeKind::Flat, Case::Plain)]
#[bench::flat_params(EnvelopeKind::Flat, Case::Params)]
#[bench::rich_plain(EnvelopeKind::Rich, Case::Plain)]
#[bench::rich_params(EnvelopeKind::Rich, Case::Params)]
#[bench::problem_plain(EnvelopeKind::Problem, Case::Plain)]
#[bench::problem_params(EnvelopeKind::Problem, Case::Params)]
fn ours((renderer, error): (Renderer, CatalogError)) -> (Vec<u8>, Renderer, CatalogError) {
    let body = black_box(render(&renderer, black_box(&error)));
    (body, renderer, error)
}

#[library_benchmark(setup = setup_serde, teardown = discard)]
#[bench::nested_plain(EnvelopeKind::Nested, Case::Plain)]
#[bench::nested_params(EnvelopeKind::Nested, Case::Params)]
#[bench::flat_plain(EnvelopeKind::Flat, Case::Plain)]
#[bench::flat_params(EnvelopeKind::Flat, Case::Params)]
#[bench::rich_plain(EnvelopeKind::Rich, Case::Plain)]
#[bench::rich_params(EnvelopeKind::Rich, Case::Params)]
#[bench::problem_plain(EnvelopeKind::Problem, Case::Plain)]
#[bench::problem_params(EnvelopeKind::Problem, Case::Params)]
fn serde((envelope, error): (EnvelopeKind, CatalogError)) -> (Vec<u8>, CatalogError) {
    let body = serde_body(envelope, black_box(&error), NOW, INSTANCE, REQUEST_ID);
    (black_box(body), error)
}

#[library_benchmark(setup = setup_peer, teardown = discard)]
#[bench::problem_plain(Case::Plain)]
#[bench::problem_params(Case::Params)]
fn http_api_problem(error: CatalogError) -> (Vec<u8>, CatalogError) {
    let body = problem_body(black_box(&error), INSTANCE, REQUEST_ID);
    (black_box(body), error)
}

/// What the client parser gives.
type Parsed = Result<ParsedError, ParseError>;

#[library_benchmark(setup = setup_parse, teardown = discard)]
#[bench::nested_plain(EnvelopeKind::Nested, Case::Plain)]
#[bench::nested_params(EnvelopeKind::Nested, Case::Params)]
#[bench::flat_plain(EnvelopeKind::Flat, Case::Plain)]
#[bench::flat_params(EnvelopeKind::Flat, Case::Params)]
#[bench::rich_plain(EnvelopeKind::Rich, Case::Plain)]
#[bench::rich_params(EnvelopeKind::Rich, Case::Params)]
#[bench::problem_plain(EnvelopeKind::Problem, Case::Plain)]
#[bench::problem_params(EnvelopeKind::Problem, Case::Params)]
fn parse_ours(
    (envelope, response): (EnvelopeKind, Response<Vec<u8>>),
) -> (Parsed, Response<Vec<u8>>) {
    let parsed = Parser::new()
        .envelope(envelope)
        .parse_http(black_box(&response));
    (black_box(parsed), response)
}

/// What the plain serde parse gives.
type PlainParsed = Result<PlainBody, serde_json::Error>;

#[library_benchmark(setup = setup_parse, teardown = discard)]
#[bench::nested_plain(EnvelopeKind::Nested, Case::Plain)]
#[bench::nested_params(EnvelopeKind::Nested, Case::Params)]
#[bench::flat_plain(EnvelopeKind::Flat, Case::Plain)]
#[bench::flat_params(EnvelopeKind::Flat, Case::Params)]
#[bench::rich_plain(EnvelopeKind::Rich, Case::Plain)]
#[bench::rich_params(EnvelopeKind::Rich, Case::Params)]
#[bench::problem_plain(EnvelopeKind::Problem, Case::Plain)]
#[bench::problem_params(EnvelopeKind::Problem, Case::Params)]
fn parse_serde(
    (envelope, response): (EnvelopeKind, Response<Vec<u8>>),
) -> (PlainParsed, Response<Vec<u8>>) {
    let parsed = parse_plain(envelope, black_box(response.body()));
    (black_box(parsed), response)
}

#[library_benchmark(teardown = discard)]
fn respond_ours() -> axum::response::Response {
    black_box(black_box(rate_limit_error()).into_response())
}

#[library_benchmark(teardown = discard)]
fn respond_baseline() -> axum::response::Response {
    black_box(baseline_response())
}

library_benchmark_group!(
    name = render;
    compare_by_id = true;
    benchmarks = ours, serde, http_api_problem
);

library_benchmark_group!(
    name = parse;
    compare_by_id = true;
    benchmarks = parse_ours, parse_serde
);

library_benchmark_group!(
    name = respond;
    benchmarks = respond_ours, respond_baseline
);

main!(library_benchmark_groups = render, parse, respond);
