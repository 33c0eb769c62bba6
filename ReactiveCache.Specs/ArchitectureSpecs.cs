using System.Reflection;
using System.Runtime.CompilerServices;
using Mono.Cecil;
using NetArchTest.Rules;
using NUnit.Framework;

namespace ReactiveCache.Specs;

/// <summary>
/// The folder graph of docs/architecture.md ("Folders"), as rules: one per forbidden arrow, each failing with the names
/// of the types that break it. Namespaces follow folders, except the root namespace <c>ReactiveCache</c> (the in-process
/// API), whose types live in Store/, Store/Values/ and Changes/: they are classified by name below, and a guard fails
/// when a root type is added without being classified, so none slips past the rules. The graph is exact: an arrow that
/// nothing uses fails too, so the picture in the docs cannot keep an arrow the code has lost.
/// </summary>
public sealed class ArchitectureSpecs
{
    private static readonly Assembly s_server = typeof(CacheStore).Assembly;

    // The console (ReactiveCache/): Program and its command line, above the library's graph.
    private static readonly Assembly s_console = typeof(ReactiveCache.Hosting.ServerCommandLine).Assembly;

    // The change stream's public types (Changes/): what a change says. The store records changes; they never read it.
    private static readonly Type[] s_rootChangeTypes =
    [
        typeof(CacheChange), typeof(ChangeBatch), typeof(ChangeGap), typeof(ChangeKind), typeof(ChangeOperations),
        typeof(ChangeReason), typeof(HashField), typeof(MemcachedMetadata), typeof(ValueKind), typeof(ElementChange),
        typeof(ElementEdit),
    ];

    // The store's public types (Store/, Store/Values/).
    private static readonly Type[] s_rootStoreTypes =
        [typeof(CacheStore), typeof(CacheStoreOptions), typeof(WrongTypeException), typeof(EvictionPolicy), typeof(EvictionPolicies), typeof(MemoryLimitExceededException)];

    private static readonly Layer s_framing = new("Framing", ["ReactiveCache.Framing"]);
    private static readonly Layer s_networking = new("Networking", ["ReactiveCache.Networking"]);
    private static readonly Layer s_changes = new("Changes", ["ReactiveCache.Changes"], s_rootChangeTypes);
    private static readonly Layer s_store = new("Store", ["ReactiveCache.Store"], s_rootStoreTypes);
    private static readonly Layer s_protocols = new("Protocols", ["ReactiveCache.Protocols"]);
    private static readonly Layer s_commands = new("Commands", ["ReactiveCache.Commands"]);
    private static readonly Layer s_pipelines = new("Pipelines", ["ReactiveCache.Pipelines"]);
    private static readonly Layer s_hosting = new("Hosting", ["ReactiveCache.Hosting"]);

    /// <summary>Each layer and the layers it uses; every other arrow between two of them is forbidden.</summary>
    private static readonly (Layer Layer, Layer[] Uses)[] s_graph =
    [
        (s_framing, []),
        (s_networking, [s_framing]),
        (s_changes, []),
        (s_store, [s_changes]),
        // Wire formats only: a watched change reaches the native protocol already made into a CHANGE line's parts.
        (s_protocols, [s_framing]),
        // Commands/Redis reads and changes the connection limits (CONFIG SET maxclients, client-output-buffer-limit).
        (s_commands, [s_protocols, s_store, s_changes, s_networking]),
        (s_pipelines, [s_commands, s_protocols, s_networking]),
        // The composition root; it serves a store, and nothing in it reads changes.
        (s_hosting, [s_pipelines, s_commands, s_protocols, s_store, s_networking, s_framing]),
    ];

    // Each protocol's wire format and each protocol's commands keep to themselves; shared pieces sit one folder up. The
    // subfolders are read off the assembly, so a new protocol is under these rules the day it appears.
    private static readonly string[] s_protocolNames = SubfoldersOf("Protocols");
    private static readonly string[] s_commandFolders = SubfoldersOf("Commands");

    // Which wire format each protocol's commands speak: the only protocol subfolder a command subfolder may use.
    private static readonly Dictionary<string, string> s_commandsSpeak = new()
    {
        ["Native"] = "Native",
        ["Redis"] = "Resp",
        ["Memcached"] = "Memcached",
    };

    private static IEnumerable<TestCaseData> ForbiddenArrows() =>
        from entry in s_graph
        from target in s_graph.Select(other => other.Layer)
        where target != entry.Layer && !entry.Uses.Contains(target)
        select new TestCaseData(entry.Layer, target).SetName($"{entry.Layer.Name} does not use {target.Name}");

    private static IEnumerable<TestCaseData> ForbiddenSideways() =>
        Sideways("Protocols", s_protocolNames).Concat(Sideways("Commands", s_commandFolders));

    // Commands/Redis speaks RESP, not the memcached wire format: no diagonal arrows between the two folders' children.
    private static IEnumerable<TestCaseData> ForbiddenDiagonals() =>
        from commands in s_commandFolders
        from protocol in s_protocolNames
        where s_commandsSpeak.GetValueOrDefault(commands) != protocol
        select new TestCaseData(Subfolder("Commands", commands), Subfolder("Protocols", protocol))
            .SetName($"Commands/{commands} does not use Protocols/{protocol}");

    private static IEnumerable<TestCaseData> Sideways(string folder, string[] subfolders) =>
        from source in subfolders
        from target in subfolders
        where source != target
        select new TestCaseData(Subfolder(folder, source), Subfolder(folder, target))
            .SetName($"{folder}/{source} does not use {folder}/{target}");

    private static Layer Subfolder(string folder, string name) => new($"{folder}/{name}", [$"ReactiveCache.{folder}.{name}"]);

    private static string[] SubfoldersOf(string folder) =>
        [.. s_server.GetTypes()
            .Select(type => type.Namespace)
            .OfType<string>()
            .Where(name => name.StartsWith($"ReactiveCache.{folder}.", StringComparison.Ordinal))
            .Select(name => name.Split('.')[2])
            .Distinct()
            .Order()];

    [Test]
    public void Each_command_folder_says_which_protocol_it_speaks()
    {
        Assert.That(s_commandFolders, Is.EquivalentTo(s_commandsSpeak.Keys), "add the new command folder to s_commandsSpeak");
        Assert.That(s_commandsSpeak.Values, Is.SubsetOf(s_protocolNames));
    }

    [Test]
    public void The_console_entry_point_uses_nothing_but_Hosting()
    {
        // Program.cs (top-level statements) is the one type outside every namespace; it is above the graph.
        var global = s_console.GetTypes()
            .Where(type => type.Namespace is null && !type.IsNested && !type.Name.StartsWith('<'))
            .Select(type => type.Name);
        var below = s_graph.Select(entry => entry.Layer).Where(layer => layer != s_hosting).SelectMany(layer => layer.Names).ToArray();
        var result = Types.InAssembly(s_console).That().HaveName("Program").ShouldNot().HaveDependencyOnAny(below).GetResult();

        Assert.That(global, Is.EqualTo(new[] { "Program" }), "types outside every namespace (give each a folder's namespace)");
        Assert.That(result.FailingTypeNames ?? [], Is.Empty, "the entry point must reach the server through Hosting only");
    }

    [TestCaseSource(nameof(ForbiddenArrows))]
    [TestCaseSource(nameof(ForbiddenSideways))]
    [TestCaseSource(nameof(ForbiddenDiagonals))]
    public void Forbidden_arrow(Layer from, Layer to)
    {
        var result = from.Select(Types.InAssembly(s_server))
            .ShouldNot()
            .HaveDependencyOnAny(to.Names)
            .GetResult();

        Assert.That(result.FailingTypeNames ?? [], Is.Empty, $"{from.Name} must not use {to.Name}, but these types do");
    }

    [Test]
    public void Every_type_of_the_root_namespace_is_classified_as_store_or_changes()
    {
        var unclassified = s_server.GetTypes()
            .Where(type => type.Namespace == "ReactiveCache" && !type.IsNested && !type.IsDefined(typeof(CompilerGeneratedAttribute)))
            .Except(s_rootChangeTypes.Concat(s_rootStoreTypes))
            .Select(type => type.FullName);

        Assert.That(unclassified, Is.Empty, "root-namespace types the architecture rules do not place (add each to the store's or the changes' list)");
    }

    [Test]
    public void Every_namespace_belongs_to_a_layer_of_the_graph()
    {
        var layers = s_graph.SelectMany(entry => entry.Layer.Namespaces).ToArray();
        var strays = s_server.GetTypes()
            .Where(type => type.Namespace is { } name && name != "ReactiveCache" && !type.IsDefined(typeof(CompilerGeneratedAttribute)))
            .Select(type => type.Namespace!)
            .Where(name => !layers.Any(layer => name == layer || name.StartsWith(layer + ".", StringComparison.Ordinal)))
            .Distinct();

        Assert.That(strays, Is.Empty, "namespaces outside the folder graph (add the folder to the graph and to docs/architecture.md)");
    }

    [Test]
    public void Every_arrow_of_the_graph_is_used()
    {
        // The graph is the code's, both ways: an arrow nothing uses is dropped (from here and from the docs), and a
        // rule that matched nothing would pass for the wrong reason.
        var unused = from entry in s_graph
                     from target in entry.Uses
                     where !Uses(entry.Layer, target)
                     select $"{entry.Layer.Name} -> {target.Name}";

        Assert.That(unused, Is.Empty, "arrows of the graph that no type follows");
    }

    private static bool Uses(Layer from, Layer to) =>
        !from.Select(Types.InAssembly(s_server)).ShouldNot().HaveDependencyOnAny(to.Names).GetResult().IsSuccessful;

    /// <summary>One folder of the graph: its namespaces and the root-namespace types that live in it.</summary>
    public sealed class Layer(string name, string[] namespaces, Type[]? rootTypes = null)
    {
        public string Name { get; } = name;

        public string[] Namespaces { get; } = namespaces;

        /// <summary>What a dependency on this layer starts with: its namespaces and its root types' full names.</summary>
        public string[] Names { get; } = [.. namespaces, .. (rootTypes ?? []).Select(type => type.FullName!)];

        private readonly Type[] _rootTypes = rootTypes ?? [];

        public PredicateList Select(Types types)
        {
            var selected = types.That().ResideInNamespace(Namespaces[0]);
            foreach (var other in Namespaces.Skip(1))
            {
                selected = selected.Or().ResideInNamespace(other);
            }

            return _rootTypes.Length == 0 ? selected : selected.Or().MeetCustomRule(new AnyOf(_rootTypes));
        }

        public override string ToString() => Name;
    }

    /// <summary>The given types and every type nested in them (private records, closures, state machines).</summary>
    private sealed class AnyOf(Type[] types) : ICustomRule
    {
        private readonly HashSet<string> _names = [.. types.Select(type => type.FullName!)];

        public bool MeetsRule(TypeDefinition type)
        {
            while (type.DeclaringType is { } outer)
            {
                type = outer;
            }

            return _names.Contains(type.FullName);
        }
    }
}
