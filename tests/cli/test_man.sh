#!/usr/bin/env bash
# test_man.sh: the man page renders without warnings, and documents every
# long option that the documented commands' --help prints.
# shellcheck source=tests/cli/lib.sh
. "$ADC_SOURCE_DIR/tests/cli/lib.sh"

page="$ADC_SOURCE_DIR/man/azdiskcrypt.1"

if command -v groff >/dev/null; then
	groff -mandoc -Tutf8 -ww -z "$page" 2>"$tmp/groff"
	if [ -s "$tmp/groff" ]; then
		not_ok "groff renders the page without warnings" \
		    "$(head -3 "$tmp/groff")"
	else
		ok "groff renders the page without warnings"
	fi
else
	not_ok "groff is installed"
fi

# Each command's --help options must appear as ".Fl -NAME" in the page.
for cmd in scenarios explain script recommend blast-radius check; do
	run_status 0 "$cmd --help exits 0" "$cmd" --help
	contains "$page" ".Cm $cmd" "the page has the $cmd command"
	opts=$(grep -oE -- '--[a-z][a-z-]*' "$tmp/out" | sort -u)
	[ -n "$opts" ] || not_ok "$cmd --help lists long options"
	for opt in $opts; do
		contains "$page" "Fl -${opt#--}" "$cmd $opt is in the man page"
	done
done

# Every command of the main help has a place in the page.
run_status 0 "--help exits 0" --help
awk '/^Commands:/ { on = 1; next } on && /^  [a-z]/ { print $1 }' \
    "$tmp/out" >"$tmp/commands"
while read -r cmd; do
	contains "$page" ".Cm $cmd" "the page documents $cmd"
done <"$tmp/commands"

finish
