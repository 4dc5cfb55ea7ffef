/* SPDX-License-Identifier: MIT */
/*
 * catalogue_notes.c: what an engineer should know about each catalogue
 * entry beyond its layers. Each note ends with the fact base's source
 * keys in brackets.
 */
#include <string.h>

#include "adc.h"

#define NOTE_SSE_GAP \
	"SSE encrypts the OS and data disks in Storage; it does not cover " \
	"the temp disk or the host caches [DE][DEO]."
#define NOTE_V4_TEMP \
	"Standard_D2ds_v4 has a temp disk and predates the v5 sizes that " \
	"encrypt their temp disk themselves, so nothing encrypts it [DE]."
#define NOTE_TRUSTED_LAUNCH \
	"Current CLIs create Gen2 images as Trusted Launch VMs; Trusted " \
	"Launch adds no disk encryption and does not change the scenario [TL]."
#define NOTE_EAH_FEATURE \
	"Encryption at host needs the EncryptionAtHost feature registered " \
	"on the subscription, and cannot be combined with Azure Disk " \
	"Encryption, now or ever on that VM [EAHCLI][EAHR]."
#define NOTE_EAH_KEYS \
	"With encryption at host the host encrypts each disk with the " \
	"disk's own key instead of Storage; caches use the disk's key, the " \
	"temp disk and an ephemeral OS disk always a platform key [DE]."
#define NOTE_CVM_MEMORY \
	"Standard_DC2as_v5 is an AMD SEV-SNP confidential size: memory in " \
	"use is encrypted by the processor, out of the host's reach " \
	"[CVMOPT][CVMO]."
#define NOTE_CVM_NO_TEMP \
	"Standard_DC2as_v5 has no temp disk: that component is absent, not " \
	"unencrypted [CVMO]."
#define NOTE_CVM_FIXED \
	"The confidential OS disk setting and the choice of platform or " \
	"customer key cannot be changed after deployment [CVMO][CVMFAQ]."
#define NOTE_CVM_WHY_DISK \
	"A customer key for a confidential OS disk needs " \
	"DiskWithVMGuestState: customer keys require full OS-disk " \
	"encryption, and the CLI rejects --os-disk-secure-vm-disk-" \
	"encryption-set otherwise. The study called VM07 'VM05 with a " \
	"customer key'; Azure needs VM06's setting [CVMO][CVMFAQ][CLI245]."
#define NOTE_CVM_KEY \
	"The confidential DES has type " \
	"ConfidentialVmEncryptedWithCustomerKey;" \
	" its key must be RSA-HSM, exportable, with a release policy, in a " \
	"Premium vault or Managed HSM in the VM's region, and the " \
	"Confidential VM Orchestrator must be allowed to release it " \
	"[CVMCLI][CVMARM]."
#define NOTE_CVM_ROTATION \
	"No automatic key rotation for confidential VMs: rotation is " \
	"offline, with every VM that uses the DES stopped [CVMO][CVMROT]."
#define NOTE_CVM_BACKUP \
	"Azure Backup of confidential VMs with customer keys is a preview " \
	"only (v6 sizes, two regions); plan on no backup [CVMBK]."
#define NOTE_CVM_DATA \
	"Confidential disk encryption covers the OS disk only; data disks " \
	"get Storage encryption (or encryption at host) [DEO]."
#define NOTE_CVM_EAH \
	"Encryption at host with DiskWithVMGuestState is documented as " \
	"allowed, but some tools and older API versions rejected it " \
	"(disputed) [DEO][TF]."

static const char *const vm01[] = { NOTE_SSE_GAP, NOTE_V4_TEMP,
	NOTE_TRUSTED_LAUNCH, NULL };
static const char *const vm02[] = { NOTE_SSE_GAP, NOTE_V4_TEMP,
	"Only the OS disk gets the customer key; a data disk added later "
	"uses a platform key unless it is given a DES of its own [DE].",
	NOTE_TRUSTED_LAUNCH, NULL };
static const char *const vm03[] = { NOTE_EAH_KEYS, NOTE_EAH_FEATURE,
	NULL };
static const char *const vm04[] = { NOTE_EAH_KEYS, NOTE_EAH_FEATURE,
	NULL };
static const char *const vm05[] = {
	"The OS disk is not confidentially encrypted: VMGuestStateOnly "
	"encrypts only the VM guest state, and the OS disk carries only "
	"SSE with a platform key [CVMO][CVMFAQ].",
	NOTE_CVM_MEMORY, NOTE_CVM_NO_TEMP, NOTE_CVM_FIXED, NULL };
static const char *const vm06[] = { NOTE_CVM_MEMORY, NOTE_CVM_NO_TEMP,
	NOTE_CVM_FIXED, NULL };
static const char *const vm07[] = { NOTE_CVM_WHY_DISK, NOTE_CVM_KEY,
	NOTE_CVM_ROTATION, NOTE_CVM_BACKUP, NOTE_CVM_MEMORY, NULL };
static const char *const vm08[] = { NOTE_CVM_DATA, NOTE_CVM_WHY_DISK,
	NOTE_CVM_KEY, NOTE_CVM_ROTATION, NOTE_CVM_BACKUP, NULL };
static const char *const vm09[] = { NOTE_CVM_EAH, NOTE_CVM_WHY_DISK,
	NOTE_CVM_KEY, NOTE_CVM_ROTATION, NOTE_CVM_BACKUP, NULL };
static const char *const vm10[] = {
	"The baseline for confidential VMs: every layer, customer keys "
	"throughout, a separate DES for the OS and the data disks.",
	NOTE_CVM_DATA, NOTE_CVM_EAH, NOTE_CVM_KEY, NOTE_CVM_ROTATION,
	NOTE_CVM_BACKUP, NULL };
static const char *const disk01[] = {
	"The default for every managed disk since June 2017 [ADEFAQL].",
	NULL };
static const char *const disk02[] = {
	"The DES, the disk and the VM must share subscription and region; "
	"the key vault must share the region [CMKR].", NULL };
static const char *const disk03[] = {
	"Double encryption adds a platform-key layer under the customer-key "
	"layer; it is not supported on Ultra Disks or Premium SSD v2 [DE].",
	NULL };

static const struct {
	const char *id;
	const char *const *notes;
} notes_by_id[] = {
	{ "VM01", vm01 }, { "VM02", vm02 }, { "VM03", vm03 },
	{ "VM04", vm04 }, { "VM05", vm05 }, { "VM06", vm06 },
	{ "VM07", vm07 }, { "VM08", vm08 }, { "VM09", vm09 },
	{ "VM10", vm10 }, { "disk01", disk01 }, { "disk02", disk02 },
	{ "disk03", disk03 },
};

const char *const *
adc_scenario_notes(const struct adc_scenario *scenario)
{
	static const char *const none[] = { NULL };
	size_t i;

	if (scenario == NULL)
		return none;
	for (i = 0; i < sizeof(notes_by_id) / sizeof(notes_by_id[0]); i++) {
		if (strcmp(notes_by_id[i].id, scenario->id) == 0)
			return notes_by_id[i].notes;
	}
	return none;
}
