//! Writing a project read from a `.qdpx` so that a killed import leaves nothing half-made: the
//! project is written whole into a hidden staging folder beside the target and renamed into
//! place at the end, so the target is either absent (or the empty folder it was) or the complete
//! project. A staging folder is marked as in use by an OS lock on its companion file
//! `.<name>.margin-import-<id>.lock`, held from before the folder is made until after it is
//! renamed; staging folders whose lock is free belong to imports that died, and the next import
//! of the same name removes them. The command line and the window both create projects here.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

/// Why a staged project could not be put in place.
#[derive(Debug, thiserror::Error)]
pub enum StageError {
    /// A file or folder could not be read, made, locked, moved or removed.
    #[error("{doing} {}: {source}", path.display())]
    Io {
        /// What was being done ("creating", "moving … to", …).
        doing: String,
        /// The file or folder.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
    /// The target folder has something in it.
    #[error("{} already exists and is not empty", .0.display())]
    NotEmpty(PathBuf),
    /// The target names no folder (`/`, `..`).
    #[error("{} names no folder", .0.display())]
    NoFolderName(PathBuf),
}

fn io(path: &Path, doing: impl Into<String>, source: std::io::Error) -> StageError {
    StageError::Io {
        doing: doing.into(),
        path: path.to_path_buf(),
        source,
    }
}

/// True when `dir` is absent or an empty folder.
pub fn absent_or_empty(dir: &Path) -> Result<bool, StageError> {
    match std::fs::read_dir(dir) {
        Ok(mut entries) => Ok(entries.next().is_none()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(true),
        Err(e) => Err(io(dir, "reading", e)),
    }
}

/// A staging folder beside the target, and the locked file that marks it as in use.
pub struct Staging {
    /// The staging folder (made by the store; absent until then).
    pub dir: PathBuf,
    lock_path: PathBuf,
    /// Holds the OS lock while the import runs.
    _lock: File,
}

const STAGING_TAG: &str = ".margin-import-";

impl Staging {
    /// The staging names for `target`: `.<name>.margin-import-` in its parent folder.
    fn prefix(target: &Path) -> Result<(PathBuf, String), StageError> {
        let name = target
            .file_name()
            .ok_or_else(|| StageError::NoFolderName(target.to_path_buf()))?;
        let parent = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        Ok((parent, format!(".{}{STAGING_TAG}", name.to_string_lossy())))
    }

    /// Remove the staging folders (and lock files) of imports of `target` that died.
    pub fn remove_stale(target: &Path) -> Result<(), StageError> {
        let (parent, prefix) = Self::prefix(target)?;
        let Ok(entries) = std::fs::read_dir(&parent) else {
            return Ok(());
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let Some(id) = name.strip_prefix(&prefix) else {
                continue;
            };
            // Lock files are looked at with their folders; anything else is not ours.
            if Path::new(id).extension().is_some_and(|e| e == "lock") || !entry.path().is_dir() {
                continue;
            }
            let lock_path = parent.join(format!("{name}.lock"));
            // Free (or gone): its import died. Busy: another import is running.
            let held = match OpenOptions::new().write(true).open(&lock_path) {
                Ok(file) => match file.try_lock() {
                    Ok(()) => Some(file),
                    Err(TryLockError::WouldBlock) => continue,
                    Err(TryLockError::Error(e)) => return Err(io(&lock_path, "locking", e)),
                },
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
                Err(e) => return Err(io(&lock_path, "opening", e)),
            };
            let dir = entry.path();
            match std::fs::remove_dir_all(&dir) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => {
                    return Err(io(&dir, "removing what an import that stopped left in", e));
                }
            }
            if held.is_some() {
                let _ = std::fs::remove_file(&lock_path);
            }
        }
        Ok(())
    }

    /// Lock a fresh staging name for `target`; the folder itself is made by the store.
    pub fn new(target: &Path) -> Result<Self, StageError> {
        let (parent, prefix) = Self::prefix(target)?;
        let id = uuid::Uuid::new_v4().simple().to_string();
        let dir = parent.join(format!("{prefix}{id}"));
        let lock_path = parent.join(format!("{prefix}{id}.lock"));
        let lock = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&lock_path)
            .map_err(|e| io(&lock_path, "creating", e))?;
        lock.lock().map_err(|e| io(&lock_path, "locking", e))?;
        Ok(Self {
            dir,
            lock_path,
            _lock: lock,
        })
    }

    /// Rename the finished folder to `target` (absent, or an empty folder) and make the rename
    /// durable.
    pub fn place(&self, target: &Path) -> Result<(), StageError> {
        let moving = || format!("moving {} to", self.dir.display());
        if let Err(first) = std::fs::rename(&self.dir, target) {
            // Renaming onto an empty folder is refused on some systems: remove it, then rename.
            if !(target.is_dir() && absent_or_empty(target)?) {
                if target.exists() {
                    return Err(StageError::NotEmpty(target.to_path_buf()));
                }
                return Err(io(target, moving(), first));
            }
            std::fs::remove_dir(target).map_err(|e| io(target, "replacing", e))?;
            std::fs::rename(&self.dir, target).map_err(|e| io(target, moving(), e))?;
        }
        let (parent, _) = Self::prefix(target)?;
        // Folders cannot be opened for syncing everywhere; where they can, the rename is made
        // durable here.
        if let Ok(d) = File::open(&parent) {
            let _ = d.sync_all();
        }
        Ok(())
    }
}

impl Drop for Staging {
    /// A staging folder not placed is removed; then the lock file (the OS lock goes with it).
    fn drop(&mut self) {
        if self.dir.exists() {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
        let _ = std::fs::remove_file(&self.lock_path);
    }
}
