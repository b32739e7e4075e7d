//! The two enumerated request arguments, `state` of `setAgentState` and `reasonType` of
//! `getReasonCodeList`, kept outside the `serde` feature because argument validation (which the
//! small client build uses) returns them.

use crate::string_enum::string_enum;

string_enum! {
    /// The `state` argument of `setAgentState`.
    pub enum RequestedState {
        /// Ready to receive work.
        Ready = "Ready",
        /// Not ready (usually with a reason code).
        NotReady = "NotReady",
        /// Log out (usually with a reason code).
        Logout = "Logout",
    }
}

string_enum! {
    /// The `reasonType` argument of `getReasonCodeList`.
    pub enum ReasonType {
        /// Logout reason codes.
        Logout = "Logout",
        /// Not-ready reason codes.
        NotReady = "NotReady",
        /// Wrap-up reasons.
        Wrapup = "Wrapup",
    }
}
