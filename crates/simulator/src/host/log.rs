//! The observable log of every message in and out of the simulated gadget, so a person (the
//! demo's message log) or a test can see exactly what crossed the wire and what was refused,
//! dropped or delayed.

use serde::Serialize;
use serde_json::Value;
use std::collections::VecDeque;

/// Which way a message went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// From an integration to the gadget.
    In,
    /// From the gadget to an integration.
    Out,
}

/// Where it travelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Transport {
    /// `window.postMessage` (handshake).
    Window,
    /// The connection's `MessagePort`.
    Port,
}

/// One log entry.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LogEntry {
    /// Increasing number, from 1.
    pub seq: u64,
    /// When (ISO-8601 UTC).
    pub time: String,
    /// In or out.
    pub direction: Direction,
    /// Window or port.
    pub transport: Transport,
    /// The attached frame involved, if known.
    pub frame: Option<u32>,
    /// The connection involved, if any.
    pub conn: Option<u32>,
    /// The message `kind` (`syn`, `request`, `event`, …), or `?` when there is none.
    pub kind: String,
    /// One line for people: `request #3 setAgentState`, `event workitemCreate`, …
    pub summary: String,
    /// What happened besides normal delivery (`dropped (fault)`, `delayed 200 ms`,
    /// `rejected: origin not allowed`, …); empty when nothing.
    pub note: String,
    /// The message itself.
    pub message: Value,
}

/// A bounded log: the oldest entries go when `limit` is reached, so a load test cannot grow
/// memory without bound. New entries are also queued for the shell to hand to `onLog`.
#[derive(Debug)]
pub struct Log {
    entries: VecDeque<LogEntry>,
    fresh: Vec<LogEntry>,
    limit: usize,
    seq: u64,
    /// Whether to queue entries for `onLog` (off when nobody listens).
    pub notify: bool,
}

impl Log {
    /// An empty log keeping at most `limit` entries (0 keeps none, but still counts).
    pub fn new(limit: usize) -> Self {
        Self {
            entries: VecDeque::new(),
            fresh: Vec::new(),
            limit,
            seq: 0,
            notify: false,
        }
    }

    /// Whether entries are wanted at all: kept (`limit` > 0) or handed to `onLog`. When not,
    /// the host skips building them (a log entry clones the whole message), which keeps a
    /// `logLimit: 0` simulator lean under load; [`Log::count`] still numbers them.
    pub fn wanted(&self) -> bool {
        self.limit > 0 || self.notify
    }

    /// Counts an entry that was not built (see [`Log::wanted`]).
    pub fn count(&mut self) {
        self.seq += 1;
    }

    /// How many entries were logged or counted so far.
    pub fn seq(&self) -> u64 {
        self.seq
    }

    /// Appends an entry (its `seq` is assigned here).
    pub fn push(&mut self, mut entry: LogEntry) {
        self.seq += 1;
        entry.seq = self.seq;
        if self.notify {
            self.fresh.push(entry.clone());
        }
        if self.limit == 0 {
            return;
        }
        if self.entries.len() >= self.limit {
            self.entries.pop_front();
        }
        self.entries.push_back(entry);
    }

    /// The kept entries, oldest first.
    pub fn entries(&self) -> impl Iterator<Item = &LogEntry> {
        self.entries.iter()
    }

    /// The entries added since the last call (for `onLog`).
    pub fn take_fresh(&mut self) -> Vec<LogEntry> {
        std::mem::take(&mut self.fresh)
    }

    /// Forgets the kept entries (numbering continues).
    pub fn clear(&mut self) {
        self.entries.clear();
    }
}

/// A one-line summary of a wire message.
pub fn summarize(message: &Value) -> (String, String) {
    let kind = message
        .get("kind")
        .and_then(Value::as_str)
        .unwrap_or("?")
        .to_owned();
    let id = message.get("id").and_then(Value::as_u64);
    let summary = match kind.as_str() {
        "request" => format!(
            "request #{} {}",
            id.unwrap_or_default(),
            message.get("method").and_then(Value::as_str).unwrap_or("?")
        ),
        "response" => {
            let ok = message.get("ok").and_then(Value::as_bool) == Some(true);
            let code = message
                .pointer("/error/code")
                .and_then(Value::as_str)
                .unwrap_or("");
            if ok {
                format!("response #{} ok", id.unwrap_or_default())
            } else {
                format!("response #{} {code}", id.unwrap_or_default())
            }
        }
        "event" => format!(
            "event {}",
            message.get("name").and_then(Value::as_str).unwrap_or("?")
        ),
        "syn" | "ack" => format!(
            "{kind} {}",
            message
                .get("clientId")
                .and_then(Value::as_str)
                .unwrap_or("")
        ),
        "announce" | "bye" => format!(
            "{kind} {}",
            message.get("hostId").and_then(Value::as_str).unwrap_or("")
        ),
        other => other.to_owned(),
    };
    (kind, summary)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn entry() -> LogEntry {
        LogEntry {
            seq: 0,
            time: String::new(),
            direction: Direction::In,
            transport: Transport::Port,
            frame: None,
            conn: None,
            kind: "x".into(),
            summary: String::new(),
            note: String::new(),
            message: Value::Null,
        }
    }

    #[test]
    fn bounded_and_numbered() {
        let mut log = Log::new(2);
        log.notify = true;
        for _ in 0..3 {
            log.push(entry());
        }
        let seqs: Vec<u64> = log.entries().map(|e| e.seq).collect();
        assert_eq!(seqs, vec![2, 3]);
        assert_eq!(log.take_fresh().len(), 3);
        assert!(log.take_fresh().is_empty());
    }

    #[test]
    fn unwanted_when_nothing_keeps_or_listens() {
        let mut log = Log::new(0);
        assert!(!log.wanted());
        log.count();
        assert_eq!(log.seq(), 1);
        log.notify = true;
        assert!(log.wanted());
        assert!(Log::new(1).wanted());
    }

    #[test]
    fn summaries() {
        let (k, s) = summarize(&json!({"kind": "request", "id": 3, "method": "getChannel"}));
        assert_eq!(
            (k.as_str(), s.as_str()),
            ("request", "request #3 getChannel")
        );
        let (_, s) = summarize(
            &json!({"kind": "response", "id": 3, "ok": false, "error": {"code": "UNKNOWN_CHANNEL"}}),
        );
        assert_eq!(s, "response #3 UNKNOWN_CHANNEL");
        let (k, _) = summarize(&json!(5));
        assert_eq!(k, "?");
    }
}
