//! The live server of `cargo xtask bench`: serves `/ours` (a generated
//! `rate_limit_exceeded` through the axum integration) and `/baseline` (a
//! hand-written handler sending the same bytes and headers) on 127.0.0.1.
//!
//! Usage: `rate_limit_server [--port PORT] [--workers N]` (port 0, the
//! default, picks a free one; 1 worker thread by default). It checks that
//! both routes answer alike, then prints `listening on http://ADDR` and
//! serves until killed.

use std::process::ExitCode;

use benchmarks::server::{check_same_responses, router};

fn main() -> ExitCode {
    let mut port = 0_u16;
    let mut workers = 1_usize;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let value = args.next();
        let parsed = match arg.as_str() {
            "--port" => value.and_then(|v| v.parse().ok()).map(|v| port = v),
            "--workers" => value
                .and_then(|v| v.parse().ok())
                .filter(|&v| v > 0)
                .map(|v| workers = v),
            _ => None,
        };
        if parsed.is_none() {
            eprintln!(
                "error: unexpected argument `{arg}`: use `--port PORT` and `--workers N` (N at least 1)"
            );
            return ExitCode::FAILURE;
        }
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(workers)
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("error: cannot start the runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    runtime.block_on(async move {
        check_same_responses().await;
        let listener = match tokio::net::TcpListener::bind(("127.0.0.1", port)).await {
            Ok(listener) => listener,
            Err(error) => {
                eprintln!(
                    "error: cannot listen on 127.0.0.1:{port}: {error}: pick another `--port`"
                );
                return ExitCode::FAILURE;
            }
        };
        match listener.local_addr() {
            Ok(addr) => println!("listening on http://{addr}"),
            Err(error) => {
                eprintln!("error: no local address: {error}");
                return ExitCode::FAILURE;
            }
        }
        match axum::serve(listener, router()).await {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
                eprintln!("error: the server stopped: {error}");
                ExitCode::FAILURE
            }
        }
    })
}
