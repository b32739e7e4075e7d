//! What a rejected value *was*, in the words the error messages use: `"Voice"` (strings quoted,
//! at most 40 characters), `number 5`, `boolean true`, `null`, `undefined`, `an array`,
//! `object`, or the JS type (`function`, `symbol`, `bigint`).

use cil_protocol::validate::ArgError;
use wasm_bindgen::JsValue;

use crate::js;

/// A short description of `value` for messages (see the module docs).
pub fn describe(value: &JsValue) -> String {
    if let Some(text) = js::text(value) {
        return quoted(&text);
    }
    if let Some(n) = value.as_f64() {
        return ["number ", &js::number_text(n)].concat();
    }
    if let Some(b) = value.as_bool() {
        return if b { "boolean true" } else { "boolean false" }.into();
    }
    let kind = if value.is_null() {
        "null"
    } else if value.is_undefined() {
        "undefined"
    } else if value.is_function() {
        "function"
    } else if value.is_symbol() {
        "symbol"
    } else if value.is_bigint() {
        "bigint"
    } else if js::is_array(value) == Some(true) {
        "an array"
    } else {
        "object"
    };
    kind.into()
}

/// The error for a wrong `value` of `argument`, described as above (one copy for every check).
#[inline(never)]
pub fn wrong(argument: &'static str, expected: &'static str, value: &JsValue) -> ArgError {
    ArgError {
        argument,
        expected,
        got: describe(value),
    }
}

/// `"<text>"`, shortened like every quoted value of an `ArgError`.
pub fn quoted(text: &str) -> String {
    ArgError::quoting("", "", text).got
}
