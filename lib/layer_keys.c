/* SPDX-License-Identifier: MIT */
/*
 * layer_keys.c: the key behind a layer. A disk's key comes from its
 * encryption.type or its disk encryption set (DES); a confidential OS
 * disk's from its secure-VM DES; the store from the DES's linked vault,
 * else from the key URL's host; the subscription and tenant flags from
 * the DES and the vault. What cannot be linked stays unknown, never
 * guessed (PRODUCT.md "Inputs").
 */
#include "layer_keys.h"

#include <string.h>
#include <strings.h>

static enum adc_tri
tri(int b)
{
	return b ? ADC_YES : ADC_NO;
}

/* The subscription in "/subscriptions/SUB/..." copied into buf, or NULL. */
const char *
adc_id_subscription(const char *id, char *buf, size_t size)
{
	static const char prefix[] = "/subscriptions/";
	size_t n;

	if (id == NULL || strncasecmp(id, prefix, sizeof(prefix) - 1) != 0)
		return NULL;
	id += sizeof(prefix) - 1;
	n = strcspn(id, "/");
	if (n == 0 || n >= size)
		return NULL;
	memcpy(buf, id, n);
	buf[n] = '\0';
	return buf;
}

/* Two names differ, compared as Azure compares ids; unknown when either
 * is missing. */
enum adc_tri
adc_ids_differ(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return ADC_UNKNOWN;
	return tri(strcasecmp(a, b) != 0);
}

/* The host of a key URL, lower case, without the port. */
static const char *
url_host(const char *url, char *buf, size_t size)
{
	const char *p = url != NULL ? strstr(url, "://") : NULL;
	size_t i, n;

	if (p == NULL)
		return NULL;
	p += 3;
	n = strcspn(p, ":/");
	if (n == 0 || n >= size)
		return NULL;
	for (i = 0; i < n; i++)
		buf[i] = (char)(p[i] >= 'A' && p[i] <= 'Z' ? p[i] + 32 : p[i]);
	buf[n] = '\0';
	return buf;
}

static int
ends_with(const char *s, const char *suffix)
{
	size_t ls = strlen(s), lx = strlen(suffix);

	return ls >= lx && strcmp(s + ls - lx, suffix) == 0;
}

/* The store of a DES's key: the linked vault's SKU when known, else what
 * the key URL's host says (a Managed HSM is *.managedhsm.azure.net,
 * section 17 [SPEC-DES]). */
static enum adc_key_store
des_store(const struct adc_des *des)
{
	char buf[256];
	const char *host;

	if (des == NULL)
		return ADC_STORE_UNKNOWN;
	if (des->vault != NULL) {
		switch (des->vault->sku) {
		case ADC_VAULT_STANDARD:  return ADC_STORE_KEY_VAULT_STANDARD;
		case ADC_VAULT_PREMIUM:	  return ADC_STORE_KEY_VAULT_PREMIUM;
		case ADC_VAULT_MANAGED_HSM: return ADC_STORE_MANAGED_HSM;
		case ADC_VAULT_UNKNOWN:	  break;
		}
	}

	host = des->key != NULL ? des->key->vault_host : NULL;
	if (host == NULL)
		host = url_host(des->key_url, buf, sizeof(buf));
	if (host != NULL && ends_with(host, ".managedhsm.azure.net"))
		return ADC_STORE_MANAGED_HSM;
	if (host != NULL || des->vault != NULL)
		return ADC_STORE_KEY_VAULT;
	return ADC_STORE_UNKNOWN;
}

/* Whether the DES's vault sits in another subscription: from the linked
 * vault, else from activeKey.sourceVault, which Azure only accepts in
 * the DES's own subscription (section 3.2 [SPEC-DES]). */
static enum adc_tri
des_cross_subscription(const struct adc_des *des)
{
	char a[128], b[128];
	const char *des_sub, *vault_sub;

	if (des == NULL)
		return ADC_UNKNOWN;
	des_sub = des->subscription != NULL ? des->subscription :
	    adc_id_subscription(des->id, a, sizeof(a));
	if (des->vault != NULL)
		vault_sub = des->vault->subscription != NULL ?
		    des->vault->subscription :
		    adc_id_subscription(des->vault->id, b, sizeof(b));
	else
		vault_sub = adc_id_subscription(des->source_vault_id, b,
		    sizeof(b));
	return adc_ids_differ(des_sub, vault_sub);
}

static enum adc_tri
des_cross_tenant(const struct adc_des *des)
{
	if (des == NULL || des->vault == NULL)
		return ADC_UNKNOWN;
	return adc_ids_differ(des->tenant, des->vault->tenant);
}

/* The key of a disk's own at-rest layer, from encryption.type, else
 * from the linked DES (section 11.2). */
struct adc_key_ref
adc_key_of_disk(const struct adc_disk *disk)
{
	struct adc_key_ref k = { ADC_OWNER_UNKNOWN, NULL, NULL, ADC_UNKNOWN };
	enum adc_enc_type type;

	if (disk == NULL)
		return k;
	k.des = disk->des;
	k.des_id = disk->des_id != NULL ? disk->des_id :
	    (disk->des != NULL ? disk->des->id : NULL);
	type = disk->enc_type;
	if (type == ADC_ENC_UNKNOWN && disk->des != NULL)
		type = disk->des->type;

	switch (type) {
	case ADC_ENC_PLATFORM:
		k.owner = ADC_OWNER_PLATFORM;
		k.is_double = ADC_NO;
		break;
	case ADC_ENC_CUSTOMER:
	case ADC_ENC_DOUBLE:
		k.owner = ADC_OWNER_CUSTOMER;
		k.is_double = tri(type == ADC_ENC_DOUBLE);
		break;
	case ADC_ENC_UNKNOWN:
	case ADC_ENC_CONFIDENTIAL:	/* not a disk encryption.type */
	case ADC_ENC_OTHER:
		/* A DES means a customer key; of which type is unknown. */
		if (k.des_id != NULL)
			k.owner = ADC_OWNER_CUSTOMER;
		break;
	}
	return k;
}

/* The key of confidential disk encryption: the secure-VM DES's customer
 * key when there is one, otherwise the platform key (section 7.3, 7.4).
 * The disk's securityProfile.securityType settles it when the DES id is
 * missing. */
struct adc_key_ref
adc_key_of_confidential(const struct adc_disk *os)
{
	struct adc_key_ref k = { ADC_OWNER_UNKNOWN, NULL, NULL, ADC_NO };

	if (os == NULL)
		return k;
	k.des = os->secure_des;
	k.des_id = os->secure_des_id != NULL ? os->secure_des_id :
	    (os->secure_des != NULL ? os->secure_des->id : NULL);
	if (k.des_id != NULL || os->sec_type == ADC_DSEC_CVM_DISK_CMK)
		k.owner = ADC_OWNER_CUSTOMER;
	else if (os->sec_type == ADC_DSEC_CVM_DISK_PMK)
		k.owner = ADC_OWNER_PLATFORM;
	return k;
}

const struct adc_key_ref adc_platform_key = {
	ADC_OWNER_PLATFORM, NULL, NULL, ADC_NO
};

void
adc_layer_set_key(struct adc_layer *l, const struct adc_key_ref *key)
{
	l->owner = key->owner;
	if (key->owner == ADC_OWNER_PLATFORM) {
		l->store = ADC_STORE_PLATFORM;
		l->cross_subscription = ADC_NO;
		l->cross_tenant = ADC_NO;
		return;
	}
	l->store = des_store(key->des);
	l->cross_subscription = des_cross_subscription(key->des);
	l->cross_tenant = des_cross_tenant(key->des);
	l->des_id = key->des_id;
	l->key_url = key->des != NULL ? key->des->key_url : NULL;
}
