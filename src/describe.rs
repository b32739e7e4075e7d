//! Page values as the JS facade hands them to the wasm: one short string per value, so that
//! checking an argument needs no JS object access from Rust.
//!
//! The first character is the kind, the rest the text:
//!
//! | form | value |
//! |---|---|
//! | `s<text>` | a string |
//! | `n<String(n)>` | a number (its value travels beside it as an `f64`) |
//! | `b<true\|false>` | a boolean |
//! | `l` / `u` | `null` / `undefined` |
//! | `a` | an array |
//! | `o` | any other object (`typeof` is `"object"`) |
//! | `w` | an object with a `postMessage` function (a window, for the `target` option) |
//! | `x<typeof>` | anything else: a function, a symbol, a bigint |

use alloc::string::String;

use cil_protocol::validate::ArgError;

/// A described value, split into its kind byte and its text.
#[derive(Debug, Clone, Copy)]
pub struct Described<'a> {
    /// The kind: `s`, `n`, `b`, `l`, `u`, `a`, `o`, `w` or `x`.
    pub kind: u8,
    /// The text after the kind.
    pub text: &'a str,
}

impl<'a> Described<'a> {
    /// Splits `d`; an empty string reads as `undefined`.
    pub fn new(d: &'a str) -> Self {
        Described {
            kind: d.as_bytes().first().copied().unwrap_or(b'u'),
            text: d.get(1..).unwrap_or(""),
        }
    }

    /// The string, when the value is one.
    pub fn string(&self) -> Option<&'a str> {
        (self.kind == b's').then_some(self.text)
    }

    /// Whether it is `undefined` or `null`.
    pub fn is_nullish(&self) -> bool {
        self.kind == b'u' || self.kind == b'l'
    }

    /// Whether it is a plain object (not an array, not a function): an options object.
    pub fn is_object(&self) -> bool {
        self.kind == b'o' || self.kind == b'w'
    }

    /// A short description for messages: quoted strings (at most 40 characters), `number 5`,
    /// `boolean true`, `null`, `an array`, or the JS type.
    pub fn describe(&self) -> String {
        let (prefix, text) = match self.kind {
            b's' => return ArgError::quoting("", "", self.text).got,
            b'n' => ("number ", self.text),
            b'b' => ("boolean ", self.text),
            b'l' => ("null", ""),
            b'a' => ("an array", ""),
            b'o' | b'w' => ("object", ""),
            b'x' => ("", self.text),
            _ => ("undefined", ""),
        };
        let mut out = String::with_capacity(prefix.len() + text.len());
        out.push_str(prefix);
        out.push_str(text);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::Described;

    #[test]
    fn describes_like_the_messages_say() {
        let d = |s: &str| Described::new(s).describe();
        assert_eq!(d("sVoice"), "\"Voice\"");
        assert_eq!(d("n5"), "number 5");
        assert_eq!(d("btrue"), "boolean true");
        assert_eq!(d("l"), "null");
        assert_eq!(d("u"), "undefined");
        assert_eq!(d(""), "undefined");
        assert_eq!(d("a"), "an array");
        assert_eq!(d("o"), "object");
        assert_eq!(d("xfunction"), "function");
        assert_eq!(d(&["s", &"x".repeat(50)].concat()).chars().count(), 43);
    }
}
