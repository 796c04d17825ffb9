//! Sign-ins for remotes that ask for a user name and a password or access token (HTTPS) and
//! that git's credential helpers do not know yet: given once (in the window), kept in memory
//! until Margin quits, and, when the user asks, handed to git's own credential helper (`git
//! credential approve`), which keeps them where the system keeps passwords (the keychain, the
//! Windows credential manager, libsecret) and gives them back to every later sync. Margin
//! itself writes no password anywhere.

use std::collections::BTreeMap;
use std::io::Write;
use std::process::{Command, Stdio};
use std::sync::{Mutex, PoisonError};

/// A user name and its password or access token.
#[derive(Clone, PartialEq, Eq)]
pub struct Login {
    /// The user name.
    pub user: String,
    /// The password or access token.
    pub secret: String,
}

impl std::fmt::Debug for Login {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Login")
            .field("user", &self.user)
            .finish_non_exhaustive()
    }
}

/// The sign-ins given since Margin started, by remote address.
static GIVEN: Mutex<BTreeMap<String, Login>> = Mutex::new(BTreeMap::new());

/// Use `login` for the remote at `url` until Margin quits.
pub fn remember(url: &str, login: Login) {
    GIVEN
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .insert(url.to_owned(), login);
}

/// The sign-in given for `url`, if any.
pub(super) fn given(url: &str) -> Option<Login> {
    GIVEN
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .get(url)
        .cloned()
}

/// Hand `login` for `url` to git's credential helper (`git credential approve`), so that it is
/// kept where the system keeps passwords; says why not when git or a helper is missing.
pub fn keep_with_git(url: &str, login: &Login) -> Result<(), String> {
    let helper = Command::new("git")
        .args(["config", "--get", "credential.helper"])
        .output()
        .map_err(|e| format!("git is not installed ({e})"))?;
    if String::from_utf8_lossy(&helper.stdout).trim().is_empty() {
        return Err(
            "git has no credential helper set (git config --global credential.helper)".into(),
        );
    }
    let mut child = Command::new("git")
        .args(["credential", "approve"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("git could not be started ({e})"))?;
    let description = format!(
        "url={url}\nusername={}\npassword={}\n\n",
        login.user, login.secret
    );
    child
        .stdin
        .take()
        .ok_or("git took no input")?
        .write_all(description.as_bytes())
        .map_err(|e| e.to_string())?;
    let out = child.wait_with_output().map_err(|e| e.to_string())?;
    if out.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).trim().to_owned())
    }
}
