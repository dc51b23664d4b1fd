using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;
using Google.Protobuf.Reflection;
using WalletFlow.Api.Grpc.WalletCore.Contracts;
using WalletFlow.Application.Commands;

namespace WalletFlow.Api.Grpc.Commands;

/// <summary>Where each registry command lives in the committed contract (<c>commands.proto</c>): <c>walletflow.v1.{Area}Commands/{Name}</c>.</summary>
public static class CommandGrpcMethods
{
    /// <summary>The command of each method path (<c>/walletflow.v1.WalletsCommands/Transfer</c>), for every command the contract has.</summary>
    private static readonly Dictionary<string, CommandDescriptor> ByPath = CommandRegistry.All
        .Select(command => (Command: command, Method: Find(command)))
        .Where(bound => bound.Method is not null)
        .ToDictionary(bound => PathOf(bound.Method!), bound => bound.Command, StringComparer.Ordinal);

    public static IEnumerable<ServiceDescriptor> Services => CommandsReflection.Descriptor.Services;

    public static string ServiceName(string area) => $"{Pascal(area)}Commands";

    public static string MethodName(CommandDescriptor command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return Pascal(command.Name);
    }

    public static string PathOf(MethodDescriptor method)
    {
        ArgumentNullException.ThrowIfNull(method);
        return $"/{method.Service.FullName}/{method.Name}";
    }

    /// <summary>The command's method, or null when the committed contract lacks it (the registry changed and commands.proto was not regenerated).</summary>
    public static MethodDescriptor? Find(CommandDescriptor command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var method = Services.FirstOrDefault(service => service.Name == ServiceName(command.Area))?.FindMethodByName(MethodName(command));
        return method is not null && method.OutputType.FindFieldByName("data") is not null ? method : null;
    }

    public static MethodDescriptor Get(CommandDescriptor command) =>
        Find(command) ?? throw new InvalidOperationException(
            $"The command {command.Name} has no method in commands.proto: regenerate it from the registry (docs/grpc.md) and rebuild.");

    /// <summary>The command a method path serves, if it is a command method.</summary>
    public static CommandDescriptor? CommandAt(string path) => ByPath.GetValueOrDefault(path);

    /// <summary>camelCase to PascalCase: <c>createWallet</c> is <c>CreateWallet</c>.</summary>
    private static string Pascal(string name) => name.Length == 0 ? name : char.ToUpperInvariant(name[0]) + name[1..];
}
