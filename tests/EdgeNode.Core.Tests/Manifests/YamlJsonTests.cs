using EdgeNode.Core.Manifests;
using Shouldly;

namespace EdgeNode.Core.Tests.Manifests;

public sealed class YamlJsonTests
{
    [Theory]
    [InlineData("v: null", "null")]
    [InlineData("v: ~", "null")]
    [InlineData("v:", "null")]
    [InlineData("v: NULL", "null")]
    [InlineData("v: true", "true")]
    [InlineData("v: False", "false")]
    [InlineData("v: 123", "123")]
    [InlineData("v: -7", "-7")]
    [InlineData("v: +7", "7")]
    [InlineData("v: 007", "7")]
    [InlineData("v: 0o17", "15")]
    [InlineData("v: 0x1F", "31")]
    [InlineData("v: 1.5", "1.5")]
    [InlineData("v: .5", "0.5")]
    [InlineData("v: 1.", "1.0")]
    [InlineData("v: 2e3", "2e3")]
    [InlineData("v: 123456789012345678901234567890", "123456789012345678901234567890")]
    [InlineData("v: yes", "\"yes\"")]
    [InlineData("v: on", "\"on\"")]
    [InlineData("v: 1.2.3", "\"1.2.3\"")]
    [InlineData("v: 0x", "\"0x\"")]
    [InlineData("v: 12:30", "\"12:30\"")]
    public void Parse_PlainScalar_FollowsCoreSchema(string yaml, string json) =>
        Value(yaml).ShouldBe(json);

    [Theory]
    [InlineData("v: '1'", "\"1\"")]
    [InlineData("v: \"true\"", "\"true\"")]
    [InlineData("v: 'null'", "\"null\"")]
    [InlineData("v: ''", "\"\"")]
    [InlineData("v: !!str 5", "\"5\"")]
    [InlineData("v: ! 6", "\"6\"")]
    [InlineData("v: |\n  line\n", "\"line\\n\"")]
    public void Parse_QuotedOrTaggedString_StaysString(string yaml, string json) =>
        Value(yaml).ShouldBe(json);

    [Theory]
    [InlineData("v: !!int '42'", "42")]
    [InlineData("v: !!float 1", "1")]
    [InlineData("v: !!bool 'true'", "true")]
    [InlineData("v: !!null ''", "null")]
    public void Parse_CoreTag_ResolvesValue(string yaml, string json) =>
        Value(yaml).ShouldBe(json);

    [Fact]
    public void Parse_MultipleDocuments_ReturnsOneNodePerDocument()
    {
        var documents = YamlJson.Parse("---\na: 1\n---\n---\nb: [x, 2]\n");

        documents.Count.ShouldBe(3);
        documents[0]!.ToJsonString().ShouldBe("{\"a\":1}");
        documents[1].ShouldBeNull();
        documents[2]!.ToJsonString().ShouldBe("{\"b\":[\"x\",2]}");
    }

    [Theory]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    public void Parse_NoContent_ReturnsNoDocuments(string yaml) =>
        YamlJson.Parse(yaml).ShouldBeEmpty();

    [Fact]
    public void Parse_AnchorAndAlias_CopiesTheNode()
    {
        var root = YamlJson.Parse("base: &b {x: 1}\ncopy: *b\n")[0]!;

        root["copy"]!.ToJsonString().ShouldBe("{\"x\":1}");
        root["base"].ShouldNotBeSameAs(root["copy"]);
    }

    [Fact]
    public void Parse_MergeKey_AddsMissingKeysOnly()
    {
        var root = YamlJson.Parse("base: &b {x: 1, y: 2}\nmerged:\n  <<: *b\n  y: 3\n")[0]!;

        root["merged"]!["x"]!.GetValue<int>().ShouldBe(1);
        root["merged"]!["y"]!.GetValue<int>().ShouldBe(3);
        root["base"]!["y"]!.GetValue<int>().ShouldBe(2);
    }

    [Fact]
    public void Parse_DuplicateKey_ThrowsWithLineOfSecondKey()
    {
        var error = Should.Throw<YamlJsonException>(() => YamlJson.Parse("a: 1\nb: 2\na: 3\n"));

        error.Line.ShouldBe(3);
        error.Column.ShouldBe(1);
        error.Message.ShouldBe("line 3, column 1: duplicate key \"a\" (first at line 1): remove one of them");
    }

    [Theory]
    [InlineData("a: 1\n  b: 2\n", 2)]
    [InlineData("a: \"open\n", 1)]
    [InlineData("a: 1\nb: c: d\n", 2)]
    [InlineData("a: [1, 2\nb: 3\n", 1)]
    public void Parse_SyntaxError_ThrowsWithLine(string yaml, int line)
    {
        var error = Should.Throw<YamlJsonException>(() => YamlJson.Parse(yaml));

        error.Line.ShouldBe(line);
        error.Message.ShouldStartWith($"line {line}, column ");
        error.Message.ShouldContain("the syntax is invalid");
    }

    [Theory]
    [InlineData("a: *nowhere\n", "alias *nowhere refers to no anchor")]
    [InlineData("a: &x [*x]\n", "alias *x refers to no anchor")]
    [InlineData("a: .inf\n", ".inf has no JSON equivalent")]
    [InlineData("a: !!int x\n", "\"x\" is not a valid !!int")]
    [InlineData("a: !custom x\n", "tag !custom is not supported")]
    [InlineData("? [a]\n: 1\n", "a mapping key must be a plain value")]
    [InlineData("<<: 5\n", "'<<' merge key must be a mapping")]
    public void Parse_UnrepresentableYaml_ThrowsWithReason(string yaml, string reason)
    {
        var error = Should.Throw<YamlJsonException>(() => YamlJson.Parse(yaml));

        error.Line.ShouldBe(1);
        error.Reason.ShouldContain(reason);
    }

    [Fact]
    public void Parse_AliasBomb_Throws()
    {
        var yaml = "a: &a [1,1,1,1,1,1,1,1,1,1]\n" + string.Join("", Enumerable.Range(1, 8).Select(i => $"{(char)('a' + i)}: &{(char)('a' + i)} [{string.Join(",", Enumerable.Repeat($"*{(char)('a' + i - 1)}", 10))}]\n"));

        Should.Throw<YamlJsonException>(() => YamlJson.Parse(yaml)).Reason.ShouldContain("aliases expand the document");
    }

    [Fact]
    public void Parse_DeepNesting_Throws()
    {
        var yaml = new string('[', 100) + new string(']', 100);

        Should.Throw<YamlJsonException>(() => YamlJson.Parse(yaml)).Reason.ShouldContain("nested more than");
    }

    private static string Value(string yaml) => YamlJson.Parse(yaml)[0]!["v"]?.ToJsonString() ?? "null";
}
