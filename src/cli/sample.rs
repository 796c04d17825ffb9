//! `margin sample`: the working copy of the sample project carried inside the binary, made on
//! first use in the data folder; prints its path, so any command can be tried on it:
//! `margin stats "$(margin sample)"`.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Context;
use clap::Args;

use crate::bundled::BundledSample;

/// Arguments of `margin sample`.
#[derive(Debug, Args)]
pub struct SampleArgs {}

/// Print the path of the sample's working copy, unpacking it first if there is none.
pub fn run(_args: &SampleArgs, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let data = crate::install::data_dir()
        .context("there is no data folder for the sample's working copy (set MARGIN_DATA_DIR)")?;
    let sample = BundledSample::support_group();
    let fresh = !sample.working_copy_path(&data).join("margin.ron").is_file();
    let copy = sample.working_copy(&data)?;
    if fresh {
        eprintln!("margin: unpacked the sample project to {}", copy.display());
    }
    writeln!(out, "{}", copy.display())?;
    Ok(ExitCode::SUCCESS)
}
