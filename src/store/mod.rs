//! The project folder on disk (see DESIGN.md §2): loading with full checks, incremental atomic
//! saves, the lock that keeps a second Margin read-only, and format migrations.

mod error;
mod format;
mod load;
mod lock;
mod migrate;
mod paths;
mod save;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

pub use error::{Problem, StoreError};
pub use format::{
    CaseEntry, CasesFile, CodedDocuments, CodingsFile, DocumentMeta, SegmentRecord, from_ron,
    to_ron,
};
pub use load::{LoadReport, Moved, MovedSegment};
pub use lock::{LOCK_FILE, Lock, LockInfo};
pub use migrate::{OLDEST, RawFiles, STEPS, Step};
pub use paths::files_of;
pub use save::FileWrite;

use crate::model::{EntityKey, Project};
use error::io;
use save::CrashAfter;

/// Lines of the `.gitignore` a new project gets: the lock and temp files are not project data.
const GITIGNORE: &str =
    "# Margin: the lock and unfinished writes are not project data\n.margin.lock\n.*.tmp\n";

/// An open project folder.
#[derive(Debug)]
pub struct ProjectDir {
    root: PathBuf,
    lock: Lock,
}

/// A project just opened: the folder, the project, and what loading noticed.
#[derive(Debug)]
pub struct Opened {
    /// The folder.
    pub dir: ProjectDir,
    /// The project.
    pub project: Project,
    /// Migrations and re-anchoring done while loading.
    pub report: LoadReport,
}

/// Files rendered for saving, ready to be written (possibly on another thread).
#[derive(Debug)]
pub struct PendingSave {
    root: PathBuf,
    keys: BTreeSet<EntityKey>,
    writes: Vec<FileWrite>,
}

/// What a save did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Saved {
    /// Files written or removed, relative to the project folder.
    pub files: Vec<PathBuf>,
}

impl ProjectDir {
    /// Create a new project folder at `root` (absent or empty) holding `project`.
    pub fn create(root: &Path, project: &mut Project) -> Result<Self, StoreError> {
        if root.exists() {
            let mut entries = std::fs::read_dir(root).map_err(io(root))?;
            if entries.next().is_some() {
                return Err(StoreError::NotEmpty(root.to_path_buf()));
            }
        }
        std::fs::create_dir_all(root).map_err(io(root))?;
        let gitignore = root.join(".gitignore");
        std::fs::write(&gitignore, GITIGNORE).map_err(io(&gitignore))?;
        let dir = Self {
            root: root.to_path_buf(),
            lock: Lock::acquire(root)?,
        };
        project.touch_all();
        dir.save(project)?;
        Ok(dir)
    }

    /// Open the project at `root` for editing. If another Margin holds it, it opens read-only
    /// (see [`ProjectDir::read_only_reason`]).
    pub fn open(root: &Path) -> Result<Opened, StoreError> {
        Self::open_locked(root, false)
    }

    /// Open the project at `root` to change it: refused with [`StoreError::ReadOnly`] before
    /// anything is read when another Margin holds it (a writing command has nothing to do then).
    pub fn open_writable(root: &Path) -> Result<Opened, StoreError> {
        Self::open_locked(root, true)
    }

    /// Take the lock, then load; with `refuse_busy`, stop before loading when it is held
    /// elsewhere. The holder first removes the temporary files of writers that were killed.
    fn open_locked(root: &Path, refuse_busy: bool) -> Result<Opened, StoreError> {
        if !root.join(paths::MANIFEST).is_file() {
            return Err(StoreError::NotAProject(root.to_path_buf()));
        }
        let lock = Lock::acquire(root)?;
        match &lock {
            Lock::Busy(info) if refuse_busy => return Err(StoreError::ReadOnly(info.clone())),
            Lock::Held { .. } => save::remove_leftover_temps(root),
            _ => {}
        }
        let (project, report) = load::load(root)?;
        Ok(Opened {
            dir: Self {
                root: root.to_path_buf(),
                lock,
            },
            project,
            report,
        })
    }

    /// Open the project at `root` to read only, without taking the lock (for `check`, `stats`).
    pub fn open_read_only(root: &Path) -> Result<Opened, StoreError> {
        let (project, report) = load::load(root)?;
        Ok(Opened {
            dir: Self {
                root: root.to_path_buf(),
                lock: Lock::None,
            },
            project,
            report,
        })
    }

    /// The folder.
    #[must_use]
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Why this project is read-only: who holds it. `None` when we may write.
    #[must_use]
    pub fn read_only_reason(&self) -> Option<String> {
        match &self.lock {
            Lock::Held { .. } => None,
            Lock::Busy(info) => Some(format!("the project is open elsewhere, {info}")),
            Lock::None => Some("the project was opened read-only".into()),
        }
    }

    /// A stale lock (left by a process that is gone) that opening replaced.
    #[must_use]
    pub fn replaced_stale_lock(&self) -> Option<&LockInfo> {
        match &self.lock {
            Lock::Held { replaced_stale, .. } => replaced_stale.as_ref(),
            _ => None,
        }
    }

    /// Save what changed since the last save. Writes nothing when nothing changed.
    pub fn save(&self, project: &mut Project) -> Result<Saved, StoreError> {
        self.save_with(project, CrashAfter(None))
    }

    /// Render what changed, to be written by [`PendingSave::write`] (on any thread). If writing
    /// fails, give the pending save back to [`PendingSave::restore`] so nothing is lost.
    pub fn prepare(&self, project: &mut Project) -> Result<PendingSave, StoreError> {
        if let Lock::Busy(info) = &self.lock {
            return Err(StoreError::ReadOnly(info.clone()));
        }
        let keys = project.take_touched();
        let writes = save::render(project, &keys, &self.root);
        Ok(PendingSave {
            root: self.root.clone(),
            keys,
            writes,
        })
    }

    /// Save, simulating a crash after `steps` write steps (for tests of interrupted saves).
    #[doc(hidden)]
    pub fn save_interrupted(
        &self,
        project: &mut Project,
        steps: usize,
    ) -> Result<Saved, StoreError> {
        self.save_with(project, CrashAfter(Some(steps)))
    }

    fn save_with(&self, project: &mut Project, mut crash: CrashAfter) -> Result<Saved, StoreError> {
        let pending = self.prepare(project)?;
        match save::commit(&pending.root, &pending.writes, &mut crash) {
            Ok(files) => Ok(Saved { files }),
            Err(e) => {
                pending.restore(project);
                Err(e)
            }
        }
    }
}

impl PendingSave {
    /// True when there is nothing to write.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.writes.is_empty()
    }

    /// Write the files.
    pub fn write(&self) -> Result<Saved, StoreError> {
        save::commit(&self.root, &self.writes, &mut CrashAfter(None)).map(|files| Saved { files })
    }

    /// Mark this save's entities as changed again after a failed write.
    pub fn restore(self, project: &mut Project) {
        project.retouch(self.keys);
    }
}
