//! The schema in `proto/` is the one the Python SDK (PyPI durabletask 1.12.0) ships, field for field.

mod common;

use std::process::Command;

use prost::Message;
use prost_types::{FileDescriptorProto, FileDescriptorSet};

/// The descriptor the Python SDK embeds, read from the installed package.
fn python_descriptor() -> FileDescriptorProto {
    let script = "import sys\n\
        from durabletask.internal import orchestrator_service_pb2 as m\n\
        sys.stdout.buffer.write(m.DESCRIPTOR.serialized_pb)\n";
    let output = Command::new(common::python())
        .args(["-c", script])
        .output()
        .expect("python runs");
    assert!(
        output.status.success(),
        "reading the Python SDK's descriptor failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    FileDescriptorProto::decode(output.stdout.as_slice()).expect("a FileDescriptorProto")
}

/// Ours, as build.rs compiled it.
fn our_descriptor() -> FileDescriptorProto {
    let set = FileDescriptorSet::decode(dts_async::proto::FILE_DESCRIPTOR_SET).expect("a set");
    set.file
        .into_iter()
        .find(|file| file.name() == "orchestrator_service.proto")
        .expect("orchestrator_service.proto in the set")
}

/// Drops what depends on the compiler rather than on the schema: the file's path, source
/// positions, and JSON names (which protoc leaves out of embedded descriptors).
fn normalise(mut file: FileDescriptorProto) -> FileDescriptorProto {
    file.name = None;
    file.source_code_info = None;
    fn strip(message: &mut prost_types::DescriptorProto) {
        for field in &mut message.field {
            field.json_name = None;
        }
        message.nested_type.iter_mut().for_each(strip);
    }
    file.message_type.iter_mut().for_each(strip);
    file
}

#[test]
fn proto_matches_python_sdk() {
    let theirs = normalise(python_descriptor());
    let ours = normalise(our_descriptor());
    assert_eq!(ours.message_type.len(), theirs.message_type.len());
    for (a, b) in ours.message_type.iter().zip(&theirs.message_type) {
        assert_eq!(a, b, "message {} differs", b.name());
    }
    assert_eq!(ours.enum_type, theirs.enum_type);
    assert_eq!(ours.service, theirs.service);
    assert_eq!(ours, theirs);
}
