//! Rebuild `sample_projects/support-group/` from `sample_projects/source/`:
//! `cargo run --example build_sample`.

use std::path::Path;

use margin::store::ProjectDir;

fn main() -> anyhow::Result<()> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_projects");
    let mut project = margin::sample::build(&root.join("source"))?;
    let out = root.join("support-group");
    if out.exists() {
        std::fs::remove_dir_all(&out)?;
    }
    ProjectDir::create(&out, &mut project)?;
    eprintln!("wrote {}", out.display());
    Ok(())
}
