//! The edit that turns one state of a project into another: what a sync brings in from a
//! teammate's copy, applied through the session like any change (one undo step, saved with the
//! usual order and atomic writes).

use std::collections::BTreeMap;

use super::edit::Edit;
use super::project::Project;

impl Edit {
    /// The edit that turns `from` into `to`: every entity `to` has that `from` lacks or holds
    /// otherwise is put, every entity only `from` has is removed. Referents are put before what
    /// names them and removed after it, so the batch applies in one piece.
    #[must_use]
    pub fn between(from: &Project, to: &Project) -> Edit {
        let mut edits = Vec::new();
        if from.manifest() != to.manifest() {
            edits.push(Edit::SetManifest(to.manifest().clone()));
        }
        // Put, referents first.
        edits.extend(changed(from.coders(), to.coders()).map(|c| Edit::PutCoder(c.clone())));
        edits.extend(
            changed(from.attributes(), to.attributes()).map(|a| Edit::PutAttribute(a.clone())),
        );
        edits.extend(changed(from.cases(), to.cases()).map(|c| Edit::PutCase(c.clone())));
        // Parents before children: the target's tree order.
        edits.extend(
            to.code_tree()
                .into_iter()
                .filter(|(_, c)| from.code(c.id) != Some(*c))
                .map(|(_, c)| Edit::PutCode(c.clone())),
        );
        edits.extend(
            changed(from.documents(), to.documents())
                .map(|d| Edit::PutDocument(Box::new(d.clone()))),
        );
        edits.extend(
            changed(from.codings(), to.codings()).map(|c| Edit::PutCoding(Box::new(c.clone()))),
        );
        edits.extend(changed(from.memos(), to.memos()).map(|m| Edit::PutMemo(m.clone())));
        // Remove, what names a referent first.
        edits.extend(gone(from.memos(), to.memos()).map(|id| Edit::RemoveMemo(*id)));
        edits.extend(gone(from.codings(), to.codings()).map(|id| Edit::RemoveCoding(*id)));
        edits.extend(gone(from.documents(), to.documents()).map(|id| Edit::RemoveDocument(*id)));
        // Children before parents: the source's tree order, reversed.
        edits.extend(
            from.code_tree()
                .into_iter()
                .rev()
                .filter(|(_, c)| to.code(c.id).is_none())
                .map(|(_, c)| Edit::RemoveCode(c.id)),
        );
        edits.extend(gone(from.cases(), to.cases()).map(|id| Edit::RemoveCase(*id)));
        edits.extend(gone(from.attributes(), to.attributes()).map(|id| Edit::RemoveAttribute(*id)));
        edits.extend(gone(from.coders(), to.coders()).map(|id| Edit::RemoveCoder(*id)));
        Edit::Batch(edits)
    }
}

/// The values of `to` that `from` lacks or holds otherwise.
fn changed<'a, K: Ord, V: PartialEq>(
    from: &'a BTreeMap<K, V>,
    to: &'a BTreeMap<K, V>,
) -> impl Iterator<Item = &'a V> + 'a {
    to.iter()
        .filter(move |(k, v)| from.get(k) != Some(v))
        .map(|(_, v)| v)
}

/// The keys only `from` has.
fn gone<'a, K: Ord, V>(
    from: &'a BTreeMap<K, V>,
    to: &'a BTreeMap<K, V>,
) -> impl Iterator<Item = &'a K> + 'a {
    from.keys().filter(move |k| !to.contains_key(k))
}
