using NUnit.Framework;
using ReactiveCache.Store;
using ReactiveCache.Specs.Support;

namespace ReactiveCache.Specs.Store;

public sealed class GlobSpecs
{
    [TestCase("*", "anything", true)]
    [TestCase("*", "", true)]
    [TestCase("h?llo", "hello", true)]
    [TestCase("h?llo", "hllo", false)]
    [TestCase("h*llo", "heeeello", true)]
    [TestCase("h*llo", "hello world", false)]
    [TestCase("h[ae]llo", "hallo", true)]
    [TestCase("h[ae]llo", "hillo", false)]
    [TestCase("h[^e]llo", "hallo", true)]
    [TestCase("h[^e]llo", "hello", false)]
    [TestCase("h[a-b]llo", "hbllo", true)]
    [TestCase("h[a-b]llo", "hcllo", false)]
    [TestCase("h\\*llo", "h*llo", true)]
    [TestCase("h\\*llo", "hello", false)]
    [TestCase("user:*:name", "user:42:name", true)]
    [TestCase("*a*b*c", "xxaxxbxxc", true)]
    [TestCase("*a*b*c", "xxaxxcxxb", false)]
    [TestCase("", "", true)]
    [TestCase("", "x", false)]
    public void Matches_like_redis(string pattern, string text, bool expected)
    {
        Assert.That(Glob.IsMatch(Text.Bytes(pattern), Text.Bytes(text)), Is.EqualTo(expected));
    }
}
