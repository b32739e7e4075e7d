//! The event scenarios of domain-notes §6, each asserting the exact order of events.

use crate::config::SimConfig;
use crate::names::{AgentState, TargetState};
use crate::testing::*;
use serde_json::json;

fn s(v: &[&str]) -> Vec<String> {
    v.iter().map(|x| x.to_string()).collect()
}

#[test]
fn login_ready_not_ready_logout() {
    let config = SimConfig {
        initial_state: AgentState::Logout,
        ..SimConfig::default()
    };
    let (mut g, clock) = gadget_with(config);
    let ev = g
        .gadget_set_agent_state("voice", TargetState::Ready, None)
        .unwrap();
    assert_eq!(
        names(&ev),
        s(&["agentStateChange:NotReady", "agentStateChange:Ready"])
    );
    assert_eq!(ev[0].data["oldState"], "Logout");
    clock.advance(1000);
    let ev = g
        .set_agent_state("voice_5075", TargetState::NotReady, Some("2"), "r1")
        .unwrap();
    assert_eq!(names(&ev), s(&["agentStateChange:NotReady"]));
    assert_eq!(ev[0].data["newReasonCode"], 2);
    assert_eq!(ev[0].data["newReasonCodeLabel"], "Lunch");
    assert_eq!(ev[0].data["oldReasonCode"], -1);
    assert_eq!(ev[0].data["newStateChangeTime"], "2020-07-28T09:51:18.000Z");
    assert_eq!(ev[0].data["oldStateChangeTime"], "2020-07-28T09:51:17.000Z");
    assert_eq!(ev[0].request_id(), "r1");
    let ev = g
        .set_agent_state("voice", TargetState::Logout, Some("10"), "r2")
        .unwrap();
    assert_eq!(names(&ev), s(&["agentStateChange:Logout"]));
    assert_eq!(ev[0].data["oldReasonCodeLabel"], "Lunch");
    assert_eq!(ev[0].data["newReasonCodeLabel"], "End of shift");
}

#[test]
fn incoming_while_ready_without_wrapup() {
    let (mut g, _) = gadget_no_wrapup();
    ready(&mut g);
    let (id, ev) = g.incoming_call(call("+41441234567")).unwrap();
    assert_eq!(
        names(&ev),
        s(&["agentStateChange:Active", "workitemCreate:Offered"])
    );
    assert_eq!(ev[0].data["oldState"], "Ready");
    assert!(
        ev[1].data.get("activity").is_none(),
        "activity is empty on create"
    );
    assert_eq!(ev[1].data["direction"], "Incoming");
    assert_eq!(ev[1].data["classification"], "Customer");
    assert_eq!(ev[1].data["ani"], "+41441234567");
    let ev = g.answer(&id).unwrap();
    assert_eq!(names(&ev), s(&["workitemConnect:Active"]));
    assert_eq!(ev[0].data["activity"]["recordType"], "phonecall");
    assert_eq!(ev[0].data["connectedAt"], "2020-07-28T09:51:17.000Z");
    let ev = g.hang_up(&id).unwrap();
    assert_eq!(
        names(&ev),
        s(&["workitemEnd:Ended", "agentStateChange:Ready"])
    );
    assert!(g.workitems().is_empty());
}

#[test]
fn incoming_while_not_ready() {
    let (mut g, _) = gadget();
    let (id, ev) = g.incoming_call(call("100")).unwrap();
    assert_eq!(names(&ev), s(&["workitemCreate:Offered"]));
    let ev = g.answer(&id).unwrap();
    assert_eq!(
        names(&ev),
        s(&["agentStateChange:Active", "workitemConnect:Active"])
    );
    assert_eq!(ev[0].data["oldState"], "NotReady");
}

#[test]
fn hold_and_resume() {
    let (mut g, _) = gadget();
    let (id, _) = g.incoming_call(call("100")).unwrap();
    g.answer(&id).unwrap();
    assert_eq!(names(&g.hold(&id).unwrap()), s(&["workitemPause:Paused"]));
    assert_eq!(
        g.hold(&id).unwrap_err().code,
        cil_protocol::ErrorCode::InvalidStateTransition
    );
    assert_eq!(
        names(&g.resume(&id).unwrap()),
        s(&["workitemResume:Active"])
    );
    assert!(g.resume(&id).is_err());
}

#[test]
fn call_end_with_wrapup_returns_to_the_state_before() {
    let (mut g, _) = gadget();
    ready(&mut g);
    let (id, _) = g.incoming_call(call("100")).unwrap();
    g.answer(&id).unwrap();
    let ev = g.hang_up(&id).unwrap();
    assert_eq!(
        names(&ev),
        s(&["workitemWrapup:Wrapup", "agentStateChange:Wrapup"])
    );
    assert_eq!(ev[1].data["oldState"], "Active");
    let ev = g.end_wrapup(&id, None).unwrap();
    assert_eq!(
        names(&ev),
        s(&["workitemEnd:Ended", "agentStateChange:Ready"])
    );
    assert_eq!(ev[1].data["oldState"], "Wrapup");
}

#[test]
fn wrapup_ended_by_set_agent_state_carries_the_request_id() {
    let (mut g, _) = gadget();
    ready(&mut g);
    let (id, _) = g.incoming_call(call("100")).unwrap();
    g.answer(&id).unwrap();
    g.hang_up(&id).unwrap();
    let ev = g
        .set_agent_state("voice", TargetState::NotReady, Some("1"), "r9")
        .unwrap();
    assert_eq!(
        names(&ev),
        s(&["workitemEnd:Ended", "agentStateChange:NotReady"])
    );
    assert!(ev.iter().all(|e| e.request_id() == "r9"));
    assert_eq!(ev[1].data["newReasonCodeLabel"], "Break");
}

#[test]
fn wrapup_back_to_not_ready_with_its_reason() {
    let (mut g, _) = gadget();
    g.set_agent_state("voice", TargetState::NotReady, Some("3"), "")
        .unwrap();
    let (id, _) = g.incoming_call(call("100")).unwrap();
    g.answer(&id).unwrap();
    g.hang_up(&id).unwrap();
    let ev = g.end_wrapup(&id, None).unwrap();
    assert_eq!(ev[1].data["newState"], "NotReady");
    assert_eq!(ev[1].data["newReasonCodeLabel"], "Meeting");
}

#[test]
fn end_wrapup_to_an_explicit_state() {
    let (mut g, _) = gadget();
    let (id, _) = g.incoming_call(call("100")).unwrap();
    g.answer(&id).unwrap();
    g.hang_up(&id).unwrap();
    let ev = g.end_wrapup(&id, Some((TargetState::Ready, None))).unwrap();
    assert_eq!(
        names(&ev),
        s(&["workitemEnd:Ended", "agentStateChange:Ready"])
    );
}

#[test]
fn unanswered_call_is_abandoned() {
    let (mut g, _) = gadget();
    ready(&mut g);
    let (id, _) = g.incoming_call(call("100")).unwrap();
    let ev = g.hang_up(&id).unwrap();
    assert_eq!(
        names(&ev),
        s(&["workitemEnd:EndedAbandoned", "agentStateChange:Ready"])
    );
    let (mut g, _) = gadget();
    let (id, _) = g.incoming_call(call("100")).unwrap();
    assert_eq!(
        names(&g.hang_up(&id).unwrap()),
        s(&["workitemEnd:EndedAbandoned"])
    );
}

#[test]
fn outgoing_call_via_dial_or_consult() {
    let (mut g, _) = gadget_no_wrapup();
    let ev = g.dial_or_consult("voice", "+41449999999", "d1").unwrap();
    assert_eq!(
        names(&ev),
        s(&["workitemCreate:Initiated", "agentStateChange:Active"])
    );
    assert!(ev.iter().all(|e| e.request_id() == "d1"));
    assert_eq!(ev[0].data["direction"], "Outgoing");
    assert_eq!(ev[0].data["classification"], "Customer");
    assert_eq!(ev[0].data["ctiData"]["outboundClassification"], "VOICE");
    let id = ev[0].field("id").unwrap().to_owned();
    assert_eq!(
        names(&g.answer(&id).unwrap()),
        s(&["workitemConnect:Active"])
    );
    let ev = g.hang_up(&id).unwrap();
    assert_eq!(
        names(&ev),
        s(&["workitemEnd:Ended", "agentStateChange:NotReady"])
    );
}

#[test]
fn consultation_holds_the_customer_call_and_transfer_ends_both() {
    let (mut g, _) = gadget();
    ready(&mut g);
    let (cust, _) = g.incoming_call(call("100")).unwrap();
    g.answer(&cust).unwrap();
    let ev = g.dial_or_consult("voice", "5002", "c1").unwrap();
    assert_eq!(
        names(&ev),
        s(&["workitemPause:Paused", "workitemCreate:Initiated"])
    );
    assert_eq!(ev[1].data["classification"], "Consultation");
    let consult = ev[1].field("id").unwrap().to_owned();
    assert_eq!(
        g.dial_or_consult("voice", "5003", "").unwrap_err().code,
        cil_protocol::ErrorCode::InvalidStateTransition
    );
    g.answer(&consult).unwrap();
    let ev = g.transfer(&consult).unwrap();
    assert_eq!(
        names(&ev),
        s(&[
            "workitemEnd:Ended",
            "workitemWrapup:Wrapup",
            "agentStateChange:Wrapup"
        ])
    );
    let ev = g.end_wrapup(&cust, None).unwrap();
    assert_eq!(
        names(&ev),
        s(&["workitemEnd:EndedTransferred", "agentStateChange:Ready"])
    );
}

#[test]
fn consultation_hang_up_leaves_the_customer_call_held() {
    let (mut g, _) = gadget();
    let (cust, _) = g.incoming_call(call("100")).unwrap();
    g.answer(&cust).unwrap();
    let ev = g.dial_or_consult("voice", "5002", "").unwrap();
    let consult = ev[1].field("id").unwrap().to_owned();
    g.answer(&consult).unwrap();
    assert_eq!(
        names(&g.hang_up(&consult).unwrap()),
        s(&["workitemEnd:Ended"])
    );
    assert_eq!(
        g.workitem(&cust).unwrap().state,
        crate::names::WorkitemState::Paused
    );
    assert_eq!(
        names(&g.resume(&cust).unwrap()),
        s(&["workitemResume:Active"])
    );
}

#[test]
fn call_variable_and_wrapup_data_changes() {
    let (mut g, _) = gadget();
    let (id, _) = g.incoming_call(call("100")).unwrap();
    g.answer(&id).unwrap();
    let data = json!({"callVariable1": "12345", "user.eccVar1": "999999"});
    let ev = g
        .update_workitem_data("voice", &id, data.as_object().unwrap(), "u1")
        .unwrap();
    assert_eq!(names(&ev), s(&["callVariableChanged:Active"]));
    assert_eq!(ev[0].data["ctiData"]["callVariable1"], "12345");
    assert_eq!(ev[0].data["ctiData"]["user.eccVar1"], "999999");
    assert_eq!(ev[0].request_id(), "u1");
    // the same values again change nothing: no event
    assert!(g
        .update_workitem_data("voice", &id, data.as_object().unwrap(), "")
        .unwrap()
        .is_empty());
    let data = json!({"callVariable2": "x", "wrapUpReason": "Documentation"});
    let ev = g
        .update_workitem_data("voice", &id, data.as_object().unwrap(), "u2")
        .unwrap();
    assert_eq!(
        names(&ev),
        s(&["callVariableChanged:Active", "wrapupDataChanged:Active"])
    );
    assert_eq!(ev[1].data["ctiData"]["wrapUpReason"], "Documentation");
    let ev = g.set_call_variable(&id, "callVariable3", "gadget").unwrap();
    assert_eq!(names(&ev), s(&["callVariableChanged:Active"]));
    let ev = g.set_wrapup_reason("voice", &id, "Sale", "w1").unwrap();
    assert_eq!(names(&ev), s(&["wrapupDataChanged:Active"]));
}

#[test]
fn call_recovery_at_login() {
    let config = SimConfig {
        initial_state: AgentState::Logout,
        ..SimConfig::default()
    };
    let (mut g, _) = gadget_with(config);
    let (id, ev) = g.incoming_call(call("100")).unwrap();
    assert!(ev.is_empty(), "a logged-out gadget sends nothing");
    let ev = g
        .gadget_set_agent_state("voice", TargetState::Ready, None)
        .unwrap();
    assert_eq!(
        names(&ev),
        s(&[
            "agentStateChange:NotReady",
            "workitemCreate:Active",
            "agentStateChange:Active"
        ])
    );
    assert_eq!(ev[1].field("id"), Some(id.as_str()));
    let ev = g.hang_up(&id).unwrap();
    g.end_wrapup(&id, None).unwrap();
    assert_eq!(
        names(&ev),
        s(&["workitemWrapup:Wrapup", "agentStateChange:Wrapup"])
    );
}

#[test]
fn channel_creation() {
    let (mut g, _) = gadget();
    let ev = g
        .create_channel(crate::config::ChannelConfig::new(
            "chat_1",
            crate::names::ChannelType::Chat,
        ))
        .unwrap();
    assert_eq!(names(&ev), s(&["createChannel"]));
    assert_eq!(ev[0].data["id"], "chat_1");
    assert_eq!(ev[0].data["type"], "Chat");
    assert_eq!(ev[0].data["activeState"], "NotReady");
    assert_eq!(ev[0].data["stateChangeInProgress"], false);
    assert!(g
        .create_channel(crate::config::ChannelConfig::new(
            "chat_1",
            crate::names::ChannelType::Chat
        ))
        .is_err());
}

#[test]
fn replay_lists_state_and_work_items() {
    let (mut g, _) = gadget();
    ready(&mut g);
    let (id, _) = g.incoming_call(call("100")).unwrap();
    g.answer(&id).unwrap();
    let ev = g.replay();
    assert_eq!(
        names(&ev),
        s(&["agentStateChange:Active", "workitemCreate:Active"])
    );
    assert!(ev.iter().all(|e| e.request_id().is_empty()));
}

#[test]
fn auto_accept_connects_at_once_without_activity() {
    let config = SimConfig {
        auto_accept: true,
        ..SimConfig::default()
    };
    let (mut g, _) = gadget_with(config);
    let (_, ev) = g.incoming_call(call("100")).unwrap();
    assert_eq!(
        names(&ev),
        s(&[
            "workitemCreate:Offered",
            "agentStateChange:Active",
            "workitemConnect:Active"
        ])
    );
    assert!(ev[2].data.get("activity").is_none());
}

/// The click path of the demo's end-to-end test, as one model-level scenario.
#[test]
fn demo_walkthrough() {
    let (mut g, _) = gadget();
    let mut all = Vec::new();
    all.extend(
        g.gadget_set_agent_state("voice", TargetState::Ready, None)
            .unwrap(),
    );
    let (id, ev) = g.incoming_call(call("+41441234567")).unwrap();
    all.extend(ev);
    all.extend(g.answer(&id).unwrap());
    all.extend(g.hold(&id).unwrap());
    all.extend(g.resume(&id).unwrap());
    let data = json!({"callVariable1": "case-42"});
    all.extend(
        g.update_workitem_data("voice", &id, data.as_object().unwrap(), "")
            .unwrap(),
    );
    all.extend(g.hang_up(&id).unwrap());
    all.extend(
        g.set_wrapup_reason("voice", &id, "Documentation", "")
            .unwrap(),
    );
    all.extend(g.end_wrapup(&id, None).unwrap());
    assert_eq!(
        names(&all),
        s(&[
            "agentStateChange:Ready",
            "agentStateChange:Active",
            "workitemCreate:Offered",
            "workitemConnect:Active",
            "workitemPause:Paused",
            "workitemResume:Active",
            "callVariableChanged:Active",
            "workitemWrapup:Wrapup",
            "agentStateChange:Wrapup",
            "wrapupDataChanged:Wrapup",
            "workitemEnd:Ended",
            "agentStateChange:Ready",
        ])
    );
}

/// A gadget whose calls ring for at most 15 s.
fn gadget_with_rona() -> (crate::gadget::Gadget, crate::clock::FakeClock) {
    let mut config = SimConfig::default();
    config.rona.timeout_ms = Some(15_000);
    gadget_with(config)
}

#[test]
fn unanswered_call_rings_out_while_ready_rona() {
    let (mut g, clock) = gadget_with_rona();
    ready(&mut g);
    let (id, ev) = g.incoming_call(call("100")).unwrap();
    assert_eq!(
        names(&ev),
        s(&["agentStateChange:Active", "workitemCreate:Offered"])
    );
    assert_eq!(g.next_deadline().map(|t| t.0), Some(T0 + 15_000));
    clock.advance(14_999);
    assert!(g.run_due().is_empty(), "not yet");
    clock.advance(1);
    let ev = g.run_due();
    assert_eq!(
        names(&ev),
        s(&["workitemEnd:EndedAbandoned", "agentStateChange:NotReady"])
    );
    assert_eq!(ev[0].field("id"), Some(id.as_str()));
    assert_eq!(ev[1].data["newReasonCode"], 32767);
    assert_eq!(ev[1].data["newReasonCodeLabel"], "Redirected on no answer");
    assert_eq!(ev[1].data["oldState"], "Active");
    assert!(ev.iter().all(|e| e.request_id().is_empty()));
    assert!(g.workitems().is_empty());
    assert_eq!(g.next_deadline(), None);
    // The agent is NotReady(32767) and can go Ready again.
    assert_eq!(
        names(
            &g.set_agent_state("voice", TargetState::Ready, None, "")
                .unwrap()
        ),
        s(&["agentStateChange:Ready"])
    );
}

#[test]
fn unanswered_call_rings_out_while_not_ready_and_an_answered_one_does_not() {
    let (mut g, clock) = gadget_with_rona();
    g.set_agent_state("voice", TargetState::NotReady, Some("1"), "")
        .unwrap();
    let (_, ev) = g.incoming_call(call("100")).unwrap();
    assert_eq!(names(&ev), s(&["workitemCreate:Offered"]));
    clock.advance(15_000);
    let ev = g.run_due();
    assert_eq!(
        names(&ev),
        s(&["workitemEnd:EndedAbandoned", "agentStateChange:NotReady"])
    );
    assert_eq!(ev[1].data["oldReasonCode"], 1);
    assert_eq!(ev[1].data["newReasonCode"], 32767);
    // Answered in time: the timer is gone.
    let (id, _) = g.incoming_call(call("200")).unwrap();
    clock.advance(1_000);
    g.answer(&id).unwrap();
    assert_eq!(g.next_deadline(), None);
    clock.advance(60_000);
    assert!(g.run_due().is_empty());
}

#[test]
fn a_second_call_rings_out_during_a_call_and_the_agent_goes_not_ready_after_it() {
    let (mut g, clock) = gadget_with_rona();
    ready(&mut g);
    let (first, _) = g.incoming_call(call("100")).unwrap();
    g.answer(&first).unwrap();
    let (_, ev) = g.incoming_call(call("200")).unwrap();
    assert_eq!(names(&ev), s(&["workitemCreate:Offered"]));
    clock.advance(15_000);
    assert_eq!(names(&g.run_due()), s(&["workitemEnd:EndedAbandoned"]));
    assert_eq!(
        names(&g.hang_up(&first).unwrap()),
        s(&["workitemWrapup:Wrapup", "agentStateChange:Wrapup"])
    );
    let ev = g.end_wrapup(&first, None).unwrap();
    assert_eq!(
        names(&ev),
        s(&["workitemEnd:Ended", "agentStateChange:NotReady"])
    );
    assert_eq!(ev[1].data["newReasonCode"], 32767);
}

#[test]
fn ring_no_answer_on_demand_and_its_configuration() {
    let (mut g, _) = gadget();
    ready(&mut g);
    assert_eq!(g.next_deadline(), None, "no RONA time by default");
    let (id, _) = g.incoming_call(call("100")).unwrap();
    let ev = g.ring_no_answer(&id).unwrap();
    assert_eq!(
        names(&ev),
        s(&["workitemEnd:EndedAbandoned", "agentStateChange:NotReady"])
    );
    let (id, _) = g.incoming_call(call("100")).unwrap();
    g.answer(&id).unwrap();
    assert_eq!(
        g.ring_no_answer(&id).unwrap_err().code,
        cil_protocol::ErrorCode::InvalidStateTransition
    );
    assert!(g.set_rona_timeout(Some(0)).is_err());
    assert!(g.set_rona_timeout(Some(86_400_001)).is_err());
    g.set_rona_timeout(Some(500)).unwrap();
    let config = SimConfig::from_value(
        &json!({"rona": {"timeoutMs": 8000, "reasonCode": {"id": 50, "label": "RONA"}}}),
    )
    .unwrap();
    assert_eq!(config.rona.timeout_ms, Some(8000));
    assert_eq!(config.rona.reason_code.id, "50");
    assert!(SimConfig::from_value(&json!({"rona": {"timeoutMs": 0}})).is_err());
    assert!(SimConfig::from_value(&json!({"rona": {"timout": 5}})).is_err());
}

#[test]
fn consult_then_conference_and_only_the_creator_updates_its_data() {
    use crate::dispatch::dispatch;
    let (mut g, _) = gadget();
    ready(&mut g);
    let (cust, _) = g.incoming_call(call("+41 44 100 00 00")).unwrap();
    g.answer(&cust).unwrap();
    let ev = g.dial_or_consult("voice", "5002", "c1").unwrap();
    assert_eq!(
        names(&ev),
        s(&["workitemPause:Paused", "workitemCreate:Initiated"])
    );
    let consult = ev[1].field("id").unwrap().to_owned();
    // The consultation must be answered first.
    assert_eq!(
        g.conference(&consult).unwrap_err().code,
        cil_protocol::ErrorCode::InvalidStateTransition
    );
    assert_eq!(
        names(&g.answer(&consult).unwrap()),
        s(&["workitemConnect:Active"])
    );
    assert!(g
        .workitem(&consult)
        .unwrap()
        .capabilities()
        .contains(&"Conference"));
    let ev = g.conference(&consult).unwrap();
    assert_eq!(
        names(&ev),
        s(&["workitemEnd:Ended", "workitemResume:Active"])
    );
    assert_eq!(ev[0].field("id"), Some(consult.as_str()));
    assert_eq!(ev[0].data["classification"], "Consultation");
    assert_eq!(ev[1].field("id"), Some(cust.as_str()));
    assert_eq!(ev[1].data["classification"], "Conference");
    assert_eq!(
        ev[1].data["participants"],
        json!([{"address": "+41 44 100 00 00"}, {"address": "5001"}, {"address": "5002"}])
    );
    assert!(ev.iter().all(|e| e.request_id().is_empty()));
    assert_eq!(g.workitems().len(), 1);
    // This agent created it: it may update the data, through the API too.
    let enabled = dispatch(
        &mut g,
        "isUpdateWorkitemDataEnabled",
        &json!({"channelId": "voice", "workitemId": cust}),
    );
    assert_eq!(enabled.result, Ok(json!(true)));
    let update = dispatch(
        &mut g,
        "updateWorkitemData",
        &json!({"channelId": "voice", "workitemId": cust, "updatedData": {"callVariable1": "conf"}, "requestId": "u1"}),
    );
    assert_eq!(update.result, Ok(json!(null)));
    assert_eq!(names(&update.events), s(&["callVariableChanged:Active"]));
    assert_eq!(update.events[0].request_id(), "u1");
    // No second conference without a new consultation; the conference ends like a call.
    assert_eq!(
        g.conference(&cust).unwrap_err().code,
        cil_protocol::ErrorCode::InvalidStateTransition
    );
    assert_eq!(
        names(&g.hang_up(&cust).unwrap()),
        s(&["workitemWrapup:Wrapup", "agentStateChange:Wrapup"])
    );
}

#[test]
fn a_conference_created_by_another_agent_cannot_be_updated_by_this_one() {
    use crate::dispatch::dispatch;
    let (mut g, _) = gadget();
    let mut joined = call("+41 44 200 00 00");
    joined.conference_creator = Some("2002".into());
    joined.participants = vec!["5002".into()];
    let (id, ev) = g.incoming_call(joined).unwrap();
    assert_eq!(ev[0].data["classification"], "Conference");
    assert_eq!(
        ev[0].data["participants"],
        json!([{"address": "+41 44 200 00 00"}, {"address": "5001"}, {"address": "5002"}])
    );
    g.answer(&id).unwrap();
    let enabled = dispatch(
        &mut g,
        "isUpdateWorkitemDataEnabled",
        &json!({"channelId": "voice", "workitemId": id}),
    );
    assert_eq!(enabled.result, Ok(json!(false)));
    let update = dispatch(
        &mut g,
        "updateWorkitemData",
        &json!({"channelId": "voice", "workitemId": id, "updatedData": {"callVariable1": "x"}, "requestId": "u2"}),
    );
    let err = update.result.unwrap_err();
    assert_eq!(err.code, cil_protocol::ErrorCode::UpdateNotAllowed);
    assert!(
        err.message.contains("only the creator of a conference"),
        "{}",
        err.message
    );
    assert_eq!(names(&update.events), s(&["error"]));
    assert_eq!(update.events[0].request_id(), "u2");
    let mut both = call("1");
    both.conference_creator = Some("2002".into());
    both.owner = Some("3003".into());
    assert!(g.incoming_call(both).is_err());
}

/// `name:state` of each event, where the state of a statistics event is its data state.
fn tagged(events: &[crate::event::Event]) -> Vec<String> {
    names(events)
        .into_iter()
        .zip(events)
        .map(
            |(n, e)| match (e.field("dataState"), e.field("teamDataState")) {
                (Some(s), _) | (_, Some(s)) => format!("{n}:{s}"),
                _ => n,
            },
        )
        .collect()
}

/// A command's events followed by the statistics events it caused, as the host sends them.
fn with_updates(
    g: &mut crate::gadget::Gadget,
    events: Vec<crate::event::Event>,
) -> Vec<crate::event::Event> {
    let mut all = events;
    all.extend(g.data_updates());
    all
}

#[test]
fn queue_and_team_statistics_follow_login_calls_scripts_and_logout() {
    use crate::stats::{StatisticsPatch, TeamMemberConfig};
    let config = SimConfig::from_value(&json!({
        "initialState": "Logout",
        "queues": [
            {"id": "5001", "name": "Sales", "warnAt": 2, "statistics": {"agentsReady": 2, "agentsNotReady": 1}},
            {"id": "5002", "name": "Support"}
        ],
        "team": {"agents": [{"agentId": "2002", "firstName": "Kim", "lastName": "Berg", "extension": "5002", "state": "Ready"}]}
    }))
    .unwrap();
    let (mut g, clock) = gadget_with(config);
    assert!(g.data_snapshot().is_empty(), "logged out: nothing to send");
    assert!(g.data_updates().is_empty());
    // Login (Ready): the state changes, then ENABLED with everything.
    let ev = g
        .gadget_set_agent_state("voice", TargetState::Ready, None)
        .unwrap();
    let ev = with_updates(&mut g, ev);
    assert_eq!(
        tagged(&ev),
        s(&[
            "agentStateChange:NotReady",
            "agentStateChange:Ready",
            "queueDataUpdate:ENABLED",
            "teamDataUpdate:ENABLED"
        ])
    );
    let q = &ev[2].data["queueData"];
    assert_eq!(q.as_array().unwrap().len(), 2);
    assert_eq!(
        q[0]["statistics"]["agentsReady"], 3,
        "2 others + this agent"
    );
    assert_eq!(q[0]["statistics"]["agentsNotReady"], 1);
    assert_eq!(q[0]["escalationLevel"], "Normal");
    assert_eq!(q[1]["statistics"]["agentsReady"], 1);
    assert!(ev.iter().all(|e| e.request_id().is_empty()));
    let team = &ev[3].data;
    assert_eq!(team["teamId"], "7");
    assert_eq!(team["agents"][0]["agentId"], "1001");
    assert_eq!(team["agents"][0]["state"], "Ready");
    assert_eq!(team["agents"][1]["agentId"], "2002");
    assert_eq!(g.data_snapshot().len(), 2, "a new connection gets both");
    // A call comes: the agent is reserved (in no figure), then talking inbound.
    let (id, ev) = g.incoming_call(call("100")).unwrap();
    let ev = with_updates(&mut g, ev);
    assert_eq!(
        tagged(&ev),
        s(&[
            "agentStateChange:Active",
            "workitemCreate:Offered",
            "queueDataUpdate:UPDATED",
            "teamDataUpdate:UPDATED"
        ])
    );
    assert_eq!(ev[2].data["queueData"][0]["statistics"]["agentsReady"], 2);
    assert_eq!(
        ev[3].data["agents"],
        json!([ev[3].data["agents"][0].clone()])
    );
    assert_eq!(ev[3].data["agents"][0]["state"], "Active");
    let ev = g.answer(&id).unwrap();
    let ev = with_updates(&mut g, ev);
    assert_eq!(
        tagged(&ev),
        s(&["workitemConnect:Active", "queueDataUpdate:UPDATED"]),
        "the team sees no change: the agent was Active already"
    );
    assert_eq!(
        ev[1].data["queueData"][0]["statistics"]["agentsTalkingInbound"],
        1
    );
    // Scripts set figures: only the queue that changed is sent.
    clock.advance(1000);
    g.set_queue_statistics(
        "5001",
        &StatisticsPatch {
            calls_in_queue: Some(3),
            ..StatisticsPatch::default()
        },
        None,
    )
    .unwrap();
    let ev = g.data_updates();
    assert_eq!(tagged(&ev), s(&["queueDataUpdate:UPDATED"]));
    let sales = &ev[0].data["queueData"];
    assert_eq!(sales.as_array().unwrap().len(), 1);
    assert_eq!(sales[0]["id"], "5001");
    assert_eq!(sales[0]["statistics"]["callsInQueue"], 3);
    assert_eq!(sales[0]["escalationLevel"], "Warn");
    assert_eq!(
        sales[0]["statistics"]["startTimeOfLongestCallInQueue"],
        "2020-07-28T09:51:18.000Z"
    );
    g.set_team_agent(&TeamMemberConfig {
        agent_id: "2002".into(),
        first_name: None,
        last_name: None,
        extension: None,
        state: Some(AgentState::NotReady),
        reason_code: Some(crate::config::ReasonCode::new("1", "Break")),
    })
    .unwrap();
    let ev = g.data_updates();
    assert_eq!(tagged(&ev), s(&["teamDataUpdate:UPDATED"]));
    assert_eq!(ev[0].data["agents"][0]["agentId"], "2002");
    assert_eq!(ev[0].data["agents"][0]["reasonCode"], 1);
    assert!(g.data_updates().is_empty(), "nothing changed since");
    // Queues added and removed.
    let ev = g
        .add_queue(serde_json::from_value(json!({"id": "5003", "name": "VIP"})).unwrap())
        .unwrap();
    assert_eq!(tagged(&ev), s(&["queueDataUpdate:ADDED"]));
    assert_eq!(
        ev[0].data["queueData"][0]["statistics"]["agentsTalkingInbound"],
        1
    );
    assert!(g.data_updates().is_empty());
    let ev = g.remove_queue("5002").unwrap();
    assert_eq!(tagged(&ev), s(&["queueDataUpdate:DELETED"]));
    assert_eq!(ev[0].data["queueData"][0]["id"], "5002");
    assert!(g.remove_queue("5002").is_err());
    // Wrap-up, back to Ready, logout.
    let ev = g.hang_up(&id).unwrap();
    let ev = with_updates(&mut g, ev);
    assert_eq!(
        tagged(&ev),
        s(&[
            "workitemWrapup:Wrapup",
            "agentStateChange:Wrapup",
            "queueDataUpdate:UPDATED",
            "teamDataUpdate:UPDATED"
        ])
    );
    assert_eq!(
        ev[2].data["queueData"][0]["statistics"]["agentsWrapUpReady"],
        1
    );
    let ev = g.end_wrapup(&id, None).unwrap();
    let ev = with_updates(&mut g, ev);
    assert_eq!(
        tagged(&ev),
        s(&[
            "workitemEnd:Ended",
            "agentStateChange:Ready",
            "queueDataUpdate:UPDATED",
            "teamDataUpdate:UPDATED"
        ])
    );
    let ev = g
        .set_agent_state("voice", TargetState::Logout, None, "out-1")
        .unwrap();
    let ev = with_updates(&mut g, ev);
    assert_eq!(
        tagged(&ev),
        s(&[
            "agentStateChange:Logout",
            "queueDataUpdate:DISABLED",
            "teamDataUpdate:DISABLED"
        ])
    );
    assert_eq!(ev[1].data["queueData"], json!([]));
    assert_eq!(ev[2].data["agents"], json!([]));
    assert_eq!(
        ev[1].request_id(),
        "",
        "statistics are the gadget's own events"
    );
    assert!(g.data_snapshot().is_empty());
}

#[test]
fn statistics_are_off_without_queues_or_team_and_bad_set_ups_are_refused() {
    let (mut g, _) = gadget();
    ready(&mut g);
    g.incoming_call(call("1")).unwrap();
    assert!(g.data_updates().is_empty());
    assert!(g.data_snapshot().is_empty());
    for bad in [
        json!({"queues": [{"id": "1", "name": "a"}, {"id": "1", "name": "b"}]}),
        json!({"queues": [{"id": "", "name": "a"}]}),
        json!({"queues": [{"id": "1", "name": "a", "escalationLevel": "Hot"}]}),
        json!({"queues": [{"id": "1", "name": "a", "statistics": {"callsInQueue": -1}}]}),
        json!({"team": {"agents": [{"agentId": "1001"}]}}),
        json!({"team": {"agents": [{"agentId": "2"}, {"agentId": "2"}]}}),
        json!({"team": {"agents": [{"agentId": "2", "state": "Busy"}]}}),
    ] {
        assert!(SimConfig::from_value(&bad).is_err(), "{bad}");
    }
}
