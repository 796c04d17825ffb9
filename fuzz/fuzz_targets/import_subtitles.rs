//! Subtitles and transcripts with times: SubRip, WebVTT, Otter.
#![no_main]

use libfuzzer_sys::fuzz_target;
use margin::import::Format;

mod common;

fuzz_target!(|data: &[u8]| {
    let Some((choice, file)) = common::split(data, 3) else {
        return;
    };
    let (name, format) = match choice {
        0 => ("fuzz.srt", Format::Srt),
        1 => ("fuzz.vtt", Format::Vtt),
        _ => ("fuzz.txt", Format::Otter),
    };
    common::import(file, name, Some(format), None);
});
