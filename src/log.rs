//! Console output gated by the `logLevel` option, so that a production page stays quiet and a
//! developer can turn on `debug` to watch every message.

use wasm_bindgen::JsValue;

/// How much the client writes to the console (`logLevel` option).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Level {
    Silent,
    Error,
    Warn,
    Info,
    Debug,
}

impl Level {
    /// Parses the option; `None` for an unknown level.
    pub fn parse(v: &str) -> Option<Level> {
        Some(match v {
            "silent" => Level::Silent,
            "error" => Level::Error,
            "warn" => Level::Warn,
            "info" => Level::Info,
            "debug" => Level::Debug,
            _ => return None,
        })
    }
}

/// Writes `cil: <text>` (and `extra`, when given, as a second console argument) at `level`.
pub(crate) fn log(current: Level, level: Level, text: &str, extra: Option<&JsValue>) {
    if level > current || level == Level::Silent {
        return;
    }
    let mut line = String::with_capacity(text.len() + 5);
    line.push_str("cil: ");
    line.push_str(text);
    let line = JsValue::from_str(&line);
    let extra = extra.cloned().unwrap_or(JsValue::UNDEFINED);
    match level {
        Level::Error => web_sys::console::error_2(&line, &extra),
        Level::Warn => web_sys::console::warn_2(&line, &extra),
        Level::Info => web_sys::console::info_2(&line, &extra),
        _ => web_sys::console::debug_2(&line, &extra),
    }
}
