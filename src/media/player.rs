//! The player: a thread that decodes a recording and writes it to an [`Output`], driven by
//! commands, publishing the position the listener hears in an atomic. The window's thread only
//! sends commands and reads that position; a paused player's thread sleeps on its channel.
//!
//! Speed (0.5× to 2×) is plain resampling: the pitch changes with the speed.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, Sender, TryRecvError, channel};
use std::sync::{Arc, Mutex, PoisonError};

use super::clock::Clock;
use super::decode::Decoder;
use super::output::{NullOutput, Output};

/// The slowest and fastest speeds.
pub const SPEEDS: (f32, f32) = (0.5, 2.0);

/// What the player's thread is asked to do.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Command {
    Play,
    Pause,
    Seek(u64),
    Speed(f32),
    Quit,
}

/// What the thread tells the window.
#[derive(Debug, Default)]
struct Shared {
    position_ms: AtomicU64,
    duration_ms: AtomicU64,
    playing: AtomicBool,
    ready: AtomicBool,
    output: Mutex<String>,
    error: Mutex<Option<String>>,
}

/// A recording being played (or paused) on its own thread.
#[derive(Debug)]
pub struct Player {
    commands: Sender<Command>,
    shared: Arc<Shared>,
    path: PathBuf,
    speed: f32,
}

impl Player {
    /// Open `path` on a new thread and play it through the output `output` makes there (so
    /// that loading and opening a sound device never holds up the caller). An error (the file
    /// cannot be decoded, the device refuses) is kept for [`Player::error`]; a device that
    /// refuses is replaced by a null output, so the clock and the view still run.
    #[must_use]
    pub fn start(path: PathBuf, output: impl FnOnce() -> Box<dyn Output> + Send + 'static) -> Self {
        let (commands, rx) = channel();
        let shared = Arc::new(Shared::default());
        let thread_shared = Arc::clone(&shared);
        let thread_path = path.clone();
        let spawned = std::thread::Builder::new()
            .name("margin-player".into())
            .spawn(move || {
                let output = output();
                *lock(&thread_shared.output) = output.name();
                run(&thread_path, output, &rx, &thread_shared);
            });
        if let Err(e) = spawned {
            *lock(&shared.error) = Some(format!("cannot start the player: {e}"));
        }
        Self {
            commands,
            shared,
            path,
            speed: 1.0,
        }
    }

    fn send(&self, c: Command) {
        // A thread that ended (the file failed to open) has said why in `error`.
        let _ = self.commands.send(c);
    }

    /// Play from where it is.
    pub fn play(&self) {
        self.shared.playing.store(true, Ordering::Relaxed);
        self.send(Command::Play);
    }

    /// Pause.
    pub fn pause(&self) {
        self.shared.playing.store(false, Ordering::Relaxed);
        self.send(Command::Pause);
    }

    /// Play if paused, pause if playing.
    pub fn toggle(&self) {
        if self.is_playing() {
            self.pause();
        } else {
            self.play();
        }
    }

    /// Go to `ms` (playing on if it was playing).
    pub fn seek(&self, ms: u64) {
        self.shared.position_ms.store(ms, Ordering::Relaxed);
        self.send(Command::Seek(ms));
    }

    /// Go to `ms` and play.
    pub fn play_from(&self, ms: u64) {
        self.seek(ms);
        self.play();
    }

    /// Move by `delta_ms` (back when negative), within the recording.
    pub fn skip(&self, delta_ms: i64) {
        let now = i64::try_from(self.position_ms()).unwrap_or(i64::MAX);
        let mut to = u64::try_from(now.saturating_add(delta_ms)).unwrap_or(0);
        if let Some(d) = self.duration_ms() {
            to = to.min(d);
        }
        self.seek(to);
    }

    /// Play at `speed` times (kept within [`SPEEDS`]).
    pub fn set_speed(&mut self, speed: f32) {
        self.speed = speed.clamp(SPEEDS.0, SPEEDS.1);
        self.send(Command::Speed(self.speed));
    }

    /// The speed.
    #[must_use]
    pub fn speed(&self) -> f32 {
        self.speed
    }

    /// The position the listener hears, in ms.
    #[must_use]
    pub fn position_ms(&self) -> u64 {
        self.shared.position_ms.load(Ordering::Relaxed)
    }

    /// The recording's length, once known.
    #[must_use]
    pub fn duration_ms(&self) -> Option<u64> {
        match self.shared.duration_ms.load(Ordering::Relaxed) {
            0 => None,
            d => Some(d),
        }
    }

    /// Whether it is playing (or asked to).
    #[must_use]
    pub fn is_playing(&self) -> bool {
        self.shared.playing.load(Ordering::Relaxed)
    }

    /// Whether the recording has been opened.
    #[must_use]
    pub fn is_ready(&self) -> bool {
        self.shared.ready.load(Ordering::Relaxed)
    }

    /// Why it cannot play, if it cannot.
    #[must_use]
    pub fn error(&self) -> Option<String> {
        lock(&self.shared.error).clone()
    }

    /// The output's name, or why there is no sound.
    #[must_use]
    pub fn output(&self) -> String {
        lock(&self.shared.output).clone()
    }

    /// The recording.
    #[must_use]
    pub fn path(&self) -> &std::path::Path {
        &self.path
    }
}

impl Drop for Player {
    fn drop(&mut self) {
        self.send(Command::Quit);
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Resampling by linear interpolation, carrying its phase and last frame across chunks.
#[derive(Debug, Default)]
struct Resampler {
    prev: Vec<f32>,
    phase: f64,
}

impl Resampler {
    fn reset(&mut self) {
        self.prev.clear();
        self.phase = 0.0;
    }

    fn run(&mut self, input: &[f32], channels: usize, speed: f64, out: &mut Vec<f32>) {
        out.clear();
        let frames = input.len() / channels;
        if frames == 0 {
            return;
        }
        if (speed - 1.0).abs() < 1e-6 && self.phase == 0.0 {
            out.extend_from_slice(input);
            self.prev = input[(frames - 1) * channels..].to_vec();
            return;
        }
        if self.prev.len() != channels {
            self.prev = input[..channels].to_vec();
        }
        // Frame 0 is the last of the chunk before; frames 1..=n this chunk's.
        let frame = |i: usize| -> &[f32] {
            if i == 0 {
                &self.prev
            } else {
                &input[(i - 1) * channels..i * channels]
            }
        };
        while (self.phase.floor() as usize) < frames {
            let at = self.phase.floor() as usize;
            let frac = (self.phase - at as f64) as f32;
            let (a, b) = (frame(at), frame(at + 1));
            out.extend(a.iter().zip(b).map(|(a, b)| a + (b - a) * frac));
            self.phase += speed;
        }
        self.phase -= frames as f64;
        self.prev = input[(frames - 1) * channels..].to_vec();
    }
}

/// The player's thread.
fn run(
    path: &std::path::Path,
    mut output: Box<dyn Output>,
    rx: &Receiver<Command>,
    shared: &Shared,
) {
    let fail = |why: String| {
        log::warn!("player: {why}");
        *lock(&shared.error) = Some(why);
        shared.playing.store(false, Ordering::Relaxed);
    };
    let mut decoder = match Decoder::open(path) {
        Ok(d) => d,
        Err(e) => return fail(e.to_string()),
    };
    let channels = usize::from(decoder.channels());
    if let Err(why) = output.open(decoder.sample_rate(), decoder.channels()) {
        output = Box::new(NullOutput::new(format!("no sound output: {why}")));
        let _ = output.open(decoder.sample_rate(), decoder.channels());
        *lock(&shared.output) = output.name();
    }
    shared
        .duration_ms
        .store(decoder.duration_ms().unwrap_or(0), Ordering::Relaxed);
    shared.ready.store(true, Ordering::Relaxed);
    let mut clock = Clock::at(0.0);
    let mut resampler = Resampler::default();
    let mut speed = 1.0_f64;
    let mut playing = false;
    let mut out = Vec::new();
    let publish = |ms: f64| {
        shared
            .position_ms
            .store(ms.max(0.0) as u64, Ordering::Relaxed);
    };
    // A command that arrived while the end played out, taken next.
    let mut pending: Option<Command> = None;
    loop {
        let command = if let Some(c) = pending.take() {
            Some(c)
        } else if playing {
            match rx.try_recv() {
                Ok(c) => Some(c),
                Err(TryRecvError::Empty) => None,
                Err(TryRecvError::Disconnected) => return,
            }
        } else {
            match rx.recv() {
                Ok(c) => Some(c),
                Err(_) => return,
            }
        };
        match command {
            Some(Command::Quit) => return,
            Some(Command::Play) => {
                if decoder
                    .duration_ms()
                    .is_some_and(|d| decoder.position_ms() as u64 >= d)
                {
                    if let Err(e) = decoder.seek(0) {
                        return fail(e.to_string());
                    }
                    clock.reset(0.0);
                }
                playing = true;
            }
            Some(Command::Pause) => {
                let at = clock.position(output.delay());
                output.drop_queued();
                if let Err(e) = decoder.seek(at as u64) {
                    return fail(e.to_string());
                }
                clock.reset(at);
                resampler.reset();
                publish(at);
                playing = false;
            }
            Some(Command::Seek(ms)) => {
                output.drop_queued();
                if let Err(e) = decoder.seek(ms) {
                    return fail(e.to_string());
                }
                clock.reset(ms as f64);
                resampler.reset();
                publish(ms as f64);
            }
            Some(Command::Speed(s)) => speed = f64::from(s),
            None => {}
        }
        if !playing {
            continue;
        }
        let before = decoder.position_ms();
        match decoder.next_chunk() {
            Ok(Some(chunk)) => {
                resampler.run(chunk, channels, speed, &mut out);
                let after = decoder.position_ms();
                // Written in pieces of 20 ms, the position published after each: a device (or
                // the null output) waits in a write while its queue is full, and the window
                // should see the position move smoothly meanwhile.
                let piece = (decoder.sample_rate() as usize / 50).max(1) * channels;
                let total = out.len().max(1);
                let mut done = 0;
                for part in out.chunks(piece) {
                    if let Err(why) = output.write(part) {
                        output = Box::new(NullOutput::new(format!("no sound output: {why}")));
                        let _ = output.open(decoder.sample_rate(), decoder.channels());
                        *lock(&shared.output) = output.name();
                    }
                    done += part.len();
                    let at = before + (after - before) * done as f64 / total as f64;
                    clock.wrote((part.len() / channels) as u64, at);
                    publish(clock.position(output.delay()));
                }
            }
            Ok(None) => {
                // The end: let the device play out what it holds, then stop there.
                while output.delay() > 0 {
                    publish(clock.position(output.delay()));
                    if let Ok(c) = rx.recv_timeout(std::time::Duration::from_millis(20)) {
                        // Asked for something else: handle it in the loop.
                        pending = Some(c);
                        break;
                    }
                }
                if pending.is_none() {
                    publish(clock.position(0));
                    playing = false;
                    shared.playing.store(false, Ordering::Relaxed);
                }
            }
            Err(e) => return fail(e.to_string()),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::media::decode::tests::write_wav;
    use std::time::{Duration, Instant};

    fn wait_until(what: &str, mut f: impl FnMut() -> bool) {
        let start = Instant::now();
        while !f() {
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "timed out waiting: {what}"
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    #[test]
    fn plays_from_a_time_and_the_position_follows_the_clock() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("talk.wav");
        write_wav(&path, 6, 8_000, 1);
        let player = Player::start(path, || Box::new(NullOutput::new("none")));
        wait_until("ready", || player.is_ready());
        assert_eq!(player.duration_ms(), Some(6_000));
        player.play_from(2_000);
        assert!(player.position_ms().abs_diff(2_000) < 50);
        let start = Instant::now();
        std::thread::sleep(Duration::from_millis(400));
        let pos = player.position_ms();
        let elapsed = start.elapsed().as_millis() as u64;
        // What was heard is 2 s plus the time since, within the device's queue (100 ms) and a
        // scheduler's slack.
        assert!(
            pos >= 2_000 + elapsed.saturating_sub(200) && pos <= 2_000 + elapsed + 50,
            "{pos} after {elapsed} ms"
        );
        player.pause();
        std::thread::sleep(Duration::from_millis(100));
        let paused = player.position_ms();
        std::thread::sleep(Duration::from_millis(200));
        assert_eq!(player.position_ms(), paused, "a paused player stands still");
        assert!(!player.is_playing());
        player.skip(-3_000);
        assert_eq!(player.position_ms(), paused.saturating_sub(3_000));
    }

    #[test]
    fn double_speed_covers_twice_the_recording() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("talk.wav");
        write_wav(&path, 4, 8_000, 2);
        let mut player = Player::start(path, || Box::new(NullOutput::new("none")));
        wait_until("ready", || player.is_ready());
        player.set_speed(2.0);
        player.play_from(0);
        let start = Instant::now();
        std::thread::sleep(Duration::from_millis(500));
        let pos = player.position_ms();
        let elapsed = start.elapsed().as_millis() as u64;
        assert!(
            pos > elapsed * 2 - 400 && pos <= elapsed * 2 + 100,
            "{pos} after {elapsed} ms"
        );
        // It stops at the end.
        wait_until("the end", || !player.is_playing());
        assert!(
            player.position_ms().abs_diff(4_000) < 50,
            "{}",
            player.position_ms()
        );
    }

    #[test]
    fn a_recording_that_cannot_be_opened_says_why() {
        let dir = tempfile::tempdir().unwrap();
        let player = Player::start(dir.path().join("moved.mp3"), || {
            Box::new(NullOutput::new("none"))
        });
        wait_until("the error", || player.error().is_some());
        assert!(player.error().unwrap().contains("moved.mp3"));
        player.play(); // no panic, nothing plays
    }

    #[test]
    fn resampling_keeps_the_count_of_frames_in_step_with_the_speed() {
        let mut r = Resampler::default();
        let mut out = Vec::new();
        let mut total = 0;
        for _ in 0..10 {
            r.run(&[0.5; 1_000], 2, 0.5, &mut out);
            total += out.len() / 2;
        }
        assert!(total.abs_diff(10_000) <= 2, "{total}");
    }
}
