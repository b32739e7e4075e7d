//! Call data commands: `updateWorkitemData` and `isUpdateWorkitemDataEnabled` with the
//! reference's rules, `setWrapupReason` with its custom-reason rule, and the gadget UI's own
//! call-variable edit.
//!
//! Events: a change of call variables sends `callVariableChanged` (one per request, only when a
//! value changed); a change of the wrap-up reason sends `wrapupDataChanged` (after
//! `callVariableChanged` when both changed in one `updateWorkitemData`).
//!
//! Custom wrap-up reasons (reference, setWrapupReason): a reason set through the API that is
//! not in the configured list joins the list as selected; when another reason is chosen, the
//! custom one leaves the list again.

use super::calls::call_variable_number;
use super::Gadget;
use crate::error::{json_kind, quote, SimError, SimResult};
use crate::event::Event;
use crate::names::{Classification, WorkitemState};
use cil_protocol::validate::{MAX_STRING_LEN, MAX_UPDATED_DATA_ENTRIES};
use cil_protocol::EventName;
use serde_json::{Map, Value};

/// One key of `updatedData`.
#[derive(Debug, Clone, PartialEq, Eq)]
enum DataKey {
    CallVariable(u8),
    Ecc(String),
    WrapUpReason,
}

fn parse_key(key: &str) -> Option<DataKey> {
    if key == "wrapUpReason" {
        return Some(DataKey::WrapUpReason);
    }
    if let Some(name) = key.strip_prefix("user.") {
        return (!name.is_empty()).then(|| DataKey::Ecc(name.to_owned()));
    }
    call_variable_number(key).map(DataKey::CallVariable)
}

impl Gadget {
    /// `isUpdateWorkitemDataEnabled(channelId, workitemId)`.
    pub fn is_update_enabled(&self, channel_id: &str, workitem_id: &str) -> SimResult<bool> {
        let ci = self.resolve(channel_id)?;
        let wi = self.find_item(ci, workitem_id)?;
        Ok(self
            .item(wi)
            .is_some_and(|w| w.update_refusal(&self.config.agent.id).is_none()))
    }

    /// `updateWorkitemData(channelId, workitemId, updatedData)`.
    pub fn update_workitem_data(
        &mut self,
        channel_id: &str,
        workitem_id: &str,
        data: &Map<String, Value>,
        rid: &str,
    ) -> SimResult<Vec<Event>> {
        let ci = self.resolve(channel_id)?;
        let wi = self.find_item(ci, workitem_id)?;
        if data.len() > MAX_UPDATED_DATA_ENTRIES {
            return Err(SimError::invalid(
                "updatedData",
                format!(
                    "at most {MAX_UPDATED_DATA_ENTRIES} entries, got {}",
                    data.len()
                ),
            ));
        }
        let mut changes = Vec::with_capacity(data.len());
        for (key, value) in data {
            let parsed = parse_key(key).ok_or_else(|| {
                SimError::invalid(
                    "updatedData",
                    format!(
                        "{} is not a call variable (callVariable1..callVariable10, user.<name>, wrapUpReason)",
                        quote(key)
                    ),
                )
            })?;
            let text = value.as_str().ok_or_else(|| {
                SimError::invalid(
                    "updatedData",
                    format!(
                        "value of {} must be a string, got {}",
                        quote(key),
                        json_kind(value)
                    ),
                )
            })?;
            if text.len() > MAX_STRING_LEN {
                return Err(SimError::invalid(
                    "updatedData",
                    format!(
                        "value of {} is longer than {MAX_STRING_LEN} bytes",
                        quote(key)
                    ),
                ));
            }
            changes.push((parsed, text.to_owned()));
        }
        let item = self
            .item(wi)
            .ok_or_else(|| SimError::unknown_workitem(workitem_id, channel_id))?;
        if let Some(why) = item.update_refusal(&self.config.agent.id) {
            return Err(SimError::update_not_allowed(why));
        }
        let mut vars_changed = false;
        let mut reason = None;
        for (key, value) in changes {
            match key {
                DataKey::WrapUpReason => reason = Some(value),
                other => vars_changed |= self.set_var(wi, other, value),
            }
        }
        let reason_changed = match &reason {
            Some(r) => self.set_reason(ci, wi, r),
            None => false,
        };
        let mut events = Vec::new();
        if vars_changed || reason_changed {
            events.extend(self.item_event(EventName::CallVariableChanged, rid, wi));
        }
        if reason_changed {
            events.extend(self.item_event(EventName::WrapupDataChanged, rid, wi));
        }
        Ok(events)
    }

    /// `setWrapupReason(channelId, workitemId, wrapUpReason)`: allowed on the customer call
    /// once connected (Active, Paused or Wrapup).
    pub fn set_wrapup_reason(
        &mut self,
        channel_id: &str,
        workitem_id: &str,
        reason: &str,
        rid: &str,
    ) -> SimResult<Vec<Event>> {
        let ci = self.resolve(channel_id)?;
        let wi = self.find_item(ci, workitem_id)?;
        self.wrapup_reason_on(ci, wi, reason, rid)
    }

    /// The agent picks a wrap-up reason in the gadget UI.
    pub fn gadget_set_wrapup_reason(&mut self, id: &str, reason: &str) -> SimResult<Vec<Event>> {
        let (wi, ci) = self.find_any(id)?;
        self.wrapup_reason_on(ci, wi, reason, "")
    }

    /// The agent (or a script) edits a call variable in the gadget UI: any key
    /// `updateWorkitemData` accepts, on any item that has not ended; the API's rules (Active,
    /// owner) do not apply to the gadget itself.
    pub fn set_call_variable(&mut self, id: &str, key: &str, value: &str) -> SimResult<Vec<Event>> {
        let (wi, ci) = self.find_any(id)?;
        let parsed = parse_key(key).ok_or_else(|| {
            SimError::invalid("name", format!("'{key}' is not a call variable (callVariable1..callVariable10, user.<name>, wrapUpReason)"))
        })?;
        let mut events = Vec::new();
        if parsed == DataKey::WrapUpReason {
            if self.set_reason(ci, wi, value) {
                events.extend(self.item_event(EventName::CallVariableChanged, "", wi));
                events.extend(self.item_event(EventName::WrapupDataChanged, "", wi));
            }
        } else if self.set_var(wi, parsed, value.to_owned()) {
            events.extend(self.item_event(EventName::CallVariableChanged, "", wi));
        }
        Ok(events)
    }

    fn wrapup_reason_on(
        &mut self,
        ci: usize,
        wi: usize,
        reason: &str,
        rid: &str,
    ) -> SimResult<Vec<Event>> {
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(SimError::invalid(
                "wrapUpReason",
                "expected a reason name, got an empty string",
            ));
        }
        let item = self
            .item(wi)
            .ok_or_else(|| SimError::unknown_workitem("", ""))?;
        if item.classification == Classification::Consultation {
            return Err(SimError::update_not_allowed(format!(
                "work item '{}' is a consultation call; set the wrap-up reason on the customer call",
                item.id
            )));
        }
        if !matches!(
            item.state,
            WorkitemState::Active | WorkitemState::Paused | WorkitemState::Wrapup
        ) {
            return Err(SimError::update_not_allowed(format!(
                "work item '{}' is {}; a wrap-up reason can be set once the call is connected",
                item.id, item.state
            )));
        }
        let mut events = Vec::new();
        if self.set_reason(ci, wi, reason) {
            events.extend(self.item_event(EventName::WrapupDataChanged, rid, wi));
        }
        Ok(events)
    }

    /// Sets a call or ECC variable; whether the value changed.
    fn set_var(&mut self, wi: usize, key: DataKey, value: String) -> bool {
        let Some(w) = self.workitems.get_mut(wi) else {
            return false;
        };
        let old = match key {
            DataKey::CallVariable(n) => w.cti.call_variables.insert(n, value.clone()),
            DataKey::Ecc(name) => w.cti.ecc.insert(name, value.clone()),
            DataKey::WrapUpReason => return false,
        };
        old.unwrap_or_default() != value
    }

    /// Sets the wrap-up reason and keeps the custom entry of the channel's list right;
    /// whether the reason changed.
    fn set_reason(&mut self, ci: usize, wi: usize, reason: &str) -> bool {
        let configured = self
            .config
            .reason_codes
            .wrapup
            .iter()
            .any(|r| r.label == reason);
        if let Some(ch) = self.channels.get_mut(ci) {
            ch.custom_wrapup = (!configured).then(|| reason.to_owned());
        }
        let Some(w) = self.workitems.get_mut(wi) else {
            return false;
        };
        let changed = w.wrapup_reason.as_deref() != Some(reason);
        w.wrapup_reason = Some(reason.to_owned());
        changed
    }
}
