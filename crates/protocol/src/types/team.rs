//! A member of the agent's team, as `teamDataUpdate` carries it. The data reference names the
//! event ("contain a list of all agents in the team", "information on the updated logged in
//! agent") but not the agent's fields; these are connects-cil's, chosen to match the
//! `getChannel` agent fields and the Channel state fields.

use serde::{Deserialize, Serialize};

use super::{AgentState, ReasonCodeId};

/// One agent of the team and its state.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TeamAgent {
    /// The agent's id.
    pub agent_id: String,
    /// First name.
    pub first_name: String,
    /// Last name.
    pub last_name: String,
    /// The agent's extension (`""` when logged out).
    #[serde(default)]
    pub extension: String,
    /// The agent's (voice) state.
    pub state: AgentState,
    /// The state's reason code; negative means none.
    pub reason_code: ReasonCodeId,
    /// The reason's label.
    #[serde(default)]
    pub reason_code_label: String,
    /// When the state began (ISO 8601).
    pub state_change_time: String,
}
