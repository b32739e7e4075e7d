//! The wire contract shared by the connects-cil client and the gadget simulator, so that the
//! two sides can never disagree on a name, a code, a field or a rule.
//!
//! Two layers:
//!
//! * **Always compiled** (tiny, no serde; the drop-in client uses only this): the protocol
//!   constants, [`Method`], [`EventName`], [`ErrorCode`], and argument [`validate`]ion.
//! * **Feature `serde`** (default): typed payloads of the Integration API 2.7 reference
//!   ([`types`], [`events`], [`requests`], [`responses`]) and the message [`envelope`] with a
//!   decoder that never panics. The simulator and the tests use this layer.
//!
//! The wire format itself is described in `PROTOCOL.md` at the repository root.
//!
//! Without `serde` the crate is `no_std` (it needs only `alloc`), so that the drop-in client's
//! wasm can be `no_std` too: its panic handler never formats, and `core::fmt` is not linked.
//!
//! ```
//! use cil_protocol::{validate, Method};
//! assert_eq!(Method::from_name("setAgentState"), Some(Method::SetAgentState));
//! assert!(validate::channel_id("channelId", "voice_5075").is_ok());
//! ```

#![cfg_attr(not(any(feature = "serde", test)), no_std)]
#![deny(missing_docs, missing_debug_implementations)]
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

mod argument_enums;
mod error_code;
mod event_name;
mod method;
mod string_enum;
pub mod validate;

#[cfg(feature = "serde")]
pub mod envelope;
#[cfg(feature = "serde")]
pub mod events;
#[cfg(feature = "serde")]
pub mod requests;
#[cfg(feature = "serde")]
pub mod responses;
#[cfg(feature = "serde")]
mod serde_helpers;
#[cfg(feature = "serde")]
pub mod types;
#[cfg(feature = "serde")]
pub mod updated_data;

pub use argument_enums::{ReasonType, RequestedState};
pub use error_code::ErrorCode;
pub use event_name::EventName;
pub use method::Method;

/// The namespace tag every message carries in its `ns` field; messages without it are not ours.
pub const NAMESPACE: &str = "connects-cil";

/// The envelope version every message carries in its `v` field.
pub const PROTOCOL_VERSION: u32 = 1;

/// The Integration API version implemented, sent in `ack.apiVersion` and in payload `version`s.
pub const API_VERSION: &str = "2.7";
