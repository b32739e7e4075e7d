//! The event payloads (the `data` of an event message), with exactly the reference's field
//! names, so the gadget builds them in one place and the tests can check them.
//!
//! Every payload starts with `event` (the wire event name), `version` (the API version) and
//! `requestId` (the request that caused it, `""` when none). Eight events carry a Workitem
//! ([`WorkitemEvent`]); `agentStateChange`, `createChannel` and `error` have their own shapes,
//! and so do the two statistics events the data reference names, `queueDataUpdate`
//! ([`QueueDataUpdate`]) and `teamDataUpdate` ([`TeamDataUpdate`]).

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::types::{
    AgentState, ChannelCreate, ChannelType, DataState, QueueData, ReasonCodeId, TeamAgent,
    TeamDataState, Workitem,
};
use crate::{EventName, API_VERSION};

/// The payload of `agentStateChange`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AgentStateChange {
    /// Always [`EventName::AgentStateChange`].
    pub event: EventName,
    /// The API version ([`API_VERSION`]).
    pub version: String,
    /// The request that caused the change, `""` when none.
    #[serde(default)]
    pub request_id: String,
    /// The channel type.
    pub channel_type: ChannelType,
    /// The channel id.
    pub channel_id: String,
    /// The new state.
    pub new_state: AgentState,
    /// The new reason code; negative means none.
    pub new_reason_code: ReasonCodeId,
    /// The new reason's label.
    pub new_reason_code_label: String,
    /// When the new state began (ISO 8601).
    pub new_state_change_time: String,
    /// The previous state.
    pub old_state: AgentState,
    /// The previous reason code; negative means none.
    pub old_reason_code: ReasonCodeId,
    /// The previous reason's label.
    pub old_reason_code_label: String,
    /// When the previous state began (ISO 8601).
    pub old_state_change_time: String,
}

/// The payload of `error`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ErrorEvent {
    /// Always [`EventName::Error`].
    pub event: EventName,
    /// The API version ([`API_VERSION`]).
    pub version: String,
    /// The request that may have caused the error, `""` when the source is not known.
    #[serde(default)]
    pub request_id: String,
    /// A short description of the error.
    pub message: String,
}

impl ErrorEvent {
    /// An error payload for the current API version.
    pub fn new(request_id: impl Into<String>, message: impl Into<String>) -> Self {
        ErrorEvent {
            event: EventName::Error,
            version: API_VERSION.to_owned(),
            request_id: request_id.into(),
            message: message.into(),
        }
    }
}

/// The payload of the eight work item events (`callVariableChanged`, `workitemConnect`,
/// `workitemCreate`, `workitemEnd`, `workitemPause`, `workitemResume`, `workitemWrapup`,
/// `wrapupDataChanged`): the Workitem's fields next to `event`, `version`, `requestId`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WorkitemEvent {
    /// Which work item event this is.
    pub event: EventName,
    /// The API version ([`API_VERSION`]).
    pub version: String,
    /// Reserved by the reference "for future use"; `""` when none.
    #[serde(default)]
    pub request_id: String,
    /// The work item, flattened into the payload.
    #[serde(flatten)]
    pub workitem: Workitem,
}

impl WorkitemEvent {
    /// A work item payload for the current API version. `event` should be one of the
    /// events for which [`EventName::carries_workitem`] holds.
    pub fn new(event: EventName, request_id: impl Into<String>, workitem: Workitem) -> Self {
        WorkitemEvent {
            event,
            version: API_VERSION.to_owned(),
            request_id: request_id.into(),
            workitem,
        }
    }
}

/// The payload of `createChannel`: the ChannelCreate fields next to `event`, `version`,
/// `requestId`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateChannelEvent {
    /// Always [`EventName::CreateChannel`].
    pub event: EventName,
    /// The API version ([`API_VERSION`]).
    pub version: String,
    /// The request that caused it, `""` when none.
    #[serde(default)]
    pub request_id: String,
    /// The channel, flattened into the payload.
    #[serde(flatten)]
    pub channel: ChannelCreate,
}

impl CreateChannelEvent {
    /// A createChannel payload for the current API version.
    pub fn new(request_id: impl Into<String>, channel: ChannelCreate) -> Self {
        CreateChannelEvent {
            event: EventName::CreateChannel,
            version: API_VERSION.to_owned(),
            request_id: request_id.into(),
            channel,
        }
    }
}

/// The payload of `queueDataUpdate`: the state of the queue-data subscription and the queues
/// it concerns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct QueueDataUpdate {
    /// Always [`EventName::QueueDataUpdate`].
    pub event: EventName,
    /// The API version ([`API_VERSION`]).
    pub version: String,
    /// Always `""`: the gadget sends these by itself.
    #[serde(default)]
    pub request_id: String,
    /// `ENABLED` (logged in: every queue of the agent), `ADDED` (the queue added),
    /// `UPDATED` (the queues whose data changed), `DELETED` (the queue removed, with its last
    /// data), `DISABLED` (logged out: no queues).
    pub data_state: DataState,
    /// The queues.
    #[serde(default)]
    pub queue_data: Vec<QueueData>,
}

/// The payload of `teamDataUpdate`: the state of the team-data subscription and the agents it
/// concerns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TeamDataUpdate {
    /// Always [`EventName::TeamDataUpdate`].
    pub event: EventName,
    /// The API version ([`API_VERSION`]).
    pub version: String,
    /// Always `""`: the gadget sends these by itself.
    #[serde(default)]
    pub request_id: String,
    /// `ENABLED` (logged in: every agent of the team), `UPDATED` (the agents that changed),
    /// `DISABLED` (logged out: no agents).
    pub team_data_state: TeamDataState,
    /// The team (the `teamId` of `getChannel`).
    pub team_id: String,
    /// The agents.
    #[serde(default)]
    pub agents: Vec<TeamAgent>,
}

/// Any event payload, by shape; the event's name is the `event` field inside.
// The Workitem variant is large, but payloads are built once and moved into a message:
// boxing would only add an allocation per event.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum EventPayload {
    /// `agentStateChange`.
    AgentStateChange(AgentStateChange),
    /// `createChannel`.
    CreateChannel(CreateChannelEvent),
    /// `error`.
    Error(ErrorEvent),
    /// One of the eight work item events.
    Workitem(WorkitemEvent),
    /// `queueDataUpdate`.
    QueueData(QueueDataUpdate),
    /// `teamDataUpdate`.
    TeamData(TeamDataUpdate),
}

impl EventPayload {
    /// The event's name (the payload's `event` field).
    pub fn name(&self) -> EventName {
        match self {
            EventPayload::AgentStateChange(data) => data.event,
            EventPayload::CreateChannel(data) => data.event,
            EventPayload::Error(data) => data.event,
            EventPayload::Workitem(data) => data.event,
            EventPayload::QueueData(data) => data.event,
            EventPayload::TeamData(data) => data.event,
        }
    }

    /// The payload's `requestId`.
    pub fn request_id(&self) -> &str {
        match self {
            EventPayload::AgentStateChange(data) => &data.request_id,
            EventPayload::CreateChannel(data) => &data.request_id,
            EventPayload::Error(data) => &data.request_id,
            EventPayload::Workitem(data) => &data.request_id,
            EventPayload::QueueData(data) => &data.request_id,
            EventPayload::TeamData(data) => &data.request_id,
        }
    }

    /// The payload as a JSON object.
    pub fn to_value(&self) -> Value {
        // Cannot fail: every field serializes to JSON (string keys, no floats or NaN).
        serde_json::to_value(self).unwrap_or(Value::Null)
    }

    /// Reads the payload of event `name` from `data`; the error says what is wrong. The
    /// payload's `event` field must equal `name`.
    pub fn from_value(name: EventName, data: &Value) -> Result<EventPayload, String> {
        let payload = match name {
            EventName::AgentStateChange => {
                AgentStateChange::deserialize(data).map(EventPayload::AgentStateChange)
            }
            EventName::CreateChannel => {
                CreateChannelEvent::deserialize(data).map(EventPayload::CreateChannel)
            }
            EventName::Error => ErrorEvent::deserialize(data).map(EventPayload::Error),
            EventName::QueueDataUpdate => {
                QueueDataUpdate::deserialize(data).map(EventPayload::QueueData)
            }
            EventName::TeamDataUpdate => {
                TeamDataUpdate::deserialize(data).map(EventPayload::TeamData)
            }
            _ => WorkitemEvent::deserialize(data).map(EventPayload::Workitem),
        }
        .map_err(|error| error.to_string())?;
        if payload.name() == name {
            Ok(payload)
        } else {
            Err(format!(
                "data.event is {:?}, but the message name is {:?}",
                payload.name().name(),
                name.name()
            ))
        }
    }
}

impl From<AgentStateChange> for EventPayload {
    fn from(data: AgentStateChange) -> Self {
        EventPayload::AgentStateChange(data)
    }
}

impl From<CreateChannelEvent> for EventPayload {
    fn from(data: CreateChannelEvent) -> Self {
        EventPayload::CreateChannel(data)
    }
}

impl From<ErrorEvent> for EventPayload {
    fn from(data: ErrorEvent) -> Self {
        EventPayload::Error(data)
    }
}

impl From<QueueDataUpdate> for EventPayload {
    fn from(data: QueueDataUpdate) -> Self {
        EventPayload::QueueData(data)
    }
}

impl From<TeamDataUpdate> for EventPayload {
    fn from(data: TeamDataUpdate) -> Self {
        EventPayload::TeamData(data)
    }
}

impl From<WorkitemEvent> for EventPayload {
    fn from(data: WorkitemEvent) -> Self {
        EventPayload::Workitem(data)
    }
}
