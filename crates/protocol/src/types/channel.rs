//! The channel-shaped results and payloads: the getChannel result, a Channel, the
//! createChannel payload and a reason-code list entry.

use serde::{Deserialize, Serialize};

use super::{AgentState, ChannelType, ReasonCodeId, Workitem};

/// The result of `getChannel`: the agent and the channel.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GetChannelResult {
    /// The active device id, for agents using the shared line feature.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active_device_id: Option<String>,
    /// The channel.
    pub channel: Channel,
    /// The extension the agent works with.
    pub extension: String,
    /// The agent's first name.
    pub first_name: String,
    /// The agent's id.
    pub agent_id: String,
    /// The agent's last name.
    pub last_name: String,
    /// The agent's login name.
    pub login_name: String,
    /// The id of the agent's team.
    pub team_id: String,
}

/// A channel with the agent's state on it and its work items.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Channel {
    /// The channel's unique id.
    pub id: String,
    /// The channel type (wire name `type`).
    #[serde(rename = "type")]
    pub channel_type: ChannelType,
    /// The agent state on this channel.
    pub state: AgentState,
    /// The selected reason code; "no code" is negative (see [`ReasonCodeId`]).
    pub reason_code: ReasonCodeId,
    /// The reason's label.
    pub reason_code_label: String,
    /// When the state last changed (ISO 8601).
    pub state_change_time: String,
    /// The channel's work items.
    #[serde(default)]
    pub workitems: Vec<Workitem>,
}

/// A newly created channel, as the createChannel event describes it (wrapped in
/// [`crate::events::CreateChannelEvent`] on the wire).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ChannelCreate {
    /// The channel's unique id.
    pub id: String,
    /// The channel type (wire name `type`).
    #[serde(rename = "type")]
    pub channel_type: ChannelType,
    /// The previous agent state.
    pub previous_state: AgentState,
    /// The current agent state.
    pub active_state: AgentState,
    /// The next agent state (e.g. after wrap-up).
    pub next_state: AgentState,
    /// When the state last changed (ISO 8601).
    pub last_state_change: String,
    /// Whether a state change is pending.
    pub state_change_in_progress: bool,
}

/// One entry of the `getReasonCodeList` result.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReasonCode {
    /// The reason's unique id (a number on Finesse, a GUID on Webex CC).
    pub id: ReasonCodeId,
    /// The reason's label.
    pub label: String,
}
