using System.Reflection;
using System.Runtime.Loader;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NUnit.Framework;

namespace ReactiveCache.Specs;

/// <summary>
/// Every <c>```csharp</c> block of README.md, compiled with Roslyn as the program a user pastes it into (top-level
/// statements, the SDK's implicit usings) against the framework and ReactiveCache.Core with its dependencies only,
/// then run. A block that ends in comment lines prints those lines, in that order (a host's log lines may come
/// between them). So the README cannot drift from the API: a renamed type or namespace fails here.
/// </summary>
[Category("Integration")]
public sealed partial class ReadmeExampleSpecs
{
    // What <ImplicitUsings>enable</ImplicitUsings> gives a console project (Microsoft.NET.Sdk).
    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    private static readonly Lazy<MetadataReference[]> s_references = new(LibraryReferences);

    public static IEnumerable<TestCaseData> Blocks() =>
        CodeBlock().Matches(File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md")))
            .Select((match, index) => new TestCaseData(match.Groups["code"].Value)
                .SetArgDisplayNames($"block {index + 1}: {FirstStatement(match.Groups["code"].Value)}"));

    [TestCaseSource(nameof(Blocks))]
    public async Task Compiles_and_prints_what_the_readme_says(string code)
    {
        var assembly = Compile(code);
        var printed = await RunAsync(assembly);

        Assert.That(Subsequence(printed, ExpectedOutput(code)), Is.True,
            $"expected, in order:\n{string.Join('\n', ExpectedOutput(code))}\nprinted:\n{string.Join('\n', printed)}");
    }

    [Test]
    public void The_readme_has_code_blocks_to_check() =>
        Assert.That(Blocks().Count(), Is.GreaterThanOrEqualTo(4));

    private static byte[] Compile(string code)
    {
        var compilation = CSharpCompilation.Create(
            "ReadmeExample",
            [
                CSharpSyntaxTree.ParseText(ImplicitUsings, new CSharpParseOptions(LanguageVersion.Latest)),
                CSharpSyntaxTree.ParseText(code, new CSharpParseOptions(LanguageVersion.Latest)),
            ],
            s_references.Value,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
        using var image = new MemoryStream();
        var result = compilation.Emit(image);
        var errors = result.Diagnostics.Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error).ToArray();
        Assert.That(errors, Is.Empty, "the block does not compile as shown:\n" + string.Join('\n', errors.Select(error => error.ToString())));
        return image.ToArray();
    }

    private static async Task<string[]> RunAsync(byte[] image)
    {
        var context = new AssemblyLoadContext("readme-example", isCollectible: true);
        var original = Console.Out;
        using var output = new StringWriter();
        Console.SetOut(output);
        try
        {
            var entryPoint = context.LoadFromStream(new MemoryStream(image)).EntryPoint!;
            var arguments = entryPoint.GetParameters().Length == 0 ? null : new object[] { Array.Empty<string>() };
            if (entryPoint.Invoke(null, arguments) is Task finished)
            {
                await finished.WaitAsync(TimeSpan.FromSeconds(30));
            }
        }
        catch (TargetInvocationException error)
        {
            Assert.Fail($"the block threw: {error.InnerException}");
        }
        finally
        {
            Console.SetOut(original);
            context.Unload();
        }

        return output.ToString().Split('\n').Select(line => line.TrimEnd('\r')).ToArray();
    }

    /// <summary>The comment lines that end a block: what it prints.</summary>
    private static string[] ExpectedOutput(string code) =>
        code.TrimEnd().Split('\n')
            .Reverse()
            .TakeWhile(line => line.TrimStart().StartsWith("//", StringComparison.Ordinal))
            .Reverse()
            .Select(line => line.TrimStart()[2..].Trim())
            .ToArray();

    private static bool Subsequence(string[] printed, string[] expected)
    {
        var next = 0;
        foreach (var line in printed.Select(line => line.Trim()))
        {
            if (next < expected.Length && line == expected[next])
            {
                next++;
            }
        }

        return next == expected.Length;
    }

    /// <summary>The framework, ReactiveCache.Core and the packages it (or a host) brings; not the console, NUnit or the specs' clients.</summary>
    private static MetadataReference[] LibraryReferences()
    {
        var framework = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(path => path.Contains("Microsoft.NETCore.App", StringComparison.Ordinal));
        var library = Directory.GetFiles(AppContext.BaseDirectory, "*.dll")
            .Where(path => Path.GetFileName(path) is var name
                && (name == "ReactiveCache.Core.dll" || name.StartsWith("System.Reactive", StringComparison.Ordinal) || name.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal)
                    // A package's newer copy replaces the framework's (CacheServer.Start takes an IMeterFactory from it).
                    || name == "System.Diagnostics.DiagnosticSource.dll")
                && !name.Contains("StackExchangeRedis", StringComparison.Ordinal) && !name.Contains("Hybrid", StringComparison.Ordinal));
        return [.. framework.Concat(library).Select(path => MetadataReference.CreateFromFile(path))];
    }

    private static string FirstStatement(string code) =>
        code.Split('\n').Select(line => line.Trim()).First(line => line.Length > 0 && !UsingDirective().IsMatch(line) && !line.StartsWith("//", StringComparison.Ordinal));

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ReactiveCache.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new DirectoryNotFoundException("no ReactiveCache.sln above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"^using [\w.]+;$")]
    private static partial Regex UsingDirective();

    [GeneratedRegex(@"^```csharp\n(?<code>.*?)^```", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex CodeBlock();
}
