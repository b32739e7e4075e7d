//! `updatedData`: call variables to set, as given, in the caller's order.
//!
//! A list of pairs rather than a sorted map: the gadget receives the keys in the order the page
//! wrote them (a CRM that sets `wrapUpReason` after the variables it depends on gets that
//! order), and a list is much smaller in the drop-in wasm than a B-tree. On the wire it is a
//! JSON object; decoding keeps the last value of a repeated key, as `JSON.parse` does.

use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Variable name → new value (`callVariable1`, `user.eccVar1`, `wrapUpReason`, …).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UpdatedData(Vec<(String, String)>);

impl UpdatedData {
    /// No entries.
    pub fn new() -> Self {
        UpdatedData(Vec::new())
    }

    /// Sets `key` to `value` (a repeated key keeps its place and takes the new value).
    pub fn insert(&mut self, key: String, value: String) {
        match self.0.iter_mut().find(|(k, _)| *k == key) {
            Some(entry) => entry.1 = value,
            None => self.0.push((key, value)),
        }
    }

    /// The value of `key`.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// How many entries there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there is no entry.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The entries, in order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }
}

impl<K: Into<String>, V: Into<String>> FromIterator<(K, V)> for UpdatedData {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(entries: I) -> Self {
        let mut data = UpdatedData::new();
        for (k, v) in entries {
            data.insert(k.into(), v.into());
        }
        data
    }
}

impl<K: Into<String>, V: Into<String>, const N: usize> From<[(K, V); N]> for UpdatedData {
    fn from(entries: [(K, V); N]) -> Self {
        entries.into_iter().collect()
    }
}

impl Serialize for UpdatedData {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for UpdatedData {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Entries;
        impl<'de> Visitor<'de> for Entries {
            type Value = UpdatedData;
            fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str("an object whose values are strings")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<UpdatedData, A::Error> {
                let mut data = UpdatedData::new();
                while let Some((k, v)) = access.next_entry::<String, String>()? {
                    data.insert(k, v);
                }
                Ok(data)
            }
        }
        deserializer.deserialize_map(Entries)
    }
}
