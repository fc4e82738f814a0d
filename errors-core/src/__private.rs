//! Used by generated code, not public API.
//!
//! Items here may change in any release; generated code and the derive name
//! them by absolute path (`::errors_core::__private::...`).

pub use crate::integration::derive_support::*;
pub use crate::message_match::MessageTemplates;
pub use crate::name_index::NameIndex;
pub use core::fmt;
pub use core::option::Option;
pub use http::StatusCode;
