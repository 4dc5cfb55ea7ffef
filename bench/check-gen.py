#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""check-gen.py: write a generated estate for the check benchmark.

The estate is linked the way a real one is: VMs name their OS and data
disks and the disks exist in the disk files; disks name DES that exist;
DES name keys in vaults that exist. Everything is in the shape `az`
prints (flattened compute properties, keys sorted, nulls printed, SSH
keys, tags, extensions), so the files weigh what real exports weigh.

    check-gen.py --vms 50000 --files 4 -o DIR

writes DIR/vms-N.json and DIR/disks-N.json (N = 1..files), DIR/des.json
and DIR/vaults.json. 50,000 VMs give about 500 MB. The same seed gives
the same bytes.
"""
import argparse
import json
import os
import random
import string

LOCATIONS = ["westeurope", "northeurope", "eastus2", "swedencentral"]
PLAIN_SIZES = ["Standard_D2s_v5", "Standard_D4ds_v5", "Standard_E8s_v5",
               "Standard_D2ds_v4", "Standard_B2ms", "Standard_F4s_v2"]
CVM_SIZES = ["Standard_DC2as_v5", "Standard_DC4ads_v5", "Standard_EC8as_v5"]
SKUS = ["Premium_LRS", "StandardSSD_LRS", "Premium_ZRS"]


class Estate:
    def __init__(self, seed, n_vms, n_subs=20, n_des=500, n_vaults=50):
        self.rnd = random.Random(seed)
        self.subs = ["%08x-1111-4222-8333-%012x" % (i, i * 7919)
                     for i in range(n_subs)]
        self.n_vms = n_vms
        self.vaults = [self.vault(i) for i in range(n_vaults)]
        self.des = [self.des_set(i) for i in range(n_des)]
        # Azure requires a disk and its DES to share subscription and
        # region [CMKR], so disks pick among their subscription's DES
        # (a subscription's resources here share one region).
        self.des_by_sub = {}
        for d in self.des:
            self.des_by_sub.setdefault(d["id"].split("/")[2], []).append(d)

    def rid(self, sub, rg, rtype, name):
        return (f"/subscriptions/{sub}/resourceGroups/{rg}/providers/"
                f"{rtype}/{name}")

    def hexid(self, n=32):
        return "%0*x" % (n, self.rnd.getrandbits(n * 4))

    def vault(self, i):
        sub = self.subs[i % len(self.subs)]
        loc = LOCATIONS[i % len(LOCATIONS)]
        name = f"kv-bench-{i:04d}"
        return {
            "id": self.rid(sub, "rg-keys", "Microsoft.KeyVault/vaults", name),
            "location": loc, "name": name, "resourceGroup": "rg-keys",
            "tags": {"owner": "security"},
            "type": "Microsoft.KeyVault/vaults",
            "properties": {
                "enablePurgeProtection": self.rnd.random() < 0.8 or None,
                "enableRbacAuthorization": True, "enableSoftDelete": True,
                "enabledForDiskEncryption": self.rnd.random() < 0.2,
                "sku": {"family": "A", "name": "premium"},
                "softDeleteRetentionInDays": 90,
                "tenantId": "72f988bf-0000-4000-8000-00000000c0de",
                "vaultUri": f"https://{name}.vault.azure.net/"}}

    def des_set(self, i):
        v = self.vaults[i % len(self.vaults)]
        sub = v["id"].split("/")[2]
        name = f"des-bench-{i:04d}"
        etype = ("ConfidentialVmEncryptedWithCustomerKey" if i % 10 == 0
                 else "EncryptionAtRestWithPlatformAndCustomerKeys"
                 if i % 7 == 0 else "EncryptionAtRestWithCustomerKey")
        url = (f"https://{v['name']}.vault.azure.net/keys/key-{i:04d}/"
               f"{self.hexid()}")
        return {
            "activeKey": {"keyUrl": url, "sourceVault": {"id": v["id"]}},
            "autoKeyRotationError": None,
            "encryptionType": etype,
            "federatedClientId": None,
            "id": self.rid(sub, "rg-keys",
                           "Microsoft.Compute/diskEncryptionSets", name),
            "identity": {"principalId": self.uuid(),
                         "tenantId": "72f988bf-0000-4000-8000-00000000c0de",
                         "type": "SystemAssigned",
                         "userAssignedIdentities": None},
            "lastKeyRotationTimestamp": None, "location": v["location"],
            "name": name, "previousKeys": [], "provisioningState":
            "Succeeded", "resourceGroup": "rg-keys",
            "rotationToLatestKeyVersionEnabled":
                None if etype.startswith("Confidential")
                else self.rnd.random() < 0.6,
            "tags": None, "type": "Microsoft.Compute/diskEncryptionSets"}

    def uuid(self):
        h = self.hexid(32)
        return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-8{h[17:20]}-{h[20:]}"

    def ssh_key(self):
        alphabet = string.ascii_letters + string.digits + "+/"
        body = "".join(self.rnd.choice(alphabet) for _ in range(540))
        return f"ssh-rsa AAAAB3NzaC1yc2E{body}= generated@bench\n"

    def managed(self, sub, rg, name, des, sku):
        m = {"diskEncryptionSet": {"id": des["id"]} if des else None,
             "id": self.rid(sub, rg, "Microsoft.Compute/disks", name),
             "securityProfile": None, "storageAccountType": sku}
        return m

    def vm_and_disks(self, i):
        rnd = self.rnd
        sub = self.subs[i % len(self.subs)]
        rg = f"rg-app-{i % 400:03d}"
        name = f"vm-bench-{i:06d}"
        vid = self.rid(sub, rg, "Microsoft.Compute/virtualMachines", name)
        cvm = rnd.random() < 0.15
        size = rnd.choice(CVM_SIZES if cvm else PLAIN_SIZES)
        sectype = ("ConfidentialVM" if cvm else
                   "TrustedLaunch" if rnd.random() < 0.6 else None)
        local = self.des_by_sub.get(sub, [])
        os_des = (rnd.choice(local) if local and rnd.random() < 0.6
                  else None)
        if os_des and os_des["encryptionType"].startswith("Confidential"):
            os_des = None
        sku = rnd.choice(SKUS)
        osm = self.managed(sub, rg, f"{name}-os", os_des, sku)
        sec_des = None
        if cvm:
            conf = [d for d in local if d["encryptionType"]
                    .startswith("Confidential")]
            sec_des = rnd.choice(conf) if conf else None
            osm["securityProfile"] = {
                "diskEncryptionSet": ({"id": sec_des["id"]} if sec_des
                                      else None),
                "securityEncryptionType": "DiskWithVMGuestState"}
        data = []
        for lun in range(rnd.choice([0, 1, 1, 2, 3])):
            dd = (rnd.choice(local) if local and rnd.random() < 0.5
                  else None)
            if dd and dd["encryptionType"].startswith("Confidential"):
                dd = None
            data.append((lun, dd))
        vm = {
            "additionalCapabilities": None, "applicationProfile": None,
            "availabilitySet": None, "billingProfile": None,
            "capacityReservation": None,
            "diagnosticsProfile": {"bootDiagnostics": {
                "enabled": True, "storageUri": None}},
            "evictionPolicy": None, "extendedLocation": None,
            "extensionsTimeBudget": None,
            "hardwareProfile": {"vmSize": size, "vmSizeProperties": None},
            "host": None, "hostGroup": None, "id": vid,
            "identity": None, "instanceView": None, "licenseType": None,
            "location": LOCATIONS[i % len(LOCATIONS)], "name": name,
            "networkProfile": {"networkApiVersion": None,
                               "networkInterfaceConfigurations": None,
                               "networkInterfaces": [{
                                   "deleteOption": "Delete",
                                   "id": self.rid(sub, rg,
                                   "Microsoft.Network/networkInterfaces",
                                   f"{name}-nic"),
                                   "primary": None,
                                   "resourceGroup": rg}]},
            "osProfile": {
                "adminPassword": None, "adminUsername": "azureuser",
                "allowExtensionOperations": True,
                "computerName": name, "customData": None,
                "linuxConfiguration": {
                    "disablePasswordAuthentication": True,
                    "enableVmAgentPlatformUpdates": False,
                    "patchSettings": {"assessmentMode": "ImageDefault",
                                      "automaticByPlatformSettings": None,
                                      "patchMode": "ImageDefault"},
                    "provisionVmAgent": True,
                    "ssh": {"publicKeys": [{
                        "keyData": self.ssh_key(),
                        "path": "/home/azureuser/.ssh/authorized_keys"}]}},
                "requireGuestProvisionSignal": True, "secrets": [],
                "windowsConfiguration": None},
            "plan": None, "platformFaultDomain": None, "priority": None,
            "provisioningState": "Succeeded",
            "proximityPlacementGroup": None, "resourceGroup": rg,
            "resources": [{
                "autoUpgradeMinorVersion": True,
                "id": vid + "/extensions/AzureMonitorLinuxAgent",
                "location": LOCATIONS[i % len(LOCATIONS)],
                "name": "AzureMonitorLinuxAgent",
                "provisioningState": "Succeeded",
                "publisher": "Microsoft.Azure.Monitor", "settings": {},
                "typeHandlerVersion": "1.29",
                "typePropertiesType": "AzureMonitorLinuxAgent"}],
            "scheduledEventsProfile": None,
            "securityProfile": None,
            "storageProfile": {
                "dataDisks": [{
                    "caching": "None", "createOption": "Empty",
                    "deleteOption": "Delete", "detachOption": None,
                    "diskIopsReadWrite": None, "diskMBpsReadWrite": None,
                    "diskSizeGb": 128, "image": None, "lun": lun,
                    "managedDisk": self.managed(sub, rg,
                                                f"{name}-data{lun}", dd,
                                                sku),
                    "name": f"{name}-data{lun}", "toBeDetached": False,
                    "vhd": None, "writeAcceleratorEnabled": False}
                    for lun, dd in data],
                "diskControllerType": "SCSI",
                "imageReference": {
                    "exactVersion": "22.04.202611010",
                    "offer": "0001-com-ubuntu-server-jammy",
                    "publisher": "Canonical", "sku": "22_04-lts-gen2",
                    "version": "latest"},
                "osDisk": {
                    "caching": "ReadWrite", "createOption": "FromImage",
                    "deleteOption": "Delete", "diffDiskSettings": None,
                    "diskSizeGb": 30, "encryptionSettings": None,
                    "image": None, "managedDisk": osm,
                    "name": f"{name}-os", "osType": "Linux", "vhd": None,
                    "writeAcceleratorEnabled": False}},
            "tags": {"env": rnd.choice(["prod", "test", "dev"]),
                     "owner": f"team-{i % 37}",
                     "costCenter": str(1000 + i % 90),
                     "app": f"app-{i % 400:03d}"},
            "timeCreated": "2026-10-%02dT08:%02d:00.000000+00:00" % (
                1 + i % 28, i % 60),
            "type": "Microsoft.Compute/virtualMachines",
            "userData": None, "virtualMachineScaleSet": None,
            "vmId": self.uuid(), "zones": None}
        if sectype or rnd.random() < 0.4:
            vm["securityProfile"] = {
                "encryptionAtHost": True if rnd.random() < 0.5 else None,
                "securityType": sectype,
                "uefiSettings": {"secureBootEnabled": True,
                                 "vTpmEnabled": True} if sectype else None}
        loc = vm["location"]
        disks = [self.disk(sub, rg, loc, f"{name}-os", os_des, sku, vid,
                           30, sec_des, cvm)]
        disks += [self.disk(sub, rg, loc, f"{name}-data{lun}", dd, sku, vid,
                            128) for lun, dd in data]
        return vm, disks

    def disk(self, sub, rg, loc, name, des, sku, vid, size, sec_des=None,
             cvm=False):
        etype = (des["encryptionType"] if des else
                 "EncryptionAtRestWithPlatformKey")
        return {
            "burstingEnabled": None, "completionPercent": None,
            "creationData": {"createOption": "FromImage" if size == 30
                             else "Empty", "galleryImageReference": None,
                             "imageReference": None, "logicalSectorSize":
                             None, "sourceResourceId": None,
                             "sourceUri": None, "uploadSizeBytes": None},
            "dataAccessAuthMode": None, "diskAccessId": None,
            "diskIopsReadOnly": None, "diskIopsReadWrite": 500,
            "diskMBpsReadOnly": None, "diskMBpsReadWrite": 100,
            "diskSizeBytes": size << 30, "diskSizeGb": size,
            "diskState": "Attached",
            "encryption": {"diskEncryptionSetId": des["id"] if des else
                           None, "type": etype},
            "encryptionSettingsCollection": None, "extendedLocation": None,
            "hyperVGeneration": "V2" if size == 30 else None,
            "id": self.rid(sub, rg, "Microsoft.Compute/disks", name),
            "location": loc, "managedBy": vid,
            "managedByExtended": None, "maxShares": None, "name": name,
            "networkAccessPolicy": "AllowAll", "optimizedForFrequentAttach":
            None, "osType": "Linux" if size == 30 else None,
            "provisioningState": "Succeeded",
            "publicNetworkAccess": "Enabled", "purchasePlan": None,
            "resourceGroup": rg,
            "securityProfile": {
                "secureVmDiskEncryptionSetId": sec_des["id"],
                "securityType": "ConfidentialVM_DiskEncryptedWithCustomerKey"}
            if sec_des else {
                "secureVmDiskEncryptionSetId": None,
                "securityType": "ConfidentialVM_DiskEncryptedWithPlatformKey"}
            if cvm else None,
            "shareInfo": None, "sku": {"name": sku, "tier": "Premium"},
            "supportedCapabilities": None, "supportsHibernation": None,
            "tags": {}, "tier": "P10",
            "timeCreated": "2026-10-01T08:00:00.000000+00:00",
            "type": "Microsoft.Compute/disks", "uniqueId": self.uuid(),
            "zones": None}


def write_list(path, items):
    with open(path, "w") as f:
        f.write("[\n")
        for n, item in enumerate(items):
            if n:
                f.write(",\n")
            f.write(json.dumps(item, indent=2, sort_keys=True))
        f.write("\n]\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--vms", type=int, default=50000)
    ap.add_argument("--files", type=int, default=4)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("-o", "--out", required=True)
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    est = Estate(args.seed, args.vms)
    per = (args.vms + args.files - 1) // args.files
    for f in range(args.files):
        vms, disks = [], []
        for i in range(f * per, min(args.vms, (f + 1) * per)):
            vm, ds = est.vm_and_disks(i)
            vms.append(vm)
            disks.extend(ds)
        write_list(os.path.join(args.out, f"vms-{f + 1}.json"), vms)
        write_list(os.path.join(args.out, f"disks-{f + 1}.json"), disks)
    write_list(os.path.join(args.out, "des.json"), est.des)
    write_list(os.path.join(args.out, "vaults.json"), est.vaults)


if __name__ == "__main__":
    main()
