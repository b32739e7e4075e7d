//! `CilError` (the rejection of every failed call) and the `error` event payload.
//!
//! `CilError` is a small JS class (`js/cil/cil-error.js`, a real `Error` subclass: wasm-bindgen
//! classes cannot extend `Error`); every instance is created here, with a code of
//! [`ErrorCode`] and a message that says why.

use cil_client_core::Failure;
use cil_protocol::{ErrorCode, API_VERSION};
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::wire;

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

/// The payload of an `error` event the client raises itself (the gadget sends its own).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ErrorEvent<'a> {
    event: &'static str,
    version: &'static str,
    request_id: &'a str,
    message: &'a str,
    code: &'a str,
}

/// `{event: "error", version: "2.7", requestId, message, code}`, as the handlers receive it.
pub fn error_event(message: &str, code: &ErrorCode, request_id: &str) -> JsValue {
    wire::to_js(&ErrorEvent {
        event: "error",
        version: API_VERSION,
        request_id,
        message,
        code: code.as_str(),
    })
}
