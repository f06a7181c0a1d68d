using System.Net;
using Entra.Actions.Graph.Internal;
using Entra.Actions.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace Entra.Actions.Tests.Graph;

public sealed class GroupKindCacheTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void TryGet_WithinDuration_ReturnsTheGroupAndAfterItNothing()
    {
        var time = new FakeTimeProvider(Start);
        var cache = new GroupKindCache(time, TimeSpan.FromSeconds(30));
        cache.Set(new EntraGroup { Id = GraphPayloads.HrTaskforceId });

        time.Advance(TimeSpan.FromSeconds(29));
        cache.TryGet(GraphPayloads.HrTaskforceId, out var cached).Should().BeTrue();
        cached.Id.Should().Be(GraphPayloads.HrTaskforceId);

        time.Advance(TimeSpan.FromSeconds(1));
        cache.TryGet(GraphPayloads.HrTaskforceId, out _).Should().BeFalse("an entry lives exactly GroupCacheDuration");
    }

    [Fact]
    public void Set_ZeroDuration_CachesNothing()
    {
        var cache = new GroupKindCache(new FakeTimeProvider(Start), TimeSpan.Zero);

        cache.Set(new EntraGroup { Id = GraphPayloads.HrTaskforceId });

        cache.TryGet(GraphPayloads.HrTaskforceId, out _).Should().BeFalse();
    }

    [Fact]
    public void Set_BeyondCapacity_StaysBounded()
    {
        var cache = new GroupKindCache(new FakeTimeProvider(Start), TimeSpan.FromMinutes(1));

        for (var i = 0; i < GroupKindCache.Capacity * 3; i++)
        {
            cache.Set(new EntraGroup { Id = Guid.NewGuid().ToString() });
        }

        var last = Guid.NewGuid().ToString();
        cache.Set(new EntraGroup { Id = last });
        cache.TryGet(last, out _).Should().BeTrue();
        cache.Count.Should().BeLessThanOrEqualTo(GroupKindCache.Capacity);
    }

    [Fact]
    public async Task AddUserToGroupAsync_TwiceToTheSameGroup_ReadsTheGroupOnce()
    {
        using var host = new GraphTestHost();
        host.Handler.Fallback = request => request.Method switch
        {
            "GET" when request.WirePath.StartsWith("/v1.0/groups/", StringComparison.Ordinal) => StubGraphHandler.Create(HttpStatusCode.OK, GraphPayloads.HrTaskforce),
            "GET" => StubGraphHandler.Create(HttpStatusCode.OK, GraphPayloads.Adele),
            _ => StubGraphHandler.Create(HttpStatusCode.NoContent),
        };

        (await host.Actions.AddUserToGroupAsync(GraphPayloads.AdeleId, GraphPayloads.HrTaskforceId)).Succeeded.Should().BeTrue();
        (await host.Actions.RemoveMemberFromGroupAsync(GraphPayloads.AdeleId, GraphPayloads.HrTaskforceId)).Succeeded.Should().BeTrue();
        (await host.Actions.AddUserToGroupAsync(GraphPayloads.AdeleId, GraphPayloads.HrTaskforceId)).Succeeded.Should().BeTrue();

        host.Handler.Requests.Count(r => r.Method == "GET" && r.WirePath.StartsWith("/v1.0/groups/", StringComparison.Ordinal))
            .Should().Be(1, "the group's kind is read once and reused by the following writes");
    }

    [Fact]
    public async Task AddUserToGroupAsync_GraphRefusesTheWrite_ForgetsTheCachedGroup()
    {
        using var host = new GraphTestHost();
        host.Handler.Respond(HttpStatusCode.OK, GraphPayloads.SecurityGroup(GraphPayloads.HrTaskforceId))
            .Respond(HttpStatusCode.OK, GraphPayloads.Adele)
            .Respond(HttpStatusCode.Forbidden, GraphPayloads.Error("Authorization_RequestDenied", GraphPayloads.InsufficientPrivileges))
            .Respond(HttpStatusCode.OK, GraphPayloads.Group(GraphPayloads.HrTaskforceId, ["DynamicMembership"], false, true, membershipRule: "user.department -eq \"Sales\""));

        (await host.Actions.AddUserToGroupAsync(GraphPayloads.AdeleId, GraphPayloads.HrTaskforceId)).Error!.Kind.Should().Be(EntraErrorKind.Forbidden);
        var second = await host.Actions.AddUserToGroupAsync(GraphPayloads.AdeleId, GraphPayloads.HrTaskforceId);

        second.Error!.Kind.Should().Be(EntraErrorKind.UnsupportedGroup, "after a refusal the group is read again and is now dynamic");
        host.Handler.Requests.Should().HaveCount(4);
    }
}
