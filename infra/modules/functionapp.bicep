// The function app: SidFlow's isolated worker (.NET 10) with Durable Functions on the Azure Storage provider.
// Flex Consumption (the default) has no OS packages, so renders use SidFlow's own `emu` engine there and work
// that needs sidplayfp or ffmpeg is refused with the reason; an Elastic Premium plan running the container of
// infra/Dockerfile has both tools for archival renders. Storage and Application Insights are reached with the
// user-assigned identity; no account keys are used.
param name string
param location string
param identityId string
param identityClientId string
param storageAccountName string
param deploymentContainerUrl string
param appInsightsConnectionString string

@secure()
param adminToken string

@allowed(['flex', 'premium'])
param hosting string

param maximumInstanceCount int
param instanceMemoryMB int

@description('The container image with sidplayfp and ffmpeg (premium hosting only), e.g. myregistry.azurecr.io/sidflow:1.0.')
param containerImage string

var flex = hosting == 'flex'

// Shared settings. The Durable task hub is host.json's (extensions.durableTask.hubName).
var commonSettings = [
  { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
  { name: 'AzureWebJobsStorage__clientId', value: identityClientId }
  { name: 'AzureWebJobsStorage__blobServiceUri', value: 'https://${storageAccountName}.blob.${environment().suffixes.storage}' }
  { name: 'AzureWebJobsStorage__queueServiceUri', value: 'https://${storageAccountName}.queue.${environment().suffixes.storage}' }
  { name: 'AzureWebJobsStorage__tableServiceUri', value: 'https://${storageAccountName}.table.${environment().suffixes.storage}' }
  { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: appInsightsConnectionString }
  { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: 'ClientId=${identityClientId};Authorization=AAD' }
  { name: 'SIDFLOW_ADMIN_TOKEN', value: adminToken }
  { name: 'SIDFLOW_CONFIG', value: '.sidflow.json' }
  // Without Debian's sidplayfp the server renders with SidFlow's own engine.
  { name: 'SIDFLOW__render__preferredEngines__0', value: flex ? 'emu' : 'sidplayfp' }
]

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: 'plan-${name}'
  location: location
  kind: flex ? 'functionapp' : 'elastic'
  sku: flex ? { name: 'FC1', tier: 'FlexConsumption' } : { name: 'EP1', tier: 'ElasticPremium' }
  properties: {
    reserved: true
    maximumElasticWorkerCount: flex ? null : maximumInstanceCount
  }
}

resource flexSite 'Microsoft.Web/sites@2024-04-01' = if (flex) {
  name: name
  location: location
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appSettings: commonSettings
    }
  }
}

resource premiumSite 'Microsoft.Web/sites@2024-04-01' = if (!flex) {
  name: name
  location: location
  kind: 'functionapp,linux,container'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      linuxFxVersion: 'DOCKER|${containerImage}'
      acrUseManagedIdentityCreds: true
      acrUserManagedIdentityID: identityClientId
      appSettings: concat(commonSettings, [
        { name: 'FUNCTIONS_EXTENSION_VERSION', value: '~4' }
        { name: 'FUNCTIONS_WORKER_RUNTIME', value: 'dotnet-isolated' }
        { name: 'WEBSITES_ENABLE_APP_SERVICE_STORAGE', value: 'false' }
      ])
    }
  }
}

output name string = name
output url string = 'https://${flex ? flexSite!.properties.defaultHostName : premiumSite!.properties.defaultHostName}'
