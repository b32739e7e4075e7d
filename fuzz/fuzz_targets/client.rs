//! `client`: random sequences of inputs to the client state machine (`cil-client-core`),
//! driven the way the web shell drives it, with the shell's single timer modelled.
//!
//! Inputs: `start`, calls (random method, timeout, requestId), messages from the gadget
//! (announce / ack / bye / response / event / malformed, with current, earlier, pooled or
//! arbitrary client and host ids, response ids of pending, answered or random requests, so
//! duplicates, late and out-of-order answers occur), raw JSON through the protocol decoder,
//! the clock moving (the armed timer fires when due), spurious early ticks, the wall clock
//! jumping back, and `destroy`.
//!
//! Invariants checked after every input (a failed assertion is a bug in `cil-client-core`):
//!
//! * no panic;
//! * every call is settled at most once; a response settles exactly the call whose request
//!   carried that id, with the outcome given, and only after the request was sent; a request is
//!   sent at most once, only while connected, with an id unique among those awaiting an answer;
//! * `outstanding()` equals the number of calls not yet settled;
//! * connection changes alternate (connected, lost, connected, …) and match `is_connected()`;
//!   events reach the page only while connected, with the data unchanged;
//! * no hang: while a call with a finite timeout is unsettled, the shell's timer is armed no
//!   later than that call's deadline;
//! * after `destroy`: nothing outstanding, no deadline, every call settled, later messages and
//!   ticks produce nothing, a later call is rejected at once with `DESTROYED`;
//! * at the end: advancing the clock past every deadline settles every call with a finite
//!   timeout; `destroy` then settles the rest; every call has been settled exactly once.
#![no_main]

use std::collections::HashMap;

use arbitrary::Arbitrary;
use cil_client_core::{Call, Client, Config, Incoming, Link, Output};
use cil_protocol::envelope::{self, Decoded, Message};
use cil_protocol::{ErrorCode, EventName, Method};
use libfuzzer_sys::fuzz_target;
use serde_json::{json, Value};

/// Around `Date.now()` today, so the arithmetic runs at realistic magnitudes.
const EPOCH: f64 = 1.7e12;

#[derive(Arbitrary, Debug)]
struct Scenario {
    connect_timeout: Millis,
    request_timeout: Millis,
    syn_interval: SynInterval,
    client_id: ShortString,
    ops: Vec<Op>,
}

#[derive(Arbitrary, Debug, Clone, Copy)]
enum Millis {
    Ms(u16),
    Huge,
    Infinite,
}

impl Millis {
    fn value(self) -> f64 {
        match self {
            // The shell accepts positive numbers only.
            Millis::Ms(ms) => f64::from(ms) + 1.0,
            Millis::Huge => 1e15,
            Millis::Infinite => f64::INFINITY,
        }
    }
}

#[derive(Arbitrary, Debug, Clone, Copy)]
enum SynInterval {
    Default,
    Fast,
    Slow,
}

#[derive(Arbitrary, Debug)]
enum ShortString {
    C,
    Any(String),
}

#[derive(Arbitrary, Debug)]
enum Op {
    Start,
    Call {
        method: u8,
        timeout: Option<Millis>,
        request_id: Option<String>,
        extra: u8,
    },
    Receive(Msg),
    /// Raw bytes: JSON → `envelope::decode` → the input the shell would hand over; with `tag`,
    /// an object gets `ns`/`v` added (when absent) so that it reaches the decoder proper.
    Raw {
        bytes: Vec<u8>,
        tag: bool,
    },
    /// The clock moves on; the shell's timer fires if due.
    Advance(u16),
    /// The clock moves a lot.
    Leap(u32),
    /// The wall clock (`Date.now()`) jumps back.
    Rewind(u16),
    /// A spurious tick at the current time (e.g. a stale timer).
    Tick,
    Destroy,
}

#[derive(Arbitrary, Debug)]
enum Msg {
    Announce(Host),
    Ack(ClientIdChoice, Host),
    Bye(Host),
    Response {
        id: IdChoice,
        outcome: OutcomeChoice,
    },
    Event {
        name: u8,
        data: u8,
    },
    Malformed(String),
}

#[derive(Arbitrary, Debug)]
enum Host {
    Current,
    Pool(u8),
    Any(String),
}

#[derive(Arbitrary, Debug)]
enum ClientIdChoice {
    Current,
    /// `<config id>.<n>`: an earlier (or future) attempt.
    Attempt(u8),
    Any(String),
}

#[derive(Arbitrary, Debug)]
enum IdChoice {
    /// One of the requests sent and not answered yet (by position).
    Pending(u8),
    /// Any request ever sent (duplicates, late answers).
    Sent(u8),
    /// The next id the client will use (an answer before the request).
    Next,
    Raw(u32),
}

#[derive(Arbitrary, Debug)]
enum OutcomeChoice {
    Ok(u8),
    Err(u8, String),
}

/// What the harness knows about one call; its index is the reply slot `R`.
#[derive(Debug)]
struct CallRecord {
    deadline: f64,
    settled: u32,
    sent_id: Option<u32>,
}

type Out = Output<Value, u32>;

struct Harness {
    client: Client<Value, u32>,
    now: f64,
    /// The shell's one timer: when it is due (`WAKE_AT` and `tick` in js/cil/facade.js).
    timer: Option<f64>,
    calls: Vec<CallRecord>,
    /// Sent ids awaiting an answer → call index.
    pending: HashMap<u32, usize>,
    /// Every id sent, in order.
    sent: Vec<u32>,
    connected: bool,
    host: String,
    destroyed: bool,
}

/// What the input was, for checking the outputs against it.
enum Cause {
    Call(usize),
    Response {
        id: u32,
        outcome: Result<Value, (ErrorCode, String)>,
    },
    Event(EventName, Value),
    Other,
}

impl Harness {
    fn new(config: Config) -> Self {
        Harness {
            client: Client::new(config),
            now: EPOCH,
            timer: None,
            calls: Vec::new(),
            pending: HashMap::new(),
            sent: Vec::new(),
            connected: false,
            host: String::new(),
            destroyed: false,
        }
    }

    fn apply(&mut self, op: Op) {
        match op {
            Op::Start => {
                let out = self.client.start(self.now);
                self.absorb(out, Cause::Other);
            }
            Op::Call {
                method,
                timeout,
                request_id,
                extra,
            } => self.call(method, timeout, request_id, extra),
            Op::Receive(msg) => {
                if let Some(incoming) = self.incoming(msg) {
                    self.receive(incoming);
                }
            }
            Op::Raw { bytes, tag } => {
                if let Ok(mut value) = serde_json::from_slice::<Value>(&bytes) {
                    if let (true, Some(object)) = (tag, value.as_object_mut()) {
                        object.entry("ns").or_insert_with(|| json!("connects-cil"));
                        object.entry("v").or_insert_with(|| json!(1));
                    }
                    if let Some(incoming) = from_wire(&value) {
                        self.receive(incoming);
                    }
                }
            }
            Op::Advance(ms) => self.advance(f64::from(ms)),
            Op::Leap(ms) => self.advance(f64::from(ms) * 1000.0),
            Op::Rewind(ms) => self.now -= f64::from(ms),
            Op::Tick => {
                let out = self.client.tick(self.now);
                self.absorb(out, Cause::Other);
            }
            Op::Destroy => self.destroy(),
        }
        self.check();
    }

    fn call(&mut self, method: u8, timeout: Option<Millis>, request_id: Option<String>, extra: u8) {
        let index = self.calls.len();
        let method = Method::ALL[usize::from(method) % Method::ALL.len()];
        let timeout_ms = timeout.map(Millis::value);
        let effective = timeout_ms.unwrap_or(self.client.config().request_timeout_ms);
        self.calls.push(CallRecord {
            deadline: self.now + effective,
            settled: 0,
            sent_id: None,
        });
        let reply = u32::try_from(index).expect("fewer than 2^32 calls");
        let params = json!({"call": index, "extra": extra});
        let mut call = Call::new(method, params, reply);
        call.timeout_ms = timeout_ms;
        call.request_id = request_id.unwrap_or_default();
        let out = self.client.call(call, self.now);
        if self.destroyed {
            assert!(
                matches!(
                    out.as_slice(),
                    [Output::Settle { reply: r, result: Err(f) }] if *r == reply && f.code == ErrorCode::Destroyed
                ),
                "a call after destroy must be rejected at once with DESTROYED: {out:?}"
            );
        }
        self.absorb(out, Cause::Call(index));
    }

    fn incoming(&self, msg: Msg) -> Option<Incoming<Value>> {
        let host = |h: Host| match h {
            Host::Current => {
                if self.host.is_empty() {
                    "h0".to_owned()
                } else {
                    self.host.clone()
                }
            }
            Host::Pool(n) => format!("h{}", n % 3),
            Host::Any(s) => s,
        };
        Some(match msg {
            Msg::Announce(h) => Incoming::Announce { host_id: host(h) },
            Msg::Bye(h) => Incoming::Bye { host_id: host(h) },
            Msg::Ack(c, h) => Incoming::Ack {
                client_id: match c {
                    ClientIdChoice::Current => self.client.client_id(),
                    ClientIdChoice::Attempt(n) => format!("{}.{n}", self.client.config().client_id),
                    ClientIdChoice::Any(s) => s,
                },
                host_id: host(h),
            },
            Msg::Response { id, outcome } => {
                let id = match id {
                    IdChoice::Pending(k) => {
                        let mut pending: Vec<u32> = self.pending.keys().copied().collect();
                        pending.sort_unstable();
                        *pending.get(usize::from(k) % pending.len().max(1))?
                    }
                    IdChoice::Sent(k) => *self.sent.get(usize::from(k) % self.sent.len().max(1))?,
                    IdChoice::Next => self.sent.last().map_or(1, |id| id.wrapping_add(1)),
                    IdChoice::Raw(id) => id,
                };
                let outcome = match outcome {
                    OutcomeChoice::Ok(n) => Ok(match n % 4 {
                        0 => Value::Null,
                        1 => Value::Bool(n % 2 == 0),
                        2 => json!([{"id": n, "label": "Break"}]),
                        _ => json!({"n": n}),
                    }),
                    OutcomeChoice::Err(n, message) => {
                        let code = ErrorCode::KNOWN.get(usize::from(n)).map_or_else(
                            || ErrorCode::Other(message.clone()),
                            |c| ErrorCode::parse(c),
                        );
                        Err((code, message))
                    }
                };
                Incoming::Response { id, outcome }
            }
            Msg::Event { name, data } => Incoming::Event {
                name: EventName::ALL[usize::from(name) % EventName::ALL.len()],
                data: json!({"n": data}),
            },
            Msg::Malformed(reason) => Incoming::Malformed { reason },
        })
    }

    fn receive(&mut self, incoming: Incoming<Value>) {
        let cause = match &incoming {
            Incoming::Response { id, outcome } => Cause::Response {
                id: *id,
                outcome: outcome.clone(),
            },
            Incoming::Event { name, data } => Cause::Event(*name, data.clone()),
            _ => Cause::Other,
        };
        let out = self.client.receive(incoming, self.now);
        if self.destroyed {
            assert!(out.is_empty(), "a message after destroy produced {out:?}");
        }
        self.absorb(out, cause);
    }

    /// The clock moves on by `by`; the shell's timer fires (once) if it is due by then.
    fn advance(&mut self, by: f64) {
        self.now += by;
        if let Some(at) = self.timer {
            if at <= self.now {
                self.fire();
            }
        }
    }

    /// The shell's timer fires: it forgets it, then ticks.
    fn fire(&mut self) {
        self.timer = None;
        let out = self.client.tick(self.now);
        if self.destroyed {
            assert!(out.is_empty(), "a tick after destroy produced {out:?}");
        }
        self.absorb(out, Cause::Other);
    }

    fn destroy(&mut self) {
        let out = self.client.destroy();
        let again = self.destroyed;
        self.destroyed = true;
        self.connected = false;
        if again {
            assert!(out.is_empty(), "a second destroy produced {out:?}");
        }
        self.absorb(out, Cause::Other);
        assert_eq!(
            self.client.outstanding(),
            0,
            "requests outstanding after destroy"
        );
        assert_eq!(self.client.link(), &Link::Destroyed);
        assert!(
            self.client.next_deadline().is_infinite(),
            "a deadline after destroy"
        );
        assert!(
            self.pending.is_empty(),
            "sent requests unanswered after destroy"
        );
        for (i, call) in self.calls.iter().enumerate() {
            assert_eq!(call.settled, 1, "call {i} not settled by destroy");
        }
    }

    /// Checks the outputs of one input against what the harness knows, and performs them.
    fn absorb(&mut self, out: Vec<Out>, cause: Cause) {
        let mut response_settled = false;
        for output in out {
            match output {
                Output::Send {
                    id,
                    method: _,
                    params,
                } => {
                    assert!(
                        self.client.is_connected(),
                        "sent request {id} while not connected"
                    );
                    let index = params["call"].as_u64().expect("our params") as usize;
                    let record = &mut self.calls[index];
                    assert!(record.sent_id.is_none(), "call {index} sent twice");
                    assert_eq!(record.settled, 0, "call {index} sent after it was settled");
                    record.sent_id = Some(id);
                    assert!(
                        self.pending.insert(id, index).is_none(),
                        "id {id} reused while another request with it awaits an answer"
                    );
                    self.sent.push(id);
                }
                Output::Settle { reply, result } => {
                    let index = reply as usize;
                    let record = &mut self.calls[index];
                    record.settled += 1;
                    assert_eq!(record.settled, 1, "call {index} settled twice");
                    if let Some(id) = record.sent_id {
                        self.pending.remove(&id);
                    }
                    match &cause {
                        Cause::Response { id, outcome } if record.sent_id == Some(*id) => {
                            assert!(!response_settled, "one response settled two calls");
                            response_settled = true;
                            match (outcome, &result) {
                                (Ok(given), Ok(got)) => assert_eq!(given, got),
                                (Err((code, message)), Err(f)) => {
                                    assert_eq!(&f.code, code);
                                    assert_eq!(&f.message, message);
                                }
                                _ => panic!("response outcome changed: {outcome:?} → {result:?}"),
                            }
                        }
                        Cause::Response { id, .. } => {
                            panic!(
                                "response {id} settled call {index} (sent as {:?})",
                                record.sent_id
                            )
                        }
                        Cause::Call(i) => {
                            assert_eq!(*i, index, "a call settled another call");
                            assert!(result.is_err(), "a call resolved without an answer");
                        }
                        _ => assert!(result.is_err(), "call {index} resolved without a response"),
                    }
                }
                Output::Event { name, data } => {
                    assert!(
                        self.client.is_connected(),
                        "event delivered while not connected"
                    );
                    match &cause {
                        Cause::Event(n, d) => {
                            assert_eq!(*n, name);
                            assert_eq!(*d, data);
                        }
                        _ => panic!("an event appeared out of nowhere"),
                    }
                }
                Output::Connection(change) => {
                    assert_ne!(
                        change.connected, self.connected,
                        "connection change repeated: {change:?}"
                    );
                    self.connected = change.connected;
                    if change.connected {
                        self.host = change.host_id;
                    }
                }
                Output::WakeAt(at) => {
                    assert!(!at.is_nan(), "WakeAt(NaN)");
                    // As the facade: keep an earlier timer, else re-arm for `at`.
                    if !self.timer.is_some_and(|armed| armed <= at) {
                        self.timer = Some(at);
                    }
                }
                Output::PostSyn { client_id } => {
                    assert_eq!(
                        client_id,
                        self.client.client_id(),
                        "syn with a stale client id"
                    );
                }
                Output::ReportError(_)
                | Output::ConnectFailed(_)
                | Output::DropPorts
                | Output::AdoptPort => {}
            }
        }
    }

    fn check(&self) {
        let unsettled = self.calls.iter().filter(|c| c.settled == 0).count();
        assert_eq!(
            self.client.outstanding(),
            unsettled,
            "outstanding() disagrees"
        );
        assert_eq!(
            self.client.is_connected(),
            self.connected,
            "is_connected() disagrees"
        );
        // No hang: a call with a finite deadline has the timer armed by then.
        if let Some(deadline) = self
            .calls
            .iter()
            .filter(|c| c.settled == 0)
            .map(|c| c.deadline)
            .filter(|d| d.is_finite())
            .reduce(f64::min)
        {
            assert!(
                self.timer.is_some_and(|at| at <= deadline),
                "no timer armed for a deadline at {deadline} (timer {:?})",
                self.timer
            );
        }
    }

    /// Past every deadline, everything with a finite timeout is settled; destroy settles the rest.
    fn finish(mut self) {
        let latest = self
            .calls
            .iter()
            .map(|c| c.deadline)
            .filter(|d| d.is_finite())
            .fold(self.now, f64::max);
        // Twice: the first tick may give up connecting, the second sees nothing left to do.
        for _ in 0..2 {
            self.now =
                self.now.max(latest) + self.client.config().connect_timeout_ms.min(1e15) + 1.0;
            self.fire();
            self.check();
        }
        for (i, call) in self.calls.iter().enumerate() {
            if call.deadline.is_finite() {
                assert_eq!(
                    call.settled, 1,
                    "call {i} (deadline {}) not settled at {}",
                    call.deadline, self.now
                );
            }
        }
        self.destroy();
    }
}

/// What the shell would hand the core for a value arriving on the window or the port.
fn from_wire(value: &Value) -> Option<Incoming<Value>> {
    Some(match envelope::decode(value) {
        Decoded::NotOurs => return None,
        Decoded::Invalid { reason } => Incoming::Malformed { reason },
        Decoded::Message(message) => match message {
            Message::Announce { host_id } => Incoming::Announce { host_id },
            Message::Ack {
                client_id, host_id, ..
            } => Incoming::Ack { client_id, host_id },
            Message::Bye { host_id } => Incoming::Bye { host_id },
            Message::Response { id, outcome } => Incoming::Response {
                id,
                outcome: outcome
                    .map(|result| result.to_value())
                    .map_err(|error| (error.code, error.message)),
            },
            Message::Event { name, data } => Incoming::Event {
                name,
                data: data.to_value(),
            },
            // The client's own messages: not for it.
            Message::Syn { .. } | Message::Request { .. } => return None,
        },
    })
}

fuzz_target!(|scenario: Scenario| {
    let mut config = Config::new(match &scenario.client_id {
        ShortString::C => "c",
        ShortString::Any(s) => s,
    });
    config.connect_timeout_ms = scenario.connect_timeout.value();
    config.request_timeout_ms = scenario.request_timeout.value();
    config.syn_interval_ms = match scenario.syn_interval {
        SynInterval::Default => 250.0,
        SynInterval::Fast => 10.0,
        SynInterval::Slow => 5000.0,
    };
    let mut harness = Harness::new(config);
    for op in scenario.ops.into_iter().take(256) {
        harness.apply(op);
    }
    harness.finish();
});
