//! Code shortcuts: the key that applies each code to the selection. A key the user assigned wins;
//! the digits 1–9 not assigned to any code go, in codebook order, to the first codes without a
//! key of their own. No egui in here.

use std::collections::BTreeMap;

use crate::model::{CodeId, Project};

/// The effective key of every code that has one.
#[must_use]
pub fn code_keys(project: &Project) -> BTreeMap<CodeId, char> {
    let mut keys: BTreeMap<CodeId, char> = BTreeMap::new();
    let mut taken: Vec<char> = Vec::new();
    for code in project.codes().values() {
        if let Some(k) = code.shortcut {
            let k = k.to_ascii_lowercase();
            keys.insert(code.id, k);
            taken.push(k);
        }
    }
    let mut digits = ('1'..='9').filter(|d| !taken.contains(d));
    for (_, code) in project.code_tree() {
        if keys.contains_key(&code.id) {
            continue;
        }
        let Some(d) = digits.next() else { break };
        keys.insert(code.id, d);
    }
    keys
}

/// The code a key applies, if any.
#[must_use]
pub fn code_for_key(keys: &BTreeMap<CodeId, char>, key: char) -> Option<CodeId> {
    let key = key.to_ascii_lowercase();
    keys.iter().find(|&(_, &k)| k == key).map(|(&id, _)| id)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::model::{Code, Color, Edit, Manifest, SortKey};

    #[test]
    #[allow(clippy::many_single_char_names)]
    fn assigned_keys_win_and_digits_fill_in_in_tree_order() {
        let mut p = Project::new(Manifest::new("t"));
        let mut a = Code::new("A", Color::palette(0), SortKey("a".into()));
        let b = Code::new("B", Color::palette(1), SortKey("b".into()));
        let mut c = Code::new("C", Color::palette(2), SortKey("c".into()));
        let d = Code::new("D", Color::palette(3), SortKey("d".into()));
        a.shortcut = Some('2');
        c.shortcut = Some('G');
        for code in [&a, &b, &c, &d] {
            p.apply(Edit::PutCode(code.clone())).unwrap();
        }
        let keys = code_keys(&p);
        assert_eq!(keys[&a.id], '2');
        assert_eq!(keys[&b.id], '1');
        assert_eq!(keys[&c.id], 'g');
        assert_eq!(keys[&d.id], '3');
        assert_eq!(code_for_key(&keys, 'G'), Some(c.id));
        assert_eq!(code_for_key(&keys, '9'), None);
    }
}
