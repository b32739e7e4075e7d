//! The reason-code value, which real gadgets send in two forms: Finesse reason codes are
//! numbers (often carried as strings like `"12"`), Webex CC reason codes are GUIDs.
//!
//! The choice: keep the value in the form it arrived in ([`ReasonCodeId::Number`] or
//! [`ReasonCodeId::Text`]) so that re-encoding is lossless, and answer the two questions
//! callers have ("is there a code?", "is it this code?") without caring about the form.

use std::borrow::Cow;

/// A reason code as it appears in `newReasonCode`, `oldReasonCode`, `Channel.reasonCode` and
/// the `id` of a reason-code list entry. Negative numbers (also as text, `"-1"`) and the
/// empty string mean "no code".
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ReasonCodeId {
    /// A numeric code, written as a JSON number.
    Number(i64),
    /// A textual code (a number in a string, or a GUID), written as a JSON string.
    Text(String),
}

impl ReasonCodeId {
    /// "No reason code", in the reference's convention (`-1`).
    pub const NONE: ReasonCodeId = ReasonCodeId::Number(-1);

    /// Whether this means "no code": a negative number, a string holding one, or `""`.
    pub fn is_no_code(&self) -> bool {
        match self {
            ReasonCodeId::Number(n) => *n < 0,
            ReasonCodeId::Text(text) => {
                let text = text.trim();
                text.is_empty() || text.parse::<i64>().is_ok_and(|n| n < 0)
            }
        }
    }

    /// The code as text (`12` and `"12"` both give `"12"`), the form `setAgentState` takes.
    pub fn to_text(&self) -> Cow<'_, str> {
        match self {
            ReasonCodeId::Number(n) => Cow::Owned(n.to_string()),
            ReasonCodeId::Text(text) => Cow::Borrowed(text),
        }
    }

    /// Whether `text` (e.g. a `setAgentState` reasonCode) names this code, whatever the form.
    ///
    /// ```
    /// use cil_protocol::types::ReasonCodeId;
    /// assert!(ReasonCodeId::Number(12).matches("12"));
    /// assert!(ReasonCodeId::Text("12".into()).matches("12"));
    /// ```
    pub fn matches(&self, text: &str) -> bool {
        self.to_text() == text
    }
}

impl Default for ReasonCodeId {
    /// [`ReasonCodeId::NONE`].
    fn default() -> Self {
        ReasonCodeId::NONE
    }
}

impl core::fmt::Display for ReasonCodeId {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            ReasonCodeId::Number(n) => n.fmt(f),
            ReasonCodeId::Text(text) => f.write_str(text),
        }
    }
}

impl From<i64> for ReasonCodeId {
    fn from(n: i64) -> Self {
        ReasonCodeId::Number(n)
    }
}

impl From<&str> for ReasonCodeId {
    fn from(text: &str) -> Self {
        ReasonCodeId::Text(text.to_owned())
    }
}

impl From<String> for ReasonCodeId {
    fn from(text: String) -> Self {
        ReasonCodeId::Text(text)
    }
}

impl serde::Serialize for ReasonCodeId {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            ReasonCodeId::Number(n) => serializer.serialize_i64(*n),
            ReasonCodeId::Text(text) => serializer.serialize_str(text),
        }
    }
}

impl<'de> serde::Deserialize<'de> for ReasonCodeId {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::{Error, Unexpected};

        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = ReasonCodeId;
            fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str("a reason code (an integer or a string)")
            }
            fn visit_i64<E: Error>(self, v: i64) -> Result<ReasonCodeId, E> {
                Ok(ReasonCodeId::Number(v))
            }
            fn visit_u64<E: Error>(self, v: u64) -> Result<ReasonCodeId, E> {
                i64::try_from(v)
                    .map(ReasonCodeId::Number)
                    .map_err(|_| E::invalid_value(Unexpected::Unsigned(v), &self))
            }
            fn visit_f64<E: Error>(self, v: f64) -> Result<ReasonCodeId, E> {
                crate::serde_helpers::integral(v)
                    .map(ReasonCodeId::Number)
                    .ok_or_else(|| E::invalid_value(Unexpected::Float(v), &self))
            }
            fn visit_str<E: Error>(self, v: &str) -> Result<ReasonCodeId, E> {
                Ok(ReasonCodeId::Text(v.to_owned()))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}
