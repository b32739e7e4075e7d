//! The shipped scenarios (`scenarios/*.json`): each one is played on a fresh host created with
//! its `options`, with one integration connected (which reconnects after a reload), and the
//! events that reach the integration must be exactly the file's `events`, which
//! `docs/simulator-api.md` must show in the same order.

use crate::clock::{Clock, FakeClock};
use crate::host::{split_options, Effect, Host, PlayEnd, PlayOptions};
use crate::script::Scenario;
use crate::testing::T0;
use serde_json::{json, Value};

const ORIGIN: &str = "http://127.0.0.1:8080";
const DOCS: &str = include_str!("../../../docs/simulator-api.md");

/// (file name, contents) of every shipped scenario.
pub const FILES: &[(&str, &str)] = &[
    (
        "incoming-with-wrapup.json",
        include_str!("../../../scenarios/incoming-with-wrapup.json"),
    ),
    (
        "incoming-without-wrapup.json",
        include_str!("../../../scenarios/incoming-without-wrapup.json"),
    ),
    (
        "outgoing.json",
        include_str!("../../../scenarios/outgoing.json"),
    ),
    (
        "consult-and-transfer.json",
        include_str!("../../../scenarios/consult-and-transfer.json"),
    ),
    (
        "conference.json",
        include_str!("../../../scenarios/conference.json"),
    ),
    ("rona.json", include_str!("../../../scenarios/rona.json")),
    (
        "call-recovery-at-login.json",
        include_str!("../../../scenarios/call-recovery-at-login.json"),
    ),
    (
        "gadget-reload.json",
        include_str!("../../../scenarios/gadget-reload.json"),
    ),
    (
        "queue-statistics.json",
        include_str!("../../../scenarios/queue-statistics.json"),
    ),
];

fn syn(client: &str) -> Value {
    json!({"ns": "connects-cil", "v": 1, "kind": "syn", "clientId": client})
}

/// `name:state` of the events in `effects`, and whether a connection was closed.
fn events(effects: &[Effect]) -> (Vec<String>, bool) {
    let mut out = Vec::new();
    let mut closed = false;
    for e in effects {
        match e {
            Effect::Post { message, .. } if message["kind"] == "event" => {
                let d = &message["data"];
                let state = ["newState", "state", "dataState", "teamDataState"]
                    .iter()
                    .find_map(|k| d.get(*k).and_then(Value::as_str))
                    .unwrap_or("");
                out.push(format!(
                    "{}:{state}",
                    message["name"].as_str().unwrap_or("?")
                ));
            }
            Effect::Close { .. } => closed = true,
            _ => {}
        }
    }
    (out, closed)
}

/// Plays `scenario` with one integration connected: the events it received, in order.
pub fn play(scenario: &Scenario) -> Vec<String> {
    let (host_options, config) = split_options(&scenario.options).unwrap();
    let clock = FakeClock::new(T0);
    let mut h = Host::new(host_options, config, Box::new(clock.clone()), "h");
    h.allow_origin(ORIGIN);
    let (frame, _) = h.attach_frame(ORIGIN);
    let mut attempt = 0;
    let (mut seen, _) = events(&h.on_window_message(Some(frame), ORIGIN, &syn("c.0")));
    h.play(scenario, PlayOptions::default()).unwrap();
    let mut ended = None;
    for _ in 0..10_000 {
        let Some(at) = h.next_timer() else { break };
        clock.set(at.max(clock.now_ms()));
        let (effects, end) = h.run_timers();
        let (got, closed) = events(&effects);
        seen.extend(got);
        if closed {
            // The integration reconnects (as cil does after a bye).
            attempt += 1;
            let (got, _) =
                events(&h.on_window_message(Some(frame), ORIGIN, &syn(&format!("c.{attempt}"))));
            seen.extend(got);
        }
        if end.is_some() {
            ended = end;
        }
    }
    assert_eq!(
        ended,
        Some(PlayEnd::Finished {
            played: scenario.steps.len()
        }),
        "{}",
        scenario.name
    );
    seen
}

/// `agentStateChange(Active) → workitemCreate(Offered) → …`, as the docs write an order.
pub fn rendered(events: &[String]) -> String {
    events
        .iter()
        .map(|e| match e.split_once(':') {
            Some((name, state)) if !state.is_empty() => format!("{name}({state})"),
            _ => e.clone(),
        })
        .collect::<Vec<_>>()
        .join(" → ")
}

#[test]
fn every_shipped_scenario_sends_the_events_it_lists_and_the_docs_show() {
    let docs: String = DOCS.split_whitespace().collect::<Vec<_>>().join(" ");
    for (file, text) in FILES {
        let value: Value = serde_json::from_str(text).unwrap_or_else(|e| panic!("{file}: {e}"));
        let scenario = Scenario::from_value(&value).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert!(!scenario.events.is_empty(), "{file} lists its events");
        assert!(
            scenario.steps.iter().all(|s| s.note.is_some()),
            "{file}: every step has a note for the demo"
        );
        let seen = play(&scenario);
        assert_eq!(seen, scenario.events, "{file}");
        let order = rendered(&scenario.events);
        assert!(
            docs.contains(&format!("`{file}`")) && docs.contains(&order),
            "docs/simulator-api.md must show {file} as: {order}"
        );
    }
}

#[test]
fn the_scenario_directory_holds_exactly_these_files() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../scenarios");
    let mut on_disk: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json"))
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = FILES.iter().map(|(n, _)| (*n).to_owned()).collect();
    listed.sort();
    assert_eq!(on_disk, listed);
}
