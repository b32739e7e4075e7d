//! One channel of the agent and the agent's state on it, with the previous state kept so that
//! `agentStateChange` can report old and new side by side.

use crate::clock::Timestamp;
use crate::config::{ChannelConfig, ReasonCode};
use crate::names::{AgentState, ChannelType};

/// The agent's state on a channel at one moment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StateRecord {
    /// The state.
    pub state: AgentState,
    /// The reason code, when the state has one.
    pub reason: Option<ReasonCode>,
    /// When the state was entered.
    pub since: Timestamp,
}

/// A channel (voice, chat, …) with the agent's state on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Channel {
    /// `voice_5075`, `voice_-1`, `telephony`, …
    pub id: String,
    /// The media type.
    pub kind: ChannelType,
    /// Whether calls ending on this channel go to wrap-up.
    pub wrapup: bool,
    /// The current state.
    pub current: StateRecord,
    /// The state before the current one.
    pub previous: StateRecord,
    /// The state to return to when the agent's work ends (the state before the first call, or
    /// what was asked for during wrap-up).
    pub after_work: Option<(AgentState, Option<ReasonCode>)>,
    /// A wrap-up reason set through the API that was not in the configured list: it shows in
    /// the Wrapup list as selected until another reason is chosen.
    pub custom_wrapup: Option<String>,
}

impl Channel {
    /// A channel from its configuration, in `state` since `now`.
    pub fn new(config: &ChannelConfig, state: AgentState, now: Timestamp) -> Self {
        let record = StateRecord {
            state,
            reason: None,
            since: now,
        };
        Self {
            id: config.id.clone(),
            kind: config.kind,
            wrapup: config.wrapup,
            current: record.clone(),
            previous: record,
            after_work: None,
            custom_wrapup: None,
        }
    }

    /// The agent state now.
    pub fn state(&self) -> AgentState {
        self.current.state
    }

    /// Moves to `state` with `reason` at `now`, keeping the old record as `previous`.
    pub fn change(&mut self, state: AgentState, reason: Option<ReasonCode>, now: Timestamp) {
        let old = std::mem::replace(
            &mut self.current,
            StateRecord {
                state,
                reason,
                since: now,
            },
        );
        self.previous = old;
    }

    /// Whether `id` names this channel: exactly, or `voice` for any voice channel.
    pub fn matches(&self, id: &str) -> bool {
        self.id == id || (id == "voice" && self.kind == ChannelType::Voice)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn change_keeps_previous_and_voice_alias_matches() {
        let cfg = ChannelConfig::new("voice_5075", ChannelType::Voice);
        let mut ch = Channel::new(&cfg, AgentState::NotReady, Timestamp(1));
        ch.change(AgentState::Ready, None, Timestamp(2));
        assert_eq!(ch.previous.state, AgentState::NotReady);
        assert_eq!(ch.current.since, Timestamp(2));
        assert!(ch.matches("voice") && ch.matches("voice_5075") && !ch.matches("voice_1"));
        let chat = Channel::new(
            &ChannelConfig::new("chat", ChannelType::Chat),
            AgentState::Ready,
            Timestamp(0),
        );
        assert!(!chat.matches("voice"));
    }
}
