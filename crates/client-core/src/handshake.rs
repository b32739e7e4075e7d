//! The client's side of the connection with the gadget: how it finds the gadget, when it counts
//! as connected, and how it notices and survives a gadget reload.
//!
//! # Requirements
//!
//! 1. Either side may load first: the gadget may not be listening yet when the page's script
//!    runs, and the page may not exist yet when the gadget starts.
//! 2. The page makes requests at once (the reference's sample code runs at top level), so
//!    requests made before the connection exists must wait for it, in order, and then go out.
//! 3. Nothing hangs: a gadget that never answers must turn into a `CONNECT_TIMEOUT` that names
//!    the window and the origins that were tried, and every request has a deadline.
//! 4. Only the real gadget may connect: messages from another window, another origin, or for
//!    another client (or an earlier attempt of this one) are ignored.
//! 5. The gadget may reload (a new `hostId`) or leave (`bye`): requests in flight must fail at once
//!    with `CONNECTION_LOST` (their answer will never come), the page must be told (connection
//!    change to `false`, then `true`), and the client must reconnect by itself.
//! 6. Once connected, traffic must not pass through `window` (foreign messages, origin checks
//!    on every message, slower delivery): it moves to a private `MessagePort`.
//! 7. No busy polling once connected; as little as possible before.
//!
//! # Design
//!
//! 1. The client starts in [`Link::Idle`]; `start` moves it to [`Link::Connecting`] and posts
//!    `syn` (with the client id of this attempt) to the target window at each allowed origin.
//! 2. While connecting, `syn` is repeated every `syn_interval_ms` (250 ms) as a fallback (1), and
//!    at once whenever an `announce` arrives — a gadget that starts later says so, and is
//!    answered without waiting for the next retry (1, 7).
//! 3. An `ack` that echoes the current client id completes the handshake: the shell adopts the
//!    `MessagePort` that came with it ([`Output::AdoptPort`](crate::Output::AdoptPort)), the link
//!    becomes [`Link::Connected`] with the gadget's `hostId`, the page is told, and the queued
//!    requests are sent in call order (2, 6). An `ack` for another client id is ignored (4); the
//!    shell has already dropped anything from the wrong window or origin (4).
//! 4. A second `ack` for the same client and gadget (two `syn`s crossed one slow answer) adopts
//!    the newer port, so that the port the gadget uses last is the one we listen to; the shell
//!    keeps older ports of the same gadget open for the responses still due on them.
//! 5. The connect deadline is armed when connecting starts; when it passes, queued requests and
//!    `initIntegration` fail with `CONNECT_TIMEOUT` and the link becomes [`Link::GaveUp`]: no more
//!    retries (7). A later call or `announce` starts a fresh attempt — a gadget that comes up
//!    late still gets its page (3).
//! 6. While connected, `bye` from the current gadget, or an `announce`/`ack` carrying another
//!    `hostId`, means the old gadget is gone: in-flight requests fail with `CONNECTION_LOST`, the
//!    ports are dropped, the page hears `connected: false` with the reason, the attempt number
//!    goes up (so late `ack`s meant for the old attempt are ignored), and connecting starts
//!    again as in 1 — except that an `ack` from the new gadget completes it directly (5).
//! 7. An `announce` with the current `hostId` while connected is ignored: the gadget announces
//!    itself when a frame attaches, which can come after our own handshake, and reconnecting
//!    then would only lose the responses in flight.
//! 8. `destroy` ends everything: [`Link::Destroyed`] ignores every message and rejects every call.

use alloc::string::String;

/// The state of the connection with the gadget.
#[derive(Debug, Clone, PartialEq)]
pub enum Link {
    /// Created, not started.
    Idle,
    /// Looking for the gadget: `syn` posted, waiting for an `ack`.
    Connecting {
        /// When connecting gives up (ms).
        deadline: f64,
        /// When `syn` is posted again (ms).
        next_syn: f64,
    },
    /// Handshake done, talking over the port.
    Connected {
        /// The gadget instance, from its `ack`.
        host_id: String,
    },
    /// Connecting timed out; waiting for a call or an `announce` to try again.
    GaveUp,
    /// `destroy()` was called.
    Destroyed,
}

impl Link {
    /// The `hostId` of the gadget connected to, if connected.
    pub fn host_id(&self) -> Option<&str> {
        match self {
            Link::Connected { host_id } => Some(host_id),
            _ => None,
        }
    }
}
