//! The analysis subcommands on a fixture project written to disk.

mod analysis_fixture;

use std::path::Path;

use analysis_fixture::fixture;
use clap::Parser;
use margin::cli::{Cli, run};
use margin::store::ProjectDir;

fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let root = dir.path().join("p");
    let mut f = fixture();
    ProjectDir::create(&root, &mut f.project).expect("the fixture saves");
    dir
}

fn margin(root: &Path, args: &[&str]) -> anyhow::Result<String> {
    let mut command = vec!["margin", args[0], root.to_str().expect("a UTF-8 path")];
    command.extend(&args[1..]);
    let cli = Cli::try_parse_from(command)?;
    let mut out = Vec::new();
    run(cli.command.expect("a subcommand"), &mut out)?;
    Ok(String::from_utf8(out)?)
}

fn setup() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = project();
    let root = dir.path().join("p");
    (dir, root)
}

#[test]
fn search_prints_hits_with_place_and_context() {
    let (_dir, root) = setup();
    assert_eq!(
        margin(&root, &["search", "毕业", "--word", "--context", "6"]).unwrap(),
        "G8 interview 200..202 · G8\n    …ted, 我«毕业»以后 I h…\n\
         group chat 148..150 · G5 · 2024-05-20 20:00\n    …0 G5 我«毕业»了！CR了！…\n\
         group chat 199..201 · M01 · 2024-06-03 08:00\n    …ions, «毕业»快乐! 2…\n\
         3 hit(s) in 2 document(s)\n"
    );
}

#[test]
fn search_as_csv() {
    let (_dir, root) = setup();
    assert_eq!(
        margin(
            &root,
            &["search", "walk", "--format", "csv", "--context", "3"]
        )
        .unwrap(),
        "document,start,end,speaker,time,before,text,after\n\
         field notes,22,26,,,up ,walk,s b\n\
         G8 interview,150,154,G8,,We ,walk, by\n\
         group chat,83,87,G8,2024-05-06 09:05:00,We ,walk, by\n\
         group chat,245,249,G8,2024-08-12 10:00:00,he ,walk,? I\n"
    );
}

#[test]
fn search_as_json() {
    let (_dir, root) = setup();
    let out = margin(&root, &["search", "CR", "--word", "--format", "json"]).unwrap();
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let hits = v.as_array().unwrap();
    assert_eq!(hits.len(), 2);
    assert_eq!(hits[1]["document_name"], "group chat");
    assert_eq!(
        hits[1]["range"],
        serde_json::json!({"start": 152, "end": 154})
    );
    assert_eq!(hits[1]["speaker"], "G5");
    assert_eq!(hits[1]["at"], "2024-05-20T20:00:00");
}

#[test]
fn search_autocode_saves_one_coding_per_hit() {
    let (_dir, root) = setup();
    let out = margin(
        &root,
        &[
            "search",
            "walk",
            "--word",
            "--autocode",
            "Huddling for warmth",
            "--coder",
            "lin",
        ],
    )
    .unwrap();
    assert!(
        out.ends_with(
            "3 hit(s) in 2 document(s)\ncoded 3 passage(s) with \"Identity construction / Huddling for warmth\" as lin (0 already coded)\n"
        ),
        "{out}"
    );
    let opened = ProjectDir::open_read_only(&root).unwrap();
    assert_eq!(opened.project.codings().len(), 17);
    let out = margin(
        &root,
        &[
            "search",
            "walk",
            "--word",
            "--autocode",
            "Huddling for warmth",
            "--coder",
            "lin",
            "--extend",
            "turn",
        ],
    )
    .unwrap();
    assert!(out.ends_with("coded 3 passage(s) with \"Identity construction / Huddling for warmth\" as lin (0 already coded)\n"), "{out}");
    let opened = ProjectDir::open_read_only(&root).unwrap();
    assert_eq!(opened.project.codings().len(), 20);
}

#[test]
fn retrieve_with_attribute_and_near() {
    let (_dir, root) = setup();
    assert_eq!(
        margin(
            &root,
            &[
                "retrieve",
                "--code",
                "Emotional solidarity",
                "--attribute",
                "region=Shandong",
                "--near",
                "graduate (毕业)",
                "--within",
                "1",
                "--context",
                "5",
            ]
        )
        .unwrap(),
        // Lin's "We walk by the lake every month." is one character from Zhou's graduate
        // coding but not near one of Lin's own: partners are the same coder's.
        "G8 interview 147..198 · G8 · Emotional resonance / Emotional solidarity · zhou\n\
         \x20   … G8: «We walk by the lake every month. After I graduated,» 我毕业以…\n\
         G8 interview 205..241 · G8 · Emotional resonance / Emotional solidarity · lin\n\
         \x20   …毕业以后 «I help newcomers read their results.» …\n\
         2 excerpt(s)\n"
    );
    let turns = margin(
        &root,
        &[
            "retrieve",
            "--code",
            "Emotional solidarity",
            "--near",
            "graduate (毕业)",
            "--within",
            "1",
            "--unit",
            "messages",
        ],
    )
    .unwrap();
    // Zhou's C7 is two messages from Zhou's own graduate coding: five, not six.
    assert!(turns.ends_with("\n5 excerpt(s)\n"), "{turns}");
}

#[test]
fn retrieve_by_month_as_csv() {
    let (_dir, root) = setup();
    let out = margin(
        &root,
        &[
            "retrieve",
            "--code",
            "graduate (毕业)",
            "--from",
            "2024-05",
            "--to",
            "2024-05",
            "--format",
            "csv",
            "--context",
            "0",
        ],
    )
    .unwrap();
    // The first column is the coding id (random); the rest is fixed.
    let rest: Vec<&str> = out.lines().map(|l| l.split_once(',').unwrap().1).collect();
    assert_eq!(
        rest,
        [
            "code,coder,case,document,start,end,speaker,time,before,text,after,memo",
            "Emotional resonance / graduate (毕业),lin,G5,group chat,147,151,G5,2024-05-20 20:00:00,,我毕业了,,",
            "Emotional resonance / graduate (毕业),zhou,G5,group chat,152,155,G5,2024-05-20 20:00:00,,CR了,,",
        ]
    );
}

#[test]
fn retrieve_and_not_by_coder() {
    let (_dir, root) = setup();
    let and = margin(
        &root,
        &[
            "retrieve",
            "--code",
            "Emotional solidarity",
            "--and",
            "graduate (毕业)",
        ],
    )
    .unwrap();
    assert!(
        and.ends_with("\n1 excerpt(s)\n") && and.contains("· zhou\n"),
        "{and}"
    );
    let not = margin(
        &root,
        &[
            "retrieve",
            "--code",
            "Emotional solidarity",
            "--not",
            "graduate (毕业)",
            "--coder",
            "zhou",
        ],
    )
    .unwrap();
    assert!(
        not.starts_with("group chat 229..278 · G8 · 2024-08-12 10:00 ·"),
        "{not}"
    );
    assert!(not.ends_with("\n1 excerpt(s)\n"), "{not}");
}

#[test]
fn cooccurrence_table() {
    let (_dir, root) = setup();
    assert_eq!(
        margin(&root, &["cooccurrence"]).unwrap(),
        // Within each coder: solidarity has Lin's 4 places and Zhou's 2, graduate Lin's 4 and
        // Zhou's 2; they meet once, in Zhou's codings ("After I graduated,").
        "code                       1  2  3  4  5\n\
         \x201 Identity construction   1  0  0  0  0\n\
         \x202   Huddling for warmth   0  1  0  0  0\n\
         \x203 Emotional resonance     0  0  0  0  0\n\
         \x204   Emotional solidarity  0  0  0  6  1\n\
         \x205   graduate (毕业)       0  0  0  1  6\n\
         (codes meet within each coder's own codings; counts are summed over coders)\n"
    );
    assert_eq!(
        margin(
            &root,
            &[
                "cooccurrence",
                "--by",
                "segment",
                "--format",
                "csv",
                "--code",
                "Emotional solidarity",
                "--code",
                "graduate (毕业)"
            ]
        )
        .unwrap(),
        // Turns and messages per coder: solidarity Lin 3 (interview turn 4, two chat messages),
        // Zhou 2; graduate Lin 3 (the notes have no turns), Zhou 2; both in turn 4 for each.
        "code,Emotional solidarity,graduate (毕业)\n\
         Emotional resonance / Emotional solidarity,5,2\n\
         Emotional resonance / graduate (毕业),2,5\n"
    );
}

#[test]
fn crosstab_tables() {
    let (_dir, root) = setup();
    assert_eq!(
        margin(&root, &["crosstab", "--attribute", "region"]).unwrap(),
        "code                    Beijing  Shandong  total\n\
         Identity construction         1         0      1\n\
         \x20 Huddling for warmth         0         1      1\n\
         Emotional resonance           0         0      0\n\
         \x20 Emotional solidarity        0         6      6\n\
         \x20 graduate (毕业)             0         4      4\n\
         (2 coding(s) share no text with a case's text, e.g. in interviewer turns or messages by non-participants, and are not counted)\n"
    );
    assert_eq!(
        margin(
            &root,
            &[
                "crosstab",
                "--measure",
                "coverage",
                "--format",
                "csv",
                "--code",
                "graduate (毕业)"
            ]
        )
        .unwrap(),
        // G8's text: two interview answers and two chat messages, 253 characters, 24 coded
        // ("After I graduated, 我毕业以后"); G5's message 9, 7 coded; G1's 23; 31 of 285 in all.
        "code,G1,G5,G8,total\nEmotional resonance / graduate (毕业),0.00,77.78,9.49,10.88\n"
    );
    assert_eq!(
        margin(
            &root,
            &[
                "crosstab",
                "--attribute",
                "age",
                "--bin",
                "10",
                "--measure",
                "cases",
                "--format",
                "csv",
                "--where",
                "region=Shandong",
                "--code",
                "graduate (毕业)"
            ]
        )
        .unwrap(),
        "code,40–49,50–59,total\nEmotional resonance / graduate (毕业),1,1,2\n"
    );
}

#[test]
fn timeline_table() {
    let (_dir, root) = setup();
    assert_eq!(
        margin(&root, &["timeline", "--document", "group chat"]).unwrap(),
        "  1  Identity construction\n\
         \x20 2    Huddling for warmth\n\
         \x20 3  Emotional resonance\n\
         \x20 4    Emotional solidarity\n\
         \x20 5    graduate (毕业)\n\
         \n\
         period   from        to          messages  1  2  3  4  5\n\
         2024-05  2024-05-01  2024-05-31         3  1  0  0  1  2\n\
         2024-06  2024-06-01  2024-06-30         1  0  0  0  0  1\n\
         2024-07  2024-07-01  2024-07-31         0  0  0  0  0  0\n\
         2024-08  2024-08-01  2024-08-31         1  0  0  0  2  0\n"
    );
}

#[test]
fn bad_input_is_reported_clearly() {
    let (_dir, root) = setup();
    let err = |args: &[&str]| format!("{:#}", margin(&root, args).unwrap_err());
    assert_eq!(
        err(&["retrieve", "--code", "Solidarity"]),
        "no code named \"Solidarity\" (give its name or its full path, e.g. \"Parent / Child\")"
    );
    assert!(err(&["search", "(", "--regex"]).starts_with("invalid regular expression \"(\""));
    assert_eq!(
        err(&["retrieve", "--attribute", "region=Hubei"]),
        "attribute \"region\": \"Hubei\" is not one of: Beijing, Shandong"
    );
    assert_eq!(
        err(&["crosstab", "--attribute", "city"]),
        "no attribute named \"city\" (the project has: age, region)"
    );
    assert_eq!(
        err(&["retrieve", "--from", "May"]),
        "\"May\" is not a date (expected YYYY-MM-DD, YYYY-MM or YYYY)"
    );
    assert!(err(&["timeline", "--document", "G8 interview"]).starts_with("no timed chat messages"));
    assert_eq!(
        err(&["retrieve", "--coder", "wang"]),
        "no coder named \"wang\""
    );
    // --near needs --within; --regex and --word exclude each other.
    assert!(margin(&root, &["retrieve", "--near", "CR"]).is_err());
    assert!(margin(&root, &["search", "x", "--regex", "--word"]).is_err());
}

#[test]
fn retrieve_runs_a_written_query_saves_it_and_runs_it_again_by_name() {
    let (_dir, root) = setup();
    let query = "Emotional solidarity AND (graduate (毕业) OR Huddling for warmth)";
    let direct = margin(
        &root,
        &[
            "retrieve",
            "--query",
            query,
            "--format",
            "csv",
            "--save",
            "Solidarity with",
        ],
    )
    .unwrap();
    assert!(direct.lines().count() > 1, "{direct}");
    let saved = ProjectDir::open_read_only(&root).unwrap().project;
    let q = &saved.manifest().queries;
    assert_eq!(q.len(), 1);
    assert_eq!(
        (q[0].name.as_str(), q[0].query.as_str()),
        ("Solidarity with", query)
    );
    let again = margin(
        &root,
        &["retrieve", "--saved", "Solidarity with", "--format", "csv"],
    )
    .unwrap();
    assert_eq!(again, direct);
    // The same as the flags say for one alternative, more with both.
    let one = margin(
        &root,
        &[
            "retrieve",
            "--code",
            "Emotional solidarity",
            "--and",
            "graduate (毕业)",
            "--format",
            "csv",
        ],
    )
    .unwrap();
    assert!(one.lines().count() <= direct.lines().count());
    for line in one.lines().skip(1) {
        assert!(direct.contains(line), "{line}");
    }
    let err = margin(&root, &["retrieve", "--saved", "Nope"]).unwrap_err();
    assert_eq!(err.to_string(), "the project has no saved query \"Nope\"");
    let err = margin(&root, &["retrieve", "--query", "A OR B"]).unwrap_err();
    assert!(
        err.to_string()
            .contains("OR joins codes inside parentheses"),
        "{err}"
    );
}

#[test]
fn tables_draw_their_chart_as_svg_or_png() {
    let (dir, root) = setup();
    let svg = dir.path().join("crosstab.svg");
    let png = dir.path().join("cooccurrence.png");
    margin(&root, &["crosstab", "--chart", svg.to_str().unwrap()]).unwrap();
    margin(&root, &["cooccurrence", "--chart", png.to_str().unwrap()]).unwrap();
    let drawn = std::fs::read_to_string(&svg).unwrap();
    assert!(drawn.contains("<title>Codes by case</title>") && drawn.contains(">G8<"));
    assert!(std::fs::read(&png).unwrap().starts_with(b"\x89PNG"));
    let err = margin(&root, &["timeline", "--chart", "x.gif"]).unwrap_err();
    assert!(err.to_string().contains("written as .svg or .png"), "{err}");
}

#[test]
fn replace_says_what_it_would_change_then_changes_it_and_codings_follow() {
    let (_dir, root) = setup();
    let before = ProjectDir::open_read_only(&root).unwrap().project;
    let count: usize = before
        .documents()
        .values()
        .map(|d| d.text.as_str().matches("毕业").count())
        .sum();
    assert!(count > 0);
    let dry = margin(
        &root,
        &["replace", "--find", "毕业", "--with", "结业", "--dry-run"],
    )
    .unwrap();
    assert!(
        dry.contains(&format!("would replace {count} match(es)")),
        "{dry}"
    );
    assert_eq!(
        ProjectDir::open_read_only(&root)
            .unwrap()
            .project
            .documents(),
        before.documents()
    );
    margin(
        &root,
        &[
            "replace", "--find", "毕业", "--with", "结业", "--coder", "lin",
        ],
    )
    .unwrap();
    let after = ProjectDir::open_read_only(&root).unwrap().project;
    for d in after.documents().values() {
        assert!(!d.text.as_str().contains("毕业"));
    }
    for c in after.codings().values() {
        let old = before.coding(c.id).unwrap();
        let old_text = before.document(c.document).unwrap().text.slice(old.range);
        let new_text = after.document(c.document).unwrap().text.slice(c.range);
        assert_eq!(new_text, old_text.replace("毕业", "结业"));
    }
    assert!(
        after
            .documents()
            .values()
            .any(|d| d.edits.iter().any(|e| e.who == "lin"))
    );
}
