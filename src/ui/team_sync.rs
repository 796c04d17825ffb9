//! Team sync in the window: Project ▸ Team sync… (share this project through a git repository,
//! or join a teammate's project from its address), the status bar's sync state and Sync button,
//! and the thread that runs a sync's slow steps (`crate::sync`: fetching, pushing, cloning,
//! looking at the remote) while the window stays usable. Each answer comes back as a message
//! that the app takes on its own thread, where the project changes through the session.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::SystemTime;

use egui::{Key, RichText, Role, Ui, WidgetInfo};

use super::command::Command;
use super::error::session_error;
use super::i18n::{self, tr};
use crate::sync::{
    DEFAULT_REMOTE, Incoming, Kind, Run, Status, Summary, SyncError, SyncReport, status,
};

/// How often an open synced project looks for teammates' work (seconds).
const CHECK_EVERY: f64 = 600.0;

/// What the sync thread is doing for a sync or a copy (looking at the remote and counting this
/// copy's changes run beside it, unseen).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Work {
    /// Bringing in the teammates' work.
    Fetching,
    /// Sending this copy's work.
    Pushing,
    /// Copying a teammate's project.
    Cloning,
}

/// A thread's answer.
pub enum Done {
    /// Where the project stands.
    Checked(Result<Option<Status>, SyncError>),
    /// This copy's changes since its last commit, as saved.
    Counted(Result<Summary, SyncError>),
    /// What the remote brings.
    Fetched(Result<Incoming, SyncError>),
    /// The push: bytes sent, or `None` when the remote moved meanwhile.
    Pushed(Result<Option<usize>, SyncError>),
    /// A teammate's project copied into the folder.
    Cloned(PathBuf, Result<(), SyncError>),
}

/// The "Team sync" dialog's fields.
#[derive(Debug, Default)]
pub struct SyncForm {
    /// The address of the team's repository, for this project.
    pub address: String,
    /// The address of a teammate's project to copy.
    pub join_address: String,
    /// The folder the copy goes in.
    pub join_folder: String,
    /// The copy's folder name.
    pub join_name: String,
    /// Why the last request could not be made.
    pub problem: Option<String>,
    focus_pending: bool,
}

/// Asking for a sign-in the remote wants, then doing again what needed it.
#[derive(Debug)]
pub struct LoginForm {
    /// The remote's address.
    pub url: String,
    /// The user name.
    pub user: String,
    /// The password or access token.
    pub secret: String,
    /// Hand it to git's credential helper too.
    pub keep: bool,
    /// What to do again once signed in.
    pub retry: Command,
    focus_pending: bool,
}

/// Team sync's state in the window.
pub struct TeamSync {
    /// The dialog, when open.
    pub form: Option<SyncForm>,
    /// The sign-in dialog, when open.
    pub login: Option<LoginForm>,
    /// The project the state is about.
    root: Option<PathBuf>,
    /// Where it stands (`None`: not set up to sync, or not known yet).
    status: Option<Status>,
    /// This copy's changes since its last commit, as last counted.
    local: Option<Summary>,
    /// The project changed since: count again once it is saved.
    recount: bool,
    /// Why the last look at the remote failed.
    trouble: Option<String>,
    /// What the thread is doing for a sync or a copy.
    work: Option<Work>,
    /// A look at the remote or a count of this copy's changes is running.
    looking: bool,
    /// The sync under way.
    run: Option<Run>,
    tx: Sender<(Option<PathBuf>, Done)>,
    rx: Receiver<(Option<PathBuf>, Done)>,
    /// When to look at the remote next (input time, seconds).
    next_check: Option<f64>,
}

impl Default for TeamSync {
    fn default() -> Self {
        let (tx, rx) = channel();
        Self {
            form: None,
            login: None,
            root: None,
            status: None,
            local: None,
            recount: false,
            trouble: None,
            work: None,
            looking: false,
            run: None,
            tx,
            rx,
            next_check: None,
        }
    }
}

impl std::fmt::Debug for TeamSync {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TeamSync")
            .field("root", &self.root)
            .field("work", &self.work)
            .finish_non_exhaustive()
    }
}

impl TeamSync {
    /// Follow the project in `root` (just opened): look at its remote at once.
    pub fn follow(&mut self, root: Option<&Path>) {
        let (form, login) = (self.form.take(), self.login.take());
        *self = Self {
            form,
            login,
            root: root.map(Path::to_path_buf),
            next_check: root.map(|_| 0.0),
            // What opening it changed (the coder joining) is counted once saved.
            recount: root.is_some(),
            ..Self::default()
        };
    }

    /// What a sync or copy under way is doing.
    #[must_use]
    pub fn busy(&self) -> Option<Work> {
        self.work
    }

    /// True when nothing runs on the sync thread (tests wait for it).
    #[must_use]
    pub fn idle(&self) -> bool {
        self.work.is_none() && !self.looking
    }

    /// True when the open project is set up to sync.
    #[must_use]
    pub fn is_set_up(&self) -> bool {
        self.status.is_some()
    }

    /// The remote's address, when set up.
    #[must_use]
    pub fn address(&self) -> Option<&str> {
        self.status.as_ref().map(|s| s.url.as_str())
    }

    /// The project changed: count this copy's changes again once it is saved.
    pub fn project_changed(&mut self) {
        self.recount = true;
    }

    /// Open the dialog (proposing to copy a teammate's project beside `beside`).
    pub fn open_form(&mut self, beside: Option<&Path>) {
        self.form = Some(SyncForm {
            address: self.address().unwrap_or_default().to_owned(),
            join_folder: beside
                .and_then(Path::parent)
                .map(|p| p.display().to_string())
                .unwrap_or_default(),
            focus_pending: true,
            ..SyncForm::default()
        });
    }

    /// Ask for the sign-in the remote at `url` wants, then do `retry` again.
    pub fn ask_login(&mut self, url: String, retry: Command) {
        self.login = Some(LoginForm {
            url,
            user: String::new(),
            secret: String::new(),
            keep: true,
            retry,
            focus_pending: true,
        });
    }

    /// The sign-in dialog.
    pub fn login_ui(&mut self, ui: &mut Ui) -> Vec<Command> {
        let mut commands = Vec::new();
        let Some(form) = &mut self.login else {
            return commands;
        };
        let mut close = false;
        let modal = egui::Modal::new(egui::Id::unique("team-sync-login")).show(ui.ctx(), |ui| {
            ui.set_width(420.0);
            ui.heading(tr!("sync-login-title"));
            ui.label(tr!("sync-login-explain", address = form.url.as_str()));
            ui.add_space(6.0);
            let mut submit = false;
            egui::Grid::new("team-sync-login-fields")
                .num_columns(2)
                .spacing([8.0, 6.0])
                .show(ui, |ui| {
                    ui.label(tr!("sync-login-user"));
                    let user =
                        ui.add(egui::TextEdit::singleline(&mut form.user).desired_width(260.0));
                    user.widget_info(|| {
                        WidgetInfo::labeled(Role::TextInput, true, tr!("sync-login-user-label"))
                    });
                    if std::mem::take(&mut form.focus_pending) {
                        user.request_focus();
                    }
                    ui.end_row();
                    ui.label(tr!("sync-login-secret"));
                    let secret = ui.add(
                        egui::TextEdit::singleline(&mut form.secret)
                            .password(true)
                            .desired_width(260.0),
                    );
                    secret.widget_info(|| {
                        WidgetInfo::labeled(
                            Role::PasswordInput,
                            true,
                            tr!("sync-login-secret-label"),
                        )
                    });
                    submit |= secret.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
                    ui.end_row();
                });
            ui.checkbox(&mut form.keep, tr!("sync-login-keep"));
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                submit |= ui.button(tr!("sync-login-go")).clicked();
                if ui.button(tr!("dialog-cancel")).clicked() {
                    close = true;
                }
            });
            if submit && !form.user.trim().is_empty() && !form.secret.is_empty() {
                let login = crate::sync::login::Login {
                    user: form.user.trim().to_owned(),
                    secret: form.secret.clone(),
                };
                if form.keep
                    && let Err(why) = crate::sync::login::keep_with_git(&form.url, &login)
                {
                    commands.push(Command::Notify(tr!("sync-login-not-kept", reason = why)));
                }
                crate::sync::login::remember(&form.url, login);
                commands.push(std::mem::replace(&mut form.retry, Command::Sync));
                close = true;
            }
        });
        if close || modal.should_close() {
            self.login = None;
        }
        commands
    }

    /// Run `job` on the sync thread for a sync or copy (`Some(work)`, shown), or a look in the
    /// background (`None`); its answer wakes the window.
    pub fn spawn(
        &mut self,
        ctx: &egui::Context,
        work: Option<Work>,
        job: impl FnOnce() -> Done + Send + 'static,
    ) -> Result<(), String> {
        let (tx, ctx, root) = (self.tx.clone(), ctx.clone(), self.root.clone());
        std::thread::Builder::new()
            .name("margin-sync".into())
            .spawn(move || {
                let _ = tx.send((root, job()));
                ctx.request_repaint();
            })
            .map_err(|e| e.to_string())?;
        match work {
            Some(work) => self.work = Some(work),
            None => self.looking = true,
        }
        Ok(())
    }

    /// Look at the remote (fetching when `fetch`) on the thread.
    pub fn check(&mut self, ctx: &egui::Context, fetch: bool) {
        let Some(root) = self.root.clone() else {
            return;
        };
        self.next_check = None;
        if let Err(e) = self.spawn(ctx, None, move || {
            Done::Checked(status(&root, DEFAULT_REMOTE, fetch))
        }) {
            self.trouble = Some(e);
        }
    }

    /// Count this copy's changes again on the thread, when the project changed since the last
    /// count, is saved (`saved`), and nothing else runs on the thread.
    pub fn recount_if_due(&mut self, ctx: &egui::Context, saved: bool) {
        let (Some(root), Some(status)) = (self.root.clone(), &self.status) else {
            return;
        };
        if !(self.recount && saved && self.idle()) {
            return;
        }
        self.recount = false;
        let committed = status.committed.clone();
        if let Err(e) = self.spawn(ctx, None, move || {
            Done::Counted(crate::sync::local_changes(&root, committed.as_deref()))
        }) {
            self.trouble = Some(e);
        }
    }

    /// A sync failed because the remote could not be reached: the status bar says so until the
    /// next look at the remote succeeds.
    pub fn unreachable(&mut self, why: String) {
        self.trouble = Some(why);
    }

    /// Note this copy's changes as counted.
    pub fn counted(&mut self, result: Result<Summary, SyncError>) {
        match result {
            Ok(local) => self.local = Some(local),
            Err(e) => self.trouble = Some(sync_error(&e)),
        }
    }

    /// The next answer from the thread about the open project (answers about a project closed
    /// meanwhile are dropped); the thread is free again once it is taken.
    pub fn take_done(&mut self) -> Option<Done> {
        while let Ok((root, done)) = self.rx.try_recv() {
            match done {
                Done::Checked(_) | Done::Counted(_) => self.looking = false,
                _ => self.work = None,
            }
            if matches!(done, Done::Cloned(..)) || root == self.root {
                return Some(done);
            }
        }
        None
    }

    /// Note where the project stands.
    pub fn checked(&mut self, result: Result<Option<Status>, SyncError>, now: f64) {
        match result {
            Ok(status) => {
                self.trouble = None;
                self.local = status.as_ref().map(|s| s.local.clone());
                self.next_check = status.as_ref().map(|_| now + CHECK_EVERY);
                self.status = status;
            }
            Err(e) => {
                self.trouble = Some(sync_error(&e));
                self.next_check = Some(now + CHECK_EVERY);
            }
        }
    }

    /// Seconds until the remote is due to be looked at again (0: now); `None` when not due.
    #[must_use]
    pub fn check_due(&self, now: f64) -> Option<f64> {
        self.next_check
            .filter(|_| self.idle())
            .map(|at| (at - now).max(0.0))
    }

    /// The sync under way.
    pub fn run_mut(&mut self) -> Option<&mut Run> {
        self.run.as_mut()
    }

    /// Start following a sync.
    pub fn begin(&mut self, run: Run) {
        self.run = Some(run);
    }

    /// The sync is over (done or failed).
    pub fn end(&mut self) {
        self.run = None;
    }

    /// The status bar's part: the sync state and the Sync button (or the way to set it up).
    pub fn status_ui(&mut self, ui: &mut Ui) -> Vec<Command> {
        let mut commands = Vec::new();
        if let Some(work) = self.work {
            ui.add(egui::Spinner::new());
            ui.label(RichText::new(work_label(work)).weak());
            return commands;
        }
        let Some(status) = &self.status else {
            if self.root.is_some()
                && ui
                    .link(RichText::new(tr!("sync-status-not-set-up")).weak())
                    .on_hover_text(tr!("sync-status-not-set-up-hover"))
                    .clicked()
            {
                commands.push(Command::TeamSyncDialog);
            }
            return commands;
        };
        let button = egui::Button::new(tr!("sync-button")).shortcut_text(
            ui.ctx().format_shortcut(
                &Command::Sync
                    .shortcut()
                    .unwrap_or(egui::KeyboardShortcut::new(egui::Modifiers::NONE, Key::F13)),
            ),
        );
        if ui
            .add(button)
            .on_hover_text(tr!("sync-button-hover", address = status.url.as_str()))
            .clicked()
        {
            commands.push(Command::Sync);
        }
        let local = self.local.clone().unwrap_or_default();
        let mut said = false;
        if let Some(why) = status.offline.as_ref().or(self.trouble.as_ref()) {
            ui.label(RichText::new(tr!("sync-status-offline")).color(ui.visuals().warn_fg_color))
                .on_hover_text(why.as_str());
            said = true;
        }
        if local.total() > 0 {
            ui.label(tr!("sync-status-local", count = local.total()))
                .on_hover_text(summary_words(&local));
            said = true;
        }
        if status.incoming.total() > 0 {
            ui.label(tr!("sync-status-incoming", count = status.incoming.total()))
                .on_hover_text(summary_words(&status.incoming));
            said = true;
        }
        if !said {
            ui.label(RichText::new(tr!("sync-status-up-to-date")).weak());
        }
        if let Some(at) = status.last_sync {
            ui.label(RichText::new(tr!("sync-status-last", time = when(at))).weak());
        }
        commands
    }

    /// The "Team sync" dialog; `root` is the open project's folder.
    pub fn form_ui(&mut self, root: Option<&Path>, ui: &mut Ui) -> Vec<Command> {
        let mut commands = Vec::new();
        let set_up = self.status.as_ref().map(|s| s.url.clone());
        let last = self.status.as_ref().and_then(|s| s.last_sync);
        let busy = self.work.is_some();
        let Some(form) = &mut self.form else {
            return commands;
        };
        let mut close = false;
        let modal = egui::Modal::new(egui::Id::unique("team-sync-dialog")).show(ui.ctx(), |ui| {
            ui.set_width(520.0);
            ui.heading(tr!("sync-title"));
            ui.label(tr!("sync-explain"));
            ui.add_space(8.0);
            if root.is_some() {
                ui.label(RichText::new(tr!("sync-this-project")).strong());
                match (&set_up, last) {
                    (Some(url), Some(at)) => ui.label(tr!(
                        "sync-set-up-with",
                        address = url.as_str(),
                        time = when(at)
                    )),
                    (Some(url), None) => {
                        ui.label(tr!("sync-set-up-with-never", address = url.as_str()))
                    }
                    (None, _) => ui.label(tr!("sync-not-set-up")),
                };
                let field = ui.add(
                    egui::TextEdit::singleline(&mut form.address)
                        .hint_text(tr!("sync-address-hint"))
                        .desired_width(f32::INFINITY),
                );
                field.widget_info(|| {
                    WidgetInfo::labeled(Role::TextInput, true, tr!("sync-address-label"))
                });
                if std::mem::take(&mut form.focus_pending) {
                    field.request_focus();
                }
                let enter = field.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
                ui.horizontal(|ui| {
                    let changed = set_up.as_deref() != Some(form.address.trim());
                    let label = if set_up.is_some() && !changed {
                        tr!("sync-now")
                    } else {
                        tr!("sync-set-up")
                    };
                    let go = ui.add_enabled(
                        !busy && !form.address.trim().is_empty(),
                        egui::Button::new(label),
                    );
                    if (go.clicked() || enter) && !form.address.trim().is_empty() && !busy {
                        commands.push(if changed {
                            Command::SyncSetUp(form.address.trim().to_owned())
                        } else {
                            Command::Sync
                        });
                        close = true;
                    }
                });
                ui.add_space(10.0);
                ui.separator();
            }
            ui.label(RichText::new(tr!("sync-join")).strong());
            ui.label(tr!("sync-join-explain"));
            egui::Grid::new("team-sync-join")
                .num_columns(2)
                .spacing([8.0, 6.0])
                .show(ui, |ui| {
                    ui.label(tr!("sync-join-address"));
                    let r = ui.add(
                        egui::TextEdit::singleline(&mut form.join_address)
                            .hint_text(tr!("sync-address-hint"))
                            .desired_width(360.0),
                    );
                    r.widget_info(|| {
                        WidgetInfo::labeled(Role::TextInput, true, tr!("sync-join-address-label"))
                    });
                    if root.is_none() && std::mem::take(&mut form.focus_pending) {
                        r.request_focus();
                    }
                    if r.changed() && form.join_name.is_empty() {
                        form.join_name = name_from_address(&form.join_address);
                    }
                    ui.end_row();
                    ui.label(tr!("sync-join-folder"));
                    ui.add(egui::TextEdit::singleline(&mut form.join_folder).desired_width(360.0))
                        .widget_info(|| {
                            WidgetInfo::labeled(
                                Role::TextInput,
                                true,
                                tr!("sync-join-folder-label"),
                            )
                        });
                    ui.end_row();
                    ui.label(tr!("sync-join-name"));
                    ui.add(egui::TextEdit::singleline(&mut form.join_name).desired_width(360.0))
                        .widget_info(|| {
                            WidgetInfo::labeled(Role::TextInput, true, tr!("sync-join-name-label"))
                        });
                    ui.end_row();
                });
            if ui
                .add_enabled(!busy, egui::Button::new(tr!("sync-join-go")))
                .clicked()
            {
                match join_target(form) {
                    Ok(target) => {
                        commands.push(Command::SyncJoin {
                            address: form.join_address.trim().to_owned(),
                            target,
                        });
                        close = true;
                    }
                    Err(problem) => form.problem = Some(problem),
                }
            }
            if let Some(p) = &form.problem {
                ui.label(RichText::new(p).color(ui.visuals().error_fg_color));
            }
            ui.add_space(8.0);
            ui.label(RichText::new(tr!("sync-credentials")).weak().small());
            ui.add_space(4.0);
            if ui.button(tr!("dialog-close")).clicked() {
                close = true;
            }
        });
        if close || modal.should_close() {
            self.form = None;
        }
        commands
    }
}

/// The folder a teammate's project is copied into: `folder/name`, absent or empty.
fn join_target(form: &SyncForm) -> Result<PathBuf, String> {
    if form.join_address.trim().is_empty() {
        return Err(tr!("sync-join-no-address").into());
    }
    let name = form.join_name.trim();
    if name.is_empty() || name.contains(['/', '\\']) || name == "." || name == ".." {
        return Err(tr!("sync-join-bad-name").into());
    }
    let folder = PathBuf::from(form.join_folder.trim());
    if !folder.is_dir() {
        return Err(tr!(
            "sync-join-no-folder",
            path = folder.display().to_string()
        ));
    }
    let target = folder.join(name);
    if std::fs::read_dir(&target).is_ok_and(|mut d| d.next().is_some()) {
        return Err(tr!(
            "sync-join-not-empty",
            path = target.display().to_string()
        ));
    }
    Ok(target)
}

/// A folder name for a copy of the project at `address`: its last part without `.git`.
fn name_from_address(address: &str) -> String {
    let last = address
        .trim()
        .trim_end_matches(['/', '\\'])
        .rsplit(['/', '\\', ':'])
        .next()
        .unwrap_or_default();
    last.strip_suffix(".git").unwrap_or(last).to_owned()
}

/// What the thread is doing, in words.
fn work_label(work: Work) -> &'static str {
    match work {
        Work::Fetching => tr!("sync-work-fetching"),
        Work::Pushing => tr!("sync-work-pushing"),
        Work::Cloning => tr!("sync-work-cloning"),
    }
}

/// When something happened: the time today, else the day.
fn when(at: SystemTime) -> String {
    let at: chrono::DateTime<chrono::Local> = at.into();
    if at.date_naive() == chrono::Local::now().date_naive() {
        at.format("%H:%M").to_string()
    } else {
        i18n::date(at.date_naive())
    }
}

/// A summary in the window's language: "12 new codings, 1 new code".
#[must_use]
pub fn summary_words(summary: &Summary) -> String {
    let parts: Vec<String> = summary
        .parts()
        .into_iter()
        .map(|(kind, count)| match kind {
            Kind::CodingsAdded => tr!("sync-kind-codings-added", count = count),
            Kind::CodingsChanged => tr!("sync-kind-codings-changed", count = count),
            Kind::CodingsRemoved => tr!("sync-kind-codings-removed", count = count),
            Kind::CodesAdded => tr!("sync-kind-codes-added", count = count),
            Kind::CodesChanged => tr!("sync-kind-codes-changed", count = count),
            Kind::CodesRemoved => tr!("sync-kind-codes-removed", count = count),
            Kind::Memos => tr!("sync-kind-memos", count = count),
            Kind::DocumentsAdded => tr!("sync-kind-documents-added", count = count),
            Kind::DocumentsChanged => tr!("sync-kind-documents-changed", count = count),
            Kind::Other => tr!("sync-kind-other", count = count),
        })
        .collect();
    if parts.is_empty() {
        tr!("sync-kind-nothing").into()
    } else {
        parts.join(tr!("list-separator"))
    }
}

/// What a sync did, in the window's language: a line to show at once, and the details that
/// need reading (changes kept both, things brought back), if any.
#[must_use]
pub fn report_words(report: &SyncReport) -> (String, Vec<(String, Vec<String>)>) {
    let mut came_in: Vec<String> = report
        .incoming
        .iter()
        .map(|a| {
            tr!(
                "sync-came-in-coder",
                coder = a.coder.as_str(),
                count = a.codings,
                documents = a.documents
            )
        })
        .collect();
    if !report.incoming_rest.is_empty() {
        came_in.push(summary_words(&report.incoming_rest));
    }
    let mut line = tr!("sync-done").to_owned();
    line.push(' ');
    if came_in.is_empty() {
        line.push_str(tr!("sync-nothing-came-in"));
    } else {
        line.push_str(&tr!(
            "sync-came-in",
            what = came_in.join(tr!("list-separator"))
        ));
    }
    if report.committed.is_some() {
        line.push(' ');
        line.push_str(tr!("sync-sent"));
    }
    let mut details = Vec::new();
    if !report.kept_both.is_empty() {
        details.push((tr!("sync-kept-both").to_owned(), report.kept_both.clone()));
    }
    if !report.restored.is_empty() {
        details.push((tr!("sync-restored").to_owned(), report.restored.clone()));
    }
    (line, details)
}

/// What the window says for a sync error.
#[must_use]
pub fn sync_error(e: &SyncError) -> String {
    match e {
        SyncError::NotSetUp(_) => tr!("sync-error-not-set-up").into(),
        SyncError::NeedsLogin { url } => tr!("sync-error-needs-login", address = url.as_str()),
        SyncError::NoRemote(name) => tr!("sync-error-no-remote", remote = name.as_str()),
        SyncError::Git { source, .. } if e.credentials_refused() => {
            tr!("sync-error-auth", detail = source.message())
        }
        SyncError::Git { source, .. } if e.unreachable() => {
            tr!("sync-error-unreachable", detail = source.message())
        }
        SyncError::Git { doing, source } => {
            tr!(
                "sync-error-git",
                doing = doing.as_str(),
                detail = source.message()
            )
        }
        SyncError::PushRefused { remote, reason } => tr!(
            "sync-error-refused",
            remote = remote.as_str(),
            reason = reason.as_str()
        ),
        SyncError::RemoteKeptMoving => tr!("sync-error-kept-moving").into(),
        SyncError::Unreadable { commit, source } => tr!(
            "sync-error-unreadable",
            commit = commit.as_str(),
            error = source.to_string()
        ),
        SyncError::Io { path, source } => tr!(
            "sync-error-io",
            path = path.display().to_string(),
            error = source.to_string()
        ),
        SyncError::Session(e) => session_error(e),
        SyncError::Merge(e) => tr!("sync-error-merge", error = e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::name_from_address;

    #[test]
    fn a_copy_is_named_after_the_last_part_of_its_address() {
        for (address, name) in [
            ("git@github.com:our-team/study.git", "study"),
            (
                "https://gitea.example.org/team/support-group.git/",
                "support-group",
            ),
            ("/mnt/shared/研究项目.git", "研究项目"),
            ("D:\\shared\\study", "study"),
            ("git@host:study", "study"),
        ] {
            assert_eq!(name_from_address(address), name, "{address}");
        }
    }
}
