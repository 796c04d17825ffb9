//! The log file a user can attach to a bug report: `logs/margin_rCURRENT.log` in the data folder
//! (see [`crate::install`]), rotated at 1 MB into `margin_r00000.log`, `margin_r00001.log`, …;
//! the current file and the last four are kept (5 MB at most).
//! It records the start (version, commit, system), projects opened, open and save errors, and
//! panics with their place and backtrace. It never records the text of documents: messages that
//! may quote a passage or a name pass through [`redact`], which keeps paths, places and the
//! error's kind and drops what is quoted.
//!
//! The window starts it (`main.rs`); the command line reports to stderr and writes no log.
//! Library code logs through the `log` macros, which cost nothing when no logger is started.

use std::path::Path;

use flexi_logger::{Cleanup, Criterion, FileSpec, Logger, LoggerHandle, Naming};

/// Rotate the current file when it reaches this size.
const ROTATE_BYTES: u64 = 1_000_000;

/// Rotated files kept besides the current one.
const KEEP_FILES: usize = 4;

/// The file being written, in the log folder.
pub const CURRENT: &str = "margin_rCURRENT.log";

/// What is logged: Margin's own notes, and other crates' warnings and errors.
const LEVELS: &str = "warn, margin=info";

/// Start writing the log in `dir` and install the panic hook. Keep the handle for as long as
/// the program runs; dropping it flushes and closes the file.
pub fn start(dir: &Path) -> Result<LoggerHandle, flexi_logger::FlexiLoggerError> {
    let handle = Logger::try_with_str(LEVELS)?
        .log_to_file(
            FileSpec::default()
                .directory(dir)
                .basename("margin")
                .suppress_timestamp(),
        )
        .rotate(
            Criterion::Size(ROTATE_BYTES),
            Naming::Numbers,
            Cleanup::KeepLogFiles(KEEP_FILES),
        )
        .append()
        // Old files go when a new one starts, not later on another thread: the folder never
        // holds more than it should (and the test can count them).
        .cleanup_in_background_thread(false)
        .format_for_files(flexi_logger::detailed_format)
        .start()?;
    install_panic_hook();
    log::info!(
        "Margin {} started on {} {} (log in {})",
        crate::install::VERSION_LINE,
        std::env::consts::OS,
        std::env::consts::ARCH,
        dir.display()
    );
    Ok(handle)
}

/// Log every panic (its place, its message redacted, a backtrace), then let the default hook
/// print it as before.
fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let payload = info.payload();
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let place = info
            .location()
            .map_or_else(String::new, |l| format!(" at {}:{}", l.file(), l.line()));
        log::error!(
            "panic{place}: {}\n{}",
            redact_panic(&message),
            std::backtrace::Backtrace::force_capture()
        );
        previous(info);
    }));
}

/// `text` with everything between double quotes or backticks replaced by `…`: error messages
/// quote passages, labels and names that way (`{:?}`), while paths, places and counts are not
/// quoted.
#[must_use]
pub fn redact(text: &str) -> String {
    redact_between(text, &['"', '`'])
}

/// Like [`redact`], and also between single quotes: a panic on slicing a string quotes the
/// character in them (and the string in backticks).
fn redact_panic(text: &str) -> String {
    redact_between(text, &['"', '`', '\''])
}

fn redact_between(text: &str, quotes: &[char]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        out.push(c);
        if !quotes.contains(&c) {
            continue;
        }
        // Skip to the matching quote (a backslash escapes the next character); an unclosed
        // quote hides the rest.
        let mut escaped = false;
        for d in chars.by_ref() {
            if escaped {
                escaped = false;
            } else if d == '\\' {
                escaped = true;
            } else if d == c {
                break;
            }
        }
        out.push('…');
        out.push(c);
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn quoted_passages_and_names_are_dropped_and_paths_kept() {
        let message = r#"/home/ann/study/documents/1.ron: coding 5 (10..20) could not be found again in the changed text of "Interview G8": its passage "我不想\"留级\"了" is gone"#;
        assert_eq!(
            redact(message),
            r#"/home/ann/study/documents/1.ron: coding 5 (10..20) could not be found again in the changed text of "…": its passage "…" is gone"#
        );
        assert_eq!(redact("the project's folder"), "the project's folder");
        assert_eq!(redact("unclosed \"secret"), "unclosed \"…\"");
        assert_eq!(
            redact_panic(
                "byte index 4 is not a char boundary; it is inside '留' (bytes 3..6) of `不想留级`"
            ),
            "byte index 4 is not a char boundary; it is inside '…' (bytes 3..6) of `…`"
        );
    }

    #[test]
    fn the_log_is_written_rotated_and_bounded_and_records_panics_without_text() {
        let dir = tempfile::tempdir().unwrap();
        let handle = start(dir.path()).unwrap();
        let line = "x".repeat(1000);
        for _ in 0..(ROTATE_BYTES as usize / 1000) * (KEEP_FILES + 3) {
            log::info!("{line}");
        }
        log::info!("the last line");
        handle.flush();
        let mut names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert!(names.contains(&CURRENT.to_owned()), "{names:?}");
        assert_eq!(names.len(), KEEP_FILES + 1, "{names:?}");
        let total: u64 = names
            .iter()
            .map(|n| std::fs::metadata(dir.path().join(n)).unwrap().len())
            .sum();
        assert!(
            total <= ROTATE_BYTES * (KEEP_FILES as u64 + 1) + 10_000,
            "{total}"
        );
        let current = std::fs::read_to_string(dir.path().join(CURRENT)).unwrap();
        assert!(
            current.contains("INFO [margin::logging::tests]"),
            "{current}"
        );
        assert!(current.trim_end().ends_with("the last line"), "{current}");

        // A panic is logged with its place, without what it quoted.
        let caught = std::panic::catch_unwind(|| {
            panic!("could not place the passage \"我不想留级\" in G8");
        });
        assert!(caught.is_err());
        handle.flush();
        let current = std::fs::read_to_string(dir.path().join(CURRENT)).unwrap();
        assert!(
            current.contains("panic at src/logging.rs:")
                && current.contains("could not place the passage \"…\" in G8"),
            "{current}"
        );
        assert!(!current.contains("留级"), "{current}");

        // The other tests of this process neither write into a folder about to go nor pass
        // through this hook.
        handle.shutdown();
        drop(std::panic::take_hook());
    }
}
