//! The rules for cases and their attributes: names are not empty and not taken twice; deleting a
//! case takes its documents out of it, deleting an attribute takes every case's value of it;
//! a value has its attribute's type, and a category value not yet known joins the category.
//! Like [`super::rules`], nothing here changes the project: it says what the action would do.

use super::action::Action;
use super::error::SessionError;
use super::rules::Plan;
use crate::model::{
    AttributeDef, AttributeId, AttributeKind, Case, CaseId, Edit, EditError, Project, SortKey,
};

/// What a case or attribute action would do; `Ok(None)` when it changes nothing.
pub(super) fn plan(project: &Project, action: Action) -> Result<Option<Plan>, SessionError> {
    let edit = |e: Edit| Ok(Some(Plan::edit(e)));
    match action {
        Action::AddCase(name) => {
            let name = case_name(project, &name, None)?;
            edit(Edit::PutCase(Case::new(name)))
        }
        Action::RenameCase { case, name } => {
            let mut c = case_of(project, case)?.clone();
            let name = case_name(project, &name, Some(case))?;
            if c.name == name {
                return Ok(None);
            }
            c.name = name;
            edit(Edit::PutCase(c))
        }
        Action::DeleteCase(case) => {
            case_of(project, case)?;
            let mut edits: Vec<Edit> = project
                .documents()
                .values()
                .filter(|d| d.case == Some(case))
                .map(|d| {
                    let mut d = d.clone();
                    d.case = None;
                    Edit::PutDocument(Box::new(d))
                })
                .collect();
            edits.extend(Edit::remove_memos_where(project, |t| {
                t.refers_to_case(case)
            }));
            edits.push(Edit::RemoveCase(case));
            edit(Edit::Batch(edits))
        }
        Action::AddAttribute { name, kind } => {
            let name = attribute_name(project, &name, None)?;
            let key = SortKey::after(project.attributes_sorted().last().map(|a| &a.sort_key));
            edit(Edit::PutAttribute(AttributeDef {
                id: AttributeId::new(),
                name,
                kind,
                sort_key: key,
            }))
        }
        Action::RenameAttribute { attribute, name } => {
            let mut a = attribute_of(project, attribute)?.clone();
            let name = attribute_name(project, &name, Some(attribute))?;
            if a.name == name {
                return Ok(None);
            }
            a.name = name;
            edit(Edit::PutAttribute(a))
        }
        Action::DeleteAttribute(attribute) => {
            attribute_of(project, attribute)?;
            let mut edits: Vec<Edit> = project
                .cases()
                .values()
                .filter(|c| c.values.contains_key(&attribute))
                .map(|c| {
                    let mut c = c.clone();
                    c.values.remove(&attribute);
                    Edit::PutCase(c)
                })
                .collect();
            edits.push(Edit::RemoveAttribute(attribute));
            edit(Edit::Batch(edits))
        }
        Action::SetAttributeValue {
            case,
            attribute,
            value,
        } => {
            let mut c = case_of(project, case)?.clone();
            let def = attribute_of(project, attribute)?;
            let mut edits = Vec::new();
            match value {
                None => {
                    if c.values.remove(&attribute).is_none() {
                        return Ok(None);
                    }
                }
                Some(v) => {
                    if !v.fits(&def.kind) {
                        return Err(SessionError::Edit {
                            action: "Set attribute value".into(),
                            source: EditError::WrongType {
                                case: c.name.clone(),
                                attribute: def.name.clone(),
                                kind: def.kind.as_str(),
                            },
                        });
                    }
                    if c.values.get(&attribute) == Some(&v) {
                        return Ok(None);
                    }
                    if let (AttributeKind::Category(list), crate::model::Value::Category(s)) =
                        (&def.kind, &v)
                        && !list.contains(s)
                    {
                        let mut def = def.clone();
                        if let AttributeKind::Category(list) = &mut def.kind {
                            list.push(s.clone());
                        }
                        edits.push(Edit::PutAttribute(def));
                    }
                    c.values.insert(attribute, v);
                }
            }
            edits.push(Edit::PutCase(c));
            edit(Edit::Batch(edits))
        }
        _ => Ok(None),
    }
}

fn case_of(project: &Project, id: CaseId) -> Result<&Case, SessionError> {
    project.case(id).ok_or(SessionError::GoneCase)
}

fn attribute_of(project: &Project, id: AttributeId) -> Result<&AttributeDef, SessionError> {
    project.attributes().get(&id).ok_or(SessionError::GoneCase)
}

/// `name` trimmed, refused when empty or when another case has it.
fn case_name(project: &Project, name: &str, this: Option<CaseId>) -> Result<String, SessionError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(SessionError::EmptyCaseName);
    }
    match project.case_named(name) {
        Some(other) if Some(other.id) != this => Err(SessionError::NameTaken(name.to_owned())),
        _ => Ok(name.to_owned()),
    }
}

/// `name` trimmed, refused when empty or when another attribute has it.
fn attribute_name(
    project: &Project,
    name: &str,
    this: Option<AttributeId>,
) -> Result<String, SessionError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(SessionError::EmptyCaseName);
    }
    match project.attributes().values().find(|a| a.name == name) {
        Some(other) if Some(other.id) != this => Err(SessionError::NameTaken(name.to_owned())),
        _ => Ok(name.to_owned()),
    }
}
