//! The data-reference types of the Integration API 2.7 (Workitem, ctiData, CRM and activity
//! records, getChannel result, Channel, reason codes, queue and team data, team agents) as Rust types whose
//! JSON form uses exactly the reference's field names.
//!
//! Compatibility rules, applied throughout:
//!
//! * unknown fields are ignored on decode (a newer gadget may add some);
//! * unknown enumeration values decode into `Other(String)` and encode back unchanged;
//! * fields the reference calls possibly undefined (`activity`, `associatedParticipant`,
//!   `connectedAt`, …) are `Option`s, left out of the JSON when `None`;
//! * lists may be absent on decode (read as empty) and are always written;
//! * every other field is required: a payload without it is malformed.

mod channel;
mod cti_data;
mod enums;
mod queue;
mod reason_code_id;
mod team;
mod workitem;

pub use crate::argument_enums::{ReasonType, RequestedState};
pub use channel::{Channel, ChannelCreate, GetChannelResult, ReasonCode};
pub use cti_data::CtiData;
pub use enums::{
    AgentState, ChannelType, Classification, Direction, OutboundClassification, WorkitemState,
};
pub use queue::{DataState, EscalationLevel, QueueData, Statistics, TeamDataState};
pub use reason_code_id::ReasonCodeId;
pub use team::TeamAgent;
pub use workitem::{ActivityRecord, CrmRecord, Participant, Workitem};
