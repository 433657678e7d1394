//! Runs the `tccx` binary in a private HOME against an emulator on 127.0.0.1.

#![allow(dead_code)] // Each test file uses its own share of these helpers.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

pub use tc_emulator::{DEMO_SECRET_ID, DEMO_SECRET_KEY};

/// What one run printed and returned.
pub struct Run {
    pub stdout: String,
    pub stderr: String,
    pub code: i32,
}

impl From<Output> for Run {
    fn from(output: Output) -> Self {
        Run {
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
            code: output.status.code().unwrap_or(-1),
        }
    }
}

/// A private HOME, removed on drop.
pub struct Home(pub PathBuf);

impl Home {
    pub fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("tccx-test-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Home(dir)
    }

    pub fn path(&self) -> &Path {
        &self.0
    }

    /// Every file under the HOME, relative.
    pub fn files(&self) -> Vec<String> {
        fn walk(dir: &Path, root: &Path, out: &mut Vec<String>) {
            for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    walk(&path, root, out);
                } else {
                    out.push(path.strip_prefix(root).unwrap().display().to_string());
                }
            }
        }
        let mut out = Vec::new();
        walk(&self.0, &self.0, &mut out);
        out.sort();
        out
    }
}

impl Drop for Home {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Runs `program` with `args` in `home`, a clean environment but for `env`, and `stdin`.
pub fn run_program(
    program: &Path,
    home: &Path,
    args: &[&str],
    env: &[(&str, &str)],
    stdin: &str,
) -> Run {
    let mut command = Command::new(program);
    command
        .args(args)
        .env_clear()
        .env("HOME", home)
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("LANG", "C.UTF-8")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (name, value) in env {
        command.env(name, value);
    }
    let mut child = command
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", program.display()));
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap().into()
}

/// Runs tccx.
pub fn tccx(home: &Path, args: &[&str]) -> Run {
    run_program(Path::new(env!("CARGO_BIN_EXE_tccx")), home, args, &[], "")
}

/// The options that reach `base_url` with the demo keys.
pub fn to_emulator(base_url: &str) -> Vec<String> {
    [
        "--endpoint",
        base_url,
        "--region",
        "ap-guangzhou",
        "--secretId",
        DEMO_SECRET_ID,
        "--secretKey",
        DEMO_SECRET_KEY,
    ]
    .map(str::to_owned)
    .to_vec()
}

/// `words` then `extra`, as the `&str` list `tccx` takes.
pub fn line<'a>(words: &[&'a str], extra: &'a [String]) -> Vec<&'a str> {
    words
        .iter()
        .copied()
        .chain(extra.iter().map(String::as_str))
        .collect()
}
