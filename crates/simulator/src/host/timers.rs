//! Time in the host: the model's own timers (a ringing call's RONA) and the playback of a
//! scenario script, both run by [`Host::run_timers`] when the shell's single timer fires at
//! [`Host::next_timer`]. Nothing here sleeps: the shell (a `setTimeout` in the browser, a
//! [`FakeClock`](crate::clock::FakeClock) in tests) says when "now" is.

use super::{Effect, Host};
use crate::error::{SimError, SimResult};
use crate::script::{By, Scenario, Step};
use cil_protocol::ErrorCode;
use std::collections::VecDeque;

/// How a scenario is played.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PlayOptions {
    /// How much faster than written (2: every pause is halved); 0.01 to 1000.
    pub speed: f64,
    /// Leave out the steps made `by: "integration"` (for a test whose integration makes those
    /// requests itself).
    pub skip_integration: bool,
}

impl Default for PlayOptions {
    fn default() -> Self {
        PlayOptions {
            speed: 1.0,
            skip_integration: false,
        }
    }
}

/// How a playback ended.
#[derive(Debug, Clone, PartialEq)]
pub enum PlayEnd {
    /// Every step ran.
    Finished {
        /// How many steps ran.
        played: usize,
    },
    /// Step `index` (0-based, in the script) was refused; the steps after it did not run.
    Failed {
        /// The step's index in the script.
        index: usize,
        /// Its `do`.
        action: &'static str,
        /// Why.
        error: SimError,
        /// How many steps ran before it.
        played: usize,
    },
    /// [`Host::stop`] was called.
    Stopped {
        /// How many steps ran.
        played: usize,
        /// How many had not.
        left: usize,
    },
}

/// A scenario being played.
#[derive(Debug)]
pub(super) struct Playback {
    /// (due time in ms, index in the script, step), in order.
    queue: VecDeque<(u64, usize, Step)>,
    played: usize,
    /// The scenario's name.
    name: String,
    /// How many steps it plays.
    total: usize,
    /// The last step run: (index, `do`, note).
    last: Option<(usize, &'static str, Option<String>)>,
}

impl Host {
    /// Starts playing `scenario`'s steps (its `options` are for creating the simulator and
    /// are not applied). The first step runs at the next [`Host::run_timers`] once its
    /// `after` has passed. Refused while another scenario plays.
    pub fn play(&mut self, scenario: &Scenario, options: PlayOptions) -> SimResult<()> {
        if self.playback.is_some() {
            return Err(SimError::new(
                ErrorCode::RequestFailed,
                "a scenario is playing already; stop() it first",
            ));
        }
        if !(options.speed.is_finite() && (0.01..=1000.0).contains(&options.speed)) {
            return Err(SimError::invalid(
                "speed",
                format!("expected 0.01 to 1000, got {}", options.speed),
            ));
        }
        let mut due = self.gadget.now().0 as f64;
        let mut queue = VecDeque::with_capacity(scenario.steps.len());
        for (index, step) in scenario.steps.iter().enumerate() {
            if options.skip_integration && step.by == By::Integration {
                continue;
            }
            due += step.after as f64 / options.speed;
            queue.push_back((due.round() as u64, index, step.clone()));
        }
        let total = queue.len();
        self.playback = Some(Playback {
            queue,
            played: 0,
            name: scenario.name.clone(),
            total,
            last: None,
        });
        Ok(())
    }

    /// The playback as `state().playback` shows it: `{name, played, total, step, do, note}`
    /// of the last step run, or `null` when nothing plays.
    pub fn playback_snapshot(&self) -> serde_json::Value {
        let Some(p) = &self.playback else {
            return serde_json::Value::Null;
        };
        let (step, action, note) = match &p.last {
            Some((i, a, n)) => (Some(*i), Some(*a), n.clone()),
            None => (None, None, None),
        };
        serde_json::json!({
            "name": p.name, "played": p.played, "total": p.total,
            "step": step, "do": action, "note": note,
        })
    }

    /// Whether a scenario is playing.
    pub fn is_playing(&self) -> bool {
        self.playback.is_some()
    }

    /// Stops the playback, if any: the steps not yet run are dropped.
    pub fn stop(&mut self) -> Option<PlayEnd> {
        self.playback.take().map(|p| PlayEnd::Stopped {
            played: p.played,
            left: p.queue.len(),
        })
    }

    /// When [`Host::run_timers`] should run next (ms since the epoch), if anything waits.
    pub fn next_timer(&self) -> Option<u64> {
        let model = self.gadget.next_deadline().map(|t| t.0);
        // An empty queue ends the playback at the next run.
        let step = self
            .playback
            .as_ref()
            .map(|p| p.queue.front().map_or(0, |(due, _, _)| *due));
        match (model, step) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    /// Runs everything due by now, earliest first (a model timer before a step due at the
    /// same time): the effects, and how the playback ended if it did.
    pub fn run_timers(&mut self) -> (Vec<Effect>, Option<PlayEnd>) {
        let mut effects = Vec::new();
        loop {
            let now = self.gadget.now().0;
            let model_due = self
                .gadget
                .next_deadline()
                .map(|t| t.0)
                .filter(|t| *t <= now);
            let step_due = self
                .playback
                .as_ref()
                .and_then(|p| p.queue.front())
                .map(|(due, _, _)| *due)
                .filter(|t| *t <= now);
            match (model_due, step_due) {
                (Some(m), s) if s.map_or(true, |s| m <= s) => {
                    let events = self.gadget.run_due();
                    self.broadcast(&events, &mut effects);
                    self.broadcast_data_updates(&mut effects);
                }
                (_, Some(_)) => {
                    let Some((_, index, step)) =
                        self.playback.as_mut().and_then(|p| p.queue.pop_front())
                    else {
                        break;
                    };
                    let action = step.action.name();
                    let note = step.note.clone();
                    match self.perform_by(step.action, step.by, step.note) {
                        Ok((_, more)) => {
                            effects.extend(more);
                            if let Some(p) = self.playback.as_mut() {
                                p.played += 1;
                                p.last = Some((index, action, note));
                            }
                        }
                        Err(error) => {
                            let played = self.playback.take().map_or(0, |p| p.played);
                            return (
                                effects,
                                Some(PlayEnd::Failed {
                                    index,
                                    action,
                                    error,
                                    played,
                                }),
                            );
                        }
                    }
                }
                _ => break,
            }
        }
        let done = self.playback.as_ref().is_some_and(|p| p.queue.is_empty());
        let end = if done {
            self.playback
                .take()
                .map(|p| PlayEnd::Finished { played: p.played })
        } else {
            None
        };
        (effects, end)
    }
}
