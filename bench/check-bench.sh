#!/usr/bin/env bash
# check-bench.sh: time `azdiskcrypt check --format json` against a jq
# program that computes only the three simplest rules (encryption at host
# off, OS disk without a DES, DES auto-rotation off) over the same files,
# in one run, and print wall time, CPU time, peak RSS and the ratios.
# check reads the files with two threads by default; it is timed with one
# thread too (AZDISKCRYPT_JOBS=1), and the importer alone (read and link
# in one thread, bench/check-import.c).
#
#   bench/check-bench.sh [-n VMS] [-d DIR] [-b BINARY] [-r RUNS]
#
#   -n VMS     VMs in the generated estate (default 50000, about 500 MB)
#   -d DIR     where the estate lives; generated there by check-gen.py
#              when DIR holds no vms-1.json (default /tmp/adc-check-bench)
#   -b BINARY  the azdiskcrypt to time (default build-rel/azdiskcrypt,
#              built in Release mode when missing)
#   -r RUNS    runs per tool; the fastest is reported (default 1)
#
# Needs python3, jq and GNU time (/usr/bin/time -v); a missing tool is an
# error, not a skip.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
vms=50000
dir=/tmp/adc-check-bench
bin=
runs=1

while getopts "n:d:b:r:h" opt; do
	case $opt in
	n) vms=$OPTARG ;;
	d) dir=$OPTARG ;;
	b) bin=$OPTARG ;;
	r) runs=$OPTARG ;;
	h) sed -n '2,20p' "$0"; exit 0 ;;
	*) exit 2 ;;
	esac
done

for tool in python3 jq gcc; do
	command -v "$tool" >/dev/null ||
		{ echo "check-bench.sh: $tool is missing" >&2; exit 2; }
done
[ -x /usr/bin/time ] ||
	{ echo "check-bench.sh: GNU time (/usr/bin/time) is missing" >&2
	  exit 2; }

if [ -z "$bin" ]; then
	bin=$root/build-rel/azdiskcrypt
	if [ ! -x "$bin" ]; then
		cmake -S "$root" -B "$root/build-rel" \
			-DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF \
			>/dev/null
		cmake --build "$root/build-rel" -j2 >/dev/null
	fi
fi
[ -x "$bin" ] || { echo "check-bench.sh: no binary at $bin" >&2; exit 2; }

if [ ! -f "$dir/vms-1.json" ]; then
	echo "generating $vms VMs in $dir..."
	python3 "$here/check-gen.py" --vms "$vms" --files 4 -o "$dir"
fi
files=("$dir"/vms-*.json "$dir"/disks-*.json "$dir"/des.json \
	"$dir"/vaults.json)
bytes=$(cat "${files[@]}" | wc -c)

# The three simplest rules, as jq would compute them: no more.
read -r -d '' jqprog <<'EOF' || true
reduce (inputs | if type == "array" then .[] else . end) as $r
  ({eah_off: 0, os_disk_no_des: 0, des_rotation_off: 0};
   (($r.type // "") | ascii_downcase) as $t
   | if $t == "microsoft.compute/virtualmachines" then
       .eah_off += (if ($r.securityProfile.encryptionAtHost // false)
                    then 0 else 1 end)
       | .os_disk_no_des += (if ($r.storageProfile.osDisk.managedDisk
                                 | (.diskEncryptionSet.id // .securityProfile
                                    .diskEncryptionSet.id)) == null
                             then 1 else 0 end)
     elif $t == "microsoft.compute/diskencryptionsets" then
       .des_rotation_off += (if $r.rotationToLatestKeyVersionEnabled == true
                             then 0 else 1 end)
     else . end)
EOF

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The importer alone, against the same library build as the binary.
lib=$(dirname "$bin")/lib/libazdiskcrypt.a
[ -f "$lib" ] || { echo "check-bench.sh: no library at $lib" >&2; exit 2; }
gcc -O2 -I"$root/include" "$here/check-import.c" "$lib" -o "$work/import"

# run NAME CMD...: the fastest of $runs runs; sets secs, cpu (user +
# system seconds: wall time alone misleads on a busy machine) and rss_kb.
run() {
	local name=$1 best='' best_rss='' best_cpu='' i s r c
	shift
	for ((i = 0; i < runs; i++)); do
		if ! /usr/bin/time -v -o "$work/$name.time" "$@" \
			>"$work/$name.out" 2>"$work/$name.err"; then
			echo "check-bench.sh: $name failed:" >&2
			cat "$work/$name.err" >&2
			exit 1
		fi
		s=$(awk -F': ' '/Elapsed \(wall clock\)/ {
			n = split($2, p, ":"); t = 0
			for (j = 1; j <= n; j++) t = t * 60 + p[j]
			print t }' "$work/$name.time")
		r=$(awk -F': ' '/Maximum resident set size/ { print $2 }' \
			"$work/$name.time")
		c=$(awk -F': ' '/(User|System) time \(seconds\)/ { t += $2 }
			END { print t }' "$work/$name.time")
		if [ -z "$best" ] || awk "BEGIN { exit !($s < $best) }"; then
			best=$s
			best_rss=$r
			best_cpu=$c
		fi
	done
	secs=$best
	cpu=$best_cpu
	rss_kb=$best_rss
}

run adc "$bin" check --format json --fail-on never "${files[@]}"
adc_s=$secs
adc_cpu=$cpu
adc_rss=$rss_kb
run adc1 env AZDISKCRYPT_JOBS=1 "$bin" check --format json --fail-on never \
	"${files[@]}"
one_s=$secs
one_cpu=$cpu
one_rss=$rss_kb
run import "$work/import" "${files[@]}"
imp_s=$secs
imp_cpu=$cpu
imp_rss=$rss_kb
run jq jq -n -c "$jqprog" "${files[@]}"
jq_s=$secs
jq_cpu=$cpu
jq_rss=$rss_kb

mb=$(awk "BEGIN { printf \"%.1f\", $bytes / 1048576 }")
echo "input: ${#files[@]} files, $mb MB, $vms VMs"
echo "jq (3 rules): $(cat "$work/jq.out")"
echo "import: $(cat "$work/import.out")"
awk -v a="$adc_s" -v ac="$adc_cpu" -v ar="$adc_rss" -v j="$jq_s" \
	-v o="$one_s" -v oc="$one_cpu" -v or="$one_rss" \
	-v jc="$jq_cpu" -v jr="$jq_rss" -v mb="$mb" -v i="$imp_s" \
	-v ic="$imp_cpu" -v ir="$imp_rss" 'BEGIN {
	printf "%-20s %9s %9s %9s %12s\n", "tool", "wall s", "cpu s",
	    "MB/s", "peak RSS MB"
	printf "%-20s %9.2f %9.2f %9.1f %12.1f\n", "azdiskcrypt check", a, ac,
	    mb / (a > 0 ? a : 0.001), ar / 1024
	printf "%-20s %9.2f %9.2f %9.1f %12.1f\n", "check, one thread", o,
	    oc, mb / (o > 0 ? o : 0.001), or / 1024
	printf "%-20s %9.2f %9.2f %9.1f %12.1f\n", "import and link", i,
	    ic, mb / (i > 0 ? i : 0.001), ir / 1024
	printf "%-20s %9.2f %9.2f %9.1f %12.1f\n", "jq, 3 rules", j, jc,
	    mb / (j > 0 ? j : 0.001), jr / 1024
	printf "jq / check: wall %.1fx, cpu %.1fx\n", j / (a > 0 ? a : 0.001),
	    jc / (ac > 0 ? ac : 0.001)
	printf "jq / check, one thread: wall %.1fx, cpu %.1fx\n",
	    j / (o > 0 ? o : 0.001), jc / (oc > 0 ? oc : 0.001)
	printf "jq / import: wall %.1fx, cpu %.1fx\n", j / (i > 0 ? i : 0.001),
	    jc / (ic > 0 ? ic : 0.001)
	printf "check peak RSS / input: %.3f\n", (ar / 1024) / mb
	printf "check, one thread, peak RSS / input: %.3f\n",
	    (or / 1024) / mb
	printf "import peak RSS / input: %.3f\n", (ir / 1024) / mb
	printf "jq peak RSS / check peak RSS: %.1fx\n", jr / (ar > 0 ? ar : 1)
}'
