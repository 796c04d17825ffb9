//! Team sync driven from the window: a sync's quick steps run here, on the window's thread,
//! through the session (commit, take what came in as one undo step); its slow ones (fetch,
//! push, clone, looking at the remote) on the sync thread ([`TeamSync`]), while the user goes on
//! coding. What came in reaches every view through `project_changed`, like any other change.

use std::path::PathBuf;

use super::MarginApp;
use crate::sync::{self, DEFAULT_REMOTE, Run};
use crate::ui::command::Command;
use crate::ui::dialogs::ImportReport;
use crate::ui::i18n::tr;
use crate::ui::team_sync::{Done, Work, report_words, sync_error};

impl MarginApp {
    /// Sync the open project now: save and commit here, fetch on the thread.
    pub(super) fn sync_now(&mut self, ctx: &egui::Context) {
        let Some(session) = &mut self.session else {
            self.error(tr!("notice-no-project"));
            return;
        };
        if self.team.busy().is_some() {
            self.info(tr!("sync-already"));
            return;
        }
        if !self.team.is_set_up() {
            let root = session.root().to_path_buf();
            self.team.open_form(Some(&root));
            return;
        }
        let Some(author) = session.coder_name().map(str::to_owned) else {
            self.info(tr!("sync-who"));
            self.dialogs.ask_coder(String::new());
            return;
        };
        match Run::start(session, DEFAULT_REMOTE, &author) {
            Ok(run) => {
                self.team.begin(run);
                self.fetch(ctx);
            }
            Err(e) => self.sync_failed(&e),
        }
    }

    /// Set the open project up to sync with `address`, then sync (its first push).
    pub(super) fn sync_set_up(&mut self, address: &str, ctx: &egui::Context) {
        let Some(session) = &self.session else {
            self.error(tr!("notice-no-project"));
            return;
        };
        match sync::setup(session.root(), Some(address), DEFAULT_REMOTE) {
            Ok(()) => {
                // Known set up at once; the sync's end looks at the remote again.
                self.team.checked(
                    sync::status(session.root(), DEFAULT_REMOTE, false),
                    self.now,
                );
                self.sync_now(ctx);
            }
            Err(e) => self.sync_failed(&e),
        }
    }

    /// Copy a teammate's project into `target` on the thread; it opens when done.
    pub(super) fn sync_join(&mut self, address: String, target: PathBuf, ctx: &egui::Context) {
        let spawned = self.team.spawn(ctx, Some(Work::Cloning), move || {
            let result = sync::clone(&address, &target);
            Done::Cloned(target, result)
        });
        if let Err(e) = spawned {
            self.error(e);
        }
    }

    fn fetch(&mut self, ctx: &egui::Context) {
        let Some(run) = self.team.run_mut() else {
            return;
        };
        let (root, remote) = (run.root().to_path_buf(), run.remote().to_owned());
        let spawned = self.team.spawn(ctx, Some(Work::Fetching), move || {
            Done::Fetched(sync::fetch_incoming(&root, &remote))
        });
        if let Err(e) = spawned {
            self.team.end();
            self.error(e);
        }
    }

    fn push(&mut self, ctx: &egui::Context) {
        let Some(run) = self.team.run_mut() else {
            return;
        };
        let (root, remote) = (run.root().to_path_buf(), run.remote().to_owned());
        let spawned = self.team.spawn(ctx, Some(Work::Pushing), move || {
            Done::Pushed(sync::push(&root, &remote))
        });
        if let Err(e) = spawned {
            self.team.end();
            self.error(e);
        }
    }

    /// Take the sync thread's answers (each frame), and look at the remote when due.
    pub(super) fn poll_sync(&mut self, ctx: &egui::Context) {
        while let Some(done) = self.team.take_done() {
            match done {
                Done::Checked(result) => self.team.checked(result, self.now),
                Done::Counted(result) => self.team.counted(result),
                Done::Fetched(Err(e)) | Done::Pushed(Err(e)) => self.sync_failed(&e),
                Done::Fetched(Ok(incoming)) => {
                    let (Some(session), Some(run)) = (&mut self.session, self.team.run_mut())
                    else {
                        continue;
                    };
                    match run.take(session, incoming) {
                        Ok(changes) => {
                            if let Some(changes) = changes {
                                self.project_changed(&changes);
                            }
                            self.push(ctx);
                        }
                        Err(e) => self.sync_failed(&e),
                    }
                }
                Done::Pushed(Ok(sent)) => {
                    let Some(run) = self.team.run_mut() else {
                        continue;
                    };
                    match run.pushed(sent) {
                        Ok(Some(report)) => {
                            self.team.end();
                            let (line, details) = report_words(&report);
                            if details.is_empty() {
                                self.info(line);
                            } else {
                                self.dialogs.show_report(ImportReport {
                                    title: tr!("sync-report-title").into(),
                                    summary: line,
                                    sections: details,
                                });
                            }
                            self.team.check(ctx, false);
                        }
                        // The remote moved meanwhile: bring that in too.
                        Ok(None) => self.fetch(ctx),
                        Err(e) => self.sync_failed(&e),
                    }
                }
                Done::Cloned(target, Ok(())) => {
                    self.open_project(&target);
                    if self.session.is_some() {
                        self.info(tr!("sync-joined", path = target.display().to_string()));
                    }
                }
                Done::Cloned(target, Err(sync::SyncError::NeedsLogin { url })) => {
                    let retry = Command::SyncJoin {
                        address: url.clone(),
                        target,
                    };
                    self.team.ask_login(url, retry);
                }
                Done::Cloned(target, Err(e)) => self.error(tr!(
                    "sync-join-failed",
                    path = target.display().to_string(),
                    error = sync_error(&e)
                )),
            }
        }
        let saved = self
            .session
            .as_ref()
            .is_some_and(|s| matches!(s.autosave().status(), crate::session::SaveStatus::Saved));
        self.team.recount_if_due(ctx, saved);
        match self.team.check_due(self.now) {
            Some(0.0) => self.team.check(ctx, true),
            #[allow(clippy::cast_possible_truncation)]
            Some(wait) => ctx.request_repaint_after_secs(wait as f32),
            None => {}
        }
    }

    fn sync_failed(&mut self, e: &sync::SyncError) {
        self.team.end();
        if let sync::SyncError::NeedsLogin { url } = e {
            // Asked once; the sync runs again with it.
            self.team.ask_login(url.clone(), Command::Sync);
            return;
        }
        self.error(tr!("sync-failed", error = sync_error(e)));
        if e.unreachable() {
            self.team.unreachable(sync_error(e));
        }
        // The state shown (offline, what is local) follows what just happened.
        self.team.project_changed();
    }
}
