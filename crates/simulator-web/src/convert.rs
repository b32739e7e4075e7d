//! Moving values between JS and the model without trusting them: a structured-cloned message
//! can be cyclic, enormous or deeply nested, and a panic or stack overflow here would kill the
//! wasm instance for every later call.
//!
//! Inbound conversion is hand-written with a depth limit (instead of `serde-wasm-bindgen`,
//! which recurses without one). Outbound values are written as JSON and read back with the
//! browser's `JSON.parse`: the payloads are plain objects (no `Map`, which Salesforce Lightning
//! Web Security dislikes), and objects made by `JSON.parse` are the cheapest to post: the
//! structured clone of a 2 KB `getChannel` response took 16.5 µs against 20.4 µs for the same
//! object built property by property (`serde-wasm-bindgen`), in Chromium 156.

use serde::Serialize;
use serde_json::{Map, Number, Value};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsValue;

// Every JS operation on a value the page handed over goes through `catch` imports: a Proxy's
// trap (or a revoked Proxy) throws from `Array.isArray`, `Object.keys`, a property read or an
// array's `length`, and a JS exception that unwinds through Rust frames would skip their
// destructors (a `RefCell` borrow would stay taken for good). Caught, it is a plain error.
#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = Array, js_name = isArray, catch)]
    fn array_is_array(value: &JsValue) -> Result<bool, JsValue>;
    #[wasm_bindgen(js_namespace = Object, js_name = keys, catch)]
    fn object_keys(value: &JsValue) -> Result<js_sys::Array, JsValue>;
    /// `Reflect.get`, caught (also used by the DOM checks).
    #[wasm_bindgen(js_namespace = Reflect, js_name = get, catch)]
    pub fn reflect_get(target: &JsValue, key: &JsValue) -> Result<JsValue, JsValue>;
}

/// Deepest nesting accepted from JS (the protocol's deepest message nests 5 levels).
pub const MAX_DEPTH: usize = 32;

/// The longest array accepted from JS (a sparse `new Array(2 ** 32 - 1)` would take minutes).
pub const MAX_ITEMS: usize = 100_000;

/// Why a JS value could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable(pub String);

/// Reads a JS value as JSON: objects (own enumerable string keys), arrays, strings, finite
/// numbers, booleans, `null`/`undefined` (→ null). Functions, symbols, bigints and
/// non-finite numbers are refused, and so is nesting deeper than [`MAX_DEPTH`]; a value whose
/// reading throws (a Proxy, a throwing getter) is refused with what could not be read.
pub fn to_json(value: &JsValue) -> Result<Value, Unreadable> {
    read(value, 0)
}

fn read(value: &JsValue, depth: usize) -> Result<Value, Unreadable> {
    if depth > MAX_DEPTH {
        return Err(Unreadable(format!("nested deeper than {MAX_DEPTH} levels")));
    }
    if value.is_null() || value.is_undefined() {
        return Ok(Value::Null);
    }
    if let Some(b) = value.as_bool() {
        return Ok(Value::Bool(b));
    }
    if let Some(n) = value.as_f64() {
        return number(n);
    }
    if let Some(s) = value.as_string() {
        return Ok(Value::String(s));
    }
    if !value.is_object() || value.is_function() {
        return Err(Unreadable(format!("{} is not data", describe(value))));
    }
    let unreadable = |what: &str| Unreadable(format!("{what} could not be read (it threw)"));
    if array_is_array(value).map_err(|_| unreadable("the object"))? {
        let length = reflect_get(value, &JsValue::from_str("length"))
            .ok()
            .and_then(|l| l.as_f64())
            .ok_or_else(|| unreadable("the array's length"))?;
        if !(0.0..=MAX_ITEMS as f64).contains(&length) {
            return Err(Unreadable(format!(
                "an array of more than {MAX_ITEMS} items is refused"
            )));
        }
        let length = length as u32;
        let mut out = Vec::with_capacity(length.min(1 << 12) as usize);
        for i in 0..length {
            let item = reflect_get(value, &JsValue::from(i))
                .map_err(|_| unreadable(&format!("item {i}")))?;
            out.push(read(&item, depth + 1)?);
        }
        return Ok(Value::Array(out));
    }
    let keys = object_keys(value).map_err(|_| unreadable("the object's keys"))?;
    let mut out = Map::new();
    for key in keys.iter() {
        let Some(name) = key.as_string() else {
            continue;
        };
        let item = reflect_get(value, &key)
            .map_err(|_| unreadable(&format!("property '{}'", shorten(&name))))?;
        out.insert(name, read(&item, depth + 1)?);
    }
    Ok(Value::Object(out))
}

/// "a number", "a symbol", "an object", … for messages (never the value itself).
pub fn describe(value: &JsValue) -> String {
    if value.is_null() {
        return "null".into();
    }
    if value.is_undefined() {
        return "undefined".into();
    }
    match value.js_typeof().as_string().as_deref() {
        Some("object") => match array_is_array(value) {
            Ok(true) => "an array".into(),
            Ok(false) => "an object".into(),
            Err(_) => "an unreadable object (a revoked Proxy?)".into(),
        },
        Some("string") => "a string".into(),
        Some("number") => "a number".into(),
        Some("boolean") => "a boolean".into(),
        Some("symbol") => "a symbol".into(),
        Some("bigint") => "a bigint".into(),
        Some("function") => "a function".into(),
        _ => "an unknown value".into(),
    }
}

/// The first 64 characters of `text`.
pub fn shorten(text: &str) -> String {
    text.chars().take(64).collect()
}

fn number(n: f64) -> Result<Value, Unreadable> {
    // Integers stay integers so ids compare equal to what was sent.
    if n.fract() == 0.0 && n.abs() < 9_007_199_254_740_992.0 {
        return Ok(Value::Number(Number::from(n as i64)));
    }
    Number::from_f64(n)
        .map(Value::Number)
        .ok_or_else(|| Unreadable("not a finite number".into()))
}

/// Writes a value as a plain JS object (`null` if it cannot be written as JSON).
pub fn to_js<T: Serialize + ?Sized>(value: &T) -> JsValue {
    serde_json::to_string(value)
        .ok()
        .and_then(|json| js_sys::JSON::parse(&json).ok())
        .unwrap_or(JsValue::NULL)
}
