//! The certificate journey end to end: apply for a free certificate, wait until it is issued
//! (with progress lines), download it and write the PEM files.
//!
//! ```text
//! cargo run --example issue_certificate -- example.com
//! cargo run --example issue_certificate -- example.com --out certs
//! cargo run --example issue_certificate -- example.com --endpoint http://127.0.0.1:9000
//! cargo run --example issue_certificate -- example.com --real
//! cargo run --example issue_certificate --features dnspod -- example.com --dns
//! ```
//!
//! By default it starts a local emulator in-process (no account, no real domain, no cost) with
//! a clock running 60 times faster, so the certificate is issued within seconds. `--dns` is
//! manual DNS validation across two services, as certificate tools do it: apply with `DNS`
//! validation, read the TXT record from `DvAuthDetail`, create it with the DNSPod client (the
//! domain must be in your DNSPod account; the emulator hosts it), wait for issuance, then
//! delete the record. It needs the `dnspod` feature. `--endpoint`
//! names any Tencent-compatible endpoint (for example a `tc-emulator` binary); `--real` uses
//! Tencent Cloud itself. Both take credentials from the usual chain (`TENCENTCLOUD_SECRET_ID`
//! and `TENCENTCLOUD_SECRET_KEY`, the profile file, or the CVM role).

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use tc_runtime::waiter::WaitError;
use tc_runtime::{Client, Credentials, DefaultChain};
use tencentcloud::ssl::v20191205::{
    ApplyCertificateRequest, DescribeCertificateRequest, DownloadCertificateRequest, DvAuthMethod,
    SslClient,
};

#[cfg(feature = "dnspod")]
use tencentcloud::dnspod::v20210323::{CreateRecordRequest, DeleteRecordRequest, DnspodClient};

/// Polls are closer together against the local emulator, whose clock runs 60 times faster.
const EMULATOR_POLL_DELAY: Duration = Duration::from_millis(500);

struct Args {
    domain: String,
    endpoint: Option<String>,
    real: bool,
    dns: bool,
    out: PathBuf,
}

const USAGE: &str =
    "usage: issue_certificate <domain> [--dns] [--endpoint <url>] [--real] [--out <dir>]";

fn parse_args() -> Result<Args, String> {
    let mut args = std::env::args().skip(1);
    let mut domain = None;
    let mut endpoint = None;
    let mut real = false;
    let mut dns = false;
    let mut out = PathBuf::from("certs");
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--endpoint" => {
                endpoint = Some(args.next().ok_or("--endpoint needs a URL")?);
            }
            "--real" => real = true,
            "--dns" => dns = true,
            "--out" => out = PathBuf::from(args.next().ok_or("--out needs a folder")?),
            "-h" | "--help" => return Err(String::new()),
            flag if flag.starts_with('-') => return Err(format!("unknown option {flag}")),
            name if domain.is_none() => domain = Some(name.to_owned()),
            extra => return Err(format!("unexpected argument {extra}")),
        }
    }
    if real && endpoint.is_some() {
        return Err("--real and --endpoint exclude each other".into());
    }
    let domain = domain.ok_or("name the domain to issue a certificate for")?;
    if dns && cfg!(not(feature = "dnspod")) {
        return Err(
            "--dns creates the validation record with the DNSPod client: \
                    run with `--features dnspod`"
                .into(),
        );
    }
    Ok(Args {
        domain,
        endpoint,
        real,
        dns,
        out,
    })
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(args) => args,
        Err(problem) => {
            if !problem.is_empty() {
                eprintln!("issue_certificate: {problem}");
            }
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(args).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(problem) => {
            eprintln!("issue_certificate: {problem}");
            ExitCode::FAILURE
        }
    }
}

async fn run(args: Args) -> Result<(), String> {
    // Keep the emulator alive for the whole run when there is one.
    let mut _emulator = None;
    let client = if args.real {
        println!(
            "endpoint: Tencent Cloud (ssl.tencentcloudapi.com), credentials from the default chain"
        );
        Client::from_env().map_err(|e| e.to_string())?
    } else if let Some(url) = &args.endpoint {
        println!("endpoint: {url}, credentials from the default chain");
        Client::builder()
            .credentials_provider(std::sync::Arc::new(DefaultChain::new()))
            .base_url(url)
            .map_err(|e| e.to_string())?
            .build()
            .map_err(|e| e.to_string())?
    } else {
        let mut builder =
            tc_emulator::Emulator::builder().clock(tc_emulator::Clock::accelerated(60.0));
        if args.dns {
            // The domain's zone is in the emulated DNSPod account, and only its TXT record
            // validates the certificate (nothing is verified "by itself" after a while).
            builder = builder
                .dnspod_domain(zone_of(&args.domain))
                .ssl(tc_emulator::SslConfig {
                    validation_delay: None,
                    ..tc_emulator::SslConfig::default()
                });
        }
        let emulator = builder
            .start()
            .await
            .map_err(|e| format!("cannot start the local emulator: {e}"))?;
        println!(
            "endpoint: local emulator at {} (demo credentials; pass --real for Tencent Cloud)",
            emulator.base_url()
        );
        let credentials =
            Credentials::new(tc_emulator::DEMO_SECRET_ID, tc_emulator::DEMO_SECRET_KEY)
                .map_err(|e| e.to_string())?;
        let client = Client::builder()
            .credentials(credentials)
            .base_url(emulator.base_url())
            .map_err(|e| e.to_string())?
            // The emulator's clock runs 60 times faster: poll every half second.
            .waiter_delay(EMULATOR_POLL_DELAY)
            .build()
            .map_err(|e| e.to_string())?;
        _emulator = Some(emulator);
        client
    };
    let ssl = SslClient::new(client.clone());

    let method = if args.dns {
        DvAuthMethod::Dns
    } else {
        DvAuthMethod::DnsAuto
    };
    let applied = ssl
        .apply_certificate(ApplyCertificateRequest::new(
            method.clone(),
            args.domain.as_str(),
        ))
        .await
        .map_err(|e| format!("ApplyCertificate failed: {e}"))?;
    let id = applied.certificate_id;
    println!(
        "applied: certificate {id} for {} ({} validation)",
        args.domain,
        method.as_str()
    );
    let record = if args.dns {
        Some(dns::create_validation_record(&ssl, client, &id).await?)
    } else {
        None
    };

    // The spec's `CertificateIssued` waiter: polls DescribeCertificate until status 1, or a
    // failure status (review failed, expired, cancelled, revoked, refunded), or its deadline.
    let started = Instant::now();
    let mut last = None;
    let issued = ssl
        .wait_until_certificate_issued(DescribeCertificateRequest::new(id.as_str()), |answer| {
            let status = answer.status.as_ref().map(|status| status.value());
            let elapsed = started.elapsed().as_secs_f64();
            if status != last {
                let name = answer.status_name.as_deref().unwrap_or_default();
                let shown = status.map_or("?".to_owned(), |status| status.to_string());
                println!("[{elapsed:>5.1}s] status {shown} {name}");
                last = status;
            } else {
                println!("[{elapsed:>5.1}s] still waiting…");
            }
        })
        .await
        .map_err(|error| match error {
            WaitError::Failed { status, response } => format!(
                "certificate {id} ended in status {status}: {}",
                response.status_msg.unwrap_or_default()
            ),
            WaitError::TimedOut { waited, .. } => format!(
                "certificate {id} was not issued within {} s; check its DNS validation record",
                waited.as_secs()
            ),
            WaitError::Call(error) => format!("DescribeCertificate failed: {error}"),
        })?;
    println!(
        "issued: certificate {id}, valid until {}",
        issued.cert_end_time.as_deref().unwrap_or("?")
    );
    if let Some(record) = record {
        dns::delete_validation_record(record).await?;
    }

    let download = ssl
        .download_certificate(DownloadCertificateRequest::new(id.as_str()))
        .await
        .map_err(|e| format!("DownloadCertificate failed: {e}"))?;
    let files = download
        .write_pem_files(&args.domain, &args.out)
        .map_err(|e| e.to_string())?;
    println!("wrote the certificate chain: {}", files.chain.display());
    println!("wrote the private key (mode 0600): {}", files.key.display());

    let chain = std::fs::read(&files.chain).map_err(|e| e.to_string())?;
    let (_, pem) = x509_parser::pem::parse_x509_pem(&chain)
        .map_err(|e| format!("the chain is not PEM: {e}"))?;
    let certificate = pem
        .parse_x509()
        .map_err(|e| format!("the certificate does not parse: {e}"))?;
    println!("subject: {}", certificate.subject());
    println!("issuer:  {}", certificate.issuer());
    println!("valid until: {}", certificate.validity().not_after);
    println!(
        "check it with: openssl x509 -in {} -noout -text",
        files.chain.display()
    );
    Ok(())
}

/// The DNSPod zone a domain belongs to: its last two labels (`www.example.com` is in
/// `example.com`), which is where the emulator puts the validation record too.
fn zone_of(domain: &str) -> String {
    let domain = domain.trim_start_matches("*.");
    let labels: Vec<&str> = domain.split('.').collect();
    labels[labels.len().saturating_sub(2)..].join(".")
}

/// Manual DNS validation through the generated DNSPod client.
#[cfg(feature = "dnspod")]
mod dns {
    use super::*;

    /// A TXT record this run created, to delete once the certificate is issued.
    pub struct CreatedRecord {
        dnspod: DnspodClient,
        zone: String,
        id: u64,
    }

    /// Reads the validation record from `DvAuthDetail` and creates it in DNSPod.
    pub async fn create_validation_record(
        ssl: &SslClient,
        client: Client,
        id: &str,
    ) -> Result<CreatedRecord, String> {
        let described = ssl
            .describe_certificate(DescribeCertificateRequest::new(id))
            .await
            .map_err(|e| format!("DescribeCertificate failed: {e}"))?;
        let detail = described
            .dv_auth_detail
            .ok_or("DescribeCertificate gave no DvAuthDetail to validate with")?;
        let (Some(zone), Some(host), Some(value)) = (
            detail.dv_auth_domain,
            detail.dv_auth_key,
            detail.dv_auth_value,
        ) else {
            return Err("DvAuthDetail lacks DvAuthDomain, DvAuthKey or DvAuthValue".into());
        };
        println!("validation record: {host}.{zone} TXT {value:?}");
        let dnspod = DnspodClient::new(client);
        let created = dnspod
            .create_record(CreateRecordRequest::new(&zone, "TXT", "默认", &value).sub_domain(&host))
            .await
            .map_err(|e| format!("DNSPod CreateRecord failed: {e}"))?;
        println!("created: DNSPod record {} in {zone}", created.record_id);
        Ok(CreatedRecord {
            dnspod,
            zone,
            id: created.record_id,
        })
    }

    /// Deletes the validation record: it is not needed once the certificate is issued.
    pub async fn delete_validation_record(record: CreatedRecord) -> Result<(), String> {
        record
            .dnspod
            .delete_record(DeleteRecordRequest::new(&record.zone, record.id))
            .await
            .map_err(|e| format!("DNSPod DeleteRecord failed: {e}"))?;
        println!("deleted: DNSPod record {} (validation done)", record.id);
        Ok(())
    }
}

/// Without the `dnspod` feature `--dns` is refused when the arguments are read.
#[cfg(not(feature = "dnspod"))]
mod dns {
    use super::*;

    /// Never made: `--dns` needs the `dnspod` feature.
    pub enum CreatedRecord {}

    pub async fn create_validation_record(
        _ssl: &SslClient,
        _client: Client,
        _id: &str,
    ) -> Result<CreatedRecord, String> {
        Err("--dns needs the `dnspod` feature".into())
    }

    pub async fn delete_validation_record(record: CreatedRecord) -> Result<(), String> {
        match record {}
    }
}
