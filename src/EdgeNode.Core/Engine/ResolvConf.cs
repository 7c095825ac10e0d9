using EdgeNode.Core.Runtime;

namespace EdgeNode.Core.Engine;

/// <summary>Reads nameserver, search and options lines of a resolv.conf.</summary>
public static class ResolvConf
{
    public static DnsSettings Parse(string text)
    {
        var servers = new List<string>();
        var searches = new List<string>();
        var options = new List<string>();
        foreach (var raw in text.Split('\n'))
        {
            var fields = raw.Split((char[])[' ', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 2 || fields[0].StartsWith('#') || fields[0].StartsWith(';'))
            {
                continue;
            }
            switch (fields[0])
            {
                case "nameserver":
                    servers.Add(fields[1]);
                    break;
                case "search":
                    searches.Clear(); // the last search line wins
                    searches.AddRange(fields.Skip(1));
                    break;
                case "options":
                    options.AddRange(fields.Skip(1));
                    break;
            }
        }
        return new DnsSettings(servers, searches, options);
    }

    public static DnsSettings ReadOrEmpty(string path)
    {
        try
        {
            return File.Exists(path) ? Parse(File.ReadAllText(path)) : new DnsSettings([], [], []);
        }
        catch (IOException)
        {
            return new DnsSettings([], [], []);
        }
        catch (UnauthorizedAccessException)
        {
            return new DnsSettings([], [], []);
        }
    }
}
