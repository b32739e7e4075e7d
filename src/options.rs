//! The constructor options of a `cil` instance, checked once with messages that name the
//! option: `target`, `allowedOrigins`, `connectTimeout`, `requestTimeout`, `logLevel`
//! (and `clientId`, for tests). The facade reads each option, describes it, and asks
//! [`check`] (then resolves `target` to a window itself: that is browser work).
//!
//! Defaults: `target: "parent"`; `allowedOrigins`: the page's own origin (never `*` unless
//! given); `connectTimeout: 10000`; `requestTimeout: 30000`; `logLevel: "warn"`.

use alloc::borrow::ToOwned;
use alloc::string::String;
use alloc::vec::Vec;

use cil_client_core::Config;
use cil_protocol::validate::ArgError;

use crate::describe::Described;

const TARGET: &str = "\"parent\", \"top\", \"opener\" or a Window";
const ORIGINS: &str = "origins like \"https://crm.example.com\" (scheme://host[:port], no \
    path), or \"*\" for any";

fn err(argument: &'static str, expected: &'static str, value: &Described) -> ArgError {
    ArgError {
        argument,
        expected,
        got: value.describe(),
    }
}

/// Checks option `name`, described as `d` (with its number `n`: for `allowedOrigins` as an
/// array, its length), and applies it to `config`. The pseudo-options are `options` (the whole
/// argument), `origin` (one item of `allowedOrigins`, added to `origins`), `ownOrigin` (the
/// page's own origin, the default, taken as it is: it may be `null` in a sandboxed frame) and
/// `target` described as `!` (the named window does not exist here).
pub fn check(
    config: &mut Config,
    origins: &mut Vec<String>,
    name: &str,
    d: &str,
    n: f64,
) -> Result<(), ArgError> {
    let v = Described::new(d);
    match name {
        "options" if !(v.is_nullish() || v.is_object() || v.kind == b'a') => {
            Err(err("options", "an object", &v))
        }
        "target" => match (v.kind, v.text) {
            (b'u' | b'w', _) | (b's', "parent" | "top" | "opener") => Ok(()),
            (b'!', _) => Err(ArgError {
                argument: "target",
                expected: TARGET,
                got: "a window that does not exist here (no opener?)".into(),
            }),
            _ => Err(err("target", TARGET, &v)),
        },
        "allowedOrigins" => match v.kind {
            b'u' | b's' => Ok(()),
            b'a' if n >= 1.0 => Ok(()),
            _ => Err(err("allowedOrigins", ORIGINS, &v)),
        },
        "origin" | "ownOrigin" => {
            match v.string().filter(|o| name == "ownOrigin" || is_origin(o)) {
                Some(origin) => {
                    if !config.origins_label.is_empty() {
                        config.origins_label.push_str(", ");
                    }
                    config.origins_label.push_str(origin);
                    origins.push(origin.into());
                    Ok(())
                }
                None => Err(err("allowedOrigins", ORIGINS, &v)),
            }
        }
        "logLevel" => match (v.kind, v.text) {
            (b'u', _) | (b's', "silent" | "error" | "warn" | "info" | "debug") => Ok(()),
            _ => Err(err("logLevel", "silent, error, warn, info or debug", &v)),
        },
        "clientId" => match v.string() {
            Some(id) if !id.is_empty() => {
                id.clone_into(&mut config.client_id);
                Ok(())
            }
            _ => Err(err("clientId", "a non-empty string", &v)),
        },
        "connectTimeout" | "requestTimeout" => {
            let slot = if name == "connectTimeout" {
                &mut config.connect_timeout_ms
            } else {
                &mut config.request_timeout_ms
            };
            match v.kind {
                b'u' => Ok(()),
                b'n' if n > 0.0 => {
                    *slot = n;
                    Ok(())
                }
                _ => Err(ArgError {
                    argument: if name == "connectTimeout" {
                        "connectTimeout"
                    } else {
                        "requestTimeout"
                    },
                    expected: "a positive number of milliseconds",
                    got: v.describe(),
                }),
            }
        }
        _ => Ok(()),
    }
}

/// The label of the target window in messages: `window.parent`, and whether it is the page
/// itself; an empty `name` means a Window given by the page.
pub fn target_label(name: &str, is_self: bool) -> String {
    if name.is_empty() {
        return "the given target window".into();
    }
    let mut label = String::from("window.");
    label.push_str(name);
    if is_self {
        label.push_str(" (this page itself: it is not in a frame)");
    }
    label
}

/// `*`, or `scheme://host[:port]` with nothing after the authority.
pub fn is_origin(o: &str) -> bool {
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
                && !rest.bytes().any(|b| matches!(b, b'/' | b'?' | b'#' | b' '))
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(name: &str, d: &str, n: f64) -> Result<Config, String> {
        let mut config = Config::new("c");
        let mut origins = Vec::new();
        check(&mut config, &mut origins, name, d, n).map_err(|e| e.message())?;
        Ok(config)
    }

    #[test]
    fn options_are_checked_and_applied() {
        assert!(one("target", "ssideways", 0.0)
            .unwrap_err()
            .starts_with("target: expected"));
        assert!(one("target", "w", 0.0).is_ok());
        assert!(one("target", "!", 0.0).unwrap_err().contains("no opener?"));
        assert!(one("allowedOrigins", "a", 0.0).is_err());
        assert!(one("origin", "scrm.example.com", 0.0).is_err());
        assert_eq!(
            one("origin", "shttps://a.b:8", 0.0).unwrap().origins_label,
            "https://a.b:8"
        );
        assert!(one("connectTimeout", "n-1", -1.0)
            .unwrap_err()
            .starts_with("connectTimeout:"));
        assert_eq!(
            one("requestTimeout", "n5", 5.0).unwrap().request_timeout_ms,
            5.0
        );
        assert!(one("logLevel", "sloud", 0.0)
            .unwrap_err()
            .contains("got \"loud\""));
        assert_eq!(one("clientId", "sx", 0.0).unwrap().client_id, "x");
        assert!(one("options", "xfunction", 0.0).is_err());
        assert_eq!(
            target_label("parent", true),
            "window.parent (this page itself: it is not in a frame)"
        );
    }

    #[test]
    fn origins_have_no_path() {
        assert!(is_origin("*"));
        assert!(is_origin("http://localhost:8080"));
        assert!(!is_origin("https://a.example/"));
        assert!(!is_origin("a.example"));
        assert!(!is_origin("://x"));
    }
}
