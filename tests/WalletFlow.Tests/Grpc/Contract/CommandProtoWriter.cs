using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using WalletFlow.Api.Grpc.Commands;
using WalletFlow.Api.Grpc.Wallets;
using WalletFlow.Application.Commands;

namespace WalletFlow.Tests.Grpc.Contract;

/// <summary>
/// Renders the wallet core's gRPC contract from the command registry and the read list: <c>commands.proto</c> (one
/// service per area, one unary method per command, a request message mirroring its request record and a receipt
/// whose <c>data</c> mirrors its data record) and <c>wallet_reads.proto</c>. Field names are the records' JSON names
/// in snake_case, so protobuf's JSON names are exactly the JSON names REST uses, which is how the front's mapper
/// (WalletFlow.Api.Grpc.Mapping.ProtoMapper) pairs fields. A type it cannot map exactly fails the generator, naming the
/// field. It runs only to regenerate the committed files, so it lives with the drift test, not in the API.
/// </summary>
public static class CommandProtoWriter
{
    public const string Package = "walletflow.v1";
    private const string MinorSuffix = "Minor";
    public const string CSharpNamespace = "WalletFlow.Api.Grpc.WalletCore.Contracts";
    public const string CommandsFile = "walletflow/v1/commands.proto";
    public const string ReadsFile = "walletflow/v1/wallet_reads.proto";

    /// <summary>The developer command that rewrites the committed files (docs/grpc.md).</summary>
    public const string RegenerateCommand =
        "WALLETFLOW_WRITE_PROTOS=1 dotnet test tests/WalletFlow.Tests --filter \"FullyQualifiedName~WalletFlow.Tests.Grpc.ProtoDriftTests\"";

    /// <summary>Messages the hand-written files already declare in the package: a generated one may not take their names.</summary>
    private static readonly HashSet<string> TakenNames = new(
        Api.Grpc.Contracts.LedgerReadsReflection.Descriptor.MessageTypes.Select(message => message.Name)
            .Concat(Api.Grpc.Contracts.LedgerReadsReflection.Descriptor.Services.Select(service => service.Name)),
        StringComparer.Ordinal);

    public static string ServiceName(string area) => CommandGrpcMethods.ServiceName(area);

    public static string MethodName(CommandDescriptor command) => CommandGrpcMethods.MethodName(command);

    /// <summary>Both files, by their path under <c>src/WalletFlow.Api/Protos</c>.</summary>
    public static IReadOnlyDictionary<string, string> Render(IReadOnlyList<CommandDescriptor> commands, IReadOnlyList<WalletReadMethod> reads)
    {
        ArgumentNullException.ThrowIfNull(commands);
        ArgumentNullException.ThrowIfNull(reads);
        var commandMessages = new MessageSet(known: null);
        var services = new List<(string Name, List<string> Lines)>();
        foreach (var command in commands)
        {
            var method = MethodName(command);
            commandMessages.Add(command.RequestType, MessageMode.Request, $"{method}Request", $"The request of {command.Name}.");
            commandMessages.Add(typeof(CommandReceipt<>).MakeGenericType(command.DataType), MessageMode.Response, $"{method}Receipt", $"What {command.Name} answers, and what a replay of it answers again.");
            var serviceName = ServiceName(command.Area);
            if (services.FirstOrDefault(service => service.Name == serviceName) is not { Lines: { } lines })
            {
                lines = [];
                services.Add((serviceName, lines));
            }

            var template = command.Template is null ? "" : $" Posts the {command.Template} template.";
            lines.Add($"  // {command.Title}: {command.Summary}{template} Callers: {command.AllowedRoles}.");
            lines.Add($"  rpc {method}({method}Request) returns ({method}Receipt);");
        }

        var commandsText = new StringBuilder()
            .Append(Header("the command registry (WalletFlow.Application.Commands.CommandRegistry)"))
            .Append("//\n")
            .Append("// One service per area, one method per command. Every call needs the metadata \"authorization: Bearer <token>\"\n")
            .Append("// and \"idempotency-key: <key>\" (1 to 255 printable ASCII characters): the same key and request answer the first\n")
            .Append("// receipt again, with the response header \"idempotent-replayed: true\". A failure's status message starts with\n")
            .Append("// WalletFlow's code, e.g. \"INSUFFICIENT_FUNDS: ...\" (docs/grpc.md has the status of every code).\n");
        commandsText.Append(Preamble(commandMessages.UsesValue, importCommands: false));
        foreach (var (name, lines) in services)
        {
            commandsText.Append('\n').Append($"service {name} {{\n");
            commandsText.AppendJoin('\n', lines).Append("\n}\n");
        }

        commandMessages.AppendTo(commandsText);

        var readMessages = new MessageSet(commandMessages);
        var readLines = new List<string>();
        foreach (var read in reads)
        {
            readMessages.Add(read.Query, MessageMode.Request, read.Query.Name, null);
            var result = readMessages.Reference(read.Result, MessageMode.Response, $"the result of {read.Name}");
            readLines.Add($"  // {read.Summary}");
            readLines.Add($"  rpc {read.Name}({read.Query.Name}) returns ({(read.Streaming ? "stream " : "")}{result});");
        }

        var readsText = new StringBuilder()
            .Append(Header("the wallet reads (WalletFlow.Api.Grpc.Wallets.WalletReadMethods)"))
            .Append("//\n")
            .Append("// Every call needs the metadata \"authorization: Bearer <token>\". Ids are WalletFlow's (wal_..., wtx_..., hold_..., fxq_...);\n")
            .Append("// amounts are integers in the currency's minor units, beside the currency's code.\n")
            .Append(Preamble(readMessages.UsesValue, readMessages.UsesKnown))
            .Append('\n').Append($"service {WalletReadMethods.ServiceName} {{\n")
            .AppendJoin('\n', readLines).Append("\n}\n");
        readMessages.AppendTo(readsText);

        return new Dictionary<string, string>(StringComparer.Ordinal) { [CommandsFile] = commandsText.ToString(), [ReadsFile] = readsText.ToString() };
    }

    /// <summary>camelCase or snake_case to PascalCase: <c>createWallet</c> is <c>CreateWallet</c>.</summary>
    public static string Pascal(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var joined = JsonNameOf(name);
        return joined.Length == 0 ? joined : char.ToUpperInvariant(joined[0]) + joined[1..];
    }

    private static string Header(string source) =>
        $"// GENERATED from {source} by CommandProtoWriter. Do not edit: regenerate with\n//   {RegenerateCommand}\n";

    private static string Preamble(bool importValue, bool importCommands)
    {
        var text = new StringBuilder().Append("syntax = \"proto3\";\n\n").Append($"package {Package};\n\n");
        if (importValue)
        {
            text.Append("import \"google/protobuf/struct.proto\";\n");
        }

        if (importCommands)
        {
            text.Append($"import \"{CommandsFile}\";\n");
        }

        if (importValue || importCommands)
        {
            text.Append('\n');
        }

        return text.Append($"option csharp_namespace = \"{CSharpNamespace}\";\n").ToString();
    }

    /// <summary>protobuf's JSON name of a field: underscores dropped, the letter after each one upper-cased.</summary>
    private static string JsonNameOf(string fieldName)
    {
        var text = new StringBuilder(fieldName.Length);
        var upper = false;
        foreach (var character in fieldName)
        {
            if (character == '_')
            {
                upper = true;
                continue;
            }

            text.Append(upper ? char.ToUpperInvariant(character) : character);
            upper = false;
        }

        return text.ToString();
    }

    private static string SnakeCase(string jsonName)
    {
        var text = new StringBuilder(jsonName.Length + 4);
        foreach (var character in jsonName)
        {
            if (char.IsAsciiLetterUpper(character) && text.Length > 0)
            {
                text.Append('_');
            }

            text.Append(char.ToLowerInvariant(character));
        }

        return text.ToString();
    }

    /// <summary>
    /// A top-level request (a command's request, a read's query) keeps proto3's plain strings: absent and empty both
    /// reach the record as null. Every other message marks a nullable string <c>optional</c>, so a client can tell
    /// null from empty; value types are <c>optional</c> when nullable everywhere (false is not "absent").
    /// </summary>
    private enum MessageMode
    {
        Request,
        Response,
    }

    /// <summary>The messages of one file, in the order they were first needed, with the ones another file already declares.</summary>
    private sealed class MessageSet(MessageSet? known)
    {
        /// <summary>The conventions the front maps messages with, read-only so it describes every type.</summary>
        private static readonly JsonSerializerOptions Json = ReadOnly(new JsonSerializerOptions(CommandJson.Options) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() });

        private readonly NullabilityInfoContext _nullability = new();
        private readonly Dictionary<string, (Type Type, MessageMode Mode)> _names = new(StringComparer.Ordinal);
        private readonly List<string> _rendered = [];

        public bool UsesValue { get; private set; }

        public bool UsesKnown { get; private set; }

        public void Add(Type type, MessageMode mode, string name, string? comment)
        {
            if (Claim(type, mode, name, $"the message {name}"))
            {
                Render(type, mode, name, comment);
            }
        }

        /// <summary>The message type of <paramref name="type"/>, rendering it (and what it contains) on first use.</summary>
        public string Reference(Type type, MessageMode mode, string where)
        {
            var name = MessageName(type, where);
            if (known?._names.TryGetValue(name, out var declared) == true)
            {
                Require(declared.Type == type && declared.Mode == mode, where, $"{name} is already declared for {declared.Type} ({declared.Mode})");
                UsesKnown = true;
                return name;
            }

            if (Claim(type, mode, name, where))
            {
                Render(type, mode, name, comment: null);
            }

            return name;
        }

        public void AppendTo(StringBuilder text)
        {
            foreach (var message in _rendered)
            {
                text.Append('\n').Append(message);
            }
        }

        private static JsonSerializerOptions ReadOnly(JsonSerializerOptions options)
        {
            options.MakeReadOnly();
            return options;
        }

        private static void Require(bool condition, string where, string problem)
        {
            if (!condition)
            {
                throw new InvalidOperationException($"CommandProtoWriter cannot map {where}: {problem}.");
            }
        }

        private static string MessageName(Type type, string where)
        {
            if (!type.IsGenericType)
            {
                return type.Name;
            }

            Require(!type.IsGenericTypeDefinition, where, $"{type} is an open generic type");
            static string Stem(string name) => name.EndsWith("Data", StringComparison.Ordinal) && name.Length > 4 ? name[..^4] : name;
            var arguments = type.GetGenericArguments().Select(argument => argument == typeof(object) ? "" : Stem(MessageName(argument, where)));
            var definition = type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)];
            return string.Concat(arguments) + Stem(definition);
        }

        /// <summary>True when <paramref name="name"/> is new and must be rendered; false when the same type already took it.</summary>
        private bool Claim(Type type, MessageMode mode, string name, string where)
        {
            Require(!TakenNames.Contains(name), where, $"the name {name} is taken by ledger_reads.proto");
            if (_names.TryGetValue(name, out var claimed))
            {
                Require(claimed.Type == type && claimed.Mode == mode, where, $"{name} is already the message of {claimed.Type} ({claimed.Mode}), not of {type} ({mode})");
                return false;
            }

            Require(known?._names.ContainsKey(name) != true, where, $"{name} is already declared in {CommandsFile}");
            _names[name] = (type, mode);
            return true;
        }

        private void Render(Type type, MessageMode mode, string name, string? comment)
        {
            var info = Json.GetTypeInfo(type);
            Require(info.Kind == JsonTypeInfoKind.Object && !type.IsAbstract && !type.IsInterface && !type.IsValueType, $"the message {name}", $"{type} is not a record of named fields");
            var slot = _rendered.Count;
            _rendered.Add("");
            var text = new StringBuilder();
            if (comment is not null)
            {
                text.Append($"// {comment}\n");
            }

            text.Append($"message {name} {{\n");
            var number = 0;
            foreach (var property in info.Properties)
            {
                var where = $"{type.Name}.{property.Name}";
                Require(property.AttributeProvider is PropertyInfo, where, "it is not a property");
                var member = (PropertyInfo)property.AttributeProvider!;
                var nullable = Nullable.GetUnderlyingType(property.PropertyType) is not null
                    || (!property.PropertyType.IsValueType && _nullability.Create(member).ReadState == NullabilityState.Nullable);
                var jsonName = property.Name;
                string fieldType;
                if (member.GetCustomAttribute<MoneyAttribute>() is not null)
                {
                    // Money travels as integer minor units beside its currency (MoneyJson); a record that already
                    // shows the minor units next to the decimal form needs only those.
                    if (type.GetProperty(member.Name + MinorSuffix) is not null)
                    {
                        continue;
                    }

                    jsonName += MinorSuffix;
                    fieldType = nullable && mode == MessageMode.Response ? "optional int64" : "int64";
                }
                else
                {
                    fieldType = jsonName.EndsWith(MinorSuffix, StringComparison.Ordinal) && property.PropertyType == typeof(string)
                        ? "int64"
                        : FieldType(property.PropertyType, nullable, mode, where);
                }

                var field = SnakeCase(jsonName);
                Require(JsonNameOf(field) == jsonName, where, $"the field name {field} would have the JSON name {JsonNameOf(field)}, not {jsonName}");
                var sentence = FieldDocs.Describe(jsonName);
                Require(sentence is not null, where, $"FieldDocs has no sentence for {jsonName}: add one");
                text.Append($"  // {sentence}\n  {fieldType} {field} = {++number};\n");
            }

            _rendered[slot] = text.Append("}\n").ToString();
        }

        private string FieldType(Type type, bool nullable, MessageMode mode, string where)
        {
            var underlying = Nullable.GetUnderlyingType(type) ?? type;
            if (Scalar(underlying) is { } scalar)
            {
                // Presence matters for a value type (false is not "absent") and, in responses, for a nullable string.
                var optional = nullable && (underlying.IsValueType || mode == MessageMode.Response);
                return optional ? $"optional {scalar}" : scalar;
            }

            // A receipt read back whatever its command (GetCommand, GetTransaction) carries data declared object.
            if (underlying == typeof(object))
            {
                UsesValue = true;
                return "google.protobuf.Value";
            }

            var info = Json.GetTypeInfo(underlying);
            switch (info.Kind)
            {
                case JsonTypeInfoKind.Enumerable:
                    var element = info.ElementType!;
                    Require(Nullable.GetUnderlyingType(element) is null, where, "a list of nullable values has no protobuf form");
                    var elementType = FieldType(element, nullable: false, mode, where);
                    Require(!elementType.StartsWith("repeated ", StringComparison.Ordinal), where, "a list of lists has no protobuf form");
                    return $"repeated {elementType}";
                case JsonTypeInfoKind.Object:
                    // A nested record is one message wherever it appears, so it takes the response form.
                    return Reference(underlying, MessageMode.Response, where);
                default:
                    Require(false, where, $"{type} has no exact protobuf form (money is a decimal string, never a number)");
                    return "";
            }
        }

        private static string? Scalar(Type type) => type switch
        {
            _ when type == typeof(string) => "string",
            _ when type == typeof(bool) => "bool",
            _ when type == typeof(int) => "int32",
            _ when type == typeof(long) => "int64",
            // ISO 8601 text, exactly as REST writes it.
            _ when type == typeof(DateTimeOffset) => "string",
            // Enums travel as their snake_case names (CommandJson).
            _ when type.IsEnum => "string",
            _ => null,
        };
    }
}
