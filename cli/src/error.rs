//! Why a command failed, printed to stderr in tccli's form, with tccli's exit codes: 252 for
//! usage errors, 255 for everything else (API, network, configuration, waiter).

use std::fmt;

/// The usage line printed before a usage error, as tccli prints its own.
pub const USAGE: &str = "tccx [options] <service> <action> [--Param value ...]\n\
To see help text, you can run:\n\n  tccx help\n  tccx configure help\n  \
tccx <service> help\n  tccx <service> <action> help";

/// A failed command.
#[derive(Debug)]
pub enum Failure {
    /// The command line is wrong (exit 252).
    Usage(String),
    /// The service answered with an error (exit 255).
    Api {
        /// The error code.
        code: String,
        /// The service's message.
        message: String,
        /// The request's id, when the service sent one.
        request_id: Option<String>,
    },
    /// The request breaks the spec's rules; nothing was sent (exit 255, as the service's own
    /// refusal of the same request would be).
    Invalid {
        /// `service Action`.
        action: String,
        /// One line per violation: the parameter and what is wrong.
        violations: Vec<String>,
    },
    /// Configuration, credentials, network, a waiter: a message (exit 255).
    Other(String),
}

impl Failure {
    /// A usage error.
    pub fn usage(message: impl Into<String>) -> Self {
        Failure::Usage(message.into())
    }

    /// Any other error.
    pub fn other(message: impl Into<String>) -> Self {
        Failure::Other(message.into())
    }

    /// tccli's exit code for this failure.
    pub fn exit_code(&self) -> u8 {
        match self {
            Failure::Usage(_) => 252,
            _ => 255,
        }
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Usage(message) => write!(f, "usage: {USAGE}\ntccx: error: {message}"),
            Failure::Api {
                code,
                message,
                request_id,
            } => write!(
                f,
                "[TencentCloudSDKException] code:{code} message:{message} requestId:{}",
                request_id.as_deref().unwrap_or("None")
            ),
            Failure::Invalid { action, violations } => {
                write!(
                    f,
                    "[ParamValidationError] {action}: the request breaks {} of the spec's rules \
                     and was not sent:",
                    violations.len()
                )?;
                for violation in violations {
                    write!(f, "\n  {violation}")?;
                }
                Ok(())
            }
            Failure::Other(message) => f.write_str(message),
        }
    }
}
