//! The real `newsls` binary on the seed articles and on small files made in a temporary folder:
//! every output format parses, exit codes follow the contract, bad input is reported, not fatal.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn newsls(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_newsls"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("the newsls binary runs")
}

/// Runs newsls like `newsls()` and samples its peak resident memory (`VmHWM`) until it exits;
/// `None` where `/proc` does not report it.
fn newsls_with_peak_memory(args: &[&str], dir: &Path) -> (Output, Option<u64>) {
    use std::io::Read;
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_newsls"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the newsls binary runs");
    // The pipes are drained on threads, or a full pipe would stall the child.
    let drain = |pipe: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            if let Some(mut pipe) = pipe {
                let _ = pipe.read_to_end(&mut bytes);
            }
            bytes
        })
    };
    let stdout = drain(
        child
            .stdout
            .take()
            .map(|pipe| Box::new(pipe) as Box<dyn Read + Send>),
    );
    let stderr = drain(
        child
            .stderr
            .take()
            .map(|pipe| Box::new(pipe) as Box<dyn Read + Send>),
    );
    let status_file = format!("/proc/{}/status", child.id());
    let mut peak = None;
    let status = loop {
        // VmHWM is the peak so far, so the last reading before the exit is the run's peak
        // (up to the last few milliseconds).
        if let Some(kilobytes) = std::fs::read_to_string(&status_file)
            .ok()
            .and_then(|status| {
                status
                    .lines()
                    .find_map(|line| line.strip_prefix("VmHWM:"))
                    .and_then(|value| {
                        value
                            .trim()
                            .trim_end_matches("kB")
                            .trim()
                            .parse::<u64>()
                            .ok()
                    })
            })
        {
            peak = Some(kilobytes * 1024);
        }
        if let Some(status) = child.try_wait().expect("waitable") {
            break status;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    };
    let output = Output {
        status,
        stdout: stdout.join().expect("stdout drained"),
        stderr: stderr.join().expect("stderr drained"),
    };
    (output, peak)
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn seeds() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(repo().join("seeds"))
        .expect("seeds/ exists")
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "txt"))
        .collect();
    files.sort();
    files
}

fn gold() -> Value {
    let text =
        std::fs::read_to_string(repo().join("seeds/gold.json")).expect("seeds/gold.json exists");
    serde_json::from_str(&text).expect("gold.json parses")
}

fn annotate(file: &Path, extra: &[&str]) -> Value {
    let path = file.to_str().expect("utf-8 path");
    let mut args = vec!["annotate", "--format", "json", path];
    args.extend_from_slice(extra);
    let output = newsls(&args, &repo());
    assert!(
        output.status.success(),
        "annotate {path} failed: {}",
        stderr(&output)
    );
    serde_json::from_str(&stdout(&output))
        .unwrap_or_else(|error| panic!("annotate {path}: bad JSON: {error}"))
}

/// Code-point slice of `text`, as the JSON offsets count.
fn slice_chars(text: &str, start: u64, end: u64) -> String {
    text.chars()
        .skip(start as usize)
        .take((end - start) as usize)
        .collect()
}

#[test]
fn annotate_finds_the_publication_date_of_every_seed() {
    let gold = gold();
    for file in seeds() {
        let name = file
            .file_name()
            .and_then(|name| name.to_str())
            .expect("name");
        let expected = gold[name]["dct"]
            .as_str()
            .unwrap_or_else(|| panic!("{name} has a gold dct"));
        let annotation = annotate(&file, &[]);
        assert_eq!(annotation["publication_date"]["value"], expected, "{name}");
        // Where it came from is part of the answer.
        assert!(
            annotation["publication_date"]["source"].is_string(),
            "{name}"
        );
    }
}

#[test]
fn annotate_offsets_are_code_points_that_slice_the_text() {
    for file in seeds() {
        let text = std::fs::read_to_string(&file).expect("seed readable");
        let annotation = annotate(&file, &[]);
        let mut spans = Vec::new();
        for key in ["dates", "quotes", "timeline"] {
            for item in annotation[key].as_array().expect("array") {
                spans.push(item.clone());
            }
        }
        for entity in annotation["entities"].as_array().expect("array") {
            spans.extend(
                entity["mentions"]
                    .as_array()
                    .expect("mentions")
                    .iter()
                    .cloned(),
            );
        }
        spans.extend(
            annotation["document"]["boilerplate"]
                .as_array()
                .expect("array")
                .iter()
                .cloned(),
        );
        spans.extend([
            annotation["publication_date"].clone(),
            annotation["document"]["headline"].clone(),
        ]);
        spans.retain(|span| span["text"].is_string());
        assert!(!spans.is_empty(), "{}: nothing annotated", file.display());
        for span in spans {
            let (start, end) = (
                span["start"].as_u64().expect("start"),
                span["end"].as_u64().expect("end"),
            );
            assert_eq!(
                slice_chars(&text, start, end),
                span["text"].as_str().expect("text"),
                "{}",
                file.display()
            );
        }
    }
}

/// Every mention of `annotation` as (start, end, kind).
fn mentions(annotation: &Value) -> Vec<(u64, u64, String)> {
    let mut found: Vec<(u64, u64, String)> = annotation["entities"]
        .as_array()
        .expect("entities")
        .iter()
        .flat_map(|entity| entity["mentions"].as_array().expect("mentions").iter())
        .map(|mention| {
            (
                mention["start"].as_u64().expect("start"),
                mention["end"].as_u64().expect("end"),
                mention["kind"].as_str().expect("kind").to_string(),
            )
        })
        .collect();
    found.sort();
    found
}

#[test]
fn the_names_layer_keeps_only_names_none_inside_another() {
    let (mut nested, mut other_kinds) = (0, 0);
    for file in seeds() {
        let all = mentions(&annotate(&file, &[]));
        let names = mentions(&annotate(&file, &["--mentions", "names"]));
        assert!(!names.is_empty(), "{}: no names", file.display());
        for (index, (start, end, kind)) in names.iter().enumerate() {
            assert_eq!(kind, "name", "{}", file.display());
            assert!(
                all.contains(&(*start, *end, kind.clone())),
                "{}",
                file.display()
            );
            if let Some((next_start, _, _)) = names.get(index + 1) {
                assert!(
                    next_start >= end,
                    "{}: names overlap at {start}",
                    file.display()
                );
            }
        }
        // What the default output has besides: names inside names, phrases, pronouns.
        let outer = |(start, end): (u64, u64)| {
            all.iter().any(|(s, e, k)| {
                k == "name" && *s <= start && end <= *e && (*s, *e) != (start, end)
            })
        };
        nested += all
            .iter()
            .filter(|(s, e, k)| k == "name" && outer((*s, *e)))
            .count();
        other_kinds += all.iter().filter(|(_, _, k)| k != "name").count();
        let dropped = all.len() - names.len();
        assert!(
            dropped > 0,
            "{}: the names layer dropped nothing",
            file.display()
        );
    }
    assert!(
        nested > 0 && other_kinds > 0,
        "nested {nested}, other kinds {other_kinds}"
    );
}

#[test]
fn dct_flag_overrides_the_text() {
    let annotation = annotate(
        &repo().join("seeds/000_3436239fe427f78e.txt"),
        &["--dct", "2020-01-02"],
    );
    assert_eq!(annotation["publication_date"]["value"], "2020-01-02");
    assert_eq!(annotation["publication_date"]["source"], "settings");
}

#[test]
fn check_flags_boilerplate_and_every_format_parses() {
    let seeds = repo().join("seeds");
    let seeds = seeds.to_str().expect("utf-8");

    let json = newsls(&["check", seeds, "--format", "json"], &repo());
    let findings: Vec<Value> = stdout(&json)
        .lines()
        .map(|line| serde_json::from_str(line).expect("each line is a JSON object"))
        .collect();
    let boilerplate: Vec<&Value> = findings
        .iter()
        .filter(|finding| {
            finding["code"] == "boilerplate"
                && finding["path"].as_str().is_some_and(|p| p.contains("003_"))
        })
        .collect();
    assert!(
        boilerplate.len() >= 3,
        "boilerplate lines of 003 not flagged: {boilerplate:?}"
    );
    for finding in &findings {
        assert!(finding["line"].as_u64().is_some_and(|line| line >= 1));
        assert!(finding["column"].as_u64().is_some_and(|column| column >= 1));
    }
    // Exit code 1 exactly when a finding is a warning or an error (the default --deny level).
    let denied = findings
        .iter()
        .any(|finding| matches!(finding["severity"].as_str(), Some("warning" | "error")));
    assert_eq!(
        json.status.code(),
        Some(if denied { 1 } else { 0 }),
        "{}",
        stderr(&json)
    );

    let never = newsls(
        &["check", seeds, "--format", "json", "--deny", "never"],
        &repo(),
    );
    assert_eq!(never.status.code(), Some(0));
    let hints = newsls(
        &["check", seeds, "--format", "json", "--deny", "hint"],
        &repo(),
    );
    assert_eq!(
        hints.status.code(),
        Some(1),
        "boilerplate hints are findings at the hint level"
    );

    let sarif = newsls(&["check", seeds, "--format", "sarif"], &repo());
    let log: Value = serde_json::from_str(&stdout(&sarif)).expect("SARIF is JSON");
    assert_eq!(log["version"], "2.1.0");
    let run = &log["runs"][0];
    let rules: Vec<&str> = run["tool"]["driver"]["rules"]
        .as_array()
        .expect("rules")
        .iter()
        .map(|rule| rule["id"].as_str().expect("rule id"))
        .collect();
    let results = run["results"].as_array().expect("results");
    assert_eq!(results.len(), findings.len());
    for result in results {
        let rule = result["ruleId"].as_str().expect("ruleId");
        let index = result["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(rules.get(index), Some(&rule));
        assert!(
            result["locations"][0]["physicalLocation"]["region"]["startLine"]
                .as_u64()
                .is_some()
        );
    }

    let github = newsls(&["check", seeds, "--format", "github"], &repo());
    let command = regex::Regex::new(
        r"^::(error|warning|notice) file=[^,:]+,line=\d+,col=\d+,(endColumn|endLine)=\d+,title=[^,:]+::\S.*$",
    )
    .expect("pattern");
    let lines: Vec<String> = stdout(&github).lines().map(str::to_string).collect();
    assert_eq!(lines.len(), findings.len());
    for line in &lines {
        assert!(command.is_match(line), "not a workflow command: {line}");
    }

    let human = newsls(&["check", seeds], &repo());
    let text = stdout(&human);
    assert!(text.contains("hint[boilerplate]"), "{text}");
    assert!(text.contains("003_c60e1d219ac2aa0a.txt:"), "{text}");
    assert!(!text.contains('\x1b'), "no colour when not on a terminal");
    assert!(
        stderr(&human).contains("checked 5 file(s)"),
        "{}",
        stderr(&human)
    );
}

#[test]
fn shards_concatenate_into_the_whole_run() {
    let seeds = repo().join("seeds");
    let seeds = seeds.to_str().expect("utf-8");
    let whole = stdout(&newsls(&["check", seeds, "--format", "json"], &repo()));
    let mut joined = String::new();
    for shard in ["1/3", "2/3", "3/3"] {
        joined.push_str(&stdout(&newsls(
            &["check", seeds, "--format", "json", "--shard", shard],
            &repo(),
        )));
    }
    assert_eq!(joined, whole);
    let bad = newsls(&["check", seeds, "--shard", "4/3"], &repo());
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn usage_and_io_errors_exit_2() {
    let dir = tempfile::tempdir().expect("temp dir");
    let missing = newsls(&["check", "no/such/folder"], dir.path());
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("no/such/folder"));

    let bad_date = newsls(&["annotate", "x.txt", "--dct", "13/12/2021"], dir.path());
    assert_eq!(bad_date.status.code(), Some(2));
    assert!(stderr(&bad_date).contains("YYYY-MM-DD"));

    std::fs::write(
        dir.path().join("newsls.toml"),
        "[rules]\nno-such-rule = \"off\"\n",
    )
    .expect("write");
    std::fs::write(dir.path().join("a.txt"), "date: 2021-01-01\n\nText.\n").expect("write");
    let bad_config = newsls(&["check", "."], dir.path());
    assert_eq!(bad_config.status.code(), Some(2));
    let message = stderr(&bad_config);
    assert!(
        message.contains("newsls.toml:2:") && message.contains("rules.no-such-rule"),
        "{message}"
    );
}

#[test]
fn configuration_turns_rules_off_and_fixes_the_date() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("newsls.toml"),
        "publication-date = \"2021-05-06\"\n[rules]\nboilerplate = \"off\"\n",
    )
    .expect("write");
    std::fs::write(dir.path().join("a.txt"), "Advertisement\n\nSome text.\n").expect("write");
    let output = newsls(
        &["check", ".", "--format", "json", "--deny", "hint"],
        dir.path(),
    );
    assert_eq!(
        stdout(&output),
        "",
        "boilerplate is off and the date comes from newsls.toml"
    );
    assert_eq!(output.status.code(), Some(0));
    let annotation = newsls(&["annotate", "a.txt"], dir.path());
    let annotation: Value = serde_json::from_str(&stdout(&annotation)).expect("json");
    assert_eq!(annotation["publication_date"]["value"], "2021-05-06");
}

#[test]
fn bad_input_is_reported_not_fatal() {
    let dir = tempfile::tempdir().expect("temp dir");
    let files: &[(&str, &[u8])] = &[
        ("binary.txt", b"PK\x03\x04\x00\x00binary"),
        ("empty.txt", b""),
        (
            "latin1.txt",
            b"date: 2021-01-01\n\nCaf\xe9 society said so.\n",
        ),
        (
            "crlf.txt",
            b"\xef\xbb\xbfdate: 2021-01-01\r\n\r\nAdvertisement\r\n\r\nBody text.\r\n",
        ),
        (
            "quotes.txt",
            "date: 2021-01-01\n\n\"Unclosed \u{201c}quotes ' \u{2018} everywhere\n".as_bytes(),
        ),
    ];
    for (name, bytes) in files {
        std::fs::write(dir.path().join(name), bytes).expect("write");
    }
    let output = newsls(
        &["check", ".", "--format", "json", "--deny", "never"],
        dir.path(),
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("skipped ./binary.txt: binary file"),
        "{}",
        stderr(&output)
    );
    let findings: Vec<Value> = stdout(&output)
        .lines()
        .map(|line| serde_json::from_str(line).expect("json"))
        .collect();

    let invalid = findings
        .iter()
        .find(|f| f["code"] == "invalid-utf8")
        .expect("invalid-utf8 reported");
    assert_eq!(invalid["path"], "./latin1.txt");
    assert_eq!(
        (invalid["line"].as_u64(), invalid["column"].as_u64()),
        (Some(3), Some(4))
    );

    // With a BOM and CRLF line ends, positions still point into the original text.
    let boilerplate = findings
        .iter()
        .find(|f| f["code"] == "boilerplate" && f["path"] == "./crlf.txt")
        .expect("boilerplate in the CRLF file");
    assert_eq!(
        (boilerplate["line"].as_u64(), boilerplate["column"].as_u64()),
        (Some(3), Some(1))
    );
    let crlf_text: String = String::from_utf8_lossy(files[3].1).into_owned();
    let start = boilerplate["start"].as_u64().expect("start");
    let end = boilerplate["end"].as_u64().expect("end");
    assert_eq!(slice_chars(&crlf_text, start, end), "Advertisement");

    let binary = newsls(&["annotate", "binary.txt"], dir.path());
    assert_eq!(binary.status.code(), Some(2));
    assert!(stderr(&binary).contains("binary file"));
}

#[test]
fn brat_spans_slice_the_text_and_timeml_is_well_formed() {
    let dir = tempfile::tempdir().expect("temp dir");
    for file in seeds() {
        let path = file.to_str().expect("utf-8");
        let text = std::fs::read_to_string(&file).expect("seed");
        let out_dir = dir.path().join("brat");
        let output = newsls(
            &[
                "annotate",
                "--format",
                "brat",
                path,
                "--out-dir",
                out_dir.to_str().expect("utf-8"),
            ],
            &repo(),
        );
        assert!(output.status.success(), "{}", stderr(&output));
        let stem = file
            .file_stem()
            .and_then(|stem| stem.to_str())
            .expect("stem");
        let copy = std::fs::read_to_string(out_dir.join(format!("{stem}.txt"))).expect("text copy");
        assert_eq!(copy, text);
        assert!(out_dir.join("annotation.conf").is_file());
        let ann = std::fs::read_to_string(out_dir.join(format!("{stem}.ann"))).expect("ann");
        for line in ann.lines().filter(|line| line.starts_with('T')) {
            let fields: Vec<&str> = line.split('\t').collect();
            assert_eq!(fields.len(), 3, "{line}");
            let covered: Vec<String> = fields[1]
                .split_once(' ')
                .expect("label and offsets")
                .1
                .split(';')
                .map(|fragment| {
                    let (start, end) = fragment.split_once(' ').expect("start end");
                    slice_chars(
                        &text,
                        start.parse().expect("start"),
                        end.parse().expect("end"),
                    )
                })
                .collect();
            assert_eq!(covered.join(" "), fields[2], "{line}");
        }

        let timeml = newsls(&["annotate", "--format", "timeml", path], &repo());
        assert!(timeml.status.success());
        let xml = stdout(&timeml);
        let document = roxmltree::Document::parse(&xml)
            .unwrap_or_else(|error| panic!("{path}: TimeML is not XML: {error}"));
        let text_node = document
            .descendants()
            .find(|node| node.has_tag_name("TEXT"))
            .expect("TEXT element");
        let inner: String = text_node
            .descendants()
            .filter(|node| node.is_text())
            .map(|node| node.text().unwrap_or(""))
            .collect();
        assert_eq!(
            inner, text,
            "the TimeML text is the article, character for character"
        );
        assert!(document.descendants().any(|node| node.has_tag_name("DCT")));
    }
}

#[test]
fn hostile_corpus_folders() {
    let dir = tempfile::tempdir().expect("temp dir");
    let corpus = dir.path().join("corpus");
    std::fs::create_dir_all(corpus.join("sub")).expect("mkdir");
    std::fs::write(corpus.join("a.txt"), "date: 2021-01-01\n\nText.\n").expect("write");
    // A symbolic link back to an ancestor: a loop to skip with a warning, not to follow forever.
    std::os::unix::fs::symlink(&corpus, corpus.join("sub/loop")).expect("symlink");
    let output = newsls(&["check", "corpus", "--format", "json"], dir.path());
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("symbolic-link loop"),
        "{}",
        stderr(&output)
    );

    // An unreadable file is an I/O error: reported, exit 2, the other files still checked.
    let locked = corpus.join("locked.txt");
    std::fs::write(&locked, "date: 2021-01-01\n\nAdvertisement\n").expect("write");
    std::fs::create_dir_all(corpus.join("dir.txt")).expect("a folder named like an article");
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    let readable_anyway = std::fs::read(&locked).is_ok(); // root reads everything
    let output = newsls(&["check", "corpus", "--deny", "never"], dir.path());
    if readable_anyway {
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        assert!(
            stderr(&output).contains("checked 2 file(s)"),
            "{}",
            stderr(&output)
        );
    } else {
        assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
        assert!(
            stderr(&output).contains("locked.txt: cannot read"),
            "{}",
            stderr(&output)
        );
        assert!(
            stderr(&output).contains("checked 1 file(s)"),
            "{}",
            stderr(&output)
        );
    }
}

#[test]
fn a_giant_file_is_analysed_up_to_the_limit() {
    let dir = tempfile::tempdir().expect("temp dir");
    // Few names: the test is about the size limit, not about grouping thousands of mentions.
    let line = "the committee said \"we will see\" on tuesday, as it does.\n";
    let big: String = std::iter::once("date: 2021-12-29\n\n")
        .chain(std::iter::repeat_n(line, 100 * 1024 * 1024 / line.len()))
        .collect();
    std::fs::write(dir.path().join("big.txt"), &big).expect("write");
    // A small limit keeps the test quick in debug builds; the mechanism is the same at 4 MB.
    std::fs::write(dir.path().join("newsls.toml"), "analysis-limit-mb = 1\n").expect("config");
    let (output, peak) = newsls_with_peak_memory(
        &["check", "big.txt", "--format", "json", "--deny", "never"],
        dir.path(),
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    // The file is held once, as its text (about 160 MB at the peak in a debug build, with the
    // analysis and the output); a second copy of the text, even for a moment, breaks this bound.
    if let Some(peak) = peak {
        let bound = big.len() as u64 * 2;
        assert!(
            peak < bound,
            "peak memory {} MB for a {} MB file (bound {} MB)",
            peak >> 20,
            big.len() >> 20,
            bound >> 20
        );
    }
    let limit = stdout(&output)
        .lines()
        .filter_map(|line| serde_json::from_str::<Value>(line).ok())
        .find(|finding| finding["code"] == "analysis-limit")
        .expect("the analysis limit is reported");
    assert!(
        limit["message"]
            .as_str()
            .is_some_and(|message| message.contains("Only the first"))
    );
}

#[test]
fn annotate_into_a_closed_pipe_ends_quietly() {
    use std::io::Read;
    use std::process::Stdio;
    // Large enough that the JSON overflows the pipe's buffer once the reader has gone.
    let dir = tempfile::tempdir().expect("temp dir");
    let article = seeds()
        .iter()
        .filter_map(|path| std::fs::read_to_string(path).ok())
        .collect::<Vec<_>>()
        .join("\n\n")
        .repeat(8);
    let path = dir.path().join("long.txt");
    std::fs::write(&path, article).expect("write the article");
    let mut child = Command::new(env!("CARGO_BIN_EXE_newsls"))
        .args(["annotate", "--format", "json"])
        .arg(&path)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the newsls binary runs");
    let mut start = [0u8; 16];
    if let Some(stdout) = child.stdout.as_mut() {
        stdout
            .read_exact(&mut start)
            .expect("the first bytes of the JSON");
    }
    drop(child.stdout.take()); // like `| head -c 16`
    let output = child.wait_with_output().expect("newsls exits");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(output.status.success(), "{:?}: {stderr}", output.status);
}

/// What a new user meets on a first run: each of these once went wrong silently.
#[test]
fn first_run_messages_say_what_happened() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();

    // An empty article has nothing to check: no finding, exit 0.
    std::fs::write(root.join("empty.txt"), "").expect("write");
    let output = newsls(&["check", "empty.txt"], root);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stdout(&output).is_empty(), "{}", stdout(&output));

    // A folder without articles: say which globs were looked for.
    std::fs::create_dir(root.join("nothing")).expect("mkdir");
    std::fs::write(root.join("nothing/notes.rst"), "Notes.").expect("write");
    let output = newsls(&["check", "nothing"], root);
    assert_eq!(output.status.code(), Some(0));
    assert!(
        stderr(&output).contains("no articles found") && stderr(&output).contains("`*.txt`"),
        "{}",
        stderr(&output)
    );

    // A value of the wrong type names its key.
    std::fs::create_dir(root.join("configured")).expect("mkdir");
    std::fs::write(
        root.join("configured/newsls.toml"),
        "[rules]\nrelative-date = 1\n",
    )
    .expect("write");
    std::fs::write(
        root.join("configured/a.txt"),
        "date: 2021-12-13\n\nHello.\n",
    )
    .expect("write");
    let output = newsls(&["check", "configured"], root);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("newsls.toml:2: key `rules.relative-date`"),
        "{}",
        stderr(&output)
    );

    // `annotate --out-dir` writes every format into the folder.
    std::fs::write(
        root.join("article.txt"),
        "date: 2021-12-13\n\nIt rained on Sunday.\n",
    )
    .expect("write");
    for (format, written) in [("json", "article.json"), ("text", "article.annotated.txt")] {
        let output = newsls(
            &[
                "annotate",
                "article.txt",
                "--format",
                format,
                "--out-dir",
                "out",
            ],
            root,
        );
        assert!(output.status.success(), "{}", stderr(&output));
        assert!(stdout(&output).is_empty());
        let contents = std::fs::read_to_string(root.join("out").join(written)).expect(written);
        assert!(contents.contains("2021-12-12"), "{contents}");
    }

    // `lsp --version` answers like `--version`.
    let output = newsls(&["lsp", "--version"], root);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).starts_with("newsls-lsp ") || stdout(&output).starts_with("newsls "));

    // `agree` on folders without annotation layers says so and fails.
    let output = newsls(&["agree", "nothing", "configured"], root);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("no annotation layers"),
        "{}",
        stderr(&output)
    );

    // A span of days is worded in the singular for one day.
    std::fs::write(
        root.join("day.txt"),
        "date: 2021-12-13\n\nThe vote is due on December 14.\n",
    )
    .expect("write");
    let json = annotate(&root.join("day.txt"), &[]);
    let explanation = json["dates"][0]["explanation"].as_str().unwrap_or("");
    assert!(explanation.contains("1 day after"), "{explanation}");
}

#[test]
fn stats_counts_the_quotes_annotate_lists_and_explains_its_columns() {
    let seed = seeds()
        .into_iter()
        .find(|path| path.to_string_lossy().contains("003_"))
        .expect("seed 003");
    let listed = annotate(&seed, &[])["quotes"]
        .as_array()
        .map_or(0, Vec::len);
    let path = seed.to_str().expect("utf-8 path");
    let output = newsls(&["stats", path, "--format", "json"], &repo());
    let stats: Value = serde_json::from_str(&stdout(&output)).expect("stats json");
    assert_eq!(stats["total"]["quotes"]["total"], listed);
    let table = stdout(&newsls(&["stats", path], &repo()));
    assert!(
        table.contains("no-spkr") && table.contains("quotes: auto ="),
        "{table}"
    );
}

#[test]
fn the_corpus_timeline_is_chronological_in_every_format() {
    let seeds = repo().join("seeds");
    let seeds = seeds.to_str().expect("utf-8 path");
    let output = newsls(&["timeline", seeds, "--format", "json"], &repo());
    assert!(output.status.success(), "{}", stderr(&output));
    let json: Value = serde_json::from_str(&stdout(&output)).expect("timeline json");
    let events = json["events"].as_array().expect("events");
    assert!(events.len() > 20, "{} events", events.len());
    let starts: Vec<&str> = events
        .iter()
        .map_while(|event| event["start"].as_str())
        .collect();
    assert!(
        starts.windows(2).all(|pair| pair[0] <= pair[1]),
        "{starts:?}"
    );
    // An unresolved event, if any, comes after every placed one.
    assert!(
        events[starts.len()..]
            .iter()
            .all(|event| event["start"].is_null())
    );
    let sunday = events
        .iter()
        .find(|event| {
            event["text"] == "Sunday" && event["path"].as_str().is_some_and(|p| p.contains("003_"))
        })
        .expect("seed 003's Sunday");
    assert_eq!(sunday["value"], "2021-12-12");
    assert!(
        sunday["entities"]
            .as_array()
            .is_some_and(|entities| entities.iter().any(|e| e["name"] == "Antony Blinken")),
        "{sunday}"
    );

    let text = stdout(&newsls(&["timeline", seeds], &repo()));
    assert_eq!(text.lines().count(), events.len());
    for (line, event) in text.lines().zip(events) {
        assert!(
            line.starts_with(event["value"].as_str().unwrap_or("?")),
            "{line}"
        );
    }

    let dir = tempfile::tempdir().expect("temp dir");
    let page = dir.path().join("timeline.html");
    let output = newsls(
        &[
            "timeline",
            seeds,
            "--format",
            "html",
            "-o",
            page.to_str().expect("path"),
        ],
        &repo(),
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let html = std::fs::read_to_string(&page).expect("the page");
    assert_eq!(html.matches("<a class=\"event\"").count(), starts.len());
    assert_eq!(html.matches("<tr id=\"e").count(), events.len());
    assert!(!html.contains("src=\"http") && !html.contains("href=\"http"));
}

/// A scraped page whose line breaks were lost: one long line of news. Every output format of
/// `check` and `annotate` ends under a memory cap (`ulimit -v`, so that a regression fails
/// instead of taking the machine) with output that grows with the findings, not with the line's
/// length times the findings (a quadratic renderer once wrote 367 MB for a 100 KB line).
#[test]
fn a_long_single_line_article_is_linear_in_every_format_under_a_memory_cap() {
    let dir = tempfile::tempdir().expect("temp dir");
    let sentence = "Biden said \u{201c}we will see\u{201d} on Tuesday, as Vladimir Putin met the Treasury in Geneva last week. ";
    let body = sentence.repeat(256 * 1024 / sentence.len());
    let article = format!("date: 2021-12-13\n\n{body}\n");
    std::fs::write(dir.path().join("line.txt"), &article).expect("write");
    let runs: [&[&str]; 8] = [
        &["check", "line.txt", "--deny", "never", "--format", "human"],
        &["check", "line.txt", "--deny", "never", "--format", "json"],
        &["check", "line.txt", "--deny", "never", "--format", "sarif"],
        &["check", "line.txt", "--deny", "never", "--format", "github"],
        &["annotate", "line.txt", "--format", "json"],
        &["annotate", "line.txt", "--format", "text"],
        &["annotate", "line.txt", "--format", "brat"],
        &["annotate", "line.txt", "--format", "timeml"],
    ];
    for args in runs {
        // 4 GB of address space: far above what a linear run reserves (thread stacks included),
        // far below what the quadratic renderers asked for.
        let output = Command::new("sh")
            .arg("-c")
            .arg("ulimit -v 4194304 && exec \"$0\" \"$@\"")
            .arg(env!("CARGO_BIN_EXE_newsls"))
            .args(args)
            .current_dir(dir.path())
            .env("NO_COLOR", "1")
            .output()
            .expect("sh runs newsls");
        assert_eq!(
            output.status.code(),
            Some(0),
            "{args:?}: {}",
            stderr(&output)
        );
        let bound = article.len() * 40;
        assert!(
            output.stdout.len() < bound,
            "{args:?}: {} bytes of output for a {} byte line",
            output.stdout.len(),
            article.len()
        );
        assert!(!output.stdout.is_empty(), "{args:?}: no output");
    }
}
