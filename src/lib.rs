//! connects-cil: the b+s Connects Integration API client (`cil`) as WebAssembly.
//!
//! A CRM page talks to the contact-center gadget through `cil`: requests that return Promises,
//! and `onX` registrations that receive events. This crate *is* that object: the
//! [`ConnectsIntegrationLibrary`] class is exported by wasm-bindgen, and the JS that ships with
//! it (wasm-bindgen's glue and a loader) makes no checks and no decisions.
//!
//! Where each crate of the stack works:
//!
//! | crate | used for |
//! |---|---|
//! | `wasm-bindgen` | the exported class, its methods and getters, the `CilError` class import |
//! | `js-sys` | `Promise` (each request's), `Function` (handlers), `Reflect` (reading untrusted values) |
//! | `web-sys` | `Window`, `MessageEvent`, `MessagePort`, `Performance` (the monotonic clock), the console |
//! | `gloo-events` | the window's and every port's `message` listener: dropping one unregisters it |
//! | `gloo-timers` | the one timer of an instance (retries, deadlines): dropping it clears it |
//! | `serde` + `serde-wasm-bindgen` | the objects the client creates (`syn`, error events, connection changes, result envelopes), through one `Serialize` impl ([`wire::Object`]); the request, made on every call, is set field by field with interned keys instead (see [`wire`]) |
//! | `wasm-bindgen-futures` | `initIntegration`, which awaits the connection and then calls back |
//! | `console_error_panic_hook` | installed at start, so a bug would say where it is |
//! | `cil-client-core` | the state machine: handshake, correlation, timeouts, queueing, reconnect |
//! | `cil-protocol` | names, codes and the argument rules shared with the gadget simulator |
//!
//! Untrusted input (the page's arguments, the gadget's messages) is read with `Reflect` and
//! `typeof`-style tests that cannot throw into the page ([`js`]), never with
//! `serde_wasm_bindgen::from_value`: its error path formats (`core::fmt` with float printing and
//! `Debug` escaping, about 20 KB gzip of wasm), and it could not say *which* argument was wrong
//! in the reference's words anyway. Event payloads and results are passed to the page as they
//! arrived (structured clones made by the browser): they are never copied through Rust.
//!
//! Re-entrancy: the page's handlers may call back into `cil` (a `workitemCreate` handler that
//! calls `getChannel` is the normal case), so no `RefCell` borrow is ever held while page code
//! runs: see [`instance`].
#![deny(missing_docs)]
// Input reaches every path here: no unwrap, expect, panic or unchecked index outside tests
// (a panic would kill the wasm instance for every later call).
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )
)]

pub mod args;
pub mod class;
pub mod clock;
pub mod describe;
pub mod error;
pub mod handlers;
pub mod instance;
pub mod js;
pub mod log;
pub mod options;
pub mod page;
pub mod support;
pub mod transport;
pub mod wire;

pub use class::ConnectsIntegrationLibrary;
pub use error::CilError;

// The browser runs this wasm on one thread (no atomics/threads feature), and a small free-list
// allocator is ~3 KiB smaller than Rust's default dlmalloc — downloaded by every CRM page.
// SAFETY: wasm32-unknown-unknown without the atomics feature has exactly one thread, so the
// allocator is never used concurrently.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: lol_alloc::AssumeSingleThreaded<lol_alloc::FreeListAllocator> =
    unsafe { lol_alloc::AssumeSingleThreaded::new(lol_alloc::FreeListAllocator::new()) };

/// Runs when the wasm is instantiated (wasm-bindgen's `start`): installs the panic hook and
/// takes the page configuration of the drop-in script's tag while `document.currentScript`
/// still names it.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen(start, private)]
pub fn start() {
    console_error_panic_hook::set_once();
    page::capture_script_tag();
    class::install_statics();
}
