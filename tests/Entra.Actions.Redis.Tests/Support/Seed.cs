namespace Entra.Actions.Redis.Tests.Support;

/// <summary>Users and memberships the bulk tests work on.</summary>
public static class Seed
{
    /// <summary>The group bulk tests add to and remove from.</summary>
    public const string Group = DemoTenant.ProjectFalconGroupId;

    public static List<string> Users(GraphEmulator emulator, int count, bool members = false)
    {
        var ids = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var id = Guid.NewGuid();
            emulator.Directory.AddUser(new EmulatedUser { Id = id, DisplayName = $"Node User {i}", UserPrincipalName = $"node{i}-{id:N}@contoso.com" });
            if (members)
            {
                emulator.Directory.AddMember(Guid.Parse(Group), id);
            }

            ids.Add(id.ToString());
        }

        return ids;
    }
}
