# lib.sh: helpers for the shell tests. Source it; it expects $ADC (the
# built program). Each check prints "ok"/"not ok"; finish prints the
# closing "N passed, N failed" line and exits non-zero on any failure.
set -u
pass=0
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ok() {
	pass=$((pass + 1))
	echo "ok $((pass + fail)) - $1"
}

not_ok() {
	fail=$((fail + 1))
	echo "not ok $((pass + fail)) - $1"
	[ $# -gt 1 ] && printf '#   %s\n' "$2"
	return 0
}

# check DESC COMMAND...: passes when COMMAND exits 0.
check() {
	desc=$1
	shift
	if "$@"; then ok "$desc"; else not_ok "$desc"; fi
}

# run_status WANT DESC ARGS...: runs $ADC ARGS, output in $tmp/out and
# $tmp/err, and checks the exit status.
run_status() {
	want=$1
	desc=$2
	shift 2
	"$ADC" "$@" >"$tmp/out" 2>"$tmp/err"
	got=$?
	if [ "$got" -eq "$want" ]; then
		ok "$desc"
	else
		not_ok "$desc" "exit $got, expected $want; stderr: $(head -c 300 "$tmp/err")"
	fi
}

# contains FILE TEXT DESC: FILE contains TEXT (fixed string).
contains() {
	if grep -qF -- "$2" "$1"; then ok "$3"; else not_ok "$3" "no '$2' in $1"; fi
}

lacks() {
	if grep -qF -- "$2" "$1"; then not_ok "$3" "unexpected '$2' in $1"; else ok "$3"; fi
}

finish() {
	echo "1..$((pass + fail))"
	echo "$pass passed, $fail failed"
	[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
}
