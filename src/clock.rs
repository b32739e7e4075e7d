//! Time for the state machine: a monotonic clock and one timer per instance.
//!
//! The clock is `performance.now()`, not `Date.now()`: the wall clock may step (NTP, a user
//! changing the time, a laptop waking up), and a deadline computed from it would then fire an
//! hour late or at once. The timer is a gloo `Timeout`, which clears itself when dropped, so an
//! instance that re-arms or is destroyed never leaves a stray callback behind.

use gloo_timers::callback::Timeout;

thread_local! {
    // Looked up once: `window.performance` is two calls into JS and an instanceof check,
    // and the clock is read on every input.
    static PERFORMANCE: Option<web_sys::Performance> =
        web_sys::window().and_then(|w| w.performance());
}

/// Milliseconds on the page's monotonic clock.
pub fn now() -> f64 {
    PERFORMANCE.with(|p| p.as_ref().map_or(0.0, |p| p.now()))
}

/// The wall time (ms since 1970, as `Date.now()`) of `at`, a time of [`now`]'s clock: the
/// time the page started plus `at`. The support log keeps [`now`]'s times, read anyway for the
/// state machine, and turns them into wall times only when it is read.
pub fn wall(at: f64) -> f64 {
    PERFORMANCE.with(|p| p.as_ref().map_or(0.0, |p| p.time_origin())) + at
}

/// The one pending wake-up of an instance: at most one timer, the earliest asked for.
#[derive(Debug, Default)]
pub struct Alarm {
    at: f64,
    timer: Option<Timeout>,
}

impl Alarm {
    /// An alarm with nothing armed.
    pub fn new() -> Alarm {
        Alarm {
            at: f64::INFINITY,
            timer: None,
        }
    }

    /// Arms a wake-up at `at` (ms, [`now`]'s clock) calling `fire`, unless an earlier one is
    /// armed already (the state machine asks again for the later one when woken).
    pub fn arm(&mut self, at: f64, fire: impl FnOnce() + 'static) {
        if at >= self.at {
            return;
        }
        self.at = at;
        // setTimeout takes at most 2³¹−1 ms; a later deadline is re-armed on waking.
        let delay = (at - now()).clamp(0.0, 2_147_483_647.0) as u32;
        self.timer = Some(Timeout::new(delay, fire));
    }

    /// The armed wake-up fired (or is no longer wanted): nothing is armed now.
    pub fn clear(&mut self) {
        self.at = f64::INFINITY;
        if let Some(timer) = self.timer.take() {
            timer.cancel();
        }
    }
}
