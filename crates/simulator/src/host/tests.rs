//! The wire side: handshake acceptance, request/response/event flow, failures with error events,
//! response faults, reload with a one-time replay — and every outgoing message decodes with
//! the protocol crate.

use super::*;
use crate::clock::FakeClock;
use crate::testing::{call, T0};
use cil_protocol::envelope::{decode, Decoded};
use serde_json::json;

const ORIGIN: &str = "http://127.0.0.1:8080";

fn host() -> Host {
    let options = HostOptions {
        allowed_origins: vec![ORIGIN.into()],
        log_limit: 100,
    };
    Host::new(
        options,
        SimConfig::default(),
        Box::new(FakeClock::new(T0)),
        "h",
    )
}

fn syn(client: &str) -> Value {
    json!({"ns": "connects-cil", "v": 1, "kind": "syn", "clientId": client})
}

fn request(id: u32, method: &str, params: Value) -> Value {
    json!({"ns": "connects-cil", "v": 1, "kind": "request", "id": id, "method": method, "params": params})
}

/// Every message in the effects decodes as a protocol message.
fn messages(effects: &[Effect]) -> Vec<Value> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::PostWindow { message, .. }
            | Effect::Connect { message, .. }
            | Effect::Post { message, .. } => Some(message.clone()),
            Effect::Close { .. } => None,
        })
        .inspect(|m| {
            assert!(
                matches!(decode(m), Decoded::Message(_)),
                "does not decode: {m}"
            )
        })
        .collect()
}

fn kinds(effects: &[Effect]) -> Vec<String> {
    messages(effects)
        .iter()
        .map(|m| {
            let kind = m["kind"].as_str().unwrap_or("?");
            match m.get("name").and_then(Value::as_str) {
                Some(name) => format!("{kind}:{name}"),
                None => kind.to_owned(),
            }
        })
        .collect()
}

/// Attached and connected: (host, frame, conn).
fn connected() -> (Host, u32, u32) {
    let mut h = host();
    let (frame, _) = h.attach_frame(ORIGIN);
    let effects = h.on_window_message(Some(frame), ORIGIN, &syn("c1"));
    let Some(Effect::Connect { conn, .. }) = effects.first() else {
        panic!("no connect: {effects:?}")
    };
    (h, frame, *conn)
}

#[test]
fn attach_announces_and_syn_is_acked_with_a_connection() {
    let mut h = host();
    let (frame, effects) = h.attach_frame(ORIGIN);
    assert_eq!(kinds(&effects), vec!["announce"]);
    let effects = h.on_window_message(Some(frame), ORIGIN, &syn("c1"));
    let [Effect::Connect {
        frame: f,
        origin,
        message,
        ..
    }] = effects.as_slice()
    else {
        panic!("{effects:?}")
    };
    assert_eq!((*f, origin.as_str()), (frame, ORIGIN));
    assert_eq!(message["clientId"], "c1");
    assert_eq!(message["hostId"], "h-1");
    assert_eq!(message["apiVersion"], "2.7");
    assert_eq!(h.connections().len(), 1);
}

#[test]
fn syn_is_refused_from_strangers_and_bad_origins() {
    let mut h = host();
    let (frame, _) = h.attach_frame(ORIGIN);
    assert!(h.on_window_message(None, ORIGIN, &syn("c1")).is_empty());
    assert!(h.on_window_message(Some(99), ORIGIN, &syn("c1")).is_empty());
    assert!(h
        .on_window_message(Some(frame), "http://evil.example", &syn("c1"))
        .is_empty());
    assert!(h
        .on_window_message(Some(frame), ORIGIN, &json!({"kind": "syn"}))
        .is_empty());
    assert!(h
        .on_window_message(
            Some(frame),
            ORIGIN,
            &json!({"ns": "connects-cil", "v": 1, "kind": "syn"})
        )
        .is_empty());
    let notes: Vec<String> = h.log.entries().map(|e| e.note.clone()).collect();
    assert!(notes
        .iter()
        .any(|n| n.contains("not from an attached frame")));
    assert!(notes.iter().any(|n| n.contains("not allowed")));
    assert!(h.connections().is_empty());
    h.allow_origin("http://evil.example");
    assert_eq!(
        h.on_window_message(Some(frame), "http://evil.example", &syn("c1"))
            .len(),
        1
    );
}

/// The connection of `effects`' `Connect`.
fn conn_of(effects: &[Effect]) -> u32 {
    effects
        .iter()
        .find_map(|e| match e {
            Effect::Connect { conn, .. } => Some(*conn),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no connect: {effects:?}"))
}

/// The connections each `Post` of `effects` goes to, with the message kind (and event name).
fn routes(effects: &[Effect]) -> Vec<(u32, String)> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Post { conn, message, .. } => {
                let kind = message["kind"].as_str().unwrap_or("?");
                let what = match message.get("name").and_then(Value::as_str) {
                    Some(name) => format!("{kind}:{name}"),
                    None => kind.to_owned(),
                };
                Some((*conn, what))
            }
            _ => None,
        })
        .collect()
}

#[test]
fn one_connection_per_client_a_reconnect_replaces_its_own_and_a_full_window_evicts_the_idlest() {
    let mut h = host();
    let (frame, _) = h.attach_frame(ORIGIN);
    let a0 = conn_of(&h.on_window_message(Some(frame), ORIGIN, &syn("a.0")));
    // A retry of the same attempt is ignored.
    assert!(h
        .on_window_message(Some(frame), ORIGIN, &syn("a.0"))
        .is_empty());
    // A second client in the same window gets its own connection; the first keeps its own.
    let b0 = conn_of(&h.on_window_message(Some(frame), ORIGIN, &syn("b.0")));
    assert_eq!(h.connections().len(), 2);
    // Client a reconnects (attempt 1): its old connection is closed, b's is untouched.
    let effects = h.on_window_message(Some(frame), ORIGIN, &syn("a.1"));
    assert_eq!(effects.first(), Some(&Effect::Close { conn: a0 }));
    let a1 = conn_of(&effects);
    let ids: Vec<String> = h.connections().into_iter().map(|c| c.2).collect();
    assert_eq!(ids, vec!["b.0", "a.1"]);
    // Fill the window, then let b be active: a new client evicts the idlest (a.1), with bye.
    for n in 3..=MAX_CLIENTS_PER_WINDOW {
        let effects = h.on_window_message(Some(frame), ORIGIN, &syn(&format!("c{n}.0")));
        assert_eq!(kinds(&effects), vec!["ack"]);
    }
    assert_eq!(h.connections().len(), MAX_CLIENTS_PER_WINDOW);
    h.on_port_message(b0, &request(1, "getChannel", json!({"channelId": "voice"})));
    let effects = h.on_window_message(Some(frame), ORIGIN, &syn("z.0"));
    assert_eq!(kinds(&effects), vec!["bye", "ack"]);
    assert_eq!(routes(&effects), vec![(a1, "bye".to_owned())]);
    assert!(effects.contains(&Effect::Close { conn: a1 }));
    assert_eq!(h.connections().len(), MAX_CLIENTS_PER_WINDOW);
    assert!(h.connections().iter().any(|c| c.0 == b0));
    assert!(h.log.entries().any(|e| e
        .note
        .starts_with("least recently active connection closed")));
    // Another frame is another window: it has room of its own.
    let (frame2, _) = h.attach_frame(ORIGIN);
    let effects = h.on_window_message(Some(frame2), ORIGIN, &syn("a.1"));
    assert_eq!(kinds(&effects), vec!["ack"]);
}

#[test]
fn request_events_go_to_the_requester_and_gadget_events_to_everyone() {
    let mut h = host();
    let (frame1, _) = h.attach_frame(ORIGIN);
    let (frame2, _) = h.attach_frame(ORIGIN);
    let one = conn_of(&h.on_window_message(Some(frame1), ORIGIN, &syn("one.0")));
    let two = conn_of(&h.on_window_message(Some(frame2), ORIGIN, &syn("two.0")));
    // Two clients in frame 2's window.
    let three = conn_of(&h.on_window_message(Some(frame2), ORIGIN, &syn("three.0")));
    let effects = h.on_port_message(
        one,
        &request(
            1,
            "setAgentState",
            json!({"channelId": "voice", "state": "Ready", "requestId": "r1"}),
        ),
    );
    assert_eq!(
        routes(&effects),
        vec![
            (one, "response".to_owned()),
            (one, "event:agentStateChange".to_owned())
        ]
    );
    // A failure (injected, as in the report that led to this rule) and its error event go to
    // the client that asked, not to the other client of the same window.
    h.fail_next(Some(Method::GetChannel), None, Some("CTI down"));
    let effects = h.on_port_message(
        three,
        &request(
            2,
            "getChannel",
            json!({"channelId": "voice", "requestId": "g3"}),
        ),
    );
    assert_eq!(
        routes(&effects),
        vec![
            (three, "response".to_owned()),
            (three, "event:error".to_owned())
        ]
    );
    assert_eq!(messages(&effects)[1]["data"]["requestId"], "g3");
    // A validation failure too.
    let effects = h.on_port_message(two, &request(3, "getChannel", json!({"channelId": "x"})));
    assert_eq!(
        routes(&effects),
        vec![
            (two, "response".to_owned()),
            (two, "event:error".to_owned())
        ]
    );
    // The gadget's own events reach every connection.
    let (_, effects) = h.act(|g| g.incoming_call(call("1"))).unwrap();
    let mut reached: Vec<u32> = routes(&effects).into_iter().map(|r| r.0).collect();
    reached.sort_unstable();
    reached.dedup();
    assert_eq!(reached, vec![one, two, three]);
    assert_eq!(
        routes(&effects)
            .into_iter()
            .filter(|r| r.0 == two)
            .map(|r| r.1)
            .collect::<Vec<_>>(),
        vec!["event:agentStateChange", "event:workitemCreate"]
    );
}

#[test]
fn every_client_connected_at_a_reload_gets_the_replay_once() {
    let mut h = host();
    let (frame, _) = h.attach_frame(ORIGIN);
    h.on_window_message(Some(frame), ORIGIN, &syn("a.0"));
    h.on_window_message(Some(frame), ORIGIN, &syn("b.0"));
    h.reload();
    let replayed = |effects: &[Effect]| {
        kinds(effects)
            .iter()
            .filter(|k| k.starts_with("event:"))
            .count()
    };
    assert_eq!(
        replayed(&h.on_window_message(Some(frame), ORIGIN, &syn("b.1"))),
        1
    );
    assert_eq!(
        replayed(&h.on_window_message(Some(frame), ORIGIN, &syn("new.0"))),
        0
    );
    assert_eq!(
        replayed(&h.on_window_message(Some(frame), ORIGIN, &syn("a.1"))),
        1
    );
    // b's next reconnect is an ordinary one.
    assert_eq!(
        replayed(&h.on_window_message(Some(frame), ORIGIN, &syn("b.2"))),
        0
    );
}

#[test]
fn request_gets_a_response_then_events() {
    let (mut h, _, conn) = connected();
    let effects = h.on_port_message(
        conn,
        &request(
            1,
            "setAgentState",
            json!({"channelId": "voice", "state": "Ready", "requestId": "r1"}),
        ),
    );
    assert_eq!(kinds(&effects), vec!["response", "event:agentStateChange"]);
    let msgs = messages(&effects);
    assert_eq!(msgs[0]["id"], 1);
    assert_eq!(msgs[0]["ok"], true);
    assert_eq!(msgs[0]["result"], Value::Null);
    assert_eq!(msgs[1]["data"]["requestId"], "r1");
    let effects = h.on_port_message(
        conn,
        &request(2, "getChannel", json!({"channelId": "voice"})),
    );
    assert_eq!(messages(&effects)[0]["result"]["channel"]["state"], "Ready");
}

#[test]
fn failed_request_sends_error_response_and_error_event() {
    let (mut h, _, conn) = connected();
    let effects = h.on_port_message(
        conn,
        &request(
            3,
            "getChannel",
            json!({"channelId": "nope", "requestId": "g1"}),
        ),
    );
    assert_eq!(kinds(&effects), vec!["response", "event:error"]);
    let msgs = messages(&effects);
    assert_eq!(msgs[0]["ok"], false);
    assert_eq!(msgs[0]["error"]["code"], "UNKNOWN_CHANNEL");
    assert_eq!(msgs[1]["data"]["requestId"], "g1");
    assert_eq!(msgs[1]["data"]["message"], msgs[0]["error"]["message"]);
    let effects = h.on_port_message(conn, &request(4, "frobnicate", json!({})));
    assert_eq!(messages(&effects)[0]["error"]["code"], "UNKNOWN_METHOD");
}

#[test]
fn fail_next_fails_exactly_one_request_of_that_method() {
    let (mut h, _, conn) = connected();
    h.fail_next(
        Some(Method::GetChannel),
        Some("REQUEST_FAILED"),
        Some("CTI down"),
    );
    let effects = h.on_port_message(
        conn,
        &request(
            1,
            "getReasonCodeList",
            json!({"channelId": "voice", "reasonType": "NotReady"}),
        ),
    );
    assert_eq!(messages(&effects)[0]["ok"], true);
    let effects = h.on_port_message(
        conn,
        &request(
            2,
            "getChannel",
            json!({"channelId": "voice", "requestId": "x"}),
        ),
    );
    let msgs = messages(&effects);
    assert_eq!(
        msgs[0]["error"],
        json!({"code": "REQUEST_FAILED", "message": "CTI down"})
    );
    assert_eq!(msgs[1]["data"]["requestId"], "x");
    let effects = h.on_port_message(
        conn,
        &request(3, "getChannel", json!({"channelId": "voice"})),
    );
    assert_eq!(messages(&effects)[0]["ok"], true);
}

#[test]
fn response_faults_drop_duplicate_delay() {
    let (mut h, _, conn) = connected();
    let get = |id| request(id, "getChannel", json!({"channelId": "voice"}));
    h.faults().response_fault(None, ResponseFault::Drop);
    assert!(h.on_port_message(conn, &get(1)).is_empty());
    assert!(h.log.entries().any(|e| e.note.contains("dropped")));
    h.faults()
        .response_fault(Some(Method::GetChannel), ResponseFault::Duplicate);
    assert_eq!(
        kinds(&h.on_port_message(conn, &get(2))),
        vec!["response", "response"]
    );
    h.faults().response_fault(None, ResponseFault::Delay(250));
    let effects = h.on_port_message(conn, &get(3));
    assert!(matches!(
        effects.as_slice(),
        [Effect::Post { delay_ms: 250, .. }]
    ));
    assert_eq!(h.on_port_message(conn, &get(4)).len(), 1);
}

#[test]
fn non_requests_and_malformed_requests_are_logged_not_answered() {
    let (mut h, _, conn) = connected();
    assert!(h.on_port_message(conn, &json!({"hello": 1})).is_empty());
    assert!(h
        .on_port_message(
            conn,
            &json!({"ns": "connects-cil", "v": 1, "kind": "event"})
        )
        .is_empty());
    assert!(h
        .on_port_message(
            conn,
            &json!({"ns": "connects-cil", "v": 1, "kind": "request", "id": -1})
        )
        .is_empty());
    assert!(h
        .on_port_message(99, &request(1, "getChannel", json!({})))
        .is_empty());
    // a request without params still gets an answer
    let effects = h.on_port_message(
        conn,
        &json!({"ns": "connects-cil", "v": 1, "kind": "request", "id": 5, "method": "getChannel"}),
    );
    assert_eq!(messages(&effects)[0]["error"]["code"], "INVALID_ARGUMENT");
}

#[test]
fn script_events_are_broadcast_to_every_connection() {
    let (mut h, _, _) = connected();
    let (frame2, _) = h.attach_frame(ORIGIN);
    h.on_window_message(Some(frame2), ORIGIN, &syn("c2"));
    let (_, effects) = h.act(|g| g.incoming_call(call("1"))).unwrap();
    assert_eq!(
        kinds(&effects),
        vec!["event:workitemCreate", "event:workitemCreate"]
    );
}

#[test]
fn reload_says_bye_announces_a_new_host_and_replays_once() {
    let (mut h, frame, conn) = connected();
    h.on_port_message(
        conn,
        &request(
            1,
            "setAgentState",
            json!({"channelId": "voice", "state": "Ready"}),
        ),
    );
    let (id, _) = h.act(|g| g.incoming_call(call("1"))).unwrap();
    h.act(|g| g.answer(&id).map(|e| ((), e))).unwrap();
    let effects = h.reload();
    assert_eq!(kinds(&effects), vec!["bye", "announce"]);
    assert_eq!(effects.get(1), Some(&Effect::Close { conn }));
    assert_eq!(messages(&effects)[0]["hostId"], "h-1");
    assert_eq!(messages(&effects)[1]["hostId"], "h-2");
    assert!(h.connections().is_empty());
    // the same client id again is a new connection after a reload
    let effects = h.on_window_message(Some(frame), ORIGIN, &syn("c1"));
    assert_eq!(
        kinds(&effects),
        vec!["ack", "event:agentStateChange", "event:workitemCreate"]
    );
    assert_eq!(messages(&effects)[0]["hostId"], "h-2");
    assert_eq!(messages(&effects)[2]["data"]["state"], "Active");
    // exactly once: a later reconnection gets no replay
    let effects = h.on_window_message(Some(frame), ORIGIN, &syn("c3"));
    assert_eq!(kinds(&effects), vec!["ack"]);
    assert_eq!(h.connections().len(), 2);
}

#[test]
fn detach_and_go_away_say_bye() {
    let (mut h, frame, conn) = connected();
    let effects = h.detach_frame(frame);
    assert_eq!(kinds(&effects), vec!["bye"]);
    assert_eq!(effects.last(), Some(&Effect::Close { conn }));
    assert!(h
        .on_window_message(Some(frame), ORIGIN, &syn("c9"))
        .is_empty());
    let (mut h, _, _) = connected();
    assert_eq!(kinds(&h.go_away()), vec!["bye"]);
    assert_eq!(kinds(&h.announce_all()), vec!["announce"]);
}

#[test]
fn options_split_between_host_and_gadget() {
    let (host, sim) =
        split_options(&json!({"allowedOrigins": ["*"], "logLimit": 5, "initialState": "Ready"}))
            .unwrap();
    assert_eq!(host.allowed_origins, vec!["*"]);
    assert_eq!(host.log_limit, 5);
    assert_eq!(sim.initial_state, crate::names::AgentState::Ready);
    assert!(split_options(&json!({"allowedOrigins": "x"})).is_err());
    assert!(split_options(&json!(3)).is_err());
    assert!(split_options(&Value::Null).is_ok());
}

#[test]
fn log_records_in_and_out_with_summaries() {
    let (mut h, _, conn) = connected();
    h.log.notify = true;
    h.on_port_message(
        conn,
        &request(7, "getChannel", json!({"channelId": "voice"})),
    );
    let fresh = h.log.take_fresh();
    let summaries: Vec<&str> = fresh.iter().map(|e| e.summary.as_str()).collect();
    assert_eq!(summaries, vec!["request #7 getChannel", "response #7 ok"]);
    assert_eq!(fresh[0].direction, log::Direction::In);
    assert_eq!(fresh[0].time, "2020-07-28T09:51:17.000Z");
}

#[test]
fn snapshot_shows_state_items_and_connections() {
    let (mut h, _, _) = connected();
    let (id, _) = h.act(|g| g.incoming_call(call("1"))).unwrap();
    let snap = h.snapshot();
    assert_eq!(snap["hostId"], "h-1");
    assert_eq!(snap["channels"][0]["state"], "NotReady");
    assert_eq!(snap["workitems"][0]["id"], id.as_str());
    assert_eq!(snap["connections"][0]["clientId"], "c1");
    assert_eq!(snap["reasonCodes"]["NotReady"][0]["label"], "Break");
    assert_eq!(
        h.gadget()
            .newest_item(&[crate::names::WorkitemState::Offered])
            .map(|w| w.id.clone()),
        Some(id)
    );
}

#[test]
fn no_log_entries_built_when_nothing_keeps_them() {
    let mut h = Host::new(
        HostOptions {
            allowed_origins: vec![ORIGIN.into()],
            log_limit: 0,
        },
        SimConfig::default(),
        Box::new(FakeClock::new(T0)),
        "h",
    );
    let (frame, _) = h.attach_frame(ORIGIN);
    let effects = h.on_window_message(Some(frame), ORIGIN, &syn("c1"));
    let conn = match effects.first() {
        Some(Effect::Connect { conn, .. }) => *conn,
        other => panic!("no connect: {other:?}"),
    };
    // logLimit 0, nobody listening: nothing is built, but everything is numbered.
    let seq = h.log.seq();
    let effects = h.on_port_message(
        conn,
        &request(9, "getChannel", json!({"channelId": "voice"})),
    );
    assert_eq!(kinds(&effects), vec!["response"]);
    assert_eq!(h.log.entries().count(), 0);
    assert_eq!(h.log.seq(), seq + 2);
}

/// A connected host on a clock the test holds: (host, clock, conn).
fn connected_on_clock(config: SimConfig) -> (Host, FakeClock, u32) {
    let clock = FakeClock::new(T0);
    let mut h = Host::new(
        HostOptions {
            allowed_origins: vec![ORIGIN.into()],
            log_limit: 100,
        },
        config,
        Box::new(clock.clone()),
        "h",
    );
    let (frame, _) = h.attach_frame(ORIGIN);
    let conn = conn_of(&h.on_window_message(Some(frame), ORIGIN, &syn("c.0")));
    (h, clock, conn)
}

/// Advances the clock to each timer in turn and runs it, until nothing waits: the event
/// names posted, and how the playback ended.
fn run_all(h: &mut Host, clock: &FakeClock) -> (Vec<String>, Option<PlayEnd>) {
    let mut names = Vec::new();
    let mut end = None;
    for _ in 0..1000 {
        let Some(at) = h.next_timer() else { break };
        if at > clock.now_ms() {
            clock.set(at);
        }
        let (effects, ended) = h.run_timers();
        names.extend(
            kinds(&effects)
                .into_iter()
                .filter(|k| k.starts_with("event:")),
        );
        if ended.is_some() {
            end = ended;
        }
    }
    (names, end)
}

use crate::clock::Clock;
use crate::script::{Action, Scenario};

#[test]
fn play_runs_each_step_after_its_pause_and_says_how_it_ended() {
    let (mut h, clock, _) = connected_on_clock(SimConfig::default());
    let script = Scenario::from_value(&json!({"steps": [
        {"do": "setAgentState", "state": "Ready"},
        {"after": 1000, "do": "incomingCall", "ani": "+41 1", "id": "77"},
        {"after": 500, "do": "answer", "note": "the agent answers"}
    ]}))
    .unwrap();
    h.play(&script, PlayOptions::default()).unwrap();
    assert!(
        h.play(&script, PlayOptions::default()).is_err(),
        "one at a time"
    );
    assert_eq!(h.next_timer(), Some(T0));
    let (effects, end) = h.run_timers();
    assert_eq!(kinds(&effects), vec!["event:agentStateChange"]);
    assert_eq!(end, None);
    assert_eq!(h.next_timer(), Some(T0 + 1000));
    clock.advance(999);
    assert!(h.run_timers().0.is_empty(), "the pause is kept");
    clock.advance(1);
    assert_eq!(
        kinds(&h.run_timers().0),
        vec!["event:agentStateChange", "event:workitemCreate"]
    );
    let shown = h.snapshot()["playback"].clone();
    assert_eq!(
        shown,
        json!({"name": "", "played": 2, "total": 3, "step": 1, "do": "incomingCall", "note": null})
    );
    clock.advance(500);
    let (effects, end) = h.run_timers();
    assert_eq!(kinds(&effects), vec!["event:workitemConnect"]);
    assert_eq!(h.snapshot()["playback"], Value::Null);
    assert_eq!(end, Some(PlayEnd::Finished { played: 3 }));
    assert!(!h.is_playing());
    assert_eq!(h.next_timer(), None);
    // Twice as fast; a refused step ends the playback with its index and the error.
    let script = Scenario::from_value(&json!({"steps": [
        {"after": 1000, "do": "hold"},
        {"after": 1000, "do": "answer", "id": "nope"},
        {"after": 1000, "do": "hangUp"}
    ]}))
    .unwrap();
    h.play(
        &script,
        PlayOptions {
            speed: 2.0,
            skip_integration: false,
        },
    )
    .unwrap();
    assert_eq!(h.next_timer(), Some(clock.now_ms() + 500));
    let (names, end) = run_all(&mut h, &clock);
    assert_eq!(names, vec!["event:workitemPause"]);
    let Some(PlayEnd::Failed {
        index,
        action,
        error,
        played,
    }) = end
    else {
        panic!("{end:?}")
    };
    assert_eq!((index, action, played), (1, "answer", 1));
    assert_eq!(error.code, ErrorCode::UnknownWorkitem);
    assert_eq!(
        h.gadget().workitem("77").map(|w| w.state),
        Some(crate::names::WorkitemState::Paused)
    );
    // stop() drops what is left.
    h.play(&script, PlayOptions::default()).unwrap();
    assert_eq!(h.stop(), Some(PlayEnd::Stopped { played: 0, left: 3 }));
    assert!(h
        .play(
            &script,
            PlayOptions {
                speed: 0.0,
                skip_integration: false
            }
        )
        .is_err());
}

#[test]
fn a_ringing_call_rings_out_through_the_host_timer_and_reaches_every_connection() {
    let mut config = SimConfig::default();
    config.rona.timeout_ms = Some(12_000);
    let (mut h, clock, conn) = connected_on_clock(config);
    h.perform(Action::SetAgentState {
        state: crate::names::TargetState::Ready,
        reason_code: None,
        channel_id: None,
    })
    .unwrap();
    h.perform(Action::IncomingCall(Box::new(call("100"))))
        .unwrap();
    assert_eq!(h.next_timer(), Some(T0 + 12_000));
    clock.advance(12_000);
    let (effects, end) = h.run_timers();
    assert_eq!(end, None);
    assert_eq!(
        routes(&effects),
        vec![
            (conn, "event:workitemEnd".to_owned()),
            (conn, "event:agentStateChange".to_owned())
        ]
    );
    let msgs = messages(&effects);
    assert_eq!(msgs[0]["data"]["state"], "EndedAbandoned");
    assert_eq!(msgs[1]["data"]["newReasonCode"], 32767);
    assert_eq!(h.next_timer(), None);
}

#[test]
fn record_gives_a_scenario_that_replays_the_same_events() {
    let (mut h, clock, conn) = connected_on_clock(SimConfig::default());
    h.set_recorded_options(json!({"initialState": "NotReady"}));
    let mut seen = Vec::new();
    let mut note = |effects: &[Effect]| {
        seen.extend(
            kinds(effects)
                .into_iter()
                .filter(|k| k.starts_with("event:")),
        );
    };
    clock.advance(100);
    note(&h.on_port_message(
        conn,
        &request(
            1,
            "setAgentState",
            json!({"channelId": "voice", "state": "Ready", "requestId": "r1"}),
        ),
    ));
    // Reads and failures are not recorded.
    h.on_port_message(
        conn,
        &request(2, "getChannel", json!({"channelId": "voice"})),
    );
    h.on_port_message(
        conn,
        &request(
            3,
            "setAgentState",
            json!({"channelId": "voice", "state": "Ready"}),
        ),
    );
    clock.advance(250);
    note(
        &h.perform(Action::IncomingCall(Box::new(call("+41 2"))))
            .unwrap()
            .1,
    );
    clock.advance(1000);
    note(&h.perform(Action::Answer { id: None }).unwrap().1);
    note(&h.perform(Action::HangUp { id: None }).unwrap().1);
    clock.advance(2000);
    note(
        &h.perform(Action::SetWrapupReason {
            id: None,
            reason: "Sale".into(),
        })
        .unwrap()
        .1,
    );
    note(
        &h.perform(Action::EndWrapup {
            id: None,
            state: None,
            reason_code: None,
        })
        .unwrap()
        .1,
    );
    let recorded = h.record();
    let steps = recorded["steps"].as_array().unwrap();
    let dos: Vec<&str> = steps.iter().map(|s| s["do"].as_str().unwrap()).collect();
    assert_eq!(
        dos,
        vec![
            "request",
            "incomingCall",
            "answer",
            "hangUp",
            "setWrapupReason",
            "endWrapup"
        ]
    );
    let afters: Vec<u64> = steps.iter().map(|s| s["after"].as_u64().unwrap()).collect();
    assert_eq!(afters, vec![100, 250, 1000, 0, 2000, 0]);
    assert_eq!(steps[0]["by"], "integration");
    assert_eq!(steps[0]["params"]["requestId"], "r1");
    let id = steps[1]["id"].as_str().unwrap();
    assert_eq!(steps[2]["id"], id, "the default work item is written down");
    assert_eq!(recorded["options"], json!({"initialState": "NotReady"}));
    // Replayed on a fresh simulator: the same events, in the same order.
    let (mut again, clock2, _) = connected_on_clock(SimConfig::default());
    again
        .play(
            &Scenario::from_value(&recorded).unwrap(),
            PlayOptions::default(),
        )
        .unwrap();
    let (replayed, end) = run_all(&mut again, &clock2);
    assert_eq!(end, Some(PlayEnd::Finished { played: 6 }));
    assert_eq!(replayed, seen);
    assert_eq!(clock2.now_ms() - T0, 3350, "with the recorded pauses");
    assert_eq!(
        again.gadget().snapshot()["channels"],
        h.gadget().snapshot()["channels"]
    );
    // Without the integration's steps (a test whose integration makes them itself).
    let (mut third, clock3, _) = connected_on_clock(SimConfig::default());
    third
        .play(
            &Scenario::from_value(&recorded).unwrap(),
            PlayOptions {
                speed: 1.0,
                skip_integration: true,
            },
        )
        .unwrap();
    let (_, end) = run_all(&mut third, &clock3);
    assert_eq!(end, Some(PlayEnd::Finished { played: 5 }));
}

#[test]
fn statistics_go_to_everyone_even_when_a_request_caused_them_and_a_new_connection_gets_them() {
    let config =
        SimConfig::from_value(&json!({"queues": [{"id": "5001", "name": "Sales"}]})).unwrap();
    let (mut h, _, one) = connected_on_clock(config);
    let (frame2, _) = h.attach_frame(ORIGIN);
    let effects = h.on_window_message(Some(frame2), ORIGIN, &syn("two.0"));
    assert_eq!(kinds(&effects), vec!["ack", "event:queueDataUpdate"]);
    assert_eq!(messages(&effects)[1]["data"]["dataState"], "ENABLED");
    let two = conn_of(&effects);
    let effects = h.on_port_message(
        one,
        &request(
            1,
            "setAgentState",
            json!({"channelId": "voice", "state": "Ready", "requestId": "r1"}),
        ),
    );
    assert_eq!(
        routes(&effects),
        vec![
            (one, "response".to_owned()),
            (one, "event:agentStateChange".to_owned()),
            (one, "event:queueDataUpdate".to_owned()),
            (two, "event:queueDataUpdate".to_owned()),
        ]
    );
    let update = &messages(&effects)[2]["data"];
    assert_eq!(update["dataState"], "UPDATED");
    assert_eq!(update["requestId"], "");
    assert_eq!(update["queueData"][0]["statistics"]["agentsReady"], 1);
    // Scripted figures, through perform.
    let (_, effects) = h
        .perform(Action::SetQueueStatistics {
            queue: "5001".into(),
            statistics: serde_json::from_value(json!({"callsInQueue": 2})).unwrap(),
            escalation_level: Some("Critical".into()),
        })
        .unwrap();
    assert_eq!(
        kinds(&effects),
        vec!["event:queueDataUpdate", "event:queueDataUpdate"]
    );
    assert_eq!(
        messages(&effects)[0]["data"]["queueData"][0]["escalationLevel"],
        "Critical"
    );
    assert!(h
        .perform(Action::RemoveQueue { id: "nope".into() })
        .is_err());
}
