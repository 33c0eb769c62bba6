using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Xml.Linq;
using NUnit.Framework;
using ReactiveCache.Specs.Support;

namespace ReactiveCache.Specs.Integration.Packaging;

/// <summary>
/// The packages as a user gets them: <c>dotnet pack</c> into a folder, <c>dotnet tool install --add-source</c> from it
/// (offline: a NuGet config with that folder alone, an empty packages cache), then the installed <c>reactivecache</c>
/// serves. One spec, because packing and installing take seconds.
/// </summary>
[Category("Integration")]
public sealed class DotnetToolSpecs
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(2);

    [Test]
    public async Task The_packed_tool_installs_from_a_local_folder_and_serves_and_the_library_depends_only_on_what_the_server_needs()
    {
        var root = RepositoryRoot();
        var work = Directory.CreateTempSubdirectory("reactivecache-tool-").FullName;
        try
        {
            var feed = Path.Combine(work, "feed");
            foreach (var project in new[] { "ReactiveCache/ReactiveCache.csproj", "ReactiveCache.Core/ReactiveCache.Core.csproj" })
            {
                // The specs' build already compiled both projects in this configuration: pack what it built.
                await DotnetAsync(work, "pack", Path.Combine(root, project), "--no-build", "-c", Configuration, "-o", feed);
            }

            Assert.That(LibraryDependencies(feed), Is.EquivalentTo(new[]
            {
                "System.Reactive", "System.Reactive.Linq", "Microsoft.Extensions.Logging.Abstractions",
                "Microsoft.Extensions.Hosting.Abstractions", "Microsoft.Extensions.Caching.Abstractions",
                "Microsoft.Extensions.Options", "Microsoft.Extensions.DependencyInjection.Abstractions",
            }), "no System.CommandLine, no console logger");

            var config = Path.Combine(work, "nuget.config");
            await File.WriteAllTextAsync(config, $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <clear />
                    <add key="local" value="{feed}" />
                  </packageSources>
                </configuration>
                """);
            var tools = Path.Combine(work, "tools");
            await DotnetAsync(work, "tool", "install", "--tool-path", tools, "--configfile", config, "--add-source", feed, "reactivecache");

            var respPort = FreePort.Next();
            using var server = ServerProcess.StartExecutable(Path.Combine(tools, "reactivecache"), "--port", "0", "--resp-port", respPort.ToString(), "--memcached-port", "0");
            await server.Ready.WaitAsync(s_timeout);

            Assert.That(await PingAsync(new IPEndPoint(IPAddress.Loopback, respPort)), Is.EqualTo("+PONG\r\n"), server.StandardOutput + server.StandardError);

            server.Signal("TERM");
            Assert.That(await server.ExitCodeAsync(s_timeout), Is.Zero, server.StandardError);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static string Configuration =>
#if DEBUG
        "Debug";
#else
        "Release";
#endif

    private static IEnumerable<string> LibraryDependencies(string feed)
    {
        using var package = ZipFile.OpenRead(Directory.GetFiles(feed, "ReactiveCache.Core.*.nupkg").Single());
        using var nuspec = package.GetEntry("ReactiveCache.Core.nuspec")!.Open();
        return XDocument.Load(nuspec).Descendants().Where(element => element.Name.LocalName == "dependency")
            .Select(dependency => (string)dependency.Attribute("id")!)
            .ToArray();
    }

    private static async Task DotnetAsync(string work, params string[] arguments)
    {
        // An empty packages folder of the spec's own: the install must come from the feed, not from an earlier cache.
        var run = await ExternalProcess.RunAsync("dotnet", arguments, s_timeout, environment: new Dictionary<string, string>
        {
            ["NUGET_PACKAGES"] = Path.Combine(work, "packages"),
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
        });
        Assert.That(run.ExitCode, Is.Zero, $"dotnet {string.Join(' ', arguments)}\n{run}");
    }

    private static async Task<string> PingAsync(IPEndPoint endPoint)
    {
        using var client = new TcpClient();
        using var deadline = new CancellationTokenSource(s_timeout);
        await client.ConnectAsync(endPoint, deadline.Token);
        var stream = client.GetStream();
        await stream.WriteAsync("*1\r\n$4\r\nPING\r\n"u8.ToArray(), deadline.Token);
        var buffer = new byte[64];
        var read = await stream.ReadAsync(buffer, deadline.Token);
        return Encoding.ASCII.GetString(buffer, 0, read);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ReactiveCache.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new DirectoryNotFoundException("no ReactiveCache.sln above " + AppContext.BaseDirectory);
    }
}
