//! The browser side of the connection: the window `message` listener (handshake), the
//! `MessagePort`s handed over by `ack`s, and posting to them — each an owned value that
//! unregisters itself on drop, so that `destroy()` (or a lost connection) leaves nothing behind.

use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{MessageEvent, MessagePort, Window};

use crate::keys::Keys;

/// A port from an `ack` with its listener; dropping it detaches the listener and closes it.
pub(crate) struct PortLink {
    pub port: MessagePort,
    _listener: Closure<dyn FnMut(MessageEvent)>,
}

impl PortLink {
    /// Listens on `port` (which also starts it) with `on_message`.
    pub fn new(port: MessagePort, on_message: impl FnMut(MessageEvent) + 'static) -> Self {
        let listener = Closure::<dyn FnMut(MessageEvent)>::new(on_message);
        port.set_onmessage(Some(listener.as_ref().unchecked_ref()));
        PortLink {
            port,
            _listener: listener,
        }
    }
}

impl Drop for PortLink {
    fn drop(&mut self) {
        self.port.set_onmessage(None);
        self.port.close();
    }
}

/// The envelope every message starts with: `{ns, v, kind}`.
pub(crate) fn envelope(keys: &Keys, kind: &JsValue) -> Object {
    let message = Object::new();
    let _ = Reflect::set(&message, &keys.ns, &keys.namespace);
    let _ = Reflect::set(&message, &keys.v, &JsValue::from(1));
    let _ = Reflect::set(&message, &keys.kind, kind);
    message
}

/// Posts `syn` to `target` at each origin; returns the origins whose post threw.
pub(crate) fn post_syn(
    keys: &Keys,
    target: &JsValue,
    origins: &[String],
    client_id: &str,
) -> Vec<String> {
    let message = envelope(keys, &keys.syn);
    let _ = Reflect::set(&message, &keys.client_id, &JsValue::from_str(client_id));
    // A cross-origin WindowProxy fails `instanceof Window`: use it as one without checking.
    let window: &Window = target.unchecked_ref();
    let mut failed = Vec::new();
    for origin in origins {
        if window.post_message(&message, origin).is_err() {
            failed.push(origin.clone());
        }
    }
    failed
}
