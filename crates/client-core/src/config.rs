//! The knobs of a client (timeouts, retry cadence) and the labels its error messages use, with
//! their defaults written down as values.

use alloc::string::String;

/// Default connect timeout: 10 s, within the 5–30 s band peers use; a gadget that answers at
/// all answers in milliseconds.
pub const DEFAULT_CONNECT_TIMEOUT_MS: f64 = 10_000.0;
/// Default request timeout: 30 s, long enough for a gadget to set up a dial.
pub const DEFAULT_REQUEST_TIMEOUT_MS: f64 = 30_000.0;
/// How often `syn` is repeated while not connected (the contract's fallback cadence).
pub const SYN_INTERVAL_MS: f64 = 250.0;

/// Settings of one [`Client`](crate::Client).
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// Identifies this client instance in `syn`; each connection attempt appends `.N`.
    pub client_id: String,
    /// Give up connecting after this long (ms); queued requests then fail with `CONNECT_TIMEOUT`.
    pub connect_timeout_ms: f64,
    /// Default time (ms) a request may wait for its response; `INFINITY` waits forever.
    pub request_timeout_ms: f64,
    /// Cadence (ms) of repeated `syn` while not connected.
    pub syn_interval_ms: f64,
    /// How the target window is named in messages, e.g. `window.parent`.
    pub target_label: String,
    /// The origins `syn` is posted to, as shown in messages, e.g. `https://a.example`.
    pub origins_label: String,
    /// What to check when connecting times out (the likely fix), appended to the
    /// `CONNECT_TIMEOUT` message; empty for none.
    pub connect_hint: String,
}

impl Config {
    /// A config with the default timeouts and the given client id.
    pub fn new(client_id: &str) -> Self {
        Config {
            client_id: client_id.into(),
            connect_timeout_ms: DEFAULT_CONNECT_TIMEOUT_MS,
            request_timeout_ms: DEFAULT_REQUEST_TIMEOUT_MS,
            syn_interval_ms: SYN_INTERVAL_MS,
            target_label: "the target window".into(),
            origins_label: String::new(),
            connect_hint: String::new(),
        }
    }
}
