//! PROTOCOL.md stays true: every JSON example in it is a well-formed message, and together
//! they show every message kind and every method.

use std::collections::BTreeSet;

use cil_protocol::envelope::{decode, Decoded, Message};
use cil_protocol::Method;

const PROTOCOL_MD: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../PROTOCOL.md"));

/// The contents of every ```json fenced block.
fn json_blocks(markdown: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for line in markdown.lines() {
        match (&mut current, line.trim_end()) {
            (None, "```json") => current = Some(String::new()),
            (Some(block), "```") => {
                blocks.push(std::mem::take(block));
                current = None;
            }
            (Some(block), text) => {
                block.push_str(text);
                block.push('\n');
            }
            (None, _) => {}
        }
    }
    assert!(current.is_none(), "unclosed ```json block");
    blocks
}

#[test]
fn every_example_decodes_and_all_kinds_and_methods_are_shown() {
    let mut kinds = BTreeSet::new();
    let mut methods = BTreeSet::new();
    let blocks = json_blocks(PROTOCOL_MD);
    assert!(blocks.len() >= 20, "only {} examples found", blocks.len());
    for block in blocks {
        let value: serde_json::Value =
            serde_json::from_str(&block).unwrap_or_else(|e| panic!("{e} in\n{block}"));
        let Decoded::Message(message) = decode(&value) else {
            panic!("not a message: {:?}\n{block}", decode(&value));
        };
        assert_eq!(
            message.to_value(),
            value,
            "an example is not in canonical form:\n{block}"
        );
        kinds.insert(message.kind());
        if let Message::Request { method, params, .. } = &message {
            assert_eq!(params.validate(), Ok(()), "{block}");
            methods.insert(*method);
        }
    }
    assert_eq!(kinds.len(), 7, "kinds shown: {kinds:?}");
    assert_eq!(
        methods.len(),
        Method::ALL.len(),
        "methods shown: {methods:?}"
    );
}
