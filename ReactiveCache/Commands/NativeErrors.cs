namespace ReactiveCache.Commands;

/// <summary>Every error text of the native protocol (the wire form is <c>ERR &lt;text&gt;</c>).</summary>
internal static class NativeErrors
{
    public const string UnknownCommand = "unknown command";
    public const string WrongArguments = "wrong number of arguments";
    public const string InvalidKey = "invalid key";
    public const string NotANumber = "not a number";
    public const string InvalidUtf8 = "invalid UTF-8";
    public const string InvalidExpireTime = "invalid expire time";
    public const string LineTooLong = "line too long";
    public const string MaxClients = "max number of clients reached";
    public const string WatchBufferOverflow = "watch buffer overflow";
}
