//! Helpers shared by the unit tests: a gadget on a fake clock, event-name lists, and a check
//! that every payload decodes with the protocol crate's typed events (so the simulator and the
//! client can never disagree on a field).

use crate::clock::FakeClock;
use crate::config::SimConfig;
use crate::event::Event;
use crate::gadget::{Gadget, IncomingCall};
use cil_protocol::events::EventPayload;

/// 2020-07-28T09:51:17.000Z.
pub const T0: u64 = 1_595_929_877_000;

/// A gadget with `config` on a fake clock standing at [`T0`].
pub fn gadget_with(config: SimConfig) -> (Gadget, FakeClock) {
    let clock = FakeClock::new(T0);
    (Gadget::new(config, Box::new(clock.clone())), clock)
}

/// A default gadget (NotReady on `voice_5075`, wrap-up on).
pub fn gadget() -> (Gadget, FakeClock) {
    gadget_with(SimConfig::default())
}

/// A default gadget with wrap-up off.
pub fn gadget_no_wrapup() -> (Gadget, FakeClock) {
    let mut config = SimConfig::default();
    for c in &mut config.channels {
        c.wrapup = false;
    }
    gadget_with(config)
}

/// `name` or `name:state` per event, checking each payload on the way.
pub fn names(events: &[Event]) -> Vec<String> {
    events
        .iter()
        .map(|e| {
            check(e);
            let name = e.name.name();
            match (e.field("newState"), e.field("state")) {
                (Some(s), _) => format!("{name}:{s}"),
                (_, Some(s)) => format!("{name}:{s}"),
                _ => name.to_owned(),
            }
        })
        .collect()
}

/// Asserts the payload decodes as the protocol's typed event and carries the envelope.
pub fn check(e: &Event) {
    let decoded = EventPayload::from_value(e.name, &e.data);
    assert!(
        decoded.is_ok(),
        "{} does not decode: {:?}\n{}",
        e.name.name(),
        decoded.err(),
        e.data
    );
    assert_eq!(e.data["event"], e.name.name());
    assert_eq!(e.data["version"], "2.7");
    assert!(e.data["requestId"].is_string());
}

/// An incoming call from `ani`.
pub fn call(ani: &str) -> IncomingCall {
    IncomingCall {
        ani: ani.into(),
        dnis: "8001".into(),
        ..IncomingCall::default()
    }
}

/// Ready on the default gadget.
pub fn ready(g: &mut Gadget) {
    g.set_agent_state("voice", crate::names::TargetState::Ready, None, "")
        .unwrap();
}
