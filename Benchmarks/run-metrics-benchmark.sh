#!/usr/bin/env bash
# Haven's segmentation metrics against SciPy, SimpleITK and MONAI (CPU) on one synthetic 25-label
# 256 x 256 x 300 pair at 0.8 x 0.8 x 1.5 mm: wall time and peak RSS of each tool from /usr/bin/time,
# and the largest per-metric disagreement with Haven, written to Benchmarks/README.md.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
work="${HAVEN_BENCH_DIR:-/tmp/haven-metrics-bench}"
venv="${HAVEN_BENCH_VENV:-/tmp/metrics-venv}"
mkdir -p "$work"

command -v /usr/bin/time >/dev/null || { echo "install Debian package 'time'" >&2; exit 69; }
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
    # torch from PyPI (a CPU wheel if one sits in pip's find-links) before monai, so monai does not pull CUDA.
    "$venv/bin/pip" install -q numpy scipy nibabel SimpleITK torch monai
fi
py="$venv/bin/python"

[ -f "$work/reference.nii.gz" ] || "$py" "$here/metrics_peers.py" generate "$work"

(cd "$root" && swift build -c release --product haven-metrics-bench >"$work/build.log" 2>&1)
bench="$root/.build/release/haven-metrics-bench"

: >"$work/timings.tsv"
measure() {
    local tool="$1"
    shift
    if /usr/bin/time -v -o "$work/$tool.time" "$@" >"$work/$tool.log" 2>&1; then
        local seconds kb
        seconds=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s}' "$work/$tool.time")
        kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/$tool.time")
        printf '%s\t%s\t%s\n' "$tool" "$seconds" "$((kb / 1024))" >>"$work/timings.tsv"
        echo "$tool: ${seconds}s, $((kb / 1024)) MB"
    else
        echo "$tool failed; see $work/$tool.log" >&2
    fi
}

mkdir -p "$work/report"
measure haven "$bench" "$work/reference.nii.gz" "$work/prediction.nii.gz" "$work/haven.json" "$work/report"
for tool in scipy sitk monai; do
    measure "$tool" "$py" "$here/metrics_peers.py" "$tool" "$work/reference.nii.gz" "$work/prediction.nii.gz" \
        "$work/$tool.json"
done

readme="$here/README.md"
{
    echo "# Benchmarks"
    echo
    echo "## Segmentation metrics (\`haven-metrics-bench\`)"
    echo
    echo "One synthetic pair, 256 x 256 x 300 voxels at 0.8 x 0.8 x 1.5 mm, 25 vertebra-like labels, the"
    echo "prediction dilated, eroded and shifted by up to a voxel per label plus 40 false-positive specks;"
    echo "all metrics of all labels. Wall time and peak RSS of the whole process (reading both files"
    echo "included) from \`/usr/bin/time -v\` on $(nproc) cores; made by \`Benchmarks/run-metrics-benchmark.sh\`"
    echo "on $(date -u +%Y-%m-%d). Disagreement: the largest absolute difference over labels per metric."
    echo
} >"$readme"
"$py" "$here/metrics_peers.py" compare "$readme" "$work/timings.tsv" "$work/haven.json" \
    "$work/scipy.json" "$work/sitk.json" "$work/monai.json"
echo "wrote $readme"
