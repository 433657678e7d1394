//! The seed corpus: files under `fuzz/corpus/<target>/` (real specs, answers, requests, headers
//! and profile files, and every input that once panicked, kept as a regression).

use std::path::{Path, PathBuf};

/// The committed corpus folder.
pub fn default_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

/// Every file of `root/<target>/`, sorted by name so that seeded runs repeat exactly.
pub fn load(root: &Path, target: &str) -> std::io::Result<Vec<(PathBuf, Vec<u8>)>> {
    let dir = root.join(target);
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.is_file())
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| std::fs::read(&path).map(|bytes| (path, bytes)))
        .collect()
}
