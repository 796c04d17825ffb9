//! Saving without the user thinking about it, and without ever making a frame wait.
//!
//! The autosaver runs a thread that keeps its own copy of the project. Every operation the
//! session applies (an edit, an undo, a redo; see [`Op`]) is sent to it, and replayed there when
//! a save is asked for, so the copy saved is identical to the window's; shortly after an edit
//! (or at the latest two seconds after the first unsaved one) the window asks it to save, and
//! the thread renders the changed files
//! ([`ProjectDir::prepare`]) and writes them ([`PendingSave::write`]) on its copy. A failed write
//! gives its entities back ([`PendingSave::restore`]) and is retried. [`Autosave::flush`] saves
//! synchronously (Ctrl+S, closing).
//!
//! Time is the caller's clock in seconds (egui's input time), so tests can drive it.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, TryRecvError, channel};
use std::thread::JoinHandle;

use crate::model::{Edit, EntityKey, History, Project};
use crate::store::{PendingSave, ProjectDir};

/// One operation on the project, as journaled for replay on the saver's copy.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Op {
    /// An undoable edit, applied through the history.
    Apply(Edit),
    /// An edit outside the history (adding the coder).
    Raw(Edit),
    /// An undoable edit made part of the last step (a run of typing).
    Extend(Edit),
    /// Undo the last step.
    Undo,
    /// Redo the last undone step.
    Redo,
    /// Mark entities to be saved as they are (re-anchored positions the user agreed to keep).
    Touch(Vec<EntityKey>),
}

impl Op {
    /// Apply the operation to `project` with `history`, as the session did.
    pub(crate) fn replay(
        &self,
        project: &mut Project,
        history: &mut History<()>,
    ) -> Result<(), crate::model::EditError> {
        match self {
            Op::Apply(edit) => history.apply(project, (), edit.clone()).map(drop),
            Op::Extend(edit) => history.extend_last(project, edit.clone()),
            Op::Raw(edit) => project.apply(edit.clone()).map(drop),
            Op::Undo => history.undo(project).map(drop),
            Op::Redo => history.redo(project).map(drop),
            Op::Touch(keys) => {
                project.retouch(keys.iter().copied());
                Ok(())
            }
        }
    }
}

/// Seconds of quiet after an edit before saving.
const QUIET: f64 = 0.6;
/// Seconds after the first unsaved edit by which a save starts even if edits keep coming.
const MAX_WAIT: f64 = 2.0;
/// Seconds before a failed save is tried again.
const RETRY: f64 = 5.0;

/// Where saving stands, for the status bar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveStatus {
    /// Everything is on disk.
    Saved,
    /// There are changes not yet written.
    Pending,
    /// A write is running.
    Saving,
    /// The last write failed (with why); it will be retried.
    Failed(String),
    /// The project is read-only: nothing is saved.
    ReadOnly,
}

/// A message to the saving thread.
enum Msg {
    /// Replay these operations on the copy.
    Ops(Vec<Op>),
    /// Save what changed; the number is the count of operations sent so far.
    Save(u64),
    /// Save now and say when done.
    Flush(u64, Sender<Report>),
}

/// What the saving thread reports.
#[derive(Debug)]
enum Report {
    /// The files written, and how many operations the save covered.
    Saved(Vec<PathBuf>, u64),
    /// Saving failed.
    Failed(String),
}

/// The autosaver of one session.
pub struct Autosave {
    tx: Option<Sender<Msg>>,
    rx: Option<Receiver<Report>>,
    thread: Option<JoinHandle<()>>,
    sent: u64,
    saved: u64,
    dirty_since: Option<f64>,
    last_edit: f64,
    retry_at: f64,
    in_flight: bool,
    status: SaveStatus,
    last_saved: Vec<PathBuf>,
    saves: usize,
}

impl std::fmt::Debug for Autosave {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Autosave")
            .field("status", &self.status)
            .field("sent", &self.sent)
            .field("saved", &self.saved)
            .field("last_saved", &self.last_saved)
            .finish_non_exhaustive()
    }
}

impl Default for Autosave {
    /// An autosaver with no thread (no project open, or read-only).
    fn default() -> Self {
        Self {
            tx: None,
            rx: None,
            thread: None,
            sent: 0,
            saved: 0,
            dirty_since: None,
            last_edit: f64::NEG_INFINITY,
            retry_at: f64::NEG_INFINITY,
            in_flight: false,
            status: SaveStatus::ReadOnly,
            last_saved: Vec::new(),
            saves: 0,
        }
    }
}

impl Drop for Autosave {
    fn drop(&mut self) {
        // Closing the channel ends the thread once it has worked through what it was sent.
        self.tx = None;
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl Autosave {
    /// Start saving `project` in `dir` (the caller starts none for a read-only project).
    #[must_use]
    pub(crate) fn start(dir: &Arc<ProjectDir>, project: &mut Project) -> Self {
        let mut me = Self::default();
        let mut copy = project.clone();
        // The session's own project marks what it changed, but only the copy saves: the
        // copy inherits those marks, and the session's are dropped.
        project.take_touched();
        let dirty = !copy.touched().is_empty();
        let dir = Arc::clone(dir);
        let (tx, thread_rx) = channel::<Msg>();
        let (thread_tx, rx) = channel::<Report>();
        let spawned = std::thread::Builder::new()
            .name("margin-autosave".into())
            .spawn(move || saver(&dir, &mut copy, &thread_rx, &thread_tx));
        match spawned {
            Ok(handle) => {
                me.tx = Some(tx);
                me.rx = Some(rx);
                me.thread = Some(handle);
                me.status = SaveStatus::Saved;
                if dirty {
                    me.sent = 1;
                    me.dirty_since = Some(f64::NEG_INFINITY);
                    me.status = SaveStatus::Pending;
                }
            }
            Err(e) => me.status = SaveStatus::Failed(format!("could not start saving: {e}")),
        }
        me
    }

    /// True while a saving thread runs.
    #[must_use]
    pub fn is_running(&self) -> bool {
        self.tx.is_some()
    }

    /// Send the operations the session applied since the last call; `now` is when.
    pub(crate) fn record(&mut self, ops: Vec<Op>, now: f64) {
        if ops.is_empty() {
            return;
        }
        let Some(tx) = &self.tx else { return };
        self.sent += ops.len() as u64;
        if tx.send(Msg::Ops(ops)).is_err() {
            self.status = SaveStatus::Failed("the saving thread stopped".into());
            return;
        }
        self.last_edit = now;
        self.dirty_since.get_or_insert(now);
        if self.status == SaveStatus::Saved {
            self.status = SaveStatus::Pending;
        }
    }

    /// Where saving stands.
    #[must_use]
    pub fn status(&self) -> &SaveStatus {
        &self.status
    }

    /// The files the last completed save wrote or removed (relative to the project folder).
    #[must_use]
    pub fn last_saved(&self) -> &[PathBuf] {
        &self.last_saved
    }

    /// How many saves have completed.
    #[must_use]
    pub fn saves(&self) -> usize {
        self.saves
    }

    /// True while changes wait to be saved or are being saved.
    #[must_use]
    pub fn is_busy(&self) -> bool {
        self.in_flight || self.saved < self.sent
    }

    /// Collect what the thread reported and ask for a save when one is due. Returns the seconds
    /// until the next call is needed, if one is (the caller asks for a repaint then).
    pub fn poll(&mut self, now: f64) -> Option<f64> {
        let reports: Vec<Report> = match &self.rx {
            Some(rx) => {
                let mut v = Vec::new();
                loop {
                    match rx.try_recv() {
                        Ok(r) => v.push(r),
                        Err(TryRecvError::Empty) => break,
                        Err(TryRecvError::Disconnected) => {
                            self.status = SaveStatus::Failed("the saving thread stopped".into());
                            return None;
                        }
                    }
                }
                v
            }
            None => return None,
        };
        for r in reports {
            self.in_flight = false;
            self.take(r, now);
        }
        if self.in_flight {
            return Some(0.05);
        }
        if self.saved >= self.sent {
            self.dirty_since = None;
            return None;
        }
        let since = *self.dirty_since.get_or_insert(now);
        let due = (self.last_edit + QUIET)
            .min(since + MAX_WAIT)
            .max(self.retry_at);
        if now < due {
            return Some(due - now);
        }
        if let Some(tx) = &self.tx
            && tx.send(Msg::Save(self.sent)).is_ok()
        {
            self.in_flight = true;
            self.status = SaveStatus::Saving;
        }
        Some(0.05)
    }

    fn take(&mut self, report: Report, now: f64) {
        match report {
            Report::Saved(files, upto) => {
                self.saved = self.saved.max(upto);
                if !files.is_empty() {
                    self.saves += 1;
                    self.last_saved = files;
                }
                self.retry_at = f64::NEG_INFINITY;
                self.dirty_since = None;
                self.status = if self.saved >= self.sent {
                    SaveStatus::Saved
                } else {
                    SaveStatus::Pending
                };
            }
            Report::Failed(e) => {
                // Logged once per distinct failure, not at every retry.
                if !matches!(&self.status, SaveStatus::Failed(old) if *old == e) {
                    log::error!("saving failed: {}", crate::logging::redact(&e));
                }
                self.status = SaveStatus::Failed(e);
                self.retry_at = now + RETRY;
            }
        }
    }

    /// Send the operations the session still has, save it all now, and wait until it is on disk.
    pub(crate) fn flush(&mut self, ops: Vec<Op>) -> Result<(), String> {
        self.record(ops, self.last_edit.max(0.0));
        let Some(tx) = &self.tx else {
            return match &self.status {
                SaveStatus::Failed(e) => Err(e.clone()),
                _ => Ok(()),
            };
        };
        let (ack_tx, ack_rx) = channel();
        tx.send(Msg::Flush(self.sent, ack_tx))
            .map_err(|_| "the saving thread stopped".to_owned())?;
        // Reports of earlier saves may still be queued; take them first.
        self.poll(f64::NEG_INFINITY);
        let report = ack_rx
            .recv()
            .map_err(|_| "the saving thread stopped".to_owned())?;
        self.in_flight = false;
        let failed = match &report {
            Report::Failed(e) => Some(e.clone()),
            Report::Saved(..) => None,
        };
        self.take(report, f64::NEG_INFINITY);
        failed.map_or(Ok(()), Err)
    }
}

/// The saving thread: replay operations on the copy, save when asked.
fn saver(dir: &ProjectDir, project: &mut Project, rx: &Receiver<Msg>, tx: &Sender<Report>) {
    let mut history = History::<()>::default();
    let mut broken: Option<String> = None;
    let save = |project: &mut Project, upto: u64, broken: &Option<String>| -> Report {
        if let Some(e) = broken {
            return Report::Failed(e.clone());
        }
        let pending: PendingSave = match dir.prepare(project) {
            Ok(p) => p,
            Err(e) => return Report::Failed(e.to_string()),
        };
        if pending.is_empty() {
            return Report::Saved(Vec::new(), upto);
        }
        match pending.write() {
            Ok(saved) => Report::Saved(saved.files, upto),
            Err(e) => {
                pending.restore(project);
                Report::Failed(e.to_string())
            }
        }
    };
    // Operations are replayed when a save is asked for, not as they arrive: while the user
    // types, the copy does not compete with the window for the memory both walk through.
    let mut waiting: Vec<Op> = Vec::new();
    let mut catch_up =
        |waiting: &mut Vec<Op>, project: &mut Project, broken: &mut Option<String>| {
            for op in waiting.drain(..) {
                if let Err(e) = op.replay(project, &mut history) {
                    // The copy no longer matches the window: stop saving rather than write
                    // something the user did not see.
                    broken.get_or_insert(format!(
                        "the saved copy of the project went out of step ({e}); use Save to retry"
                    ));
                }
            }
        };
    while let Ok(msg) = rx.recv() {
        match msg {
            Msg::Ops(ops) => waiting.extend(ops),
            Msg::Save(upto) => {
                catch_up(&mut waiting, project, &mut broken);
                if tx.send(save(project, upto, &broken)).is_err() {
                    break;
                }
            }
            Msg::Flush(upto, ack) => {
                catch_up(&mut waiting, project, &mut broken);
                let _ = ack.send(save(project, upto, &broken));
            }
        }
    }
    catch_up(&mut waiting, project, &mut broken);
    // The window closed without a final flush: save what there is.
    if project.touched().is_empty() || broken.is_some() {
        return;
    }
    let _ = save(project, 0, &broken);
}
