//! The positional arguments of the seven requests, checked before anything is sent (with the
//! same rules the gadget applies, from `cil_protocol::validate`) and turned into the request's
//! `params` object, so that a mistake fails at once with a message naming the argument.
//!
//! Accepted shapes: the reference's positional arguments, then an optional `requestId` (a
//! string; a number is turned into one; `undefined`/`null` mean none), then an optional options
//! object `{timeout}` (ms, overriding the default request timeout). The options object may also
//! stand in the `requestId` position.

use cil_protocol::validate::{self, ArgError};
use cil_protocol::Method;
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

/// A validated request, ready for the client core.
pub(crate) struct Checked {
    pub params: JsValue,
    pub request_id: String,
    pub timeout_ms: Option<f64>,
}

/// Checks `args` for `method` and builds its `params`.
pub(crate) fn check(method: Method, args: &Array) -> Result<Checked, ArgError> {
    let names = method.params();
    let params = Object::new();
    let positional = names.len() as u32;
    for (i, &name) in names.iter().enumerate() {
        let value = args.get(i as u32);
        let value = check_one(method, name, &value)?;
        let _ = Reflect::set(&params, &JsValue::from_str(name), &value);
    }
    let mut request_id = String::new();
    let mut timeout_ms = None;
    let mut at = positional;
    let next = args.get(at);
    if is_options(&next) {
        timeout_ms = options_timeout(&next)?;
        at += 1;
    } else {
        if let Some(id) = request_id_of(&next)? {
            let _ = Reflect::set(
                &params,
                &JsValue::from_str("requestId"),
                &JsValue::from_str(&id),
            );
            request_id = id;
        }
        at += 1;
        let options = args.get(at);
        if is_options(&options) {
            timeout_ms = options_timeout(&options)?;
            at += 1;
        } else if !options.is_undefined() {
            return Err(ArgError {
                argument: "options",
                expected: "an object like {timeout: 5000}",
                got: describe(&options),
            });
        }
    }
    if args.length() > at {
        return Err(ArgError {
            argument: method.name(),
            expected: "no more arguments than the reference's, then requestId and {timeout}",
            got: describe_count(args.length()),
        });
    }
    Ok(Checked {
        params: params.into(),
        request_id,
        timeout_ms,
    })
}

/// Checks one positional argument and returns the value to send.
fn check_one(method: Method, name: &'static str, value: &JsValue) -> Result<JsValue, ArgError> {
    match name {
        "updatedData" => return updated_data(value),
        // "empty if no reason code is required": absent means empty; reason codes are often
        // numbers (negative = none), so numbers pass as they are.
        "reasonCode" => {
            if value.is_undefined() || value.is_null() {
                return Ok(JsValue::from_str(""));
            }
            if value.as_f64().is_some_and(f64::is_finite) {
                return Ok(value.clone());
            }
        }
        _ => {}
    }
    let Some(text) = value.as_string() else {
        return Err(ArgError {
            argument: name,
            expected: "a string",
            got: describe(value),
        });
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
    let _ = method;
    Ok(value.clone())
}

/// `updatedData`: a plain object whose values are strings; copied so the page cannot change it
/// (or hide a getter in it) after the check.
fn updated_data(value: &JsValue) -> Result<JsValue, ArgError> {
    const EXPECTED: &str = "an object whose values are strings";
    if !value.is_object() || Array::is_array(value) || value.is_function() {
        return Err(ArgError {
            argument: "updatedData",
            expected: EXPECTED,
            got: describe(value),
        });
    }
    let source: &Object = value.unchecked_ref();
    let keys = Object::keys(source);
    validate::updated_data_entries(keys.length() as usize)?;
    let copy = Object::new();
    for key in keys.iter() {
        let name = key.as_string().unwrap_or_default();
        validate::updated_data_key(&name)?;
        let entry = Reflect::get(source, &key).unwrap_or(JsValue::UNDEFINED);
        let Some(text) = entry.as_string() else {
            let mut got = describe(&entry);
            got.push_str(" for key ");
            got.push_str(&name);
            return Err(ArgError {
                argument: "updatedData",
                expected: "string values (call variables are strings)",
                got,
            });
        };
        validate::bounded("updatedData", &text)?;
        let _ = Reflect::set(&copy, &key, &entry);
    }
    Ok(copy.into())
}

fn request_id_of(value: &JsValue) -> Result<Option<String>, ArgError> {
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    let text = if let Some(text) = value.as_string() {
        text
    } else if let Some(n) = value.as_f64().filter(|n| n.is_finite()) {
        number_text(n)
    } else {
        return Err(ArgError {
            argument: "requestId",
            expected: "a string (or nothing)",
            got: describe(value),
        });
    };
    validate::bounded("requestId", &text)?;
    Ok(Some(text))
}

fn is_options(value: &JsValue) -> bool {
    value.is_object() && !Array::is_array(value) && !value.is_function()
}

fn options_timeout(options: &JsValue) -> Result<Option<f64>, ArgError> {
    let timeout =
        Reflect::get(options, &JsValue::from_str("timeout")).unwrap_or(JsValue::UNDEFINED);
    if timeout.is_undefined() {
        return Ok(None);
    }
    match timeout.as_f64() {
        Some(ms) if ms > 0.0 => Ok(Some(ms)),
        _ => Err(ArgError {
            argument: "timeout",
            expected: "a positive number of milliseconds (Infinity waits forever)",
            got: describe(&timeout),
        }),
    }
}

/// A short description of a value for messages: quoted strings, numbers, or the JS type.
pub(crate) fn describe(value: &JsValue) -> String {
    if let Some(text) = value.as_string() {
        return ArgError::quoting("", "", &text).got;
    }
    if value.is_null() {
        return "null".into();
    }
    if Array::is_array(value) {
        return "an array".into();
    }
    if let Some(n) = value.as_f64() {
        let mut text = String::from("number ");
        text.push_str(&number_text(n));
        return text;
    }
    if let Some(b) = value.as_bool() {
        return String::from(if b { "boolean true" } else { "boolean false" });
    }
    value.js_typeof().as_string().unwrap_or_default()
}

fn describe_count(count: u32) -> String {
    let mut text = number_text(f64::from(count));
    text.push_str(" arguments");
    text
}

/// A number as JS prints it (`String(n)`), without Rust's float formatting machinery.
fn number_text(n: f64) -> String {
    js_sys::Number::from(n)
        .to_string_with_radix(10)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_default()
}
