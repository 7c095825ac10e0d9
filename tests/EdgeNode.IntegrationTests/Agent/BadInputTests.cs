using EdgeNode.IntegrationTests.Infrastructure;
using Shouldly;

namespace EdgeNode.IntegrationTests.Agent;

public sealed class BadInputTests : AgentTestBase
{
    private const string Good = """
          containers:
            - {name: app, image: docker.io/library/busybox:1.35, command: [sleep, "100000"]}
        """;

    [Fact]
    public async Task BadManifests_EachReportedWithFileAndField_GoodPodKeepsRunning()
    {
        var cases = new (string File, string Yaml, string[] Expected)[]
        {
            ("broken-yaml.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: x\n", ["broken-yaml.yaml", "line"]),
            ("deployment.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec: {}\n", ["deployment.yaml", "Deployment"]),
            ("no-containers.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: empty}\nspec: {containers: []}\n", ["no-containers.yaml", "spec.containers"]),
            ("no-image.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: noimage}\nspec: {containers: [{name: a}]}\n", ["no-image.yaml", "spec.containers[0].image"]),
            ("bad-name.yaml", Pod("Bad_Name", Good), ["bad-name.yaml", "metadata.name", "Bad_Name"]),
            ("dup-a.yaml", Pod("twin", Good), []),
            ("dup-b.yaml", Pod("twin", Good), ["dup-b.yaml", "dup-a.yaml", "twin"]),
            ("volume.yaml", Pod("vol", Good + "\n  volumes: [{name: cfg, configMap: {name: x}}]"), ["volume.yaml", "configMap"]),
            ("field.yaml", Pod("field", "  containers: [{name: a, image: docker.io/library/busybox:1.35, colour: blue}]"), ["field.yaml", "spec.containers[0].colour"]),
            ("negative-grace.yaml", Pod("neg", Good, grace: -5), ["negative-grace.yaml", "terminationGracePeriodSeconds"]),
            ("huge-env.yaml", Pod("hugeenv", $"  containers: [{{name: a, image: docker.io/library/busybox:1.35, env: [{{name: BIG, value: \"{new string('x', 200_000)}\"}}]}}]"), ["huge-env.yaml", "spec.containers[0].env[0]"]),
        };
        foreach (var (file, yaml, _) in cases)
        {
            Bed.WriteManifest(file, yaml);
        }
        Bed.WriteManifest("good.yaml", Pod("good", Good));
        Bed.StartAgent();

        await Bed.WaitForPodAsync("good", AgentTestBed.IsReady, Startup, "ready");
        var twin = await Bed.WaitForPodAsync("twin", AgentTestBed.IsReady, Startup, "ready (the first of the duplicates)");
        twin.ManifestPath!.ShouldEndWith("dup-a.yaml");

        var reports = await Bed.PodsAsync();
        foreach (var (file, _, expected) in cases.Where(c => c.Expected.Length > 0))
        {
            var problems = reports.Where(r => r.Problem is not null && r.ManifestPath!.EndsWith(file, StringComparison.Ordinal)).Select(r => r.Problem!).ToList();
            problems.ShouldNotBeEmpty($"no problem reported for {file}");
            problems.ShouldContain(p => expected.All(e => p.Contains(e, StringComparison.Ordinal)), $"{file}: {string.Join(" | ", problems)}");
        }
        Bed.Agent!.HasExited.ShouldBeFalse();
        Bed.Agent.Log().ShouldContain("broken-yaml.yaml");
    }

    [Fact]
    public async Task MissingImage_EndsInImagePullBackOff_OtherPodsRun()
    {
        Bed.WriteManifest("ghost.yaml", Pod("ghost", """
              containers:
                - {name: app, image: registry.invalid/ghost:1.0}
            """));
        Bed.WriteManifest("good.yaml", Pod("good", Good));
        Bed.StartAgent();

        await Bed.WaitForPodAsync("good", AgentTestBed.IsReady, Startup, "ready");
        var ghost = await Bed.WaitForPodAsync("ghost",
            p => AgentTestBed.Container(p, "app")?.State.Waiting?.Reason is "ErrImagePull" or "ImagePullBackOff", Startup, "waiting for its image");
        await Bed.WaitForPodAsync("ghost", p => AgentTestBed.Container(p, "app")?.State.Waiting?.Reason == "ImagePullBackOff", TimeSpan.FromSeconds(30), "in ImagePullBackOff");

        ghost.Status!.Phase.ShouldBe("Pending");
        Bed.Agent!.Log().ShouldContain("Failed to pull image \"registry.invalid/ghost:1.0\"");
        Bed.Agent.Log().ShouldContain("ghost.yaml): container \"app\" (spec.containers[0].image): ErrImagePull");
    }

    [Fact]
    public async Task CommandMissingFromImage_ReportsTheCommandAndBacksOff()
    {
        Bed.WriteManifest("typo.yaml", Pod("typo", """
              containers:
                - {name: app, image: docker.io/library/busybox:1.35, command: [nosuchcmd, --flag]}
            """));
        Bed.WriteManifest("good.yaml", Pod("good", Good));
        Bed.StartAgent();

        await Bed.WaitForPodAsync("good", AgentTestBed.IsReady, Startup, "ready");
        var typo = await Bed.WaitForPodAsync("typo", p => AgentTestBed.Container(p, "app")?.State.Waiting?.Reason == "CrashLoopBackOff", Startup, "in CrashLoopBackOff");

        AgentTestBed.Container(typo, "app")!.LastState!.Terminated!.Message.ShouldNotBeNull().ShouldContain("nosuchcmd");
        Bed.Agent!.Log().ShouldContain("command \"nosuchcmd\" was not found in image docker.io/library/busybox:1.35: fix spec.containers[0].command");
        Bed.Agent.Log().ShouldContain("typo.yaml");
    }
}
