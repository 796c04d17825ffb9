//! Sort keys: strings that order siblings without list positions, so that two people who insert
//! codes on separate clones never edit the same line. A key between two others always exists
//! (fractional indexing over the digits `0-9a-z`).

use serde::{Deserialize, Serialize};

const DIGITS: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";

/// A position among siblings; compare as strings. Ties are broken by name, then id.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SortKey(pub String);

impl SortKey {
    /// A key strictly between `before` and `after` (either may be open).
    ///
    /// If `before >= after` (two clones chose the same key), the result sorts after `before`.
    #[must_use]
    pub fn between(before: Option<&SortKey>, after: Option<&SortKey>) -> Self {
        let a = before.map_or("", |k| k.0.trim_end_matches('0'));
        let b = after
            .map(|k| k.0.as_str())
            .filter(|b| b.trim_end_matches('0') > a);
        Self(midpoint(a.as_bytes(), b.map(str::as_bytes)))
    }

    /// A key after `last` (or the first key when there is none).
    #[must_use]
    pub fn after(last: Option<&SortKey>) -> Self {
        Self::between(last, None)
    }
}

fn digit(c: u8) -> usize {
    DIGITS.iter().position(|&d| d == c).unwrap_or(0)
}

/// A string strictly between `a` and `b` (`b = None` means +infinity); `a < b`, and neither
/// ends in the smallest digit.
fn midpoint(a: &[u8], b: Option<&[u8]>) -> String {
    if let Some(b) = b {
        let n = b
            .iter()
            .enumerate()
            .take_while(|&(i, &c)| a.get(i).copied().unwrap_or(DIGITS[0]) == c)
            .count();
        if n > 0 {
            let prefix = String::from_utf8_lossy(&b[..n]).into_owned();
            return prefix + &midpoint(a.get(n..).unwrap_or(&[]), Some(&b[n..]));
        }
    }
    let da = a.first().map_or(0, |&c| digit(c));
    let db = b
        .and_then(|b| b.first())
        .map_or(DIGITS.len(), |&c| digit(c));
    if db - da > 1 {
        return char::from(DIGITS[da.midpoint(db)]).to_string();
    }
    match b {
        Some(b) if b.len() > 1 => char::from(b[0]).to_string(),
        _ => char::from(DIGITS[da]).to_string() + &midpoint(a.get(1..).unwrap_or(&[]), None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_sort_between_their_neighbours() {
        let mut keys = vec![SortKey::after(None)];
        for _ in 0..50 {
            let k = SortKey::after(keys.last());
            keys.push(k);
        }
        for _ in 0..50 {
            let k = SortKey::between(Some(&keys[0]), Some(&keys[1]));
            keys.insert(1, k);
        }
        for w in keys.windows(2) {
            assert!(w[0] < w[1], "{:?} !< {:?}", w[0], w[1]);
        }
        let first = SortKey::between(None, Some(&keys[0]));
        assert!(first < keys[0]);
    }

    #[test]
    fn equal_neighbours_still_give_a_later_key() {
        let k = SortKey("m".into());
        assert!(SortKey::between(Some(&k), Some(&k)) > k);
    }
}
