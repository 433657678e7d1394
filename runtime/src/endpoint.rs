//! Where requests go: the global host, a regional host, or any base URL.

use std::fmt;

use reqwest::Url;

use crate::error::BuildError;

/// The domain suffix of Tencent Cloud API 3.0 hosts.
pub const DOMAIN: &str = "tencentcloudapi.com";

/// The endpoint requests are sent to.
#[derive(Clone, PartialEq, Eq)]
pub struct Endpoint(Kind);

#[derive(Clone, PartialEq, Eq)]
enum Kind {
    Global,
    Regional,
    Custom { url: Url, host: String },
}

/// The URL and `Host` header of one request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// The URL posted to.
    pub url: String,
    /// The `Host` header value, which is also signed.
    pub host: String,
}

impl Endpoint {
    /// `https://<service>.tencentcloudapi.com`, the default.
    pub fn global() -> Self {
        Endpoint(Kind::Global)
    }

    /// `https://<service>.<region>.tencentcloudapi.com` when a region is set, else global.
    pub fn regional() -> Self {
        Endpoint(Kind::Regional)
    }

    /// Any `http` or `https` base URL, for every service (local emulator, tests, proxies).
    pub fn base_url(url: &str) -> Result<Self, BuildError> {
        let parsed =
            Url::parse(url).map_err(|e| BuildError::new(format!("base URL {url:?}: {e}")))?;
        if !matches!(parsed.scheme(), "http" | "https") {
            return Err(BuildError::new(format!(
                "base URL {url:?}: scheme must be http or https"
            )));
        }
        let Some(host) = parsed.host_str() else {
            return Err(BuildError::new(format!("base URL {url:?} has no host")));
        };
        let host = match parsed.port() {
            Some(port) => format!("{host}:{port}"),
            None => host.to_owned(),
        };
        Ok(Endpoint(Kind::Custom { url: parsed, host }))
    }

    /// The URL and `Host` for a call to `service`, in `region` if any.
    pub fn target(&self, service: &str, region: Option<&str>) -> Target {
        let host = match (&self.0, region) {
            (Kind::Custom { url, host }, _) => {
                return Target {
                    url: url.as_str().to_owned(),
                    host: host.clone(),
                };
            }
            (Kind::Regional, Some(region)) => format!("{service}.{region}.{DOMAIN}"),
            _ => format!("{service}.{DOMAIN}"),
        };
        Target {
            url: format!("https://{host}/"),
            host,
        }
    }
}

impl Target {
    /// The parsed URL. A custom endpoint's URL was parsed when the client was built, so only
    /// the global and regional hosts (made of the service and region names) are parsed here.
    pub(crate) fn parsed_url(&self, endpoint: &Endpoint) -> Option<Url> {
        match &endpoint.0 {
            Kind::Custom { url, .. } => Some(url.clone()),
            _ => Url::parse(&self.url).ok(),
        }
    }
}

impl Default for Endpoint {
    fn default() -> Self {
        Self::global()
    }
}

impl fmt::Debug for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Kind::Global => f.write_str("Endpoint::global"),
            Kind::Regional => f.write_str("Endpoint::regional"),
            Kind::Custom { url, .. } => write!(f, "Endpoint::base_url({})", url.as_str()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets() {
        let t = Endpoint::global().target("ssl", Some("ap-guangzhou"));
        assert_eq!(t.url, "https://ssl.tencentcloudapi.com/");
        assert_eq!(t.host, "ssl.tencentcloudapi.com");
        let t = Endpoint::regional().target("cvm", Some("ap-guangzhou"));
        assert_eq!(t.host, "cvm.ap-guangzhou.tencentcloudapi.com");
        assert_eq!(
            Endpoint::regional().target("ssl", None).host,
            "ssl.tencentcloudapi.com"
        );
        let t = Endpoint::base_url("http://127.0.0.1:8080")
            .unwrap()
            .target("ssl", None);
        assert_eq!(t.url, "http://127.0.0.1:8080/");
        assert_eq!(t.host, "127.0.0.1:8080");
        assert!(Endpoint::base_url("ftp://x").is_err());
        assert!(Endpoint::base_url("not a url").is_err());
    }
}
