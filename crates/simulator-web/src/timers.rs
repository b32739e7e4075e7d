//! The browser's side of the host's timers: one `setTimeout` armed for
//! [`Host::next_timer`](cil_simulator::host::Host::next_timer) (a ringing call's RONA, the
//! next step of a scenario being played), which runs the due timers, carries out their
//! effects and settles the `play()` promise when the playback ends.
//!
//! No timeout is ever cancelled: when an earlier deadline appears, an earlier timeout is
//! armed as well, and a timeout that fires with nothing due just arms the next one. The
//! promise's functions are called with no borrow held (they run page code).

use crate::js_error::from_sim;
use crate::transport::{self, Shared};
use cil_simulator::host::PlayEnd;
use std::cell::RefCell;
use std::rc::{Rc, Weak};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// What the timer side keeps.
#[derive(Default)]
pub struct Timers {
    /// The earliest time a timeout is armed for (ms since the epoch).
    armed_for: Option<u64>,
    /// `resolve` and `reject` of the promise `play()` returned.
    settle: Option<(js_sys::Function, js_sys::Function)>,
    /// Set by `destroy()`: timeouts that fire later do nothing.
    dead: bool,
}

/// Shared handle.
pub type SharedTimers = Rc<RefCell<Timers>>;

/// Keeps `resolve`/`reject` of a new playback's promise.
pub fn on_play(timers: &SharedTimers, resolve: js_sys::Function, reject: js_sys::Function) {
    if let Ok(mut t) = timers.try_borrow_mut() {
        t.settle = Some((resolve, reject));
    }
}

/// Stops everything (the simulator is being destroyed).
pub fn kill(timers: &SharedTimers) {
    if let Ok(mut t) = timers.try_borrow_mut() {
        t.dead = true;
    }
}

/// Runs what is due now, then arms the timeout for what comes next.
pub fn run(shared: &Shared, timers: &SharedTimers) {
    if timers.try_borrow().map_or(true, |t| t.dead) {
        return;
    }
    let outcome = shared
        .try_borrow_mut()
        .ok()
        .map(|mut s| s.host.run_timers());
    if let Some((effects, end)) = outcome {
        transport::apply(shared, effects);
        transport::notify(shared);
        if let Some(end) = end {
            settle(timers, end);
        }
    }
    arm(shared, timers);
}

/// Settles the `play()` promise with how the playback ended.
pub fn settle(timers: &SharedTimers, end: PlayEnd) {
    let Some((resolve, reject)) = timers
        .try_borrow_mut()
        .ok()
        .and_then(|mut t| t.settle.take())
    else {
        return;
    };
    let (ok, value) = match end {
        PlayEnd::Finished { played } => (true, summary(played, 0, false)),
        PlayEnd::Stopped { played, left } => (true, summary(played, left, true)),
        PlayEnd::Failed {
            index,
            action,
            mut error,
            played: _,
        } => {
            error.message = format!("play: step {index} ({action}): {}", error.message);
            (false, from_sim(error))
        }
    };
    let f = if ok { resolve } else { reject };
    if let Err(e) = f.call1(&JsValue::NULL, &value) {
        web_sys::console::error_2(&JsValue::from_str("GadgetSimulator play settle threw:"), &e);
    }
}

/// `{played, left, stopped}`.
fn summary(played: usize, left: usize, stopped: bool) -> JsValue {
    crate::convert::to_js(&serde_json::json!({"played": played, "left": left, "stopped": stopped}))
}

/// Arms a timeout for the host's next timer unless one is armed for that time or earlier.
pub fn arm(shared: &Shared, timers: &SharedTimers) {
    let Some(next) = shared.try_borrow().ok().and_then(|s| s.host.next_timer()) else {
        return;
    };
    let Ok(mut t) = timers.try_borrow_mut() else {
        return;
    };
    if t.dead || t.armed_for.is_some_and(|armed| armed <= next) {
        return;
    }
    t.armed_for = Some(next);
    drop(t);
    let now = js_sys::Date::now();
    let delay = (next as f64 - now).clamp(0.0, 2_147_483_647.0) as i32;
    let weak_shared: Weak<RefCell<transport::Shell>> = Rc::downgrade(shared);
    let weak_timers: Weak<RefCell<Timers>> = Rc::downgrade(timers);
    let callback = Closure::once_into_js(move || {
        let (Some(shared), Some(timers)) = (weak_shared.upgrade(), weak_timers.upgrade()) else {
            return;
        };
        if let Ok(mut t) = timers.try_borrow_mut() {
            if t.armed_for == Some(next) {
                t.armed_for = None;
            }
        }
        run(&shared, &timers);
    });
    if let Some(window) = web_sys::window() {
        let _ = window
            .set_timeout_with_callback_and_timeout_and_arguments_0(callback.unchecked_ref(), delay);
    }
}
