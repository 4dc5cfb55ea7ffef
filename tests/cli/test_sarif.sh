#!/usr/bin/env bash
# test_sarif.sh: every SARIF log "check" writes here passes Microsoft's
# SARIF Multitool with no error: one per fixture, all fixtures together,
# and a log with findings. The validator itself is checked too: it must
# reject a broken log, and a missing validator fails instead of skipping.
. "$ADC_SOURCE_DIR/tests/cli/lib.sh"

validate="$ADC_SOURCE_DIR/tests/sarif-validate.sh"
fixtures=$ADC_FIXTURES/azure
sub=/subscriptions/00000000-0000-0000-0000-000000000001
rg=$sub/resourceGroups/rg-app/providers/Microsoft.Compute

# A VM with ADE and encryption at host, so the log has an error result.
cat >"$tmp/vm-ade-eah.json" <<EOT
{
  "id": "$rg/virtualMachines/vm-ade",
  "name": "vm-ade",
  "type": "Microsoft.Compute/virtualMachines",
  "location": "westeurope",
  "hardwareProfile": { "vmSize": "Standard_D2ds_v4" },
  "securityProfile": { "encryptionAtHost": true },
  "storageProfile": {
    "osDisk": {
      "osType": "Linux",
      "name": "vm-ade_OsDisk",
      "managedDisk": { "id": "$rg/disks/vm-ade_OsDisk" },
      "encryptionSettings": {
        "enabled": true,
        "diskEncryptionKey": {
          "secretUrl": "https://kv-app.vault.azure.net/secrets/bek/0123456789abcdef0123456789abcdef"
        }
      }
    },
    "dataDisks": []
  }
}
EOT

# The validator is there, and it is not a rubber stamp.
check "the SARIF Multitool is installed" test -x \
	"$ADC_SOURCE_DIR/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"
mkdir "$tmp/empty"
check "a missing validator fails, never skips" bash -c \
	"! ADC_SOURCE_DIR='$tmp/empty' bash '$validate' '$tmp/vm-ade-eah.json' \
	2>/dev/null"

# Paths relative to where check runs end up as relative URIs, the way
# code scanning resolves them against the repository root.
cd "$tmp" || exit 1
run_status 1 "check writes SARIF for an error" check --format sarif \
	-o findings.sarif vm-ade-eah.json
check "the error points at the input file as given" test "$(jq -r \
	'.runs[0].results[] | select(.ruleId == "ade-with-eah") |
	 .locations[0].physicalLocation.artifactLocation.uri' findings.sarif |
	 head -1)" = vm-ade-eah.json
check "the error has a start line and column" test "$(jq \
	'[.runs[0].results[].locations[0].physicalLocation.region |
	 (.startLine > 0 and .startColumn > 0)] | all' findings.sarif)" = true
check "every ruleIndex points at its rule" test "$(jq \
	'.runs[0] as $r | [$r.results[] |
	 $r.tool.driver.rules[.ruleIndex].id == .ruleId] | all' \
	findings.sarif)" = true
check "the SARIF with findings passes the validator" \
	bash "$validate" findings.sarif

# Minified JSON puts resources after non-ASCII text on one line. SARIF
# counts columns in UTF-16 code units: in the first VM, the e with an
# acute accent (2 bytes in UTF-8) is one unit and the key emoji (4 bytes)
# two, so the second VM's column is 4 less than its byte column. Python
# counts the units independently.
printf '[{"id":"%s/virtualMachines/a","name":"vm-\303\251\360\237\224\221","tags":{"t":"\303\251"}},{"id":"%s/virtualMachines/b","name":"b","securityProfile":{"encryptionAtHost":true},"storageProfile":{"osDisk":{"encryptionSettings":{"enabled":true}}}}]\n' \
	"$rg" "$rg" >minified.json
run_status 1 "check writes SARIF for minified JSON" check --format sarif \
	-o minified.sarif minified.json
want=$(python3 -c '
line = open("minified.json", encoding="utf-8").read()
i = line.index("{", line.index("}}") + 2)
print(len(line[:i].encode("utf-16-le")) // 2 + 1)')
check "the second VM's column counts UTF-16 code units ($want)" test \
	"$(jq '[.runs[0].results[] | select(.ruleId == "ade-with-eah") |
	 .locations[0].physicalLocation.region.startColumn] | first' \
	 minified.sarif)" = "$want"
check "the SARIF for minified JSON passes the validator" \
	bash "$validate" minified.sarif
jq 'del(.runs[0].tool.driver.name)' findings.sarif >broken.sarif
check "the validator rejects a log without a driver name" \
	bash -c "! bash '$validate' broken.sarif 2>/dev/null"
cd - >/dev/null || exit 1

# Every resource fixture goes through check; those it reads (a few are
# shapes it rejects with a clear input error, such as a list of bare
# ids) go into one log per fixture directory and one for all of them.
# ARM templates are not inputs check reads, so quickstart-templates/ is
# not among them. Validating takes about a second a log, hence a few
# large logs rather than one per fixture.
cd "$fixtures" || exit 1
read_ok=()
while IFS= read -r f; do
	"$ADC" check --format json --fail-on never -o "$tmp/one.json" "$f" \
		2>"$tmp/err"
	rc=$?
	if [ "$rc" -eq 0 ]; then
		read_ok+=("$f")
	elif [ "$rc" -eq 2 ] && grep -Eq "^azdiskcrypt: $f:[0-9]+:[0-9]+: " \
		"$tmp/err"; then
		ok "$f: rejected with file:line:col ($(head -c 120 "$tmp/err"))"
	else
		not_ok "check reads $f" "exit $rc: $(head -c 300 "$tmp/err")"
	fi
done < <(find cli-recordings rest-api-examples -name '*.json' | sort)
check "check reads most fixtures (${#read_ok[@]})" test "${#read_ok[@]}" -ge 25

logs=()
for dir in cli-recordings rest-api-examples/ComputeRP \
	rest-api-examples/DiskRP rest-api-examples/ResourceGraph; do
	files=()
	for f in "${read_ok[@]}"; do
		case $f in "$dir"/*) files+=("$f") ;; esac
	done
	set -- "${files[@]}"
	out="$tmp/$(echo "$dir" | tr / -).sarif"
	if [ $# -eq 0 ]; then
		not_ok "check read no fixture of $dir"
		continue
	fi
	run_status 0 "check --format sarif on $dir ($# files)" check \
		--format sarif --fail-on never -o "$out" "$@"
	logs+=("$out")
done
run_status 0 "check --format sarif on all fixtures together" check \
	--format sarif --fail-on never -o "$tmp/all.sarif" "${read_ok[@]}"
logs+=("$tmp/all.sarif")
check "fixture logs have results" test "$(jq '.runs[0].results | length' \
	"$tmp/all.sarif")" -gt 0
check "fixture results point at the fixtures as given" test "$(jq -r \
	'[.runs[0].results[].locations[0].physicalLocation.artifactLocation.uri
	  | startswith("cli-recordings/") or startswith("rest-api-examples/")]
	 | all' "$tmp/all.sarif")" = true
cd - >/dev/null || exit 1

for f in "${logs[@]}"; do
	check "validator: $(basename "$f")" bash "$validate" "$f"
done

finish
