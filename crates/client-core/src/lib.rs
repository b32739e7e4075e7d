//! A `cil` client has to juggle a handshake, a table of requests in flight, timeouts and a gadget
//! that may reload at any moment; this crate does all of that as a pure state machine, with no
//! browser in sight, so that every rule can be tested natively with a fake clock.
//!
//! The web shell (the root crate) feeds [`Client`] with inputs — a call from the page, a decoded
//! message from the gadget, a timer that fired, `destroy()` — and performs the [`Output`]s it
//! returns: post a `syn`, send a request on the port, settle a Promise, call event handlers.
//! The client is generic over the payload type `P` (a `JsValue` in the shell, anything in tests)
//! and over the reply slot `R` (the Promise's resolve/reject pair in the shell), and never looks
//! inside either.
//!
//! The crate is `no_std` (it needs only `alloc`), so that the drop-in client's wasm can be
//! `no_std` too: its panic handler never formats, and `core::fmt` is not linked.
//!
//! ```
//! use cil_client_core::{Call, Client, Config, Incoming, Output};
//! use cil_protocol::Method;
//!
//! let mut client: Client<&str, u32> = Client::new(Config::new("c1"));
//! client.start(0.0);
//! let out = client.call(Call::new(Method::GetChannel, "params", 7), 1.0);
//! assert!(out.iter().all(|o| !matches!(o, Output::Send { .. }))); // queued until connected
//! let out = client.receive(Incoming::Ack { client_id: "c1.0".into(), host_id: "h".into() }, 2.0);
//! assert!(out.iter().any(|o| matches!(o, Output::Send { id: 1, .. })));
//! let out = client.receive(Incoming::Response { id: 1, outcome: Ok("channel") }, 3.0);
//! assert!(matches!(&out[0], Output::Settle { reply: 7, result: Ok("channel") }));
//! ```
#![cfg_attr(not(test), no_std)]
#![deny(missing_docs, missing_debug_implementations)]
#![forbid(unsafe_code)]
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

mod client;
mod config;
mod digits;
pub mod handshake;
mod io;
mod requests;

pub use client::Client;
pub use config::Config;
pub use digits::push_millis;
pub use handshake::Link;
pub use io::{Call, ConnectionChange, Failure, Incoming, Output};
