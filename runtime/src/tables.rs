//! The two tables generated code writes most: closed value sets and error codes.
//!
//! Each is a `macro_rules!` that takes the enum as a person would write it, one variant per
//! documented value, and adds the code that every such enum needs alike (the `Unknown` variant,
//! conversions, `Display`, serde). Written out, that code took three quarters of each value set's
//! lines; here the generated source keeps only what differs between sets.

/// A closed set of values from the spec: an enum with one variant per documented value and
/// an `Unknown` variant that keeps any value the cloud adds later.
///
/// ```
/// tc_runtime::value_set! {
///     /// Key algorithm.
///     pub enum KeyAlgorithm: str {
///         /// RSA keys.
///         Rsa = "RSA",
///         /// Elliptic-curve keys.
///         Ecc = "ECC",
///     }
/// }
/// tc_runtime::value_set! {
///     /// Certificate status.
///     pub enum Status: u64 {
///         /// Being reviewed.
///         Reviewing = 0,
///         /// Issued.
///         Issued = 1,
///     }
/// }
/// assert_eq!(KeyAlgorithm::from("ECC"), KeyAlgorithm::Ecc);
/// assert_eq!(KeyAlgorithm::from("SM2").as_str(), "SM2");
/// assert_eq!(Status::from(7).value(), 7);
/// assert_eq!(serde_json::to_string(&Status::Issued).unwrap(), "1");
/// ```
///
/// A string set gets `as_str()` and `From<&str>`; a number set (`u64` or `i64`) gets `value()`
/// and `From<u64>`. Both get `Display`, `Serialize` and `Deserialize` through the wire value,
/// and each variant's docs start with its wire value.
#[macro_export]
macro_rules! value_set {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident: str {
            $( $(#[$variant_meta:meta])* $variant:ident = $wire:literal, )*
        }
    ) => {
        $crate::value_set!(@enum $(#[$meta])* $vis $name, ::std::string::String, $( $(#[$variant_meta])* $variant = $wire, )*);

        impl $name {
            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    $( Self::$variant => $wire, )*
                    Self::Unknown(value) => value.as_str(),
                }
            }
        }

        impl ::core::convert::From<&str> for $name {
            fn from(value: &str) -> Self {
                match value {
                    $( $wire => Self::$variant, )*
                    other => Self::Unknown($crate::action::Unknown::new(other.to_owned())),
                }
            }
        }

        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl $crate::tables::serde::Serialize for $name {
            fn serialize<S: $crate::tables::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> $crate::tables::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::tables::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                $crate::tables::text(deserializer).map(|text| Self::from(text.as_ref()))
            }
        }
    };
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident: $number:ident {
            $( $(#[$variant_meta:meta])* $variant:ident = $wire:literal, )*
        }
    ) => {
        $crate::value_set!(@enum $(#[$meta])* $vis $name, $number, $( $(#[$variant_meta])* $variant = $wire, )*);

        impl $name {
            /// The value as sent on the wire.
            pub fn value(&self) -> $number {
                match self {
                    $( Self::$variant => $wire, )*
                    Self::Unknown(value) => *value.value(),
                }
            }
        }

        impl ::core::convert::From<$number> for $name {
            fn from(value: $number) -> Self {
                match value {
                    $( $wire => Self::$variant, )*
                    other => Self::Unknown($crate::action::Unknown::new(other)),
                }
            }
        }

        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                ::core::fmt::Display::fmt(&self.value(), f)
            }
        }

        impl $crate::tables::serde::Serialize for $name {
            fn serialize<S: $crate::tables::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                $crate::tables::serde::Serialize::serialize(&self.value(), serializer)
            }
        }

        impl<'de> $crate::tables::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::tables::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                // Absent or `null` in an answer: the fallback, never a documented value.
                Ok(match $crate::absent::value_set_number::<D, $number>(deserializer)? {
                    Some(value) => Self::from(value),
                    None => Self::Unknown($crate::action::Unknown::new(0)),
                })
            }
        }
    };
    (@enum
        $(#[$meta:meta])* $vis:vis $name:ident, $wire_type:ty,
        $( $(#[$variant_meta:meta])* $variant:ident = $wire:literal, )*
    ) => {
        $(#[$meta])*
        ///
        /// A value the spec does not document decodes into `Unknown` and is sent back as it came,
        /// so match with a wildcard arm.
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        $vis enum $name {
            $(
                #[doc = concat!("`", $wire, "`:")]
                $(#[$variant_meta])*
                $variant,
            )*
            /// A value this spec does not document, kept as sent.
            Unknown($crate::action::Unknown<$wire_type>),
        }
    };
}

/// A service's business error codes: an enum with one variant per code, each documented with
/// the code's description, and its [`CodeSet`](crate::CodeSet) table.
///
/// Each variant's doc comment is the code's description, so the text is written once.
///
/// ```
/// use tc_runtime::CodeSet;
///
/// tc_runtime::error_codes! {
///     /// A shop's error codes.
///     pub enum ShopErrorCode {
///         /// Nothing left.
///         FailedOperationSoldOut = "FailedOperation.SoldOut",
///     }
/// }
/// assert_eq!(ShopErrorCode::parse("FailedOperation.SoldOut"), Some(ShopErrorCode::FailedOperationSoldOut));
/// assert_eq!(ShopErrorCode::FailedOperationSoldOut.description(), "Nothing left.");
/// ```
#[macro_export]
macro_rules! error_codes {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( #[doc = $description:literal] $variant:ident = $code:literal, )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        $vis enum $name {
            $(
                #[doc = concat!("`", $code, "`:")]
                #[doc = $description]
                $variant,
            )*
        }

        impl $crate::CodeSet for $name {
            const CODES: &'static [(Self, &'static str, &'static str)] = &[
                // A doc comment's text starts with the space after `///`.
                $( (Self::$variant, $code, $description.trim_ascii_start()), )*
            ];
        }
    };
}

/// serde, for the macros above: the generated code then works whatever the user's crate calls
/// its own serde dependency, or without one.
#[doc(hidden)]
pub use serde;

/// Reads a string value, borrowed where the deserializer can lend it.
#[doc(hidden)]
pub fn text<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<std::borrow::Cow<'de, str>, D::Error> {
    serde::Deserialize::deserialize(deserializer)
}
