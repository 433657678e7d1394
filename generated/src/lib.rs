//! Typed clients for Tencent Cloud API 3.0, generated from the specs in `spec/`.
//!
//! Each service is a module behind a cargo feature of the same name (`ssl` is on by default),
//! with one module per API version:
//!
//! ```no_run
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! use tc_runtime::Client;
//! use tencentcloud::ssl::v20191205::{
//!     ApplyCertificateRequest, CsrEncryptAlgo, DescribeCertificateRequest, DvAuthMethod,
//!     ServiceErrorCode, SslClient,
//! };
//!
//! let client = SslClient::new(Client::from_env()?);
//!
//! // Required members are the constructor's parameters; optional ones are setters.
//! let request = ApplyCertificateRequest::new(DvAuthMethod::DnsAuto, "example.com")
//!     .csr_encrypt_algo(CsrEncryptAlgo::Ecc)
//!     .csr_key_parameter("prime256v1");
//!
//! match client.apply_certificate(request).await {
//!     Ok(applied) => {
//!         let describe = DescribeCertificateRequest::new(applied.certificate_id);
//!         let issued = client
//!             .wait_until_certificate_issued(describe, |answer| {
//!                 println!("status: {:?}", answer.status);
//!             })
//!             .await?;
//!         println!("issued, valid until {:?}", issued.cert_end_time);
//!     }
//!     Err(tc_runtime::Error::Service(error))
//!         if error.code == ServiceErrorCode::FailedOperationExceedsFreeLimit =>
//!     {
//!         println!("the free quota is used up (RequestId {})", error.request_id);
//!     }
//!     // Display shows the code, the message and the RequestId.
//!     Err(error) => return Err(error.into()),
//! }
//! # Ok(())
//! # }
//! ```

include!(concat!(env!("OUT_DIR"), "/services.rs"));

#[cfg(feature = "ssl")]
pub mod certificate_files;
