//! Recordings linked to documents: where the file is (a path relative to the project where
//! possible, never a copy), decoding it to samples (symphonia, pure Rust), the playback clock,
//! the mapping between a time and the turns of a transcript, the waveform, and a player that
//! decodes and writes to a sound output on its own thread. Nothing here names egui: the window's
//! player (`ui/player.rs`) reads the player's position and sends it commands.

pub mod alsa;
pub mod clock;
pub mod decode;
pub mod output;
pub mod player;
pub mod timeline;
pub mod waveform;

use std::path::{Component, Path, PathBuf};

use crate::model::MediaLink;

pub use clock::Clock;
pub use decode::Decoder;
pub use output::{NullOutput, Output};
pub use player::Player;
pub use timeline::Timeline;

/// The extensions of the recordings Margin plays (the audio track of an mp4 too).
pub const EXTENSIONS: &[&str] = &[
    "mp3", "m4a", "aac", "mp4", "m4b", "mov", "wav", "ogg", "oga", "flac",
];

/// Why a recording cannot be linked, found or played.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum MediaError {
    /// The linked file is not where the project says (moved, renamed, on another machine).
    #[error("the recording {} is missing (linked as {stored:?}); locate it again", path.display())]
    Missing {
        /// Where it was looked for.
        path: PathBuf,
        /// The path the project stores.
        stored: String,
    },
    /// The file is of a kind Margin cannot decode.
    #[error("{}: {reason}", path.display())]
    Unsupported {
        /// The file.
        path: PathBuf,
        /// Why, and what to do.
        reason: String,
    },
    /// The file could not be read or decoded.
    #[error("{}: {message}", path.display())]
    Decode {
        /// The file.
        path: PathBuf,
        /// What went wrong, and where.
        message: String,
    },
}

/// What to tell a user whose file is Opus (symphonia, the pure-Rust decoder, has none).
pub const OPUS_REASON: &str = "Opus audio cannot be played (the built-in decoder has no Opus); \
convert it to FLAC, Ogg Vorbis or MP3 first, e.g. `ffmpeg -i in.opus out.flac`";

/// Check that `file` is a recording Margin can play, by its extension.
pub fn check_extension(file: &Path) -> Result<(), MediaError> {
    let ext = file
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    if ext == "opus" || ext == "webm" {
        return Err(MediaError::Unsupported {
            path: file.to_path_buf(),
            reason: OPUS_REASON.into(),
        });
    }
    if EXTENSIONS.contains(&ext.as_str()) {
        Ok(())
    } else {
        Err(MediaError::Unsupported {
            path: file.to_path_buf(),
            reason: format!(
                "not a recording Margin plays (expected one of: {})",
                EXTENSIONS.join(", ")
            ),
        })
    }
}

/// The link that a project in `project_root` stores for `file`: relative to the project where
/// the two share a folder (so a project and its recordings can move together), else absolute.
/// The file must exist and be of a kind Margin plays.
pub fn link_for(project_root: &Path, file: &Path) -> Result<MediaLink, MediaError> {
    check_extension(file)?;
    let absolute = std::fs::canonicalize(file).map_err(|_| MediaError::Missing {
        path: file.to_path_buf(),
        stored: file.display().to_string(),
    })?;
    if !absolute.is_file() {
        return Err(MediaError::Decode {
            path: file.to_path_buf(),
            message: "not a regular file".into(),
        });
    }
    let root = std::fs::canonicalize(project_root).unwrap_or_else(|_| project_root.to_path_buf());
    let path =
        relative_path(&root, &absolute).unwrap_or_else(|| absolute.to_string_lossy().into_owned());
    Ok(MediaLink { path })
}

/// `to` relative to the folder `from` (both absolute), written with `/`, when they share a
/// folder below the file system's root; `None` otherwise.
#[must_use]
pub fn relative_path(from: &Path, to: &Path) -> Option<String> {
    let from: Vec<Component> = from.components().collect();
    let to: Vec<Component> = to.components().collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    // Only the root (and on Windows the drive) in common: an absolute path says more.
    let shared_normal = from[..common]
        .iter()
        .any(|c| matches!(c, Component::Normal(_)));
    if !shared_normal {
        return None;
    }
    let mut parts: Vec<String> = vec!["..".into(); from.len() - common];
    parts.extend(
        to[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    Some(parts.join("/"))
}

/// Where the recording `link` of a project in `project_root` is now; [`MediaError::Missing`]
/// (naming both the stored path and where it was looked for) when it is not there.
pub fn resolve(project_root: &Path, link: &MediaLink) -> Result<PathBuf, MediaError> {
    let stored = Path::new(&link.path);
    let path = if stored.is_absolute() {
        stored.to_path_buf()
    } else {
        project_root.join(stored)
    };
    if path.is_file() {
        Ok(path)
    } else {
        Err(MediaError::Missing {
            path,
            stored: link.path.clone(),
        })
    }
}

/// A time as the player and the transcript show it: `m:ss` or `h:mm:ss`.
#[must_use]
pub fn format_time(ms: u64) -> String {
    let s = ms / 1000;
    let (h, m, s) = (s / 3600, s / 60 % 60, s % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// A timestamp as a `[hh:mm:ss]` transcript writes it (and the importer reads it back).
#[must_use]
pub fn transcript_stamp(ms: u64) -> String {
    let s = ms / 1000;
    format!("[{:02}:{:02}:{:02}]", s / 3600, s / 60 % 60, s % 60)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn links_are_relative_to_the_project_where_they_share_a_folder() {
        let dir = tempfile::tempdir().unwrap();
        let project = dir.path().join("study");
        let recordings = dir.path().join("recordings");
        std::fs::create_dir_all(&project).unwrap();
        std::fs::create_dir_all(project.join("audio")).unwrap();
        std::fs::create_dir_all(&recordings).unwrap();
        let beside = recordings.join("张三 访谈.mp3");
        let inside = project.join("audio/g1.wav");
        std::fs::write(&beside, b"x").unwrap();
        std::fs::write(&inside, b"x").unwrap();
        let link = link_for(&project, &beside).unwrap();
        assert_eq!(link.path, "../recordings/张三 访谈.mp3");
        assert_eq!(resolve(&project, &link).unwrap(), project.join(&link.path));
        assert_eq!(link_for(&project, &inside).unwrap().path, "audio/g1.wav");
        assert_eq!(relative_path(Path::new("/a"), Path::new("/b/c")), None);
    }

    #[test]
    fn a_missing_recording_is_an_error_naming_it_never_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        let link = MediaLink {
            path: "../recordings/gone.m4a".into(),
        };
        let err = resolve(dir.path(), &link).unwrap_err();
        let text = err.to_string();
        assert!(matches!(err, MediaError::Missing { .. }));
        assert!(
            text.contains("gone.m4a") && text.contains("missing"),
            "{text}"
        );
        let err = link_for(dir.path(), &dir.path().join("nowhere.mp3")).unwrap_err();
        assert!(err.to_string().contains("nowhere.mp3"));
    }

    #[test]
    fn opus_and_unknown_kinds_are_refused_with_a_reason() {
        let err = check_extension(Path::new("/x/talk.opus")).unwrap_err();
        assert!(err.to_string().contains("Opus"), "{err}");
        let err = check_extension(Path::new("/x/notes.docx")).unwrap_err();
        assert!(err.to_string().contains("notes.docx"), "{err}");
        assert!(check_extension(Path::new("/x/A.M4A")).is_ok());
    }

    #[test]
    fn times_are_written_as_the_importer_reads_them() {
        assert_eq!(format_time(65_000), "1:05");
        assert_eq!(format_time(3_725_000), "1:02:05");
        assert_eq!(transcript_stamp(3_725_400), "[01:02:05]");
    }
}
