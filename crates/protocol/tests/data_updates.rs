//! The two statistics events the data reference names (`queueDataUpdate`, `teamDataUpdate`):
//! names, registrations, payload shapes and their decoding, as PROTOCOL.md §6 describes them.

use cil_protocol::envelope::{decode, Decoded, Message};
use cil_protocol::events::{EventPayload, QueueDataUpdate, TeamDataUpdate};
use cil_protocol::types::{DataState, EscalationLevel, TeamDataState};
use cil_protocol::EventName;
use serde_json::json;

#[test]
fn every_is_the_eleven_listed_events_then_the_two_data_updates() {
    assert_eq!(&EventName::EVERY[..11], &EventName::ALL[..]);
    assert_eq!(&EventName::EVERY[11..], &EventName::DATA_UPDATES[..]);
    let names: Vec<(&str, &str)> = EventName::DATA_UPDATES
        .iter()
        .map(|e| (e.name(), e.handler_name()))
        .collect();
    assert_eq!(
        names,
        vec![
            ("queueDataUpdate", "onQueueDataUpdate"),
            ("teamDataUpdate", "onTeamDataUpdate")
        ]
    );
    for e in EventName::EVERY {
        assert_eq!(EventName::from_name(e.name()), Some(e));
        assert!(!EventName::DATA_UPDATES.contains(&e) || !e.carries_workitem());
    }
    assert_eq!(EventName::from_name("QueueDataUpdate"), None);
}

fn queue_message() -> serde_json::Value {
    json!({"ns": "connects-cil", "v": 1, "kind": "event", "name": "queueDataUpdate", "data": {
        "event": "queueDataUpdate", "version": "2.7", "requestId": "", "dataState": "UPDATED",
        "queueData": [{"id": "5001", "name": "Sales", "channel": "Voice", "escalationLevel": "Warn",
            "statistics": {"agentsNotReady": 2, "agentsReady": 1, "agentsTalkingInbound": 3,
                "agentsTalkingInternal": 0, "agentsTalkingOutbound": 1, "agentsWrapUpNotReady": 0,
                "agentsWrapUpReady": 1, "callsInQueue": 4,
                "startTimeOfLongestCallInQueue": "2024-05-01T09:58:12.000Z"}}]}})
}

fn team_message() -> serde_json::Value {
    json!({"ns": "connects-cil", "v": 1, "kind": "event", "name": "teamDataUpdate", "data": {
        "event": "teamDataUpdate", "version": "2.7", "requestId": "", "teamDataState": "UPDATED",
        "teamId": "7", "agents": [{"agentId": "1001", "firstName": "Alex", "lastName": "Keller",
            "extension": "5001", "state": "NotReady", "reasonCode": 32767,
            "reasonCodeLabel": "Redirected on no answer", "stateChangeTime": "2024-05-01T10:00:00.000Z"}]}})
}

#[test]
fn both_payloads_decode_and_encode_back_unchanged() {
    for message in [queue_message(), team_message()] {
        let Decoded::Message(decoded) = decode(&message) else {
            panic!("{:?}", decode(&message))
        };
        assert_eq!(decoded.to_value(), message);
    }
    let Decoded::Message(Message::Event { data, .. }) = decode(&queue_message()) else {
        panic!()
    };
    let EventPayload::QueueData(QueueDataUpdate {
        data_state,
        queue_data,
        ..
    }) = data
    else {
        panic!("{data:?}")
    };
    assert_eq!(data_state, DataState::Updated);
    assert_eq!(queue_data[0].escalation_level, EscalationLevel::Warn);
    assert_eq!(queue_data[0].statistics.calls_in_queue, 4);
    let Decoded::Message(Message::Event { data, .. }) = decode(&team_message()) else {
        panic!()
    };
    let EventPayload::TeamData(TeamDataUpdate {
        team_data_state,
        team_id,
        agents,
        ..
    }) = data
    else {
        panic!("{data:?}")
    };
    assert_eq!(team_data_state, TeamDataState::Updated);
    assert_eq!(team_id, "7");
    assert_eq!(agents[0].reason_code.to_text(), "32767");
}

#[test]
fn enabled_and_disabled_states_and_bad_payloads() {
    let mut m = queue_message();
    m["data"]["dataState"] = json!("DISABLED");
    m["data"]["queueData"] = json!([]);
    assert!(matches!(decode(&m), Decoded::Message(_)));
    // A newer gadget's state passes through.
    m["data"]["dataState"] = json!("PAUSED");
    assert!(matches!(decode(&m), Decoded::Message(_)));
    let mut m = team_message();
    m["data"]["teamDataState"] = json!("ENABLED");
    assert!(matches!(decode(&m), Decoded::Message(_)));
    // Counts are non-negative integers; the state is required; the event must match the name.
    for (path, value) in [
        ("callsInQueue", json!(-1)),
        ("callsInQueue", json!(1.5)),
        ("callsInQueue", json!("3")),
    ] {
        let mut m = queue_message();
        m["data"]["queueData"][0]["statistics"][path] = value;
        assert!(matches!(decode(&m), Decoded::Invalid { .. }), "{path}: {m}");
    }
    let mut m = queue_message();
    m["data"].as_object_mut().unwrap().remove("dataState");
    assert!(matches!(decode(&m), Decoded::Invalid { .. }));
    let mut m = team_message();
    m["data"]["event"] = json!("queueDataUpdate");
    assert!(matches!(decode(&m), Decoded::Invalid { .. }));
}
