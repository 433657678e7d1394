//! `tccx configure`: the only command that writes, and only tccli's own files
//! (`~/.tccli/<profile>.configure` and `.credential`), each replaced atomically (a temporary
//! file in the same folder, mode 0600, renamed over the old one), so parallel runs never see
//! half a file.

use std::io::Write;
use std::path::Path;

use serde_json::{Map, Value};

use crate::args::Globals;
use crate::config::{self, ProfileFiles};
use crate::error::Failure;
use crate::output;

/// Keys stored in `<profile>.credential`.
const CREDENTIAL_KEYS: &[&str] = &[
    "secretId",
    "secretKey",
    "token",
    "role-arn",
    "role-session-name",
    "type",
];
/// Keys stored in `<profile>.configure` under `_sys_param`.
const SYS_KEYS: &[&str] = &[
    "region",
    "output",
    "language",
    "arrayCount",
    "request-client",
];
/// Keys whose values `list` masks.
const SECRET_KEYS: &[&str] = &["secretKey", "token"];

const HELP: &str = "usage:\n  \
tccx configure set KEY VALUE [KEY VALUE ...]   e.g. region ap-guangzhou, secretId ..., ssl.version 2019-12-05\n  \
tccx configure get KEY [KEY ...]               print values (asked for, so secrets are shown)\n  \
tccx configure list                            every value, secrets masked\n  \
tccx configure remove                          delete the profile's two files\n\
Keys: secretId secretKey token role-arn role-session-name type (the .credential file);\n\
region output language arrayCount request-client (the .configure file);\n\
<service>.version <service>.endpoint; sts.endpoint; waiter.timeout waiter.interval.\n\
--profile NAME (or TCCLI_PROFILE) picks the profile; default is `default`.\n";

/// Runs `configure` with its words.
pub fn run(words: &[&str], globals: &Globals) -> Result<String, Failure> {
    if globals.help {
        return Ok(HELP.to_owned());
    }
    let profile = config::profile_name(globals);
    match words {
        ["set", pairs @ ..] if !pairs.is_empty() && pairs.len() % 2 == 0 => set(&profile, pairs),
        ["get", keys @ ..] if !keys.is_empty() => get(&profile, keys),
        ["list"] | [] => list(&profile),
        ["remove"] => remove(&profile),
        _ => Err(Failure::usage(format!(
            "configure: unexpected arguments\n{HELP}"
        ))),
    }
}

/// Where `key` lives: the credential file or the configure file, and the path inside it.
fn place(key: &str) -> (bool, Vec<String>) {
    if CREDENTIAL_KEYS.contains(&key) {
        (true, vec![key.to_owned()])
    } else if SYS_KEYS.contains(&key) {
        (false, vec!["_sys_param".to_owned(), key.to_owned()])
    } else {
        (false, key.splitn(2, '.').map(str::to_owned).collect())
    }
}

fn set(profile: &str, pairs: &[&str]) -> Result<String, Failure> {
    let mut files = ProfileFiles::read(profile)?;
    let (mut credential_changed, mut configure_changed) = (false, false);
    for pair in pairs.chunks(2) {
        let (key, value) = (pair[0], pair[1]);
        let (in_credential, path) = place(key);
        if path.len() != if in_credential { 1 } else { 2 } {
            return Err(Failure::usage(format!(
                "configure set: unknown key {key:?} (see `tccx configure help`)"
            )));
        }
        let map = if in_credential {
            credential_changed = true;
            &mut files.credential
        } else {
            configure_changed = true;
            &mut files.configure
        };
        let value = match key {
            "arrayCount" | "waiter.timeout" | "waiter.interval" => value
                .parse::<f64>()
                .ok()
                .and_then(serde_json::Number::from_f64)
                .map(Value::Number)
                .ok_or_else(|| Failure::usage(format!("configure set: {key} must be a number")))?,
            _ => Value::from(value),
        };
        insert(map, &path, value)?;
    }
    let dir = config::config_dir()?;
    if credential_changed {
        write_atomically(&dir, &format!("{profile}.credential"), &files.credential)?;
    }
    if configure_changed {
        write_atomically(&dir, &format!("{profile}.configure"), &files.configure)?;
    }
    Ok(String::new())
}

fn insert(map: &mut Map<String, Value>, path: &[String], value: Value) -> Result<(), Failure> {
    match path {
        [key] => {
            map.insert(key.clone(), value);
            Ok(())
        }
        [section, key] => {
            let entry = map
                .entry(section.clone())
                .or_insert_with(|| Value::Object(Map::new()));
            match entry {
                Value::Object(inner) => {
                    inner.insert(key.clone(), value);
                    Ok(())
                }
                _ => Err(Failure::other(format!(
                    "configure set: {section} in the profile is not an object; fix the file first"
                ))),
            }
        }
        _ => Err(Failure::usage("configure set: empty key")),
    }
}

fn lookup<'a>(files: &'a ProfileFiles, key: &str) -> Option<&'a Value> {
    let (in_credential, path) = place(key);
    let map = if in_credential {
        &files.credential
    } else {
        &files.configure
    };
    match path.as_slice() {
        [key] => map.get(key),
        [section, key] => map.get(section)?.get(key),
        _ => None,
    }
}

fn get(profile: &str, keys: &[&str]) -> Result<String, Failure> {
    let files = ProfileFiles::read(profile)?;
    let mut out = String::new();
    for key in keys {
        let value = lookup(&files, key).map_or_else(String::new, output::python_str);
        out.push_str(&format!("{key} = {value}\n"));
    }
    Ok(out)
}

/// Shows the last four characters of a long secret, nothing of a short one.
fn mask(secret: &str) -> String {
    let count = secret.chars().count();
    if count > 8 {
        let tail: String = secret.chars().skip(count - 4).collect();
        format!("****************{tail}")
    } else {
        "****".to_owned()
    }
}

fn list(profile: &str) -> Result<String, Failure> {
    let files = ProfileFiles::read(profile)?;
    let mut out = format!("profile: {profile}\n");
    out.push_str("credential:\n");
    for (key, value) in &files.credential {
        let text = output::python_str(value);
        let shown = if SECRET_KEYS.contains(&key.as_str()) {
            mask(&text)
        } else {
            text
        };
        out.push_str(&format!("  {key} = {shown}\n"));
    }
    out.push_str("configure:\n");
    for (section, value) in &files.configure {
        match value {
            Value::Object(inner) => {
                for (key, value) in inner {
                    out.push_str(&format!(
                        "  {section}.{key} = {}\n",
                        output::python_str(value)
                    ));
                }
            }
            other => out.push_str(&format!("  {section} = {}\n", output::python_str(other))),
        }
    }
    Ok(out)
}

fn remove(profile: &str) -> Result<String, Failure> {
    let dir = config::config_dir()?;
    for suffix in ["configure", "credential"] {
        let path = dir.join(format!("{profile}.{suffix}"));
        match std::fs::remove_file(&path) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => {
                return Err(Failure::other(format!(
                    "cannot remove {}: {e}",
                    path.display()
                )));
            }
        }
    }
    Ok(String::new())
}

/// Writes `map` as JSON to `dir/name` through a temporary file renamed over it; the file is
/// readable by its owner only.
fn write_atomically(dir: &Path, name: &str, map: &Map<String, Value>) -> Result<(), Failure> {
    let failed = |e: std::io::Error| {
        Failure::other(format!("cannot write {}: {e}", dir.join(name).display()))
    };
    create_private_dir(dir).map_err(failed)?;
    let mut file = tempfile::NamedTempFile::new_in(dir).map_err(failed)?;
    let text = serde_json::to_string_pretty(map).unwrap_or_else(|_| "{}".to_owned());
    file.write_all(text.as_bytes()).map_err(failed)?;
    file.as_file().sync_all().map_err(failed)?;
    file.persist(dir.join(name)).map_err(|e| failed(e.error))?;
    Ok(())
}

fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)
    }
    #[cfg(not(unix))]
    {
        std::fs::create_dir_all(dir)
    }
}
