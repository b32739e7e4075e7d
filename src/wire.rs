//! The messages of PROTOCOL.md as this client writes and reads them.
//!
//! Writing: every object is a `#[derive(Serialize)]` struct turned into a plain JS object by
//! `serde-wasm-bindgen` with `json_compatible()` (plain objects, never `Map`s: Salesforce's
//! Lightning Web Security dislikes them). A request's `params` are the protocol crate's typed
//! params, serialized once when the call is made.
//!
//! Reading: what arrives is a structured clone made by the browser (no getters, no Proxies), but
//! it may be anything at all, so every field is read with `Reflect` and tested for its type; a
//! message that is ours but wrong becomes [`Incoming::Malformed`] with the reason, which the
//! state machine reports as `MALFORMED_MESSAGE`.

use cil_client_core::Incoming;
use cil_protocol::{ErrorCode, EventName, NAMESPACE, PROTOCOL_VERSION};
use serde::Serialize;
use wasm_bindgen::JsValue;

use crate::js;

/// `value` as a plain JS object (`undefined` if serialization failed, which the types here
/// cannot make it do).
pub fn to_js<T: Serialize + ?Sized>(value: &T) -> JsValue {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    value.serialize(&serializer).unwrap_or(JsValue::UNDEFINED)
}

/// `{ns, v, kind: "syn", clientId}`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Syn<'a> {
    ns: &'static str,
    v: u32,
    kind: &'static str,
    client_id: &'a str,
}

impl<'a> Syn<'a> {
    /// The `syn` of connection attempt `client_id`.
    pub fn new(client_id: &'a str) -> Self {
        Syn {
            ns: NAMESPACE,
            v: PROTOCOL_VERSION,
            kind: "syn",
            client_id,
        }
    }
}

/// `{ns, v, kind: "request", id, method, params}`, with `params` already a JS object. The
/// constant strings are JS strings made once ([`js::key`]), not decoded again for every request.
#[derive(Serialize)]
pub struct Request {
    #[serde(with = "serde_wasm_bindgen::preserve")]
    ns: JsValue,
    v: u32,
    #[serde(with = "serde_wasm_bindgen::preserve")]
    kind: JsValue,
    id: u32,
    #[serde(with = "serde_wasm_bindgen::preserve")]
    method: JsValue,
    #[serde(with = "serde_wasm_bindgen::preserve")]
    params: JsValue,
}

impl Request {
    /// Request `id` of `method` with its serialized `params`.
    pub fn new(id: u32, method: &'static str, params: JsValue) -> Self {
        Request {
            ns: js::key(NAMESPACE).clone(),
            v: PROTOCOL_VERSION,
            kind: js::key("request").clone(),
            id,
            method: js::key(method).clone(),
            params,
        }
    }
}

/// `{connected, hostId, reason?}`, the payload of `onConnectionChange`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ConnectionChange<'a> {
    connected: bool,
    host_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<&'a str>,
}

impl<'a> ConnectionChange<'a> {
    /// The payload for a state machine's connection change.
    pub fn new(change: &'a cil_client_core::ConnectionChange) -> Self {
        ConnectionChange {
            connected: change.connected,
            host_id: &change.host_id,
            reason: change.reason,
        }
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

/// Decodes a message of ours (see [`is_ours`]) that arrived on a port.
pub fn decode_port(data: &JsValue) -> PortMessage {
    if js::get_named(data, "v").and_then(|v| v.as_f64()) != Some(f64::from(PROTOCOL_VERSION)) {
        return PortMessage::Other(malformed("unsupported protocol version v"));
    }
    match kind_of(data, &["event", "response", "bye"]) {
        Some("response") => {
            let (input, malformed) = decode_response(data);
            PortMessage::Response { input, malformed }
        }
        Some("event") => decode_event(data),
        Some(_) => PortMessage::Other(match string_field(data, "hostId") {
            Some(host_id) => Incoming::Bye { host_id },
            None => malformed("bye without a string hostId"),
        }),
        _ => PortMessage::Other(malformed("message of an unknown kind")),
    }
}

fn decode_response(data: &JsValue) -> (Incoming<JsValue>, bool) {
    // A whole number in u32 range (PROTOCOL.md §2 accepts integral doubles such as 7.0).
    let id = js::get_named(data, "id")
        .and_then(|id| id.as_f64())
        .filter(|id| (0.0..=f64::from(u32::MAX)).contains(id) && f64::from(*id as u32) == *id);
    let Some(id) = id.map(|id| id as u32) else {
        return (malformed("response without a valid id"), false);
    };
    match js::get_named(data, "ok").and_then(|ok| ok.as_bool()) {
        None => (malformed("response without a boolean ok"), false),
        Some(true) => {
            let result = js::get_named(data, "result").unwrap_or(JsValue::UNDEFINED);
            let input = Incoming::Response {
                id,
                outcome: Ok(result),
            };
            (input, false)
        }
        Some(false) => {
            let error = js::get_named(data, "error").unwrap_or(JsValue::UNDEFINED);
            let code = string_field(&error, "code");
            let message = string_field(&error, "message");
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
    let Some(name) = string_field(data, "name") else {
        return PortMessage::Other(malformed("event without a string name"));
    };
    let Some(name) = EventName::from_name(&name) else {
        // PROTOCOL.md §9: a newer gadget may send events this client does not know.
        return PortMessage::UnknownEvent(name);
    };
    let payload = js::get_named(data, "data").unwrap_or(JsValue::UNDEFINED);
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
    #[derive(Serialize)]
    struct Enabled {
        #[serde(with = "serde_wasm_bindgen::preserve")]
        enabled: JsValue,
    }
    #[derive(Serialize)]
    struct Success {
        success: bool,
        #[serde(with = "serde_wasm_bindgen::preserve")]
        response: JsValue,
    }
    let response = if enabled {
        to_js(&Enabled { enabled: response })
    } else {
        response
    };
    to_js(&Success {
        success: true,
        response,
    })
}

/// `{success: false, error: {code, message, requestId}}`.
pub fn failure_envelope(failure: &cil_client_core::Failure) -> JsValue {
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Error<'a> {
        code: &'a str,
        message: &'a str,
        request_id: &'a str,
    }
    #[derive(Serialize)]
    struct Failed<'a> {
        success: bool,
        error: Error<'a>,
    }
    to_js(&Failed {
        success: false,
        error: Error {
            code: failure.code.as_str(),
            message: &failure.message,
            request_id: &failure.request_id,
        },
    })
}
