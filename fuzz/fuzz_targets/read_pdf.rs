//! Fuzz target: arbitrary bytes through the PDF reader and, when it succeeds, table layout.
//! Any panic, hang or crash is a bug: every input must end as a `Document` or a `ReadError`.
//!
//!     cargo +nightly fuzz run read_pdf fuzz/corpus/read_pdf ../shared/samples
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(doc) = yusuan_extractor::read(data) {
        let _ = yusuan_extractor::layout::find_tables(&doc);
    }
});
