using System.CommandLine;
using System.CommandLine.Help;
using System.Net;
using Microsoft.Extensions.Logging;
using ReactiveCache.Commands;

namespace ReactiveCache.Hosting;

/// <summary>
/// The console server's options (names fixed so scripts and docs agree), parsed with System.CommandLine.
/// </summary>
internal sealed class ServerCommandLine
{
    private readonly Option<string> _bind = new("--bind") { Description = "Address to listen on", DefaultValueFactory = _ => "127.0.0.1" };
    private readonly Option<int> _port = new("--port") { Description = "Native line protocol port (0 turns it off)", DefaultValueFactory = _ => 7379 };
    private readonly Option<int> _memcachedPort = new("--memcached-port") { Description = "memcached text protocol port (0 turns it off)", DefaultValueFactory = _ => 11211 };
    private readonly Option<int> _maxItemSize = new("--max-item-size") { Description = "Largest memcached item value, in bytes", DefaultValueFactory = _ => 1024 * 1024 };
    private readonly Option<int> _maxClients = new("--max-clients") { Description = "Connections open at once, all protocols", DefaultValueFactory = _ => 10_000 };
    private readonly Option<int> _maxLineLength = new("--max-line-length") { Description = "Longest native protocol line, in bytes", DefaultValueFactory = _ => 64 * 1024 };
    private readonly Option<int> _respPort = new("--resp-port") { Description = "Redis (RESP) protocol port (0 turns it off)", DefaultValueFactory = _ => 6379 };
    private readonly Option<int> _databases = new("--databases") { Description = "Number of Redis databases (SELECT 0..n-1)", DefaultValueFactory = _ => 16 };
    private readonly Option<string?> _requirePass = new("--requirepass") { Description = "Password Redis clients must AUTH with" };
    private readonly Option<string> _notifyKeyspaceEvents = new("--notify-keyspace-events") { Description = "Redis keyspace notification classes, e.g. KEA", DefaultValueFactory = _ => "" };
    private readonly Option<int> _replayBufferSize = new("--replay-buffer-size") { Description = "Changes kept per database for WATCH ... FROM and resuming subscribers (0 keeps none)", DefaultValueFactory = _ => 100_000 };
    private readonly Option<string> _queryBufferLimit = new("--client-query-buffer-limit") { Description = "Memory one connection's unfinished Redis request may hold, e.g. 64mb (1mb or more)", DefaultValueFactory = _ => "1gb" };
    private readonly Option<string> _protoMaxBulkLen = new("--proto-max-bulk-len") { Description = "Largest Redis bulk string a client may send, e.g. 512mb (1mb or more)", DefaultValueFactory = _ => "512mb" };
    private readonly Option<int> _maxMultibulkLength = new("--max-multibulk-length") { Description = "Most arguments in one Redis request", DefaultValueFactory = _ => 1024 * 1024 };
    private readonly Option<LogLevel> _logLevel = new("--log-level") { Description = "Trace, Debug, Information, Warning, Error, Critical or None", DefaultValueFactory = _ => LogLevel.Information };
    private readonly RootCommand _root;

    public ServerCommandLine()
    {
        _root = new RootCommand("ReactiveCache: a reactive key-value cache server on Rx.NET.")
        {
            _bind, _port, _maxClients, _maxLineLength, _respPort, _databases, _requirePass, _notifyKeyspaceEvents,
            _memcachedPort, _maxItemSize, _replayBufferSize, _queryBufferLimit, _protoMaxBulkLen, _maxMultibulkLength, _logLevel,
        };
        AddMemorySizeValidator(_queryBufferLimit);
        AddMemorySizeValidator(_protoMaxBulkLen);
        AddPositiveValidator(_maxMultibulkLength);
        _bind.Validators.Add(result =>
        {
            if (!IPAddress.TryParse(result.GetValueOrDefault<string>(), out _))
            {
                result.AddError($"--bind: '{result.GetValueOrDefault<string>()}' is not an IP address");
            }
        });
        AddPositiveValidator(_maxClients);
        AddPositiveValidator(_maxLineLength);
        AddPositiveValidator(_maxItemSize);
        _replayBufferSize.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 0)
            {
                result.AddError("--replay-buffer-size: must be 0 or more");
            }
        });
        AddPortValidator(_memcachedPort);
        AddPositiveValidator(_databases);
        _respPort.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 0 or > 65535)
            {
                result.AddError("--resp-port: must be between 0 and 65535");
            }
        });
        _port.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 0 or > 65535)
            {
                result.AddError("--port: must be between 0 and 65535");
            }
        });
    }

    /// <summary>The parsed settings, or the exit code to stop with (0 after --help, 2 on a usage error).</summary>
    public bool TryParse(string[] args, out CacheServerOptions options, out LogLevel logLevel, out int exitCode)
    {
        var parsed = _root.Parse(args);
        options = new CacheServerOptions();
        logLevel = LogLevel.Information;
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                Console.Error.WriteLine($"error: {error.Message}");
            }

            parsed.Invoke(new InvocationConfiguration { Output = Console.Error });
            exitCode = 2;
            return false;
        }

        if (parsed.Action is HelpAction)
        {
            parsed.Invoke();
            exitCode = 0;
            return false;
        }

        options = new CacheServerOptions
        {
            BindAddress = IPAddress.Parse(parsed.GetValue(_bind)!),
            Port = OffWhenZero(parsed.GetValue(_port)),
            MaxClients = parsed.GetValue(_maxClients),
            MaxLineLength = parsed.GetValue(_maxLineLength),
            MemcachedPort = OffWhenZero(parsed.GetValue(_memcachedPort)),
            MaxItemSize = parsed.GetValue(_maxItemSize),
            Store = new CacheStoreOptions { ReplayBufferSize = parsed.GetValue(_replayBufferSize) },
            RespPort = OffWhenZero(parsed.GetValue(_respPort)),
            Resp = new RespOptions
            {
                Databases = parsed.GetValue(_databases),
                RequirePass = parsed.GetValue(_requirePass),
                NotifyKeyspaceEvents = parsed.GetValue(_notifyKeyspaceEvents)!,
                QueryBufferLimit = Bytes(parsed.GetValue(_queryBufferLimit)!),
                MaxBulkLength = Bytes(parsed.GetValue(_protoMaxBulkLen)!),
                MaxMultibulkLength = parsed.GetValue(_maxMultibulkLength),
            },
        };
        logLevel = parsed.GetValue(_logLevel);
        exitCode = 0;
        return true;
    }

    // On the command line, as with redis-server and memcached, port 0 means "do not listen".
    private static int? OffWhenZero(int port) => port == 0 ? null : port;

    private static void AddPortValidator(Option<int> option) =>
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 0 or > 65535)
            {
                result.AddError($"{option.Name}: must be between 0 and 65535");
            }
        });

    private static long Bytes(string size) => MemorySize.TryParse(size, out var bytes) ? bytes : 0;

    // Redis's own bounds for these sizes (config.c): at least 1mb.
    private static void AddMemorySizeValidator(Option<string> option) =>
        option.Validators.Add(result =>
        {
            if (!MemorySize.TryParse(result.GetValueOrDefault<string>() ?? "", out var bytes) || bytes < 1024 * 1024)
            {
                result.AddError($"{option.Name}: must be a memory size of 1mb or more, such as 64mb, 1gb or 1048576");
            }
        });

    private static void AddPositiveValidator(Option<int> option) =>
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() <= 0)
            {
                result.AddError($"{option.Name}: must be a positive number");
            }
        });
}
