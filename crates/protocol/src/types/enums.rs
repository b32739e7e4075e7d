//! The enumerations of the work item and agent-state payloads, each tolerant of values a
//! newer gadget may add (see [`crate::ErrorCode`] for the pattern).

use crate::string_enum::string_enum;

string_enum! {
    /// An agent (channel) state: `newState`/`oldState` of agentStateChange, `state` of a
    /// Channel, the three states of a ChannelCreate. (SCV 2.5 spelled `Wrap-Up`; that
    /// spelling decodes as `Other("Wrap-Up")` and is passed on unchanged.)
    pub enum AgentState {
        /// Logged out.
        Logout = "Logout",
        /// Offline.
        Offline = "Offline",
        /// Ready for work.
        Ready = "Ready",
        /// Not ready.
        NotReady = "NotReady",
        /// Handling a work item.
        Active = "Active",
        /// In wrap-up after a work item.
        Wrapup = "Wrapup",
        /// The state is not known (a documented value, not a catch-all).
        Unknown = "Unknown",
    }
}

string_enum! {
    /// A channel type.
    pub enum ChannelType {
        /// Voice (telephony).
        Voice = "Voice",
        /// E-mail.
        Mail = "Mail",
        /// Chat.
        Chat = "Chat",
        /// Task.
        Task = "Task",
        /// Federation.
        Federation = "Federation",
    }
}

string_enum! {
    /// The class of a work item.
    pub enum Classification {
        /// A customer call.
        Customer = "Customer",
        /// A consultation call.
        Consultation = "Consultation",
        /// A conference.
        Conference = "Conference",
        /// A transferred call.
        Transfer = "Transfer",
        /// An internal (agent-to-agent) call.
        Internal = "Internal",
        /// Not known (a documented value, not a catch-all).
        Unknown = "Unknown",
    }
}

string_enum! {
    /// The direction of a work item.
    pub enum Direction {
        /// Incoming.
        Incoming = "Incoming",
        /// Outgoing.
        Outgoing = "Outgoing",
    }
}

string_enum! {
    /// The state of a work item.
    pub enum WorkitemState {
        /// Not known (a documented value, not a catch-all).
        Unknown = "Unknown",
        /// Initiated (an outgoing call being set up).
        Initiated = "Initiated",
        /// Offered (alerting).
        Offered = "Offered",
        /// Active (connected).
        Active = "Active",
        /// Paused (on hold).
        Paused = "Paused",
        /// In wrap-up.
        Wrapup = "Wrapup",
        /// Ended.
        Ended = "Ended",
        /// Ended: abandoned by the caller.
        EndedAbandoned = "EndedAbandoned",
        /// Ended: transferred.
        EndedTransferred = "EndedTransferred",
        /// Ended for an unknown reason.
        EndedUnknown = "EndedUnknown",
    }
}

string_enum! {
    /// The outbound call classification in ctiData.
    pub enum OutboundClassification {
        /// A voice answered.
        Voice = "VOICE",
        /// A fax machine answered.
        Fax = "FAX",
        /// An answering machine answered.
        AnsMachine = "ANS_MACHINE",
        /// The number is invalid.
        Invalid = "INVALID",
        /// The number must not be called.
        DoNotCall = "DO_NOT_CALL",
        /// Busy.
        Busy = "BUSY",
    }
}

impl Default for AgentState {
    /// `Unknown`: the reference's own value for "not known".
    fn default() -> Self {
        AgentState::Unknown
    }
}

impl Default for ChannelType {
    /// `Voice`: the only channel type the 2.7 requests address by name.
    fn default() -> Self {
        ChannelType::Voice
    }
}

impl Default for Classification {
    /// `Unknown`: the reference's own value for "not known".
    fn default() -> Self {
        Classification::Unknown
    }
}

impl Default for Direction {
    /// `Incoming`.
    fn default() -> Self {
        Direction::Incoming
    }
}

impl Default for WorkitemState {
    /// `Unknown`: the reference's own value for "not known".
    fn default() -> Self {
        WorkitemState::Unknown
    }
}
