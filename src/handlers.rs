//! The page's event handlers: several per event, in registration order, each registration
//! undone by the function it returned.
//!
//! A dispatch takes a snapshot of the list (lists are replaced, never changed in place, so a
//! snapshot is an `Rc` clone) and calls the handlers with no borrow held: a handler may
//! register, unsubscribe, make requests or destroy the instance while it runs. A handler that
//! throws does not stop the others; what it threw is logged and reported to the `onError`
//! handlers as `HANDLER_ERROR` (unless it was an `onError` handler: no loops). Whatever was
//! thrown — a revoked Proxy, an object whose `message` getter throws — is only looked at
//! through catching reads.

use std::rc::Rc;

use cil_protocol::EventName;
use js_sys::Function;
use wasm_bindgen::JsValue;

use crate::js;

/// What a handler is registered for: an event of the protocol, or `connectionChange`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Topic {
    /// An Integration API event.
    Event(EventName),
    /// `onConnectionChange`.
    Connection,
}

impl Topic {
    fn slot(self) -> usize {
        match self {
            Topic::Event(name) => EventName::EVERY
                .iter()
                .position(|e| *e == name)
                .unwrap_or(EventName::EVERY.len()),
            Topic::Connection => EventName::EVERY.len(),
        }
    }

    /// The registration's name, for messages: `onWorkitemCreate`, `onConnectionChange`, …
    pub fn handler_name(self) -> &'static str {
        match self {
            Topic::Event(name) => name.handler_name(),
            Topic::Connection => "onConnectionChange",
        }
    }
}

/// One registered handler.
#[derive(Debug, Clone)]
struct Entry {
    token: u32,
    handler: Function,
}

/// The handler lists of one instance.
#[derive(Debug, Default)]
pub struct Handlers {
    lists: Vec<Rc<Vec<Entry>>>,
    next_token: u32,
}

/// A snapshot of one topic's handlers, to call with no borrow held.
#[derive(Debug)]
pub struct Snapshot(Rc<Vec<Entry>>);

impl Handlers {
    /// No handlers yet.
    pub fn new() -> Handlers {
        Handlers {
            lists: (0..=EventName::EVERY.len())
                .map(|_| Rc::new(Vec::new()))
                .collect(),
            next_token: 0,
        }
    }

    /// Adds `handler` for `topic`; the token removes it again.
    pub fn add(&mut self, topic: Topic, handler: Function) -> u32 {
        self.next_token = self.next_token.wrapping_add(1);
        let token = self.next_token;
        if let Some(list) = self.lists.get_mut(topic.slot()) {
            let mut copy = Vec::clone(list);
            copy.push(Entry { token, handler });
            *list = Rc::new(copy);
        }
        token
    }

    /// Removes the handler registered under `token` (a second call does nothing).
    pub fn remove(&mut self, topic: Topic, token: u32) {
        if let Some(list) = self.lists.get_mut(topic.slot()) {
            if list.iter().any(|e| e.token == token) {
                let copy = list.iter().filter(|e| e.token != token).cloned().collect();
                *list = Rc::new(copy);
            }
        }
    }

    /// Removes every handler (`destroy()`).
    pub fn clear(&mut self) {
        *self = Handlers::new();
    }

    /// The handlers of `topic` as they are now.
    pub fn snapshot(&self, topic: Topic) -> Snapshot {
        Snapshot(self.lists.get(topic.slot()).cloned().unwrap_or_default())
    }
}

impl Snapshot {
    /// Whether there is no handler to call.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Calls each handler with `data`; returns what the ones that threw threw.
    pub fn call(&self, data: &JsValue) -> Vec<JsValue> {
        self.0
            .iter()
            .filter_map(|e| e.handler.call1(&JsValue::UNDEFINED, data).err())
            .collect()
    }
}

/// The message of a `HANDLER_ERROR`: `an onX handler threw: <its message>`.
pub fn thrown_message(topic: Topic, thrown: &JsValue) -> String {
    let text = if let Some(text) = js::text(thrown) {
        text
    } else if thrown.is_object() {
        js::get_named(thrown, "message")
            .and_then(|m| js::text(&m))
            .unwrap_or_else(|| "(no message)".into())
    } else {
        "(no message)".into()
    };
    ["an ", topic.handler_name(), " handler threw: ", &text].concat()
}
