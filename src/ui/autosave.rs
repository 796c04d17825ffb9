//! Saving without the user thinking about it. Shortly after an edit (or at the latest a couple of
//! seconds after the first unsaved one), the changed files are rendered on the UI thread
//! ([`ProjectDir::prepare`], cheap) and written on a background thread ([`PendingSave::write`]),
//! so no frame waits for the disk. A failed write gives its entities back to the project
//! ([`PendingSave::restore`]) and is retried. [`Autosave::flush`] saves synchronously (Ctrl+S,
//! quit).
//!
//! Time is the caller's clock in seconds (egui's input time), so tests can drive it.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use super::session::Session;
use crate::store::{PendingSave, Saved, StoreError};

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
}

struct Outcome {
    pending: PendingSave,
    result: Result<Saved, StoreError>,
}

/// The autosaver of one session.
pub struct Autosave {
    dirty_since: Option<f64>,
    last_edit: f64,
    retry_at: f64,
    in_flight: Option<Receiver<Outcome>>,
    status: SaveStatus,
    last_saved: Vec<PathBuf>,
    saves: usize,
}

impl std::fmt::Debug for Autosave {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Autosave")
            .field("status", &self.status)
            .field("in_flight", &self.in_flight.is_some())
            .field("last_saved", &self.last_saved)
            .finish_non_exhaustive()
    }
}

impl Default for Autosave {
    fn default() -> Self {
        Self {
            dirty_since: None,
            last_edit: f64::NEG_INFINITY,
            retry_at: f64::NEG_INFINITY,
            in_flight: None,
            status: SaveStatus::Saved,
            last_saved: Vec::new(),
            saves: 0,
        }
    }
}

impl Autosave {
    /// Note that an edit happened at `now`.
    pub fn edited(&mut self, now: f64) {
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

    /// True while a background write runs.
    #[must_use]
    pub fn is_writing(&self) -> bool {
        self.in_flight.is_some()
    }

    /// Collect a finished write and start a new one when due. Returns the seconds until the next
    /// call is needed, if one is (the caller asks for a repaint then).
    pub fn poll(&mut self, session: &mut Session, now: f64) -> Option<f64> {
        if let Some(rx) = &self.in_flight {
            match rx.try_recv() {
                Ok(outcome) => {
                    self.in_flight = None;
                    self.finish(session, outcome, now);
                }
                Err(TryRecvError::Empty) => return Some(0.05),
                Err(TryRecvError::Disconnected) => {
                    self.in_flight = None;
                    self.status = SaveStatus::Failed("the saving thread stopped".into());
                    self.retry_at = now + RETRY;
                }
            }
        }
        if session.project.touched().is_empty() {
            self.dirty_since = None;
            if self.status == SaveStatus::Pending {
                self.status = SaveStatus::Saved;
            }
            return None;
        }
        let since = *self.dirty_since.get_or_insert(now);
        if matches!(self.status, SaveStatus::Saved) {
            self.status = SaveStatus::Pending;
        }
        let due = (self.last_edit + QUIET)
            .min(since + MAX_WAIT)
            .max(self.retry_at);
        if now < due {
            return Some(due - now);
        }
        self.start(session, now);
        Some(0.05)
    }

    fn start(&mut self, session: &mut Session, now: f64) {
        let pending = match session.dir.prepare(&mut session.project) {
            Ok(p) => p,
            Err(e) => {
                self.status = SaveStatus::Failed(e.to_string());
                self.retry_at = now + RETRY;
                return;
            }
        };
        self.dirty_since = None;
        if pending.is_empty() {
            self.status = SaveStatus::Saved;
            self.last_saved.clear();
            return;
        }
        let (tx, rx) = channel();
        let spawned = std::thread::Builder::new()
            .name("margin-autosave".into())
            .spawn(move || {
                let result = pending.write();
                // The receiver may be gone if the window closed; then flush() has saved.
                let _ = tx.send(Outcome { pending, result });
            });
        match spawned {
            Ok(_) => {
                self.in_flight = Some(rx);
                self.status = SaveStatus::Saving;
            }
            Err(e) => {
                // No thread: the pending save was moved into the closure that never ran, so
                // its entities are lost from `touched`; mark everything to be safe.
                session.project.touch_all();
                self.status = SaveStatus::Failed(format!("could not start saving: {e}"));
                self.retry_at = now + RETRY;
            }
        }
    }

    fn finish(&mut self, session: &mut Session, outcome: Outcome, now: f64) {
        match outcome.result {
            Ok(saved) => {
                self.last_saved = saved.files;
                self.saves += 1;
                self.status = if session.project.touched().is_empty() {
                    SaveStatus::Saved
                } else {
                    SaveStatus::Pending
                };
            }
            Err(e) => {
                outcome.pending.restore(&mut session.project);
                self.status = SaveStatus::Failed(e.to_string());
                self.retry_at = now + RETRY;
            }
        }
    }

    /// Wait for a running write, then write whatever is left, now.
    pub fn flush(&mut self, session: &mut Session) -> Result<(), String> {
        if let Some(rx) = self.in_flight.take() {
            match rx.recv() {
                Ok(outcome) => self.finish(session, outcome, f64::NEG_INFINITY),
                Err(_) => session.project.touch_all(),
            }
        }
        if session.project.touched().is_empty() {
            return match &self.status {
                SaveStatus::Failed(e) => Err(e.clone()),
                _ => Ok(()),
            };
        }
        match session.dir.save(&mut session.project) {
            Ok(saved) => {
                self.last_saved = saved.files;
                self.saves += 1;
                self.dirty_since = None;
                self.status = SaveStatus::Saved;
                Ok(())
            }
            Err(e) => {
                self.status = SaveStatus::Failed(e.to_string());
                Err(e.to_string())
            }
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::model::{Document, DocumentKind, Edit, Text};

    #[test]
    fn saves_after_a_quiet_moment_on_another_thread_and_only_what_changed() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Session::create(&dir.path().join("p")).unwrap();
        let mut a = Autosave::default();
        assert_eq!(a.poll(&mut s, 0.0), None);
        let doc = Document::new("d", DocumentKind::Notes, Text::new("hello"));
        let id = doc.id;
        s.project.apply(Edit::PutDocument(Box::new(doc))).unwrap();
        a.edited(10.0);
        assert_eq!(a.status(), &SaveStatus::Pending);
        let wait = a.poll(&mut s, 10.1).unwrap();
        assert!((wait - 0.5).abs() < 1e-9, "{wait}");
        a.poll(&mut s, 10.7);
        assert!(a.is_writing());
        let mut t = 10.7;
        while a.is_writing() {
            std::thread::sleep(std::time::Duration::from_millis(5));
            t += 0.01;
            a.poll(&mut s, t);
        }
        assert_eq!(a.status(), &SaveStatus::Saved);
        let mut files: Vec<String> = a
            .last_saved()
            .iter()
            .map(|p| p.to_string_lossy().replace('\\', "/"))
            .collect();
        files.sort();
        assert_eq!(
            files,
            [format!("documents/{id}.ron"), format!("documents/{id}.txt")]
        );
        assert!(dir.path().join(format!("p/documents/{id}.txt")).is_file());
    }

    #[test]
    fn keeps_saving_at_the_latest_two_seconds_into_a_stream_of_edits() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Session::create(&dir.path().join("p")).unwrap();
        let mut a = Autosave::default();
        s.set_coder("x").unwrap();
        a.edited(0.0);
        a.poll(&mut s, 0.0);
        a.edited(1.0);
        assert!(!a.is_writing());
        a.edited(1.9);
        a.poll(&mut s, 2.0);
        assert!(a.is_writing());
        a.flush(&mut s).unwrap();
        assert_eq!(a.status(), &SaveStatus::Saved);
        assert_eq!(a.saves(), 1);
    }
}
