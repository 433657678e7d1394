//! Members documented as always sent that an answer leaves out (or sends as `null`): read as
//! their zero value, with a warning, instead of failing the whole call. Why: see
//! `docs/nullability.md`.
//!
//! Generated output structures name their members once ([`Members`]) and point each
//! always-sent member at these functions by its index, so the warning can say which member of
//! which type was missing without a function per member:
//!
//! ```
//! use tc_runtime::absent::{self, Members};
//!
//! #[derive(Debug, serde::Deserialize)]
//! struct Certificate {
//!     #[serde(
//!         rename = "CertificateId",
//!         default = "absent::zero::<Certificate, String, 0>",
//!         deserialize_with = "absent::null_as_zero::<Certificate, String, _, 0>"
//!     )]
//!     certificate_id: String,
//! }
//!
//! impl Members for Certificate {
//!     const TYPE: &'static str = "Certificate";
//!     const MEMBERS: &'static [&'static str] = &["CertificateId"];
//! }
//!
//! let read: Certificate = serde_json::from_str("{}").unwrap();
//! assert_eq!(read.certificate_id, "");
//! let read: Certificate = serde_json::from_str(r#"{"CertificateId": null}"#).unwrap();
//! assert_eq!(read.certificate_id, "");
//! ```

use serde::{Deserialize, Deserializer};

/// The wire names of a generated structure's members, for the warnings of this module.
pub trait Members {
    /// The structure's name in the spec.
    const TYPE: &'static str;
    /// Its members' wire names, in declaration order.
    const MEMBERS: &'static [&'static str];
}

fn warn<O: Members, const INDEX: usize>(how: &'static str) {
    let member = O::MEMBERS.get(INDEX).copied().unwrap_or("?");
    tracing::warn!(
        target: "tc_runtime::absent",
        r#type = O::TYPE,
        member,
        how,
        "a member documented as always sent was {how}; read as its zero value"
    );
}

/// The zero value of member `INDEX` of `O`, with a warning that the answer left it out
/// (serde's `default` for always-sent members of outputs).
pub fn zero<O: Members, T: Default, const INDEX: usize>() -> T {
    warn::<O, INDEX>("missing");
    T::default()
}

/// Reads member `INDEX` of `O`, taking `null` as its zero value with a warning (serde's
/// `deserialize_with` for always-sent members of outputs).
pub fn null_as_zero<'de, O, T, D, const INDEX: usize>(deserializer: D) -> Result<T, D::Error>
where
    O: Members,
    T: Default + Deserialize<'de>,
    D: Deserializer<'de>,
{
    match Option::<T>::deserialize(deserializer)? {
        Some(value) => Ok(value),
        None => {
            warn::<O, INDEX>("null");
            Ok(T::default())
        }
    }
}
