//! Errors handed to JS as real `Error` objects with a stable `code`, so a test can write
//! `expect(() => sim.answer('x')).toThrow()` and branch on `err.code`.

use cil_simulator::error::SimError;
use js_sys::{Error, Reflect};
use wasm_bindgen::JsValue;

/// A JS `Error` named `SimulatorError` with `code` and `message`.
pub fn js_error(code: &str, message: &str) -> JsValue {
    let error = Error::new(message);
    error.set_name("SimulatorError");
    // Setting a property on a fresh Error cannot fail; a failure would only lose the code.
    let _ = Reflect::set(&error, &JsValue::from_str("code"), &JsValue::from_str(code));
    error.into()
}

/// A model error as a JS error.
pub fn from_sim(e: SimError) -> JsValue {
    js_error(e.code.as_str(), &e.message)
}

/// `INVALID_ARGUMENT` for a bad script argument.
pub fn invalid(message: &str) -> JsValue {
    js_error("INVALID_ARGUMENT", message)
}
