using NUnit.Framework;
using ReactiveCache.Specs.Support;

namespace ReactiveCache.Specs.Integration.Tls;

/// <summary>Removes the PEM files the TLS specs wrote once they have all run.</summary>
[SetUpFixture]
public sealed class TlsCertificatesCleanup
{
    [OneTimeTearDown]
    public void DeleteCertificates() => TestCertificates.DeleteShared();
}
