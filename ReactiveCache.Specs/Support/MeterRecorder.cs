using System.Diagnostics.Metrics;

namespace ReactiveCache.Specs.Support;

/// <summary>
/// A real <see cref="MeterListener"/> on one meter: records every measurement its instruments make, and on
/// <see cref="Collect"/> what its observable instruments report now.
/// </summary>
internal sealed class MeterRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly List<Recorded> _recorded = [];

    public MeterRecorder(Meter meter)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter == meter)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
    }

    /// <summary>Every measurement so far, the observable instruments' as of now.</summary>
    public Measurements Collect()
    {
        _listener.RecordObservableInstruments();
        lock (_recorded)
        {
            return new Measurements([.. _recorded]);
        }
    }

    public void Dispose() => _listener.Dispose();

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var recorded = new Recorded(instrument.Name, value, tags.ToArray());
        lock (_recorded)
        {
            _recorded.Add(recorded);
        }
    }

    public sealed record Recorded(string Instrument, double Value, KeyValuePair<string, object?>[] Tags)
    {
        public bool Has((string Key, object Value)[] tags) =>
            tags.All(tag => Tags.Any(own => own.Key == tag.Key && Equals(own.Value, tag.Value)));
    }

    public sealed class Measurements(IReadOnlyList<Recorded> all)
    {
        /// <summary>The latest value the instrument reported with these tags (an observable instrument's current one).</summary>
        public double Value(string instrument, params (string Key, object Value)[] tags) =>
            all.Last(recorded => recorded.Instrument == instrument && recorded.Has(tags)).Value;

        /// <summary>How many measurements the instrument made with these tags (a histogram's count).</summary>
        public int Count(string instrument, params (string Key, object Value)[] tags) =>
            all.Count(recorded => recorded.Instrument == instrument && recorded.Has(tags));
    }
}
