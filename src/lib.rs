//! `dts-async`: the asynchronous request-reply pattern on the Durable Task protocol.
//!
//! The library speaks the gRPC protocol of the Azure Durable Task Scheduler
//! (`TaskHubSidecarService`), so everything here works against the managed service, its emulator,
//! any Durable Task peer, and the embedded scheduler.
//!
//! - [`connection`] and [`auth`]: where the endpoint is and how calls authenticate.
//! - [`client`]: start, read, wait for, query and control orchestration instances.
//! - [`limits`]: the id and payload limits every entry point enforces.
//! - [`proto`]: the wire types.
//! - [`scheduler`]: the embedded scheduler (`serve-scheduler`), a durable server of the protocol.
//! - [`cli`]: the command line of the `dts-async` binary.
//! - [`api`]: the HTTP front door (`serve-api`).
//! - [`worker`]: the Durable Task worker SDK (replay engine, orchestration context, worker loop).
//! - [`operation`]: the async-operation orchestration and activity that `serve-worker` hosts.
//! - [`bench`]: throughput and latency of an endpoint under standard workloads.

#![warn(missing_docs)]

pub mod api;
pub mod auth;
pub mod bench;
pub mod cli;
pub mod client;
pub mod connection;
pub mod limits;
pub mod operation;
pub mod proto;
pub mod scheduler;
pub mod worker;
