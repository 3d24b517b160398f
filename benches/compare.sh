#!/usr/bin/env bash
# Side by side, on the same generated files: `pathways` against the tools people would use instead.
#   load + best route:   pathways route        vs  Python json + networkx (benches/compare_networkx.py)
#   fuzzy search:        pathways search       vs  fzf --filter over the same stage titles
#   audit reachability:  pathways check        vs  networkx reachability on the same graph
# Installs its peers (networkx from PyPI, fzf from Debian) when missing. Not part of .ci/run.
# Usage: benches/compare.sh [RUNS] [SIZES...]     (defaults: 5 runs; 10000 100000 stages)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
shift || true
sizes=("${@:-10000 100000}")
read -r -a sizes <<< "${sizes[*]}"

python3 -c 'import networkx' 2>/dev/null || pip install --quiet networkx
command -v fzf >/dev/null || { apt-get update -qq && apt-get install -y -qq fzf >/dev/null; }
cargo build --release --quiet
bin=target/release/pathways
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Median wall-clock milliseconds of a command over $runs runs (output discarded).
median_ms() {
  python3 - "$runs" "$@" <<'PY'
import statistics, subprocess, sys, time
runs, cmd = int(sys.argv[1]), sys.argv[2:]
times = []
for _ in range(runs):
    t = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    times.append((time.perf_counter() - t) * 1000)
print(f"{statistics.median(times):.0f}")
PY
}

echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -sr); $(rustc --version); Python $(python3 -c 'import sys, networkx; print(sys.version.split()[0], "networkx", networkx.__version__)'); fzf $(fzf --version | cut -d' ' -f1)"
echo "Median of $runs runs, wall clock, whole process (start, load, answer, exit)."
echo
echo "| stages | transitions | task | pathways ms | peer | peer ms | ratio |"
echo "|---:|---:|---|---:|---|---:|---:|"
for n in "${sizes[@]}"; do
  file="$work/gen-$n.json"
  "$bin" gen --stages "$n" --seed 1 > "$file"
  transitions=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['transitions']))" "$file")
  jq_titles="$work/titles-$n.txt"
  python3 -c "import json,sys; [print(s['title']) for s in json.load(open(sys.argv[1]))['stages']]" "$file" > "$jq_titles"
  target=$(python3 benches/compare_networkx.py pick "$file" "ESL 3")
  ours=$(median_ms "$bin" --data "$file" route --from "ESL 3" --to "$target")
  theirs=$(median_ms python3 benches/compare_networkx.py route "$file" "ESL 3" "$target")
  echo "| $n | $transitions | load + best route (ESL 3 -> $target) | $ours | networkx | $theirs | $(python3 -c "print(f'{$theirs/$ours:.1f}x')") |"
  ours=$(median_ms "$bin" --data "$file" search nurse -n 50)
  theirs=$(median_ms sh -c "fzf --filter nurse < '$jq_titles' | head -50")
  echo "| $n | $transitions | fuzzy search 'nurse' (pathways includes loading the file) | $ours | fzf --filter | $theirs | $(python3 -c "print(f'{$theirs/$ours:.1f}x')") |"
  ours=$(median_ms "$bin" --data "$file" check)
  theirs=$(median_ms python3 benches/compare_networkx.py reach "$file")
  echo "| $n | $transitions | audit: all 13 rules vs reachability only | $ours | networkx | $theirs | $(python3 -c "print(f'{$theirs/$ours:.1f}x')") |"
done
