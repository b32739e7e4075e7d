//! The console output of an instance, by level (`logLevel`): every line starts with `cil: `.

use wasm_bindgen::JsValue;

use crate::js;

/// How much an instance writes to the console; each level includes the ones before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    /// Nothing.
    Silent,
    /// Failures the page must fix (a handler that threw).
    Error,
    /// Failures the page should know of (the default): ignored messages, errors reported.
    Warn,
    /// Connection changes.
    Info,
    /// Every message sent and received.
    Debug,
}

impl Level {
    /// The level's name, as `logLevel` spells it.
    pub fn name(self) -> &'static str {
        match self {
            Level::Silent => "silent",
            Level::Error => "error",
            Level::Warn => "warn",
            Level::Info => "info",
            Level::Debug => "debug",
        }
    }

    /// The level named `name` (`silent`, `error`, `warn`, `info`, `debug`).
    pub fn parse(name: &str) -> Option<Level> {
        Some(match name {
            "silent" => Level::Silent,
            "error" => Level::Error,
            "warn" => Level::Warn,
            "info" => Level::Info,
            "debug" => Level::Debug,
            _ => return None,
        })
    }
}

/// Writes `cil: <text>` (and `extra`, when given) at `at`, if `level` lets it through.
pub fn write(level: Level, at: Level, text: &str, extra: Option<&JsValue>) {
    if at > level || at == Level::Silent {
        return;
    }
    let line = js::string(&["cil: ", text].concat());
    use web_sys::console;
    match (at, extra) {
        (Level::Error, None) => console::error_1(&line),
        (Level::Error, Some(x)) => console::error_2(&line, x),
        (Level::Warn, None) => console::warn_1(&line),
        (Level::Warn, Some(x)) => console::warn_2(&line, x),
        (Level::Info, None) => console::info_1(&line),
        (Level::Info, Some(x)) => console::info_2(&line, x),
        (_, None) => console::debug_1(&line),
        (_, Some(x)) => console::debug_2(&line, x),
    }
}
