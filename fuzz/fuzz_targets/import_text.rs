//! Plain text as `margin import` reads it: encoding detection, the format sniffed from the
//! content (transcripts, subtitles, chats, HTML), speaker turns.
#![no_main]

use libfuzzer_sys::fuzz_target;
use margin::model::DocumentKind;

mod common;

fuzz_target!(|data: &[u8]| {
    let Some((choice, file)) = common::split(data, 3) else {
        return;
    };
    let kind = match choice {
        0 => None,
        1 => Some(DocumentKind::Interview),
        _ => Some(DocumentKind::Chat),
    };
    common::import(file, "fuzz.txt", None, kind);
});
