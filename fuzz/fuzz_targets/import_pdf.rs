//! PDF text layers. `pdf-extract` panics on some malformed content and the importer catches
//! that as a refusal, so the default panic hook is put back: a panic the importer does not
//! catch still aborts the run (libfuzzer-sys aborts on any panic that reaches it).
#![no_main]

use std::sync::Once;

use libfuzzer_sys::fuzz_target;

mod common;

static HOOK: Once = Once::new();

fuzz_target!(|data: &[u8]| {
    HOOK.call_once(|| {
        let _ = std::panic::take_hook();
        std::panic::set_hook(Box::new(|_| {}));
    });
    common::import(data, "fuzz.pdf", None, None);
});
