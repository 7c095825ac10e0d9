namespace EdgeNode.Core.Engine;

public static class RestartPolicies
{
    public const string Always = "Always";
    public const string OnFailure = "OnFailure";
    public const string Never = "Never";
}
