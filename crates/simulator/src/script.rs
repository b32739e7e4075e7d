//! Script actions and scenario scripts: every thing a person, a test or a scenario file can make
//! the gadget do, as one data type, so that the JS methods, `sim.play(script)` and
//! `sim.record()` share one implementation and a recorded scenario replays exactly.
//!
//! A scenario is JSON (docs/simulator-api.md, "Scenario scripts"):
//!
//! ```json
//! {"scenario": 1, "name": "Incoming call", "options": {"initialState": "Ready"},
//!  "steps": [{"after": 0, "do": "incomingCall", "ani": "+41 44 123 45 67"},
//!            {"after": 1500, "do": "answer", "note": "the agent answers"}]}
//! ```
//!
//! Each step is an [`Action`] (`do` plus its fields, by the JS method's argument names) with
//! `after` (milliseconds after the previous step, default 0), an optional `note` for people and
//! `by` (`"gadget"`, the default, or `"integration"`: a request an integration made, recorded
//! as a `request` step). Unknown fields are errors, so a typo never goes unnoticed. The
//! shipped scenarios (`scenarios/*.json`) also list the `events` they send, in order; a test
//! plays each one and checks that list and the docs' copy of it.

use crate::config::ChannelConfig;
use crate::error::{SimError, SimResult};
use crate::gadget::IncomingCall;
use crate::names::TargetState;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// The version of the scenario format this module reads and writes (`"scenario": 1`).
pub const SCENARIO_FORMAT: u64 = 1;

/// The most steps one scenario may have (and a recording keeps).
pub const MAX_STEPS: usize = 10_000;

/// The longest pause before one step: one hour.
pub const MAX_AFTER_MS: u64 = 3_600_000;

/// One thing the gadget can be made to do. The JSON form is `{"do": "<name>", …fields}` with the
/// JS method's name and argument names; `id` fields are work-item ids (absent: the newest fitting
/// item, as the JS methods do).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "do", rename_all = "camelCase", deny_unknown_fields)]
pub enum Action {
    /// The agent changes state in the gadget (Ready/NotReady while logged out logs in).
    #[serde(rename_all = "camelCase")]
    SetAgentState {
        /// `Ready`, `NotReady` or `Logout`.
        state: TargetState,
        /// The reason code, if any.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason_code: Option<String>,
        /// The channel (default `voice`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        channel_id: Option<String>,
    },
    /// A call arrives (the fields of `sim.incomingCall`).
    IncomingCall(Box<IncomingCall>),
    /// The agent answers (or the far end of an outgoing call answers).
    Answer {
        /// The work item (default: the newest Offered or Initiated one).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        id: Option<String>,
    },
    /// The agent puts a call on hold.
    Hold {
        /// The work item (default: the newest Active one).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        id: Option<String>,
    },
    /// The agent takes a call off hold.
    Resume {
        /// The work item (default: the newest Paused one).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        id: Option<String>,
    },
    /// Either side hangs up.
    HangUp {
        /// The work item (default: the newest one not in wrap-up).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        id: Option<String>,
    },
    /// The agent ends wrap-up.
    #[serde(rename_all = "camelCase")]
    EndWrapup {
        /// The work item (default: the newest one in wrap-up).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        id: Option<String>,
        /// The state to go to (default: the state before the call).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        state: Option<TargetState>,
        /// Its reason code.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason_code: Option<String>,
    },
    /// The agent completes a transfer of the customer call.
    Transfer {
        /// The customer call or its consultation (default: the newest Active or Paused item).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        id: Option<String>,
    },
    /// The agent joins the held customer call and its answered consultation into a conference.
    Conference {
        /// Either leg (default: the newest Active or Paused item).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        id: Option<String>,
    },
    /// An offered call rings out unanswered now (as when the RONA time runs out).
    RingNoAnswer {
        /// The work item (default: the newest Offered one).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        id: Option<String>,
    },
    /// How long calls offered from now on may ring before RONA (`null`: forever).
    SetRonaTimeout {
        /// Milliseconds, 1 to a day, or `null`.
        ms: Option<u64>,
    },
    /// The agent places a call from the gadget (as `dialOrConsult`).
    #[serde(rename_all = "camelCase")]
    Dial {
        /// The number to call.
        address: String,
        /// The channel (default `voice`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        channel_id: Option<String>,
    },
    /// The agent edits a call variable in the gadget.
    SetCallVariable {
        /// The work item (default: the newest one).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        id: Option<String>,
        /// `callVariable1`..`10`, `user.<name>` or `wrapUpReason`.
        name: String,
        /// The new value.
        value: String,
    },
    /// The agent picks a wrap-up reason in the gadget.
    SetWrapupReason {
        /// The work item (default: the newest one).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        id: Option<String>,
        /// The reason (a label).
        reason: String,
    },
    /// A channel is added (`createChannel`).
    CreateChannel(ChannelConfig),
    /// The gadget reports an internal error (`error` event with `requestId: ""`).
    RaiseError {
        /// The message.
        message: String,
    },
    /// Wrap-up on or off for a channel.
    #[serde(rename_all = "camelCase")]
    SetWrapupEnabled {
        /// On or off.
        enabled: bool,
        /// The channel (default `voice`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        channel_id: Option<String>,
    },
    /// Whether NotReady / Logout need a reason code.
    #[serde(rename_all = "camelCase")]
    SetReasonCodeRequired {
        /// NotReady needs one.
        not_ready: bool,
        /// Logout needs one.
        logout: bool,
    },
    /// The next request (of `method`, or any) fails.
    FailNext {
        /// The method (absent: any).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        method: Option<String>,
        /// The error code (default `REQUEST_FAILED`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        code: Option<String>,
        /// The error message.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        message: Option<String>,
    },
    /// The next response (to `method`, or any) is not sent.
    DropNextResponse {
        /// The method (absent: any).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        method: Option<String>,
    },
    /// The next response (to `method`, or any) is sent twice.
    DuplicateNextResponse {
        /// The method (absent: any).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        method: Option<String>,
    },
    /// The next response (to `method`, or any) is sent `ms` late.
    DelayNextResponse {
        /// The delay in milliseconds.
        ms: u32,
        /// The method (absent: any).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        method: Option<String>,
    },
    /// Disarms every fault.
    ClearFaults {},
    /// The gadget reloads.
    Reload {},
    /// Adds a queue (`queueDataUpdate(ADDED)` while logged in).
    AddQueue(crate::stats::QueueConfig),
    /// Removes a queue (`queueDataUpdate(DELETED)` while logged in).
    RemoveQueue {
        /// The queue's id.
        id: String,
    },
    /// Sets some of a queue's figures (the other agents'; `queueDataUpdate(UPDATED)`).
    #[serde(rename_all = "camelCase")]
    SetQueueStatistics {
        /// The queue's id.
        queue: String,
        /// The figures to change.
        #[serde(default)]
        statistics: crate::stats::StatisticsPatch,
        /// The level, when the queue has no thresholds.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        escalation_level: Option<String>,
    },
    /// Adds or changes another member of the team (`teamDataUpdate(UPDATED)`).
    SetTeamAgent(crate::stats::TeamMemberConfig),
    /// A request as an integration made it (recorded with `by: "integration"`), run through
    /// the same rules; its events go to every connection.
    Request {
        /// The method.
        method: String,
        /// Its params, as on the wire.
        params: Value,
    },
}

impl Action {
    /// The step's `do` name.
    pub fn name(&self) -> &'static str {
        match self {
            Action::SetAgentState { .. } => "setAgentState",
            Action::IncomingCall(_) => "incomingCall",
            Action::Answer { .. } => "answer",
            Action::Hold { .. } => "hold",
            Action::Resume { .. } => "resume",
            Action::HangUp { .. } => "hangUp",
            Action::EndWrapup { .. } => "endWrapup",
            Action::Transfer { .. } => "transfer",
            Action::Conference { .. } => "conference",
            Action::RingNoAnswer { .. } => "ringNoAnswer",
            Action::SetRonaTimeout { .. } => "setRonaTimeout",
            Action::Dial { .. } => "dial",
            Action::SetCallVariable { .. } => "setCallVariable",
            Action::SetWrapupReason { .. } => "setWrapupReason",
            Action::CreateChannel(_) => "createChannel",
            Action::RaiseError { .. } => "raiseError",
            Action::SetWrapupEnabled { .. } => "setWrapupEnabled",
            Action::SetReasonCodeRequired { .. } => "setReasonCodeRequired",
            Action::FailNext { .. } => "failNext",
            Action::DropNextResponse { .. } => "dropNextResponse",
            Action::DuplicateNextResponse { .. } => "duplicateNextResponse",
            Action::DelayNextResponse { .. } => "delayNextResponse",
            Action::ClearFaults {} => "clearFaults",
            Action::Reload {} => "reload",
            Action::AddQueue(_) => "addQueue",
            Action::RemoveQueue { .. } => "removeQueue",
            Action::SetQueueStatistics { .. } => "setQueueStatistics",
            Action::SetTeamAgent(_) => "setTeamAgent",
            Action::Request { .. } => "request",
        }
    }

    /// Reads an action from its JSON form; the error names the field.
    pub fn from_value(value: &Value) -> SimResult<Action> {
        Action::deserialize(value).map_err(|e| SimError::invalid("step", e))
    }
}

/// Who made a step happen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum By {
    /// The gadget: the agent, the contact center, a test (the default).
    #[default]
    Gadget,
    /// An integration's request.
    Integration,
}

/// One step of a scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    /// Milliseconds after the previous step (the first: after `play`).
    pub after: u64,
    /// A sentence for people (the demo shows it while the step plays).
    pub note: Option<String>,
    /// Who did it.
    pub by: By,
    /// What happens.
    pub action: Action,
}

impl Step {
    /// A gadget step after `after` ms.
    pub fn new(after: u64, action: Action) -> Self {
        Step {
            after,
            note: None,
            by: By::Gadget,
            action,
        }
    }

    /// Reads a step (`{"after", "note", "by", "do", …}`); the error names the step's field.
    pub fn from_value(value: &Value) -> Result<Step, String> {
        let Some(object) = value.as_object() else {
            return Err("expected an object {\"do\": …}".into());
        };
        let mut rest = object.clone();
        let after = match rest.remove("after") {
            None => 0,
            Some(v) => match v.as_u64() {
                Some(ms) if ms <= MAX_AFTER_MS => ms,
                _ => {
                    return Err(format!(
                        "after: expected milliseconds from 0 to {MAX_AFTER_MS}, got {v}"
                    ))
                }
            },
        };
        let note = match rest.remove("note") {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => Some(s),
            Some(_) => return Err("note: expected a string".into()),
        };
        let by = match rest.remove("by") {
            None | Some(Value::Null) => By::Gadget,
            Some(v) => By::deserialize(&v)
                .map_err(|_| "by: expected \"gadget\" or \"integration\"".to_owned())?,
        };
        let action = Action::deserialize(Value::Object(rest)).map_err(|e| e.to_string())?;
        Ok(Step {
            after,
            note,
            by,
            action,
        })
    }

    /// The JSON form (`after` first, then `do` and its fields, `note`, `by` when not gadget).
    pub fn to_value(&self) -> Value {
        let mut m = Map::new();
        m.insert("after".into(), Value::from(self.after));
        if let Ok(Value::Object(fields)) = serde_json::to_value(&self.action) {
            m.extend(fields);
        }
        if let Some(note) = &self.note {
            m.insert("note".into(), Value::String(note.clone()));
        }
        if self.by == By::Integration {
            m.insert("by".into(), Value::String("integration".into()));
        }
        Value::Object(m)
    }
}

/// A scenario script.
#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    /// Its name.
    pub name: String,
    /// What it shows.
    pub description: String,
    /// The simulator options it was made for (`create(scenario.options)`); `play` ignores them.
    pub options: Value,
    /// The events it sends, in order, as `name:state` (the state of a work item, the new agent
    /// state, or the data state): for people and tests; `play` ignores them.
    pub events: Vec<String>,
    /// The steps, in order.
    pub steps: Vec<Step>,
}

impl Scenario {
    /// Reads a scenario; the error names the part that is wrong (`steps[3]: …`).
    pub fn from_value(value: &Value) -> SimResult<Scenario> {
        let bad = |problem: String| SimError::invalid("script", problem);
        let Some(object) = value.as_object() else {
            return Err(bad(
                "expected an object {\"scenario\": 1, \"steps\": […]}".into()
            ));
        };
        for key in object.keys() {
            if !matches!(
                key.as_str(),
                "scenario" | "name" | "description" | "options" | "events" | "steps"
            ) {
                return Err(bad(format!(
                    "unknown field {} (expected scenario, name, description, options, events, steps)",
                    crate::error::quote(key)
                )));
            }
        }
        match object.get("scenario") {
            None => {}
            Some(v) if v.as_u64() == Some(SCENARIO_FORMAT) => {}
            Some(v) => {
                return Err(bad(format!(
                    "scenario: this simulator reads format {SCENARIO_FORMAT}, got {v}"
                )))
            }
        }
        let text = |key: &str| -> SimResult<String> {
            match object.get(key) {
                None | Some(Value::Null) => Ok(String::new()),
                Some(Value::String(s)) => Ok(s.clone()),
                Some(_) => Err(bad(format!("{key}: expected a string"))),
            }
        };
        let options = match object.get("options") {
            None | Some(Value::Null) => Value::Null,
            Some(v @ Value::Object(_)) => v.clone(),
            Some(_) => return Err(bad("options: expected an object".into())),
        };
        let events = match object.get("events") {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(list)) => list
                .iter()
                .map(|e| e.as_str().map(str::to_owned))
                .collect::<Option<Vec<_>>>()
                .ok_or_else(|| bad("events: expected an array of strings".into()))?,
            Some(_) => return Err(bad("events: expected an array of strings".into())),
        };
        let Some(Value::Array(raw)) = object.get("steps") else {
            return Err(bad("steps: expected an array of steps".into()));
        };
        if raw.len() > MAX_STEPS {
            return Err(bad(format!(
                "steps: at most {MAX_STEPS} steps, got {}",
                raw.len()
            )));
        }
        let mut steps = Vec::with_capacity(raw.len());
        for (i, step) in raw.iter().enumerate() {
            steps.push(Step::from_value(step).map_err(|e| bad(format!("steps[{i}]: {e}")))?);
        }
        Ok(Scenario {
            name: text("name")?,
            description: text("description")?,
            options,
            events,
            steps,
        })
    }

    /// The JSON form.
    pub fn to_value(&self) -> Value {
        let mut v = serde_json::json!({
            "scenario": SCENARIO_FORMAT,
            "name": self.name,
            "description": self.description,
            "options": self.options,
            "steps": self.steps.iter().map(Step::to_value).collect::<Vec<_>>(),
        });
        if !self.events.is_empty() {
            if let Some(m) = v.as_object_mut() {
                m.insert("events".into(), serde_json::json!(self.events));
            }
        }
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn steps_read_and_write_the_documented_form() {
        let script = json!({"scenario": 1, "name": "n", "steps": [
            {"after": 0, "do": "setAgentState", "state": "Ready"},
            {"after": 500, "do": "incomingCall", "ani": "+41", "callVariables": {"callVariable1": "x"}},
            {"do": "answer", "note": "the agent answers"},
            {"after": 10, "do": "request", "method": "setAgentState", "params": {"channelId": "voice"}, "by": "integration"},
            {"do": "reload"}
        ]});
        let s = Scenario::from_value(&script).unwrap();
        assert_eq!(s.steps.len(), 5);
        assert_eq!(s.steps[1].after, 500);
        assert_eq!(s.steps[2].note.as_deref(), Some("the agent answers"));
        assert_eq!(s.steps[3].by, By::Integration);
        assert_eq!(s.steps[4].action, Action::Reload {});
        let again = Scenario::from_value(&s.to_value()).unwrap();
        assert_eq!(again, s);
        assert_eq!(
            s.steps[1].to_value(),
            json!({"after": 500, "do": "incomingCall", "ani": "+41", "callVariables": {"callVariable1": "x"}})
        );
    }

    #[test]
    fn mistakes_are_named() {
        let cases = [
            (json!([]), "expected an object"),
            (json!({"steps": 1}), "steps: expected an array"),
            (json!({"steps": [], "scenario": 2}), "format 1"),
            (json!({"steps": [], "nme": "x"}), "unknown field 'nme'"),
            (
                json!({"steps": [{"do": "answr"}]}),
                "steps[0]: unknown variant `answr`",
            ),
            (
                json!({"steps": [{"do": "answer", "idd": "1"}]}),
                "steps[0]: unknown field `idd`",
            ),
            (
                json!({"steps": [{"do": "reload", "x": 1}]}),
                "steps[0]: unknown field `x`",
            ),
            (
                json!({"steps": [{"do": "setAgentState", "state": "Busy"}]}),
                "'Busy' is not one of Ready, NotReady, Logout",
            ),
            (
                json!({"steps": [{"after": -1, "do": "reload"}]}),
                "steps[0]: after",
            ),
            (
                json!({"steps": [{"after": 1, "do": "answer", "by": "me"}]}),
                "steps[0]: by",
            ),
            (
                json!({"steps": [{"do": "incomingCall", "ani": 5}]}),
                "steps[0]: invalid type",
            ),
        ];
        for (script, expected) in cases {
            let err = Scenario::from_value(&script).unwrap_err();
            assert_eq!(err.code, cil_protocol::ErrorCode::InvalidArgument);
            assert!(err.message.contains(expected), "{script}: {}", err.message);
        }
    }
}
