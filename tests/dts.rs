//! The hand-written typings (`js/cil/cil.d.ts`), the exported class (`src/class.rs`) and the
//! stand-in for a wasm that cannot run (`js/cil/unavailable.js`) must not drift from the
//! protocol: every method and event that `cil-protocol` knows has to appear in all three.
#![cfg(not(target_arch = "wasm32"))]

use cil_protocol::{ErrorCode, EventName, Method};

const DTS: &str = include_str!("../js/cil/cil.d.ts");
const CLASS: &str = include_str!("../src/class.rs");
const STAND_IN: &str = include_str!("../js/cil/unavailable.js");

#[test]
fn every_method_is_typed_and_exposed() {
    for method in Method::ALL {
        let mut signature = String::from(method.name());
        signature.push('(');
        assert!(DTS.contains(&signature), "cil.d.ts lacks {signature}");
        for param in method.params() {
            assert!(
                DTS.contains(param),
                "cil.d.ts lacks parameter {param} of {method}"
            );
        }
        let quoted = ["'", method.name(), "'"].concat();
        assert!(STAND_IN.contains(&quoted), "unavailable.js lacks {quoted}");
        let exported = ["\"", method.name(), "\" "].concat();
        assert!(
            CLASS.contains(&exported),
            "class.rs does not export {exported}"
        );
    }
}

#[test]
fn every_event_is_typed_and_exposed() {
    for event in EventName::EVERY {
        let handler = [
            event.handler_name(),
            "(handler: Handler<CilEventMap['",
            event.name(),
            "']>)",
        ]
        .concat();
        assert!(DTS.contains(&handler), "cil.d.ts lacks {handler}");
        let map_entry = ["  ", event.name(), ": "].concat();
        assert!(
            DTS.contains(&map_entry),
            "CilEventMap lacks {}",
            event.name()
        );
        let quoted = ["'", event.handler_name(), "'"].concat();
        assert!(STAND_IN.contains(&quoted), "unavailable.js lacks {quoted}");
        let exported = ["\"", event.handler_name(), "\" "].concat();
        assert!(
            CLASS.contains(&exported),
            "class.rs does not export {exported}"
        );
    }
}

#[test]
fn every_error_code_is_in_the_union() {
    let codes = [
        ErrorCode::InvalidArgument,
        ErrorCode::Timeout,
        ErrorCode::ConnectTimeout,
        ErrorCode::ConnectionLost,
        ErrorCode::Destroyed,
        ErrorCode::WasmUnavailable,
        ErrorCode::MalformedMessage,
        ErrorCode::HandlerError,
        ErrorCode::UnknownMethod,
        ErrorCode::UnknownChannel,
        ErrorCode::UnknownWorkitem,
        ErrorCode::InvalidStateTransition,
        ErrorCode::ReasonCodeRequired,
        ErrorCode::UnknownReasonCode,
        ErrorCode::UpdateNotAllowed,
        ErrorCode::RequestFailed,
    ];
    for code in codes {
        let quoted = ["'", code.as_str(), "'"].concat();
        assert!(DTS.contains(&quoted), "CilErrorCode lacks {quoted}");
    }
}
