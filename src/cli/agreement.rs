//! `margin agreement`: inter-coder agreement of a project, per code and per document, or the
//! list of disagreements. docs/agreement.md says what each number means.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, bail};
use clap::{Args, ValueEnum};
use serde::Serialize;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::analysis::agreement::{
    AgreementOptions, AgreementReport, DomainMeasures, Measures, PassageStatus, Unit,
    UnitizingAlpha, agreement, compare,
};
use crate::model::{CharRange, CoderId, DocumentId, Project};
use crate::store::ProjectDir;

/// Arguments of `margin agreement`.
#[derive(Debug, Args)]
pub struct AgreementArgs {
    /// The project folder.
    pub project: PathBuf,
    /// The coders to compare, by name, comma-separated (default: everyone with codings but
    /// the consensus coder).
    #[arg(long, value_delimiter = ',')]
    pub coders: Vec<String>,
    /// The unit of percent agreement, κ and α: every character, or every speaker turn / chat
    /// message (paragraphs in notes). u-α always works on characters.
    #[arg(long, value_enum, default_value_t = UnitArg::Char)]
    pub unit: UnitArg,
    /// Only this document (by name); repeat for several. Default: every document each
    /// compared coder has coded.
    #[arg(long = "document")]
    pub documents: Vec<String>,
    /// List the disagreements, with each coder's version, instead of the statistics.
    #[arg(long)]
    pub disagreements: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: ReportFormat,
}

/// The unit, as written on the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum UnitArg {
    /// Characters.
    #[value(alias = "character")]
    Char,
    /// Speaker turns and chat messages.
    #[value(alias = "turn", alias = "message")]
    Segment,
}

/// Output formats of `margin agreement`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum, Default)]
pub enum ReportFormat {
    /// Aligned text for people.
    #[default]
    Table,
    /// JSON for programs.
    Json,
    /// CSV (RFC 4180), one row per code and document.
    Csv,
}

/// Compute and print agreement.
pub fn run(args: &AgreementArgs, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let opened = ProjectDir::open_read_only(&args.project)?;
    let project = &opened.project;
    let options = AgreementOptions {
        coders: args
            .coders
            .iter()
            .map(|n| coder_named(project, n))
            .collect::<anyhow::Result<_>>()?,
        documents: documents_named(project, &args.documents)?,
        unit: match args.unit {
            UnitArg::Char => Unit::Character,
            UnitArg::Segment => Unit::Segment,
        },
    };
    if args.disagreements {
        return disagreements(project, &options, args.format, out);
    }
    let report = agreement(project, &options)
        .with_context(|| format!("agreement in {}", args.project.display()))?;
    match args.format {
        ReportFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &report)?;
            writeln!(out)?;
        }
        ReportFormat::Csv => write_csv(&report, out)?,
        ReportFormat::Table => write_table(&report, out)?,
    }
    Ok(ExitCode::SUCCESS)
}

fn coder_named(project: &Project, name: &str) -> anyhow::Result<CoderId> {
    let name = name.trim();
    if let Some(c) = project.coder_named(name) {
        return Ok(c.id);
    }
    let mut names: Vec<&str> = project.coders().values().map(|c| c.name.as_str()).collect();
    names.sort_unstable();
    bail!(
        "the project has no coder named {name:?} (coders: {})",
        names.join(", ")
    )
}

fn documents_named(project: &Project, names: &[String]) -> anyhow::Result<Vec<DocumentId>> {
    let mut ids = Vec::new();
    for name in names {
        let found: Vec<DocumentId> = project
            .documents()
            .values()
            .filter(|d| &d.name == name)
            .map(|d| d.id)
            .collect();
        if found.is_empty() {
            bail!("the project has no document named {name:?}");
        }
        ids.extend(found);
    }
    Ok(ids)
}

fn fraction(v: Option<f64>) -> String {
    // A value that rounds to zero is shown as 0.000, not -0.000.
    v.map_or_else(
        || "–".to_owned(),
        |v| format!("{:.3}", v + 0.0).replace("-0.000", "0.000"),
    )
}

fn percent(v: Option<f64>) -> String {
    v.map_or_else(|| "–".to_owned(), |v| format!("{:.1}%", v * 100.0))
}

/// `name` padded to `width` terminal columns, or cut from the left when longer: code paths end
/// in the code's own name, which is what tells rows apart.
fn cell(name: &str, width: usize) -> String {
    let n = name.width();
    if n <= width {
        return format!("{name}{}", " ".repeat(width - n));
    }
    let mut kept = 0;
    let start = name
        .char_indices()
        .rev()
        .take_while(|(_, c)| {
            kept += c.width().unwrap_or(0);
            kept < width
        })
        .last()
        .map_or(name.len(), |(i, _)| i);
    let tail = &name[start..];
    format!(
        "…{tail}{}",
        " ".repeat(width.saturating_sub(1 + tail.width()))
    )
}

fn write_table(r: &AgreementReport, out: &mut dyn Write) -> anyhow::Result<()> {
    let coders: Vec<&str> = r.coders.iter().map(|c| c.name.as_str()).collect();
    writeln!(
        out,
        "Agreement of {} (unit: {}; u-α on characters)",
        coders.join(", "),
        r.unit.as_str()
    )?;
    writeln!(out, "{} document(s) compared", r.documents.len())?;
    if !r.skipped.is_empty() {
        let names: Vec<&str> = r.skipped.iter().map(|d| d.name.as_str()).collect();
        writeln!(
            out,
            "skipped, not coded by every coder: {}",
            names.join(", ")
        )?;
    }
    let width = r
        .codes
        .iter()
        .map(|c| c.name.width())
        .chain(r.documents.iter().map(|d| d.name.width()))
        .chain([9])
        .max()
        .unwrap_or(9)
        .min(48);
    let row = |out: &mut dyn Write, name: &str, m: &Measures| -> std::io::Result<()> {
        writeln!(
            out,
            "{}  {:>10}  {:>7}  {:>7}  {:>7}  {:>7}",
            cell(name, width),
            m.tally.units,
            percent(m.percent),
            fraction(m.kappa),
            fraction(m.alpha),
            fraction(m.u_alpha.value)
        )
    };
    let header = |out: &mut dyn Write, first: &str| -> std::io::Result<()> {
        writeln!(
            out,
            "\n{}  {:>10}  {:>7}  {:>7}  {:>7}  {:>7}",
            cell(first, width),
            "units",
            "agree",
            "kappa",
            "alpha",
            "u-alpha"
        )
    };
    header(out, "code")?;
    for c in &r.codes {
        row(out, &c.name, &c.measures)?;
    }
    row(out, "all codes", &r.overall)?;
    header(out, "document")?;
    for d in &r.documents {
        row(out, &d.name, &d.overall)?;
    }
    write_domains(r, out)
}

/// The second table: the cu-α family per semantic domain, and Cu-α.
fn write_domains(r: &AgreementReport, out: &mut dyn Write) -> anyhow::Result<()> {
    const ACROSS: &str = "across domains (Cu-a)";
    if r.domains.is_empty() {
        return Ok(());
    }
    let width = r
        .domains
        .iter()
        .map(|d| d.name.chars().count())
        .chain([ACROSS.chars().count()])
        .max()
        .unwrap_or(0)
        .min(48);
    writeln!(
        out,
        "\nSemantic domains (a top-level code with its sub-codes; characters)"
    )?;
    writeln!(
        out,
        "{}  {:>10}  {:>7}  {:>7}  {:>7}  {:>8}",
        cell("domain", width),
        "chars",
        "|u-a",
        "u-a",
        "cu-a",
        "combined"
    )?;
    for d in &r.domains {
        let m = &d.measures;
        writeln!(
            out,
            "{}  {:>10}  {:>7}  {:>7}  {:>7}  {:>8}",
            cell(&d.name, width),
            m.characters,
            fraction(m.binary_u_alpha.value),
            fraction(m.u_alpha.value),
            fraction(m.cu_alpha.value),
            m.combined_chars
        )?;
    }
    let a = &r.across_domains;
    writeln!(
        out,
        "{}  {:>10}  {:>7}  {:>7}  {:>7}  {:>8}",
        cell(ACROSS, width),
        "",
        "",
        "",
        fraction(a.cu_alpha.value),
        a.multi_domain_chars
    )?;
    if r.domains.iter().any(|d| d.measures.combined_chars > 0) {
        writeln!(
            out,
            "combined: characters a coder coded with two or more codes of the domain (taken as a value of their own)"
        )?;
    }
    if a.multi_domain_chars > 0 {
        writeln!(
            out,
            "on the Cu-a row: characters a coder coded in two or more domains (counted in each)"
        )?;
    }
    Ok(())
}

/// How CSV rows name "every document", "every code", a semantic domain's row and "every
/// domain".
const ALL_DOCS: &str = "(all documents)";
const ALL_CODES: &str = "(all codes)";
const DOMAIN: &str = "(semantic domain)";
const ALL_DOMAINS: &str = "(all domains)";

/// The columns after the per-code ones: the cu-α family (empty on the rows of codes).
const DOMAIN_COLUMNS: [&str; 11] = [
    "semantic_domain",
    "binary_u_alpha",
    "binary_u_alpha_observed",
    "binary_u_alpha_expected",
    "nominal_u_alpha",
    "nominal_u_alpha_observed",
    "nominal_u_alpha_expected",
    "cu_alpha",
    "cu_alpha_observed",
    "cu_alpha_expected",
    "combined_chars",
];

fn write_csv(r: &AgreementReport, out: &mut dyn Write) -> anyhow::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    let mut header = vec![
        "document".to_owned(),
        "code".to_owned(),
        "unit".to_owned(),
        "units".to_owned(),
    ];
    header.extend(r.coders.iter().map(|c| format!("applied by {}", c.name)));
    header.extend(
        [
            "percent_agreement",
            "cohen_kappa",
            "krippendorff_alpha",
            "u_alpha",
            "u_alpha_observed",
            "u_alpha_expected",
        ]
        .map(str::to_owned),
    );
    header.extend(DOMAIN_COLUMNS.map(str::to_owned));
    w.write_record(&header)?;
    let n_coders = r.coders.len();
    let number = |v: Option<f64>| v.map_or_else(String::new, |v| format!("{v}"));
    let mut row = |doc: &str, code: &str, m: &Measures| -> csv::Result<()> {
        let mut rec = vec![
            doc.to_owned(),
            code.to_owned(),
            r.unit.as_str().to_owned(),
            m.tally.units.to_string(),
        ];
        rec.extend(m.tally.applied.iter().map(u64::to_string));
        rec.extend([
            number(m.percent),
            number(m.kappa),
            number(m.alpha),
            number(m.u_alpha.value),
            number(Some(m.u_alpha.observed)),
            number(Some(m.u_alpha.expected)),
        ]);
        rec.extend(std::iter::repeat_n(String::new(), DOMAIN_COLUMNS.len()));
        w.write_record(&rec)
    };
    row(ALL_DOCS, ALL_CODES, &r.overall)?;
    for c in &r.codes {
        row(ALL_DOCS, &c.name, &c.measures)?;
    }
    for d in &r.documents {
        row(&d.name, ALL_CODES, &d.overall)?;
        for c in &d.codes {
            row(&d.name, &c.name, &c.measures)?;
        }
    }
    // Rows of semantic domains: `units` is the characters, `applied by` the characters each
    // coder coded in the domain; the columns of percent, κ, α and u-α stay empty.
    let mut domain_row = |doc: &str, domain: &str, m: &DomainMeasures| -> csv::Result<()> {
        let mut rec = vec![
            doc.to_owned(),
            DOMAIN.to_owned(),
            Unit::Character.as_str().to_owned(),
            m.characters.to_string(),
        ];
        rec.extend(m.coded.iter().map(u64::to_string));
        rec.extend(std::iter::repeat_n(String::new(), 6));
        rec.push(domain.to_owned());
        for a in [&m.binary_u_alpha, &m.u_alpha, &m.cu_alpha] {
            rec.extend([
                number(a.value),
                number(Some(a.observed)),
                number(Some(a.expected)),
            ]);
        }
        rec.push(m.combined_chars.to_string());
        w.write_record(&rec)
    };
    for d in &r.domains {
        domain_row(ALL_DOCS, &d.name, &d.measures)?;
        for x in &d.documents {
            domain_row(&x.name, &d.name, &x.measures)?;
        }
    }
    // Cu-α over all documents, then per document.
    let mut across_row = |doc: &str, cu: &UnitizingAlpha, multi: u64| -> csv::Result<()> {
        let mut rec = vec![
            doc.to_owned(),
            DOMAIN.to_owned(),
            Unit::Character.as_str().to_owned(),
        ];
        rec.extend(std::iter::repeat_n(String::new(), 1 + n_coders + 6));
        rec.push(ALL_DOMAINS.to_owned());
        rec.extend(std::iter::repeat_n(String::new(), 6));
        rec.extend([
            number(cu.value),
            number(Some(cu.observed)),
            number(Some(cu.expected)),
            multi.to_string(),
        ]);
        w.write_record(&rec)
    };
    let a = &r.across_domains;
    across_row(ALL_DOCS, &a.cu_alpha, a.multi_domain_chars)?;
    for d in &a.documents {
        across_row(&d.name, &d.cu_alpha, d.multi_domain_chars)?;
    }
    w.flush()?;
    Ok(())
}

/// One coder's version of a disagreement, for output.
#[derive(Serialize)]
struct VersionOut {
    coder: String,
    ranges: Vec<CharRange>,
    notes: Vec<String>,
    coded_instead: Vec<String>,
}

/// A disagreement, for output.
#[derive(Serialize)]
struct DisagreementOut {
    document: String,
    code: String,
    status: PassageStatus,
    start: usize,
    end: usize,
    text: String,
    versions: Vec<VersionOut>,
}

fn disagreements(
    project: &Project,
    options: &AgreementOptions,
    format: ReportFormat,
    out: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    let list = disagreement_list(project, options)?;
    match format {
        ReportFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &list)?;
            writeln!(out)?;
        }
        ReportFormat::Csv => {
            let mut w = csv::Writer::from_writer(&mut *out);
            w.write_record([
                "document",
                "code",
                "status",
                "start",
                "end",
                "coder",
                "ranges",
                "coded_instead",
                "text",
            ])?;
            for d in &list {
                for v in &d.versions {
                    w.write_record([
                        d.document.as_str(),
                        d.code.as_str(),
                        status_name(d.status),
                        &d.start.to_string(),
                        &d.end.to_string(),
                        &v.coder,
                        &ranges_text(&v.ranges),
                        &v.coded_instead.join("; "),
                        &d.text,
                    ])?;
                }
            }
            w.flush()?;
        }
        ReportFormat::Table => {
            for d in &list {
                let excerpt: String = d
                    .text
                    .chars()
                    .map(|c| if c.is_whitespace() { ' ' } else { c })
                    .take(70)
                    .collect();
                writeln!(
                    out,
                    "{} {}..{}  {}  [{}]  {excerpt:?}",
                    d.document,
                    d.start,
                    d.end,
                    d.code,
                    status_name(d.status)
                )?;
                for v in &d.versions {
                    let mut line = if v.ranges.is_empty() {
                        "not coded".to_owned()
                    } else {
                        ranges_text(&v.ranges)
                    };
                    if !v.coded_instead.is_empty() {
                        line.push_str("; coded ");
                        line.push_str(&v.coded_instead.join(", "));
                    }
                    writeln!(out, "    {}: {line}", v.coder)?;
                }
            }
            writeln!(out, "{} disagreement(s)", list.len())?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The disagreements of a comparison, with names and texts.
fn disagreement_list(
    project: &Project,
    options: &AgreementOptions,
) -> anyhow::Result<Vec<DisagreementOut>> {
    let cmp = compare(project, options)?;
    Ok(cmp
        .disagreements()
        .map(|(_, p)| {
            let text = project
                .document(p.document)
                .map(|d| d.text.slice(p.range).to_owned())
                .unwrap_or_default();
            DisagreementOut {
                document: project
                    .document(p.document)
                    .map(|d| d.name.clone())
                    .unwrap_or_default(),
                code: project.code_path(p.code),
                status: p.status,
                start: p.range.start,
                end: p.range.end,
                text,
                versions: p
                    .versions
                    .iter()
                    .map(|v| VersionOut {
                        coder: project
                            .coder(v.coder)
                            .map(|c| c.name.clone())
                            .unwrap_or_default(),
                        ranges: v.ranges.clone(),
                        notes: v
                            .codings
                            .iter()
                            .filter_map(|&id| project.coding(id)?.memo.clone())
                            .collect(),
                        coded_instead: v
                            .other_codes
                            .iter()
                            .filter_map(|&id| project.coding(id).map(|c| project.code_path(c.code)))
                            .collect(),
                    })
                    .collect(),
            }
        })
        .collect())
}

fn status_name(s: PassageStatus) -> &'static str {
    match s {
        PassageStatus::Agreed => "agreed",
        PassageStatus::Boundaries => "boundaries differ",
        PassageStatus::Missing => "not coded by all",
    }
}

fn ranges_text(ranges: &[CharRange]) -> String {
    ranges
        .iter()
        .map(|r| format!("{}..{}", r.start, r.end))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::{cell, fraction};

    #[test]
    fn long_code_paths_keep_their_end_and_columns_count_wide_characters_twice() {
        assert_eq!(cell("A / B / 毕业", 8), "… / 毕业");
        assert_eq!(cell("毕业", 6), "毕业  ");
        assert_eq!(cell("Identity", 10), "Identity  ");
        assert_eq!(fraction(Some(-0.000_04)), "0.000");
        assert_eq!(fraction(Some(-0.0123)), "-0.012");
        assert_eq!(fraction(None), "–");
    }
}
