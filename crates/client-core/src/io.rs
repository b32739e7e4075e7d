//! The vocabulary between the client state machine and its shell: what goes in (calls and
//! decoded messages) and what comes out (effects for the shell to perform, in order).

use alloc::string::String;

use cil_protocol::{ErrorCode, EventName, Method};

/// A request the page made, with the slot that settles it.
#[derive(Debug)]
pub struct Call<P, R> {
    /// Which request.
    pub method: Method,
    /// The `params` object, already validated and built by the shell.
    pub params: P,
    /// The caller's `requestId`, or empty; echoed in errors.
    pub request_id: String,
    /// Per-call timeout (ms) overriding the configured default.
    pub timeout_ms: Option<f64>,
    /// Handed back in [`Output::Settle`] (the Promise's resolve/reject in the shell).
    pub reply: R,
}

impl<P, R> Call<P, R> {
    /// A call with no `requestId` and the default timeout.
    pub fn new(method: Method, params: P, reply: R) -> Self {
        Call {
            method,
            params,
            request_id: String::new(),
            timeout_ms: None,
            reply,
        }
    }
}

/// A message from the gadget, decoded by the shell (which already checked `ns`, `v`, the
/// source window and the origin).
#[derive(Debug, Clone, PartialEq)]
pub enum Incoming<P> {
    /// `announce` (window): the gadget (re)started and is listening for `syn`.
    Announce {
        /// The gadget instance.
        host_id: String,
    },
    /// `ack` (window): the gadget accepted a `syn`; a `MessagePort` came with it.
    Ack {
        /// Must equal [`Client::client_id`](crate::Client::client_id).
        client_id: String,
        /// The gadget instance.
        host_id: String,
    },
    /// `bye` (port): the gadget is going away.
    Bye {
        /// The gadget instance.
        host_id: String,
    },
    /// `response` (port).
    Response {
        /// The request id it answers.
        id: u32,
        /// `result`, or the host's `error.code` and `error.message`.
        outcome: Result<P, (ErrorCode, String)>,
    },
    /// `event` (port).
    Event {
        /// The wire event name.
        name: EventName,
        /// The payload, passed through untouched.
        data: P,
    },
    /// A message carrying our `ns`/`v` that could not be decoded.
    Malformed {
        /// What was wrong with it.
        reason: String,
    },
}

/// Why something failed, in the form `CilError` and the `error` event carry.
#[derive(Debug, Clone, PartialEq)]
pub struct Failure {
    /// The stable code.
    pub code: ErrorCode,
    /// A message that says why.
    pub message: String,
    /// The caller's `requestId` (empty when none).
    pub request_id: String,
}

/// A change of the connection, for `onConnectionChange`.
#[derive(Debug, Clone, PartialEq)]
pub struct ConnectionChange {
    /// Whether the client is now connected.
    pub connected: bool,
    /// The gadget instance connected to (or just lost).
    pub host_id: String,
    /// Why the connection went away: `"bye"` or `"reload"`; `None` when connecting.
    pub reason: Option<&'static str>,
}

/// An effect for the shell to perform, in the order given.
#[derive(Debug, PartialEq)]
pub enum Output<P, R> {
    /// Post `{kind: "syn", clientId}` to the target window, to every allowed origin.
    PostSyn {
        /// The id the `ack` must echo.
        client_id: String,
    },
    /// Close every port: the connection is gone.
    DropPorts,
    /// Use the `MessagePort` of the `ack` being handled as the current port (older ports of the
    /// same gadget may still deliver responses; events come from the current one only).
    AdoptPort,
    /// Send `{kind: "request", id, method, params}` on the current port.
    Send {
        /// Correlation id.
        id: u32,
        /// The request.
        method: Method,
        /// Its `params`.
        params: P,
    },
    /// Resolve (`Ok`) or reject (`Err`, as a `CilError`) a request's Promise.
    Settle {
        /// The slot given in [`Call::reply`].
        reply: R,
        /// Result or failure.
        result: Result<P, Failure>,
    },
    /// Call the handlers of this event with `data`.
    Event {
        /// Which event.
        name: EventName,
        /// The payload, as received.
        data: P,
    },
    /// Raise a client-side `error` event (the gadget cannot know about this failure).
    ReportError(Failure),
    /// Tell `onConnectionChange` handlers; when connected, also settle `initIntegration`.
    Connection(ConnectionChange),
    /// Connecting failed: reject the `initIntegration` Promises waiting for a connection.
    ConnectFailed(Failure),
    /// Call [`Client::tick`](crate::Client::tick) no later than this time (ms); an earlier
    /// pending wake-up may stay as it is.
    WakeAt(f64),
}
