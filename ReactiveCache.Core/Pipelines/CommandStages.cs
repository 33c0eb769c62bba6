using System.Reactive.Linq;
using ReactiveCache.Commands;
using ReactiveCache.Protocols;

namespace ReactiveCache.Pipelines;

/// <summary>The middle of every connection's pipeline: frames to commands, commands to replies.</summary>
internal static class CommandStages
{
    /// <summary>Parses each frame that carries a command; blank frames are dropped.</summary>
    public static IObservable<TCommand> ToCommands<TFrame, TCommand, TReply>(
        this IObservable<TFrame> frames, ICacheProtocol<TFrame, TCommand, TReply> protocol) =>
        frames
            .Where(protocol.CarriesCommand)
            .Select(protocol.Parse);

    /// <summary>Executes each command in arrival order; one reply per command.</summary>
    public static IObservable<TReply> ExecuteAgainst<TCommand, TReply>(
        this IObservable<TCommand> commands, ICommandSession<TCommand, TReply> session) =>
        commands.Select(session.Execute);
}
