//! Call commands: an incoming call, answer, hold, resume, hang up, end wrap-up, transfer, and
//! the `dialOrConsult` request, each emitting events in the documented order (domain-notes §6):
//!
//! * incoming while Ready: agentStateChange(Active) (CTI "Reserved") → workitemCreate;
//!   answer → workitemConnect;
//! * incoming while NotReady: workitemCreate; answer → agentStateChange(Active) →
//!   workitemConnect;
//! * hold → workitemPause; resume → workitemResume;
//! * hang up without wrap-up → workitemEnd → agentStateChange(back);
//! * hang up with wrap-up → workitemWrapup → agentStateChange(Wrapup); end wrap-up →
//!   workitemEnd → agentStateChange(back);
//! * dial (no call up) → workitemCreate(Initiated) → agentStateChange(Active); the far end
//!   answers → workitemConnect; dial while a customer call is up → the customer call is held
//!   (workitemPause) → workitemCreate(Consultation).
//!
//! "Back" is the state before the work started (Ready or NotReady with its reason), unless the
//! agent chose another during wrap-up.

use super::Gadget;
use crate::clock::Timestamp;
use crate::error::{SimError, SimResult};
use crate::event::Event;
use crate::names::{AgentState, ChannelType, Classification, Direction, WorkitemState};
use crate::workitem::{CrmRecord, CtiData, Workitem};
use cil_protocol::EventName;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The script options of an incoming call (`sim.incomingCall({...})`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct IncomingCall {
    /// The channel (default: the first voice channel).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub channel_id: Option<String>,
    /// The caller's number.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub ani: String,
    /// The number called.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub dnis: String,
    /// `dialedNumber` (default: the DNIS).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dialed_number: Option<String>,
    /// `callVariable1`..`callVariable10` by full name.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub call_variables: BTreeMap<String, String>,
    /// ECC variables, with or without the `user.` prefix.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub ecc: BTreeMap<String, String>,
    /// `queueName`.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub queue_name: String,
    /// `queueNumber`.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub queue_number: String,
    /// `callType` (default `ACD_IN`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub call_type: Option<String>,
    /// The agent owning the call (default: this agent; another agent's id: a call whose data
    /// only that agent may update).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// The call id (default: the next free number).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The CRM record the participant lookup assigned.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub associated_participant: Option<CrmRecord>,
    /// Every record the lookup found.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub participant_lookup_result: Vec<CrmRecord>,
    /// The call is a conference created by this agent id, which the agent joins: its
    /// classification is `Conference` and only the creator may update its data.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub conference_creator: Option<String>,
    /// More participants' addresses, after the caller and the agent's extension.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub participants: Vec<String>,
}

impl Gadget {
    /// A call arrives (script action). Returns the new work item's id and the events.
    ///
    /// While the agent is logged out the call is only put on the phone (no events): logging
    /// in then recovers it.
    pub fn incoming_call(&mut self, call: IncomingCall) -> SimResult<(String, Vec<Event>)> {
        let ci = match &call.channel_id {
            Some(id) => self.resolve(id)?,
            None => self.default_voice()?,
        };
        let state = self
            .channel(ci)
            .map(|c| c.state())
            .unwrap_or(AgentState::Unknown);
        if matches!(
            state,
            AgentState::Wrapup | AgentState::Offline | AgentState::Unknown
        ) {
            return Err(SimError::transition(format!(
                "no call can be offered while the agent is {state}"
            )));
        }
        let mut cti = CtiData {
            dnis: call.dnis.clone(),
            dialed_number: call
                .dialed_number
                .clone()
                .unwrap_or_else(|| call.dnis.clone()),
            call_type: call.call_type.clone().unwrap_or_else(|| "ACD_IN".into()),
            queue_name: call.queue_name.clone(),
            queue_number: call.queue_number.clone(),
            ..CtiData::default()
        };
        for (key, value) in &call.call_variables {
            let n = call_variable_number(key).ok_or_else(|| {
                SimError::invalid(
                    "callVariables",
                    format!("'{key}' is not callVariable1..callVariable10"),
                )
            })?;
            cti.call_variables.insert(n, value.clone());
        }
        for (key, value) in &call.ecc {
            let name = key.strip_prefix("user.").unwrap_or(key);
            if name.is_empty() {
                return Err(SimError::invalid("ecc", "an ECC variable name is empty"));
            }
            cti.ecc.insert(name.to_owned(), value.clone());
        }
        let id = match &call.id {
            Some(id) if self.workitems.iter().any(|w| &w.id == id) => {
                return Err(SimError::invalid(
                    "id",
                    format!("work item '{id}' exists already"),
                ))
            }
            Some(id) => id.clone(),
            None => self.next_id(),
        };
        cti.media_id = "1".into();
        cti.call_key_prefix = "150".into();
        cti.call_key_call_id = id.clone();
        if let (Some(owner), Some(creator)) = (&call.owner, &call.conference_creator) {
            if owner != creator {
                return Err(SimError::invalid(
                    "owner",
                    "a joined conference is owned by its creator; give conferenceCreator only",
                ));
            }
        }
        let mut participants = vec![call.ani.clone(), self.config.agent.extension.clone()];
        for p in &call.participants {
            if !participants.contains(p) {
                participants.push(p.clone());
            }
        }
        let ch = self
            .channel(ci)
            .ok_or_else(|| SimError::unknown_channel("channel vanished"))?;
        let logged_out = state == AgentState::Logout;
        let item = Workitem {
            id: id.clone(),
            channel_id: ch.id.clone(),
            channel_type: ch.kind,
            direction: Direction::Incoming,
            classification: if call.conference_creator.is_some() {
                Classification::Conference
            } else {
                Classification::Customer
            },
            // A call found on the phone at login is already connected.
            state: if logged_out {
                WorkitemState::Active
            } else {
                WorkitemState::Offered
            },
            ani: call.ani.clone(),
            participants,
            cti,
            wrapup_reason: None,
            owner: call
                .conference_creator
                .clone()
                .or_else(|| call.owner.clone())
                .unwrap_or_else(|| self.config.agent.id.clone()),
            connected_at: if logged_out { Some(self.now()) } else { None },
            activity: None,
            associated_participant: call.associated_participant.clone(),
            participant_lookup: call.participant_lookup_result.clone(),
            consult_of: None,
            end_state: WorkitemState::Ended,
            rona_at: match (logged_out, self.config.rona.timeout_ms) {
                (false, Some(ms)) => Some(Timestamp(self.now().0.saturating_add(ms))),
                _ => None,
            },
        };
        self.workitems.push(item);
        let wi = self.workitems.len() - 1;
        let mut events = Vec::new();
        if logged_out {
            return Ok((id, events));
        }
        if state == AgentState::Ready {
            self.enter_active(ci, "", &mut events);
        }
        events.extend(self.item_event(EventName::WorkitemCreate, "", wi));
        if self.config.auto_accept {
            events.extend(self.answer(&id)?);
        }
        Ok((id, events))
    }

    /// The agent answers an offered call, or the far end answers an outgoing one.
    pub fn answer(&mut self, id: &str) -> SimResult<Vec<Event>> {
        let (wi, ci) = self.find_any(id)?;
        let item = self
            .item(wi)
            .ok_or_else(|| SimError::unknown_workitem(id, ""))?;
        item.expect_state(
            "answer",
            &[WorkitemState::Offered, WorkitemState::Initiated],
        )?;
        let incoming = item.state == WorkitemState::Offered;
        let mut events = Vec::new();
        if incoming {
            self.enter_active(ci, "", &mut events);
        }
        let now = self.now();
        let activity = if incoming && !self.config.auto_accept {
            Some(self.next_activity_id())
        } else {
            None
        };
        if let Some(w) = self.workitems.get_mut(wi) {
            w.state = WorkitemState::Active;
            w.connected_at = Some(now);
            w.rona_at = None;
            if w.activity.is_none() {
                w.activity = activity;
            }
        }
        events.extend(self.item_event(EventName::WorkitemConnect, "", wi));
        Ok(events)
    }

    /// Puts a connected call on hold.
    pub fn hold(&mut self, id: &str) -> SimResult<Vec<Event>> {
        self.move_item(
            id,
            "hold",
            WorkitemState::Active,
            WorkitemState::Paused,
            EventName::WorkitemPause,
        )
    }

    /// Takes a held call off hold.
    pub fn resume(&mut self, id: &str) -> SimResult<Vec<Event>> {
        self.move_item(
            id,
            "resume",
            WorkitemState::Paused,
            WorkitemState::Active,
            EventName::WorkitemResume,
        )
    }

    /// The call ends (either side hangs up). An unanswered incoming call ends abandoned; a
    /// connected customer call goes to wrap-up when the channel has it; a consultation ends
    /// without wrap-up.
    pub fn hang_up(&mut self, id: &str) -> SimResult<Vec<Event>> {
        let (wi, ci) = self.find_any(id)?;
        let item = self
            .item(wi)
            .ok_or_else(|| SimError::unknown_workitem(id, ""))?;
        item.expect_state(
            "hang up",
            &[
                WorkitemState::Offered,
                WorkitemState::Initiated,
                WorkitemState::Active,
                WorkitemState::Paused,
            ],
        )?;
        let end_state = if item.state == WorkitemState::Offered {
            WorkitemState::EndedAbandoned
        } else {
            WorkitemState::Ended
        };
        let mut events = Vec::new();
        self.end_or_wrapup(wi, ci, end_state, &mut events);
        Ok(events)
    }

    /// An offered call rang out unanswered (RONA: redirection on no answer; the timer ran out,
    /// or a script says so): `workitemEnd(EndedAbandoned)`, then the agent goes NotReady with
    /// the RONA reason code (`agentStateChange`), or, when other work is still up, does so
    /// once that work ends.
    pub fn ring_no_answer(&mut self, id: &str) -> SimResult<Vec<Event>> {
        let (wi, ci) = self.find_any(id)?;
        let item = self
            .item(wi)
            .ok_or_else(|| SimError::unknown_workitem(id, ""))?;
        item.expect_state("ring out", &[WorkitemState::Offered])?;
        let id = item.id.clone();
        if let Some(w) = self.workitems.get_mut(wi) {
            w.end_state = WorkitemState::EndedAbandoned;
        }
        let mut events = Vec::new();
        self.finish_item(&id, "", &mut events);
        let reason = Some(self.config.rona.reason_code.clone());
        let ch_id = self.channel(ci).map(|c| c.id.clone()).unwrap_or_default();
        let busy = self.workitems.iter().any(|w| {
            w.channel_id == ch_id && (w.state.is_live() || w.state == WorkitemState::Wrapup)
        });
        let Some(ch) = self.channels.get_mut(ci) else {
            return Ok(events);
        };
        if busy {
            ch.after_work = Some((AgentState::NotReady, reason));
            return Ok(events);
        }
        ch.after_work = None;
        let already = ch.state() == AgentState::NotReady && ch.current.reason == reason;
        if !already {
            events.extend(self.change_state(ci, AgentState::NotReady, reason, ""));
        }
        Ok(events)
    }

    /// Changes how long calls offered from now on may ring (`None`: forever).
    pub fn set_rona_timeout(&mut self, timeout_ms: Option<u64>) -> SimResult<()> {
        if let Some(ms) = timeout_ms {
            if ms == 0 || ms > crate::config::MAX_RONA_MS {
                return Err(SimError::invalid(
                    "ms",
                    format!(
                        "expected 1 to {} milliseconds (or null: no limit), got {ms}",
                        crate::config::MAX_RONA_MS
                    ),
                ));
            }
        }
        self.config.rona.timeout_ms = timeout_ms;
        Ok(())
    }

    /// When the next timer of the model runs out (a ringing call's RONA), if any.
    pub fn next_deadline(&self) -> Option<Timestamp> {
        self.workitems.iter().filter_map(|w| w.rona_at).min()
    }

    /// Runs every timer that has run out by now, earliest first: the events, in order.
    pub fn run_due(&mut self) -> Vec<Event> {
        let now = self.now();
        let mut events = Vec::new();
        loop {
            let due = self
                .workitems
                .iter()
                .filter(|w| w.rona_at.is_some_and(|t| t <= now))
                .min_by_key(|w| w.rona_at)
                .map(|w| w.id.clone());
            let Some(id) = due else { break };
            match self.ring_no_answer(&id) {
                Ok(more) => events.extend(more),
                // Not offered any more: forget the timer.
                Err(_) => {
                    if let Some(w) = self.workitems.iter_mut().find(|w| w.id == id) {
                        w.rona_at = None;
                    }
                }
            }
        }
        events
    }

    /// Ends wrap-up of a call: workitemEnd, then the agent goes back to the state before the
    /// call (or `next`, with its reason code).
    pub fn end_wrapup(
        &mut self,
        id: &str,
        next: Option<(crate::names::TargetState, Option<&str>)>,
    ) -> SimResult<Vec<Event>> {
        let (wi, ci) = self.find_any(id)?;
        let item = self
            .item(wi)
            .ok_or_else(|| SimError::unknown_workitem(id, ""))?;
        item.expect_state("end wrap-up of", &[WorkitemState::Wrapup])?;
        if let Some((state, code)) = next {
            if state == crate::names::TargetState::Logout {
                return Err(SimError::transition(
                    "wrap-up ends in Ready or NotReady, not Logout",
                ));
            }
            let reason = self.lookup_reason(state, code)?;
            if let Some(ch) = self.channels.get_mut(ci) {
                ch.after_work = Some((state.agent_state(), reason));
            }
        }
        let mut events = Vec::new();
        self.finish_item(id, "", &mut events);
        self.settle(ci, "", &mut events);
        Ok(events)
    }

    /// Completes a transfer of the customer call: a consultation (if any) ends, and the
    /// customer call ends as EndedTransferred (after wrap-up when the channel has it).
    pub fn transfer(&mut self, id: &str) -> SimResult<Vec<Event>> {
        let (wi, ci) = self.find_any(id)?;
        let item = self
            .item(wi)
            .ok_or_else(|| SimError::unknown_workitem(id, ""))?;
        let customer_id = item.consult_of.clone().unwrap_or_else(|| item.id.clone());
        let consult_id = self
            .workitems
            .iter()
            .find(|w| w.consult_of.as_deref() == Some(customer_id.as_str()))
            .map(|w| w.id.clone());
        let (cwi, _) = self.find_any(&customer_id)?;
        if let Some(c) = self.item(cwi) {
            c.expect_state("transfer", &[WorkitemState::Active, WorkitemState::Paused])?;
        }
        let mut events = Vec::new();
        if let Some(consult) = consult_id {
            self.finish_item(&consult, "", &mut events);
        }
        let (cwi, _) = self.find_any(&customer_id)?;
        self.end_or_wrapup(cwi, ci, WorkitemState::EndedTransferred, &mut events);
        Ok(events)
    }

    /// Joins the held customer call and its answered consultation into a conference (the
    /// agent creates it, so the agent may update its data): the consultation ends
    /// (`workitemEnd`, state `Ended`), then the customer call resumes as a `Conference` with
    /// the participants of both legs (`workitemResume`, state `Active`). `id` is either leg.
    pub fn conference(&mut self, id: &str) -> SimResult<Vec<Event>> {
        let (wi, _) = self.find_any(id)?;
        let item = self
            .item(wi)
            .ok_or_else(|| SimError::unknown_workitem(id, ""))?;
        let customer_id = item.consult_of.clone().unwrap_or_else(|| item.id.clone());
        let consult = self
            .workitems
            .iter()
            .find(|w| w.consult_of.as_deref() == Some(customer_id.as_str()))
            .cloned()
            .ok_or_else(|| {
                SimError::transition(format!(
                    "work item '{customer_id}' has no consultation call to conference in; dial one first (dialOrConsult)"
                ))
            })?;
        consult.expect_state("conference in", &[WorkitemState::Active])?;
        let (cwi, _) = self.find_any(&customer_id)?;
        if let Some(c) = self.item(cwi) {
            c.expect_state("conference", &[WorkitemState::Paused])?;
        }
        let mut events = Vec::new();
        self.finish_item(&consult.id, "", &mut events);
        let (cwi, _) = self.find_any(&customer_id)?;
        if let Some(c) = self.workitems.get_mut(cwi) {
            c.classification = Classification::Conference;
            c.state = WorkitemState::Active;
            for p in &consult.participants {
                if !c.participants.contains(p) {
                    c.participants.push(p.clone());
                }
            }
        }
        events.extend(self.item_event(EventName::WorkitemResume, "", cwi));
        Ok(events)
    }

    /// `dialOrConsult(channelId, address)`: a new outgoing call, or a consultation call when a
    /// customer call is up.
    pub fn dial_or_consult(
        &mut self,
        channel_id: &str,
        address: &str,
        rid: &str,
    ) -> SimResult<Vec<Event>> {
        let ci = self.resolve(channel_id)?;
        let address = address.trim();
        if address.is_empty() {
            return Err(SimError::invalid(
                "address",
                "expected a destination address, got an empty string",
            ));
        }
        let ch = self
            .channel(ci)
            .ok_or_else(|| SimError::unknown_channel("channel vanished"))?;
        if ch.kind != ChannelType::Voice {
            return Err(SimError::invalid(
                "channelId",
                format!(
                    "'{}' is a {} channel; dialOrConsult needs a voice channel",
                    ch.id, ch.kind
                ),
            ));
        }
        let state = ch.state();
        if !matches!(
            state,
            AgentState::Ready | AgentState::NotReady | AgentState::Active
        ) {
            return Err(SimError::transition(format!(
                "cannot dial while the agent is {state}"
            )));
        }
        let ch_id = ch.id.clone();
        let live: Vec<&Workitem> = self
            .workitems
            .iter()
            .filter(|w| w.channel_id == ch_id && w.state.is_live())
            .collect();
        if live
            .iter()
            .any(|w| w.classification == Classification::Consultation)
        {
            return Err(SimError::transition(
                "a consultation call exists already; end or transfer it first",
            ));
        }
        let customer = live.first().map(|w| (w.id.clone(), w.state));
        let mut events = Vec::new();
        let classification = match &customer {
            None => Classification::Customer,
            Some((cid, st)) => {
                match st {
                    WorkitemState::Active => {
                        let (cwi, _) = self.find_any(cid)?;
                        if let Some(w) = self.workitems.get_mut(cwi) {
                            w.state = WorkitemState::Paused;
                        }
                        events.extend(self.item_event(EventName::WorkitemPause, rid, cwi));
                    }
                    WorkitemState::Paused => {}
                    other => {
                        return Err(SimError::transition(format!(
                            "cannot consult while call '{cid}' is {other}; answer it first"
                        )))
                    }
                }
                Classification::Consultation
            }
        };
        let id = self.next_id();
        let activity =
            (classification == Classification::Customer).then(|| self.next_activity_id());
        let cti = CtiData {
            dialed_number: address.to_owned(),
            call_type: if classification == Classification::Consultation {
                "CONSULT".into()
            } else {
                "OUT".into()
            },
            call_key_call_id: id.clone(),
            call_key_prefix: "150".into(),
            media_id: "1".into(),
            outbound_classification: Some("VOICE".into()),
            ..CtiData::default()
        };
        self.workitems.push(Workitem {
            id,
            channel_id: ch_id,
            channel_type: ChannelType::Voice,
            direction: Direction::Outgoing,
            classification,
            state: WorkitemState::Initiated,
            ani: address.to_owned(),
            participants: vec![self.config.agent.extension.clone(), address.to_owned()],
            cti,
            wrapup_reason: None,
            owner: self.config.agent.id.clone(),
            connected_at: None,
            activity,
            associated_participant: None,
            participant_lookup: Vec::new(),
            consult_of: customer.map(|(cid, _)| cid),
            end_state: WorkitemState::Ended,
            rona_at: None,
        });
        let wi = self.workitems.len() - 1;
        events.extend(self.item_event(EventName::WorkitemCreate, rid, wi));
        self.enter_active(ci, rid, &mut events);
        Ok(events)
    }

    // ---- helpers ----

    /// One state move of an item with its event.
    fn move_item(
        &mut self,
        id: &str,
        action: &str,
        from: WorkitemState,
        to: WorkitemState,
        event: EventName,
    ) -> SimResult<Vec<Event>> {
        let (wi, _) = self.find_any(id)?;
        let item = self
            .item(wi)
            .ok_or_else(|| SimError::unknown_workitem(id, ""))?;
        item.expect_state(action, &[from])?;
        if let Some(w) = self.workitems.get_mut(wi) {
            w.state = to;
        }
        Ok(self.item_event(event, "", wi).into_iter().collect())
    }

    /// Moves channel `ci` to Active (remembering where to return) unless it is Active already.
    fn enter_active(&mut self, ci: usize, rid: &str, events: &mut Vec<Event>) {
        let Some(ch) = self.channels.get_mut(ci) else {
            return;
        };
        if ch.state() == AgentState::Active {
            return;
        }
        if ch.after_work.is_none() {
            ch.after_work = Some((ch.current.state, ch.current.reason.clone()));
        }
        events.extend(self.change_state(ci, AgentState::Active, None, rid));
    }

    /// Sends item `wi` to wrap-up (customer calls on a wrap-up channel) or ends it, then
    /// settles the agent state.
    fn end_or_wrapup(
        &mut self,
        wi: usize,
        ci: usize,
        end_state: WorkitemState,
        events: &mut Vec<Event>,
    ) {
        let wrapup = self.channel(ci).is_some_and(|c| c.wrapup);
        let Some(item) = self.workitems.get_mut(wi) else {
            return;
        };
        let id = item.id.clone();
        item.end_state = end_state;
        let to_wrapup = wrapup
            && end_state != WorkitemState::EndedAbandoned
            && item.classification != Classification::Consultation
            && item.state != WorkitemState::Initiated;
        if to_wrapup {
            item.state = WorkitemState::Wrapup;
            events.extend(self.item_event(EventName::WorkitemWrapup, "", wi));
        } else {
            self.finish_item(&id, "", events);
        }
        self.settle(ci, "", events);
    }

    /// Ends item `id` in its end state: workitemEnd, and it leaves the gadget.
    pub(super) fn finish_item(&mut self, id: &str, rid: &str, events: &mut Vec<Event>) {
        let Some(wi) = self.workitems.iter().position(|w| w.id == id) else {
            return;
        };
        if let Some(w) = self.workitems.get_mut(wi) {
            w.state = w.end_state;
        }
        events.extend(self.item_event(EventName::WorkitemEnd, rid, wi));
        if wi < self.workitems.len() {
            self.workitems.remove(wi);
        }
    }

    /// After an item left its live states: the agent stays Active while work is live, goes to
    /// Wrapup while an item wraps up, and otherwise returns to the state before the work.
    pub(super) fn settle(&mut self, ci: usize, rid: &str, events: &mut Vec<Event>) {
        let Some(ch) = self.channel(ci) else { return };
        let ch_id = ch.id.clone();
        let current = ch.state();
        let on_channel = || self.workitems.iter().filter(|w| w.channel_id == ch_id);
        if on_channel().any(|w| w.state.is_live()) {
            return;
        }
        if on_channel().any(|w| w.state == WorkitemState::Wrapup) {
            if current != AgentState::Wrapup {
                events.extend(self.change_state(ci, AgentState::Wrapup, None, rid));
            }
            return;
        }
        if matches!(current, AgentState::Active | AgentState::Wrapup) {
            let (state, reason) = self
                .channels
                .get_mut(ci)
                .and_then(|c| {
                    c.custom_wrapup = None;
                    c.after_work.take()
                })
                .unwrap_or((AgentState::NotReady, None));
            events.extend(self.change_state(ci, state, reason, rid));
        }
    }

    fn next_id(&mut self) -> String {
        let id = self.next_call_id;
        self.next_call_id += 1;
        id.to_string()
    }

    fn next_activity_id(&mut self) -> String {
        let n = self.next_activity;
        self.next_activity += 1;
        format!("PC-{n:06}")
    }
}

/// `callVariable7` → 7 (1..=10).
pub(super) fn call_variable_number(key: &str) -> Option<u8> {
    let n: u8 = key.strip_prefix("callVariable")?.parse().ok()?;
    (1..=10).contains(&n).then_some(n)
}
