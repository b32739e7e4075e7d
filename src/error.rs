//! `CilError` (the rejection of every failed call) and the `error` event payload.
//!
//! `CilError` is a small JS class (`js/cil/cil-error.js`, a real `Error` subclass: wasm-bindgen
//! classes cannot extend `Error`); every instance is created here, with a code of
//! [`ErrorCode`] and a message that says why.

use cil_client_core::Failure;
use cil_protocol::{ErrorCode, API_VERSION};
use wasm_bindgen::prelude::*;

use crate::wire::{Object, Value};

#[wasm_bindgen(module = "/js/cil/cil-error.js")]
extern "C" {
    /// The JS class `CilError extends Error`: `name`, `code`, `message`, `requestId`.
    #[wasm_bindgen(extends = js_sys::Error)]
    pub type CilError;

    #[wasm_bindgen(constructor)]
    fn construct(message: &str, code: &str, request_id: &str) -> CilError;
}

impl CilError {
    /// A `CilError` with this message, code and requestId.
    pub fn new(message: &str, code: &ErrorCode, request_id: &str) -> CilError {
        CilError::construct(message, code.as_str(), request_id)
    }

    /// The `CilError` of a failure of the state machine.
    pub fn from_failure(failure: &Failure) -> CilError {
        CilError::new(&failure.message, &failure.code, &failure.request_id)
    }
}

/// `{event: "error", version: "2.7", requestId, message, code}`, as the handlers receive it.
pub fn error_event(message: &str, code: &ErrorCode, request_id: &str) -> JsValue {
    Object(&[
        ("event", Value::Str("error")),
        ("version", Value::Str(API_VERSION)),
        ("requestId", Value::Str(request_id)),
        ("message", Value::Str(message)),
        ("code", Value::Str(code.as_str())),
    ])
    .to_js()
}
