//! The events of the 2.7 reference by their wire names, and the `on…` registration name each
//! one has in the `cil` API (which is not always `on` + name: see `createChannel`).
//!
//! Eleven are listed among the reference's events ([`EventName::ALL`]). Two more,
//! `queueDataUpdate` and `teamDataUpdate` ([`EventName::DATA_UPDATES`]), are named only by the
//! data reference (`dataState`: "queueDataUpdate events can be received"; `teamDataState`:
//! "teamDataUpdate events can be received"), which lists no registration for them; their
//! payloads are connects-cil's (PROTOCOL.md §6). [`EventName::EVERY`] holds all thirteen.

/// An event of the Integration API 2.7.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EventName {
    /// `agentStateChange`: the agent state on a channel changed.
    AgentStateChange,
    /// `callVariableChanged`: a call variable (or ECC variable, or wrap-up reason) changed.
    CallVariableChanged,
    /// `createChannel`: a channel was created (registered with `onChannelCreate`).
    CreateChannel,
    /// `error`: a request failed, or the gadget hit an error.
    Error,
    /// `workitemConnect`: a work item was accepted.
    WorkitemConnect,
    /// `workitemCreate`: a work item appeared and is alerting (also on call recovery).
    WorkitemCreate,
    /// `workitemEnd`: a work item disappeared (after wrap-up, when wrap-up is enabled).
    WorkitemEnd,
    /// `workitemPause`: a work item was paused (e.g. a call put on hold).
    WorkitemPause,
    /// `workitemResume`: a paused work item was resumed.
    WorkitemResume,
    /// `workitemWrapup`: a work item entered wrap-up.
    WorkitemWrapup,
    /// `wrapupDataChanged`: the wrap-up reason changed.
    WrapupDataChanged,
    /// `queueDataUpdate`: the agent's queues and their statistics (named by the data
    /// reference's `dataState`).
    QueueDataUpdate,
    /// `teamDataUpdate`: the agents of the agent's team (named by the data reference's
    /// `teamDataState`).
    TeamDataUpdate,
}

impl EventName {
    /// The eleven events the reference lists, in its (alphabetical) order. (The numbering
    /// the drop-in client's wasm and facade share.)
    pub const ALL: [EventName; 11] = [
        EventName::AgentStateChange,
        EventName::CallVariableChanged,
        EventName::CreateChannel,
        EventName::Error,
        EventName::WorkitemConnect,
        EventName::WorkitemCreate,
        EventName::WorkitemEnd,
        EventName::WorkitemPause,
        EventName::WorkitemResume,
        EventName::WorkitemWrapup,
        EventName::WrapupDataChanged,
    ];

    /// The two events named only by the data reference: queue and team statistics.
    pub const DATA_UPDATES: [EventName; 2] =
        [EventName::QueueDataUpdate, EventName::TeamDataUpdate];

    /// All thirteen events: [`EventName::ALL`], then [`EventName::DATA_UPDATES`].
    pub const EVERY: [EventName; 13] = [
        EventName::AgentStateChange,
        EventName::CallVariableChanged,
        EventName::CreateChannel,
        EventName::Error,
        EventName::WorkitemConnect,
        EventName::WorkitemCreate,
        EventName::WorkitemEnd,
        EventName::WorkitemPause,
        EventName::WorkitemResume,
        EventName::WorkitemWrapup,
        EventName::WrapupDataChanged,
        EventName::QueueDataUpdate,
        EventName::TeamDataUpdate,
    ];

    /// The wire name: the `name` of an event message and the `event` field of its payload.
    ///
    /// ```
    /// assert_eq!(cil_protocol::EventName::CreateChannel.name(), "createChannel");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            EventName::AgentStateChange => "agentStateChange",
            EventName::CallVariableChanged => "callVariableChanged",
            EventName::CreateChannel => "createChannel",
            EventName::Error => "error",
            EventName::WorkitemConnect => "workitemConnect",
            EventName::WorkitemCreate => "workitemCreate",
            EventName::WorkitemEnd => "workitemEnd",
            EventName::WorkitemPause => "workitemPause",
            EventName::WorkitemResume => "workitemResume",
            EventName::WorkitemWrapup => "workitemWrapup",
            EventName::WrapupDataChanged => "wrapupDataChanged",
            EventName::QueueDataUpdate => "queueDataUpdate",
            EventName::TeamDataUpdate => "teamDataUpdate",
        }
    }

    /// The event with this exact (case-sensitive) wire name (any of the thirteen).
    pub fn from_name(name: &str) -> Option<Self> {
        EventName::EVERY
            .into_iter()
            .find(|event| event.name() == name)
    }

    /// The `cil` method that registers a handler, e.g. `onWorkitemCreate`. The reference
    /// registers `createChannel` with `onChannelCreate` (the client also accepts the
    /// `onCreateChannel` spelling the reference uses as a heading).
    pub fn handler_name(self) -> &'static str {
        match self {
            EventName::AgentStateChange => "onAgentStateChange",
            EventName::CallVariableChanged => "onCallVariableChanged",
            EventName::CreateChannel => "onChannelCreate",
            EventName::Error => "onError",
            EventName::WorkitemConnect => "onWorkitemConnect",
            EventName::WorkitemCreate => "onWorkitemCreate",
            EventName::WorkitemEnd => "onWorkitemEnd",
            EventName::WorkitemPause => "onWorkitemPause",
            EventName::WorkitemResume => "onWorkitemResume",
            EventName::WorkitemWrapup => "onWorkitemWrapup",
            EventName::WrapupDataChanged => "onWrapupDataChanged",
            EventName::QueueDataUpdate => "onQueueDataUpdate",
            EventName::TeamDataUpdate => "onTeamDataUpdate",
        }
    }

    /// Whether the payload of this event is a Workitem (plus `event`, `version`, `requestId`).
    pub fn carries_workitem(self) -> bool {
        !matches!(
            self,
            EventName::AgentStateChange
                | EventName::CreateChannel
                | EventName::Error
                | EventName::QueueDataUpdate
                | EventName::TeamDataUpdate
        )
    }
}

impl core::fmt::Display for EventName {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for EventName {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for EventName {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        EventName::from_name(&name)
            .ok_or_else(|| serde::de::Error::custom(format_args!("unknown event {name:?}")))
    }
}
