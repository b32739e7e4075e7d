//! The simulated contact center's set-up (agent, channels, reason codes, wrap-up and
//! reason-code rules), with defaults that look like a small Finesse installation so that
//! `new` with no options gives a usable gadget.
//!
//! The same struct is read from the JS options object (camelCase field names), so a typo in an
//! option is an error rather than a silently ignored setting.

use crate::error::{SimError, SimResult};
use crate::names::{AgentState, ChannelType};
use serde::{Deserialize, Deserializer, Serialize};

/// One reason code: `{id, label}`, the shape `getReasonCodeList` returns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReasonCode {
    /// The code (`"1"` on Finesse, a GUID on WxCC); numbers in options are read as strings.
    #[serde(deserialize_with = "string_or_number")]
    pub id: String,
    /// The name agents see.
    pub label: String,
}

impl ReasonCode {
    /// A reason code from literals.
    pub fn new(id: &str, label: &str) -> Self {
        Self {
            id: id.to_owned(),
            label: label.to_owned(),
        }
    }
}

/// Accepts `"12"` or `12` for an id.
fn string_or_number<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Id {
        S(String),
        N(i64),
    }
    Ok(match Id::deserialize(d)? {
        Id::S(s) => s,
        Id::N(n) => n.to_string(),
    })
}

/// The agent's identity (the `getChannel` fields besides `channel`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct AgentConfig {
    /// `agentId`.
    pub id: String,
    /// `firstName`.
    pub first_name: String,
    /// `lastName`.
    pub last_name: String,
    /// `loginName`.
    pub login_name: String,
    /// `extension`.
    pub extension: String,
    /// `teamId`.
    pub team_id: String,
    /// `activeDeviceId` (shared-line feature).
    pub active_device_id: String,
}

impl Default for AgentConfig {
    fn default() -> Self {
        Self {
            id: "1001".into(),
            first_name: "Alex".into(),
            last_name: "Keller".into(),
            login_name: "akeller".into(),
            extension: "5001".into(),
            team_id: "7".into(),
            active_device_id: "SEP0011AABB5001".into(),
        }
    }
}

/// One channel of the agent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ChannelConfig {
    /// `voice_<peripheral id>`, `voice_-1` (CCX), `telephony` (WxCC), or any id for other media.
    pub id: String,
    /// The channel type (`Voice`, `Mail`, `Chat`, `Task`, `Federation`); default `Voice`.
    #[serde(
        rename = "type",
        default = "voice_type",
        deserialize_with = "channel_type"
    )]
    pub kind: ChannelType,
    /// Whether a call on this channel goes to wrap-up when it ends (default: true).
    #[serde(default = "yes")]
    pub wrapup: bool,
}

impl ChannelConfig {
    /// A channel with wrap-up enabled.
    pub fn new(id: &str, kind: ChannelType) -> Self {
        Self {
            id: id.to_owned(),
            kind,
            wrapup: true,
        }
    }
}

fn voice_type() -> ChannelType {
    ChannelType::Voice
}

fn yes() -> bool {
    true
}

fn channel_type<'de, D: Deserializer<'de>>(d: D) -> Result<ChannelType, D::Error> {
    let s = String::deserialize(d)?;
    ChannelType::parse(&s).ok_or_else(|| {
        serde::de::Error::custom(format!(
            "unknown channel type '{s}' (expected Voice, Mail, Chat, Task or Federation)"
        ))
    })
}

/// The reason-code lists, keyed as the reference names the reason types.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ReasonCodes {
    /// Logout reasons.
    #[serde(rename = "Logout")]
    pub logout: Vec<ReasonCode>,
    /// Not-ready reasons.
    #[serde(rename = "NotReady")]
    pub not_ready: Vec<ReasonCode>,
    /// Wrap-up reasons (`setWrapupReason` takes the label).
    #[serde(rename = "Wrapup")]
    pub wrapup: Vec<ReasonCode>,
}

impl Default for ReasonCodes {
    fn default() -> Self {
        Self {
            logout: vec![
                ReasonCode::new("10", "End of shift"),
                ReasonCode::new("11", "Personal"),
            ],
            not_ready: vec![
                ReasonCode::new("1", "Break"),
                ReasonCode::new("2", "Lunch"),
                ReasonCode::new("3", "Meeting"),
                ReasonCode::new("4", "Training"),
            ],
            wrapup: vec![
                ReasonCode::new("21", "Documentation"),
                ReasonCode::new("22", "Sale"),
                ReasonCode::new("23", "Support request"),
                ReasonCode::new("24", "Complaint"),
            ],
        }
    }
}

/// Which target states need a reason code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ReasonRequired {
    /// `NotReady` needs a reason code.
    #[serde(rename = "NotReady")]
    pub not_ready: bool,
    /// `Logout` needs a reason code.
    #[serde(rename = "Logout")]
    pub logout: bool,
}

/// The whole set-up.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct SimConfig {
    /// The agent.
    pub agent: AgentConfig,
    /// The channels (default: one Finesse voice channel `voice_5075` with wrap-up).
    pub channels: Vec<ChannelConfig>,
    /// Reason-code lists.
    pub reason_codes: ReasonCodes,
    /// Which states need a reason code (default: none).
    pub reason_code_required: ReasonRequired,
    /// The state every channel starts in: `Logout`, `NotReady` (default) or `Ready`.
    #[serde(deserialize_with = "initial_state")]
    pub initial_state: AgentState,
    /// Calls are accepted automatically (then `activity` stays empty on `workitemConnect`).
    pub auto_accept: bool,
    /// Unanswered calls: how long a call may ring, and the reason code the agent gets.
    pub rona: RonaConfig,
    /// The agent's queues with the other agents' figures (absent: no `queueDataUpdate`).
    pub queues: Option<Vec<crate::stats::QueueConfig>>,
    /// The agent's team (absent: no `teamDataUpdate`).
    pub team: Option<crate::stats::TeamConfig>,
}

/// Redirection on no answer (RONA): an offered call that rings longer than `timeout_ms` ends
/// as `EndedAbandoned` and the agent goes NotReady with `reason_code`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct RonaConfig {
    /// How long a call may ring, in milliseconds; `None` (the default): forever.
    pub timeout_ms: Option<u64>,
    /// The NotReady reason after a RONA (default: UCCE's 32767, "Redirected on no answer").
    pub reason_code: ReasonCode,
}

/// The longest ring-no-answer time accepted: one day.
pub const MAX_RONA_MS: u64 = 86_400_000;

impl Default for RonaConfig {
    fn default() -> Self {
        Self {
            timeout_ms: None,
            reason_code: ReasonCode::new("32767", "Redirected on no answer"),
        }
    }
}

impl Default for SimConfig {
    fn default() -> Self {
        Self {
            agent: AgentConfig::default(),
            channels: vec![ChannelConfig::new("voice_5075", ChannelType::Voice)],
            reason_codes: ReasonCodes::default(),
            reason_code_required: ReasonRequired::default(),
            initial_state: AgentState::NotReady,
            auto_accept: false,
            rona: RonaConfig::default(),
            queues: None,
            team: None,
        }
    }
}

fn initial_state<'de, D: Deserializer<'de>>(d: D) -> Result<AgentState, D::Error> {
    let s = String::deserialize(d)?;
    match AgentState::parse(&s) {
        Some(st @ (AgentState::Logout | AgentState::NotReady | AgentState::Ready)) => Ok(st),
        _ => Err(serde::de::Error::custom(format!(
            "initialState '{s}' (expected Logout, NotReady or Ready)"
        ))),
    }
}

impl SimConfig {
    /// Reads options given as JSON (`null` means all defaults) and checks them.
    pub fn from_value(value: &serde_json::Value) -> SimResult<Self> {
        if value.is_null() {
            return Ok(Self::default());
        }
        let config: SimConfig =
            serde_json::from_value(value.clone()).map_err(|e| SimError::invalid("options", e))?;
        config.check()?;
        Ok(config)
    }

    /// Refuses set-ups the model cannot run: no channel, duplicate channel ids, a RONA time
    /// of zero or more than a day.
    pub fn check(&self) -> SimResult<()> {
        if let Some(ms) = self.rona.timeout_ms {
            if ms == 0 || ms > MAX_RONA_MS {
                return Err(SimError::invalid(
                    "options.rona.timeoutMs",
                    format!(
                        "expected 1 to {MAX_RONA_MS} milliseconds (or null: no limit), got {ms}"
                    ),
                ));
            }
        }
        if self.channels.is_empty() {
            return Err(SimError::invalid(
                "options.channels",
                "at least one channel is needed",
            ));
        }
        for (i, q) in self.queues.iter().flatten().enumerate() {
            crate::stats::Queue::new(q.clone())
                .map_err(|e| SimError::invalid("options.queues", e.message))?;
            if self
                .queues
                .iter()
                .flatten()
                .skip(i + 1)
                .any(|o| o.id == q.id)
            {
                return Err(SimError::invalid(
                    "options.queues",
                    format!("queue id '{}' appears twice", q.id),
                ));
            }
        }
        let members = self
            .team
            .as_ref()
            .map(|t| t.agents.as_slice())
            .unwrap_or(&[]);
        for (i, m) in members.iter().enumerate() {
            if m.agent_id.is_empty() || m.agent_id == self.agent.id {
                return Err(SimError::invalid(
                    "options.team.agents",
                    "each agentId must be set and differ from the simulated agent's (it is in its team already)",
                ));
            }
            if members.iter().skip(i + 1).any(|o| o.agent_id == m.agent_id) {
                return Err(SimError::invalid(
                    "options.team.agents",
                    format!("agent '{}' appears twice", m.agent_id),
                ));
            }
        }
        for (i, c) in self.channels.iter().enumerate() {
            if c.id.is_empty() {
                return Err(SimError::invalid(
                    "options.channels",
                    "a channel id is empty",
                ));
            }
            if self.channels.iter().skip(i + 1).any(|o| o.id == c.id) {
                return Err(SimError::invalid(
                    "options.channels",
                    format!("channel id '{}' appears twice", c.id),
                ));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn null_gives_defaults() {
        let c = SimConfig::from_value(&serde_json::Value::Null).unwrap();
        assert_eq!(c.channels[0].id, "voice_5075");
        assert_eq!(c.initial_state, AgentState::NotReady);
    }

    #[test]
    fn reads_camel_case_options_and_numeric_ids() {
        let c = SimConfig::from_value(&json!({
            "agent": {"firstName": "Kim"},
            "channels": [{"id": "telephony", "wrapup": false}, {"id": "chat_1", "type": "Chat"}],
            "reasonCodes": {"NotReady": [{"id": 7, "label": "Coffee"}]},
            "reasonCodeRequired": {"NotReady": true},
            "initialState": "Logout"
        }))
        .unwrap();
        assert_eq!(c.agent.first_name, "Kim");
        assert_eq!(c.agent.last_name, "Keller");
        assert!(!c.channels[0].wrapup);
        assert_eq!(c.channels[1].kind, ChannelType::Chat);
        assert_eq!(
            c.reason_codes.not_ready,
            vec![ReasonCode::new("7", "Coffee")]
        );
        assert!(c.reason_code_required.not_ready);
        assert_eq!(c.initial_state, AgentState::Logout);
    }

    #[test]
    fn refuses_typos_and_bad_values() {
        for bad in [
            json!({"agnet": {}}),
            json!({"channels": []}),
            json!({"channels": [{"id": "a"}, {"id": "a"}]}),
            json!({"channels": [{"id": "a", "type": "Fax"}]}),
            json!({"initialState": "Active"}),
        ] {
            let err = SimConfig::from_value(&bad).unwrap_err();
            assert_eq!(err.code, cil_protocol::ErrorCode::InvalidArgument, "{bad}");
        }
    }
}
