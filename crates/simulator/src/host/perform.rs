//! Script actions on the host: [`Host::perform`] runs one [`Action`] (a JS method call or a
//! scenario step), sends its events to every connection and records it, with the defaults it
//! resolved (which work item), so that [`Host::record`] replays exactly what happened.

use super::{Effect, Host, ResponseFault};
use crate::dispatch;
use crate::error::{SimError, SimResult};
use crate::names::WorkitemState;
use crate::script::{Action, By, Scenario, Step, MAX_STEPS};
use cil_protocol::{ErrorCode, Method};
use serde_json::Value;

/// Item states a data edit may target.
const ALL_OPEN: &[WorkitemState] = &[
    WorkitemState::Offered,
    WorkitemState::Initiated,
    WorkitemState::Active,
    WorkitemState::Paused,
    WorkitemState::Wrapup,
];

/// What happened, as steps, for [`Host::record`].
#[derive(Debug)]
pub(super) struct Recording {
    /// The options the simulator was created with (written into the recorded scenario).
    pub(super) options: Value,
    /// When the previous step happened (first: when the host was made).
    last_ms: u64,
    steps: Vec<Step>,
    /// Steps were left out because the recording was full.
    truncated: bool,
}

impl Recording {
    pub(super) fn new(now_ms: u64) -> Self {
        Recording {
            options: Value::Null,
            last_ms: now_ms,
            steps: Vec::new(),
            truncated: false,
        }
    }
}

impl Host {
    /// Runs a script action as the gadget, sends its events to every connection and records
    /// it. Returns what the JS method returns: the work item's id for call actions, the new
    /// host id for `reload`, a request's result for `request`, otherwise `null`.
    pub fn perform(&mut self, action: Action) -> SimResult<(Value, Vec<Effect>)> {
        self.perform_by(action, By::Gadget, None)
    }

    /// [`Host::perform`] for a scenario step (`by` and `note` are recorded as given).
    pub(super) fn perform_by(
        &mut self,
        action: Action,
        by: By,
        note: Option<String>,
    ) -> SimResult<(Value, Vec<Effect>)> {
        let (value, resolved, effects) = self.run_action(action)?;
        self.record_step(Step {
            after: 0,
            note,
            by,
            action: resolved,
        });
        Ok((value, effects))
    }

    /// Sets the options written into recordings (those the simulator was created with).
    pub fn set_recorded_options(&mut self, options: Value) {
        self.recording.options = options;
    }

    /// What happened since the host was made, as a scenario (`sim.record()`): every script
    /// action and scenario step, and every successful request that changed something (as
    /// `request` steps by `integration`), with the pauses between them. At most
    /// [`MAX_STEPS`] steps are kept; later ones are left out and the description says so.
    pub fn record(&self) -> Value {
        let description = if self.recording.truncated {
            format!("recorded by the simulator; truncated after {MAX_STEPS} steps")
        } else {
            "recorded by the simulator".to_owned()
        };
        Scenario {
            name: "recording".into(),
            description,
            options: self.recording.options.clone(),
            events: Vec::new(),
            steps: self.recording.steps.clone(),
        }
        .to_value()
    }

    /// Appends a step, its `after` measured from the previous one.
    pub(super) fn record_step(&mut self, mut step: Step) {
        let now = self.gadget.now().0;
        if self.recording.steps.len() >= MAX_STEPS {
            self.recording.truncated = true;
            return;
        }
        step.after = now.saturating_sub(self.recording.last_ms);
        self.recording.last_ms = now;
        self.recording.steps.push(step);
    }

    /// Runs `action`: (return value, the action with its defaults resolved, effects).
    fn run_action(&mut self, action: Action) -> SimResult<(Value, Action, Vec<Effect>)> {
        let g = &mut self.gadget;
        let (value, resolved, events) = match action {
            Action::SetAgentState {
                state,
                reason_code,
                channel_id,
            } => {
                let channel = channel_id.clone().unwrap_or_else(|| "voice".into());
                let events = g.gadget_set_agent_state(&channel, state, reason_code.as_deref())?;
                let resolved = Action::SetAgentState {
                    state,
                    reason_code,
                    channel_id,
                };
                (Value::Null, resolved, events)
            }
            Action::IncomingCall(mut call) => {
                let (id, events) = g.incoming_call((*call).clone())?;
                call.id = Some(id.clone());
                (Value::String(id), Action::IncomingCall(call), events)
            }
            Action::Answer { id } => {
                let id = self.pick(id, &[WorkitemState::Offered, WorkitemState::Initiated])?;
                let events = self.gadget.answer(&id)?;
                (
                    Value::String(id.clone()),
                    Action::Answer { id: Some(id) },
                    events,
                )
            }
            Action::Hold { id } => {
                let id = self.pick(id, &[WorkitemState::Active])?;
                let events = self.gadget.hold(&id)?;
                (
                    Value::String(id.clone()),
                    Action::Hold { id: Some(id) },
                    events,
                )
            }
            Action::Resume { id } => {
                let id = self.pick(id, &[WorkitemState::Paused])?;
                let events = self.gadget.resume(&id)?;
                (
                    Value::String(id.clone()),
                    Action::Resume { id: Some(id) },
                    events,
                )
            }
            Action::HangUp { id } => {
                let id = self.pick(
                    id,
                    &[
                        WorkitemState::Active,
                        WorkitemState::Paused,
                        WorkitemState::Offered,
                        WorkitemState::Initiated,
                    ],
                )?;
                let events = self.gadget.hang_up(&id)?;
                (
                    Value::String(id.clone()),
                    Action::HangUp { id: Some(id) },
                    events,
                )
            }
            Action::EndWrapup {
                id,
                state,
                reason_code,
            } => {
                let id = self.pick(id, &[WorkitemState::Wrapup])?;
                let next = state.map(|s| (s, reason_code.as_deref()));
                let events = self.gadget.end_wrapup(&id, next)?;
                let resolved = Action::EndWrapup {
                    id: Some(id.clone()),
                    state,
                    reason_code,
                };
                (Value::String(id), resolved, events)
            }
            Action::Transfer { id } => {
                let id = self.pick(id, &[WorkitemState::Active, WorkitemState::Paused])?;
                let events = self.gadget.transfer(&id)?;
                (
                    Value::String(id.clone()),
                    Action::Transfer { id: Some(id) },
                    events,
                )
            }
            Action::Conference { id } => {
                let id = self.pick(id, &[WorkitemState::Active, WorkitemState::Paused])?;
                let events = self.gadget.conference(&id)?;
                (
                    Value::String(id.clone()),
                    Action::Conference { id: Some(id) },
                    events,
                )
            }
            Action::RingNoAnswer { id } => {
                let id = self.pick(id, &[WorkitemState::Offered])?;
                let events = self.gadget.ring_no_answer(&id)?;
                (
                    Value::String(id.clone()),
                    Action::RingNoAnswer { id: Some(id) },
                    events,
                )
            }
            Action::SetRonaTimeout { ms } => {
                g.set_rona_timeout(ms)?;
                (Value::Null, Action::SetRonaTimeout { ms }, Vec::new())
            }
            Action::Dial {
                address,
                channel_id,
            } => {
                let channel = channel_id.clone().unwrap_or_else(|| "voice".into());
                let events = g.dial_or_consult(&channel, &address, "")?;
                let resolved = Action::Dial {
                    address,
                    channel_id,
                };
                (Value::Null, resolved, events)
            }
            Action::SetCallVariable { id, name, value } => {
                let id = self.pick(id, ALL_OPEN)?;
                let events = self.gadget.set_call_variable(&id, &name, &value)?;
                let resolved = Action::SetCallVariable {
                    id: Some(id),
                    name,
                    value,
                };
                (Value::Null, resolved, events)
            }
            Action::SetWrapupReason { id, reason } => {
                let id = self.pick(id, ALL_OPEN)?;
                let events = self.gadget.gadget_set_wrapup_reason(&id, &reason)?;
                let resolved = Action::SetWrapupReason {
                    id: Some(id),
                    reason,
                };
                (Value::Null, resolved, events)
            }
            Action::CreateChannel(config) => {
                let events = g.create_channel(config.clone())?;
                (Value::Null, Action::CreateChannel(config), events)
            }
            Action::RaiseError { message } => {
                let events = g.raise_error(&message);
                (Value::Null, Action::RaiseError { message }, events)
            }
            Action::SetWrapupEnabled {
                enabled,
                channel_id,
            } => {
                let channel = channel_id.clone().unwrap_or_else(|| "voice".into());
                g.set_wrapup_enabled(&channel, enabled)?;
                let resolved = Action::SetWrapupEnabled {
                    enabled,
                    channel_id,
                };
                (Value::Null, resolved, Vec::new())
            }
            Action::SetReasonCodeRequired { not_ready, logout } => {
                g.set_reason_code_required(not_ready, logout);
                let resolved = Action::SetReasonCodeRequired { not_ready, logout };
                (Value::Null, resolved, Vec::new())
            }
            Action::FailNext {
                method,
                code,
                message,
            } => {
                let m = parse_method(method.as_deref())?;
                self.fail_next(m, code.as_deref(), message.as_deref());
                let resolved = Action::FailNext {
                    method,
                    code,
                    message,
                };
                (Value::Null, resolved, Vec::new())
            }
            Action::DropNextResponse { method } => {
                let m = parse_method(method.as_deref())?;
                self.faults.response_fault(m, ResponseFault::Drop);
                (Value::Null, Action::DropNextResponse { method }, Vec::new())
            }
            Action::DuplicateNextResponse { method } => {
                let m = parse_method(method.as_deref())?;
                self.faults.response_fault(m, ResponseFault::Duplicate);
                let resolved = Action::DuplicateNextResponse { method };
                (Value::Null, resolved, Vec::new())
            }
            Action::DelayNextResponse { ms, method } => {
                let m = parse_method(method.as_deref())?;
                self.faults.response_fault(m, ResponseFault::Delay(ms));
                let resolved = Action::DelayNextResponse { ms, method };
                (Value::Null, resolved, Vec::new())
            }
            Action::ClearFaults {} => {
                self.faults.clear();
                (Value::Null, Action::ClearFaults {}, Vec::new())
            }
            Action::Reload {} => {
                let effects = self.reload();
                return Ok((Value::String(self.host_id()), Action::Reload {}, effects));
            }
            Action::AddQueue(config) => {
                let events = g.add_queue(config.clone())?;
                (Value::Null, Action::AddQueue(config), events)
            }
            Action::RemoveQueue { id } => {
                let events = g.remove_queue(&id)?;
                (Value::Null, Action::RemoveQueue { id }, events)
            }
            Action::SetQueueStatistics {
                queue,
                statistics,
                escalation_level,
            } => {
                g.set_queue_statistics(&queue, &statistics, escalation_level.clone())?;
                let resolved = Action::SetQueueStatistics {
                    queue,
                    statistics,
                    escalation_level,
                };
                (Value::Null, resolved, Vec::new())
            }
            Action::SetTeamAgent(member) => {
                g.set_team_agent(&member)?;
                (Value::Null, Action::SetTeamAgent(member), Vec::new())
            }
            Action::Request { method, params } => {
                let outcome = dispatch::dispatch(g, &method, &params);
                let value = outcome.result?;
                (value, Action::Request { method, params }, outcome.events)
            }
        };
        let mut effects = Vec::new();
        self.broadcast(&events, &mut effects);
        self.broadcast_data_updates(&mut effects);
        Ok((value, resolved, effects))
    }

    /// The given id, or the newest work item in one of `states`.
    fn pick(&self, id: Option<String>, states: &[WorkitemState]) -> SimResult<String> {
        if let Some(id) = id.filter(|i| !i.is_empty()) {
            return Ok(id);
        }
        self.gadget
            .newest_item(states)
            .map(|w| w.id.clone())
            .ok_or_else(|| {
                let names: Vec<&str> = states.iter().map(|s| s.as_str()).collect();
                SimError::new(
                    ErrorCode::UnknownWorkitem,
                    format!(
                        "no work item is {}; pass a work-item id",
                        names.join(" or ")
                    ),
                )
            })
    }
}

/// A fault's method: absent, `""` or `"*"` mean any; an unknown name is refused.
fn parse_method(method: Option<&str>) -> SimResult<Option<Method>> {
    match method {
        None | Some("") | Some("*") => Ok(None),
        Some(name) => Method::from_name(name).map(Some).ok_or_else(|| {
            SimError::new(
                ErrorCode::UnknownMethod,
                format!(
                    "unknown method {} (one of: {})",
                    crate::error::quote(name),
                    Method::ALL.map(|m| m.name()).join(", ")
                ),
            )
        }),
    }
}
