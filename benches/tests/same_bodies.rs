//! Both sides of every comparison produce the same body: the ratios compare
//! equal work.

use benchmarks::check::{same_bytes_as_serde, same_problem_as_peer};
use benchmarks::fixtures::{Case, ENVELOPES};

#[test]
fn every_envelope_renders_the_serde_baselines_bytes() {
    for envelope in ENVELOPES {
        for case in Case::ALL {
            same_bytes_as_serde(envelope, case);
        }
    }
}

#[test]
fn the_problem_envelope_renders_http_api_problems_body() {
    for case in Case::ALL {
        same_problem_as_peer(case);
    }
}

#[tokio::test]
async fn both_server_routes_send_the_same_response() {
    benchmarks::server::check_same_responses().await;
}

#[test]
fn both_parsers_read_every_rendered_body() {
    for envelope in ENVELOPES {
        for case in Case::ALL {
            benchmarks::check::parses_back(envelope, case);
        }
    }
}
