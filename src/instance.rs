//! One `cil` instance at work: the state machine of `cil-client-core` with its I/O — the window
//! listener, the ports, the timer, the Promises and the page's handlers.
//!
//! # How an input is handled
//!
//! Every input (a call from the page, a message, the timer) goes the same way:
//!
//! 1. borrow the state, feed the input to the state machine, and put the effects it returns at
//!    the end of the instance's effect queue; release the borrow;
//! 2. drain the queue: take one effect (a short borrow), perform it with **no borrow held**, and
//!    repeat until the queue is empty.
//!
//! Effects call the page's code (handlers; a `target` object's own `postMessage`), and that code
//! may call back into the instance: `getChannel` from a `workitemCreate` handler, `destroy()`
//! from an `onError` handler. Such a nested input only queues its effects (step 1): the drain
//! already running performs them after the ones queued before, so effects happen in the order
//! the state machine produced them — requests queued before the handshake go out before one
//! made by an `onConnectionChange` handler, for instance.
//!
//! # Lifetime
//!
//! The window listener, the ports' listeners and the timer hold the instance (an `Rc`): an
//! instance lives, and every request it has in flight settles, even when the page keeps no
//! reference to it. `destroy()` ends that: it drops the listeners and the timer, rejects what is
//! pending with `DESTROYED`, and removes the handlers.

use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

use cil_client_core::{Call, Client, Failure, Incoming, Output};
use cil_protocol::{ErrorCode, EventName, Method};
use gloo_events::EventListener;
use js_sys::{Function, Promise};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{MessageEvent, MessagePort};

use crate::args;
use crate::clock::{self, Alarm};
use crate::error::{error_event, CilError};
use crate::handlers::{thrown_message, Handlers, Topic};
use crate::js::{self, PostTarget};
use crate::log::{self, Level};
use crate::options::{self, Settings};
use crate::support::SupportLog;
use crate::transport::Ports;
use crate::wire::{self, PortMessage, WindowMessage};

/// How a request's Promise settles (`resultShape`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// The 2.7 reference: resolve with the value, reject with a `CilError`.
    Value,
    /// `{success: true, response}` or `{success: false, error}`, always resolved.
    Envelope,
    /// The envelope, with `response` as `{enabled}` (`isUpdateWorkitemDataEnabled`).
    EnvelopeEnabled,
}

impl Shape {
    /// The shape of `method`'s results for an instance with (or without) the envelope.
    pub fn of(envelope: bool, method: Method) -> Shape {
        match (envelope, method) {
            (false, _) => Shape::Value,
            (true, Method::IsUpdateWorkitemDataEnabled) => Shape::EnvelopeEnabled,
            (true, _) => Shape::Envelope,
        }
    }

    /// A Promise settled with `failure`, in this shape.
    pub fn failed(self, failure: &Failure) -> Promise {
        match self {
            Shape::Value => Promise::reject(&CilError::from_failure(failure)),
            _ => Promise::resolve(&wire::failure_envelope(failure)),
        }
    }
}

/// The resolve and reject functions of a Promise, and its shape: the state machine's reply slot.
#[derive(Debug)]
pub struct Reply {
    resolve: Function,
    reject: Function,
    shape: Shape,
}

impl Reply {
    /// A new Promise and the slot that settles it.
    pub fn promise(shape: Shape) -> (Promise, Reply) {
        let mut slot = None;
        let promise = Promise::new(&mut |resolve, reject| slot = Some((resolve, reject)));
        // The executor runs synchronously inside `new Promise`, so the slot is always filled.
        let (resolve, reject) = slot.unwrap_or_else(|| (Function::default(), Function::default()));
        (
            promise,
            Reply {
                resolve,
                reject,
                shape,
            },
        )
    }

    fn resolve(self, value: &JsValue) {
        js::call_resolving(&self.resolve, value);
    }

    fn reject(self, error: &JsValue) {
        js::call_resolving(&self.reject, error);
    }

    /// Settles with a request's outcome, in the reply's shape. `null` is "a promise which has
    /// no value": it resolves to `undefined`.
    fn settle(self, result: Result<JsValue, Failure>) {
        let value = |v: JsValue| if v.is_null() { JsValue::UNDEFINED } else { v };
        match (self.shape, result) {
            (Shape::Value, Ok(v)) => self.resolve(&value(v)),
            (Shape::Value, Err(f)) => self.reject(&CilError::from_failure(&f)),
            (Shape::Envelope, Ok(v)) => self.resolve(&wire::success_envelope(value(v), false)),
            (Shape::EnvelopeEnabled, Ok(v)) => self.resolve(&wire::success_envelope(v, true)),
            (_, Err(f)) => self.resolve(&wire::failure_envelope(&f)),
        }
    }
}

/// An effect waiting in the queue.
#[derive(Debug)]
enum Effect {
    /// The state machine's.
    Out(Output<JsValue, Reply>),
    /// Adopt this port (the state machine's `AdoptPort`, with the port of its `ack`).
    Adopt(MessagePort),
    /// Write to the console.
    Log(Level, String),
    /// Resolve the waiting `initIntegration`s (already connected).
    Ready,
}

/// What an instance keeps between inputs.
#[derive(Debug)]
struct State {
    client: Client<JsValue, Reply>,
    target: JsValue,
    origins: Vec<String>,
    level: Level,
    started: bool,
    destroyed: bool,
    window_listener: Option<EventListener>,
    ports: Ports,
    alarm: Alarm,
    /// `initIntegration`s waiting for the connection.
    readies: Vec<Reply>,
    logger: Option<Function>,
    support: SupportLog,
    envelope: bool,
}

/// One `cil` instance: see the module docs.
#[derive(Debug)]
pub struct Instance {
    me: Weak<Instance>,
    state: RefCell<State>,
    handlers: RefCell<Handlers>,
    effects: RefCell<Vec<Effect>>,
    draining: Cell<bool>,
    /// The clock's time at the last input: the time of the messages noted in the same step.
    turn: Cell<f64>,
}

impl Instance {
    /// An instance with these settings; it starts connecting at its first use ([`start`]).
    ///
    /// [`start`]: Instance::start
    pub fn new(settings: Settings) -> Rc<Instance> {
        Rc::new_cyclic(|me| Instance {
            me: me.clone(),
            state: RefCell::new(State {
                client: Client::new(settings.config),
                target: settings.target,
                origins: settings.origins,
                level: settings.level,
                started: false,
                destroyed: false,
                window_listener: None,
                ports: Ports::new(),
                alarm: Alarm::new(),
                readies: Vec::new(),
                logger: settings.logger,
                support: SupportLog::new(settings.support_log_size),
                envelope: settings.envelope,
            }),
            handlers: RefCell::new(Handlers::new()),
            effects: RefCell::new(Vec::new()),
            draining: Cell::new(false),
            turn: Cell::new(0.0),
        })
    }

    fn rc(&self) -> Option<Rc<Instance>> {
        self.me.upgrade()
    }

    /// Runs `f` on the state; `None` if it is borrowed (which the design rules out: no borrow
    /// outlives a step, and no page code runs during one).
    fn with<T>(&self, f: impl FnOnce(&mut State) -> T) -> Option<T> {
        self.state.try_borrow_mut().ok().map(|mut s| f(&mut s))
    }

    /// Queues the state machine's effects (with the port of the `ack` being handled, if any).
    fn queue(&self, out: Vec<Output<JsValue, Reply>>, ack_port: Option<&MessagePort>) {
        if let Ok(mut effects) = self.effects.try_borrow_mut() {
            for output in out {
                effects.push(match (output, ack_port) {
                    (Output::AdoptPort, Some(port)) => Effect::Adopt(port.clone()),
                    (Output::AdoptPort, None) => continue,
                    (output, _) => Effect::Out(output),
                });
            }
        }
    }

    fn queue_effect(&self, effect: Effect) {
        if let Ok(mut effects) = self.effects.try_borrow_mut() {
            effects.push(effect);
        }
    }

    /// Feeds one input to the state machine and queues its effects.
    fn input(
        &self,
        f: impl FnOnce(&mut Client<JsValue, Reply>, f64) -> Vec<Output<JsValue, Reply>>,
    ) {
        let now = self.clock();
        if let Some(out) = self.with(|s| f(&mut s.client, now)) {
            self.queue(out, None);
        }
    }

    /// Reads the clock for a step (see `turn`).
    fn clock(&self) -> f64 {
        let now = clock::now();
        self.turn.set(now);
        now
    }

    /// Performs the queued effects until none is left (see the module docs); a nested call
    /// returns at once and leaves them to the drain already running.
    fn drain(&self) {
        if self.draining.replace(true) {
            return;
        }
        // In batches: the effects queued so far, in order; effects queued while a batch runs
        // (by page code calling back) come after it, in the next batch.
        loop {
            let batch = match self.effects.try_borrow_mut() {
                Ok(mut effects) => std::mem::take(&mut *effects),
                Err(_) => break,
            };
            if batch.is_empty() {
                break;
            }
            for effect in batch {
                self.perform(effect);
            }
        }
        self.draining.set(false);
    }

    fn level(&self) -> Level {
        self.with(|s| s.level).unwrap_or(Level::Silent)
    }

    /// Keeps the line in the support log, then writes it to the page's `logger`, or else to
    /// the console, if `logLevel` lets it through.
    fn log(&self, at: Level, text: &str, extra: Option<&JsValue>) {
        let Some((level, logger)) = self.with(|s| {
            s.support.line(at, text, extra);
            (s.level, s.logger.clone())
        }) else {
            return;
        };
        match logger {
            // Called with no borrow held: the logger is page code.
            Some(logger) if at <= level && at != Level::Silent => {
                let data = extra.cloned().unwrap_or_default();
                let _ = logger.call3(
                    &JsValue::UNDEFINED,
                    &js::string(at.name()),
                    &js::string(text),
                    &data,
                );
            }
            Some(_) => {}
            None => log::write(level, at, text, extra),
        }
    }

    /// Keeps the summary of a message sent or received in the support log, at the time of the
    /// step it belongs to (every message is noted right after the input it makes or comes
    /// from).
    fn note(&self, out: bool, kind: &'static str, name: &'static str, id: Option<u32>) {
        let at = self.turn.get();
        self.with(|s| s.support.message(at, out, kind, name, id));
    }

    /// Notes a received message, by its [`summary`].
    fn note_incoming(&self, (kind, name, id): Summary) {
        self.note(false, kind, name, id);
    }

    /// The support log as `[{time, level, message, data?}]`.
    pub fn support_log(&self) -> js_sys::Array {
        self.with(|s| s.support.to_js()).unwrap_or_default()
    }

    /// The support log as text, one line an entry.
    pub fn support_log_text(&self) -> String {
        self.with(|s| s.support.to_text()).unwrap_or_default()
    }

    /// Starts connecting, once: the window listener and the first `syn`.
    pub fn start(&self) {
        let Some(me) = self.rc() else { return };
        let first = self.with(|s| !std::mem::replace(&mut s.started, true) && !s.destroyed);
        if first != Some(true) {
            return;
        }
        let listener = web_sys::window().map(|window| {
            // A `message` listener only ever receives MessageEvents.
            EventListener::new(&window, "message", move |event| {
                me.on_window(event.unchecked_ref::<MessageEvent>());
            })
        });
        self.with(|s| s.window_listener = listener);
        self.input(|client, now| client.start(now));
        self.drain();
    }

    /// A request from the page: checked, then sent, queued or rejected; the Promise settles.
    // One copy for the seven exported methods (and the statics), not one inlined into each.
    #[inline(never)]
    pub fn request(&self, method: Method, args: &[JsValue]) -> Promise {
        self.start();
        let shape = Shape::of(self.with(|s| s.envelope).unwrap_or(false), method);
        let checked = match args::check(method, args) {
            Ok(checked) => checked,
            Err(rejected) => {
                let failure = Failure {
                    code: ErrorCode::InvalidArgument,
                    message: rejected.message,
                    request_id: rejected.request_id,
                };
                self.report(&failure.message, &failure.code, &failure.request_id);
                self.drain();
                return shape.failed(&failure);
            }
        };
        let params = checked.params;
        if self.level() >= Level::Debug {
            self.log(Level::Debug, method.name(), Some(&params));
        }
        let (promise, reply) = Reply::promise(shape);
        let call = Call {
            method,
            params,
            request_id: checked.request_id,
            timeout_ms: checked.timeout_ms,
            reply,
        };
        self.input(|client, now| client.call(call, now));
        self.drain();
        promise
    }

    /// `initIntegration`: a Promise that resolves once connected (at once if connected).
    pub fn ready(&self) -> Promise {
        self.start();
        let (promise, reply) = Reply::promise(Shape::Value);
        let now = clock::now();
        // Every waiting `initIntegration` waits for the same thing, so they settle together.
        let next = self.with(|s| {
            s.readies.push(reply);
            if s.client.is_connected() {
                Err(Effect::Ready)
            } else if s.destroyed {
                Err(Effect::Out(Output::ConnectFailed(Failure {
                    code: ErrorCode::Destroyed,
                    message: "initIntegration: this instance was destroyed".into(),
                    request_id: String::new(),
                })))
            } else {
                Ok(s.client.start(now))
            }
        });
        match next {
            Some(Ok(out)) => self.queue(out, None),
            Some(Err(effect)) => self.queue_effect(effect),
            None => {}
        }
        self.drain();
        promise
    }

    /// Registers `handler` for `topic`; the token unregisters it.
    pub fn on(&self, topic: Topic, handler: Function) -> u32 {
        self.start();
        if self.with(|s| s.destroyed) == Some(true) {
            return 0;
        }
        self.handlers
            .try_borrow_mut()
            .map_or(0, |mut h| h.add(topic, handler))
    }

    /// Unregisters the handler of `token`.
    pub fn off(&self, topic: Topic, token: u32) {
        if let Ok(mut h) = self.handlers.try_borrow_mut() {
            h.remove(topic, token);
        }
    }

    /// Whether the handshake is done.
    pub fn connected(&self) -> bool {
        self.with(|s| s.client.is_connected()).unwrap_or(false)
    }

    /// The `hostId` of the connected gadget.
    pub fn host_id(&self) -> Option<String> {
        self.with(|s| s.client.link().host_id().map(String::from))
            .flatten()
    }

    /// `destroy()`: listeners, ports and timer go, everything pending rejects with `DESTROYED`.
    pub fn destroy(&self) {
        let first = self.with(|s| {
            if std::mem::replace(&mut s.destroyed, true) {
                return false;
            }
            s.window_listener = None;
            s.alarm.clear();
            true
        });
        if first != Some(true) {
            return;
        }
        self.input(|client, _| client.destroy());
        if let Ok(mut h) = self.handlers.try_borrow_mut() {
            h.clear();
        }
        self.drain();
    }

    fn on_window(&self, event: &MessageEvent) {
        let data = event.data();
        if !wire::is_ours(&data) {
            return;
        }
        let WindowMessage::Handshake { ack, input } = wire::decode_window(&data) else {
            return;
        };
        let origin = event.origin();
        let from_target = self
            .with(|s| {
                let source: JsValue = event.source().map_or(JsValue::NULL, JsValue::from);
                let allowed = s.origins.iter().any(|o| options::allows(o, &origin));
                (source == s.target, allowed)
            })
            .unwrap_or((false, false));
        let what = if ack { "ack" } else { "announce" };
        match from_target {
            (false, _) => {
                let text = ["ignored an ", what, " from a window that is not the target"].concat();
                self.queue_effect(Effect::Log(Level::Warn, text));
            }
            (true, false) => {
                let text = [
                    "ignored an ",
                    what,
                    " from origin ",
                    &origin,
                    ", which allowedOrigins does not list",
                ]
                .concat();
                self.queue_effect(Effect::Log(Level::Warn, text));
            }
            (true, true) => {
                let port = js::as_port(event.ports().get(0));
                let input = match (input, &port) {
                    (Incoming::Ack { .. }, None) => Incoming::Malformed {
                        reason: "ack without a MessagePort".into(),
                    },
                    (input, _) => input,
                };
                let noted = summary(&input);
                let now = self.clock();
                if let Some(out) = self.with(|s| s.client.receive(input, now)) {
                    self.queue(out, port.as_ref());
                }
                self.note_incoming(noted);
            }
        }
        self.drain();
    }

    fn on_port(&self, generation: u32, data: JsValue) {
        let Some(message) = wire::decode_port(&data) else {
            return;
        };
        if self.level() >= Level::Debug {
            self.log(Level::Debug, "received", Some(&data));
        }
        let current = self.with(|s| s.ports.current_generation()) == Some(generation);
        match message {
            PortMessage::Response { input, malformed } => {
                let noted = summary(&input);
                if malformed {
                    let reason = "failed response without an error {code, message} of strings";
                    self.input(|client, now| {
                        client.receive(
                            Incoming::Malformed {
                                reason: reason.into(),
                            },
                            now,
                        )
                    });
                }
                self.input(|client, now| client.receive(input, now));
                self.note_incoming(noted);
            }
            // Only the newest port speaks for the gadget.
            PortMessage::Other(input) if current => {
                let noted = summary(&input);
                self.input(|client, now| client.receive(input, now));
                self.note_incoming(noted);
            }
            PortMessage::Other(_) => {}
            PortMessage::UnknownEvent(name) if current => {
                let text = [
                    "ignored an event of a name this client does not know: ",
                    &name,
                ]
                .concat();
                self.log(Level::Info, &text, None);
            }
            PortMessage::UnknownEvent(_) => {}
        }
        self.drain();
    }

    fn tick(&self) {
        self.with(|s| s.alarm.clear());
        self.input(|client, now| client.tick(now));
        self.drain();
    }

    /// Raises a client-side `error` event (and logs it).
    fn report(&self, message: &str, code: &ErrorCode, request_id: &str) {
        self.log(Level::Warn, message, None);
        self.dispatch(
            Topic::Event(EventName::Error),
            &error_event(message, code, request_id),
        );
    }

    /// Calls the handlers of `topic` with `data` (see [`crate::handlers`]).
    fn dispatch(&self, topic: Topic, data: &JsValue) {
        let snapshot = match self.handlers.try_borrow() {
            Ok(h) => h.snapshot(topic),
            Err(_) => return,
        };
        if snapshot.is_empty() {
            return;
        }
        for thrown in snapshot.call(data) {
            let message = thrown_message(topic, &thrown);
            self.log(Level::Error, &message, Some(&thrown));
            if topic == Topic::Event(EventName::Error) {
                continue;
            }
            let report = error_event(&message, &ErrorCode::HandlerError, "");
            let errors = match self.handlers.try_borrow() {
                Ok(h) => h.snapshot(Topic::Event(EventName::Error)),
                Err(_) => continue,
            };
            for again in errors.call(&report) {
                self.log(Level::Error, "an onError handler threw", Some(&again));
            }
        }
    }

    fn settle_readies(&self, error: Option<&JsValue>) {
        let readies = self
            .with(|s| std::mem::take(&mut s.readies))
            .unwrap_or_default();
        for reply in readies {
            match error {
                None => reply.resolve(&JsValue::UNDEFINED),
                Some(error) => reply.reject(error),
            }
        }
    }

    fn perform(&self, effect: Effect) {
        let output = match effect {
            Effect::Out(output) => output,
            Effect::Adopt(port) => return self.adopt(port),
            Effect::Log(at, text) => return self.log(at, &text, None),
            Effect::Ready => return self.settle_readies(None),
        };
        match output {
            Output::PostSyn { client_id } => self.post_syn(&client_id),
            Output::DropPorts => {
                self.with(|s| s.ports.close_all());
            }
            // Turned into `Effect::Adopt` (with its port) when queued.
            Output::AdoptPort => {}
            Output::Send { id, method, params } => {
                self.note(true, "request", method.name(), Some(id));
                let message = wire::request(id, method.name(), &params);
                if let Some(Some(port)) = self.with(|s| s.ports.current().cloned()) {
                    if port.post_message(&message).is_err() {
                        self.log(Level::Warn, "could not send a request on the port", None);
                    }
                }
            }
            Output::Settle { reply, result } => reply.settle(result),
            Output::Event { name, data } => self.dispatch(Topic::Event(name), &data),
            Output::ReportError(failure) => {
                self.report(&failure.message, &failure.code, &failure.request_id)
            }
            Output::Connection(change) => {
                let text = if change.connected {
                    "connected to gadget "
                } else {
                    "lost the connection to gadget "
                };
                self.log(Level::Info, &[text, &change.host_id].concat(), None);
                if change.connected {
                    self.settle_readies(None);
                }
                let payload = wire::connection_change(&change);
                self.dispatch(Topic::Connection, &payload);
            }
            Output::ConnectFailed(failure) => {
                if failure.code != ErrorCode::Destroyed {
                    self.log(Level::Warn, &failure.message, None);
                }
                self.settle_readies(Some(&CilError::from_failure(&failure)));
            }
            Output::WakeAt(at) => {
                let me = self.me.clone();
                self.with(|s| {
                    if !s.destroyed {
                        s.alarm.arm(at, move || {
                            if let Some(me) = me.upgrade() {
                                me.tick();
                            }
                        });
                    }
                });
            }
        }
    }

    fn post_syn(&self, client_id: &str) {
        let Some((target, origins)) = self.with(|s| (s.target.clone(), s.origins.clone())) else {
            return;
        };
        self.note(true, "syn", "", None);
        let syn = wire::syn(client_id);
        // Posted without a borrow: a window-like `target` given by the page runs page code.
        // A pattern is posted to as `*`, once (see `options::post_origin`).
        let mut posted_any = false;
        for origin in &origins {
            let to = options::post_origin(origin);
            if to == "*" && std::mem::replace(&mut posted_any, true) {
                continue;
            }
            if target
                .unchecked_ref::<PostTarget>()
                .post_message(&syn, to)
                .is_err()
            {
                let text = ["could not post syn to origin ", origin].concat();
                self.log(Level::Warn, &text, None);
            }
        }
    }

    fn adopt(&self, port: MessagePort) {
        let Some(me) = self.rc() else { return };
        let generation = self.with(|s| (!s.destroyed).then(|| s.ports.next_generation()));
        let Some(Some(generation)) = generation else {
            port.close();
            return;
        };
        // Made with no borrow held (adding a listener may run code of a page that wraps it).
        let listener = EventListener::new(&port, "message", move |event| {
            me.on_port(generation, event.unchecked_ref::<MessageEvent>().data());
        });
        self.with(|s| s.ports.adopt(port, listener));
    }
}

/// What the support log keeps of a received message: kind, method or event name, id.
type Summary = (&'static str, &'static str, Option<u32>);

/// The [`Summary`] of `input`.
fn summary(input: &Incoming<JsValue>) -> Summary {
    match input {
        Incoming::Announce { .. } => ("announce", "", None),
        Incoming::Ack { .. } => ("ack", "", None),
        Incoming::Bye { .. } => ("bye", "", None),
        Incoming::Response { id, outcome } => (
            "response",
            if outcome.is_ok() { "ok" } else { "error" },
            Some(*id),
        ),
        Incoming::Event { name, .. } => ("event", name.name(), None),
        Incoming::Malformed { .. } => ("malformed message", "", None),
    }
}
