//! The gadget's side of the wire protocol (team contract), kept out of the browser so it can
//! be tested natively: handshake, one connection per attached integration frame, requests in,
//! responses and events out, reload with replay, injected faults, and the message log.
//!
//! The handshake, and what this side must guarantee:
//!
//! 1. The integration frame may load before or after the gadget: the host sends `announce` when
//!    a frame is attached and after every (simulated) reload, and answers every `syn`.
//! 2. Only attached frames at allowed origins are answered: the shell tells which attached frame
//!    (if any) a window message came from; the origin is checked here.
//! 3. `ack` goes to that frame at the syn's origin with a fresh `MessagePort` (the shell creates
//!    it when it sees [`Effect::Connect`]); everything else travels on that port.
//! 4. Several clients may live in one window (`window.cil` and a `new
//!    ConnectsIntegrationLibrary()`), so a connection belongs to a (frame, client) pair: the
//!    client is the part of the `clientId` before its last `.` ([`client_base`]; cil sends
//!    `<base>.<attempt>`). A `syn` with a known `clientId` (a retry in flight) is ignored; one
//!    from a known client with a new attempt replaces that client's connection; one from a new
//!    client adds a connection, and beyond [`MAX_CLIENTS_PER_WINDOW`] the least recently active
//!    connection of the frame gets `bye` and is closed (it is told, so it reconnects if alive).
//! 5. A reload sends `bye` on every port, closes them, takes a new `hostId` and announces it;
//!    each client that was connected then receives the current agent state and work items once
//!    when it reconnects ([`Gadget::replay`]).
//! 6. Events a request causes, and its `error` event, go to the connection that made the
//!    request; the gadget's own events (script actions, timers) go to every connection.
//!
//! The host never touches the browser: every method returns [`Effect`]s for the shell to carry
//! out, and log entries collect in [`Host::log`].

mod faults;
pub mod log;
mod perform;
mod timers;

pub use timers::{PlayEnd, PlayOptions};

pub use faults::{Faults, ResponseFault};

use crate::clock::Clock;
use crate::config::SimConfig;
use crate::dispatch::{self, Outcome};
use crate::error::{SimError, SimResult};
use crate::event::Event;
use crate::gadget::Gadget;
use crate::wire;
use cil_protocol::envelope::{decode, is_ours, Decoded, Message};
use cil_protocol::{ErrorCode, Method};
use log::{Direction, Log, LogEntry, Transport};
use serde::Deserialize;
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet};

/// How many clients one frame (one window) may have connected at once; a new client beyond
/// this closes the frame's least recently active connection (with `bye`).
pub const MAX_CLIENTS_PER_WINDOW: usize = 8;

/// The client a `clientId` belongs to: the part before its last `.` (the whole id when it has
/// none). cil sends `<base>.<attempt>`, so a reconnect of the same client replaces its own
/// old connection and leaves other clients of the window alone.
///
/// ```
/// use cil_simulator::host::client_base;
/// assert_eq!(client_base("k3x9.2"), "k3x9");
/// assert_eq!(client_base("a.b.7"), "a.b");
/// assert_eq!(client_base("plain"), "plain");
/// ```
pub fn client_base(client_id: &str) -> &str {
    client_id
        .rsplit_once('.')
        .map_or(client_id, |(base, _)| base)
}

/// What the shell must do.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Post `message` to the frame's window at `target_origin` (an `announce`).
    PostWindow {
        /// The attached frame.
        frame: u32,
        /// Its origin, or `*` when unknown (announce carries no data).
        target_origin: String,
        /// The message.
        message: Value,
    },
    /// Create a `MessageChannel`, keep one port as connection `conn`, and post `message`
    /// (the `ack`) to the frame's window at `origin` with the other port transferred.
    Connect {
        /// The attached frame.
        frame: u32,
        /// The new connection.
        conn: u32,
        /// The syn's origin.
        origin: String,
        /// The ack.
        message: Value,
    },
    /// Post `message` on connection `conn`'s port, after `delay_ms` (0: now).
    Post {
        /// The connection.
        conn: u32,
        /// The message.
        message: Value,
        /// Milliseconds to wait first.
        delay_ms: u32,
    },
    /// Close connection `conn`'s port and forget it.
    Close {
        /// The connection.
        conn: u32,
    },
}

/// Options of the host itself (besides the gadget's [`SimConfig`]).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct HostOptions {
    /// Origins whose `syn` is answered; `*` allows any. The shell fills in the page's own
    /// origin when none is given.
    pub allowed_origins: Vec<String>,
    /// How many log entries to keep (default 2000).
    pub log_limit: usize,
}

impl Default for HostOptions {
    fn default() -> Self {
        Self {
            allowed_origins: Vec::new(),
            log_limit: 2000,
        }
    }
}

/// Splits a JS options object into host options and the gadget configuration.
pub fn split_options(value: &Value) -> SimResult<(HostOptions, SimConfig)> {
    let Some(object) = value.as_object() else {
        return if value.is_null() {
            Ok((HostOptions::default(), SimConfig::default()))
        } else {
            Err(SimError::invalid("options", "expected an object"))
        };
    };
    let mut host_part = Map::new();
    let mut sim_part = Map::new();
    for (k, v) in object {
        if k == "allowedOrigins" || k == "logLimit" {
            host_part.insert(k.clone(), v.clone());
        } else {
            sim_part.insert(k.clone(), v.clone());
        }
    }
    let host: HostOptions = serde_json::from_value(Value::Object(host_part))
        .map_err(|e| SimError::invalid("options", e))?;
    let sim = SimConfig::from_value(&Value::Object(sim_part))?;
    Ok((host, sim))
}

#[derive(Debug)]
struct Frame {
    target_origin: String,
    /// The clients ([`client_base`]) connected when the gadget last reloaded that have not
    /// reconnected since: each gets the replay once.
    replay_for: BTreeSet<String>,
}

#[derive(Debug)]
struct Conn {
    frame: u32,
    client_id: String,
    /// When it last connected or sent a request, in [`Host::activity`] ticks.
    last_active: u64,
}

/// The host: a [`Gadget`] behind the wire protocol.
#[derive(Debug)]
pub struct Host {
    gadget: Gadget,
    options: HostOptions,
    host_seed: String,
    generation: u32,
    frames: BTreeMap<u32, Frame>,
    conns: BTreeMap<u32, Conn>,
    next_frame: u32,
    next_conn: u32,
    faults: Faults,
    /// A counter of connects and requests, to find the least recently active connection.
    activity: u64,
    recording: perform::Recording,
    playback: Option<timers::Playback>,
    /// Every message in and out.
    pub log: Log,
}

impl Host {
    /// A host for a gadget set up by `config`. `host_seed` makes host ids unique across page
    /// loads (the shell passes a random string).
    pub fn new(
        options: HostOptions,
        config: SimConfig,
        clock: Box<dyn Clock>,
        host_seed: &str,
    ) -> Self {
        let log = Log::new(options.log_limit);
        let recording = perform::Recording::new(clock.now_ms());
        Self {
            gadget: Gadget::new(config, clock),
            options,
            host_seed: host_seed.to_owned(),
            generation: 1,
            frames: BTreeMap::new(),
            conns: BTreeMap::new(),
            next_frame: 1,
            next_conn: 1,
            faults: Faults::default(),
            activity: 0,
            recording,
            playback: None,
            log,
        }
    }

    /// The gadget (read-only).
    pub fn gadget(&self) -> &Gadget {
        &self.gadget
    }

    /// The current host id (changes on reload).
    pub fn host_id(&self) -> String {
        format!("{}-{}", self.host_seed, self.generation)
    }

    /// The armed faults.
    pub fn faults(&mut self) -> &mut Faults {
        &mut self.faults
    }

    /// The gadget's [`Gadget::snapshot`] plus the host id, the allowed origins, the open
    /// connections and the scenario playing ([`Host::playback_snapshot`]).
    pub fn snapshot(&self) -> Value {
        let mut snap = self.gadget.snapshot();
        if let Some(m) = snap.as_object_mut() {
            m.insert("hostId".into(), Value::String(self.host_id()));
            m.insert(
                "allowedOrigins".into(),
                serde_json::json!(self.options.allowed_origins),
            );
            let conns: Vec<Value> = self
                .conns
                .iter()
                .map(|(id, c)| serde_json::json!({"conn": id, "frame": c.frame, "clientId": c.client_id}))
                .collect();
            m.insert("connections".into(), Value::Array(conns));
            m.insert("playback".into(), self.playback_snapshot());
        }
        snap
    }

    /// Whether `origin` may connect.
    pub fn origin_allowed(&self, origin: &str) -> bool {
        self.options
            .allowed_origins
            .iter()
            .any(|o| o == "*" || o == origin)
    }

    /// Adds an origin to the allowed list.
    pub fn allow_origin(&mut self, origin: &str) {
        if !self.origin_allowed(origin) {
            self.options.allowed_origins.push(origin.to_owned());
        }
    }

    /// The open connections: (conn, frame, clientId).
    pub fn connections(&self) -> Vec<(u32, u32, String)> {
        self.conns
            .iter()
            .map(|(id, c)| (*id, c.frame, c.client_id.clone()))
            .collect()
    }

    /// Registers an integration frame (its origin, or `*` when unknown) and announces the
    /// host to it. Returns the frame id the shell uses in later calls.
    pub fn attach_frame(&mut self, target_origin: &str) -> (u32, Vec<Effect>) {
        let id = self.next_frame;
        self.next_frame += 1;
        self.frames.insert(
            id,
            Frame {
                target_origin: target_origin.to_owned(),
                replay_for: BTreeSet::new(),
            },
        );
        let mut effects = Vec::new();
        self.announce_to(id, &mut effects);
        (id, effects)
    }

    /// Forgets a frame: `bye` and close on its connection.
    pub fn detach_frame(&mut self, frame: u32) -> Vec<Effect> {
        let mut effects = Vec::new();
        let conns: Vec<u32> = self.conns_of(frame);
        for conn in conns {
            self.say_bye(conn, &mut effects);
        }
        self.frames.remove(&frame);
        effects
    }

    /// A message arrived on the page's window. `frame` is the attached frame it came from
    /// (`None`: not from an attached frame).
    pub fn on_window_message(
        &mut self,
        frame: Option<u32>,
        origin: &str,
        data: &Value,
    ) -> Vec<Effect> {
        let mut effects = Vec::new();
        if !is_ours(data) {
            return effects;
        }
        let client_id = match decode(data) {
            Decoded::Message(Message::Syn { client_id }) => client_id,
            Decoded::Message(_) => {
                self.log_in(
                    Transport::Window,
                    frame,
                    None,
                    data,
                    "ignored: only syn is accepted on the window",
                );
                return effects;
            }
            Decoded::NotOurs => return effects,
            Decoded::Invalid { reason } => {
                self.log_in(
                    Transport::Window,
                    frame,
                    None,
                    data,
                    &format!("rejected: {reason}"),
                );
                return effects;
            }
        };
        let Some(frame) = frame.filter(|f| self.frames.contains_key(f)) else {
            self.log_in(
                Transport::Window,
                None,
                None,
                data,
                "rejected: not from an attached frame",
            );
            return effects;
        };
        if !self.origin_allowed(origin) {
            self.log_in(
                Transport::Window,
                Some(frame),
                None,
                data,
                &format!("rejected: origin {origin} not allowed"),
            );
            return effects;
        }
        let existing = self.conns_of(frame);
        if existing
            .iter()
            .any(|c| self.conns.get(c).is_some_and(|c| c.client_id == client_id))
        {
            self.log_in(
                Transport::Window,
                Some(frame),
                None,
                data,
                "ignored: already connected (repeated syn)",
            );
            return effects;
        }
        self.log_in(Transport::Window, Some(frame), None, data, "");
        let base = client_base(&client_id).to_owned();
        let same_client: Vec<u32> = existing
            .iter()
            .copied()
            .filter(|c| {
                self.conns
                    .get(c)
                    .is_some_and(|c| client_base(&c.client_id) == base)
            })
            .collect();
        if same_client.is_empty() && existing.len() >= MAX_CLIENTS_PER_WINDOW {
            // A new client in a full window: the least recently active connection goes (a
            // frame that reloaded leaves its old clients' ports behind), told with `bye`.
            let oldest = existing
                .iter()
                .copied()
                .min_by_key(|c| self.conns.get(c).map_or(0, |c| c.last_active));
            if let Some(conn) = oldest {
                self.log_note(
                    Some(frame),
                    Some(conn),
                    &format!("least recently active connection closed: more than {MAX_CLIENTS_PER_WINDOW} clients in the frame"),
                );
                self.say_bye(conn, &mut effects);
            }
        }
        for conn in same_client {
            // The same client reconnecting (a new attempt): its old connection is dead to it.
            self.log_note(
                Some(frame),
                Some(conn),
                "replaced by a new connection of the same client",
            );
            self.conns.remove(&conn);
            effects.push(Effect::Close { conn });
        }
        let conn = self.next_conn;
        self.next_conn += 1;
        self.activity += 1;
        self.conns.insert(
            conn,
            Conn {
                frame,
                client_id: client_id.clone(),
                last_active: self.activity,
            },
        );
        let ack = wire::ack(&client_id, &self.host_id());
        self.log_out(Transport::Window, Some(frame), Some(conn), &ack, "");
        effects.push(Effect::Connect {
            frame,
            conn,
            origin: origin.to_owned(),
            message: ack,
        });
        let replay = self
            .frames
            .get_mut(&frame)
            .is_some_and(|f| f.replay_for.remove(&base));
        let replayed = if replay {
            self.gadget.replay()
        } else {
            Vec::new()
        };
        let first = replayed
            .into_iter()
            .map(|e| (e, "replay after reload"))
            .chain(
                self.gadget
                    .data_snapshot()
                    .into_iter()
                    .map(|e| (e, "statistics for a new connection")),
            );
        for (event, note) in first.collect::<Vec<_>>() {
            let message = wire::event(&event);
            self.log_out(Transport::Port, Some(frame), Some(conn), &message, note);
            effects.push(Effect::Post {
                conn,
                message,
                delay_ms: 0,
            });
        }
        effects
    }

    /// A message arrived on connection `conn`'s port.
    pub fn on_port_message(&mut self, conn: u32, data: &Value) -> Vec<Effect> {
        let mut effects = Vec::new();
        let frame = self.conns.get(&conn).map(|c| c.frame);
        if frame.is_none() {
            return effects;
        }
        if !is_ours(data) {
            self.log_in(
                Transport::Port,
                frame,
                Some(conn),
                data,
                "ignored: not a connects-cil message",
            );
            return effects;
        }
        if data.get("kind").and_then(Value::as_str) != Some("request") {
            self.log_in(
                Transport::Port,
                frame,
                Some(conn),
                data,
                "ignored: only requests are accepted on the port",
            );
            return effects;
        }
        let Some(id) = data
            .get("id")
            .and_then(Value::as_u64)
            .and_then(|n| u32::try_from(n).ok())
        else {
            self.log_in(
                Transport::Port,
                frame,
                Some(conn),
                data,
                "rejected: request without a valid id",
            );
            return effects;
        };
        self.log_in(Transport::Port, frame, Some(conn), data, "");
        self.activity += 1;
        if let Some(c) = self.conns.get_mut(&conn) {
            c.last_active = self.activity;
        }
        let method_name = data.get("method").and_then(Value::as_str).unwrap_or("");
        let params = data
            .get("params")
            .cloned()
            .unwrap_or(Value::Object(Map::new()));
        let method = Method::from_name(method_name);
        let request_id = params
            .get("requestId")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_owned();
        let outcome = match self.faults.take_failure(method) {
            Some(error) => dispatch::injected_failure(method, &request_id, error),
            None => dispatch::dispatch(&mut self.gadget, method_name, &params),
        };
        if outcome.result.is_ok() && method.is_some_and(changes_state) {
            self.record_step(crate::script::Step {
                after: 0,
                note: None,
                by: crate::script::By::Integration,
                action: crate::script::Action::Request {
                    method: method_name.to_owned(),
                    params,
                },
            });
        }
        self.respond(conn, id, outcome, &mut effects);
        effects
    }

    /// Runs a script action on the gadget and broadcasts its events.
    pub fn act<T>(
        &mut self,
        action: impl FnOnce(&mut Gadget) -> SimResult<(T, Vec<Event>)>,
    ) -> SimResult<(T, Vec<Effect>)> {
        let (value, events) = action(&mut self.gadget)?;
        let mut effects = Vec::new();
        self.broadcast(&events, &mut effects);
        self.broadcast_data_updates(&mut effects);
        Ok((value, effects))
    }

    /// Simulates a gadget reload: `bye` and close on every connection, a new host id, an
    /// `announce` to every frame; each client that was connected gets the replay when it
    /// reconnects.
    pub fn reload(&mut self) -> Vec<Effect> {
        let connected: Vec<(u32, String)> = self
            .conns
            .values()
            .map(|c| (c.frame, client_base(&c.client_id).to_owned()))
            .collect();
        for (frame, base) in connected {
            if let Some(f) = self.frames.get_mut(&frame) {
                f.replay_for.insert(base);
            }
        }
        let mut effects = self.go_away();
        self.generation += 1;
        let frames: Vec<u32> = self.frames.keys().copied().collect();
        for frame in frames {
            self.announce_to(frame, &mut effects);
        }
        effects
    }

    /// The page goes away: `bye` and close on every connection.
    pub fn go_away(&mut self) -> Vec<Effect> {
        let mut effects = Vec::new();
        let conns: Vec<u32> = self.conns.keys().copied().collect();
        for conn in conns {
            self.say_bye(conn, &mut effects);
        }
        effects
    }

    /// Announces the host to every attached frame again.
    pub fn announce_all(&mut self) -> Vec<Effect> {
        let mut effects = Vec::new();
        let frames: Vec<u32> = self.frames.keys().copied().collect();
        for frame in frames {
            self.announce_to(frame, &mut effects);
        }
        effects
    }

    /// Logs an event message the shell posted itself on every connection (the `sendEvent`
    /// test hook, which bypasses the model); `message` is only read when the log is
    /// [`Log::wanted`], so pass a closure that builds it.
    pub fn log_sent_event(&mut self, message: impl FnOnce() -> Value) {
        if !self.log.wanted() {
            for _ in 0..self.conns.len() {
                self.log.count();
            }
            return;
        }
        let conns: Vec<(u32, u32)> = self.conns.iter().map(|(id, c)| (*id, c.frame)).collect();
        let message = message();
        for (conn, frame) in conns {
            self.log_out(
                Transport::Port,
                Some(frame),
                Some(conn),
                &message,
                "sent by sendEvent (test hook)",
            );
        }
    }

    /// Makes the next request of `method` (any when `None`) fail with `code` and `message`.
    pub fn fail_next(&mut self, method: Option<Method>, code: Option<&str>, message: Option<&str>) {
        let code = code
            .map(ErrorCode::parse)
            .unwrap_or(ErrorCode::RequestFailed);
        let what = method.map(|m| m.name()).unwrap_or("request");
        let message = message
            .map(str::to_owned)
            .unwrap_or_else(|| format!("{what} failed (failure injected by the simulator)"));
        self.faults.fail_next(method, SimError::new(code, message));
    }

    // ---- internals ----

    fn respond(&mut self, conn: u32, id: u32, outcome: Outcome, effects: &mut Vec<Effect>) {
        let frame = self.conns.get(&conn).map(|c| c.frame);
        let message = wire::response(id, &outcome.result);
        match self.faults.take_response_fault(outcome.method) {
            None => {
                self.log_out(Transport::Port, frame, Some(conn), &message, "");
                effects.push(Effect::Post {
                    conn,
                    message,
                    delay_ms: 0,
                });
            }
            Some(ResponseFault::Drop) => {
                self.log_out(
                    Transport::Port,
                    frame,
                    Some(conn),
                    &message,
                    "dropped (fault)",
                );
            }
            Some(ResponseFault::Duplicate) => {
                self.log_out(Transport::Port, frame, Some(conn), &message, "");
                self.log_out(
                    Transport::Port,
                    frame,
                    Some(conn),
                    &message,
                    "duplicate (fault)",
                );
                effects.push(Effect::Post {
                    conn,
                    message: message.clone(),
                    delay_ms: 0,
                });
                effects.push(Effect::Post {
                    conn,
                    message,
                    delay_ms: 0,
                });
            }
            Some(ResponseFault::Delay(ms)) => {
                self.log_out(
                    Transport::Port,
                    frame,
                    Some(conn),
                    &message,
                    &format!("delayed {ms} ms (fault)"),
                );
                effects.push(Effect::Post {
                    conn,
                    message,
                    delay_ms: ms,
                });
            }
        }
        // The events a request caused (its error event included) are the requester's.
        self.send_events(&[conn], &outcome.events, effects);
        // The statistics it changed are everyone's.
        self.broadcast_data_updates(effects);
    }

    /// Sends the statistics events for what changed (the gadget's own, to everyone).
    fn broadcast_data_updates(&mut self, effects: &mut Vec<Effect>) {
        let events = self.gadget.data_updates();
        if !events.is_empty() {
            self.broadcast(&events, effects);
        }
    }

    /// Sends `events` to every open connection (the gadget's own events).
    fn broadcast(&mut self, events: &[Event], effects: &mut Vec<Effect>) {
        let conns: Vec<u32> = self.conns.keys().copied().collect();
        self.send_events(&conns, events, effects);
    }

    /// Sends `events`, in order, to each of `targets` that is still open.
    fn send_events(&mut self, targets: &[u32], events: &[Event], effects: &mut Vec<Effect>) {
        let conns: Vec<(u32, u32)> = targets
            .iter()
            .filter_map(|id| self.conns.get(id).map(|c| (*id, c.frame)))
            .collect();
        for event in events {
            let message = wire::event(event);
            if conns.is_empty() {
                self.log_out(
                    Transport::Port,
                    None,
                    None,
                    &message,
                    "not sent: no integration connected",
                );
            }
            for (conn, frame) in &conns {
                self.log_out(Transport::Port, Some(*frame), Some(*conn), &message, "");
                effects.push(Effect::Post {
                    conn: *conn,
                    message: message.clone(),
                    delay_ms: 0,
                });
            }
        }
    }

    fn announce_to(&mut self, frame: u32, effects: &mut Vec<Effect>) {
        let Some(target_origin) = self.frames.get(&frame).map(|f| f.target_origin.clone()) else {
            return;
        };
        let message = wire::announce(&self.host_id());
        self.log_out(Transport::Window, Some(frame), None, &message, "");
        effects.push(Effect::PostWindow {
            frame,
            target_origin,
            message,
        });
    }

    fn say_bye(&mut self, conn: u32, effects: &mut Vec<Effect>) {
        let frame = self.conns.get(&conn).map(|c| c.frame);
        let message = wire::bye(&self.host_id());
        self.log_out(Transport::Port, frame, Some(conn), &message, "");
        effects.push(Effect::Post {
            conn,
            message,
            delay_ms: 0,
        });
        effects.push(Effect::Close { conn });
        self.conns.remove(&conn);
    }

    fn conns_of(&self, frame: u32) -> Vec<u32> {
        self.conns
            .iter()
            .filter(|(_, c)| c.frame == frame)
            .map(|(id, _)| *id)
            .collect()
    }

    fn entry(
        &self,
        direction: Direction,
        transport: Transport,
        frame: Option<u32>,
        conn: Option<u32>,
        message: &Value,
        note: &str,
    ) -> LogEntry {
        let (kind, summary) = log::summarize(message);
        LogEntry {
            seq: 0,
            time: self.gadget.now().to_string(),
            direction,
            transport,
            frame,
            conn,
            kind,
            summary,
            note: note.to_owned(),
            message: message.clone(),
        }
    }

    fn log_in(
        &mut self,
        transport: Transport,
        frame: Option<u32>,
        conn: Option<u32>,
        message: &Value,
        note: &str,
    ) {
        if !self.log.wanted() {
            self.log.count();
            return;
        }
        let e = self.entry(Direction::In, transport, frame, conn, message, note);
        self.log.push(e);
    }

    fn log_out(
        &mut self,
        transport: Transport,
        frame: Option<u32>,
        conn: Option<u32>,
        message: &Value,
        note: &str,
    ) {
        if !self.log.wanted() {
            self.log.count();
            return;
        }
        let e = self.entry(Direction::Out, transport, frame, conn, message, note);
        self.log.push(e);
    }

    fn log_note(&mut self, frame: Option<u32>, conn: Option<u32>, note: &str) {
        if !self.log.wanted() {
            self.log.count();
            return;
        }
        let mut e = self.entry(
            Direction::Out,
            Transport::Port,
            frame,
            conn,
            &Value::Null,
            note,
        );
        e.kind = "note".into();
        e.summary = note.to_owned();
        self.log.push(e);
    }
}

/// Whether a request of `method` may change the gadget's state (every method but the three
/// that only read).
fn changes_state(method: Method) -> bool {
    !matches!(
        method,
        Method::GetChannel | Method::GetReasonCodeList | Method::IsUpdateWorkitemDataEnabled
    )
}

#[cfg(test)]
mod tests;
