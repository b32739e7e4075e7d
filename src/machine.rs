//! [`CilCore`]: one client's brain, as the JS facade drives it (through [`crate::abi`]). It owns
//! a client state machine, checks arguments and options, decides which handshake messages to
//! accept, and hands the effects to perform back one at a time ([`CilCore::next_effect`] and the fields
//! `a`, `b`, `t`, `s`, `c`, `r`). Plain Rust: the tests drive it natively.
//!
//! Only strings and numbers cross the boundary. Payloads never do: the facade keeps each
//! request's `params`, each response's `result` and each event's `data` on its side, under a
//! numeric token, and the state machine (generic over its payload type) carries the token.
//!
//! Re-entrancy: no method calls into JS, so no borrow of a `CilCore` is ever held while the
//! page's code runs; the facade performs each effect after `next()` has returned.

use alloc::string::String;
use alloc::vec::Vec;

use cil_client_core::{Call, Client, Config, Failure, Incoming, Output};
use cil_protocol::{ErrorCode, EventName, Method};

use crate::args::{Checker, Use};
use crate::options;

/// The effect codes [`CilCore::next_effect`] returns (and what the fields hold for each).
pub mod op {
    /// No more effects.
    pub const NONE: u32 = 0;
    /// Post `{kind: "syn", clientId: s}` to the target window at each allowed origin.
    pub const POST_SYN: u32 = 1;
    /// Close every port.
    pub const DROP_PORTS: u32 = 2;
    /// Listen on the port of the `ack` just passed to `window`, as port generation `a`.
    pub const ADOPT_PORT: u32 = 3;
    /// Send request token `b` with wire id `a` on the newest port.
    pub const SEND: u32 = 4;
    /// Resolve request token `a` with the `result` just passed to `response` (`null` → nothing).
    pub const RESOLVE: u32 = 5;
    /// Reject request token `a` with `CilError(s, c, r)`.
    pub const REJECT: u32 = 6;
    /// Call the handlers of event number `a` (in `CilCore.events()`) with the `data` just passed.
    pub const EVENT: u32 = 7;
    /// Raise a client-side `error` event: message `s`, code `c`, requestId `r`.
    pub const REPORT: u32 = 8;
    /// The connection changed: connected `a` (1/0), hostId `s`, reason `r` (empty: none).
    pub const CONNECTION: u32 = 9;
    /// Reject the waiting `initIntegration` Promises with `CilError(s, c)`.
    pub const CONNECT_FAILED: u32 = 10;
    /// Call `tick` no later than time `t` (ms since the epoch).
    pub const WAKE_AT: u32 = 11;
    /// Write `cil: s` to the console at level `a` (1 error, 2 warn, 3 info, 4 debug).
    pub const LOG: u32 = 12;
    /// Resolve the waiting `initIntegration` Promises.
    pub const READY: u32 = 13;
}

/// One `cil` client's brain: see the module docs. Configured with [`option`](Self::option),
/// started with [`ready`](Self::ready).
#[derive(Debug)]
pub struct CilCore {
    core: Client<u32, u32>,
    origins: Vec<String>,
    checker: Option<Checker>,
    queue: Vec<Effect>,
    head: usize,
    generation: u32,
    /// The earliest wake-up time handed out since the timer last fired: a later one is not
    /// handed out (the facade's timer fires first anyway, and `tick` hands out the next one),
    /// which spares the facade an effect on every call.
    armed: f64,
    /// The current effect's first number (a token, a request id, a level, an event number).
    pub a: u32,
    /// The current effect's second number (the token of a `SEND`).
    pub b: u32,
    /// The current effect's time (`WAKE_AT`).
    pub t: f64,
    /// The current effect's text (a message, a client id, a host id).
    pub s: String,
    /// The current effect's error code.
    pub c: String,
    /// The current effect's requestId, or the reason of a connection change.
    pub r: String,
}

impl Default for CilCore {
    fn default() -> Self {
        Self::new()
    }
}

/// A queued effect: the state machine's, or one of the shell's own.
#[derive(Debug)]
enum Effect {
    Out(Output<u32, u32>),
    Log(u32, String),
    Ready,
    Done,
}

fn split(failure: Failure) -> (String, String, String) {
    (
        failure.message,
        failure.code.as_str().into(),
        failure.request_id,
    )
}

impl CilCore {
    /// A client with the default options, not started.
    pub fn new() -> CilCore {
        CilCore {
            core: Client::new(Config::new("")),
            origins: Vec::new(),
            checker: None,
            queue: Vec::new(),
            head: 0,
            generation: 0,
            armed: f64::INFINITY,
            a: 0,
            b: 0,
            t: 0.0,
            s: String::new(),
            c: String::new(),
            r: String::new(),
        }
    }

    /// The positional parameter names of request `method`, comma-separated (empty: unknown).
    pub fn params(method: &str) -> String {
        Method::from_name(method).map_or_else(String::new, |m| joined(m.params().iter().copied()))
    }

    /// The wire names of the events, comma-separated, in the numbering [`op::EVENT`] uses.
    pub fn events() -> String {
        joined(EventName::ALL.iter().map(|e| e.name()))
    }

    /// Diagnostic: the size of this wasm instance's linear memory, in bytes.
    pub fn memory_bytes() -> f64 {
        #[cfg(target_arch = "wasm32")]
        {
            core::arch::wasm32::memory_size(0) as f64 * 65536.0
        }
        #[cfg(not(target_arch = "wasm32"))]
        {
            0.0
        }
    }

    /// Checks constructor option `name` (see [`options::check`]); the message when it is wrong.
    pub fn option(&mut self, name: &str, d: &str, n: f64) -> Option<String> {
        options::check(self.core.config_mut(), &mut self.origins, name, d, n)
            .err()
            .map(|e| e.message())
    }

    /// Names the target window in messages (`name`: `parent`, `top`, `opener`, or empty for a
    /// Window given by the page; `is_self`: it is the page's own window).
    pub fn set_target(&mut self, name: &str, is_self: bool) {
        self.core.config_mut().target_label = options::target_label(name, is_self);
    }

    /// Starts checking a call of `method` (none: an unknown method); false for none.
    pub fn begin(&mut self, method: Option<Method>) -> bool {
        self.checker = method.map(Checker::new);
        self.checker.is_some()
    }

    /// The next argument of the call (see [`Checker::arg`]); returns a [`Use`] code.
    pub fn arg(&mut self, d: &str, n: f64) -> u32 {
        self.checker.as_mut().map_or(Use::Error, |c| c.arg(d, n)) as u32
    }

    /// One `updatedData` entry (see [`Checker::entry`]).
    pub fn entry(&mut self, key: &str, d: &str) -> bool {
        self.checker.as_mut().is_some_and(|c| c.entry(key, d))
    }

    /// The options object's `timeout` (see [`Checker::timeout`]).
    pub fn timeout(&mut self, d: &str, n: f64) {
        if let Some(c) = self.checker.as_mut() {
            c.timeout(d, n);
        }
    }

    /// Ends the checks of a call with `count` arguments: the `INVALID_ARGUMENT` message when
    /// one was wrong (the call is then dropped), nothing when the call may go ahead.
    pub fn finish(&mut self, count: u32) -> Option<String> {
        let result = self.checker.as_mut().map(|c| c.finish(count));
        match result {
            Some(Ok(())) => None,
            Some(Err(message)) => {
                self.checker = None;
                Some(message)
            }
            None => Some("no request to check".into()),
        }
    }

    /// Makes the checked call, under the facade's `token`: it is sent, queued, or rejected.
    pub fn call(&mut self, token: u32, now: f64) {
        if let Some(checker) = self.checker.take() {
            let call = Call {
                method: checker.method(),
                params: token,
                request_id: checker.request_id,
                timeout_ms: checker.timeout_ms,
                reply: token,
            };
            let out = self.core.call(call, now);
            self.push(out);
        }
    }

    /// `initIntegration`: [`op::READY`] at once when connected, [`op::CONNECT_FAILED`] when
    /// destroyed, otherwise starts connecting (again, after a connect timeout).
    pub fn ready(&mut self, now: f64) {
        if self.core.is_connected() {
            self.queue.push(Effect::Ready);
        } else if *self.core.link() == cil_client_core::Link::Destroyed {
            self.queue.push(Effect::Out(Output::ConnectFailed(Failure {
                code: ErrorCode::Destroyed,
                message: "initIntegration: this instance was destroyed".into(),
                request_id: String::new(),
            })));
        } else {
            let out = self.core.start(now);
            self.push(out);
        }
    }

    /// A connects-cil `announce` (`ack`: false) or `ack` arrived on the window, from the target
    /// window or not, from `origin`; with `has_port` when it carried a `MessagePort`.
    #[allow(clippy::too_many_arguments)]
    pub fn window(
        &mut self,
        ack: bool,
        from_target: bool,
        origin: &str,
        client_id: Option<String>,
        host_id: Option<String>,
        has_port: bool,
        now: f64,
    ) {
        let input = match (ack, client_id, host_id) {
            (false, _, Some(host_id)) => Incoming::Announce { host_id },
            (false, _, None) => malformed("announce without a string hostId"),
            (true, Some(client_id), Some(host_id)) => Incoming::Ack { client_id, host_id },
            (true, _, _) => malformed("ack without a string clientId and hostId"),
        };
        let origin_ok = self.origins.iter().any(|o| o == "*" || o == origin);
        if !from_target || !origin_ok {
            let mut text = String::from("ignored an ");
            text.push_str(match input {
                Incoming::Announce { .. } => "announce",
                Incoming::Ack { .. } => "ack",
                _ => "message",
            });
            if from_target {
                text.push_str(" from origin ");
                text.push_str(origin);
                text.push_str(", which allowedOrigins does not list");
            } else {
                text.push_str(" from a window that is not the target");
            }
            self.queue.push(Effect::Log(2, text));
            return;
        }
        let input = match input {
            Incoming::Ack { .. } if !has_port => malformed("ack without a MessagePort"),
            input => input,
        };
        self.receive(input, now);
    }

    /// A `response` arrived on a port (any generation: older ports finish their responses).
    /// `ok`: its `ok` field when a boolean; with the `result` kept by the facade, or the
    /// `error`'s `code` and `message` when they are strings. A failure whose `error` is not
    /// `{code, message}` still rejects its request (`REQUEST_FAILED`), and is reported as
    /// malformed too.
    pub fn response(
        &mut self,
        id: f64,
        ok: Option<bool>,
        code: Option<String>,
        message: Option<String>,
        now: f64,
    ) {
        // A whole number in u32 range (`f64::fract` is std-only).
        let valid_id = (0.0..=f64::from(u32::MAX)).contains(&id) && f64::from(id as u32) == id;
        let input = match ok {
            _ if !valid_id => malformed("response without a valid id"),
            None => malformed("response without a boolean ok"),
            Some(true) => Incoming::Response {
                id: id as u32,
                outcome: Ok(0),
            },
            Some(false) => {
                if code.is_none() || message.is_none() {
                    self.receive(
                        malformed("failed response without an error {code, message} of strings"),
                        now,
                    );
                }
                Incoming::Response {
                    id: id as u32,
                    outcome: Err((
                        code.map_or(ErrorCode::RequestFailed, |c| ErrorCode::parse(&c)),
                        message.unwrap_or_else(|| "the gadget reported a failure".into()),
                    )),
                }
            }
        };
        self.receive(input, now);
    }

    /// A message of ours on port generation `generation` that cannot be used (`why`: 1 an
    /// unsupported `v`, 2 an unknown `kind`, 3 an event without a string `name`).
    pub fn malformed_port(&mut self, generation: u32, why: u32, now: f64) {
        if generation != self.generation {
            return;
        }
        let reason = match why {
            1 => "unsupported protocol version v",
            2 => "message of an unknown kind",
            _ => "event without a string name",
        };
        self.receive(malformed(reason), now);
    }

    /// An `event` number `index` arrived on port generation `generation`; `is_object`: its
    /// `data` is an object (kept by the facade).
    pub fn event(&mut self, generation: u32, index: u32, is_object: bool, now: f64) {
        // Only the newest port speaks for the gadget.
        if generation != self.generation {
            return;
        }
        let input = match EventName::ALL.get(index as usize) {
            Some(&name) if is_object => Incoming::Event { name, data: 0 },
            _ => malformed("event without a data object"),
        };
        self.receive(input, now);
    }

    /// A `bye` arrived on port generation `generation`.
    pub fn bye(&mut self, generation: u32, host_id: Option<String>, now: f64) {
        if generation != self.generation {
            return;
        }
        let input = match host_id {
            Some(host_id) => Incoming::Bye { host_id },
            None => malformed("bye without a string hostId"),
        };
        self.receive(input, now);
    }

    /// Time passed (the facade's timer fired).
    pub fn tick(&mut self, now: f64) {
        self.armed = f64::INFINITY;
        let out = self.core.tick(now);
        self.push(out);
    }

    /// `destroy()`: everything pending is rejected with `DESTROYED`.
    pub fn destroy(&mut self) {
        let out = self.core.destroy();
        self.push(out);
    }

    /// Whether the handshake is done.
    pub fn connected(&self) -> bool {
        self.core.is_connected()
    }

    /// The `hostId` of the connected gadget, if connected.
    pub fn host_id(&self) -> Option<String> {
        self.core.link().host_id().map(String::from)
    }

    /// Whether [`next_effect`](Self::next_effect) has another effect to hand out.
    pub fn has_effects(&self) -> bool {
        self.queue.len() > self.head
    }

    /// The next effect to perform (an [`op`] code; [`op::NONE`] when there is none), with its
    /// fields in `a`, `b`, `t`, `s`, `c`, `r`.
    pub fn next_effect(&mut self) -> u32 {
        let Some(slot) = self.queue.get_mut(self.head) else {
            self.queue.clear();
            self.head = 0;
            return op::NONE;
        };
        let effect = core::mem::replace(slot, Effect::Done);
        self.head += 1;
        // The facade stops asking after the last effect (it is told there is no `more`), so
        // the queue is emptied here, not on the call that finds it empty.
        if self.head >= self.queue.len() {
            self.queue.clear();
            self.head = 0;
        }
        let output = match effect {
            Effect::Out(output) => output,
            Effect::Log(level, text) => {
                self.s = text;
                return self.set(op::LOG, level, 0);
            }
            Effect::Ready => return self.set(op::READY, 0, 0),
            Effect::Done => return self.set(op::NONE, 0, 0),
        };
        let (op, a, b) = match output {
            Output::PostSyn { client_id } => {
                self.s = client_id;
                (op::POST_SYN, 0, 0)
            }
            Output::DropPorts => (op::DROP_PORTS, 0, 0),
            Output::AdoptPort => {
                self.generation = self.generation.wrapping_add(1);
                (op::ADOPT_PORT, self.generation, 0)
            }
            Output::Send { id, params, .. } => (op::SEND, id, params),
            Output::Settle { reply, result } => match result {
                Ok(_) => (op::RESOLVE, reply, 0),
                Err(failure) => {
                    (self.s, self.c, self.r) = split(failure);
                    (op::REJECT, reply, 0)
                }
            },
            Output::Event { name, .. } => {
                let index = EventName::ALL.iter().position(|e| *e == name).unwrap_or(0);
                (op::EVENT, index as u32, 0)
            }
            Output::ReportError(failure) => {
                (self.s, self.c, self.r) = split(failure);
                (op::REPORT, 0, 0)
            }
            Output::Connection(change) => {
                self.s = change.host_id;
                self.r = change.reason.unwrap_or_default().into();
                (op::CONNECTION, u32::from(change.connected), 0)
            }
            Output::ConnectFailed(failure) => {
                (self.s, self.c, self.r) = split(failure);
                (op::CONNECT_FAILED, 0, 0)
            }
            Output::WakeAt(at) => {
                self.t = at;
                (op::WAKE_AT, 0, 0)
            }
        };
        self.set(op, a, b)
    }
}

impl CilCore {
    fn receive(&mut self, input: Incoming<u32>, now: f64) {
        let out = self.core.receive(input, now);
        self.push(out);
    }

    fn push(&mut self, out: Vec<Output<u32, u32>>) {
        for output in out {
            if let Output::WakeAt(at) = output {
                if at >= self.armed {
                    continue;
                }
                self.armed = at;
            }
            self.queue.push(Effect::Out(output));
        }
    }

    fn set(&mut self, op: u32, a: u32, b: u32) -> u32 {
        self.a = a;
        self.b = b;
        op
    }
}

/// `a,b,c` (without `[T]::join`, whose bounds checks pull in the panic formatting machinery).
fn joined<'a>(items: impl Iterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for item in items {
        if !out.is_empty() {
            out.push(',');
        }
        out.push_str(item);
    }
    out
}

fn malformed(reason: &str) -> Incoming<u32> {
    Incoming::Malformed {
        reason: reason.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::{op, CilCore};
    use crate::args::Use;
    use cil_protocol::Method;

    /// The effects queued, as (op, a, s, c, r).
    fn effects(core: &mut CilCore) -> Vec<(u32, u32, String, String, String)> {
        let mut out = Vec::new();
        loop {
            let op = core.next_effect();
            if op == op::NONE {
                return out;
            }
            out.push((op, core.a, core.s.clone(), core.c.clone(), core.r.clone()));
        }
    }

    fn connected() -> CilCore {
        let mut core = CilCore::new();
        assert_eq!(core.option("clientId", "sc", 0.0), None);
        assert_eq!(core.option("origin", "shttps://gadget.example", 0.0), None);
        core.ready(0.0);
        let started: Vec<u32> = effects(&mut core).iter().map(|e| e.0).collect();
        assert_eq!(started, [op::POST_SYN, op::WAKE_AT]);
        let id = |s: &str| Some(s.to_string());
        core.window(
            true,
            true,
            "https://gadget.example",
            id("c.0"),
            id("h1"),
            true,
            1.0,
        );
        let up: Vec<u32> = effects(&mut core).iter().map(|e| e.0).collect();
        assert_eq!(up, [op::ADOPT_PORT, op::CONNECTION]);
        assert!(core.connected());
        core
    }

    #[test]
    fn a_call_is_sent_and_its_response_resolves_it() {
        let mut core = connected();
        assert!(core.begin(Method::from_name("getChannel")));
        assert_eq!(core.arg("svoice", 0.0), Use::Keep as u32);
        assert_eq!(core.finish(1), None);
        core.call(7, 2.0);
        assert_eq!((core.next_effect(), core.b), (op::SEND, 7));
        let id = core.a;
        assert!(
            effects(&mut core).is_empty(),
            "the timer set while connecting fires before the request's deadline"
        );
        core.tick(300.0);
        let wake = effects(&mut core);
        assert_eq!(wake.len(), 1);
        assert_eq!(wake[0].0, op::WAKE_AT);
        assert!(core.t > 2.0 + 1000.0, "the request's deadline, {}", core.t);
        core.begin(Method::from_name("getChannel"));
        core.arg("svoice", 0.0);
        assert_eq!(core.finish(1), None);
        core.call(8, 301.0);
        assert_eq!(
            effects(&mut core).len(),
            1,
            "a later deadline needs no wake-up"
        );
        core.event(1, 5, true, 3.0);
        assert_eq!(effects(&mut core)[0].0, op::EVENT);
        core.response(f64::from(id), Some(true), None, None, 4.0);
        let done = effects(&mut core);
        assert_eq!((done.len(), done[0].0, done[0].1), (1, op::RESOLVE, 7));
        core.response(f64::from(id), Some(true), None, None, 5.0);
        assert!(effects(&mut core).is_empty(), "a second answer is ignored");
    }

    #[test]
    fn the_effect_queue_is_released_when_its_last_effect_is_taken() {
        let mut core = connected();
        for token in 0..1000 {
            core.begin(Method::from_name("getChannel"));
            core.arg("svoice", 0.0);
            assert_eq!(core.finish(1), None);
            core.call(token, 2.0);
            // As the facade does: take effects while there are more, never one call past.
            let mut ops = Vec::new();
            loop {
                ops.push(core.next_effect());
                if !core.has_effects() {
                    break;
                }
            }
            assert_eq!(ops.last(), Some(&op::SEND));
            core.response(f64::from(core.a), Some(true), None, None, 3.0);
            assert_eq!(core.next_effect(), op::RESOLVE);
            assert!(!core.has_effects());
            assert!(core.queue.is_empty() && core.head == 0);
        }
    }

    #[test]
    fn host_failures_and_malformed_messages() {
        let mut core = connected();
        core.begin(Method::from_name("getChannel"));
        core.arg("svoice", 0.0);
        core.arg("sr-1", 0.0);
        assert_eq!(core.finish(2), None);
        core.call(9, 2.0);
        let id = effects(&mut core)[0].1;
        core.response(
            f64::from(id),
            Some(false),
            Some("UNKNOWN_CHANNEL".into()),
            None,
            3.0,
        );
        let failed = effects(&mut core);
        assert_eq!(
            (failed[0].0, failed[0].3.as_str()),
            (op::REPORT, "MALFORMED_MESSAGE")
        );
        assert_eq!(failed[1].0, op::REJECT);
        assert_eq!(failed[1].1, 9);
        assert_eq!(failed[1].3, "UNKNOWN_CHANNEL");
        assert_eq!(failed[1].4, "r-1");
        assert_eq!(failed[1].2, "the gadget reported a failure");
        core.response(7.0, None, None, None, 4.0);
        assert!(effects(&mut core)[0].2.contains("without a boolean ok"));
        core.malformed_port(1, 2, 4.0);
        assert!(effects(&mut core)[0].2.contains("unknown kind"));
        core.malformed_port(0, 2, 4.0);
        assert!(
            effects(&mut core).is_empty(),
            "an older port's garbage is ignored"
        );
        core.response(1.5, Some(true), None, None, 4.0);
        let bad = effects(&mut core);
        assert_eq!(
            (bad[0].0, bad[0].3.as_str()),
            (op::REPORT, "MALFORMED_MESSAGE")
        );
        core.event(1, 0, false, 5.0);
        assert!(effects(&mut core)[0]
            .2
            .contains("event without a data object"));
        core.event(0, 0, true, 5.0);
        assert!(
            effects(&mut core).is_empty(),
            "an older port's events are ignored"
        );
    }

    #[test]
    fn handshake_messages_from_elsewhere_are_refused_and_logged() {
        let mut core = CilCore::new();
        core.option("origin", "shttps://gadget.example", 0.0);
        core.ready(0.0);
        effects(&mut core);
        core.window(
            true,
            true,
            "https://evil.example",
            Some("c".into()),
            Some("h".into()),
            true,
            1.0,
        );
        let e = effects(&mut core);
        assert_eq!((e[0].0, e[0].1), (op::LOG, 2));
        assert!(e[0]
            .2
            .contains("from origin https://evil.example, which allowedOrigins"));
        core.window(
            false,
            false,
            "https://gadget.example",
            None,
            Some("h".into()),
            false,
            1.0,
        );
        assert!(effects(&mut core)[0].2.contains("not the target"));
        assert!(!core.connected());
    }

    #[test]
    fn ready_and_destroy() {
        let mut core = connected();
        core.ready(5.0);
        assert_eq!(effects(&mut core)[0].0, op::READY);
        core.destroy();
        let gone: Vec<u32> = effects(&mut core).iter().map(|e| e.0).collect();
        assert_eq!(gone, [op::DROP_PORTS]);
        core.ready(6.0);
        let e = effects(&mut core);
        assert_eq!((e[0].0, e[0].3.as_str()), (op::CONNECT_FAILED, "DESTROYED"));
        assert!(CilCore::params("setAgentState") == "channelId,state,reasonCode");
        assert!(CilCore::events().starts_with("agentStateChange,callVariableChanged,"));
    }
}
