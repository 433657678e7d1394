//! The spec files of a catalog and the writing of generated ones: what every build script
//! (the `tencentcloud` crate's, the CLI's) does around [`crate::load`] and [`crate::source`].

use std::path::{Path, PathBuf};

/// Whether `path` names a service version's spec (`2019-12-05.json`), not an overlay
/// (`2019-12-05.overlay.json`), a README or another file.
pub fn is_service_spec(path: &Path) -> bool {
    path.file_name()
        .and_then(|name| name.to_str())
        .and_then(|name| name.strip_suffix(".json"))
        .is_some_and(|stem| {
            !stem.is_empty() && stem.chars().all(|c| c.is_ascii_digit() || c == '-')
        })
}

/// The version specs of one service folder (`spec/ssl/`), sorted.
pub fn service_specs(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut specs: Vec<PathBuf> = sorted_entries(dir)?
        .into_iter()
        .filter(|path| is_service_spec(path))
        .collect();
    specs.sort();
    Ok(specs)
}

/// The service folders of a spec root (`spec/`), sorted.
pub fn service_dirs(root: &Path) -> Result<Vec<PathBuf>, String> {
    Ok(sorted_entries(root)?
        .into_iter()
        .filter(|path| path.is_dir())
        .collect())
}

fn sorted_entries(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("cannot list {}: {e}", dir.display()))?
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .collect();
    paths.sort();
    Ok(paths)
}

/// Writes `bytes` only when they differ from the file's, so that an unchanged file keeps its
/// timestamp and cargo rebuilds nothing that includes it.
pub fn write_if_changed(path: &Path, bytes: &[u8]) -> Result<(), String> {
    if std::fs::read(path).is_ok_and(|old| old == bytes) {
        return Ok(());
    }
    std::fs::write(path, bytes).map_err(|error| format!("cannot write {}: {error}", path.display()))
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    #[test]
    fn only_dated_json_files_are_service_specs() {
        assert!(super::is_service_spec(Path::new(
            "spec/ssl/2019-12-05.json"
        )));
        assert!(!super::is_service_spec(Path::new(
            "spec/ssl/2019-12-05.overlay.json"
        )));
        assert!(!super::is_service_spec(Path::new("spec/ssl/README.md")));
        assert!(!super::is_service_spec(Path::new("spec/ssl/.json")));
    }

    #[test]
    fn an_unchanged_file_is_not_rewritten() {
        let dir = std::env::temp_dir().join(format!("tc-files-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("out.rs");
        super::write_if_changed(&file, b"a").unwrap();
        let first = std::fs::metadata(&file).unwrap().modified().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        super::write_if_changed(&file, b"a").unwrap();
        assert_eq!(std::fs::metadata(&file).unwrap().modified().unwrap(), first);
        super::write_if_changed(&file, b"b").unwrap();
        assert_eq!(std::fs::read(&file).unwrap(), b"b");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
