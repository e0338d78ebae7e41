// Azure resources of a Disambig cluster: a virtual network, storage (blob + table) reachable only through private
// endpoints in it, a container registry, an AKS cluster in it with a system pool, a CPU pool for workers and the
// trainer, a GPU pool for inference, and one managed identity per kind of pod (each silo role, the nightly sweep)
// that the pods use through workload identity. Deploy: infra/README.md.

targetScope = 'resourceGroup'

@description('Prefix of every resource name (lower-case letters and digits, 3-11 characters).')
@minLength(3)
@maxLength(11)
param namePrefix string = 'disambig'

@description('Azure region of every resource.')
param location string = resourceGroup().location

@description('Kubernetes version of the AKS control plane and pools; empty takes the region default.')
param kubernetesVersion string = ''

@description('VM size of the system pool (cluster add-ons only).')
param systemVmSize string = 'Standard_D4ds_v5'

@description('VM size of the CPU pool (worker silos, trainer, nightly sweep job).')
param cpuVmSize string = 'Standard_D8ds_v5'

@description('Autoscaler bounds of the CPU pool.')
@minValue(1)
param cpuPoolMinCount int = 1
@minValue(1)
param cpuPoolMaxCount int = 10

@description('VM size of the GPU pool (inference silos): one NVIDIA T4 per node by default.')
param gpuVmSize string = 'Standard_NC4as_T4_v3'

@description('Autoscaler bounds of the GPU pool; 0 lets it scale to zero between sweeps.')
@minValue(0)
param gpuPoolMinCount int = 0
@minValue(1)
param gpuPoolMaxCount int = 2

@description('Labels of the CPU pool nodes; the chart\'s worker, trainer and nightlySweep nodeSelector match them.')
param cpuPoolLabels object = {
  'disambig.io/pool': 'cpu'
}

@description('Labels of the GPU pool nodes; the chart\'s inference.nodeSelector matches them.')
param gpuPoolLabels object = {
  'disambig.io/pool': 'gpu'
}

@description('Taint of the GPU pool nodes (key=value:effect); the chart\'s inference.tolerations tolerate it.')
param gpuPoolTaint string = 'sku=gpu:NoSchedule'

@description('Namespace and name of the Helm release: its service accounts <release>-<kind> are trusted by the managed identities (workload identity).')
param kubernetesNamespace string = 'disambig'
param helmReleaseName string = 'disambig'

@description('Pods reach storage with workload identity, and shared-key (account key, connection string) access is disabled. False keeps the keys working (a chart installed with the storage Secret).')
param workloadIdentity bool = true

@description('Tags on every resource.')
param tags object = {
  application: 'disambig'
}

var suffix = uniqueString(resourceGroup().id)

var storageBlobDataContributor = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
var storageTableDataContributor = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'

// The pod kinds with an identity of their own: the chart's service account suffix, its values key
// (storage.workloadIdentity.clientIds) and the storage data roles it gets. Silos keep membership, reminders (tables),
// grain state and the pipeline's containers (blobs); the nightly sweep, an Orleans client, only reads the membership
// table (and creates it when missing, hence contributor).
var podKinds = [
  {
    name: 'inference'
    valuesKey: 'inference'
    storageRoleIds: [storageBlobDataContributor, storageTableDataContributor]
  }
  {
    name: 'trainer'
    valuesKey: 'trainer'
    storageRoleIds: [storageBlobDataContributor, storageTableDataContributor]
  }
  {
    name: 'worker'
    valuesKey: 'worker'
    storageRoleIds: [storageBlobDataContributor, storageTableDataContributor]
  }
  {
    name: 'nightly-sweep'
    valuesKey: 'nightlySweep'
    storageRoleIds: [storageTableDataContributor]
  }
]

module network 'modules/network.bicep' = {
  name: 'network'
  params: {
    name: '${namePrefix}-vnet'
    location: location
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    name: take('${namePrefix}${suffix}', 24)
    location: location
    allowSharedKeyAccess: !workloadIdentity
    privateEndpointsSubnetId: network.outputs.privateEndpointsSubnetId
    privateDnsZoneIds: network.outputs.storageZoneIds
    tags: tags
  }
}

module registry 'modules/registry.bicep' = {
  name: 'registry'
  params: {
    name: take('${namePrefix}${suffix}', 50)
    location: location
    tags: tags
  }
}

module aks 'modules/aks.bicep' = {
  name: 'aks'
  params: {
    name: '${namePrefix}-aks'
    location: location
    kubernetesVersion: kubernetesVersion
    systemVmSize: systemVmSize
    cpuVmSize: cpuVmSize
    cpuPoolMinCount: cpuPoolMinCount
    cpuPoolMaxCount: cpuPoolMaxCount
    cpuPoolLabels: cpuPoolLabels
    gpuVmSize: gpuVmSize
    gpuPoolMinCount: gpuPoolMinCount
    gpuPoolMaxCount: gpuPoolMaxCount
    gpuPoolLabels: gpuPoolLabels
    gpuPoolTaint: gpuPoolTaint
    registryName: registry.outputs.name
    nodesSubnetId: network.outputs.nodesSubnetId
    tags: tags
  }
}

module identities 'modules/identity.bicep' = [
  for kind in podKinds: {
    name: 'identity-${kind.name}'
    params: {
      name: '${namePrefix}-${kind.name}'
      location: location
      storageAccountName: storage.outputs.name
      storageRoleIds: kind.storageRoleIds
      oidcIssuerUrl: aks.outputs.oidcIssuerUrl
      kubernetesNamespace: kubernetesNamespace
      serviceAccountName: '${helmReleaseName}-${kind.name}'
      tags: tags
    }
  }
]

output storageAccountName string = storage.outputs.name
output registryLoginServer string = registry.outputs.loginServer
output aksName string = aks.outputs.name
@description('Client id of each pod kind\'s identity, keyed like the chart\'s storage.workloadIdentity.clientIds.')
output podIdentityClientIds object = {
  // In the order of podKinds.
  '${podKinds[0].valuesKey}': identities[0].outputs.clientId
  '${podKinds[1].valuesKey}': identities[1].outputs.clientId
  '${podKinds[2].valuesKey}': identities[2].outputs.clientId
  '${podKinds[3].valuesKey}': identities[3].outputs.clientId
}
