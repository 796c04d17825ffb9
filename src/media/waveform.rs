//! The waveform strip: the loudest sample of each stretch of a recording, computed once on a
//! thread of its own (the window draws it when it is done) and kept for the session.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};

use super::MediaError;
use super::decode::Decoder;

/// The peaks of a recording, one per `ms_per_peak`.
#[derive(Clone, Debug, PartialEq)]
pub struct Waveform {
    /// The loudest absolute sample of each stretch, 0 to 1.
    pub peaks: Vec<f32>,
    /// How long a stretch is.
    pub ms_per_peak: u64,
}

/// The stretch of a peak.
pub const MS_PER_PEAK: u64 = 20;

impl Waveform {
    /// Decode `path` and take its peaks (slow: a whole hour's recording is decoded).
    pub fn compute(path: &Path) -> Result<Self, MediaError> {
        let mut d = Decoder::open(path)?;
        let channels = usize::from(d.channels());
        let per = (u64::from(d.sample_rate()) * MS_PER_PEAK / 1000).max(1) as usize;
        let mut peaks = Vec::new();
        let (mut peak, mut count) = (0.0_f32, 0);
        while let Some(chunk) = d.next_chunk()? {
            for frame in chunk.chunks(channels) {
                peak = frame.iter().fold(peak, |p, s| p.max(s.abs()));
                count += 1;
                if count == per {
                    peaks.push(peak.min(1.0));
                    (peak, count) = (0.0, 0);
                }
            }
        }
        if count > 0 {
            peaks.push(peak.min(1.0));
        }
        Ok(Self {
            peaks,
            ms_per_peak: MS_PER_PEAK,
        })
    }

    /// The loudest peak between `from_ms` and `to_ms`.
    #[must_use]
    pub fn peak_between(&self, from_ms: u64, to_ms: u64) -> f32 {
        let a = (from_ms / self.ms_per_peak) as usize;
        let b = ((to_ms / self.ms_per_peak) as usize + 1).min(self.peaks.len());
        self.peaks
            .get(a.min(b)..b)
            .map_or(0.0, |s| s.iter().copied().fold(0.0, f32::max))
    }

    /// Compute the waveform of `path` on a new thread; the answer arrives on the receiver.
    #[must_use]
    pub fn in_background(path: PathBuf) -> Receiver<Result<Self, MediaError>> {
        let (tx, rx) = channel();
        let spawned = std::thread::Builder::new()
            .name("margin-waveform".into())
            .spawn(move || {
                let _ = tx.send(Self::compute(&path));
            });
        if let Err(e) = spawned {
            log::warn!("cannot start the waveform thread: {e}");
        }
        rx
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn peaks_show_silence_and_sound_where_they_are() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("half.wav");
        let spec = hound::WavSpec {
            channels: 1,
            sample_rate: 8_000,
            bits_per_sample: 16,
            sample_format: hound::SampleFormat::Int,
        };
        let mut w = hound::WavWriter::create(&path, spec).unwrap();
        // One second of silence, then one of a loud tone.
        for i in 0..16_000_u32 {
            let v = if i < 8_000 {
                0.0
            } else {
                (i as f32 * 0.3).sin() * 0.8
            };
            w.write_sample((v * 32_767.0) as i16).unwrap();
        }
        w.finalize().unwrap();
        let wave = Waveform::in_background(path).recv().unwrap().unwrap();
        assert_eq!(wave.peaks.len(), 100);
        assert!(wave.peak_between(0, 900) < 0.01);
        assert!(wave.peak_between(1_100, 2_000) > 0.7);
    }
}
