//! The page's event handlers: several per event, called in registration order, each removable
//! by the token its registration returned.
//!
//! Dispatch never holds a borrow while user code runs: it clones the event's `Rc` list (a
//! snapshot), releases the `RefCell`, then calls. A handler may therefore register, unregister
//! or call `cil` again; changes apply from the next event on.

use std::cell::RefCell;
use std::rc::Rc;

use cil_protocol::EventName;
use js_sys::Function;
use wasm_bindgen::JsValue;

/// Slot of the `connectionChange` handlers, after the eleven protocol events.
pub(crate) const CONNECTION_CHANGE: usize = EventName::ALL.len();

/// Handlers of one event: (token, function), in registration order.
type List = Rc<Vec<(u32, Function)>>;

/// Every registered handler.
#[derive(Default)]
pub(crate) struct Handlers {
    lists: RefCell<[List; CONNECTION_CHANGE + 1]>,
    next_token: RefCell<u32>,
}

/// The slot of an event by its wire name, or `connectionChange`.
pub(crate) fn slot(name: &str) -> Option<usize> {
    if name == "connectionChange" {
        return Some(CONNECTION_CHANGE);
    }
    EventName::ALL.iter().position(|e| e.name() == name)
}

/// The slot of a protocol event.
pub(crate) fn event_slot(name: EventName) -> usize {
    EventName::ALL
        .iter()
        .position(|e| *e == name)
        .unwrap_or(CONNECTION_CHANGE)
}

impl Handlers {
    /// Adds `handler` to `slot`; returns its token.
    pub fn add(&self, slot: usize, handler: Function) -> u32 {
        let token = {
            let mut next = self.next_token.borrow_mut();
            *next = next.wrapping_add(1);
            *next
        };
        if let Some(list) = self.lists.borrow_mut().get_mut(slot) {
            Rc::make_mut(list).push((token, handler));
        }
        token
    }

    /// Removes the handler with `token`; false when there is none (already removed).
    pub fn remove(&self, token: u32) -> bool {
        let mut lists = self.lists.borrow_mut();
        for list in lists.iter_mut() {
            if let Some(at) = list.iter().position(|(t, _)| *t == token) {
                Rc::make_mut(list).remove(at);
                return true;
            }
        }
        false
    }

    /// Removes every handler.
    pub fn clear(&self) {
        for list in self.lists.borrow_mut().iter_mut() {
            *list = Rc::default();
        }
    }

    /// A snapshot of the handlers of `slot`, to call with no borrow held.
    pub fn snapshot(&self, slot: usize) -> List {
        self.lists.borrow().get(slot).cloned().unwrap_or_default()
    }

    /// Calls every handler of `slot` with `data`; returns the errors thrown, in order.
    pub fn call(&self, slot: usize, data: &JsValue) -> Vec<JsValue> {
        let list = self.snapshot(slot);
        let mut thrown = Vec::new();
        for (_, handler) in list.iter() {
            if let Err(error) = handler.call1(&JsValue::UNDEFINED, data) {
                thrown.push(error);
            }
        }
        thrown
    }
}
