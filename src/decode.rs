//! Turning a received JS message into a client-core input without copying its payload: the
//! envelope (`ns`, `v`, `kind`, ids, names) is read field by field, and `result`/`data` are
//! handed on as the very objects that arrived (no serde round trip: events are the hot path).

use cil_client_core::Incoming;
use cil_protocol::{ErrorCode, EventName, PROTOCOL_VERSION};
use js_sys::Reflect;
use wasm_bindgen::JsValue;

use crate::keys::Keys;

/// What a message is, before it reaches the client core.
pub(crate) enum Decoded {
    /// Not a connects-cil message (no `ns`/`v` of ours): ignored quietly.
    NotOurs,
    /// Ours, but not a kind this side of the channel handles (e.g. our own `syn`).
    Ignored,
    /// An input for the client core.
    Input(Incoming<JsValue>),
}

fn get(target: &JsValue, key: &JsValue) -> JsValue {
    Reflect::get(target, key).unwrap_or(JsValue::UNDEFINED)
}

/// Whether `data` carries our namespace and protocol version.
pub(crate) fn is_ours(keys: &Keys, data: &JsValue) -> bool {
    data.is_object()
        && get(data, &keys.ns) == keys.namespace
        && get(data, &keys.v).as_f64() == Some(f64::from(PROTOCOL_VERSION))
}

fn malformed(reason: &str) -> Decoded {
    Decoded::Input(Incoming::Malformed {
        reason: reason.into(),
    })
}

fn string_field(data: &JsValue, key: &JsValue) -> Option<String> {
    get(data, key).as_string()
}

/// A message that arrived on the window (only `announce` and `ack` travel there).
pub(crate) fn window_message(keys: &Keys, data: &JsValue) -> Decoded {
    if !is_ours(keys, data) {
        return Decoded::NotOurs;
    }
    let kind = get(data, &keys.kind);
    if kind == keys.announce {
        match string_field(data, &keys.host_id) {
            Some(host_id) => Decoded::Input(Incoming::Announce { host_id }),
            None => malformed("announce without a string hostId"),
        }
    } else if kind == keys.ack {
        let client_id = string_field(data, &keys.client_id);
        let host_id = string_field(data, &keys.host_id);
        match (client_id, host_id) {
            (Some(client_id), Some(host_id)) => {
                Decoded::Input(Incoming::Ack { client_id, host_id })
            }
            _ => malformed("ack without a string clientId and hostId"),
        }
    } else {
        Decoded::Ignored
    }
}

/// A message that arrived on the port (`response`, `event`, `bye`).
pub(crate) fn port_message(keys: &Keys, data: &JsValue) -> Decoded {
    if !is_ours(keys, data) {
        return Decoded::NotOurs;
    }
    let kind = get(data, &keys.kind);
    if kind == keys.response {
        let id = get(data, &keys.id).as_f64();
        let Some(id) =
            id.filter(|id| id.fract() == 0.0 && *id >= 0.0 && *id <= f64::from(u32::MAX))
        else {
            return malformed("response without a valid id");
        };
        let outcome = if get(data, &keys.ok).as_bool() == Some(true) {
            Ok(get(data, &keys.result))
        } else {
            let error = get(data, &keys.error);
            let code = get(&error, &keys.code).as_string();
            let message = get(&error, &keys.message).as_string();
            let code = code.map_or(ErrorCode::RequestFailed, |c| ErrorCode::parse(&c));
            Err((
                code,
                message.unwrap_or_else(|| "the gadget reported a failure".into()),
            ))
        };
        Decoded::Input(Incoming::Response {
            id: id as u32,
            outcome,
        })
    } else if kind == keys.event_kind {
        let name = get(data, &keys.name).as_string();
        // An event this version does not know (from a newer gadget) is not an error.
        let Some(name) = name.as_deref().and_then(EventName::from_name) else {
            return Decoded::Ignored;
        };
        let payload = get(data, &keys.data);
        if !payload.is_object() {
            return malformed("event without a data object");
        }
        Decoded::Input(Incoming::Event {
            name,
            data: payload,
        })
    } else if kind == keys.bye {
        match string_field(data, &keys.host_id) {
            Some(host_id) => Decoded::Input(Incoming::Bye { host_id }),
            None => malformed("bye without a string hostId"),
        }
    } else {
        Decoded::Ignored
    }
}
