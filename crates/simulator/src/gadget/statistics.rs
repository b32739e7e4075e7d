//! Queue and team statistics pushed as events: `queueDataUpdate` and `teamDataUpdate`, with
//! the data reference's states (`dataState`, `teamDataState`).
//!
//! The gadget remembers what it last published and [`Gadget::data_updates`] (called by the
//! host after every action, request and timer) sends the difference, after the action's own
//! events and with `requestId: ""`:
//!
//! * the agent logs in (any channel leaves Logout): `queueDataUpdate(ENABLED, every queue)`,
//!   then `teamDataUpdate(ENABLED, every team member)`;
//! * while logged in, figures change (the agent's own state moved, a script set figures):
//!   `queueDataUpdate(UPDATED, the queues that changed)`, then `teamDataUpdate(UPDATED, the
//!   members that changed)`, each only when something changed;
//! * the agent logs out: `queueDataUpdate(DISABLED, [])`, then `teamDataUpdate(DISABLED, [])`.
//!
//! `addQueue` and `removeQueue` send `queueDataUpdate(ADDED, [queue])` and
//! `queueDataUpdate(DELETED, [queue])` at once, while logged in. Statistics are off (no event)
//! unless the set-up has `queues` / `team` or a script adds one. A new connection made while
//! logged in gets `ENABLED` of both ([`Gadget::data_snapshot`]).

use super::Gadget;
use crate::config::ReasonCode;
use crate::error::{SimError, SimResult};
use crate::event::Event;
use crate::names::{AgentState, ChannelType, Classification, Direction, WorkitemState};
use crate::payload;
use crate::stats::{Presence, Queue, QueueConfig, StatisticsPatch, TeamMemberConfig};
use cil_protocol::events::{QueueDataUpdate, TeamDataUpdate};
use cil_protocol::types::{DataState, QueueData, ReasonCodeId, TeamAgent, TeamDataState};
use cil_protocol::{EventName, API_VERSION};

/// A team member other than the simulated agent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Member {
    agent: TeamAgent,
}

/// The statistics part of the gadget.
#[derive(Debug, Default)]
pub(super) struct Stats {
    /// The queues (`None`: no queue statistics at all).
    queues: Option<Vec<Queue>>,
    /// The other team members (`None`: no team statistics at all).
    team: Option<Vec<Member>>,
    /// What `queueDataUpdate` last said (`None`: disabled).
    published_queues: Option<Vec<QueueData>>,
    /// What `teamDataUpdate` last said (`None`: disabled).
    published_team: Option<Vec<TeamAgent>>,
}

impl Gadget {
    /// Sets up the statistics of the configuration (called once by [`Gadget::new`];
    /// [`SimConfig::check`](crate::config::SimConfig::check) refused bad ones already).
    pub(super) fn init_statistics(&mut self) {
        let now = self.now().to_string();
        if let Some(queues) = self.config.queues.clone() {
            self.stats.queues = Some(
                queues
                    .into_iter()
                    .filter_map(|q| Queue::new(q).ok())
                    .collect(),
            );
        }
        if let Some(team) = self.config.team.clone() {
            let members = team
                .agents
                .iter()
                .filter_map(|m| self.new_member(m, &now).ok())
                .collect();
            self.stats.team = Some(members);
        }
        // Published as of now: the first connection gets it, nothing is "new".
        self.stats.published_queues = self.current_queues();
        self.stats.published_team = self.current_team();
    }

    /// The events for what changed since the last call (see the module notes).
    pub fn data_updates(&mut self) -> Vec<Event> {
        let mut events = Vec::new();
        let queues = self.current_queues();
        match (&self.stats.published_queues, &queues) {
            (None, Some(all)) => events.push(queue_event(DataState::Enabled, all.clone())),
            (Some(_), None) if self.stats.queues.is_some() => {
                events.push(queue_event(DataState::Disabled, Vec::new()))
            }
            (Some(old), Some(new)) => {
                let changed: Vec<QueueData> =
                    new.iter().filter(|q| !old.contains(q)).cloned().collect();
                if !changed.is_empty() {
                    events.push(queue_event(DataState::Updated, changed));
                }
            }
            _ => {}
        }
        self.stats.published_queues = queues;
        let team = self.current_team();
        match (&self.stats.published_team, &team) {
            (None, Some(all)) => events.push(self.team_event(TeamDataState::Enabled, all.clone())),
            (Some(_), None) if self.stats.team.is_some() => {
                events.push(self.team_event(TeamDataState::Disabled, Vec::new()))
            }
            (Some(old), Some(new)) => {
                let changed: Vec<TeamAgent> =
                    new.iter().filter(|a| !old.contains(a)).cloned().collect();
                if !changed.is_empty() {
                    events.push(self.team_event(TeamDataState::Updated, changed));
                }
            }
            _ => {}
        }
        self.stats.published_team = team;
        events
    }

    /// What a connection made now is sent: `ENABLED` of the queues and the team, while
    /// logged in and configured.
    pub fn data_snapshot(&self) -> Vec<Event> {
        let mut events = Vec::new();
        if let Some(all) = &self.stats.published_queues {
            events.push(queue_event(DataState::Enabled, all.clone()));
        }
        if let Some(all) = &self.stats.published_team {
            events.push(self.team_event(TeamDataState::Enabled, all.clone()));
        }
        events
    }

    /// Adds a queue: `queueDataUpdate(ADDED, [queue])` while logged in.
    pub fn add_queue(&mut self, config: QueueConfig) -> SimResult<Vec<Event>> {
        let queue = Queue::new(config)?;
        let list = self.stats.queues.get_or_insert_with(Vec::new);
        if list.iter().any(|q| q.config.id == queue.config.id) {
            return Err(SimError::invalid(
                "id",
                format!(
                    "queue {} exists already",
                    crate::error::quote(&queue.config.id)
                ),
            ));
        }
        let data = queue.data(Presence::None);
        list.push(queue);
        let presence = self.presence();
        let data = self
            .stats
            .queues
            .as_ref()
            .and_then(|l| l.last())
            .map_or(data, |q| q.data(presence));
        match self.stats.published_queues.as_mut() {
            Some(published) => {
                published.push(data.clone());
                Ok(vec![queue_event(DataState::Added, vec![data])])
            }
            // Not published yet: the next update enables them all (or nothing: logged out).
            None => Ok(Vec::new()),
        }
    }

    /// Removes a queue: `queueDataUpdate(DELETED, [its last data])` while logged in.
    pub fn remove_queue(&mut self, id: &str) -> SimResult<Vec<Event>> {
        let list = self.stats.queues.as_mut().ok_or_else(|| no_queue(id))?;
        let at = list
            .iter()
            .position(|q| q.config.id == id)
            .ok_or_else(|| no_queue(id))?;
        let removed = list.remove(at);
        let presence = self.presence();
        let Some(published) = self.stats.published_queues.as_mut() else {
            return Ok(Vec::new());
        };
        let last = published
            .iter()
            .position(|q| q.id == id)
            .map(|i| published.remove(i))
            .unwrap_or_else(|| removed.data(presence));
        Ok(vec![queue_event(DataState::Deleted, vec![last])])
    }

    /// Sets some of a queue's figures (the other agents'); the change goes out as `UPDATED`.
    pub fn set_queue_statistics(
        &mut self,
        id: &str,
        patch: &StatisticsPatch,
        escalation_level: Option<String>,
    ) -> SimResult<()> {
        if let Some(level) = &escalation_level {
            if !matches!(level.as_str(), "Normal" | "Warn" | "Critical") {
                return Err(SimError::invalid(
                    "escalationLevel",
                    format!(
                        "expected Normal, Warn or Critical, got {}",
                        crate::error::quote(level)
                    ),
                ));
            }
        }
        let now = self.now().to_string();
        let queue = self
            .stats
            .queues
            .as_mut()
            .and_then(|l| l.iter_mut().find(|q| q.config.id == id))
            .ok_or_else(|| no_queue(id))?;
        queue.patch(patch, escalation_level, &now);
        Ok(())
    }

    /// Adds a team member or changes one; the change goes out as `UPDATED`. The simulated
    /// agent itself changes by its own state (`setAgentState`).
    pub fn set_team_agent(&mut self, m: &TeamMemberConfig) -> SimResult<()> {
        if m.agent_id == self.config.agent.id {
            return Err(SimError::invalid(
                "agentId",
                "that is the simulated agent; change its state with setAgentState",
            ));
        }
        let now = self.now().to_string();
        let existing = self
            .stats
            .team
            .as_ref()
            .and_then(|t| t.iter().position(|x| x.agent.agent_id == m.agent_id));
        match existing {
            None => {
                let member = self.new_member(m, &now)?;
                self.stats.team.get_or_insert_with(Vec::new).push(member);
            }
            Some(i) => {
                let Some(member) = self.stats.team.as_mut().and_then(|t| t.get_mut(i)) else {
                    return Ok(());
                };
                let a = &mut member.agent;
                if let Some(v) = &m.first_name {
                    a.first_name.clone_from(v);
                }
                if let Some(v) = &m.last_name {
                    a.last_name.clone_from(v);
                }
                if let Some(v) = &m.extension {
                    a.extension.clone_from(v);
                }
                let code = member_code(m.reason_code.as_ref());
                let label = m
                    .reason_code
                    .as_ref()
                    .map(|r| r.label.clone())
                    .unwrap_or_default();
                let state = m.state.map(wire_state);
                if state.is_some() || m.reason_code.is_some() {
                    if let Some(s) = state {
                        a.state = s;
                    }
                    a.reason_code = code;
                    a.reason_code_label = label;
                    a.state_change_time = now;
                }
            }
        }
        Ok(())
    }

    fn new_member(&self, m: &TeamMemberConfig, now: &str) -> SimResult<Member> {
        if m.agent_id.is_empty() {
            return Err(SimError::invalid("agentId", "must not be empty"));
        }
        if m.agent_id == self.config.agent.id {
            return Err(SimError::invalid(
                "agentId",
                "that is the simulated agent; it is in the team already",
            ));
        }
        Ok(Member {
            agent: TeamAgent {
                agent_id: m.agent_id.clone(),
                first_name: m.first_name.clone().unwrap_or_default(),
                last_name: m.last_name.clone().unwrap_or_default(),
                extension: m.extension.clone().unwrap_or_default(),
                state: wire_state(m.state.unwrap_or(AgentState::NotReady)),
                reason_code: member_code(m.reason_code.as_ref()),
                reason_code_label: m
                    .reason_code
                    .as_ref()
                    .map(|r| r.label.clone())
                    .unwrap_or_default(),
                state_change_time: now.to_owned(),
            },
        })
    }

    /// Whether the agent is logged in on any channel.
    fn logged_in(&self) -> bool {
        self.channels
            .iter()
            .any(|c| c.state() != AgentState::Logout)
    }

    /// The queues as published now (`None`: off, or logged out).
    pub(super) fn current_queues(&self) -> Option<Vec<QueueData>> {
        let queues = self.stats.queues.as_ref()?;
        if !self.logged_in() {
            return None;
        }
        let presence = self.presence();
        Some(queues.iter().map(|q| q.data(presence)).collect())
    }

    /// The team as published now: the simulated agent first (`None`: off, or logged out).
    pub(super) fn current_team(&self) -> Option<Vec<TeamAgent>> {
        let team = self.stats.team.as_ref()?;
        if !self.logged_in() {
            return None;
        }
        let mut all = vec![self.own_member()];
        all.extend(team.iter().map(|m| m.agent.clone()));
        Some(all)
    }

    /// The simulated agent as a team member (its voice channel's state).
    fn own_member(&self) -> TeamAgent {
        let a = &self.config.agent;
        let voice = self.channels.iter().find(|c| c.kind == ChannelType::Voice);
        let (state, code, label, since) = match voice {
            Some(ch) => (
                wire_state(ch.state()),
                serde_json::from_value(payload::reason_code(&ch.current))
                    .unwrap_or(ReasonCodeId::NONE),
                payload::reason_label(&ch.current),
                ch.current.since.to_string(),
            ),
            None => (
                wire_state(AgentState::Unknown),
                ReasonCodeId::NONE,
                String::new(),
                String::new(),
            ),
        };
        TeamAgent {
            agent_id: a.id.clone(),
            first_name: a.first_name.clone(),
            last_name: a.last_name.clone(),
            extension: a.extension.clone(),
            state,
            reason_code: code,
            reason_code_label: label,
            state_change_time: since,
        }
    }

    /// What the simulated agent adds to the queues' figures (see `stats`).
    fn presence(&self) -> Presence {
        let Some(ch) = self.channels.iter().find(|c| c.kind == ChannelType::Voice) else {
            return Presence::None;
        };
        match ch.state() {
            AgentState::Ready => Presence::Ready,
            AgentState::NotReady => Presence::NotReady,
            AgentState::Wrapup => match ch.after_work.as_ref().map(|w| w.0) {
                Some(AgentState::Ready) => Presence::WrapUpReady,
                _ => Presence::WrapUpNotReady,
            },
            AgentState::Active => {
                let talking = self.workitems.iter().rev().find(|w| {
                    w.channel_id == ch.id
                        && matches!(
                            w.state,
                            WorkitemState::Active
                                | WorkitemState::Paused
                                | WorkitemState::Initiated
                        )
                });
                match talking {
                    None => Presence::None,
                    Some(w)
                        if matches!(
                            w.classification,
                            Classification::Consultation | Classification::Internal
                        ) =>
                    {
                        Presence::TalkingInternal
                    }
                    Some(w) if w.direction == Direction::Outgoing => Presence::TalkingOutbound,
                    Some(_) => Presence::TalkingInbound,
                }
            }
            AgentState::Logout | AgentState::Offline | AgentState::Unknown => Presence::None,
        }
    }

    fn team_event(&self, state: TeamDataState, agents: Vec<TeamAgent>) -> Event {
        let data = TeamDataUpdate {
            event: EventName::TeamDataUpdate,
            version: API_VERSION.to_owned(),
            request_id: String::new(),
            team_data_state: state,
            team_id: self.config.agent.team_id.clone(),
            agents,
        };
        Event::new(
            EventName::TeamDataUpdate,
            serde_json::to_value(data).unwrap_or_default(),
        )
    }
}

fn queue_event(state: DataState, queue_data: Vec<QueueData>) -> Event {
    let data = QueueDataUpdate {
        event: EventName::QueueDataUpdate,
        version: API_VERSION.to_owned(),
        request_id: String::new(),
        data_state: state,
        queue_data,
    };
    Event::new(
        EventName::QueueDataUpdate,
        serde_json::to_value(data).unwrap_or_default(),
    )
}

fn no_queue(id: &str) -> SimError {
    SimError::invalid("queue", format!("no queue {}", crate::error::quote(id)))
}

/// The model's state as the protocol's type.
fn wire_state(s: AgentState) -> cil_protocol::types::AgentState {
    cil_protocol::types::AgentState::parse(s.as_str())
}

/// A member's reason code as the wire writes it (a number when numeric, as for the agent).
fn member_code(code: Option<&ReasonCode>) -> ReasonCodeId {
    match code {
        None => ReasonCodeId::NONE,
        Some(rc) => match rc.id.parse::<i64>() {
            Ok(n) => ReasonCodeId::Number(n),
            Err(_) => ReasonCodeId::Text(rc.id.clone()),
        },
    }
}
