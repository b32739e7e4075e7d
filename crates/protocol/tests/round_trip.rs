//! Every message kind, request, response and event survives encode → decode unchanged.

use cil_protocol::envelope::{decode, Decoded, Message};
use cil_protocol::events::{AgentStateChange, CreateChannelEvent, ErrorEvent, WorkitemEvent};
use cil_protocol::requests::{
    DialOrConsultParams, GetChannelParams, GetReasonCodeListParams,
    IsUpdateWorkitemDataEnabledParams, Request, RequestParams, SetAgentStateParams,
    SetWrapupReasonParams, UpdateWorkitemDataParams,
};
use cil_protocol::responses::ResponseValue;
use cil_protocol::types::{
    ActivityRecord, AgentState, Channel, ChannelCreate, ChannelType, Classification, CrmRecord,
    CtiData, DataState, Direction, EscalationLevel, GetChannelResult, OutboundClassification,
    Participant, QueueData, ReasonCode, ReasonCodeId, ReasonType, RequestedState, Statistics,
    TeamDataState, Workitem, WorkitemState,
};
use cil_protocol::{ErrorCode, EventName, Method, API_VERSION};

fn assert_round_trips(message: Message) {
    let value = message.to_value();
    assert_eq!(value["ns"], "connects-cil");
    assert_eq!(value["v"], 1);
    assert_eq!(decode(&value), Decoded::Message(message), "{value}");
}

fn full_workitem() -> Workitem {
    let mut cti_data = CtiData {
        call_key_call_id: Some("18234".into()),
        call_key_prefix: Some("151234".into()),
        call_type: Some("ACD_IN".into()),
        dialed_number: Some("8000".into()),
        dnis: Some("8001".into()),
        media_id: Some("1".into()),
        outbound_classification: Some(OutboundClassification::DoNotCall),
        queue_name: Some("Sales".into()),
        queue_number: Some("5001".into()),
        ..CtiData::default()
    };
    for n in 1..=10 {
        assert!(cti_data.set_variable(&format!("callVariable{n}"), format!("value {n}")));
    }
    assert!(cti_data.set_variable("wrapUpReason", "Documentation".into()));
    assert!(cti_data.set_variable("user.eccVar1", "999999".into()));
    assert!(!cti_data.set_variable("user.", "no name".into()));
    assert!(!cti_data.set_variable("queueName", "not updatable".into()));
    let contact = CrmRecord {
        id: "C-17".into(),
        name: "Ada".into(),
        record_type: "contact".into(),
    };
    Workitem {
        activity: Some(ActivityRecord {
            id: "PC-1".into(),
            record_type: "phonecall".into(),
        }),
        agent_id: "agent42".into(),
        ani: "+41315551234".into(),
        associated_participant: Some(contact.clone()),
        associations: vec![contact.clone()],
        capabilities: vec!["Hold".into()],
        channel_id: "voice_5075".into(),
        channel_type: ChannelType::Voice,
        classification: Classification::Consultation,
        connected_at: Some("2020-07-28T09:51:17.696Z".into()),
        cti_data,
        direction: Direction::Outgoing,
        id: "16777217".into(),
        participants: vec![Participant {
            address: "5075".into(),
        }],
        participant_lookup_result: vec![contact],
        state: WorkitemState::EndedTransferred,
    }
}

fn channel() -> Channel {
    Channel {
        id: "voice_5075".into(),
        channel_type: ChannelType::Voice,
        state: AgentState::Wrapup,
        reason_code: ReasonCodeId::Text("12".into()),
        reason_code_label: "Break".into(),
        state_change_time: "2024-05-01T09:00:00.000Z".into(),
        workitems: vec![full_workitem(), Workitem::default()],
    }
}

#[test]
fn handshake_messages_round_trip() {
    assert_round_trips(Message::Syn {
        client_id: "c-1".into(),
    });
    assert_round_trips(Message::Announce {
        host_id: "h-1".into(),
    });
    assert_round_trips(Message::Ack {
        client_id: "c-1".into(),
        host_id: "h-1".into(),
        api_version: API_VERSION.into(),
    });
    assert_round_trips(Message::Bye {
        host_id: "h-1".into(),
    });
}

fn sample_params(method: Method) -> RequestParams {
    let request_id = Some("r-1".to_owned());
    match method {
        Method::DialOrConsult => DialOrConsultParams {
            channel_id: "voice".into(),
            address: "+41315551234".into(),
            request_id,
        }
        .into(),
        Method::GetChannel => GetChannelParams {
            channel_id: "telephony".into(),
            request_id: None,
        }
        .into(),
        Method::GetReasonCodeList => GetReasonCodeListParams {
            channel_id: "voice_-1".into(),
            reason_type: ReasonType::Wrapup,
            request_id,
        }
        .into(),
        Method::IsUpdateWorkitemDataEnabled => IsUpdateWorkitemDataEnabledParams {
            channel_id: "voice".into(),
            workitem_id: "w1".into(),
            request_id,
        }
        .into(),
        Method::SetAgentState => SetAgentStateParams {
            channel_id: "voice_5075".into(),
            state: RequestedState::Logout,
            reason_code: "6f1c1e2a-guid".into(),
            request_id,
        }
        .into(),
        Method::SetWrapupReason => SetWrapupReasonParams {
            channel_id: "voice".into(),
            workitem_id: "w1".into(),
            wrap_up_reason: "Documentation".into(),
            request_id: Some(String::new()),
        }
        .into(),
        Method::UpdateWorkitemData => UpdateWorkitemDataParams {
            channel_id: "voice".into(),
            workitem_id: "w1".into(),
            updated_data: cil_protocol::updated_data::UpdatedData::from([
                ("callVariable1".to_owned(), "12345".to_owned()),
                ("user.eccVar1".to_owned(), String::new()),
            ]),
            request_id,
        }
        .into(),
    }
}

#[test]
fn every_request_round_trips() {
    for (id, method) in (0u32..).zip(Method::ALL) {
        let params = sample_params(method);
        assert_eq!(params.method(), method);
        assert_eq!(params.validate(), Ok(()), "{method}");
        let message = Message::request(id, params.clone());
        assert_eq!(Message::from(Request::new(id, params)), message);
        assert_round_trips(message);
    }
    assert_round_trips(Message::request(
        u32::MAX,
        sample_params(Method::GetChannel),
    ));
}

#[test]
fn every_response_round_trips() {
    let result = GetChannelResult {
        active_device_id: None,
        channel: channel(),
        extension: "5075".into(),
        first_name: "Grace".into(),
        agent_id: "agent42".into(),
        last_name: "Hopper".into(),
        login_name: "ghopper".into(),
        team_id: "7".into(),
    };
    let codes = vec![
        ReasonCode {
            id: ReasonCodeId::Number(1),
            label: "Break".into(),
        },
        ReasonCode {
            id: "guid".into(),
            label: "Lunch".into(),
        },
    ];
    let values: [ResponseValue; 5] = [
        result.into(),
        codes.into(),
        true.into(),
        false.into(),
        ResponseValue::NoValue,
    ];
    for (id, value) in (0u32..).zip(values) {
        assert_round_trips(Message::ok(id, value));
    }
    for (id, code) in (0u32..).zip(all_error_codes()) {
        assert_round_trips(Message::error(id, code, "why"));
    }
}

fn all_error_codes() -> Vec<ErrorCode> {
    let mut codes: Vec<ErrorCode> = ErrorCode::KNOWN
        .iter()
        .map(|c| ErrorCode::parse(c))
        .collect();
    codes.push(ErrorCode::Other("FROM_THE_FUTURE".into()));
    codes
}

#[test]
fn response_values_fit_their_methods() {
    assert!(ResponseValue::Enabled(true).fits(Method::IsUpdateWorkitemDataEnabled));
    assert!(ResponseValue::ReasonCodes(vec![]).fits(Method::GetReasonCodeList));
    assert!(ResponseValue::NoValue.fits(Method::SetAgentState));
    assert!(!ResponseValue::NoValue.fits(Method::GetChannel));
    assert!(!ResponseValue::Enabled(true).fits(Method::DialOrConsult));
}

#[test]
fn every_event_round_trips() {
    for name in EventName::ALL {
        let message = match name {
            EventName::AgentStateChange => Message::event(AgentStateChange {
                event: name,
                version: API_VERSION.into(),
                request_id: "r1".into(),
                channel_type: ChannelType::Voice,
                channel_id: "voice_5075".into(),
                new_state: AgentState::NotReady,
                new_reason_code: ReasonCodeId::Number(12),
                new_reason_code_label: "Break".into(),
                new_state_change_time: "t2".into(),
                old_state: AgentState::Other("Wrap-Up".into()),
                old_reason_code: ReasonCodeId::NONE,
                old_reason_code_label: String::new(),
                old_state_change_time: "t1".into(),
            }),
            EventName::CreateChannel => Message::event(CreateChannelEvent::new(
                "",
                ChannelCreate {
                    id: "voice_5075".into(),
                    channel_type: ChannelType::Voice,
                    previous_state: AgentState::Logout,
                    active_state: AgentState::NotReady,
                    next_state: AgentState::Ready,
                    last_state_change: "t".into(),
                    state_change_in_progress: true,
                },
            )),
            EventName::Error => Message::event(ErrorEvent::new("r9", "boom")),
            workitem_event => {
                assert!(workitem_event.carries_workitem());
                Message::event(WorkitemEvent::new(workitem_event, "", full_workitem()))
            }
        };
        assert!(matches!(message, Message::Event { name: n, .. } if n == name));
        assert_round_trips(message);
    }
}

#[test]
fn queue_and_team_types_round_trip_through_json() {
    let queue = QueueData {
        id: "q1".into(),
        name: "Sales".into(),
        channel: ChannelType::Voice,
        escalation_level: EscalationLevel::Warn,
        statistics: Statistics {
            agents_not_ready: 1,
            agents_ready: 2,
            agents_talking_inbound: 3,
            agents_talking_internal: 4,
            agents_talking_outbound: 5,
            agents_wrap_up_not_ready: 6,
            agents_wrap_up_ready: 7,
            calls_in_queue: 8,
            start_time_of_longest_call_in_queue: Some("2024-05-01T09:00:00.000Z".into()),
        },
    };
    let value = serde_json::to_value(&queue).unwrap();
    assert_eq!(value["escalationLevel"], "Warn");
    assert_eq!(value["statistics"]["agentsWrapUpNotReady"], 6);
    assert_eq!(serde_json::from_value::<QueueData>(value).unwrap(), queue);

    // Counts given as integral doubles are accepted; fractional ones are not.
    let mut doubles = serde_json::to_value(&queue.statistics).unwrap();
    doubles["callsInQueue"] = serde_json::json!(8.0);
    assert_eq!(
        serde_json::from_value::<Statistics>(doubles.clone()).unwrap(),
        queue.statistics
    );
    doubles["callsInQueue"] = serde_json::json!(8.5);
    assert!(serde_json::from_value::<Statistics>(doubles).is_err());

    for state in [
        "ENABLED", "ADDED", "UPDATED", "DELETED", "DISABLED", "PAUSED",
    ] {
        let value = serde_json::json!(state);
        let decoded: DataState = serde_json::from_value(value.clone()).unwrap();
        assert_eq!(serde_json::to_value(&decoded).unwrap(), value);
    }
    assert_eq!(TeamDataState::parse("ENABLED"), TeamDataState::Enabled);
    assert_eq!(
        TeamDataState::parse("ADDED"),
        TeamDataState::Other("ADDED".into())
    );
}
