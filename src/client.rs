//! The `CilClient` class the JS facade wraps: it owns a client core, the transport, the timer
//! and the handlers, performs the core's outputs, and turns them into Promises, events and
//! console lines.
//!
//! Re-entrancy rule: every entry point borrows the state only to feed the core (or to touch the
//! transport), and releases it before calling anything the page wrote — handlers, Promise
//! callbacks — so a handler can call `cil` again.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use cil_client_core::{Call, Client, Failure, Incoming, Output};
use cil_protocol::{ErrorCode, EventName, Method};
use gloo_events::EventListener;
use gloo_timers::callback::Timeout;
use js_sys::{Array, Function, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{MessageEvent, MessagePort};

use crate::args;
use crate::decode::{self, Decoded};
use crate::errors::{cil_error, error_event};
use crate::handlers::{self, Handlers, CONNECTION_CHANGE};
use crate::keys::Keys;
use crate::log::{log, Level};
use crate::options;
use crate::transport::{self, PortLink};

/// The two ends of a request's (or `initIntegration`'s) Promise.
pub(crate) struct Reply {
    resolve: Function,
    reject: Function,
}

impl core::fmt::Debug for Reply {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("Reply")
    }
}

type Core = Client<JsValue, Reply>;
type Outputs = Vec<Output<JsValue, Reply>>;

struct State {
    core: Core,
    target: JsValue,
    origins: Vec<String>,
    window_listener: Option<EventListener>,
    ports: Vec<PortLink>,
    generation: u32,
    timer: Option<(f64, Timeout)>,
    ready: Vec<Reply>,
}

struct Inner {
    keys: Keys,
    level: Level,
    handlers: Handlers,
    state: RefCell<State>,
}

/// One `cil` client: a connection to one gadget window, its requests and its event handlers.
#[wasm_bindgen]
pub struct CilClient {
    inner: Rc<Inner>,
}

fn now() -> f64 {
    js_sys::Date::now()
}

fn new_reply() -> (Promise, Option<Reply>) {
    let mut reply = None;
    let promise = Promise::new(&mut |resolve, reject| reply = Some(Reply { resolve, reject }));
    (promise, reply)
}

fn invalid(message: String) -> JsValue {
    cil_error(&Failure {
        code: ErrorCode::InvalidArgument,
        message,
        request_id: String::new(),
    })
}

#[wasm_bindgen]
impl CilClient {
    /// Creates a client (see the options module for `options`) and starts connecting.
    /// Throws a `CilError` with code `INVALID_ARGUMENT` for bad options.
    #[wasm_bindgen(constructor)]
    pub fn new(options: JsValue) -> Result<CilClient, JsValue> {
        let Some(window) = web_sys::window() else {
            return Err(invalid("cil needs a browser window".into()));
        };
        let options = options::parse(&window, &options).map_err(|e| invalid(e.message()))?;
        let inner = Rc::new(Inner {
            keys: Keys::new(),
            level: options.level,
            handlers: Handlers::default(),
            state: RefCell::new(State {
                core: Client::new(options.config),
                target: options.target,
                origins: options.origins,
                window_listener: None,
                ports: Vec::new(),
                generation: 0,
                timer: None,
                ready: Vec::new(),
            }),
        });
        let weak = Rc::downgrade(&inner);
        let listener = EventListener::new(&window, "message", move |event| {
            if let (Some(inner), Some(event)) = (weak.upgrade(), event.dyn_ref::<MessageEvent>()) {
                on_window_message(&inner, event);
            }
        });
        if let Ok(mut state) = inner.state.try_borrow_mut() {
            state.window_listener = Some(listener);
        }
        drive(&inner, None, |core, now| core.start(now));
        Ok(CilClient { inner })
    }

    /// Sends request `method` with the positional `args` of the reference (then an optional
    /// `requestId`, then an optional `{timeout}`); the Promise settles with the result or a
    /// `CilError`.
    pub fn request(&self, method: &str, args: Array) -> Promise {
        let inner = &self.inner;
        let Some(method) = Method::from_name(method) else {
            let mut message = String::from("unknown request ");
            message.push_str(method);
            return Promise::reject(&invalid(message));
        };
        let checked = match args::check(method, &args) {
            Ok(checked) => checked,
            Err(e) => {
                let mut message = String::from(method.name());
                message.push_str(": ");
                message.push_str(&e.message());
                let request_id = args.get(method.params().len() as u32).as_string();
                let failure = Failure {
                    code: ErrorCode::InvalidArgument,
                    message,
                    request_id: request_id.unwrap_or_default(),
                };
                report(inner, &failure);
                return Promise::reject(&cil_error(&failure));
            }
        };
        let (promise, reply) = new_reply();
        if let Some(reply) = reply {
            if inner.level >= Level::Debug {
                log(
                    inner.level,
                    Level::Debug,
                    method.name(),
                    Some(&checked.params),
                );
            }
            let call = Call {
                method,
                params: checked.params,
                request_id: checked.request_id,
                timeout_ms: checked.timeout_ms,
                reply,
            };
            drive(inner, None, |core, now| core.call(call, now));
        }
        promise
    }

    /// Registers `handler` for the wire event `event` (e.g. `workitemCreate`) or
    /// `connectionChange`; returns a token for [`off`](Self::off).
    pub fn on(&self, event: &str, handler: JsValue) -> Result<u32, JsValue> {
        let Some(slot) = handlers::slot(event) else {
            let mut message = String::from("unknown event ");
            message.push_str(event);
            return Err(invalid(message));
        };
        let Ok(handler) = handler.dyn_into::<Function>() else {
            let mut message = String::from("handler: expected a function, got ");
            message.push_str(event);
            return Err(invalid(message));
        };
        Ok(self.inner.handlers.add(slot, handler))
    }

    /// Removes the handler registered with `token`; false when it was already removed.
    pub fn off(&self, token: u32) -> bool {
        self.inner.handlers.remove(token)
    }

    /// A Promise that resolves once connected (at once when already), and rejects with
    /// `CONNECT_TIMEOUT` or `DESTROYED`. After a connect timeout it starts a new attempt.
    pub fn ready(&self) -> Promise {
        let inner = &self.inner;
        let (promise, reply) = new_reply();
        let Some(reply) = reply else { return promise };
        let connected = inner.state.try_borrow().map(|s| {
            (
                s.core.is_connected(),
                *s.core.link() == cil_client_core::Link::Destroyed,
            )
        });
        match connected {
            Ok((true, _)) => {
                let _ = reply.resolve.call0(&JsValue::UNDEFINED);
            }
            Ok((_, true)) => {
                let failure = Failure {
                    code: ErrorCode::Destroyed,
                    message: "initIntegration: this instance was destroyed".into(),
                    request_id: String::new(),
                };
                let _ = reply
                    .reject
                    .call1(&JsValue::UNDEFINED, &cil_error(&failure));
            }
            _ => {
                if let Ok(mut state) = inner.state.try_borrow_mut() {
                    state.ready.push(reply);
                }
                drive(inner, None, |core, now| core.start(now));
            }
        }
        promise
    }

    /// Whether the handshake is done.
    #[wasm_bindgen(getter)]
    pub fn connected(&self) -> bool {
        self.inner
            .state
            .try_borrow()
            .is_ok_and(|s| s.core.is_connected())
    }

    /// The `hostId` of the connected gadget, if connected.
    #[wasm_bindgen(getter, js_name = hostId)]
    pub fn host_id(&self) -> Option<String> {
        let state = self.inner.state.try_borrow().ok()?;
        state.core.link().host_id().map(String::from)
    }

    /// Rejects everything pending with `DESTROYED`, removes every listener, timer and handler.
    pub fn destroy(&self) {
        let inner = &self.inner;
        drive(inner, None, |core, _| core.destroy());
        inner.handlers.clear();
        let leftovers = inner.state.try_borrow_mut().map(|mut state| {
            (
                state.window_listener.take(),
                state.timer.take(),
                core::mem::take(&mut state.ports),
            )
        });
        drop(leftovers);
    }
}

/// Feeds one input to the core (borrowing the state only for that), then performs the outputs.
fn drive(
    inner: &Rc<Inner>,
    port: Option<MessagePort>,
    input: impl FnOnce(&mut Core, f64) -> Outputs,
) {
    let outputs = match inner.state.try_borrow_mut() {
        Ok(mut state) => input(&mut state.core, now()),
        Err(_) => return,
    };
    perform(inner, outputs, port);
}

fn perform(inner: &Rc<Inner>, outputs: Outputs, mut port: Option<MessagePort>) {
    let keys = &inner.keys;
    for output in outputs {
        match output {
            Output::PostSyn { client_id } => {
                let failed = match inner.state.try_borrow() {
                    Ok(state) => {
                        transport::post_syn(keys, &state.target, &state.origins, &client_id)
                    }
                    Err(_) => Vec::new(),
                };
                for origin in failed {
                    let mut text = String::from("could not post syn to origin ");
                    text.push_str(&origin);
                    log(inner.level, Level::Warn, &text, None);
                }
            }
            Output::DropPorts => {
                let ports = inner
                    .state
                    .try_borrow_mut()
                    .map(|mut s| core::mem::take(&mut s.ports));
                drop(ports);
            }
            Output::AdoptPort => {
                if let (Some(port), Ok(mut state)) = (port.take(), inner.state.try_borrow_mut()) {
                    state.generation = state.generation.wrapping_add(1);
                    let generation = state.generation;
                    let weak = Rc::downgrade(inner);
                    state.ports.push(PortLink::new(port, move |event| {
                        on_port_message(&weak, generation, &event);
                    }));
                }
            }
            Output::Send { id, method, params } => {
                let message = transport::envelope(keys, &keys.request);
                let _ = Reflect::set(&message, &keys.id, &JsValue::from(id));
                let _ = Reflect::set(&message, &keys.method, &JsValue::from_str(method.name()));
                let _ = Reflect::set(&message, &keys.params, &params);
                if let Ok(state) = inner.state.try_borrow() {
                    if let Some(link) = state.ports.last() {
                        let _ = link.port.post_message(&message);
                    }
                }
            }
            Output::Settle { reply, result } => match result {
                Ok(value) => {
                    let value = if value.is_null() {
                        JsValue::UNDEFINED
                    } else {
                        value
                    };
                    let _ = reply.resolve.call1(&JsValue::UNDEFINED, &value);
                }
                Err(failure) => {
                    let _ = reply
                        .reject
                        .call1(&JsValue::UNDEFINED, &cil_error(&failure));
                }
            },
            Output::Event { name, data } => dispatch(inner, handlers::event_slot(name), &data),
            Output::ReportError(failure) => report(inner, &failure),
            Output::Connection(change) => {
                let data = Object::new();
                let _ = Reflect::set(&data, &keys.connected, &JsValue::from(change.connected));
                let _ = Reflect::set(&data, &keys.host_id, &JsValue::from_str(&change.host_id));
                if let Some(reason) = change.reason {
                    let _ = Reflect::set(&data, &keys.reason, &JsValue::from_str(reason));
                }
                let mut text = String::from(if change.connected {
                    "connected to gadget "
                } else {
                    "lost the connection to gadget "
                });
                text.push_str(&change.host_id);
                log(inner.level, Level::Info, &text, None);
                if change.connected {
                    for reply in take_ready(inner) {
                        let _ = reply.resolve.call0(&JsValue::UNDEFINED);
                    }
                }
                dispatch(inner, CONNECTION_CHANGE, &data);
            }
            Output::ConnectFailed(failure) => {
                if failure.code != ErrorCode::Destroyed {
                    log(inner.level, Level::Warn, &failure.message, None);
                }
                let error = cil_error(&failure);
                for reply in take_ready(inner) {
                    let _ = reply.reject.call1(&JsValue::UNDEFINED, &error);
                }
            }
            Output::WakeAt(at) => arm_timer(inner, at),
        }
    }
}

fn take_ready(inner: &Inner) -> Vec<Reply> {
    inner
        .state
        .try_borrow_mut()
        .map(|mut s| core::mem::take(&mut s.ready))
        .unwrap_or_default()
}

/// Keeps one timer armed for the earliest wake-up asked for; a later one waits for the tick.
fn arm_timer(inner: &Rc<Inner>, at: f64) {
    let Ok(mut state) = inner.state.try_borrow_mut() else {
        return;
    };
    if state.timer.as_ref().is_some_and(|(armed, _)| *armed <= at) {
        return;
    }
    let delay = (at - now()).clamp(0.0, 2_147_483_647.0) as u32;
    let weak = Rc::downgrade(inner);
    let timeout = Timeout::new(delay, move || {
        if let Some(inner) = weak.upgrade() {
            let fired = inner.state.try_borrow_mut().map(|mut s| s.timer.take());
            drop(fired);
            drive(&inner, None, |core, now| core.tick(now));
        }
    });
    state.timer = Some((at, timeout));
}

/// Calls the handlers of `slot`; a handler that throws is logged and reported as an `error`
/// event with code `HANDLER_ERROR` (unless it was an `error` handler: no loops).
fn dispatch(inner: &Inner, slot: usize, data: &JsValue) {
    for thrown in inner.handlers.call(slot, data) {
        let handler = EventName::ALL
            .get(slot)
            .map_or("onConnectionChange", |e| e.handler_name());
        let mut message = String::from("an ");
        message.push_str(handler);
        message.push_str(" handler threw: ");
        let detail = Reflect::get(&thrown, &inner.keys.message)
            .ok()
            .and_then(|m| m.as_string())
            .or_else(|| thrown.as_string())
            .unwrap_or_else(|| "(no message)".into());
        message.push_str(&detail);
        log(inner.level, Level::Error, &message, Some(&thrown));
        if slot != handlers::event_slot(EventName::Error) {
            let failure = Failure {
                code: ErrorCode::HandlerError,
                message,
                request_id: String::new(),
            };
            let data = error_event(&inner.keys, &failure);
            for again in inner
                .handlers
                .call(handlers::event_slot(EventName::Error), &data)
            {
                log(
                    inner.level,
                    Level::Error,
                    "an onError handler threw",
                    Some(&again),
                );
            }
        }
    }
}

/// Raises a client-side `error` event for `failure` (and logs it at `warn`).
fn report(inner: &Inner, failure: &Failure) {
    log(inner.level, Level::Warn, &failure.message, None);
    let data = error_event(&inner.keys, failure);
    dispatch(inner, handlers::event_slot(EventName::Error), &data);
}

fn kind_label(input: &Incoming<JsValue>) -> &'static str {
    match input {
        Incoming::Announce { .. } => "announce",
        Incoming::Ack { .. } => "ack",
        _ => "message",
    }
}

fn on_window_message(inner: &Rc<Inner>, event: &MessageEvent) {
    let Decoded::Input(input) = decode::window_message(&inner.keys, &event.data()) else {
        return;
    };
    let origin = event.origin();
    let (from_target, origin_ok) = match inner.state.try_borrow() {
        Ok(state) => (
            event.source().map(JsValue::from).as_ref() == Some(&state.target),
            state.origins.iter().any(|o| o == "*" || *o == origin),
        ),
        Err(_) => return,
    };
    if !from_target || !origin_ok {
        let mut text = String::from("ignored an ");
        text.push_str(kind_label(&input));
        if from_target {
            text.push_str(" from origin ");
            text.push_str(&origin);
            text.push_str(", which allowedOrigins does not list");
        } else {
            text.push_str(" from a window that is not the target");
        }
        log(inner.level, Level::Warn, &text, None);
        return;
    }
    let mut port = None;
    let input = if let Incoming::Ack { .. } = input {
        match event.ports().get(0).dyn_into::<MessagePort>() {
            Ok(p) => {
                port = Some(p);
                input
            }
            Err(_) => Incoming::Malformed {
                reason: "ack without a MessagePort".into(),
            },
        }
    } else {
        input
    };
    drive(inner, port, |core, now| core.receive(input, now));
}

fn on_port_message(weak: &Weak<Inner>, generation: u32, event: &MessageEvent) {
    let Some(inner) = weak.upgrade() else { return };
    let Decoded::Input(input) = decode::port_message(&inner.keys, &event.data()) else {
        return;
    };
    if !matches!(input, Incoming::Response { .. }) {
        // Only the newest port speaks for the gadget; older ones just finish their responses.
        let current = inner.state.try_borrow().map(|s| s.generation).ok();
        if current != Some(generation) {
            return;
        }
    }
    if inner.level >= Level::Debug {
        log(inner.level, Level::Debug, "received", Some(&event.data()));
    }
    drive(&inner, None, |core, now| core.receive(input, now));
}
