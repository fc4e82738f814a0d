//! Wall-clock time of rendering, against the practical limit and a peer.
//!
//! Groups `render-<envelope>-<case>` compare this workspace's renderer
//! (`ours`) with a hand-written serde struct writing the same bytes
//! (`serde`); groups `problem-peer-<case>` compare the problem envelope with
//! the `http-api-problem` crate (`http-api-problem`). Both sides of a group
//! run in the same process, one after the other: `cargo xtask bench` reads
//! their estimates and reports the ratio.

use std::hint::black_box;

use benchmarks::baseline::serde_body;
use benchmarks::check::{same_bytes_as_serde, same_problem_as_peer};
use benchmarks::fixtures::{
    Case, ENVELOPES, INSTANCE, NOW, REQUEST_ID, envelope_name, render, renderer,
};
use benchmarks::peer::problem_body;
use criterion::{Criterion, criterion_group, criterion_main};
use errors_core::EnvelopeKind;

fn against_serde(c: &mut Criterion) {
    for envelope in ENVELOPES {
        for case in Case::ALL {
            same_bytes_as_serde(envelope, case);
            let renderer = renderer(envelope);
            let error = case.error();
            let mut group = c.benchmark_group(format!(
                "render-{}-{}",
                envelope_name(envelope),
                case.name()
            ));
            group.bench_function("ours", |b| {
                b.iter(|| render(black_box(&renderer), black_box(&error)));
            });
            group.bench_function("serde", |b| {
                b.iter(|| {
                    serde_body(
                        black_box(envelope),
                        black_box(&error),
                        NOW,
                        INSTANCE,
                        REQUEST_ID,
                    )
                });
            });
            group.finish();
        }
    }
}

fn against_http_api_problem(c: &mut Criterion) {
    let renderer = renderer(EnvelopeKind::Problem);
    for case in Case::ALL {
        same_problem_as_peer(case);
        let error = case.error();
        let mut group = c.benchmark_group(format!("problem-peer-{}", case.name()));
        group.bench_function("ours", |b| {
            b.iter(|| render(black_box(&renderer), black_box(&error)));
        });
        group.bench_function("http-api-problem", |b| {
            b.iter(|| problem_body(black_box(&error), INSTANCE, REQUEST_ID));
        });
        group.finish();
    }
}

criterion_group!(benches, against_serde, against_http_api_problem);
criterion_main!(benches);
