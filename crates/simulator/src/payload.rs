//! Renders the model as the JSON payloads of the 2.7 reference, with exactly the reference's
//! field names, so the integration sees what a real gadget would send.
//!
//! Choices where the reference is silent, stated once here:
//! * reason codes: `newReasonCode`/`oldReasonCode`/`reasonCode` are numbers when the code is
//!   numeric (Finesse, and "negative values indicate no code" reads as numbers), the code string
//!   otherwise (WxCC GUIDs); no code is `-1` with an empty label.
//! * `participants`: `[{address}]`; `ctiData` lists `callVariable1`..`10` always (empty when
//!   unset, as Finesse does) and `user.<name>` for each ECC variable.
//! * `activity`, `associatedParticipant` and `connectedAt` are left out when there is none ("undefined" in the
//!   reference's words).
//! * `channel.workitems` of `getChannel` hold the work-item fields without the event envelope.

use crate::channel::{Channel, StateRecord};
use crate::config::AgentConfig;
use crate::event::Event;
use crate::workitem::Workitem;
use cil_protocol::{EventName, API_VERSION};
use serde_json::{json, Map, Value};

/// The `reasonCode` value of a state record (see the module notes).
pub fn reason_code(record: &StateRecord) -> Value {
    match &record.reason {
        None => json!(-1),
        Some(rc) => match rc.id.parse::<i64>() {
            Ok(n) => json!(n),
            Err(_) => json!(rc.id),
        },
    }
}

/// The `reasonCodeLabel` value of a state record.
pub fn reason_label(record: &StateRecord) -> String {
    record
        .reason
        .as_ref()
        .map(|r| r.label.clone())
        .unwrap_or_default()
}

/// The envelope fields every event payload starts with.
fn envelope(name: EventName, request_id: &str) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("event".into(), json!(name.name()));
    m.insert("version".into(), json!(API_VERSION));
    m.insert("requestId".into(), json!(request_id));
    m
}

/// The `ctiData` object of a work item.
pub fn cti_data(w: &Workitem) -> Value {
    let cti = &w.cti;
    let mut m = Map::new();
    m.insert("callKeyCallId".into(), json!(cti.call_key_call_id));
    m.insert("callKeyPrefix".into(), json!(cti.call_key_prefix));
    m.insert("callType".into(), json!(cti.call_type));
    for n in 1..=10u8 {
        let v = cti.call_variables.get(&n).cloned().unwrap_or_default();
        m.insert(format!("callVariable{n}"), json!(v));
    }
    m.insert("dialedNumber".into(), json!(cti.dialed_number));
    m.insert("DNIS".into(), json!(cti.dnis));
    m.insert("mediaId".into(), json!(cti.media_id));
    if let Some(oc) = &cti.outbound_classification {
        m.insert("outboundClassification".into(), json!(oc));
    }
    m.insert("queueName".into(), json!(cti.queue_name));
    m.insert("queueNumber".into(), json!(cti.queue_number));
    for (k, v) in &cti.ecc {
        m.insert(format!("user.{k}"), json!(v));
    }
    m.insert(
        "wrapUpReason".into(),
        json!(w.wrapup_reason.clone().unwrap_or_default()),
    );
    Value::Object(m)
}

/// The Workitem reference fields of `w` (no event envelope).
pub fn workitem_fields(w: &Workitem, agent_id: &str) -> Map<String, Value> {
    let mut m = Map::new();
    if let Some(activity) = &w.activity {
        m.insert(
            "activity".into(),
            json!({"id": activity, "recordType": "phonecall"}),
        );
    }
    m.insert("agentId".into(), json!(agent_id));
    m.insert("ani".into(), json!(w.ani));
    if let Some(p) = &w.associated_participant {
        m.insert("associatedParticipant".into(), json!(p));
    }
    let associations: Vec<Value> = w
        .activity
        .iter()
        .map(|a| json!({"id": a, "name": format!("Call {}", w.ani), "recordType": "phonecall"}))
        .collect();
    m.insert("associations".into(), Value::Array(associations));
    m.insert("capabilities".into(), json!(w.capabilities()));
    m.insert("channelId".into(), json!(w.channel_id));
    m.insert("channelType".into(), json!(w.channel_type));
    m.insert("classification".into(), json!(w.classification));
    if let Some(at) = w.connected_at {
        m.insert("connectedAt".into(), json!(at.to_string()));
    }
    m.insert("ctiData".into(), cti_data(w));
    m.insert("direction".into(), json!(w.direction));
    m.insert("id".into(), json!(w.id));
    let participants: Vec<Value> = w
        .participants
        .iter()
        .map(|a| json!({ "address": a }))
        .collect();
    m.insert("participants".into(), Value::Array(participants));
    m.insert(
        "participantLookupResult".into(),
        json!(w.participant_lookup),
    );
    m.insert("state".into(), json!(w.state));
    m
}

/// A work-item event (`workitemCreate`, `workitemConnect`, …) for `w`.
pub fn workitem_event(name: EventName, request_id: &str, w: &Workitem, agent_id: &str) -> Event {
    let mut m = envelope(name, request_id);
    m.extend(workitem_fields(w, agent_id));
    Event::new(name, Value::Object(m))
}

/// `agentStateChange` for the channel's last change.
pub fn agent_state_change(request_id: &str, ch: &Channel) -> Event {
    let name = EventName::AgentStateChange;
    let mut m = envelope(name, request_id);
    m.insert("channelType".into(), json!(ch.kind));
    m.insert("channelId".into(), json!(ch.id));
    m.insert("newState".into(), json!(ch.current.state));
    m.insert("newReasonCode".into(), reason_code(&ch.current));
    m.insert(
        "newReasonCodeLabel".into(),
        json!(reason_label(&ch.current)),
    );
    m.insert(
        "newStateChangeTime".into(),
        json!(ch.current.since.to_string()),
    );
    m.insert("oldState".into(), json!(ch.previous.state));
    m.insert("oldReasonCode".into(), reason_code(&ch.previous));
    m.insert(
        "oldReasonCodeLabel".into(),
        json!(reason_label(&ch.previous)),
    );
    m.insert(
        "oldStateChangeTime".into(),
        json!(ch.previous.since.to_string()),
    );
    Event::new(name, Value::Object(m))
}

/// `createChannel` with the Channel (Create Event) fields.
pub fn channel_create(request_id: &str, ch: &Channel) -> Event {
    let name = EventName::CreateChannel;
    let mut m = envelope(name, request_id);
    m.insert("id".into(), json!(ch.id));
    m.insert("type".into(), json!(ch.kind));
    m.insert("previousState".into(), json!(ch.previous.state));
    m.insert("activeState".into(), json!(ch.current.state));
    m.insert("nextState".into(), json!(ch.current.state));
    m.insert(
        "lastStateChange".into(),
        json!(ch.current.since.to_string()),
    );
    m.insert("stateChangeInProgress".into(), json!(false));
    Event::new(name, Value::Object(m))
}

/// The `error` event.
pub fn error_event(request_id: &str, message: &str) -> Event {
    let name = EventName::Error;
    let mut m = envelope(name, request_id);
    m.insert("message".into(), json!(message));
    Event::new(name, Value::Object(m))
}

/// The `getChannel` result.
pub fn get_channel(agent: &AgentConfig, ch: &Channel, items: &[&Workitem]) -> Value {
    let workitems: Vec<Value> = items
        .iter()
        .map(|w| Value::Object(workitem_fields(w, &agent.id)))
        .collect();
    json!({
        "activeDeviceId": agent.active_device_id,
        "channel": {
            "id": ch.id,
            "type": ch.kind,
            "state": ch.current.state,
            "reasonCode": reason_code(&ch.current),
            "reasonCodeLabel": reason_label(&ch.current),
            "stateChangeTime": ch.current.since.to_string(),
            "workitems": workitems,
        },
        "extension": agent.extension,
        "firstName": agent.first_name,
        "agentId": agent.id,
        "lastName": agent.last_name,
        "loginName": agent.login_name,
        "teamId": agent.team_id,
    })
}
