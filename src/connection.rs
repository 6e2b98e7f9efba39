//! Where and how to reach a Durable Task endpoint: endpoint and connection-string parsing, TLS, and
//! the metadata every call carries (`taskhub`, `x-user-agent`, `workerid`, `authorization`).

use std::time::Duration;

use thiserror::Error;
use tonic::{
    Request, Status,
    codegen::http::Uri,
    metadata::AsciiMetadataValue,
    service::{Interceptor, interceptor::InterceptedService},
    transport::{Channel, ClientTlsConfig},
};

use crate::{
    auth::{AuthError, AuthMode, BearerToken, DEFAULT_RESOURCE, TokenProvider},
    proto::task_hub_sidecar_service_client::TaskHubSidecarServiceClient,
};

/// The endpoint used when none is given: the emulator's (and our embedded scheduler's) address.
pub const DEFAULT_ENDPOINT: &str = "http://localhost:8080";

/// The task hub used when none is given.
pub const DEFAULT_TASKHUB: &str = "default";

/// How long to wait for a TCP (and TLS) connection before reporting the endpoint unreachable.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// Largest message accepted from a peer. Payloads are capped at 1 MiB each, but a work item
/// carries a whole history, so leave ample room.
pub const MAX_MESSAGE_BYTES: usize = 64 * 1024 * 1024;

/// The gRPC client of `TaskHubSidecarService` with our call metadata on every request.
pub type SidecarClient = TaskHubSidecarServiceClient<InterceptedService<Channel, CallMetadata>>;

/// Why a connection could not be set up.
#[derive(Debug, Error)]
pub enum ConnectionError {
    /// The endpoint text cannot be used.
    #[error("invalid endpoint {endpoint:?}: {reason}")]
    InvalidEndpoint {
        /// The text given.
        endpoint: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The connection string cannot be used.
    #[error("invalid connection string: {0}")]
    InvalidConnectionString(String),
    /// The task hub name cannot be sent as metadata.
    #[error("invalid task hub name {0:?}: use printable ASCII")]
    InvalidTaskHub(String),
    /// Nothing answered at the endpoint.
    #[error(
        "cannot reach {endpoint}: {detail}. Is a scheduler running there? (start one with `dts-async serve-scheduler`, or set --endpoint / ENDPOINT)"
    )]
    Unreachable {
        /// The endpoint as given.
        endpoint: String,
        /// What the transport said.
        detail: String,
    },
    /// No token could be had.
    #[error(transparent)]
    Auth(#[from] AuthError),
}

/// A parsed endpoint: the URI to dial and whether it uses TLS.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoint {
    /// The endpoint as the user wrote it, for messages.
    pub display: String,
    /// `http://host:port` or `https://host:port`.
    pub uri: String,
    /// Whether the channel uses TLS.
    pub tls: bool,
}

impl Endpoint {
    /// Parses an endpoint: `http://` and `grpc://` mean plaintext, `https://` and `grpcs://` mean
    /// TLS, and no scheme means TLS (as the DTS SDKs do). A TLS endpoint without a port uses 443;
    /// a plaintext one must name its port.
    pub fn parse(text: &str) -> Result<Self, ConnectionError> {
        let invalid = |reason: &str| ConnectionError::InvalidEndpoint {
            endpoint: text.to_owned(),
            reason: reason.to_owned(),
        };
        let trimmed = text.trim();
        let (tls, rest) = match trimmed.split_once("://") {
            Some((scheme, rest)) => match scheme.to_ascii_lowercase().as_str() {
                "http" | "grpc" => (false, rest),
                "https" | "grpcs" => (true, rest),
                _ => return Err(invalid("the scheme must be http, grpc, https or grpcs")),
            },
            None => (true, trimmed),
        };
        let authority = rest.trim_end_matches('/');
        if authority.is_empty() || authority.contains('/') {
            return Err(invalid("expected scheme://host[:port] with no path"));
        }
        let scheme = if tls { "https" } else { "http" };
        let uri: Uri = format!("{scheme}://{authority}")
            .parse()
            .map_err(|_| invalid("the host is not valid"))?;
        let host = uri.host().ok_or_else(|| invalid("the host is missing"))?;
        let port = match (uri.port_u16(), tls) {
            (Some(port), _) => port,
            (None, true) => 443,
            (None, false) => {
                return Err(invalid(
                    "a plaintext endpoint must name its port, for example http://localhost:8080",
                ));
            }
        };
        Ok(Self {
            display: trimmed.to_owned(),
            uri: format!("{scheme}://{host}:{port}"),
            tls,
        })
    }
}

/// The fields of a DTS connection string:
/// `Endpoint=...;TaskHub=...;Authentication=...;ClientID=...;TenantId=...`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConnectionString {
    /// `Endpoint`.
    pub endpoint: Option<String>,
    /// `TaskHub`.
    pub taskhub: Option<String>,
    /// `Authentication`, mapped to our modes.
    pub auth: Option<AuthMode>,
    /// `ClientID`, for a user-assigned managed identity, workload identity or a service principal.
    pub client_id: Option<String>,
    /// `TenantId`.
    pub tenant_id: Option<String>,
}

impl ConnectionString {
    /// Parses a connection string; keys are case-insensitive, unknown keys are an error so that
    /// typos do not pass silently.
    pub fn parse(text: &str) -> Result<Self, ConnectionError> {
        let mut parsed = Self::default();
        for part in text.split(';').map(str::trim).filter(|p| !p.is_empty()) {
            let (key, value) = part.split_once('=').ok_or_else(|| {
                ConnectionError::InvalidConnectionString(format!("{part:?} is not Key=Value"))
            })?;
            let value = value.trim().to_owned();
            match key.trim().to_ascii_lowercase().as_str() {
                "endpoint" => parsed.endpoint = Some(value),
                "taskhub" => parsed.taskhub = Some(value),
                "authentication" => parsed.auth = Some(auth_mode_from_dts(&value)?),
                "clientid" => parsed.client_id = Some(value),
                "tenantid" => parsed.tenant_id = Some(value),
                other => {
                    return Err(ConnectionError::InvalidConnectionString(format!(
                        "unknown key {other:?} (known: Endpoint, TaskHub, Authentication, ClientID, TenantId)"
                    )));
                }
            }
        }
        Ok(parsed)
    }
}

fn auth_mode_from_dts(value: &str) -> Result<AuthMode, ConnectionError> {
    Ok(match value.to_ascii_lowercase().as_str() {
        "none" => AuthMode::None,
        "defaultazure" => AuthMode::Default,
        "managedidentity" => AuthMode::ManagedIdentity,
        "workloadidentity" => AuthMode::WorkloadIdentity,
        "azurecli" | "azuredevelopercli" => AuthMode::Cli,
        "environment" | "clientsecret" => AuthMode::ClientSecret,
        _ => {
            return Err(ConnectionError::InvalidConnectionString(format!(
                "Authentication={value} is not supported; use None, DefaultAzure, ManagedIdentity, \
                 WorkloadIdentity, AzureCli or Environment"
            )));
        }
    })
}

/// What the user said about the connection, from flags, environment and connection string.
#[derive(Debug, Clone, Default)]
pub struct ConnectionSettings {
    /// `--endpoint` / `ENDPOINT`.
    pub endpoint: Option<String>,
    /// `--taskhub` / `TASKHUB`.
    pub taskhub: Option<String>,
    /// `--connection-string` / `DURABLE_TASK_SCHEDULER_CONNECTION_STRING`.
    pub connection_string: Option<String>,
    /// `--auth`.
    pub auth: Option<AuthMode>,
    /// Client id of a user-assigned identity or service principal.
    pub client_id: Option<String>,
    /// The token resource (scope without `/.default`); DTS's by default.
    pub token_resource: Option<String>,
}

impl ConnectionSettings {
    /// The settings the environment gives, as the commands read it: `ENDPOINT`, `TASKHUB`,
    /// `DURABLE_TASK_SCHEDULER_CONNECTION_STRING`, `AZURE_CLIENT_ID` and `DTS_TOKEN_RESOURCE`
    /// (empty values count as unset). Authentication follows the connection string, or the
    /// endpoint's default.
    pub fn from_env() -> Self {
        let env = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
        Self {
            endpoint: env("ENDPOINT"),
            taskhub: env("TASKHUB"),
            connection_string: env("DURABLE_TASK_SCHEDULER_CONNECTION_STRING"),
            auth: None,
            client_id: env("AZURE_CLIENT_ID"),
            token_resource: env("DTS_TOKEN_RESOURCE"),
        }
    }
}

/// A connection ready to dial: endpoint, task hub and authentication resolved.
#[derive(Debug)]
pub struct Connection {
    endpoint: Endpoint,
    taskhub: String,
    tokens: Option<TokenProvider>,
}

impl Connection {
    /// Resolves the settings. Explicit flags win over the connection string. Authentication
    /// defaults to none for plaintext endpoints and to the default chain for TLS ones.
    pub fn resolve(settings: ConnectionSettings) -> Result<Self, ConnectionError> {
        let from_string = match &settings.connection_string {
            Some(text) => ConnectionString::parse(text)?,
            None => ConnectionString::default(),
        };
        let endpoint_text = settings
            .endpoint
            .or(from_string.endpoint)
            .unwrap_or_else(|| DEFAULT_ENDPOINT.to_owned());
        let endpoint = Endpoint::parse(&endpoint_text)?;
        let taskhub = settings
            .taskhub
            .or(from_string.taskhub)
            .unwrap_or_else(|| DEFAULT_TASKHUB.to_owned());
        if taskhub.is_empty() || AsciiMetadataValue::try_from(taskhub.as_str()).is_err() {
            return Err(ConnectionError::InvalidTaskHub(taskhub));
        }
        let auth = settings
            .auth
            .or(from_string.auth)
            .unwrap_or(if endpoint.tls {
                AuthMode::Default
            } else {
                AuthMode::None
            });
        let client_id = settings.client_id.or(from_string.client_id);
        let resource = settings
            .token_resource
            .unwrap_or_else(|| default_resource().to_owned());
        let tokens = TokenProvider::new(
            &auth,
            client_id.as_deref(),
            from_string.tenant_id.as_deref(),
            &resource,
        )?;
        Ok(Self {
            endpoint,
            taskhub,
            tokens,
        })
    }

    /// The endpoint, for messages.
    pub fn endpoint(&self) -> &Endpoint {
        &self.endpoint
    }

    /// The task hub every call names.
    pub fn taskhub(&self) -> &str {
        &self.taskhub
    }

    /// Dials the endpoint (bounded by [`CONNECT_TIMEOUT`]), gets the first token if
    /// authentication is on, and returns a client whose calls carry our metadata. `worker_id` is
    /// sent as `workerid` by workers.
    pub async fn connect(&self, worker_id: Option<&str>) -> Result<SidecarClient, ConnectionError> {
        let channel = self.channel().await?;
        let bearer = match &self.tokens {
            Some(provider) => Some(BearerToken::start(provider.clone()).await?),
            None => None,
        };
        let metadata = CallMetadata {
            taskhub: ascii(&self.taskhub),
            user_agent: ascii(&format!("dts-async/{}", env!("CARGO_PKG_VERSION"))),
            worker_id: worker_id.map(ascii),
            bearer,
        };
        Ok(
            TaskHubSidecarServiceClient::with_interceptor(channel, metadata)
                .max_decoding_message_size(MAX_MESSAGE_BYTES)
                .max_encoding_message_size(MAX_MESSAGE_BYTES),
        )
    }

    async fn channel(&self) -> Result<Channel, ConnectionError> {
        let unreachable = |detail: String| ConnectionError::Unreachable {
            endpoint: self.endpoint.display.clone(),
            detail,
        };
        let mut endpoint = tonic::transport::Endpoint::from_shared(self.endpoint.uri.clone())
            .map_err(|err| unreachable(err.to_string()))?
            .connect_timeout(CONNECT_TIMEOUT)
            .tcp_nodelay(true)
            .http2_keep_alive_interval(Duration::from_secs(30))
            .keep_alive_while_idle(true);
        if self.endpoint.tls {
            endpoint = endpoint
                .tls_config(ClientTlsConfig::new().with_native_roots())
                .map_err(|err| unreachable(err.to_string()))?;
        }
        endpoint
            .connect()
            .await
            .map_err(|err| unreachable(transport_detail(&err)))
    }
}

/// The innermost cause of a transport error: "Connection refused (os error 111)" says more than
/// "transport error".
fn transport_detail(err: &(dyn std::error::Error + 'static)) -> String {
    let mut cause = err;
    while let Some(next) = cause.source() {
        cause = next;
    }
    cause.to_string()
}

fn default_resource() -> &'static str {
    // Sovereign clouds use their own resource, as the Python SDK decides from REGION_NAME.
    match std::env::var("REGION_NAME") {
        Ok(region) if region.starts_with("usgov") || region.starts_with("usdod") => {
            "https://durabletask.azure.us"
        }
        _ => DEFAULT_RESOURCE,
    }
}

/// Header text we built ourselves from validated parts; anything else is replaced, not panicked on.
fn ascii(text: &str) -> AsciiMetadataValue {
    AsciiMetadataValue::try_from(text)
        .unwrap_or_else(|_| AsciiMetadataValue::from_static("invalid"))
}

/// The metadata interceptor: adds `taskhub`, `x-user-agent`, `workerid` and `authorization`.
#[derive(Clone, Debug)]
pub struct CallMetadata {
    taskhub: AsciiMetadataValue,
    user_agent: AsciiMetadataValue,
    worker_id: Option<AsciiMetadataValue>,
    bearer: Option<BearerToken>,
}

impl Interceptor for CallMetadata {
    fn call(&mut self, mut request: Request<()>) -> Result<Request<()>, Status> {
        let metadata = request.metadata_mut();
        metadata.insert("taskhub", self.taskhub.clone());
        metadata.insert("x-user-agent", self.user_agent.clone());
        if let Some(worker_id) = &self.worker_id {
            metadata.insert("workerid", worker_id.clone());
        }
        if let Some(bearer) = &self.bearer {
            metadata.insert("authorization", bearer.header());
        }
        Ok(request)
    }
}

/// A worker id in the DTS form `<hostname>:<pid>:<uuid>`.
pub fn new_worker_id() -> String {
    let host = std::env::var("HOSTNAME")
        .ok()
        .filter(|h| !h.is_empty())
        .or_else(|| std::fs::read_to_string("/etc/hostname").ok())
        .map(|h| h.trim().to_owned())
        .unwrap_or_else(|| "localhost".to_owned());
    format!(
        "{host}:{}:{}",
        std::process::id(),
        uuid::Uuid::new_v4().simple()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoints() {
        let plain = Endpoint::parse("http://localhost:8080").unwrap();
        assert_eq!(
            (plain.uri.as_str(), plain.tls),
            ("http://localhost:8080", false)
        );
        let grpc = Endpoint::parse("grpc://127.0.0.1:4001/").unwrap();
        assert_eq!(grpc.uri, "http://127.0.0.1:4001");
        let tls = Endpoint::parse("https://my.westus.durabletask.io").unwrap();
        assert_eq!(
            (tls.uri.as_str(), tls.tls),
            ("https://my.westus.durabletask.io:443", true)
        );
        assert!(Endpoint::parse("grpcs://h:9443").unwrap().tls);
        assert!(Endpoint::parse("no-scheme.example:443").unwrap().tls);
        assert!(Endpoint::parse("http://localhost").is_err());
        assert!(Endpoint::parse("ftp://x:1").is_err());
        assert!(Endpoint::parse("http://x:1/path").is_err());
    }

    #[test]
    fn connection_strings() {
        let parsed = ConnectionString::parse(
            "Endpoint=http://localhost:8080;Authentication=None;TaskHub=default",
        )
        .unwrap();
        assert_eq!(parsed.endpoint.as_deref(), Some("http://localhost:8080"));
        assert_eq!(parsed.taskhub.as_deref(), Some("default"));
        assert_eq!(parsed.auth, Some(AuthMode::None));
        let mi = ConnectionString::parse(
            "Endpoint=https://x.durabletask.io;Authentication=ManagedIdentity;ClientID=abc;TaskHub=h",
        )
        .unwrap();
        assert_eq!(mi.auth, Some(AuthMode::ManagedIdentity));
        assert_eq!(mi.client_id.as_deref(), Some("abc"));
        assert!(ConnectionString::parse("Endpoint=x;Bogus=1").is_err());
        assert!(ConnectionString::parse("Authentication=Telepathy").is_err());
    }

    #[test]
    fn flags_win_and_auth_follows_tls() {
        let settings = ConnectionSettings {
            endpoint: Some("http://127.0.0.1:9".into()),
            connection_string: Some("Endpoint=https://x.io;TaskHub=hub".into()),
            ..Default::default()
        };
        let connection = Connection::resolve(settings).unwrap();
        assert_eq!(connection.endpoint().uri, "http://127.0.0.1:9");
        assert_eq!(connection.taskhub(), "hub");
        assert!(connection.tokens.is_none());
    }
}
