//! Turns a [`CredentialSource`] into the runtime's credential provider: keys as given, the CVM
//! role, STS AssumeRole for `--role-arn`, or the TKE pod's OIDC token (AssumeRoleWithWebIdentity).

use std::sync::Arc;

use tc_runtime::{
    AssumeRoleProvider, Credentials, CvmRoleProvider, ProvideCredentials, WebIdentityProvider,
};

use crate::config::{CredentialSource, Settings};
use crate::error::Failure;

/// The provider that signs this command's calls.
pub fn provider(settings: &Settings) -> Result<Arc<dyn ProvideCredentials>, Failure> {
    let invalid = |e: tc_runtime::CredentialsError| Failure::other(e.to_string());
    let unbuildable = |e: tc_runtime::BuildError| Failure::other(e.to_string());
    Ok(match &settings.credentials {
        CredentialSource::Keys {
            secret_id,
            secret_key,
            token,
        } => Arc::new(
            match token {
                Some(token) => Credentials::temporary(secret_id, secret_key, token),
                None => Credentials::new(secret_id, secret_key),
            }
            .map_err(invalid)?,
        ),
        CredentialSource::CvmRole => Arc::new(CvmRoleProvider::new()),
        CredentialSource::Role {
            secret_id,
            secret_key,
            role_arn,
            session_name,
        } => {
            let keys = Credentials::new(secret_id, secret_key).map_err(invalid)?;
            let mut builder = AssumeRoleProvider::builder(role_arn).session_name(session_name);
            if let Some(region) = &settings.region {
                builder = builder.region(region);
            }
            if let Some(host) = &settings.sts_endpoint {
                let (url, _) = crate::call::target(host)?;
                builder = builder.endpoint(&url).map_err(unbuildable)?;
            }
            Arc::new(builder.build(Arc::new(keys)).map_err(unbuildable)?)
        }
        CredentialSource::TkeOidc => Arc::new(WebIdentityProvider::from_env().map_err(invalid)?),
        CredentialSource::Missing(reason) => return Err(Failure::other(reason.clone())),
    })
}
