//! Where a synced project stands against its remote, for the window's status bar: the remote,
//! the project as last committed, what this copy changed since (as saved), what the remote
//! holds that this copy lacks, whether the remote could be reached, and when this copy last
//! synced. Any thread (the window's sync thread: reading three versions of a large project
//! takes a second); the fetch is the only network access.

use std::path::Path;
use std::sync::Arc;
use std::time::SystemTime;

use super::{Summary, SyncError, git};
use crate::model::Project;
use crate::store::ProjectDir;

/// Where a synced project stands.
#[derive(Debug)]
pub struct Status {
    /// The remote's name.
    pub remote: String,
    /// Where it is (a URL or a folder).
    pub url: String,
    /// The project as last committed; `None` before the first commit.
    pub committed: Option<Arc<Project>>,
    /// What this copy changed since, as saved.
    pub local: Summary,
    /// What the remote holds that this copy lacks (as of the last fetch).
    pub incoming: Summary,
    /// Why the remote could not be reached, when the fetch failed.
    pub offline: Option<String>,
    /// When this copy last synced.
    pub last_sync: Option<SystemTime>,
}

/// Where the project in `root` stands against `remote`, fetching first when `fetch` is true;
/// `None` when the project is not set up to sync with `remote`.
pub fn status(root: &Path, remote: &str, fetch: bool) -> Result<Option<Status>, SyncError> {
    let repo = match git::Repo::open(root) {
        Ok(repo) => repo,
        Err(SyncError::NotSetUp(_)) => return Ok(None),
        Err(e) => return Err(e),
    };
    let Some(url) = repo.remote_url(remote) else {
        return Ok(None);
    };
    let offline = if fetch {
        repo.fetch(remote).err().map(|e| e.to_string())
    } else {
        None
    };
    let head = repo.head()?;
    let committed = head.map(|h| repo.project_at(h)).transpose()?.map(Arc::new);
    let local = local_changes(root, committed.as_deref())?;
    let incoming = match (head, repo.remote_head(remote)?) {
        (_, None) => Summary::default(),
        (Some(ours), Some(theirs)) if repo.descends(ours, theirs)? => Summary::default(),
        (ours, Some(theirs)) => {
            let to = repo.project_at(theirs)?;
            let base = match ours {
                Some(ours) => repo.project_at(repo.merge_base(ours, theirs)?)?,
                None => Project::new(to.manifest().clone()),
            };
            Summary::between(&base, &to)
        }
    };
    Ok(Some(Status {
        remote: remote.to_owned(),
        url,
        committed,
        local,
        incoming,
        offline,
        last_sync: repo.last_synced(),
    }))
}

/// What the project in `root`, as saved, changed since `committed` (everything, before the
/// first commit).
pub fn local_changes(root: &Path, committed: Option<&Project>) -> Result<Summary, SyncError> {
    let saved = ProjectDir::open_read_only(root)
        .map_err(|e| SyncError::Session(crate::session::SessionError::Store(e)))?
        .project;
    Ok(match committed {
        Some(committed) => Summary::between(committed, &saved),
        None => Summary::between(&Project::new(saved.manifest().clone()), &saved),
    })
}
