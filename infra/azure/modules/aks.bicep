// AKS cluster: a system pool for add-ons only, an autoscaled CPU pool (worker silos, trainer, sweep job) and an
// autoscaled GPU pool (inference silos) that can scale to zero. OIDC issuer and workload identity are on, so
// pods can use the managed identity of identity.bicep. The kubelet identity may pull from the registry.

param name string
param location string
param kubernetesVersion string
param systemVmSize string
param cpuVmSize string
param cpuPoolMinCount int
param cpuPoolMaxCount int
param cpuPoolLabels object
param gpuVmSize string
param gpuPoolMinCount int
param gpuPoolMaxCount int
param gpuPoolLabels object
param gpuPoolTaint string
param registryName string
param tags object

@description('Free: no uptime SLA on the control plane; Standard: SLA, billed per cluster hour.')
@allowed([
  'Free'
  'Standard'
])
param tier string = 'Standard'

var acrPullRoleId = '7f951dda-4ed3-4680-a7ca-43fe172d538d'

resource cluster 'Microsoft.ContainerService/managedClusters@2024-09-01' = {
  name: name
  location: location
  tags: tags
  identity: {
    type: 'SystemAssigned'
  }
  sku: {
    name: 'Base'
    tier: tier
  }
  properties: {
    kubernetesVersion: empty(kubernetesVersion) ? null : kubernetesVersion
    dnsPrefix: name
    enableRBAC: true
    oidcIssuerProfile: {
      enabled: true
    }
    securityProfile: {
      workloadIdentity: {
        enabled: true
      }
    }
    networkProfile: {
      networkPlugin: 'azure'
      networkPluginMode: 'overlay'
      loadBalancerSku: 'standard'
    }
    autoUpgradeProfile: {
      upgradeChannel: 'patch'
      nodeOSUpgradeChannel: 'NodeImage'
    }
    agentPoolProfiles: [
      {
        name: 'system'
        mode: 'System'
        osType: 'Linux'
        osSKU: 'Ubuntu'
        vmSize: systemVmSize
        count: 1
        enableAutoScaling: true
        minCount: 1
        maxCount: 3
        nodeTaints: [
          'CriticalAddonsOnly=true:NoSchedule'
        ]
      }
      {
        name: 'cpu'
        mode: 'User'
        osType: 'Linux'
        osSKU: 'Ubuntu'
        vmSize: cpuVmSize
        count: cpuPoolMinCount
        enableAutoScaling: true
        minCount: cpuPoolMinCount
        maxCount: cpuPoolMaxCount
        nodeLabels: cpuPoolLabels
      }
      {
        name: 'gpu'
        mode: 'User'
        osType: 'Linux'
        osSKU: 'Ubuntu'
        vmSize: gpuVmSize
        count: gpuPoolMinCount
        enableAutoScaling: true
        minCount: gpuPoolMinCount
        maxCount: gpuPoolMaxCount
        nodeLabels: gpuPoolLabels
        nodeTaints: [
          gpuPoolTaint
        ]
      }
    ]
  }
}

resource registry 'Microsoft.ContainerRegistry/registries@2023-07-01' existing = {
  name: registryName
}

resource kubeletAcrPull 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(registry.id, cluster.id, acrPullRoleId)
  scope: registry
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', acrPullRoleId)
    principalId: cluster.properties.identityProfile.kubeletidentity.objectId
    principalType: 'ServicePrincipal'
  }
}

output name string = cluster.name
output oidcIssuerUrl string = cluster.properties.oidcIssuerProfile.issuerURL
