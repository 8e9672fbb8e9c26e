//! Type erasure of a view only where it is free.
//!
//! `.into_any()` keeps the types of big views (a whole form) out of the pages
//! that hold them: without it the server build overflows the compiler's
//! query depth on the case-study page. In the browser build it is not free:
//! `AnyView` keeps a pointer to every way of rendering its view, asynchronous
//! hydration included, which islands never use, so none of that code could
//! be dropped; in the lead-form bundle it was 67 KB of 583 KB of code
//! (docs/performance.md). Islands therefore erase their view on the server
//! only, and use `Either` for their branches.

use leptos::prelude::*;

/// `view.into_any()` in the server build, `view` itself in the browser build.
#[cfg(feature = "ssr")]
pub fn erased_on_server(view: impl IntoView + 'static) -> AnyView {
    view.into_any()
}

/// `view.into_any()` in the server build, `view` itself in the browser build.
#[cfg(not(feature = "ssr"))]
pub fn erased_on_server<V: IntoView>(view: V) -> V {
    view
}
