#!/usr/bin/env bash
# json-bench.sh: time the streaming JSON reader against jq, Python's json
# module and simdjson on the same generated file, in one run.
#
#   bench/json-bench.sh [-s MB] [-k vm|disk] [-n RUNS] [-f FILE] [-B DIR]
#
#   -s MB     size of the generated file (default 200)
#   -k KIND   vm (az vm list) or disk (az disk list); default vm
#   -n RUNS   runs per tool; the best time is reported (default 3)
#   -f FILE   use FILE instead of generating one
#   -B DIR    build directory for the Release library (default build-bench)
#
# Builds the library with CMake in Release mode, the driver
# bench/adc_json_bench.c with gcc -O2 and bench/simdjson_ref.cpp with
# g++ -O2 against libsimdjson-dev. Prints wall time, throughput, peak RSS
# and ratios against jq and simdjson. Peak RSS comes from /usr/bin/time
# when it exists, else from getrusage through a small Python wrapper.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
size=200
kind=vm
runs=3
file=
build=$root/build-bench

while getopts "s:k:n:f:B:h" opt; do
	case $opt in
	s) size=$OPTARG ;;
	k) kind=$OPTARG ;;
	n) runs=$OPTARG ;;
	f) file=$OPTARG ;;
	B) build=$OPTARG ;;
	h) sed -n '2,18p' "$0"; exit 0 ;;
	*) exit 2 ;;
	esac
done

for tool in cmake gcc g++ jq python3; do
	command -v "$tool" >/dev/null || { echo "json-bench.sh: $tool is missing" >&2; exit 2; }
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Build everything with optimisation and no sanitizers.
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF \
	-DADC_SANITIZE= >/dev/null
cmake --build "$build" -j2 --target azdiskcrypt >/dev/null
gcc -O2 -I"$root/include" "$here/adc_json_bench.c" \
	"$build/lib/libazdiskcrypt.a" -o "$work/adc_json_bench"
g++ -O2 -std=c++17 "$here/simdjson_ref.cpp" -lsimdjson -o "$work/simdjson_ref"

if [ -z "$file" ]; then
	file=$work/estate.json
	echo "generating a ${size} MB az $kind list file..."
	python3 "$here/gen_estate.py" --kind "$kind" --size "$size" --seed 1 \
		-o "$file"
fi
bytes=$(wc -c <"$file")
cat "$file" >/dev/null	# warm the page cache: every tool reads it warm

# measure CMD...: runs CMD once; sets secs (wall), cpu (user + system)
# and rss_kb (peak).
measure() {
	local start end user sys
	if [ -x /usr/bin/time ]; then
		start=$EPOCHREALTIME
		/usr/bin/time -f '%M %U %S' -o "$work/rss" "$@" >/dev/null
		end=$EPOCHREALTIME
		read -r rss_kb user sys < <(tail -n 1 "$work/rss")
		secs=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }')
		cpu=$(awk -v a="$user" -v b="$sys" 'BEGIN { printf "%.2f", a + b }')
	else
		python3 - "$@" >"$work/m" <<'EOF'
import resource, subprocess, sys, time
t = time.perf_counter()
subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)
t = time.perf_counter() - t
u = resource.getrusage(resource.RUSAGE_CHILDREN)
print("%.3f %d %.2f" % (t, u.ru_maxrss, u.ru_utime + u.ru_stime))
EOF
		read -r secs rss_kb cpu <"$work/m"
	fi
}

# best NAME CMD...: best time and largest RSS over the runs.
declare -A best_s best_cpu best_rss
best() {
	local name=$1 i
	shift
	best_s[$name]=
	best_rss[$name]=0
	for ((i = 0; i < runs; i++)); do
		measure "$@"
		if [ -z "${best_s[$name]}" ] ||
		    awk -v a="$secs" -v b="${best_s[$name]}" 'BEGIN { exit !(a < b) }'; then
			best_s[$name]=$secs
			best_cpu[$name]=$cpu
		fi
		if [ "$rss_kb" -gt "${best_rss[$name]}" ]; then
			best_rss[$name]=$rss_kb
		fi
	done
}

names=(adc-full adc-skip simdjson jq python3)
best adc-full "$work/adc_json_bench" full "$file"
best adc-skip "$work/adc_json_bench" skip "$file"
best simdjson "$work/simdjson_ref" "$file"
best jq jq empty "$file"
best python3 python3 -c 'import json, sys; json.load(open(sys.argv[1], "rb"))' "$file"

echo
echo "file: $file ($bytes bytes, az $kind list shape), best of $runs runs"
printf '%-9s %7s %7s %7s %7s %8s %6s %6s %7s %7s\n' "" wall cpu MB/s MB/s \
	"peak RSS" "x jq" "x jq" "vs sj" "vs sj"
printf '%-9s %7s %7s %7s %7s %8s %6s %6s %7s %7s\n' tool s s wall cpu MB \
	wall cpu wall cpu
for name in "${names[@]}"; do
	awk -v n="$name" -v s="${best_s[$name]}" -v c="${best_cpu[$name]}" \
	    -v r="${best_rss[$name]}" -v b="$bytes" -v jq="${best_s[jq]}" \
	    -v jqc="${best_cpu[jq]}" -v sj="${best_s[simdjson]}" \
	    -v sjc="${best_cpu[simdjson]}" 'BEGIN {
		if (c < 0.01) c = 0.01
		printf "%-9s %7.3f %7.2f %7.1f %7.1f %8.1f %6.1f %6.1f %7.2f %7.2f\n",
		    n, s, c, b / s / 1e6, b / c / 1e6, r / 1024, jq / s,
		    jqc / c, sj / s, sjc / c }'
done
echo
echo "wall: elapsed time of the best run; cpu: its user + system time"
echo "(10 ms resolution); MB/s: file bytes per second of each; peak RSS"
echo "in MiB; x jq: times faster than jq; vs sj: throughput relative to"
echo "simdjson (above 1 = faster). Load average at the end:"
echo "$(cut -d' ' -f1-3 /proc/loadavg); other work on the machine slows"
echo "every tool's wall time, so compare within one run."
