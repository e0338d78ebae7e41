// Storage account for the catalog, datasets, models and results (blob) and for Orleans membership, reminders and grain
// state (table, blob). No anonymous blob access, HTTPS only, TLS 1.2 at least; no public network access: the pods
// reach it through private endpoints in the AKS virtual network; no shared key when the pods use workload identity.

param name string
param location string
param allowSharedKeyAccess bool
param tags object

@description('Subnet of the private endpoints (the AKS virtual network).')
param privateEndpointsSubnetId string

@description('Private DNS zone of each service of privateEndpointServices, in the same order.')
param privateDnsZoneIds array

@description('Services reached through private endpoints.')
param privateEndpointServices array = [
  'blob'
  'table'
]

@description('Blob containers of the architecture (docs/architecture.md); Orleans creates its own.')
param containers array = [
  'catalog'
  'datasets'
  'models'
  'results'
]

@description('Days a deleted blob (results included) or a deleted container can be restored.')
@minValue(1)
@maxValue(365)
param softDeleteRetentionDays int = 7

resource account 'Microsoft.Storage/storageAccounts@2024-01-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_ZRS'
  }
  properties: {
    accessTier: 'Hot'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: allowSharedKeyAccess
    defaultToOAuthAuthentication: !allowSharedKeyAccess
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Disabled'
    networkAcls: {
      defaultAction: 'Deny'
      bypass: 'None'
    }
    encryption: {
      keySource: 'Microsoft.Storage'
      services: {
        blob: {
          enabled: true
        }
        table: {
          enabled: true
        }
      }
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2024-01-01' = {
  parent: account
  name: 'default'
  properties: {
    // Soft delete of blobs (a results blob overwritten or deleted by mistake) and of whole containers.
    deleteRetentionPolicy: {
      enabled: true
      days: softDeleteRetentionDays
    }
    containerDeleteRetentionPolicy: {
      enabled: true
      days: softDeleteRetentionDays
    }
  }
}

resource blobContainers 'Microsoft.Storage/storageAccounts/blobServices/containers@2024-01-01' = [
  for container in containers: {
    parent: blobService
    name: container
    properties: {
      publicAccess: 'None'
    }
  }
]

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2024-01-01' = {
  parent: account
  name: 'default'
}

resource privateEndpoints 'Microsoft.Network/privateEndpoints@2024-05-01' = [
  for (service, i) in privateEndpointServices: {
    name: '${name}-${service}'
    location: location
    tags: tags
    properties: {
      subnet: {
        id: privateEndpointsSubnetId
      }
      privateLinkServiceConnections: [
        {
          name: '${name}-${service}'
          properties: {
            privateLinkServiceId: account.id
            groupIds: [
              service
            ]
          }
        }
      ]
    }
  }
]

resource privateDnsZoneGroups 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2024-05-01' = [
  for (service, i) in privateEndpointServices: {
    parent: privateEndpoints[i]
    name: 'default'
    properties: {
      privateDnsZoneConfigs: [
        {
          name: service
          properties: {
            privateDnsZoneId: privateDnsZoneIds[i]
          }
        }
      ]
    }
  }
]

output name string = account.name
