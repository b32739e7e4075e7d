//! An event the gadget sends to integrations: the wire name plus the payload object.

use cil_protocol::EventName;
use serde_json::Value;

/// One outgoing event.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// The event (wire name via `name.name()`).
    pub name: EventName,
    /// The payload, with `event`, `version` and `requestId` first.
    pub data: Value,
}

impl Event {
    /// An event from its parts.
    pub fn new(name: EventName, data: Value) -> Self {
        Self { name, data }
    }

    /// The payload's `requestId` (empty when the event was not caused by a request).
    pub fn request_id(&self) -> &str {
        self.data
            .get("requestId")
            .and_then(Value::as_str)
            .unwrap_or("")
    }

    /// A payload field as a string, for tests and logs.
    pub fn field(&self, key: &str) -> Option<&str> {
        self.data.get(key).and_then(Value::as_str)
    }
}
