//! Team sync through git, driven for the researcher: set a project up to sync with a remote
//! (a shared folder, GitHub, GitLab, Gitea), clone a teammate's project, and sync: save,
//! commit this coder's changes as the coder with a message in words, fetch, merge the
//! teammate's work entity by entity ([`merge3`]: no conflict markers, nothing lost), and push,
//! again when the remote moved meanwhile. libgit2 (through `git2`, built in) does the git work;
//! the project only ever changes through the session, so a sync is one undo step, saved with
//! the usual atomic writes, and a sync cut short leaves a project that opens and a next sync
//! that completes. No egui in here, and no network access other than to the remote.

mod git;
pub mod login;
pub mod merge3;
mod status;
mod summary;

use std::path::{Path, PathBuf};

use thiserror::Error;

pub use git::{clone, setup};
pub use status::{Status, local_changes, status};
pub use summary::{Arrival, Kind, Summary, describe};

use crate::model::{Edit, Project};
use crate::session::{Action, Changes, Session, SessionError};
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
    /// The remote asks for a user name and a password or token that Margin does not have.
    #[error(
        "{url} asks for a user name and a password or access token: give them in the window (it asks), or keep them with git's credential helper (`git credential approve`)"
    )]
    NeedsLogin {
        /// The remote's address.
        url: String,
    },
    /// The remote refused the push for another reason than new commits (a lock, a rule of
    /// the server, a full disk).
    #[error("{remote} refused the push: {reason}")]
    PushRefused {
        /// The remote.
        remote: String,
        /// What it said.
        reason: String,
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

impl SyncError {
    /// True when the remote refused the credentials.
    #[must_use]
    pub fn credentials_refused(&self) -> bool {
        matches!(self, Self::Git { source, .. } if source.code() == git2::ErrorCode::Auth)
    }

    /// True when the remote could not be reached (no network, a server down, a shared drive
    /// not there): the project is fine, only away from its team.
    #[must_use]
    pub fn unreachable(&self) -> bool {
        use git2::ErrorClass as C;
        let Self::Git { source, .. } = self else {
            return false;
        };
        matches!(source.class(), C::Net | C::Http | C::Ssh | C::Os)
            // A remote folder that is not there (a shared drive not mounted).
            || (source.class() == C::Repository && source.code() == git2::ErrorCode::NotFound)
    }
}

/// What a sync did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SyncReport {
    /// The message of the commit of this coder's changes, if there were any.
    pub committed: Option<String>,
    /// What came in from the teammates: each one's codings ("Zhou Ming: 37 new codings in 3
    /// documents")...
    pub incoming: Vec<Arrival>,
    /// ... and the rest of what came in, by kind.
    pub incoming_rest: Summary,
    /// What was changed on both sides and how it was kept.
    pub kept_both: Vec<String>,
    /// What was brought back because kept work refers to it.
    pub restored: Vec<String>,
    /// True when the remote now has this copy's work.
    pub pushed: bool,
    /// Bytes sent to the remote.
    pub bytes_pushed: usize,
}

/// Sync the session's project with `remote`, committing as `author`: the four steps below
/// in turn, through a [`Run`], fetching and merging again while the remote moves.
pub fn sync(session: &mut Session, remote: &str, author: &str) -> Result<SyncReport, SyncError> {
    let mut run = Run::start(session, remote, author)?;
    loop {
        let incoming = fetch_incoming(run.root(), remote)?;
        run.take(session, incoming)?;
        if let Some(report) = run.pushed(push(run.root(), remote)?)? {
            return Ok(report);
        }
    }
}

/// A sync under way, one step at a time: the window runs the slow steps ([`fetch_incoming`],
/// [`push`]) on a thread and these quick ones on its own; [`sync`] runs them in turn. When to
/// fetch again and when to give up is decided here, once.
#[derive(Debug)]
pub struct Run {
    root: PathBuf,
    remote: String,
    author: String,
    tries: usize,
    report: SyncReport,
}

impl Run {
    /// Step 1: save and commit this coder's changes.
    pub fn start(session: &mut Session, remote: &str, author: &str) -> Result<Self, SyncError> {
        let committed = commit_local(session, author)?;
        Ok(Self {
            root: session.root().to_path_buf(),
            remote: remote.to_owned(),
            author: author.to_owned(),
            tries: 0,
            report: SyncReport {
                committed,
                ..SyncReport::default()
            },
        })
    }

    /// The project folder.
    #[must_use]
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The remote synced with.
    #[must_use]
    pub fn remote(&self) -> &str {
        &self.remote
    }

    /// Step 3: apply what [`fetch_incoming`] found; returns what changed in the project (for
    /// the views), if anything came in.
    pub fn take(
        &mut self,
        session: &mut Session,
        incoming: Incoming,
    ) -> Result<Option<Changes>, SyncError> {
        take_incoming(
            session,
            incoming,
            &self.remote,
            &self.author,
            &mut self.report,
        )
    }

    /// After step 4 ([`push`]): the report when the push went through (the time of the sync
    /// noted for [`status`]); `None` to fetch and merge again; an error when the remote kept
    /// moving.
    pub fn pushed(&mut self, sent: Option<usize>) -> Result<Option<SyncReport>, SyncError> {
        let Some(bytes) = sent else {
            self.tries += 1;
            return if self.tries < TRIES {
                Ok(None)
            } else {
                Err(SyncError::RemoteKeptMoving)
            };
        };
        self.report.bytes_pushed += bytes;
        self.report.pushed = true;
        git::Repo::open(&self.root)?.note_synced()?;
        Ok(Some(std::mem::take(&mut self.report)))
    }
}

/// Step 1, quick (the window's thread): save, and commit this coder's changes if there are
/// any; returns the commit's message.
fn commit_local(session: &mut Session, author: &str) -> Result<Option<String>, SyncError> {
    session.save()?;
    let repo = git::Repo::open(session.root())?;
    // The session holds the project's lock: nothing else of Margin's is writing in `.git`.
    repo.clear_stale_locks()?;
    repo.commit_changes(session.project(), author)
}

/// What the remote brings, worked out from the repository alone (no session).
#[derive(Debug)]
pub enum Incoming {
    /// The remote has nothing this copy lacks.
    Nothing,
    /// The remote is ahead: the project becomes its commit.
    FastForward {
        /// The remote's commit.
        commit: git2::Oid,
        /// The project as this copy last committed it.
        from: Box<Project>,
        /// The project as the remote has it.
        to: Box<Project>,
    },
    /// Both moved: the merged project, committed with both as parents.
    Merge {
        /// This copy's last commit.
        ours: git2::Oid,
        /// The remote's.
        theirs: git2::Oid,
        /// The project as this copy last committed it.
        from: Box<Project>,
        /// The merged project.
        to: Box<Project>,
        /// What was changed on both sides and how it was kept.
        settled: merge3::Merged3,
    },
}

/// Step 2, slow (any thread: the network, and three versions read and merged): fetch from
/// `remote` and work out what it brings to the last commit.
pub fn fetch_incoming(root: &Path, remote: &str) -> Result<Incoming, SyncError> {
    let repo = git::Repo::open(root)?;
    repo.fetch(remote)?;
    let Some(theirs) = repo.remote_head(remote)? else {
        return Ok(Incoming::Nothing);
    };
    let Some(ours) = repo.head()? else {
        let to = repo.project_at(theirs)?;
        let from = Project::new(to.manifest().clone());
        return Ok(Incoming::FastForward {
            commit: theirs,
            from: Box::new(from),
            to: Box::new(to),
        });
    };
    if repo.descends(ours, theirs)? {
        return Ok(Incoming::Nothing);
    }
    let from = repo.project_at(ours)?;
    if repo.descends(theirs, ours)? {
        return Ok(Incoming::FastForward {
            commit: theirs,
            from: Box::new(from),
            to: Box::new(repo.project_at(theirs)?),
        });
    }
    let base = repo.project_at(repo.merge_base(ours, theirs)?)?;
    let (to, settled) = merge3::merge3(&base, &from, &repo.project_at(theirs)?)?;
    Ok(Incoming::Merge {
        ours,
        theirs,
        from: Box::new(from),
        to: Box::new(to),
        settled,
    })
}

/// Step 3, quick (the window's thread): apply what came in to the session (one undo step; what
/// the user changed meanwhile stays), save, and commit it.
fn take_incoming(
    session: &mut Session,
    incoming: Incoming,
    remote: &str,
    author: &str,
    report: &mut SyncReport,
) -> Result<Option<Changes>, SyncError> {
    let repo = git::Repo::open(session.root())?;
    match incoming {
        Incoming::Nothing => Ok(None),
        Incoming::FastForward { commit, from, to } => {
            let changes = bring_in(session, &from, &to, report)?;
            repo.fast_forward(commit)?;
            Ok(changes)
        }
        Incoming::Merge {
            ours,
            theirs,
            from,
            to,
            settled,
        } => {
            let changes = bring_in(session, &from, &to, report)?;
            report.kept_both.extend(settled.kept_both);
            report.restored.extend(settled.restored);
            repo.commit_merge(
                ours,
                theirs,
                author,
                &format!("{author}: merged {remote} (Margin sync)"),
            )?;
            Ok(changes)
        }
    }
}

/// Step 4, slow (any thread): push to `remote`; the bytes sent, or `None` when the remote moved
/// meanwhile (fetch and merge again).
pub fn push(root: &Path, remote: &str) -> Result<Option<usize>, SyncError> {
    match git::Repo::open(root)?.push(remote)? {
        git::Pushed::Done(bytes) => Ok(Some(bytes)),
        git::Pushed::Refused => Ok(None),
    }
}

/// Apply the change from `from` to `to` to the session, and say what came in; returns what the
/// step changed, if anything came in.
fn bring_in(
    session: &mut Session,
    from: &Project,
    to: &Project,
    report: &mut SyncReport,
) -> Result<Option<Changes>, SyncError> {
    let edit = Edit::between(from, to);
    let changes = if edit.is_empty() {
        None
    } else {
        session
            .execute(Action::TakeIncoming(edit))?
            .map(|applied| applied.step.changes)
    };
    session.save()?;
    let (arrivals, rest) = summary::by_coder(from, to);
    report.incoming.extend(arrivals);
    report.incoming_rest.add(&rest);
    Ok(changes)
}
