using NUnit.Framework;
using ReactiveCache.Networking;

namespace ReactiveCache.Specs.Networking;

public sealed class ClientOutputBufferLimitsSpecs
{
    [Test]
    public void Reports_the_defaults_in_redis_format_with_normal_bounded_and_pubsub_as_redis()
    {
        Assert.That(ClientOutputBufferLimits.Default.ToString(),
            Is.EqualTo("normal 1073741824 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60"));
    }

    [Test]
    public void Applies_each_class_given_and_keeps_the_others()
    {
        var applied = ClientOutputBufferLimits.Default.TryApply("pubsub 64mb 16mb 30  normal 0 0 0", out var limits, out _);

        Assert.That(applied, Is.True);
        Assert.That(limits.PubSub, Is.EqualTo(new OutputBufferLimit(64L * 1024 * 1024, 16L * 1024 * 1024, TimeSpan.FromSeconds(30))));
        Assert.That(limits.Normal, Is.EqualTo(OutputBufferLimit.Unlimited));
        Assert.That(limits.Replica, Is.EqualTo(ClientOutputBufferLimits.Default.Replica));
    }

    [TestCase("", "Wrong number of arguments in buffer limit configuration.")]
    [TestCase("pubsub 32mb 8mb", "Wrong number of arguments in buffer limit configuration.")]
    [TestCase("master 1 1 1", "Invalid client class specified in buffer limit configuration.")]
    [TestCase("pubsub -1 8mb 60", "Error in hard, soft or soft_seconds setting in buffer limit configuration.")]
    [TestCase("pubsub 32mb 8mb -60", "Error in hard, soft or soft_seconds setting in buffer limit configuration.")]
    [TestCase("pubsub 32mb 8mb 99999999999", "Error in hard, soft or soft_seconds setting in buffer limit configuration.")]
    [TestCase("normal 0 0 0 pubsub x 8mb 60", "Error in hard, soft or soft_seconds setting in buffer limit configuration.")]
    public void Refuses_a_bad_limit_with_redis_reason_and_changes_nothing(string text, string reason)
    {
        var applied = ClientOutputBufferLimits.Default.TryApply(text, out var limits, out var error);

        Assert.That(applied, Is.False);
        Assert.That(error, Is.EqualTo(reason));
        Assert.That(limits, Is.SameAs(ClientOutputBufferLimits.Default));
    }
}
