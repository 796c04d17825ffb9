//! Reading text files: size limit, refusal of anything but a regular file, encoding detection
//! (UTF-8 with or without BOM, UTF-16 with or without BOM, and for the rest what `chardetng`
//! finds: Windows-1252/Latin-1, GB18030/GBK as Chinese Windows writes it, Big5, Shift_JIS...) or
//! the encoding the user names, refusal of binary data, and line endings normalised to LF.

use std::fs::FileType;
use std::io::Read;
use std::path::Path;

use chardetng::EncodingDetector;
use encoding_rs::{DecoderResult, Encoding, GB18030, GBK, UTF_8, UTF_16BE, UTF_16LE};

use super::error::ImportError;

/// The largest file Margin imports (256 MiB): far above any transcript, below what would
/// exhaust memory.
pub const MAX_IMPORT_BYTES: u64 = 256 * 1024 * 1024;

/// A decoded text and the encoding it was read as.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    /// The text, with LF line endings and no byte-order mark.
    pub text: String,
    /// The encoding's name, e.g. `UTF-8`, `UTF-16LE`, `GB18030`.
    pub encoding: &'static str,
}

/// What a file of this type is, when it is not a regular file: reading a named pipe blocks until
/// some other program writes to it, a device may never end, a folder has no bytes.
#[must_use]
pub fn not_regular(file_type: &FileType) -> Option<&'static str> {
    if file_type.is_file() {
        return None;
    }
    if file_type.is_dir() {
        return Some("a folder");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return Some("a named pipe (FIFO)");
        }
        if file_type.is_socket() {
            return Some("a socket");
        }
        if file_type.is_char_device() {
            return Some("a character device");
        }
        if file_type.is_block_device() {
            return Some("a block device");
        }
    }
    Some("a special file")
}

/// Refuse, without opening it, anything at `path` but a regular file (or a link to one).
pub fn check_regular(path: &Path) -> Result<(), ImportError> {
    let meta = std::fs::metadata(path).map_err(|error| ImportError::Io {
        path: path.to_path_buf(),
        error,
    })?;
    match not_regular(&meta.file_type()) {
        None => Ok(()),
        Some(what) => Err(ImportError::NotAFile {
            path: path.to_path_buf(),
            what,
        }),
    }
}

/// Read a file's bytes, refusing files over `limit` before reading them, and anything but a
/// regular file before opening it.
pub fn read_limited(path: &Path, limit: u64) -> Result<Vec<u8>, ImportError> {
    let io = |error| ImportError::Io {
        path: path.to_path_buf(),
        error,
    };
    check_regular(path)?;
    let file = std::fs::File::open(path).map_err(io)?;
    let meta = file.metadata().map_err(io)?;
    // Replaced between the check and the open: still refused, though the open may have waited.
    if let Some(what) = not_regular(&meta.file_type()) {
        return Err(ImportError::NotAFile {
            path: path.to_path_buf(),
            what,
        });
    }
    let size = meta.len();
    if size > limit {
        return Err(ImportError::TooLarge {
            path: path.to_path_buf(),
            size,
            limit,
        });
    }
    let mut bytes = Vec::with_capacity(size as usize);
    // `take` guards against a file that grows while it is read.
    file.take(limit + 1).read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() as u64 > limit {
        return Err(ImportError::TooLarge {
            path: path.to_path_buf(),
            size: bytes.len() as u64,
            limit,
        });
    }
    Ok(bytes)
}

/// Read and decode a text file.
pub fn read_text(path: &Path) -> Result<Decoded, ImportError> {
    let bytes = read_limited(path, MAX_IMPORT_BYTES)?;
    decode(&bytes, path)
}

/// Decode bytes as text, detecting the encoding; `path` is for error messages.
pub fn decode(bytes: &[u8], path: &Path) -> Result<Decoded, ImportError> {
    decode_with(bytes, path, None)
}

/// Decode bytes as text in `encoding`, or, when it is `None`, in the encoding detected: a
/// byte-order mark; UTF-16 without one (from where its zero bytes fall); UTF-8; else what
/// `chardetng` finds most likely (Windows-1252 for Latin-1 text, GBK as GB18030 for Chinese...).
/// `path` is for error messages.
pub fn decode_with(
    bytes: &[u8],
    path: &Path,
    encoding: Option<&'static Encoding>,
) -> Result<Decoded, ImportError> {
    let (text, encoding) = match encoding {
        Some(enc) => (decode_as(bytes, path, enc)?, name_of(enc)),
        None => detect_and_decode(bytes, path)?,
    };
    if let Some(offset) = binary_at(&text) {
        return Err(ImportError::Binary {
            path: path.to_path_buf(),
            offset,
        });
    }
    Ok(Decoded {
        // Further marks after the file's own (saved twice over) are no text either.
        text: normalize_newlines(text.trim_start_matches('\u{feff}')),
        encoding,
    })
}

/// The name an encoding is reported by: the WHATWG name, but GB18030 in capitals as it is
/// usually written (and as Margin has always reported it).
fn name_of(enc: &'static Encoding) -> &'static str {
    if enc == GB18030 {
        "GB18030"
    } else {
        enc.name()
    }
}

/// The encoding a name (`windows-1252`, `latin1`, `UTF-16LE`, `GBK`, ...) stands for, as the
/// WHATWG Encoding Standard labels them.
pub fn encoding_for_name(name: &str) -> Result<&'static Encoding, String> {
    Encoding::for_label(name.trim().as_bytes())
        .map(|e| if e == GBK { GB18030 } else { e })
        .ok_or_else(|| {
            format!(
                "unknown encoding {name:?} (try UTF-8, UTF-16LE, UTF-16BE, windows-1252, latin1, GB18030, Big5, Shift_JIS)"
            )
        })
}

/// `bytes` in the encoding the user named; a byte-order mark of that encoding is dropped.
fn decode_as(bytes: &[u8], path: &Path, enc: &'static Encoding) -> Result<String, ImportError> {
    let body = match Encoding::for_bom(bytes) {
        Some((bom_enc, len)) if bom_enc == enc => &bytes[len..],
        _ => bytes,
    };
    let decoded = if enc == UTF_8 {
        std::str::from_utf8(body)
            .ok()
            .map(std::borrow::Cow::Borrowed)
    } else {
        enc.decode_without_bom_handling_and_without_replacement(body)
    };
    decoded.map(std::borrow::Cow::into_owned).ok_or_else(|| {
        // Where it fails: the longest prefix that decodes, found by the streaming decoder.
        let mut streaming = enc.new_decoder_without_bom_handling();
        let mut out = String::with_capacity(body.len() * 3 + 16);
        let (result, read) = streaming.decode_to_string_without_replacement(body, &mut out, true);
        let bad = match result {
            DecoderResult::Malformed(bad, pending) => usize::from(bad) + usize::from(pending),
            _ => 0,
        };
        ImportError::NotInEncoding {
            path: path.to_path_buf(),
            encoding: name_of(enc),
            offset: bytes.len() - body.len() + read.saturating_sub(bad),
        }
    })
}

/// The text and the name of the encoding it was found in.
fn detect_and_decode(bytes: &[u8], path: &Path) -> Result<(String, &'static str), ImportError> {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let body = &bytes[bom_len..];
        let decoded = if enc == UTF_16LE || enc == UTF_16BE {
            enc.decode_without_bom_handling_and_without_replacement(body)
        } else {
            std::str::from_utf8(body)
                .ok()
                .map(std::borrow::Cow::Borrowed)
        };
        let Some(text) = decoded else {
            return Err(ImportError::Encoding {
                path: path.to_path_buf(),
                offset: bom_len,
            });
        };
        return Ok((text.into_owned(), enc.name()));
    }
    if let Some(nul) = bytes.iter().position(|&b| b == 0) {
        // Text has no NUL bytes, except UTF-16's zero halves of ASCII characters.
        if let Some(found) = utf16_without_bom(bytes) {
            return Ok(found);
        }
        return Err(ImportError::Binary {
            path: path.to_path_buf(),
            offset: nul,
        });
    }
    let invalid = match std::str::from_utf8(bytes) {
        Ok(s) => return Ok((s.to_owned(), "UTF-8")),
        Err(e) => e.valid_up_to(),
    };
    let mut detector = EncodingDetector::new();
    detector.feed(bytes, true);
    let guess = detector.guess(None, false);
    let enc = if guess == GBK { GB18030 } else { guess };
    match enc.decode_without_bom_handling_and_without_replacement(bytes) {
        // C1 controls are bytes the encoding leaves undefined: not text in it.
        Some(text) if !text.chars().any(|c| ('\u{80}'..='\u{9f}').contains(&c)) => {
            Ok((text.into_owned(), name_of(enc)))
        }
        _ => Err(ImportError::Encoding {
            path: path.to_path_buf(),
            offset: invalid,
        }),
    }
}

/// The text of `bytes` read as UTF-16 without a byte-order mark, when their zero bytes say it is
/// one: the high halves of ASCII characters, all on the same side of each pair (second in
/// little-endian, first in big-endian), and the whole decodes to text.
fn utf16_without_bom(bytes: &[u8]) -> Option<(String, &'static str)> {
    if bytes.len() < 2 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let units = bytes.len() / 2;
    let (mut first, mut second) = (0usize, 0usize);
    for pair in bytes.chunks_exact(2) {
        first += usize::from(pair[0] == 0);
        second += usize::from(pair[1] == 0);
    }
    let (enc, zeros, other) = if second >= first {
        (UTF_16LE, second, first)
    } else {
        (UTF_16BE, first, second)
    };
    // At least a tenth of the characters ASCII, and zero low halves (U+xx00) as rare as in text.
    if zeros * 10 < units || other * 8 > zeros {
        return None;
    }
    let text = enc.decode_without_bom_handling_and_without_replacement(bytes)?;
    binary_at(&text)
        .is_none()
        .then(|| (text.into_owned(), enc.name()))
}

/// The char offset of a control character no text file holds (NUL and friends), if any.
fn binary_at(text: &str) -> Option<usize> {
    text.chars()
        .position(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}' | '\u{85}'))
}

/// CRLF and lone CR become LF.
#[must_use]
pub fn normalize_newlines(text: &str) -> String {
    if !text.contains('\r') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            if chars.peek() == Some(&'\n') {
                chars.next();
            }
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn dec(bytes: &[u8]) -> Result<Decoded, ImportError> {
        decode(bytes, Path::new("t.txt"))
    }

    #[test]
    fn encodings_are_detected() {
        let s = "访谈者：你好\r\nG8：好😀\rend";
        let want = "访谈者：你好\nG8：好😀\nend";
        assert_eq!(dec(s.as_bytes()).unwrap().text, want);
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(s.as_bytes());
        assert_eq!(
            dec(&bom).unwrap(),
            Decoded {
                text: want.into(),
                encoding: "UTF-8"
            }
        );
        let mut le = vec![0xFF, 0xFE];
        le.extend(s.encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(
            dec(&le).unwrap(),
            Decoded {
                text: want.into(),
                encoding: "UTF-16LE"
            }
        );
        let mut be = vec![0xFE, 0xFF];
        be.extend(s.encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(
            dec(&be).unwrap(),
            Decoded {
                text: want.into(),
                encoding: "UTF-16BE"
            }
        );
        let gbk = "访谈者：你好，我们都是病友\r\n".to_owned();
        let (bytes, _, _) = GB18030.encode(&gbk);
        assert_eq!(
            dec(&bytes).unwrap(),
            Decoded {
                text: "访谈者：你好，我们都是病友\n".into(),
                encoding: "GB18030"
            }
        );
    }

    #[test]
    fn binary_and_undecodable_are_refused() {
        assert!(matches!(
            dec(b"PK\x03\x04\x00\x00abc"),
            Err(ImportError::Binary { .. })
        ));
        assert!(matches!(
            dec(b"abc\x81\x20def"),
            Err(ImportError::Encoding { offset: 3, .. })
        ));
    }
}
