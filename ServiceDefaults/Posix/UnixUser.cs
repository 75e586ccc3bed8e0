namespace Overseer.ServiceDefaults.Posix;

/// <summary>A local user from <c>/etc/passwd</c>.</summary>
/// <param name="Name">Login name.</param>
/// <param name="Uid">User id.</param>
/// <param name="Gid">Primary group id.</param>
public sealed record UnixUser(string Name, int Uid, int Gid)
{
    /// <summary>Looks a user up by name; null when there is none.</summary>
    public static UnixUser? Find(string name)
    {
        if (!File.Exists("/etc/passwd"))
        {
            return null;
        }
        foreach (var line in File.ReadLines("/etc/passwd"))
        {
            var parts = line.Split(':');
            if (parts.Length >= 4 && parts[0] == name && int.TryParse(parts[2], out var uid) && int.TryParse(parts[3], out var gid))
            {
                return new UnixUser(name, uid, gid);
            }
        }
        return null;
    }
}
