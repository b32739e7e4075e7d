//! The page's configuration, the default of every instance: `window.CIL_OPTIONS` (set before
//! the script), and the `data-*` attributes of the drop-in script's tag
//! (`data-allowed-origins="https://a https://b"`, `data-target`, `data-log-level`,
//! `data-connect-timeout`, `data-request-timeout`, `data-result-shape`,
//! `data-support-log-size`), which win over `CIL_OPTIONS`.
//! Constructor options win over both, option by option.
//!
//! The script tag can only be found while the script runs (`document.currentScript`), which is
//! when the drop-in instantiates the wasm: [`capture_script_tag`] runs then, from the wasm's
//! start function, and keeps what the tag says. `CIL_OPTIONS` is read whenever an instance is
//! made, so a page may also set it later.

use std::cell::RefCell;

use js_sys::{Array, Object};
use wasm_bindgen::JsValue;

use crate::js;

thread_local! {
    /// The options given by the script tag's `data-*` attributes, as an options object.
    static SCRIPT_OPTIONS: RefCell<Option<JsValue>> = const { RefCell::new(None) };
}

/// The `data-*` options other than `allowedOrigins`, by their `dataset` names (which are the
/// option names), and whether each is a number. A static, so the loop reads it in place.
static ATTRIBUTES: &[(&str, bool)] = &[
    ("target", false),
    ("logLevel", false),
    ("resultShape", false),
    ("connectTimeout", true),
    ("requestTimeout", true),
    ("supportLogSize", true),
];

/// Reads the `data-*` options of the script being run, if it is a `<script>` element.
pub fn capture_script_tag() {
    let Some(script) = web_sys::window()
        .and_then(|w| js::get_named(&w, "document"))
        .and_then(|d| js::get_named(&d, "currentScript"))
        .filter(|s| s.is_object())
    else {
        return;
    };
    // `dataset` of an SVG <script> works as well: read it as a property, not by element type.
    let Some(data) = js::get_named(&script, "dataset").filter(|d| d.is_object()) else {
        return;
    };
    let options = Object::new();
    let attribute = |name: &'static str| {
        js::get_named(&data, name)
            .and_then(|v| js::text(&v))
            .filter(|v| !v.is_empty())
    };
    if let Some(list) = attribute("allowedOrigins") {
        // A loop, not `collect` into an `Array` (its `Extend` costs more wasm than this).
        let origins = Array::new();
        for origin in list.split(|c: char| c.is_whitespace() || c == ',') {
            if !origin.is_empty() {
                origins.push(&js::string(origin));
            }
        }
        js::set(&options, "allowedOrigins", &origins);
    }
    // The attribute names are the option names; `dataset` has them camel-cased already.
    for &(name, numeric) in ATTRIBUTES {
        let Some(value) = attribute(name) else {
            continue;
        };
        let mut value = js::string(&value);
        if numeric {
            // As `Number(text)`: "abc" becomes NaN, which the option check then rejects.
            // (`Number::new` is deprecated for wrapping numbers; here it converts a string.)
            #[allow(deprecated)]
            let n = js_sys::Number::new(&value).value_of();
            value = JsValue::from_f64(n);
        }
        js::set(&options, name, &value);
    }
    SCRIPT_OPTIONS.with(|slot| {
        if let Ok(mut slot) = slot.try_borrow_mut() {
            *slot = Some(options.into());
        }
    });
}

/// The page's value of option `name`: the script tag's, else `window.CIL_OPTIONS`'s, else
/// `undefined`. `Err` names what could not be read (a `CIL_OPTIONS` getter that throws).
pub fn option(name: &'static str) -> Result<JsValue, &'static str> {
    let from_tag = SCRIPT_OPTIONS.with(|slot| {
        slot.try_borrow()
            .ok()
            .and_then(|o| o.as_ref().and_then(|o| js::get_named(o, name)))
    });
    if let Some(value) = from_tag.filter(|v| !v.is_undefined()) {
        return Ok(value);
    }
    let Some(window) = web_sys::window() else {
        return Ok(JsValue::UNDEFINED);
    };
    let global = js::get_named(&window, "CIL_OPTIONS").ok_or("window.CIL_OPTIONS")?;
    if !global.is_object() {
        return Ok(JsValue::UNDEFINED);
    }
    js::get_named(&global, name).ok_or("window.CIL_OPTIONS")
}
