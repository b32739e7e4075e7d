//! Reading values the page or the gadget handed us, without letting them throw into the page.
//!
//! A page may pass anything: a Proxy whose traps throw, a revoked Proxy (on which even
//! `Array.isArray` throws), an object whose getter throws. js-sys binds `Array.isArray` and
//! `Object.keys` without `catch`, so an exception there would unwind through the wasm and out of
//! the method the page called, which must instead return a rejected Promise. These bindings
//! catch; a value that throws when looked at is treated as unreadable, and the caller says so.
//!
//! Property keys are created once per name ([`key`]): creating a JS string from Rust decodes
//! UTF-8 each time, and the keys of the protocol are read on every message.

use std::cell::RefCell;

use js_sys::{Array, JsString, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = Array, js_name = isArray)]
    fn is_array_catching(value: &JsValue) -> Result<bool, JsValue>;

    /// `resolve.call(undefined, value)` for a Promise's own resolving functions, without
    /// wasm-bindgen's `catch` wrapper: they never throw (a thenable whose `then` getter throws
    /// rejects the Promise instead), and every request settles through one.
    #[wasm_bindgen(js_name = Function)]
    pub type Resolving;

    /// `resolving.call(thisArg, value)`.
    #[wasm_bindgen(method, js_name = call)]
    pub fn call(this: &Resolving, this_arg: &JsValue, value: &JsValue);

    /// `Reflect.get` without `catch`: see [`field`].
    #[wasm_bindgen(js_namespace = Reflect, js_name = get)]
    fn get_uncaught(target: &JsValue, key: &JsValue) -> JsValue;

    #[wasm_bindgen(catch, js_namespace = Object, js_name = keys)]
    fn keys_catching(value: &JsValue) -> Result<Array, JsValue>;

    /// Anything with a `postMessage(message, targetOrigin)` method: a `Window` (also a
    /// cross-origin `WindowProxy`), or a window-like object the page gave as `target`.
    #[wasm_bindgen(js_name = Object)]
    pub type PostTarget;

    /// `target.postMessage(message, origin)`, catching what it throws (a bad origin string).
    #[wasm_bindgen(method, catch, js_name = postMessage)]
    pub fn post_message(this: &PostTarget, message: &JsValue, origin: &str) -> Result<(), JsValue>;
}

/// The value as a Rust string, if it is a JS string. One shared copy of wasm-bindgen's string
/// transfer, instead of one inlined at every call site (it is called from many).
#[inline(never)]
pub fn text(value: &JsValue) -> Option<String> {
    value.as_string()
}

/// A JS string of `text` (one shared copy of the transfer, like [`text`]).
#[inline(never)]
pub fn string(text: &str) -> JsValue {
    JsValue::from_str(text)
}

/// `Array.isArray(value)`; `None` when asking throws (a revoked Proxy).
pub fn is_array(value: &JsValue) -> Option<bool> {
    if !value.is_object() {
        return Some(false);
    }
    is_array_catching(value).ok()
}

/// `Object.keys(value)` as Rust strings; `None` when listing them throws.
pub fn own_keys(value: &JsValue) -> Option<Vec<String>> {
    let keys = keys_catching(value).ok()?;
    Some(keys.iter().filter_map(|k| text(&k)).collect())
}

/// `value[key]`; `None` when the getter or a Proxy trap throws.
pub fn get(value: &JsValue, key: &JsValue) -> Option<JsValue> {
    Reflect::get(value, key).ok()
}

/// `value[key]` for a key given as text (interned, see [`key`]); `None` when reading throws.
pub fn get_named(value: &JsValue, name: &'static str) -> Option<JsValue> {
    get(value, key(name))
}

/// `value[name]` of an object the browser made by structured clone: the `data` of a message
/// that arrived on one of the client's own `MessagePort`s. Such a value is plain data (a clone
/// carries no getters and no Proxies, and no page script can dispatch an event on a port only
/// this client holds), so reading it cannot run code or throw, and the read skips the
/// `try`/`catch` wrapper of [`get`]: it is on the path every response and event takes. `value`
/// must be an object (`Reflect.get` throws on a primitive). Never for values the page passes in,
/// nor for window messages, which any script of the page can forge with `dispatchEvent`.
pub fn field(value: &JsValue, name: &'static str) -> JsValue {
    get_uncaught(value, key(name))
}

/// Whether `value` is a plain object in the sense the options and `updatedData` need: an
/// object that is neither `null`, an array nor a function. `None` when asking throws.
pub fn is_plain_object(value: &JsValue) -> Option<bool> {
    if !value.is_object() || value.is_function() {
        return Some(false);
    }
    is_array(value).map(|array| !array)
}

/// A number as JavaScript writes it (`String(n)`), without Rust's float formatting.
pub fn number_text(n: f64) -> String {
    js_sys::Number::from(n)
        .to_string_with_radix(10)
        .map(String::from)
        .unwrap_or_default()
}

/// A JS string made once per `name` for this page life (property keys, constant values),
/// borrowed: no copy, no reference-table traffic on the paths every message takes.
pub fn key(name: &'static str) -> &'static JsValue {
    thread_local! {
        static KEYS: RefCell<Vec<((usize, usize), &'static JsValue)>> = const { RefCell::new(Vec::new()) };
    }
    // Keyed by address and length: every `name` is a `&'static str` literal of this crate (two
    // literals may start at one address when one is a prefix of the other). There are a few
    // dozen, so a list is as fast as a map and much smaller in the wasm. Each is leaked once,
    // on purpose: they live as long as the page.
    let address = (name.as_ptr() as usize, name.len());
    KEYS.with(|keys| {
        let Ok(mut keys) = keys.try_borrow_mut() else {
            return &*Box::leak(Box::new(string(name)));
        };
        if let Some((_, found)) = keys.iter().find(|(a, _)| *a == address) {
            return *found;
        }
        let made: &'static JsValue = Box::leak(Box::new(JsValue::from(JsString::from(name))));
        keys.push((address, made));
        made
    })
}

/// Calls a Promise's resolving function (`resolve` or `reject`) with `value` (see [`Resolving`]).
pub fn call_resolving(function: &js_sys::Function, value: &JsValue) {
    function
        .unchecked_ref::<Resolving>()
        .call(&JsValue::UNDEFINED, value);
}

/// `Reflect.set`, ignoring failure (only used on objects this crate created).
pub fn set(target: &JsValue, name: &'static str, value: &JsValue) {
    let _ = Reflect::set(target, key(name), value);
}

/// `Reflect.set` with a key made by the caller (a name that is not a literal of this crate, such
/// as an `updatedData` key), ignoring failure (only used on objects this crate created).
pub fn set_with(target: &JsValue, key: &JsValue, value: &JsValue) {
    let _ = Reflect::set(target, key, value);
}

/// The value as a `MessagePort`: the first of a `MessageEvent`'s `ports`, which holds only
/// MessagePorts (the browser makes that list), or nothing.
pub fn as_port(value: JsValue) -> Option<web_sys::MessagePort> {
    (!value.is_undefined()).then(|| value.unchecked_into::<web_sys::MessagePort>())
}
