namespace SidFlow.Storage.Tests; public class PlaceholderTests { [Xunit.Fact] public void A() { Xunit.Assert.True(1 == 1); } }
