//! Codegen placeholder.
