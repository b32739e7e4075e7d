//! Agent-state commands: `setAgentState` from an integration, the same from the gadget UI
//! (which can also log in), and the login itself with call recovery.
//!
//! Order on login (domain-notes §6, "Login → Ready → Not Ready → Logout"): agentStateChange to
//! NotReady right after login; then, for calls already on the phone, `workitemCreate` again
//! (call recovery, as the reference says) and agentStateChange to Active; then Ready if asked.

use super::Gadget;
use crate::config::ReasonCode;
use crate::error::{quote, SimError, SimResult};
use crate::event::Event;
use crate::names::{AgentState, ReasonKind, TargetState, WorkitemState};
use crate::transitions;
use cil_protocol::{ErrorCode, EventName};

impl Gadget {
    /// `setAgentState(channelId, state, reasonCode)` from an integration. `voice` applies to
    /// every voice channel; all must accept the change or none changes.
    pub fn set_agent_state(
        &mut self,
        channel_id: &str,
        state: TargetState,
        reason_code: Option<&str>,
        rid: &str,
    ) -> SimResult<Vec<Event>> {
        let targets = self.resolve_all(channel_id)?;
        let reason = self.lookup_reason(state, reason_code)?;
        for ci in &targets {
            let Some(ch) = self.channel(*ci) else {
                continue;
            };
            let reason_changes = ch.current.reason != reason;
            transitions::check(ch.state(), state, reason_changes).map_err(|why| {
                SimError::transition(format!("setAgentState({state}) on '{}': {why}", ch.id))
            })?;
        }
        let mut events = Vec::new();
        for ci in targets {
            self.apply_target(ci, state, reason.clone(), rid, &mut events);
        }
        Ok(events)
    }

    /// The agent changes state in the gadget UI: like [`Self::set_agent_state`], except that
    /// Ready or NotReady while logged out logs the agent in.
    pub fn gadget_set_agent_state(
        &mut self,
        channel_id: &str,
        state: TargetState,
        reason_code: Option<&str>,
    ) -> SimResult<Vec<Event>> {
        let targets = self.resolve_all(channel_id)?;
        let all_logged_out = targets
            .iter()
            .all(|ci| self.channel(*ci).map(|c| c.state()) == Some(AgentState::Logout));
        if all_logged_out && state != TargetState::Logout {
            let reason = self.lookup_reason(state, reason_code)?;
            let mut events = Vec::new();
            for ci in targets {
                self.login_channel(ci, state, reason.clone(), &mut events);
            }
            return Ok(events);
        }
        self.set_agent_state(channel_id, state, reason_code, "")
    }

    /// Logs the agent in on every logged-out channel, to NotReady (or Ready).
    pub fn login(&mut self, state: TargetState) -> SimResult<Vec<Event>> {
        if state == TargetState::Logout {
            return Err(SimError::invalid("state", "login needs Ready or NotReady"));
        }
        let targets: Vec<usize> = (0..self.channels.len())
            .filter(|ci| self.channel(*ci).map(|c| c.state()) == Some(AgentState::Logout))
            .collect();
        if targets.is_empty() {
            return Err(SimError::transition("the agent is logged in already"));
        }
        let mut events = Vec::new();
        for ci in targets {
            self.login_channel(ci, state, None, &mut events);
        }
        Ok(events)
    }

    /// Checks `reason_code` against the list `state` uses and the "required" setting.
    pub(super) fn lookup_reason(
        &self,
        state: TargetState,
        reason_code: Option<&str>,
    ) -> SimResult<Option<ReasonCode>> {
        let code = reason_code.map(str::trim).filter(|c| !c.is_empty());
        let Some(kind) = state.reason_kind() else {
            // Ready has no reason; a code sent along is ignored, as "empty if no reason
            // code is required" allows.
            return Ok(None);
        };
        let required = match kind {
            ReasonKind::NotReady => self.config.reason_code_required.not_ready,
            ReasonKind::Logout => self.config.reason_code_required.logout,
            ReasonKind::Wrapup => false,
        };
        let list = self.reason_list(kind);
        match code {
            None if required => Err(SimError::new(
                ErrorCode::ReasonCodeRequired,
                format!(
                    "{state} needs a reason code; one of: {}",
                    describe_codes(list)
                ),
            )),
            None => Ok(None),
            Some(code) => list
                .iter()
                .find(|r| r.id == code)
                .cloned()
                .map(Some)
                .ok_or_else(|| {
                    SimError::new(
                        ErrorCode::UnknownReasonCode,
                        format!(
                            "reasonCode {} is not a {kind} reason code; one of: {}",
                            quote(code),
                            describe_codes(list)
                        ),
                    )
                }),
        }
    }

    /// Applies a checked target state to channel `ci`: ends wrap-up first when in Wrapup.
    fn apply_target(
        &mut self,
        ci: usize,
        state: TargetState,
        reason: Option<ReasonCode>,
        rid: &str,
        events: &mut Vec<Event>,
    ) {
        let in_wrapup = self.channel(ci).map(|c| c.state()) == Some(AgentState::Wrapup);
        if in_wrapup {
            let ch_id = self.channel(ci).map(|c| c.id.clone()).unwrap_or_default();
            let wrapping: Vec<String> = self
                .workitems
                .iter()
                .filter(|w| w.channel_id == ch_id && w.state == WorkitemState::Wrapup)
                .map(|w| w.id.clone())
                .collect();
            for id in wrapping {
                self.finish_item(&id, rid, events);
            }
            if let Some(ch) = self.channels.get_mut(ci) {
                ch.after_work = None;
                ch.custom_wrapup = None;
            }
        }
        events.extend(self.change_state(ci, state.agent_state(), reason, rid));
    }

    /// Logs channel `ci` in: NotReady, recovered calls, then Ready if asked and possible.
    fn login_channel(
        &mut self,
        ci: usize,
        state: TargetState,
        reason: Option<ReasonCode>,
        events: &mut Vec<Event>,
    ) {
        let not_ready_reason = if state == TargetState::NotReady {
            reason
        } else {
            None
        };
        events.extend(self.change_state(ci, AgentState::NotReady, not_ready_reason.clone(), ""));
        let ch_id = self.channel(ci).map(|c| c.id.clone()).unwrap_or_default();
        let recovered: Vec<usize> = (0..self.workitems.len())
            .filter(|wi| self.item(*wi).is_some_and(|w| w.channel_id == ch_id))
            .collect();
        for wi in &recovered {
            events.extend(self.item_event(EventName::WorkitemCreate, "", *wi));
        }
        if !recovered.is_empty() {
            if let Some(ch) = self.channels.get_mut(ci) {
                ch.after_work = Some((AgentState::NotReady, not_ready_reason));
            }
            events.extend(self.change_state(ci, AgentState::Active, None, ""));
        } else if state == TargetState::Ready {
            events.extend(self.change_state(ci, AgentState::Ready, None, ""));
        }
    }
}

/// `1 (Break), 2 (Lunch)` for error messages.
fn describe_codes(list: &[ReasonCode]) -> String {
    if list.is_empty() {
        return "none configured".into();
    }
    list.iter()
        .map(|r| format!("{} ({})", r.id, r.label))
        .collect::<Vec<_>>()
        .join(", ")
}
