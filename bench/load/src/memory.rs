//! The emulator's resident memory and open sockets over the run, read from `/proc`.

use std::time::Duration;

/// One reading a second: resident memory in KiB, and the sockets the process holds at the
/// middle of the run.
#[derive(Debug, Default)]
pub struct Samples {
    rss_kib: Vec<u64>,
    sockets_mid_run: Option<usize>,
}

/// Reads the memory of `pid` once a second for `run_for`.
pub async fn sample(pid: u32, run_for: Duration) -> Samples {
    let mut samples = Samples::default();
    let mut ticks = tokio::time::interval(Duration::from_secs(1));
    let seconds = run_for.as_secs();
    for second in 0..=seconds {
        ticks.tick().await;
        if let Some(kib) = resident_kib(pid) {
            samples.rss_kib.push(kib);
        }
        if second == seconds / 2 {
            samples.sockets_mid_run = sockets(pid);
        }
    }
    samples
}

/// `VmRSS` of `/proc/<pid>/status`, in KiB.
fn resident_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|line| line.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Open sockets of `pid` (its listener among them).
fn sockets(pid: u32) -> Option<usize> {
    let entries = std::fs::read_dir(format!("/proc/{pid}/fd")).ok()?;
    Some(
        entries
            .filter_map(Result::ok)
            .filter_map(|entry| std::fs::read_link(entry.path()).ok())
            .filter(|target| target.to_string_lossy().starts_with("socket:"))
            .count(),
    )
}

fn mib(kib: u64) -> f64 {
    kib as f64 / 1024.0
}

impl Samples {
    /// The reading `share` of the way through the run.
    fn at(&self, share: f64) -> Option<u64> {
        let last = self.rss_kib.len().checked_sub(1)?;
        self.rss_kib
            .get((last as f64 * share).round() as usize)
            .copied()
    }

    /// Growth from a quarter into the run (once the emulator's journals are full and its
    /// connections open) to the end, in percent; `None` with fewer than 5 readings.
    pub fn growth_after_warm_up(&self) -> Option<f64> {
        if self.rss_kib.len() < 5 {
            return None;
        }
        let warm = self.at(0.25)? as f64;
        let end = self.at(1.0)? as f64;
        Some((end - warm) / warm * 100.0)
    }

    /// One line: a reading at every tenth of the run, and the largest.
    pub fn summary(&self) -> String {
        let shown: Vec<String> = (0..=10)
            .map(|tenth| {
                self.at(f64::from(tenth) / 10.0)
                    .map_or("?".to_owned(), |kib| format!("{:.1}", mib(kib)))
            })
            .collect();
        let max = self.rss_kib.iter().max().map_or(f64::NAN, |&k| mib(k));
        let sockets = self
            .sockets_mid_run
            .map_or("?".to_owned(), |count| count.to_string());
        format!(
            "emulator RSS (MiB, {} readings) at every tenth of the run: {}; max {max:.1}; sockets mid-run {sockets}",
            self.rss_kib.len(),
            shown.join(", "),
        )
    }
}
