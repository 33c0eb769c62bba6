using Microsoft.Reactive.Testing;
using NUnit.Framework;
using ReactiveCache.Commands.Redis.Introspection;
using ReactiveCache.Commands;

namespace ReactiveCache.Specs.Commands.Redis.Introspection;

public sealed class MonitorLineSpecs : ReactiveTest
{
    [Test]
    public void Quotes_arguments_as_sdscatrepr_does()
    {
        var command = new MonitoredCommand(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_123).AddTicks(4560), 3, "127.0.0.1:5000",
            [new byte[] { (byte)'s', (byte)'e', (byte)'t' }, "a \"b\"\\"u8.ToArray(), new byte[] { 0, 7, 8, 9, 10, 13, 0x7f, 0xff }]);

        Assert.That(MonitorLine.Format(command), Is.EqualTo(@"1700000000.123456 [3 127.0.0.1:5000] ""set"" ""a \""b\""\\"" ""\x00\a\b\t\n\r\x7f\xff"""));
    }
}
