//! Replacing a file so that a reader, or the emulator killed at any instant, finds either the
//! old contents or the new ones, never a mix: write a temporary file beside it (a name of its
//! own per write, so that two saves at once do not write into one file), flush it to disk,
//! rename it over the old one, then flush the folder so the rename itself survives a crash.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// Counts writes, for the temporary files' names.
static WRITES: AtomicU64 = AtomicU64::new(0);

/// Replaces `path` with `bytes`, readable by its owner only (it may hold private keys).
pub fn replace(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let temporary = temporary_name(path);
    let written = write_private(&temporary, bytes).and_then(|()| std::fs::rename(&temporary, path));
    if written.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    written?;
    sync_folder(path);
    Ok(())
}

fn temporary_name(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(
        ".{}.{}.tmp",
        std::process::id(),
        WRITES.fetch_add(1, Ordering::Relaxed)
    ));
    path.with_file_name(name)
}

fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// Flushes the folder's entries (where the platform allows opening a folder), so that the
/// rename is on disk too; a failure here loses durability, not consistency.
fn sync_folder(path: &Path) {
    let folder = match path.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => folder,
        _ => Path::new("."),
    };
    if let Ok(folder) = std::fs::File::open(folder) {
        let _ = folder.sync_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_is_replaced_and_no_temporary_file_is_left() {
        let dir = std::env::temp_dir().join(format!("tc-atomic-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("state.json");
        replace(&path, b"first").unwrap();
        replace(&path, b"second").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"second");
        let names: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["state.json"]);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn saves_at_once_each_leave_a_whole_file() {
        let dir = std::env::temp_dir().join(format!("tc-atomic-race-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("state.json");
        std::thread::scope(|scope| {
            for n in 0..8u8 {
                let path = &path;
                scope.spawn(move || {
                    for _ in 0..50 {
                        replace(path, &vec![b'a' + n; 100_000]).unwrap();
                    }
                });
            }
        });
        let contents = std::fs::read(&path).unwrap();
        assert_eq!(contents.len(), 100_000);
        assert!(
            contents.iter().all(|b| *b == contents[0]),
            "a mix of two saves"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
