//! Why the gadget refused something, as data: a stable [`ErrorCode`] a test or integration can
//! branch on, plus a message that names what was wrong and what would have been allowed.

use cil_protocol::ErrorCode;
use std::fmt;

/// A refused request or script action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SimError {
    /// The stable code (host-side codes of the team contract).
    pub code: ErrorCode,
    /// A sentence for people: what was refused and why.
    pub message: String,
}

impl SimError {
    /// An error with `code` and `message`.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
        }
    }

    /// `INVALID_ARGUMENT` for `argument`.
    pub fn invalid(argument: &str, problem: impl fmt::Display) -> Self {
        Self::new(ErrorCode::InvalidArgument, format!("{argument}: {problem}"))
    }

    /// `UNKNOWN_CHANNEL`.
    pub fn unknown_channel(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::UnknownChannel, message)
    }

    /// `UNKNOWN_WORKITEM` for `id` on `channel`.
    pub fn unknown_workitem(id: &str, channel: &str) -> Self {
        Self::new(
            ErrorCode::UnknownWorkitem,
            format!("no work item {} on channel {}", quote(id), quote(channel)),
        )
    }

    /// `INVALID_STATE_TRANSITION`.
    pub fn transition(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::InvalidStateTransition, message)
    }

    /// `UPDATE_NOT_ALLOWED`.
    pub fn update_not_allowed(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::UpdateNotAllowed, message)
    }
}

impl fmt::Display for SimError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code.as_str(), self.message)
    }
}

impl std::error::Error for SimError {}

/// The result of a gadget operation.
pub type SimResult<T> = Result<T, SimError>;

/// `value` for an error message: quoted, and cut to 64 characters so a hostile 4 MB argument
/// does not come back in every error message and log line.
pub fn quote(value: &str) -> String {
    const MAX: usize = 64;
    match value.char_indices().nth(MAX) {
        None => format!("'{value}'"),
        Some((cut, _)) => format!("'{}…' ({} bytes)", &value[..cut], value.len()),
    }
}

/// "a number", "an object", … for messages (never the value itself, which may be huge).
pub fn json_kind(v: &serde_json::Value) -> &'static str {
    use serde_json::Value;
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}
