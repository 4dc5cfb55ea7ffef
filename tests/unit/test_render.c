/* SPDX-License-Identifier: MIT */
/*
 * test_render.c: matrix cell labels (the grammar in docs/json-output.md),
 * word wrapping, Markdown escaping, and the JSON of components in both
 * shapes: full (explain, docs/json-output.md) and lean (check,
 * docs/check-json.md).
 */
#include "render.h"
#include "tap.h"

static struct adc_layer
layer(enum adc_layer_kind kind, enum adc_key_owner owner,
    enum adc_key_store store)
{
	struct adc_layer l;

	memset(&l, 0, sizeof(l));
	l.kind = kind;
	l.owner = owner;
	l.store = store;
	l.source = "DE";
	return l;
}

static void
test_layer_labels(void)
{
	struct adc_layer l;
	char buf[32];

	l = layer(ADC_LAYER_SSE_PMK, ADC_OWNER_PLATFORM, ADC_STORE_PLATFORM);
	adc_layer_label(&l, ADC_LABEL_LONG, buf, sizeof(buf));
	STR_EQ(buf, "SSE/PMK", "SSE with platform key");
	adc_layer_label(&l, ADC_LABEL_SHORT, buf, sizeof(buf));
	STR_EQ(buf, "Sp", "SSE with platform key, short");

	l = layer(ADC_LAYER_EAH, ADC_OWNER_CUSTOMER, ADC_STORE_MANAGED_HSM);
	adc_layer_label(&l, ADC_LABEL_LONG, buf, sizeof(buf));
	STR_EQ(buf, "EAH/CMK", "host with customer key");
	adc_layer_label(&l, ADC_LABEL_SHORT, buf, sizeof(buf));
	STR_EQ(buf, "Hc", "host with customer key, short");

	l = layer(ADC_LAYER_SIZE_TEMP, ADC_OWNER_PLATFORM, ADC_STORE_PLATFORM);
	l.disputed = true;
	adc_layer_label(&l, ADC_LABEL_LONG, buf, sizeof(buf));
	STR_EQ(buf, "SIZE/PMK!", "a disputed layer is marked");
	adc_layer_label(&l, ADC_LABEL_SHORT, buf, sizeof(buf));
	STR_EQ(buf, "Zp!", "a disputed layer is marked, short");

	l = layer(ADC_LAYER_CONFIDENTIAL_MEMORY, ADC_OWNER_PLATFORM,
	    ADC_STORE_HARDWARE);
	adc_layer_label(&l, ADC_LABEL_LONG, buf, sizeof(buf));
	STR_EQ(buf, "MEM/HW", "memory key held by the CPU");

	l = layer(ADC_LAYER_SSE_CMK, ADC_OWNER_UNKNOWN, ADC_STORE_UNKNOWN);
	adc_layer_label(&l, ADC_LABEL_LONG, buf, sizeof(buf));
	STR_EQ(buf, "SSE/?", "unknown owner");
}

static void
test_cells(void)
{
	struct adc_component_layers c;
	char buf[64];

	memset(&c, 0, sizeof(c));
	c.present = ADC_PRESENT_NO;
	c.complete = true;
	adc_component_cell(&c, ADC_LABEL_LONG, buf, sizeof(buf));
	STR_EQ(buf, "none", "absent is none, not unencrypted");

	c.present = ADC_PRESENT_YES;
	adc_component_cell(&c, ADC_LABEL_LONG, buf, sizeof(buf));
	STR_EQ(buf, "-", "present without a layer is '-'");

	c.complete = false;
	adc_component_cell(&c, ADC_LABEL_LONG, buf, sizeof(buf));
	STR_EQ(buf, "?", "nothing known is '?'");

	c.n_layers = 2;
	c.layers[0] = layer(ADC_LAYER_DOUBLE_PMK, ADC_OWNER_PLATFORM,
	    ADC_STORE_PLATFORM);
	c.layers[1] = layer(ADC_LAYER_SSE_CMK, ADC_OWNER_CUSTOMER,
	    ADC_STORE_KEY_VAULT);
	adc_component_cell(&c, ADC_LABEL_LONG, buf, sizeof(buf));
	STR_EQ(buf, "DBL/PMK+SSE/CMK?", "layers outermost first, incomplete");
	adc_component_cell(&c, ADC_LABEL_LONG, buf, 8);
	STR_EQ(buf, "DBL/PMK", "a small buffer truncates safely");
}

static void
test_analysis_cell(void)
{
	struct adc_component_layers cs[3];
	struct adc_analysis a = { NULL, 3, cs };
	char buf[64];

	memset(cs, 0, sizeof(cs));
	cs[0].component = ADC_COMP_HOST_CACHE;
	cs[0].present = ADC_PRESENT_YES;
	cs[0].complete = true;
	cs[0].n_layers = 1;
	cs[0].layers[0] = layer(ADC_LAYER_EAH, ADC_OWNER_PLATFORM,
	    ADC_STORE_PLATFORM);
	cs[1] = cs[0];
	cs[2] = cs[0];
	cs[2].layers[0].owner = ADC_OWNER_CUSTOMER;

	adc_analysis_cell(&a, ADC_COMP_HOST_CACHE, ADC_LABEL_SHORT, buf,
	    sizeof(buf));
	STR_EQ(buf, "Hp,Hc", "distinct cells joined by ','");
	adc_analysis_cell(&a, ADC_COMP_DATA_DISK, ADC_LABEL_SHORT, buf,
	    sizeof(buf));
	STR_EQ(buf, "none", "no component of the kind is none");
}

static void
test_wrapped(void)
{
	struct adc_buf b;

	adc_buf_init(&b, 0);
	adc_render_wrapped(&b, "- ", "  ", "aaa bbb  ccc dddddddddd", 9);
	STR_EQ(b.data, "- aaa bbb\n  ccc\n  dddddddddd\n",
	    "wraps at the width; a long word stays whole");
	adc_buf_free(&b);

	adc_buf_init(&b, 0);
	adc_render_md_escaped(&b, "a|b*c _d_ D2s_v5\ne");
	STR_EQ(b.data, "a\\|b\\*c \\_d\\_ D2s_v5 e",
	    "Markdown metacharacters escaped, not inside a word");
	adc_buf_free(&b);
}

/* The temp disk of a VM with encryption at host, as test_json writes
 * it in both shapes. */
static void
temp_disk_eah(struct adc_component_layers *c)
{
	memset(c, 0, sizeof(*c));
	c->component = ADC_COMP_TEMP_DISK;
	snprintf(c->label, sizeof(c->label), "temp disk");
	c->present = ADC_PRESENT_YES;
	c->complete = true;
	c->n_layers = 1;
	c->layers[0] = layer(ADC_LAYER_EAH, ADC_OWNER_PLATFORM,
	    ADC_STORE_PLATFORM);
	c->layers[0].cross_subscription = ADC_NO;
	c->layers[0].cross_tenant = ADC_UNKNOWN;
}

static const char *
render_json(struct adc_buf *b, struct adc_analysis *a,
    enum adc_json_shape shape)
{
	struct adc_jsonw w;

	adc_buf_init(b, 0);
	adc_jsonw_init(&w, b, false);
	INT_EQ(adc_render_analysis_json(&w, a, shape), 0, "JSON written");
	return b->data;
}

static void
test_json(void)
{
	struct adc_component_layers c;
	struct adc_analysis a = { NULL, 1, &c };
	struct adc_buf b;

	temp_disk_eah(&c);
	STR_EQ(render_json(&b, &a, ADC_JSON_FULL),
	    "[{\"component\":\"temp_disk\",\"label\":\"temp disk\","
	    "\"present\":\"yes\",\"complete\":true,\"cell\":\"EAH/PMK\","
	    "\"disk\":null,\"layers\":[{\"kind\":\"encryption_at_host\","
	    "\"label\":\"EAH/PMK\",\"owner\":\"platform\",\"store\":"
	    "\"platform\",\"cross_subscription\":false,\"cross_tenant\":null,"
	    "\"disputed\":false,\"des_id\":null,\"key_url\":null,"
	    "\"source\":\"DE\"}]}]", "the documented full component shape");
	adc_buf_free(&b);

	/* Lean: no labels, no disk member for the temp disk, no false
	 * member; the unknown cross_tenant stays, as null. */
	STR_EQ(render_json(&b, &a, ADC_JSON_LEAN),
	    "[{\"component\":\"temp_disk\",\"present\":\"yes\","
	    "\"complete\":true,\"cell\":\"EAH/PMK\",\"layers\":["
	    "{\"kind\":\"encryption_at_host\",\"owner\":\"platform\","
	    "\"store\":\"platform\",\"cross_tenant\":null,"
	    "\"source\":\"DE\"}]}]", "the documented lean component shape");
	adc_buf_free(&b);
}

/* A data disk's host cache with a customer key through a DES, the vault
 * in another subscription, and a disputed layer under it (no such pair
 * exists in Azure; the shape does not care). */
static void
test_json_lean_members(void)
{
	static const struct adc_disk disk = { .id = "D2", .lun = 3 };
	struct adc_component_layers c;
	struct adc_analysis a = { NULL, 1, &c };
	struct adc_buf b;

	memset(&c, 0, sizeof(c));
	c.component = ADC_COMP_HOST_CACHE;
	c.present = ADC_PRESENT_UNKNOWN;
	c.disk = &disk;
	c.disk_index = 2;
	c.n_layers = 2;
	c.layers[0] = layer(ADC_LAYER_EAH, ADC_OWNER_CUSTOMER,
	    ADC_STORE_KEY_VAULT_PREMIUM);
	c.layers[0].cross_subscription = ADC_YES;
	c.layers[0].cross_tenant = ADC_NO;
	c.layers[0].des_id = "DES";
	c.layers[0].key_url = "https://kv/keys/k/1";
	c.layers[1] = layer(ADC_LAYER_SIZE_TEMP, ADC_OWNER_PLATFORM,
	    ADC_STORE_PLATFORM);
	c.layers[1].cross_subscription = ADC_NO;
	c.layers[1].cross_tenant = ADC_NO;
	c.layers[1].disputed = true;
	STR_EQ(render_json(&b, &a, ADC_JSON_LEAN),
	    "[{\"component\":\"host_cache\",\"present\":\"unknown\","
	    "\"complete\":false,\"cell\":\"EAH/CMK+SIZE/PMK!?\",\"disk\":2,"
	    "\"layers\":[{\"kind\":\"encryption_at_host\",\"owner\":"
	    "\"customer\",\"store\":\"key_vault_premium\","
	    "\"cross_subscription\":true,\"des_id\":\"DES\",\"key_url\":"
	    "\"https://kv/keys/k/1\",\"source\":\"DE\"},{\"kind\":"
	    "\"size_family\",\"owner\":\"platform\",\"store\":\"platform\","
	    "\"disputed\":true,\"source\":\"DE\"}]}]",
	    "lean: the disk by index, true members, ids when set");
	adc_buf_free(&b);
}

/* A VM with an OS disk and two data disks at LUNs 0 and 3, one of them
 * not known beyond the VM's reference. */
static void
test_json_disks(void)
{
	struct adc_disk os = { .id = "OS", .name = "os", .lun = -1 };
	struct adc_disk d0 = { .id = "D0", .name = "d0", .lun = 0 };
	struct adc_disk d3 = { .id = "D\"3", .name = NULL, .lun = 3 };
	struct adc_disk *data[2] = { &d0, &d3 };
	struct adc_vm vm;
	struct adc_jsonw w;
	struct adc_buf b;

	memset(&vm, 0, sizeof(vm));
	vm.os_disk = &os;
	vm.data_disks = data;
	vm.n_data_disks = 2;
	adc_buf_init(&b, 0);
	adc_jsonw_init(&w, &b, false);
	INT_EQ(adc_render_disks_json(&w, &vm), 0, "disks written");
	STR_EQ(b.data, "[{\"id\":\"OS\",\"name\":\"os\",\"lun\":null},"
	    "{\"id\":\"D0\",\"name\":\"d0\",\"lun\":0},"
	    "{\"id\":\"D\\\"3\",\"name\":null,\"lun\":3}]",
	    "the OS disk first, then the data disks with their LUNs");
	adc_buf_free(&b);

	/* Without an OS disk, index 0 still stands for it. */
	vm.os_disk = NULL;
	vm.n_data_disks = 1;
	adc_buf_init(&b, 0);
	adc_jsonw_init(&w, &b, false);
	adc_render_disks_json(&w, &vm);
	STR_EQ(b.data, "[{\"id\":null,\"name\":null,\"lun\":null},"
	    "{\"id\":\"D0\",\"name\":\"d0\",\"lun\":0}]",
	    "an unknown OS disk keeps index 0, all null");
	adc_buf_free(&b);
}

/* The analysis gives each disk component the index of its disk, and
 * the label explain shows (docs/check-json.md says how to derive it). */
static void
test_disk_index(void)
{
	struct adc_disk os = { .id = "OS", .lun = -1 };
	struct adc_disk d0 = { .id = "D0", .lun = 0 };
	struct adc_disk d63 = { .id = "D63", .lun = 63 };
	struct adc_disk dx = { .id = "DX", .lun = -1 };
	struct adc_disk *data[3] = { &d0, &d63, &dx };
	static const enum adc_component kinds[] = { ADC_COMP_OS_DISK,
	    ADC_COMP_DATA_DISK, ADC_COMP_HOST_CACHE, ADC_COMP_TRANSIT };
	static const char *const labels[] = { "OS disk",
	    "data disk (LUN 0)", "data disk (LUN 63)", "data disk #3",
	    "host cache (OS disk)", "host cache (LUN 0)",
	    "host cache (LUN 63)", "host cache #3", "transit (OS disk)",
	    "transit (LUN 0)", "transit (LUN 63)", "transit #3" };
	struct adc_analysis a;
	struct adc_vm vm;
	char got[64], one[8];
	size_t i, k, n = 0;
	int bad = 0;

	memset(&vm, 0, sizeof(vm));
	vm.os_disk = &os;
	vm.data_disks = data;
	vm.n_data_disks = 3;
	INT_EQ(adc_analyse_vm(&vm, &a, NULL), ADC_OK, "VM analysed");
	for (k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
		got[0] = '\0';
		for (i = 0; i < a.n_components; i++) {
			if (a.components[i].component != kinds[k])
				continue;
			snprintf(one, sizeof(one), "%zu",
			    a.components[i].disk_index);
			strcat(got, one);
			if (n < 12 && strcmp(a.components[i].label,
			    labels[n++]) != 0) {
				printf("# label %s, want %s\n",
				    a.components[i].label, labels[n - 1]);
				bad++;
			}
		}
		STR_EQ(got, kinds[k] == ADC_COMP_OS_DISK ? "0" :
		    kinds[k] == ADC_COMP_DATA_DISK ? "123" : "0123",
		    adc_component_name(kinds[k]));
	}
	INT_EQ(n, 12, "twelve disk components");
	INT_EQ(bad, 0, "their labels: LUN, or # and the disk index");
	adc_analysis_free(&a);
}

int
main(void)
{
	test_layer_labels();
	test_cells();
	test_analysis_cell();
	test_wrapped();
	test_json();
	test_json_lean_members();
	test_json_disks();
	test_disk_index();
	return tap_done();
}
