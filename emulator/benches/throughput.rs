//! Throughput bench (filled in below).
fn main() {}
