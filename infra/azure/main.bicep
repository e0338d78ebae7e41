// Azure resources of a Disambig cluster: storage (blob + table), a container registry, an AKS cluster with a
// system pool, a CPU pool for workers and the trainer, a GPU pool for inference, and the managed identity the
// pods can use through workload identity. Deploy: infra/README.md.

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

@description('Namespace and service account of the Helm release, trusted by the managed identity (workload identity).')
param kubernetesNamespace string = 'disambig'
param serviceAccountName string = 'disambig'

@description('Keep shared-key (connection string) access to storage: the silos read a connection string today (issue 6/7).')
param allowSharedKeyAccess bool = true

@description('Tags on every resource.')
param tags object = {
  application: 'disambig'
}

var suffix = uniqueString(resourceGroup().id)

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    name: take('${namePrefix}${suffix}', 24)
    location: location
    allowSharedKeyAccess: allowSharedKeyAccess
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
    tags: tags
  }
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  params: {
    name: '${namePrefix}-pods'
    location: location
    storageAccountName: storage.outputs.name
    oidcIssuerUrl: aks.outputs.oidcIssuerUrl
    kubernetesNamespace: kubernetesNamespace
    serviceAccountName: serviceAccountName
    tags: tags
  }
}

output storageAccountName string = storage.outputs.name
output registryLoginServer string = registry.outputs.loginServer
output aksName string = aks.outputs.name
output podIdentityClientId string = identity.outputs.clientId
