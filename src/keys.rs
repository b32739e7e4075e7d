//! Every property name and fixed string the shell reads or writes on JS objects, created once
//! per client: passing a Rust `&str` to JS decodes it anew each time, and the message path
//! touches a dozen of them per round trip.

use wasm_bindgen::JsValue;

macro_rules! keys {
    ($($field:ident = $text:literal,)*) => {
        /// Cached JS strings, one field per name.
        pub(crate) struct Keys {
            $(pub $field: JsValue,)*
        }

        impl Keys {
            pub fn new() -> Self {
                Keys { $($field: JsValue::from_str($text),)* }
            }
        }
    };
}

keys! {
    ns = "ns",
    v = "v",
    kind = "kind",
    id = "id",
    method = "method",
    params = "params",
    ok = "ok",
    result = "result",
    error = "error",
    code = "code",
    message = "message",
    name = "name",
    data = "data",
    client_id = "clientId",
    host_id = "hostId",
    request_id = "requestId",
    event = "event",
    version = "version",
    connected = "connected",
    reason = "reason",
    namespace = "connects-cil",
    api_version = "2.7",
    syn = "syn",
    ack = "ack",
    announce = "announce",
    request = "request",
    response = "response",
    bye = "bye",
    event_kind = "event",
    error_event = "error",
}
