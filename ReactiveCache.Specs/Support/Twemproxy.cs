using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ReactiveCache.Specs.Support;

/// <summary>
/// nutcracker (twemproxy, Debian's <c>nutcracker</c>) run as a real process in front of ReactiveCache nodes: one Redis
/// pool and one memcached pool, consistent hashing over node names, ejection of a failing node after one failure and a
/// retry after <see cref="RetryTimeout"/>. Its YAML, log and stats port live in a temporary folder of its own.
/// </summary>
internal sealed class Twemproxy : IDisposable
{
    public static readonly TimeSpan RetryTimeout = TimeSpan.FromMilliseconds(300);

    private readonly Process _process;
    private readonly string _folder;

    private Twemproxy(Process process, string folder, IPEndPoint redis, IPEndPoint memcached)
    {
        _process = process;
        _folder = folder;
        RedisEndPoint = redis;
        MemcachedEndPoint = memcached;
    }

    /// <summary>Where Redis clients connect: the <c>redis: true</c> pool.</summary>
    public IPEndPoint RedisEndPoint { get; }

    /// <summary>Where memcached clients connect.</summary>
    public IPEndPoint MemcachedEndPoint { get; }

    /// <summary>What nutcracker logged, for a failing spec's message.</summary>
    public string Log => File.Exists(LogPath(_folder)) ? File.ReadAllText(LogPath(_folder)) : "";

    /// <summary>
    /// Starts nutcracker with a Redis pool over <paramref name="redisNodes"/> and a memcached pool over
    /// <paramref name="memcachedNodes"/> (node i is named <c>node{i+1}</c> in both), and waits until both pools accept.
    /// </summary>
    public static async Task<Twemproxy> StartAsync(string nutcracker, IReadOnlyList<IPEndPoint> redisNodes, IReadOnlyList<IPEndPoint> memcachedNodes, TimeSpan timeout)
    {
        var folder = Directory.CreateTempSubdirectory("twemproxy-").FullName;
        var redis = new IPEndPoint(IPAddress.Loopback, FreePort.Next());
        var memcached = new IPEndPoint(IPAddress.Loopback, FreePort.Next());
        var configuration = Path.Combine(folder, "nutcracker.yml");
        await File.WriteAllTextAsync(configuration, Pool("redis_pool", redis, redisNodes, isRedis: true) + Pool("memcached_pool", memcached, memcachedNodes, isRedis: false));

        var start = new ProcessStartInfo(nutcracker) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-c", configuration, "-o", LogPath(folder), "-p", Path.Combine(folder, "nutcracker.pid"), "-s", FreePort.Next().ToString(), "-a", "127.0.0.1", "-v", "6" })
        {
            start.ArgumentList.Add(argument);
        }

        var proxy = new Twemproxy(Process.Start(start)!, folder, redis, memcached);
        try
        {
            await Eventually.ThatAsync(() => Accepts(redis) && Accepts(memcached), timeout, () => $"nutcracker did not listen:\n{proxy.Log}");
            return proxy;
        }
        catch
        {
            proxy.Dispose();
            throw;
        }
    }

    /// <summary>One pool of nutcracker's YAML: the options docs/scale-out.md explains.</summary>
    public static string Pool(string name, IPEndPoint listen, IReadOnlyList<IPEndPoint> nodes, bool isRedis)
    {
        var yaml = new StringBuilder()
            .AppendLine($"{name}:")
            .AppendLine($"  listen: {listen}")
            // Not the default fnv1a_64: nutcracker 0.5's put 0, 280 and 20 of 300 keys user:0..299 on three nodes (docs/scale-out.md).
            .AppendLine("  hash: murmur")
            .AppendLine("  distribution: ketama")
            .AppendLine($"  redis: {(isRedis ? "true" : "false")}")
            .AppendLine("  timeout: 1000")
            .AppendLine("  auto_eject_hosts: true")
            .AppendLine("  server_failure_limit: 1")
            .AppendLine($"  server_retry_timeout: {(int)RetryTimeout.TotalMilliseconds}")
            .AppendLine("  servers:");
        for (var index = 0; index < nodes.Count; index++)
        {
            yaml.AppendLine($"   - {nodes[index]}:1 node{index + 1}");
        }

        return yaml.ToString();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private static string LogPath(string folder) => Path.Combine(folder, "nutcracker.log");

    private static bool Accepts(IPEndPoint endPoint)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Connect(endPoint);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
