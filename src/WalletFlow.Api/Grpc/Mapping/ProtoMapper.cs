using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;
using WalletFlow.Application.Commands;
using WalletFlow.Domain.Errors;
using WalletFlow.Domain.Money;
using MoneyValue = WalletFlow.Domain.Money.Money;

namespace WalletFlow.Api.Grpc.Mapping;

/// <summary>
/// Maps the records of the wallet core (command requests, receipts, reads) to the generated messages and back, field
/// by field, with no serialization in between. Each (record, message) pair gets a table once, built from the record's
/// JSON contract (the names REST uses) and the message's descriptor (whose JSON names the proto writer made equal):
/// a record field the message lacks fails the table, naming it, because the contract has drifted.
/// </summary>
/// <remarks>
/// Conversions: money (<see cref="MoneyAttribute"/>) is the currency's decimal text in the record and integer minor
/// units in the message; a record's <c>…Minor</c> text is an int64; instants are ISO 8601 text as REST writes them;
/// enums are their snake_case names; a free-form <see cref="JsonElement"/>, or a record where the message has a
/// <c>google.protobuf.Value</c> (a receipt read back whatever its command), is that <c>Value</c>.
/// Reading a request, proto3's absent-or-empty values (an empty string, zero minor units) reach the record as null,
/// so the command's own validation names a missing field exactly as it does for REST.
/// </remarks>
internal static class ProtoMapper
{
    private const string MinorSuffix = "Minor";
    private const string InstantFormat = "yyyy'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFFzzz";

    private static readonly JsonSerializerOptions Json = ReadOnly(new JsonSerializerOptions(CommandJson.Options) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() });
    private static readonly ConcurrentDictionary<(System.Type, MessageDescriptor), Table> Tables = new();

    /// <summary>The record a request or query message carries, or <c>VALIDATION</c> naming every field whose value cannot fit.</summary>
    public static Result<object> ToRecord(IMessage message, System.Type recordType)
    {
        ArgumentNullException.ThrowIfNull(message);
        var errors = new List<Error>();
        var record = TableOf(recordType, message.Descriptor).Read(message, errors);
        return errors.Count > 0 ? errors[0] with { Details = errors } : record;
    }

    public static Result<T> ToRecord<T>(IMessage message)
        where T : class => ToRecord(message, typeof(T)).Map(record => (T)record);

    /// <summary>A record as the message <typeparamref name="TMessage"/>.</summary>
    public static TMessage ToMessage<TMessage>(object record, System.Type recordType)
        where TMessage : IMessage<TMessage>, new() => (TMessage)ToMessage(record, recordType, new TMessage().Descriptor);

    /// <summary>
    /// A record as the message <paramref name="descriptor"/> describes. A record that does not fit is the server's
    /// bug (the committed contract is older than the code), not the caller's: it throws, and the call fails as INTERNAL.
    /// </summary>
    public static IMessage ToMessage(object record, System.Type recordType, MessageDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(descriptor);
        return TableOf(recordType, descriptor).Write(record);
    }

    /// <summary>Fails when a record and a message cannot be mapped (the per-command mapping tests call it for every command).</summary>
    internal static void Check(System.Type recordType, MessageDescriptor descriptor) => TableOf(recordType, descriptor);

    private static Table TableOf(System.Type recordType, MessageDescriptor descriptor) =>
        Tables.GetOrAdd((recordType, descriptor), static key => Table.Build(key.Item1, key.Item2));

    private static JsonSerializerOptions ReadOnly(JsonSerializerOptions options)
    {
        options.MakeReadOnly();
        return options;
    }

    private enum Kind
    {
        Plain,
        Money,
        MinorText,
    }

    /// <summary>One record property and the message field that carries it.</summary>
    private sealed record Binding(PropertyInfo Property, FieldDescriptor Field, Kind Kind, PropertyInfo? Currency);

    private sealed class Table
    {
        private readonly MessageDescriptor _descriptor;
        private readonly IReadOnlyList<Binding> _bindings;
        private readonly ConstructorInfo _constructor;

        private Table(MessageDescriptor descriptor, IReadOnlyList<Binding> bindings, ConstructorInfo constructor)
        {
            _descriptor = descriptor;
            _bindings = bindings;
            _constructor = constructor;
        }

        public static Table Build(System.Type type, MessageDescriptor descriptor)
        {
            var info = Json.GetTypeInfo(type);
            if (info.Kind != JsonTypeInfoKind.Object)
            {
                throw Drift(type, descriptor, $"{type.Name} is not a record of named fields");
            }

            var bindings = new List<Binding>();
            foreach (var property in info.Properties)
            {
                var member = (PropertyInfo)property.AttributeProvider!;
                if (member.GetCustomAttribute<MoneyAttribute>() is { } money)
                {
                    // A record that already shows the minor units beside the decimal text travels as those alone.
                    if (type.GetProperty(member.Name + MinorSuffix) is not null)
                    {
                        continue;
                    }

                    bindings.Add(new(member, Field(type, descriptor, property.Name + MinorSuffix), Kind.Money, type.GetProperty(money.CurrencyProperty)));
                }
                else
                {
                    var kind = property.Name.EndsWith(MinorSuffix, StringComparison.Ordinal) && member.PropertyType == typeof(string) ? Kind.MinorText : Kind.Plain;
                    bindings.Add(new(member, Field(type, descriptor, property.Name), kind, null));
                }
            }

            var constructor = type.GetConstructors().MaxBy(candidate => candidate.GetParameters().Length)
                ?? throw Drift(type, descriptor, $"{type.Name} has no public constructor");
            return new Table(descriptor, bindings, constructor);
        }

        public IMessage Write(object record)
        {
            var message = _descriptor.Parser.ParseFrom(ByteString.Empty);
            foreach (var binding in _bindings)
            {
                var value = binding.Property.GetValue(record);
                if (value is null)
                {
                    continue;
                }

                var field = binding.Field;
                switch (binding.Kind)
                {
                    case Kind.Money:
                        var currency = binding.Currency!.GetValue(record) as string;
                        field.Accessor.SetValue(message, MoneyValue.Parse((string)value, currency, AmountSign.Signed).Value.Minor);
                        break;
                    case Kind.MinorText:
                        field.Accessor.SetValue(message, long.Parse((string)value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
                        break;
                    default:
                        if (field.IsRepeated)
                        {
                            var list = (IList)field.Accessor.GetValue(message);
                            var element = ElementType(binding.Property.PropertyType);
                            foreach (var item in (IEnumerable)value)
                            {
                                list.Add(ToField(item, element, field));
                            }
                        }
                        else
                        {
                            field.Accessor.SetValue(message, ToField(value, binding.Property.PropertyType, field));
                        }

                        break;
                }
            }

            return message;
        }

        public object Read(IMessage message, List<Error> errors)
        {
            var parameters = _constructor.GetParameters();
            var arguments = new object?[parameters.Length];
            for (var index = 0; index < parameters.Length; index++)
            {
                var parameter = parameters[index];
                var binding = _bindings.FirstOrDefault(candidate => string.Equals(candidate.Property.Name, parameter.Name, StringComparison.OrdinalIgnoreCase));
                arguments[index] = binding is null ? null : FromField(message, binding, errors);
            }

            return _constructor.Invoke(arguments);
        }

        private object? FromField(IMessage message, Binding binding, List<Error> errors)
        {
            var field = binding.Field;
            if (field.HasPresence && !field.IsRepeated && field.FieldType != FieldType.Message && !field.Accessor.HasValue(message))
            {
                return null;
            }

            var value = field.Accessor.GetValue(message);
            var target = binding.Property.PropertyType;
            switch (binding.Kind)
            {
                case Kind.Money:
                    var code = _bindings.FirstOrDefault(candidate => candidate.Property == binding.Currency) is { } currencyField
                        ? currencyField.Field.Accessor.GetValue(message) as string
                        : null;
                    // Zero is proto3's "absent": the command refuses a missing or non-positive amount by itself. An
                    // unknown currency leaves the amount out too, and the currency field is the one named.
                    return (long)value != 0 && Currency.Find(code).TryGetValue(out var currency, out _) ? new MoneyValue((long)value, currency).ToDecimalString() : null;
                case Kind.MinorText:
                    return ((long)value).ToString(CultureInfo.InvariantCulture);
                default:
                    if (field.IsRepeated)
                    {
                        var element = ElementType(target);
                        var list = (IList)System.Activator.CreateInstance(typeof(List<>).MakeGenericType(element))!;
                        foreach (var item in (IEnumerable)value)
                        {
                            list.Add(FromValue(item, element, field, errors));
                        }

                        return list;
                    }

                    return FromValue(value, target, field, errors);
            }
        }

        private static object? FromValue(object? value, System.Type target, FieldDescriptor field, List<Error> errors)
        {
            var type = Nullable.GetUnderlyingType(target) ?? target;
            var nullable = type != target || !target.IsValueType;
            switch (value)
            {
                case null:
                    return null;
                case string text when text.Length == 0 && nullable:
                    return null;
                case string text when type == typeof(string):
                    return text;
                case string text when type == typeof(DateTimeOffset):
                    if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var instant))
                    {
                        return instant;
                    }

                    errors.Add(Error.Validation($"The {field.JsonName} must be an ISO 8601 instant such as 2026-12-05T10:00:00Z.", field.JsonName));
                    return null;
                case string text when type.IsEnum:
                    var member = System.Enum.GetNames(type).FirstOrDefault(name => JsonNamingPolicy.SnakeCaseLower.ConvertName(name) == text);
                    if (member is not null)
                    {
                        return System.Enum.Parse(type, member);
                    }

                    errors.Add(Error.Validation($"The {field.JsonName} must be one of: {string.Join(", ", System.Enum.GetNames(type).Select(JsonNamingPolicy.SnakeCaseLower.ConvertName))}.", field.JsonName));
                    return null;
                case bool flag:
                    return flag;
                case int number when type == typeof(int):
                    return number;
                case long number when type == typeof(long):
                    return number;
                case long number when type == typeof(int):
                    if (number is >= int.MinValue and <= int.MaxValue)
                    {
                        return (int)number;
                    }

                    errors.Add(Error.Validation($"The {field.JsonName} is out of range.", field.JsonName));
                    return null;
                case Value dynamic when type == typeof(JsonElement):
                    return ValueJson.ToElement(dynamic);
                case IMessage nested:
                    return TableOf(type, nested.Descriptor).Read(nested, errors);
                default:
                    throw new InvalidOperationException($"{field.FullName} ({field.FieldType}) cannot be read into {target.Name}.");
            }
        }

        private static object ToField(object value, System.Type source, FieldDescriptor field)
        {
            // A receipt's data is declared object: its record is the command's, known only at run time.
            var type = source == typeof(object) ? value.GetType() : Nullable.GetUnderlyingType(source) ?? source;
            return field.FieldType switch
            {
                FieldType.String when value is string text => text,
                FieldType.String when value is DateTimeOffset instant => instant.ToString(InstantFormat, CultureInfo.InvariantCulture),
                FieldType.String when type.IsEnum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString()!),
                FieldType.Bool => (bool)value,
                FieldType.Int32 => System.Convert.ToInt32(value, CultureInfo.InvariantCulture),
                FieldType.Int64 => System.Convert.ToInt64(value, CultureInfo.InvariantCulture),
                FieldType.Message when field.MessageType.FullName == Value.Descriptor.FullName => ValueJson.ToValue(value as JsonElement? ?? JsonSerializer.SerializeToElement(value, type, Json)),
                FieldType.Message => TableOf(type, field.MessageType).Write(value),
                _ => throw new InvalidOperationException($"{source.Name} cannot be written into {field.FullName} ({field.FieldType})."),
            };
        }

        private static FieldDescriptor Field(System.Type type, MessageDescriptor descriptor, string jsonName) =>
            descriptor.Fields.InDeclarationOrder().FirstOrDefault(field => field.JsonName == jsonName)
            ?? throw Drift(type, descriptor, $"{descriptor.FullName} has no field for {type.Name}.{jsonName}");

        private static System.Type ElementType(System.Type type) =>
            type.IsArray ? type.GetElementType()!
            : type.GetInterfaces().Append(type).FirstOrDefault(candidate => candidate.IsGenericType && candidate.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0]
              ?? throw new InvalidOperationException($"{type.Name} is not a list.");

        private static InvalidOperationException Drift(System.Type type, MessageDescriptor descriptor, string problem) =>
            new($"{type.Name} does not map to {descriptor.FullName}: {problem}. Regenerate the protos (docs/grpc.md) and rebuild.");
    }
}
