"""Checks the configuration snippets users copy from the docs, for editors and CI that the
test machine cannot run (Helix, GitHub Actions, GitLab CI): each must parse, and must say what
the docs claim (the Helix server runs `newsls lsp`, the workflow uploads SARIF and fails on
warnings, the GitLab job keeps the SARIF log), and .pre-commit-hooks.yaml must define the hooks.

Run by editors/test.sh with PyYAML on PYTHONPATH; prints one line per check and
"N passed, M failed", and exits 1 if any check failed.
"""

import pathlib
import re
import sys
import tomllib

import yaml

REPOSITORY = pathlib.Path(__file__).resolve().parent.parent


def fenced_blocks(path, language):
    """The contents of the ```language fenced blocks of a Markdown file, in order."""
    text = (REPOSITORY / path).read_text(encoding="utf-8")
    return re.findall(r"^```" + language + r"\n(.*?)^```", text, flags=re.S | re.M)


def check_helix():
    (block,) = fenced_blocks("editors/README.md", "toml")
    config = tomllib.loads(block)
    server = config["language-server"]["newsls"]
    assert [server["command"], *server["args"]] == ["newsls", "lsp"], server
    news = next(language for language in config["language"] if language["name"] == "news")
    assert "newsls" in news["language-servers"], news
    assert {entry["glob"] for entry in news["file-types"]} == {"*.news.txt", "*.news.md"}, news


def check_github_actions():
    workflow = next(yaml.safe_load(block) for block in fenced_blocks("docs/ci.md", "yaml") if "jobs:" in block)
    assert workflow["permissions"]["security-events"] == "write", workflow["permissions"]
    steps = workflow["jobs"]["lint"]["steps"]
    runs = "\n".join(step.get("run", "") for step in steps)
    assert "--format github" in runs and "--format sarif" in runs, runs
    upload = next(step for step in steps if step.get("uses", "").startswith("github/codeql-action/upload-sarif"))
    assert upload["with"]["sarif_file"] == "newsls.sarif" and upload["if"] == "always()", upload
    lint = next(step for step in steps if step.get("id") == "lint")
    assert "--deny warning" in lint["run"] and lint["continue-on-error"] is True, lint
    assert any(step.get("if") == "steps.lint.outcome == 'failure'" for step in steps), "no step fails the job"


def check_gitlab_ci():
    config = next(yaml.safe_load(block) for block in fenced_blocks("docs/ci.md", "yaml") if block.startswith("newsls:"))
    job = config["newsls"]
    assert any("--deny warning" in line for line in job["script"]), job["script"]
    assert any("--format sarif" in line and "newsls.sarif" in line for line in job["script"]), job["script"]
    assert job["artifacts"]["paths"] == ["newsls.sarif"] and job["artifacts"]["when"] == "always", job["artifacts"]


def check_pre_commit_hooks():
    hooks = yaml.safe_load((REPOSITORY / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    by_id = {hook["id"]: hook for hook in hooks}
    assert set(by_id) == {"newsls", "newsls-system"}, by_id
    assert by_id["newsls"]["language"] == "rust" and by_id["newsls-system"]["language"] == "system"
    for hook in hooks:
        assert hook["entry"] == "newsls check" and re.search(hook["files"], "corpus/a.txt"), hook
    config = next(yaml.safe_load(block) for block in fenced_blocks("docs/ci.md", "yaml") if block.startswith("# .pre-commit-config.yaml"))
    assert config["repos"][0]["hooks"][0]["id"] in by_id, config


def main():
    checks = [check_helix, check_github_actions, check_gitlab_ci, check_pre_commit_hooks]
    failed = 0
    for check in checks:
        try:
            check()
            print(f"ok - {check.__name__}")
        except Exception as error:  # noqa: BLE001 - every failure is reported, then the next check runs
            failed += 1
            print(f"not ok - {check.__name__}: {type(error).__name__}: {error}")
    print(f"{len(checks) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
