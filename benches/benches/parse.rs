//! Wall-clock time of the client parser against `serde_json::from_slice`
//! into plain structs of each envelope's shape.
//!
//! Groups `parse-<envelope>-<case>` compare `ours` (the client parser, told
//! the envelope, reading status, headers and body into a typed catalog
//! error) with `serde` (the body alone into an owned plain struct). Both
//! read the same rendered response, checked once at the start.

use std::hint::black_box;

use benchmarks::check::parses_back;
use benchmarks::fixtures::{Case, ENVELOPES, envelope_name, response};
use benchmarks::plain::parse_plain;
use criterion::{Criterion, criterion_group, criterion_main};
use errors_core::client::Parser;

fn against_serde(c: &mut Criterion) {
    for envelope in ENVELOPES {
        for case in Case::ALL {
            parses_back(envelope, case);
            let response = response(envelope, case);
            let parser = Parser::new().envelope(envelope);
            let mut group =
                c.benchmark_group(format!("parse-{}-{}", envelope_name(envelope), case.name()));
            group.bench_function("ours", |b| {
                b.iter(|| parser.parse_http(black_box(&response)));
            });
            group.bench_function("serde", |b| {
                b.iter(|| parse_plain(envelope, black_box(response.body())));
            });
            group.finish();
        }
    }
}

criterion_group!(benches, against_serde);
criterion_main!(benches);
