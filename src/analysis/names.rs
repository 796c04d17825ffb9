//! Finding codes, documents, cases, coders and attributes by the names people type (on the
//! command line, in a query box). Exact matches win; otherwise a match ignoring case counts if
//! it is the only one.

use super::error::AnalysisError;
use crate::model::{AttributeDef, CaseId, CodeId, CoderId, DocumentId, Project};

/// Pick the one item whose name is `name`: exactly, else ignoring case. `Err(candidates)` when
/// several match (their ids), `Ok(None)` when none does.
fn unique<T: Copy + PartialEq>(
    items: impl Iterator<Item = (T, String)>,
    name: &str,
) -> Result<Option<T>, Vec<T>> {
    let items: Vec<(T, String)> = items.collect();
    let pick = |exact: bool| -> Vec<T> {
        let mut v: Vec<T> = items
            .iter()
            .filter(|(_, n)| {
                if exact {
                    n == name
                } else {
                    n.to_lowercase() == name.to_lowercase()
                }
            })
            .map(|(id, _)| *id)
            .collect();
        v.dedup();
        v
    };
    for exact in [true, false] {
        match pick(exact).as_slice() {
            [] => {}
            [one] => return Ok(Some(*one)),
            many => return Err(many.to_vec()),
        }
    }
    Ok(None)
}

/// The code named `name`, or whose full path (`Parent / Child`) is `name`.
pub fn code(project: &Project, name: &str) -> Result<CodeId, AnalysisError> {
    let name = name.trim();
    let by_path = project
        .codes()
        .keys()
        .map(|&id| (id, project.code_path(id)));
    if let Ok(Some(id)) = unique(by_path, name) {
        return Ok(id);
    }
    let by_name = project.codes().values().map(|c| (c.id, c.name.clone()));
    match unique(by_name, name) {
        Ok(Some(id)) => Ok(id),
        Ok(None) => Err(AnalysisError::UnknownCode(name.to_owned())),
        Err(ids) => {
            let mut paths: Vec<String> = ids.iter().map(|&id| project.code_path(id)).collect();
            paths.sort();
            Err(AnalysisError::AmbiguousCode {
                name: name.to_owned(),
                paths,
            })
        }
    }
}

/// The document named `name`.
pub fn document(project: &Project, name: &str) -> Result<DocumentId, AnalysisError> {
    let items = project.documents().values().map(|d| (d.id, d.name.clone()));
    match unique(items, name.trim()) {
        Ok(Some(id)) => Ok(id),
        _ => Err(AnalysisError::UnknownDocument(name.to_owned())),
    }
}

/// The case named `name`.
pub fn case(project: &Project, name: &str) -> Result<CaseId, AnalysisError> {
    let items = project.cases().values().map(|c| (c.id, c.name.clone()));
    match unique(items, name.trim()) {
        Ok(Some(id)) => Ok(id),
        _ => Err(AnalysisError::UnknownCase(name.to_owned())),
    }
}

/// The coder named `name`.
pub fn coder(project: &Project, name: &str) -> Result<CoderId, AnalysisError> {
    let items = project.coders().values().map(|c| (c.id, c.name.clone()));
    match unique(items, name.trim()) {
        Ok(Some(id)) => Ok(id),
        _ => Err(AnalysisError::UnknownCoder(name.to_owned())),
    }
}

/// The attribute named `name`.
pub fn attribute<'p>(project: &'p Project, name: &str) -> Result<&'p AttributeDef, AnalysisError> {
    let items = project
        .attributes()
        .values()
        .map(|a| (a.id, a.name.clone()));
    if let Ok(Some(id)) = unique(items, name.trim())
        && let Some(def) = project.attributes().get(&id)
    {
        return Ok(def);
    }
    Err(AnalysisError::UnknownAttribute {
        name: name.to_owned(),
        known: project
            .attributes_sorted()
            .iter()
            .map(|a| a.name.clone())
            .collect(),
    })
}

/// Compare names the way people count: `G2` before `G10` (runs of ASCII digits compare by
/// value), otherwise by character.
#[must_use]
pub fn natural_cmp(left: &str, right: &str) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    let (mut rest_l, mut rest_r) = (left, right);
    loop {
        match (rest_l.chars().next(), rest_r.chars().next()) {
            (None, None) => return left.cmp(right),
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(cl), Some(cr)) if cl.is_ascii_digit() && cr.is_ascii_digit() => {
                let digits = |s: &str| s.find(|ch: char| !ch.is_ascii_digit()).unwrap_or(s.len());
                let (len_l, len_r) = (digits(rest_l), digits(rest_r));
                let num_l = rest_l[..len_l].trim_start_matches('0');
                let num_r = rest_r[..len_r].trim_start_matches('0');
                let ord = num_l.len().cmp(&num_r.len()).then_with(|| num_l.cmp(num_r));
                if ord != Ordering::Equal {
                    return ord;
                }
                rest_l = &rest_l[len_l..];
                rest_r = &rest_r[len_r..];
            }
            (Some(cl), Some(cr)) => {
                if cl != cr {
                    return cl.cmp(&cr);
                }
                rest_l = &rest_l[cl.len_utf8()..];
                rest_r = &rest_r[cr.len_utf8()..];
            }
        }
    }
}
