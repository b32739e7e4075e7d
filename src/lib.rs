//! connects-cil: the b+s Connects Integration API client (`cil`) as WebAssembly.
//!
//! A CRM page talks to the contact-center gadget through `cil`: requests that return Promises,
//! and events. This crate is the thin browser shell around the pure state machine of
//! `cil-client-core`: it checks arguments (with `cil-protocol`'s rules), builds and reads the
//! wire messages as plain JS objects, owns the window listener, the `MessagePort` and the timer,
//! and calls the page's handlers. The JS facade in `js/cil/` wraps [`CilClient`] into the
//! `ConnectsIntegrationLibrary` API of the reference (`window.cil`, `onWorkitemCreate`, …).
//!
//! Size matters (every CRM page downloads it): no serde, no `format!`, no `HashMap`.
#![deny(missing_docs)]

mod args;
mod client;
mod decode;
mod errors;
mod handlers;
mod keys;
mod log;
mod options;
mod transport;

pub use client::CilClient;
pub use errors::set_error_class;

// The browser runs this wasm on one thread (no atomics/threads feature), and a small free-list
// allocator is ~4 KiB smaller than Rust's default dlmalloc — downloaded by every CRM page.
// SAFETY: wasm32-unknown-unknown without the atomics feature has exactly one thread, so the
// allocator is never used concurrently.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: lol_alloc::AssumeSingleThreaded<lol_alloc::FreeListAllocator> =
    unsafe { lol_alloc::AssumeSingleThreaded::new(lol_alloc::FreeListAllocator::new()) };
