//! The default chain: environment, then profile file, then CVM instance role.

use std::sync::OnceLock;

use super::{
    CredentialsError, CredentialsFuture, CvmRoleProvider, EnvProvider, ProfileProvider,
    ProvideCredentials,
};

/// Tries the environment, the profile file and the CVM instance role, in that order.
///
/// The first source that answers is kept: later calls ask it alone (and the role provider
/// refreshes its temporary credentials). When every source fails, the error lists what each
/// one was missing.
#[derive(Debug, Default)]
pub struct DefaultChain {
    env: EnvProvider,
    profile: ProfileProvider,
    cvm: CvmRoleProvider,
    chosen: OnceLock<Source>,
}

#[derive(Debug, Clone, Copy)]
enum Source {
    Env,
    Profile,
    Cvm,
}

impl DefaultChain {
    /// The chain with its standard sources.
    pub fn new() -> Self {
        Self::default()
    }

    /// The chain with explicitly configured sources (tests, non-standard paths).
    pub fn with_sources(env: EnvProvider, profile: ProfileProvider, cvm: CvmRoleProvider) -> Self {
        DefaultChain {
            env,
            profile,
            cvm,
            chosen: OnceLock::new(),
        }
    }
}

impl ProvideCredentials for DefaultChain {
    fn credentials(&self) -> CredentialsFuture<'_> {
        Box::pin(async move {
            match self.chosen.get() {
                Some(Source::Env) => return self.env.load(),
                Some(Source::Profile) => return self.profile.load(),
                Some(Source::Cvm) => return self.cvm.load().await,
                None => {}
            }
            let mut errors = Vec::with_capacity(3);
            match self.env.load() {
                Ok(c) => {
                    let _ = self.chosen.set(Source::Env);
                    return Ok(c);
                }
                Err(e) => errors.push(e),
            }
            match self.profile.load() {
                Ok(c) => {
                    let _ = self.chosen.set(Source::Profile);
                    return Ok(c);
                }
                Err(e) => errors.push(e),
            }
            match self.cvm.load().await {
                Ok(c) => {
                    let _ = self.chosen.set(Source::Cvm);
                    return Ok(c);
                }
                Err(e) => errors.push(e),
            }
            Err(CredentialsError::Chain(errors))
        })
    }
}
