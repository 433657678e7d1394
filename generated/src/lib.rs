//! Typed clients for Tencent Cloud API 3.0, generated from the specs in `spec/`.
//!
//! Each service is a module behind a cargo feature of the same name (`ssl` is on by default),
//! with one module per API version:
//!
//! ```no_run
//! use tencentcloud::ssl::v20191205::{ApplyCertificateRequest, DvAuthMethod, SslClient};
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let client = SslClient::new(tc_runtime::Client::from_env()?);
//! let request = ApplyCertificateRequest::new(DvAuthMethod::DnsAuto, "example.com");
//! let response = client.apply_certificate(request).await?;
//! println!("certificate {}", response.certificate_id);
//! # Ok(())
//! # }
//! ```

include!(concat!(env!("OUT_DIR"), "/services.rs"));

#[cfg(feature = "ssl")]
pub mod certificate_files;
