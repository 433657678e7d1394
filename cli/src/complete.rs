//! Shell completion for bash, zsh and fish: small scripts that ask the binary itself
//! (`tccx __complete <words so far>`) for services, actions and parameters, so they stay in
//! step with the embedded specs.

use crate::args;
use crate::catalog;
use crate::error::Failure;

/// The completion script for `shell`.
pub fn script(shell: &str) -> Result<String, Failure> {
    let text = match shell {
        "bash" => BASH,
        "zsh" => ZSH,
        "fish" => FISH,
        other => {
            return Err(Failure::usage(format!(
                "completion: unknown shell {other:?}; use bash, zsh or fish"
            )));
        }
    };
    Ok(text.to_owned())
}

const BASH: &str = r#"# tccx completion for bash: eval "$(tccx completion bash)"
_tccx() {
    local IFS=$'\n'
    COMPREPLY=($(tccx __complete "${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null))
}
complete -o default -F _tccx tccx
"#;

const ZSH: &str = r#"#compdef tccx
# tccx completion for zsh: eval "$(tccx completion zsh)"
_tccx() {
    local -a candidates
    candidates=("${(@f)$(tccx __complete "${(@)words[2,CURRENT]}" 2>/dev/null)}")
    compadd -a candidates
}
compdef _tccx tccx
"#;

const FISH: &str = r#"# tccx completion for fish: tccx completion fish | source
complete -c tccx -f -a '(tccx __complete (commandline -opc)[2..-1] (commandline -ct) 2>/dev/null)'
"#;

/// Candidates for the last of `words` (the word being typed), one per line.
pub fn candidates(words: &[&str]) -> String {
    let Some((current, before)) = words.split_last() else {
        return String::new();
    };
    let positional: Vec<&str> = before
        .iter()
        .filter(|w| !w.starts_with('-'))
        .copied()
        .collect();
    let mut found: Vec<String> = Vec::new();
    if current.starts_with('-') {
        found.extend(args::global_options().map(|o| format!("--{o}")));
        if let [service, action, ..] = positional.as_slice()
            && let Some(schema) =
                catalog::find(catalog::canonical(service), None).and_then(|e| e.schema().ok())
            && let Some(action) = schema.actions.iter().find(|a| a.name == *action)
        {
            found.extend(action.input.iter().map(|f| format!("--{}", f.name)));
        }
    } else {
        match positional.as_slice() {
            [] => {
                found.extend(catalog::service_names().into_iter().map(str::to_owned));
                found.extend(["configure", "completion", "help"].map(str::to_owned));
            }
            ["configure"] => found.extend(["set", "get", "list", "remove"].map(str::to_owned)),
            ["completion"] => found.extend(["bash", "zsh", "fish"].map(str::to_owned)),
            [service] => {
                if let Some(schema) =
                    catalog::find(catalog::canonical(service), None).and_then(|e| e.schema().ok())
                {
                    found.extend(schema.actions.iter().map(|a| a.name.clone()));
                    found.push("help".to_owned());
                }
            }
            _ => {}
        }
    }
    let mut out = String::new();
    for candidate in found.iter().filter(|c| c.starts_with(current)) {
        out.push_str(candidate);
        out.push('\n');
    }
    out
}
