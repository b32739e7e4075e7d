//! The positional arguments of the seven requests, checked before anything is sent (with the
//! rules the gadget applies, from `cil_protocol::validate`), so that a mistake fails at once
//! with a message naming the argument, and written into the request's `params` object.
//!
//! Accepted shapes: the reference's positional arguments, then an optional `requestId` (a
//! string; a number is turned into one; `undefined`/`null` mean none), then an optional options
//! object `{timeout}` (ms, overriding the default request timeout). The options object may also
//! stand in the `requestId` position. Anything after that is a mistake.
//!
//! Every value is read with catching reads ([`crate::js`]): a Proxy whose traps throw, or an
//! object with a throwing getter, is an `INVALID_ARGUMENT` like any other wrong value.
//!
//! The checks are one table (`arguments`) and one loop rather than code per method, and the
//! `params` object is built here directly with interned keys: the same object the protocol
//! crate's typed params serialize to (the reference's field order, `requestId` last and only
//! when given), without eight serde impls in the wasm.

use cil_protocol::validate::{self, ArgError};
use cil_protocol::Method;
use js_sys::Object;
use wasm_bindgen::JsValue;

use crate::describe::{describe, wrong};
use crate::js;

/// A call whose arguments passed: what to send and how to wait.
#[derive(Debug)]
pub struct Checked {
    /// The request's `params`: a plain object of the checked arguments under the reference's
    /// names, in its order, then `requestId` when one was given.
    pub params: JsValue,
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

/// How one positional argument is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rule {
    /// A string that [`validate::channel_id`] accepts.
    ChannelId,
    /// `Ready`, `NotReady` or `Logout`.
    State,
    /// `Logout`, `NotReady` or `Wrapup`.
    ReasonType,
    /// A string, possibly empty; a finite number is taken as its text, `undefined`/`null` as
    /// `""` ("empty if no reason code is required"; reason codes are often numbers).
    ReasonCode,
    /// A string that is not blank (ids, addresses, reasons).
    NonEmptyText,
    /// An object of 1 to 256 string values under well-formed keys.
    UpdatedData,
}

/// The positional arguments of `method`: the names of [`Method::params`] (which are also the
/// `params` field names), each with its rule.
fn arguments(method: Method) -> &'static [(&'static str, Rule)] {
    const CHANNEL: (&str, Rule) = ("channelId", Rule::ChannelId);
    const WORKITEM: (&str, Rule) = ("workitemId", Rule::NonEmptyText);
    match method {
        Method::DialOrConsult => &[CHANNEL, ("address", Rule::NonEmptyText)],
        Method::GetChannel => &[CHANNEL],
        Method::GetReasonCodeList => &[CHANNEL, ("reasonType", Rule::ReasonType)],
        Method::IsUpdateWorkitemDataEnabled => &[CHANNEL, WORKITEM],
        Method::SetAgentState => &[
            CHANNEL,
            ("state", Rule::State),
            ("reasonCode", Rule::ReasonCode),
        ],
        Method::SetWrapupReason => &[CHANNEL, WORKITEM, ("wrapUpReason", Rule::NonEmptyText)],
        Method::UpdateWorkitemData => &[CHANNEL, WORKITEM, ("updatedData", Rule::UpdatedData)],
    }
}

/// Checks the arguments of a call of `method`: the positional ones, then `requestId`,
/// `options` and whatever came after them.
pub fn check(method: Method, args: &[JsValue]) -> Result<Checked, Rejected> {
    let positional = arguments(method);
    let request_id = nth(args, positional.len());
    match check_all(method, positional, args, &request_id) {
        Ok(checked) => Ok(checked),
        Err(e) => Err(rejected(method, &e, &request_id)),
    }
}

/// The one error path: the message prefixed with the method, and the `requestId` if readable.
#[inline(never)]
fn rejected(method: Method, e: &ArgError, request_id: &JsValue) -> Rejected {
    let mut message = String::from(method.name());
    message.push_str(": ");
    message.push_str(&e.message());
    Rejected {
        message,
        request_id: id_text(request_id).unwrap_or_default(),
    }
}

/// Argument `i`, `undefined` when not given.
fn nth(args: &[JsValue], i: usize) -> JsValue {
    args.get(i).cloned().unwrap_or_default()
}

/// A string as it is, a finite number as JavaScript writes it: how a `requestId` is read.
fn id_text(value: &JsValue) -> Option<String> {
    js::text(value).or_else(|| {
        value
            .as_f64()
            .filter(|n| n.is_finite())
            .map(js::number_text)
    })
}

fn check_all(
    method: Method,
    positional: &'static [(&'static str, Rule)],
    args: &[JsValue],
    request_id: &JsValue,
) -> Result<Checked, ArgError> {
    let params: JsValue = Object::new().into();
    for (i, &(name, rule)) in positional.iter().enumerate() {
        let value = check_one(name, rule, &nth(args, i))?;
        js::set(&params, name, &value);
    }
    let n = positional.len();
    let (options, extra) = (nth(args, n + 1), nth(args, n + 2));
    // The options object may stand in the requestId position.
    let (request_id, options, extra) = match js::is_plain_object(request_id) {
        Some(true) => (JsValue::UNDEFINED, request_id.clone(), options),
        None => return Err(wrong("requestId", "a string (or nothing)", request_id)),
        Some(false) => (request_id.clone(), options, extra),
    };
    let request_id_value = request_id.clone();
    let request_id = checked_request_id(&request_id)?;
    let timeout_ms = checked_options(&options)?;
    if !extra.is_undefined() {
        let mut got = String::from("another argument: ");
        got.push_str(&describe(&extra));
        return Err(ArgError {
            argument: method.name(),
            expected: "no more arguments than the reference's, then requestId and {timeout}",
            got,
        });
    }
    if let Some(id) = &request_id {
        // The caller's own string when it gave one; a number as its text.
        let value = if request_id_value.is_string() {
            request_id_value
        } else {
            js::string(id)
        };
        js::set(&params, "requestId", &value);
    }
    Ok(Checked {
        params,
        request_id: request_id.unwrap_or_default(),
        timeout_ms,
    })
}

/// Checks one positional argument; its value for `params`.
fn check_one(name: &'static str, rule: Rule, value: &JsValue) -> Result<JsValue, ArgError> {
    match rule {
        Rule::UpdatedData => return updated_data(value),
        Rule::ReasonCode if value.is_undefined() || value.is_null() => return Ok(js::string("")),
        Rule::ReasonCode => {
            if let Some(n) = value.as_f64().filter(|n| n.is_finite()) {
                return Ok(js::string(&js::number_text(n)));
            }
        }
        _ => {}
    }
    let Some(text) = js::text(value) else {
        return Err(wrong(name, "a string", value));
    };
    validate::bounded(name, &text)?;
    match rule {
        Rule::ChannelId => validate::channel_id(name, &text)?,
        Rule::State => drop(validate::agent_state(&text)?),
        Rule::ReasonType => drop(validate::reason_type(&text)?),
        Rule::NonEmptyText => validate::non_empty(name, &text)?,
        Rule::ReasonCode | Rule::UpdatedData => {}
    }
    // The caller's string itself, not a copy made from the Rust text: checked, it is sent as
    // given, and the request path saves a UTF-8 decode (TextDecoder) per argument.
    Ok(value.clone())
}

/// `updatedData`: an object of 1 to 256 string values under well-formed keys, copied into a
/// plain object in the caller's order.
fn updated_data(value: &JsValue) -> Result<JsValue, ArgError> {
    const EXPECTED: &str = "an object whose values are strings";
    if js::is_plain_object(value) != Some(true) {
        return Err(wrong("updatedData", EXPECTED, value));
    }
    let keys = js::own_keys(value).ok_or_else(|| ArgError {
        argument: "updatedData",
        expected: EXPECTED,
        got: "an object whose keys cannot be listed".into(),
    })?;
    // At most MAX_UPDATED_DATA_ENTRIES from here on.
    validate::updated_data_entries(keys.len())?;
    let data: JsValue = Object::new().into();
    for key in keys {
        validate::updated_data_key(&key)?;
        let name = js::string(&key);
        let entry = js::get(value, &name);
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
        // Keys are unique (`Object.keys`), so this appends in the caller's order, as the
        // typed `UpdatedData` did.
        js::set_with(&data, &name, &entry.unwrap_or_default());
    }
    Ok(data)
}

fn checked_request_id(value: &JsValue) -> Result<Option<String>, ArgError> {
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    let Some(text) = id_text(value) else {
        return Err(wrong("requestId", "a string (or nothing)", value));
    };
    validate::bounded("requestId", &text)?;
    Ok(Some(text))
}

fn checked_options(value: &JsValue) -> Result<Option<f64>, ArgError> {
    const TIMEOUT: &str = "a positive number of milliseconds (Infinity waits forever)";
    if value.is_undefined() {
        return Ok(None);
    }
    if js::is_plain_object(value) != Some(true) {
        return Err(wrong("options", "an object like {timeout: 5000}", value));
    }
    let timeout = js::get_named(value, "timeout").ok_or_else(|| ArgError {
        argument: "timeout",
        expected: TIMEOUT,
        got: "a value that throws when read".into(),
    })?;
    if timeout.is_undefined() {
        return Ok(None);
    }
    match timeout.as_f64() {
        Some(ms) if ms > 0.0 => Ok(Some(ms)),
        _ => Err(wrong("timeout", TIMEOUT, &timeout)),
    }
}

#[cfg(test)]
mod tests {
    use super::{arguments, Method};

    #[test]
    fn the_table_names_the_reference_arguments() {
        for method in Method::ALL {
            let names: Vec<&str> = arguments(method).iter().map(|(name, _)| *name).collect();
            assert_eq!(names, method.params(), "{method}");
        }
    }
}

/// The `params` built here against what the protocol crate's typed params serialize to (as
/// `wire::to_js` wrote them before), compared as JSON text (key order included).
#[cfg(all(test, target_arch = "wasm32"))]
mod wire_tests {
    use cil_protocol::requests::{
        DialOrConsultParams, GetChannelParams, GetReasonCodeListParams,
        IsUpdateWorkitemDataEnabledParams, RequestParams, SetAgentStateParams,
        SetWrapupReasonParams, UpdateWorkitemDataParams,
    };
    use cil_protocol::updated_data::UpdatedData;
    use cil_protocol::{Method, ReasonType, RequestedState};
    use js_sys::{Object, JSON};
    use wasm_bindgen::JsValue;
    use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

    wasm_bindgen_test_configure!(run_in_browser);

    fn json(value: &JsValue) -> String {
        JSON::stringify(value).map(String::from).unwrap_or_default()
    }

    fn s(text: &str) -> JsValue {
        JsValue::from_str(text)
    }

    fn same(method: Method, args: &[JsValue], typed: RequestParams) {
        let checked = super::check(method, args).map_err(|r| r.message);
        let built = checked.map(|c| json(&c.params));
        assert_eq!(built, Ok(json(&crate::wire::to_js(&typed))), "{method}");
    }

    #[wasm_bindgen_test]
    fn params_are_what_the_typed_params_serialize_to() {
        let id = || Some("r1".to_string());
        for request_id in [None, id()] {
            let tail: Vec<JsValue> = request_id.iter().map(|r| s(r)).collect();
            let with = |mut v: Vec<JsValue>| {
                v.extend(tail.iter().cloned());
                v
            };
            same(
                Method::DialOrConsult,
                &with(vec![s("voice"), s("+41 44 000")]),
                RequestParams::DialOrConsult(DialOrConsultParams {
                    channel_id: "voice".into(),
                    address: "+41 44 000".into(),
                    request_id: request_id.clone(),
                }),
            );
            same(
                Method::GetChannel,
                &with(vec![s("voice_-1")]),
                RequestParams::GetChannel(GetChannelParams {
                    channel_id: "voice_-1".into(),
                    request_id: request_id.clone(),
                }),
            );
            same(
                Method::GetReasonCodeList,
                &with(vec![s("voice"), s("Wrapup")]),
                RequestParams::GetReasonCodeList(GetReasonCodeListParams {
                    channel_id: "voice".into(),
                    reason_type: ReasonType::Wrapup,
                    request_id: request_id.clone(),
                }),
            );
            same(
                Method::IsUpdateWorkitemDataEnabled,
                &with(vec![s("chat_5"), s("wi-1")]),
                RequestParams::IsUpdateWorkitemDataEnabled(IsUpdateWorkitemDataEnabledParams {
                    channel_id: "chat_5".into(),
                    workitem_id: "wi-1".into(),
                    request_id: request_id.clone(),
                }),
            );
            for (code, text) in [
                (JsValue::UNDEFINED, ""),
                (JsValue::NULL, ""),
                (JsValue::from_f64(-1.0), "-1"),
                (s("12"), "12"),
            ] {
                same(
                    Method::SetAgentState,
                    &with(vec![s("voice"), s("NotReady"), code]),
                    RequestParams::SetAgentState(SetAgentStateParams {
                        channel_id: "voice".into(),
                        state: RequestedState::NotReady,
                        reason_code: text.into(),
                        request_id: request_id.clone(),
                    }),
                );
            }
            same(
                Method::SetWrapupReason,
                &with(vec![s("voice"), s("wi-1"), s("Documentation")]),
                RequestParams::SetWrapupReason(SetWrapupReasonParams {
                    channel_id: "voice".into(),
                    workitem_id: "wi-1".into(),
                    wrap_up_reason: "Documentation".into(),
                    request_id: request_id.clone(),
                }),
            );
            let data = Object::new();
            let entries = [("z", "1"), ("user.eccVar1", "é"), ("7", ""), ("a", "x")];
            for (k, v) in entries {
                let _ = js_sys::Reflect::set(&data, &s(k), &s(v));
            }
            same(
                Method::UpdateWorkitemData,
                &with(vec![s("voice"), s("wi-1"), data.into()]),
                RequestParams::UpdateWorkitemData(UpdateWorkitemDataParams {
                    channel_id: "voice".into(),
                    workitem_id: "wi-1".into(),
                    // In the order Object.keys lists them (integer keys first).
                    updated_data: UpdatedData::from([
                        ("7", ""),
                        ("z", "1"),
                        ("user.eccVar1", "é"),
                        ("a", "x"),
                    ]),
                    request_id: request_id.clone(),
                }),
            );
        }
        // A number requestId is sent as its text.
        same(
            Method::GetChannel,
            &[s("voice"), JsValue::from_f64(42.0)],
            RequestParams::GetChannel(GetChannelParams {
                channel_id: "voice".into(),
                request_id: Some("42".into()),
            }),
        );
    }
}
