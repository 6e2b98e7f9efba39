//! Bearer tokens for the Azure Durable Task Scheduler: which `azure_identity` credential to use,
//! a bounded wait for each token, and a cache that a background task refreshes before expiry.

use std::{
    fmt,
    sync::{Arc, RwLock, Weak},
    time::Duration,
};

use azure_core::credentials::TokenCredential;
use azure_identity::{
    ClientSecretCredential, DeveloperToolsCredential, ManagedIdentityCredential,
    ManagedIdentityCredentialOptions, UserAssignedId, WorkloadIdentityCredential,
    WorkloadIdentityCredentialOptions,
};
use thiserror::Error;
use tonic::metadata::{AsciiMetadataValue, MetadataValue};

/// How long the whole credential chain may take to produce a token before we give up: an offline
/// machine (no network to Entra ID, no managed identity endpoint) must fail in seconds, however
/// many credentials the chain holds.
pub const TOKEN_TIMEOUT: Duration = Duration::from_secs(10);

/// Refresh a token once fewer than this many seconds of validity remain (the .NET SDK's margin).
const REFRESH_MARGIN: Duration = Duration::from_secs(5 * 60);

/// Wait this long before trying again after a failed refresh; the old token stays in use meanwhile.
const RETRY_AFTER_FAILURE: Duration = Duration::from_secs(30);

/// The resource whose `/.default` scope DTS tokens are issued for.
pub const DEFAULT_RESOURCE: &str = "https://durabletask.io";

/// How calls authenticate.
#[derive(Debug, Clone, PartialEq, Eq, clap::ValueEnum)]
pub enum AuthMode {
    /// No `authorization` header (the emulator and the embedded scheduler).
    None,
    /// Environment service principal, workload identity, developer tools (Azure CLI, azd),
    /// then managed identity: the first one that yields a token.
    Default,
    /// The Azure CLI's or Azure Developer CLI's signed-in account.
    Cli,
    /// The managed identity of the Azure host (system-assigned, or user-assigned by client id).
    ManagedIdentity,
    /// Kubernetes workload identity (`AZURE_FEDERATED_TOKEN_FILE`, `AZURE_TENANT_ID`, `AZURE_CLIENT_ID`).
    WorkloadIdentity,
    /// A service principal secret (`AZURE_TENANT_ID`, `AZURE_CLIENT_ID`, `AZURE_CLIENT_SECRET`).
    ClientSecret,
}

/// Why no token could be had.
#[derive(Debug, Error)]
pub enum AuthError {
    /// A credential could not be built from the settings given.
    #[error("cannot set up {mode} authentication: {detail}")]
    Setup {
        /// The credential kind.
        mode: &'static str,
        /// What was missing or wrong.
        detail: String,
    },
    /// Every credential tried failed or timed out.
    #[error(
        "could not get an access token for {scope}: {detail}. Sign in (for example `az login`), or choose another method with --auth"
    )]
    NoToken {
        /// The scope asked for.
        scope: String,
        /// What each credential said.
        detail: String,
    },
}

/// A token credential chain with the scope it asks for.
#[derive(Clone)]
pub struct TokenProvider {
    sources: Vec<(&'static str, Arc<dyn TokenCredential>)>,
    scope: String,
}

impl fmt::Debug for TokenProvider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<_> = self.sources.iter().map(|(name, _)| *name).collect();
        f.debug_struct("TokenProvider")
            .field("sources", &names)
            .field("scope", &self.scope)
            .finish()
    }
}

/// The scope for a resource, normalised as the Python SDK does: surrounding white space, a
/// trailing `/` and a trailing `/.default` are removed before `/.default` is added.
pub fn scope_for(resource: &str) -> String {
    let trimmed = resource.trim().trim_end_matches('/');
    let base = trimmed.strip_suffix("/.default").unwrap_or(trimmed);
    format!("{}/.default", base.trim_end_matches('/'))
}

impl TokenProvider {
    /// Builds the credentials for `mode`; `None` when the mode is [`AuthMode::None`].
    pub fn new(
        mode: &AuthMode,
        client_id: Option<&str>,
        tenant_id: Option<&str>,
        resource: &str,
    ) -> Result<Option<Self>, AuthError> {
        if *mode == AuthMode::None {
            return Ok(None);
        }
        install_crypto_provider();
        let sources = match mode {
            AuthMode::None => return Ok(None),
            AuthMode::Cli => vec![developer_tools()?],
            AuthMode::ManagedIdentity => vec![managed_identity(client_id)?],
            AuthMode::WorkloadIdentity => vec![workload_identity(client_id, tenant_id)?],
            AuthMode::ClientSecret => vec![client_secret(client_id, tenant_id)?],
            AuthMode::Default => default_chain(client_id, tenant_id)?,
        };
        Ok(Some(Self {
            sources,
            scope: scope_for(resource),
        }))
    }

    /// Asks each credential in turn, all within [`TOKEN_TIMEOUT`] together, and returns the first
    /// token as an `authorization` header value with the time it stops being valid.
    pub async fn fetch(&self) -> Result<(AsciiMetadataValue, Duration), AuthError> {
        let mut failures = Vec::new();
        let scopes = [self.scope.as_str()];
        let deadline = tokio::time::Instant::now() + TOKEN_TIMEOUT;
        for (name, credential) in &self.sources {
            if tokio::time::Instant::now() >= deadline {
                failures.push(format!("{name}: not tried, out of time"));
                continue;
            }
            let attempt = credential.get_token(&scopes, None);
            match tokio::time::timeout_at(deadline, attempt).await {
                Ok(Ok(token)) => {
                    let header =
                        MetadataValue::try_from(format!("Bearer {}", token.token.secret()))
                            .map_err(|_| AuthError::NoToken {
                                scope: self.scope.clone(),
                                detail: format!(
                                    "{name} returned a token that is not valid header text"
                                ),
                            })?;
                    let remaining = token.expires_on - azure_core::time::OffsetDateTime::now_utc();
                    let valid_for = Duration::from_secs(remaining.whole_seconds().max(0) as u64);
                    return Ok((header, valid_for));
                }
                Ok(Err(err)) => failures.push(format!("{name}: {}", first_line(&err.to_string()))),
                Err(_) => failures.push(format!(
                    "{name}: no answer before the {} s limit",
                    TOKEN_TIMEOUT.as_secs()
                )),
            }
        }
        Err(AuthError::NoToken {
            scope: self.scope.clone(),
            detail: failures.join("; "),
        })
    }
}

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or(text)
}

fn setup(mode: &'static str) -> impl Fn(azure_core::Error) -> AuthError {
    move |err| AuthError::Setup {
        mode,
        detail: first_line(&err.to_string()).to_owned(),
    }
}

type Source = (&'static str, Arc<dyn TokenCredential>);

fn developer_tools() -> Result<Source, AuthError> {
    let credential = DeveloperToolsCredential::new(None).map_err(setup("developer tools"))?;
    Ok(("developer tools (az, azd)", credential))
}

fn managed_identity(client_id: Option<&str>) -> Result<Source, AuthError> {
    let options = ManagedIdentityCredentialOptions {
        user_assigned_id: client_id.map(|id| UserAssignedId::ClientId(id.to_owned())),
        ..Default::default()
    };
    let credential =
        ManagedIdentityCredential::new(Some(options)).map_err(setup("managed identity"))?;
    Ok(("managed identity", credential))
}

fn workload_identity(
    client_id: Option<&str>,
    tenant_id: Option<&str>,
) -> Result<Source, AuthError> {
    let options = WorkloadIdentityCredentialOptions {
        client_id: client_id.map(str::to_owned),
        tenant_id: tenant_id.map(str::to_owned),
        ..Default::default()
    };
    let credential =
        WorkloadIdentityCredential::new(Some(options)).map_err(setup("workload identity"))?;
    Ok(("workload identity", credential))
}

fn client_secret(client_id: Option<&str>, tenant_id: Option<&str>) -> Result<Source, AuthError> {
    let missing = |name: &str| AuthError::Setup {
        mode: "client secret",
        detail: format!("{name} is not set"),
    };
    let env = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    let tenant = tenant_id
        .map(str::to_owned)
        .or_else(|| env("AZURE_TENANT_ID"))
        .ok_or_else(|| missing("AZURE_TENANT_ID"))?;
    let client = client_id
        .map(str::to_owned)
        .or_else(|| env("AZURE_CLIENT_ID"))
        .ok_or_else(|| missing("AZURE_CLIENT_ID"))?;
    let secret = env("AZURE_CLIENT_SECRET").ok_or_else(|| missing("AZURE_CLIENT_SECRET"))?;
    let credential = ClientSecretCredential::new(&tenant, client, secret.into(), None)
        .map_err(setup("client secret"))?;
    Ok(("client secret", credential))
}

fn default_chain(
    client_id: Option<&str>,
    tenant_id: Option<&str>,
) -> Result<Vec<Source>, AuthError> {
    let mut chain = Vec::new();
    if std::env::var_os("AZURE_CLIENT_SECRET").is_some() {
        chain.push(client_secret(client_id, tenant_id)?);
    }
    if std::env::var_os("AZURE_FEDERATED_TOKEN_FILE").is_some() {
        chain.push(workload_identity(client_id, tenant_id)?);
    }
    chain.push(developer_tools()?);
    chain.push(managed_identity(client_id)?);
    Ok(chain)
}

/// The current `authorization` header, shared by every call on a connection and kept fresh by a
/// background task for as long as any connection holds it.
#[derive(Clone)]
pub struct BearerToken {
    header: Arc<RwLock<AsciiMetadataValue>>,
}

impl fmt::Debug for BearerToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("BearerToken(..)")
    }
}

impl BearerToken {
    /// Fetches the first token (failing within the provider's bound) and starts its refresher.
    pub async fn start(provider: TokenProvider) -> Result<Self, AuthError> {
        let (header, valid_for) = provider.fetch().await?;
        let token = Self {
            header: Arc::new(RwLock::new(header)),
        };
        tokio::spawn(refresh(provider, Arc::downgrade(&token.header), valid_for));
        Ok(token)
    }

    /// The header value to send now.
    pub fn header(&self) -> AsciiMetadataValue {
        match self.header.read() {
            Ok(header) => header.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }
}

async fn refresh(
    provider: TokenProvider,
    header: Weak<RwLock<AsciiMetadataValue>>,
    mut valid_for: Duration,
) {
    loop {
        let wait = valid_for
            .saturating_sub(REFRESH_MARGIN)
            .max(Duration::from_secs(1));
        tokio::time::sleep(wait).await;
        let Some(cell) = header.upgrade() else { return };
        match provider.fetch().await {
            Ok((fresh, fresh_valid_for)) => {
                if let Ok(mut slot) = cell.write() {
                    *slot = fresh;
                }
                valid_for = fresh_valid_for;
            }
            Err(err) => {
                tracing::warn!(
                    "token refresh failed, retrying in {}s: {err}",
                    RETRY_AFTER_FAILURE.as_secs()
                );
                valid_for = REFRESH_MARGIN + RETRY_AFTER_FAILURE;
            }
        }
    }
}

/// Makes ring the process's rustls provider, which HTTPS clients (token requests, the demo's
/// HTTP calls) need: the crate builds rustls with ring only. Calling it again is harmless.
pub fn install_crypto_provider() {
    let _ = rustls::crypto::ring::default_provider().install_default();
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicU32, Ordering};

    use azure_core::{
        credentials::{AccessToken, TokenRequestOptions},
        time::OffsetDateTime,
    };

    use super::*;

    /// A credential that never answers, as one whose endpoint is unreachable.
    #[derive(Debug)]
    struct Silent;

    #[async_trait::async_trait]
    impl TokenCredential for Silent {
        async fn get_token(
            &self,
            _: &[&str],
            _: Option<TokenRequestOptions<'_>>,
        ) -> azure_core::Result<AccessToken> {
            std::future::pending().await
        }
    }

    /// A credential that issues `t1`, `t2`, ... each valid for `lifetime`.
    #[derive(Debug)]
    struct Counting {
        issued: AtomicU32,
        lifetime: Duration,
    }

    #[async_trait::async_trait]
    impl TokenCredential for Counting {
        async fn get_token(
            &self,
            _: &[&str],
            _: Option<TokenRequestOptions<'_>>,
        ) -> azure_core::Result<AccessToken> {
            let n = self.issued.fetch_add(1, Ordering::SeqCst) + 1;
            let expires_on = OffsetDateTime::now_utc() + self.lifetime;
            Ok(AccessToken::new(format!("t{n}"), expires_on))
        }
    }

    fn provider(sources: Vec<Source>) -> TokenProvider {
        TokenProvider {
            sources,
            scope: scope_for(DEFAULT_RESOURCE),
        }
    }

    #[tokio::test(start_paused = true)]
    async fn a_chain_that_never_answers_fails_within_the_limit_for_the_whole_chain() {
        let chain = provider(vec![
            ("first", Arc::new(Silent) as Arc<dyn TokenCredential>),
            ("second", Arc::new(Silent)),
        ]);
        let began = tokio::time::Instant::now();
        let err = chain.fetch().await.expect_err("no token");
        assert_eq!(began.elapsed(), TOKEN_TIMEOUT, "one limit for the chain");
        let message = err.to_string();
        assert!(
            message.contains("first: no answer before the 10 s limit"),
            "{message}"
        );
        assert!(
            message.contains("second: not tried, out of time"),
            "{message}"
        );
        assert!(message.contains("az login"), "says what to do: {message}");
    }

    #[tokio::test(start_paused = true)]
    async fn the_cached_token_is_replaced_before_it_expires() {
        let credential = Arc::new(Counting {
            issued: AtomicU32::new(0),
            lifetime: REFRESH_MARGIN + Duration::from_secs(100),
        });
        let source = Arc::clone(&credential) as Arc<dyn TokenCredential>;
        let token = BearerToken::start(provider(vec![("counting", source)]))
            .await
            .expect("a token");
        assert_eq!(token.header(), "Bearer t1");
        tokio::time::sleep(Duration::from_secs(90)).await;
        assert_eq!(
            token.header(),
            "Bearer t1",
            "still fresh: served from the cache"
        );
        assert_eq!(credential.issued.load(Ordering::SeqCst), 1);
        tokio::time::sleep(Duration::from_secs(20)).await;
        assert_eq!(token.header(), "Bearer t2", "refreshed ahead of expiry");
    }

    #[test]
    fn scopes_are_normalised_like_the_python_sdk() {
        assert_eq!(
            scope_for(DEFAULT_RESOURCE),
            "https://durabletask.io/.default"
        );
        assert_eq!(scope_for(" https://x.io/ "), "https://x.io/.default");
        assert_eq!(scope_for("https://x.io/.default"), "https://x.io/.default");
    }
}
