//! The closed value sets the model reasons about (agent states, channel types, work-item states,
//! directions, classifications), spelled exactly as the 2.7 reference spells them on the wire.
//!
//! The protocol crate's enums carry an `Other(String)` catch-all so a client tolerates a newer
//! gadget; the simulator *is* the gadget, so its own state machine uses closed enums and a
//! `match` that the compiler checks for completeness.

/// Declares a closed string enum with `as_str`, `parse` and `ALL`.
macro_rules! closed_enum {
    ($(#[$meta:meta])* pub enum $name:ident { $($(#[$vmeta:meta])* $variant:ident = $wire:literal,)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($(#[$vmeta])* $variant,)+ }

        impl $name {
            /// Every value, in the order the reference lists them.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The wire spelling.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $wire,)+ }
            }

            /// Reads the exact wire spelling; anything else is `None`.
            pub fn parse(value: &str) -> Option<Self> {
                match value { $($wire => Some($name::$variant),)+ _ => None }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = String::deserialize(d)?;
                $name::parse(&text).ok_or_else(|| {
                    let all: Vec<&str> = $name::ALL.iter().map(|v| v.as_str()).collect();
                    serde::de::Error::custom(format!(
                        "'{}' is not one of {}",
                        text.chars().take(64).collect::<String>(),
                        all.join(", ")
                    ))
                })
            }
        }
    };
}

closed_enum! {
    /// The state of the agent on one channel.
    pub enum AgentState {
        /// Logged out.
        Logout = "Logout",
        /// The device is out of service.
        Offline = "Offline",
        /// Ready to receive work.
        Ready = "Ready",
        /// Not ready, usually with a reason code.
        NotReady = "NotReady",
        /// Reserved for or working on a work item.
        Active = "Active",
        /// After-call work.
        Wrapup = "Wrapup",
        /// The CTI reported something the gadget does not know.
        Unknown = "Unknown",
    }
}

closed_enum! {
    /// The media type of a channel.
    pub enum ChannelType {
        /// Telephony.
        Voice = "Voice",
        /// E-mail.
        Mail = "Mail",
        /// Chat.
        Chat = "Chat",
        /// Task.
        Task = "Task",
        /// Federated third-party media.
        Federation = "Federation",
    }
}

closed_enum! {
    /// The life-cycle state of a work item.
    pub enum WorkitemState {
        /// Not yet known.
        Unknown = "Unknown",
        /// An outgoing call is being placed.
        Initiated = "Initiated",
        /// Alerting at the agent.
        Offered = "Offered",
        /// Connected.
        Active = "Active",
        /// On hold.
        Paused = "Paused",
        /// In after-call work.
        Wrapup = "Wrapup",
        /// Ended normally.
        Ended = "Ended",
        /// The caller hung up before the agent answered.
        EndedAbandoned = "EndedAbandoned",
        /// Transferred away.
        EndedTransferred = "EndedTransferred",
        /// Ended for a reason the CTI did not say.
        EndedUnknown = "EndedUnknown",
    }
}

impl WorkitemState {
    /// Whether the item has ended (any of the `Ended*` states).
    pub fn is_ended(self) -> bool {
        matches!(
            self,
            Self::Ended | Self::EndedAbandoned | Self::EndedTransferred | Self::EndedUnknown
        )
    }

    /// Whether the item still occupies the agent (alerting, connected or on hold).
    pub fn is_live(self) -> bool {
        matches!(
            self,
            Self::Initiated | Self::Offered | Self::Active | Self::Paused
        )
    }
}

closed_enum! {
    /// Who started the call.
    pub enum Direction {
        /// The customer called in.
        Incoming = "Incoming",
        /// The agent dialled out.
        Outgoing = "Outgoing",
    }
}

closed_enum! {
    /// What kind of call a work item is.
    pub enum Classification {
        /// A call with a customer.
        Customer = "Customer",
        /// A consultation call placed while a customer call exists.
        Consultation = "Consultation",
        /// A conference.
        Conference = "Conference",
        /// A transferred call.
        Transfer = "Transfer",
        /// An agent-to-agent call.
        Internal = "Internal",
        /// Not known.
        Unknown = "Unknown",
    }
}

closed_enum! {
    /// The three kinds of reason-code list (`reasonType` of `getReasonCodeList`).
    pub enum ReasonKind {
        /// Logout reasons.
        Logout = "Logout",
        /// Not-ready reasons.
        NotReady = "NotReady",
        /// Wrap-up reasons.
        Wrapup = "Wrapup",
    }
}

closed_enum! {
    /// The states an agent may ask for (`state` of `setAgentState`).
    pub enum TargetState {
        /// Ready.
        Ready = "Ready",
        /// Not ready.
        NotReady = "NotReady",
        /// Log out.
        Logout = "Logout",
    }
}

impl TargetState {
    /// The agent state this request leads to.
    pub fn agent_state(self) -> AgentState {
        match self {
            Self::Ready => AgentState::Ready,
            Self::NotReady => AgentState::NotReady,
            Self::Logout => AgentState::Logout,
        }
    }

    /// The reason-code list that applies, if any.
    pub fn reason_kind(self) -> Option<ReasonKind> {
        match self {
            Self::Ready => None,
            Self::NotReady => Some(ReasonKind::NotReady),
            Self::Logout => Some(ReasonKind::Logout),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_every_value() {
        for s in AgentState::ALL {
            assert_eq!(AgentState::parse(s.as_str()), Some(*s));
        }
        for s in WorkitemState::ALL {
            assert_eq!(WorkitemState::parse(s.as_str()), Some(*s));
        }
        assert_eq!(AgentState::parse("ready"), None);
        assert_eq!(ChannelType::parse("Voice"), Some(ChannelType::Voice));
    }

    /// The simulator's closed sets must be spelled as the protocol crate knows them: a value the
    /// client would decode as `Other` means the two disagree about the wire.
    #[test]
    fn every_value_is_known_to_the_protocol_crate() {
        use cil_protocol::types as wire;
        for s in AgentState::ALL {
            assert!(
                !matches!(
                    wire::AgentState::parse(s.as_str()),
                    wire::AgentState::Other(_)
                ),
                "{s}"
            );
        }
        for s in ChannelType::ALL {
            assert!(
                !matches!(
                    wire::ChannelType::parse(s.as_str()),
                    wire::ChannelType::Other(_)
                ),
                "{s}"
            );
        }
        for s in WorkitemState::ALL {
            assert!(
                !matches!(
                    wire::WorkitemState::parse(s.as_str()),
                    wire::WorkitemState::Other(_)
                ),
                "{s}"
            );
        }
        for s in Direction::ALL {
            assert!(
                !matches!(
                    wire::Direction::parse(s.as_str()),
                    wire::Direction::Other(_)
                ),
                "{s}"
            );
        }
        for s in Classification::ALL {
            assert!(
                !matches!(
                    wire::Classification::parse(s.as_str()),
                    wire::Classification::Other(_)
                ),
                "{s}"
            );
        }
    }

    #[test]
    fn ended_and_live_states() {
        assert!(WorkitemState::EndedAbandoned.is_ended());
        assert!(!WorkitemState::Wrapup.is_ended());
        assert!(!WorkitemState::Wrapup.is_live());
        assert!(WorkitemState::Paused.is_live());
    }
}
