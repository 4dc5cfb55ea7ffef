/* SPDX-License-Identifier: MIT */
/*
 * test_report.c: the report writers over a report built by hand. JSON and
 * SARIF output is read back with jq, and every SARIF file is handed to
 * Microsoft's SARIF validator (tests/sarif-validate.sh); a missing jq or
 * validator fails the test.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "adc.h"
#include "tap.h"

#define SUB "/subscriptions/00000000-0000-0000-0000-000000000001"
#define RG SUB "/resourceGroups/rg-app/providers/Microsoft.Compute"
#define VM_WEB RG "/virtualMachines/vm-web"
#define VM_DB RG "/virtualMachines/vm-db"
#define OS_WEB RG "/disks/vm-web_OsDisk"
#define OS_DB RG "/disks/vm-db_OsDisk"
#define DATA_DB RG "/disks/vm-db-data0"
#define LOOSE RG "/disks/loose-disk"
#define DES_OS RG "/diskEncryptionSets/des-os"

static char tmpdir[] = "/tmp/test_report.XXXXXX";

/* The estate and report every test renders. */
static struct adc_disk os_web, os_db, data_db, loose;
static struct adc_disk *disks[4] = { &os_web, &os_db, &data_db, &loose };
static struct adc_disk *db_data[1] = { &data_db };
static struct adc_vm vm_web, vm_db;
static struct adc_vm *vms[2] = { &vm_web, &vm_db };
static struct adc_des des_os;
static struct adc_des *des[1] = { &des_os };
static struct adc_estate estate;
static struct adc_finding findings[5];
static struct adc_vm_result results[2];
static struct adc_report report;

static const char *res_web[] = { VM_WEB, DES_OS };
static const char *res_db_disk[] = { DATA_DB };
static const char *res_des[] = { DES_OS };
static const char *res_loose[] = { LOOSE };
static const char *res_db[] = { VM_DB };

static void
set_finding(struct adc_finding *f, const char *rule, enum adc_severity sev,
    enum adc_finding_status status, const char *message,
    const char **resources, size_t n, unsigned long line)
{
	f->rule = rule;
	f->severity = sev;
	f->status = status;
	f->message = (char *)(uintptr_t)message;
	f->fix = "Turn off encryption at host, or remove Azure Disk "
	    "Encryption from the VM first and rebuild its disks.";
	f->source = "ADE-EAH";
	f->resources = resources;
	f->n_resources = n;
	f->origin.file = "inputs/vms.json";
	f->origin.line = line;
	f->origin.col = 5;
	f->origin.pointer = "/value/0";
}

static void
build_estate(void)
{
	os_web.id = OS_WEB;
	os_db.id = OS_DB;
	data_db.id = DATA_DB;
	loose.id = LOOSE;
	vm_web.id = VM_WEB;
	vm_web.name = "vm-web";
	vm_web.os_disk = &os_web;
	vm_db.id = VM_DB;
	/* A control character must never reach a terminal. */
	vm_db.name = "vm-db\033[2J";
	vm_db.os_disk = &os_db;
	vm_db.data_disks = db_data;
	data_db.lun = 2;
	vm_db.n_data_disks = 1;
	des_os.id = DES_OS;

	estate.vms = vms;
	estate.n_vms = 2;
	estate.disks = disks;
	estate.n_disks = 4;
	estate.des = des;
	estate.n_des = 1;
}

/* Sorted as adc_check sorts: severity first. */
static void
build_report(void)
{
	build_estate();
	set_finding(&findings[0], "ade-with-eah", ADC_SEV_ERROR,
	    ADC_FINDING_FAIL, "vm-web has Azure Disk Encryption and "
	    "encryption at host together, which Azure rejects; the message "
	    "goes on long enough to need wrapping at eighty columns",
	    res_web, 2, 12);
	set_finding(&findings[1], "temp-disk-unencrypted", ADC_SEV_WARNING,
	    ADC_FINDING_FAIL, "data disk of vm-db | with a pipe", res_db_disk,
	    1, 40);
	set_finding(&findings[2], "des-rotation", ADC_SEV_WARNING,
	    ADC_FINDING_FAIL, "des-os has automatic key rotation off",
	    res_des, 1, 60);
	set_finding(&findings[3], "key-expiry", ADC_SEV_NOTE,
	    ADC_FINDING_UNKNOWN, "the key behind des-os is not in the input; "
	    "export it with az keyvault key show to decide", res_loose, 1, 70);
	set_finding(&findings[4], "eah-feature", ADC_SEV_NOTE,
	    ADC_FINDING_FAIL, "a note about vm-db", res_db, 1, 30);
	findings[4].origin.file = "<stdin>";

	results[0].vm = &vm_web;
	results[0].scenario = adc_scenario_find("VM04");
	results[1].vm = &vm_db;
	results[1].no_scenario_reason = "Azure Disk Encryption is in use";

	report.findings = findings;
	report.n_findings = 5;
	report.vms = results;
	report.n_vms = 2;
	report.estate = &estate;
}

/* Render into a file under tmpdir; returns its path (static). */
static const char *
render(enum adc_format format, unsigned flags, const char *name)
{
	static char path[4][512];
	static int next;
	struct adc_diag diag;
	char *p = path[next++ % 4];
	FILE *fp;
	enum adc_status st;

	snprintf(p, 512, "%s/%s", tmpdir, name);
	fp = fopen(p, "w");
	if (fp == NULL)
		return p;
	adc_diag_init(&diag, NULL);
	st = adc_report_write_flags(&report, format, flags, fp, &diag);
	INT_EQ(st, ADC_OK, "adc_report_write succeeds");
	fclose(fp);
	return p;
}

static char *
slurp(const char *path)
{
	static char data[1 << 16];
	FILE *fp = fopen(path, "r");
	size_t n = 0;

	if (fp != NULL) {
		n = fread(data, 1, sizeof(data) - 1, fp);
		fclose(fp);
	}
	data[n] = '\0';
	return data;
}

/* The first line jq prints for filter over file (no newline). */
static const char *
jq(const char *file, const char *filter)
{
	static char out[4096];
	char cmd[1024];
	FILE *p;
	size_t n;

	snprintf(cmd, sizeof(cmd), "jq -r '%s' '%s' 2>&1", filter, file);
	out[0] = '\0';
	p = popen(cmd, "r");
	if (p == NULL)
		return out;
	n = fread(out, 1, sizeof(out) - 1, p);
	out[n] = '\0';
	if (pclose(p) != 0)
		snprintf(out, sizeof(out), "(jq failed: %s)", cmd);
	if (n > 0 && out[strlen(out) - 1] == '\n')
		out[strlen(out) - 1] = '\0';
	return out;
}

/* The whole file is one valid JSON value to the project's own strict
 * reader, as well as to jq. */
static bool
strict_json(const char *path)
{
	struct adc_json_reader *r;
	enum adc_json_event ev;
	const char *text = slurp(path);
	r = adc_json_open_buffer(text, strlen(text), path, NULL, NULL);
	if (r == NULL)
		return false;
	do
		ev = adc_json_next(r);
	while (ev != ADC_JSON_EOF && ev != ADC_JSON_ERROR);
	if (ev == ADC_JSON_ERROR)
		printf("# %s:%lu:%lu: %s\n", path, adc_json_diag(r)->line,
		    adc_json_diag(r)->col, adc_json_diag(r)->msg);
	adc_json_close(r);
	return ev == ADC_JSON_EOF;
}

static bool
has_line(const char *text, const char *line)
{
	size_t n = strlen(line);
	const char *p = text;

	while ((p = strstr(p, line)) != NULL) {
		if ((p == text || p[-1] == '\n') && p[n] == '\n')
			return true;
		p += n;
	}
	return false;
}

/* The widest line in columns (UTF-8 continuation bytes take none). */
static size_t
widest(const char *text)
{
	size_t w = 0, max = 0;

	for (; *text != '\0'; text++) {
		if (*text == '\n') {
			w = 0;
			continue;
		}
		if (((unsigned char)*text & 0xc0) != 0x80)
			w++;
		if (w > max)
			max = w;
	}
	return max;
}

static void
test_text(void)
{
	const char *t = slurp(render(ADC_FORMAT_TEXT, 0, "report.txt"));
	const char *web = strstr(t, "\nVM vm-web\n");
	const char *db = strstr(t, "\nVM vm-db");
	const char *other = strstr(t, "\nOther resources\n");
	const char *sum = "2 VMs, 4 disks, 1 DES checked: 1 error, "
	    "2 warnings, 1 note, 1 unknown\n";

	OK(strncmp(t, sum, strlen(sum)) == 0, "text: the summary line first");
	OK(web != NULL && db != NULL && other != NULL && web < db &&
	    db < other, "text: VMs in report order, then other resources");
	OK(has_line(t, "  scenario VM04: encryption at host with customer "
	    "key"), "text: a VM's scenario id and title");
	OK(has_line(t, "  no scenario: Azure Disk Encryption is in use"),
	    "text: a VM without a scenario says why");
	OK(has_line(t, "  error    ade-with-eah"),
	    "text: severity and rule aligned");
	OK(has_line(t, "  unknown  key-expiry"),
	    "text: an undecided finding is marked unknown");
	OK(has_line(t, "           resources: virtualMachines/vm-web, "
	    "diskEncryptionSets/des-os"), "text: resources by type and name");
	OK(has_line(t, "           at inputs/vms.json:12:5 (/value/0)"),
	    "text: where the resource starts");
	OK(strstr(t, "           fix: Turn off encryption at host") != NULL,
	    "text: the fix");
	OK(web != NULL && db != NULL && strstr(web, "ade-with-eah") < db,
	    "text: a VM's finding sits under that VM");
	OK(db != NULL && other != NULL &&
	    strstr(db, "temp-disk-unencrypted") < other,
	    "text: a finding about a VM's disk sits under that VM");
	OK(other != NULL && strstr(other, "des-rotation") != NULL &&
	    strstr(other, "key-expiry") != NULL,
	    "text: findings about other resources come last");
	INT_EQ(widest(t) <= 80, 1, "text: no line is wider than 80 columns");
	OK(strchr(t, '\033') == NULL, "text: no escape bytes without colour");
	OK(strstr(t, "VM vm-db?[2J") != NULL,
	    "text: control characters from the input are shown as '?'");
}

static void
test_text_color(void)
{
	const char *t = slurp(render(ADC_FORMAT_TEXT, ADC_REPORT_COLOR,
	    "color.txt"));

	OK(strstr(t, "  \033[1;31merror\033[0m    ade-with-eah\n") != NULL,
	    "colour: errors in red, alignment kept");
	OK(strstr(t, "\033[2J") == NULL,
	    "colour: input escape sequences still neutralised");
}

/* The lean components of check: each VM lists its disks once and the
 * components point into that list. vm-db has an OS disk (its LUN left
 * at 0, which an OS disk cannot have) and a data disk at LUN 2, both
 * known only by id. */
static void
test_json_disks(const char *f)
{
	STR_EQ(jq(f, ".vms[1].disks | map([.id, .lun]) | @json"),
	    "[[\"" OS_DB "\",null],[\"" DATA_DB "\",2]]",
	    "json: the OS disk without a LUN, then the data disk with its");
	STR_EQ(jq(f, "[.vms[1].components[] | select(.component == "
	    "\"host_cache\" or .component == \"transit\") | .disk] | @json"),
	    "[0,1,0,1]", "json: caches and transit point at their disks");
	STR_EQ(jq(f, "[.vms[1].components[] | select(has(\"disk\")) | "
	    ".component] | unique | @json"),
	    "[\"data_disk\",\"host_cache\",\"os_disk\",\"transit\"]",
	    "json: only disk components carry a disk member");
	STR_EQ(jq(f, "[.vms[].components[] | has(\"label\")] | any"),
	    "false", "json: no labels in check's components");
	STR_EQ(jq(f, "[.vms[].components[].layers[] | .[] | "
	    "select(. == false)] | length"), "0",
	    "json: layers carry no false member");
}

static void
test_json(void)
{
	const char *f = render(ADC_FORMAT_JSON, 0, "report.json");

	OK(strict_json(f), "json: the output is valid JSON");
	STR_EQ(jq(f, ".schema_version"), "2", "json: schema_version 2");
	STR_EQ(jq(f, ".tool.name"), "azdiskcrypt", "json: tool name");
	STR_EQ(jq(f, "[.summary | .vms, .disks, .disk_encryption_sets, "
	    ".findings, .errors, .warnings, .notes, .unknown] | @csv"),
	    "2,4,1,5,1,2,1,1", "json: summary counts");
	STR_EQ(jq(f, ".findings[0] | [.rule, .severity, .status] | @csv"),
	    "\"ade-with-eah\",\"error\",\"fail\"",
	    "json: rule, severity, status");
	STR_EQ(jq(f, ".findings[0].resources[1]"), DES_OS,
	    "json: resources are Azure ids as given");
	STR_EQ(jq(f, ".findings[0].location | [.file, .line, .column, "
	    ".pointer] | @csv"), "\"inputs/vms.json\",12,5,\"/value/0\"",
	    "json: location file, line, column, pointer");
	STR_EQ(jq(f, ".findings[0].source"), "ADE-EAH", "json: source key");
	OK(strncmp(jq(f, ".findings[0].fix"), "Turn off", 8) == 0,
	    "json: fix");
	STR_EQ(jq(f, ".findings[3] | [.severity, .status] | @csv"),
	    "\"note\",\"unknown\"", "json: undecided is a note, unknown");
	STR_EQ(jq(f, ".vms[0] | [.id, .name, .scenario] | @csv"),
	    "\"" VM_WEB "\",\"vm-web\",\"VM04\"",
	    "json: VM id, name, scenario");
	STR_EQ(jq(f, ".vms[0].no_scenario_reason"), "null",
	    "json: no reason when there is a scenario");
	STR_EQ(jq(f, ".vms[1] | [.scenario, .no_scenario_reason] | @json"),
	    "[null,\"Azure Disk Encryption is in use\"]",
	    "json: no scenario, and why");
	STR_EQ(jq(f, ".vms[1].findings | @json"), "[1,4]",
	    "json: a VM lists the indices of its findings");
	STR_EQ(jq(f, ".vms[1].name | explode | .[5]"), "27",
	    "json: names are carried exactly, escaped");
	STR_EQ(jq(f, ".vms[0].components | type"), "array",
	    "json: an analysed VM has its components");
	STR_EQ(jq(f, ".vms[0].components[0] | has(\"component\")"), "true",
	    "json: components are objects");
	STR_EQ(jq(f, ".vms[1].components[0].component"), "os_disk",
	    "json: every VM's components are derived as it is written");
	test_json_disks(f);
}

static void
validate_sarif(const char *file, const char *what)
{
	char cmd[1024];
	const char *src = getenv("ADC_SOURCE_DIR");

	snprintf(cmd, sizeof(cmd), "bash '%s/tests/sarif-validate.sh' '%s'",
	    src != NULL ? src : ".", file);
	INT_EQ(system(cmd), 0, what);
}

static void
test_sarif_fields(const char *f)
{
	STR_EQ(jq(f, ".version"), "2.1.0", "sarif: version 2.1.0");
	STR_EQ(jq(f, ".runs[0].tool.driver.name"), "azdiskcrypt",
	    "sarif: driver name");
	STR_EQ(jq(f, ".runs[0].tool.driver.version"), adc_version(),
	    "sarif: driver version");
	STR_EQ(jq(f, ".runs[0].tool.driver.rules | length"), "5",
	    "sarif: one rule per rule id that fired");
	STR_EQ(jq(f, ".runs[0] as $r | [$r.results[] | "
	    "$r.tool.driver.rules[.ruleIndex].id == .ruleId] | all"), "true",
	    "sarif: every ruleIndex points at its rule");
	STR_EQ(jq(f, ".runs[0].tool.driver.rules[0] | "
	    "[.id, .defaultConfiguration.level, .properties.source] | @csv"),
	    "\"ade-with-eah\",\"error\",\"ADE-EAH\"",
	    "sarif: rule id, level, source key");
	OK(strstr(jq(f, ".runs[0].tool.driver.rules[0].help.text"),
	    "Fix: Turn off encryption at host") != NULL,
	    "sarif: the rule's help carries the fix");
	STR_EQ(jq(f, ".runs[0].results | map(.level) | @csv"),
	    "\"error\",\"warning\",\"warning\",\"note\",\"note\"",
	    "sarif: levels");
	STR_EQ(jq(f, ".runs[0].results[3].properties.status"), "unknown",
	    "sarif: an undecided finding says unknown");
	STR_EQ(jq(f, ".runs[0].results[0].locations[0].physicalLocation | "
	    "[.artifactLocation.uri, .region.startLine, .region.startColumn]"
	    " | @csv"), "\"inputs/vms.json\",12,5",
	    "sarif: file, line and column of the resource");
	STR_EQ(jq(f, ".runs[0].results[0].locations[0].logicalLocations | "
	    "map(.fullyQualifiedName) | @csv"), "\"" VM_WEB "\",\"" DES_OS
	    "\"", "sarif: logical locations carry the resource ids");
	STR_EQ(jq(f, ".runs[0].results[4].locations[0] | "
	    "has(\"physicalLocation\")"), "false",
	    "sarif: standard input gets no physical location");
	STR_EQ(jq(f, ".runs[0].results[0].message.text | .[0:6]"), "vm-web",
	    "sarif: message text");
}

static void
test_sarif(void)
{
	const char *f = render(ADC_FORMAT_SARIF, 0, "report.sarif");

	OK(strict_json(f), "sarif: the output is valid JSON");
	test_sarif_fields(f);
	validate_sarif(f, "sarif: the validator finds no error");

	/* Names that are not plain URI path characters. */
	findings[0].origin.file = "./my dir/a:b.json";
	findings[1].origin.file = "/tmp/x y.json";
	f = render(ADC_FORMAT_SARIF, 0, "names.sarif");
	STR_EQ(jq(f, ".runs[0].results[0].locations[0].physicalLocation."
	    "artifactLocation.uri"), "my%20dir/a%3Ab.json",
	    "sarif: a relative name stays relative, percent-encoded");
	STR_EQ(jq(f, ".runs[0].results[1].locations[0].physicalLocation."
	    "artifactLocation.uri"), "file:///tmp/x%20y.json",
	    "sarif: an absolute name becomes a file URI");
	validate_sarif(f, "sarif: encoded names pass the validator");
	findings[0].origin.file = "inputs/vms.json";
	findings[1].origin.file = "inputs/vms.json";
}

static size_t
count_cells(const char *line)
{
	size_t n = 0;

	for (; *line != '\0' && *line != '\n'; line++) {
		if (*line == '|' && line[-1] != '\\')
			n++;
	}
	return n;
}

static void
test_markdown(void)
{
	const char *t = slurp(render(ADC_FORMAT_MARKDOWN, 0, "report.md"));
	const char *row = strstr(t, "| **error** | ade-with-eah | ");

	OK(strstr(t, "2 VMs, 4 disks, 1 DES checked: **1 error**, 2 warnings,"
	    " 1 note, 1 unknown") != NULL, "markdown: summary");
	OK(has_line(t, "| Severity | Rule | Resources | Message | Fix | "
	    "Location |"), "markdown: findings table header");
	OK(row != NULL, "markdown: errors in bold");
	INT_EQ(row != NULL ? count_cells(row) : 0, 7,
	    "markdown: a row has as many cells as the header");
	OK(strstr(t, "data disk of vm\\-db \\| with a pipe") != NULL ||
	    strstr(t, "data disk of vm-db \\| with a pipe") != NULL,
	    "markdown: a pipe in a message is escaped");
	OK(has_line(t, "| vm-web | VM04 | 1 | 0 | 0 | 0 |"),
	    "markdown: a VM row with its scenario and counts");
	OK(has_line(t, "| vm-db \\[2J | none: Azure Disk Encryption is in use"
	    " | 0 | 1 | 1 | 0 |"), "markdown: no scenario, and why");
	OK(strstr(t, "virtualMachines/vm-web<br>diskEncryptionSets/des-os")
	    != NULL, "markdown: resources one per line in the cell");
	OK(has_line(t, "| Rule | Errors | Warnings | Notes | Unknown |"),
	    "markdown: a table of counts per rule");
	OK(has_line(t, "| ade-with-eah | 1 | 0 | 0 | 0 |"),
	    "markdown: the error's rule, counted");
	OK(has_line(t, "| key-expiry | 0 | 0 | 0 | 1 |"),
	    "markdown: an unknown finding counts as unknown");
	OK(strstr(t, "#### By rule") != NULL && strstr(t, "#### By rule") <
	    strstr(t, "#### Findings"), "markdown: counts come first");
}

/* Many findings: output passes the 64 KiB chunk, Markdown stops its
 * table at 200 rows. */
static void
test_many(void)
{
	static struct adc_finding many[3000];
	struct adc_report saved = report;
	const char *f;
	size_t i;

	for (i = 0; i < 3000; i++)
		many[i] = findings[i % 5];
	report.findings = many;
	report.n_findings = 3000;
	f = render(ADC_FORMAT_JSON, 0, "many.json");
	STR_EQ(jq(f, ".findings | length"), "3000",
	    "many: every finding in the JSON");
	STR_EQ(jq(f, ".vms[1].findings | length"), "1200",
	    "many: a VM's finding indices");
	f = render(ADC_FORMAT_SARIF, 0, "many.sarif");
	STR_EQ(jq(f, ".runs[0].results | length"), "3000",
	    "many: every finding in the SARIF");
	validate_sarif(f, "many: the SARIF passes the validator");
	f = render(ADC_FORMAT_MARKDOWN, 0, "many.md");
	OK(strstr(slurp(f), "\n2800 more findings are not shown;") != NULL,
	    "many: Markdown says how many rows it left out");
	/* 3000 findings cycle through five rules: 600 each, all counted. */
	OK(has_line(slurp(f), "| temp-disk-unencrypted | 0 | 600 | 0 | 0 |"),
	    "many: the counts per rule cover every finding");
	report = saved;
}

static void
test_empty(void)
{
	struct adc_report saved = report;
	const char *f;

	memset(&report, 0, sizeof(report));
	STR_EQ(slurp(render(ADC_FORMAT_TEXT, 0, "empty.txt")),
	    "0 VMs, 0 disks, 0 DES checked: 0 errors, 0 warnings, 0 notes, "
	    "0 unknown\n", "empty: text is the summary alone");
	f = render(ADC_FORMAT_JSON, 0, "empty.json");
	STR_EQ(jq(f, "[.findings, .vms] | @json"), "[[],[]]",
	    "empty: JSON arrays are empty, not missing");
	f = render(ADC_FORMAT_SARIF, 0, "empty.sarif");
	STR_EQ(jq(f, "[.runs[0].results, .runs[0].tool.driver.rules] | "
	    "@json"), "[[],[]]", "empty: SARIF has empty results");
	validate_sarif(f, "empty: the SARIF passes the validator");
	f = slurp(render(ADC_FORMAT_MARKDOWN, 0, "empty.md"));
	OK(strstr(f, "No findings.") != NULL, "empty: Markdown says no findings");
	OK(strstr(f, "#### By rule") == NULL, "empty: and no counts per rule");
	report = saved;
}

static void
test_write_error(void)
{
	struct adc_diag diag;
	FILE *fp = fopen("/dev/full", "w");

	adc_diag_init(&diag, NULL);
	INT_EQ(adc_report_write(&report, ADC_FORMAT_JSON, fp, &diag),
	    ADC_EIO, "a failed write is ADC_EIO");
	OK(strstr(diag.msg, "cannot write") != NULL,
	    "the diag says the write failed");
	if (fp != NULL)
		fclose(fp);
	adc_diag_init(&diag, NULL);
	INT_EQ(adc_report_write(&report, (enum adc_format)42, stdout, &diag),
	    ADC_EINVAL, "an unknown format is ADC_EINVAL");
}

static void
cleanup(void)
{
	char cmd[600];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", tmpdir);
}

int
main(void)
{
	if (mkdtemp(tmpdir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	build_report();
	test_text();
	test_text_color();
	test_json();
	test_sarif();
	test_markdown();
	test_many();
	test_empty();
	test_write_error();
	cleanup();
	return tap_done();
}
