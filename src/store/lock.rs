//! The project lock (`.margin.lock`): one Margin edits a project at a time; a second opens it
//! read-only and is told who holds it. The lock is an OS file lock on that file, so it is freed
//! when its holder exits or crashes: a lock file left by a dead process is recognised as stale.
//!
//! The file is never removed, not even on release: a process that opened it a moment before
//! would otherwise lock a file that is no longer in the folder while a third creates a new one,
//! and two writers would both believe they hold the project.

use std::fmt;
use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::error::{StoreError, io};

/// Name of the lock file in the project folder (kept out of git by the project's `.gitignore`).
pub const LOCK_FILE: &str = ".margin.lock";

/// Who holds a project.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LockInfo {
    /// The user name.
    pub user: String,
    /// The machine.
    pub host: String,
    /// The process id.
    pub pid: u32,
    /// Since when.
    pub since: DateTime<Utc>,
}

impl LockInfo {
    fn current() -> Self {
        let user = std::env::var("USER")
            .or_else(|_| std::env::var("USERNAME"))
            .unwrap_or_else(|_| "unknown user".into());
        let host = std::env::var("HOSTNAME")
            .ok()
            .or_else(|| std::fs::read_to_string("/etc/hostname").ok())
            .map_or_else(|| "unknown host".into(), |h| h.trim().to_owned());
        Self {
            user,
            host,
            pid: std::process::id(),
            since: Utc::now(),
        }
    }
}

impl fmt::Display for LockInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "held by {} on {} (process {}) since {}",
            self.user,
            self.host,
            self.pid,
            self.since.format("%Y-%m-%d %H:%M UTC")
        )
    }
}

/// The outcome of trying to lock a project.
#[derive(Debug)]
pub enum Lock {
    /// We hold the lock; dropping it releases it.
    Held {
        /// The open lock file (the OS lock lives as long as it).
        file: File,
        /// Its path.
        path: PathBuf,
        /// A stale lock found and replaced, if there was one.
        replaced_stale: Option<LockInfo>,
    },
    /// Someone else holds it: read-only.
    Busy(LockInfo),
    /// Not locked (a read-only open that did not ask for the lock).
    None,
}

impl Lock {
    /// Try to take the lock of the project at `root`.
    pub fn acquire(root: &Path) -> Result<Self, StoreError> {
        let path = root.join(LOCK_FILE);
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(io(&path))?;
        match file.try_lock() {
            Ok(()) => {
                let mut old = String::new();
                // A lock file we could lock belonged to a process that is gone.
                let replaced_stale = file
                    .read_to_string(&mut old)
                    .ok()
                    .and_then(|_| ron::from_str::<LockInfo>(&old).ok());
                let text = ron::to_string(&LockInfo::current()).unwrap_or_default();
                file.set_len(0).map_err(io(&path))?;
                file.rewind().map_err(io(&path))?;
                file.write_all(text.as_bytes()).map_err(io(&path))?;
                file.sync_all().map_err(io(&path))?;
                Ok(Self::Held {
                    file,
                    path,
                    replaced_stale,
                })
            }
            Err(TryLockError::WouldBlock) => {
                let mut text = String::new();
                file.read_to_string(&mut text).map_err(io(&path))?;
                let info = ron::from_str(&text).unwrap_or_else(|_| LockInfo {
                    user: "another Margin".into(),
                    host: "unknown host".into(),
                    pid: 0,
                    since: Utc::now(),
                });
                Ok(Self::Busy(info))
            }
            Err(TryLockError::Error(e)) => Err(StoreError::Io { path, error: e }),
        }
    }

    /// True when we may write.
    #[must_use]
    pub fn is_held(&self) -> bool {
        matches!(self, Self::Held { .. })
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        if let Self::Held { file, .. } = self {
            // Say that no one holds it, then unlock; the file stays (see the module's header).
            let _ = file.set_len(0);
            let _ = file.unlock();
        }
    }
}
