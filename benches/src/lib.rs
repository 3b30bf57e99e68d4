//! Benchmarks of the pipeline's hot stages live in `benches/stages.rs`
//! (`cargo bench -p yusuan-benches`). This library only finds the sample they run on.

use std::path::PathBuf;

/// The seed document shipped in the repository's `samples/`.
pub fn seed_pdf() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../samples/urumqi-2026.pdf")
}
