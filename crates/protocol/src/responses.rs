//! The outcome of a request as it travels back: a result of one of four shapes, or an error
//! with a stable code.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::types::{GetChannelResult, ReasonCode};
use crate::{ErrorCode, Method};

/// How a request ended: `Ok` with its result, or `Err` with a coded error.
pub type Outcome = Result<ResponseValue, ResponseError>;

/// The `result` of a successful response. The four shapes are told apart by JSON type, so a
/// response decodes without knowing which method it answers.
// The Channel variant is large, but a response is built once and moved into a message.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResponseValue {
    /// `getChannel`: an object.
    Channel(GetChannelResult),
    /// `getReasonCodeList`: an array of `{id, label}`.
    ReasonCodes(Vec<ReasonCode>),
    /// `isUpdateWorkitemDataEnabled`: a boolean.
    Enabled(bool),
    /// The requests that "return a promise which has no value": `null`.
    NoValue,
}

impl ResponseValue {
    /// Whether this is the result shape `method` returns.
    pub fn fits(&self, method: Method) -> bool {
        matches!(
            (self, method),
            (ResponseValue::Channel(_), Method::GetChannel)
                | (ResponseValue::ReasonCodes(_), Method::GetReasonCodeList)
                | (
                    ResponseValue::Enabled(_),
                    Method::IsUpdateWorkitemDataEnabled
                )
                | (
                    ResponseValue::NoValue,
                    Method::DialOrConsult
                        | Method::SetAgentState
                        | Method::SetWrapupReason
                        | Method::UpdateWorkitemData
                )
        )
    }

    /// The result as JSON.
    pub fn to_value(&self) -> Value {
        // Cannot fail: every field serializes to JSON (string keys, no floats or NaN).
        let value = match self {
            ResponseValue::Channel(channel) => serde_json::to_value(channel),
            ResponseValue::ReasonCodes(codes) => serde_json::to_value(codes),
            ResponseValue::Enabled(enabled) => Ok(Value::Bool(*enabled)),
            ResponseValue::NoValue => Ok(Value::Null),
        };
        value.unwrap_or(Value::Null)
    }

    /// Reads a `result` (absent counts as `null`); the error says what is wrong.
    pub fn from_value(result: &Value) -> Result<ResponseValue, String> {
        match result {
            Value::Null => Ok(ResponseValue::NoValue),
            Value::Bool(enabled) => Ok(ResponseValue::Enabled(*enabled)),
            Value::Array(_) => Vec::<ReasonCode>::deserialize(result)
                .map(ResponseValue::ReasonCodes)
                .map_err(|error| format!("reason code list: {error}")),
            Value::Object(_) => GetChannelResult::deserialize(result)
                .map(ResponseValue::Channel)
                .map_err(|error| format!("getChannel result: {error}")),
            Value::Number(_) | Value::String(_) => {
                Err("expected an object, an array, a boolean or null".to_owned())
            }
        }
    }
}

impl From<GetChannelResult> for ResponseValue {
    fn from(result: GetChannelResult) -> Self {
        ResponseValue::Channel(result)
    }
}

impl From<Vec<ReasonCode>> for ResponseValue {
    fn from(codes: Vec<ReasonCode>) -> Self {
        ResponseValue::ReasonCodes(codes)
    }
}

impl From<bool> for ResponseValue {
    fn from(enabled: bool) -> Self {
        ResponseValue::Enabled(enabled)
    }
}

/// The `error` of a failed response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResponseError {
    /// The stable code; unknown codes are kept in [`ErrorCode::Other`].
    pub code: ErrorCode,
    /// What went wrong, for people (`""` when the host gave none).
    #[serde(default)]
    pub message: String,
}

impl ResponseError {
    /// An error with this code and message.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        ResponseError {
            code,
            message: message.into(),
        }
    }
}

impl core::fmt::Display for ResponseError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "{}: {}", self.code, self.message)
    }
}

impl std::error::Error for ResponseError {}
