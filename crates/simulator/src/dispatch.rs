//! Turns one Integration API request (method name + params object, as the wire carries them)
//! into the gadget's answer: a response value or an error, plus the events to send.
//!
//! A failed request yields its error *and* an `error` event carrying the request's
//! `requestId` (the reference: "If the request fails, an error event will be dispatched").
//! Parameters are read by the names the 2.7 reference gives the arguments.

use crate::error::{json_kind, quote, SimError, SimResult};
use crate::event::Event;
use crate::gadget::Gadget;
use crate::names::{ReasonKind, TargetState};
use crate::payload;
use cil_protocol::validate::MAX_STRING_LEN;
use cil_protocol::{ErrorCode, Method};
use serde_json::{json, Map, Value};

/// What a request produced.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// The method, when the name was known.
    pub method: Option<Method>,
    /// The request's `requestId` (`""` when none was given).
    pub request_id: String,
    /// The response: `result` or `error`.
    pub result: Result<Value, SimError>,
    /// Events to send after the response.
    pub events: Vec<Event>,
}

/// Runs `method(params)` against the gadget.
pub fn dispatch(gadget: &mut Gadget, method: &str, params: &Value) -> Outcome {
    let request_id = params
        .get("requestId")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_owned();
    let known = Method::from_name(method);
    let result = match known {
        None => Err(SimError::new(
            ErrorCode::UnknownMethod,
            format!(
                "unknown method {} (the gadget implements: {})",
                quote(method),
                Method::ALL.map(|m| m.name()).join(", ")
            ),
        )),
        Some(m) => run(gadget, m, params, &request_id),
    };
    finish(known, request_id, result)
}

/// A request failed before reaching the gadget (an injected failure): same shape as a real
/// failure, response error plus `error` event.
pub fn injected_failure(method: Option<Method>, request_id: &str, error: SimError) -> Outcome {
    finish(method, request_id.to_owned(), Err(error))
}

fn finish(
    method: Option<Method>,
    request_id: String,
    result: SimResult<(Value, Vec<Event>)>,
) -> Outcome {
    match result {
        Ok((value, events)) => Outcome {
            method,
            request_id,
            result: Ok(value),
            events,
        },
        Err(error) => {
            let event = payload::error_event(&request_id, &error.message);
            Outcome {
                method,
                request_id,
                result: Err(error),
                events: vec![event],
            }
        }
    }
}

fn run(
    g: &mut Gadget,
    method: Method,
    params: &Value,
    rid: &str,
) -> SimResult<(Value, Vec<Event>)> {
    let p = Params::new(params)?;
    match method {
        Method::DialOrConsult => {
            let events = g.dial_or_consult(p.string("channelId")?, p.string("address")?, rid)?;
            Ok((Value::Null, events))
        }
        Method::GetChannel => Ok((g.get_channel(p.string("channelId")?)?, Vec::new())),
        Method::GetReasonCodeList => {
            let kind_text = p.string("reasonType")?;
            let kind = ReasonKind::parse(kind_text).ok_or_else(|| {
                SimError::invalid(
                    "reasonType",
                    format!(
                        "expected Logout, NotReady or Wrapup, got {}",
                        quote(kind_text)
                    ),
                )
            })?;
            let list = g.reason_code_list(p.string("channelId")?, kind)?;
            Ok((json!(list), Vec::new()))
        }
        Method::IsUpdateWorkitemDataEnabled => {
            let enabled = g.is_update_enabled(p.string("channelId")?, p.string("workitemId")?)?;
            Ok((json!(enabled), Vec::new()))
        }
        Method::SetAgentState => {
            let state_text = p.string("state")?;
            let state = TargetState::parse(state_text).ok_or_else(|| {
                SimError::invalid(
                    "state",
                    format!(
                        "expected Ready, NotReady or Logout, got {}",
                        quote(state_text)
                    ),
                )
            })?;
            let reason = p.optional_string("reasonCode")?;
            let events = g.set_agent_state(p.string("channelId")?, state, reason, rid)?;
            Ok((Value::Null, events))
        }
        Method::SetWrapupReason => {
            let events = g.set_wrapup_reason(
                p.string("channelId")?,
                p.string("workitemId")?,
                p.string("wrapUpReason")?,
                rid,
            )?;
            Ok((Value::Null, events))
        }
        Method::UpdateWorkitemData => {
            let data = p.object("updatedData")?;
            let events =
                g.update_workitem_data(p.string("channelId")?, p.string("workitemId")?, data, rid)?;
            Ok((Value::Null, events))
        }
    }
}

/// Typed access to a params object with errors that name the argument.
struct Params<'a>(&'a Map<String, Value>);

impl<'a> Params<'a> {
    fn new(v: &'a Value) -> SimResult<Self> {
        v.as_object()
            .map(Params)
            .ok_or_else(|| SimError::invalid("params", "expected an object"))
    }

    fn string(&self, name: &str) -> SimResult<&'a str> {
        match self.0.get(name) {
            Some(Value::String(s)) if s.len() > MAX_STRING_LEN => Err(SimError::invalid(
                name,
                format!("longer than {MAX_STRING_LEN} bytes ({} bytes)", s.len()),
            )),
            Some(Value::String(s)) if !s.is_empty() => Ok(s),
            Some(Value::String(_)) => Err(SimError::invalid(
                name,
                "expected a non-empty string, got an empty string",
            )),
            Some(other) => Err(SimError::invalid(
                name,
                format!("expected a string, got {}", json_kind(other)),
            )),
            None => Err(SimError::invalid(name, "missing")),
        }
    }

    fn optional_string(&self, name: &str) -> SimResult<Option<&'a str>> {
        match self.0.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) if s.len() > MAX_STRING_LEN => Err(SimError::invalid(
                name,
                format!("longer than {MAX_STRING_LEN} bytes ({} bytes)", s.len()),
            )),
            Some(Value::String(s)) => Ok(Some(s)),
            Some(Value::Number(n)) if n.is_i64() => Err(SimError::invalid(
                name,
                "expected a string (e.g. \"12\"), got a number",
            )),
            Some(other) => Err(SimError::invalid(
                name,
                format!("expected a string, got {}", json_kind(other)),
            )),
        }
    }

    fn object(&self, name: &str) -> SimResult<&'a Map<String, Value>> {
        match self.0.get(name) {
            Some(Value::Object(m)) => Ok(m),
            Some(other) => Err(SimError::invalid(
                name,
                format!("expected an object, got {}", json_kind(other)),
            )),
            None => Err(SimError::invalid(name, "missing")),
        }
    }
}
