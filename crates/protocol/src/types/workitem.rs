//! The Workitem (a call or task) and the records attached to it, as the work item events and
//! `Channel.workitems` carry them.

use serde::{Deserialize, Serialize};

use super::{ChannelType, Classification, CtiData, Direction, WorkitemState};
use crate::serde_helpers::empty_as_none;

/// A work item: a call, or a task on another channel type. As an event payload it comes
/// wrapped in [`crate::events::WorkitemEvent`], which adds `event`, `version`, `requestId`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Workitem {
    /// The phone call record; absent (or empty) for workitemCreate and with auto-accept.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "empty_as_none"
    )]
    pub activity: Option<ActivityRecord>,
    /// The agent's id.
    pub agent_id: String,
    /// The other party's number: the `toAddress` when the only participant is called
    /// outgoing, otherwise the `fromAddress`.
    pub ani: String,
    /// The CRM record assigned from the participant lookup, when there is one.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "empty_as_none"
    )]
    pub associated_participant: Option<CrmRecord>,
    /// The records assigned to the work item (currently only the phone call record).
    #[serde(default)]
    pub associations: Vec<CrmRecord>,
    /// The actions that can be carried out on the work item.
    #[serde(default)]
    pub capabilities: Vec<String>,
    /// The channel id (`voice_<peripheral id>`, `voice_-1`, `telephony`).
    pub channel_id: String,
    /// The channel type.
    pub channel_type: ChannelType,
    /// The work item class.
    pub classification: Classification,
    /// When the call was established, UTC ISO 8601 (e.g. `2020-07-28T09:51:17.696Z`);
    /// absent while it is not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub connected_at: Option<String>,
    /// The CTI data (call variables, ECC variables, …).
    #[serde(default)]
    pub cti_data: CtiData,
    /// Incoming or outgoing.
    pub direction: Direction,
    /// The call id or task id.
    pub id: String,
    /// The participants, by address.
    #[serde(default)]
    pub participants: Vec<Participant>,
    /// The participant lookup's hits.
    #[serde(default)]
    pub participant_lookup_result: Vec<CrmRecord>,
    /// The work item state.
    pub state: WorkitemState,
}

/// A participant of a work item. Only `address` is part of the contract; other fields a
/// gadget may send are ignored.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Participant {
    /// The participant's address (phone number, extension, e-mail address…).
    pub address: String,
}

/// The activity record: the phone call record created in the CRM.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ActivityRecord {
    /// The record's unique id.
    pub id: String,
    /// The activity type (`phonecall`).
    pub record_type: String,
}

/// A CRM record (e.g. a contact).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CrmRecord {
    /// The record's unique id.
    pub id: String,
    /// The record's name or subject.
    pub name: String,
    /// The CRM table name (e.g. `contact`).
    pub record_type: String,
}
