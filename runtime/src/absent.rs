//! Members documented as always sent that an answer leaves out (or sends as `null`): read as
//! their zero value, with a warning, instead of failing the whole call. Why: see
//! `docs/nullability.md`.
//!
//! [`from_str`] reads an answer through a deserializer that knows which member of which
//! structure it is reading (serde names a structure's members when it asks for one), so the
//! generated types need no attribute per member: a member read as an `Option` is `None` when
//! absent, as before, and any other member takes its zero value (`""`, `0`, `false`, an empty
//! list, a structure of zero values, a value set's fallback variant) with one `tracing` warning
//! at `WARN` with the target `tc_runtime::absent`.
//!
//! ```
//! #[derive(Debug, serde::Deserialize)]
//! #[serde(rename_all = "PascalCase")]
//! struct Certificate {
//!     certificate_id: String,
//!     alias: Option<String>,
//!     domains: Vec<String>,
//! }
//!
//! let read: Certificate =
//!     tc_runtime::absent::from_str(r#"{"CertificateId": null, "Domains": ["a.example"]}"#)
//!         .unwrap();
//! assert_eq!(read.certificate_id, "");
//! assert_eq!(read.alias, None);
//! assert_eq!(read.domains, ["a.example"]);
//! // A member sent with another type than documented is still an error.
//! assert!(tc_runtime::absent::from_str::<Certificate>(r#"{"CertificateId": 7}"#).is_err());
//! ```

use std::fmt;
use std::marker::PhantomData;

use serde::de::value::BorrowedStrDeserializer;
use serde::de::{
    self, DeserializeOwned, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor,
};
use serde_json::{Error, Value};

use crate::lenient::LenientNumber;

/// The id every answer carries, which generated outputs read with serde's own default.
const REQUEST_ID: &str = "RequestId";

/// Reads `T` from the JSON text of an answer, taking an absent or `null` member that `T` does
/// not read as an `Option` as its zero value, with a warning that names it.
pub fn from_str<T: DeserializeOwned>(json: &str) -> Result<T, Error> {
    let value: Value = serde_json::from_str(json)?;
    T::deserialize(Answer {
        value: Some(&value),
        member: None,
    })
}

/// The name under which [`value_set_number`] asks for a number, so that [`from_str`] reads an
/// absent one as the set's fallback rather than as `0` (which may be a documented value).
const VALUE_SET: &str = "tc_runtime::absent::ValueSet";

/// Reads the number of a value set (leniently, as [`crate::lenient::number`]); `None` when
/// [`from_str`] finds it absent or `null`, which generated value sets read as their fallback.
/// Other deserializers read it as a plain number.
pub fn value_set_number<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: LenientNumber,
{
    struct Number<T>(PhantomData<T>);

    impl<'de, T: LenientNumber> Visitor<'de> for Number<T> {
        type Value = Option<T>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a number, or a string holding one")
        }

        fn visit_unit<E: de::Error>(self) -> Result<Option<T>, E> {
            Ok(None)
        }

        fn visit_newtype_struct<N: Deserializer<'de>>(
            self,
            deserializer: N,
        ) -> Result<Option<T>, N::Error> {
            crate::lenient::number(deserializer).map(Some)
        }
    }

    deserializer.deserialize_newtype_struct(VALUE_SET, Number(PhantomData))
}

/// Reads `T` from JSON bytes, as [`from_str`] reads text.
pub fn from_slice<T: DeserializeOwned>(json: &[u8]) -> Result<T, Error> {
    let value: Value = serde_json::from_slice(json)?;
    T::deserialize(Answer {
        value: Some(&value),
        member: None,
    })
}

/// Which member of which structure a value is, for the warning.
#[derive(Debug, Clone, Copy)]
struct Member<'a> {
    owner: &'static str,
    name: &'a str,
    /// Inside a structure that was itself absent: reported once, for the structure.
    quiet: bool,
}

/// One value of an answer (`None`: absent), read as serde asks for it.
#[derive(Debug, Clone, Copy)]
struct Answer<'a> {
    value: Option<&'a Value>,
    member: Option<Member<'a>>,
}

impl<'a> Answer<'a> {
    /// The value when it is sent and not `null`.
    fn sent(&self) -> Option<&'a Value> {
        self.value.filter(|value| !value.is_null())
    }

    /// Warns that this member was read as zero.
    fn report(&self) {
        let Some(member) = self.member.filter(|member| !member.quiet) else {
            return;
        };
        let how = if self.value.is_some() {
            "null"
        } else {
            "missing"
        };
        tracing::warn!(
            target: "tc_runtime::absent",
            r#type = member.owner,
            member = member.name,
            how,
            "a member documented as always sent was {how}; read as its zero value"
        );
    }

    /// The items of a list, each reported as the list's member.
    fn items(&self, items: &'a [Value]) -> Items<'a> {
        Items {
            items: items.iter(),
            member: self.member,
        }
    }
}

/// Scalars: read as sent, or as `$zero` when absent or `null`.
macro_rules! scalars {
    ($($method:ident($visitor:ident) => $zero:expr;)*) => {
        $(
            fn $method<V: Visitor<'de>>(self, $visitor: V) -> Result<V::Value, Error> {
                match self.sent() {
                    Some(value) => value.$method($visitor),
                    None => {
                        self.report();
                        $zero
                    }
                }
            }
        )*
    };
}

impl<'de> Deserializer<'de> for Answer<'de> {
    type Error = Error;

    scalars! {
        deserialize_bool(visitor) => visitor.visit_bool(false);
        deserialize_i8(visitor) => visitor.visit_i64(0);
        deserialize_i16(visitor) => visitor.visit_i64(0);
        deserialize_i32(visitor) => visitor.visit_i64(0);
        deserialize_i64(visitor) => visitor.visit_i64(0);
        deserialize_u8(visitor) => visitor.visit_u64(0);
        deserialize_u16(visitor) => visitor.visit_u64(0);
        deserialize_u32(visitor) => visitor.visit_u64(0);
        deserialize_u64(visitor) => visitor.visit_u64(0);
        deserialize_f32(visitor) => visitor.visit_f64(0.0);
        deserialize_f64(visitor) => visitor.visit_f64(0.0);
        deserialize_char(visitor) => visitor.visit_char('\0');
        deserialize_str(visitor) => visitor.visit_borrowed_str("");
        deserialize_string(visitor) => visitor.visit_borrowed_str("");
        deserialize_bytes(visitor) => visitor.visit_borrowed_bytes(&[]);
        deserialize_byte_buf(visitor) => visitor.visit_borrowed_bytes(&[]);
        deserialize_identifier(visitor) => visitor.visit_borrowed_str("");
    }

    /// Numbers read leniently ask for "any": zero is the number `0`.
    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.sent() {
            Some(Value::Object(_)) => self.deserialize_map(visitor),
            Some(Value::Array(items)) => visitor.visit_seq(self.items(items)),
            Some(value) => value.deserialize_any(visitor),
            None => {
                self.report();
                visitor.visit_u64(0)
            }
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.sent() {
            Some(_) => visitor.visit_some(self),
            None => visitor.visit_none(),
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.sent() {
            Some(value) => value.deserialize_unit(visitor),
            None => visitor.visit_unit(),
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        if name == VALUE_SET && self.sent().is_none() {
            self.report();
            return visitor.visit_unit();
        }
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.sent() {
            Some(Value::Array(items)) => visitor.visit_seq(self.items(items)),
            Some(value) => value.deserialize_seq(visitor),
            None => {
                self.report();
                visitor.visit_seq(self.items(&[]))
            }
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.sent() {
            Some(Value::Object(object)) => {
                let entries = object.iter().map(|(key, value)| {
                    let answer = Answer {
                        value: Some(value),
                        member: self.member,
                    };
                    (key.as_str(), answer)
                });
                visitor.visit_map(Entries::new(entries.collect()))
            }
            Some(value) => value.deserialize_map(visitor),
            None => {
                self.report();
                visitor.visit_map(Entries::new(Vec::new()))
            }
        }
    }

    /// A structure: the members sent, then each member it names that was not sent, so that
    /// serde asks for every one and those it does not read as an `Option` become zero.
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        let absent = self.sent().is_none();
        let object = match self.sent() {
            Some(Value::Object(object)) => Some(object),
            Some(value) => return value.deserialize_struct(name, fields, visitor),
            None => {
                self.report();
                None
            }
        };
        let quiet = absent || self.member.is_some_and(|member| member.quiet);
        let member = |member: &'de str| {
            Some(Member {
                owner: name,
                name: member,
                quiet,
            })
        };
        let mut entries: Vec<(&'de str, Answer<'de>)> = Vec::with_capacity(fields.len());
        if let Some(object) = object {
            for (key, value) in object {
                let answer = Answer {
                    value: Some(value),
                    member: member(key),
                };
                entries.push((key.as_str(), answer));
            }
        }
        for field in fields {
            // `RequestId` is the envelope's, not a documented member: read silently as before.
            if *field == REQUEST_ID {
                continue;
            }
            if !object.is_some_and(|object| object.contains_key(*field)) {
                let answer = Answer {
                    value: None,
                    member: member(field),
                };
                entries.push((field, answer));
            }
        }
        visitor.visit_map(Entries::new(entries))
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.value {
            Some(value) => value.deserialize_enum(name, variants, visitor),
            None => Err(de::Error::custom(format_args!(
                "`{name}` is missing and has no zero value"
            ))),
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }
}

/// The items of a list.
struct Items<'a> {
    items: std::slice::Iter<'a, Value>,
    member: Option<Member<'a>>,
}

impl<'de> SeqAccess<'de> for Items<'de> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        self.items
            .next()
            .map(|value| {
                seed.deserialize(Answer {
                    value: Some(value),
                    member: self.member,
                })
            })
            .transpose()
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

/// The members of a structure or the entries of a map, with their values.
struct Entries<'a> {
    entries: std::vec::IntoIter<(&'a str, Answer<'a>)>,
    value: Option<Answer<'a>>,
}

impl<'a> Entries<'a> {
    fn new(entries: Vec<(&'a str, Answer<'a>)>) -> Self {
        Entries {
            entries: entries.into_iter(),
            value: None,
        }
    }
}

impl<'de> MapAccess<'de> for Entries<'de> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        let Some((key, value)) = self.entries.next() else {
            return Ok(None);
        };
        self.value = Some(value);
        seed.deserialize(BorrowedStrDeserializer::<Error>::new(key))
            .map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        match self.value.take() {
            Some(value) => seed.deserialize(value),
            None => Err(de::Error::custom("a value was asked for before its key")),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}
