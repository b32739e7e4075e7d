//! Nothing that arrives can panic the decoder or the validators, and whatever decodes
//! re-encodes to a value that decodes to the same message.
//!
//! Case counts are tuned so the properties together run well over 100,000 cases while the
//! whole crate's tests stay within a few seconds in a debug build.

use cil_protocol::envelope::{decode, reject_invalid_request, Decoded};
use cil_protocol::validate;
use cil_protocol::{ErrorCode, EventName, Method};
use proptest::prelude::*;
use serde_json::{Map, Value};

/// The configuration of every property here: `cases` cases, and the XorShift generator,
/// because the default ChaCha generator dominates the run time in a debug build.
fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        rng_algorithm: proptest::test_runner::RngAlgorithm::XorShift,
        ..ProptestConfig::default()
    }
}

/// Strings that mean something to the decoder, so random values hit the interesting paths.
const WORDS: &[&str] = &[
    "ns",
    "v",
    "kind",
    "connects-cil",
    "syn",
    "ack",
    "announce",
    "bye",
    "request",
    "response",
    "event",
    "id",
    "method",
    "params",
    "ok",
    "result",
    "error",
    "code",
    "message",
    "name",
    "data",
    "clientId",
    "hostId",
    "apiVersion",
    "channelId",
    "workitemId",
    "state",
    "reasonCode",
    "reasonType",
    "updatedData",
    "requestId",
    "address",
    "wrapUpReason",
    "getChannel",
    "setAgentState",
    "updateWorkitemData",
    "workitemCreate",
    "agentStateChange",
    "error",
    "createChannel",
    "version",
    "2.7",
    "voice",
    "voice_-1",
    "Ready",
    "Wrapup",
    "ctiData",
    "user.x",
    "activity",
    "participants",
    "type",
    "label",
    "channel",
    "",
    "é",
    "\u{0}",
];

fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => proptest::sample::select(WORDS).prop_map(str::to_owned),
        1 => proptest::collection::vec(any::<char>(), 0..8).prop_map(String::from_iter),
    ]
}

fn number() -> impl Strategy<Value = Value> {
    prop_oneof![
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        prop_oneof![
            Just(1.0f64),
            Just(-1.0),
            Just(0.5),
            Just(4294967296.0),
            Just(1e300),
            any::<f64>()
        ]
        .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        (0u32..8).prop_map(Value::from),
    ]
}

/// Any JSON value, small and shallow, biased towards our words.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        number(),
        word().prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 24, 5, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            proptest::collection::vec((word(), inner), 0..5)
                .prop_map(|fields| Value::Object(fields.into_iter().collect())),
        ]
    })
}

/// An object that carries our tag and a kind, with random other fields: it gets past the
/// first checks and exercises the per-kind decoders.
fn tagged_value() -> impl Strategy<Value = Value> {
    let kind = proptest::sample::select(
        &[
            "syn", "announce", "ack", "bye", "request", "response", "event", "x",
        ][..],
    );
    (
        kind,
        proptest::collection::vec((word(), json_value()), 0..4),
        any::<bool>(),
    )
        .prop_map(|(kind, fields, version_one)| {
            let mut object: Map<String, Value> = fields.into_iter().collect();
            object.insert("ns".into(), "connects-cil".into());
            object.insert("v".into(), if version_one { 1.into() } else { 2.into() });
            object.insert("kind".into(), kind.into());
            Value::Object(object)
        })
}

/// A well-formed message, as JSON.
fn valid_message() -> impl Strategy<Value = Value> {
    proptest::sample::select(VALID_MESSAGES)
        .prop_map(|text| serde_json::from_str(text).unwrap_or(Value::Null))
}

const VALID_MESSAGES: &[&str] = &[
    r#"{"ns":"connects-cil","v":1,"kind":"ack","clientId":"c","hostId":"h","apiVersion":"2.7"}"#,
    r#"{"ns":"connects-cil","v":1,"kind":"request","id":1,"method":"setAgentState","params":{"channelId":"voice","state":"NotReady","reasonCode":"12","requestId":"r"}}"#,
    r#"{"ns":"connects-cil","v":1,"kind":"request","id":2,"method":"updateWorkitemData","params":{"channelId":"voice","workitemId":"w","updatedData":{"callVariable1":"1","user.a":"b"}}}"#,
    r#"{"ns":"connects-cil","v":1,"kind":"response","id":3,"ok":true,"result":[{"id":1,"label":"Break"}]}"#,
    r#"{"ns":"connects-cil","v":1,"kind":"response","id":4,"ok":true,"result":{"extension":"1","firstName":"a","agentId":"a","lastName":"b","loginName":"c","teamId":"t","channel":{"id":"voice","type":"Voice","state":"Ready","reasonCode":-1,"reasonCodeLabel":"","stateChangeTime":"t","workitems":[]}}}"#,
    r#"{"ns":"connects-cil","v":1,"kind":"response","id":5,"ok":false,"error":{"code":"UNKNOWN_CHANNEL","message":"m"}}"#,
    r#"{"ns":"connects-cil","v":1,"kind":"event","name":"agentStateChange","data":{"event":"agentStateChange","version":"2.7","requestId":"","channelType":"Voice","channelId":"voice","newState":"Ready","newReasonCode":-1,"newReasonCodeLabel":"","newStateChangeTime":"t","oldState":"NotReady","oldReasonCode":"3","oldReasonCodeLabel":"x","oldStateChangeTime":"t"}}"#,
    r#"{"ns":"connects-cil","v":1,"kind":"event","name":"workitemCreate","data":{"event":"workitemCreate","version":"2.7","requestId":"","agentId":"a","ani":"1","channelId":"voice","channelType":"Voice","classification":"Customer","ctiData":{"DNIS":"1","user.x":"y","outboundClassification":"FAX"},"direction":"Incoming","id":"w","participants":[{"address":"1"}],"participantLookupResult":[],"associations":[],"capabilities":[],"state":"Offered","activity":{"id":"a","recordType":"phonecall"}}}"#,
    r#"{"ns":"connects-cil","v":1,"kind":"event","name":"createChannel","data":{"event":"createChannel","version":"2.7","requestId":"","id":"voice","type":"Voice","previousState":"Logout","activeState":"NotReady","nextState":"NotReady","lastStateChange":"t","stateChangeInProgress":false}}"#,
];

/// Replaces the value at a random path of `value` with `replacement` (the path stops early
/// at a scalar or an empty container).
fn mutate(value: &mut Value, path: &[usize], replacement: Value) {
    let Some((&step, rest)) = path.split_first() else {
        *value = replacement;
        return;
    };
    let child = match value {
        Value::Object(map) if !map.is_empty() => {
            let index = step % map.len();
            map.values_mut().nth(index)
        }
        Value::Array(items) if !items.is_empty() => {
            let index = step % items.len();
            items.get_mut(index)
        }
        _ => None,
    };
    match child {
        Some(child) => mutate(child, rest, replacement),
        None => *value = replacement,
    }
}

/// The decoder's contract on any input: no panic, and a decoded message is a fixed point of
/// encode → decode. Also exercises `reject_invalid_request`.
fn check_decode(value: &Value) -> Result<(), TestCaseError> {
    match decode(value) {
        Decoded::Message(message) => {
            let again = decode(&message.to_value());
            prop_assert_eq!(again, Decoded::Message(message));
            prop_assert_eq!(reject_invalid_request(value), None);
        }
        Decoded::Invalid { reason } => {
            prop_assert!(!reason.is_empty());
            prop_assert!(reason.chars().count() <= 301);
            let _ = reject_invalid_request(value);
        }
        Decoded::NotOurs => prop_assert_eq!(reject_invalid_request(value), None),
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(40_000))]

    #[test]
    fn decode_never_panics_on_any_json(value in json_value()) {
        check_decode(&value)?;
    }

    #[test]
    fn decode_never_panics_on_tagged_objects(value in tagged_value()) {
        check_decode(&value)?;
    }

    #[test]
    fn decode_never_panics_on_mutated_messages(
        mut value in valid_message(),
        path in proptest::collection::vec(any::<usize>(), 0..5),
        replacement in json_value(),
    ) {
        mutate(&mut value, &path, replacement);
        check_decode(&value)?;
    }
}

/// Any short string, or one shaped almost like a channel id (a known prefix, then a tail of
/// `_`, `-`, digits and a letter), where the channel id rule has its edges.
fn argument_string() -> impl Strategy<Value = String> {
    let near_channel_id = (
        proptest::sample::select(
            &[
                "voice",
                "mail",
                "chat",
                "task",
                "federation",
                "telephony",
                "Voice",
                "",
            ][..],
        ),
        proptest::collection::vec(
            proptest::sample::select(&['_', '-', '0', '1', '9', 'a', ' ', '\u{661}'][..]),
            0..13,
        ),
    )
        .prop_map(|(prefix, tail)| format!("{prefix}{}", String::from_iter(tail)));
    prop_oneof![
        proptest::collection::vec(any::<char>(), 0..24).prop_map(String::from_iter),
        near_channel_id,
        word(),
    ]
}

/// An independent statement of the channel id rule, to check the validator against.
fn channel_id_oracle(v: &str) -> bool {
    let re = regex_lite_channel(v);
    re || v == "telephony"
}

/// `(voice|mail|chat|task|federation)(_-?[0-9]{1,10})?`, written out by hand.
fn regex_lite_channel(v: &str) -> bool {
    ["voice", "mail", "chat", "task", "federation"]
        .iter()
        .any(|prefix| {
            let Some(rest) = v.strip_prefix(prefix) else {
                return false;
            };
            if rest.is_empty() {
                return true;
            }
            let Some(id) = rest.strip_prefix('_') else {
                return false;
            };
            let digits = id.strip_prefix('-').unwrap_or(id);
            (1..=10).contains(&digits.len()) && digits.chars().all(|c| c.is_ascii_digit())
        })
}

proptest! {
    #![proptest_config(config(25_000))]

    #[test]
    fn validators_and_name_tables_never_panic(s in argument_string()) {
        prop_assert_eq!(validate::channel_id("channelId", &s).is_ok(), channel_id_oracle(&s));
        let _ = validate::agent_state(&s);
        let _ = validate::reason_type(&s);
        let _ = validate::non_empty("workitemId", &s);
        prop_assert!(validate::bounded("address", &s).is_ok());
        if let Err(error) = validate::updated_data_key(&s) {
            prop_assert!(!error.message().is_empty());
        }
        if let Some(method) = Method::from_name(&s) {
            prop_assert_eq!(method.name(), s.as_str());
        }
        if let Some(event) = EventName::from_name(&s) {
            prop_assert_eq!(event.name(), s.as_str());
        }
        let code = ErrorCode::parse(&s);
        prop_assert_eq!(code.as_str(), s.as_str());
    }
}
