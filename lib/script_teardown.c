/* SPDX-License-Identifier: MIT */
/*
 * script_teardown.c: the script that removes what a build script with
 * the same items and options creates, in reverse order: VMs with the
 * disks they leave behind, disks, DES, key vaults, and the resource group
 * when the build script made it (it tags the groups it makes). Vaults are
 * purged only on request, and a purge-protected vault refuses that until
 * its retention ends [17]; the script says so, and says what it leaves.
 */
#include "script.h"

static const char helpers[] =
    "say() {\n"
    "\tprintf '==> %s\\n' \"$*\" >&2\n"
    "}\n"
    "\n"
    "# delete_vm NAME: the VM, then the OS and data disks az vm delete "
    "keeps.\n"
    "delete_vm() {\n"
    "\tlocal disks disk\n"
    "\tif ! az vm show -g \"$RG\" -n \"$1\" >/dev/null 2>&1; then\n"
    "\t\treturn 0\n"
    "\tfi\n"
    "\tsay \"deleting VM $1 and its disks\"\n"
    "\tdisks=$(az vm show -g \"$RG\" -n \"$1\" --query \\\n"
    "\t    '[storageProfile.osDisk.managedDisk.id, "
    "storageProfile.dataDisks[].managedDisk.id][]' \\\n"
    "\t    -o tsv)\n"
    "\taz vm delete -g \"$RG\" -n \"$1\" --yes\n"
    "\tfor disk in $disks; do\n"
    "\t\taz disk delete --ids \"$disk\" --yes\n"
    "\tdone\n"
    "}\n"
    "\n"
    "delete_disk() {\n"
    "\tif az disk show -g \"$RG\" -n \"$1\" >/dev/null 2>&1; then\n"
    "\t\tsay \"deleting disk $1\"\n"
    "\t\taz disk delete -g \"$RG\" -n \"$1\" --yes\n"
    "\tfi\n"
    "}\n\n";

static const char des_helper[] =
    "delete_des() {\n"
    "\tif az disk-encryption-set show -g \"$RG\" -n \"$1\" >/dev/null "
    "2>&1; then\n"
    "\t\tsay \"deleting disk encryption set $1\"\n"
    "\t\taz disk-encryption-set delete -g \"$RG\" -n \"$1\"\n"
    "\tfi\n"
    "}\n\n";

static const char vault_helper[] =
    "# delete_vault NAME: soft delete keeps the vault, and its name, until "
    "its\n# retention ends.\n"
    "delete_vault() {\n"
    "\tif az keyvault show -g \"$RG\" -n \"$1\" >/dev/null 2>&1; then\n"
    "\t\tsay \"deleting key vault $1\"\n"
    "\t\taz keyvault delete -g \"$RG\" -n \"$1\"\n"
    "\tfi\n"
    "}\n\n";

static const char purge_helper[] =
    "# purge_vault NAME: purge protection refuses a purge until the "
    "retention\n# period (7-90 days) ends [17].\n"
    "purge_vault() {\n"
    "\tif ! az keyvault show-deleted -n \"$1\" >/dev/null 2>&1; then\n"
    "\t\treturn 0\n"
    "\tfi\n"
    "\tif ! az keyvault purge -n \"$1\" -l \"$LOCATION\"; then\n"
    "\t\tsay \"purge of $1 refused: purge protection keeps it until its "
    "retention ends\"\n"
    "\tfi\n"
    "}\n\n";

static const char group[] =
    "if az group show -n \"$RG\" >/dev/null 2>&1; then\n"
    "\tif [ \"$(az group show -n \"$RG\" --query tags.azdiskcrypt -o tsv)\" "
    "= script ]; then\n"
    "\t\tsay \"deleting resource group $RG\"\n"
    "\t\taz group delete -n \"$RG\" --yes\n"
    "\telse\n"
    "\t\tsay \"resource group $RG was not made by the build script: kept, "
    "with the\"\n"
    "\t\tsay \"network interfaces, addresses, security groups and "
    "networks az vm create made\"\n"
    "\tfi\n"
    "fi\n\n";

static const char left[] =
    "# Left behind, on purpose or because Azure keeps it:\n"
    "# - deleted key vaults and their keys: soft delete keeps them, and\n"
    "#   purge protection refuses a purge, until the retention period ends;\n"
    "#   their names stay reserved until then [17];\n"
    "# - the EncryptionAtHost feature registration on the subscription;\n"
    "# - the Confidential VM Orchestrator service principal in the tenant;\n"
    "# - SSH keys in ~/.ssh;\n"
    "# - a resource group that existed before the build script, with the\n"
    "#   network resources az vm create made in it.\n";

static void
put_deletes(struct script_gen *g, enum adc_scenario_kind kind,
    const char *fn)
{
	char var[40];
	size_t i;

	for (i = g->n_items; i-- > 0;) {
		if (g->items[i].scenario->kind != kind)
			continue;
		script_item_var(g, i, var, sizeof(var));
		script_put(g, "%s \"$%s\"\n", fn, var);
	}
}

static void
put_vaults(struct script_gen *g)
{
	if (!g->need_kv && !g->need_kv_cvm)
		return;
	script_put_vault_names(g);
	script_put(g, "if [ -z \"$SUFFIX\" ]; then\n"
	    "\tsay \"no key vault tagged azdiskcrypt=$PREFIX in $RG: none "
	    "deleted\"\n"
	    "else\n");
	if (g->need_kv)
		script_put(g, "\tdelete_vault \"$KV\"\n");
	if (g->need_kv_cvm)
		script_put(g, "\tdelete_vault \"$KV_CVM\"\n");
	if (g->opts->purge && g->need_kv)
		script_put(g, "\tpurge_vault \"$KV\"\n");
	if (g->opts->purge && g->need_kv_cvm)
		script_put(g, "\tpurge_vault \"$KV_CVM\"\n");
	if (!g->opts->purge)
		script_put(g, "\tsay \"deleted key vaults stay until their "
		    "retention ends (not purged)\"\n");
	script_put(g, "fi\n");
}

void
script_write_teardown(struct script_gen *g)
{
	size_t i;

	script_put_header(g, "Removes what the matching build script "
	    "creates, in reverse order:\n# VMs and their disks, disks, disk "
	    "encryption sets, key vaults, and the\n# resource group if the "
	    "build script made it. Run it after az login.");
	script_put_settings(g);
	script_put(g, "%s", helpers);
	if (g->n_des > 0)
		script_put(g, "%s", des_helper);
	if (g->need_kv || g->need_kv_cvm)
		script_put(g, "%s", vault_helper);
	if (g->opts->purge && (g->need_kv || g->need_kv_cvm))
		script_put(g, "%s", purge_helper);

	put_deletes(g, ADC_SCENARIO_VM, "delete_vm");
	put_deletes(g, ADC_SCENARIO_DISK, "delete_disk");
	for (i = g->n_des; i-- > 0;)
		script_put(g, "delete_des \"$%s\"\n", g->des[i].var);
	put_vaults(g);
	script_put(g, "\n%s%s", group, left);
}
