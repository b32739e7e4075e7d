//! The DOM objects a page hands to the simulator (the integration `<iframe>`, the container of
//! a new one), checked for what they really are: web-sys's casts use `instanceof`, which a
//! Proxy's `getPrototypeOf` trap can make throw (through Rust frames) or lie. The platform's
//! own getters are brand checks instead: `HTMLIFrameElement.prototype.src`'s getter, applied
//! through a caught `Reflect.apply`, only succeeds on a genuine `<iframe>` (of any realm).
//! The genuine element's `src` and `contentWindow` are then read through the same getters.

use crate::args::{bad, JsResult};
use crate::convert::{describe, reflect_get};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlIFrameElement, Window};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = Reflect, js_name = apply, catch)]
    fn reflect_apply(f: &JsValue, this: &JsValue, args: &js_sys::Array)
        -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_namespace = Reflect, js_name = getOwnPropertyDescriptor, catch)]
    fn own_descriptor(target: &JsValue, key: &JsValue) -> Result<JsValue, JsValue>;
}

/// The getter of `<interface>.prototype.<property>` in this window.
fn getter(interface: &str, property: &str) -> Option<JsValue> {
    let window = web_sys::window()?;
    let class = reflect_get(&window, &JsValue::from_str(interface)).ok()?;
    let prototype = reflect_get(&class, &JsValue::from_str("prototype")).ok()?;
    let descriptor = own_descriptor(&prototype, &JsValue::from_str(property)).ok()?;
    let get = reflect_get(&descriptor, &JsValue::from_str("get")).ok()?;
    get.is_function().then_some(get)
}

/// Applies the platform getter `interface.prototype.property` to `value`; `Err` when `value`
/// is not a genuine `interface` (or the getter could not be found).
fn brand_get(interface: &str, property: &str, value: &JsValue) -> Result<JsValue, ()> {
    let get = getter(interface, property).ok_or(())?;
    reflect_apply(&get, value, &js_sys::Array::new()).map_err(|_| ())
}

/// `value` as a genuine `<iframe>` element.
pub fn iframe(method: &str, argument: &str, value: &JsValue) -> JsResult<HtmlIFrameElement> {
    match brand_get("HTMLIFrameElement", "src", value) {
        Ok(_) => Ok(value.clone().unchecked_into()),
        Err(()) => Err(bad(
            method,
            argument,
            &format!("expected an <iframe> element, got {}", describe(value)),
        )),
    }
}

/// `value` as a genuine DOM element.
pub fn element(method: &str, argument: &str, value: &JsValue) -> JsResult<Element> {
    match brand_get("Element", "tagName", value) {
        Ok(_) => Ok(value.clone().unchecked_into()),
        Err(()) => Err(bad(
            method,
            argument,
            &format!("expected a DOM element, got {}", describe(value)),
        )),
    }
}

/// The `src` of a genuine iframe (empty when it cannot be read).
pub fn src(iframe: &HtmlIFrameElement) -> String {
    brand_get("HTMLIFrameElement", "src", iframe)
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}

/// The window of a genuine iframe, if it has one.
pub fn content_window(iframe: &HtmlIFrameElement) -> Option<Window> {
    let w = brand_get("HTMLIFrameElement", "contentWindow", iframe).ok()?;
    (!w.is_null() && !w.is_undefined()).then(|| w.unchecked_into())
}
