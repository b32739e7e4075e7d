//! Time for the model without a global clock: the gadget stamps every state change and call with
//! the current time, and tests must be able to fix and advance that time to assert exact payloads.
//!
//! The model asks a [`Clock`] for milliseconds since the Unix epoch and formats them as ISO-8601
//! UTC strings (`2020-07-28T09:51:17.696Z`, the form the reference shows for `connectedAt`).

use std::cell::Cell;
use std::fmt;
use std::rc::Rc;

/// A source of the current time, in milliseconds since the Unix epoch (UTC).
pub trait Clock {
    /// The current time in milliseconds since 1970-01-01T00:00:00Z.
    fn now_ms(&self) -> u64;
}

/// A clock that only moves when told to; clones share the same time, so a test keeps one clone
/// and hands the other to the gadget.
///
/// ```
/// use cil_simulator::clock::{Clock, FakeClock};
/// let clock = FakeClock::new(1_000);
/// let other = clock.clone();
/// clock.advance(500);
/// assert_eq!(other.now_ms(), 1_500);
/// ```
#[derive(Debug, Clone, Default)]
pub struct FakeClock {
    now: Rc<Cell<u64>>,
}

impl FakeClock {
    /// A clock standing at `start_ms`.
    pub fn new(start_ms: u64) -> Self {
        Self {
            now: Rc::new(Cell::new(start_ms)),
        }
    }

    /// Moves the time forward by `ms` milliseconds.
    pub fn advance(&self, ms: u64) {
        self.now.set(self.now.get().saturating_add(ms));
    }

    /// Sets the time to `ms`.
    pub fn set(&self, ms: u64) {
        self.now.set(ms);
    }
}

impl Clock for FakeClock {
    fn now_ms(&self) -> u64 {
        self.now.get()
    }
}

/// A point in time that prints as ISO-8601 UTC with milliseconds.
///
/// ```
/// use cil_simulator::clock::Timestamp;
/// assert_eq!(Timestamp(1_595_929_877_696).to_string(), "2020-07-28T09:51:17.696Z");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Timestamp(pub u64);

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ms = self.0 % 1000;
        let secs = self.0 / 1000;
        let days = secs / 86_400;
        let rem = secs % 86_400;
        let (year, month, day) = civil_from_days(days);
        write!(
            f,
            "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{ms:03}Z",
            rem / 3600,
            (rem % 3600) / 60,
            rem % 60
        )
    }
}

/// Converts days since 1970-01-01 to (year, month, day) in the proleptic Gregorian calendar
/// (Howard Hinnant's `civil_from_days`, restricted to dates after the epoch, which is all a
/// clock in milliseconds since the epoch can give).
fn civil_from_days(days: u64) -> (u64, u64, u64) {
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z % 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + u64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_epoch_and_known_dates() {
        assert_eq!(Timestamp(0).to_string(), "1970-01-01T00:00:00.000Z");
        assert_eq!(
            Timestamp(951_782_400_000).to_string(),
            "2000-02-29T00:00:00.000Z"
        );
        assert_eq!(
            Timestamp(1_595_929_877_696).to_string(),
            "2020-07-28T09:51:17.696Z"
        );
        assert_eq!(
            Timestamp(1_767_225_599_999).to_string(),
            "2025-12-31T23:59:59.999Z"
        );
    }

    #[test]
    fn fake_clock_is_shared_between_clones() {
        let a = FakeClock::new(5);
        let b = a.clone();
        a.advance(10);
        assert_eq!(b.now_ms(), 15);
        b.set(1);
        assert_eq!(a.now_ms(), 1);
    }
}
