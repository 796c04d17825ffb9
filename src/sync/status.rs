//! Where a synced project stands against its remote, for the window's status bar: the remote,
//! the project as last committed (this copy's own changes are counted against it), what the
//! remote holds that this copy lacks, whether the remote could be reached, and when this copy
//! last synced. Any thread; the fetch is the only network access.

use std::path::Path;
use std::time::SystemTime;

use super::{Summary, SyncError, git};
use crate::model::Project;

/// Where a synced project stands.
#[derive(Debug)]
pub struct Status {
    /// The remote's name.
    pub remote: String,
    /// Where it is (a URL or a folder).
    pub url: String,
    /// The project as last committed; `None` before the first commit.
    pub committed: Option<Box<Project>>,
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
    let committed = head.map(|h| repo.project_at(h)).transpose()?;
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
        committed: committed.map(Box::new),
        incoming,
        offline,
        last_sync: repo.last_synced(),
    }))
}
