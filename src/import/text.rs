//! Reading text files: size limit, encoding detection (UTF-8 with or without BOM, UTF-16 with
//! BOM, GB18030/GBK as Chinese Windows writes it), refusal of binary data, and line endings
//! normalised to LF.

use std::io::Read;
use std::path::Path;

use encoding_rs::{Encoding, GB18030, UTF_16BE, UTF_16LE};

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

/// Read a file's bytes, refusing files over `limit` before reading them.
pub fn read_limited(path: &Path, limit: u64) -> Result<Vec<u8>, ImportError> {
    let io = |source| ImportError::Io {
        path: path.to_path_buf(),
        source,
    };
    let file = std::fs::File::open(path).map_err(io)?;
    let size = file.metadata().map_err(io)?.len();
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

/// Decode bytes as text; `path` is for error messages.
pub fn decode(bytes: &[u8], path: &Path) -> Result<Decoded, ImportError> {
    let (text, encoding) = if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
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
        (text.into_owned(), enc.name())
    } else {
        match std::str::from_utf8(bytes) {
            Ok(s) => (s.to_owned(), "UTF-8"),
            Err(e) => {
                let offset = e.valid_up_to();
                if let Some(nul) = bytes.iter().position(|&b| b == 0) {
                    return Err(ImportError::Binary {
                        path: path.to_path_buf(),
                        offset: nul,
                    });
                }
                match GB18030.decode_without_bom_handling_and_without_replacement(bytes) {
                    Some(s) => (s.into_owned(), "GB18030"),
                    None => {
                        return Err(ImportError::Encoding {
                            path: path.to_path_buf(),
                            offset,
                        });
                    }
                }
            }
        }
    };
    if let Some(offset) = binary_at(&text) {
        return Err(ImportError::Binary {
            path: path.to_path_buf(),
            offset,
        });
    }
    Ok(Decoded {
        text: normalize_newlines(&text),
        encoding,
    })
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
