using System.Text;

namespace ReactiveCache;

/// <summary>One field of a hash in a change: its name and its value after the change (<c>null</c> when it was deleted).</summary>
public readonly record struct HashField(byte[] Name, byte[]? Value)
{
    /// <summary>The field's name decoded as UTF-8.</summary>
    public string NameText => Encoding.UTF8.GetString(Name);

    /// <summary>The value decoded as UTF-8, or <c>null</c> for a deleted field.</summary>
    public string? ValueText => Value is null ? null : Encoding.UTF8.GetString(Value);
}
