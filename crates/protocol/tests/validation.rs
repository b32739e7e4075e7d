//! Names, codes and argument rules: each rule with a passing and a failing case.

use cil_protocol::validate::{
    self, ArgError, MAX_KEY_LEN, MAX_STRING_LEN, MAX_UPDATED_DATA_ENTRIES,
};
use cil_protocol::{ErrorCode, EventName, Method, ReasonType, RequestedState};

#[test]
fn method_names_round_trip_and_params_match_the_reference() {
    let names: Vec<&str> = Method::ALL.iter().map(|m| m.name()).collect();
    assert_eq!(
        names,
        [
            "dialOrConsult",
            "getChannel",
            "getReasonCodeList",
            "isUpdateWorkitemDataEnabled",
            "setAgentState",
            "setWrapupReason",
            "updateWorkitemData"
        ]
    );
    for method in Method::ALL {
        assert_eq!(Method::from_name(method.name()), Some(method));
        assert_eq!(method.params().first(), Some(&"channelId"));
        assert!(!method.params().contains(&"requestId"));
    }
    assert_eq!(Method::from_name("GetChannel"), None);
    assert_eq!(Method::from_name(""), None);
    assert_eq!(Method::DialOrConsult.params(), ["channelId", "address"]);
    assert_eq!(
        Method::GetReasonCodeList.params(),
        ["channelId", "reasonType"]
    );
    assert_eq!(
        Method::UpdateWorkitemData.params(),
        ["channelId", "workitemId", "updatedData"]
    );
    assert_eq!(
        Method::SetWrapupReason.params(),
        ["channelId", "workitemId", "wrapUpReason"]
    );
}

#[test]
fn event_names_round_trip() {
    for event in EventName::ALL {
        assert_eq!(EventName::from_name(event.name()), Some(event));
        assert!(event.handler_name().starts_with("on"));
    }
    assert_eq!(EventName::CreateChannel.handler_name(), "onChannelCreate");
    assert_eq!(EventName::WrapupDataChanged.name(), "wrapupDataChanged");
    assert_eq!(EventName::from_name("beforeDial"), None);
    let workitem_events = EventName::ALL
        .iter()
        .filter(|e| e.carries_workitem())
        .count();
    assert_eq!(workitem_events, 8);
}

#[test]
fn error_codes_are_stable_strings() {
    let expected = [
        "INVALID_ARGUMENT",
        "TIMEOUT",
        "CONNECT_TIMEOUT",
        "CONNECTION_LOST",
        "DESTROYED",
        "WASM_UNAVAILABLE",
        "MALFORMED_MESSAGE",
        "HANDLER_ERROR",
        "UNKNOWN_METHOD",
        "UNKNOWN_CHANNEL",
        "UNKNOWN_WORKITEM",
        "INVALID_STATE_TRANSITION",
        "REASON_CODE_REQUIRED",
        "UNKNOWN_REASON_CODE",
        "UPDATE_NOT_ALLOWED",
        "REQUEST_FAILED",
    ];
    assert_eq!(ErrorCode::KNOWN, expected);
    for code in expected {
        let parsed = ErrorCode::parse(code);
        assert!(parsed.is_known());
        assert_eq!(parsed.as_str(), code);
        assert_eq!(parsed.to_string(), code);
    }
    assert_eq!(
        ErrorCode::parse("timeout"),
        ErrorCode::Other("timeout".into())
    );
    assert!(ErrorCode::ConnectionLost.is_client_side());
    assert!(
        !ErrorCode::InvalidArgument.is_client_side(),
        "raised on both sides"
    );
    assert!(!ErrorCode::UnknownChannel.is_client_side());
}

#[test]
fn channel_ids() {
    for good in [
        "voice",
        "voice_5075",
        "voice_-1",
        "voice_0",
        "voice_1234567890",
        "telephony",
        "mail",
        "mail_3",
        "chat",
        "chat_-7",
        "task",
        "task_12",
        "federation",
        "federation_1",
    ] {
        assert_eq!(validate::channel_id("channelId", good), Ok(()), "{good:?}");
    }
    for bad in [
        "",
        " ",
        "Voice",
        "VOICE",
        " voice",
        "voice ",
        "voice_",
        "voice_abc",
        "voice_-",
        "voice_--1",
        "voice_1a",
        "voice_5075_1",
        "voice_12345678901",
        "voice-1",
        "telephony_1",
        "sms",
        "sms_1",
        "_1",
        "voice_+1",
        "voice_١",
        "voice\n",
    ] {
        let error = validate::channel_id("channelId", bad).unwrap_err();
        assert_eq!(error.argument, "channelId");
        assert!(error.got.contains(bad), "{error}");
    }
}

#[test]
fn agent_states() {
    assert_eq!(validate::agent_state("Ready"), Ok(RequestedState::Ready));
    assert_eq!(
        validate::agent_state("NotReady"),
        Ok(RequestedState::NotReady)
    );
    assert_eq!(validate::agent_state("Logout"), Ok(RequestedState::Logout));
    for bad in ["ready", "Not Ready", "Wrapup", "Active", "", "Ready "] {
        assert_eq!(
            validate::agent_state(bad).unwrap_err().argument,
            "state",
            "{bad:?}"
        );
    }
}

#[test]
fn reason_types() {
    assert_eq!(validate::reason_type("Logout"), Ok(ReasonType::Logout));
    assert_eq!(validate::reason_type("NotReady"), Ok(ReasonType::NotReady));
    assert_eq!(validate::reason_type("Wrapup"), Ok(ReasonType::Wrapup));
    for bad in ["Ready", "Wrap-Up", "wrapup", ""] {
        assert_eq!(
            validate::reason_type(bad).unwrap_err().argument,
            "reasonType",
            "{bad:?}"
        );
    }
}

#[test]
fn non_empty_ids() {
    assert_eq!(validate::non_empty("workitemId", "16777217"), Ok(()));
    assert_eq!(validate::non_empty("workitemId", " x "), Ok(()));
    for bad in ["", " ", "\t\n", "\u{3000}"] {
        assert_eq!(
            validate::non_empty("workitemId", bad).unwrap_err().argument,
            "workitemId"
        );
    }
}

#[test]
fn bounded_strings_count_characters() {
    assert_eq!(validate::bounded("address", ""), Ok(()));
    assert_eq!(
        validate::bounded("address", &"x".repeat(MAX_STRING_LEN)),
        Ok(())
    );
    // 4096 two-byte characters: 8192 bytes, still 4096 characters.
    assert_eq!(
        validate::bounded("address", &"é".repeat(MAX_STRING_LEN)),
        Ok(())
    );
    let error = validate::bounded("address", &"é".repeat(MAX_STRING_LEN + 1)).unwrap_err();
    assert_eq!(error.got, "4097 characters");
    assert_eq!(
        error.message(),
        "address: expected a string of at most 4096 characters, got 4097 characters"
    );
}

#[test]
fn updated_data_keys() {
    for good in [
        "callVariable1",
        "user.eccVar1",
        "wrapUpReason",
        "CustomerHoldDuration",
        "u",
    ] {
        assert_eq!(validate::updated_data_key(good), Ok(()), "{good:?}");
    }
    assert_eq!(validate::updated_data_key(&"k".repeat(MAX_KEY_LEN)), Ok(()));
    for bad in [
        "",
        "user.",
        "call variable",
        " callVariable1",
        "a\u{0}b",
        "tab\tkey",
    ] {
        assert_eq!(
            validate::updated_data_key(bad).unwrap_err().argument,
            "updatedData",
            "{bad:?}"
        );
    }
    assert!(validate::updated_data_key(&"k".repeat(MAX_KEY_LEN + 1)).is_err());
}

#[test]
fn updated_data_entry_counts() {
    assert_eq!(validate::updated_data_entries(1), Ok(()));
    assert_eq!(
        validate::updated_data_entries(MAX_UPDATED_DATA_ENTRIES),
        Ok(())
    );
    assert_eq!(
        validate::updated_data_entries(0).unwrap_err().got,
        "0 entries"
    );
    assert_eq!(
        validate::updated_data_entries(MAX_UPDATED_DATA_ENTRIES + 1)
            .unwrap_err()
            .got,
        "257 entries"
    );
}

#[test]
fn arg_error_messages_quote_and_shorten() {
    let error = validate::channel_id("channelId", "Voice").unwrap_err();
    assert!(
        error.message().starts_with("channelId: expected \"voice\""),
        "{error}"
    );
    assert!(error.message().ends_with(", got \"Voice\""));
    assert_eq!(error.message(), error.to_string());

    let long = "ü".repeat(100);
    let error = validate::agent_state(&long).unwrap_err();
    assert_eq!(error.got, format!("\"{}…\"", "ü".repeat(40)));

    let custom = ArgError {
        argument: "updatedData",
        expected: "string values",
        got: "a number".into(),
    };
    assert_eq!(
        custom.message(),
        "updatedData: expected string values, got a number"
    );
}

#[cfg(feature = "serde")]
mod request_params {
    use cil_protocol::requests::{
        DialOrConsultParams, GetReasonCodeListParams, RequestParams, SetAgentStateParams,
        SetWrapupReasonParams, UpdateWorkitemDataParams,
    };
    use cil_protocol::{ReasonType, RequestedState};

    fn rejected_argument(params: impl Into<RequestParams>) -> &'static str {
        params.into().validate().unwrap_err().argument
    }

    #[test]
    fn validate_checks_every_argument() {
        let dial = |channel: &str, address: &str| DialOrConsultParams {
            channel_id: channel.into(),
            address: address.into(),
            request_id: None,
        };
        assert_eq!(rejected_argument(dial("Voice", "1")), "channelId");
        assert_eq!(rejected_argument(dial("voice", " ")), "address");
        let mut long_request_id = dial("voice", "1");
        long_request_id.request_id = Some("r".repeat(5000));
        assert_eq!(rejected_argument(long_request_id), "requestId");

        let reasons = GetReasonCodeListParams {
            channel_id: "voice".into(),
            reason_type: ReasonType::Other("Ready".into()),
            request_id: None,
        };
        assert_eq!(rejected_argument(reasons), "reasonType");

        let state = SetAgentStateParams {
            channel_id: "voice".into(),
            state: RequestedState::Other("Active".into()),
            reason_code: String::new(),
            request_id: None,
        };
        assert_eq!(rejected_argument(state), "state");

        let wrapup = SetWrapupReasonParams {
            channel_id: "voice".into(),
            workitem_id: "w".into(),
            wrap_up_reason: String::new(),
            request_id: None,
        };
        assert_eq!(rejected_argument(wrapup), "wrapUpReason");

        let update = |data: &[(&str, &str)]| UpdateWorkitemDataParams {
            channel_id: "voice".into(),
            workitem_id: "w".into(),
            updated_data: data
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            request_id: None,
        };
        assert_eq!(
            RequestParams::from(update(&[("callVariable1", "1")])).validate(),
            Ok(())
        );
        assert_eq!(rejected_argument(update(&[])), "updatedData");
        assert_eq!(rejected_argument(update(&[("user.", "1")])), "updatedData");
        let long_value = "v".repeat(5000);
        assert_eq!(
            rejected_argument(update(&[("callVariable1", &long_value)])),
            "updatedData"
        );
    }
}
