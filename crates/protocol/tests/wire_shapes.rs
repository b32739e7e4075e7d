//! The JSON shapes, checked against literal JSON written by hand from the 2.7 reference and
//! the team contract (not only Rust → Rust), and the tolerance rules for unknown values.

use cil_protocol::envelope::{decode, reject_invalid_request, Decoded, Message};
use cil_protocol::events::EventPayload;
use cil_protocol::requests::RequestParams;
use cil_protocol::responses::ResponseValue;
use cil_protocol::types::{
    AgentState, ChannelType, Classification, Direction, OutboundClassification, ReasonCodeId,
    RequestedState, WorkitemState,
};
use cil_protocol::{ErrorCode, EventName, Method};
use serde_json::Value;

/// Parses hand-written JSON text.
fn json(text: &str) -> Value {
    serde_json::from_str(text).expect("the literal JSON in this test is valid")
}

/// Decodes a literal message, checks it is a message and that it encodes back to exactly the
/// same JSON, and returns it.
fn decodes_and_reencodes(text: &str) -> Message {
    let literal = json(text);
    let message = match decode(&literal) {
        Decoded::Message(message) => message,
        other => panic!("expected a message, got {other:?}"),
    };
    assert_eq!(message.to_value(), literal, "re-encoding changed the JSON");
    message
}

fn invalid_reason(value: &Value) -> String {
    match decode(value) {
        Decoded::Invalid { reason } => reason,
        other => panic!("expected Invalid, got {other:?}"),
    }
}

const WORKITEM_CREATE: &str = r#"{
  "ns": "connects-cil", "v": 1, "kind": "event", "name": "workitemCreate",
  "data": {
    "event": "workitemCreate",
    "version": "2.7",
    "requestId": "",
    "activity": {"id": "PC-0001", "recordType": "phonecall"},
    "agentId": "agent42",
    "ani": "+41315551234",
    "associatedParticipant": {"id": "C-17", "name": "Ada Lovelace", "recordType": "contact"},
    "associations": [{"id": "PC-0001", "name": "Call from +41315551234", "recordType": "phonecall"}],
    "capabilities": ["Answer", "Hold", "Transfer"],
    "channelId": "voice_5075",
    "channelType": "Voice",
    "classification": "Customer",
    "connectedAt": "2020-07-28T09:51:17.696Z",
    "ctiData": {
      "callKeyCallId": "18234",
      "callKeyPrefix": "151234",
      "callType": "ACD_IN",
      "callVariable1": "12345",
      "callVariable2": "cv2",
      "callVariable3": "cv3",
      "callVariable4": "cv4",
      "callVariable5": "cv5",
      "callVariable6": "cv6",
      "callVariable7": "cv7",
      "callVariable8": "cv8",
      "callVariable9": "cv9",
      "callVariable10": "cv10",
      "dialedNumber": "8000",
      "DNIS": "8001",
      "mediaId": "1",
      "outboundClassification": "VOICE",
      "queueName": "Sales",
      "queueNumber": "5001",
      "user.eccVar1": "999999",
      "user.account": "A-1",
      "wrapUpReason": "Documentation"
    },
    "direction": "Incoming",
    "id": "16777217",
    "participants": [{"address": "+41315551234"}, {"address": "5075"}],
    "participantLookupResult": [{"id": "C-17", "name": "Ada Lovelace", "recordType": "contact"}],
    "state": "Offered"
  }
}"#;

#[test]
fn workitem_create_with_every_field_matches_the_reference() {
    let Message::Event { name, data } = decodes_and_reencodes(WORKITEM_CREATE) else {
        panic!("not an event");
    };
    assert_eq!(name, EventName::WorkitemCreate);
    let EventPayload::Workitem(event) = data else {
        panic!("not a workitem payload");
    };
    assert_eq!(event.version, "2.7");
    assert_eq!(event.request_id, "");
    let item = &event.workitem;
    assert_eq!(
        item.activity.as_ref().map(|a| a.record_type.as_str()),
        Some("phonecall")
    );
    assert_eq!(item.agent_id, "agent42");
    assert_eq!(
        item.associated_participant
            .as_ref()
            .map(|p| p.name.as_str()),
        Some("Ada Lovelace")
    );
    assert_eq!(item.associations.len(), 1);
    assert_eq!(item.capabilities, ["Answer", "Hold", "Transfer"]);
    assert_eq!(item.channel_type, ChannelType::Voice);
    assert_eq!(item.classification, Classification::Customer);
    assert_eq!(
        item.connected_at.as_deref(),
        Some("2020-07-28T09:51:17.696Z")
    );
    assert_eq!(item.direction, Direction::Incoming);
    assert_eq!(item.participants[1].address, "5075");
    assert_eq!(item.participant_lookup_result[0].record_type, "contact");
    assert_eq!(item.state, WorkitemState::Offered);
    let cti = &item.cti_data;
    assert_eq!(cti.dnis.as_deref(), Some("8001"));
    assert_eq!(cti.call_variable10.as_deref(), Some("cv10"));
    assert_eq!(
        cti.outbound_classification,
        Some(OutboundClassification::Voice)
    );
    assert_eq!(
        cti.ecc_variables.get("user.eccVar1").map(String::as_str),
        Some("999999")
    );
    assert_eq!(cti.ecc_variables.len(), 2);
    assert_eq!(cti.variable("user.account"), Some("A-1"));
    assert_eq!(cti.variable("callVariable1"), Some("12345"));
    assert_eq!(cti.variable("wrapUpReason"), Some("Documentation"));
    assert_eq!(cti.variable("queueName"), None, "not an updatable variable");
}

#[test]
fn a_minimal_workitem_leaves_optional_fields_out() {
    // No activity, associatedParticipant or connectedAt; empty lists and ctiData.
    decodes_and_reencodes(
        r#"{"ns":"connects-cil","v":1,"kind":"event","name":"workitemConnect","data":{
            "event":"workitemConnect","version":"2.7","requestId":"r7",
            "agentId":"a","ani":"","associations":[],"capabilities":[],"channelId":"telephony",
            "channelType":"Voice","classification":"Unknown","ctiData":{},"direction":"Outgoing",
            "id":"w1","participants":[],"participantLookupResult":[],"state":"Active"}}"#,
    );
}

#[test]
fn empty_activity_and_participant_forms_mean_none() {
    for empty in ["null", r#""""#, "{}"] {
        let text = format!(
            r#"{{"ns":"connects-cil","v":1,"kind":"event","name":"workitemConnect","data":{{
            "event":"workitemConnect","version":"2.7","requestId":"",
            "activity":{empty},"associatedParticipant":{empty},
            "agentId":"a","ani":"1","channelId":"voice","channelType":"Voice",
            "classification":"Customer","direction":"Incoming","id":"w1","state":"Active"}}}}"#
        );
        let Decoded::Message(Message::Event {
            data: EventPayload::Workitem(event),
            ..
        }) = decode(&json(&text))
        else {
            panic!("{empty}: not decoded");
        };
        assert_eq!(event.workitem.activity, None, "{empty}");
        assert_eq!(event.workitem.associated_participant, None, "{empty}");
        // Absent lists read as empty.
        assert!(event.workitem.participants.is_empty());
    }
}

#[test]
fn agent_state_change_has_exactly_the_reference_fields() {
    let message = decodes_and_reencodes(
        r#"{"ns":"connects-cil","v":1,"kind":"event","name":"agentStateChange","data":{
            "event":"agentStateChange","version":"2.7","requestId":"r1",
            "channelType":"Voice","channelId":"voice_5075",
            "newState":"NotReady","newReasonCode":12,"newReasonCodeLabel":"Break",
            "newStateChangeTime":"2024-05-01T10:00:00.000Z",
            "oldState":"Ready","oldReasonCode":-1,"oldReasonCodeLabel":"",
            "oldStateChangeTime":"2024-05-01T09:00:00.000Z"}}"#,
    );
    let Message::Event {
        data: EventPayload::AgentStateChange(change),
        ..
    } = message
    else {
        panic!("not an agentStateChange");
    };
    assert_eq!(change.new_state, AgentState::NotReady);
    assert_eq!(change.new_reason_code, ReasonCodeId::Number(12));
    assert!(!change.new_reason_code.is_no_code());
    assert!(change.old_reason_code.is_no_code());
    let data = EventPayload::AgentStateChange(change).to_value();
    let mut fields: Vec<&str> = data
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    fields.sort_unstable();
    assert_eq!(
        fields,
        [
            "channelId",
            "channelType",
            "event",
            "newReasonCode",
            "newReasonCodeLabel",
            "newState",
            "newStateChangeTime",
            "oldReasonCode",
            "oldReasonCodeLabel",
            "oldState",
            "oldStateChangeTime",
            "requestId",
            "version"
        ]
    );
}

#[test]
fn reason_codes_keep_their_wire_form() {
    // Finesse-style text codes and a Webex CC GUID survive as strings.
    decodes_and_reencodes(
        r#"{"ns":"connects-cil","v":1,"kind":"event","name":"agentStateChange","data":{
            "event":"agentStateChange","version":"2.7","requestId":"",
            "channelType":"Voice","channelId":"telephony",
            "newState":"NotReady","newReasonCode":"6f1c1e2a-6b7e-4a53-9e51-0d4c3c1b2a99",
            "newReasonCodeLabel":"Lunch","newStateChangeTime":"t2",
            "oldState":"Ready","oldReasonCode":"-1","oldReasonCodeLabel":"","oldStateChangeTime":"t1"}}"#,
    );
    assert!(ReasonCodeId::Text("-1".into()).is_no_code());
    assert!(ReasonCodeId::Text(String::new()).is_no_code());
    assert!(!ReasonCodeId::Text("12".into()).is_no_code());
}

#[test]
fn error_event_shape() {
    let message = decodes_and_reencodes(
        r#"{"ns":"connects-cil","v":1,"kind":"event","name":"error","data":{
            "event":"error","version":"2.7","requestId":"r9","message":"Unknown channel voice_9"}}"#,
    );
    assert_eq!(message.kind(), "event");
}

#[test]
fn create_channel_event_shape() {
    let Message::Event {
        data: EventPayload::CreateChannel(event),
        ..
    } = decodes_and_reencodes(
        r#"{"ns":"connects-cil","v":1,"kind":"event","name":"createChannel","data":{
            "event":"createChannel","version":"2.7","requestId":"",
            "id":"voice_5075","type":"Voice","previousState":"Logout","activeState":"NotReady",
            "nextState":"NotReady","lastStateChange":"2024-05-01T08:00:00.000Z",
            "stateChangeInProgress":false}}"#,
    )
    else {
        panic!("not a createChannel");
    };
    assert_eq!(event.channel.active_state, AgentState::NotReady);
    assert_eq!(event.channel.channel_type, ChannelType::Voice);
}

#[test]
fn every_workitem_event_name_decodes_with_a_workitem_payload() {
    for name in EventName::ALL.into_iter().filter(|n| n.carries_workitem()) {
        let text = format!(
            r#"{{"ns":"connects-cil","v":1,"kind":"event","name":"{0}","data":{{
            "event":"{0}","version":"2.7","requestId":"","agentId":"a","ani":"1",
            "associations":[],"capabilities":[],"channelId":"voice","channelType":"Voice",
            "classification":"Customer","ctiData":{{}},"direction":"Incoming","id":"w1",
            "participants":[],"participantLookupResult":[],"state":"Active"}}}}"#,
            name.name()
        );
        let message = decodes_and_reencodes(&text);
        assert!(matches!(message, Message::Event { name: n, .. } if n == name));
    }
}

#[test]
fn handshake_kinds() {
    assert_eq!(
        decodes_and_reencodes(r#"{"ns":"connects-cil","v":1,"kind":"syn","clientId":"c-1"}"#),
        Message::Syn {
            client_id: "c-1".into()
        }
    );
    assert_eq!(
        decodes_and_reencodes(r#"{"ns":"connects-cil","v":1,"kind":"announce","hostId":"h-1"}"#),
        Message::Announce {
            host_id: "h-1".into()
        }
    );
    assert_eq!(
        decodes_and_reencodes(
            r#"{"ns":"connects-cil","v":1,"kind":"ack","clientId":"c-1","hostId":"h-1","apiVersion":"2.7"}"#
        ),
        Message::Ack {
            client_id: "c-1".into(),
            host_id: "h-1".into(),
            api_version: "2.7".into()
        }
    );
    assert_eq!(
        decodes_and_reencodes(r#"{"ns":"connects-cil","v":1,"kind":"bye","hostId":"h-1"}"#),
        Message::Bye {
            host_id: "h-1".into()
        }
    );
}

#[test]
fn every_request_matches_the_contract() {
    let literals = [
        (
            Method::DialOrConsult,
            r#"{"channelId":"voice","address":"+41315551234","requestId":"r1"}"#,
        ),
        (Method::GetChannel, r#"{"channelId":"voice"}"#),
        (
            Method::GetReasonCodeList,
            r#"{"channelId":"voice_5075","reasonType":"Logout"}"#,
        ),
        (
            Method::IsUpdateWorkitemDataEnabled,
            r#"{"channelId":"voice","workitemId":"16777217"}"#,
        ),
        (
            Method::SetAgentState,
            r#"{"channelId":"voice_5075","state":"NotReady","reasonCode":"12","requestId":"r2"}"#,
        ),
        (
            Method::SetWrapupReason,
            r#"{"channelId":"voice","workitemId":"12345","wrapUpReason":"Documentation"}"#,
        ),
        (
            Method::UpdateWorkitemData,
            r#"{"channelId":"voice","workitemId":"12345","updatedData":{"callVariable1":"12345","user.eccVar1":"999999","wrapUpReason":"Documentation"},"requestId":"r3"}"#,
        ),
    ];
    assert_eq!(literals.len(), Method::ALL.len());
    for (id, (method, params)) in (1u32..).zip(literals) {
        let text = format!(
            r#"{{"ns":"connects-cil","v":1,"kind":"request","id":{id},"method":"{}","params":{params}}}"#,
            method.name()
        );
        let Message::Request {
            id: got_id,
            method: got_method,
            params: decoded,
        } = decodes_and_reencodes(&text)
        else {
            panic!("{method}: not a request");
        };
        assert_eq!((got_id, got_method, decoded.method()), (id, method, method));
        assert_eq!(decoded.validate(), Ok(()), "{method}");
        // The param names are exactly Method::params(), plus the optional requestId.
        let value = decoded.to_value();
        let mut names: Vec<&str> = value
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        names.retain(|name| *name != "requestId");
        names.sort_unstable();
        let mut expected = method.params().to_vec();
        expected.sort_unstable();
        assert_eq!(names, expected, "{method}");
    }
}

#[test]
fn a_numeric_or_missing_reason_code_is_read_as_text() {
    for (given, read) in [
        (r#","reasonCode":12"#, "12"),
        (r#","reasonCode":null"#, ""),
        ("", ""),
    ] {
        let text = format!(
            r#"{{"ns":"connects-cil","v":1,"kind":"request","id":1,"method":"setAgentState","params":{{"channelId":"voice","state":"Ready"{given}}}}}"#
        );
        let Decoded::Message(Message::Request {
            params: RequestParams::SetAgentState(p),
            ..
        }) = decode(&json(&text))
        else {
            panic!("{given}: not decoded");
        };
        assert_eq!(
            (p.reason_code.as_str(), p.state),
            (read, RequestedState::Ready)
        );
    }
}

#[test]
fn every_response_form() {
    let channel = decodes_and_reencodes(
        r#"{"ns":"connects-cil","v":1,"kind":"response","id":3,"ok":true,"result":{
            "activeDeviceId":"SEP0001","extension":"5075","firstName":"Grace","agentId":"agent42",
            "lastName":"Hopper","loginName":"ghopper","teamId":"7",
            "channel":{"id":"voice_5075","type":"Voice","state":"Ready","reasonCode":-1,
              "reasonCodeLabel":"","stateChangeTime":"2024-05-01T09:00:00.000Z","workitems":[]}}}"#,
    );
    let Message::Response {
        outcome: Ok(ResponseValue::Channel(result)),
        ..
    } = channel
    else {
        panic!("not a getChannel result");
    };
    assert!(ResponseValue::Channel(result.clone()).fits(Method::GetChannel));
    assert_eq!(result.channel.state, AgentState::Ready);
    assert!(result.channel.reason_code.is_no_code());

    let list = decodes_and_reencodes(
        r#"{"ns":"connects-cil","v":1,"kind":"response","id":4,"ok":true,"result":[
            {"id":1,"label":"Break"},{"id":"6f1c1e2a-guid","label":"Lunch"}]}"#,
    );
    assert!(
        matches!(list, Message::Response { outcome: Ok(ResponseValue::ReasonCodes(ref codes)), .. } if codes.len() == 2)
    );

    let enabled = decodes_and_reencodes(
        r#"{"ns":"connects-cil","v":1,"kind":"response","id":5,"ok":true,"result":false}"#,
    );
    assert_eq!(enabled, Message::ok(5, false));

    let none = decodes_and_reencodes(
        r#"{"ns":"connects-cil","v":1,"kind":"response","id":6,"ok":true,"result":null}"#,
    );
    assert_eq!(none, Message::ok(6, ResponseValue::NoValue));
    // An absent result also means "no value".
    assert_eq!(
        decode(&json(
            r#"{"ns":"connects-cil","v":1,"kind":"response","id":6,"ok":true}"#
        )),
        Decoded::Message(none)
    );

    let failed = decodes_and_reencodes(
        r#"{"ns":"connects-cil","v":1,"kind":"response","id":7,"ok":false,
            "error":{"code":"UNKNOWN_CHANNEL","message":"no channel voice_9"}}"#,
    );
    assert_eq!(
        failed,
        Message::error(7, ErrorCode::UnknownChannel, "no channel voice_9")
    );
}

#[test]
fn unknown_enum_values_pass_through_unchanged() {
    let text = r#"{"ns":"connects-cil","v":1,"kind":"event","name":"workitemEnd","data":{
        "event":"workitemEnd","version":"2.8","requestId":"",
        "agentId":"a","ani":"1","associations":[],"capabilities":[],"channelId":"sms_1",
        "channelType":"Sms","classification":"Supervisor",
        "ctiData":{"outboundClassification":"MACHINE_BEEP"},"direction":"Sideways","id":"w1",
        "participants":[],"participantLookupResult":[],"state":"Parked"}}"#;
    let Message::Event {
        data: EventPayload::Workitem(event),
        ..
    } = decodes_and_reencodes(text)
    else {
        panic!("not a workitem event");
    };
    let item = event.workitem;
    assert_eq!(item.channel_type, ChannelType::Other("Sms".into()));
    assert_eq!(
        item.classification,
        Classification::Other("Supervisor".into())
    );
    assert_eq!(item.direction, Direction::Other("Sideways".into()));
    assert_eq!(item.state, WorkitemState::Other("Parked".into()));
    assert!(!item.state.is_known());

    // SCV 2.5's "Wrap-Up" spelling is kept verbatim, and a new error code too.
    assert_eq!(
        AgentState::parse("Wrap-Up"),
        AgentState::Other("Wrap-Up".into())
    );
    decodes_and_reencodes(
        r#"{"ns":"connects-cil","v":1,"kind":"response","id":1,"ok":false,
            "error":{"code":"QUOTA_EXCEEDED","message":"slow down"}}"#,
    );
    // Requests: an unknown state or reason type decodes (the host answers INVALID_ARGUMENT).
    let Message::Request { params, .. } = decodes_and_reencodes(
        r#"{"ns":"connects-cil","v":1,"kind":"request","id":1,"method":"setAgentState",
            "params":{"channelId":"voice","state":"Busy","reasonCode":""}}"#,
    ) else {
        panic!("not a request");
    };
    assert_eq!(params.validate().unwrap_err().argument, "state");
}

#[test]
fn unknown_extra_fields_are_ignored() {
    let text = r#"{"ns":"connects-cil","v":1,"kind":"event","name":"workitemPause","future":{"x":[1]},
        "data":{"event":"workitemPause","version":"2.7","requestId":"","newField":[{"deep":true}],
        "agentId":"a","ani":"1","channelId":"voice","channelType":"Voice","classification":"Customer",
        "ctiData":{"callVariable1":"1","callKeySequenceNum":5,"nested":{"a":1},"user.x":"y"},
        "direction":"Incoming","id":"w1","state":"Paused",
        "participants":[{"address":"1","state":"ACTIVE","mediaAddress":"5075"}],
        "activity":{"id":"PC-1","recordType":"phonecall","url":"https://crm.example/PC-1"}}}"#;
    let Decoded::Message(Message::Event {
        data: EventPayload::Workitem(event),
        ..
    }) = decode(&json(text))
    else {
        panic!("not decoded: {:?}", decode(&json(text)));
    };
    let cti = &event.workitem.cti_data;
    assert_eq!(
        cti.ecc_variables.len(),
        1,
        "only user.* keys are ECC variables"
    );
    assert_eq!(cti.call_variable1.as_deref(), Some("1"));
    assert_eq!(event.workitem.participants[0].address, "1");

    let request = r#"{"ns":"connects-cil","v":1,"kind":"request","id":2,"method":"getChannel","trace":"x",
        "params":{"channelId":"voice","extra":{"a":[]}}}"#;
    assert!(matches!(
        decode(&json(request)),
        Decoded::Message(Message::Request { .. })
    ));
}

#[test]
fn integral_floats_are_accepted_as_ids() {
    // JavaScript numbers are doubles; a converter may hand them over as floats.
    let value =
        json(r#"{"ns":"connects-cil","v":1.0,"kind":"response","id":7.0,"ok":true,"result":null}"#);
    assert_eq!(
        decode(&value),
        Decoded::Message(Message::ok(7, ResponseValue::NoValue))
    );
}

#[test]
fn foreign_messages_are_not_ours() {
    for text in [
        "null",
        "42",
        r#""connects-cil""#,
        "[]",
        r#"{"kind":"syn","clientId":"c"}"#,
        r#"{"ns":"other","v":1,"kind":"syn","clientId":"c"}"#,
        r#"{"ns":"connects-cil","kind":"syn","clientId":"c"}"#,
        r#"{"ns":1,"v":1}"#,
        r#"{"type":"webpackOk"}"#,
    ] {
        assert_eq!(decode(&json(text)), Decoded::NotOurs, "{text}");
    }
}

#[test]
fn malformed_messages_say_what_is_wrong() {
    let cases = [
        (
            r#"{"ns":"connects-cil","v":2,"kind":"syn","clientId":"c"}"#,
            "version 2",
        ),
        (
            r#"{"ns":"connects-cil","v":"1","kind":"syn","clientId":"c"}"#,
            "version",
        ),
        (r#"{"ns":"connects-cil","v":1}"#, "missing kind"),
        (r#"{"ns":"connects-cil","v":1,"kind":7}"#, "kind"),
        (
            r#"{"ns":"connects-cil","v":1,"kind":"hello"}"#,
            "unknown kind \"hello\"",
        ),
        (r#"{"ns":"connects-cil","v":1,"kind":"syn"}"#, "clientId"),
        (
            r#"{"ns":"connects-cil","v":1,"kind":"syn","clientId":5}"#,
            "clientId: expected a string",
        ),
        (
            r#"{"ns":"connects-cil","v":1,"kind":"ack","clientId":"c","hostId":"h"}"#,
            "apiVersion",
        ),
        (r#"{"ns":"connects-cil","v":1,"kind":"bye"}"#, "hostId"),
        (
            r#"{"ns":"connects-cil","v":1,"kind":"request","method":"getChannel","params":{"channelId":"voice"}}"#,
            "missing field `id`",
        ),
        (
            r#"{"ns":"connects-cil","v":1,"kind":"request","id":-1,"method":"getChannel","params":{"channelId":"voice"}}"#,
            "id: expected",
        ),
        (
            r#"{"ns":"connects-cil","v":1,"kind":"request","id":1.5,"method":"getChannel","params":{"channelId":"voice"}}"#,
            "id: expected",
        ),
        (
            r#"{"ns":"connects-cil","v":1,"kind":"request","id":4294967296,"method":"getChannel","params":{"channelId":"voice"}}"#,
            "id: expected",
        ),
        (
            r#"{"ns":"connects-cil","v":1,"kind":"request","id":1,"method":"dial","params":{}}"#,
            "unknown method \"dial\"",
        ),
        (
            r#"{"ns":"connects-cil","v":1,"kind":"request","id":1,"method":"getChannel"}"#,
            "missing field `params`",
        ),
        (
            r#"{"ns":"connects-cil","v":1,"kind":"request","id":1,"method":"getChannel","params":[]}"#,
            "params: expected an object",
        ),
        (
            r#"{"ns":"connects-cil","v":1,"kind":"request","id":1,"method":"getChannel","params":{}}"#,
            "channelId",
        ),
        (
            r#"{"ns":"connects-cil","v":1,"kind":"request","id":1,"method":"getChannel","params":{"channelId":5}}"#,
            "invalid type",
        ),
        (
            r#"{"ns":"connects-cil","v":1,"kind":"request","id":1,"method":"updateWorkitemData","params":{"channelId":"voice","workitemId":"w","updatedData":{"callVariable1":5}}}"#,
            "updateWorkitemData params",
        ),
        (
            r#"{"ns":"connects-cil","v":1,"kind":"response","id":1}"#,
            "missing field `ok`",
        ),
        (
            r#"{"ns":"connects-cil","v":1,"kind":"response","id":1,"ok":"yes"}"#,
            "ok: expected a boolean",
        ),
        (
            r#"{"ns":"connects-cil","v":1,"kind":"response","id":1,"ok":false}"#,
            "missing field `error`",
        ),
        (
            r#"{"ns":"connects-cil","v":1,"kind":"response","id":1,"ok":false,"error":{"message":"m"}}"#,
            "code",
        ),
        (
            r#"{"ns":"connects-cil","v":1,"kind":"response","id":1,"ok":true,"result":"done"}"#,
            "result",
        ),
        (
            r#"{"ns":"connects-cil","v":1,"kind":"response","id":1,"ok":true,"result":[{"label":"x"}]}"#,
            "reason code list",
        ),
        (
            r#"{"ns":"connects-cil","v":1,"kind":"event","name":"ringing","data":{}}"#,
            "unknown event \"ringing\"",
        ),
        (
            r#"{"ns":"connects-cil","v":1,"kind":"event","name":"error"}"#,
            "missing field `data`",
        ),
        (
            r#"{"ns":"connects-cil","v":1,"kind":"event","name":"error","data":{"event":"error","version":"2.7"}}"#,
            "message",
        ),
        (
            r#"{"ns":"connects-cil","v":1,"kind":"event","name":"error","data":{"event":"workitemEnd","version":"2.7","message":"m"}}"#,
            "data.event",
        ),
        (
            r#"{"ns":"connects-cil","v":1,"kind":"event","name":"workitemEnd","data":{"event":"workitemEnd","version":"2.7"}}"#,
            "missing field",
        ),
        (
            r#"{"ns":"connects-cil","v":1,"kind":"event","name":"workitemEnd","data":{"event":"workitemEnd","version":"2.7","agentId":"a","ani":"1","channelId":"voice","channelType":"Voice","classification":"Customer","direction":"Incoming","id":"w1","state":"Ended","ctiData":{"user.x":1}}}"#,
            "workitemEnd data",
        ),
    ];
    for (text, expected) in cases {
        let reason = invalid_reason(&json(text));
        assert!(
            reason.contains(expected),
            "{text}\n  reason {reason:?} lacks {expected:?}"
        );
    }
}

#[test]
fn absurdly_deep_values_are_rejected_without_recursion() {
    let mut deep = Value::Null;
    for _ in 0..100_000 {
        deep = Value::Array(vec![deep]);
    }
    let mut message = json(r#"{"ns":"connects-cil","v":1,"kind":"syn","clientId":"c"}"#);
    message["extra"] = deep;
    assert!(invalid_reason(&message).contains("nested deeper"));
    // Dropping such a value recurses in serde_json itself; leak it to keep this test about us.
    std::mem::forget(message);
}

#[test]
fn long_reasons_are_shortened() {
    let method = "x".repeat(10_000);
    let value = serde_json::json!({"ns":"connects-cil","v":1,"kind":"request","id":1,"method":method,"params":{}});
    assert!(invalid_reason(&value).chars().count() <= 301);
}

#[test]
fn invalid_requests_with_an_id_get_an_error_response() {
    let unknown = json(
        r#"{"ns":"connects-cil","v":1,"kind":"request","id":9,"method":"sendDtmf","params":{"dtmf":"1"}}"#,
    );
    let Some(Message::Response {
        id: 9,
        outcome: Err(error),
    }) = reject_invalid_request(&unknown)
    else {
        panic!("no rejection");
    };
    assert_eq!(error.code, ErrorCode::UnknownMethod);
    assert!(error.message.contains("sendDtmf"));

    let bad_params = json(
        r#"{"ns":"connects-cil","v":1,"kind":"request","id":10,"method":"getChannel","params":{}}"#,
    );
    let Some(Message::Response {
        id: 10,
        outcome: Err(error),
    }) = reject_invalid_request(&bad_params)
    else {
        panic!("no rejection");
    };
    assert_eq!(error.code, ErrorCode::InvalidArgument);

    // Nothing to answer: valid, no id, not a request, not ours.
    for text in [
        r#"{"ns":"connects-cil","v":1,"kind":"request","id":1,"method":"getChannel","params":{"channelId":"voice"}}"#,
        r#"{"ns":"connects-cil","v":1,"kind":"request","method":"nope","params":{}}"#,
        r#"{"ns":"connects-cil","v":1,"kind":"response","id":1}"#,
        r#"{"kind":"request","id":1,"method":"nope"}"#,
    ] {
        assert_eq!(reject_invalid_request(&json(text)), None, "{text}");
    }
}
