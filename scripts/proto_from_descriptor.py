#!/usr/bin/env python3
"""Print the TaskHubSidecarService schema as .proto text, rebuilt from the descriptor that the
installed Python SDK (PyPI `durabletask`) embeds in `internal/orchestrator_service_pb2.py`.

`proto/orchestrator_service.proto` is this script's output; the test `proto_matches_python_sdk`
compiles it and checks it against the same descriptor, field for field.

Usage: python scripts/proto_from_descriptor.py > proto/orchestrator_service.proto
"""
from google.protobuf import descriptor_pb2
from durabletask.internal import orchestrator_service_pb2

F = descriptor_pb2.FieldDescriptorProto
SCALARS = {
    F.TYPE_DOUBLE: "double", F.TYPE_FLOAT: "float", F.TYPE_INT64: "int64", F.TYPE_UINT64: "uint64",
    F.TYPE_INT32: "int32", F.TYPE_FIXED64: "fixed64", F.TYPE_FIXED32: "fixed32", F.TYPE_BOOL: "bool",
    F.TYPE_STRING: "string", F.TYPE_BYTES: "bytes", F.TYPE_UINT32: "uint32", F.TYPE_SFIXED32: "sfixed32",
    F.TYPE_SFIXED64: "sfixed64", F.TYPE_SINT32: "sint32", F.TYPE_SINT64: "sint64",
}


def type_name(field):
    if field.type in SCALARS:
        return SCALARS[field.type]
    return field.type_name.lstrip(".")


def field_options(field):
    return " [deprecated = true]" if field.options.deprecated else ""


def field_line(field, maps, label=""):
    entry = maps.get(field.type_name)
    if entry is not None:
        key, value = entry.field
        kind = f"map<{type_name(key)}, {type_name(value)}>"
    else:
        kind = label + type_name(field)
    return f"{kind} {field.name} = {field.number}{field_options(field)};"


def print_message(msg, indent=""):
    maps = {}
    for nested in msg.nested_type:
        if nested.options.map_entry:
            maps[f".{msg.name}.{nested.name}"] = nested
    out = [f"{indent}message {msg.name} {{"]
    inner = indent + "    "
    for nested in msg.nested_type:
        if not nested.options.map_entry:
            out.extend(print_message(nested, inner))
    for reserved in msg.reserved_range:
        end = reserved.end - 1
        span = str(reserved.start) if end == reserved.start else f"{reserved.start} to {end}"
        out.append(f"{inner}reserved {span};")
    fields = list(msg.field)
    i = 0
    while i < len(fields):
        field = fields[i]
        if field.HasField("oneof_index") and not field.proto3_optional:
            index = field.oneof_index
            out.append(f"{inner}oneof {msg.oneof_decl[index].name} {{")
            while i < len(fields) and fields[i].HasField("oneof_index") and fields[i].oneof_index == index:
                out.append(f"{inner}    {field_line(fields[i], maps)}")
                i += 1
            out.append(f"{inner}}}")
            continue
        if field.proto3_optional:
            label = "optional "
        elif field.label == F.LABEL_REPEATED and field.type_name not in maps:
            label = "repeated "
        else:
            label = ""
        out.append(f"{inner}{field_line(field, maps, label)}")
        i += 1
    out.append(f"{indent}}}")
    return out


def print_enum(enum):
    out = [f"enum {enum.name} {{"]
    out.extend(f"    {value.name} = {value.number};" for value in enum.value)
    out.append("}")
    return out


def print_service(service):
    out = [f"service {service.name} {{"]
    for method in service.method:
        request = ("stream " if method.client_streaming else "") + method.input_type.lstrip(".")
        reply = ("stream " if method.server_streaming else "") + method.output_type.lstrip(".")
        out.append(f"    rpc {method.name}({request}) returns ({reply});")
    out.append("}")
    return out


def main():
    fd = descriptor_pb2.FileDescriptorProto.FromString(orchestrator_service_pb2.DESCRIPTOR.serialized_pb)
    lines = [
        "// The TaskHubSidecarService schema of the Durable Task protocol, rebuilt from the descriptor",
        "// shipped in the Python SDK (PyPI durabletask 1.12.0) by scripts/proto_from_descriptor.py.",
        "// Do not edit: regenerate, and the test proto_matches_python_sdk checks the result.",
        "",
        f'syntax = "{fd.syntax}";',
        "",
    ]
    options = fd.options
    if options.HasField("csharp_namespace"):
        lines.append(f'option csharp_namespace = "{options.csharp_namespace}";')
    if options.HasField("java_package"):
        lines.append(f'option java_package = "{options.java_package}";')
    if options.HasField("go_package"):
        lines.append(f'option go_package = "{options.go_package}";')
    lines.append("")
    lines.extend(f'import "{dep}";' for dep in fd.dependency)
    for enum in fd.enum_type:
        lines.append("")
        lines.extend(print_enum(enum))
    for msg in fd.message_type:
        lines.append("")
        lines.extend(print_message(msg))
    for service in fd.service:
        lines.append("")
        lines.extend(print_service(service))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
