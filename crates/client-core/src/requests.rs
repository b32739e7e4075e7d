//! Requests between the page and the gadget: those waiting for a connection (queued, in call
//! order) and those sent and awaiting their response (in flight), each with its deadline.
//!
//! Plain `Vec`s: a page has a handful of requests outstanding, responses nearly always come
//! back in order (so the match is found at the front), and a map type would cost drop-in bytes.

use alloc::string::String;
use alloc::vec::Vec;

use cil_protocol::Method;

/// One request the client owes an answer to.
#[derive(Debug)]
pub(crate) struct Entry<P, R> {
    pub id: u32,
    pub method: Method,
    /// `Some` while queued (not yet sent), `None` once in flight.
    pub params: Option<P>,
    pub request_id: String,
    pub deadline: f64,
    pub timeout_ms: f64,
    pub reply: R,
}

/// The queued and in-flight requests.
#[derive(Debug)]
pub(crate) struct Requests<P, R> {
    pub queued: Vec<Entry<P, R>>,
    pub in_flight: Vec<Entry<P, R>>,
}

impl<P, R> Requests<P, R> {
    pub fn new() -> Self {
        Requests {
            queued: Vec::new(),
            in_flight: Vec::new(),
        }
    }

    /// Removes and returns the in-flight request with this id (none: a duplicate or late answer).
    pub fn take_in_flight(&mut self, id: u32) -> Option<Entry<P, R>> {
        let mut found = None;
        let mut seen = false;
        take_where(
            &mut self.in_flight,
            |e| {
                let hit = !seen && e.id == id;
                seen |= hit;
                hit
            },
            |e| found = Some(e),
        );
        found
    }

    /// Removes and returns every request (queued first, then in flight) whose deadline passed.
    pub fn take_expired(&mut self, now: f64) -> Vec<Entry<P, R>> {
        let mut expired = Vec::new();
        take_where(&mut self.queued, |e| e.deadline <= now, |e| expired.push(e));
        take_where(
            &mut self.in_flight,
            |e| e.deadline <= now,
            |e| expired.push(e),
        );
        expired
    }

    /// The earliest deadline of any request.
    pub fn earliest_deadline(&self) -> f64 {
        self.queued
            .iter()
            .chain(self.in_flight.iter())
            .fold(f64::INFINITY, |acc, e| acc.min(e.deadline))
    }
}

/// Moves the entries of `list` that match `pick` (in order) to `take`, keeping the others in
/// order. No index arithmetic: `Vec::remove`'s bounds check would link the panic formatting
/// machinery into the drop-in wasm.
fn take_where<T>(list: &mut Vec<T>, mut pick: impl FnMut(&T) -> bool, mut take: impl FnMut(T)) {
    let all = core::mem::take(list);
    list.reserve(all.len());
    for item in all {
        if pick(&item) {
            take(item);
        } else {
            list.push(item);
        }
    }
}
