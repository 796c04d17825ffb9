//! Synthetic projects of any size, for benchmarks and for anyone reproducing their figures with
//! `margin generate`. Deterministic for a given seed: the same options always give the same
//! texts and codings (ids and creation times aside).

use std::collections::BTreeMap;
use std::fmt::Write;

use chrono::{Duration, NaiveDate, TimeZone, Utc};

use crate::import::{detect_turns, parse_wechat};
use crate::model::{
    AttributeDef, AttributeId, AttributeKind, Case, CharRange, Code, CodeId, Coder, Coding, Color,
    Document, DocumentKind, Edit, Manifest, Project, SortKey, Text, Value,
};

/// What to generate.
#[derive(Clone, Debug, PartialEq)]
pub struct SynthOptions {
    /// Number of documents.
    pub documents: usize,
    /// Total text, in bytes of UTF-8.
    pub bytes: usize,
    /// Share of Chinese sentences, 0.0 to 1.0.
    pub chinese: f64,
    /// Total codings, over all coders.
    pub codings: usize,
    /// Number of coders.
    pub coders: usize,
    /// Which kinds of document: chat logs, interviews, or both alternating.
    pub kinds: Vec<DocumentKind>,
    /// Seed of the generator.
    pub seed: u64,
}

impl Default for SynthOptions {
    /// The DESIGN.md §5 project: 100 documents, 10 MB, 50,000 codings, 2 coders.
    fn default() -> Self {
        Self {
            documents: 100,
            bytes: 10_000_000,
            chinese: 0.5,
            codings: 50_000,
            coders: 2,
            kinds: vec![DocumentKind::Chat, DocumentKind::Interview],
            seed: 1,
        }
    }
}

/// A small deterministic generator (SplitMix64); synthetic data and test inputs need no more.
#[derive(Clone, Debug)]
pub struct Rng(pub u64);

impl Rng {
    /// The next number.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number below `n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    fn chance(&mut self, p: f64) -> bool {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const ZH: &[&str] = &[
    "今天复查结果出来了",
    "大家早上好",
    "我们都是过来人",
    "别怕，有我们在",
    "放疗第三周了",
    "医生说指标正常",
    "我也踩过这个坑",
    "终于毕业了",
    "又要留级了",
    "谢谢姐妹们",
    "晚上睡不着",
    "化疗反应有点大",
    "多喝水多休息",
    "这个药可以报销",
    "周末一起去湖边走走",
    "群里的攻略很有用",
    "家里人还不知道",
    "社区筛查发现的",
    "心里踏实多了",
    "抱抱你",
];
const EN: &[&str] = &[
    "the results came back today",
    "we have all been there",
    "my doctor said the markers are fine",
    "I stepped in that pit too",
    "radiotherapy week three",
    "thank you all so much",
    "I could not sleep last night",
    "drink water and rest",
    "the guide in the group helped",
    "my family does not know yet",
    "found through community screening",
    "I feel much calmer",
    "we should walk by the lake on Sunday",
    "this drug is covered by insurance",
];
const EMOJI: &[&str] = &["🙏", "💪", "🌻", "❤️", "😭", "🤗", "🌞", ""];

fn sentence(rng: &mut Rng, chinese: f64) -> String {
    let words = 1 + rng.below(3);
    let zh = rng.chance(chinese);
    let mut s = String::new();
    for i in 0..words {
        if zh {
            if i > 0 {
                s.push('，');
            }
            s.push_str(rng.pick::<&str>(ZH));
        } else {
            if i > 0 {
                s.push_str(", ");
            }
            s.push_str(rng.pick::<&str>(EN));
        }
    }
    s.push_str(if zh { "。" } else { "." });
    s.push_str(rng.pick::<&str>(EMOJI));
    s
}

fn chat_text(
    rng: &mut Rng,
    bytes: usize,
    chinese: f64,
    senders: &[String],
    day0: NaiveDate,
) -> String {
    let mut out = String::with_capacity(bytes + 256);
    let mut t = day0.and_hms_opt(7, 0, 0).unwrap_or_default();
    while out.len() < bytes {
        t += Duration::seconds(30 + i64::from(rng.below(1800) as u32));
        let sender = rng.pick(senders);
        let _ = writeln!(out, "{} {sender}", t.format("%Y-%m-%d %H:%M:%S"));
        for line in 0..=rng.below(2) {
            if line > 0 {
                out.push('\n');
            }
            for _ in 0..=rng.below(3) {
                out.push_str(&sentence(rng, chinese));
            }
        }
        out.push_str("\n\n");
    }
    out
}

fn interview_text(rng: &mut Rng, bytes: usize, chinese: f64, case: &str) -> String {
    let mut out = format!("Interview {case} (synthetic)\n\n");
    let mut turn = 0;
    while out.len() < bytes {
        let speaker = if turn % 2 == 0 { "Interviewer" } else { case };
        out.push_str(speaker);
        out.push_str(if rng.chance(chinese) { "：" } else { ": " });
        for _ in 0..=rng.below(6) {
            out.push_str(&sentence(rng, chinese));
        }
        out.push_str("\n\n");
        turn += 1;
    }
    out
}

/// Generate a project.
// Whole: one seeded random stream draws every entity in turn; split, the draws would be
// harder to keep in the same order (and the same corpus for the same seed).
#[must_use]
pub fn generate(options: &SynthOptions) -> Project {
    let mut rng = Rng(options.seed);
    let mut project = Project::new(Manifest::new("Synthetic project"));
    let mut edits = Vec::new();

    let coders: Vec<Coder> = (0..options.coders.max(1))
        .map(|i| Coder::new(format!("coder{}", i + 1), Color::palette(i)))
        .collect();
    edits.extend(coders.iter().cloned().map(Edit::PutCoder));

    let mut code_ids: Vec<CodeId> = Vec::new();
    let mut last_top: Option<SortKey> = None;
    for t in 0..8 {
        let key = SortKey::after(last_top.as_ref());
        last_top = Some(key.clone());
        let top = Code::new(format!("Theme {}", t + 1), Color::palette(t), key);
        let mut last_child: Option<SortKey> = None;
        for c in 0..4 {
            let key = SortKey::after(last_child.as_ref());
            last_child = Some(key.clone());
            let mut child = Code::new(
                format!("Theme {} / code {}", t + 1, c + 1),
                Color::palette(t + c + 1),
                key,
            );
            child.parent = Some(top.id);
            code_ids.push(child.id);
            edits.push(Edit::PutCode(child));
        }
        code_ids.push(top.id);
        edits.push(Edit::PutCode(top));
    }
    // Parents must exist before children: put the top codes first.
    edits.sort_by_key(|e| !matches!(e, Edit::PutCode(c) if c.parent.is_none()));

    let age = AttributeDef {
        id: AttributeId::new(),
        name: "age".into(),
        kind: AttributeKind::Number,
        sort_key: SortKey("a".into()),
    };
    let regions = ["Beijing", "Shandong", "Guangdong", "Hebei", "Heilongjiang"];
    let region = AttributeDef {
        id: AttributeId::new(),
        name: "region".into(),
        kind: AttributeKind::Category(regions.iter().map(|s| (*s).to_owned()).collect()),
        sort_key: SortKey("b".into()),
    };
    edits.push(Edit::PutAttribute(age.clone()));
    edits.push(Edit::PutAttribute(region.clone()));
    let cases: Vec<Case> = (0..20)
        .map(|i| {
            let mut c = Case::new(format!("P{:02}", i + 1));
            c.values = BTreeMap::from([
                (age.id, Value::Number(25.0 + rng.below(40) as f64)),
                (region.id, Value::Category((*rng.pick(&regions)).to_owned())),
            ]);
            c
        })
        .collect();
    edits.extend(cases.iter().cloned().map(Edit::PutCase));
    let senders: Vec<String> = cases.iter().map(|c| c.name.clone()).collect();

    let per_doc = options.bytes / options.documents.max(1);
    let day0 = NaiveDate::from_ymd_opt(2024, 5, 1).unwrap_or_default();
    let mut documents = Vec::new();
    for d in 0..options.documents {
        let kind = options.kinds[d % options.kinds.len().max(1)];
        let case = &cases[d % cases.len()];
        let (text, segments) = if kind == DocumentKind::Chat {
            let t = chat_text(&mut rng, per_doc, options.chinese, &senders, day0);
            let s = parse_wechat(&t, std::path::Path::new("synthetic")).unwrap_or_default();
            (t, s)
        } else {
            let t = interview_text(&mut rng, per_doc, options.chinese, &case.name);
            let s = detect_turns(&t);
            (t, s)
        };
        let mut doc = Document::new(
            format!("{} {:03}", kind.as_str(), d + 1),
            kind,
            Text::new(text),
        );
        doc.segments = segments;
        if kind == DocumentKind::Interview {
            doc.case = Some(case.id);
        }
        documents.push(doc);
    }

    // Codings: spread over documents by length; the first coder codes, the others mostly code
    // the same passages with shifted boundaries or another code, and some passages of their own.
    let total_chars: usize = documents
        .iter()
        .map(|d| d.text.char_len())
        .sum::<usize>()
        .max(1);
    let passages = options.codings / coders.len();
    let created = Utc
        .with_ymd_and_hms(2024, 9, 1, 9, 0, 0)
        .single()
        .unwrap_or_default();
    let mut codings = Vec::with_capacity(options.codings);
    for doc in &documents {
        let n = passages * doc.text.char_len() / total_chars;
        let len = doc.text.char_len();
        for _ in 0..n {
            let seg = if doc.segments.is_empty() {
                None
            } else {
                Some(rng.pick(&doc.segments).range)
            };
            let base = seg.unwrap_or_else(|| {
                let s = rng.below(len.saturating_sub(200));
                CharRange::new(s, (s + 20 + rng.below(180)).min(len))
            });
            let code = *rng.pick(&code_ids);
            for (i, coder) in coders.iter().enumerate() {
                let mut range = base;
                let mut this_code = code;
                if i > 0 {
                    if rng.chance(0.15) {
                        this_code = *rng.pick(&code_ids);
                    }
                    if rng.chance(0.3) {
                        let cut = rng.below(range.len() / 2 + 1);
                        range.start += cut;
                    }
                    if rng.chance(0.1) {
                        let s = rng.below(len.saturating_sub(100));
                        range = CharRange::new(s, (s + 10 + rng.below(90)).min(len));
                    }
                }
                if range.is_empty() {
                    continue;
                }
                let mut c = Coding::new(doc.id, &doc.text, range, this_code, coder.id);
                c.created = created;
                codings.push(c);
            }
        }
    }
    edits.extend(
        documents
            .into_iter()
            .map(|d| Edit::PutDocument(Box::new(d))),
    );
    edits.extend(codings.into_iter().map(|c| Edit::PutCoding(Box::new(c))));
    // Every edit above refers only to what was put before it.
    if let Err(e) = project.apply(Edit::Batch(edits)) {
        unreachable!("synthetic project is consistent: {e}");
    }
    project
}
