//! Placeholder; the latency benchmark is written below.
fn main() {}
