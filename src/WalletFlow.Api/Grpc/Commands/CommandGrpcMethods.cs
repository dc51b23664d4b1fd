using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;
using Google.Protobuf.Reflection;
using WalletFlow.Api.Grpc.WalletCore.Contracts;
using WalletFlow.Grains.Commands;

namespace WalletFlow.Api.Grpc.Commands;

/// <summary>Where each registry command lives in the committed contract (<c>commands.proto</c>): <c>walletflow.v1.{Area}Commands/{Name}</c>.</summary>
public static class CommandGrpcMethods
{
    public static IEnumerable<ServiceDescriptor> Services => CommandsReflection.Descriptor.Services;

    /// <summary>The command's method, or null when the committed contract lacks it (the registry changed and commands.proto was not regenerated).</summary>
    public static MethodDescriptor? Find(CommandDescriptor command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var method = Services.FirstOrDefault(service => service.Name == CommandProtoWriter.ServiceName(command.Area))?.FindMethodByName(CommandProtoWriter.MethodName(command));
        return method is not null && method.OutputType.FindFieldByName("data") is not null ? method : null;
    }

    public static MethodDescriptor Get(CommandDescriptor command) =>
        Find(command) ?? throw new InvalidOperationException(
            $"The command {command.Name} has no method in {CommandProtoWriter.CommandsFile}: regenerate it from the registry ({CommandProtoWriter.RegenerateCommand}) and rebuild.");
}
