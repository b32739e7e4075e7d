//! Lenient field decoders, for the places where real gadgets are known to vary in what they
//! send (a number where a string is documented, an empty object for "no record").

use serde::de::{self, DeserializeOwned, Deserializer, Visitor};
use serde::Deserialize;
use serde_json::Value;

/// A string that may arrive as a string, an integer (a reason code typed as a number in
/// JavaScript) or null/absent (meaning empty).
pub(crate) fn string_or_integer<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    struct StringOrInteger;
    impl Visitor<'_> for StringOrInteger {
        type Value = String;
        fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
            f.write_str("a string or an integer")
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
            Ok(v.to_owned())
        }
        fn visit_string<E: de::Error>(self, v: String) -> Result<String, E> {
            Ok(v)
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<String, E> {
            Ok(v.to_string())
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<String, E> {
            Ok(v.to_string())
        }
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<String, E> {
            integral(v)
                .map(|n| n.to_string())
                .ok_or_else(|| E::invalid_value(de::Unexpected::Float(v), &self))
        }
        fn visit_unit<E: de::Error>(self) -> Result<String, E> {
            Ok(String::new())
        }
        fn visit_none<E: de::Error>(self) -> Result<String, E> {
            Ok(String::new())
        }
    }
    d.deserialize_any(StringOrInteger)
}

/// An optional record where null, `""` and `{}` all mean "none": the reference says the
/// activity "is empty" or "undefined" in some events without saying which empty form.
pub(crate) fn empty_as_none<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: DeserializeOwned,
{
    match Value::deserialize(d)? {
        Value::Null => Ok(None),
        Value::String(s) if s.is_empty() => Ok(None),
        Value::Object(map) if map.is_empty() => Ok(None),
        other => T::deserialize(other).map(Some).map_err(de::Error::custom),
    }
}

/// A non-negative count that may arrive as an integer or as an integral float (JavaScript
/// numbers are doubles, and some converters hand them over as such).
pub(crate) fn count<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    struct Count;
    impl Visitor<'_> for Count {
        type Value = u32;
        fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
            f.write_str("a non-negative integer")
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<u32, E> {
            u32::try_from(v).map_err(|_| E::invalid_value(de::Unexpected::Unsigned(v), &self))
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<u32, E> {
            u32::try_from(v).map_err(|_| E::invalid_value(de::Unexpected::Signed(v), &self))
        }
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<u32, E> {
            integral(v)
                .and_then(|n| u32::try_from(n).ok())
                .ok_or_else(|| E::invalid_value(de::Unexpected::Float(v), &self))
        }
    }
    d.deserialize_any(Count)
}

/// `v` as an integer when it is one exactly (no fraction, within ±2^53).
pub(crate) fn integral(v: f64) -> Option<i64> {
    const SAFE: f64 = 9_007_199_254_740_991.0; // Number.MAX_SAFE_INTEGER
    if v.is_finite() && v.fract() == 0.0 && v.abs() <= SAFE {
        // Exact: a finite integral value within ±2^53 fits i64 without rounding.
        Some(v as i64)
    } else {
        None
    }
}
