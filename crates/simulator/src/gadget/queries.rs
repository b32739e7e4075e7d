//! Read-only answers (`getChannel`, `getReasonCodeList`) and the replay of the current state
//! that a reconnecting integration receives after a gadget reload.

use super::Gadget;
use crate::config::ReasonCode;
use crate::error::SimResult;
use crate::event::Event;
use crate::names::ReasonKind;
use crate::payload;
use cil_protocol::EventName;
use serde_json::Value;

/// The id the custom wrap-up reason carries in the Wrapup list.
pub const CUSTOM_WRAPUP_ID: &str = "custom";

impl Gadget {
    /// `getChannel(channelId)`.
    pub fn get_channel(&self, channel_id: &str) -> SimResult<Value> {
        let ci = self.resolve(channel_id)?;
        let Some(ch) = self.channel(ci) else {
            return Ok(Value::Null);
        };
        let items: Vec<_> = self
            .workitems
            .iter()
            .filter(|w| w.channel_id == ch.id)
            .collect();
        Ok(payload::get_channel(&self.config.agent, ch, &items))
    }

    /// `getReasonCodeList(channelId, reasonType)`: the configured list; for Wrapup, plus the
    /// custom reason set through the API, if any.
    pub fn reason_code_list(
        &self,
        channel_id: &str,
        kind: ReasonKind,
    ) -> SimResult<Vec<ReasonCode>> {
        let ci = self.resolve(channel_id)?;
        let mut list = self.reason_list(kind).to_vec();
        if kind == ReasonKind::Wrapup {
            if let Some(custom) = self.channel(ci).and_then(|c| c.custom_wrapup.as_ref()) {
                list.push(ReasonCode::new(CUSTOM_WRAPUP_ID, custom));
            }
        }
        Ok(list)
    }

    /// The configured list of one reason type.
    pub(super) fn reason_list(&self, kind: ReasonKind) -> &[ReasonCode] {
        let codes = &self.config.reason_codes;
        match kind {
            ReasonKind::Logout => &codes.logout,
            ReasonKind::NotReady => &codes.not_ready,
            ReasonKind::Wrapup => &codes.wrapup,
        }
    }

    /// The current state as events, for an integration that reconnects after a reload: one
    /// `agentStateChange` per channel (its last change) and a `workitemCreate` per work item
    /// (as in call recovery), each with an empty `requestId`.
    pub fn replay(&self) -> Vec<Event> {
        let mut events: Vec<Event> = self
            .channels
            .iter()
            .map(|ch| payload::agent_state_change("", ch))
            .collect();
        for w in &self.workitems {
            events.push(payload::workitem_event(
                EventName::WorkitemCreate,
                "",
                w,
                &self.config.agent.id,
            ));
        }
        events
    }
}

impl Gadget {
    /// The newest work item in one of `states` (the default target of a script action that
    /// names no work item).
    pub fn newest_item(
        &self,
        states: &[crate::names::WorkitemState],
    ) -> Option<&crate::workitem::Workitem> {
        self.workitems
            .iter()
            .rev()
            .find(|w| states.contains(&w.state))
    }

    /// Everything a gadget UI shows, as one JSON object: agent, channels with states, work
    /// items (Workitem shape), reason-code lists (Wrapup with the custom entry), queues and
    /// team as the statistics events would carry them now.
    pub fn snapshot(&self) -> Value {
        use serde_json::json;
        let channels: Vec<Value> = self
            .channels
            .iter()
            .map(|c| {
                json!({
                    "id": c.id,
                    "type": c.kind,
                    "state": c.current.state,
                    "reasonCode": payload::reason_code(&c.current),
                    "reasonCodeLabel": payload::reason_label(&c.current),
                    "stateChangeTime": c.current.since.to_string(),
                    "wrapup": c.wrapup,
                    "customWrapupReason": c.custom_wrapup,
                })
            })
            .collect();
        let items: Vec<Value> = self
            .workitems
            .iter()
            .map(|w| Value::Object(payload::workitem_fields(w, &self.config.agent.id)))
            .collect();
        let a = &self.config.agent;
        let codes = &self.config.reason_codes;
        json!({
            "agent": {
                "agentId": a.id, "firstName": a.first_name, "lastName": a.last_name,
                "loginName": a.login_name, "extension": a.extension, "teamId": a.team_id,
                "activeDeviceId": a.active_device_id,
            },
            "channels": channels,
            "workitems": items,
            "reasonCodes": {"Logout": codes.logout, "NotReady": codes.not_ready, "Wrapup": codes.wrapup},
            "reasonCodeRequired": {
                "NotReady": self.config.reason_code_required.not_ready,
                "Logout": self.config.reason_code_required.logout,
            },
            // As queueDataUpdate / teamDataUpdate would say now (null: off or logged out).
            "queues": self.current_queues(),
            "team": self.current_team(),
        })
    }
}
