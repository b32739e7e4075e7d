//! The constructor options of a `cil` instance, checked once with messages that name the
//! option: `target`, `allowedOrigins`, `connectTimeout`, `requestTimeout`, `logLevel`
//! (and `clientId`, for tests).
//!
//! Defaults: `target: "parent"`; `allowedOrigins`: the page's own origin (never `*` unless
//! given); `connectTimeout: 10000`; `requestTimeout: 30000`; `logLevel: "warn"`.

use cil_client_core::Config;
use cil_protocol::validate::ArgError;
use js_sys::{Array, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::Window;

use crate::args::describe;
use crate::log::Level;

/// Checked options.
pub(crate) struct Options {
    pub target: JsValue,
    pub origins: Vec<String>,
    pub level: Level,
    pub config: Config,
}

fn get(options: &JsValue, key: &str) -> JsValue {
    if options.is_object() {
        Reflect::get(options, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
    } else {
        JsValue::UNDEFINED
    }
}

fn err(argument: &'static str, expected: &'static str, value: &JsValue) -> ArgError {
    ArgError {
        argument,
        expected,
        got: describe(value),
    }
}

/// Parses `options` (an object or `undefined`) for the page `window`.
pub(crate) fn parse(window: &Window, options: &JsValue) -> Result<Options, ArgError> {
    if !(options.is_undefined() || options.is_null() || options.is_object()) {
        return Err(err("options", "an object", options));
    }
    let (target, target_label) = target(window, &get(options, "target"))?;
    let origins = origins(window, &get(options, "allowedOrigins"))?;
    let level = match get(options, "logLevel") {
        v if v.is_undefined() => Level::Warn,
        v => v
            .as_string()
            .as_deref()
            .and_then(Level::parse)
            .ok_or_else(|| err("logLevel", "silent, error, warn, info or debug", &v))?,
    };
    let client_id = match get(options, "clientId") {
        v if v.is_undefined() => random_id(),
        v => v
            .as_string()
            .filter(|s| !s.is_empty())
            .ok_or_else(|| err("clientId", "a non-empty string", &v))?,
    };
    let mut config = Config::new(&client_id);
    if let Some(ms) = millis(options, "connectTimeout")? {
        config.connect_timeout_ms = ms;
    }
    if let Some(ms) = millis(options, "requestTimeout")? {
        config.request_timeout_ms = ms;
    }
    config.target_label = target_label;
    for (i, origin) in origins.iter().enumerate() {
        if i > 0 {
            config.origins_label.push_str(", ");
        }
        config.origins_label.push_str(origin);
    }
    Ok(Options {
        target,
        origins,
        level,
        config,
    })
}

fn millis(options: &JsValue, key: &'static str) -> Result<Option<f64>, ArgError> {
    let v = get(options, key);
    if v.is_undefined() {
        return Ok(None);
    }
    match v.as_f64() {
        Some(ms) if ms > 0.0 => Ok(Some(ms)),
        _ => Err(err(key, "a positive number of milliseconds", &v)),
    }
}

fn target(window: &Window, v: &JsValue) -> Result<(JsValue, String), ArgError> {
    const EXPECTED: &str = "\"parent\", \"top\", \"opener\" or a Window";
    let name = if v.is_undefined() {
        Some("parent".to_string())
    } else {
        v.as_string()
    };
    let Some(name) = name else {
        // A Window of another origin cannot be inspected; anything with postMessage will do.
        let post = Reflect::get(v, &JsValue::from_str("postMessage")).unwrap_or(JsValue::UNDEFINED);
        if v.is_object() && post.is_function() {
            return Ok((v.clone(), "the given target window".into()));
        }
        return Err(err("target", EXPECTED, v));
    };
    let found = match name.as_str() {
        "parent" => window.parent().ok().flatten(),
        "top" => window.top().ok().flatten(),
        "opener" => window
            .opener()
            .ok()
            .filter(|o| o.is_object())
            .map(JsCast::unchecked_into),
        _ => return Err(err("target", EXPECTED, v)),
    };
    let Some(found) = found else {
        return Err(ArgError {
            argument: "target",
            expected: EXPECTED,
            got: "a window that does not exist here (no opener?)".into(),
        });
    };
    let mut label = String::from("window.");
    label.push_str(&name);
    if JsValue::from(&found) == JsValue::from(window) {
        label.push_str(" (this page itself: it is not in a frame)");
    }
    Ok((found.into(), label))
}

fn origins(window: &Window, v: &JsValue) -> Result<Vec<String>, ArgError> {
    const EXPECTED: &str = "origins like \"https://crm.example.com\" (scheme://host[:port], no \
        path), or \"*\" for any";
    if v.is_undefined() {
        let own = window.location().origin().unwrap_or_default();
        return Ok(vec![own]);
    }
    let list: Vec<JsValue> = if let Some(one) = v.as_string() {
        vec![JsValue::from_str(&one)]
    } else if Array::is_array(v) {
        Array::from(v).iter().collect()
    } else {
        return Err(err("allowedOrigins", EXPECTED, v));
    };
    if list.is_empty() {
        return Err(err("allowedOrigins", EXPECTED, v));
    }
    let mut origins = Vec::with_capacity(list.len());
    for item in list {
        let Some(origin) = item.as_string().filter(|o| is_origin(o)) else {
            return Err(err("allowedOrigins", EXPECTED, &item));
        };
        origins.push(origin);
    }
    Ok(origins)
}

/// `*`, or `scheme://host[:port]` with nothing after the authority.
fn is_origin(o: &str) -> bool {
    if o == "*" {
        return true;
    }
    // Byte search instead of `split_once("://")`: the substring searcher costs 2 KiB of wasm.
    let at = o.as_bytes().windows(3).position(|w| w == b"://");
    match at.and_then(|at| Some((o.get(..at)?, o.get(at + 3..)?))) {
        Some((scheme, rest)) => {
            !scheme.is_empty()
                && scheme
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'-' || b == b'.')
                && !rest.is_empty()
                && !rest.contains(['/', '?', '#', ' '])
        }
        None => false,
    }
}

fn random_id() -> String {
    let n = js_sys::Math::random() * 2_f64.powi(52);
    String::from(
        js_sys::Number::from(n.floor())
            .to_string_with_radix(36)
            .unwrap_or_else(|_| "cil".into()),
    )
}
