//! The support log: the last N things an instance did and saw, kept in memory so that a page can
//! show them or attach them to a support case (`supportLog()`, `supportLogText()`).
//!
//! It keeps every log line (whatever `logLevel` lets through to the console) and a one-line
//! summary of every message sent and received — kind, method or event name, id, outcome — but
//! never a payload: payloads carry callers' numbers and CRM data. Message summaries are stored
//! as a few numbers and static names, and turned into text only when the log is read, so keeping
//! the log costs a message almost nothing.

use js_sys::{Array, Date, Object};
use wasm_bindgen::JsValue;

use crate::clock;
use crate::js;
use crate::log::Level;

/// The default number of entries kept (`supportLogSize`).
pub const DEFAULT_SIZE: usize = 500;
/// The most entries an instance may keep.
pub const MAX_SIZE: usize = 10_000;

/// What happened.
#[derive(Debug)]
enum What {
    /// A log line, with the value it was about, if any.
    Line(String, Option<JsValue>),
    /// A message sent (`out`) or received: its kind, method or event name, and id.
    Message {
        out: bool,
        kind: &'static str,
        name: &'static str,
        id: Option<u32>,
    },
}

#[derive(Debug)]
struct Entry {
    /// When it happened, on the monotonic clock ([`clock::now`]); shown as wall time.
    at: f64,
    level: Level,
    what: What,
}

/// The bounded log of one instance.
#[derive(Debug)]
pub struct SupportLog {
    /// A ring: once `size` entries are kept, a new one overwrites the oldest, at `oldest`.
    entries: Vec<Entry>,
    oldest: usize,
    size: usize,
}

impl SupportLog {
    /// A log keeping the last `size` entries (none when 0).
    pub fn new(size: usize) -> SupportLog {
        SupportLog {
            entries: Vec::new(),
            oldest: 0,
            size: size.min(MAX_SIZE),
        }
    }

    fn push(&mut self, at: f64, level: Level, what: What) {
        if self.size == 0 {
            return;
        }
        let entry = Entry { at, level, what };
        if self.entries.len() < self.size {
            self.entries.push(entry);
        } else if let Some(slot) = self.entries.get_mut(self.oldest) {
            *slot = entry;
            self.oldest = (self.oldest + 1) % self.size;
        }
    }

    /// Keeps a log line.
    pub fn line(&mut self, level: Level, text: &str, data: Option<&JsValue>) {
        self.push(clock::now(), level, What::Line(text.into(), data.cloned()));
    }

    /// Keeps the summary of a message sent (`out`) or received at `at` (the time the state
    /// machine was given with it: no clock read of its own on the path of every message).
    pub fn message(
        &mut self,
        at: f64,
        out: bool,
        kind: &'static str,
        name: &'static str,
        id: Option<u32>,
    ) {
        self.push(
            at,
            Level::Debug,
            What::Message {
                out,
                kind,
                name,
                id,
            },
        );
    }

    /// The entries, oldest first.
    fn in_order(&self) -> impl Iterator<Item = &Entry> {
        let (newer, older) = self.entries.split_at(self.oldest.min(self.entries.len()));
        older.iter().chain(newer)
    }

    /// The entries as `[{time, level, message, data?}]`, oldest first.
    pub fn to_js(&self) -> Array {
        self.in_order()
            .map(|e| {
                let o = Object::new();
                js::set(&o, "time", &iso(e.at));
                js::set(&o, "level", &js::string(e.level.name()));
                js::set(&o, "message", &js::string(&e.text()));
                if let What::Line(_, Some(data)) = &e.what {
                    js::set(&o, "data", data);
                }
                JsValue::from(o)
            })
            .collect()
    }

    /// The entries as text, one line each: `<time> <level> <message>`.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        for e in self.in_order() {
            out.push_str(&js::text(&iso(e.at)).unwrap_or_default());
            out.push(' ');
            out.push_str(e.level.name());
            out.push(' ');
            out.push_str(&e.text());
            out.push('\n');
        }
        out
    }
}

impl Entry {
    fn text(&self) -> String {
        match &self.what {
            What::Line(text, _) => text.clone(),
            What::Message {
                out,
                kind,
                name,
                id,
            } => {
                let mut t = String::from(if *out { "sent " } else { "received " });
                t.push_str(kind);
                if !name.is_empty() {
                    t.push(' ');
                    t.push_str(name);
                }
                if let Some(id) = id {
                    t.push_str(" #");
                    t.push_str(&js::number_text(f64::from(*id)));
                }
                t
            }
        }
    }
}

/// `new Date(ms).toISOString()`.
fn iso(at: f64) -> JsValue {
    Date::new(&JsValue::from_f64(clock::wall(at)))
        .to_iso_string()
        .into()
}
