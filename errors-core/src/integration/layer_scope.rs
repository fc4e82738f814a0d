//! Whether an error layer (axum's `ErrorLayer`, actix-web's `RenderErrors`)
//! is polling the routes on this thread.
//!
//! A derived error turns into a response inside the poll of the layer that
//! wraps its route. When a layer is polling, the response is left for the
//! layer to render with its policy, so each error is rendered once, and it
//! carries the error for the layer; without a layer, the error is rendered
//! at once with the default renderer and nothing else is kept.
//!
//! An error turned into a response outside the layer's poll (in a task the
//! handler spawned, say) is rendered with the default renderer and the
//! layer leaves it as it is.

use std::cell::Cell;

thread_local! {
    /// How many layers are polling the routes on this thread.
    static POLLING_LAYERS: Cell<u32> = const { Cell::new(0) };
}

/// Whether a layer is polling the routes: it renders the error itself.
pub(crate) fn layer_renders() -> bool {
    POLLING_LAYERS.with(Cell::get) > 0
}

/// Runs `poll` (a poll of the routes' future) as a layer that renders the
/// errors it sees.
pub(crate) fn poll_as_layer<T>(poll: impl FnOnce() -> T) -> T {
    /// Leaves the scope even when `poll` panics.
    struct Leave;
    impl Drop for Leave {
        fn drop(&mut self) {
            POLLING_LAYERS.with(|layers| layers.set(layers.get().saturating_sub(1)));
        }
    }
    POLLING_LAYERS.with(|layers| layers.set(layers.get() + 1));
    let _leave = Leave;
    poll()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scope_is_left_after_the_poll() {
        assert!(!layer_renders());
        let inner = poll_as_layer(|| poll_as_layer(layer_renders));
        assert!(inner);
        assert!(poll_as_layer(layer_renders));
        assert!(!layer_renders());
    }

    #[test]
    fn a_panicking_poll_leaves_the_scope() {
        let result = std::panic::catch_unwind(|| poll_as_layer(|| panic!("the route panicked")));
        assert!(result.is_err());
        assert!(!layer_renders());
    }
}
