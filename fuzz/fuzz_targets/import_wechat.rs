//! WeChat chats, as text and as CSV from export tools.
#![no_main]

use libfuzzer_sys::fuzz_target;
use margin::import::Format;

mod common;

fuzz_target!(|data: &[u8]| {
    let Some((choice, file)) = common::split(data, 2) else {
        return;
    };
    let (name, format) = if choice == 0 {
        ("fuzz.txt", Format::WeChat)
    } else {
        ("fuzz.csv", Format::ChatCsv)
    };
    common::import(file, name, Some(format), None);
});
