//! The options of an instance, checked once with messages that name the option: `target`,
//! `allowedOrigins`, `connectTimeout`, `requestTimeout`, `logLevel` (and `clientId`, for tests).
//! Each option is the constructor's when given, else the page's ([`crate::page`]), else the
//! default: `target: "parent"`; `allowedOrigins`: the page's own origin (never `*` unless
//! given); `connectTimeout: 10000`; `requestTimeout: 30000`; `logLevel: "warn"`.

use cil_client_core::Config;
use cil_protocol::validate::ArgError;
use wasm_bindgen::JsValue;

use crate::describe::describe;
use crate::js;
#[allow(unused_imports)] // named in the docs
use crate::js::PostTarget;
use crate::log::Level;
use crate::page;

const TARGET: &str = "\"parent\", \"top\", \"opener\" or a Window";
const ORIGINS: &str = "origins like \"https://crm.example.com\" (scheme://host[:port], no \
    path), or \"*\" for any";
/// The most origins `allowedOrigins` may list (each gets its own `syn`).
const MAX_ORIGINS: u32 = 64;

/// The checked options of one instance.
#[derive(Debug)]
pub struct Settings {
    /// The gadget's window (or a window-like object with `postMessage`, see [`PostTarget`]).
    pub target: JsValue,
    /// The origins `syn` is posted to and `announce`/`ack` are accepted from.
    pub origins: Vec<String>,
    /// How much goes to the console.
    pub level: Level,
    /// The state machine's settings (client id, timeouts, labels for messages).
    pub config: Config,
}

fn wrong(argument: &'static str, expected: &'static str, value: &JsValue) -> ArgError {
    ArgError {
        argument,
        expected,
        got: describe(value),
    }
}

/// Option `name`: the constructor's, else the page's.
fn value(options: &JsValue, name: &'static str) -> Result<JsValue, ArgError> {
    if options.is_object() {
        match js::get_named(options, name) {
            None => return Err(unreadable(name, "the options object")),
            Some(v) if !v.is_undefined() => return Ok(v),
            Some(_) => {}
        }
    }
    page::option(name).map_err(|what| unreadable(name, what))
}

fn unreadable(argument: &'static str, what: &str) -> ArgError {
    ArgError {
        argument,
        expected: "a value that can be read",
        got: ["a property of ", what, " that throws when read"].concat(),
    }
}

/// Checks `options` (the constructor's argument) over the page's configuration.
pub fn read(options: &JsValue) -> Result<Settings, ArgError> {
    let is_options = options.is_undefined()
        || options.is_null()
        || (options.is_object() && !options.is_function());
    if !is_options {
        return Err(wrong("options", "an object", options));
    }
    let window = web_sys::window().ok_or_else(|| ArgError {
        argument: "target",
        expected: TARGET,
        got: "no window (not in a browser page)".into(),
    })?;
    let (target, target_label) = target(&window, &value(options, "target")?)?;
    let mut config = Config::new("");
    config.target_label = target_label;
    let allowed = value(options, "allowedOrigins")?;
    let origins = origins(&window, &allowed)?;
    for origin in &origins {
        if !config.origins_label.is_empty() {
            config.origins_label.push_str(", ");
        }
        config.origins_label.push_str(origin);
    }
    // The likely fix, said where the failure shows: a CRM page is nearly always on another
    // origin than the gadget, and only the page's own origin is allowed by default.
    config.connect_hint = if allowed.is_undefined() {
        "Only this page's own origin is allowed by default: if the gadget is on another \
         origin, list it in allowedOrigins (e.g. {allowedOrigins: ['https://gadget.example.com']}, \
         or data-allowed-origins on the script tag)"
            .into()
    } else {
        [
            "Check that the gadget runs in ",
            &config.target_label,
            " and that its origin is listed in allowedOrigins",
        ]
        .concat()
    };
    let level = match value(options, "logLevel")? {
        v if v.is_undefined() => Level::Warn,
        v => js::text(&v)
            .and_then(|name| Level::parse(&name))
            .ok_or_else(|| wrong("logLevel", "silent, error, warn, info or debug", &v))?,
    };
    config.client_id = match value(options, "clientId")? {
        v if v.is_undefined() => random_id(),
        v => js::text(&v)
            .filter(|id| !id.is_empty())
            .ok_or_else(|| wrong("clientId", "a non-empty string", &v))?,
    };
    for (name, slot) in [
        ("connectTimeout", &mut config.connect_timeout_ms),
        ("requestTimeout", &mut config.request_timeout_ms),
    ] {
        let v = value(options, name)?;
        if v.is_undefined() {
            continue;
        }
        match v.as_f64() {
            Some(ms) if ms > 0.0 => *slot = ms,
            _ => return Err(wrong(name, "a positive number of milliseconds", &v)),
        }
    }
    Ok(Settings {
        target,
        origins,
        level,
        config,
    })
}

/// The `target` option as a window, and how messages name it.
fn target(window: &web_sys::Window, v: &JsValue) -> Result<(JsValue, String), ArgError> {
    let name = match crate::js::text(v) {
        None if v.is_undefined() => "parent".to_string(),
        Some(name) if matches!(name.as_str(), "parent" | "top" | "opener") => name,
        None if v.is_object() => {
            let posts = js::get_named(v, "postMessage").is_some_and(|f| f.is_function());
            if !posts {
                return Err(wrong("target", TARGET, v));
            }
            return Ok((v.clone(), "the given target window".into()));
        }
        _ => return Err(wrong("target", TARGET, v)),
    };
    let found = js_sys::Reflect::get(window, &crate::js::string(&name))
        .ok()
        .filter(|w| w.is_object());
    let Some(found) = found else {
        return Err(ArgError {
            argument: "target",
            expected: TARGET,
            got: "a window that does not exist here (no opener?)".into(),
        });
    };
    let mut label = ["window.", &name].concat();
    if found == JsValue::from(window.clone()) {
        label.push_str(" (this page itself: it is not in a frame)");
    }
    Ok((found, label))
}

/// The `allowedOrigins` option as a list of origins.
fn origins(window: &web_sys::Window, v: &JsValue) -> Result<Vec<String>, ArgError> {
    if v.is_undefined() {
        // The page's own origin, taken as it is (`"null"` in a sandboxed frame).
        let own = window.location().origin().unwrap_or_default();
        return Ok(vec![own]);
    }
    let one = |item: &JsValue| {
        crate::js::text(item)
            .filter(|o| is_origin(o))
            .ok_or_else(|| wrong("allowedOrigins", ORIGINS, item))
    };
    if v.is_string() {
        return Ok(vec![one(v)?]);
    }
    if js::is_array(v) != Some(true) {
        return Err(wrong("allowedOrigins", ORIGINS, v));
    }
    let length = js::get_named(v, "length")
        .and_then(|n| n.as_f64())
        .unwrap_or(0.0);
    if !(1.0..=f64::from(MAX_ORIGINS)).contains(&length) {
        return Err(ArgError {
            argument: "allowedOrigins",
            expected: "a list of 1 to 64 origins",
            got: if length < 1.0 {
                "an empty array".into()
            } else {
                "more than 64".into()
            },
        });
    }
    (0..length as u32)
        .map(|i| {
            let item = js_sys::Reflect::get_u32(v, i)
                .map_err(|_| unreadable("allowedOrigins", "the array"))?;
            one(&item)
        })
        .collect()
}

/// `*`, or `scheme://host[:port]` with nothing after the authority.
pub fn is_origin(o: &str) -> bool {
    if o == "*" {
        return true;
    }
    // A byte search, not `split_once`: the substring searcher (and the panic formatting that
    // comes with `&str` slicing) would cost kilobytes of wasm for one call.
    let at = o.as_bytes().windows(3).position(|w| w == b"://");
    match at.and_then(|at| Some((o.get(..at)?, o.get(at + 3..)?))) {
        Some((scheme, rest)) => {
            !scheme.is_empty()
                && scheme
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'-' || b == b'.')
                && !rest.is_empty()
                && !rest.bytes().any(|b| matches!(b, b'/' | b'?' | b'#' | b' '))
        }
        None => false,
    }
}

/// A client id that two instances (in this page or another) will not share.
fn random_id() -> String {
    // 52 random bits in base 36, written by JavaScript.
    let n = (js_sys::Math::random() * 4_503_599_627_370_496.0).floor();
    js_sys::Number::from(n)
        .to_string_with_radix(36)
        .map(String::from)
        .unwrap_or_else(|_| "c".into())
}

#[cfg(test)]
mod tests {
    use super::is_origin;

    #[test]
    fn origins_have_no_path() {
        assert!(is_origin("*"));
        assert!(is_origin("http://localhost:8080"));
        assert!(is_origin("https://a.b:8"));
        assert!(!is_origin("https://a.example/"));
        assert!(!is_origin("a.example"));
        assert!(!is_origin("crm.example.com"));
        assert!(!is_origin("://x"));
    }
}
