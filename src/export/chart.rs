//! Charts of the analysis tables for a paper: a table as a heatmap (each number cell shaded by
//! its share of the largest), with a bar chart below it, written as SVG, or as PNG drawn from
//! that SVG (resvg, with the font that travels with Margin, so Chinese labels draw on any
//! machine). The window's Tables tab, the table commands' `--chart` and the paper report use
//! them.

use std::fmt::Write as _;

use super::ExportError;
use crate::analysis::table::{Cell, Table};

/// The fonts that travel with Margin, named in the SVG so the PNG renderer finds them: Latin
/// (egui's Ubuntu Light), then Chinese.
const FONTS: &str = "Ubuntu Light, Ubuntu, Droid Sans Fallback";

const CELL_W: usize = 64;
const CELL_H: usize = 24;
const PAD: usize = 12;
const BAR_W: usize = 320;
const BAR_H: usize = 20;

/// What a chart shows: the table as a heatmap, and bars below it.
#[derive(Clone, Copy, Debug)]
pub struct Chart<'a> {
    /// The title above it.
    pub title: &'a str,
    /// The table: the first column holds the row labels; number cells are shaded.
    pub table: &'a Table,
    /// Leave the diagonal out of the colour scale (a code with itself).
    pub skip_diagonal: bool,
    /// A bar chart under the heatmap: its title and its bars.
    pub bars: Option<(&'a str, &'a [(String, f64)])>,
}

fn value(c: &Cell) -> Option<f64> {
    match c {
        Cell::Count(n) => Some(*n as f64),
        Cell::Percent(p) => Some(*p),
        Cell::Empty | Cell::Text(_) => None,
    }
}

/// The widest a row's label is drawn, in pixels.
const LABEL_MAX: usize = 300;

/// A row label that fits: a long code path keeps its last part (`… / Self-transition`).
fn fit(label: &str) -> String {
    let label = label.trim();
    if text_width(label, 12) <= LABEL_MAX {
        return label.to_owned();
    }
    let last = label.rsplit(" / ").next().unwrap_or(label);
    let mut out = format!("… / {last}");
    while text_width(&out, 12) > LABEL_MAX && out.chars().count() > 4 {
        out.pop();
    }
    out
}

fn esc(out: &mut String, s: &str) {
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
}

/// A rough width of `s` drawn at `size` pixels: Chinese characters a full em, others about half.
fn text_width(s: &str, size: usize) -> usize {
    s.chars()
        .map(|c| if c.is_ascii() { size * 11 / 20 } else { size })
        .sum()
}

/// Write a label at (x, y).
fn text(out: &mut String, x: usize, y: usize, anchor: &str, weight: &str, s: &str) {
    let _ = write!(
        out,
        "<text x=\"{x}\" y=\"{y}\" text-anchor=\"{anchor}\" font-weight=\"{weight}\">"
    );
    esc(out, s);
    out.push_str("</text>\n");
}

/// The chart as an SVG document.
#[must_use]
pub fn svg(chart: &Chart<'_>) -> String {
    let table = chart.table;
    // The columns that hold numbers (the others label the rows).
    let numeric: Vec<usize> = (1..table.columns.len())
        .filter(|&c| {
            table
                .rows
                .iter()
                .any(|r| r.get(c).and_then(value).is_some())
        })
        .collect();
    let rows: Vec<(String, Vec<Option<f64>>)> = table
        .rows
        .iter()
        .map(|r| {
            let label = match r.first() {
                Some(Cell::Text(s)) => fit(s),
                _ => String::new(),
            };
            let values = numeric.iter().map(|&c| r.get(c).and_then(value)).collect();
            (label, values)
        })
        .collect();
    let columns: Vec<&str> = numeric.iter().map(|&c| table.columns[c].as_str()).collect();
    // Totals are not shaded: they would swallow the scale.
    let shaded = |c: usize| !columns[c].eq_ignore_ascii_case("total");
    let max = rows
        .iter()
        .enumerate()
        .flat_map(|(r, (_, vs))| {
            vs.iter().enumerate().filter_map(move |(c, v)| {
                (!(chart.skip_diagonal && r == c) && shaded(c)).then_some(*v)
            })
        })
        .flatten()
        .fold(0.0_f64, f64::max);
    let label_w = rows
        .iter()
        .map(|(l, _)| text_width(l, 12))
        .chain(
            chart
                .bars
                .iter()
                .flat_map(|(_, b)| b.iter().map(|(l, _)| text_width(&fit(l), 12))),
        )
        .max()
        .unwrap_or(0)
        .clamp(80, LABEL_MAX)
        + PAD;
    let head_h = columns
        .iter()
        .map(|c| text_width(c, 12))
        .max()
        .unwrap_or(0)
        .clamp(24, 200);
    let grid_top = 40 + head_h;
    let grid_w = columns.len() * CELL_W;
    let grid_h = rows.len() * CELL_H;
    let bars_top = grid_top + grid_h + 40;
    let bars_h = chart.bars.map_or(0, |(_, b)| 30 + b.len() * (BAR_H + 4));
    let width = (PAD + label_w + grid_w.max(BAR_W + 80) + PAD).max(400);
    let height = bars_top + bars_h + PAD;
    let mut s = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" \
         viewBox=\"0 0 {width} {height}\" font-family=\"{FONTS}, sans-serif\" \
         font-size=\"12\">\n<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n<title>"
    );
    esc(&mut s, chart.title);
    s.push_str("</title>\n<g font-size=\"15\">");
    text(&mut s, PAD, 24, "start", "bold", chart.title);
    s.push_str("</g>\n");
    let x0 = PAD + label_w;
    for (c, name) in columns.iter().enumerate() {
        let x = x0 + c * CELL_W + CELL_W / 2;
        let y = grid_top - 6;
        let _ = write!(
            s,
            "<text transform=\"translate({x},{y}) rotate(-45)\" text-anchor=\"start\">"
        );
        esc(&mut s, name);
        s.push_str("</text>\n");
    }
    for (r, (label, values)) in rows.iter().enumerate() {
        let y = grid_top + r * CELL_H;
        text(&mut s, x0 - 6, y + 16, "end", "normal", label);
        for (c, v) in values.iter().enumerate() {
            let x = x0 + c * CELL_W;
            let share = match v {
                Some(value) if max > 0.0 && shaded(c) && !(chart.skip_diagonal && r == c) => {
                    (value / max).clamp(0.0, 1.0)
                }
                _ => 0.0,
            };
            // From white to the blue of Margin's charts.
            let mix = |full: f64| (255.0 - (255.0 - full) * share).round() as u8;
            let _ = writeln!(
                s,
                "<rect x=\"{x}\" y=\"{y}\" width=\"{CELL_W}\" height=\"{CELL_H}\" \
                 fill=\"#{:02x}{:02x}{:02x}\" stroke=\"#dddddd\"/>",
                mix(76.0),
                mix(114.0),
                mix(176.0)
            );
            if let Some(cell) = table.rows[r].get(numeric[c]).filter(|c| value(c).is_some()) {
                let colour = if share > 0.55 { "#ffffff" } else { "#222222" };
                let _ = write!(
                    s,
                    "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"{colour}\">",
                    x + CELL_W / 2,
                    y + 16
                );
                esc(&mut s, &cell.display());
                s.push_str("</text>\n");
            }
        }
    }
    if let Some((title, bars)) = chart.bars {
        text(&mut s, PAD, bars_top, "start", "bold", title);
        let top = bars.iter().map(|(_, v)| *v).fold(0.0_f64, f64::max);
        for (i, (label, v)) in bars.iter().enumerate() {
            let y = bars_top + 12 + i * (BAR_H + 4);
            text(&mut s, x0 - 6, y + 15, "end", "normal", &fit(label));
            let w = if top > 0.0 {
                (v / top * BAR_W as f64).round() as usize
            } else {
                0
            };
            let _ = writeln!(
                s,
                "<rect x=\"{x0}\" y=\"{y}\" width=\"{w}\" height=\"{BAR_H}\" fill=\"#4c72b0\"/>"
            );
            let shown = if v.fract() == 0.0 {
                format!("{v:.0}")
            } else {
                format!("{v:.1}")
            };
            text(&mut s, x0 + w + 4, y + 15, "start", "normal", &shown);
        }
    }
    s.push_str("</svg>\n");
    s
}

/// An SVG drawn as PNG, `scale` times its size (2 for print).
pub fn png(svg: &str, scale: f32) -> Result<Vec<u8>, ExportError> {
    let mut options = resvg::usvg::Options::default();
    let fonts = options.fontdb_mut();
    fonts.load_font_data(epaint_default_fonts::UBUNTU_LIGHT.to_vec());
    fonts.load_font_data(crate::bundled::CJK_FONT.to_vec());
    "Ubuntu Light".clone_into(&mut options.font_family);
    let tree = resvg::usvg::Tree::from_str(svg, &options)
        .map_err(|e| ExportError::Unsupported(format!("the chart's SVG: {e}")))?;
    let size =
        tree.size().to_int_size().scale_by(scale).ok_or_else(|| {
            ExportError::Unsupported("the chart is too large to draw as PNG".into())
        })?;
    let mut pixmap = resvg::tiny_skia::Pixmap::new(size.width(), size.height())
        .ok_or_else(|| ExportError::Unsupported("the chart is too large to draw as PNG".into()))?;
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| ExportError::Unsupported(format!("writing the PNG: {e}")))
}

/// Write `chart` to `path` as SVG or PNG, by its extension.
pub fn write(chart: &Chart<'_>, path: &std::path::Path) -> Result<(), ExportError> {
    let drawn = svg(chart);
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let bytes = match ext.as_deref() {
        Some("svg") => drawn.into_bytes(),
        Some("png") => png(&drawn, 2.0)?,
        _ => {
            return Err(ExportError::Unsupported(format!(
                "{}: a chart is written as .svg or .png",
                path.display()
            )));
        }
    };
    super::write_file(path, |out| Ok(out.write_all(&bytes)?))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn table() -> Table {
        Table {
            columns: vec![
                "Code".into(),
                "G1".into(),
                "G8 <北京>".into(),
                "Total".into(),
            ],
            rows: vec![
                vec![
                    Cell::Text("Identity / 留级 & more".into()),
                    Cell::Count(2),
                    Cell::Count(8),
                    Cell::Count(10),
                ],
                vec![
                    Cell::Text("Hope".into()),
                    Cell::Count(0),
                    Cell::Count(4),
                    Cell::Count(4),
                ],
            ],
        }
    }

    #[test]
    fn the_svg_shades_by_the_largest_cell_and_escapes_its_labels() {
        let t = table();
        let bars = [("Identity".to_owned(), 10.0), ("Hope".to_owned(), 4.0)];
        let drawn = svg(&Chart {
            title: "Codes & cases",
            table: &t,
            skip_diagonal: false,
            bars: Some(("Codings", &bars)),
        });
        assert!(drawn.starts_with("<svg") && drawn.ends_with("</svg>\n"));
        assert!(drawn.contains("<title>Codes &amp; cases</title>"));
        assert!(drawn.contains("G8 &lt;北京&gt;"));
        assert!(drawn.contains("Identity / 留级 &amp; more"));
        // The largest shaded cell (8; the total is not shaded) is the full colour, 0 is white.
        assert!(drawn.contains("fill=\"#4c72b0\" stroke"));
        assert!(drawn.contains("fill=\"#ffffff\" stroke"));
        // Bars: the longest is the full width.
        assert!(drawn.contains(&format!("width=\"{BAR_W}\" height=\"{BAR_H}\"")));
    }

    #[test]
    fn the_png_is_drawn_at_twice_the_size_with_the_bundled_fonts() {
        let t = table();
        let drawn = svg(&Chart {
            title: "图表",
            table: &t,
            skip_diagonal: false,
            bars: None,
        });
        let bytes = png(&drawn, 2.0).unwrap();
        assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"));
        let width = u32::from_be_bytes(bytes[16..20].try_into().unwrap());
        let svg_width: u32 = drawn
            .split("width=\"")
            .nth(1)
            .and_then(|s| s.split('"').next())
            .unwrap()
            .parse()
            .unwrap();
        assert_eq!(width, svg_width * 2);
        let tmp = tempfile::tempdir().unwrap();
        let chart = Chart {
            title: "x",
            table: &t,
            skip_diagonal: false,
            bars: None,
        };
        let err = write(&chart, &tmp.path().join("chart.jpg")).unwrap_err();
        assert!(err.to_string().contains("written as .svg or .png"), "{err}");
        write(&chart, &tmp.path().join("chart.svg")).unwrap();
        assert!(
            std::fs::read_to_string(tmp.path().join("chart.svg"))
                .unwrap()
                .starts_with("<svg")
        );
    }
}
