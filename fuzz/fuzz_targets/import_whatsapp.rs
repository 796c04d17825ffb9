//! WhatsApp chat exports (Android and iOS, every date order).
#![no_main]

use libfuzzer_sys::fuzz_target;
use margin::import::Format;

mod common;

fuzz_target!(|data: &[u8]| {
    common::import(data, "fuzz.txt", Some(Format::WhatsApp), None);
});
