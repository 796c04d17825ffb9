//! Word (.docx) and OpenDocument (.odt) files: the zip container under its limits, the XML.
#![no_main]

use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    let Some((choice, file)) = common::split(data, 2) else {
        return;
    };
    let name = if choice == 0 { "fuzz.docx" } else { "fuzz.odt" };
    common::import(file, name, None, None);
});
