//! The sample project that travels inside the binary (embedded at build time by `build.rs` from
//! `sample_projects/support-group/`), and the working copy made of it on first use, so that any
//! installed `margin` (a package, `cargo install`, a binary copied anywhere) opens the sample
//! without the source tree, and coding in it never touches the original.
//!
//! The working copy is `samples/support-group` in the data folder. It is unpacked into a
//! temporary folder beside it and renamed into place, so an interrupted first run leaves either
//! no copy or a whole one; once made, it is the user's and is never overwritten.

use std::path::{Path, PathBuf};

/// The font that travels with Margin: Latin and Chinese, for the window (a fresh machine may
/// have no Chinese font) and for charts drawn as PNG.
pub const CJK_FONT: &[u8] = include_bytes!("../assets/fonts/DroidSansFallbackFull.ttf");

use thiserror::Error;

mod files {
    include!(concat!(env!("OUT_DIR"), "/bundled_sample.rs"));
}

/// Why the working copy could not be made.
#[derive(Debug, Error)]
#[error("could not unpack the sample project to {}: {error}", path.display())]
pub struct UnpackError {
    /// The file or folder that could not be written.
    pub path: PathBuf,
    /// The system's reason.
    pub error: std::io::Error,
}

/// A project carried inside the binary: its folder name and files.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BundledSample {
    name: &'static str,
    files: &'static [(&'static str, &'static [u8])],
}

impl BundledSample {
    /// The support-group study (`sample_projects/support-group/` when the binary was built).
    #[must_use]
    pub fn support_group() -> Self {
        Self {
            name: "support-group",
            files: files::FILES,
        }
    }

    /// The project's folder name.
    #[must_use]
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// The files, as paths relative to the project folder (with `/`) and their bytes, sorted.
    #[must_use]
    pub fn files(&self) -> &'static [(&'static str, &'static [u8])] {
        self.files
    }

    /// Where the working copy lives for the data folder `data`.
    #[must_use]
    pub fn working_copy_path(&self, data: &Path) -> PathBuf {
        data.join(crate::install::SAMPLES).join(self.name)
    }

    /// The working copy in the data folder `data`, unpacked now if there is none yet.
    pub fn working_copy(&self, data: &Path) -> Result<PathBuf, UnpackError> {
        let target = self.working_copy_path(data);
        if target.join("margin.ron").is_file() {
            return Ok(target);
        }
        let parent = target.parent().unwrap_or(data);
        let err = |path: &Path| {
            let path = path.to_path_buf();
            move |error| UnpackError { path, error }
        };
        std::fs::create_dir_all(parent).map_err(err(parent))?;
        let staging = parent.join(format!(".{}.{}.tmp", self.name, std::process::id()));
        let _ = std::fs::remove_dir_all(&staging);
        let unpack = || -> Result<(), UnpackError> {
            for (rel, bytes) in self.files {
                let path = staging.join(rel);
                if let Some(dir) = path.parent() {
                    std::fs::create_dir_all(dir).map_err(err(dir))?;
                }
                std::fs::write(&path, bytes).map_err(err(&path))?;
            }
            Ok(())
        };
        let result = unpack().and_then(|()| {
            let _ = std::fs::remove_dir(&target); // only an empty folder goes
            if target.exists() && !target.join("margin.ron").is_file() {
                // A folder of that name that is not a project: leave it, say so.
                return Err(UnpackError {
                    path: target.clone(),
                    error: std::io::Error::new(
                        std::io::ErrorKind::AlreadyExists,
                        "a folder of that name is there and is not a Margin project",
                    ),
                });
            }
            match std::fs::rename(&staging, &target) {
                Ok(()) => Ok(()),
                // Another Margin unpacked it at the same moment: theirs is as good.
                Err(_) if target.join("margin.ron").is_file() => Ok(()),
                Err(e) => Err(err(&target)(e)),
            }
        });
        let _ = std::fs::remove_dir_all(&staging);
        result.map(|()| target)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    /// The embedded files are the committed sample, byte for byte, and nothing else.
    #[test]
    fn the_embedded_sample_is_the_committed_folder() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_projects/support-group");
        let sample = BundledSample::support_group();
        for (rel, bytes) in sample.files() {
            assert_eq!(std::fs::read(root.join(rel)).unwrap(), *bytes, "{rel}");
        }
        let mut on_disk = 0;
        let mut stack = vec![root.clone()];
        while let Some(dir) = stack.pop() {
            for e in std::fs::read_dir(dir).unwrap() {
                let path = e.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                } else if path
                    .file_name()
                    .is_some_and(|n| n != crate::store::LOCK_FILE)
                {
                    on_disk += 1;
                }
            }
        }
        assert_eq!(sample.files().len(), on_disk);
    }

    #[test]
    fn the_working_copy_is_made_once_and_then_kept() {
        let dir = tempfile::tempdir().unwrap();
        let sample = BundledSample::support_group();
        let copy = sample.working_copy(dir.path()).unwrap();
        assert_eq!(copy, dir.path().join("samples/support-group"));
        assert!(crate::store::ProjectDir::open(&copy).is_ok());
        // The user's changes survive the next start.
        std::fs::write(copy.join("memos/mine.txt"), "mine").unwrap();
        assert_eq!(sample.working_copy(dir.path()).unwrap(), copy);
        assert!(copy.join("memos/mine.txt").is_file());
        // No staging folder is left beside it.
        let left: Vec<_> = std::fs::read_dir(dir.path().join("samples"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(left, vec![std::ffi::OsString::from("support-group")]);
    }

    #[test]
    fn a_folder_in_the_way_is_named_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let sample = BundledSample::support_group();
        let target = sample.working_copy_path(dir.path());
        std::fs::create_dir_all(&target).unwrap();
        std::fs::write(target.join("notes.txt"), "keep").unwrap();
        let e = sample.working_copy(dir.path()).unwrap_err();
        assert_eq!(e.path, target);
        assert!(e.to_string().contains("not a Margin project"), "{e}");
        assert_eq!(
            std::fs::read_to_string(target.join("notes.txt")).unwrap(),
            "keep"
        );
    }
}
