//! Real certificate material: a root and an intermediate CA of the emulator, leaf certificates
//! for the requested domains (rcgen, ECDSA P-256), and the ZIP that DownloadCertificate returns.
//!
//! The ZIP follows the layout of Tencent Cloud's download: one folder per server type with
//! numbered files, the CSR at the top:
//!
//! ```text
//! Nginx/1_<domain>_bundle.crt   leaf + intermediate, PEM
//! Nginx/2_<domain>.key          private key, PEM
//! Apache/1_root_bundle.crt      intermediate, PEM
//! Apache/2_<domain>.crt         leaf, PEM
//! Apache/3_<domain>.key         private key, PEM
//! <domain>.csr                  certificate signing request, PEM
//! ```
//!
//! The IIS (`.pfx`) and Tomcat (`.jks`) folders of the real download are not produced.

use std::io::Write;

use rcgen::{
    BasicConstraints, CertificateParams, DistinguishedName, DnType, ExtendedKeyUsagePurpose, IsCa,
    KeyPair, KeyUsagePurpose, SerialNumber,
};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

/// The common name of the emulator's root CA.
pub const ROOT_NAME: &str = "Tencent Cloud API Emulator Root CA";
/// The common name of the emulator's issuing (intermediate) CA.
pub const INTERMEDIATE_NAME: &str = "Tencent Cloud API Emulator DV TLS CA";

/// A failure to make certificate material.
#[derive(Debug)]
pub struct MaterialError(pub String);

impl std::fmt::Display for MaterialError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "certificate material: {}", self.0)
    }
}

impl std::error::Error for MaterialError {}

impl From<rcgen::Error> for MaterialError {
    fn from(e: rcgen::Error) -> Self {
        MaterialError(e.to_string())
    }
}

impl From<zip::result::ZipError> for MaterialError {
    fn from(e: zip::result::ZipError) -> Self {
        MaterialError(e.to_string())
    }
}

impl From<std::io::Error> for MaterialError {
    fn from(e: std::io::Error) -> Self {
        MaterialError(e.to_string())
    }
}

/// The CA keys, kept in the saved state so that a resumed run issues under the same CA.
#[derive(Clone, Serialize, Deserialize)]
pub struct CaKeys {
    /// The root CA's private key, PEM.
    pub root_key: String,
    /// The intermediate CA's private key, PEM.
    pub intermediate_key: String,
    /// The intermediate CA's certificate, PEM (as handed out in bundles).
    pub intermediate_pem: String,
}

impl std::fmt::Debug for CaKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CaKeys").finish_non_exhaustive()
    }
}

/// The emulator's issuing CA, ready to sign leaves.
pub struct Authority {
    keys: CaKeys,
    intermediate: rcgen::Certificate,
    intermediate_key: KeyPair,
}

impl std::fmt::Debug for Authority {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Authority").finish_non_exhaustive()
    }
}

fn name(common_name: &str) -> DistinguishedName {
    let mut dn = DistinguishedName::new();
    dn.push(DnType::CountryName, "CN");
    dn.push(DnType::OrganizationName, "Tencent Cloud API Emulator");
    dn.push(DnType::CommonName, common_name);
    dn
}

fn ca_params(common_name: &str, path_len: Option<u8>) -> CertificateParams {
    let mut params = CertificateParams::default();
    params.distinguished_name = name(common_name);
    params.is_ca = IsCa::Ca(match path_len {
        Some(n) => BasicConstraints::Constrained(n),
        None => BasicConstraints::Unconstrained,
    });
    params.key_usages = vec![
        KeyUsagePurpose::KeyCertSign,
        KeyUsagePurpose::CrlSign,
        KeyUsagePurpose::DigitalSignature,
    ];
    params.not_before = time::macros::datetime!(2024-01-01 00:00 UTC);
    params.not_after = time::macros::datetime!(2049-12-31 23:59 UTC);
    params.serial_number = Some(SerialNumber::from(vec![1u8, common_name.len() as u8]));
    params.use_authority_key_identifier_extension = path_len.is_some();
    params
}

fn key_pair() -> Result<KeyPair, MaterialError> {
    Ok(KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256)?)
}

impl Authority {
    /// A new root and intermediate with fresh keys.
    pub fn generate() -> Result<Self, MaterialError> {
        let root_key = key_pair()?;
        let intermediate_key = key_pair()?;
        let root = ca_params(ROOT_NAME, None).self_signed(&root_key)?;
        let intermediate =
            ca_params(INTERMEDIATE_NAME, Some(0)).signed_by(&intermediate_key, &root, &root_key)?;
        let keys = CaKeys {
            root_key: root_key.serialize_pem(),
            intermediate_key: intermediate_key.serialize_pem(),
            intermediate_pem: intermediate.pem(),
        };
        Ok(Authority {
            keys,
            intermediate,
            intermediate_key,
        })
    }

    /// The authority of saved keys (the same names and keys, so earlier leaves still chain).
    pub fn from_keys(keys: CaKeys) -> Result<Self, MaterialError> {
        let root_key = KeyPair::from_pem(&keys.root_key)?;
        let intermediate_key = KeyPair::from_pem(&keys.intermediate_key)?;
        let root = ca_params(ROOT_NAME, None).self_signed(&root_key)?;
        let intermediate =
            ca_params(INTERMEDIATE_NAME, Some(0)).signed_by(&intermediate_key, &root, &root_key)?;
        Ok(Authority {
            keys,
            intermediate,
            intermediate_key,
        })
    }

    /// The keys to save.
    pub fn keys(&self) -> &CaKeys {
        &self.keys
    }

    /// Issues a leaf for `domain` valid from `not_before` to `not_after` (Unix seconds).
    pub fn issue(
        &self,
        domain: &str,
        not_before: i64,
        not_after: i64,
        serial: u64,
    ) -> Result<Leaf, MaterialError> {
        let key = key_pair()?;
        let mut names = vec![domain.to_owned()];
        if let Some(bare) = domain.strip_prefix("www.") {
            names.push(bare.to_owned());
        } else if !domain.starts_with("*.") {
            names.push(format!("www.{domain}"));
        }
        let mut dn = DistinguishedName::new();
        dn.push(DnType::CommonName, domain);
        let mut request = CertificateParams::new(names.clone())?;
        request.distinguished_name = dn.clone();
        let csr = request.serialize_request(&key)?.pem()?;
        let mut params = CertificateParams::new(names)?;
        params.distinguished_name = dn;
        params.is_ca = IsCa::ExplicitNoCa;
        params.key_usages = vec![
            KeyUsagePurpose::DigitalSignature,
            KeyUsagePurpose::KeyEncipherment,
        ];
        params.extended_key_usages = vec![
            ExtendedKeyUsagePurpose::ServerAuth,
            ExtendedKeyUsagePurpose::ClientAuth,
        ];
        params.not_before = OffsetDateTime::from_unix_timestamp(not_before)
            .map_err(|e| MaterialError(e.to_string()))?;
        params.not_after = OffsetDateTime::from_unix_timestamp(not_after)
            .map_err(|e| MaterialError(e.to_string()))?;
        params.serial_number = Some(SerialNumber::from(serial.to_be_bytes().to_vec()));
        params.use_authority_key_identifier_extension = true;
        let cert = params.signed_by(&key, &self.intermediate, &self.intermediate_key)?;
        Ok(Leaf {
            certificate: cert.pem(),
            intermediate: self.keys.intermediate_pem.clone(),
            key: key.serialize_pem(),
            csr,
        })
    }
}

/// One issued certificate's PEM files.
#[derive(Clone, Serialize, Deserialize)]
pub struct Leaf {
    /// The leaf certificate.
    pub certificate: String,
    /// The intermediate that issued it.
    pub intermediate: String,
    /// The private key (PKCS#8).
    pub key: String,
    /// The certificate signing request.
    pub csr: String,
}

impl std::fmt::Debug for Leaf {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Leaf").finish_non_exhaustive()
    }
}

fn ensure_newline(pem: &str) -> String {
    let mut text = pem.trim_end().to_owned();
    text.push('\n');
    text
}

impl Leaf {
    /// The leaf followed by the intermediate, as servers want it.
    pub fn bundle(&self) -> String {
        format!(
            "{}{}",
            ensure_newline(&self.certificate),
            ensure_newline(&self.intermediate)
        )
    }

    /// The download ZIP for `domain` (see the module docs for the layout).
    pub fn zip(&self, domain: &str) -> Result<Vec<u8>, MaterialError> {
        let file_domain = domain.replace('*', "_");
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .unix_permissions(0o644);
        let files = [
            (format!("Nginx/1_{file_domain}_bundle.crt"), self.bundle()),
            (
                format!("Nginx/2_{file_domain}.key"),
                ensure_newline(&self.key),
            ),
            (
                "Apache/1_root_bundle.crt".to_owned(),
                ensure_newline(&self.intermediate),
            ),
            (
                format!("Apache/2_{file_domain}.crt"),
                ensure_newline(&self.certificate),
            ),
            (
                format!("Apache/3_{file_domain}.key"),
                ensure_newline(&self.key),
            ),
            (format!("{file_domain}.csr"), ensure_newline(&self.csr)),
        ];
        zip.add_directory("Nginx/", options)?;
        zip.add_directory("Apache/", options)?;
        for (name, text) in files {
            zip.start_file(name, options)?;
            zip.write_all(text.as_bytes())?;
        }
        Ok(zip.finish()?.into_inner())
    }
}
