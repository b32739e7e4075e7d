//! The typed `params` of each request method, with the reference's argument names as field
//! names, and the checks a gadget applies before acting on them.
//!
//! Decoding checks the shape (fields present, strings where strings belong); [`RequestParams::validate`]
//! then applies the argument rules of [`crate::validate`], so that a host answers a malformed
//! argument with `INVALID_ARGUMENT` and the same message the client would have given.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::serde_helpers::string_or_integer;
use crate::types::{ReasonType, RequestedState};
use crate::updated_data::UpdatedData;
use crate::validate::{self, ArgError};
use crate::Method;

/// Params of `dialOrConsult`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DialOrConsultParams {
    /// The channel to dial on.
    pub channel_id: String,
    /// The destination address.
    pub address: String,
    /// The caller's request id, absent when none was given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
}

/// Params of `getChannel`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GetChannelParams {
    /// The channel to describe.
    pub channel_id: String,
    /// The caller's request id, absent when none was given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
}

/// Params of `getReasonCodeList`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GetReasonCodeListParams {
    /// The channel whose reason codes are listed.
    pub channel_id: String,
    /// Which list: Logout, NotReady or Wrapup.
    pub reason_type: ReasonType,
    /// The caller's request id, absent when none was given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
}

/// Params of `isUpdateWorkitemDataEnabled`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IsUpdateWorkitemDataEnabledParams {
    /// The work item's channel.
    pub channel_id: String,
    /// The work item to ask about.
    pub workitem_id: String,
    /// The caller's request id, absent when none was given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
}

/// Params of `setAgentState`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SetAgentStateParams {
    /// The channel (`voice` addresses every voice channel).
    pub channel_id: String,
    /// The requested state.
    pub state: RequestedState,
    /// The reason code, `""` when none is required. Decoding also accepts a number (a
    /// JavaScript caller may pass `12`) and null/absent (read as `""`).
    #[serde(default, deserialize_with = "string_or_integer")]
    pub reason_code: String,
    /// The caller's request id, absent when none was given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
}

/// Params of `setWrapupReason`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SetWrapupReasonParams {
    /// The work item's channel.
    pub channel_id: String,
    /// The work item to update.
    pub workitem_id: String,
    /// The wrap-up reason's name.
    pub wrap_up_reason: String,
    /// The caller's request id, absent when none was given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
}

/// Params of `updateWorkitemData`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UpdateWorkitemDataParams {
    /// The work item's channel.
    pub channel_id: String,
    /// The work item to update.
    pub workitem_id: String,
    /// Variable name → new value (`callVariable1`, `user.eccVar1`, `wrapUpReason`, …), in the
    /// caller's order; values must be strings, as the reference requires.
    pub updated_data: UpdatedData,
    /// The caller's request id, absent when none was given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
}

/// The params of any request, one variant per [`Method`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum RequestParams {
    /// `dialOrConsult`.
    DialOrConsult(DialOrConsultParams),
    /// `getChannel`.
    GetChannel(GetChannelParams),
    /// `getReasonCodeList`.
    GetReasonCodeList(GetReasonCodeListParams),
    /// `isUpdateWorkitemDataEnabled`.
    IsUpdateWorkitemDataEnabled(IsUpdateWorkitemDataEnabledParams),
    /// `setAgentState`.
    SetAgentState(SetAgentStateParams),
    /// `setWrapupReason`.
    SetWrapupReason(SetWrapupReasonParams),
    /// `updateWorkitemData`.
    UpdateWorkitemData(UpdateWorkitemDataParams),
}

impl RequestParams {
    /// The method these params belong to.
    pub fn method(&self) -> Method {
        match self {
            RequestParams::DialOrConsult(_) => Method::DialOrConsult,
            RequestParams::GetChannel(_) => Method::GetChannel,
            RequestParams::GetReasonCodeList(_) => Method::GetReasonCodeList,
            RequestParams::IsUpdateWorkitemDataEnabled(_) => Method::IsUpdateWorkitemDataEnabled,
            RequestParams::SetAgentState(_) => Method::SetAgentState,
            RequestParams::SetWrapupReason(_) => Method::SetWrapupReason,
            RequestParams::UpdateWorkitemData(_) => Method::UpdateWorkitemData,
        }
    }

    /// The `channelId` every method takes.
    pub fn channel_id(&self) -> &str {
        match self {
            RequestParams::DialOrConsult(p) => &p.channel_id,
            RequestParams::GetChannel(p) => &p.channel_id,
            RequestParams::GetReasonCodeList(p) => &p.channel_id,
            RequestParams::IsUpdateWorkitemDataEnabled(p) => &p.channel_id,
            RequestParams::SetAgentState(p) => &p.channel_id,
            RequestParams::SetWrapupReason(p) => &p.channel_id,
            RequestParams::UpdateWorkitemData(p) => &p.channel_id,
        }
    }

    /// The caller's `requestId`, when one was given.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            RequestParams::DialOrConsult(p) => p.request_id.as_deref(),
            RequestParams::GetChannel(p) => p.request_id.as_deref(),
            RequestParams::GetReasonCodeList(p) => p.request_id.as_deref(),
            RequestParams::IsUpdateWorkitemDataEnabled(p) => p.request_id.as_deref(),
            RequestParams::SetAgentState(p) => p.request_id.as_deref(),
            RequestParams::SetWrapupReason(p) => p.request_id.as_deref(),
            RequestParams::UpdateWorkitemData(p) => p.request_id.as_deref(),
        }
    }

    /// Applies the argument rules of [`crate::validate`] to every argument; the first
    /// violation is returned.
    pub fn validate(&self) -> Result<(), ArgError> {
        validate::channel_id("channelId", self.channel_id())?;
        if let Some(request_id) = self.request_id() {
            validate::bounded("requestId", request_id)?;
        }
        match self {
            RequestParams::DialOrConsult(p) => identifier("address", &p.address),
            RequestParams::GetChannel(_) => Ok(()),
            RequestParams::GetReasonCodeList(p) => {
                validate::reason_type(p.reason_type.as_str()).map(drop)
            }
            RequestParams::IsUpdateWorkitemDataEnabled(p) => {
                identifier("workitemId", &p.workitem_id)
            }
            RequestParams::SetAgentState(p) => {
                validate::agent_state(p.state.as_str())?;
                validate::bounded("reasonCode", &p.reason_code)
            }
            RequestParams::SetWrapupReason(p) => {
                identifier("workitemId", &p.workitem_id)?;
                identifier("wrapUpReason", &p.wrap_up_reason)
            }
            RequestParams::UpdateWorkitemData(p) => {
                identifier("workitemId", &p.workitem_id)?;
                validate::updated_data_entries(p.updated_data.len())?;
                p.updated_data.iter().try_for_each(|(key, value)| {
                    validate::updated_data_key(key)?;
                    validate::bounded("updatedData", value)
                })
            }
        }
    }

    /// The params as a JSON object.
    pub fn to_value(&self) -> Value {
        // Cannot fail: every field serializes to JSON (string keys only).
        serde_json::to_value(self).unwrap_or(Value::Null)
    }

    /// Reads the params of `method` from `params`; the error says what is wrong.
    pub fn from_value(method: Method, params: &Value) -> Result<RequestParams, String> {
        let decoded =
            match method {
                Method::DialOrConsult => {
                    DialOrConsultParams::deserialize(params).map(RequestParams::DialOrConsult)
                }
                Method::GetChannel => {
                    GetChannelParams::deserialize(params).map(RequestParams::GetChannel)
                }
                Method::GetReasonCodeList => GetReasonCodeListParams::deserialize(params)
                    .map(RequestParams::GetReasonCodeList),
                Method::IsUpdateWorkitemDataEnabled => {
                    IsUpdateWorkitemDataEnabledParams::deserialize(params)
                        .map(RequestParams::IsUpdateWorkitemDataEnabled)
                }
                Method::SetAgentState => {
                    SetAgentStateParams::deserialize(params).map(RequestParams::SetAgentState)
                }
                Method::SetWrapupReason => {
                    SetWrapupReasonParams::deserialize(params).map(RequestParams::SetWrapupReason)
                }
                Method::UpdateWorkitemData => UpdateWorkitemDataParams::deserialize(params)
                    .map(RequestParams::UpdateWorkitemData),
            };
        decoded.map_err(|error| error.to_string())
    }
}

/// A non-blank, bounded identifier-like argument.
fn identifier(arg: &'static str, v: &str) -> Result<(), ArgError> {
    validate::non_empty(arg, v)?;
    validate::bounded(arg, v)
}

/// A request: correlation id, method and params (the fields of
/// [`crate::envelope::Message::Request`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// The correlation id, echoed by the response.
    pub id: u32,
    /// The method; equal to `params.method()` when built with [`Request::new`].
    pub method: Method,
    /// The params.
    pub params: RequestParams,
}

impl Request {
    /// A request whose method is taken from its params.
    pub fn new(id: u32, params: RequestParams) -> Request {
        Request {
            id,
            method: params.method(),
            params,
        }
    }
}

impl From<DialOrConsultParams> for RequestParams {
    fn from(p: DialOrConsultParams) -> Self {
        RequestParams::DialOrConsult(p)
    }
}

impl From<GetChannelParams> for RequestParams {
    fn from(p: GetChannelParams) -> Self {
        RequestParams::GetChannel(p)
    }
}

impl From<GetReasonCodeListParams> for RequestParams {
    fn from(p: GetReasonCodeListParams) -> Self {
        RequestParams::GetReasonCodeList(p)
    }
}

impl From<IsUpdateWorkitemDataEnabledParams> for RequestParams {
    fn from(p: IsUpdateWorkitemDataEnabledParams) -> Self {
        RequestParams::IsUpdateWorkitemDataEnabled(p)
    }
}

impl From<SetAgentStateParams> for RequestParams {
    fn from(p: SetAgentStateParams) -> Self {
        RequestParams::SetAgentState(p)
    }
}

impl From<SetWrapupReasonParams> for RequestParams {
    fn from(p: SetWrapupReasonParams) -> Self {
        RequestParams::SetWrapupReason(p)
    }
}

impl From<UpdateWorkitemDataParams> for RequestParams {
    fn from(p: UpdateWorkitemDataParams) -> Self {
        RequestParams::UpdateWorkitemData(p)
    }
}
