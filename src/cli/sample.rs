//! `margin sample`: the working copy of the sample project carried inside the binary, made on
//! first use in the data folder; prints its path, so any command can be tried on it:
//! `margin stats "$(margin sample)"`. `margin --sample` opens it in the window.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::Args;

use crate::bundled::BundledSample;

/// Arguments of `margin sample`.
#[derive(Debug, Args)]
pub struct SampleArgs {}

/// Print the path of the sample's working copy, unpacking it first if there is none.
pub fn run(_args: &SampleArgs, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let copy = working_copy()?;
    writeln!(out, "{}", copy.display())?;
    Ok(ExitCode::SUCCESS)
}

/// The working copy of the bundled sample in the data folder, unpacked now (and said so on
/// stderr) if there is none yet; `margin sample` prints it, `margin --sample` opens it.
pub fn working_copy() -> anyhow::Result<PathBuf> {
    let data = crate::install::data_dir()
        .context("there is no data folder for the sample's working copy (set MARGIN_DATA_DIR)")?;
    let sample = BundledSample::support_group();
    let fresh = !sample.working_copy_path(&data).join("margin.ron").is_file();
    let copy = sample.working_copy(&data)?;
    if fresh {
        eprintln!("margin: unpacked the sample project to {}", copy.display());
    }
    Ok(copy)
}
