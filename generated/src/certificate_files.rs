//! Turns DownloadCertificate's `Content` (a base64 ZIP) into PEM files on disk: the
//! certificate chain (leaf first, then the intermediates) and the private key, the key file
//! created readable by its owner only (mode 0600 on Unix) and never visible with wider
//! permissions, not even while it is written.
//!
//! ```no_run
//! use tencentcloud::certificate_files::write_pem_files;
//! # fn run(response: tencentcloud::ssl::v20191205::DownloadCertificateResponse) -> Result<(), Box<dyn std::error::Error>> {
//! let files = write_pem_files(&response.content, "example.com", std::path::Path::new("certs"))?;
//! println!("chain {}, key {}", files.chain.display(), files.key.display());
//! # Ok(()) }
//! ```
//!
//! The ZIP layouts of Tencent Cloud's downloads are recognised: a server folder with
//! `<domain>_bundle.crt` (or `1_<domain>_bundle.crt`) and `<domain>.key` (or `2_<domain>.key`),
//! or `<domain>_bundle.pem` beside the key. The key's contents never appear in errors or
//! `Debug` output.

use std::fmt;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use base64::Engine;

/// The PEM texts found in a download.
#[derive(Clone)]
pub struct CertificatePem {
    /// The certificate chain: the leaf first, then the intermediates.
    pub chain: String,
    /// The private key (a secret: hidden from `Debug`).
    pub key: String,
    /// The ZIP entries the chain and the key were read from.
    pub sources: (String, String),
}

impl fmt::Debug for CertificatePem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CertificatePem")
            .field("chain", &self.chain)
            .field("key", &"***")
            .field("sources", &self.sources)
            .finish()
    }
}

/// Where [`write_pem_files`] wrote the files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertificateFiles {
    /// `<dir>/<domain>.crt`: the certificate chain.
    pub chain: PathBuf,
    /// `<dir>/<domain>.key`: the private key, mode 0600.
    pub key: PathBuf,
}

/// Why a download could not be turned into PEM files.
#[derive(Debug)]
#[non_exhaustive]
pub enum CertificateFilesError {
    /// `Content` is not base64.
    Base64(String),
    /// The decoded content is not a readable ZIP.
    Zip(String),
    /// No PEM certificate chain in the ZIP (its entries are listed).
    NoChain(Vec<String>),
    /// No PEM private key in the ZIP (its entries are listed).
    NoKey(Vec<String>),
    /// The domain cannot name a file (empty, or with a path separator).
    BadDomain(String),
    /// A file could not be written.
    Io {
        /// The file.
        path: PathBuf,
        /// What failed.
        source: std::io::Error,
    },
}

impl fmt::Display for CertificateFilesError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Base64(e) => write!(f, "the download's Content is not base64: {e}"),
            Self::Zip(e) => write!(f, "the download's Content is not a readable ZIP: {e}"),
            Self::NoChain(entries) => write!(
                f,
                "no PEM certificate chain in the download (entries: {})",
                entries.join(", ")
            ),
            Self::NoKey(entries) => write!(
                f,
                "no PEM private key in the download (entries: {})",
                entries.join(", ")
            ),
            Self::BadDomain(domain) => write!(f, "{domain:?} cannot name a certificate file"),
            Self::Io { path, source } => write!(f, "cannot write {}: {source}", path.display()),
        }
    }
}

impl std::error::Error for CertificateFilesError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// Preference of a ZIP entry as the chain (lower is better); `None` if it is no chain.
fn chain_rank(name: &str) -> Option<u8> {
    let lower = name.to_ascii_lowercase();
    let file = lower.rsplit('/').next().unwrap_or(&lower);
    if file.contains("root_bundle") {
        return None;
    }
    let nginx = lower.contains("nginx");
    match () {
        _ if file.ends_with("_bundle.crt") && nginx => Some(0),
        _ if file.ends_with("_bundle.crt") => Some(1),
        _ if file.ends_with("_bundle.pem") => Some(2),
        _ if file.ends_with(".crt") || file.ends_with(".pem") || file.ends_with(".cer") => Some(3),
        _ => None,
    }
}

fn key_rank(name: &str) -> Option<u8> {
    let lower = name.to_ascii_lowercase();
    match () {
        _ if lower.ends_with(".key") && lower.contains("nginx") => Some(0),
        _ if lower.ends_with(".key") => Some(1),
        _ => None,
    }
}

/// Decodes `content` (DownloadCertificate's `Content`) and finds the chain and the key.
pub fn extract(content: &str) -> Result<CertificatePem, CertificateFilesError> {
    let compact: String = content.chars().filter(|c| !c.is_whitespace()).collect();
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(compact)
        .map_err(|e| CertificateFilesError::Base64(e.to_string()))?;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| CertificateFilesError::Zip(e.to_string()))?;
    let names: Vec<String> = archive.file_names().map(str::to_owned).collect();
    let mut read = |name: &str| -> Result<String, CertificateFilesError> {
        let mut text = String::new();
        archive
            .by_name(name)
            .map_err(|e| CertificateFilesError::Zip(e.to_string()))?
            .read_to_string(&mut text)
            .map_err(|e| CertificateFilesError::Zip(format!("{name}: {e}")))?;
        Ok(text)
    };
    let mut chains: Vec<(u8, &String)> = names
        .iter()
        .filter_map(|n| chain_rank(n).map(|r| (r, n)))
        .collect();
    chains.sort();
    let mut chain = None;
    for (_, name) in chains {
        let text = read(name)?;
        if text.contains("-----BEGIN CERTIFICATE-----") {
            chain = Some((name.clone(), text));
            break;
        }
    }
    let Some((chain_name, chain)) = chain else {
        return Err(CertificateFilesError::NoChain(names));
    };
    let mut keys: Vec<(u8, &String)> = names
        .iter()
        .filter_map(|n| key_rank(n).map(|r| (r, n)))
        .collect();
    keys.sort();
    let mut key = None;
    for (_, name) in keys {
        let text = read(name)?;
        if text.contains("PRIVATE KEY-----") {
            key = Some((name.clone(), text));
            break;
        }
    }
    let Some((key_name, key)) = key else {
        return Err(CertificateFilesError::NoKey(names));
    };
    Ok(CertificatePem {
        chain,
        key,
        sources: (chain_name, key_name),
    })
}

/// Writes the chain to `<dir>/<domain>.crt` and the key to `<dir>/<domain>.key` (mode 0600 on
/// Unix), creating `dir` if needed and replacing files of the same names. A `*` in a wildcard
/// domain becomes `_` in the file names.
pub fn write_pem_files(
    content: &str,
    domain: &str,
    dir: &Path,
) -> Result<CertificateFiles, CertificateFilesError> {
    let stem = domain.trim().replace('*', "_");
    if stem.is_empty() || stem.contains(['/', '\\']) || stem == "." || stem == ".." {
        return Err(CertificateFilesError::BadDomain(domain.to_owned()));
    }
    let pem = extract(content)?;
    std::fs::create_dir_all(dir).map_err(|source| CertificateFilesError::Io {
        path: dir.to_owned(),
        source,
    })?;
    let files = CertificateFiles {
        chain: dir.join(format!("{stem}.crt")),
        key: dir.join(format!("{stem}.key")),
    };
    write_atomically(&files.chain, pem.chain.as_bytes(), 0o644)?;
    write_atomically(&files.key, pem.key.as_bytes(), 0o600)?;
    Ok(files)
}

/// Writes `bytes` to a new temporary file in the same folder, created with `mode`, then
/// renames it over `path`, so `path` never has other permissions or partial contents.
fn write_atomically(path: &Path, bytes: &[u8], mode: u32) -> Result<(), CertificateFilesError> {
    let io = |source| CertificateFilesError::Io {
        path: path.to_owned(),
        source,
    };
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut attempt = 0u32;
    let (temporary, mut file) = loop {
        let temporary =
            path.with_file_name(format!(".{file_name}.{}.{attempt}.tmp", std::process::id()));
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(mode);
        }
        #[cfg(not(unix))]
        let _ = mode;
        match options.open(&temporary) {
            Ok(file) => break (temporary, file),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && attempt < 100 => {
                attempt += 1;
            }
            Err(e) => return Err(io(e)),
        }
    };
    let written = file
        .write_all(bytes)
        .and_then(|()| file.sync_all())
        .and_then(|()| {
            // The umask may have narrowed the mode at creation; never widen a key's mode.
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                file.set_permissions(std::fs::Permissions::from_mode(mode))?;
            }
            Ok(())
        })
        .and_then(|()| std::fs::rename(&temporary, path));
    if let Err(e) = written {
        let _ = std::fs::remove_file(&temporary);
        return Err(io(e));
    }
    Ok(())
}

impl crate::ssl::v20191205::DownloadCertificateResponse {
    /// The PEM chain and key in [`Content`](Self::content); see [`extract`].
    pub fn pem(&self) -> Result<CertificatePem, CertificateFilesError> {
        extract(&self.content)
    }

    /// Writes `<dir>/<domain>.crt` and `<dir>/<domain>.key`; see [`write_pem_files`].
    pub fn write_pem_files(
        &self,
        domain: &str,
        dir: &Path,
    ) -> Result<CertificateFiles, CertificateFilesError> {
        write_pem_files(&self.content, domain, dir)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zip_of(files: &[(&str, &str)]) -> String {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, text) in files {
            zip.start_file(*name, options).unwrap();
            zip.write_all(text.as_bytes()).unwrap();
        }
        let bytes = zip.finish().unwrap().into_inner();
        base64::engine::general_purpose::STANDARD.encode(bytes)
    }

    const CERT: &str = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";
    const KEY: &str = "-----BEGIN PRIVATE KEY-----\nSECRET\n-----END PRIVATE KEY-----\n";

    #[test]
    fn finds_the_nginx_bundle_and_key() {
        let content = zip_of(&[
            ("Apache/1_root_bundle.crt", CERT),
            ("Apache/2_a.com.crt", CERT),
            ("Apache/3_a.com.key", KEY),
            ("Nginx/1_a.com_bundle.crt", &format!("{CERT}{CERT}")),
            ("Nginx/2_a.com.key", KEY),
        ]);
        let pem = extract(&content).unwrap();
        assert_eq!(pem.sources.0, "Nginx/1_a.com_bundle.crt");
        assert_eq!(pem.sources.1, "Nginx/2_a.com.key");
        assert_eq!(pem.chain.matches("BEGIN CERTIFICATE").count(), 2);
        assert!(!format!("{pem:?}").contains("SECRET"));
    }

    #[test]
    fn finds_the_pem_bundle_layout() {
        let content = zip_of(&[
            ("a.com_nginx/a.com_bundle.pem", CERT),
            ("a.com_nginx/a.com.key", KEY),
            ("a.com_nginx/a.com.csr", "CSR"),
        ]);
        let pem = extract(&content).unwrap();
        assert_eq!(pem.sources.0, "a.com_nginx/a.com_bundle.pem");
    }

    #[test]
    fn reports_what_is_missing() {
        let content = zip_of(&[("readme.txt", "hello")]);
        assert!(matches!(
            extract(&content),
            Err(CertificateFilesError::NoChain(_))
        ));
        let content = zip_of(&[("a_bundle.crt", CERT)]);
        assert!(matches!(
            extract(&content),
            Err(CertificateFilesError::NoKey(_))
        ));
        assert!(matches!(
            extract("%%%"),
            Err(CertificateFilesError::Base64(_))
        ));
        assert!(matches!(
            extract("aGVsbG8="),
            Err(CertificateFilesError::Zip(_))
        ));
    }

    #[test]
    fn writes_the_key_owner_only() {
        let dir = std::env::temp_dir().join(format!("tc-cert-files-{}", std::process::id()));
        let content = zip_of(&[
            ("Nginx/1_a.com_bundle.crt", CERT),
            ("Nginx/2_a.com.key", KEY),
        ]);
        // An existing, world-readable key file is replaced, not reused.
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("a.com.key"), "old").unwrap();
        let files = write_pem_files(&content, "a.com", &dir).unwrap();
        assert_eq!(std::fs::read_to_string(&files.chain).unwrap(), CERT);
        assert_eq!(std::fs::read_to_string(&files.key).unwrap(), KEY);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&files.key).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        assert!(write_pem_files(&content, "../x", &dir).is_err());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
