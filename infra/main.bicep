// SidFlow on Azure: storage (blob, table, queue; also the Durable task hub's), the function app (the .NET
// isolated worker with Durable Functions) on Flex Consumption or, for sidplayfp and ffmpeg, on Elastic Premium
// from a container, a user-assigned managed identity with data-plane roles, and Application Insights.
targetScope = 'resourceGroup'

@description('Short name used to derive resource names (lower-case letters and digits).')
@minLength(3)
@maxLength(11)
param appName string = 'sidflow'

@description('Azure region for every resource.')
param location string = resourceGroup().location

@description('Admin bearer token for the /api/admin endpoints. Pass it at deployment time; never commit it.')
@secure()
@minLength(32)
param adminToken string

@description('Most instances the Flex Consumption plan may scale out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Memory per instance in MB (Flex Consumption sizes: 512, 2048 or 4096).')
@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

@description('flex: Flex Consumption (renders with SidFlow\'s own engine); premium: Elastic Premium running containerImage (sidplayfp and ffmpeg).')
@allowed(['flex', 'premium'])
param hosting string = 'flex'

@description('The image built from infra/Dockerfile, for premium hosting.')
param containerImage string = ''

var suffix = uniqueString(resourceGroup().id, appName)
var storageAccountName = take('${appName}${suffix}', 24)

module identity 'modules/identity.bicep' = {
  name: 'identity'
  params: {
    name: 'id-${appName}-${suffix}'
    location: location
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    name: storageAccountName
    location: location
    principalId: identity.outputs.principalId
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    name: '${appName}-${suffix}'
    location: location
    principalId: identity.outputs.principalId
  }
}

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionapp'
  params: {
    name: 'func-${appName}-${suffix}'
    location: location
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    appInsightsConnectionString: monitoring.outputs.connectionString
    adminToken: adminToken
    hosting: hosting
    containerImage: containerImage
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
  }
}

output functionAppName string = functionApp.outputs.name
output functionAppUrl string = functionApp.outputs.url
output storageAccountName string = storage.outputs.name
