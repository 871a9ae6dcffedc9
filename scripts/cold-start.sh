#!/usr/bin/env bash
# Compares the cold start of the command-line modem with that of a hello-world jar. Runs both
# commands RUNS times, alternating so that both suffer the same machine load, and prints each
# one's median wall-clock time and the ratio of the medians. The modem command signs one token:
#   echo 'AT%JWT=0,3600,"ClientAuth","urn:server"' | java -jar target/nrf91-at-emulator-cli.jar
#
# Usage: scripts/cold-start.sh [RUNS]   (default 15; needs the jar from
#        "mvn -B -q -DskipTests package", or another path in CLI_JAR; uses the java on PATH)
set -euo pipefail

runs=${1:-15}
jar=${CLI_JAR:-target/nrf91-at-emulator-cli.jar}
if [[ ! -f "$jar" ]]; then
    echo "cold-start: $jar not found; build it with: mvn -B -q -DskipTests package" >&2
    exit 2
fi
if ! [[ "$runs" =~ ^[1-9][0-9]*$ ]]; then
    echo "cold-start: invalid number of runs: '$runs' (expected a positive integer)" >&2
    exit 2
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mkdir "$work/classes"
cat >"$work/Hello.java" <<'EOF'
public class Hello {
    public static void main(String[] args) {
        System.out.println("Hello, world");
    }
}
EOF
javac -d "$work/classes" "$work/Hello.java"
jar --create --file "$work/hello.jar" --main-class Hello -C "$work/classes" .

command='AT%JWT=0,3600,"ClientAuth","urn:server"'

elapsed_ms() { # runs the command given as arguments, output discarded; prints its wall time in ms
    local start end
    start=$(date +%s%N)
    "$@" >/dev/null
    end=$(date +%s%N)
    echo $(((end - start) / 1000000))
}

run_modem() {
    echo "$command" | java -jar "$jar"
}

# The first run of each warms the page cache, so that the timed runs read the jars from memory.
java -jar "$work/hello.jar" >/dev/null
if ! run_modem | grep -q '^OK'; then
    echo "cold-start: the modem did not return OK for $command" >&2
    exit 1
fi

hello_times=()
modem_times=()
for _ in $(seq 1 "$runs"); do
    hello_times+=("$(elapsed_ms java -jar "$work/hello.jar")")
    modem_times+=("$(elapsed_ms run_modem)")
done

median() { # prints the median of its arguments (the lower middle one for an even count)
    printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

hello=$(median "${hello_times[@]}")
modem=$(median "${modem_times[@]}")
echo "runs:         $runs of each, alternating"
echo "java:         $(java -version 2>&1 | head -n 1)"
cpu=$(awk -F ': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
echo "machine:      $(nproc) cores, $(uname -m), ${cpu:-unknown CPU}, load average $(cut -d ' ' -f 1-3 /proc/loadavg)"
echo "hello jar:    median ${hello} ms (all: ${hello_times[*]})"
echo "modem %JWT:   median ${modem} ms (all: ${modem_times[*]})"
awk -v m="$modem" -v h="$hello" 'BEGIN { printf "ratio:        %.2f\n", m / h }'
