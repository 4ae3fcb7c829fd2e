//! The batch-lint formats CI systems consume, checked against their specifications by running
//! the real `newsls check`: `--format sarif` against the SARIF 2.1.0 JSON schema (vendored in
//! `tests/fixtures`, see its LICENSE file), and `--format github` against the GitHub Actions
//! workflow-command syntax, including the escaping of `%`, `:`, `,` and line breaks.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn repository() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `newsls check ARGS… --deny never` in `folder` and returns its standard output.
fn check(folder: &Path, args: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_newsls"))
        .current_dir(folder)
        .arg("check")
        .args(args)
        .args(["--deny", "never", "--color", "never"])
        .output()
        .expect("newsls runs");
    assert!(
        output.status.success(),
        "newsls check {args:?} failed with {}: {}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("newsls prints UTF-8")
}

/// The published pattern of `run.language` and `toolComponent.language`, which has a stray `]` that strict regular
/// expression engines (and so the draft-07 `format: regex` check of the meta-schema) reject.
const BROKEN_LANGUAGE_PATTERN: &str = "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$";
/// What the pattern means: a language code with an optional region, as SARIF §3.14.7 describes.
const LANGUAGE_PATTERN: &str = "^[a-zA-Z]{2}(-[a-zA-Z]{2})?$";

fn sarif_validator() -> jsonschema::Validator {
    let path = repository().join("tests/fixtures/sarif-schema-2.1.0.json");
    let mut schema: Value = serde_json::from_str(
        &std::fs::read_to_string(&path).expect("the vendored SARIF schema is readable"),
    )
    .expect("the vendored SARIF schema is JSON");
    // The file stays byte for byte as published (its licence asks for that); the fix is made here.
    let mut fixed = 0;
    for definition in ["run", "toolComponent"] {
        let language = &mut schema["definitions"][definition]["properties"]["language"]["pattern"];
        assert_eq!(
            language, BROKEN_LANGUAGE_PATTERN,
            "the vendored schema changed: review the pattern fix"
        );
        *language = Value::from(LANGUAGE_PATTERN);
        fixed += 1;
    }
    assert!(
        !schema.to_string().contains(BROKEN_LANGUAGE_PATTERN),
        "the broken pattern is used elsewhere too ({fixed} fixed)"
    );
    jsonschema::draft7::new(&schema).expect("the SARIF schema compiles")
}

fn schema_errors(validator: &jsonschema::Validator, log: &Value) -> Vec<String> {
    validator
        .iter_errors(log)
        .map(|error| format!("{}: {error}", error.instance_path()))
        .collect()
}

/// A corpus whose file names need escaping: `article_name` (with a comma, a colon, a space…)
/// holds seed 003, and `plain.txt` one boilerplate line.
fn awkward_corpus(article_name: &str) -> tempfile::TempDir {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let seed = std::fs::read_to_string(repository().join("seeds/003_c60e1d219ac2aa0a.txt"))
        .expect("seed 003 is readable");
    std::fs::write(folder.path().join(article_name), &seed).expect("write the article");
    std::fs::write(
        folder.path().join("plain.txt"),
        "Advertisement\n\nThe council met.\n",
    )
    .expect("write the article");
    folder
}

#[test]
fn sarif_of_the_seeds_is_valid_sarif_2_1_0() {
    let validator = sarif_validator();
    let log: Value = serde_json::from_str(&check(&repository(), &["seeds", "--format", "sarif"]))
        .expect("SARIF output is JSON");
    let errors = schema_errors(&validator, &log);
    assert!(
        errors.is_empty(),
        "the SARIF log violates the 2.1.0 schema:\n{}",
        errors.join("\n")
    );
    let results = log["runs"][0]["results"]
        .as_array()
        .expect("runs[0].results is an array");
    assert!(
        !results.is_empty(),
        "the seeds produce findings (at least the boilerplate hints of seed 003)"
    );
}

#[test]
fn the_schema_check_can_fail() {
    // Guards the test above: a log the schema forbids must be rejected by the same validator.
    let validator = sarif_validator();
    let mut log: Value =
        serde_json::from_str(&check(&repository(), &["seeds", "--format", "sarif"]))
            .expect("SARIF output is JSON");
    log["runs"][0]["results"][0]["level"] = Value::from("fatal");
    log["runs"][0]["columnKind"] = Value::from("bytes");
    let errors = schema_errors(&validator, &log);
    assert!(
        errors.len() >= 2,
        "a bad level and columnKind pass the schema: {errors:?}"
    );
}

#[test]
fn sarif_results_point_at_their_rules_and_files() {
    let folder = awkward_corpus("Blinken, Putin: unlikely.txt");
    let log: Value = serde_json::from_str(&check(folder.path(), &[".", "--format", "sarif"]))
        .expect("SARIF output is JSON");
    let errors = schema_errors(&sarif_validator(), &log);
    assert!(
        errors.is_empty(),
        "the SARIF log of the awkward corpus violates the schema:\n{}",
        errors.join("\n")
    );
    let run = &log["runs"][0];
    let rules = run["tool"]["driver"]["rules"]
        .as_array()
        .expect("the driver lists its rules");
    let results = run["results"].as_array().expect("results");
    assert!(!results.is_empty());
    let mut uris = Vec::new();
    for result in results {
        let index = result["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(
            rules[index]["id"], result["ruleId"],
            "ruleIndex points at another rule: {result}"
        );
        let uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            .as_str()
            .expect("an artifact uri");
        // Code scanning resolves relative URIs against the checkout: no backslashes, no raw spaces.
        assert!(
            !uri.contains('\\') && !uri.contains(' '),
            "artifact uri {uri:?} is not a URI reference"
        );
        uris.push(uri.to_string());
    }
    assert!(
        uris.iter().any(|uri| uri.ends_with("plain.txt")),
        "{uris:?}"
    );
    assert!(
        uris.iter()
            .any(|uri| uri.ends_with("Blinken,%20Putin:%20unlikely.txt")),
        "{uris:?}"
    );
}

/// One parsed `::command key=value,…::message` line.
#[derive(Debug)]
struct WorkflowCommand {
    command: String,
    properties: Vec<(String, String)>,
    message: String,
}

/// Undoes the workflow-command escaping (`%25`, `%0D`, `%0A`, and in properties `%3A`, `%2C`).
fn unescape(text: &str) -> String {
    text.replace("%0D", "\r")
        .replace("%0A", "\n")
        .replace("%3A", ":")
        .replace("%2C", ",")
        .replace("%25", "%")
}

/// Parses a line by the syntax GitHub documents, rejecting characters that must be escaped.
fn parse_workflow_command(line: &str) -> Result<WorkflowCommand, String> {
    let rest = line.strip_prefix("::").ok_or("does not start with ::")?;
    let (head, message) = rest.split_once("::").ok_or("no :: before the message")?;
    let (command, properties) = head.split_once(' ').unwrap_or((head, ""));
    if !["error", "warning", "notice"].contains(&command) {
        return Err(format!("{command:?} is not an annotation command"));
    }
    if message.contains(['\r', '\n']) {
        return Err("raw line break in the message".into());
    }
    // Any `%` must start an escape; a bare one would be read as the start of an escape.
    let valid_escapes = ["%25", "%0D", "%0A", "%3A", "%2C"];
    let check_percents = |text: &str, allowed: &[&str]| -> Result<(), String> {
        for (at, _) in text.match_indices('%') {
            if !allowed.iter().any(|escape| text[at..].starts_with(escape)) {
                return Err(format!("unescaped % in {text:?}"));
            }
        }
        Ok(())
    };
    check_percents(message, &valid_escapes[..3])?;
    let mut parsed = Vec::new();
    for pair in properties.split(',').filter(|pair| !pair.is_empty()) {
        let (key, value) = pair
            .split_once('=')
            .ok_or_else(|| format!("property {pair:?} has no ="))?;
        if value.contains([':', '\r', '\n']) {
            return Err(format!(
                "unescaped : or line break in property {key}={value:?}"
            ));
        }
        check_percents(value, &valid_escapes)?;
        parsed.push((key.to_string(), unescape(value)));
    }
    Ok(WorkflowCommand {
        command: command.to_string(),
        properties: parsed,
        message: unescape(message),
    })
}

#[test]
fn github_format_is_one_valid_workflow_command_per_finding() {
    let folder = awkward_corpus("Blinken, Putin: 100% unlikely.txt");
    let output = check(folder.path(), &[".", "--format", "github"]);
    let findings: Vec<Value> = check(folder.path(), &[".", "--format", "json"])
        .lines()
        .map(|line| serde_json::from_str(line).expect("JSON lines"))
        .collect();
    let lines: Vec<&str> = output.lines().collect();
    assert_eq!(
        lines.len(),
        findings.len(),
        "one workflow command per finding:\n{output}"
    );
    for (line, finding) in lines.iter().zip(&findings) {
        let command =
            parse_workflow_command(line).unwrap_or_else(|error| panic!("{error}: {line}"));
        let property = |key: &str| {
            command
                .properties
                .iter()
                .find(|(name, _)| name == key)
                .map(|(_, value)| value.clone())
                .unwrap_or_else(|| panic!("no {key} in {line}"))
        };
        let expected_command = match finding["severity"].as_str() {
            Some("error") => "error",
            Some("warning") => "warning",
            _ => "notice",
        };
        assert_eq!(command.command, expected_command, "{line}");
        assert_eq!(
            property("file"),
            finding["path"].as_str().expect("path"),
            "{line}"
        );
        assert_eq!(property("line"), finding["line"].to_string(), "{line}");
        assert_eq!(property("col"), finding["column"].to_string(), "{line}");
        assert_eq!(
            property("title"),
            format!("newsls {}", finding["code"].as_str().expect("code")),
            "{line}"
        );
        assert_eq!(
            command.message,
            finding["message"].as_str().expect("message"),
            "{line}"
        );
        for (key, _) in &command.properties {
            assert!(
                ["file", "line", "col", "endLine", "endColumn", "title"].contains(&key.as_str()),
                "unknown property {key} in {line}"
            );
        }
    }
    // The awkward file name must have gone through the property escaping.
    assert!(
        output.contains("Blinken%2C Putin%3A 100%25 unlikely.txt"),
        "file name not escaped:\n{output}"
    );
}

#[test]
fn the_workflow_command_parser_rejects_bad_escaping() {
    assert!(parse_workflow_command("::warning file=a.txt,line=1,col=1::ok").is_ok());
    assert!(parse_workflow_command("::warning file=a:b.txt,line=1::x").is_err());
    assert!(parse_workflow_command("::warning file=a.txt::100% sure").is_err());
    assert!(parse_workflow_command("::debug file=a.txt::x").is_err());
    assert_eq!(
        parse_workflow_command("::notice title=a%2Cb::50%25%0Aok").map(|command| command.message),
        Ok("50%\nok".into())
    );
}
