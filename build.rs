//! Build script: embeds the bundled sample project (`sample_projects/support-group/`) in the
//! binary, so that an installed `margin` has it without the source tree, and records the git
//! commit the build was made from (`MARGIN_COMMIT`, when known).
//!
//! The sample becomes a generated `bundled_sample.rs` in `OUT_DIR`: a sorted table of relative
//! paths and `include_bytes!` of each file (the lock file and unfinished writes left out). The
//! commit comes from `$MARGIN_COMMIT` if a packager sets it (a build from a tarball), else from
//! `git rev-parse`; without either it is "unknown" and the build goes on.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The sample project, relative to the crate's root.
const SAMPLE: &str = "sample_projects/support-group";

fn main() {
    let root = PathBuf::from(
        std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"),
    );
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    println!("cargo:rerun-if-changed=build.rs");
    embed_sample(&root.join(SAMPLE), &out.join("bundled_sample.rs"));
    commit(&root);
}

/// Write the table of the sample's files.
fn embed_sample(sample: &Path, to: &Path) {
    println!("cargo:rerun-if-changed={}", sample.display());
    let mut files = Vec::new();
    collect(sample, "", &mut files);
    assert!(
        files.iter().any(|(rel, _)| rel == "margin.ron"),
        "{}: the sample project is missing (no margin.ron); it is embedded in the binary",
        sample.display()
    );
    files.sort();
    let mut code = String::from(
        "/// The sample's files: path relative to the project folder (with `/`), and contents.\n\
         pub(crate) const FILES: &[(&str, &[u8])] = &[\n",
    );
    for (rel, path) in &files {
        let path = path.to_str().expect("the sample's paths are UTF-8");
        writeln!(code, "    ({rel:?}, include_bytes!({path:?})),").expect("writing to a String");
    }
    code.push_str("];\n");
    std::fs::write(to, code).unwrap_or_else(|e| panic!("{}: {e}", to.display()));
}

/// Every file under `dir`, except the lock and unfinished writes (`.name.tmp`).
fn collect(dir: &Path, prefix: &str, files: &mut Vec<(String, PathBuf)>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries {
        let entry = entry.unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        let name = entry.file_name().to_string_lossy().into_owned();
        let unfinished = Path::new(&name).extension().is_some_and(|e| e == "tmp");
        if name == ".margin.lock" || unfinished {
            continue;
        }
        let rel = format!("{prefix}{name}");
        let path = entry.path();
        if path.is_dir() {
            collect(&path, &format!("{rel}/"), files);
        } else {
            files.push((rel, path));
        }
    }
}

/// Tell the crate which commit it is built from.
fn commit(root: &Path) {
    println!("cargo:rerun-if-env-changed=MARGIN_COMMIT");
    if std::env::var_os("MARGIN_COMMIT").is_some() {
        return; // rustc sees the packager's value itself
    }
    let git = |args: &[&str]| -> Option<String> {
        let output = Command::new("git")
            .args(args)
            .current_dir(root)
            .output()
            .ok()?;
        let text = String::from_utf8(output.stdout).ok()?;
        (output.status.success() && !text.trim().is_empty()).then(|| text.trim().to_owned())
    };
    let Some(commit) = git(&["rev-parse", "--short=12", "HEAD"]) else {
        // Not a git checkout (a source tarball) and no packager's value.
        println!("cargo:rustc-env=MARGIN_COMMIT=unknown");
        return;
    };
    println!("cargo:rustc-env=MARGIN_COMMIT={commit}");
    // Build again when HEAD moves: its file, the branch it names, and the packed refs.
    let mut watch = vec!["HEAD".to_owned(), "packed-refs".to_owned()];
    watch.extend(git(&["symbolic-ref", "-q", "HEAD"]));
    for name in watch {
        if let Some(path) = git(&["rev-parse", "--git-path", &name]) {
            let path = root.join(path);
            if path.exists() {
                println!("cargo:rerun-if-changed={}", path.display());
            }
        }
    }
}
