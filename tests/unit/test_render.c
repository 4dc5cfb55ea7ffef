/* SPDX-License-Identifier: MIT */
/*
 * test_render.c: matrix cell labels (the grammar in docs/json-output.md),
 * word wrapping, Markdown escaping, and the JSON of a component.
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

static void
test_json(void)
{
	struct adc_component_layers c;
	struct adc_analysis a = { NULL, 1, &c };
	struct adc_jsonw w;
	struct adc_buf b;

	memset(&c, 0, sizeof(c));
	c.component = ADC_COMP_TEMP_DISK;
	snprintf(c.label, sizeof(c.label), "temp disk");
	c.present = ADC_PRESENT_YES;
	c.complete = true;
	c.n_layers = 1;
	c.layers[0] = layer(ADC_LAYER_EAH, ADC_OWNER_PLATFORM,
	    ADC_STORE_PLATFORM);
	c.layers[0].cross_subscription = ADC_NO;
	c.layers[0].cross_tenant = ADC_UNKNOWN;

	adc_buf_init(&b, 0);
	adc_jsonw_init(&w, &b, false);
	INT_EQ(adc_render_analysis_json(&w, &a), 0, "JSON written");
	STR_EQ(b.data, "[{\"component\":\"temp_disk\",\"label\":\"temp disk\","
	    "\"present\":\"yes\",\"complete\":true,\"cell\":\"EAH/PMK\","
	    "\"disk\":null,\"layers\":[{\"kind\":\"encryption_at_host\","
	    "\"label\":\"EAH/PMK\",\"owner\":\"platform\",\"store\":"
	    "\"platform\",\"cross_subscription\":false,\"cross_tenant\":null,"
	    "\"disputed\":false,\"des_id\":null,\"key_url\":null,"
	    "\"source\":\"DE\"}]}]", "the documented component shape");
	adc_buf_free(&b);
}

int
main(void)
{
	test_layer_labels();
	test_cells();
	test_analysis_cell();
	test_wrapped();
	test_json();
	return tap_done();
}
