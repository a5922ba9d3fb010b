namespace SidFlow.Functions.Tests; public class PlaceholderTests { [Xunit.Fact] public void A() { Xunit.Assert.True(1 == 1); } }
