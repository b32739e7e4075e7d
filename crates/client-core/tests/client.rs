//! The client state machine against a fake clock and a fake gadget: every rule of the
//! handshake, correlation, timeouts, reload and destroy, natively.

use cil_client_core::{Call, Client, Config, ConnectionChange, Incoming, Link, Output};
use cil_protocol::{ErrorCode, EventName, Method};

type Out = Output<&'static str, u32>;

/// A client with short, round timeouts so the arithmetic in the tests stays readable.
fn client() -> Client<&'static str, u32> {
    let mut config = Config::new("c");
    config.connect_timeout_ms = 1000.0;
    config.request_timeout_ms = 500.0;
    config.target_label = "window.parent".into();
    config.origins_label = "https://gadget.example".into();
    Client::new(config)
}

fn ack(client_id: &str, host_id: &str) -> Incoming<&'static str> {
    Incoming::Ack {
        client_id: client_id.into(),
        host_id: host_id.into(),
    }
}

fn connected() -> Client<&'static str, u32> {
    let mut c = client();
    c.start(0.0);
    c.receive(ack("c.0", "h1"), 1.0);
    assert!(c.is_connected());
    c
}

fn call(c: &mut Client<&'static str, u32>, method: Method, reply: u32, now: f64) -> Vec<Out> {
    c.call(Call::new(method, "params", reply), now)
}

fn sends(out: &[Out]) -> Vec<u32> {
    out.iter()
        .filter_map(|o| match o {
            Output::Send { id, .. } => Some(*id),
            _ => None,
        })
        .collect()
}

fn settled(out: &[Out]) -> Vec<(u32, Result<&'static str, ErrorCode>)> {
    out.iter()
        .filter_map(|o| match o {
            Output::Settle { reply, result } => {
                Some((*reply, result.clone().map_err(|f| f.code.clone())))
            }
            _ => None,
        })
        .collect()
}

fn reported(out: &[Out]) -> Vec<ErrorCode> {
    out.iter()
        .filter_map(|o| match o {
            Output::ReportError(f) => Some(f.code.clone()),
            _ => None,
        })
        .collect()
}

fn syns(out: &[Out]) -> Vec<String> {
    out.iter()
        .filter_map(|o| match o {
            Output::PostSyn { client_id } => Some(client_id.clone()),
            _ => None,
        })
        .collect()
}

fn connection(out: &[Out]) -> Vec<ConnectionChange> {
    out.iter()
        .filter_map(|o| match o {
            Output::Connection(c) => Some(c.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn start_posts_syn_and_arms_retry_and_deadline() {
    let mut c = client();
    let out = c.start(0.0);
    assert_eq!(syns(&out), ["c.0"]);
    assert!(out.contains(&Output::WakeAt(250.0)));
    assert!(c.start(1.0).is_empty(), "start twice does nothing");
}

#[test]
fn syn_is_retried_every_250ms_and_on_announce() {
    let mut c = client();
    c.start(0.0);
    assert!(syns(&c.tick(100.0)).is_empty(), "an early tick is harmless");
    assert_eq!(syns(&c.tick(250.0)), ["c.0"]);
    assert!(syns(&c.tick(300.0)).is_empty());
    assert_eq!(syns(&c.tick(500.0)), ["c.0"]);
    let out = c.receive(
        Incoming::Announce {
            host_id: "h".into(),
        },
        510.0,
    );
    assert_eq!(syns(&out), ["c.0"]);
}

#[test]
fn ack_for_another_client_is_ignored() {
    let mut c = client();
    c.start(0.0);
    assert!(c.receive(ack("someone-else", "h1"), 1.0).is_empty());
    assert!(c.receive(ack("c.1", "h1"), 1.0).is_empty());
    assert!(!c.is_connected());
}

#[test]
fn ack_connects_adopts_port_and_says_so() {
    let mut c = client();
    c.start(0.0);
    let out = c.receive(ack("c.0", "h1"), 1.0);
    assert_eq!(out.first(), Some(&Output::AdoptPort));
    assert_eq!(
        connection(&out),
        [ConnectionChange {
            connected: true,
            host_id: "h1".into(),
            reason: None
        }]
    );
    assert_eq!(c.link().host_id(), Some("h1"));
    assert!(
        c.tick(5000.0).is_empty(),
        "no retries or deadline once connected"
    );
}

#[test]
fn requests_made_before_connect_are_queued_then_sent_in_order() {
    let mut c = client();
    c.start(0.0);
    assert!(sends(&call(&mut c, Method::GetChannel, 10, 1.0)).is_empty());
    assert!(sends(&call(&mut c, Method::SetAgentState, 11, 2.0)).is_empty());
    assert!(sends(&call(&mut c, Method::DialOrConsult, 12, 3.0)).is_empty());
    assert_eq!(c.outstanding(), 3);
    let out = c.receive(ack("c.0", "h1"), 4.0);
    assert_eq!(sends(&out), [1, 2, 3]);
    let adopt = out.iter().position(|o| *o == Output::AdoptPort);
    let first_send = out.iter().position(|o| matches!(o, Output::Send { .. }));
    assert!(
        adopt < first_send,
        "the port is adopted before anything is sent on it"
    );
}

#[test]
fn calls_before_start_wait_for_start() {
    let mut c = client();
    call(&mut c, Method::GetChannel, 1, 0.0);
    assert!(
        c.receive(ack("c.0", "h"), 1.0).is_empty(),
        "idle ignores messages"
    );
    c.start(2.0);
    assert_eq!(sends(&c.receive(ack("c.0", "h"), 3.0)), [1]);
}

#[test]
fn responses_settle_by_id_even_out_of_order() {
    let mut c = connected();
    call(&mut c, Method::GetChannel, 100, 2.0);
    call(&mut c, Method::GetReasonCodeList, 200, 2.0);
    call(&mut c, Method::IsUpdateWorkitemDataEnabled, 300, 2.0);
    let out = c.receive(
        Incoming::Response {
            id: 3,
            outcome: Ok("true"),
        },
        3.0,
    );
    assert_eq!(settled(&out), [(300, Ok("true"))]);
    let out = c.receive(
        Incoming::Response {
            id: 1,
            outcome: Ok("channel"),
        },
        3.0,
    );
    assert_eq!(settled(&out), [(100, Ok("channel"))]);
    let out = c.receive(
        Incoming::Response {
            id: 2,
            outcome: Err((ErrorCode::UnknownChannel, "no such channel".into())),
        },
        3.0,
    );
    assert_eq!(settled(&out), [(200, Err(ErrorCode::UnknownChannel))]);
    assert!(
        reported(&out).is_empty(),
        "the gadget sends its own error event"
    );
    assert_eq!(c.outstanding(), 0);
}

#[test]
fn host_failure_keeps_message_and_request_id() {
    let mut c = connected();
    let mut call = Call::new(Method::SetAgentState, "p", 1);
    call.request_id = "r-42".into();
    c.call(call, 2.0);
    let out = c.receive(
        Incoming::Response {
            id: 1,
            outcome: Err((ErrorCode::Other("NEWER_CODE".into()), "why".into())),
        },
        3.0,
    );
    match out.as_slice() {
        [Output::Settle {
            result: Err(failure),
            ..
        }] => {
            assert_eq!(failure.code.as_str(), "NEWER_CODE");
            assert_eq!(failure.message, "why");
            assert_eq!(failure.request_id, "r-42");
        }
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn a_double_answer_is_ignored() {
    let mut c = connected();
    call(&mut c, Method::GetChannel, 1, 2.0);
    assert_eq!(
        settled(&c.receive(
            Incoming::Response {
                id: 1,
                outcome: Ok("a")
            },
            3.0
        ))
        .len(),
        1
    );
    assert!(c
        .receive(
            Incoming::Response {
                id: 1,
                outcome: Ok("b")
            },
            4.0
        )
        .is_empty());
    assert!(c
        .receive(
            Incoming::Response {
                id: 99,
                outcome: Ok("c")
            },
            4.0
        )
        .is_empty());
}

#[test]
fn requests_time_out_and_late_answers_are_ignored() {
    let mut c = connected();
    let out = call(&mut c, Method::GetChannel, 1, 10.0);
    assert!(out.contains(&Output::WakeAt(510.0)));
    assert!(settled(&c.tick(509.0)).is_empty());
    let out = c.tick(510.0);
    assert_eq!(settled(&out), [(1, Err(ErrorCode::Timeout))]);
    assert_eq!(
        reported(&out),
        [ErrorCode::Timeout],
        "a local failure raises the error event"
    );
    match out.iter().find(|o| matches!(o, Output::ReportError(_))) {
        Some(Output::ReportError(f)) => {
            assert_eq!(
                f.message,
                "getChannel: no response from the gadget within 500 ms"
            )
        }
        _ => unreachable!(),
    }
    assert!(c
        .receive(
            Incoming::Response {
                id: 1,
                outcome: Ok("late")
            },
            600.0
        )
        .is_empty());
}

#[test]
fn per_call_timeout_overrides_the_default() {
    let mut c = connected();
    let mut long = Call::new(Method::DialOrConsult, "p", 1);
    long.timeout_ms = Some(5000.0);
    c.call(long, 0.0);
    let mut forever = Call::new(Method::DialOrConsult, "p", 2);
    forever.timeout_ms = Some(f64::INFINITY);
    let out = c.call(forever, 0.0);
    assert!(!out.iter().any(|o| matches!(o, Output::WakeAt(_))));
    call(&mut c, Method::GetChannel, 3, 0.0);
    assert_eq!(settled(&c.tick(600.0)), [(3, Err(ErrorCode::Timeout))]);
    assert_eq!(settled(&c.tick(5000.0)), [(1, Err(ErrorCode::Timeout))]);
    assert!(settled(&c.tick(1e12)).is_empty());
    assert_eq!(c.outstanding(), 1);
}

#[test]
fn queued_requests_also_time_out() {
    let mut c = client();
    c.start(0.0);
    call(&mut c, Method::GetChannel, 1, 0.0);
    assert_eq!(settled(&c.tick(500.0)), [(1, Err(ErrorCode::Timeout))]);
    assert!(sends(&c.receive(ack("c.0", "h"), 501.0)).is_empty());
}

#[test]
fn connect_timeout_rejects_queue_and_names_target_and_origins() {
    let mut c = client();
    c.start(0.0);
    let mut slow = Call::new(Method::GetChannel, "p", 1);
    slow.timeout_ms = Some(60_000.0);
    c.call(slow, 0.0);
    let out = c.tick(1000.0);
    assert_eq!(settled(&out), [(1, Err(ErrorCode::ConnectTimeout))]);
    let failed = out.iter().find_map(|o| match o {
        Output::ConnectFailed(f) => Some(f.clone()),
        _ => None,
    });
    let failed = failed.expect("initIntegration is rejected");
    assert_eq!(failed.code, ErrorCode::ConnectTimeout);
    assert_eq!(
        failed.message,
        "could not connect to the gadget: no answer from window.parent within 1000 ms \
         (origins tried: https://gadget.example)"
    );
    assert_eq!(*c.link(), Link::GaveUp);
    assert!(
        syns(&c.tick(5000.0)).is_empty(),
        "no more retries after giving up"
    );
}

#[test]
fn after_giving_up_a_call_or_announce_tries_again() {
    let mut c = client();
    c.start(0.0);
    c.tick(1000.0);
    let out = call(&mut c, Method::GetChannel, 1, 2000.0);
    assert_eq!(syns(&out), ["c.0"]);
    assert_eq!(sends(&c.receive(ack("c.0", "h"), 2001.0)), [1]);

    let mut c = client();
    c.start(0.0);
    c.tick(1000.0);
    assert_eq!(
        syns(&c.receive(
            Incoming::Announce {
                host_id: "late".into()
            },
            3000.0
        )),
        ["c.0"]
    );
    assert!(matches!(c.link(), Link::Connecting { deadline, .. } if *deadline == 4000.0));
}

#[test]
fn events_pass_through_only_while_connected() {
    let mut c = client();
    c.start(0.0);
    let event = || Incoming::Event {
        name: EventName::WorkitemCreate,
        data: "wi",
    };
    assert!(
        c.receive(event(), 1.0).is_empty(),
        "a stale port cannot inject events"
    );
    c.receive(ack("c.0", "h"), 2.0);
    assert_eq!(
        c.receive(event(), 3.0),
        [Output::Event {
            name: EventName::WorkitemCreate,
            data: "wi"
        }]
    );
}

#[test]
fn malformed_messages_are_reported() {
    let mut c = connected();
    let out = c.receive(
        Incoming::Malformed {
            reason: "response without id".into(),
        },
        2.0,
    );
    assert_eq!(reported(&out), [ErrorCode::MalformedMessage]);
}

#[test]
fn reload_with_new_host_id_loses_in_flight_and_reconnects() {
    let mut c = connected();
    call(&mut c, Method::GetChannel, 1, 2.0);
    call(&mut c, Method::SetAgentState, 2, 2.0);
    let out = c.receive(
        Incoming::Announce {
            host_id: "h2".into(),
        },
        3.0,
    );
    assert_eq!(
        settled(&out),
        [
            (1, Err(ErrorCode::ConnectionLost)),
            (2, Err(ErrorCode::ConnectionLost))
        ]
    );
    assert_eq!(reported(&out).len(), 2);
    assert_eq!(out.first(), Some(&Output::DropPorts));
    assert_eq!(
        connection(&out),
        [ConnectionChange {
            connected: false,
            host_id: "h1".into(),
            reason: Some("reload")
        }]
    );
    assert_eq!(
        syns(&out),
        ["c.1"],
        "a new attempt id, so old acks cannot complete it"
    );
    assert!(c.receive(ack("c.0", "h2"), 4.0).is_empty());
    // A request made while reconnecting waits for the new gadget.
    call(&mut c, Method::GetChannel, 3, 4.0);
    let out = c.receive(ack("c.1", "h2"), 5.0);
    assert!(connection(&out)[0].connected);
    assert_eq!(connection(&out)[0].host_id, "h2");
    assert_eq!(sends(&out), [3]);
}

#[test]
fn bye_from_current_host_loses_connection() {
    let mut c = connected();
    call(&mut c, Method::DialOrConsult, 1, 2.0);
    assert!(c
        .receive(
            Incoming::Bye {
                host_id: "other".into()
            },
            3.0
        )
        .is_empty());
    let out = c.receive(
        Incoming::Bye {
            host_id: "h1".into(),
        },
        3.0,
    );
    assert_eq!(settled(&out), [(1, Err(ErrorCode::ConnectionLost))]);
    assert_eq!(connection(&out)[0].reason, Some("bye"));
    assert!(matches!(c.link(), Link::Connecting { .. }));
    // Same gadget comes back (a `bye` without reload): same host id is fine.
    let out = c.receive(ack("c.1", "h1"), 4.0);
    assert!(connection(&out)[0].connected);
}

#[test]
fn announce_from_same_host_while_connected_is_ignored() {
    let mut c = connected();
    call(&mut c, Method::GetChannel, 1, 2.0);
    assert!(c
        .receive(
            Incoming::Announce {
                host_id: "h1".into()
            },
            3.0
        )
        .is_empty());
    assert_eq!(c.outstanding(), 1);
}

#[test]
fn ack_with_new_host_while_connected_is_a_reload() {
    let mut c = connected();
    let out = c.receive(ack("c.0", "h9"), 2.0);
    assert_eq!(connection(&out)[0].reason, Some("reload"));
    assert_eq!(syns(&out), ["c.1"]);
}

#[test]
fn second_ack_from_same_host_adopts_the_newer_port() {
    let mut c = connected();
    assert_eq!(c.receive(ack("c.0", "h1"), 2.0), [Output::AdoptPort]);
}

#[test]
fn destroy_rejects_everything_and_ignores_what_follows() {
    let mut c = client();
    c.start(0.0);
    call(&mut c, Method::GetChannel, 1, 0.0);
    c.receive(ack("c.0", "h"), 1.0);
    call(&mut c, Method::GetChannel, 2, 2.0);
    let out = c.destroy();
    assert_eq!(out.first(), Some(&Output::DropPorts));
    assert_eq!(
        settled(&out),
        [
            (1, Err(ErrorCode::Destroyed)),
            (2, Err(ErrorCode::Destroyed))
        ]
    );
    assert!(reported(&out).is_empty(), "no error events after destroy");
    assert!(c.destroy().is_empty());
    assert_eq!(
        settled(&call(&mut c, Method::GetChannel, 3, 3.0)),
        [(3, Err(ErrorCode::Destroyed))]
    );
    assert!(c
        .receive(
            Incoming::Response {
                id: 2,
                outcome: Ok("x")
            },
            4.0
        )
        .is_empty());
    assert!(c.tick(1e9).is_empty());
}

#[test]
fn destroy_while_connecting_rejects_queue_and_init() {
    let mut c = client();
    c.start(0.0);
    call(&mut c, Method::GetChannel, 1, 0.0);
    let out = c.destroy();
    assert_eq!(settled(&out), [(1, Err(ErrorCode::Destroyed))]);
    assert!(out
        .iter()
        .any(|o| matches!(o, Output::ConnectFailed(f) if f.code == ErrorCode::Destroyed)));
}

#[test]
fn next_deadline_covers_link_and_requests() {
    let mut c = client();
    assert_eq!(c.next_deadline(), f64::INFINITY);
    c.start(0.0);
    assert_eq!(c.next_deadline(), 250.0);
    c.receive(ack("c.0", "h"), 1.0);
    assert_eq!(c.next_deadline(), f64::INFINITY);
    call(&mut c, Method::GetChannel, 1, 10.0);
    assert_eq!(c.next_deadline(), 510.0);
    assert_eq!(c.tick(20.0), [Output::WakeAt(510.0)]);
}

#[test]
fn ids_wrap_without_panicking() {
    let mut c = connected();
    for i in 0..3 {
        call(&mut c, Method::GetChannel, i, 2.0);
    }
    assert_eq!(c.outstanding(), 3);
    assert_eq!(c.client_id(), "c.0");
}
