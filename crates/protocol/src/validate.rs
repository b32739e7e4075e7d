//! Argument checks shared by the client (before a request leaves the page) and the gadget
//! simulator (when a request arrives), so both reject the same inputs with the same words.
//!
//! Every check returns an [`ArgError`] naming the argument, what was expected and what was
//! given, e.g. `channelId: expected "voice", "voice_<peripheral id>", …, got "Voice"`.
//!
//! The rules, and why:
//!
//! * **channelId**: `voice` (any voice channel), `voice_<peripheral id>` (`voice_5075`, CCX's
//!   `voice_-1`), `telephony` (Webex CC), and the same `<type>` / `<type>_<id>` forms for the
//!   other channel types of the reference (`mail`, `chat`, `task`, `federation`). The id is an
//!   optionally negative integer of 1 to 10 digits (a peripheral id). Lowercase only, no
//!   surrounding whitespace: `Voice`, ` voice`, `voice_`, `voice_abc`, `telephony_1` are
//!   rejected, because a channel id that does not match exactly would only fail later, on the
//!   gadget, with a vaguer message.
//! * **state**: `Ready`, `NotReady`, `Logout` (exact case, as the reference writes them).
//! * **reasonType**: `Logout`, `NotReady`, `Wrapup`.
//! * **ids** (`workitemId`, `address`, …): not blank.
//! * **any string**: at most [`MAX_STRING_LEN`] characters, so one call cannot push megabytes
//!   through the channel.
//! * **updatedData keys**: 1 to [`MAX_KEY_LEN`] characters, no whitespace or control
//!   characters, and `user.` must be followed by a name (ECC variables are `user.<name>`);
//!   at most [`MAX_UPDATED_DATA_ENTRIES`] entries.

use alloc::string::String;

pub use crate::argument_enums::{ReasonType, RequestedState};

/// The longest string argument accepted, in characters (Unicode scalar values).
pub const MAX_STRING_LEN: usize = 4096;

/// The longest `updatedData` key accepted, in characters.
pub const MAX_KEY_LEN: usize = 256;

/// The most entries one `updatedData` object may carry.
pub const MAX_UPDATED_DATA_ENTRIES: usize = 256;

/// How many characters of a rejected value an [`ArgError`] quotes.
const QUOTED_CHARS: usize = 40;

/// The channel types whose ids take the `<type>` / `<type>_<id>` form.
const CHANNEL_PREFIXES: [&str; 5] = ["voice", "mail", "chat", "task", "federation"];

/// The longest peripheral id accepted in a channel id, in digits.
const MAX_CHANNEL_SUFFIX_DIGITS: usize = 10;

/// A rejected argument: which one, what was expected, what was given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArgError {
    /// The argument's name as in the reference, e.g. `channelId`.
    pub argument: &'static str,
    /// What a valid value looks like, in words.
    pub expected: &'static str,
    /// What was given: the value quoted (shortened when long), or a description.
    pub got: String,
}

impl ArgError {
    /// An error that quotes the rejected value (at most 40 characters of it).
    pub fn quoting(argument: &'static str, expected: &'static str, value: &str) -> ArgError {
        ArgError {
            argument,
            expected,
            got: quote(value),
        }
    }

    /// The human-readable message: `"<argument>: expected <expected>, got <got>"`.
    pub fn message(&self) -> String {
        let mut message =
            String::with_capacity(self.argument.len() + self.expected.len() + self.got.len() + 16);
        message.push_str(self.argument);
        message.push_str(": expected ");
        message.push_str(self.expected);
        message.push_str(", got ");
        message.push_str(&self.got);
        message
    }
}

impl core::fmt::Display for ArgError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.argument)?;
        f.write_str(": expected ")?;
        f.write_str(self.expected)?;
        f.write_str(", got ")?;
        f.write_str(&self.got)
    }
}

impl core::error::Error for ArgError {}

/// Checks a channel id (see the module docs for the accepted forms).
///
/// ```
/// use cil_protocol::validate::channel_id;
/// assert!(channel_id("channelId", "voice_-1").is_ok());
/// assert!(channel_id("channelId", "Voice").is_err());
/// ```
pub fn channel_id(arg: &'static str, v: &str) -> Result<(), ArgError> {
    const EXPECTED: &str = "\"voice\", \"voice_<peripheral id>\" (e.g. voice_5075, voice_-1), \
        \"telephony\", or mail, chat, task, federation with an optional _<id>";
    if v == "telephony" || is_typed_channel_id(v) {
        Ok(())
    } else {
        Err(ArgError::quoting(arg, EXPECTED, v))
    }
}

/// `<type>` or `<type>_<integer id>` for one of [`CHANNEL_PREFIXES`].
fn is_typed_channel_id(v: &str) -> bool {
    // A byte search: `split_once` would bring `memchr` and a slicing panic into the wasm.
    let (prefix, suffix) = match v.bytes().position(|byte| byte == b'_') {
        Some(at) => (
            v.get(..at).unwrap_or(v),
            Some(v.get(at + 1..).unwrap_or_default()),
        ),
        None => (v, None),
    };
    CHANNEL_PREFIXES.contains(&prefix) && suffix.map_or(true, is_peripheral_id)
}

/// An optionally negative integer of 1 to [`MAX_CHANNEL_SUFFIX_DIGITS`] digits.
fn is_peripheral_id(suffix: &str) -> bool {
    let digits = suffix.strip_prefix('-').unwrap_or(suffix);
    !digits.is_empty()
        && digits.len() <= MAX_CHANNEL_SUFFIX_DIGITS
        && digits.bytes().all(|b| b.is_ascii_digit())
}

/// Checks the `state` argument of `setAgentState`.
///
/// ```
/// use cil_protocol::validate::{agent_state, RequestedState};
/// assert_eq!(agent_state("NotReady"), Ok(RequestedState::NotReady));
/// assert!(agent_state("Wrapup").is_err());
/// ```
pub fn agent_state(v: &str) -> Result<RequestedState, ArgError> {
    match RequestedState::parse(v) {
        RequestedState::Other(_) => Err(ArgError::quoting("state", "Ready, NotReady or Logout", v)),
        known => Ok(known),
    }
}

/// Checks the `reasonType` argument of `getReasonCodeList`.
///
/// ```
/// use cil_protocol::validate::{reason_type, ReasonType};
/// assert_eq!(reason_type("Wrapup"), Ok(ReasonType::Wrapup));
/// assert!(reason_type("wrapup").is_err());
/// ```
pub fn reason_type(v: &str) -> Result<ReasonType, ArgError> {
    match ReasonType::parse(v) {
        ReasonType::Other(_) => Err(ArgError::quoting(
            "reasonType",
            "Logout, NotReady or Wrapup",
            v,
        )),
        known => Ok(known),
    }
}

/// Checks that a string is not empty and not only whitespace (ids, addresses).
pub fn non_empty(arg: &'static str, v: &str) -> Result<(), ArgError> {
    // As `v.trim().is_empty()` (trim removes exactly the `char::is_whitespace` characters),
    // without `trim_matches`, which costs hundreds of bytes in the drop-in's wasm.
    if v.chars().all(char::is_whitespace) {
        Err(ArgError::quoting(arg, "a non-empty string", v))
    } else {
        Ok(())
    }
}

/// Checks that a string has at most [`MAX_STRING_LEN`] characters.
pub fn bounded(arg: &'static str, v: &str) -> Result<(), ArgError> {
    if char_count_at_most(v, MAX_STRING_LEN) {
        Ok(())
    } else {
        Err(ArgError {
            argument: arg,
            expected: "a string of at most 4096 characters",
            got: described_length(v),
        })
    }
}

/// Checks one key of `updatedData` (see the module docs).
///
/// ```
/// use cil_protocol::validate::updated_data_key;
/// assert!(updated_data_key("user.eccVar1").is_ok());
/// assert!(updated_data_key("user.").is_err());
/// ```
pub fn updated_data_key(key: &str) -> Result<(), ArgError> {
    const EXPECTED: &str = "a key of 1 to 256 characters without whitespace or control \
        characters (ECC variables as user.<name>)";
    let well_formed = !key.is_empty()
        && char_count_at_most(key, MAX_KEY_LEN)
        && !key.chars().any(|c| c.is_whitespace() || c.is_control())
        && key != "user.";
    if well_formed {
        Ok(())
    } else {
        Err(ArgError::quoting("updatedData", EXPECTED, key))
    }
}

/// Checks the number of entries of `updatedData` (at least one, at most
/// [`MAX_UPDATED_DATA_ENTRIES`]); an empty update is almost certainly a caller's mistake.
pub fn updated_data_entries(count: usize) -> Result<(), ArgError> {
    if (1..=MAX_UPDATED_DATA_ENTRIES).contains(&count) {
        Ok(())
    } else {
        let mut got = String::new();
        push_decimal(&mut got, count);
        got.push_str(" entries");
        Err(ArgError {
            argument: "updatedData",
            expected: "an object with 1 to 256 entries",
            got,
        })
    }
}

/// Whether `v` has at most `max` characters.
fn char_count_at_most(v: &str, max: usize) -> bool {
    // A UTF-8 string has at most as many characters as bytes: most calls stop here.
    v.len() <= max || char_count(v) <= max
}

/// The number of characters (Unicode scalar values) of `v`, as `v.chars().count()`, counted
/// byte by byte: much smaller in the wasm than the word-at-a-time `chars().count()`.
fn char_count(v: &str) -> usize {
    v.bytes().filter(|&byte| starts_char(byte)).count()
}

/// Whether a byte of UTF-8 starts a character (is not a continuation byte `10xxxxxx`).
fn starts_char(byte: u8) -> bool {
    byte & 0xC0 != 0x80
}

/// `"<value>"`, shortened to [`QUOTED_CHARS`] characters with `…` when longer.
fn quote(value: &str) -> String {
    let cut = value
        .bytes()
        .enumerate()
        .filter(|&(_, byte)| starts_char(byte))
        .nth(QUOTED_CHARS)
        .map_or(value.len(), |(index, _)| index);
    let shown = value.get(..cut).unwrap_or(value);
    let mut quoted = String::with_capacity(shown.len() + 5);
    quoted.push('"');
    quoted.push_str(shown);
    if cut < value.len() {
        quoted.push('…');
    }
    quoted.push('"');
    quoted
}

/// `"<n> characters"` for a too-long string.
fn described_length(v: &str) -> String {
    let mut got = String::new();
    push_decimal(&mut got, char_count(v));
    got.push_str(" characters");
    got
}

/// Appends `n` in decimal without the formatting machinery (which costs bytes in the wasm).
fn push_decimal(out: &mut String, mut n: usize) {
    let mut digits = [0u8; 20];
    let mut start = digits.len();
    loop {
        start -= 1;
        if let Some(slot) = digits.get_mut(start) {
            *slot = b'0' + (n % 10) as u8;
        }
        n /= 10;
        if n == 0 || start == 0 {
            break;
        }
    }
    for &digit in digits.get(start..).unwrap_or_default() {
        out.push(char::from(digit));
    }
}
