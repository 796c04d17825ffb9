//! ALSA's PCM output, loaded at run time from `libasound.so.2` (which every Linux desktop has):
//! no build-time dependency on ALSA's development package, one binary everywhere. This is the
//! crate's only `unsafe` code: calls into the C library with the pointer it gave us, each one
//! documented. CI plays through ALSA's "null" device, which needs no sound card.

#![allow(unsafe_code)]

use std::ffi::{CStr, CString, c_char, c_int, c_long, c_uint, c_ulong, c_void};

use libloading::Library;

use super::output::Output;

/// `snd_pcm_t`, opaque.
#[repr(C)]
struct Pcm {
    _private: [u8; 0],
}

type OpenFn = unsafe extern "C" fn(*mut *mut Pcm, *const c_char, c_int, c_int) -> c_int;
type SetParamsFn =
    unsafe extern "C" fn(*mut Pcm, c_int, c_int, c_uint, c_uint, c_int, c_uint) -> c_int;
type WriteiFn = unsafe extern "C" fn(*mut Pcm, *const c_void, c_ulong) -> c_long;
type DelayFn = unsafe extern "C" fn(*mut Pcm, *mut c_long) -> c_int;
type RecoverFn = unsafe extern "C" fn(*mut Pcm, c_int, c_int) -> c_int;
type PcmFn = unsafe extern "C" fn(*mut Pcm) -> c_int;
type StrerrorFn = unsafe extern "C" fn(c_int) -> *const c_char;
type NonblockFn = unsafe extern "C" fn(*mut Pcm, c_int) -> c_int;

const SND_PCM_STREAM_PLAYBACK: c_int = 0;
/// Open without waiting for a device another program holds; writes block again after.
const SND_PCM_NONBLOCK: c_int = 1;
const SND_PCM_FORMAT_S16_LE: c_int = 2;
const SND_PCM_ACCESS_RW_INTERLEAVED: c_int = 3;
/// The device's queue: long enough not to stutter, short enough for pause and seek to feel
/// immediate.
const LATENCY_US: c_uint = 100_000;

/// The functions of libasound the player calls.
struct Api {
    open: OpenFn,
    set_params: SetParamsFn,
    writei: WriteiFn,
    delay: DelayFn,
    recover: RecoverFn,
    drop: PcmFn,
    prepare: PcmFn,
    close: PcmFn,
    strerror: StrerrorFn,
    nonblock: NonblockFn,
    // Kept last and alive as long as the function pointers above.
    _lib: Library,
}

impl Api {
    fn load() -> Result<Self, String> {
        // SAFETY: libasound's initialisers are safe to run in any process (every desktop program
        // that plays sound loads it).
        let lib = unsafe { Library::new("libasound.so.2") }
            .map_err(|e| format!("ALSA (libasound.so.2) is not installed: {e}"))?;
        // SAFETY: each symbol is looked up with its C signature from alsa/pcm.h and
        // alsa/error.h; the pointers are used only while `_lib` keeps the library loaded.
        unsafe {
            let f = |name: &str| format!("libasound.so.2 has no {name}");
            Ok(Self {
                open: *lib
                    .get::<OpenFn>("snd_pcm_open")
                    .map_err(|_| f("snd_pcm_open"))?,
                set_params: *lib
                    .get::<SetParamsFn>("snd_pcm_set_params")
                    .map_err(|_| f("snd_pcm_set_params"))?,
                writei: *lib
                    .get::<WriteiFn>("snd_pcm_writei")
                    .map_err(|_| f("snd_pcm_writei"))?,
                delay: *lib
                    .get::<DelayFn>("snd_pcm_delay")
                    .map_err(|_| f("snd_pcm_delay"))?,
                recover: *lib
                    .get::<RecoverFn>("snd_pcm_recover")
                    .map_err(|_| f("snd_pcm_recover"))?,
                drop: *lib
                    .get::<PcmFn>("snd_pcm_drop")
                    .map_err(|_| f("snd_pcm_drop"))?,
                prepare: *lib
                    .get::<PcmFn>("snd_pcm_prepare")
                    .map_err(|_| f("snd_pcm_prepare"))?,
                close: *lib
                    .get::<PcmFn>("snd_pcm_close")
                    .map_err(|_| f("snd_pcm_close"))?,
                strerror: *lib
                    .get::<StrerrorFn>("snd_strerror")
                    .map_err(|_| f("snd_strerror"))?,
                nonblock: *lib
                    .get::<NonblockFn>("snd_pcm_nonblock")
                    .map_err(|_| f("snd_pcm_nonblock"))?,
                _lib: lib,
            })
        }
    }

    fn error(&self, code: c_int) -> String {
        // SAFETY: snd_strerror returns a static NUL-terminated string for any code.
        let text = unsafe { CStr::from_ptr((self.strerror)(code)) };
        text.to_string_lossy().into_owned()
    }
}

/// A PCM playback device of ALSA.
pub struct AlsaOutput {
    api: Api,
    device: String,
    pcm: *mut Pcm,
    channels: u16,
    samples: Vec<i16>,
}

// SAFETY: the PCM handle is used by one thread at a time (the player's, which owns the output);
// ALSA allows a handle to move between threads.
unsafe impl Send for AlsaOutput {}

impl AlsaOutput {
    /// Open ALSA's playback device `device` (e.g. "default", or "null" for none).
    pub fn new(device: &str) -> Result<Self, String> {
        let api = Api::load()?;
        let name = CString::new(device).map_err(|_| format!("bad ALSA device name {device:?}"))?;
        let mut pcm: *mut Pcm = std::ptr::null_mut();
        // SAFETY: `pcm` is a valid out-pointer and `name` a NUL-terminated string.
        let rc = unsafe {
            (api.open)(
                &raw mut pcm,
                name.as_ptr(),
                SND_PCM_STREAM_PLAYBACK,
                SND_PCM_NONBLOCK,
            )
        };
        if rc < 0 || pcm.is_null() {
            return Err(format!("ALSA device {device:?}: {}", api.error(rc)));
        }
        // SAFETY: `pcm` is the handle just opened; 0 makes its writes wait for room again.
        unsafe { (api.nonblock)(pcm, 0) };
        Ok(Self {
            api,
            device: device.to_owned(),
            pcm,
            channels: 1,
            samples: Vec::new(),
        })
    }
}

impl Output for AlsaOutput {
    fn name(&self) -> String {
        format!("ALSA {}", self.device)
    }

    fn open(&mut self, rate: u32, channels: u16) -> Result<(), String> {
        self.channels = channels.max(1);
        // SAFETY: `pcm` is the open handle; dropping before new parameters is allowed in any
        // state.
        unsafe { (self.api.drop)(self.pcm) };
        // SAFETY: as above; the parameters are plain integers (software resampling on, so any
        // rate plays on any card).
        let rc = unsafe {
            (self.api.set_params)(
                self.pcm,
                SND_PCM_FORMAT_S16_LE,
                SND_PCM_ACCESS_RW_INTERLEAVED,
                c_uint::from(self.channels),
                rate,
                1,
                LATENCY_US,
            )
        };
        if rc < 0 {
            return Err(format!(
                "ALSA device {:?} cannot play {rate} Hz, {channels} channel(s): {}",
                self.device,
                self.api.error(rc)
            ));
        }
        Ok(())
    }

    fn write(&mut self, samples: &[f32]) -> Result<(), String> {
        self.samples.clear();
        self.samples.extend(
            samples
                .iter()
                .map(|s| (s.clamp(-1.0, 1.0) * 32_767.0) as i16),
        );
        let channels = usize::from(self.channels);
        let mut done = 0;
        let frames = self.samples.len() / channels;
        while done < frames {
            let rest = &self.samples[done * channels..];
            // SAFETY: `rest` holds `frames - done` whole interleaved frames of S16 samples, the
            // format the device was set to.
            let n = unsafe {
                (self.api.writei)(self.pcm, rest.as_ptr().cast(), (frames - done) as c_ulong)
            };
            if n < 0 {
                // SAFETY: recovering from an underrun or suspend on the open handle.
                let rc = unsafe { (self.api.recover)(self.pcm, n as c_int, 1) };
                if rc < 0 {
                    return Err(format!(
                        "ALSA device {:?}: {}",
                        self.device,
                        self.api.error(rc)
                    ));
                }
            } else {
                done += n as usize;
            }
        }
        Ok(())
    }

    fn delay(&mut self) -> u64 {
        let mut frames: c_long = 0;
        // SAFETY: `frames` is a valid out-pointer.
        let rc = unsafe { (self.api.delay)(self.pcm, &raw mut frames) };
        if rc < 0 { 0 } else { frames.max(0) as u64 }
    }

    fn drop_queued(&mut self) {
        // SAFETY: drop then prepare leaves the handle ready for the next write.
        unsafe {
            (self.api.drop)(self.pcm);
            (self.api.prepare)(self.pcm);
        }
    }

    fn audible(&self) -> bool {
        self.device != "null"
    }
}

impl Drop for AlsaOutput {
    fn drop(&mut self) {
        // SAFETY: the handle is open and not used after this.
        unsafe { (self.api.close)(self.pcm) };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The real output, through ALSA's "null" device (no sound card needed). Where libasound is
    /// missing the test says so and checks that the error is the clear one; `.ci/run` installs
    /// it, and sets MARGIN_REQUIRE_ALSA so that there the test fails without it.
    #[test]
    fn plays_through_alsa_null_device() {
        let mut out = match AlsaOutput::new("null") {
            Ok(out) => out,
            Err(why) => {
                assert!(
                    std::env::var_os("MARGIN_REQUIRE_ALSA").is_none(),
                    "ALSA is required here: {why}"
                );
                assert!(why.contains("ALSA"), "{why}");
                return;
            }
        };
        out.open(8_000, 2).expect("null device takes 8 kHz stereo");
        out.write(&vec![0.25; 8_000 * 2 / 2])
            .expect("writes half a second");
        assert!(out.delay() <= 8_000, "{}", out.delay());
        out.drop_queued();
        out.write(&[0.0; 64]).expect("writes after a drop");
        assert_eq!(out.name(), "ALSA null");
        assert!(!out.audible());
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod player_tests {
    use super::*;
    use crate::media::Player;
    use crate::media::decode::tests::write_wav;
    use std::time::{Duration, Instant};

    /// The player through ALSA's null device, which takes samples as fast as they come (it has
    /// no clock of its own): the recording plays through writes, delays and the end without an
    /// error, and the position is where it ended. (Pacing is the null output's test.)
    #[test]
    fn the_player_plays_through_alsa() {
        if AlsaOutput::new("null").is_err() {
            assert!(std::env::var_os("MARGIN_REQUIRE_ALSA").is_none());
            return;
        }
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("talk.wav");
        write_wav(&path, 4, 8_000, 2);
        let player = Player::start(path, || {
            Box::new(AlsaOutput::new("null").expect("opened a moment ago")) as Box<dyn Output>
        });
        let start = Instant::now();
        while !player.is_ready() {
            assert!(start.elapsed() < Duration::from_secs(5));
            std::thread::sleep(Duration::from_millis(5));
        }
        assert_eq!(player.output(), "ALSA null");
        player.play_from(1_000);
        let start = Instant::now();
        while player.is_playing() {
            assert!(start.elapsed() < Duration::from_secs(10), "never ended");
            std::thread::sleep(Duration::from_millis(10));
        }
        assert_eq!(player.error(), None);
        assert!(
            player.position_ms().abs_diff(4_000) < 50,
            "{}",
            player.position_ms()
        );
    }
}
