//! An error type written by hand, as a service without the derive writes
//! one, for the framework integrations' tests.

use std::fmt;

use crate::{ApiError, Audience};

/// `503 busy`, with the message `Busy`.
#[derive(Debug)]
pub(super) struct Busy;

impl fmt::Display for Busy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Busy")
    }
}

impl std::error::Error for Busy {}

impl ApiError for Busy {
    fn code(&self) -> &'static str {
        "busy"
    }

    fn status(&self) -> http::StatusCode {
        http::StatusCode::SERVICE_UNAVAILABLE
    }

    fn write_message(&self, _: Audience, out: &mut dyn fmt::Write) -> fmt::Result {
        out.write_str("Busy")
    }
}
