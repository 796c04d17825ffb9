//! HTML and Markdown, stripped to their text.
#![no_main]

use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    let Some((choice, file)) = common::split(data, 2) else {
        return;
    };
    let name = if choice == 0 { "fuzz.html" } else { "fuzz.md" };
    common::import(file, name, None, None);
});
