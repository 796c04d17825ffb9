//! Team sync through git, driven for the researcher: set a project up to sync with a remote
//! (a shared folder, GitHub, GitLab, Gitea), clone a teammate's project, and sync: save,
//! commit this coder's changes as the coder with a message in words, fetch, merge the
//! teammate's work entity by entity ([`merge3`]: no conflict markers, nothing lost), and push,
//! again when the remote moved meanwhile. libgit2 (through `git2`, built in) does the git work;
//! the project only ever changes through the session, so a sync is one undo step, saved with
//! the usual atomic writes, and a sync cut short leaves a project that opens and a next sync
//! that completes. No egui in here, and no network access other than to the remote.

mod git;
pub mod merge3;
mod summary;

use std::path::{Path, PathBuf};

use thiserror::Error;

pub use git::{clone, setup};
pub use summary::{Summary, describe};

use crate::model::{Edit, Project};
use crate::session::{Action, Session, SessionError};
use crate::store::StoreError;

/// The remote a project syncs with unless told otherwise.
pub const DEFAULT_REMOTE: &str = "origin";

/// How many times a sync fetches and merges again when its push was refused because a
/// teammate pushed meanwhile.
const TRIES: usize = 4;

/// Why a sync (or setting one up) failed. The project is as it was, or saved whole.
#[derive(Debug, Error)]
pub enum SyncError {
    /// The project folder is not set up to sync.
    #[error("{} is not set up to sync yet: `margin sync --setup URL {}` (or Project ▸ Team sync… in the window)", .0.display(), .0.display())]
    NotSetUp(PathBuf),
    /// The project has no remote of that name.
    #[error("the project has no remote named {0:?}; set one up with `margin sync --setup URL`")]
    NoRemote(String),
    /// Git refused or failed (the remote could not be reached, credentials were refused, ...).
    #[error("{doing}: {source}")]
    Git {
        /// What was being done.
        doing: String,
        /// libgit2's error.
        source: git2::Error,
    },
    /// The remote kept moving: every push was refused.
    #[error("the remote kept changing while syncing ({TRIES} tries); sync again in a moment")]
    RemoteKeptMoving,
    /// A copy in the history could not be read as a project.
    #[error("the version {commit} in the project's history cannot be read: {source}")]
    Unreadable {
        /// The commit.
        commit: String,
        /// Why.
        source: StoreError,
    },
    /// Writing a temporary copy failed.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
    /// The project could not be changed or saved.
    #[error(transparent)]
    Session(#[from] SessionError),
    /// The merged copy could not be made (a rule of the merge is wrong).
    #[error("the teammate's changes could not be merged: {0}")]
    Merge(#[from] crate::model::EditError),
}

/// What a sync did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SyncReport {
    /// The message of the commit of this coder's changes, if there were any.
    pub committed: Option<String>,
    /// What came in from the teammates, by coder ("Zhou Ming: 37 new codings in 3 documents").
    pub incoming: Vec<String>,
    /// What was changed on both sides and how it was kept.
    pub kept_both: Vec<String>,
    /// What was brought back because kept work refers to it.
    pub restored: Vec<String>,
    /// True when the remote now has this copy's work.
    pub pushed: bool,
    /// Bytes sent to the remote.
    pub bytes_pushed: usize,
}

impl SyncReport {
    /// True when nothing came in and nothing went out.
    #[must_use]
    pub fn is_quiet(&self) -> bool {
        self.committed.is_none() && self.incoming.is_empty() && self.bytes_pushed == 0
    }
}

/// Sync the session's project with `remote`, committing as `author`.
pub fn sync(session: &mut Session, remote: &str, author: &str) -> Result<SyncReport, SyncError> {
    session.save()?;
    let root = session.root().to_path_buf();
    let repo = git::Repo::open(&root)?;
    // The session holds the project's lock: nothing else of Margin's is writing in `.git`.
    repo.clear_stale_locks()?;
    let mut report = SyncReport {
        committed: repo.commit_changes(session.project(), author)?,
        ..SyncReport::default()
    };
    for _ in 0..TRIES {
        repo.fetch(remote)?;
        if let Some(theirs) = repo.remote_head(remote)? {
            merge_in(&repo, session, theirs, remote, author, &mut report)?;
        }
        match repo.push(remote)? {
            git::Pushed::Done(bytes) => {
                report.bytes_pushed += bytes;
                report.pushed = true;
                return Ok(report);
            }
            git::Pushed::Refused => {}
        }
    }
    Err(SyncError::RemoteKeptMoving)
}

/// Bring the commit `theirs` into the project and the branch.
fn merge_in(
    repo: &git::Repo,
    session: &mut Session,
    theirs: git2::Oid,
    remote: &str,
    author: &str,
    report: &mut SyncReport,
) -> Result<(), SyncError> {
    let Some(ours) = repo.head()? else {
        // Nothing of ours committed yet (a fresh clone has a head): take theirs.
        return adopt(repo, session, theirs, report);
    };
    if ours == theirs || repo.descends(ours, theirs)? {
        return Ok(());
    }
    if repo.descends(theirs, ours)? {
        return adopt(repo, session, theirs, report);
    }
    let base = repo.merge_base(ours, theirs)?;
    let (base, ours_p, theirs_p) = (
        repo.project_at(base)?,
        repo.project_at(ours)?,
        repo.project_at(theirs)?,
    );
    let (merged, settled) = merge3::merge3(&base, &ours_p, &theirs_p)?;
    report.kept_both.extend(settled.kept_both);
    report.restored.extend(settled.restored);
    let message = format!("{author}: merged {remote} (Margin sync)");
    let before = session.project().clone();
    change_to(session, &merged)?;
    report
        .incoming
        .extend(summary::by_coder(&before, session.project()));
    repo.commit_merge(ours, theirs, &message)
}

/// Make the project what commit `commit` holds (a fast-forward).
fn adopt(
    repo: &git::Repo,
    session: &mut Session,
    commit: git2::Oid,
    report: &mut SyncReport,
) -> Result<(), SyncError> {
    let target = repo.project_at(commit)?;
    let before = session.project().clone();
    change_to(session, &target)?;
    report
        .incoming
        .extend(summary::by_coder(&before, session.project()));
    repo.fast_forward(commit)
}

/// Change the session's project into `target`, as one undo step, and save it.
fn change_to(session: &mut Session, target: &Project) -> Result<(), SyncError> {
    let edit = Edit::between(session.project(), target);
    session.execute(Action::Prepared {
        label: "Sync with the team".into(),
        edit,
    })?;
    session.save()?;
    Ok(())
}

/// True when the project in `root` is set up to sync.
#[must_use]
pub fn is_set_up(root: &Path) -> bool {
    git::Repo::open(root).is_ok()
}
