//! The git side of sync, through libgit2: opening or making the repository, committing the
//! project's files as the coder, fetching, pushing, moving the branch, and reading the project
//! as it was at a commit. Credentials come from the SSH agent or key files and from git's own
//! credential helpers; nothing is asked for here.

use std::cell::Cell;
use std::path::{Path, PathBuf};

use git2::{
    Cred, CredentialType, ErrorCode, FetchOptions, IndexAddOption, Oid, PushOptions,
    RemoteCallbacks, Repository, RepositoryInitOptions, Signature, TreeWalkMode, TreeWalkResult,
    build::RepoBuilder,
};

use super::SyncError;
use crate::model::Project;
use crate::store::ProjectDir;

/// The branch a project syncs on when the repository names none yet.
const BRANCH: &str = "main";

/// What every synced project's `.gitignore` holds: files of one machine only.
const IGNORED: &[&str] = &[".margin.lock", ".*.tmp"];

/// The file in `.git` whose time is that of this copy's last sync.
const LAST_SYNC: &str = "margin-last-sync";

fn git(doing: impl Into<String>) -> impl FnOnce(git2::Error) -> SyncError {
    let doing = doing.into();
    move |source| SyncError::Git { doing, source }
}

/// Make `root` (a project folder) ready to sync: a repository if it is not one, the
/// `.gitignore`, and the remote `name` at `url` (added, or pointed there). A remote that is a
/// folder on this machine or a shared drive, absent or empty, is made a bare repository.
pub fn setup(root: &Path, url: Option<&str>, name: &str) -> Result<(), SyncError> {
    if let Some(folder) = url.and_then(new_shared_folder) {
        Repository::init_opts(
            &folder,
            RepositoryInitOptions::new().bare(true).initial_head(BRANCH),
        )
        .map_err(git(format!(
            "making {} a shared repository",
            folder.display()
        )))?;
    }
    let repo = match Repository::open(root) {
        Ok(repo) => repo,
        Err(_) => Repository::init_opts(root, RepositoryInitOptions::new().initial_head(BRANCH))
            .map_err(git(format!("making {} a repository", root.display())))?,
    };
    ensure_ignored(root)?;
    if let Some(url) = url {
        let result = if repo.find_remote(name).is_ok() {
            repo.remote_set_url(name, url)
        } else {
            repo.remote(name, url).map(drop)
        };
        result.map_err(git(format!("adding the remote {name} ({url})")))?;
    }
    Ok(())
}

/// The folder `url` names, when it is a folder path (not a server's address) that does not
/// exist yet or is empty.
fn new_shared_folder(url: &str) -> Option<PathBuf> {
    let path = match url.strip_prefix("file://") {
        Some(path) => Path::new(path),
        None if url.contains("://") => return None,
        None => Path::new(url),
    };
    let fresh = !path.exists() || std::fs::read_dir(path).is_ok_and(|mut d| d.next().is_none());
    (path.is_absolute() && fresh).then(|| path.to_path_buf())
}

/// Clone a teammate's project from `url` into `target` (absent or empty).
pub fn clone(url: &str, target: &Path) -> Result<(), SyncError> {
    let asked = Asked::default();
    let config = git2::Config::open_default().ok();
    let mut fetch = FetchOptions::new();
    fetch.remote_callbacks(callbacks(config.as_ref(), &asked));
    let repo = RepoBuilder::new()
        .fetch_options(fetch)
        .clone(url, target)
        .map_err(asked.error(url, format!("cloning {url}")))?;
    if repo.head().is_err() {
        // The remote's HEAD names a branch it does not have (a bare repository made with git's
        // old default): take its `main`, else its only branch.
        check_out_remote_branch(&repo).map_err(git(format!("checking out {url}")))?;
    }
    ensure_ignored(target)?;
    // A clone that is not a Margin project is said so now, not at the first sync.
    ProjectDir::open_read_only(target).map_err(|source| SyncError::Unreadable {
        commit: url.to_owned(),
        source,
    })?;
    Ok(())
}

/// Make a local branch of the remote's `main` (else its first branch) and check it out.
fn check_out_remote_branch(repo: &Repository) -> Result<(), git2::Error> {
    let mut branches: Vec<(String, Oid)> = Vec::new();
    for r in repo.references_glob("refs/remotes/*/*")? {
        let r = r?;
        if let (Ok(name), Some(id)) = (r.shorthand(), r.target())
            && let Some((_, branch)) = name.split_once('/')
            && branch != "HEAD"
        {
            branches.push((branch.to_owned(), id));
        }
    }
    let Some((name, id)) = branches
        .iter()
        .find(|(n, _)| n == BRANCH)
        .or_else(|| branches.first())
        .cloned()
    else {
        return Err(git2::Error::from_str("the remote holds no project yet"));
    };
    let commit = repo.find_commit(id)?;
    repo.branch(&name, &commit, true)?;
    repo.set_head(&format!("refs/heads/{name}"))?;
    repo.checkout_head(Some(git2::build::CheckoutBuilder::new().force()))
}

/// Add Margin's lines to the project's `.gitignore` (kept if already there).
fn ensure_ignored(root: &Path) -> Result<(), SyncError> {
    let path = root.join(".gitignore");
    let old = std::fs::read_to_string(&path).unwrap_or_default();
    let missing: Vec<&str> = IGNORED
        .iter()
        .copied()
        .filter(|l| !old.lines().any(|x| x.trim() == *l))
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    let mut text = old;
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    if !text.contains("Margin") {
        text.push_str("# Files of one machine only (written by Margin)\n");
    }
    for line in missing {
        text.push_str(line);
        text.push('\n');
    }
    std::fs::write(&path, text).map_err(|source| SyncError::Io { path, source })
}

/// What the credential callbacks of one remote operation tried: how often they were asked,
/// how far they went through the user-and-password sources, and whether they ran out of them
/// (the remote wants a sign-in Margin does not have).
#[derive(Default)]
struct Asked {
    tries: Cell<usize>,
    password_step: Cell<u8>,
    wants_login: Cell<bool>,
}

impl Asked {
    /// The error of a failed operation on the remote at `url`: a request for a sign-in when
    /// that is what it lacked.
    fn error(&self, url: &str, doing: String) -> impl FnOnce(git2::Error) -> SyncError {
        let wants = self.wants_login.get();
        let url = url.to_owned();
        move |source| {
            if wants {
                SyncError::NeedsLogin { url }
            } else {
                SyncError::Git { doing, source }
            }
        }
    }
}

/// Credentials for a remote: the SSH agent, then the usual key files, for SSH; for a user name
/// and password (HTTPS), the sign-in given in the window ([`super::login`]), then git's
/// credential helpers. Each source is tried once (libgit2 asks again on refusal).
fn callbacks<'a>(config: Option<&'a git2::Config>, asked: &'a Asked) -> RemoteCallbacks<'a> {
    let mut cb = RemoteCallbacks::new();
    cb.credentials(move |url, username, allowed| {
        let n = asked.tries.get();
        asked.tries.set(n + 1);
        if n > 4 {
            return Err(git2::Error::from_str(
                "the remote refused every credential Margin could find (SSH agent, ~/.ssh keys, git's credential helper)",
            ));
        }
        let user = username.unwrap_or("git");
        if allowed.contains(CredentialType::SSH_KEY) {
            if n == 0 {
                return Cred::ssh_key_from_agent(user);
            }
            let home = std::env::var_os("HOME").map(PathBuf::from).unwrap_or_default();
            for key in ["id_ed25519", "id_ecdsa", "id_rsa"] {
                let private = home.join(".ssh").join(key);
                if private.is_file() {
                    return Cred::ssh_key(user, None, &private, None);
                }
            }
        }
        if allowed.contains(CredentialType::USER_PASS_PLAINTEXT) {
            loop {
                let step = asked.password_step.get();
                asked.password_step.set(step + 1);
                match step {
                    0 => {
                        if let Some(login) = super::login::given(url) {
                            return Cred::userpass_plaintext(&login.user, &login.secret);
                        }
                    }
                    1 => {
                        if let Some(Ok(cred)) =
                            config.map(|c| Cred::credential_helper(c, url, username))
                        {
                            return Ok(cred);
                        }
                    }
                    _ => {
                        asked.wants_login.set(true);
                        return Err(git2::Error::from_str("the remote asks for a sign-in"));
                    }
                }
            }
        }
        if allowed.contains(CredentialType::DEFAULT) {
            return Cred::default();
        }
        Err(git2::Error::from_str("no credentials for this remote"))
    });
    cb
}

/// True when a push's refusal says the remote has commits this copy lacks.
fn behind(status: &str) -> bool {
    let status = status.to_ascii_lowercase();
    status.contains("fast-forward")
        || status.contains("fast forward")
        || status.contains("fetch first")
}

/// How old a lock on a branch of a remote on this machine must be to be taken for one a killed
/// push left behind (a push holds it for a fraction of a second).
const STALE_LOCK: std::time::Duration = std::time::Duration::from_secs(10);

/// Remove the lock on `branch` that a killed push left in the repository at `remote` (a
/// folder on this machine or a shared drive), once it is old enough not to be a live push's.
fn clear_stale_ref_lock(remote: &Path, branch: &str) -> Result<(), SyncError> {
    for path in [
        remote.join("refs/heads").join(format!("{branch}.lock")),
        remote
            .join(".git/refs/heads")
            .join(format!("{branch}.lock")),
    ] {
        let stale = std::fs::metadata(&path)
            .and_then(|m| m.modified())
            .is_ok_and(|t| t.elapsed().is_ok_and(|age| age > STALE_LOCK));
        if stale {
            std::fs::remove_file(&path).map_err(|source| SyncError::Io { path, source })?;
        }
    }
    Ok(())
}

/// What a push did.
pub enum Pushed {
    /// The remote has the branch now; this many bytes were sent.
    Done(usize),
    /// The remote moved meanwhile: fetch and merge again.
    Refused,
}

/// A project's repository.
pub struct Repo {
    repo: Repository,
}

impl Repo {
    /// The repository of the project in `root`.
    pub fn open(root: &Path) -> Result<Self, SyncError> {
        let repo = Repository::open(root).map_err(|_| SyncError::NotSetUp(root.to_path_buf()))?;
        ensure_ignored(root)?;
        Ok(Self { repo })
    }

    /// Where the remote `name` is, if the project has it.
    pub fn remote_url(&self, name: &str) -> Option<String> {
        let remote = self.repo.find_remote(name).ok()?;
        remote.url().ok().map(str::to_owned)
    }

    /// Note that this copy synced now (in `.git`, so of this machine only).
    pub fn note_synced(&self) -> Result<(), SyncError> {
        let path = self.repo.path().join(LAST_SYNC);
        std::fs::write(
            &path,
            "the time of this copy's last Margin sync is this file's\n",
        )
        .map_err(|source| SyncError::Io { path, source })
    }

    /// When this copy last synced.
    pub fn last_synced(&self) -> Option<std::time::SystemTime> {
        std::fs::metadata(self.repo.path().join(LAST_SYNC))
            .and_then(|m| m.modified())
            .ok()
    }

    /// Remove the lock files a git process killed mid-write leaves in `.git` (the index, HEAD,
    /// branch references). Only the holder of the project's own lock calls this, so no Margin
    /// is writing them; git run by hand in the same folder at the same moment is not supported.
    pub fn clear_stale_locks(&self) -> Result<(), SyncError> {
        let git_dir = self.repo.path().to_path_buf();
        let mut stale = vec![git_dir.join("index.lock"), git_dir.join("HEAD.lock")];
        for folder in ["refs/heads", "refs/remotes"] {
            let mut stack = vec![git_dir.join(folder)];
            while let Some(dir) = stack.pop() {
                let Ok(entries) = std::fs::read_dir(&dir) else {
                    continue;
                };
                for entry in entries.flatten() {
                    let path = entry.path();
                    if path.is_dir() {
                        stack.push(path);
                    } else if path.extension().is_some_and(|e| e == "lock") {
                        stale.push(path);
                    }
                }
            }
        }
        for path in stale.into_iter().filter(|p| p.exists()) {
            std::fs::remove_file(&path).map_err(|source| SyncError::Io { path, source })?;
        }
        Ok(())
    }

    /// The branch synced.
    fn branch(&self) -> String {
        self.repo
            .head()
            .ok()
            .and_then(|h| h.shorthand().ok().map(str::to_owned))
            .or_else(|| {
                // A repository with no commit yet: HEAD names the branch to be.
                self.repo
                    .find_reference("HEAD")
                    .ok()
                    .and_then(|r| r.symbolic_target().ok().flatten().map(str::to_owned))
                    .and_then(|t| t.strip_prefix("refs/heads/").map(str::to_owned))
            })
            .unwrap_or_else(|| BRANCH.to_owned())
    }

    /// The commit the branch is at, if any.
    pub fn head(&self) -> Result<Option<Oid>, SyncError> {
        match self.repo.head() {
            Ok(h) => Ok(h.target()),
            Err(e) if e.code() == ErrorCode::UnbornBranch || e.code() == ErrorCode::NotFound => {
                Ok(None)
            }
            Err(e) => Err(git("reading the current version")(e)),
        }
    }

    /// Stage every file of the project as it is on disk; returns the tree.
    fn stage(&self) -> Result<Oid, SyncError> {
        let mut index = self.repo.index().map_err(git("reading the index"))?;
        index
            .add_all(["*"], IndexAddOption::DEFAULT, None)
            .map_err(git("staging the project's files"))?;
        index
            .update_all(["*"], None)
            .map_err(git("staging removed files"))?;
        index.write().map_err(git("writing the index"))?;
        index.write_tree().map_err(git("writing the tree"))
    }

    fn signature(&self, author: &str) -> Result<Signature<'static>, SyncError> {
        let email = self
            .repo
            .config()
            .ok()
            .and_then(|c| c.get_string("user.email").ok())
            .unwrap_or_else(|| {
                let slug: String = author
                    .chars()
                    .map(|c| if c.is_alphanumeric() { c } else { '.' })
                    .collect();
                format!("{slug}@margin.invalid")
            });
        Signature::now(author, &email).map_err(git("naming the author"))
    }

    /// Commit the project's files if they differ from the last commit, as `author`, with a
    /// message saying what changed; returns the message.
    pub fn commit_changes(
        &self,
        project: &Project,
        author: &str,
    ) -> Result<Option<String>, SyncError> {
        let tree = self.stage()?;
        let head = self.head()?;
        let parent = match head {
            Some(h) => Some(
                self.repo
                    .find_commit(h)
                    .map_err(git("reading the last version"))?,
            ),
            None => None,
        };
        if parent.as_ref().map(git2::Commit::tree_id) == Some(tree) {
            return Ok(None);
        }
        let message = match head {
            Some(h) => super::describe(author, &self.project_at(h)?, project),
            None => format!("{author}: the project as it stands"),
        };
        let sig = self.signature(author)?;
        let tree = self.repo.find_tree(tree).map_err(git("reading the tree"))?;
        let parents: Vec<&git2::Commit<'_>> = parent.iter().collect();
        self.repo
            .commit(Some("HEAD"), &sig, &sig, &message, &tree, &parents)
            .map_err(git("committing"))?;
        Ok(Some(message))
    }

    /// Commit the project's files as the merge of `ours` and `theirs`.
    pub fn commit_merge(
        &self,
        ours: Oid,
        theirs: Oid,
        author: &str,
        message: &str,
    ) -> Result<(), SyncError> {
        let tree = self.stage()?;
        let tree = self.repo.find_tree(tree).map_err(git("reading the tree"))?;
        let find = |id| self.repo.find_commit(id).map_err(git("reading a version"));
        let (ours, theirs) = (find(ours)?, find(theirs)?);
        let sig = self.signature(author)?;
        self.repo
            .commit(Some("HEAD"), &sig, &sig, message, &tree, &[&ours, &theirs])
            .map_err(git("committing the merge"))?;
        Ok(())
    }

    /// Move the branch to `commit`, whose files the project now holds (a fast-forward).
    pub fn fast_forward(&self, commit: Oid) -> Result<(), SyncError> {
        let branch = format!("refs/heads/{}", self.branch());
        self.repo
            .reference(&branch, commit, true, "margin sync: fast-forward")
            .map_err(git("moving the branch"))?;
        if self.head()?.is_none() {
            self.repo
                .set_head(&branch)
                .map_err(git("pointing HEAD at the branch"))?;
        }
        // The index follows the files (saved by the session, byte for byte as committed).
        self.stage()?;
        Ok(())
    }

    /// True when `a` is `b` or comes after it.
    pub fn descends(&self, a: Oid, b: Oid) -> Result<bool, SyncError> {
        if a == b {
            return Ok(true);
        }
        self.repo
            .graph_descendant_of(a, b)
            .map_err(git("comparing versions"))
    }

    /// The last version both `a` and `b` come from.
    pub fn merge_base(&self, a: Oid, b: Oid) -> Result<Oid, SyncError> {
        self.repo
            .merge_base(a, b)
            .map_err(git("finding the common version"))
    }

    /// Fetch the branch from `remote`.
    pub fn fetch(&self, remote: &str) -> Result<(), SyncError> {
        let mut r = self
            .repo
            .find_remote(remote)
            .map_err(|_| SyncError::NoRemote(remote.to_owned()))?;
        let asked = Asked::default();
        let config = self.repo.config().ok();
        let mut options = FetchOptions::new();
        options.remote_callbacks(callbacks(config.as_ref(), &asked));
        let branch = self.branch();
        let spec = format!("+refs/heads/{branch}:refs/remotes/{remote}/{branch}");
        let url = r.url().unwrap_or_default().to_owned();
        let fetched = r.fetch(&[spec.as_str()], Some(&mut options), None);
        drop(options);
        fetched.map_err(asked.error(&url, format!("fetching from {remote}")))
    }

    /// The commit the remote's branch was at when last fetched, if it has the branch.
    pub fn remote_head(&self, remote: &str) -> Result<Option<Oid>, SyncError> {
        let name = format!("refs/remotes/{remote}/{}", self.branch());
        match self.repo.find_reference(&name) {
            Ok(r) => Ok(r.target()),
            Err(e) if e.code() == ErrorCode::NotFound => Ok(None),
            Err(e) => Err(git("reading the remote's version")(e)),
        }
    }

    /// Push the branch to `remote`.
    pub fn push(&self, remote: &str) -> Result<Pushed, SyncError> {
        let mut r = self
            .repo
            .find_remote(remote)
            .map_err(|_| SyncError::NoRemote(remote.to_owned()))?;
        let asked = Asked::default();
        let refused: std::cell::RefCell<Option<String>> = std::cell::RefCell::new(None);
        let bytes = Cell::new(0usize);
        let config = self.repo.config().ok();
        let mut cb = callbacks(config.as_ref(), &asked);
        cb.push_update_reference(|_, status| {
            if let Some(status) = status {
                *refused.borrow_mut() = Some(status.to_owned());
            }
            Ok(())
        });
        cb.push_transfer_progress(|_, _, sent| bytes.set(sent));
        let mut options = PushOptions::new();
        options.remote_callbacks(cb);
        let branch = self.branch();
        let spec = format!("refs/heads/{branch}:refs/heads/{branch}");
        // A remote on this machine (a folder, a shared drive) reports no transfer progress:
        // measure what the push sends by packing it as git does.
        let local = r
            .url()
            .is_ok_and(|u| !u.contains("://") || u.starts_with("file://"));
        let packed = if local {
            if let Ok(url) = r.url() {
                clear_stale_ref_lock(Path::new(url.trim_start_matches("file://")), &branch)?;
            }
            self.pack_size(remote, &branch).unwrap_or(0)
        } else {
            0
        };
        let pushed = r.push(&[spec.as_str()], Some(&mut options));
        drop(options);
        let status = refused.into_inner();
        match (pushed, status) {
            (Ok(()), None) => Ok(Pushed::Done(bytes.get().max(packed))),
            (Ok(()), Some(status)) if behind(&status) => Ok(Pushed::Refused),
            (Ok(()), Some(status)) => Err(SyncError::PushRefused {
                remote: remote.to_owned(),
                reason: status,
            }),
            (Err(e), _) if e.code() == ErrorCode::NotFastForward => Ok(Pushed::Refused),
            (Err(e), _) => Err(asked
                .error(r.url().unwrap_or_default(), format!("pushing to {remote}"))(
                e
            )),
        }
    }

    /// The size of the pack of the commits the remote's branch (as last fetched) lacks.
    fn pack_size(&self, remote: &str, branch: &str) -> Result<usize, git2::Error> {
        let mut walk = self.repo.revwalk()?;
        walk.push_head()?;
        if let Ok(known) = self
            .repo
            .refname_to_id(&format!("refs/remotes/{remote}/{branch}"))
        {
            walk.hide(known)?;
        }
        let mut pack = self.repo.packbuilder()?;
        pack.insert_walk(&mut walk)?;
        let mut buf = git2::Buf::new();
        pack.write_buf(&mut buf)?;
        Ok(buf.len())
    }

    /// The project as commit `id` holds it (written out to a temporary folder and loaded).
    pub fn project_at(&self, id: Oid) -> Result<Project, SyncError> {
        let commit = self
            .repo
            .find_commit(id)
            .map_err(git("reading a version"))?;
        let tree = commit.tree().map_err(git("reading a version's files"))?;
        let dir = tempfile::Builder::new()
            .prefix("margin-sync-")
            .tempdir()
            .map_err(|source| SyncError::Io {
                path: std::env::temp_dir(),
                source,
            })?;
        let mut failed: Option<SyncError> = None;
        tree.walk(TreeWalkMode::PreOrder, |folder, entry| {
            let Ok(name) = entry.name() else {
                return TreeWalkResult::Skip;
            };
            let path = dir.path().join(folder).join(name);
            let written = match entry.kind() {
                Some(git2::ObjectType::Tree) => std::fs::create_dir_all(&path),
                Some(git2::ObjectType::Blob) => match self.repo.find_blob(entry.id()) {
                    Ok(blob) => std::fs::write(&path, blob.content()),
                    Err(e) => {
                        failed = Some(git("reading a file of a version")(e));
                        return TreeWalkResult::Abort;
                    }
                },
                _ => Ok(()),
            };
            match written {
                Ok(()) => TreeWalkResult::Ok,
                Err(source) => {
                    failed = Some(SyncError::Io { path, source });
                    TreeWalkResult::Abort
                }
            }
        })
        .or_else(|e| if failed.is_some() { Ok(()) } else { Err(e) })
        .map_err(git("reading a version's files"))?;
        if let Some(e) = failed {
            return Err(e);
        }
        ProjectDir::open_read_only(dir.path())
            .map(|opened| opened.project)
            .map_err(|source| SyncError::Unreadable {
                commit: id.to_string()[..8].to_owned(),
                source,
            })
    }
}
