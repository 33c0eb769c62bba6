#!/usr/bin/env bash
# Coverage-guided fuzzing of one protocol's framer, parser and session with SharpFuzz and AFL++.
#
#   fuzz/afl.sh TARGET SECONDS        TARGET: resp | native | memcached
#
# Builds ReactiveCache.Fuzz.Afl in Release, instruments its copy of ReactiveCache.dll with sharpfuzz (the
# repository's local dotnet tool), and runs afl-fuzz for SECONDS starting from fuzz/corpus/TARGET (or, the first
# time, from the hand-written fuzz/seeds/TARGET). At the end the queue is minimized (afl-cmin) back into
# fuzz/corpus/TARGET, and crashes and hangs are copied to fuzz/findings/TARGET (not committed): replay one with
#   dotnet run --project ReactiveCache.Fuzz.Afl -- TARGET FILE
# (not with the instrumented copy in fuzz/.build: it writes to afl-fuzz's shared memory and dies without it).
# Needs the Debian package afl++ (apt-get install -y afl++).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

target=${1:?usage: fuzz/afl.sh resp|native|memcached SECONDS}
seconds=${2:?usage: fuzz/afl.sh resp|native|memcached SECONDS}
case "$target" in resp|native|memcached) ;; *) echo "unknown target: $target" >&2; exit 2 ;; esac
command -v afl-fuzz >/dev/null || { echo "needs afl++: apt-get install -y afl++" >&2; exit 1; }

build=fuzz/.build
work=fuzz/.work/$target
corpus=fuzz/corpus/$target
findings=fuzz/findings/$target

# One build and instrumentation shared by every target; instrumenting twice would fail, so build afresh when the
# sources are newer than the instrumented copy (or it is missing).
stamp=$build/.instrumented
if [ ! -f "$stamp" ] || [ -n "$(find ReactiveCache ReactiveCache.Fuzz.Afl -name '*.cs' -newer "$stamp" -print -quit)" ]; then
  rm -rf "$build"
  dotnet build -c Release -v q -nologo ReactiveCache.Fuzz.Afl -o "$build"
  dotnet tool restore >/dev/null
  dotnet sharpfuzz "$build/ReactiveCache.dll"
  touch "$stamp"
fi

input=$corpus
if [ -z "$(ls -A "$corpus" 2>/dev/null)" ]; then
  input=fuzz/seeds/$target
fi

export AFL_SKIP_BIN_CHECK=1          # the target is dotnet; the instrumentation is in ReactiveCache.dll
export AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1
export AFL_DISABLE_TRIM=1            # trimming re-runs each new path dozens of times: slow for a .NET target
export DOTNET_TieredCompilation=0 DOTNET_GCHeapHardLimit=0x40000000   # a runaway allocation is a crash, not swap
rm -rf "$work"
mkdir -p "$work" "$corpus" "$findings"
afl-fuzz -i "$input" -o "$work" -t 5000 -m none -V "$seconds" -x "$root/fuzz/dictionaries/$target.dict" \
  -- dotnet "$build/ReactiveCache.Fuzz.Afl.dll" "$target" >"$work.log" 2>&1 || true
# SharpFuzz runs the target in afl-fuzz's fork-server process itself: a hang or a dying process ends the campaign.
if grep -q "Unable to communicate with fork server" "$work.log"; then
  echo "afl-fuzz stopped early: the target hung or its process died (see $work.log and $findings)" >&2
fi

out=$work/default
grep -E '^(run_time|execs_done|execs_per_sec|corpus_count|saved_crashes|saved_hangs|bitmap_cvg|stability)' "$out/fuzzer_stats" \
  | tee "$findings/fuzzer_stats.txt"
cp -n "$out"/crashes/id* "$findings"/ 2>/dev/null || true
cp -n "$out"/hangs/id* "$findings"/ 2>/dev/null || true

# Keep a small corpus: afl-cmin keeps one input per edge set; inputs over 4 KB never enter it.
minimized=$work/minimized
if AFL_SKIP_BIN_CHECK=1 afl-cmin -i "$out/queue" -o "$minimized" -t 5000 -m none -- "$(command -v dotnet)" "$build/ReactiveCache.Fuzz.Afl.dll" "$target" >"$work/cmin.log" 2>&1; then
  rm -rf "$corpus" && mkdir -p "$corpus"
  # Named by content: AFL's names hold ':', which some file systems refuse.
  find "$minimized" -type f -size -4k | while read -r file; do cp "$file" "$corpus/$(sha1sum <"$file" | cut -c1-16)"; done
else
  echo "afl-cmin failed (see $work/cmin.log); corpus left as it was" >&2
fi
echo "$target: $(ls "$corpus" | wc -l) inputs in $corpus ($(du -sh "$corpus" | cut -f1)), findings in $findings"
