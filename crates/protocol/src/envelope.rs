//! The message envelope: turning any value that arrives on a window or port into one of our
//! seven message kinds, or a precise reason why it is not one, without ever panicking.
//!
//! Every message is a plain object with `ns: "connects-cil"`, `v: 1` and a `kind`:
//!
//! | kind       | travels on | fields                                   |
//! |------------|------------|------------------------------------------|
//! | `syn`      | window     | `clientId`                               |
//! | `announce` | window     | `hostId`                                 |
//! | `ack`      | window     | `clientId`, `hostId`, `apiVersion` (+ a transferred port) |
//! | `request`  | port       | `id`, `method`, `params`                 |
//! | `response` | port       | `id`, `ok`, `result` or `error`          |
//! | `event`    | port       | `name`, `data`                           |
//! | `bye`      | port       | `hostId`                                 |
//!
//! [`decode`] sorts what arrives into three bins: not ours (no `ns`/`v`: ignore silently),
//! ours but malformed (report it, with the reason), or a [`Message`]. The full protocol,
//! including the handshake and reconnect sequence, is in `PROTOCOL.md`.

use serde::Deserialize;
use serde_json::{Map, Value};

use crate::events::EventPayload;
use crate::requests::{Request, RequestParams};
use crate::responses::{Outcome, ResponseError, ResponseValue};
use crate::serde_helpers::integral;
use crate::{ErrorCode, EventName, Method, NAMESPACE, PROTOCOL_VERSION};

/// How deeply a message may nest. Our deepest message (an event carrying a Workitem with CRM
/// records) nests 5 levels; the limit keeps a hostile, absurdly deep value from exhausting
/// the stack in the decoder.
pub const MAX_DEPTH: usize = 32;

/// The longest `reason` [`decode`] reports, in characters (a reason may quote input).
const MAX_REASON_CHARS: usize = 300;

/// One message of the protocol.
// The Event and Request variants are large, but a message is built once and moved to the
// transport: boxing would only add an allocation per message.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    /// Client → gadget window: "I am here, connect me".
    Syn {
        /// The client's id for this connection attempt; the ack must echo it.
        client_id: String,
    },
    /// Gadget → integration frame window: "I (re)started, send syn now".
    Announce {
        /// The gadget's id for this page life; a new id means it reloaded.
        host_id: String,
    },
    /// Gadget → client window, with a `MessagePort` transferred: "connected".
    Ack {
        /// The client id of the syn being answered.
        client_id: String,
        /// The gadget's id for this page life.
        host_id: String,
        /// The Integration API version the gadget implements (`"2.7"`).
        api_version: String,
    },
    /// Client → gadget on the port: call a method.
    Request {
        /// The correlation id, echoed by the response.
        id: u32,
        /// The method; must equal `params.method()` (use [`Message::request`]).
        method: Method,
        /// The method's params.
        params: RequestParams,
    },
    /// Gadget → client on the port: how request `id` ended.
    Response {
        /// The id of the request answered.
        id: u32,
        /// The result or the error.
        outcome: Outcome,
    },
    /// Gadget → client on the port: an Integration API event.
    Event {
        /// The event name; must equal `data.name()` (use [`Message::event`]).
        name: EventName,
        /// The payload, with the reference's field names.
        data: EventPayload,
    },
    /// Gadget → client on the port: "I am going away" (page hide, reload).
    Bye {
        /// The id of the gadget leaving.
        host_id: String,
    },
}

impl Message {
    /// A request message whose method is taken from its params.
    pub fn request(id: u32, params: RequestParams) -> Message {
        Message::Request {
            id,
            method: params.method(),
            params,
        }
    }

    /// An event message whose name is taken from its payload.
    pub fn event(data: impl Into<EventPayload>) -> Message {
        let data = data.into();
        Message::Event {
            name: data.name(),
            data,
        }
    }

    /// A successful response.
    pub fn ok(id: u32, result: impl Into<ResponseValue>) -> Message {
        Message::Response {
            id,
            outcome: Ok(result.into()),
        }
    }

    /// A failed response.
    pub fn error(id: u32, code: ErrorCode, message: impl Into<String>) -> Message {
        Message::Response {
            id,
            outcome: Err(ResponseError::new(code, message)),
        }
    }

    /// The wire `kind`.
    pub fn kind(&self) -> &'static str {
        match self {
            Message::Syn { .. } => "syn",
            Message::Announce { .. } => "announce",
            Message::Ack { .. } => "ack",
            Message::Request { .. } => "request",
            Message::Response { .. } => "response",
            Message::Event { .. } => "event",
            Message::Bye { .. } => "bye",
        }
    }

    /// The message as the plain object that is posted.
    pub fn to_value(&self) -> Value {
        let mut object = Map::new();
        object.insert("ns".into(), NAMESPACE.into());
        object.insert("v".into(), PROTOCOL_VERSION.into());
        object.insert("kind".into(), self.kind().into());
        match self {
            Message::Syn { client_id } => {
                object.insert("clientId".into(), client_id.as_str().into());
            }
            Message::Announce { host_id } | Message::Bye { host_id } => {
                object.insert("hostId".into(), host_id.as_str().into());
            }
            Message::Ack {
                client_id,
                host_id,
                api_version,
            } => {
                object.insert("clientId".into(), client_id.as_str().into());
                object.insert("hostId".into(), host_id.as_str().into());
                object.insert("apiVersion".into(), api_version.as_str().into());
            }
            Message::Request { id, method, params } => {
                object.insert("id".into(), (*id).into());
                object.insert("method".into(), method.name().into());
                object.insert("params".into(), params.to_value());
            }
            Message::Response { id, outcome } => {
                object.insert("id".into(), (*id).into());
                object.insert("ok".into(), outcome.is_ok().into());
                match outcome {
                    Ok(result) => object.insert("result".into(), result.to_value()),
                    Err(error) => object.insert("error".into(), error_value(error)),
                };
            }
            Message::Event { name, data } => {
                object.insert("name".into(), name.name().into());
                object.insert("data".into(), data.to_value());
            }
        }
        Value::Object(object)
    }
}

impl From<Request> for Message {
    fn from(request: Request) -> Self {
        Message::Request {
            id: request.id,
            method: request.method,
            params: request.params,
        }
    }
}

/// `{code, message}`.
fn error_value(error: &ResponseError) -> Value {
    let mut object = Map::new();
    object.insert("code".into(), error.code.as_str().into());
    object.insert("message".into(), error.message.as_str().into());
    Value::Object(object)
}

/// What [`decode`] made of a value.
// Large because of the Message variant; it is matched at once and not kept (see Message).
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decoded {
    /// Not a connects-cil message (no `ns: "connects-cil"` or no `v`): ignore it silently.
    NotOurs,
    /// Tagged as ours but malformed; `reason` says what is wrong (worth reporting).
    Invalid {
        /// What is wrong, e.g. `request: unknown method "dial"`.
        reason: String,
    },
    /// A well-formed message.
    Message(Message),
}

/// Whether `value` carries our tag (`ns: "connects-cil"` and a `v`), well-formed or not.
pub fn is_ours(value: &Value) -> bool {
    value.get("ns").and_then(Value::as_str) == Some(NAMESPACE) && value.get("v").is_some()
}

/// Decodes anything that arrived; never panics.
///
/// ```
/// use cil_protocol::envelope::{decode, Decoded, Message};
/// let value = serde_json::json!({"ns": "connects-cil", "v": 1, "kind": "syn", "clientId": "c1"});
/// assert_eq!(decode(&value), Decoded::Message(Message::Syn { client_id: "c1".into() }));
/// assert_eq!(decode(&serde_json::json!({"type": "other"})), Decoded::NotOurs);
/// ```
pub fn decode(value: &Value) -> Decoded {
    let Some(object) = value.as_object().filter(|_| is_ours(value)) else {
        return Decoded::NotOurs;
    };
    match decode_ours(value, object) {
        Ok(message) => Decoded::Message(message),
        Err(reason) => Decoded::Invalid {
            reason: shortened(reason),
        },
    }
}

/// For a value that is ours, is a request with a usable `id`, and yet does not decode: the
/// error response to send back, so the caller's promise settles at once instead of timing
/// out. `UNKNOWN_METHOD` for a method name this version does not know, otherwise
/// `INVALID_ARGUMENT`; the message is the decode reason. `None` for anything else.
pub fn reject_invalid_request(value: &Value) -> Option<Message> {
    let Decoded::Invalid { reason } = decode(value) else {
        return None;
    };
    if value.get("kind").and_then(Value::as_str) != Some("request") {
        return None;
    }
    let id = value.get("id").and_then(as_u32)?;
    let unknown_method = value
        .get("method")
        .and_then(Value::as_str)
        .is_some_and(|name| Method::from_name(name).is_none());
    let code = if unknown_method {
        ErrorCode::UnknownMethod
    } else {
        ErrorCode::InvalidArgument
    };
    Some(Message::error(id, code, reason))
}

/// Decodes a value known to carry our tag.
fn decode_ours(value: &Value, object: &Map<String, Value>) -> Result<Message, String> {
    // First, before anything walks the value recursively (even printing it would).
    if nesting_exceeds(value, MAX_DEPTH) {
        return Err(format!("nested deeper than {MAX_DEPTH} levels"));
    }
    let version = object.get("v").unwrap_or(&Value::Null);
    if as_u32(version) != Some(PROTOCOL_VERSION) {
        return Err(format!(
            "unsupported protocol version {} (expected {PROTOCOL_VERSION})",
            describe(version)
        ));
    }
    let kind = match object.get("kind") {
        Some(Value::String(kind)) => kind.as_str(),
        Some(_) => return Err("kind: expected a string".to_owned()),
        None => return Err("missing kind".to_owned()),
    };
    let in_kind = |reason: String| format!("{kind}: {reason}");
    match kind {
        "syn" => Ok(Message::Syn {
            client_id: string_field(object, "clientId").map_err(in_kind)?,
        }),
        "announce" => Ok(Message::Announce {
            host_id: string_field(object, "hostId").map_err(in_kind)?,
        }),
        "ack" => Ok(Message::Ack {
            client_id: string_field(object, "clientId").map_err(in_kind)?,
            host_id: string_field(object, "hostId").map_err(in_kind)?,
            api_version: string_field(object, "apiVersion").map_err(in_kind)?,
        }),
        "bye" => Ok(Message::Bye {
            host_id: string_field(object, "hostId").map_err(in_kind)?,
        }),
        "request" => decode_request(object).map_err(in_kind),
        "response" => decode_response(object).map_err(in_kind),
        "event" => decode_event(object).map_err(in_kind),
        other => Err(format!("unknown kind {:?}", shortened(other.to_owned()))),
    }
}

fn decode_request(object: &Map<String, Value>) -> Result<Message, String> {
    let id = id_field(object)?;
    let name = string_field(object, "method")?;
    let method = Method::from_name(&name)
        .ok_or_else(|| format!("unknown method {:?}", shortened(name.clone())))?;
    let params = object_field(object, "params")?;
    let params =
        RequestParams::from_value(method, params).map_err(|e| format!("{name} params: {e}"))?;
    Ok(Message::Request { id, method, params })
}

fn decode_response(object: &Map<String, Value>) -> Result<Message, String> {
    let id = id_field(object)?;
    let ok = match object.get("ok") {
        Some(Value::Bool(ok)) => *ok,
        Some(_) => return Err("ok: expected a boolean".to_owned()),
        None => return Err("missing field `ok`".to_owned()),
    };
    let outcome = if ok {
        let result = object.get("result").unwrap_or(&Value::Null);
        Ok(ResponseValue::from_value(result).map_err(|e| format!("result: {e}"))?)
    } else {
        let error = object_field(object, "error")?;
        Err(ResponseError::deserialize(error).map_err(|e| format!("error: {e}"))?)
    };
    Ok(Message::Response { id, outcome })
}

fn decode_event(object: &Map<String, Value>) -> Result<Message, String> {
    let name = string_field(object, "name")?;
    let event = EventName::from_name(&name)
        .ok_or_else(|| format!("unknown event {:?}", shortened(name.clone())))?;
    let data = object_field(object, "data")?;
    let data = EventPayload::from_value(event, data).map_err(|e| format!("{name} data: {e}"))?;
    Ok(Message::Event { name: event, data })
}

/// A required string field.
fn string_field(object: &Map<String, Value>, field: &str) -> Result<String, String> {
    match object.get(field) {
        Some(Value::String(value)) => Ok(value.clone()),
        Some(_) => Err(format!("{field}: expected a string")),
        None => Err(format!("missing field `{field}`")),
    }
}

/// A required object field.
fn object_field<'a>(object: &'a Map<String, Value>, field: &str) -> Result<&'a Value, String> {
    match object.get(field) {
        Some(value @ Value::Object(_)) => Ok(value),
        Some(_) => Err(format!("{field}: expected an object")),
        None => Err(format!("missing field `{field}`")),
    }
}

/// The required `id`: an integer from 0 to 2^32 − 1.
fn id_field(object: &Map<String, Value>) -> Result<u32, String> {
    match object.get("id") {
        Some(id) => as_u32(id).ok_or_else(|| "id: expected an integer from 0 to 4294967295".into()),
        None => Err("missing field `id`".to_owned()),
    }
}

/// A JSON number that is an integer within `u32` (also when it arrives as an integral
/// float, as JavaScript numbers may).
fn as_u32(value: &Value) -> Option<u32> {
    if let Some(n) = value.as_u64() {
        return u32::try_from(n).ok();
    }
    value
        .as_f64()
        .and_then(integral)
        .and_then(|n| u32::try_from(n).ok())
}

/// Whether `value` nests more than `limit` arrays/objects deep; iterative, so that the check
/// itself cannot exhaust the stack.
fn nesting_exceeds(value: &Value, limit: usize) -> bool {
    let mut pending = vec![(value, 0usize)];
    while let Some((value, depth)) = pending.pop() {
        let children: Box<dyn Iterator<Item = &Value>> = match value {
            Value::Array(items) => Box::new(items.iter()),
            Value::Object(fields) => Box::new(fields.values()),
            _ => continue,
        };
        if depth >= limit {
            return true;
        }
        pending.extend(children.map(|child| (child, depth + 1)));
    }
    false
}

/// A short rendering of a value for a reason: scalars as JSON, containers by type.
fn describe(value: &Value) -> String {
    match value {
        Value::Array(_) => "(an array)".to_owned(),
        Value::Object(_) => "(an object)".to_owned(),
        scalar => scalar.to_string(),
    }
}

/// `reason` cut to [`MAX_REASON_CHARS`] characters, with `…` when cut.
fn shortened(reason: String) -> String {
    match reason.char_indices().nth(MAX_REASON_CHARS) {
        Some((cut, _)) => {
            let mut short = reason.get(..cut).unwrap_or_default().to_owned();
            short.push('…');
            short
        }
        None => reason,
    }
}
