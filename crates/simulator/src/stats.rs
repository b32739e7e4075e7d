//! Queue and team statistics: the set-up (which queues, with which figures; which team
//! members) and how the simulated agent's own state adds to them.
//!
//! The figures configured (or set by a script) are the *other* agents'; the simulated agent
//! adds itself by its voice state: Ready → `agentsReady`, NotReady → `agentsNotReady`, a
//! connected or dialling call → `agentsTalkingInbound`, `…Outbound` or `…Internal` (a
//! consultation or internal call), wrap-up → `agentsWrapUpReady` or `…NotReady` (by the state it
//! returns to). An agent with a call only ringing (reserved) adds to none: the reference lists
//! no reserved count. The escalation level follows `warnAt`/`criticalAt` (calls in queue) when
//! they are given. The gadget turns changes of these into `queueDataUpdate`/`teamDataUpdate`
//! events (`gadget::statistics`).

use crate::config::ReasonCode;
use crate::error::{SimError, SimResult};
use crate::names::AgentState;
use cil_protocol::types::{ChannelType, EscalationLevel, QueueData, Statistics};
use serde::{Deserialize, Serialize};

/// Some or all figures of a queue's statistics (`null`/absent: unchanged).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct StatisticsPatch {
    /// Agents in Not Ready.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agents_not_ready: Option<u32>,
    /// Agents in Ready.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agents_ready: Option<u32>,
    /// Agents talking on an inbound call.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agents_talking_inbound: Option<u32>,
    /// Agents talking on an agent-to-agent call.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agents_talking_internal: Option<u32>,
    /// Agents talking on an outbound call.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agents_talking_outbound: Option<u32>,
    /// Agents in wrap-up going Not Ready afterwards.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agents_wrap_up_not_ready: Option<u32>,
    /// Agents in wrap-up going Ready afterwards.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agents_wrap_up_ready: Option<u32>,
    /// Calls waiting.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub calls_in_queue: Option<u32>,
    /// When the longest-waiting call entered the queue (ISO 8601; kept only while calls wait;
    /// when calls start waiting without one, the time they did).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_time_of_longest_call_in_queue: Option<String>,
}

/// A queue of the agent (`options.queues[]`, `addQueue`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct QueueConfig {
    /// The queue's id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// The escalation level when no thresholds are given (default `Normal`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub escalation_level: Option<String>,
    /// Calls in queue from which the level is `Warn`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warn_at: Option<u32>,
    /// Calls in queue from which the level is `Critical`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub critical_at: Option<u32>,
    /// The other agents' figures (default: all 0).
    #[serde(default)]
    pub statistics: StatisticsPatch,
}

/// A member of the agent's team (`options.team.agents[]`, `setTeamAgent`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TeamMemberConfig {
    /// The agent's id (not the simulated agent's own).
    pub agent_id: String,
    /// First name (default: unchanged, or `""`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    /// Last name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    /// Extension.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extension: Option<String>,
    /// State (default: unchanged, or `NotReady`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<AgentState>,
    /// The state's reason code (`null`: none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason_code: Option<ReasonCode>,
}

/// The team (`options.team`); the simulated agent is always its first member.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct TeamConfig {
    /// The other agents.
    pub agents: Vec<TeamMemberConfig>,
}

/// A queue as the model keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Queue {
    /// The configuration (its statistics are the other agents' figures).
    pub config: QueueConfig,
}

/// What the simulated agent adds to every queue's figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    /// Nothing (logged out, or a call only ringing).
    None,
    /// `agentsReady`.
    Ready,
    /// `agentsNotReady`.
    NotReady,
    /// `agentsTalkingInbound`.
    TalkingInbound,
    /// `agentsTalkingOutbound`.
    TalkingOutbound,
    /// `agentsTalkingInternal`.
    TalkingInternal,
    /// `agentsWrapUpReady`.
    WrapUpReady,
    /// `agentsWrapUpNotReady`.
    WrapUpNotReady,
}

impl Queue {
    /// Checks a new queue's configuration.
    pub fn new(config: QueueConfig) -> SimResult<Queue> {
        if config.id.is_empty() {
            return Err(SimError::invalid("queue.id", "must not be empty"));
        }
        if let Some(level) = &config.escalation_level {
            if !matches!(level.as_str(), "Normal" | "Warn" | "Critical") {
                return Err(SimError::invalid(
                    "queue.escalationLevel",
                    format!(
                        "expected Normal, Warn or Critical, got {}",
                        crate::error::quote(level)
                    ),
                ));
            }
        }
        Ok(Queue { config })
    }

    /// Applies a patch to the other agents' figures (and the level, if given).
    pub fn patch(&mut self, patch: &StatisticsPatch, level: Option<String>, now: &str) {
        let s = &mut self.config.statistics;
        let was_waiting = s.calls_in_queue.unwrap_or(0) > 0;
        macro_rules! take {
            ($($f:ident),*) => { $(if patch.$f.is_some() { s.$f = patch.$f; })* };
        }
        take!(
            agents_not_ready,
            agents_ready,
            agents_talking_inbound,
            agents_talking_internal,
            agents_talking_outbound,
            agents_wrap_up_not_ready,
            agents_wrap_up_ready,
            calls_in_queue
        );
        if let Some(t) = &patch.start_time_of_longest_call_in_queue {
            s.start_time_of_longest_call_in_queue = Some(t.clone());
        }
        let waiting = s.calls_in_queue.unwrap_or(0) > 0;
        if !waiting {
            s.start_time_of_longest_call_in_queue = None;
        } else if !was_waiting && s.start_time_of_longest_call_in_queue.is_none() {
            s.start_time_of_longest_call_in_queue = Some(now.to_owned());
        }
        if level.is_some() {
            self.config.escalation_level = level;
        }
    }

    /// The queue as `queueDataUpdate` carries it, with the agent's own `presence` added.
    pub fn data(&self, presence: Presence) -> QueueData {
        let c = &self.config;
        let s = &c.statistics;
        let mut statistics = Statistics {
            agents_not_ready: s.agents_not_ready.unwrap_or(0),
            agents_ready: s.agents_ready.unwrap_or(0),
            agents_talking_inbound: s.agents_talking_inbound.unwrap_or(0),
            agents_talking_internal: s.agents_talking_internal.unwrap_or(0),
            agents_talking_outbound: s.agents_talking_outbound.unwrap_or(0),
            agents_wrap_up_not_ready: s.agents_wrap_up_not_ready.unwrap_or(0),
            agents_wrap_up_ready: s.agents_wrap_up_ready.unwrap_or(0),
            calls_in_queue: s.calls_in_queue.unwrap_or(0),
            start_time_of_longest_call_in_queue: s.start_time_of_longest_call_in_queue.clone(),
        };
        let own = match presence {
            Presence::None => None,
            Presence::Ready => Some(&mut statistics.agents_ready),
            Presence::NotReady => Some(&mut statistics.agents_not_ready),
            Presence::TalkingInbound => Some(&mut statistics.agents_talking_inbound),
            Presence::TalkingOutbound => Some(&mut statistics.agents_talking_outbound),
            Presence::TalkingInternal => Some(&mut statistics.agents_talking_internal),
            Presence::WrapUpReady => Some(&mut statistics.agents_wrap_up_ready),
            Presence::WrapUpNotReady => Some(&mut statistics.agents_wrap_up_not_ready),
        };
        if let Some(n) = own {
            *n = n.saturating_add(1);
        }
        let calls = statistics.calls_in_queue;
        let escalation_level = match (c.critical_at, c.warn_at) {
            (Some(critical), _) if calls >= critical => EscalationLevel::Critical,
            (_, Some(warn)) if calls >= warn => EscalationLevel::Warn,
            (None, None) => {
                EscalationLevel::parse(c.escalation_level.as_deref().unwrap_or("Normal"))
            }
            _ => EscalationLevel::Normal,
        };
        QueueData {
            id: c.id.clone(),
            name: c.name.clone(),
            channel: ChannelType::Voice,
            escalation_level,
            statistics,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn queue(json: serde_json::Value) -> Queue {
        Queue::new(serde_json::from_value(json).unwrap()).unwrap()
    }

    #[test]
    fn own_presence_is_added_and_thresholds_set_the_level() {
        let mut q = queue(
            serde_json::json!({"id": "5001", "name": "Sales", "warnAt": 3, "criticalAt": 6,
            "statistics": {"agentsReady": 2, "callsInQueue": 0}}),
        );
        let d = q.data(Presence::Ready);
        assert_eq!(d.statistics.agents_ready, 3);
        assert_eq!(d.escalation_level, EscalationLevel::Normal);
        assert_eq!(d.statistics.start_time_of_longest_call_in_queue, None);
        q.patch(
            &StatisticsPatch {
                calls_in_queue: Some(4),
                ..StatisticsPatch::default()
            },
            None,
            "2020-07-28T09:51:17.000Z",
        );
        let d = q.data(Presence::TalkingInbound);
        assert_eq!(d.statistics.agents_ready, 2);
        assert_eq!(d.statistics.agents_talking_inbound, 1);
        assert_eq!(d.escalation_level, EscalationLevel::Warn);
        assert_eq!(
            d.statistics.start_time_of_longest_call_in_queue.as_deref(),
            Some("2020-07-28T09:51:17.000Z")
        );
        q.patch(
            &StatisticsPatch {
                calls_in_queue: Some(6),
                ..StatisticsPatch::default()
            },
            None,
            "later",
        );
        let d = q.data(Presence::None);
        assert_eq!(d.escalation_level, EscalationLevel::Critical);
        assert_eq!(
            d.statistics.start_time_of_longest_call_in_queue.as_deref(),
            Some("2020-07-28T09:51:17.000Z"),
            "the longest call is still the same"
        );
        q.patch(
            &StatisticsPatch {
                calls_in_queue: Some(0),
                ..StatisticsPatch::default()
            },
            None,
            "later",
        );
        assert_eq!(
            q.data(Presence::None)
                .statistics
                .start_time_of_longest_call_in_queue,
            None
        );
        let fixed =
            queue(serde_json::json!({"id": "1", "name": "x", "escalationLevel": "Critical"}));
        assert_eq!(
            fixed.data(Presence::None).escalation_level,
            EscalationLevel::Critical
        );
        assert!(Queue::new(
            serde_json::from_value(
                serde_json::json!({"id": "1", "name": "x", "escalationLevel": "Hot"})
            )
            .unwrap()
        )
        .is_err());
        assert!(serde_json::from_value::<QueueConfig>(
            serde_json::json!({"id": "1", "name": "x", "statistics": {"agentsRedy": 1}})
        )
        .is_err());
    }
}
