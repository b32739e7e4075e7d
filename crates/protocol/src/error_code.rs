//! The stable error codes of connects-cil, so that a caller can branch on `error.code`
//! instead of parsing messages.
//!
//! Changing a code's spelling is a breaking change. Codes this version does not know (from a
//! newer gadget) are kept in [`ErrorCode::Other`] and passed on unchanged.

use crate::string_enum::string_enum;

string_enum! {
    /// Why a request failed or something went wrong; the string form travels on the wire
    /// (`error.code` of a response) and is `CilError.code` in JavaScript.
    ///
    /// ```
    /// use cil_protocol::ErrorCode;
    /// assert_eq!(ErrorCode::parse("UNKNOWN_CHANNEL"), ErrorCode::UnknownChannel);
    /// assert_eq!(ErrorCode::ConnectionLost.as_str(), "CONNECTION_LOST");
    /// assert_eq!(ErrorCode::parse("NEW_CODE").as_str(), "NEW_CODE");
    /// ```
    pub enum ErrorCode {
        /// An argument is missing or malformed (raised by the client before sending, or by the
        /// host when a request's params do not fit the method).
        InvalidArgument = "INVALID_ARGUMENT",
        /// Client: no response arrived within the request timeout.
        Timeout = "TIMEOUT",
        /// Client: the handshake with the gadget did not complete within the connect timeout.
        ConnectTimeout = "CONNECT_TIMEOUT",
        /// Client: the connection went away (gadget reload or `bye`) with the request in flight.
        ConnectionLost = "CONNECTION_LOST",
        /// Client: `destroy()` was called; pending and later requests fail with this.
        Destroyed = "DESTROYED",
        /// Client: WebAssembly is blocked (CSP) or the .wasm file could not be loaded.
        WasmUnavailable = "WASM_UNAVAILABLE",
        /// Client: a message from the gadget carried our tag but could not be decoded
        /// (reported through `onError`).
        MalformedMessage = "MALFORMED_MESSAGE",
        /// Client: a user event handler threw (reported through `onError` and the console).
        HandlerError = "HANDLER_ERROR",
        /// Host: the request names a method the host does not implement.
        UnknownMethod = "UNKNOWN_METHOD",
        /// Host: no channel matches `channelId`.
        UnknownChannel = "UNKNOWN_CHANNEL",
        /// Host: no work item with `workitemId` on that channel.
        UnknownWorkitem = "UNKNOWN_WORKITEM",
        /// Host: the requested agent state cannot be reached from the current one.
        InvalidStateTransition = "INVALID_STATE_TRANSITION",
        /// Host: the requested state needs a reason code and none was given.
        ReasonCodeRequired = "REASON_CODE_REQUIRED",
        /// Host: the reason code is not in the channel's list for that reason type.
        UnknownReasonCode = "UNKNOWN_REASON_CODE",
        /// Host: the work item's data cannot be updated now (not Active, not the owner,
        /// a consultation call).
        UpdateNotAllowed = "UPDATE_NOT_ALLOWED",
        /// Host: the request failed for another reason (also used for injected failures).
        RequestFailed = "REQUEST_FAILED",
    }
}

impl ErrorCode {
    /// Whether only the client raises this code (never found in a host's response).
    pub fn is_client_side(&self) -> bool {
        matches!(
            self,
            ErrorCode::Timeout
                | ErrorCode::ConnectTimeout
                | ErrorCode::ConnectionLost
                | ErrorCode::Destroyed
                | ErrorCode::WasmUnavailable
                | ErrorCode::MalformedMessage
                | ErrorCode::HandlerError
        )
    }
}
