#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Write the sample estate in examples/estate/ in the shape `az` prints.

Compute resources have `properties` flattened into the top level and keys
sorted (as `az ... list -o json` prints them); key vaults keep
`properties`. Every value comes from the scenario catalogue and the facts
file; examples/README.md says which resource shows what. Run it from any
directory: it writes next to itself.
"""
import base64
import json
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
SUB = "6a1f0c2e-3b4d-4e5f-8a9b-0c1d2e3f4a5b"       # workloads
SEC_SUB = "9c8b7a6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d"   # central security
TENANT = "72f988bf-0000-4000-8000-00000000c0de"
LOC = "westeurope"
RG = "rg-contoso-prod"


def rid(sub, rg, rtype, name):
    return f"/subscriptions/{sub}/resourceGroups/{rg}/providers/{rtype}/{name}"


def vault_id(name, sub=SUB, rg="rg-contoso-keys"):
    return rid(sub, rg, "Microsoft.KeyVault/vaults", name)


def des_id(name):
    return rid(SUB, "rg-contoso-keys", "Microsoft.Compute/diskEncryptionSets",
               name)


def disk_id(name):
    return rid(SUB, RG, "Microsoft.Compute/disks", name)


def key_url(vault, key, version):
    return f"https://{vault}.vault.azure.net/keys/{key}/{version}"


VAULTS = [
    # name, subscription, sku, purge protection, for ADE
    ("kv-contoso-disks", SUB, "premium", True, False),
    ("kv-contoso-cvm", SUB, "premium", True, False),
    ("kv-contoso-ade", SUB, "standard", True, True),
    ("kv-contoso-central", SEC_SUB, "premium", True, False),
]

# name, vault, version, kty, bits, exportable, release policy
KEYS = [
    ("key-os", "kv-contoso-disks", "3f1c9e2a7b6d4c58a0e1f2d3c4b5a697",
     "RSA-HSM", 3072, False, False),
    ("key-data", "kv-contoso-disks", "8d2e4f6a1b3c5d7e9f0a1b2c3d4e5f60",
     "RSA-HSM", 3072, False, False),
    ("key-double", "kv-contoso-disks", "0a9b8c7d6e5f40312a3b4c5d6e7f8091",
     "RSA", 2048, False, False),
    ("key-cvm", "kv-contoso-cvm", "5e6f7a8b9c0d41e2f3a4b5c6d7e8f901",
     "RSA-HSM", 3072, True, True),
    ("key-central", "kv-contoso-central", "c4d5e6f7a8b94c0d1e2f3a4b5c6d7e8f",
     "RSA", 4096, False, False),
]
KEY = {k[0]: k for k in KEYS}

# name, type, key, sourceVault?, rotation, rotation error
DES = [
    ("des-os-shared", "EncryptionAtRestWithCustomerKey", "key-os", True,
     True, None),
    ("des-os-legacy", "EncryptionAtRestWithCustomerKey", "key-os", True,
     False, None),
    ("des-data", "EncryptionAtRestWithCustomerKey", "key-data", True, True,
     None),
    ("des-double", "EncryptionAtRestWithPlatformAndCustomerKeys",
     "key-double", True, True, None),
    ("des-cvm", "ConfidentialVmEncryptedWithCustomerKey", "key-cvm", True,
     False, None),
    # The vault sits in another subscription: no sourceVault (facts 17).
    ("des-central", "EncryptionAtRestWithCustomerKey", "key-central", False,
     True, {"code": "KeyVaultKeyNotFound",
            "message": "Auto-key rotation was disabled as the key "
                       "'key-central' could not be found in the key vault."}),
]

CVM_IMAGE = ("Canonical", "0001-com-ubuntu-confidential-vm-jammy",
             "22_04-lts-cvm")
UBUNTU = ("Canonical", "0001-com-ubuntu-server-jammy", "22_04-lts-gen2")
WINDOWS = ("MicrosoftWindowsServer", "WindowsServer", "2022-datacenter-g2")

# name, size, image, security type, EAH, securityEncryptionType,
# OS DES, secure DES, data disk DES list, ADE
VMS = [
    ("vm01-defaults", "Standard_D2ds_v4", UBUNTU, None, None, None, None,
     None, [], False),
    ("vm02-cmk", "Standard_D2ds_v4", UBUNTU, None, None, None,
     "des-os-shared", None, [], False),
    ("vm03-eah", "Standard_D2ds_v4", UBUNTU, None, True, None, None, None,
     [], False),
    ("vm04-eah-cmk", "Standard_D2ds_v4", UBUNTU, None, True, None,
     "des-os-shared", None, [], False),
    ("vm05-cvm-vmgs", "Standard_DC2as_v5", CVM_IMAGE, "ConfidentialVM",
     None, "VMGuestStateOnly", None, None, [], False),
    ("vm06-cvm-disk", "Standard_DC2as_v5", CVM_IMAGE, "ConfidentialVM",
     None, "DiskWithVMGuestState", None, None, [], False),
    ("vm07-cvm-cmk", "Standard_DC2as_v5", CVM_IMAGE, "ConfidentialVM", None,
     "DiskWithVMGuestState", None, "des-cvm", [], False),
    ("vm08-cvm-cmk-data", "Standard_DC2as_v5", CVM_IMAGE, "ConfidentialVM",
     None, "DiskWithVMGuestState", None, "des-cvm", ["des-data"], False),
    ("vm09-cvm-cmk-eah", "Standard_DC2as_v5", CVM_IMAGE, "ConfidentialVM",
     True, "DiskWithVMGuestState", None, "des-cvm", [], False),
    ("vm10-cvm-full", "Standard_DC2as_v5", CVM_IMAGE, "ConfidentialVM", True,
     "DiskWithVMGuestState", None, "des-cvm", ["des-data"], False),
    ("vm11-ade", "Standard_D2s_v3", WINDOWS, "TrustedLaunch", None, None,
     None, None, [None], True),
    # Confidential on a size that is not, and a secure DES without
    # DiskWithVMGuestState: both rejected by Azure (facts 7).
    ("vm12-bad-cvm", "Standard_D2s_v5", CVM_IMAGE, "ConfidentialVM", None,
     "VMGuestStateOnly", None, "des-cvm", [], False),
    ("vm13-legacy", "Standard_D2s_v3", UBUNTU, None, None, None,
     "des-os-legacy", None, ["des-os-legacy"], False),
    ("vm14-central", "Standard_D4ds_v5", UBUNTU, "TrustedLaunch", True,
     None, "des-central", None, ["des-central"], False),
]

# Unattached data disks: disk01-disk03 of the catalogue.
LOOSE = [
    ("disk01-platform", None, "EncryptionAtRestWithPlatformKey"),
    ("disk02-cmk", "des-data", "EncryptionAtRestWithCustomerKey"),
    ("disk03-double", "des-double",
     "EncryptionAtRestWithPlatformAndCustomerKeys"),
]


def vm_json(v):
    (name, size, image, sectype, eah, secenc, os_des, sec_des, data,
     ade) = v
    vid = rid(SUB, RG, "Microsoft.Compute/virtualMachines", name)
    md = {"id": disk_id(f"{name}-os"), "storageAccountType": "Premium_LRS"}
    if os_des:
        md["diskEncryptionSet"] = {"id": des_id(os_des)}
    if secenc:
        md["securityProfile"] = {"securityEncryptionType": secenc}
        if sec_des:
            md["securityProfile"]["diskEncryptionSet"] = {"id": des_id(sec_des)}
    windows = image is WINDOWS
    vm = {
        "id": vid, "name": name, "type": "Microsoft.Compute/virtualMachines",
        "location": LOC, "resourceGroup": RG, "tags": {"env": "prod"},
        "hardwareProfile": {"vmSize": size},
        "provisioningState": "Succeeded",
        "storageProfile": {
            "imageReference": {"publisher": image[0], "offer": image[1],
                               "sku": image[2], "version": "latest"},
            "osDisk": {"osType": "Windows" if windows else "Linux",
                       "name": f"{name}-os", "createOption": "FromImage",
                       "caching": "ReadWrite", "diskSizeGB": 30,
                       "managedDisk": md, "deleteOption": "Delete"},
            "dataDisks": [],
        },
        "networkProfile": {"networkInterfaces": [{"id": rid(
            SUB, RG, "Microsoft.Network/networkInterfaces",
            f"{name}-nic")}]},
        "resources": [],
    }
    for lun, dd in enumerate(data):
        m = {"id": disk_id(f"{name}-data{lun}"),
             "storageAccountType": "Premium_LRS"}
        if dd:
            m["diskEncryptionSet"] = {"id": des_id(dd)}
        vm["storageProfile"]["dataDisks"].append(
            {"lun": lun, "name": f"{name}-data{lun}", "createOption": "Empty",
             "caching": "None", "diskSizeGB": 32, "managedDisk": m,
             "deleteOption": "Delete"})
    sp = {}
    if sectype:
        sp["securityType"] = sectype
        sp["uefiSettings"] = {"secureBootEnabled": True, "vTpmEnabled": True}
    if eah:
        sp["encryptionAtHost"] = True
    if sp:
        vm["securityProfile"] = sp
    if ade:
        vm["resources"].append({
            "id": vid + "/extensions/AzureDiskEncryption",
            "name": "AzureDiskEncryption",
            "type": "Microsoft.Compute/virtualMachines/extensions",
            "location": LOC, "publisher": "Microsoft.Azure.Security",
            "typePropertiesType": "AzureDiskEncryption",
            "typeHandlerVersion": "2.2", "autoUpgradeMinorVersion": True,
            "provisioningState": "Succeeded",
            "settings": {"EncryptionOperation": "EnableEncryption",
                         "KeyVaultURL":
                             "https://kv-contoso-ade.vault.azure.net/",
                         "KeyVaultResourceId": vault_id("kv-contoso-ade"),
                         "KeyEncryptionAlgorithm": "RSA-OAEP",
                         "VolumeType": "All"}})
    return vm


def disk_sectype(secenc, sec_des):
    if secenc == "VMGuestStateOnly":
        return "ConfidentialVM_VMGuestStateOnlyEncryptedWithPlatformKey"
    if secenc == "DiskWithVMGuestState":
        return ("ConfidentialVM_DiskEncryptedWithCustomerKey" if sec_des
                else "ConfidentialVM_DiskEncryptedWithPlatformKey")
    return None


def disk_json(name, des, enctype, managed_by, os_type=None, sectype=None,
              sec_des=None, ade_vm=None):
    d = {"id": disk_id(name), "name": name, "type": "Microsoft.Compute/disks",
         "location": LOC, "resourceGroup": RG,
         "sku": {"name": "Premium_LRS", "tier": "Premium"},
         "creationData": {"createOption": "FromImage" if os_type else "Empty"},
         "diskSizeGB": 30 if os_type else 32,
         "encryption": {"type": enctype},
         "diskState": "Attached" if managed_by else "Unattached",
         "provisioningState": "Succeeded",
         "timeCreated": "2026-11-02T09:14:00.000000+00:00"}
    if des:
        d["encryption"]["diskEncryptionSetId"] = des_id(des)
    if managed_by:
        d["managedBy"] = managed_by
    if os_type:
        d["osType"] = os_type
        d["hyperVGeneration"] = "V2"
    if sectype:
        d["securityProfile"] = {"securityType": sectype}
        if sec_des:
            d["securityProfile"]["secureVMDiskEncryptionSetId"] = \
                des_id(sec_des)
    if ade_vm:
        kv = vault_id("kv-contoso-ade")
        d["encryptionSettingsCollection"] = {
            "enabled": True, "encryptionSettingsVersion": "1.1",
            "encryptionSettings": [{"diskEncryptionKey": {
                "sourceVault": {"id": kv},
                "secretUrl": "https://kv-contoso-ade.vault.azure.net/secrets/"
                             "6C1F2A3B-0D4E-4F5A-8B6C-7D8E9F0A1B2C/"
                             "b1c2d3e4f5a6478990a1b2c3d4e5f607"}}]}
    return d


def disks_for(v):
    (name, size, image, sectype, eah, secenc, os_des, sec_des, data,
     ade) = v
    vid = rid(SUB, RG, "Microsoft.Compute/virtualMachines", name)
    enc = ("EncryptionAtRestWithCustomerKey" if os_des
           else "EncryptionAtRestWithPlatformKey")
    out = [disk_json(f"{name}-os", os_des, enc, vid,
                     "Windows" if image is WINDOWS else "Linux",
                     disk_sectype(secenc, sec_des) or
                     ("TrustedLaunch" if sectype == "TrustedLaunch" else None),
                     sec_des, ade)]
    for lun, dd in enumerate(data):
        enc = ("EncryptionAtRestWithCustomerKey" if dd
               else "EncryptionAtRestWithPlatformKey")
        out.append(disk_json(f"{name}-data{lun}", dd, enc, vid, ade_vm=ade))
    return out


def des_json(d):
    name, etype, key, with_vault, rotation, error = d
    k = KEY[key]
    v = {"id": des_id(name), "name": name,
         "type": "Microsoft.Compute/diskEncryptionSets", "location": LOC,
         "resourceGroup": "rg-contoso-keys",
         "identity": {"type": "SystemAssigned",
                      "principalId":
                          "0f1e2d3c-4b5a-4697-8877-%012d" % len(name),
                      "tenantId": TENANT},
         "encryptionType": etype,
         "activeKey": {"keyUrl": key_url(k[1], k[0], k[2])},
         "rotationToLatestKeyVersionEnabled": rotation,
         "provisioningState": "Succeeded", "previousKeys": []}
    if with_vault:
        v["activeKey"]["sourceVault"] = {"id": vault_id(k[1])}
    if error:
        v["autoKeyRotationError"] = error
    return v


def vault_json(v):
    name, sub, sku, purge, for_ade = v
    return {"id": vault_id(name, sub), "name": name,
            "type": "Microsoft.KeyVault/vaults", "location": LOC,
            "resourceGroup": "rg-contoso-keys", "tags": {},
            "properties": {"tenantId": TENANT,
                           "sku": {"family": "A", "name": sku},
                           "vaultUri": f"https://{name}.vault.azure.net/",
                           "enableSoftDelete": True,
                           "softDeleteRetentionInDays": 90,
                           "enablePurgeProtection": purge,
                           "enableRbacAuthorization": True,
                           "enabledForDiskEncryption": for_ade,
                           "provisioningState": "Succeeded"}}


def modulus(bits, seed):
    rnd = random.Random(seed)
    n = bytearray(rnd.getrandbits(8) for _ in range(bits // 8))
    n[0] |= 0x80
    n[-1] |= 1
    return base64.urlsafe_b64encode(bytes(n)).rstrip(b"=").decode()


def key_json(k):
    name, vault, version, kty, bits, exportable, policy = k
    return {"attributes": {"created": "2026-10-01T08:00:00+00:00",
                           "enabled": True,
                           "expires": "2028-10-01T08:00:00+00:00",
                           "exportable": exportable, "notBefore": None,
                           "recoverableDays": 90,
                           "recoveryLevel": "Recoverable",
                           "updated": "2026-10-01T08:00:00+00:00"},
            "key": {"e": "AQAB", "keyOps": ["wrapKey", "unwrapKey"],
                    "kid": key_url(vault, name, version), "kty": kty,
                    "n": modulus(bits, name)},
            "managed": None,
            "releasePolicy": ({"contentType": "application/json; "
                               "charset=utf-8", "encodedPolicy":
                               "eyJhbnlPZiI6W119", "immutable": False}
                              if policy else None),
            "tags": None}


def write(name, obj):
    with open(os.path.join(HERE, name), "w") as f:
        json.dump(obj, f, indent=2, sort_keys=True)
        f.write("\n")


def main():
    vms = [vm_json(v) for v in VMS]
    disks = [d for v in VMS for d in disks_for(v)]
    disks += [disk_json(n, des, enc, None) for n, des, enc in LOOSE]
    write("vms.json", vms)
    write("disks.json", disks)
    write("des.json", [des_json(d) for d in DES])
    write("vaults.json", [vault_json(v) for v in VAULTS])
    write("keys.json", [key_json(k) for k in KEYS])
    write("feature.json", {
        "id": f"/subscriptions/{SUB}/providers/Microsoft.Features/providers/"
              "Microsoft.Compute/features/EncryptionAtHost",
        "name": "Microsoft.Compute/EncryptionAtHost",
        "properties": {"state": "Registered"},
        "type": "Microsoft.Features/providers/features"})


if __name__ == "__main__":
    main()
