using EdgeNode.Cri.Mapping;
using Shouldly;

namespace EdgeNode.Cri.Tests.Mapping;

public sealed class ImageMapperTests
{
    [Fact]
    public void ToInfo_Image_MapsIdTagsDigestsSizePinnedAndUser()
    {
        var image = new V1.Image
        {
            Id = "sha256:feedbeef",
            RepoTags = { "docker.io/library/busybox:1.35" },
            RepoDigests = { "docker.io/library/busybox@sha256:abc" },
            Size = 2_000_000,
            Pinned = true,
            Uid = new V1.Int64Value { Value = 0 },
            Username = "",
        };

        var info = ImageMapper.ToInfo(image);

        info.Id.ShouldBe("sha256:feedbeef");
        info.RepoTags.ShouldBe(["docker.io/library/busybox:1.35"]);
        info.RepoDigests.ShouldBe(["docker.io/library/busybox@sha256:abc"]);
        info.Size.ShouldBe(2_000_000ul);
        info.Pinned.ShouldBeTrue();
        info.Uid.ShouldBe(0);
        info.Username.ShouldBe("");
    }

    [Fact]
    public void ToInfo_NamedUser_UidNullAndUsernameSet()
    {
        var info = ImageMapper.ToInfo(new V1.Image { Id = "sha256:feedbeef", Username = "nginx" });

        info.Uid.ShouldBeNull();
        info.Username.ShouldBe("nginx");
    }

    [Fact]
    public void ToSpec_Reference_SetsImageOnly()
    {
        var spec = ImageMapper.ToSpec("docker.io/library/busybox:1.35");

        spec.Image.ShouldBe("docker.io/library/busybox:1.35");
        spec.UserSpecifiedImage.ShouldBe("");
    }
}
