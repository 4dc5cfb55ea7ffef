#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""gen_estate.py: write a synthetic Azure estate shaped like `az vm list`
or `az disk list` output (flattened properties, nulls, nested profiles,
SSH keys, tags, two-space indentation), of a given number of resources
or a given size. The same seed gives the same bytes.

    gen_estate.py --kind vm --size 200 -o vms.json
    gen_estate.py --kind disk --count 5000 --seed 7 > disks.json
"""
import argparse
import json
import random
import string
import sys
import uuid

LOCATIONS = ["westeurope", "northeurope", "eastus", "eastus2", "westus3",
             "uksouth", "germanywestcentral", "swedencentral"]
SIZES = ["Standard_D2s_v5", "Standard_D4ds_v5", "Standard_DC2as_v5",
         "Standard_E8s_v5", "Standard_B2ms", "Standard_D2s_v3",
         "Standard_DC4ads_v5", "Standard_F4s_v2", "Standard_EC8as_v5"]
SKUS = ["Premium_LRS", "StandardSSD_LRS", "Standard_LRS", "Premium_ZRS",
        "PremiumV2_LRS"]
SECURITY = [None, "TrustedLaunch", "ConfidentialVM"]
ENC_TYPES = ["EncryptionAtRestWithPlatformKey",
             "EncryptionAtRestWithCustomerKey",
             "EncryptionAtRestWithPlatformAndCustomerKeys"]
TAG_KEYS = ["env", "owner", "costCenter", "app", "team", "dataClass",
            "project", "createdBy", "expires"]


class Gen:
    def __init__(self, seed):
        self.rnd = random.Random(seed)

    def word(self, n=8):
        return "".join(self.rnd.choice(string.ascii_lowercase)
                       for _ in range(n))

    def uuid(self):
        return str(uuid.UUID(int=self.rnd.getrandbits(128), version=4))

    def b64(self, n):
        alphabet = string.ascii_letters + string.digits + "+/"
        return "".join(self.rnd.choice(alphabet) for _ in range(n))

    def sub(self):
        return "0000%04x-1111-2222-3333-%012x" % (
            self.rnd.randrange(16), self.rnd.randrange(8))

    def tags(self):
        keys = self.rnd.sample(TAG_KEYS, self.rnd.randrange(0, 6))
        return {k: "%s-%s" % (k.lower(), self.word(6)) for k in keys}

    def time(self):
        return "2024-%02d-%02dT%02d:%02d:%02d.%06d+00:00" % (
            self.rnd.randrange(1, 13), self.rnd.randrange(1, 29),
            self.rnd.randrange(24), self.rnd.randrange(60),
            self.rnd.randrange(60), self.rnd.randrange(10**6))

    def des_id(self, sub, rg):
        return ("/subscriptions/%s/resourceGroups/%s/providers/"
                "Microsoft.Compute/diskEncryptionSets/des-%s"
                % (sub, rg, self.word(5)))


def managed_disk(g, sub, rg, name, sku, sec):
    enc = g.rnd.random() < 0.3
    return {
        "diskEncryptionSet": {"id": g.des_id(sub, rg), "resourceGroup": rg}
        if enc else None,
        "id": "/subscriptions/%s/resourceGroups/%s/providers/"
              "Microsoft.Compute/disks/%s" % (sub, rg.upper(), name),
        "resourceGroup": rg.upper(),
        "securityProfile": {"diskEncryptionSet": None,
                            "securityEncryptionType": "DiskWithVMGuestState"}
        if sec == "ConfidentialVM" else None,
        "storageAccountType": sku,
    }


def data_disks(g, sub, rg, vm):
    disks = []
    for lun in range(g.rnd.randrange(0, 4)):
        name = "%s_DataDisk_%d" % (vm, lun)
        disks.append({
            "caching": g.rnd.choice(["None", "ReadOnly"]),
            "createOption": "Empty",
            "deleteOption": "Detach",
            "detachOption": None,
            "diskIopsReadWrite": None,
            "diskMBpsReadWrite": None,
            "diskSizeGb": g.rnd.choice([32, 64, 128, 256, 1024]),
            "image": None,
            "lun": lun,
            "managedDisk": managed_disk(g, sub, rg, name,
                                        g.rnd.choice(SKUS), None),
            "name": name,
            "toBeDetached": False,
            "vhd": None,
            "writeAcceleratorEnabled": None,
        })
    return disks


def linux_config(g, user):
    key = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABgQ" + g.b64(520) + \
        " generated-by-azure"
    return {
        "disablePasswordAuthentication": True,
        "enableVmAgentPlatformUpdates": False,
        "patchSettings": {"assessmentMode": "ImageDefault",
                          "automaticByPlatformSettings": None,
                          "patchMode": "ImageDefault"},
        "provisionVmAgent": True,
        "ssh": {"publicKeys": [{
            "keyData": key,
            "path": "/home/%s/.ssh/authorized_keys" % user}]},
    }


def vm(g, i):
    sub = g.sub()
    rg = "rg-%s-%s" % (g.rnd.choice(["prod", "dev", "test"]), g.word(4))
    name = "vm-%s-%05d" % (g.word(3), i)
    loc = g.rnd.choice(LOCATIONS)
    sec = g.rnd.choice(SECURITY)
    user = "azureuser"
    vm_id = ("/subscriptions/%s/resourceGroups/%s/providers/"
             "Microsoft.Compute/virtualMachines/%s" % (sub, rg.upper(), name))
    os_name = "%s_OsDisk_1_%s" % (name, g.uuid().replace("-", ""))
    return {
        "additionalCapabilities": None,
        "applicationProfile": None,
        "availabilitySet": None,
        "billingProfile": None,
        "capacityReservation": None,
        "diagnosticsProfile": {"bootDiagnostics": {"enabled": True,
                                                   "storageUri": None}},
        "etag": None,
        "evictionPolicy": None,
        "extendedLocation": None,
        "extensionsTimeBudget": None,
        "hardwareProfile": {"vmSize": g.rnd.choice(SIZES),
                            "vmSizeProperties": None},
        "host": None,
        "hostGroup": None,
        "id": vm_id,
        "identity": {"principalId": g.uuid(), "tenantId": g.uuid(),
                     "type": "SystemAssigned", "userAssignedIdentities": None}
        if g.rnd.random() < 0.4 else None,
        "instanceView": None,
        "licenseType": None,
        "location": loc,
        "managedBy": None,
        "name": name,
        "networkProfile": {
            "networkApiVersion": None,
            "networkInterfaceConfigurations": None,
            "networkInterfaces": [{
                "deleteOption": None,
                "id": "/subscriptions/%s/resourceGroups/%s/providers/"
                      "Microsoft.Network/networkInterfaces/%sVMNic"
                      % (sub, rg, name),
                "primary": None,
                "resourceGroup": rg}]},
        "osProfile": {
            "adminPassword": None,
            "adminUsername": user,
            "allowExtensionOperations": True,
            "computerName": name,
            "customData": None,
            "linuxConfiguration": linux_config(g, user),
            "requireGuestProvisionSignal": True,
            "secrets": [],
            "windowsConfiguration": None},
        "plan": None,
        "platformFaultDomain": None,
        "priority": None,
        "provisioningState": "Succeeded",
        "proximityPlacementGroup": None,
        "resourceGroup": rg.upper(),
        "resources": None,
        "scheduledEventsPolicy": None,
        "scheduledEventsProfile": None,
        "securityProfile": None if sec is None else {
            "encryptionAtHost": g.rnd.random() < 0.5,
            "encryptionIdentity": None,
            "proxyAgentSettings": None,
            "securityType": sec,
            "uefiSettings": {"secureBootEnabled": True,
                             "vTpmEnabled": True}},
        "storageProfile": {
            "alignRegionalDisksToVmZone": None,
            "dataDisks": data_disks(g, sub, rg, name),
            "diskControllerType": "SCSI",
            "imageReference": {
                "communityGalleryImageId": None,
                "exactVersion": "22.04.2024%05d" % g.rnd.randrange(10**5),
                "id": None,
                "offer": "0001-com-ubuntu-server-jammy",
                "publisher": "Canonical",
                "sharedGalleryImageId": None,
                "sku": "22_04-lts-gen2",
                "version": "latest"},
            "osDisk": {
                "caching": "ReadWrite",
                "createOption": "FromImage",
                "deleteOption": "Delete",
                "diffDiskSettings": None,
                "diskSizeGb": 30,
                "encryptionSettings": None,
                "image": None,
                "managedDisk": managed_disk(g, sub, rg, os_name,
                                            g.rnd.choice(SKUS), sec),
                "name": os_name,
                "osType": "Linux",
                "vhd": None,
                "writeAcceleratorEnabled": None}},
        "tags": g.tags(),
        "timeCreated": g.time(),
        "type": "Microsoft.Compute/virtualMachines",
        "userData": None,
        "virtualMachineScaleSet": None,
        "vmId": g.uuid(),
        "zones": [str(g.rnd.randrange(1, 4))] if g.rnd.random() < 0.5
        else None,
    }


def disk(g, i):
    sub = g.sub()
    rg = "rg-%s-%s" % (g.rnd.choice(["prod", "dev", "test"]), g.word(4))
    name = "disk-%s-%05d" % (g.word(3), i)
    enc = g.rnd.choice(ENC_TYPES)
    size = g.rnd.choice([32, 64, 128, 256, 1024])
    attached = g.rnd.random() < 0.8
    return {
        "burstingEnabled": None,
        "burstingEnabledTime": None,
        "completionPercent": None,
        "creationData": {
            "createOption": "Empty",
            "elevatedSecurityOption": None,
            "galleryImageReference": None,
            "imageReference": None,
            "logicalSectorSize": None,
            "performancePlus": None,
            "provisionedBandwidthCopySpeed": None,
            "securityDataUri": None,
            "sourceResourceId": None,
            "sourceUniqueId": None,
            "sourceUri": None,
            "storageAccountId": None,
            "uploadSizeBytes": None},
        "dataAccessAuthMode": None,
        "diskAccessId": None,
        "diskIOPSReadOnly": None,
        "diskIOPSReadWrite": 120,
        "diskMBpsReadOnly": None,
        "diskMBpsReadWrite": 25,
        "diskSizeBytes": size << 30,
        "diskSizeGB": size,
        "diskState": "Attached" if attached else "Unattached",
        "encryption": {
            "diskEncryptionSetId": None if enc == ENC_TYPES[0]
            else g.des_id(sub, rg),
            "type": enc},
        "encryptionSettingsCollection": None,
        "extendedLocation": None,
        "hyperVGeneration": None,
        "id": "/subscriptions/%s/resourceGroups/%s/providers/"
              "Microsoft.Compute/disks/%s" % (sub, rg.upper(), name),
        "lastOwnershipUpdateTime": g.time() if attached else None,
        "location": g.rnd.choice(LOCATIONS),
        "managedBy": "/subscriptions/%s/resourceGroups/%s/providers/"
                     "Microsoft.Compute/virtualMachines/vm-%s"
                     % (sub, rg.upper(), g.word(5)) if attached else None,
        "managedByExtended": None,
        "maxShares": None,
        "name": name,
        "networkAccessPolicy": "AllowAll",
        "optimizedForFrequentAttach": None,
        "osType": None,
        "propertyUpdatesInProgress": None,
        "provisioningState": "Succeeded",
        "publicNetworkAccess": "Enabled",
        "purchasePlan": None,
        "resourceGroup": rg.upper(),
        "securityProfile": None,
        "shareInfo": None,
        "sku": {"name": g.rnd.choice(SKUS), "tier": "Premium"},
        "supportedCapabilities": None,
        "supportsHibernation": None,
        "tags": g.tags(),
        "tier": "P%d" % g.rnd.choice([4, 6, 10, 15, 30]),
        "timeCreated": g.time(),
        "type": "Microsoft.Compute/disks",
        "uniqueId": g.uuid(),
        "zones": None,
    }


def item_text(obj):
    """One array item, indented as az indents it."""
    return "\n".join("  " + line for line in
                     json.dumps(obj, indent=2).split("\n"))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--kind", choices=["vm", "disk"], default="vm")
    group = ap.add_mutually_exclusive_group()
    group.add_argument("--count", "--vms", type=int, dest="count",
                       help="number of resources")
    group.add_argument("--size", type=float,
                       help="approximate size in MB (10^6 bytes)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("-o", "--output", help="file to write (default stdout)")
    args = ap.parse_args()
    if args.count is None and args.size is None:
        args.count = 100

    g = Gen(args.seed)
    make = vm if args.kind == "vm" else disk
    out = open(args.output, "w", encoding="utf-8") if args.output \
        else sys.stdout
    limit = None if args.size is None else int(args.size * 1e6)
    written = 2
    out.write("[")
    i = 0
    while (args.count is not None and i < args.count) or \
            (limit is not None and written < limit):
        text = ("\n" if i == 0 else ",\n") + item_text(make(g, i))
        out.write(text)
        written += len(text)
        i += 1
    out.write("\n]\n")
    if out is not sys.stdout:
        out.close()


if __name__ == "__main__":
    main()
