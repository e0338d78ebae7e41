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

@description('Subnet of every node pool (the virtual network of network.bicep, where the storage private endpoints are).')
param nodesSubnetId string

@description('Free: no uptime SLA on the control plane; Standard: SLA, billed per cluster hour.')
@allowed([
  'Free'
  'Standard'
])
param tier string = 'Standard'

var acrPullRoleId = '7f951dda-4ed3-4680-a7ca-43fe172d538d'
var networkContributorRoleId = '4d97b98b-1d4f-4787-a291-c67834d212e7'

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
    // Azure CNI overlay with the Cilium dataplane, which enforces the chart's NetworkPolicy. Pod and service ranges
    // stay outside the virtual network's 10.224.0.0/12.
    networkProfile: {
      networkPlugin: 'azure'
      networkPluginMode: 'overlay'
      networkDataplane: 'cilium'
      networkPolicy: 'cilium'
      podCidr: '10.244.0.0/16'
      serviceCidr: '10.0.0.0/16'
      dnsServiceIP: '10.0.0.10'
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
        vnetSubnetID: nodesSubnetId
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
        vnetSubnetID: nodesSubnetId
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
        vnetSubnetID: nodesSubnetId
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

// The cluster's identity manages load balancers and node interfaces in the subnet it does not own.
resource nodesSubnet 'Microsoft.Network/virtualNetworks/subnets@2024-05-01' existing = {
  name: last(split(nodesSubnetId, '/'))
  parent: nodesNetwork
}

resource nodesNetwork 'Microsoft.Network/virtualNetworks@2024-05-01' existing = {
  name: split(nodesSubnetId, '/')[8]
}

resource clusterNetworkContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(nodesSubnetId, cluster.id, networkContributorRoleId)
  scope: nodesSubnet
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', networkContributorRoleId)
    principalId: cluster.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

output name string = cluster.name
output oidcIssuerUrl string = cluster.properties.oidcIssuerProfile.issuerURL
