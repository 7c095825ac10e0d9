using EdgeNode.Core.Engine;
using Shouldly;

namespace EdgeNode.Core.Tests.Engine;

public sealed class EnvExpansionTests
{
    private static readonly Dictionary<string, string> Vars = new(StringComparer.Ordinal)
    {
        ["HOST"] = "db.local",
        ["PORT"] = "5432",
        ["EMPTY"] = "",
    };

    private static string Expand(string input) => EnvExpansion.Expand(input, name => Vars.GetValueOrDefault(name));

    [Theory]
    [InlineData("$(HOST)", "db.local")]
    [InlineData("postgres://$(HOST):$(PORT)/app", "postgres://db.local:5432/app")]
    [InlineData("x$(EMPTY)y", "xy")]
    public void Expand_DefinedVariables_Replaced(string input, string expected) => Expand(input).ShouldBe(expected);

    [Theory]
    [InlineData("$$(HOST)", "$(HOST)")]
    [InlineData("cost: $$5", "cost: $5")]
    [InlineData("$$$(PORT)", "$5432")]
    public void Expand_DoubleDollar_EscapesOneDollar(string input, string expected) => Expand(input).ShouldBe(expected);

    [Theory]
    [InlineData("$(MISSING)", "$(MISSING)")]
    [InlineData("a-$(MISSING)-$(PORT)", "a-$(MISSING)-5432")]
    public void Expand_UndefinedVariable_LeftAsWritten(string input, string expected) => Expand(input).ShouldBe(expected);

    [Theory]
    [InlineData("$(HOST", "$(HOST")]
    [InlineData("abc$", "abc$")]
    [InlineData("$(", "$(")]
    [InlineData("$()", "$()")]
    public void Expand_Unterminated_LeftAsWritten(string input, string expected) => Expand(input).ShouldBe(expected);

    [Theory]
    [InlineData("$HOST", "$HOST")]
    [InlineData("plain text", "plain text")]
    public void Expand_NoReference_Unchanged(string input, string expected) => Expand(input).ShouldBe(expected);
}
