//! The outgoing messages of the team contract's wire format, built from the model's JSON
//! values. Handshake messages come from `cil_protocol::envelope::Message`; responses and events
//! are assembled here directly from the payload values the gadget already holds, which saves a
//! typed round trip per message (the tests decode every one of them with the protocol crate).

use crate::error::SimError;
use crate::event::Event;
use cil_protocol::envelope::Message;
use cil_protocol::{API_VERSION, NAMESPACE, PROTOCOL_VERSION};
use serde_json::{json, Value};

/// `announce`.
pub fn announce(host_id: &str) -> Value {
    Message::Announce {
        host_id: host_id.to_owned(),
    }
    .to_value()
}

/// `ack` for `client_id`.
pub fn ack(client_id: &str, host_id: &str) -> Value {
    Message::Ack {
        client_id: client_id.to_owned(),
        host_id: host_id.to_owned(),
        api_version: API_VERSION.to_owned(),
    }
    .to_value()
}

/// `bye`.
pub fn bye(host_id: &str) -> Value {
    Message::Bye {
        host_id: host_id.to_owned(),
    }
    .to_value()
}

/// A response to request `id`.
pub fn response(id: u32, result: &Result<Value, SimError>) -> Value {
    match result {
        Ok(value) => {
            json!({"ns": NAMESPACE, "v": PROTOCOL_VERSION, "kind": "response", "id": id, "ok": true, "result": value})
        }
        Err(e) => json!({
            "ns": NAMESPACE, "v": PROTOCOL_VERSION, "kind": "response", "id": id, "ok": false,
            "error": {"code": e.code.as_str(), "message": e.message},
        }),
    }
}

/// An event message.
pub fn event(event: &Event) -> Value {
    json!({"ns": NAMESPACE, "v": PROTOCOL_VERSION, "kind": "event", "name": event.name.name(), "data": event.data})
}
