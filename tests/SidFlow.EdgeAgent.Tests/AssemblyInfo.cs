using SidFlow.Testing;
using Xunit;

[assembly: AssemblyFixture(typeof(AzuriteFixture))]
