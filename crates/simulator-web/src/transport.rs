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
/// the listener (the closure is freed with it).
pub struct PortRec {
    port: MessagePort,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
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
                // The whole message, `result` and all, as the model made it: every request is
                // answered on this one path.
                let js = to_js(&message);
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

fn frame_window(shared: &Shared, frame: u32) -> Option<web_sys::Window> {
    let iframe = shared.try_borrow().ok()?.frames.get(&frame).cloned()?;
    crate::dom::content_window(&iframe)
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
    let on_message = listen(shared, conn, &ours);
    if let Ok(mut s) = shared.try_borrow_mut() {
        s.ports.insert(
            conn,
            PortRec {
                port: ours,
                _on_message: on_message,
            },
        );
    }
    let transfer = Array::of1(&theirs);
    let _ = window.post_message_with_transfer(&to_js(ack), origin, &transfer);
}

/// Starts listening on `port`, the host's end of connection `conn`: every message goes to the
/// host whole (the model checks it as PROTOCOL.md says and answers it).
fn listen(shared: &Shared, conn: u32, port: &MessagePort) -> Closure<dyn FnMut(MessageEvent)> {
    let weak: Weak<RefCell<Shell>> = Rc::downgrade(shared);
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        if let Some(shared) = weak.upgrade() {
            on_port_message(&shared, conn, &event.data());
        }
    });
    port.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message
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
    // The frames are copied out first: reading a frame's window runs no page code (the
    // platform getter of a checked <iframe>), but nothing is called while the shell is borrowed.
    let frames: Vec<(u32, HtmlIFrameElement)> = shared
        .try_borrow()
        .map(|s| s.frames.iter().map(|(id, f)| (*id, f.clone())).collect())
        .unwrap_or_default();
    let frame = source.as_ref().and_then(|source| {
        frames
            .iter()
            .find(|(_, f)| {
                crate::dom::content_window(f).is_some_and(|w| js_sys::Object::is(&w, source))
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
