using System.Net;
using NUnit.Framework;
using ReactiveCache.Hosting;

namespace ReactiveCache.Specs.Hosting;

public sealed class MetricsAndLogsCommandLineSpecs
{
    [TestCase("--log-format", "xml")]
    [TestCase("--metrics-port", "65536")]
    [TestCase("--metrics-port", "-1")]
    [TestCase("--metrics-bind", "localhost")]
    [TestCase("--metrics-durations", "maybe")]
    public void Refuses_a_bad_value_as_a_usage_error(string option, string value)
    {
        var parsed = new ServerCommandLine().TryParse([option, value], out _, out _, out var exitCode, TextWriter.Null);

        Assert.That(parsed, Is.False);
        Assert.That(exitCode, Is.EqualTo(2));
    }

    [Test]
    public void Serves_no_metrics_and_logs_text_to_standard_output_by_default()
    {
        var commandLine = new ServerCommandLine();

        commandLine.TryParse([], out _, out _, out _);

        Assert.That(commandLine.MetricsPort, Is.Null);
        Assert.That(commandLine.MetricsDurations, Is.False);
        Assert.That(commandLine.LogFormat, Is.EqualTo("text"));
        Assert.That(commandLine.LogFile, Is.Empty);
    }

    [Test]
    public void Binds_the_metrics_port_to_the_server_address_unless_told_otherwise()
    {
        var sameAddress = new ServerCommandLine();
        var ownAddress = new ServerCommandLine();

        sameAddress.TryParse(["--bind", "0.0.0.0", "--metrics-port", "9121"], out _, out _, out _);
        ownAddress.TryParse(["--bind", "0.0.0.0", "--metrics-port", "9121", "--metrics-bind", "127.0.0.1", "--log-format", "json", "--logfile", "/tmp/x.log"], out _, out _, out _);

        Assert.That(sameAddress.MetricsPort, Is.EqualTo(9121));
        Assert.That(sameAddress.MetricsBind, Is.EqualTo(IPAddress.Any));
        Assert.That(ownAddress.MetricsBind, Is.EqualTo(IPAddress.Loopback));
        Assert.That(ownAddress.LogFormat, Is.EqualTo("json"));
        Assert.That(ownAddress.LogFile, Is.EqualTo("/tmp/x.log"));
    }
}
