//! Where the player's samples go: a sound device, or nowhere at the pace of one. The real
//! output is ALSA loaded at run time ([`super::alsa`]), so the program builds without ALSA's
//! development package and plays on any Linux desktop; where there is no ALSA, or no device,
//! the player uses [`NullOutput`] and says so.

use std::time::{Duration, Instant};

/// A sound output, as the player thread uses it.
pub trait Output: Send {
    /// What it is, for the player's status line ("ALSA default", "no sound output").
    fn name(&self) -> String;
    /// Get ready for `rate` samples a second of `channels` interleaved channels.
    fn open(&mut self, rate: u32, channels: u16) -> Result<(), String>;
    /// Queue interleaved samples, waiting while the device's buffer is full.
    fn write(&mut self, samples: &[f32]) -> Result<(), String>;
    /// Frames queued and not yet heard.
    fn delay(&mut self) -> u64;
    /// Forget what is queued (pause, seek).
    fn drop_queued(&mut self);
    /// Whether a listener hears anything (false for the null output).
    fn audible(&self) -> bool;
}

/// An output that plays nothing, consuming samples at the pace a device would (so the clock,
/// the follow mode and the tests behave as with sound).
#[derive(Debug)]
pub struct NullOutput {
    rate: u32,
    channels: u16,
    written: u64,
    since: Instant,
    reason: String,
}

impl NullOutput {
    /// A null output; `reason` says why there is no sound (shown to the user).
    #[must_use]
    pub fn new(reason: impl Into<String>) -> Self {
        Self {
            rate: 44_100,
            channels: 1,
            written: 0,
            since: Instant::now(),
            reason: reason.into(),
        }
    }

    fn played(&self) -> u64 {
        (self.since.elapsed().as_secs_f64() * f64::from(self.rate)) as u64
    }
}

/// What the null output buffers before a write waits, like a device's queue.
const NULL_BUFFER: Duration = Duration::from_millis(100);

impl Output for NullOutput {
    fn name(&self) -> String {
        self.reason.clone()
    }

    fn open(&mut self, rate: u32, channels: u16) -> Result<(), String> {
        self.rate = rate.max(1);
        self.channels = channels.max(1);
        self.drop_queued();
        Ok(())
    }

    fn write(&mut self, samples: &[f32]) -> Result<(), String> {
        self.written += (samples.len() / usize::from(self.channels)) as u64;
        let ahead = self.written.saturating_sub(self.played());
        let ahead = Duration::from_secs_f64(ahead as f64 / f64::from(self.rate));
        if let Some(wait) = ahead.checked_sub(NULL_BUFFER) {
            std::thread::sleep(wait);
        }
        Ok(())
    }

    fn delay(&mut self) -> u64 {
        let played = self.played();
        if played > self.written {
            // An underrun: the device waited for samples; start counting again from here.
            self.since = Instant::now();
            self.written = 0;
            return 0;
        }
        self.written - played
    }

    fn drop_queued(&mut self) {
        self.written = 0;
        self.since = Instant::now();
    }

    fn audible(&self) -> bool {
        false
    }
}

/// The output the window plays through: ALSA's device `MARGIN_AUDIO_DEVICE` (default
/// "default"), else a null output whose name says why there is no sound.
#[must_use]
pub fn system_output() -> Box<dyn Output> {
    let device = std::env::var("MARGIN_AUDIO_DEVICE").unwrap_or_else(|_| "default".into());
    match super::alsa::AlsaOutput::new(&device) {
        Ok(out) => Box::new(out),
        Err(why) => {
            log::info!("no sound output: {why}");
            Box::new(NullOutput::new(format!("no sound output: {why}")))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_null_output_consumes_at_the_pace_of_a_device() {
        let mut out = NullOutput::new("test");
        out.open(8_000, 2).expect("opens");
        let start = Instant::now();
        // 0.3 s of stereo: the write returns once no more than 0.1 s is left queued.
        out.write(&vec![0.0; 8_000 * 2 * 3 / 10]).expect("writes");
        let waited = start.elapsed();
        assert!(waited >= Duration::from_millis(150), "{waited:?}");
        let delay = out.delay();
        assert!(delay <= 8_000 / 10 + 80, "{delay}");
        out.drop_queued();
        assert_eq!(out.delay(), 0);
        assert!(!out.audible());
    }
}
