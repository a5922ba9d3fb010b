using SidFlow.Testing;
using SidFlow.Web.Tests;
using Xunit;

[assembly: AssemblyFixture(typeof(AzuriteFixture))]
[assembly: AssemblyFixture(typeof(ChromiumFixture))]
