//! `margin import-qdpx`: a REFI-QDA project (`.qdpx` from `NVivo`, ATLAS.ti, MAXQDA, `QualCoder`
//! or Margin) becomes a new Margin project folder. Prints what was imported, how offsets were
//! read, and everything that could not be imported.
//!
//! The project is written whole into a hidden staging folder beside the target and renamed into
//! place at the end, so the target is either absent (or the empty folder it was) or the complete
//! project, whenever the import is killed. A staging folder is marked as in use by an OS lock on
//! its companion file `.<name>.margin-import-<id>.lock`, held from before the folder is made
//! until after it is renamed; staging folders whose lock is free belong to imports that died,
//! and the next import of the same name removes them.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};
use clap::Args;

use crate::import::qdpx;
use crate::store::ProjectDir;

/// Arguments of `margin import-qdpx`.
#[derive(Debug, Args)]
pub struct ImportQdpxArgs {
    /// The `.qdpx` file.
    pub file: PathBuf,
    /// The project folder to create (absent or empty).
    pub dir: PathBuf,
    /// The project's name (default: the name in the file).
    #[arg(long)]
    pub name: Option<String>,
}

/// True when `dir` is absent or an empty folder.
fn absent_or_empty(dir: &Path) -> anyhow::Result<bool> {
    match std::fs::read_dir(dir) {
        Ok(mut entries) => Ok(entries.next().is_none()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(true),
        Err(e) => Err(e).with_context(|| format!("reading {}", dir.display())),
    }
}

/// A staging folder beside the target, and the locked file that marks it as in use.
struct Staging {
    dir: PathBuf,
    lock_path: PathBuf,
    /// Holds the OS lock while the import runs.
    _lock: File,
}

const STAGING_TAG: &str = ".margin-import-";

impl Staging {
    /// The staging names for `target`: `.<name>.margin-import-` in its parent folder.
    fn prefix(target: &Path) -> anyhow::Result<(PathBuf, String)> {
        let name = target
            .file_name()
            .with_context(|| format!("{} names no folder", target.display()))?;
        let parent = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        Ok((parent, format!(".{}{STAGING_TAG}", name.to_string_lossy())))
    }

    /// Remove the staging folders (and lock files) of imports of `target` that died.
    fn remove_stale(target: &Path) -> anyhow::Result<()> {
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
                    Err(TryLockError::Error(e)) => {
                        return Err(e).with_context(|| format!("locking {}", lock_path.display()));
                    }
                },
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
                Err(e) => {
                    return Err(e).with_context(|| format!("opening {}", lock_path.display()));
                }
            };
            let dir = entry.path();
            match std::fs::remove_dir_all(&dir) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => {
                    return Err(e).with_context(|| {
                        format!("removing {}, left by an import that stopped", dir.display())
                    });
                }
            }
            if held.is_some() {
                let _ = std::fs::remove_file(&lock_path);
            }
        }
        Ok(())
    }

    /// Lock a fresh staging name for `target`; the folder itself is made by the store.
    fn new(target: &Path) -> anyhow::Result<Self> {
        let (parent, prefix) = Self::prefix(target)?;
        let id = uuid::Uuid::new_v4().simple().to_string();
        let dir = parent.join(format!("{prefix}{id}"));
        let lock_path = parent.join(format!("{prefix}{id}.lock"));
        let lock = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&lock_path)
            .with_context(|| format!("creating {}", lock_path.display()))?;
        lock.lock()
            .with_context(|| format!("locking {}", lock_path.display()))?;
        Ok(Self {
            dir,
            lock_path,
            _lock: lock,
        })
    }

    /// Rename the finished folder to `target` (absent, or an empty folder) and make the rename
    /// durable.
    fn place(&self, target: &Path) -> anyhow::Result<()> {
        if let Err(first) = std::fs::rename(&self.dir, target) {
            // Renaming onto an empty folder is refused on some systems: remove it, then rename.
            if !(target.is_dir() && absent_or_empty(target)?) {
                if target.exists() {
                    bail!(
                        "{} already exists and is not empty (it was filled while the import ran)",
                        target.display()
                    );
                }
                return Err(first).with_context(|| {
                    format!("moving {} to {}", self.dir.display(), target.display())
                });
            }
            std::fs::remove_dir(target)
                .with_context(|| format!("replacing {}", target.display()))?;
            std::fs::rename(&self.dir, target).with_context(|| {
                format!("moving {} to {}", self.dir.display(), target.display())
            })?;
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

/// Import a `.qdpx` as a new project.
pub fn run(args: &ImportQdpxArgs, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    if !absent_or_empty(&args.dir)? {
        bail!("{} already exists and is not empty", args.dir.display());
    }
    let qdpx::QdpxImport {
        mut project,
        report,
    } = qdpx::read_named(&args.file, args.name.as_deref())?;
    Staging::remove_stale(&args.dir)?;
    let staging = Staging::new(&args.dir)?;
    // The store's lock on the staging folder is released (the value dropped) before the rename.
    drop(
        ProjectDir::create(&staging.dir, &mut project)
            .with_context(|| format!("creating {}", args.dir.display()))?,
    );
    staging.place(&args.dir)?;
    drop(staging);
    writeln!(out, "imported {} {}", args.file.display(), report.summary())?;
    writeln!(out, "created {}", args.dir.display())?;
    for line in report.offset_notes() {
        writeln!(out, "  {line}")?;
    }
    if !report.adjusted.is_empty() {
        writeln!(out, "adjusted:")?;
        for l in &report.adjusted {
            writeln!(out, "  {l}")?;
        }
    }
    if !report.skipped.is_empty() {
        writeln!(out, "not imported:")?;
        for l in &report.skipped {
            writeln!(out, "  {l}")?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
