//! A recording decoded to interleaved `f32` samples with symphonia (pure Rust: MP3, AAC in
//! MP4/M4A, WAV, Ogg Vorbis, FLAC), with seeking to a time. Every error names the file.

use std::fs::File;
use std::path::{Path, PathBuf};

use symphonia::core::audio::SampleBuffer;
use symphonia::core::codecs::{CODEC_TYPE_NULL, DecoderOptions};
use symphonia::core::errors::Error as SymError;
use symphonia::core::formats::{FormatOptions, FormatReader, SeekMode, SeekTo};
use symphonia::core::io::{MediaSourceStream, MediaSourceStreamOptions};
use symphonia::core::meta::MetadataOptions;
use symphonia::core::probe::Hint;
use symphonia::core::units::Time;

use super::{MediaError, OPUS_REASON};

/// An open recording: its first audio track, decoded packet by packet.
pub struct Decoder {
    path: PathBuf,
    format: Box<dyn FormatReader>,
    codec: Box<dyn symphonia::core::codecs::Decoder>,
    track: u32,
    rate: u32,
    channels: u16,
    frames: Option<u64>,
    /// The frame (per channel) that the next sample returned belongs to.
    next_frame: u64,
    /// Frames to drop before returning samples (an accurate seek lands on a packet that starts
    /// a little before the time asked for).
    skip_to: u64,
    buffer: Vec<f32>,
}

impl std::fmt::Debug for Decoder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Decoder")
            .field("path", &self.path)
            .field("rate", &self.rate)
            .field("channels", &self.channels)
            .finish_non_exhaustive()
    }
}

fn decode_error(path: &Path, e: &SymError) -> MediaError {
    match e {
        SymError::Unsupported(what) => MediaError::Unsupported {
            path: path.to_path_buf(),
            reason: format!(
                "unsupported {what} (Margin plays MP3, AAC/M4A, WAV, Ogg Vorbis and FLAC; {OPUS_REASON})"
            ),
        },
        other => MediaError::Decode {
            path: path.to_path_buf(),
            message: other.to_string(),
        },
    }
}

impl Decoder {
    /// Open `path` and its first track that has audio.
    pub fn open(path: &Path) -> Result<Self, MediaError> {
        let file = File::open(path).map_err(|e| {
            if e.kind() == std::io::ErrorKind::NotFound {
                MediaError::Missing {
                    path: path.to_path_buf(),
                    stored: path.display().to_string(),
                }
            } else {
                MediaError::Decode {
                    path: path.to_path_buf(),
                    message: e.to_string(),
                }
            }
        })?;
        let stream = MediaSourceStream::new(Box::new(file), MediaSourceStreamOptions::default());
        let mut hint = Hint::new();
        if let Some(ext) = path.extension().and_then(|e| e.to_str()) {
            hint.with_extension(ext);
        }
        let probed = symphonia::default::get_probe()
            .format(
                &hint,
                stream,
                &FormatOptions {
                    enable_gapless: true,
                    ..FormatOptions::default()
                },
                &MetadataOptions::default(),
            )
            .map_err(|e| decode_error(path, &e))?;
        let format = probed.format;
        let track = format
            .tracks()
            .iter()
            .find(|t| {
                t.codec_params.codec != CODEC_TYPE_NULL && t.codec_params.sample_rate.is_some()
            })
            .ok_or_else(|| MediaError::Unsupported {
                path: path.to_path_buf(),
                reason: format!("no audio track Margin can decode ({OPUS_REASON})"),
            })?;
        let params = track.codec_params.clone();
        let decoder = symphonia::default::get_codecs()
            .make(&params, &DecoderOptions::default())
            .map_err(|e| decode_error(path, &e))?;
        let rate = params.sample_rate.unwrap_or(44_100);
        let channels = params.channels.map_or(1, |c| c.count() as u16).max(1);
        Ok(Self {
            path: path.to_path_buf(),
            track: track.id,
            format,
            codec: decoder,
            rate,
            channels,
            frames: params.n_frames,
            next_frame: 0,
            skip_to: 0,
            buffer: Vec::new(),
        })
    }

    /// Samples per second.
    #[must_use]
    pub fn sample_rate(&self) -> u32 {
        self.rate
    }

    /// Channels of the interleaved samples.
    #[must_use]
    pub fn channels(&self) -> u16 {
        self.channels
    }

    /// The length, when the container says.
    #[must_use]
    pub fn duration_ms(&self) -> Option<u64> {
        self.frames.map(|f| f * 1000 / u64::from(self.rate))
    }

    /// Where the next samples returned start, in milliseconds.
    #[must_use]
    pub fn position_ms(&self) -> f64 {
        self.next_frame.max(self.skip_to) as f64 * 1000.0 / f64::from(self.rate)
    }

    /// The file.
    #[must_use]
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Go to `ms` from the start (past the end: the end).
    pub fn seek(&mut self, ms: u64) -> Result<(), MediaError> {
        let ms = self.duration_ms().map_or(ms, |d| ms.min(d));
        let to = SeekTo::Time {
            time: Time::new(ms / 1000, (ms % 1000) as f64 / 1000.0),
            track_id: Some(self.track),
        };
        let seeked = match self.format.seek(SeekMode::Accurate, to) {
            Ok(s) => s,
            // Past the end of a stream without an index: nothing more to play.
            Err(SymError::SeekError(_)) => {
                self.next_frame = self.frames.unwrap_or(self.next_frame);
                self.skip_to = u64::MAX;
                return Ok(());
            }
            Err(e) => return Err(decode_error(&self.path, &e)),
        };
        self.codec.reset();
        let tb = self
            .format
            .tracks()
            .iter()
            .find(|t| t.id == self.track)
            .and_then(|t| t.codec_params.time_base);
        let to_frames = |ts: u64| match tb {
            Some(tb) => {
                let t = tb.calc_time(ts);
                (t.seconds as f64 + t.frac) * f64::from(self.rate)
            }
            None => ts as f64,
        };
        self.next_frame = to_frames(seeked.actual_ts).round() as u64;
        self.skip_to = to_frames(seeked.required_ts).round() as u64;
        Ok(())
    }

    /// The next interleaved samples, or `None` at the end of the recording.
    pub fn next_chunk(&mut self) -> Result<Option<&[f32]>, MediaError> {
        loop {
            if self.skip_to == u64::MAX {
                return Ok(None);
            }
            let packet = match self.format.next_packet() {
                Ok(p) => p,
                Err(SymError::IoError(e)) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
                    return Ok(None);
                }
                Err(SymError::ResetRequired) => {
                    self.codec.reset();
                    continue;
                }
                Err(e) => return Err(decode_error(&self.path, &e)),
            };
            if packet.track_id() != self.track {
                continue;
            }
            let decoded = match self.codec.decode(&packet) {
                Ok(d) => d,
                // A damaged packet is skipped, as players do.
                Err(SymError::DecodeError(_)) => continue,
                Err(e) => return Err(decode_error(&self.path, &e)),
            };
            let spec = *decoded.spec();
            let frames = decoded.frames();
            if frames == 0 {
                continue;
            }
            let mut buf = SampleBuffer::<f32>::new(decoded.capacity() as u64, spec);
            buf.copy_interleaved_ref(decoded);
            let got = spec.channels.count().max(1);
            let start = self.next_frame;
            self.next_frame += frames as u64;
            let drop = self.skip_to.saturating_sub(start).min(frames as u64) as usize;
            if drop == frames {
                continue;
            }
            self.buffer.clear();
            let want = usize::from(self.channels);
            for frame in buf.samples()[..frames * got].chunks(got).skip(drop) {
                if got == want {
                    self.buffer.extend_from_slice(frame);
                } else {
                    // The track's channel count changed mid-stream: mix down or repeat.
                    let mean = frame.iter().sum::<f32>() / got as f32;
                    self.buffer.extend(std::iter::repeat_n(mean, want));
                }
            }
            return Ok(Some(&self.buffer));
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
pub(crate) mod tests {
    use super::*;

    /// Write `seconds` of a tone whose pitch steps up every second (so a position can be told
    /// by ear and by the samples), mono or stereo, 16-bit.
    pub(crate) fn write_wav(path: &Path, seconds: u32, rate: u32, channels: u16) {
        let spec = hound::WavSpec {
            channels,
            sample_rate: rate,
            bits_per_sample: 16,
            sample_format: hound::SampleFormat::Int,
        };
        let mut w = hound::WavWriter::create(path, spec).unwrap();
        for i in 0..seconds * rate {
            // Each frame's value encodes its own index, so a decoded sample says where it is.
            let v = (i % 30_000) as i16;
            for _ in 0..channels {
                w.write_sample(v).unwrap();
            }
        }
        w.finalize().unwrap();
    }

    #[test]
    fn decodes_and_seeks_to_known_times_within_50_ms() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tones.wav");
        let rate = 8_000;
        write_wav(&path, 6, rate, 2);
        let mut d = Decoder::open(&path).unwrap();
        assert_eq!((d.sample_rate(), d.channels()), (rate, 2));
        assert_eq!(d.duration_ms(), Some(6_000));
        let mut total = 0;
        while let Some(chunk) = d.next_chunk().unwrap() {
            total += chunk.len();
        }
        assert_eq!(total, 6 * rate as usize * 2);
        for ms in [0, 1_250, 3_000, 4_999, 5_900] {
            d.seek(ms).unwrap();
            assert!(
                (d.position_ms() - ms as f64).abs() < 50.0,
                "{ms}: {}",
                d.position_ms()
            );
            let first = d.next_chunk().unwrap().unwrap()[0];
            // The first sample returned is the frame at the time asked for.
            let frame = (first * 32_768.0).round() as u64;
            let expected = ms * u64::from(rate) / 1000 % 30_000;
            let off_ms = frame.abs_diff(expected) as f64 * 1000.0 / f64::from(rate);
            assert!(
                off_ms < 50.0,
                "seek to {ms}: frame {frame}, expected {expected}"
            );
        }
    }

    #[test]
    fn a_file_that_is_not_audio_is_an_error_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("fake.mp3");
        std::fs::write(&path, b"this is a text file, not a recording").unwrap();
        let err = Decoder::open(&path).unwrap_err();
        assert!(err.to_string().contains("fake.mp3"), "{err}");
        let err = Decoder::open(&dir.path().join("absent.wav")).unwrap_err();
        assert!(matches!(err, MediaError::Missing { .. }), "{err}");
    }
}
