//! The default chain: environment, profile file, tccli's files, TKE OIDC web identity (in
//! TKE pods), then the CVM instance role.

use std::sync::OnceLock;

use super::web_identity::{WebIdentityConfig, WebIdentityProvider};
use super::{
    CredentialsError, CredentialsFuture, CvmRoleProvider, EnvProvider, ProfileProvider,
    ProvideCredentials, TccliProvider,
};

/// Tries each source in order: the environment, the profile file, tccli's files, TKE OIDC
/// web identity (only when a `TKE_*` variable is set), the CVM instance role.
///
/// The first source that answers is kept: later calls ask it alone (temporary credentials
/// refresh themselves). When every source fails, the error lists what each one lacked.
#[derive(Debug)]
pub struct DefaultChain {
    sources: ChainSources,
    chosen: OnceLock<usize>,
}

/// The sources of a [`DefaultChain`], for chains with non-standard paths or endpoints.
#[derive(Debug, Default)]
pub struct ChainSources {
    /// `TENCENTCLOUD_SECRET_ID`, `TENCENTCLOUD_SECRET_KEY`, `TENCENTCLOUD_TOKEN`.
    pub env: EnvProvider,
    /// The profile file.
    pub profile: ProfileProvider,
    /// tccli's files.
    pub tccli: TccliProvider,
    /// TKE OIDC, or why it was not configured (`None`: no `TKE_*` variable is set).
    pub web_identity: Option<Result<WebIdentityProvider, CredentialsError>>,
    /// The CVM instance role.
    pub cvm: CvmRoleProvider,
}

impl ChainSources {
    /// The standard sources, with TKE OIDC configured from the environment when any
    /// `TKE_*` variable is set.
    pub fn standard() -> Self {
        ChainSources {
            web_identity: WebIdentityConfig::env_present().then(WebIdentityProvider::from_env),
            ..Self::default()
        }
    }
}

impl Default for DefaultChain {
    fn default() -> Self {
        Self::new()
    }
}

impl DefaultChain {
    /// The chain with its standard sources.
    pub fn new() -> Self {
        Self::with_sources(ChainSources::standard())
    }

    /// The chain with explicitly configured sources (tests, non-standard paths).
    pub fn with_sources(sources: ChainSources) -> Self {
        DefaultChain {
            sources,
            chosen: OnceLock::new(),
        }
    }

    /// Asks source number `index`; `None` past the last one.
    async fn ask(&self, index: usize) -> Option<Result<super::Credentials, CredentialsError>> {
        let sources = &self.sources;
        Some(match index {
            0 => sources.env.load(),
            1 => sources.profile.load().await,
            2 => sources.tccli.load().await,
            3 => match &sources.web_identity {
                Some(Ok(provider)) => provider.load().await,
                Some(Err(error)) => Err(error.clone()),
                None => Err(CredentialsError::Missing {
                    source: "TKE OIDC web identity",
                    reason: "not in a TKE pod (no TKE_* variable is set)".to_owned(),
                }),
            },
            4 => sources.cvm.load().await,
            _ => return None,
        })
    }
}

impl ProvideCredentials for DefaultChain {
    fn credentials(&self) -> CredentialsFuture<'_> {
        Box::pin(async move {
            if let Some(&index) = self.chosen.get()
                && let Some(result) = self.ask(index).await
            {
                return result;
            }
            let mut errors = Vec::with_capacity(5);
            let mut index = 0;
            while let Some(result) = self.ask(index).await {
                match result {
                    Ok(credentials) => {
                        let _ = self.chosen.set(index);
                        return Ok(credentials);
                    }
                    Err(error) => errors.push(error),
                }
                index += 1;
            }
            Err(CredentialsError::Chain(errors))
        })
    }
}
