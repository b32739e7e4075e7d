//! The positional arguments of the seven requests, checked before anything is sent (with the
//! same rules the gadget applies, from `cil_protocol::validate`), so that a mistake fails at once
//! with a message naming the argument.
//!
//! Accepted shapes: the reference's positional arguments, then an optional `requestId` (a
//! string; a number is turned into one; `undefined`/`null` mean none), then an optional options
//! object `{timeout}` (ms, overriding the default request timeout). The options object may also
//! stand in the `requestId` position.
//!
//! The facade feeds the arguments one at a time, [described](crate::describe); for each,
//! [`Checker::arg`] answers what to do with it ([`Use`]), so the facade can build the request's
//! `params` from exactly the values that were checked.

use alloc::borrow::ToOwned;
use alloc::string::String;

use cil_protocol::validate::{self, ArgError};
use cil_protocol::Method;

use crate::describe::Described;

/// What the facade does with an argument, as [`Checker::arg`] answers (the numbers cross to JS).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u32)]
pub enum Use {
    /// Nothing (an absent `requestId` or options object).
    Skip = 0,
    /// `params[name] = value`.
    Keep = 1,
    /// `params[name] = ""` (an absent `reasonCode`: "empty if no reason code is required").
    Empty = 2,
    /// `params[name]` = a copy of the object, built from the entries [`Checker::entry`] accepts.
    Copy = 3,
    /// `params.requestId = String(value)`.
    RequestId = 4,
    /// The options object: the facade passes its `timeout` to [`Checker::timeout`].
    Options = 5,
    /// The argument is wrong; [`Checker::finish`] returns the message.
    Error = 255,
}

/// Checks the arguments of one call.
#[derive(Debug)]
pub struct Checker {
    method: Method,
    at: u32,
    /// Position after which no argument may follow (grows as optional ones are seen).
    end: u32,
    /// Whether the options object has been seen.
    options_seen: bool,
    error: Option<ArgError>,
    /// The caller's `requestId` (empty when none).
    pub request_id: String,
    /// The per-call timeout, if given.
    pub timeout_ms: Option<f64>,
}

impl Checker {
    /// Starts checking a call of `method`.
    pub fn new(method: Method) -> Self {
        let n = method.params().len() as u32;
        Checker {
            method,
            at: 0,
            end: n,
            options_seen: false,
            error: None,
            request_id: String::new(),
            timeout_ms: None,
        }
    }

    /// The method being checked.
    pub fn method(&self) -> Method {
        self.method
    }

    /// The next argument: `d` described, `n` its number (or, for objects, how many own keys it
    /// has). Arguments past the requestId and options positions are only counted (in
    /// [`finish`](Self::finish)).
    pub fn arg(&mut self, d: &str, n: f64) -> Use {
        if self.error.is_some() {
            return Use::Error;
        }
        let value = Described::new(d);
        let at = self.at;
        self.at += 1;
        let names = self.method.params();
        let positional = names.len() as u32;
        let result = if let Some(&name) = names.get(at as usize) {
            check_one(name, &value, n)
        } else if self.options_seen || at > positional + 1 {
            Ok(Use::Skip)
        } else if value.is_object() {
            self.options_seen = true;
            self.end = at + 1;
            Ok(Use::Options)
        } else if at == positional {
            self.end = at + 1;
            self.request_id(&value, n)
        } else if value.kind == b'u' {
            Ok(Use::Skip)
        } else {
            Err(ArgError {
                argument: "options",
                expected: "an object like {timeout: 5000}",
                got: value.describe(),
            })
        };
        result.unwrap_or_else(|e| {
            self.error = Some(e);
            Use::Error
        })
    }

    /// One entry of the `updatedData` object (after [`Use::Copy`]): its key and described value.
    /// False when it is wrong (the facade stops copying).
    pub fn entry(&mut self, key: &str, d: &str) -> bool {
        if self.error.is_some() {
            return false;
        }
        let value = Described::new(d);
        let checked = validate::updated_data_key(key).and_then(|()| match value.string() {
            Some(text) => validate::bounded("updatedData", text),
            None => {
                let mut got = value.describe();
                got.push_str(" for key ");
                got.push_str(key);
                Err(ArgError {
                    argument: "updatedData",
                    expected: "string values (call variables are strings)",
                    got,
                })
            }
        });
        match checked {
            Ok(()) => true,
            Err(e) => {
                self.error = Some(e);
                false
            }
        }
    }

    /// The `timeout` of the options object (after [`Use::Options`]).
    pub fn timeout(&mut self, d: &str, n: f64) {
        if self.error.is_some() {
            return;
        }
        let value = Described::new(d);
        match value.kind {
            b'u' => {}
            b'n' if n > 0.0 => self.timeout_ms = Some(n),
            _ => {
                self.error = Some(ArgError {
                    argument: "timeout",
                    expected: "a positive number of milliseconds (Infinity waits forever)",
                    got: value.describe(),
                })
            }
        }
    }

    /// Ends the call, which had `count` arguments: `Err(message)` when something was wrong.
    pub fn finish(&mut self, count: u32) -> Result<(), String> {
        if self.error.is_none() && count > self.end {
            let mut got = String::new();
            cil_client_core::push_millis(&mut got, f64::from(count));
            got.push_str(" arguments");
            self.error = Some(ArgError {
                argument: self.method.name(),
                expected: "no more arguments than the reference's, then requestId and {timeout}",
                got,
            });
        }
        match &self.error {
            None => Ok(()),
            Some(e) => {
                let mut message = String::from(self.method.name());
                message.push_str(": ");
                message.push_str(&e.message());
                Err(message)
            }
        }
    }

    fn request_id(&mut self, value: &Described, n: f64) -> Result<Use, ArgError> {
        match value.kind {
            b'u' | b'l' => return Ok(Use::Skip),
            b's' => {}
            b'n' if n.is_finite() => {}
            _ => {
                return Err(ArgError {
                    argument: "requestId",
                    expected: "a string (or nothing)",
                    got: value.describe(),
                })
            }
        }
        validate::bounded("requestId", value.text)?;
        value.text.clone_into(&mut self.request_id);
        Ok(Use::RequestId)
    }
}

/// Checks one positional argument.
fn check_one(name: &'static str, value: &Described, n: f64) -> Result<Use, ArgError> {
    match name {
        "updatedData" => {
            if !value.is_object() {
                return Err(ArgError {
                    argument: "updatedData",
                    expected: "an object whose values are strings",
                    got: value.describe(),
                });
            }
            validate::updated_data_entries(n as usize)?;
            return Ok(Use::Copy);
        }
        // "empty if no reason code is required": absent means empty; reason codes are often
        // numbers (negative = none), so numbers pass as they are.
        "reasonCode" => {
            if value.is_nullish() {
                return Ok(Use::Empty);
            }
            if value.kind == b'n' && n.is_finite() {
                return Ok(Use::Keep);
            }
        }
        _ => {}
    }
    let Some(text) = value.string() else {
        return Err(ArgError {
            argument: name,
            expected: "a string",
            got: value.describe(),
        });
    };
    validate::bounded(name, text)?;
    match name {
        "channelId" => validate::channel_id(name, text)?,
        "state" => {
            validate::agent_state(text)?;
        }
        "reasonType" => {
            validate::reason_type(text)?;
        }
        "reasonCode" => {}
        _ => validate::non_empty(name, text)?,
    }
    Ok(Use::Keep)
}

#[cfg(test)]
mod tests {
    use super::{Checker, Use};
    use cil_protocol::Method;

    fn run(method: Method, args: &[(&str, f64)]) -> (Vec<Use>, Result<(), String>) {
        let mut c = Checker::new(method);
        let mut uses = Vec::new();
        let shown = (method.params().len() + 2).max(args.len());
        for i in 0..shown {
            let (d, n) = args.get(i).copied().unwrap_or(("u", 0.0));
            let u = c.arg(d, n);
            uses.push(u);
            if u == Use::Error {
                break;
            }
        }
        let r = c.finish(args.len() as u32);
        (uses, r)
    }

    #[test]
    fn good_calls_say_what_to_send() {
        let (uses, r) = run(Method::GetChannel, &[("svoice", 0.0)]);
        assert_eq!(r, Ok(()));
        assert_eq!(uses, [Use::Keep, Use::Skip, Use::Skip]);
        let (uses, r) = run(Method::SetAgentState, &[("svoice", 0.0), ("sReady", 0.0)]);
        assert_eq!(r, Ok(()));
        assert_eq!(uses[2], Use::Empty);
        let (uses, r) = run(
            Method::GetChannel,
            &[("svoice", 0.0), ("n7", 7.0), ("o", 1.0)],
        );
        assert_eq!(r, Ok(()));
        assert_eq!(uses, [Use::Keep, Use::RequestId, Use::Options]);
        let (uses, r) = run(Method::GetChannel, &[("svoice", 0.0), ("o", 1.0)]);
        assert_eq!(r, Ok(()));
        assert_eq!(uses[1], Use::Options);
    }

    #[test]
    fn mistakes_name_the_argument() {
        let msg = |m, a: &[(&str, f64)]| run(m, a).1.unwrap_err();
        assert!(msg(Method::GetChannel, &[("sVoice", 0.0)])
            .starts_with("getChannel: channelId: expected"));
        assert_eq!(
            msg(Method::GetChannel, &[("n5", 5.0)]),
            "getChannel: channelId: expected a string, got number 5"
        );
        assert!(msg(
            Method::GetChannel,
            &[("svoice", 0.0), ("sr", 0.0), ("n3", 3.0)]
        )
        .contains("options: expected an object like {timeout: 5000}, got number 3"));
        assert!(msg(Method::GetChannel, &[("svoice", 0.0), ("btrue", 0.0)])
            .contains("requestId: expected a string (or nothing), got boolean true"));
        assert!(msg(
            Method::GetChannel,
            &[("svoice", 0.0), ("u", 0.0), ("u", 0.0), ("u", 0.0)]
        )
        .contains("got 4 arguments"));
        assert!(msg(Method::DialOrConsult, &[("svoice", 0.0), ("s  ", 0.0)])
            .contains("address: expected a non-empty string"));
        assert!(msg(
            Method::UpdateWorkitemData,
            &[("svoice", 0.0), ("swi", 0.0), ("o", 0.0)]
        )
        .contains("1 to 256 entries"));
        let mut c = Checker::new(Method::GetChannel);
        c.arg("svoice", 0.0);
        assert_eq!(c.arg("o", 1.0), Use::Options);
        c.timeout("n-1", -1.0);
        assert!(c
            .finish(2)
            .unwrap_err()
            .contains("timeout: expected a positive number"));
    }

    #[test]
    fn updated_data_entries_are_checked() {
        let mut c = Checker::new(Method::UpdateWorkitemData);
        assert_eq!(c.arg("svoice", 0.0), Use::Keep);
        assert_eq!(c.arg("swi", 0.0), Use::Keep);
        assert_eq!(c.arg("o", 2.0), Use::Copy);
        assert!(c.entry("user.ecc", "s9"));
        assert!(!c.entry("callVariable1", "n1"));
        assert_eq!(c.arg("u", 0.0), Use::Error);
        let message = c.finish(3).unwrap_err();
        assert!(
            message.contains(
                "string values (call variables are strings), got number 1 for key callVariable1"
            ),
            "{message}"
        );
    }
}
