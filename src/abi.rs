//! The whole wasm interface: one function, [`cil`], over a table of [`CilCore`]s.
//!
//! Why so narrow: every exported method of a wasm-bindgen class costs a borrow-checking shim in
//! the wasm and a wrapper in the JS glue (a string result alone is ~40 lines of glue). One entry
//! point taking an instruction code, three strings and three numbers carries everything the
//! facade needs; texts are read back from wasm memory ([`input::TEXT_LEN`], [`input::TEXT_AT`]).
//! The instruction codes are in [`input`] and the effect codes [`cil`] returns for
//! [`input::NEXT`] in [`crate::machine::op`].
//!
//! No function here calls into JS, so no borrow is held while the page's code runs.

use alloc::string::String;
use alloc::vec::Vec;
use core::cell::RefCell;

use wasm_bindgen::prelude::*;

use crate::machine::CilCore;
use cil_protocol::Method;

/// The instruction codes of [`cil`]: what each reads (`a`, `b`, `c` strings; `x`, `y`, `z`
/// numbers; `now` ms since the epoch) and returns.
pub mod input {
    /// A new client; returns its handle.
    pub const NEW: u32 = 1;
    /// Option `a` described as `b`, number `x`; 1 when wrong (message in `text(0)`).
    pub const OPTION: u32 = 2;
    /// Target window named `a` (empty: a Window object), `x` = 1 when it is the page itself.
    pub const TARGET: u32 = 3;
    /// Begin a call of request number `x` (as `PARAMS` numbers them); 0 for an unknown one.
    pub const BEGIN: u32 = 4;
    /// The next argument, described as `a`, number `x`; returns a [`crate::args::Use`] code.
    pub const ARG: u32 = 5;
    /// An `updatedData` entry: key `a`, value described as `b`; 0 when wrong.
    pub const ENTRY: u32 = 6;
    /// The options object's `timeout`, described as `a`, number `x`.
    pub const TIMEOUT: u32 = 7;
    /// End the checks of a call with `y` arguments and, when they are right, make it under
    /// token `x`: returns the first effect, as `NEXT` does, or -1 when an argument was wrong
    /// (the message is in `text(0)`; nothing was called). This and the other inputs that can
    /// cause effects (`READY` to `DESTROY`) answer with the first effect, which saves the facade
    /// a call per message.
    pub const CALL: u32 = 9;
    /// `initIntegration` (also starts connecting).
    pub const READY: u32 = 10;
    /// A window `announce`/`ack` from origin `a`, clientId `b`, hostId `c`; `z` flags: 1 ack,
    /// 2 from the target window, 4 carries a port, 8 clientId is a string, 16 hostId is a string.
    pub const WINDOW: u32 = 11;
    /// A `response` with id `x`, error code `a`, error message `b`; `z` flags: 1 ok, 2 code is a
    /// string, 4 message is a string, 8 ok is a boolean.
    pub const RESPONSE: u32 = 12;
    /// An `event` number `y` on port generation `x`; `z` = 1 when its data is an object.
    pub const EVENT: u32 = 13;
    /// A `bye` on port generation `x` with hostId `a`; `z` = 1 when hostId is a string.
    pub const BYE: u32 = 14;
    /// The timer fired.
    pub const TICK: u32 = 15;
    /// `destroy()`.
    pub const DESTROY: u32 = 16;
    /// 1 when connected; the hostId goes to `text(0)`.
    pub const CONNECTED: u32 = 17;
    /// The next effect: `op + 16 * more + 32 * a` (see [`crate::machine::op`]), where `more`
    /// is 1 when another effect follows (so the facade knows when to stop asking); 0 when none.
    pub const NEXT: u32 = 18;
    /// The `b` field of the current effect.
    pub const B: u32 = 19;
    /// The `t` field of the current effect.
    pub const T: u32 = 20;
    /// Diagnostic: bytes of wasm linear memory.
    pub const MEMORY: u32 = 21;
    /// Forget the client (the facade's object was garbage-collected).
    pub const FREE: u32 = 22;
    /// The parameter names of request `a`, comma-separated, to `text(0)`; returns the
    /// request's number for `BEGIN` (0: unknown), so the hot path passes no method name.
    pub const PARAMS: u32 = 23;
    /// The wire event names, comma-separated, in the numbering of `EVENT`, to `text(0)`.
    pub const EVENTS: u32 = 24;
    /// A message of ours on port generation `x` that cannot be used, for reason `y` (see
    /// [`crate::machine::CilCore::malformed_port`]).
    pub const MALFORMED: u32 = 25;
    /// The length in bytes of text field `x` (see [`text`](super::text)).
    pub const TEXT_LEN: u32 = 26;
    /// The address in wasm memory of text field `x`'s UTF-8 bytes, valid until the next call
    /// that changes the client: the loader reads a text with `TEXT_LEN` and `TEXT_AT` and
    /// decodes it at once (a `String` return would cost the wasm a shim and a copy).
    pub const TEXT_AT: u32 = 27;
}

type Clients = RefCell<Vec<Option<CilCore>>>;

// Native builds (tests) run on several threads: one table per thread.
#[cfg(not(target_arch = "wasm32"))]
std::thread_local! {
    static CLIENTS: Clients = const { RefCell::new(Vec::new()) };
}

// The wasm has no `thread_local!` without std, and needs none: it runs on one thread.
#[cfg(target_arch = "wasm32")]
static CLIENTS: OneThread = OneThread(RefCell::new(Vec::new()));

#[cfg(all(target_arch = "wasm32", target_feature = "atomics"))]
compile_error!("the client table and the allocator assume a single-threaded wasm");

/// The client table of the single-threaded wasm, with `thread_local!`'s `try_with`.
#[cfg(target_arch = "wasm32")]
struct OneThread(Clients);

// SAFETY: wasm32-unknown-unknown without the atomics feature (checked above) has exactly one
// thread, so the table is never shared between threads.
#[cfg(target_arch = "wasm32")]
unsafe impl Sync for OneThread {}

#[cfg(target_arch = "wasm32")]
impl OneThread {
    fn try_with<T>(&self, f: impl FnOnce(&Clients) -> T) -> Result<T, ()> {
        Ok(f(&self.0))
    }
}

fn flag(z: f64, bit: u32) -> bool {
    (z as u32) & bit != 0
}

fn opt(present: bool, s: &str) -> Option<String> {
    present.then(|| s.into())
}

/// Runs instruction `op` on client `handle` (see [`input`]); what it returns depends on `op`
/// (0 when the handle is unknown).
#[wasm_bindgen]
#[allow(clippy::too_many_arguments)]
pub fn cil(
    handle: u32,
    op: u32,
    a: &str,
    b: &str,
    c: &str,
    x: f64,
    y: f64,
    z: f64,
    now: f64,
) -> f64 {
    let answer = CLIENTS.try_with(|clients| {
        let Ok(mut clients) = clients.try_borrow_mut() else {
            return 0.0;
        };
        if op == input::NEW {
            let at = clients.iter().position(Option::is_none);
            let at = at.unwrap_or_else(|| {
                clients.push(None);
                clients.len() - 1
            });
            if let Some(slot) = clients.get_mut(at) {
                *slot = Some(CilCore::new());
            }
            return at as f64;
        }
        if op == input::MEMORY {
            return CilCore::memory_bytes();
        }
        let Some(slot) = clients.get_mut(handle as usize) else {
            return 0.0;
        };
        if op == input::FREE {
            *slot = None;
            return 0.0;
        }
        let Some(core) = slot.as_mut() else {
            return 0.0;
        };
        run(core, op, a, b, c, x, y, z, now)
    });
    answer.unwrap_or(0.0)
}

#[allow(clippy::too_many_arguments)]
fn run(
    core: &mut CilCore,
    op: u32,
    a: &str,
    b: &str,
    c: &str,
    x: f64,
    y: f64,
    z: f64,
    now: f64,
) -> f64 {
    match op {
        input::OPTION => {
            let m = core.option(a, b, x);
            let wrong = m.is_some();
            core.s = m.unwrap_or_default();
            return f64::from(u8::from(wrong));
        }
        input::TARGET => core.set_target(a, x == 1.0),
        input::BEGIN => {
            let method = Method::ALL.get((x as usize).wrapping_sub(1)).copied();
            return f64::from(u8::from(core.begin(method)));
        }
        input::ARG => return f64::from(core.arg(a, x)),
        input::ENTRY => return f64::from(u8::from(core.entry(a, b))),
        input::TIMEOUT => core.timeout(a, x),
        input::CALL => {
            if let Some(m) = core.finish(y as u32) {
                core.s = m;
                return -1.0;
            }
            core.call(x as u32, now);
        }
        input::READY => core.ready(now),
        input::WINDOW => core.window(
            flag(z, 1),
            flag(z, 2),
            a,
            opt(flag(z, 8), b),
            opt(flag(z, 16), c),
            flag(z, 4),
            now,
        ),
        input::RESPONSE => core.response(
            x,
            flag(z, 8).then_some(flag(z, 1)),
            opt(flag(z, 2), a),
            opt(flag(z, 4), b),
            now,
        ),
        input::MALFORMED => core.malformed_port(x as u32, y as u32, now),
        input::EVENT => core.event(x as u32, y as u32, flag(z, 1), now),
        input::BYE => core.bye(x as u32, opt(flag(z, 1), a), now),
        input::TICK => core.tick(now),
        input::DESTROY => core.destroy(),
        input::CONNECTED => {
            let host = core.host_id();
            let up = host.is_some();
            core.s = host.unwrap_or_default();
            return f64::from(u8::from(up));
        }
        input::NEXT => {}
        input::B => return f64::from(core.b),
        input::T => return core.t,
        input::TEXT_LEN => return field(core, x).len() as f64,
        input::TEXT_AT => return field(core, x).as_ptr() as usize as f64,
        input::PARAMS => {
            core.s = CilCore::params(a);
            let method = Method::from_name(a);
            let at = Method::ALL.iter().position(|m| Some(*m) == method);
            return at.map_or(0.0, |i| i as f64 + 1.0);
        }
        input::EVENTS => core.s = CilCore::events(),
        _ => {}
    }
    // Every input that can queue effects answers with the first one (saving the facade a
    // call per message), as NEXT does.
    if matches!(
        op,
        input::NEXT
            | input::CALL
            | input::READY
            | input::WINDOW
            | input::RESPONSE
            | input::MALFORMED
            | input::EVENT
            | input::BYE
            | input::TICK
            | input::DESTROY
    ) {
        let op = core.next_effect();
        if op != crate::machine::op::NONE {
            let more = f64::from(u8::from(core.has_effects()));
            return f64::from(op) + 16.0 * more + 32.0 * f64::from(core.a);
        }
    }
    0.0
}

/// Text field `i` of a client: 0 the message / client id / host id / table, 1 the error code,
/// 2 the requestId or the reason of a connection change.
fn field(core: &CilCore, i: f64) -> &String {
    match i as u32 {
        0 => &core.s,
        1 => &core.c,
        _ => &core.r,
    }
}

/// Text field `i` of client `handle` (0 the message / client id / host id / table, 1 the error
/// code, 2 the requestId or the reason of a connection change), as the loader reads it with
/// [`input::TEXT_LEN`] and [`input::TEXT_AT`]; empty for an unknown handle. For the tests,
/// which drive the facade with this crate's own build.
pub fn text(handle: u32, i: u32) -> String {
    let answer = CLIENTS.try_with(|clients| {
        let Ok(clients) = clients.try_borrow() else {
            return String::new();
        };
        let Some(Some(core)) = clients.get(handle as usize) else {
            return String::new();
        };
        field(core, f64::from(i)).clone()
    });
    answer.unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::{cil, input, text};

    fn run(h: u32, op: u32, a: &str) -> f64 {
        cil(h, op, a, "", "", 0.0, 0.0, 0.0, 1.0)
    }

    #[test]
    fn clients_live_in_slots_and_unknown_handles_are_harmless() {
        let h = run(0, input::NEW, "") as u32;
        assert_eq!(
            run(h, input::OPTION, "logLevel")
                + cil(
                    h,
                    input::OPTION,
                    "logLevel",
                    "sloud",
                    "",
                    0.0,
                    0.0,
                    0.0,
                    0.0
                ),
            1.0
        );
        assert!(text(h, 0).starts_with("logLevel: expected"));
        run(h, input::EVENTS, "");
        assert_eq!(text(h, 0).split(',').count(), 11);
        let number = run(h, input::PARAMS, "getChannel");
        assert_eq!(text(h, 0), "channelId");
        assert_eq!(run(h, input::PARAMS, "getChanel"), 0.0);
        let begin = |x| cil(h, input::BEGIN, "", "", "", x, 0.0, 0.0, 1.0);
        assert_eq!(
            (begin(number), begin(0.0), begin(8.0), begin(-1.0)),
            (1.0, 0.0, 0.0, 0.0)
        );
        assert_eq!(run(h, input::CONNECTED, ""), 0.0);
        run(h, input::FREE, "");
        assert_eq!(run(h, input::NEXT, ""), 0.0);
        assert_eq!(text(h, 0), "");
        assert_eq!(run(999, input::TICK, ""), 0.0);
        assert_eq!(run(h, input::NEW, "") as u32, h, "a freed slot is reused");
    }
}
