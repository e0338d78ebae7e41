// The virtual network of the AKS nodes and of the storage account's private endpoints, and the private DNS zones that
// resolve the account's blob and table host names to those endpoints inside the network.

param name string
param location string
param tags object

@description('Address space of the network; the nodes subnet and the private endpoints subnet are carved from it.')
param addressPrefix string = '10.224.0.0/12'
param nodesSubnetPrefix string = '10.224.0.0/16'
param privateEndpointsSubnetPrefix string = '10.225.0.0/24'

@description('Storage services reached through private endpoints.')
param storageServices array = [
  'blob'
  'table'
]

resource network 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    addressSpace: {
      addressPrefixes: [
        addressPrefix
      ]
    }
    subnets: [
      {
        name: 'aks-nodes'
        properties: {
          addressPrefix: nodesSubnetPrefix
        }
      }
      {
        name: 'private-endpoints'
        properties: {
          addressPrefix: privateEndpointsSubnetPrefix
          privateEndpointNetworkPolicies: 'Disabled'
        }
      }
    ]
  }
}

resource storageZones 'Microsoft.Network/privateDnsZones@2020-06-01' = [
  for service in storageServices: {
    name: 'privatelink.${service}.${environment().suffixes.storage}'
    location: 'global'
    tags: tags
  }
]

resource storageZoneLinks 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2020-06-01' = [
  for (service, i) in storageServices: {
    parent: storageZones[i]
    name: name
    location: 'global'
    tags: tags
    properties: {
      registrationEnabled: false
      virtualNetwork: {
        id: network.id
      }
    }
  }
]

output nodesSubnetId string = network.properties.subnets[0].id
output privateEndpointsSubnetId string = network.properties.subnets[1].id
output storageZoneIds array = [for (service, i) in storageServices: storageZones[i].id]
