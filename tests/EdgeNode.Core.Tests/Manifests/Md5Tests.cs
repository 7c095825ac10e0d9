using System.Security.Cryptography;
using System.Text;
using EdgeNode.Core.Manifests;
using Shouldly;

namespace EdgeNode.Core.Tests.Manifests;

public sealed class Md5Tests
{
    [Theory]
    [InlineData("", "d41d8cd98f00b204e9800998ecf8427e")]
    [InlineData("abc", "900150983cd24fb0d6963f7d28e17f72")]
    [InlineData("The quick brown fox jumps over the lazy dog", "9e107d9d372bb6826bd81d3542a419d6")]
    public void HashData_Rfc1321Vectors_Match(string text, string expected) =>
        Convert.ToHexStringLower(Md5.HashData(Encoding.ASCII.GetBytes(text))).ShouldBe(expected);

    [Fact]
    public void HashData_EveryLengthAcrossBlockBoundaries_MatchesTheFramework()
    {
        var data = Enumerable.Range(0, 300).Select(i => (byte)(i * 31 + 7)).ToArray();
        for (var length = 0; length <= data.Length; length++)
        {
#pragma warning disable CA5351 // the reference implementation, in a test
            Md5.HashData(data.AsSpan(0, length)).ShouldBe(MD5.HashData(data.AsSpan(0, length)), $"length {length}");
#pragma warning restore CA5351
        }
    }
}
