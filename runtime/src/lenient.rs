//! Numbers as the service really sends them.
//!
//! The docs type some members as integers that the service sends as strings (`"ProjectId":
//! "0"`). Generated structures decode every number member through these functions, so such
//! answers decode instead of failing; an empty string is an absent optional number.

use std::fmt;
use std::marker::PhantomData;
use std::str::FromStr;

use serde::de::{self, Deserialize, Deserializer, Visitor};

/// A number type that can be read from any JSON number or from a string.
pub trait LenientNumber: Sized + FromStr {
    /// The value of an unsigned JSON integer, if it fits.
    fn from_u64(value: u64) -> Option<Self>;
    /// The value of a signed JSON integer, if it fits.
    fn from_i64(value: i64) -> Option<Self>;
    /// The value of a JSON float, if it fits without loss.
    fn from_f64(value: f64) -> Option<Self>;
}

impl LenientNumber for u64 {
    fn from_u64(value: u64) -> Option<Self> {
        Some(value)
    }
    fn from_i64(value: i64) -> Option<Self> {
        u64::try_from(value).ok()
    }
    fn from_f64(value: f64) -> Option<Self> {
        (value.fract() == 0.0 && (0.0..=u64::MAX as f64).contains(&value)).then_some(value as u64)
    }
}

impl LenientNumber for i64 {
    fn from_u64(value: u64) -> Option<Self> {
        i64::try_from(value).ok()
    }
    fn from_i64(value: i64) -> Option<Self> {
        Some(value)
    }
    fn from_f64(value: f64) -> Option<Self> {
        (value.fract() == 0.0 && (i64::MIN as f64..=i64::MAX as f64).contains(&value))
            .then_some(value as i64)
    }
}

impl LenientNumber for f64 {
    fn from_u64(value: u64) -> Option<Self> {
        Some(value as f64)
    }
    fn from_i64(value: i64) -> Option<Self> {
        Some(value as f64)
    }
    fn from_f64(value: f64) -> Option<Self> {
        Some(value)
    }
}

struct NumberVisitor<T>(PhantomData<T>);

impl<T: LenientNumber> NumberVisitor<T> {
    fn out_of_range<E: de::Error>(shown: impl fmt::Display) -> E {
        E::custom(format_args!(
            "{shown} is out of range for {}",
            std::any::type_name::<T>()
        ))
    }
}

impl<T: LenientNumber> Visitor<'_> for NumberVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a number, or a string holding one")
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<T, E> {
        T::from_u64(value).ok_or_else(|| Self::out_of_range(value))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<T, E> {
        T::from_i64(value).ok_or_else(|| Self::out_of_range(value))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<T, E> {
        T::from_f64(value).ok_or_else(|| Self::out_of_range(value))
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<T, E> {
        value
            .trim()
            .parse()
            .map_err(|_| E::invalid_value(de::Unexpected::Str(value), &self))
    }
}

/// Reads a number sent as a number or as a string.
pub fn number<'de, D: Deserializer<'de>, T: LenientNumber>(deserializer: D) -> Result<T, D::Error> {
    deserializer.deserialize_any(NumberVisitor(PhantomData))
}

/// Reads an optional number: `null`, an empty string, a number, or a string holding one.
pub fn optional_number<'de, D: Deserializer<'de>, T: LenientNumber>(
    deserializer: D,
) -> Result<Option<T>, D::Error> {
    struct Lenient<T>(Option<T>);

    impl<'de, T: LenientNumber> Deserialize<'de> for Lenient<T> {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            struct MaybeEmpty<T>(PhantomData<T>);
            impl<T: LenientNumber> Visitor<'_> for MaybeEmpty<T> {
                type Value = Option<T>;
                fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str("a number, or a string holding one")
                }
                fn visit_u64<E: de::Error>(self, value: u64) -> Result<Self::Value, E> {
                    NumberVisitor(PhantomData).visit_u64(value).map(Some)
                }
                fn visit_i64<E: de::Error>(self, value: i64) -> Result<Self::Value, E> {
                    NumberVisitor(PhantomData).visit_i64(value).map(Some)
                }
                fn visit_f64<E: de::Error>(self, value: f64) -> Result<Self::Value, E> {
                    NumberVisitor(PhantomData).visit_f64(value).map(Some)
                }
                fn visit_str<E: de::Error>(self, value: &str) -> Result<Self::Value, E> {
                    if value.trim().is_empty() {
                        return Ok(None);
                    }
                    NumberVisitor(PhantomData).visit_str(value).map(Some)
                }
                fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                    Ok(None)
                }
            }
            deserializer
                .deserialize_any(MaybeEmpty(PhantomData))
                .map(Lenient)
        }
    }

    Option::<Lenient<T>>::deserialize(deserializer).map(|value| value.and_then(|v| v.0))
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    #[derive(Debug, Deserialize, PartialEq)]
    struct Sample {
        #[serde(deserialize_with = "super::number")]
        id: u64,
        #[serde(default, deserialize_with = "super::optional_number")]
        project: Option<i64>,
        #[serde(default, deserialize_with = "super::optional_number")]
        ratio: Option<f64>,
    }

    fn read(json: &str) -> Result<Sample, serde_json::Error> {
        serde_json::from_str(json)
    }

    #[test]
    fn numbers_and_strings_of_numbers_decode() {
        let sample = read(r#"{"id": "7", "project": "0", "ratio": "0.5"}"#).unwrap();
        assert_eq!(
            sample,
            Sample {
                id: 7,
                project: Some(0),
                ratio: Some(0.5)
            }
        );
        let sample = read(r#"{"id": 7, "project": -3, "ratio": 1}"#).unwrap();
        assert_eq!(
            sample,
            Sample {
                id: 7,
                project: Some(-3),
                ratio: Some(1.0)
            }
        );
    }

    #[test]
    fn empty_and_null_optionals_are_absent() {
        let sample = read(r#"{"id": 1, "project": "", "ratio": null}"#).unwrap();
        assert_eq!(
            sample,
            Sample {
                id: 1,
                project: None,
                ratio: None
            }
        );
        assert_eq!(read(r#"{"id": 1}"#).unwrap().project, None);
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        assert!(read(r#"{"id": "seven"}"#).is_err());
        assert!(read(r#"{"id": -1}"#).is_err());
        assert!(read(r#"{"id": 1.5}"#).is_err());
        assert!(read(r#"{"id": [1]}"#).is_err());
        assert!(read(r#"{"id": ""}"#).is_err());
    }
}
