//! A researcher's first day in the window, driven headless with `egui_kittest`: one regression
//! test per defect found by driving the real window (theme switch, stale find, team review
//! defaults and marks, "Code all hits", the inspector, notices, zoom, Chinese dates, the
//! right-click menu, the docked analysis panel, retrieved excerpts). Each test is named after
//! the defect it guards.

#![allow(clippy::unwrap_used, clippy::missing_panics_doc)]

mod ui_common;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use egui::accesskit::Role;
use egui::{Event, Key, Modifiers, PointerButton, Pos2, Rect, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use margin::import::{detect_turns, parse_wechat};
use margin::model::{
    CharRange, Code, CodeId, Coder, CoderId, Coding, Color, Document, DocumentId, DocumentKind,
    Edit, Manifest, Project, SortKey, Text,
};
use margin::store::ProjectDir;
use margin::ui::search_panel::AnalysisTab;
use margin::ui::{Command, ConfigStore, MarginApp, ThemeChoice};
use ui_common::{click_at, frames, harness_sized, project};

const INTERVIEW: &str = "访谈 G8（虚构）\n\nI: 大家为什么说“毕业”？\nG8: 我们都叫它毕业，治疗结束就是毕业了。\nI: 那“踩坑”呢？\nG8: 就是遇到不靠谱的医院。我也踩过这个坑，后来换了医生。\n";

/// A Chinese group chat: a long May (so the view scrolls), then 20 and 21 June.
fn chat_text() -> String {
    let mut s = String::new();
    for i in 0..120 {
        let (day, minute) = (1 + i / 40, i % 40);
        writeln!(
            s,
            "2024-05-{day:02} 08:{minute:02}:00 G{}\n第{i}条消息：今天复查，大家加油。\n",
            8 + i % 3
        )
        .unwrap();
    }
    s.push_str("2024-06-19 21:00:00 G8\n明天复查，有点紧张。\n\n");
    s.push_str("2024-06-20 08:12:45 G10\n早上好呀姐妹们🌻 今天我毕业啦！\n\n");
    s.push_str("2024-06-20 09:30:00 G8\n恭喜毕业！🙏\n\n");
    s.push_str("2024-06-21 07:00:00 G10\n又要留级了。\n");
    s
}

struct Fixture {
    _dir: tempfile::TempDir,
    root: PathBuf,
    config: PathBuf,
    interview: DocumentId,
    chat: DocumentId,
    resonance: CodeId,
    graduate: CodeId,
    pit: CodeId,
    lin: CoderId,
    zhou: CoderId,
    visitor: CoderId,
}

fn range_in(text: &str, needle: &str) -> CharRange {
    let byte = text.find(needle).unwrap();
    let start = text[..byte].chars().count();
    CharRange::new(start, start + needle.chars().count())
}

/// Two coders, Lin (who is coding) and Zhou, coded both documents; a visitor coded one
/// passage of the chat only. Graduate sits under Emotional resonance.
fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("study");
    let config = dir.path().join("config");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(
        config.join("config.ron"),
        "(coder_name: Some(\"Lin\"), theme: Light, language: Some(English))",
    )
    .unwrap();
    let chat_text = chat_text();
    let mut project = Project::new(Manifest::new("First day"));
    let mut interview = Document::new("G8", DocumentKind::Interview, Text::new(INTERVIEW));
    interview.segments = detect_turns(INTERVIEW);
    let mut chat = Document::new("群聊", DocumentKind::Chat, Text::new(chat_text.as_str()));
    chat.segments = parse_wechat(&chat_text, Path::new("chat.txt")).unwrap();
    let resonance = Code::new(
        "Emotional resonance",
        Color::palette(2),
        SortKey("a".into()),
    );
    let mut graduate = Code::new("Graduate", Color::palette(3), SortKey("a".into()));
    graduate.parent = Some(resonance.id);
    let pit = Code::new("Pit", Color::palette(1), SortKey("b".into()));
    let lin = Coder::new("Lin", Color::palette(4));
    let zhou = Coder::new("Zhou", Color::palette(5));
    let visitor = Coder::new("Visitor", Color::palette(6));
    let coding = |doc: &Document, text: &str, needle: &str, code: &Code, coder: &Coder| {
        Edit::PutCoding(Box::new(Coding::new(
            doc.id,
            &doc.text,
            range_in(text, needle),
            code.id,
            coder.id,
        )))
    };
    let edits = vec![
        coding(
            &interview,
            INTERVIEW,
            "毕业，治疗结束就是毕业了",
            &graduate,
            &lin,
        ),
        coding(
            &interview,
            INTERVIEW,
            "毕业，治疗结束就是毕业了",
            &graduate,
            &zhou,
        ),
        coding(&interview, INTERVIEW, "我也踩过这个坑", &pit, &lin),
        coding(&chat, &chat_text, "今天我毕业啦", &graduate, &lin),
        coding(&chat, &chat_text, "今天我毕业啦！", &graduate, &zhou),
        coding(&chat, &chat_text, "明天复查", &pit, &zhou),
        coding(&chat, &chat_text, "恭喜毕业", &graduate, &visitor),
    ];
    let f = Fixture {
        _dir: dir,
        root: root.clone(),
        config,
        interview: interview.id,
        chat: chat.id,
        resonance: resonance.id,
        graduate: graduate.id,
        pit: pit.id,
        lin: lin.id,
        zhou: zhou.id,
        visitor: visitor.id,
    };
    let mut all = vec![
        Edit::PutDocument(Box::new(interview)),
        Edit::PutDocument(Box::new(chat)),
        Edit::PutCode(resonance),
        Edit::PutCode(graduate),
        Edit::PutCode(pit),
        Edit::PutCoder(lin),
        Edit::PutCoder(zhou),
        Edit::PutCoder(visitor),
    ];
    all.extend(edits);
    project.apply(Edit::Batch(all)).unwrap();
    drop(ProjectDir::create(&root, &mut project).unwrap());
    f
}

fn harness(f: &Fixture) -> Harness<'static, MarginApp> {
    let config = ConfigStore::in_dir(&f.config);
    harness_sized(Some(f.root.clone()), config, Vec2::new(1360.0, 860.0))
}

fn open(h: &mut Harness<'static, MarginApp>, doc: DocumentId) {
    h.state_mut().queue(Command::OpenDocument(doc));
    frames(h, 3);
}

/// The char range of `needle` in the open document.
fn find(h: &Harness<'static, MarginApp>, needle: &str) -> CharRange {
    let doc = h.state().transcript().document().unwrap();
    let text = project(h).document(doc).unwrap().text.clone();
    range_in(text.as_str(), needle)
}

/// The text a node shows: its label, or for a label its value.
fn text_of(n: &egui_kittest::kittest::AccessKitNode<'_>) -> Option<String> {
    n.label().or_else(|| n.value())
}

/// The one node whose text satisfies `test`.
fn by_text<'a>(
    h: &'a Harness<'static, MarginApp>,
    test: impl Fn(&str) -> bool + 'a,
) -> egui_kittest::Node<'a> {
    h.get_by(move |n| text_of(n).is_some_and(|t| test(&t)))
}

/// The texts of every node whose text contains `needle`.
fn texts_with(h: &Harness<'static, MarginApp>, needle: &str) -> Vec<String> {
    let needle = needle.to_owned();
    h.query_all_by(move |n| text_of(n).is_some_and(|t| t.contains(&needle)))
        .filter_map(|n| text_of(&n.accesskit_node()))
        .collect()
}

fn code_row<'a>(h: &'a Harness<'static, MarginApp>, label_start: &str) -> egui_kittest::Node<'a> {
    let label = label_start.to_owned();
    h.get_by(move |n| {
        n.role() == Role::TreeItem && n.label().is_some_and(|l| l.starts_with(&label))
    })
}

fn bounds(node: &egui_kittest::Node<'_>) -> Rect {
    node.rect()
}

/// The glyphs of a galley: each character with where its bitmap sits in the font atlas.
fn glyph_uvs(g: &egui::Galley) -> Vec<(char, [u16; 2], [u16; 2])> {
    g.rows
        .iter()
        .flat_map(|r| r.row.glyphs.iter())
        .map(|gl| (gl.chr, gl.uv_rect.min, gl.uv_rect.max))
        .collect()
}

#[test]
fn defect_1_theme_switch_relays_out_the_transcript() {
    let f = fixture();
    let mut h = harness(&f);
    open(&mut h, f.interview);
    // The harness starts in the dark theme: begin in the light one, as the fixture's settings
    // say.
    h.state_mut().queue(Command::SetTheme(ThemeChoice::Light));
    frames(&mut h, 3);
    let before = h.state().transcript().visible_galleys();
    assert!(!before.is_empty());
    let text_size = h.state().config().text_size;

    let mut previous = before;
    for theme in [ThemeChoice::Dark, ThemeChoice::Light, ThemeChoice::Dark] {
        h.state_mut().queue(Command::SetTheme(theme));
        frames(&mut h, 3);
        let ctx = h.ctx.clone();
        assert_eq!(
            ctx.global_style().visuals.dark_mode,
            theme == ThemeChoice::Dark
        );
        let galleys = h.state().transcript().visible_galleys();
        assert_eq!(galleys.len(), previous.len());
        // egui rebuilt its font atlas for the other theme: every galley of the transcript was
        // laid out again, none kept from before the switch.
        for g in &galleys {
            assert!(
                !previous.iter().any(|p| Arc::ptr_eq(p, g)),
                "{theme:?}: a galley from before the switch was kept: {}",
                g.job.text
            );
        }
        for g in &galleys {
            // Laid out again in the current atlas: the same glyphs at the places a fresh
            // layout of the same text puts them now (a kept galley points into the atlas of
            // the other theme, and draws fragments of other glyphs, or nothing).
            let fresh = ctx.fonts_mut(|fonts| fonts.layout_job((*g.job).clone()));
            assert_eq!(glyph_uvs(g), glyph_uvs(&fresh), "{theme:?}: {}", g.job.text);
            for s in &g.job.sections {
                assert!((s.format.font_id.size - text_size).abs() < 1e-3);
            }
        }
        // The transcript's text is painted in the theme's text colour.
        let text_color = ctx.global_style().visuals.text_color();
        let painted: Vec<_> = h
            .output()
            .shapes
            .iter()
            .filter_map(|c| match &c.shape {
                egui::Shape::Text(t) if galleys.iter().any(|g| Arc::ptr_eq(g, &t.galley)) => {
                    Some(t.fallback_color)
                }
                _ => None,
            })
            .collect();
        assert_eq!(painted.len(), galleys.len(), "{theme:?}");
        assert!(painted.iter().all(|c| *c == text_color), "{theme:?}");
        previous = galleys;
    }
}

#[test]
fn defect_2_find_follows_the_document() {
    let f = fixture();
    let mut h = harness(&f);
    open(&mut h, f.interview);
    h.state_mut().queue(Command::Find);
    frames(&mut h, 2);
    h.get_by_label("Find in document").type_text("毕业");
    frames(&mut h, 3);
    assert_eq!(h.state().transcript().match_count(), 3);

    // Another document, the find bar still open with 毕业: its matches are found there.
    open(&mut h, f.chat);
    assert!(h.state().transcript().find_open());
    assert_eq!(h.state().transcript().match_count(), 2);
    h.get_by_label("2 matches");
    // Next goes to the first match, then the second.
    h.get_by_label("Next match").click();
    frames(&mut h, 3);
    let first = find(&h, "毕业啦");
    assert_eq!(
        h.state().transcript().selected_range().unwrap().1,
        CharRange::new(first.start, first.start + 2)
    );
    h.get_by_label("Next match").click();
    frames(&mut h, 3);
    let second = find(&h, "毕业！");
    assert_eq!(
        h.state().transcript().selected_range().unwrap().1,
        CharRange::new(second.start, second.start + 2)
    );
}

fn open_review(h: &mut Harness<'static, MarginApp>) {
    h.state_mut().queue(Command::ToggleReview);
    frames(h, 4);
}

#[test]
fn defect_3_review_compares_coders_of_the_same_documents_by_default() {
    let f = fixture();
    let mut h = harness(&f);
    open_review(&mut h);
    // The visitor coded one passage of the chat only: comparing them would leave out the
    // interview and read as disagreements on everything else.
    assert_eq!(h.state().review().coders, vec![f.lin, f.zhou]);
    assert!(!h.state().review().coders.contains(&f.visitor));
    h.get_by_role_and_label(Role::CheckBox, "Visitor");
}

#[test]
fn defect_3_review_rows_quote_and_resolved_passages_are_marked_and_counted() {
    let f = fixture();
    let mut h = harness(&f);
    open_review(&mut h);
    let total = h
        .state()
        .review()
        .shared_comparison_now()
        .unwrap()
        .disagreement_count();
    assert_eq!(total, 3);
    h.get_by_label(&format!("0 of {total} resolved"));
    // Each row starts its quote, so rows on the same code read differently.
    h.get_by_label_contains("“今天我毕业啦");
    h.get_by_label_contains("“我也踩过这个坑");

    h.get_by(|n| {
        n.role() == Role::Button && n.label().is_some_and(|l| l.contains("“今天我毕业啦"))
    })
    .click();
    frames(&mut h, 3);
    h.get_by_label("Accept Zhou's version").click();
    frames(&mut h, 4);
    h.get_by_label(&format!("1 of {total} resolved"));
    // The row is marked; the consensus shows its code and quote, not offsets.
    let row = h.get_by(|n| {
        n.role() == Role::Button && n.label().is_some_and(|l| l.contains("“今天我毕业啦"))
    });
    let label = row.accesskit_node().label().unwrap_or_default();
    assert!(label.contains("resolved"), "{label}");
    h.get_by_label("✔ Resolved. The consensus holds:");
    assert!(
        h.get_all_by_label_contains("Emotional resonance / Graduate: “今天我毕业啦！”")
            .count()
            >= 1
    );
    assert!(h.query_by_label_contains("[").is_none());

    // "Accept neither" settles a passage too: counted, marked, and said as such.
    h.get_by(|n| {
        n.role() == Role::Button && n.label().is_some_and(|l| l.contains("“我也踩过这个坑"))
    })
    .click();
    frames(&mut h, 3);
    h.get_by_label("Accept neither").click();
    frames(&mut h, 4);
    h.get_by_label(&format!("2 of {total} resolved"));
    h.get_by_label("✔ Resolved: neither version kept (the code does not apply here).");
    let row = h.get_by(|n| {
        n.role() == Role::Button && n.label().is_some_and(|l| l.contains("“我也踩过这个坑"))
    });
    let label = row.accesskit_node().label().unwrap_or_default();
    assert!(label.contains("resolved"), "{label}");
    // Undone, it is open again.
    h.state_mut().queue(margin::ui::Command::Undo);
    frames(&mut h, 4);
    h.get_by_label(&format!("1 of {total} resolved"));
}

#[test]
fn defect_3_transcript_rewraps_beside_the_review_panel() {
    let f = fixture();
    let mut h = harness(&f);
    open(&mut h, f.interview);
    let header = h
        .state()
        .transcript()
        .header_screen_rect(find(&h, "就是遇到").start)
        .unwrap();
    open_review(&mut h);
    let panel_left = bounds(&h.get_by_label("Team review")).left();
    // The last character of the longest turn is drawn left of the panel: the text wrapped to
    // the room it has rather than running under the panel.
    let end = find(&h, "换了医生").end - 1;
    let p = h.state().transcript().char_screen_pos(end).unwrap();
    assert!(p.x < panel_left - 4.0, "{p:?} vs {panel_left}");
    let header_after = h
        .state()
        .transcript()
        .header_screen_rect(find(&h, "就是遇到").start)
        .unwrap();
    assert!(header_after.right() < panel_left);
    let _ = header;
    // The panel's width does not change as coders are ticked.
    let left = |h: &Harness<'static, MarginApp>| bounds(&h.get_by_label("Team review")).left();
    let before = left(&h);
    h.get_by_role_and_label(Role::CheckBox, "Visitor").click();
    frames(&mut h, 4);
    assert!((left(&h) - before).abs() < 0.5);
}

#[test]
fn defect_5_code_all_hits_waits_for_an_explicit_code() {
    let f = fixture();
    let mut h = harness(&f);
    // A code highlighted in the codebook for something else.
    code_row(&h, "Pit").click();
    frames(&mut h, 2);
    h.state_mut()
        .queue(Command::ShowAnalysis(AnalysisTab::Search));
    frames(&mut h, 3);
    h.state_mut().analysis_mut().search.query.pattern = "毕业".into();
    h.get_by_label("Find all").click();
    frames(&mut h, 3);
    assert!(h.state().analysis().search.code.is_none());
    assert!(
        h.get_by_label("Code all hits")
            .accesskit_node()
            .is_disabled()
    );

    // The picker filters by typing; Enter takes the first code left.
    h.get_by(|n| n.role() == Role::ComboBox && n.value().as_deref() == Some("(choose a code)"))
        .click();
    frames(&mut h, 3);
    h.get_by_role_and_label(Role::TextInput, "Filter codes")
        .type_text("grad");
    frames(&mut h, 2);
    assert!(h.query_by_label("Pit").is_none() || h.query_all_by_label("Pit").count() == 1);
    h.key_press(Key::Enter);
    frames(&mut h, 3);
    assert_eq!(h.state().analysis().search.code, Some(f.graduate));
    assert!(
        !h.get_by_label("Code all hits")
            .accesskit_node()
            .is_disabled()
    );
}

#[test]
fn defect_8_inspector_shows_the_code_under_the_caret_with_its_own_name() {
    let f = fixture();
    let mut h = harness(&f);
    open(&mut h, f.interview);
    // The codebook has Pit selected; the caret goes on a Graduate coding.
    code_row(&h, "Pit").click();
    frames(&mut h, 2);
    let r = find(&h, "治疗结束");
    let p = h.state().transcript().char_screen_pos(r.start + 1).unwrap();
    click_at(&mut h, p);
    frames(&mut h, 2);
    // The CODE section names the coding's code (its path ends with the code's own name).
    let labels = texts_with(&h, "Graduate");
    assert!(
        labels
            .iter()
            .any(|l| l.ends_with("Graduate") && l.contains('/')),
        "{labels:?}"
    );
    let _ = f.resonance;
}

#[test]
fn defect_9_a_notice_does_not_move_the_transcript() {
    let f = fixture();
    let mut h = harness(&f);
    open(&mut h, f.interview);
    let pos = find(&h, "治疗结束").start;
    let before = h.state().transcript().char_screen_pos(pos).unwrap();
    h.state_mut()
        .queue(Command::Notify("Coded 22 passages with “Graduate”.".into()));
    frames(&mut h, 3);
    by_text(&h, |t| t == "Coded 22 passages with “Graduate”.");
    let after = h.state().transcript().char_screen_pos(pos).unwrap();
    assert_eq!(before, after);
}

#[test]
fn defect_10_larger_text_zooms_the_whole_window_and_keeps_the_place() {
    let f = fixture();
    let mut h = harness(&f);
    open(&mut h, f.chat);
    let pos = find(&h, "第80条消息").start;
    h.state_mut().transcript_mut().reveal(pos);
    frames(&mut h, 4);
    let y0 = h.state().transcript().char_screen_pos(pos).unwrap().y;
    let ppp = h.ctx.pixels_per_point();
    h.state_mut().queue(Command::TextBigger);
    frames(&mut h, 5);
    assert!((h.ctx.zoom_factor() - 1.1).abs() < 1e-3);
    // The whole window is scaled (menus and panels with the transcript).
    assert!((h.ctx.pixels_per_point() / ppp - 1.1).abs() < 1e-3);
    // The same message is still where the reader was (within a line).
    let y1 = h
        .state()
        .transcript()
        .char_screen_pos(pos)
        .expect("the message is still on screen")
        .y;
    assert!((y1 - y0).abs() < 40.0, "{y0} → {y1}");
    h.state_mut().queue(Command::TextSmaller);
    frames(&mut h, 3);
    assert!((h.ctx.zoom_factor() - 1.0).abs() < 1e-3);
}

#[test]
fn defect_11_go_to_takes_chinese_dates_and_days_are_written_in_chinese() {
    let f = fixture();
    let mut h = harness(&f);
    open(&mut h, f.chat);
    h.state_mut().queue(Command::GoTo);
    frames(&mut h, 2);
    h.get_by_label("Go to message or time").type_text("6月20日");
    h.key_press(Key::Enter);
    frames(&mut h, 4);
    let target = find(&h, "早上好呀");
    let caret = h.state().transcript().selection().unwrap().head;
    let doc = project(&h).document(f.chat).unwrap();
    let seg = doc.segment_at(caret).unwrap();
    assert!(doc.segments[seg].range.contains(target.start));
    // The day separator of a Chinese chat is written the Chinese way, without English.
    let texts: Vec<String> = h
        .output()
        .shapes
        .iter()
        .filter_map(|c| match &c.shape {
            egui::Shape::Text(t) => Some(t.galley.job.text.clone()),
            _ => None,
        })
        .collect();
    assert!(
        texts.iter().any(|t| t == "2024年6月20日 星期四"),
        "{texts:?}"
    );
    assert!(!texts.iter().any(|t| t.contains("Thursday")));
}

#[test]
fn defect_12_right_click_escape_header_and_help() {
    let f = fixture();
    let mut h = harness(&f);
    open(&mut h, f.interview);
    // The header's facts are not drawn under the Find… button.
    let facts = bounds(&by_text(&h, |t| {
        t.starts_with("interview ·") && t.ends_with("codings")
    }));
    let find_button = bounds(&h.get_by_label("Find…"));
    assert!(
        facts.right() <= find_button.left(),
        "{facts:?} {find_button:?}"
    );

    // Right-click on the selection: code with…, in-vivo, copy with attribution.
    let r = find(&h, "治疗结束");
    h.state_mut().transcript_mut().select(r);
    frames(&mut h, 2);
    let p = h.state().transcript().char_screen_pos(r.start + 1).unwrap();
    secondary_click(&mut h, p);
    h.get_by_label("Code with…");
    h.get_by_label("In-vivo code");
    h.get_by_label("Copy with attribution").click();
    h.step();
    let copied = copied_text(&h);
    assert_eq!(copied.as_deref(), Some("“治疗结束” (G8, G8)"));
    frames(&mut h, 2);
    // The selection survived the right-click.
    assert_eq!(h.state().transcript().selected_range().unwrap().1, r);
    secondary_click(&mut h, p);
    h.get_by_label("Code with…").click();
    frames(&mut h, 3);
    h.get_by_role_and_label(Role::Button, "Pit").click();
    frames(&mut h, 3);
    assert!(
        project(&h)
            .codings()
            .values()
            .any(|c| c.code == f.pit && c.range == r && c.coder == f.lin)
    );

    // Escape closes the find bar.
    h.state_mut().queue(Command::Find);
    frames(&mut h, 2);
    assert!(h.state().transcript().find_open());
    h.key_press(Key::Escape);
    frames(&mut h, 2);
    assert!(!h.state().transcript().find_open());

    // Help lists every shortcut, F8 included, and has a "how to".
    h.state_mut().queue(Command::ShowShortcuts);
    frames(&mut h, 3);
    h.get_by_label("F8 / Shift+F8 (Team review)");
    h.get_by_label("How to").click();
    frames(&mut h, 2);
    h.get_by_label("Compare with a colleague");
}

fn secondary_click(h: &mut Harness<'static, MarginApp>, pos: Pos2) {
    h.event(Event::PointerMoved(pos));
    h.step();
    for pressed in [true, false] {
        h.event(Event::PointerButton {
            pos,
            button: PointerButton::Secondary,
            pressed,
            modifiers: Modifiers::NONE,
        });
    }
    frames(h, 2);
}

fn copied_text(h: &Harness<'static, MarginApp>) -> Option<String> {
    h.output()
        .platform_output
        .commands
        .iter()
        .find_map(|c| match c {
            egui::OutputCommand::CopyText(t) => Some(t.clone()),
            _ => None,
        })
}

#[test]
fn defect_4_analysis_docks_below_the_transcript_and_a_hit_shows_above_it() {
    let f = fixture();
    let mut h = harness(&f);
    open(&mut h, f.interview);
    h.state_mut()
        .queue(Command::ShowAnalysis(AnalysisTab::Search));
    frames(&mut h, 3);
    h.state_mut().analysis_mut().search.query.pattern = "留级".into();
    h.get_by_label("Find all").click();
    frames(&mut h, 3);
    let panel_top = bounds(&h.get_by_label("Find all")).top();
    // The transcript sits above the panel, never under it.
    let transcript = bounds(&h.get_by_role(Role::Document));
    assert!(
        transcript.bottom() <= panel_top,
        "{transcript:?} {panel_top}"
    );
    // A hit opens its passage where it can be seen.
    h.get_by_label_contains("又要留级了").click();
    frames(&mut h, 5);
    assert_eq!(h.state().transcript().document(), Some(f.chat));
    let r = find(&h, "留级");
    let p = h.state().transcript().char_screen_pos(r.start).unwrap();
    assert!(p.y < panel_top, "{p:?} {panel_top}");
    // A notice shows above the panel too.
    h.state_mut().queue(Command::Notify("Saved.".into()));
    frames(&mut h, 4);
    let notice = bounds(&by_text(&h, |t| t == "Saved."));
    assert!(notice.bottom() <= panel_top + 1.0);
}

#[test]
fn defect_6_retrieved_excerpts_are_whole_and_name_their_coder() {
    let f = fixture();
    let mut h = harness(&f);
    h.state_mut()
        .queue(Command::ShowAnalysis(AnalysisTab::Retrieval));
    frames(&mut h, 3);
    h.state_mut().analysis_mut().retrieval.code = Some(f.graduate);
    h.get_by_label("Retrieve").click();
    frames(&mut h, 3);
    // The interview passage was coded by Lin and by Zhou: two excerpts, told apart by coder.
    let labels = texts_with(&h, "毕业，治疗结束就是毕业了");
    assert!(
        labels.iter().any(|l| l.contains("coded by Lin")),
        "{labels:?}"
    );
    assert!(
        labels.iter().any(|l| l.contains("coded by Zhou")),
        "{labels:?}"
    );
    let _ = (f.zhou, f.lin);
}
