//! The gadget as a plain state machine: the agent, its channels and work items, driven by
//! commands (script actions from the gadget UI or a test, and decoded Integration API requests)
//! that return the events to send, in the order a real gadget sends them (domain-notes §6).
//!
//! Every command takes the `requestId` of the request that caused it (`""` for the gadget's own
//! actions) and stamps it on the events it produces. A refused command changes nothing: checks
//! run before the first mutation.
//!
//! The commands are split by concern: [`agent_state`](self) (login, setAgentState),
//! `calls` (incoming, answer, hold, resume, hang up, wrap-up, dial, transfer, conference,
//! RONA), `data` (call variables, wrap-up reasons), `queries` (getChannel, reason codes,
//! replay) and `statistics` (queueDataUpdate, teamDataUpdate).

mod agent_state;
mod calls;
mod data;
mod queries;
mod statistics;

pub use calls::IncomingCall;

use crate::channel::Channel;
use crate::clock::{Clock, Timestamp};
use crate::config::{ChannelConfig, SimConfig};
use crate::error::{quote, SimError, SimResult};
use crate::event::Event;
use crate::names::{AgentState, ChannelType};
use crate::payload;
use crate::workitem::Workitem;
use cil_protocol::ErrorCode;

/// The simulated gadget.
pub struct Gadget {
    config: SimConfig,
    clock: Box<dyn Clock>,
    channels: Vec<Channel>,
    /// Work items not yet ended, in creation order.
    workitems: Vec<Workitem>,
    next_call_id: u64,
    next_activity: u64,
    stats: statistics::Stats,
}

impl std::fmt::Debug for Gadget {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Gadget")
            .field("channels", &self.channels)
            .field("workitems", &self.workitems)
            .finish_non_exhaustive()
    }
}

impl Gadget {
    /// A gadget set up by `config`, reading time from `clock`. Every channel starts in
    /// `config.initial_state`.
    pub fn new(config: SimConfig, clock: Box<dyn Clock>) -> Self {
        let now = Timestamp(clock.now_ms());
        let channels = config
            .channels
            .iter()
            .map(|c| Channel::new(c, config.initial_state, now))
            .collect();
        let mut gadget = Self {
            config,
            clock,
            channels,
            workitems: Vec::new(),
            next_call_id: 16_777_217,
            next_activity: 1,
            stats: statistics::Stats::default(),
        };
        gadget.init_statistics();
        gadget
    }

    /// The configuration in use.
    pub fn config(&self) -> &SimConfig {
        &self.config
    }

    /// The channels.
    pub fn channels(&self) -> &[Channel] {
        &self.channels
    }

    /// The work items that have not ended, in creation order.
    pub fn workitems(&self) -> &[Workitem] {
        &self.workitems
    }

    /// The work item with `id`, if it has not ended.
    pub fn workitem(&self, id: &str) -> Option<&Workitem> {
        self.workitems.iter().find(|w| w.id == id)
    }

    /// Turns wrap-up on or off for a channel (for calls that end from now on).
    pub fn set_wrapup_enabled(&mut self, channel_id: &str, enabled: bool) -> SimResult<()> {
        let ci = self.resolve(channel_id)?;
        if let Some(ch) = self.channels.get_mut(ci) {
            ch.wrapup = enabled;
        }
        Ok(())
    }

    /// Makes `NotReady` / `Logout` require a reason code (or not).
    pub fn set_reason_code_required(&mut self, not_ready: bool, logout: bool) {
        self.config.reason_code_required.not_ready = not_ready;
        self.config.reason_code_required.logout = logout;
    }

    /// Adds a channel and announces it with `createChannel`. The agent's state on it follows
    /// the first channel (logged out stays logged out, otherwise NotReady).
    pub fn create_channel(&mut self, config: ChannelConfig) -> SimResult<Vec<Event>> {
        if config.id.is_empty() {
            return Err(SimError::invalid("id", "a channel id must not be empty"));
        }
        if self.channels.iter().any(|c| c.id == config.id) {
            return Err(SimError::invalid(
                "id",
                format!("channel '{}' exists already", config.id),
            ));
        }
        let logged_out = self
            .channels
            .first()
            .map_or(true, |c| c.state() == AgentState::Logout);
        let now = self.now();
        let mut ch = Channel::new(&config, AgentState::Logout, now);
        if !logged_out {
            ch.change(AgentState::NotReady, None, now);
        }
        let event = payload::channel_create("", &ch);
        self.channels.push(ch);
        Ok(vec![event])
    }

    /// An `error` event not caused by a request (an internal gadget error).
    pub fn raise_error(&self, message: &str) -> Vec<Event> {
        vec![payload::error_event("", message)]
    }

    // ---- shared helpers for the command modules ----

    /// The current time of the gadget's clock.
    pub fn now(&self) -> Timestamp {
        Timestamp(self.clock.now_ms())
    }

    /// The one channel `channel_id` names (`voice` names the voice channel when there is
    /// exactly one).
    fn resolve(&self, channel_id: &str) -> SimResult<usize> {
        let found = self.resolve_all(channel_id)?;
        match found.as_slice() {
            [one] => Ok(*one),
            many => {
                let ids: Vec<&str> = many
                    .iter()
                    .filter_map(|i| self.channels.get(*i))
                    .map(|c| c.id.as_str())
                    .collect();
                Err(SimError::unknown_channel(format!(
                    "channelId {} matches {} channels ({}); name one of them",
                    quote(channel_id),
                    ids.len(),
                    ids.join(", ")
                )))
            }
        }
    }

    /// Every channel `channel_id` names (`voice` may name several).
    fn resolve_all(&self, channel_id: &str) -> SimResult<Vec<usize>> {
        let found: Vec<usize> = self
            .channels
            .iter()
            .enumerate()
            .filter(|(_, c)| c.matches(channel_id))
            .map(|(i, _)| i)
            .collect();
        if found.is_empty() {
            let ids: Vec<&str> = self.channels.iter().map(|c| c.id.as_str()).collect();
            return Err(SimError::unknown_channel(format!(
                "no channel {} (the agent has: {}; 'voice' names the voice channel)",
                quote(channel_id),
                ids.join(", ")
            )));
        }
        Ok(found)
    }

    /// The first voice channel (the default for script actions).
    fn default_voice(&self) -> SimResult<usize> {
        self.channels
            .iter()
            .position(|c| c.kind == ChannelType::Voice)
            .ok_or_else(|| SimError::unknown_channel("the agent has no voice channel"))
    }

    /// The index of work item `id` on channel `ci`.
    fn find_item(&self, ci: usize, id: &str) -> SimResult<usize> {
        let ch_id = self.channel(ci).map(|c| c.id.as_str()).unwrap_or("");
        self.workitems
            .iter()
            .position(|w| w.id == id && w.channel_id == ch_id)
            .ok_or_else(|| SimError::unknown_workitem(id, ch_id))
    }

    /// The index of work item `id` on any channel, and its channel's index.
    fn find_any(&self, id: &str) -> SimResult<(usize, usize)> {
        let wi = self
            .workitems
            .iter()
            .position(|w| w.id == id)
            .ok_or_else(|| {
                SimError::new(
                    ErrorCode::UnknownWorkitem,
                    format!("no work item {}", quote(id)),
                )
            })?;
        let ch_id = self.item(wi).map(|w| w.channel_id.as_str()).unwrap_or("");
        let ci = self
            .channels
            .iter()
            .position(|c| c.id == ch_id)
            .ok_or_else(|| SimError::unknown_channel(format!("no channel '{ch_id}'")))?;
        Ok((wi, ci))
    }

    fn channel(&self, ci: usize) -> Option<&Channel> {
        self.channels.get(ci)
    }

    fn item(&self, wi: usize) -> Option<&Workitem> {
        self.workitems.get(wi)
    }

    /// The work-item event `name` for item `wi`.
    fn item_event(&self, name: cil_protocol::EventName, rid: &str, wi: usize) -> Option<Event> {
        self.item(wi)
            .map(|w| payload::workitem_event(name, rid, w, &self.config.agent.id))
    }

    /// Moves channel `ci` to `state` and returns the `agentStateChange` for it.
    fn change_state(
        &mut self,
        ci: usize,
        state: AgentState,
        reason: Option<crate::config::ReasonCode>,
        rid: &str,
    ) -> Option<Event> {
        let now = self.now();
        let ch = self.channels.get_mut(ci)?;
        ch.change(state, reason, now);
        Some(payload::agent_state_change(rid, ch))
    }
}

#[cfg(test)]
mod tests;
