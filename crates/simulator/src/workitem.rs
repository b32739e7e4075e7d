//! A work item (a call) as the gadget keeps it: identity, parties, CTI data, CRM records and its
//! life-cycle state, with the life-cycle moves checked in one place.
//!
//! Life cycle: `Offered` (incoming, alerting) or `Initiated` (outgoing, dialling) → `Active` →
//! `Paused` ↔ `Active` → (`Wrapup` →) `Ended` / `EndedAbandoned` / `EndedTransferred`.

use crate::clock::Timestamp;
use crate::error::{SimError, SimResult};
use crate::names::{ChannelType, Classification, Direction, WorkitemState};
use std::collections::BTreeMap;

/// A CRM record (`{id, name, recordType}`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CrmRecord {
    /// Record id.
    pub id: String,
    /// Name or subject.
    pub name: String,
    /// CRM table (e.g. `contact`).
    pub record_type: String,
}

/// The CTI data of a call (`ctiData`), minus the wrap-up reason, which the work item keeps.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CtiData {
    /// `callVariable1`..`callVariable10`, by number (1-based).
    pub call_variables: BTreeMap<u8, String>,
    /// ECC variables by name without the `user.` prefix.
    pub ecc: BTreeMap<String, String>,
    /// `DNIS`.
    pub dnis: String,
    /// `dialedNumber`.
    pub dialed_number: String,
    /// `callType`.
    pub call_type: String,
    /// `callKeyCallId` (CCE).
    pub call_key_call_id: String,
    /// `callKeyPrefix` (CCE).
    pub call_key_prefix: String,
    /// `mediaId`.
    pub media_id: String,
    /// `queueName`.
    pub queue_name: String,
    /// `queueNumber`.
    pub queue_number: String,
    /// `outboundClassification` (outgoing calls only).
    pub outbound_classification: Option<String>,
}

/// One work item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Workitem {
    /// Call id.
    pub id: String,
    /// The channel it belongs to.
    pub channel_id: String,
    /// That channel's type.
    pub channel_type: ChannelType,
    /// Incoming or outgoing.
    pub direction: Direction,
    /// Customer, consultation, …
    pub classification: Classification,
    /// Life-cycle state.
    pub state: WorkitemState,
    /// The caller (incoming) or the called party (outgoing).
    pub ani: String,
    /// Participant addresses, the agent's own extension included.
    pub participants: Vec<String>,
    /// CTI data.
    pub cti: CtiData,
    /// The wrap-up reason, if set.
    pub wrapup_reason: Option<String>,
    /// The agent owning the call (only the owner may update its data).
    pub owner: String,
    /// When the call connected.
    pub connected_at: Option<Timestamp>,
    /// The phone-call activity record, once the call was accepted (absent on create and with
    /// auto-accept).
    pub activity: Option<String>,
    /// The record the participant lookup assigned.
    pub associated_participant: Option<CrmRecord>,
    /// Every record the lookup found.
    pub participant_lookup: Vec<CrmRecord>,
    /// For a consultation: the customer call it belongs to.
    pub consult_of: Option<String>,
    /// The final state to use when the item ends after wrap-up.
    pub end_state: WorkitemState,
    /// When an offered call rings out unanswered (RONA), if a ring-no-answer time is set.
    pub rona_at: Option<Timestamp>,
}

impl Workitem {
    /// Whether the item is in one of `allowed`; `Err` names the action and both states.
    pub fn expect_state(&self, action: &str, allowed: &[WorkitemState]) -> SimResult<()> {
        if allowed.contains(&self.state) {
            return Ok(());
        }
        let names: Vec<&str> = allowed.iter().map(|s| s.as_str()).collect();
        Err(SimError::transition(format!(
            "cannot {action} work item '{}': it is {}, {action} needs {}",
            self.id,
            self.state,
            names.join(" or ")
        )))
    }

    /// The actions possible now (the `capabilities` list); names are the simulator's own, the
    /// reference does not list them.
    pub fn capabilities(&self) -> Vec<&'static str> {
        match self.state {
            WorkitemState::Offered => vec!["Answer"],
            WorkitemState::Initiated => vec!["Hangup"],
            WorkitemState::Active if self.classification == Classification::Consultation => {
                vec!["Hold", "Hangup", "Transfer", "Conference"]
            }
            WorkitemState::Active => {
                vec!["Hold", "Hangup", "Consult", "UpdateData", "SetWrapupReason"]
            }
            WorkitemState::Paused => vec!["Resume", "Hangup", "SetWrapupReason"],
            WorkitemState::Wrapup => vec!["SetWrapupReason", "EndWrapup"],
            _ => vec![],
        }
    }

    /// Why the data of this item may not be updated by `agent_id` now, if it may not.
    ///
    /// The reference: the customer call must be Active (not Ringing, Paused or Wrap-Up), only
    /// the owner may update ("only the creator of the conference can update the call data
    /// during a conference call"), and a consultation call's data cannot be updated.
    pub fn update_refusal(&self, agent_id: &str) -> Option<String> {
        if self.classification == Classification::Consultation {
            return Some(format!(
                "work item '{}' is a consultation call; only the customer call's data can be updated",
                self.id
            ));
        }
        if self.classification == Classification::Conference && self.owner != agent_id {
            return Some(format!(
                "work item '{}' is a conference created by agent '{}'; only the creator of a conference can update its call data",
                self.id, self.owner
            ));
        }
        if self.owner != agent_id {
            return Some(format!(
                "work item '{}' is owned by agent '{}'; only the owner can update its data",
                self.id, self.owner
            ));
        }
        if self.state != WorkitemState::Active {
            return Some(format!(
                "work item '{}' is {}; call data can only be updated while it is Active",
                self.id, self.state
            ));
        }
        None
    }
}
