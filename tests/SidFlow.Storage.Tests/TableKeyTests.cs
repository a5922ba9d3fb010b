using Xunit;

namespace SidFlow.Storage.Tests;

public sealed class TableKeyTests
{
    [Theory]
    [InlineData("MUSICIANS/H/Hubbard_Rob/Delta.sid#2")]
    [InlineData("a\\b?c#d~e%f'g h+i")]
    [InlineData("J\u00f6rg/\U0001F3B5")]
    [InlineData("")]
    public void Encode_AnyText_RoundTripsWithoutForbiddenCharacters(string value)
    {
        string key = TableKey.Encode(value);

        Assert.Equal(value, TableKey.Decode(key));
        Assert.DoesNotContain(key, c => c is '/' or '\\' or '#' or '?' or '\'' or '%' or '+' || char.IsControl(c));
    }

    [Fact]
    public void Encode_PlainName_StaysReadable() => Assert.Equal("Hubbard_Rob", TableKey.Encode("Hubbard_Rob"));
}
