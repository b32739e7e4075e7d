//! Rules: channel resolution, reason codes, transitions, update rules, wrap-up reasons,
//! queries and request dispatch.

use crate::config::{ChannelConfig, SimConfig};
use crate::dispatch::dispatch;
use crate::names::{ChannelType, ReasonKind, TargetState, WorkitemState};
use crate::testing::*;
use cil_protocol::ErrorCode;
use serde_json::json;

fn two_voice() -> SimConfig {
    let mut c = SimConfig::default();
    c.channels
        .push(ChannelConfig::new("voice_-1", ChannelType::Voice));
    c
}

#[test]
fn voice_resolves_the_voice_channel_and_unknown_channels_fail() {
    let (g, _) = gadget();
    let r = g.get_channel("voice").unwrap();
    assert_eq!(r["channel"]["id"], "voice_5075");
    let err = g.get_channel("telephony").unwrap_err();
    assert_eq!(err.code, ErrorCode::UnknownChannel);
    assert!(err.message.contains("voice_5075"), "{}", err.message);
}

#[test]
fn voice_is_ambiguous_for_get_channel_but_sets_all_channels() {
    let (mut g, _) = gadget_with(two_voice());
    let err = g.get_channel("voice").unwrap_err();
    assert_eq!(err.code, ErrorCode::UnknownChannel);
    assert!(err.message.contains("2 channels"));
    let ev = g
        .set_agent_state("voice", TargetState::Ready, None, "r")
        .unwrap();
    assert_eq!(
        names(&ev),
        vec!["agentStateChange:Ready", "agentStateChange:Ready"]
    );
    assert_eq!(ev[1].data["channelId"], "voice_-1");
}

#[test]
fn set_agent_state_is_all_or_nothing_over_voice_channels() {
    let (mut g, _) = gadget_with(two_voice());
    g.set_agent_state("voice_-1", TargetState::Ready, None, "")
        .unwrap();
    // voice_-1 is Ready already: the whole request fails and voice_5075 stays NotReady
    assert!(g
        .set_agent_state("voice", TargetState::Ready, None, "")
        .is_err());
    assert_eq!(g.channels()[0].state(), crate::names::AgentState::NotReady);
}

#[test]
fn reason_codes_unknown_required_and_changes() {
    let (mut g, _) = gadget();
    let err = g
        .set_agent_state("voice", TargetState::Logout, Some("99"), "")
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::UnknownReasonCode);
    assert!(err.message.contains("10 (End of shift)"));
    // NotReady with the same (no) code is a no-op and refused; a new code is a change
    assert_eq!(
        g.set_agent_state("voice", TargetState::NotReady, None, "")
            .unwrap_err()
            .code,
        ErrorCode::InvalidStateTransition
    );
    assert!(g
        .set_agent_state("voice", TargetState::NotReady, Some("1"), "")
        .is_ok());
    g.set_reason_code_required(true, true);
    ready(&mut g);
    let err = g
        .set_agent_state("voice", TargetState::NotReady, None, "")
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::ReasonCodeRequired);
    let err = g
        .set_agent_state("voice", TargetState::Logout, Some(""), "")
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::ReasonCodeRequired);
    // Ready ignores a code
    g.set_agent_state("voice", TargetState::NotReady, Some("4"), "")
        .unwrap();
    let ev = g
        .set_agent_state("voice", TargetState::Ready, Some("4"), "")
        .unwrap();
    assert_eq!(ev[0].data["newReasonCode"], -1);
}

#[test]
fn illegal_transitions_are_refused() {
    let (mut g, _) = gadget();
    ready(&mut g);
    assert_eq!(
        g.set_agent_state("voice", TargetState::Ready, None, "")
            .unwrap_err()
            .code,
        ErrorCode::InvalidStateTransition
    );
    let (id, _) = g.incoming_call(call("1")).unwrap();
    let err = g
        .set_agent_state("voice", TargetState::NotReady, Some("1"), "")
        .unwrap_err();
    assert!(err.message.contains("Active"), "{}", err.message);
    g.answer(&id).unwrap();
    g.hang_up(&id).unwrap();
    assert!(g
        .set_agent_state("voice", TargetState::Logout, None, "")
        .is_err());
    assert!(
        g.incoming_call(call("2")).is_err(),
        "no call offered in Wrapup"
    );
    g.end_wrapup(&id, None).unwrap();
    g.set_agent_state("voice", TargetState::Logout, None, "")
        .unwrap();
    let err = g
        .set_agent_state("voice", TargetState::Ready, None, "")
        .unwrap_err();
    assert!(err.message.contains("logged out"));
    // the gadget UI logs in
    assert!(g
        .gadget_set_agent_state("voice", TargetState::NotReady, Some("2"))
        .is_ok());
    assert!(g.login(TargetState::Ready).is_err());
}

#[test]
fn update_rules() {
    let (mut g, _) = gadget();
    let (id, _) = g.incoming_call(call("1")).unwrap();
    let data = json!({"callVariable1": "a"});
    let d = data.as_object().unwrap();
    let refused = |g: &mut crate::gadget::Gadget, id: &str| {
        let e = g.update_workitem_data("voice", id, d, "").unwrap_err();
        assert_eq!(e.code, ErrorCode::UpdateNotAllowed, "{}", e.message);
        assert!(!g.is_update_enabled("voice", id).unwrap());
        e.message
    };
    assert!(refused(&mut g, &id).contains("Offered"));
    g.answer(&id).unwrap();
    assert!(g.is_update_enabled("voice_5075", &id).unwrap());
    g.hold(&id).unwrap();
    assert!(refused(&mut g, &id).contains("Paused"));
    g.resume(&id).unwrap();
    // consultation call data cannot be updated
    let ev = g.dial_or_consult("voice", "5002", "").unwrap();
    let consult = ev[1].field("id").unwrap().to_owned();
    g.answer(&consult).unwrap();
    assert!(refused(&mut g, &consult).contains("consultation"));
    g.hang_up(&consult).unwrap();
    g.resume(&id).unwrap();
    g.hang_up(&id).unwrap();
    assert!(refused(&mut g, &id).contains("Wrapup"));
    // unknown work item
    let e = g.update_workitem_data("voice", "nope", d, "").unwrap_err();
    assert_eq!(e.code, ErrorCode::UnknownWorkitem);
    assert_eq!(
        g.is_update_enabled("voice", "nope").unwrap_err().code,
        ErrorCode::UnknownWorkitem
    );
}

#[test]
fn only_the_owner_may_update() {
    let (mut g, _) = gadget();
    let mut c = call("1");
    c.owner = Some("2002".into());
    let (id, _) = g.incoming_call(c).unwrap();
    g.answer(&id).unwrap();
    let e = g
        .update_workitem_data(
            "voice",
            &id,
            json!({"callVariable1": "a"}).as_object().unwrap(),
            "",
        )
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::UpdateNotAllowed);
    assert!(e.message.contains("owned by agent '2002'"));
}

#[test]
fn update_values_must_be_strings_and_keys_known_and_nothing_changes_on_refusal() {
    let (mut g, _) = gadget();
    let (id, _) = g.incoming_call(call("1")).unwrap();
    g.answer(&id).unwrap();
    for bad in [
        json!({"callVariable1": "ok", "callVariable2": 5}),
        json!({"callVariable11": "x"}),
        json!({"user.": "x"}),
        json!({"foo": "x"}),
    ] {
        let e = g
            .update_workitem_data("voice", &id, bad.as_object().unwrap(), "")
            .unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidArgument, "{bad}");
    }
    assert!(
        g.workitem(&id).unwrap().cti.call_variables.is_empty(),
        "refused requests change nothing"
    );
}

#[test]
fn custom_wrapup_reason_joins_the_list_and_leaves_it() {
    let (mut g, _) = gadget();
    let (id, _) = g.incoming_call(call("1")).unwrap();
    g.answer(&id).unwrap();
    g.hang_up(&id).unwrap();
    let list = |g: &crate::gadget::Gadget| -> Vec<String> {
        g.reason_code_list("voice", ReasonKind::Wrapup)
            .unwrap()
            .into_iter()
            .map(|r| r.label)
            .collect()
    };
    assert_eq!(list(&g).len(), 4);
    g.set_wrapup_reason("voice", &id, "Callback promised", "")
        .unwrap();
    assert_eq!(
        list(&g).last().map(String::as_str),
        Some("Callback promised")
    );
    assert_eq!(
        g.workitem(&id).unwrap().wrapup_reason.as_deref(),
        Some("Callback promised")
    );
    g.set_wrapup_reason("voice", &id, "Sale", "").unwrap();
    assert_eq!(list(&g).len(), 4);
    assert!(!list(&g).contains(&"Callback promised".to_string()));
    // refused before connect and on an empty reason
    let (id2, _) = {
        g.end_wrapup(&id, None).unwrap();
        g.incoming_call(call("2")).unwrap()
    };
    assert_eq!(
        g.set_wrapup_reason("voice", &id2, "Sale", "")
            .unwrap_err()
            .code,
        ErrorCode::UpdateNotAllowed
    );
    assert_eq!(
        g.set_wrapup_reason("voice", &id2, " ", "")
            .unwrap_err()
            .code,
        ErrorCode::InvalidArgument
    );
}

#[test]
fn get_channel_shape() {
    let (mut g, _) = gadget();
    let (id, _) = g.incoming_call(call("1")).unwrap();
    let r = g.get_channel("voice").unwrap();
    for key in [
        "activeDeviceId",
        "channel",
        "extension",
        "firstName",
        "agentId",
        "lastName",
        "loginName",
        "teamId",
    ] {
        assert!(r.get(key).is_some(), "{key}");
    }
    let ch = &r["channel"];
    for key in [
        "id",
        "type",
        "state",
        "reasonCode",
        "reasonCodeLabel",
        "stateChangeTime",
        "workitems",
    ] {
        assert!(ch.get(key).is_some(), "{key}");
    }
    assert_eq!(ch["workitems"][0]["id"], id.as_str());
    assert_eq!(ch["workitems"][0]["state"], "Offered");
    let typed: Result<cil_protocol::types::GetChannelResult, _> = serde_json::from_value(r.clone());
    assert!(typed.is_ok(), "{:?}", typed.err());
}

#[test]
fn dispatch_requests_and_failures() {
    let (mut g, _) = gadget();
    let out = dispatch(
        &mut g,
        "getReasonCodeList",
        &json!({"channelId": "voice", "reasonType": "NotReady", "requestId": "q"}),
    );
    assert_eq!(out.result.unwrap()[0], json!({"id": "1", "label": "Break"}));
    assert!(out.events.is_empty());
    let out = dispatch(
        &mut g,
        "setAgentState",
        &json!({"channelId": "voice", "state": "Ready", "requestId": "s1"}),
    );
    assert_eq!(out.result, Ok(serde_json::Value::Null));
    assert_eq!(names(&out.events), vec!["agentStateChange:Ready"]);
    assert_eq!(out.events[0].request_id(), "s1");
    // a failure: error result and an error event with the request's id
    let out = dispatch(
        &mut g,
        "setAgentState",
        &json!({"channelId": "voice_9", "state": "Ready", "requestId": "s2"}),
    );
    assert_eq!(
        out.result.as_ref().unwrap_err().code,
        ErrorCode::UnknownChannel
    );
    assert_eq!(names(&out.events), vec!["error"]);
    assert_eq!(out.events[0].request_id(), "s2");
    assert_eq!(
        out.events[0].field("message"),
        Some(out.result.unwrap_err().message.as_str())
    );
    for (method, params, code) in [
        ("dial", json!({}), ErrorCode::UnknownMethod),
        ("getChannel", json!({}), ErrorCode::InvalidArgument),
        (
            "getChannel",
            json!({"channelId": 5}),
            ErrorCode::InvalidArgument,
        ),
        ("getChannel", json!([]), ErrorCode::InvalidArgument),
        (
            "setAgentState",
            json!({"channelId": "voice", "state": "Active"}),
            ErrorCode::InvalidArgument,
        ),
        (
            "getReasonCodeList",
            json!({"channelId": "voice", "reasonType": "x"}),
            ErrorCode::InvalidArgument,
        ),
        (
            "updateWorkitemData",
            json!({"channelId": "voice", "workitemId": "1"}),
            ErrorCode::InvalidArgument,
        ),
        (
            "isUpdateWorkitemDataEnabled",
            json!({"channelId": "voice", "workitemId": "1"}),
            ErrorCode::UnknownWorkitem,
        ),
        (
            "dialOrConsult",
            json!({"channelId": "voice", "address": " "}),
            ErrorCode::InvalidArgument,
        ),
    ] {
        let out = dispatch(&mut g, method, &params);
        assert_eq!(out.result.unwrap_err().code, code, "{method} {params}");
        assert_eq!(out.events.len(), 1);
    }
    let out = dispatch(
        &mut g,
        "isUpdateWorkitemDataEnabled",
        &json!({"channelId": "voice", "workitemId": "1", "requestId": 7}),
    );
    assert_eq!(out.request_id, "", "a non-string requestId is ignored");
}

#[test]
fn dial_rules() {
    let (mut g, _) = gadget();
    g.create_channel(ChannelConfig::new("chat", ChannelType::Chat))
        .unwrap();
    assert_eq!(
        g.dial_or_consult("chat", "1", "").unwrap_err().code,
        ErrorCode::InvalidArgument
    );
    let (id, _) = g.incoming_call(call("1")).unwrap();
    // consult while the call is still ringing is refused
    assert_eq!(
        g.dial_or_consult("voice", "2", "").unwrap_err().code,
        ErrorCode::InvalidStateTransition
    );
    assert_eq!(g.workitem(&id).unwrap().state, WorkitemState::Offered);
}

#[test]
fn script_errors_name_the_work_item() {
    let (mut g, _) = gadget();
    let e = g.answer("42").unwrap_err();
    assert_eq!(e.code, ErrorCode::UnknownWorkitem);
    let (id, _) = g.incoming_call(call("1")).unwrap();
    let e = g.end_wrapup(&id, None).unwrap_err();
    assert!(
        e.message.contains("Offered") && e.message.contains("Wrapup"),
        "{}",
        e.message
    );
    assert!(g.set_call_variable(&id, "bogus", "x").is_err());
    let mut bad = call("x");
    bad.call_variables
        .insert("callVariable0".into(), "x".into());
    assert!(g.incoming_call(bad).is_err());
    let ev = g.raise_error("CTI link down");
    assert_eq!(names(&ev), vec!["error"]);
    assert_eq!(ev[0].request_id(), "");
}

#[test]
fn hostile_sizes_are_refused_and_never_echoed_in_full() {
    let (mut g, _) = gadget();
    let huge = "x".repeat(100_000);
    let out = dispatch(&mut g, "getChannel", &json!({"channelId": huge}));
    let err = out.result.unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidArgument);
    assert!(err.message.len() < 200, "{}", err.message);
    let long = "y".repeat(1000);
    let err = g.get_channel(&long).unwrap_err();
    assert!(
        err.message.len() < 300 && err.message.contains("1000 bytes"),
        "{}",
        err.message
    );
    let (id, _) = g.incoming_call(call("1")).unwrap();
    g.answer(&id).unwrap();
    let mut data = serde_json::Map::new();
    data.insert("z".repeat(5000), json!("v"));
    let err = g.update_workitem_data("voice", &id, &data, "").unwrap_err();
    assert!(err.message.len() < 300, "{}", err.message);
    let long_value = json!({"callVariable1": "v".repeat(5000)});
    let err = g
        .update_workitem_data("voice", &id, long_value.as_object().unwrap(), "")
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidArgument);
    let many: serde_json::Map<_, _> = (0..300)
        .map(|i| (format!("user.v{i}"), json!("x")))
        .collect();
    assert_eq!(
        g.update_workitem_data("voice", &id, &many, "")
            .unwrap_err()
            .code,
        ErrorCode::InvalidArgument
    );
}
