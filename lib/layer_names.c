/* SPDX-License-Identifier: MIT */
/*
 * layer_names.c: the stable names of components, layers, key owners and
 * key stores, as the JSON output spells them (docs/json-output.md).
 */
#include "adc.h"

const char *
adc_component_name(enum adc_component component)
{
	switch (component) {
	case ADC_COMP_OS_DISK:		return "os_disk";
	case ADC_COMP_DATA_DISK:	return "data_disk";
	case ADC_COMP_TEMP_DISK:	return "temp_disk";
	case ADC_COMP_HOST_CACHE:	return "host_cache";
	case ADC_COMP_EPHEMERAL_OS:	return "ephemeral_os_disk";
	case ADC_COMP_VMGS:		return "vm_guest_state";
	case ADC_COMP_TRANSIT:		return "transit";
	case ADC_COMP_MEMORY:		return "memory";
	}
	return "unknown";
}

const char *
adc_layer_name(enum adc_layer_kind kind)
{
	switch (kind) {
	case ADC_LAYER_SSE_PMK:		return "sse_pmk";
	case ADC_LAYER_SSE_CMK:		return "sse_cmk";
	case ADC_LAYER_DOUBLE_PMK:	return "double_pmk";
	case ADC_LAYER_EAH:		return "encryption_at_host";
	case ADC_LAYER_ADE:		return "ade";
	case ADC_LAYER_CONFIDENTIAL_DISK: return "confidential_disk";
	case ADC_LAYER_CONFIDENTIAL_MEMORY: return "confidential_memory";
	case ADC_LAYER_SIZE_TEMP:	return "size_family";
	}
	return "unknown";
}

const char *
adc_key_owner_name(enum adc_key_owner owner)
{
	switch (owner) {
	case ADC_OWNER_UNKNOWN:		return "unknown";
	case ADC_OWNER_PLATFORM:	return "platform";
	case ADC_OWNER_CUSTOMER:	return "customer";
	}
	return "unknown";
}

const char *
adc_key_store_name(enum adc_key_store store)
{
	switch (store) {
	case ADC_STORE_UNKNOWN:		return "unknown";
	case ADC_STORE_PLATFORM:	return "platform";
	case ADC_STORE_KEY_VAULT:	return "key_vault";
	case ADC_STORE_KEY_VAULT_STANDARD: return "key_vault_standard";
	case ADC_STORE_KEY_VAULT_PREMIUM: return "key_vault_premium";
	case ADC_STORE_MANAGED_HSM:	return "managed_hsm";
	case ADC_STORE_HARDWARE:	return "hardware";
	}
	return "unknown";
}
