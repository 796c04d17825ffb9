//! What a file manager hands to `margin` (the MIME types the packages register): a `.qdpx`
//! asks where the project made from it goes, instead of being opened as a folder; a project's
//! `margin.ron` stands for its folder.

#![allow(clippy::unwrap_used, clippy::missing_panics_doc)]

mod ui_common;

use egui_kittest::kittest::Queryable;
use margin::ui::ConfigStore;
use ui_common::{frames, harness_with};

fn config(dir: &std::path::Path) -> ConfigStore {
    std::fs::write(
        dir.join("config.ron"),
        "(coder_name: Some(\"Ada\"), language: Some(English))",
    )
    .unwrap();
    ConfigStore::in_dir(dir)
}

#[test]
fn a_qdpx_given_at_start_asks_where_its_project_goes() {
    let dir = tempfile::tempdir().unwrap();
    let qdpx = dir.path().join("Interviews 2024.qdpx");
    std::fs::write(&qdpx, b"not read until the project is made").unwrap();
    let mut h = harness_with(Some(qdpx.clone()), config(dir.path()));
    frames(&mut h, 2);
    assert!(h.state().session().is_none());
    assert!(h.state().notices().is_empty(), "{:?}", h.state().notices());
    assert!(h.state().dialog_open());
    assert_eq!(
        h.get_by_label("Project name").value().as_deref(),
        Some("Interviews 2024")
    );
    h.get_by_label_contains(&format!("Made from {}", qdpx.display()));
}

#[test]
fn a_projects_manifest_stands_for_its_folder() {
    let dir = tempfile::tempdir().unwrap();
    let sample = margin::bundled::BundledSample::support_group();
    let project = sample.working_copy(dir.path()).unwrap();
    let manifest = project.join("margin.ron");
    assert_eq!(margin::ui::project_folder(manifest), project);
    // Anything else stands for itself, a folder or a file of another name.
    assert_eq!(margin::ui::project_folder(project.clone()), project);
    let other = project.join("cases.ron");
    assert_eq!(margin::ui::project_folder(other.clone()), other);
    let missing = dir.path().join("gone/margin.ron");
    assert_eq!(margin::ui::project_folder(missing.clone()), missing);
}
