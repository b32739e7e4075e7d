//! Requests between the page and the gadget: those waiting for a connection (queued, in call
//! order) and those sent and awaiting their response (in flight), each with its deadline.
//!
//! Plain `Vec`s: a page has a handful of requests outstanding, responses nearly always come
//! back in order (so the match is found at the front), and a map type would cost drop-in bytes.

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
        let at = self.in_flight.iter().position(|e| e.id == id)?;
        Some(self.in_flight.remove(at))
    }

    /// Removes and returns every request (queued first, then in flight) whose deadline passed.
    pub fn take_expired(&mut self, now: f64) -> Vec<Entry<P, R>> {
        let mut expired = Vec::new();
        for list in [&mut self.queued, &mut self.in_flight] {
            let mut i = 0;
            while i < list.len() {
                if list.get(i).is_some_and(|e| e.deadline <= now) {
                    expired.push(list.remove(i));
                } else {
                    i += 1;
                }
            }
        }
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
