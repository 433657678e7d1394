//! CVM instances listed with a filter, page by page: `DescribeInstances` with `Filters`,
//! `Offset` and `Limit`, until `TotalCount` instances have been read.
//!
//! ```text
//! cargo run --example list_instances --features cvm
//! cargo run --example list_instances --features cvm -- --state STOPPED --page-size 2
//! cargo run --example list_instances --features cvm -- --real --region ap-guangzhou
//! ```
//!
//! By default it starts a local emulator in-process (no account) whose CVM account holds the
//! same 12 instances on every run. `--real` lists your own instances in `--region`, with
//! credentials from the default chain; `--endpoint` names any Tencent-compatible endpoint.

use std::process::ExitCode;

use tc_runtime::{Client, Credentials, DefaultChain};
use tencentcloud::cvm::v20170312::{CvmClient, DescribeInstancesRequest, Filter};

struct Args {
    state: String,
    zone: Option<String>,
    page_size: i64,
    region: String,
    endpoint: Option<String>,
    real: bool,
}

const USAGE: &str = "usage: list_instances [--state RUNNING|STOPPED|...] [--zone <zone>] \
                     [--page-size <1-100>] [--region <region>] [--endpoint <url> | --real]";

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        state: "RUNNING".into(),
        zone: None,
        page_size: 5,
        region: "ap-guangzhou".into(),
        endpoint: None,
        real: false,
    };
    let mut argv = std::env::args().skip(1);
    while let Some(arg) = argv.next() {
        let mut value = || argv.next().ok_or(format!("{arg} needs a value"));
        match arg.as_str() {
            "--state" => args.state = value()?,
            "--zone" => args.zone = Some(value()?),
            "--page-size" => {
                args.page_size = value()?
                    .parse()
                    .map_err(|_| "--page-size takes a number from 1 to 100".to_owned())?;
            }
            "--region" => args.region = value()?,
            "--endpoint" => args.endpoint = Some(value()?),
            "--real" => args.real = true,
            "-h" | "--help" => return Err(String::new()),
            other => return Err(format!("unexpected argument {other}")),
        }
    }
    if args.real && args.endpoint.is_some() {
        return Err("--real and --endpoint exclude each other".into());
    }
    Ok(args)
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(args) => args,
        Err(problem) => {
            if !problem.is_empty() {
                eprintln!("list_instances: {problem}");
            }
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(args).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(problem) => {
            eprintln!("list_instances: {problem}");
            ExitCode::FAILURE
        }
    }
}

async fn run(args: Args) -> Result<(), String> {
    // Keep the emulator alive for the whole run when there is one.
    let mut _emulator = None;
    let builder = if args.real {
        println!(
            "endpoint: Tencent Cloud (cvm.tencentcloudapi.com), region {}",
            args.region
        );
        Client::builder().credentials_provider(std::sync::Arc::new(DefaultChain::new()))
    } else if let Some(url) = &args.endpoint {
        println!("endpoint: {url}, credentials from the default chain");
        Client::builder()
            .credentials_provider(std::sync::Arc::new(DefaultChain::new()))
            .base_url(url)
            .map_err(|e| e.to_string())?
    } else {
        let emulator = tc_emulator::Emulator::builder()
            .start()
            .await
            .map_err(|e| format!("cannot start the local emulator: {e}"))?;
        println!(
            "endpoint: local emulator at {} (demo credentials, 12 seeded instances)",
            emulator.base_url()
        );
        let credentials =
            Credentials::new(tc_emulator::DEMO_SECRET_ID, tc_emulator::DEMO_SECRET_KEY)
                .map_err(|e| e.to_string())?;
        let builder = Client::builder()
            .credentials(credentials)
            .base_url(emulator.base_url())
            .map_err(|e| e.to_string())?;
        _emulator = Some(emulator);
        builder
    };
    let client = builder
        .region(args.region.as_str())
        .build()
        .map_err(|e| e.to_string())?;
    let cvm = CvmClient::new(client);

    let mut filters = vec![Filter::new("instance-state", vec![args.state.clone()])];
    if let Some(zone) = &args.zone {
        filters.push(Filter::new("zone", vec![zone.clone()]));
    }
    let mut offset = 0;
    let mut page = 0;
    loop {
        let request = DescribeInstancesRequest::new()
            .filters(filters.clone())
            .offset(offset)
            .limit(args.page_size);
        let answer = cvm
            .describe_instances(request)
            .await
            .map_err(|e| format!("DescribeInstances failed: {e}"))?;
        page += 1;
        println!(
            "page {page} (offset {offset}): {} of {} {} instances",
            answer.instance_set.len(),
            answer.total_count,
            args.state
        );
        for instance in &answer.instance_set {
            println!(
                "  {}  {:<10} {:<15} {:<12} {} vCPU {:>3} GB  {}",
                instance.instance_id,
                instance.instance_name,
                instance.placement.zone,
                instance.instance_type,
                instance.cpu,
                instance.memory,
                instance.private_ip_addresses.join(",")
            );
        }
        offset += answer.instance_set.len() as i64;
        if answer.instance_set.is_empty() || offset >= answer.total_count {
            break;
        }
    }
    println!("{offset} instances in {page} pages");
    Ok(())
}
