//! An installed-style run: the built binary copied into an empty temporary folder, far from the
//! source tree, with HOME and the XDG folders pointed into that folder, finds the sample project
//! it carries, unpacks a working copy on first use, and the command line reads it. This is what a
//! package or `cargo install` gives a user.

#![allow(clippy::unwrap_used, clippy::missing_panics_doc)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A copy of the built `margin` in `dir/bin`.
fn installed(dir: &Path) -> PathBuf {
    let bin = dir.join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let to = bin.join("margin");
    std::fs::copy(env!("CARGO_BIN_EXE_margin"), &to).unwrap();
    to
}

/// Run the installed binary in `dir/work`, as a user whose home is `dir/home`.
fn run(binary: &Path, dir: &Path, args: &[&str]) -> Output {
    let work = dir.join("work");
    std::fs::create_dir_all(&work).unwrap();
    let home = dir.join("home");
    Command::new(binary)
        .args(args)
        .current_dir(&work)
        .env_clear()
        .env("PATH", "/usr/bin:/bin")
        .env("HOME", &home)
        .env("XDG_DATA_HOME", home.join(".local/share"))
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .output()
        .unwrap()
}

fn stdout(output: &Output) -> String {
    assert!(
        output.status.success(),
        "{}\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout.clone()).unwrap()
}

#[test]
fn a_binary_far_from_the_source_tree_opens_the_sample_it_carries() {
    let dir = tempfile::tempdir().unwrap();
    let margin = installed(dir.path());

    let version = stdout(&run(&margin, dir.path(), &["--version"]));
    assert!(
        version.starts_with(&format!("margin {} (commit ", env!("CARGO_PKG_VERSION"))),
        "{version}"
    );

    // First use: the working copy is unpacked in the user's data folder, and said so.
    let first = run(&margin, dir.path(), &["sample"]);
    let path = PathBuf::from(stdout(&first).trim_end());
    let expected = if cfg!(target_os = "linux") {
        dir.path()
            .join("home/.local/share/margin/samples/support-group")
    } else {
        path.clone()
    };
    assert_eq!(path, expected);
    assert!(String::from_utf8_lossy(&first.stderr).contains("unpacked the sample project"));

    // The command line reads it as a project.
    let path = path.to_str().unwrap();
    let stats = stdout(&run(&margin, dir.path(), &["stats", path]));
    assert!(stats.starts_with("Support group (sample)\n"), "{stats}");
    assert!(stats.contains("  codings          838\n"), "{stats}");
    let check = stdout(&run(&margin, dir.path(), &["check", path]));
    assert!(check.starts_with("ok: 11 documents"), "{check}");

    // A change to the working copy is the user's: the next run keeps it and unpacks nothing.
    let memo = Path::new(path).join("notes-of-mine.txt");
    std::fs::write(&memo, "mine").unwrap();
    let again = run(&margin, dir.path(), &["sample"]);
    assert_eq!(stdout(&again).trim_end(), path);
    assert!(
        again.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
    assert!(memo.is_file());
}
