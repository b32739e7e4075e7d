//! A model of the b+s Connects gadget, so that an integration can be developed, demonstrated and
//! tested with no contact center at hand.
//!
//! Pure Rust, no browser: the web shell (`cil-simulator-web`) only moves messages between
//! this model and the page. Layers, bottom up:
//!
//! * [`names`], [`config`], [`channel`], [`workitem`], [`transitions`]: the domain — agent
//!   states per channel, work items and their life cycle, reason codes, the legal moves.
//! * [`gadget`]: the state machine; commands in, [`event::Event`]s out, in the documented order.
//! * [`payload`]: the 2.7 reference's JSON shapes.
//! * [`dispatch`]: an Integration API request (method + params) → response + events.
//! * [`script`]: script actions and scenario scripts, one data type for the JS methods,
//!   `play` and `record`.
//! * [`host`]: the wire protocol of the team contract — handshake, connections, reload and
//!   replay, injected faults, and the log of every message in and out.
//!
//! ```
//! use cil_simulator::{clock::FakeClock, config::SimConfig, gadget::Gadget, names::TargetState};
//! let mut g = Gadget::new(SimConfig::default(), Box::new(FakeClock::new(0)));
//! let events = g.set_agent_state("voice", TargetState::Ready, None, "r1").unwrap();
//! assert_eq!(events[0].data["newState"], "Ready");
//! assert_eq!(events[0].data["requestId"], "r1");
//! ```

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

pub mod channel;
pub mod clock;
pub mod config;
pub mod dispatch;
pub mod error;
pub mod event;
pub mod gadget;
pub mod host;
pub mod names;
pub mod payload;
pub mod script;
pub mod stats;
pub mod transitions;
pub mod wire;
pub mod workitem;

#[cfg(test)]
mod scenario_files;
#[cfg(test)]
mod scenario_tests;
#[cfg(test)]
mod testing;
