//! connects-cil: the b+s Connects Integration API client (`cil`) as WebAssembly.
//!
//! A CRM page talks to the contact-center gadget through `cil`: requests that return Promises,
//! and events. The work is split where each language is strongest (and smallest):
//!
//! * **This crate (Rust, wasm)** keeps the contract and every decision: the exact checks of every
//!   request argument and option with their `CilError` messages ([`args`], [`options`], using
//!   `cil-protocol`'s rules), the method, event and error-code tables, the origin and source
//!   decisions for handshake messages, and the client state machine of `cil-client-core`
//!   (handshake, correlation, timeouts, queueing, reconnect): [`CilCore`], reached through
//!   the two functions of [`abi`].
//! * **The JS facade** (`js/cil/facade.js`) does the object and I/O work: it describes the page's
//!   values to [`CilCore`] as short strings ([`describe`]), builds the wire objects from values
//!   the core has accepted, owns the window listener, the `MessagePort`s and the timer, and
//!   passes event payloads and results to the page's handlers untouched.
//!
//! Why: JS values crossing into wasm one property at a time (`Reflect::get`/`set`, type tests)
//! cost a wasm-bindgen import each, in the wasm and again in the glue; that object walking was
//! two thirds of the drop-in download. Plain strings and numbers cross cheaply, the facade
//! already had to exist (the reference's sample code runs before any wasm can load), and event
//! payloads now reach the handlers without entering the wasm at all, which is also faster.
//!
//! Size matters (every CRM page downloads it): no serde, no `format!`, no JS object imports.
//! The wasm is `no_std` (with `alloc`): its panic handler only traps and never formats a
//! message, so `core::fmt` and number formatting are not linked at all (std's panic machinery
//! would keep them). Nothing that input can reach panics; a trap would surface in JS as a
//! `RuntimeError`. Native and test builds (feature `std`) use std as usual.
#![cfg_attr(all(target_arch = "wasm32", not(feature = "std")), no_std)]
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

extern crate alloc;

pub mod abi;
pub mod args;
pub mod describe;
pub mod machine;
pub mod options;

pub use machine::{op, CilCore};

// The browser runs this wasm on one thread (no atomics/threads feature), and a small free-list
// allocator is ~4 KiB smaller than Rust's default dlmalloc — downloaded by every CRM page.
// SAFETY: wasm32-unknown-unknown without the atomics feature has exactly one thread, so the
// allocator is never used concurrently.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: lol_alloc::AssumeSingleThreaded<lol_alloc::FreeListAllocator> =
    unsafe { lol_alloc::AssumeSingleThreaded::new(lol_alloc::FreeListAllocator::new()) };

// The wasm's panic handler: trap, without formatting anything (see the crate docs).
#[cfg(all(target_arch = "wasm32", not(feature = "std")))]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
    core::arch::wasm32::unreachable()
}
