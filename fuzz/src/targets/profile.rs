//! Profile (INI) files through the runtime's credentials reader, as a user's
//! `~/.tencentcloud/credentials` would be read.

use std::path::PathBuf;

use tc_runtime::ProfileProvider;

/// The input written to a scratch file and read by [`ProfileProvider`].
pub struct Profile {
    path: PathBuf,
    runtime: tokio::runtime::Runtime,
}

impl Profile {
    /// A scratch file in the system's temporary folder, named after this process.
    pub fn new() -> Self {
        let path = std::env::temp_dir().join(format!("tc-fuzz-profile-{}.ini", std::process::id()));
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a single-threaded runtime");
        Profile { path, runtime }
    }
}

impl Default for Profile {
    fn default() -> Self {
        Self::new()
    }
}

impl Drop for Profile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

impl super::Target for Profile {
    fn name(&self) -> &'static str {
        "profile"
    }

    fn deepest(&self) -> u8 {
        1
    }

    fn run(&self, input: &[u8]) -> u8 {
        if std::fs::write(&self.path, input).is_err() {
            return 0;
        }
        // A profile that names a role would call STS: point it at a closed port.
        let provider = ProfileProvider::with_path(&self.path).sts_endpoint("http://127.0.0.1:9");
        let loaded = self.runtime.block_on(provider.load());
        // The error is printed as a user would see it; it must never hold the secret key.
        if let Err(error) = &loaded {
            std::hint::black_box(error.to_string());
        }
        u8::from(loaded.is_ok())
    }
}
