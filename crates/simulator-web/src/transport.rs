//! Carries out the host's [`Effect`]s in the browser: posting on frame windows, creating the
//! `MessageChannel` of a connection and listening on its port, delayed posts, closing.
//!
//! The shared state sits in one `Rc<RefCell<Shell>>`; every borrow here is short and never
//! spans a call into user JS (posting a message does not run page code synchronously; log
//! listeners are called by the simulator module after all borrows are released).

use crate::convert::{to_js, to_json};
use cil_protocol::EventName;
use cil_simulator::host::{Effect, Host};
use js_sys::Array;
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::{Rc, Weak};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{HtmlIFrameElement, MessageChannel, MessageEvent, MessagePort};

/// The port of one connection and the listener that feeds it to the host; dropping it removes
/// the listener (the closures are freed with it).
pub struct PortRec {
    port: MessagePort,
    _listener: PortListener,
}

/// The wasm closures behind a port's `onmessage` (see [`listen`]).
enum PortListener {
    /// `onmessage` itself.
    Rust {
        _on_message: Closure<dyn FnMut(MessageEvent)>,
    },
    /// What the JS listener calls: the fast path's two questions, and the ordinary path.
    Js {
        _fresh: Closure<dyn FnMut(f64) -> bool>,
        _answer: Closure<dyn FnMut(String) -> JsValue>,
        _handle: Closure<dyn FnMut(JsValue)>,
    },
}

thread_local! {
    /// The JS port listener the facade set (see [`set_port_listener`]).
    static PORT_LISTENER: RefCell<Option<js_sys::Function>> = const { RefCell::new(None) };
}

/// Sets the JS function that listens on each new connection's port:
/// `listen(port, fresh, answer, handle)`: `fresh(revision)` and `answer(channelId)` serve the
/// `getChannel` fast path (see [`answer_is_fresh`]) and `handle(data)` takes any other message. Both
/// simulator facades set `js/simulator/port.js` once, when the wasm is loaded: the hot request
/// is then read in JS instead of through a dozen `Reflect.get` calls from wasm (about 7 µs of
/// the host's 15 µs per round trip in the benchmark).
pub fn set_port_listener(listener: js_sys::Function) {
    PORT_LISTENER.with(|l| *l.borrow_mut() = Some(listener));
}

impl Drop for PortRec {
    fn drop(&mut self) {
        self.port.set_onmessage(None);
        self.port.close();
    }
}

/// Everything the shell keeps.
pub struct Shell {
    /// The model.
    pub host: Host,
    /// Attached frames by host frame id.
    pub frames: BTreeMap<u32, HtmlIFrameElement>,
    /// Open connections.
    pub ports: BTreeMap<u32, PortRec>,
    /// `onLog` listeners by token.
    pub log_listeners: BTreeMap<u32, js_sys::Function>,
    /// Next listener token.
    pub next_listener: u32,
    /// The `result` of the last successful response and its JS form: under load an
    /// integration asks the same (`getChannel` of an unchanged gadget) again and again, and
    /// building the JS object is most of the host's cost per request. Compared by value, so it
    /// can never be stale.
    pub result_cache: Option<(serde_json::Value, JsValue)>,
}

/// JS strings the hot paths use again and again, made once (each `JsValue::from_str` would
/// copy and decode the text anew).
struct Keys {
    ns: JsValue,
    v: JsValue,
    kind: JsValue,
    name: JsValue,
    data: JsValue,
    namespace: JsValue,
    event: JsValue,
}

thread_local! {
    static EVENT_NAMES: Vec<(EventName, JsValue)> =
        EventName::ALL.iter().map(|e| (*e, JsValue::from_str(e.name()))).collect();
    static KEYS: Keys = Keys {
        ns: JsValue::from_str("ns"),
        v: JsValue::from_str("v"),
        kind: JsValue::from_str("kind"),
        name: JsValue::from_str("name"),
        data: JsValue::from_str("data"),
        namespace: JsValue::from_str(cil_protocol::NAMESPACE),
        event: JsValue::from_str("event"),
    };
}

/// Shared handle.
pub type Shared = Rc<RefCell<Shell>>;

/// Runs `effects`, then hands new log entries to the listeners.
pub fn apply(shared: &Shared, effects: Vec<Effect>) {
    for effect in effects {
        match effect {
            Effect::PostWindow {
                frame,
                target_origin,
                message,
            } => {
                let window = frame_window(shared, frame);
                if let Some(w) = window {
                    // A frame that navigated to another origin makes this throw: nothing to do.
                    let _ = w.post_message(&to_js(&message), &target_origin);
                }
            }
            Effect::Connect {
                frame,
                conn,
                origin,
                message,
            } => connect(shared, frame, conn, &origin, &message),
            Effect::Post {
                conn,
                message,
                delay_ms,
            } => {
                let js = message_to_js(shared, message);
                if delay_ms == 0 {
                    post(shared, conn, &js);
                } else {
                    post_later(shared, conn, js, delay_ms);
                }
            }
            Effect::Close { conn } => {
                // Dropping the record closes the port; do it outside the borrow.
                let rec = shared
                    .try_borrow_mut()
                    .ok()
                    .and_then(|mut s| s.ports.remove(&conn));
                drop(rec);
            }
        }
    }
}

/// Converts a message posted on a port. An ok response's `result` object comes from
/// [`Shell::result_cache`] when it equals the last one; everything else is converted afresh.
fn message_to_js(shared: &Shared, mut message: serde_json::Value) -> JsValue {
    let is_ok_response = message.get("kind").and_then(serde_json::Value::as_str)
        == Some("response")
        && message.get("ok").and_then(serde_json::Value::as_bool) == Some(true);
    let result = match message.as_object_mut() {
        Some(m) if is_ok_response => m.remove("result"),
        _ => None,
    };
    let Some(result) = result.filter(|r| r.is_object() || r.is_array()) else {
        return to_js(&message);
    };
    let cached = shared.try_borrow().ok().and_then(|s| {
        s.result_cache
            .as_ref()
            .filter(|(v, _)| *v == result)
            .map(|(_, js)| js.clone())
    });
    let result_js = match cached {
        Some(js) => js,
        None => {
            let js = to_js(&result);
            if let Ok(mut s) = shared.try_borrow_mut() {
                s.result_cache = Some((result, js.clone()));
            }
            js
        }
    };
    let envelope = to_js(&message);
    let _ = js_sys::Reflect::set(&envelope, &JsValue::from_str("result"), &result_js);
    envelope
}

/// Calls the `onLog` listeners with the entries logged since the last call; no borrow is held
/// while they run, so a listener may call back into the simulator.
pub fn notify(shared: &Shared) {
    let (entries, listeners) = match shared.try_borrow_mut() {
        Ok(mut s) => {
            let entries = s.host.log.take_fresh();
            let listeners: Vec<js_sys::Function> = s.log_listeners.values().cloned().collect();
            (entries, listeners)
        }
        Err(_) => return,
    };
    for entry in entries {
        let js = to_js(&entry);
        for f in &listeners {
            if let Err(e) = f.call1(&JsValue::NULL, &js) {
                web_sys::console::error_2(
                    &JsValue::from_str("GadgetSimulator onLog listener threw:"),
                    &e,
                );
            }
        }
    }
}

/// The ports of the open connections (cloned handles, so posting needs no borrow).
pub fn open_ports(shell: &Shell) -> Vec<MessagePort> {
    shell.ports.values().map(|p| p.port.clone()).collect()
}

/// `{ns, v, kind: "event", name, data}` with `data` as given.
pub fn event_envelope(event: EventName, data: &JsValue) -> JsValue {
    let name = EVENT_NAMES.with(|names| {
        names
            .iter()
            .find(|(e, _)| *e == event)
            .map(|(_, js)| js.clone())
            .unwrap_or_else(|| JsValue::from_str(event.name()))
    });
    let name = &name;
    KEYS.with(|k| {
        let message = js_sys::Object::new();
        let set = |key: &JsValue, value: &JsValue| {
            let _ = js_sys::Reflect::set(&message, key, value);
        };
        set(&k.ns, &k.namespace);
        set(&k.v, &JsValue::from(cil_protocol::PROTOCOL_VERSION));
        set(&k.kind, &k.event);
        set(&k.name, name);
        set(&k.data, data);
        message.into()
    })
}

/// The fast path for the one request an integration repeats under load: a `getChannel` on an
/// open connection with no fault armed and no log kept. The port's JS listener
/// (`js/simulator/port.js`, see [`set_port_listener`]) recognises the request and keeps the
/// answers it was given, by channel id, with the [`Host::revision`] they were made at; before
/// reusing one it asks [`answer_is_fresh`] (a number in, a boolean out), and otherwise
/// [`answer_get_channel`] for a new one.
fn answer_is_fresh(shared: &Shared, conn: u32, revision: f64) -> bool {
    let Ok(mut s) = shared.try_borrow_mut() else {
        return false;
    };
    let fresh = s.host.answers_plainly(conn) && s.host.revision() as f64 == revision;
    if fresh {
        s.host.count_cached_exchange();
    }
    fresh
}

/// A new answer for the fast path (see [`answer_is_fresh`]): `[revision, response]`, the
/// response with a placeholder `id` that the listener sets per request (posting clones it).
/// `undefined` sends the request down the ordinary path instead: a fault or log in play, or
/// a `getChannel` that fails (the host then sends its error response and `error` event).
fn answer_get_channel(shared: &Shared, conn: u32, channel_id: &str) -> Option<JsValue> {
    let mut s = shared.try_borrow_mut().ok()?;
    if !s.host.answers_plainly(conn) {
        return None;
    }
    let value = s.host.gadget().get_channel(channel_id).ok()?;
    let message = to_js(&CachedResponse {
        ns: cil_protocol::NAMESPACE,
        v: cil_protocol::PROTOCOL_VERSION,
        kind: "response",
        id: 0,
        ok: true,
        result: &value,
    });
    let revision = s.host.revision() as f64;
    s.host.count_cached_exchange();
    Some(Array::of2(&JsValue::from(revision), &message).into())
}

/// A `getChannel` response as the fast path keeps it (its `id` is set per request).
#[derive(serde::Serialize)]
struct CachedResponse<'a, T> {
    ns: &'a str,
    v: u32,
    kind: &'a str,
    id: u32,
    ok: bool,
    result: &'a T,
}

fn frame_window(shared: &Shared, frame: u32) -> Option<web_sys::Window> {
    let iframe = shared.try_borrow().ok()?.frames.get(&frame).cloned()?;
    iframe.content_window()
}

fn post(shared: &Shared, conn: u32, message: &JsValue) {
    let port = shared
        .try_borrow()
        .ok()
        .and_then(|s| s.ports.get(&conn).map(|p| p.port.clone()));
    if let Some(port) = port {
        let _ = port.post_message(message);
    }
}

fn post_later(shared: &Shared, conn: u32, message: JsValue, delay_ms: u32) {
    let weak = Rc::downgrade(shared);
    let callback = Closure::once_into_js(move || {
        if let Some(shared) = weak.upgrade() {
            post(&shared, conn, &message);
        }
    });
    if let Some(window) = web_sys::window() {
        let ms = i32::try_from(delay_ms).unwrap_or(i32::MAX);
        let _ = window
            .set_timeout_with_callback_and_timeout_and_arguments_0(callback.unchecked_ref(), ms);
    }
}

fn connect(shared: &Shared, frame: u32, conn: u32, origin: &str, ack: &serde_json::Value) {
    let Some(window) = frame_window(shared, frame) else {
        return;
    };
    let Ok(channel) = MessageChannel::new() else {
        return;
    };
    let ours = channel.port1();
    let theirs = channel.port2();
    let listener = listen(shared, conn, &ours);
    if let Ok(mut s) = shared.try_borrow_mut() {
        s.ports.insert(
            conn,
            PortRec {
                port: ours,
                _listener: listener,
            },
        );
    }
    let transfer = Array::of1(&theirs);
    let _ = window.post_message_with_transfer(&to_js(ack), origin, &transfer);
}

/// Starts listening on `port`, the host's end of connection `conn`: through the JS listener
/// when the facade has set one (it answers cached `getChannel`s without converting the
/// request), otherwise with a plain `onmessage` that hands every message to the host.
fn listen(shared: &Shared, conn: u32, port: &MessagePort) -> PortListener {
    let listener = PORT_LISTENER.with(|l| l.borrow().clone());
    let weak: Weak<RefCell<Shell>> = Rc::downgrade(shared);
    let Some(listener) = listener else {
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            if let Some(shared) = weak.upgrade() {
                on_port_message(&shared, conn, &event.data());
            }
        });
        port.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        return PortListener::Rust {
            _on_message: on_message,
        };
    };
    let weak_fresh = weak.clone();
    let fresh = Closure::<dyn FnMut(f64) -> bool>::new(move |revision: f64| {
        weak_fresh
            .upgrade()
            .is_some_and(|shared| answer_is_fresh(&shared, conn, revision))
    });
    let weak_answer = weak.clone();
    let answer = Closure::<dyn FnMut(String) -> JsValue>::new(move |channel_id: String| {
        weak_answer
            .upgrade()
            .and_then(|shared| answer_get_channel(&shared, conn, &channel_id))
            .unwrap_or(JsValue::UNDEFINED)
    });
    let handle = Closure::<dyn FnMut(JsValue)>::new(move |data: JsValue| {
        if let Some(shared) = weak.upgrade() {
            on_port_message(&shared, conn, &data);
        }
    });
    let args = Array::of4(port, fresh.as_ref(), answer.as_ref(), handle.as_ref());
    let _ = listener.apply(&JsValue::NULL, &args);
    PortListener::Js {
        _fresh: fresh,
        _answer: answer,
        _handle: handle,
    }
}

fn on_port_message(shared: &Shared, conn: u32, data: &JsValue) {
    let value = match to_json(data) {
        Ok(v) => v,
        Err(e) => serde_json::json!({"unreadable": e.0}),
    };
    let effects = match shared.try_borrow_mut() {
        Ok(mut s) => s.host.on_port_message(conn, &value),
        Err(_) => return,
    };
    apply(shared, effects);
    notify(shared);
}

/// Handles a `message` event on the page's window.
pub fn on_window_message(shared: &Shared, event: &MessageEvent) {
    let data = event.data();
    // Cheap filter first: only values tagged as ours are read in full.
    let ns = js_sys::Reflect::get(&data, &JsValue::from_str("ns"))
        .ok()
        .and_then(|v| v.as_string());
    if ns.as_deref() != Some(cil_protocol::NAMESPACE) {
        return;
    }
    let source = event.source().map(JsValue::from);
    let frame = shared.try_borrow().ok().and_then(|s| {
        let source = source.as_ref()?;
        s.frames
            .iter()
            .find(|(_, f)| {
                f.content_window()
                    .is_some_and(|w| js_sys::Object::is(&w, source))
            })
            .map(|(id, _)| *id)
    });
    let value = match to_json(&data) {
        Ok(v) => v,
        Err(_) => return,
    };
    let origin = event.origin();
    let effects = match shared.try_borrow_mut() {
        Ok(mut s) => s.host.on_window_message(frame, &origin, &value),
        Err(_) => return,
    };
    apply(shared, effects);
    notify(shared);
}
