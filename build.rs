//! Compiles `proto/` into Rust with a pure-Rust protobuf compiler (no `protoc` needed), and keeps
//! the compiled descriptor set so the crate can check its schema against peers.

use std::{env, fs, path::PathBuf};

use prost::Message;

const PROTO: &str = "proto/orchestrator_service.proto";

fn main() -> Result<(), Box<dyn std::error::Error>> {
    println!("cargo:rerun-if-changed={PROTO}");
    let descriptors = protox::compile([PROTO], ["proto"])?;
    let out_dir = PathBuf::from(env::var("OUT_DIR")?);
    fs::write(
        out_dir.join("orchestrator_service.fds"),
        descriptors.encode_to_vec(),
    )?;
    tonic_prost_build::configure()
        .build_client(true)
        .build_server(true)
        .compile_fds(descriptors)?;
    Ok(())
}
