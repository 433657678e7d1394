//! `tccx`: every Tencent Cloud API 3.0 service in `spec/` from a shell, with tccli's command
//! shape, files and output, validated by the spec's rules before anything is sent.

mod args;
mod call;
mod catalog;
mod complete;
mod config;
mod configure;
mod credentials;
mod error;
mod help;
mod model;
mod output;
mod paginate;
mod params;
mod run;
mod skeleton;
mod table;
mod text;
mod validate;
mod waiter;

use std::io::Write;
use std::process::ExitCode;

use error::Failure;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match dispatch(&args) {
        Ok(text) => {
            let mut stdout = std::io::stdout().lock();
            // A closed pipe (`| head`) is not an error worth reporting.
            let _ = stdout.write_all(text.as_bytes());
            let _ = stdout.flush();
            ExitCode::SUCCESS
        }
        Err(failure) => {
            eprintln!("{failure}");
            ExitCode::from(failure.exit_code())
        }
    }
}

/// Runs the command and returns what goes to stdout.
fn dispatch(args: &[String]) -> Result<String, Failure> {
    // Completion sees the words as typed, options included.
    if let Some(("__complete", typed)) = args.split_first().map(|(a, rest)| (a.as_str(), rest)) {
        let typed: Vec<&str> = typed.iter().map(String::as_str).collect();
        return Ok(complete::candidates(&typed));
    }
    let line = args::parse(args)?;
    let words: Vec<&str> = line.words.iter().map(String::as_str).collect();
    match words.as_slice() {
        [] if line.globals.show_version => Ok(format!("{}\n", env!("CARGO_PKG_VERSION"))),
        [] => Ok(help::top()),
        ["configure", rest @ ..] => configure::run(rest, &line.globals),
        ["completion", shell] => complete::script(shell),
        ["completion"] => Err(Failure::usage(
            "completion needs a shell: bash, zsh or fish",
        )),
        [service, rest @ ..] => run::service(service, rest, &line),
    }
}
