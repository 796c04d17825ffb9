//! REFI-QDA projects (.qdpx): the zip under its limits, the XML tree, offsets in every
//! convention, the project built from them.
#![no_main]

use std::io::Cursor;
use std::path::Path;

use libfuzzer_sys::fuzz_target;
use margin::import::qdpx::{Limits, read_from};

fuzz_target!(|data: &[u8]| {
    // Tighter than the defaults, so that one input cannot take the fuzzer's memory.
    let limits = Limits {
        max_entries: 1_000,
        max_qde_bytes: 16 << 20,
        max_source_bytes: 16 << 20,
        max_total_bytes: 64 << 20,
        max_depth: 256,
        max_elements: 200_000,
    };
    match read_from(Cursor::new(data), Path::new("fuzz.qdpx"), &limits) {
        Ok(imported) => {
            // Every coding lies on its document's text.
            let p = &imported.project;
            for c in p.codings().values() {
                let doc = &p.documents()[&c.document];
                assert!(c.range.end <= doc.text.char_len() && c.range.start < c.range.end);
            }
        }
        Err(e) => assert!(!e.to_string().is_empty()),
    }
});
