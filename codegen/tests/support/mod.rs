//! What the import tests share: scratch folders.

use std::path::Path;

/// A scratch folder, removed when dropped; derefs to its path.
pub struct Scratch(tempfile::TempDir);

impl std::ops::Deref for Scratch {
    type Target = Path;

    fn deref(&self) -> &Path {
        self.0.path()
    }
}

/// A new scratch folder named after `name`, under the system's temporary folder.
pub fn scratch(name: &str) -> Scratch {
    Scratch(
        tempfile::Builder::new()
            .prefix(&format!("tc-import-{name}-"))
            .tempdir()
            .expect("creates a scratch folder"),
    )
}
