using 'main.bicep'

param appName = 'sidflow'
param maximumInstanceCount = 40
param instanceMemoryMB = 2048
// The admin token comes from the environment of whoever deploys, never from this file.
param adminToken = readEnvironmentVariable('SIDFLOW_ADMIN_TOKEN')
// 'premium' runs the image of infra/Dockerfile (sidplayfp and ffmpeg); set containerImage then.
param hosting = 'flex'
