using SidFlow.Testing;
using SidFlow.Web.Tests;
using Xunit;

[assembly: AssemblyFixture(typeof(AzuriteFixture))]
[assembly: AssemblyFixture(typeof(ChromiumFixture))]

// One page at a time: the player plays in real time, and two cores shared by several apps and pages would measure
// the machine's load rather than the engine.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
