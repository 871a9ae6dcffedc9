#!/usr/bin/env bash
# Runs each pair of benchmarks (ours and the reference implementation's) back to back several
# times and prints each run's ratio and the median ratio. Pairs measured close together in time
# suffer the same load, so their ratio is steadier than ratios taken across one long run on a
# shared machine.
#
# Usage: scripts/bench-ratios.sh [ROUNDS [PATTERN]]
#   ROUNDS   rounds per pair (default 5)
#   PATTERN  runs only the pairs whose names match this extended regular expression, such as
#            "Jwt", "Provisioning" or "Es256Benchmark.oursSign" (default: all pairs)
# Needs target/benchmarks.jar (see docs/benchmarks.md); BENCH_JAR selects another jar.
set -euo pipefail

rounds=${1:-5}
pattern=${2:-.}
jar=${BENCH_JAR:-target/benchmarks.jar}
if [[ ! -f "$jar" ]]; then
    echo "bench-ratios: $jar not found; build it with: mvn -B -q -Pbench -DskipTests package" >&2
    exit 2
fi

pairs=(
    "Es256Benchmark.oursSign Es256Benchmark.bcSign"
    "Es256Benchmark.oursVerify Es256Benchmark.bcVerify"
    "Es256Benchmark.oursVerifyDecodedKey Es256Benchmark.bcVerifyDecodedKey"
    "JwtBenchmark.oursAtJwt JwtBenchmark.nimbusBouncyCastle"
    "JwtBenchmark.oursAtJwtStoredKey JwtBenchmark.nimbusBouncyCastle"
    "ProvisioningBenchmark.oursAtKeygen ProvisioningBenchmark.bcKeygen"
    "ProvisioningBenchmark.oursAtAttestToken ProvisioningBenchmark.bcAttestToken"
)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

score() { # prints the ops/s score of one benchmark from a JMH CSV file
    awk -F, -v name="\"io.github.nrf91emu.bench.$2\"" '$1 == name { print $5 }' "$1"
}

for pair in "${pairs[@]}"; do
    if ! grep -Eq -- "$pattern" <<<"$pair"; then
        continue
    fi
    read -r ours theirs <<<"$pair"
    ratios=()
    for round in $(seq 1 "$rounds"); do
        csv="$work/$ours-$round.csv"
        java -jar "$jar" "(${ours//./\\.}|${theirs//./\\.})\$" -f 1 -wi 2 -w 2 -i 3 -r 2 -tu s \
            -rf csv -rff "$csv" >/dev/null
        a=$(score "$csv" "$ours")
        b=$(score "$csv" "$theirs")
        ratio=$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.2f", a / b }')
        ratios+=("$ratio")
        printf '%-40s round %d: ours %10.0f ops/s, reference %10.0f ops/s, ratio %s\n' \
            "$ours" "$round" "$a" "$b" "$ratio"
    done
    median=$(printf '%s\n' "${ratios[@]}" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
    printf '%-40s median ratio over %d rounds: %s\n\n' "$ours" "$rounds" "$median"
done
