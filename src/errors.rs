//! `CilError` objects and `error` event payloads, built the same way for every failure so that
//! a page can branch on `error.code` whatever went wrong.
//!
//! The JS facade defines the `CilError` class (an `Error` subclass) and installs it with
//! [`set_error_class`]; without it (e.g. the wasm used directly) errors are plain `Error`s with
//! the same `name`, `code`, `message` and `requestId`.

use std::cell::RefCell;

use cil_client_core::Failure;
use js_sys::{Function, Object, Reflect};
use wasm_bindgen::prelude::*;

use crate::keys::Keys;

thread_local! {
    static ERROR_CLASS: RefCell<Option<Function>> = const { RefCell::new(None) };
}

/// Installs the `CilError` constructor, called as `new CilError(message, code, requestId)`.
#[wasm_bindgen(js_name = setErrorClass)]
pub fn set_error_class(class: Function) {
    ERROR_CLASS.with(|c| *c.borrow_mut() = Some(class));
}

/// A `CilError` for `failure`.
pub(crate) fn cil_error(failure: &Failure) -> JsValue {
    let message = JsValue::from_str(&failure.message);
    let code = JsValue::from_str(failure.code.as_str());
    let request_id = JsValue::from_str(&failure.request_id);
    let class = ERROR_CLASS.with(|c| c.borrow().clone());
    if let Some(class) = class {
        let args = js_sys::Array::of3(&message, &code, &request_id);
        if let Ok(error) = Reflect::construct(&class, &args) {
            return error;
        }
    }
    let error = js_sys::Error::new(&failure.message);
    error.set_name("CilError");
    let _ = Reflect::set(&error, &JsValue::from_str("code"), &code);
    let _ = Reflect::set(&error, &JsValue::from_str("requestId"), &request_id);
    error.into()
}

/// The payload of a client-side `error` event:
/// `{event: "error", version: "2.7", requestId, message, code}`.
pub(crate) fn error_event(keys: &Keys, failure: &Failure) -> JsValue {
    let data = Object::new();
    let _ = Reflect::set(&data, &keys.event, &keys.error_event);
    let _ = Reflect::set(&data, &keys.version, &keys.api_version);
    let _ = Reflect::set(
        &data,
        &keys.request_id,
        &JsValue::from_str(&failure.request_id),
    );
    let _ = Reflect::set(&data, &keys.message, &JsValue::from_str(&failure.message));
    let _ = Reflect::set(&data, &keys.code, &JsValue::from_str(failure.code.as_str()));
    data.into()
}
