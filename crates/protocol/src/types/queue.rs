//! Queue and team statistics types of the data reference, carried by the `queueDataUpdate`
//! and `teamDataUpdate` events ([`crate::events::QueueDataUpdate`],
//! [`crate::events::TeamDataUpdate`]).

use serde::{Deserialize, Serialize};

use super::ChannelType;
use crate::serde_helpers::count;
use crate::string_enum::string_enum;

/// A queue and its statistics.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct QueueData {
    /// The queue's unique id.
    pub id: String,
    /// The queue's name.
    pub name: String,
    /// The channel type the queue belongs to (currently only `Voice`).
    pub channel: ChannelType,
    /// The queue's threshold level.
    pub escalation_level: EscalationLevel,
    /// The queue's statistics.
    pub statistics: Statistics,
}

/// The statistics of a queue.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Statistics {
    /// Agents in Not Ready.
    #[serde(deserialize_with = "count")]
    pub agents_not_ready: u32,
    /// Agents in Ready.
    #[serde(deserialize_with = "count")]
    pub agents_ready: u32,
    /// Agents talking on an inbound call.
    #[serde(deserialize_with = "count")]
    pub agents_talking_inbound: u32,
    /// Agents talking on an agent-to-agent call.
    #[serde(deserialize_with = "count")]
    pub agents_talking_internal: u32,
    /// Agents talking on an outbound call.
    #[serde(deserialize_with = "count")]
    pub agents_talking_outbound: u32,
    /// Agents in wrap-up going Not Ready afterwards.
    #[serde(deserialize_with = "count")]
    pub agents_wrap_up_not_ready: u32,
    /// Agents in wrap-up going Ready afterwards.
    #[serde(deserialize_with = "count")]
    pub agents_wrap_up_ready: u32,
    /// Calls waiting in the queue.
    #[serde(deserialize_with = "count")]
    pub calls_in_queue: u32,
    /// When the longest-waiting call entered the queue (ISO 8601); absent when none waits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_time_of_longest_call_in_queue: Option<String>,
}

string_enum! {
    /// The threshold level of a queue.
    pub enum EscalationLevel {
        /// Below the warning threshold.
        Normal = "Normal",
        /// Above the warning threshold.
        Warn = "Warn",
        /// Above the critical threshold.
        Critical = "Critical",
    }
}

impl Default for EscalationLevel {
    /// `Normal`.
    fn default() -> Self {
        EscalationLevel::Normal
    }
}

string_enum! {
    /// The state of the queue-data subscription.
    pub enum DataState {
        /// Logged in: queue data updates can be received.
        Enabled = "ENABLED",
        /// A queue subscription was added.
        Added = "ADDED",
        /// A queue's data was updated.
        Updated = "UPDATED",
        /// The agent was removed from a queue; its subscription was deleted.
        Deleted = "DELETED",
        /// Logged out: queue data updates cannot be received.
        Disabled = "DISABLED",
    }
}

string_enum! {
    /// The state of the team-data subscription.
    pub enum TeamDataState {
        /// Logged in: team data updates (all agents of the team) can be received.
        Enabled = "ENABLED",
        /// Team data was updated (the changed agent).
        Updated = "UPDATED",
        /// Logged out: team data updates cannot be received.
        Disabled = "DISABLED",
    }
}
