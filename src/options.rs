//! The options of an instance, checked once with messages that name the option: `target`,
//! `allowedOrigins`, `connectTimeout`, `requestTimeout`, `logLevel`, `logger`,
//! `supportLogSize`, `resultShape` (and `clientId`, for tests). Each option is the
//! constructor's when given, else the page's ([`crate::page`]), else the default:
//! `target: "parent"`; `allowedOrigins`: the page's own origin (never `*` unless given);
//! `connectTimeout: 10000`; `requestTimeout: 30000`; `logLevel: "warn"`; no `logger` (the
//! console); `supportLogSize: 500`; `resultShape: "value"`.
//!
//! `allowedOrigins` entries are exact origins (`https://crm.example.com`), `*`, or anchored
//! patterns for the subdomains of one domain, `https://*.my.salesforce.com`: the `*` stands for
//! one or more whole DNS labels, and the scheme, the rest of the host and the port must match
//! exactly. An origin is always compared whole (a prefix or substring match would let
//! `https://crm.example.com.evil.test` in).

use cil_client_core::Config;
use cil_protocol::validate::ArgError;
use wasm_bindgen::{JsCast, JsValue};

use crate::describe::wrong;
use crate::js;
use crate::log::Level;
use crate::page;
#[allow(unused_imports)] // named in the docs
use js::PostTarget;

const TARGET: &str = "\"parent\", \"top\", \"opener\" or a Window";
const ORIGINS: &str = "origins like \"https://crm.example.com\" (scheme://host[:port], no \
    path), patterns like \"https://*.my.salesforce.com\", or \"*\" for any";
/// The most origins `allowedOrigins` may list (each gets its own `syn`).
const MAX_ORIGINS: u32 = 64;

/// The checked options of one instance.
#[derive(Debug)]
pub struct Settings {
    /// The gadget's window (or a window-like object with `postMessage`, see [`crate::js::PostTarget`]).
    pub target: JsValue,
    /// The origins `syn` is posted to and `announce`/`ack` are accepted from.
    pub origins: Vec<String>,
    /// How much goes to the console.
    pub level: Level,
    /// The state machine's settings (client id, timeouts, labels for messages).
    pub config: Config,
    /// The page's `logger(level, message, data)`, in place of the console.
    pub logger: Option<js_sys::Function>,
    /// How many entries the support log keeps.
    pub support_log_size: usize,
    /// Requests resolve `{success, response}` / `{success: false, error}` instead of their
    /// value / rejecting (`resultShape: "envelope"`).
    pub envelope: bool,
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

/// The options after `target` and `allowedOrigins`, in the order they are checked, with what
/// a valid value is (said when one is not): one table and one loop instead of code per option.
/// A static, so the loop reads it in place.
static SCALARS: &[(&str, Scalar, &str)] = &[
    (
        "logLevel",
        Scalar::Level,
        "silent, error, warn, info or debug",
    ),
    ("clientId", Scalar::ClientId, "a non-empty string"),
    (
        "connectTimeout",
        Scalar::ConnectTimeout,
        "a positive number of milliseconds",
    ),
    (
        "requestTimeout",
        Scalar::RequestTimeout,
        "a positive number of milliseconds",
    ),
    (
        "logger",
        Scalar::Logger,
        "a function (level, message, data)",
    ),
    (
        "supportLogSize",
        Scalar::SupportLogSize,
        "a whole number from 0 to 10000",
    ),
    (
        "resultShape",
        Scalar::ResultShape,
        "\"value\" or \"envelope\"",
    ),
];

/// The kinds of [`SCALARS`]: where a given value goes once it passed.
#[derive(Clone, Copy)]
enum Scalar {
    Level,
    ClientId,
    ConnectTimeout,
    RequestTimeout,
    Logger,
    SupportLogSize,
    ResultShape,
}

impl Settings {
    /// Takes `v` (not `undefined`) as the option of kind `kind`; `false` if it is not valid.
    fn take(&mut self, kind: Scalar, v: &JsValue) -> bool {
        match kind {
            Scalar::Level => match js::text(v).and_then(|name| Level::parse(&name)) {
                Some(level) => self.level = level,
                None => return false,
            },
            Scalar::ClientId => match js::text(v).filter(|id| !id.is_empty()) {
                Some(id) => self.config.client_id = id,
                None => return false,
            },
            Scalar::ConnectTimeout => return positive(v, &mut self.config.connect_timeout_ms),
            Scalar::RequestTimeout => return positive(v, &mut self.config.request_timeout_ms),
            // `typeof v === "function"`, as `dyn_into::<Function>` tests it.
            Scalar::Logger if v.is_null() => {}
            Scalar::Logger if v.is_function() => {
                self.logger = Some(v.clone().unchecked_into::<js_sys::Function>());
            }
            Scalar::Logger => return false,
            Scalar::SupportLogSize => match v.as_f64() {
                Some(n)
                    if (0.0..=crate::support::MAX_SIZE as f64).contains(&n) && n.fract() == 0.0 =>
                {
                    self.support_log_size = n as usize;
                }
                _ => return false,
            },
            Scalar::ResultShape => match js::text(v).as_deref() {
                Some("value") => self.envelope = false,
                Some("envelope") => self.envelope = true,
                _ => return false,
            },
        }
        true
    }
}

/// Sets `slot` to `v` if it is a positive number (of milliseconds).
fn positive(v: &JsValue, slot: &mut f64) -> bool {
    match v.as_f64() {
        Some(ms) if ms > 0.0 => *slot = ms,
        _ => return false,
    }
    true
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
        let mut hint = String::from("Check that the gadget runs in ");
        hint.push_str(&config.target_label);
        hint.push_str(" and that its origin is listed in allowedOrigins");
        hint
    };
    let mut settings = Settings {
        target,
        origins,
        level: Level::Warn,
        config,
        logger: None,
        support_log_size: crate::support::DEFAULT_SIZE,
        envelope: false,
    };
    for &(name, kind, expected) in SCALARS {
        let v = value(options, name)?;
        if !v.is_undefined() && !settings.take(kind, &v) {
            return Err(wrong(name, expected, &v));
        }
    }
    // No (valid) clientId given: the only way it can still be empty.
    if settings.config.client_id.is_empty() {
        settings.config.client_id = random_id();
    }
    Ok(settings)
}

/// The `target` option as a window, and how messages name it.
fn target(window: &web_sys::Window, v: &JsValue) -> Result<(JsValue, String), ArgError> {
    let name = match js::text(v) {
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
    let found = js_sys::Reflect::get(window, &js::string(&name))
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
    if v.is_string() {
        return Ok(vec![one_origin(v)?]);
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
    let mut list = Vec::new();
    for i in 0..length as u32 {
        let item = js_sys::Reflect::get_u32(v, i)
            .map_err(|_| unreadable("allowedOrigins", "the array"))?;
        list.push(one_origin(&item)?);
    }
    Ok(list)
}

/// One entry of `allowedOrigins`, in lowercase: origins are compared as the browser writes
/// them.
fn one_origin(item: &JsValue) -> Result<String, ArgError> {
    match js::text(item) {
        Some(o) if is_origin(&o) || is_pattern(&o) => Ok(o.to_ascii_lowercase()),
        _ => Err(wrong("allowedOrigins", ORIGINS, item)),
    }
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
        Some((scheme, rest)) => is_scheme(scheme) && is_authority(rest),
        None => false,
    }
}

/// A URL scheme: letters, digits, `+`, `-`, `.`, at least one.
fn is_scheme(scheme: &str) -> bool {
    !scheme.is_empty()
        && scheme
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'-' || b == b'.')
}

/// What follows `://` in an origin: not empty, and no path, query, fragment, space or `*`.
fn is_authority(rest: &str) -> bool {
    !rest.is_empty()
        && !rest
            .bytes()
            .any(|b| matches!(b, b'/' | b'?' | b'#' | b' ' | b'*'))
}

/// `scheme://*.domain[:port]`: the subdomains of one domain (see the module docs).
pub fn is_pattern(o: &str) -> bool {
    // As `is_origin("scheme://domain[:port]")` with a dot in the domain: a valid scheme has no
    // `:`, so the first `://` of that string is the one after the scheme.
    match split_pattern(o) {
        Some((scheme, rest)) => is_scheme(scheme) && is_authority(rest) && rest.contains('.'),
        None => false,
    }
}

/// `(scheme, domain[:port])` of a pattern `scheme://*.domain[:port]`; a byte search (no
/// substring searcher in the wasm).
fn split_pattern(o: &str) -> Option<(&str, &str)> {
    let at = o.as_bytes().windows(5).position(|w| w == b"://*.")?;
    Some((o.get(..at)?, o.get(at + 5..)?))
}

/// Whether `origin` (as the browser writes it) is allowed by the entry `allowed` of
/// `allowedOrigins`: `*`, the same origin, or a pattern whose `*` stands for whole labels.
pub fn allows(allowed: &str, origin: &str) -> bool {
    if allowed == "*" || allowed == origin {
        return true;
    }
    let Some((scheme, rest)) = split_pattern(allowed) else {
        return false;
    };
    let Some(authority) = origin
        .strip_prefix(scheme)
        .and_then(|o| o.strip_prefix("://"))
    else {
        return false;
    };
    match authority
        .strip_suffix(rest)
        .and_then(|l| l.strip_suffix('.'))
    {
        Some(labels) => {
            !labels.is_empty()
                && !labels.starts_with('.')
                && !labels.ends_with('.')
                && labels
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.')
        }
        None => false,
    }
}

/// The `targetOrigin` `syn` is posted to for the entry `allowed`: the origin itself, or `*`
/// for a pattern (a `syn` carries nothing but a random client id; what answers is checked
/// against the pattern).
pub fn post_origin(allowed: &str) -> &str {
    if is_pattern(allowed) {
        "*"
    } else {
        allowed
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
    fn patterns_match_whole_labels_only() {
        use super::{allows, is_pattern, post_origin};
        let p = "https://*.my.salesforce.com";
        assert!(is_pattern(p));
        assert!(!is_pattern("https://*"));
        assert!(!is_pattern("https://*.com/"));
        assert!(!is_pattern("https://a.*.com"));
        assert!(allows(p, "https://acme.my.salesforce.com"));
        assert!(allows(p, "https://eu.acme.my.salesforce.com"));
        assert!(!allows(p, "https://my.salesforce.com"));
        assert!(!allows(p, "http://acme.my.salesforce.com"));
        assert!(!allows(p, "https://acme.my.salesforce.com:8443"));
        assert!(!allows(p, "https://acme.my.salesforce.com.evil.test"));
        assert!(!allows(p, "https://evilmy.salesforce.com"));
        assert!(!allows(p, "https://a..my.salesforce.com"));
        assert!(allows(
            "https://*.example.com:8443",
            "https://a.example.com:8443"
        ));
        assert!(allows("*", "https://anything"));
        assert!(allows("https://a.b", "https://a.b"));
        assert!(!allows("https://a.b", "https://a.b.c"));
        assert_eq!(post_origin(p), "*");
        assert_eq!(post_origin("https://a.b"), "https://a.b");
    }

    #[test]
    fn patterns_are_origins_with_a_star_label() {
        // The definition `is_pattern` shortens: `is_origin` of the string without `*.`.
        fn by_definition(o: &str) -> bool {
            match super::split_pattern(o) {
                Some((scheme, rest)) => {
                    is_origin(&[scheme, "://", rest].concat()) && rest.contains('.')
                }
                None => false,
            }
        }
        for o in [
            "https://*.a.b",
            "https://*.a.b:8443",
            "https://*.ab",
            "a:://*.b.c",
            "a:/://*.b.c",
            "a://b://*.c.d",
            "://*.a.b",
            "h-t.t+p://*.a.b",
            "https://*.a.b/",
            "https://*.a.b?x",
            "https://*.*.b.c",
            "https://*.",
            "https://*.a b.c",
            "é://*.a.b",
            "*",
        ] {
            assert_eq!(super::is_pattern(o), by_definition(o), "{o}");
        }
    }

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
