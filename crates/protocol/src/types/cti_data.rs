//! The ctiData of a work item: Finesse call data, call variables and ECC variables.
//!
//! ECC variables arrive as sibling keys named `user.<name>`, so they cannot be ordinary
//! fields; they are collected into one map keyed by the full wire name (`user.eccVar1`).

use std::collections::BTreeMap;

use serde::de::{Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Serialize};

use super::OutboundClassification;

/// The prefix of ECC variable keys.
pub(crate) const ECC_PREFIX: &str = "user.";

/// The CTI data of a work item. Which fields are present depends on the CTI (Finesse
/// version, CCE/CCX/Webex CC), so every field is optional and left out when `None`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CtiData {
    /// The call's number unique for the routing day (CCE only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub call_key_call_id: Option<String>,
    /// The routing day of the call (CCE only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub call_key_prefix: Option<String>,
    /// The call type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub call_type: Option<String>,
    /// Peripheral variable 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub call_variable1: Option<String>,
    /// Peripheral variable 2.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub call_variable2: Option<String>,
    /// Peripheral variable 3.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub call_variable3: Option<String>,
    /// Peripheral variable 4.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub call_variable4: Option<String>,
    /// Peripheral variable 5.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub call_variable5: Option<String>,
    /// Peripheral variable 6.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub call_variable6: Option<String>,
    /// Peripheral variable 7.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub call_variable7: Option<String>,
    /// Peripheral variable 8.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub call_variable8: Option<String>,
    /// Peripheral variable 9.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub call_variable9: Option<String>,
    /// Peripheral variable 10.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub call_variable10: Option<String>,
    /// The dialed number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dialed_number: Option<String>,
    /// The DNIS (wire name in capitals: `DNIS`).
    #[serde(rename = "DNIS", default, skip_serializing_if = "Option::is_none")]
    pub dnis: Option<String>,
    /// The media routing id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub media_id: Option<String>,
    /// The outbound call classification.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outbound_classification: Option<OutboundClassification>,
    /// The queue's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub queue_name: Option<String>,
    /// The queue's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub queue_number: Option<String>,
    /// The call's current wrap-up reason.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wrap_up_reason: Option<String>,
    /// The ECC variables, keyed by their full wire name (`user.eccVar1` → `"999999"`).
    /// On decode only `user.`-prefixed keys land here; other unknown keys are ignored.
    #[serde(flatten, deserialize_with = "ecc_variables")]
    pub ecc_variables: BTreeMap<String, String>,
}

impl CtiData {
    /// The value of a variable by its wire name, as `updatedData` and callVariableChanged
    /// name them: `callVariable1`…`callVariable10`, `wrapUpReason`, or `user.<name>`.
    /// Other names give `None`.
    pub fn variable(&self, name: &str) -> Option<&str> {
        if name.starts_with(ECC_PREFIX) {
            return self.ecc_variables.get(name).map(String::as_str);
        }
        self.updatable_field(name)?.as_deref()
    }

    /// Sets a variable by its wire name (see [`CtiData::variable`]); returns `false`, and
    /// changes nothing, for a name that is not a call variable, ECC variable or wrapUpReason.
    pub fn set_variable(&mut self, name: &str, value: String) -> bool {
        if name.len() > ECC_PREFIX.len() && name.starts_with(ECC_PREFIX) {
            self.ecc_variables.insert(name.to_owned(), value);
            return true;
        }
        match self.updatable_field_mut(name) {
            Some(field) => {
                *field = Some(value);
                true
            }
            None => false,
        }
    }

    fn updatable_field(&self, name: &str) -> Option<&Option<String>> {
        Some(match name {
            "callVariable1" => &self.call_variable1,
            "callVariable2" => &self.call_variable2,
            "callVariable3" => &self.call_variable3,
            "callVariable4" => &self.call_variable4,
            "callVariable5" => &self.call_variable5,
            "callVariable6" => &self.call_variable6,
            "callVariable7" => &self.call_variable7,
            "callVariable8" => &self.call_variable8,
            "callVariable9" => &self.call_variable9,
            "callVariable10" => &self.call_variable10,
            "wrapUpReason" => &self.wrap_up_reason,
            _ => return None,
        })
    }

    fn updatable_field_mut(&mut self, name: &str) -> Option<&mut Option<String>> {
        Some(match name {
            "callVariable1" => &mut self.call_variable1,
            "callVariable2" => &mut self.call_variable2,
            "callVariable3" => &mut self.call_variable3,
            "callVariable4" => &mut self.call_variable4,
            "callVariable5" => &mut self.call_variable5,
            "callVariable6" => &mut self.call_variable6,
            "callVariable7" => &mut self.call_variable7,
            "callVariable8" => &mut self.call_variable8,
            "callVariable9" => &mut self.call_variable9,
            "callVariable10" => &mut self.call_variable10,
            "wrapUpReason" => &mut self.wrap_up_reason,
            _ => return None,
        })
    }
}

/// Collects the `user.*` keys left over after the named fields; their values must be
/// strings. Other leftover keys (fields of a newer gadget) are skipped.
fn ecc_variables<'de, D: Deserializer<'de>>(d: D) -> Result<BTreeMap<String, String>, D::Error> {
    struct EccVisitor;
    impl<'de> Visitor<'de> for EccVisitor {
        type Value = BTreeMap<String, String>;
        fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
            f.write_str("ctiData entries")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut variables = BTreeMap::new();
            while let Some(key) = map.next_key::<String>()? {
                if key.starts_with(ECC_PREFIX) {
                    let value = map.next_value::<String>()?;
                    variables.insert(key, value);
                } else {
                    map.next_value::<IgnoredAny>()?;
                }
            }
            Ok(variables)
        }
    }
    d.deserialize_map(EccVisitor)
}
