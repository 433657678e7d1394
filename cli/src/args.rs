//! The command line in tccli's shape: `<service> <Action> --Param value ...`, with options in
//! any position and `--K=v` everywhere. Action parameters are kept raw here; their types are
//! known only once the service's schema is decoded ([`crate::params`]).

use crate::error::Failure;

/// Options that take a value.
const VALUE_OPTIONS: &[&str] = &[
    "secretId",
    "secretKey",
    "token",
    "role-arn",
    "role-session-name",
    "region",
    "endpoint",
    "language",
    "filter",
    "profile",
    "timeout",
    "output",
    "https-proxy",
    "cli-input-json",
    "waiter",
    "request-client",
    "max-items",
];

/// Options that take no value.
const FLAG_OPTIONS: &[&str] = &[
    "use-cvm-role",
    "generate-cli-skeleton",
    "cli-unfold-argument",
    "paginate",
    "dry-run",
    "help",
    "detail",
];

/// Every global option, for completion.
pub fn global_options() -> impl Iterator<Item = &'static str> {
    VALUE_OPTIONS
        .iter()
        .chain(FLAG_OPTIONS)
        .chain(&["version"])
        .copied()
}

/// The options that are not action parameters.
#[derive(Debug, Default, Clone)]
pub struct Globals {
    /// `--secretId`.
    pub secret_id: Option<String>,
    /// `--secretKey`.
    pub secret_key: Option<String>,
    /// `--token`.
    pub token: Option<String>,
    /// `--role-arn`.
    pub role_arn: Option<String>,
    /// `--role-session-name`.
    pub role_session_name: Option<String>,
    /// `--use-cvm-role`.
    pub use_cvm_role: bool,
    /// `--region`.
    pub region: Option<String>,
    /// `--endpoint`, a host or a URL.
    pub endpoint: Option<String>,
    /// `--version YYYY-MM-DD`: the API version.
    pub api_version: Option<String>,
    /// `--version` alone: print the CLI's version.
    pub show_version: bool,
    /// `--language`.
    pub language: Option<String>,
    /// `--filter`, a JMESPath expression.
    pub filter: Option<String>,
    /// `--profile`.
    pub profile: Option<String>,
    /// `--timeout`, in seconds.
    pub timeout: Option<String>,
    /// `--output`.
    pub output: Option<String>,
    /// `--https-proxy`.
    pub https_proxy: Option<String>,
    /// `--cli-input-json`.
    pub cli_input_json: Option<String>,
    /// `--waiter`.
    pub waiter: Option<String>,
    /// `--request-client`.
    pub request_client: Option<String>,
    /// `--max-items`.
    pub max_items: Option<String>,
    /// `--generate-cli-skeleton`.
    pub generate_cli_skeleton: bool,
    /// `--cli-unfold-argument`.
    pub cli_unfold_argument: bool,
    /// `--paginate`.
    pub paginate: bool,
    /// `--dry-run`.
    pub dry_run: bool,
    /// `--help`, `-h` or a `help` word.
    pub help: bool,
}

/// A parsed command line.
#[derive(Debug, Default, Clone)]
pub struct CommandLine {
    /// Words that are not options: service, action, `configure` and its words.
    pub words: Vec<String>,
    /// The options that are not action parameters.
    pub globals: Globals,
    /// Action parameters in the order given: name without `--`, and its values.
    pub params: Vec<(String, Vec<String>)>,
}

/// Whether `text` has the shape `YYYY-MM-DD`.
pub fn is_api_version(text: &str) -> bool {
    text.len() == 10
        && text.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        })
}

/// Parses `args` (without the program name).
///
/// A parameter takes the next word as its value even when it starts with `-` (only `--`
/// starts another option); with `--cli-unfold-argument` it takes every word up to the next
/// option, for lists.
pub fn parse(args: &[String]) -> Result<CommandLine, Failure> {
    let unfold = args.iter().any(|a| a == "--cli-unfold-argument");
    let mut line = CommandLine::default();
    let mut index = 0;
    while index < args.len() {
        let arg = &args[index];
        index += 1;
        if arg == "-h" {
            line.globals.help = true;
            continue;
        }
        let Some(option) = arg.strip_prefix("--") else {
            if arg == "help" {
                line.globals.help = true;
            } else {
                line.words.push(arg.clone());
            }
            continue;
        };
        let (name, inline) = match option.split_once('=') {
            Some((name, value)) => (name, Some(value.to_owned())),
            None => (option, None),
        };
        if name.is_empty() {
            return Err(Failure::usage(format!("unrecognized option: {arg}")));
        }
        let next_value = |index: &mut usize| -> Option<String> {
            let value = args.get(*index).filter(|v| !v.starts_with("--"))?.clone();
            *index += 1;
            Some(value)
        };
        if name == "version" {
            match inline.or_else(|| {
                args.get(index)
                    .filter(|v| is_api_version(v))
                    .cloned()
                    .inspect(|_| index += 1)
            }) {
                Some(version) if is_api_version(&version) => {
                    line.globals.api_version = Some(version)
                }
                Some(other) => {
                    return Err(Failure::usage(format!(
                        "argument --version: expected an API version of the form YYYY-MM-DD, \
                         got {other:?}"
                    )));
                }
                None => line.globals.show_version = true,
            }
        } else if VALUE_OPTIONS.contains(&name) {
            let Some(value) = inline.or_else(|| next_value(&mut index)) else {
                return Err(Failure::usage(format!(
                    "argument --{name}: expected one argument"
                )));
            };
            set_value(&mut line.globals, name, value);
        } else if FLAG_OPTIONS.contains(&name) {
            if inline.is_some() {
                return Err(Failure::usage(format!("argument --{name}: takes no value")));
            }
            set_flag(&mut line.globals, name);
        } else {
            let mut values = Vec::new();
            if let Some(value) = inline {
                values.push(value);
            } else if unfold {
                while let Some(value) = next_value(&mut index) {
                    values.push(value);
                }
            } else if let Some(value) = next_value(&mut index) {
                values.push(value);
            }
            line.params.push((name.to_owned(), values));
        }
    }
    Ok(line)
}

fn set_value(globals: &mut Globals, name: &str, value: String) {
    let slot = match name {
        "secretId" => &mut globals.secret_id,
        "secretKey" => &mut globals.secret_key,
        "token" => &mut globals.token,
        "role-arn" => &mut globals.role_arn,
        "role-session-name" => &mut globals.role_session_name,
        "region" => &mut globals.region,
        "endpoint" => &mut globals.endpoint,
        "language" => &mut globals.language,
        "filter" => &mut globals.filter,
        "profile" => &mut globals.profile,
        "timeout" => &mut globals.timeout,
        "output" => &mut globals.output,
        "https-proxy" => &mut globals.https_proxy,
        "cli-input-json" => &mut globals.cli_input_json,
        "waiter" => &mut globals.waiter,
        "request-client" => &mut globals.request_client,
        _ => &mut globals.max_items,
    };
    *slot = Some(value);
}

fn set_flag(globals: &mut Globals, name: &str) {
    match name {
        "use-cvm-role" => globals.use_cvm_role = true,
        "generate-cli-skeleton" => globals.generate_cli_skeleton = true,
        "cli-unfold-argument" => globals.cli_unfold_argument = true,
        "paginate" => globals.paginate = true,
        "dry-run" => globals.dry_run = true,
        // `--detail` asks tccli's help for more; ours always shows everything.
        _ => globals.help = globals.help || name == "help",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_words(words: &[&str]) -> CommandLine {
        parse(&words.iter().map(|w| w.to_string()).collect::<Vec<_>>()).unwrap()
    }

    #[test]
    fn options_anywhere_and_inline_values() {
        let line = parse_words(&[
            "--region=ap-guangzhou",
            "ssl",
            "--output",
            "text",
            "DescribeCertificates",
            "--Limit",
            "10",
            "--SearchKey=-dash",
        ]);
        assert_eq!(line.words, ["ssl", "DescribeCertificates"]);
        assert_eq!(line.globals.region.as_deref(), Some("ap-guangzhou"));
        assert_eq!(line.globals.output.as_deref(), Some("text"));
        assert_eq!(
            line.params,
            [
                ("Limit".to_owned(), vec!["10".to_owned()]),
                ("SearchKey".to_owned(), vec!["-dash".to_owned()])
            ]
        );
    }

    #[test]
    fn a_value_may_start_with_one_dash() {
        let line = parse_words(&["cvm", "X", "--Offset", "-5"]);
        assert_eq!(line.params, [("Offset".to_owned(), vec!["-5".to_owned()])]);
    }

    #[test]
    fn version_is_an_api_version_only_when_dated() {
        assert!(parse_words(&["--version"]).globals.show_version);
        let line = parse_words(&["ssl", "X", "--version", "2019-12-05"]);
        assert_eq!(line.globals.api_version.as_deref(), Some("2019-12-05"));
        assert!(!line.globals.show_version);
        assert!(parse(&["--version=soon".to_owned()]).is_err());
    }

    #[test]
    fn unfolded_lists_take_every_word_up_to_the_next_option() {
        let line = parse_words(&[
            "cvm",
            "DescribeZones",
            "--cli-unfold-argument",
            "--Filters.0.Values",
            "a",
            "b",
            "--Filters.0.Name",
            "zone",
        ]);
        assert_eq!(line.params[0].1, ["a", "b"]);
        assert_eq!(line.params[1].1, ["zone"]);
        assert!(line.globals.cli_unfold_argument);
    }

    #[test]
    fn missing_option_values_are_usage_errors() {
        let error = parse(&["--region".to_owned()]).unwrap_err();
        assert_eq!(error.exit_code(), 252);
    }
}
