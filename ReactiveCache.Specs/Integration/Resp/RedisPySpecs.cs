using Microsoft.Reactive.Testing;
using NUnit.Framework;
using ReactiveCache.Specs.Support;

namespace ReactiveCache.Specs.Integration.Resp;

/// <summary>redis-py from Debian's python3-redis, run by the system python3 against an in-process server.</summary>
[Category("Integration")]
public sealed class RedisPySpecs : ReactiveTest
{
    private const string Everyday = """
        import sys, redis
        r = redis.Redis(port=int(sys.argv[1]), socket_timeout=10)
        assert r.ping()
        assert r.set('k', 'v') and r.get('k') == b'v'
        assert r.set('k', 'w', nx=True) is None
        assert r.incr('n') == 1 and r.incrby('n', 4) == 5 and r.incrbyfloat('f', 0.5) == 0.5
        assert r.mset({'a': '1', 'b': '2'}) and r.mget(['a', 'b', 'c']) == [b'1', b'2', None]
        assert r.expire('k', 100) and 99 <= r.ttl('k') <= 100
        assert sorted(r.scan_iter(match='[ab]')) == [b'a', b'b']
        assert r.delete('a', 'b', 'zz') == 2 and r.exists('a') == 0
        assert r.append('s', 'x') == 1 and r.getrange('s', 0, -1) == b'x'
        p = r.pipeline()
        p.set('p', 1).incr('p').get('p')
        assert p.execute() == [True, 2, b'2']
        def bump(pipe):
            value = int(pipe.get('p')); pipe.multi(); pipe.set('p', value + 1)
        r.transaction(bump, 'p')
        assert r.get('p') == b'3'
        ps = r.pubsub()
        ps.subscribe('ch')
        # SUBSCRIBE and PUBLISH travel on different connections: wait for the confirmation before publishing.
        assert ps.get_message(timeout=5)['type'] == 'subscribe'
        assert r.publish('ch', 'hi') == 1
        message = ps.get_message(timeout=5)
        assert message['data'] == b'hi', message
        assert r.info()['redis_version'] == '7.2.4'
        assert r.config_get('databases') == {'databases': '16'}
        db3 = redis.Redis(port=int(sys.argv[1]), db=3)
        assert db3.set('k', 'three') and db3.get('k') == b'three' and r.get('k') == b'v'
        print('ok')
        """;

    [Test]
    public async Task Runs_redis_py_everyday_operations()
    {
        var python = DebianPackage.RequirePythonModule("redis", "python3-redis");
        await using var server = RespServer.Start();

        var result = await ExternalProcess.RunAsync(python, ["-c", Everyday, server.Port.ToString()], TimeSpan.FromSeconds(60));

        Assert.That(result.Output.Trim(), Is.EqualTo("ok"), result.Error);
    }
}
