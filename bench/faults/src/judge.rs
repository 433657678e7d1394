//! Reading one call's entries of the emulator's journal: its attempts, which of them the
//! emulator executed, and which failed ambiguously (the request may have taken effect).

/// How one attempt ended, as the emulator recorded it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Attempt {
    /// Executed: `ok` or a service error code.
    Executed(String),
    /// Refused before execution by throttling: safe to send again.
    Throttled,
    /// A fault after which the client cannot know whether the request took effect.
    Ambiguous(String),
}

/// The attempts of one call, from its journal entries in order. A delayed request is recorded
/// twice: `fault:delay` when drawn, then its outcome when it is executed after the delay (the
/// client may have given up and sent again meanwhile).
pub fn attempts(outcomes: &[String]) -> (Vec<Attempt>, usize) {
    let mut attempts = Vec::new();
    let mut delayed = 0;
    let mut executions = 0;
    for outcome in outcomes {
        match outcome.as_str() {
            "fault:delay" => {
                delayed += 1;
                attempts.push(Attempt::Ambiguous(outcome.clone()));
            }
            "fault:throttle" => attempts.push(Attempt::Throttled),
            fault if fault.starts_with("fault:") => {
                attempts.push(Attempt::Ambiguous(fault.to_owned()));
            }
            executed => {
                executions += 1;
                if delayed > 0 {
                    // The late execution of a delayed attempt, not a new attempt.
                    delayed -= 1;
                } else {
                    attempts.push(Attempt::Executed(executed.to_owned()));
                }
            }
        }
    }
    (attempts, executions)
}

/// Whether an attempt followed an ambiguous one (a resend that may duplicate the action).
pub fn resent_after_ambiguous(attempts: &[Attempt]) -> bool {
    attempts
        .iter()
        .take(attempts.len().saturating_sub(1))
        .any(|a| matches!(a, Attempt::Ambiguous(_)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn a_delayed_attempt_executed_late_is_one_attempt_and_one_execution() {
        let (attempts, executions) = attempts(&strings(&["fault:delay", "ok", "ok"]));
        assert_eq!(attempts.len(), 2);
        assert_eq!(executions, 2);
        assert!(resent_after_ambiguous(&attempts));
    }

    #[test]
    fn throttling_then_success_is_not_a_resend_after_ambiguity() {
        let (attempts, executions) = attempts(&strings(&["fault:throttle", "ok"]));
        assert_eq!(
            attempts,
            [Attempt::Throttled, Attempt::Executed("ok".into())]
        );
        assert_eq!(executions, 1);
        assert!(!resent_after_ambiguous(&attempts));
    }
}
