//! Import speed: a 10 MB chat export (`WeChat` text, `WeChat` CSV, `WhatsApp`) read into a document,
//! with and without a pseudonym mapping. Budget: under 0.5 s each. Run with
//! `cargo bench --bench import`.

#![allow(clippy::print_stdout, clippy::unwrap_used)]

use std::fmt::Write as _;
use std::path::Path;
use std::time::{Duration, Instant};

use margin::import::{ImportOptions, Pseudonyms, import_file};

const TARGET: usize = 10_000_000;

const SENDERS: [&str; 8] = [
    "刘姐", "Sunny晴", "海棠", "小梅", "Ana Ruiz", "老王", "G7🌸", "Mei",
];
const LINES: [&str; 6] = [
    "早上好呀姐妹们🌞今天复查，有点紧张",
    "加油！我们都在🙏 CR 之后要定期复查",
    "我上次在泉城肿瘤医院踩坑了，大家注意",
    "Thanks all, the second cycle went fine.",
    "留级了😢 but I will keep going",
    "谁知道这个药报销吗？医保可以吗",
];

/// A small deterministic generator (`SplitMix64`).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> usize {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        (z ^ (z >> 31)) as usize
    }
}

fn chat(format: &str) -> String {
    let mut rng = Rng(7);
    let mut out = String::with_capacity(TARGET + 1000);
    if format == "csv" {
        out.push_str("StrTime,NickName,StrContent,Type\n");
    }
    let mut count = 0u64;
    while out.len() < TARGET {
        count += 1;
        let (day, secs) = (1 + (count / 3000) % 28, (count * 17) % 86_400);
        let (hh, mm, ss) = (secs / 3600, secs / 60 % 60, secs % 60);
        let sender = SENDERS[rng.next() % SENDERS.len()];
        let first = LINES[rng.next() % LINES.len()];
        let second = LINES[rng.next() % LINES.len()];
        let two = rng.next().is_multiple_of(3);
        match format {
            "wechat" => {
                let _ = write!(
                    out,
                    "2024-05-{day:02} {hh:02}:{mm:02}:{ss:02} {sender}\n{first}\n"
                );
                if two {
                    let _ = writeln!(out, "{second}");
                }
                out.push('\n');
            }
            "whatsapp" => {
                let _ = writeln!(out, "{day:02}/05/2024, {hh:02}:{mm:02} - {sender}: {first}");
                if two {
                    let _ = writeln!(out, "{second}");
                }
            }
            _ => {
                let body = if two {
                    format!("{first}\n{second}")
                } else {
                    first.to_owned()
                };
                let _ = writeln!(
                    out,
                    "2024-05-{day:02} {hh:02}:{mm:02}:{ss:02},{sender},\"{body}\",1"
                );
            }
        }
    }
    out
}

fn measure(path: &Path, options: &ImportOptions) -> (Duration, usize) {
    let mut best = Duration::MAX;
    let mut segments = 0;
    for _ in 0..5 {
        let started = Instant::now();
        let imported = import_file(path, options).unwrap();
        best = best.min(started.elapsed());
        segments = imported.document.segments.len();
    }
    (best, segments)
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let mapping = Pseudonyms::new(vec![
        ("刘姐".into(), "G8".into()),
        ("Sunny晴".into(), "G2".into()),
        ("海棠".into(), "G11".into()),
        ("泉城肿瘤医院".into(), "Z医院".into()),
        ("泉城".into(), "X市".into()),
        ("Ana Ruiz".into(), "G4".into()),
    ])
    .unwrap();
    println!("import of a 10 MB chat export (best of 5; budget 0.5 s)");
    for (format, ext) in [("wechat", "txt"), ("whatsapp", "txt"), ("csv", "csv")] {
        let path = dir.path().join(format!("{format}.{ext}"));
        let text = chat(format);
        std::fs::write(&path, &text).unwrap();
        let plain = ImportOptions::default();
        let (t, n) = measure(&path, &plain);
        let pseudo = ImportOptions {
            pseudonyms: Some(mapping.clone()),
            ..ImportOptions::default()
        };
        let (tp, _) = measure(&path, &pseudo);
        println!(
            "  {format:<9} {:>5.1} MB, {n:>7} messages: {:>6.1} ms; with pseudonyms {:>6.1} ms",
            text.len() as f64 / 1e6,
            t.as_secs_f64() * 1e3,
            tp.as_secs_f64() * 1e3
        );
    }
}
