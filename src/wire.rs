//! The messages of PROTOCOL.md as this client writes and reads them.
//!
//! Writing: the objects the client creates are plain JS objects (never `Map`s: Salesforce's
//! Lightning Web Security dislikes them). The cold ones (`syn`, connection changes, error events,
//! result envelopes) are an [`Object`], a list of fields that `serde` serializes through
//! `serde-wasm-bindgen` with `json_compatible()`: one `Serialize` impl for all of them instead of
//! a derived one per shape, which kept ~2 KB of gzip (the per-struct impls and the field-name
//! cache, a hash map, that serde-wasm-bindgen keeps for structs) out of the drop-in. The one hot
//! object, a request (`{ns, v, kind, id, method, params}`, made for every call), is set field by
//! field with keys and constant values made once ([`js::key`]): serde-wasm-bindgen would decode
//! each key again for every request, on the path the round-trip benchmark measures.
//!
//! Reading: what arrives is a structured clone made by the browser (no getters, no Proxies), but
//! it may be anything at all, so every field is read with `Reflect` and tested for its type; a
//! message that is ours but wrong becomes [`Incoming::Malformed`] with the reason, which the
//! state machine reports as `MALFORMED_MESSAGE`.

use cil_client_core::Incoming;
use cil_protocol::{ErrorCode, EventName, NAMESPACE, PROTOCOL_VERSION};
use serde::ser::{Serialize, SerializeMap, Serializer};
use wasm_bindgen::JsValue;

use crate::js;

/// One field value of an [`Object`].
pub enum Value<'a> {
    /// A string.
    Str(&'a str),
    /// A number.
    Num(f64),
    /// A boolean.
    Bool(bool),
    /// A JS value, passed as it is (the same object, not a copy).
    Js(&'a JsValue),
}

/// A plain object with these fields, in this order.
pub struct Object<'a>(pub &'a [(&'static str, Value<'a>)]);

impl Serialize for Value<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Value::Str(s) => serializer.serialize_str(s),
            Value::Num(n) => serializer.serialize_f64(*n),
            Value::Bool(b) => serializer.serialize_bool(*b),
            Value::Js(v) => serde_wasm_bindgen::preserve::serialize(*v, serializer),
        }
    }
}

impl Serialize for Object<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (key, value) in self.0 {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

impl Object<'_> {
    /// The object as a plain JS object (`undefined` if serialization failed, which these values
    /// cannot make it do).
    // One copy, called from every writer.
    #[inline(never)]
    pub fn to_js(&self) -> JsValue {
        let serializer = serde_wasm_bindgen::Serializer::json_compatible();
        self.serialize(&serializer).unwrap_or(JsValue::UNDEFINED)
    }
}

/// `value` serialized as [`Object::to_js`] does: the protocol crate's typed request params, which
/// a test of `args` compares with the params object it builds.
#[cfg(test)]
pub fn to_js<T: Serialize + ?Sized>(value: &T) -> JsValue {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    value.serialize(&serializer).unwrap_or(JsValue::UNDEFINED)
}

/// `{ns, v, kind: "syn", clientId}`, the `syn` of connection attempt `client_id`.
pub fn syn(client_id: &str) -> JsValue {
    Object(&[
        ("ns", Value::Str(NAMESPACE)),
        ("v", Value::Num(f64::from(PROTOCOL_VERSION))),
        ("kind", Value::Str("syn")),
        ("clientId", Value::Str(client_id)),
    ])
    .to_js()
}

/// `{ns, v, kind: "request", id, method, params}`: request `id` of `method` with its `params`
/// (see the module docs for why it is not an [`Object`]).
pub fn request(id: u32, method: &'static str, params: &JsValue) -> JsValue {
    let message = JsValue::from(js_sys::Object::new());
    js::set(&message, "ns", js::key(NAMESPACE));
    js::set(&message, "v", &JsValue::from(PROTOCOL_VERSION));
    js::set(&message, "kind", js::key("request"));
    js::set(&message, "id", &JsValue::from(id));
    js::set(&message, "method", js::key(method));
    js::set(&message, "params", params);
    message
}

/// `{connected, hostId, reason?}`, the payload of `onConnectionChange`.
pub fn connection_change(change: &cil_client_core::ConnectionChange) -> JsValue {
    let connected = ("connected", Value::Bool(change.connected));
    let host_id = ("hostId", Value::Str(&change.host_id));
    match change.reason {
        Some(reason) => Object(&[connected, host_id, ("reason", Value::Str(reason))]).to_js(),
        None => Object(&[connected, host_id]).to_js(),
    }
}

/// Whether `data` carries our `ns` and some `v` (PROTOCOL.md §1): anything else is other
/// traffic of the page, ignored silently.
pub fn is_ours(data: &JsValue) -> bool {
    // Compared as JS values (one `===`), not copied into Rust: this runs for every message.
    data.is_object()
        && js::get_named(data, "ns").is_some_and(|ns| ns == *js::key(NAMESPACE))
        && js::get_named(data, "v").is_some_and(|v| !v.is_undefined())
}

/// The message's `kind`, if it is one of `kinds` (compared as JS values).
fn kind_of(data: &JsValue, kinds: &[&'static str]) -> Option<&'static str> {
    let kind = js::get_named(data, "kind")?;
    kinds.iter().copied().find(|k| kind == *js::key(k))
}

fn string_field(data: &JsValue, name: &'static str) -> Option<String> {
    js::get_named(data, name).and_then(|v| js::text(&v))
}

fn malformed(reason: &str) -> Incoming<JsValue> {
    Incoming::Malformed {
        reason: reason.into(),
    }
}

/// A handshake message of ours that arrived on the window.
#[derive(Debug)]
pub enum WindowMessage {
    /// `announce` or `ack`, decoded (or malformed); `ack` tells whether it was an `ack`.
    Handshake {
        /// Whether it is an `ack` (else an `announce`).
        ack: bool,
        /// What it says.
        input: Incoming<JsValue>,
    },
    /// Any other kind (our own `syn` seen by a same-window gadget, say): not for the client.
    Other,
}

/// Decodes a message of ours (see [`is_ours`]) that arrived on the window.
pub fn decode_window(data: &JsValue) -> WindowMessage {
    if js::get_named(data, "v").and_then(|v| v.as_f64()) != Some(f64::from(PROTOCOL_VERSION)) {
        return WindowMessage::Other;
    }
    let ack = match kind_of(data, &["ack", "announce"]) {
        Some("ack") => true,
        Some(_) => false,
        None => return WindowMessage::Other,
    };
    let host_id = string_field(data, "hostId");
    let input = if ack {
        match (string_field(data, "clientId"), host_id) {
            (Some(client_id), Some(host_id)) => Incoming::Ack { client_id, host_id },
            _ => malformed("ack without a string clientId and hostId"),
        }
    } else {
        match host_id {
            Some(host_id) => Incoming::Announce { host_id },
            None => malformed("announce without a string hostId"),
        }
    };
    WindowMessage::Handshake { ack, input }
}

/// A message of ours that arrived on a port, decoded.
#[derive(Debug)]
pub enum PortMessage {
    /// A response: it may come from an older port of the same gadget too. `malformed`: a
    /// failure whose `error` is not `{code, message}` of strings (it still rejects its request,
    /// and is reported as malformed too).
    Response {
        /// What it says.
        input: Incoming<JsValue>,
        /// Whether its shape is also to be reported.
        malformed: bool,
    },
    /// Anything else (event, bye, malformed): only the newest port speaks for the gadget.
    Other(Incoming<JsValue>),
    /// An event of a name this client does not know: ignored (PROTOCOL.md §9), only logged.
    UnknownEvent(String),
}

/// Decodes a message that arrived on a port: `None` if it is not ours (see [`is_ours`]). The
/// fields are read with [`js::field`]: a port's messages are structured clones (see there), and
/// this is the path of every response and event.
pub fn decode_port(data: &JsValue) -> Option<PortMessage> {
    if !data.is_object() || js::field(data, "ns") != *js::key(NAMESPACE) {
        return None;
    }
    let v = js::field(data, "v");
    // The version is read as a number first: the common case costs one call into JS, not two.
    if v.as_f64() != Some(f64::from(PROTOCOL_VERSION)) {
        if v.is_undefined() {
            return None;
        }
        return Some(PortMessage::Other(malformed(
            "unsupported protocol version v",
        )));
    }
    let kind = js::field(data, "kind");
    Some(if kind == *js::key("response") {
        let (input, malformed) = decode_response(data);
        PortMessage::Response { input, malformed }
    } else if kind == *js::key("event") {
        decode_event(data)
    } else if kind == *js::key("bye") {
        PortMessage::Other(match port_text(data, "hostId") {
            Some(host_id) => Incoming::Bye { host_id },
            None => malformed("bye without a string hostId"),
        })
    } else {
        PortMessage::Other(malformed("message of an unknown kind"))
    })
}

/// A string field of a port message (see [`js::field`]); `None` if it is not a string.
fn port_text(data: &JsValue, name: &'static str) -> Option<String> {
    js::text(&js::field(data, name))
}

fn decode_response(data: &JsValue) -> (Incoming<JsValue>, bool) {
    // A whole number in u32 range (PROTOCOL.md §2 accepts integral doubles such as 7.0).
    let id = js::field(data, "id")
        .as_f64()
        .filter(|id| (0.0..=f64::from(u32::MAX)).contains(id) && f64::from(*id as u32) == *id);
    let Some(id) = id.map(|id| id as u32) else {
        return (malformed("response without a valid id"), false);
    };
    match js::field(data, "ok").as_bool() {
        None => (malformed("response without a boolean ok"), false),
        Some(true) => {
            let input = Incoming::Response {
                id,
                outcome: Ok(js::field(data, "result")),
            };
            (input, false)
        }
        Some(false) => {
            let error = js::field(data, "error");
            let (code, message) = if error.is_object() {
                (port_text(&error, "code"), port_text(&error, "message"))
            } else {
                (None, None)
            };
            let shaped = code.is_some() && message.is_some();
            let outcome = Err((
                code.map_or(ErrorCode::RequestFailed, |c| ErrorCode::parse(&c)),
                message.unwrap_or_else(|| MALFORMED_FAILURE.into()),
            ));
            (Incoming::Response { id, outcome }, !shaped)
        }
    }
}

/// The message of a failed response whose `error` is not `{code, message}` of strings.
pub const MALFORMED_FAILURE: &str = "the gadget reported a failure";

fn decode_event(data: &JsValue) -> PortMessage {
    let Some(name) = port_text(data, "name") else {
        return PortMessage::Other(malformed("event without a string name"));
    };
    let Some(name) = EventName::from_name(&name) else {
        // PROTOCOL.md §9: a newer gadget may send events this client does not know.
        return PortMessage::UnknownEvent(name);
    };
    let payload = js::field(data, "data");
    if !payload.is_object() || js::is_array(&payload) != Some(false) {
        return PortMessage::Other(malformed("event without a data object"));
    }
    PortMessage::Other(Incoming::Event {
        name,
        data: payload,
    })
}

/// `{success: true, response}`; with `enabled`, `response` is `{enabled: <value>}`.
pub fn success_envelope(response: JsValue, enabled: bool) -> JsValue {
    let response = if enabled {
        Object(&[("enabled", Value::Js(&response))]).to_js()
    } else {
        response
    };
    Object(&[
        ("success", Value::Bool(true)),
        ("response", Value::Js(&response)),
    ])
    .to_js()
}

/// `{success: false, error: {code, message, requestId}}`.
pub fn failure_envelope(failure: &cil_client_core::Failure) -> JsValue {
    let error = Object(&[
        ("code", Value::Str(failure.code.as_str())),
        ("message", Value::Str(&failure.message)),
        ("requestId", Value::Str(&failure.request_id)),
    ])
    .to_js();
    Object(&[
        ("success", Value::Bool(false)),
        ("error", Value::Js(&error)),
    ])
    .to_js()
}
