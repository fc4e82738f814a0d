//! Derive macro placeholder.
