#!/usr/bin/env bash
# Runs each pair of ES256 benchmarks (ours and Bouncy Castle's) back to back several times and
# prints each run's ratio and the median ratio. Pairs measured close together in time suffer the
# same load, so their ratio is steadier than ratios taken across one long run on a shared machine.
#
# Usage: scripts/bench-ratios.sh [ROUNDS]   (default 5; needs target/benchmarks.jar, see
# docs/benchmarks.md)
set -euo pipefail

rounds=${1:-5}
jar=${BENCH_JAR:-target/benchmarks.jar}
if [[ ! -f "$jar" ]]; then
    echo "bench-ratios: $jar not found; build it with: mvn -B -q -Pbench -DskipTests package" >&2
    exit 2
fi

pairs=("oursSign bcSign" "oursVerify bcVerify" "oursVerifyDecodedKey bcVerifyDecodedKey")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

score() { # prints the ops/s score of one benchmark from a JMH CSV file
    awk -F, -v name="\"io.github.nrf91emu.bench.Es256Benchmark.$2\"" '$1 == name { print $5 }' "$1"
}

for pair in "${pairs[@]}"; do
    read -r ours theirs <<<"$pair"
    ratios=()
    for round in $(seq 1 "$rounds"); do
        csv="$work/$ours-$round.csv"
        java -jar "$jar" "Es256Benchmark\.($ours|$theirs)\$" -f 1 -wi 2 -w 2 -i 3 -r 2 -tu s \
            -rf csv -rff "$csv" >/dev/null
        a=$(score "$csv" "$ours")
        b=$(score "$csv" "$theirs")
        ratio=$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.2f", a / b }')
        ratios+=("$ratio")
        printf '%-22s round %d: ours %10.0f ops/s, Bouncy Castle %10.0f ops/s, ratio %s\n' \
            "$ours" "$round" "$a" "$b" "$ratio"
    done
    median=$(printf '%s\n' "${ratios[@]}" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
    printf '%-22s median ratio over %d rounds: %s\n\n' "$ours" "$rounds" "$median"
done
