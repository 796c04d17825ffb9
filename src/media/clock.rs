//! The playback clock: what the listener hears now is the sample the device has consumed, that
//! is the frames written to it minus the ones still queued (its delay). Each write is noted with
//! the recording's time at its end, so the position holds across speed changes and seeks.

use std::collections::VecDeque;

/// Marks of (frames written to the device in all, the recording's time in ms at that point).
#[derive(Clone, Debug, Default)]
pub struct Clock {
    marks: VecDeque<(u64, f64)>,
    written: u64,
}

impl Clock {
    /// A clock at `ms` with nothing written.
    #[must_use]
    pub fn at(ms: f64) -> Self {
        let mut c = Self::default();
        c.reset(ms);
        c
    }

    /// Start again at `ms` (after a seek; the device's queue was dropped).
    pub fn reset(&mut self, ms: f64) {
        self.marks.clear();
        self.marks.push_back((self.written, ms));
    }

    /// `frames` more were written to the device, ending at the recording's time `ms_after`.
    pub fn wrote(&mut self, frames: u64, ms_after: f64) {
        self.written += frames;
        self.marks.push_back((self.written, ms_after));
        // Marks older than a few seconds' writes are never asked for again.
        while self.marks.len() > 512 {
            self.marks.pop_front();
        }
    }

    /// Frames written to the device in all.
    #[must_use]
    pub fn written(&self) -> u64 {
        self.written
    }

    /// The recording's time the listener hears when the device still holds `delay` frames.
    #[must_use]
    pub fn position(&self, delay: u64) -> f64 {
        let consumed = self.written.saturating_sub(delay);
        let after = self.marks.partition_point(|&(f, _)| f <= consumed);
        match (
            after.checked_sub(1).map(|i| self.marks[i]),
            self.marks.get(after),
        ) {
            (Some((f0, t0)), Some(&(f1, t1))) if f1 > f0 => {
                t0 + (t1 - t0) * (consumed - f0) as f64 / (f1 - f0) as f64
            }
            (Some((_, t)), _) | (None, Some(&(_, t))) => t,
            (None, None) => 0.0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_position_is_what_the_device_has_played_not_what_was_written() {
        // 1 s at 8 kHz written in two writes, from 10 s; the device still holds 2,000 frames.
        let mut c = Clock::at(10_000.0);
        c.wrote(4_000, 10_500.0);
        c.wrote(4_000, 11_000.0);
        assert!((c.position(2_000) - 10_750.0).abs() < 1e-6);
        assert!((c.position(0) - 11_000.0).abs() < 1e-6);
        assert!((c.position(8_000) - 10_000.0).abs() < 1e-6);
        // At double speed 4,000 device frames carry a second of the recording.
        c.wrote(4_000, 12_000.0);
        assert!((c.position(1_000) - 11_750.0).abs() < 1e-6);
        // A seek drops the queue: the clock starts at the new time.
        c.reset(3_000.0);
        assert!((c.position(0) - 3_000.0).abs() < 1e-6);
        c.wrote(800, 3_100.0);
        assert!((c.position(400) - 3_050.0).abs() < 1e-6);
    }
}
