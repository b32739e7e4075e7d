//! Requests between the page and the gadget: those waiting for a connection (queued, in call
//! order) and those sent and awaiting their response (in flight), each with its deadline.
//!
//! Plain `Vec`s: a map type would cost drop-in bytes. Responses nearly always come back in
//! order, so [`InFlight`] finds the match at its front in O(1), also with thousands outstanding
//! (a page that fires requests without awaiting each).

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
    pub in_flight: InFlight<P, R>,
}

impl<P, R> Requests<P, R> {
    pub fn new() -> Self {
        Requests {
            queued: Vec::new(),
            in_flight: InFlight::new(),
        }
    }

    /// Removes and returns the in-flight request with this id (none: a duplicate or late answer).
    pub fn take_in_flight(&mut self, id: u32) -> Option<Entry<P, R>> {
        self.in_flight.take(id)
    }

    /// Removes and returns every request (queued first, then in flight) whose deadline passed.
    pub fn take_expired(&mut self, now: f64) -> Vec<Entry<P, R>> {
        let mut expired = Vec::new();
        take_where(&mut self.queued, |e| e.deadline <= now, |e| expired.push(e));
        for entry in self.in_flight.take_all() {
            if entry.deadline <= now {
                expired.push(entry);
            } else {
                self.in_flight.push(entry);
            }
        }
        expired
    }

    /// The earliest deadline of any request.
    pub fn earliest_deadline(&self) -> f64 {
        self.queued
            .iter()
            .chain(self.in_flight.slots.iter().flatten())
            .fold(f64::INFINITY, |acc, e| acc.min(e.deadline))
    }
}

/// The requests sent and awaiting their response, in send order.
///
/// A slot is emptied when its response arrives; `head` is the first slot that may still be
/// full. Answers in order (the usual case) are found at `head`, so taking one is O(1); when every
/// slot is empty the vector is cleared, and when over half are empty it is compacted, so an
/// answer out of order costs at most a scan of the live entries.
#[derive(Debug)]
pub(crate) struct InFlight<P, R> {
    slots: Vec<Option<Entry<P, R>>>,
    head: usize,
    live: usize,
}

impl<P, R> InFlight<P, R> {
    fn new() -> Self {
        InFlight {
            slots: Vec::new(),
            head: 0,
            live: 0,
        }
    }

    /// How many requests are in flight.
    pub fn len(&self) -> usize {
        self.live
    }

    /// Adds a request that was just sent.
    pub fn push(&mut self, entry: Entry<P, R>) {
        self.slots.push(Some(entry));
        self.live += 1;
    }

    /// Removes and returns the request with wire id `id`.
    fn take(&mut self, id: u32) -> Option<Entry<P, R>> {
        let rest = self.slots.get_mut(self.head..)?;
        let slot = rest
            .iter_mut()
            .find(|slot| slot.as_ref().is_some_and(|e| e.id == id))?;
        let entry = slot.take();
        self.live -= 1;
        if self.live == 0 {
            self.slots.clear();
            self.head = 0;
        } else if self.live < self.slots.len() / 2 {
            self.slots.retain(Option::is_some);
            self.head = 0;
        } else {
            while self.slots.get(self.head).is_some_and(Option::is_none) {
                self.head += 1;
            }
        }
        entry
    }

    /// Removes and returns every request, in send order.
    pub fn take_all(&mut self) -> impl Iterator<Item = Entry<P, R>> {
        self.head = 0;
        self.live = 0;
        core::mem::take(&mut self.slots).into_iter().flatten()
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

#[cfg(test)]
mod tests {
    use super::{Entry, InFlight};
    use alloc::string::String;
    use alloc::vec::Vec;
    use cil_protocol::Method;

    fn entry(id: u32) -> Entry<(), u32> {
        Entry {
            id,
            method: Method::GetChannel,
            params: None,
            request_id: String::new(),
            deadline: f64::INFINITY,
            timeout_ms: 0.0,
            reply: id,
        }
    }

    #[test]
    fn answers_in_any_order_find_their_request_once() {
        let mut flight = InFlight::new();
        for id in 0..1000 {
            flight.push(entry(id));
        }
        // In order for the first half, then from the back, then the odd ones, then the rest.
        let order: Vec<u32> = (0..500)
            .chain((500..1000).rev().filter(|id| id % 2 == 0))
            .chain((500..1000).filter(|id| id % 2 == 1))
            .collect();
        for (n, id) in order.into_iter().enumerate() {
            assert_eq!(flight.take(id).map(|e| e.reply), Some(id));
            assert_eq!(flight.take(id).map(|e| e.reply), None, "a duplicate answer");
            assert_eq!(flight.len(), 999 - n);
        }
        assert!(flight.slots.is_empty(), "answered slots are released");
        assert_eq!(flight.take(7).map(|e| e.id), None);
    }

    #[test]
    fn a_request_left_unanswered_does_not_keep_answered_slots() {
        let mut flight = InFlight::new();
        flight.push(entry(0)); // never answered
        for id in 1..10_000 {
            flight.push(entry(id));
            assert_eq!(flight.take(id).map(|e| e.id), Some(id));
            assert!(flight.slots.len() <= 3, "{} slots", flight.slots.len());
        }
        let rest: Vec<u32> = flight.take_all().map(|e| e.id).collect();
        assert_eq!(rest, [0]);
        assert_eq!(flight.len(), 0);
    }
}
