//! `decode`: arbitrary bytes against the protocol decoder and the argument checks.
//!
//! Properties checked (a failed assertion is a bug in `cil-protocol`):
//!
//! 1. `envelope::decode` never panics, whatever JSON value it is given; also given the value
//!    tagged as ours, and nested around the depth limit inside a tagged event.
//! 2. Round trip: a value that decodes to a `Message` encodes (`to_value`) to a value that
//!    decodes to an equal `Message`, and encoding that again gives the same value.
//! 3. `Decoded::NotOurs` exactly when `is_ours` is false; an `Invalid` reason is short.
//! 4. A decoded request's params are of its method (and `validate` does not panic on them), a
//!    result fits some method, an event payload is of its name.
//! 5. `reject_invalid_request` never panics, answers only undecodable requests (and every
//!    undecodable request with a usable id), with that id, and its answer is itself a
//!    well-formed error response.
//! 6. Every `validate` function, fed the input as a (lossy) string (and, for `bounded`, repeated
//!    past the length limit), never panics; an accepted value is what the rules say, a
//!    rejection names the argument and quotes at most 40 characters; the name tables
//!    (`Method`, `EventName`, `ErrorCode`) round-trip.
//! 7. A message nesting containers 32 levels deep or more is rejected (`MAX_DEPTH`).
#![no_main]

use cil_protocol::envelope::{self, Decoded, Message};
use cil_protocol::validate::{self, ArgError};
use cil_protocol::{ErrorCode, EventName, Method};
use libfuzzer_sys::fuzz_target;
use serde_json::{json, Value};

fuzz_target!(|data: &[u8]| {
    if let Ok(value) = serde_json::from_slice::<Value>(data) {
        check_decode(&value);
        check_derived(value, data.first().copied().unwrap_or(0));
    }
    let text = String::from_utf8_lossy(data);
    check_validate(&text);
    // Past the length limit (libFuzzer's inputs stay below 4096 bytes by default).
    if let Some(chars) = core::num::NonZeroUsize::new(text.chars().count()) {
        check_bounded(&text.repeat(validate::MAX_STRING_LEN / chars.get() + 1));
    }
    // Also the string as the value of each string field a message may carry.
    if text.len() <= 4096 {
        check_strings_in_messages(&text);
    }
});

fn check_decode(value: &Value) {
    let decoded = envelope::decode(value);
    assert_eq!(
        matches!(decoded, Decoded::NotOurs),
        !(value.is_object() && envelope::is_ours(value)),
        "NotOurs must mean exactly: not an object tagged ns/v"
    );
    match &decoded {
        Decoded::Message(message) => {
            check_message(message);
            round_trip(message);
        }
        Decoded::Invalid { reason } => {
            // 300 characters plus the ellipsis.
            assert!(reason.chars().count() <= 301, "reason too long: {reason:?}");
        }
        Decoded::NotOurs => {}
    }
    let answer = envelope::reject_invalid_request(value);
    if let Some(answer) = &answer {
        assert!(
            matches!(decoded, Decoded::Invalid { .. }),
            "answered a request that decoded: {decoded:?}"
        );
        let Message::Response {
            id,
            outcome: Err(error),
        } = answer
        else {
            panic!("reject_invalid_request gave a non-error: {answer:?}");
        };
        assert_eq!(Some(*id), usable_id(value), "answered with another id");
        assert!(
            matches!(
                error.code,
                ErrorCode::UnknownMethod | ErrorCode::InvalidArgument
            ),
            "unexpected code {:?}",
            error.code
        );
        round_trip(answer);
    }
    // PROTOCOL.md §1: a malformed request with a usable id gets an error response.
    let is_request = value.get("kind").and_then(Value::as_str) == Some("request");
    if matches!(decoded, Decoded::Invalid { .. }) && is_request && usable_id(value).is_some() {
        assert!(
            answer.is_some(),
            "a malformed request with a usable id was not answered"
        );
    }
}

/// The request `id` as PROTOCOL.md §2 defines it: an integer 0…2³²−1, possibly written as an
/// integral double (`7.0`).
fn usable_id(value: &Value) -> Option<u32> {
    let id = value.get("id")?;
    if let Some(n) = id.as_u64() {
        return u32::try_from(n).ok();
    }
    let f = id.as_f64()?;
    (f.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&f)).then_some(f as u32)
}

/// Values derived from the input, to reach past the first checks of the decoder: the value
/// tagged as ours (when it is an object), and the value nested `depth % 40` arrays deep as the
/// data of a tagged event (around the nesting limit, `MAX_DEPTH` = 32).
fn check_derived(value: Value, depth: u8) {
    if let Value::Object(mut object) = value.clone() {
        if !object.contains_key("ns") || !object.contains_key("v") {
            object.entry("ns").or_insert_with(|| json!("connects-cil"));
            object.entry("v").or_insert_with(|| json!(1));
            check_decode(&Value::Object(object));
        }
    }
    let mut deep = value;
    for _ in 0..depth % 40 {
        deep = Value::Array(vec![deep]);
    }
    let event =
        json!({"ns": "connects-cil", "v": 1, "kind": "event", "name": "error", "data": deep});
    check_decode(&event);
    // The arrays sit at levels 1 to depth % 40 of the message.
    if usize::from(depth % 40) >= envelope::MAX_DEPTH {
        assert!(
            matches!(envelope::decode(&event), Decoded::Invalid { ref reason } if reason.contains("nested deeper")),
            "a message {} levels deep was not rejected",
            depth % 40
        );
    }
}

/// The accessors of a decoded message agree with it and do not panic.
fn check_message(message: &Message) {
    match message {
        Message::Request { method, params, .. } => {
            assert_eq!(params.method(), *method, "params of another method");
            let _ = params.channel_id();
            let _ = params.request_id();
            // The host's argument check on whatever the decoder let through: must not panic.
            let _ = params.validate();
        }
        Message::Response {
            outcome: Ok(result),
            ..
        } => {
            assert!(
                Method::ALL.iter().any(|m| result.fits(*m)),
                "a result no method returns: {result:?}"
            );
        }
        Message::Event { name, data } => {
            assert_eq!(data.name(), *name, "payload of another event");
            let _ = data.request_id();
        }
        _ => {}
    }
}

/// decode(to_value(m)) == m, and to_value is stable across the round trip.
fn round_trip(message: &Message) {
    let encoded = message.to_value();
    match envelope::decode(&encoded) {
        Decoded::Message(again) => {
            assert_eq!(
                &again, message,
                "round trip changed the message; encoded: {encoded}"
            );
            assert_eq!(again.to_value(), encoded, "re-encoding changed the value");
        }
        other => panic!("to_value of {message:?} does not decode: {other:?}; encoded: {encoded}"),
    }
}

/// Messages whose string fields are the fuzz input: they must decode and round-trip as-is.
fn check_strings_in_messages(text: &str) {
    let messages = [
        Message::Syn {
            client_id: text.to_owned(),
        },
        Message::Announce {
            host_id: text.to_owned(),
        },
        Message::Bye {
            host_id: text.to_owned(),
        },
        Message::Ack {
            client_id: text.to_owned(),
            host_id: text.to_owned(),
            api_version: text.to_owned(),
        },
        Message::error(7, ErrorCode::parse(text), text),
    ];
    for message in &messages {
        round_trip(message);
    }
}

/// A rejection names the argument, and quotes the value in at most 40 characters (+ quotes, …).
fn check_rejection(error: &ArgError, argument: &str) {
    assert_eq!(error.argument, argument);
    assert_eq!(
        error.message(),
        error.to_string(),
        "message() and Display differ"
    );
    assert!(error.message().starts_with(argument));
}

fn check_quoted(error: &ArgError, argument: &str) {
    check_rejection(error, argument);
    assert!(
        error.got.starts_with('"') && error.got.ends_with('"'),
        "got: {:?}",
        error.got
    );
    assert!(
        error.got.chars().count() <= 43,
        "quote too long: {:?}",
        error.got
    );
}

fn check_validate(v: &str) {
    match validate::channel_id("channelId", v) {
        Ok(()) => assert!(is_channel_id(v), "accepted channel id {v:?}"),
        Err(e) => {
            assert!(!is_channel_id(v), "rejected channel id {v:?}");
            check_quoted(&e, "channelId");
        }
    }
    match validate::agent_state(v) {
        Ok(state) => assert_eq!(state.as_str(), v),
        Err(e) => {
            assert!(!["Ready", "NotReady", "Logout"].contains(&v));
            check_quoted(&e, "state");
        }
    }
    match validate::reason_type(v) {
        Ok(kind) => assert_eq!(kind.as_str(), v),
        Err(e) => {
            assert!(!["Logout", "NotReady", "Wrapup"].contains(&v));
            check_quoted(&e, "reasonType");
        }
    }
    match validate::non_empty("workitemId", v) {
        Ok(()) => assert!(!v.trim().is_empty()),
        Err(e) => {
            assert!(v.trim().is_empty());
            check_quoted(&e, "workitemId");
        }
    }
    check_bounded(v);
    let chars = v.chars().count();
    match validate::updated_data_key(v) {
        Ok(()) => {
            assert!(
                (1..=validate::MAX_KEY_LEN).contains(&chars),
                "key of {chars} chars"
            );
            assert!(!v.chars().any(|c| c.is_whitespace() || c.is_control()));
            assert_ne!(v, "user.");
        }
        Err(e) => check_quoted(&e, "updatedData"),
    }
    let count = v.len();
    match validate::updated_data_entries(count) {
        Ok(()) => assert!((1..=validate::MAX_UPDATED_DATA_ENTRIES).contains(&count)),
        Err(e) => {
            check_rejection(&e, "updatedData");
            assert_eq!(e.got, format!("{count} entries"));
        }
    }

    // The name tables: known names round-trip, anything else is None / Other verbatim.
    if let Some(method) = Method::from_name(v) {
        assert_eq!(method.name(), v);
    }
    if let Some(event) = EventName::from_name(v) {
        assert_eq!(event.name(), v);
    }
    let code = ErrorCode::parse(v);
    assert_eq!(code.as_str(), v);
    assert_eq!(code.is_known(), ErrorCode::KNOWN.contains(&v));
}

fn check_bounded(v: &str) {
    let chars = v.chars().count();
    match validate::bounded("address", v) {
        Ok(()) => assert!(chars <= validate::MAX_STRING_LEN),
        Err(e) => {
            assert!(chars > validate::MAX_STRING_LEN);
            check_rejection(&e, "address");
            assert_eq!(e.got, format!("{chars} characters"));
        }
    }
}

/// An independent statement of the channel id rule of PROTOCOL.md §4.
fn is_channel_id(v: &str) -> bool {
    if v == "voice" || v == "telephony" {
        return true;
    }
    for prefix in ["voice", "mail", "chat", "task", "federation"] {
        if v == prefix {
            return true;
        }
        if let Some(id) = v
            .strip_prefix(prefix)
            .and_then(|rest| rest.strip_prefix('_'))
        {
            let digits = id.strip_prefix('-').unwrap_or(id);
            return (1..=10).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit());
        }
    }
    false
}
