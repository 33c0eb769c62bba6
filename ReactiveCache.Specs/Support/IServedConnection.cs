namespace ReactiveCache.Specs.Support;

/// <summary>A served connection seen as bytes only, whatever its protocol: what specs of the pipeline itself need.</summary>
internal interface IServedConnection
{
    FakeConnection Client { get; }

    /// <summary>Sends <paramref name="request"/> in one chunk and returns what the server flushed in answer.</summary>
    byte[] Exchange(byte[] request);
}
