//! The arguments of the JS methods, checked: every method takes `JsValue`s (what a page may
//! really pass: a number for a string, `null`, a Proxy, a symbol) and reads them here, so a
//! wrong value is a `SimulatorError` with code `INVALID_ARGUMENT` that names the method and
//! the argument, never a trap in wasm-bindgen's glue (a `&str` parameter given a number used to
//! end in "memory access out of bounds").

use crate::convert::{describe, shorten, to_json};
use crate::js_error::invalid;
use cil_protocol::validate::MAX_STRING_LEN;
use serde_json::Value;
use wasm_bindgen::{JsCast, JsValue};

/// The result of a JS method.
pub type JsResult<T> = Result<T, JsValue>;

/// `INVALID_ARGUMENT`: `<method>: <argument>: <problem>`.
pub fn bad(method: &str, argument: &str, problem: &str) -> JsValue {
    invalid(&format!("{method}: {argument}: {problem}"))
}

/// A required string of at most [`MAX_STRING_LEN`] bytes.
pub fn string(method: &str, argument: &str, value: &JsValue) -> JsResult<String> {
    let Some(text) = value.as_string() else {
        return Err(bad(
            method,
            argument,
            &format!("expected a string, got {}", describe(value)),
        ));
    };
    if text.len() > MAX_STRING_LEN {
        return Err(bad(
            method,
            argument,
            &format!("longer than {MAX_STRING_LEN} bytes ({} bytes)", text.len()),
        ));
    }
    Ok(text)
}

/// A required, non-blank string.
pub fn text(method: &str, argument: &str, value: &JsValue) -> JsResult<String> {
    let s = string(method, argument, value)?;
    if s.trim().is_empty() {
        return Err(bad(
            method,
            argument,
            "expected a non-empty string, got an empty one",
        ));
    }
    Ok(s)
}

/// An optional string: `undefined` and `null` are `None`, so is `""`.
pub fn optional(method: &str, argument: &str, value: &JsValue) -> JsResult<Option<String>> {
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    let s = string(method, argument, value)?;
    Ok((!s.is_empty()).then_some(s))
}

/// An optional reason code: a string (a number is refused with a hint: codes are strings).
pub fn reason_code(method: &str, argument: &str, value: &JsValue) -> JsResult<Option<String>> {
    if let Some(n) = value.as_f64() {
        return Err(bad(
            method,
            argument,
            &format!("expected a string (e.g. \"{n}\"), got a number"),
        ));
    }
    optional(method, argument, value)
}

/// A required boolean.
pub fn boolean(method: &str, argument: &str, value: &JsValue) -> JsResult<bool> {
    value.as_bool().ok_or_else(|| {
        bad(
            method,
            argument,
            &format!("expected true or false, got {}", describe(value)),
        )
    })
}

/// A required whole number from 0 to `max`.
pub fn whole(method: &str, argument: &str, value: &JsValue, max: u32) -> JsResult<u32> {
    match value.as_f64() {
        Some(n) if n.fract() == 0.0 && (0.0..=f64::from(max)).contains(&n) => Ok(n as u32),
        Some(n) => Err(bad(
            method,
            argument,
            &format!("expected a whole number from 0 to {max}, got {n}"),
        )),
        None => Err(bad(
            method,
            argument,
            &format!("expected a number, got {}", describe(value)),
        )),
    }
}

/// An options object read as JSON: `undefined`/`null` give `{}` when `optional`.
pub fn object(method: &str, argument: &str, value: &JsValue, optional: bool) -> JsResult<Value> {
    if optional && (value.is_undefined() || value.is_null()) {
        return Ok(Value::Object(serde_json::Map::new()));
    }
    match to_json(value) {
        Ok(v @ Value::Object(_)) => Ok(v),
        Ok(_) => Err(bad(
            method,
            argument,
            &format!("expected an object, got {}", describe(value)),
        )),
        Err(e) => Err(bad(method, argument, &e.0)),
    }
}

/// A function (a listener).
pub fn function(method: &str, argument: &str, value: &JsValue) -> JsResult<js_sys::Function> {
    if value.is_function() {
        Ok(value.clone().unchecked_into())
    } else {
        Err(bad(
            method,
            argument,
            &format!("expected a function, got {}", describe(value)),
        ))
    }
}

/// Reads `value` (a JSON options object) as `T`; serde's message names the field.
pub fn typed<T: serde::de::DeserializeOwned>(
    method: &str,
    argument: &str,
    value: Value,
) -> JsResult<T> {
    serde_json::from_value(value).map_err(|e| bad(method, argument, &shorten_long(&e.to_string())))
}

/// A serde message, cut so a hostile key does not come back in full.
fn shorten_long(message: &str) -> String {
    if message.chars().count() > 300 {
        format!("{}…", shorten(message))
    } else {
        message.to_owned()
    }
}

/// An origin (`https://crm.example`, or `*`).
pub fn origin(method: &str, argument: &str, value: &JsValue) -> JsResult<String> {
    let text = text(method, argument, value)?;
    if text == "*" {
        return Ok(text);
    }
    let parsed = web_sys::Url::new(&text).ok().map(|u| u.origin());
    match parsed {
        Some(o) if o == text => Ok(text),
        _ => Err(bad(
            method,
            argument,
            &format!(
                "expected an origin like https://crm.example (scheme, host, port; no path) or \"*\", got '{}'",
                shorten(&text)
            ),
        )),
    }
}
