//! The positional arguments of the seven requests, checked before anything is sent (with the
//! rules the gadget applies, from `cil_protocol::validate`), so that a mistake fails at once
//! with a message naming the argument, and turned into the protocol crate's typed params.
//!
//! Accepted shapes: the reference's positional arguments, then an optional `requestId` (a
//! string; a number is turned into one; `undefined`/`null` mean none), then an optional options
//! object `{timeout}` (ms, overriding the default request timeout). The options object may also
//! stand in the `requestId` position. Anything after that is a mistake.
//!
//! Every value is read with catching reads ([`crate::js`]): a Proxy whose traps throw, or an
//! object with a throwing getter, is an `INVALID_ARGUMENT` like any other wrong value.

use cil_protocol::requests::{
    DialOrConsultParams, GetChannelParams, GetReasonCodeListParams,
    IsUpdateWorkitemDataEnabledParams, RequestParams, SetAgentStateParams, SetWrapupReasonParams,
    UpdateWorkitemDataParams,
};
use cil_protocol::updated_data::UpdatedData;
use cil_protocol::validate::{self, ArgError, MAX_UPDATED_DATA_ENTRIES};
use cil_protocol::Method;
use wasm_bindgen::JsValue;

use crate::describe::describe;
use crate::js;

/// A call whose arguments passed: what to send and how to wait.
#[derive(Debug)]
pub struct Checked {
    /// The typed `params` of the request.
    pub params: RequestParams,
    /// The caller's `requestId`, or empty.
    pub request_id: String,
    /// The per-call timeout, if given.
    pub timeout_ms: Option<f64>,
}

/// A call whose arguments did not pass: the message, and the `requestId` if one was readable
/// (it goes into the `error` event).
#[derive(Debug)]
pub struct Rejected {
    /// `<method>: <argument>: expected …, got …`.
    pub message: String,
    /// The caller's `requestId`, or empty.
    pub request_id: String,
}

/// Checks the arguments of a call of `method`: the positional ones, then `requestId`,
/// `options` and whatever came after them (`extra`).
pub fn check(method: Method, args: &[JsValue]) -> Result<Checked, Rejected> {
    let names = method.params();
    let positional = names.len();
    let tail = |i: usize| args.get(positional + i).cloned().unwrap_or_default();
    let (request_id, options, extra) = (tail(0), tail(1), tail(2));
    let request_id_text = js::text(&request_id)
        .or_else(|| {
            request_id
                .as_f64()
                .filter(|n| n.is_finite())
                .map(js::number_text)
        })
        .unwrap_or_default();
    let fail = |e: ArgError| Rejected {
        message: [method.name(), ": ", &e.message()].concat(),
        request_id: request_id_text.clone(),
    };
    let mut values = Vec::with_capacity(positional);
    for (i, &name) in names.iter().enumerate() {
        let value = args.get(i).cloned().unwrap_or_default();
        values.push(check_one(name, &value).map_err(fail)?);
    }
    // The options object may stand in the requestId position.
    let (request_id, options, extra) = match js::is_plain_object(&request_id) {
        Some(true) => (JsValue::UNDEFINED, request_id, options),
        None => {
            return Err(fail(wrong(
                "requestId",
                "a string (or nothing)",
                &request_id,
            )))
        }
        Some(false) => (request_id, options, extra),
    };
    let request_id = checked_request_id(&request_id).map_err(fail)?;
    let timeout_ms = checked_options(&options).map_err(fail)?;
    if !extra.is_undefined() {
        let mut got = String::from("another argument: ");
        got.push_str(&describe(&extra));
        return Err(fail(ArgError {
            argument: method.name(),
            expected: "no more arguments than the reference's, then requestId and {timeout}",
            got,
        }));
    }
    let params = build(method, values, request_id.clone()).map_err(fail)?;
    Ok(Checked {
        params,
        request_id: request_id.unwrap_or_default(),
        timeout_ms,
    })
}

/// One checked positional argument.
#[derive(Debug)]
enum Value {
    Text(String),
    Data(UpdatedData),
}

fn wrong(argument: &'static str, expected: &'static str, value: &JsValue) -> ArgError {
    ArgError {
        argument,
        expected,
        got: describe(value),
    }
}

/// Checks one positional argument.
fn check_one(name: &'static str, value: &JsValue) -> Result<Value, ArgError> {
    match name {
        "updatedData" => return updated_data(value).map(Value::Data),
        // "empty if no reason code is required": absent means empty; reason codes are often
        // numbers (negative = none), so a finite number is taken as its text.
        "reasonCode" => {
            if value.is_undefined() || value.is_null() {
                return Ok(Value::Text(String::new()));
            }
            if let Some(n) = value.as_f64().filter(|n| n.is_finite()) {
                return Ok(Value::Text(js::number_text(n)));
            }
        }
        _ => {}
    }
    let Some(text) = js::text(value) else {
        return Err(wrong(name, "a string", value));
    };
    validate::bounded(name, &text)?;
    match name {
        "channelId" => validate::channel_id(name, &text)?,
        "state" => {
            validate::agent_state(&text)?;
        }
        "reasonType" => {
            validate::reason_type(&text)?;
        }
        "reasonCode" => {}
        _ => validate::non_empty(name, &text)?,
    }
    Ok(Value::Text(text))
}

/// `updatedData`: an object of 1 to 256 string values under well-formed keys.
fn updated_data(value: &JsValue) -> Result<UpdatedData, ArgError> {
    const EXPECTED: &str = "an object whose values are strings";
    if js::is_plain_object(value) != Some(true) {
        return Err(wrong("updatedData", EXPECTED, value));
    }
    let keys = js::own_keys(value).ok_or_else(|| ArgError {
        argument: "updatedData",
        expected: EXPECTED,
        got: "an object whose keys cannot be listed".into(),
    })?;
    validate::updated_data_entries(keys.len())?;
    let mut data = UpdatedData::new();
    for key in keys.into_iter().take(MAX_UPDATED_DATA_ENTRIES) {
        validate::updated_data_key(&key)?;
        let entry = js::get(value, &js::string(&key));
        let Some(text) = entry.as_ref().and_then(js::text) else {
            let mut got = match &entry {
                Some(v) => describe(v),
                None => "a value that throws when read".into(),
            };
            got.push_str(" for key ");
            got.push_str(&key);
            return Err(ArgError {
                argument: "updatedData",
                expected: "string values (call variables are strings)",
                got,
            });
        };
        validate::bounded("updatedData", &text)?;
        data.insert(key, text);
    }
    Ok(data)
}

fn checked_request_id(value: &JsValue) -> Result<Option<String>, ArgError> {
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    let text = match (js::text(value), value.as_f64()) {
        (Some(text), _) => text,
        (None, Some(n)) if n.is_finite() => js::number_text(n),
        _ => return Err(wrong("requestId", "a string (or nothing)", value)),
    };
    validate::bounded("requestId", &text)?;
    Ok(Some(text))
}

fn checked_options(value: &JsValue) -> Result<Option<f64>, ArgError> {
    if value.is_undefined() {
        return Ok(None);
    }
    if js::is_plain_object(value) != Some(true) {
        return Err(wrong("options", "an object like {timeout: 5000}", value));
    }
    let timeout = js::get_named(value, "timeout").ok_or_else(|| ArgError {
        argument: "timeout",
        expected: "a positive number of milliseconds (Infinity waits forever)",
        got: "a value that throws when read".into(),
    })?;
    if timeout.is_undefined() {
        return Ok(None);
    }
    match timeout.as_f64() {
        Some(ms) if ms > 0.0 => Ok(Some(ms)),
        _ => Err(wrong(
            "timeout",
            "a positive number of milliseconds (Infinity waits forever)",
            &timeout,
        )),
    }
}

/// The typed params of `method` from its checked arguments, in the reference's order.
fn build(
    method: Method,
    values: Vec<Value>,
    request_id: Option<String>,
) -> Result<RequestParams, ArgError> {
    let mut texts = Vec::new();
    let mut data = None;
    for value in values {
        match value {
            Value::Text(text) => texts.push(text),
            Value::Data(map) => data = Some(map),
        }
    }
    let mut texts = texts.into_iter();
    let mut next = || texts.next().unwrap_or_default();
    Ok(match method {
        Method::DialOrConsult => RequestParams::DialOrConsult(DialOrConsultParams {
            channel_id: next(),
            address: next(),
            request_id,
        }),
        Method::GetChannel => RequestParams::GetChannel(GetChannelParams {
            channel_id: next(),
            request_id,
        }),
        Method::GetReasonCodeList => {
            let channel_id = next();
            // Checked already (check_one): parsing cannot fail here.
            let reason_type = cil_protocol::ReasonType::parse(&next());
            RequestParams::GetReasonCodeList(GetReasonCodeListParams {
                channel_id,
                reason_type,
                request_id,
            })
        }
        Method::IsUpdateWorkitemDataEnabled => {
            RequestParams::IsUpdateWorkitemDataEnabled(IsUpdateWorkitemDataEnabledParams {
                channel_id: next(),
                workitem_id: next(),
                request_id,
            })
        }
        Method::SetAgentState => {
            let channel_id = next();
            let state = cil_protocol::RequestedState::parse(&next());
            RequestParams::SetAgentState(SetAgentStateParams {
                channel_id,
                state,
                reason_code: next(),
                request_id,
            })
        }
        Method::SetWrapupReason => RequestParams::SetWrapupReason(SetWrapupReasonParams {
            channel_id: next(),
            workitem_id: next(),
            wrap_up_reason: next(),
            request_id,
        }),
        Method::UpdateWorkitemData => RequestParams::UpdateWorkitemData(UpdateWorkitemDataParams {
            channel_id: next(),
            workitem_id: next(),
            updated_data: data.unwrap_or_default(),
            request_id,
        }),
    })
}
