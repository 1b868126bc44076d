//! TLS to a PostgreSQL server, as the address asks with libpq's words: `sslmode` (`disable`,
//! `prefer` (the default), `require`, `verify-ca`, `verify-full`) and `sslrootcert` (a PEM
//! file of the certificate authorities to trust). The driver reads neither the way libpq
//! does, so both are taken out of the address here.
//!
//! `require` encrypts without checking the server's certificate (as libpq, unless
//! `sslrootcert` is given); `verify-ca` and `verify-full` check it against `sslrootcert` or
//! the Mozilla roots, and the host name too (`verify-ca` is as strict as `verify-full`).
//! Owns: reading those parameters and building the TLS configuration (rustls with ring).
//! Must not import: ratatui, crossterm, `crate::app`, `crate::ui`.

use super::super::StoreError;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::CryptoProvider;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{ClientConfig, DigitallySignedStruct, RootCertStore, SignatureScheme};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What the address asks of TLS.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// `sslmode=disable`: plain, asked for.
    Disable,
    /// No `sslmode` (or `prefer`, `allow`): plain to this machine, refused elsewhere.
    Prefer,
    /// `sslmode=require`: encrypted.
    Require,
    /// `sslmode=verify-ca` or `verify-full`: encrypted to a server whose certificate holds.
    Verify,
}

/// The address without its TLS parameters, and what they asked.
pub struct Asked {
    pub address: String,
    pub mode: Mode,
    pub root: Option<PathBuf>,
}

/// `%XX` escapes of a query value decoded (a path may hold them).
fn decoded(value: &str) -> String {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Takes `sslmode` and `sslrootcert` out of a `postgres://` address.
pub fn take(address: &str) -> Result<Asked, StoreError> {
    let (base, query) = address.split_once('?').unwrap_or((address, ""));
    let (mut mode, mut root, mut kept) = (Mode::Prefer, None, Vec::new());
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        match key {
            "sslmode" => {
                mode = match decoded(value).as_str() {
                    "disable" => Mode::Disable,
                    "allow" | "prefer" => Mode::Prefer,
                    "require" => Mode::Require,
                    "verify-ca" | "verify-full" => Mode::Verify,
                    other => {
                        return Err(StoreError::Invalid(format!(
                            "sslmode={other} is not one of disable, prefer, require, verify-ca, verify-full"
                        )));
                    }
                }
            }
            "sslrootcert" => root = Some(PathBuf::from(decoded(value))),
            _ => kept.push(pair),
        }
    }
    let address = match kept.is_empty() {
        true => base.to_string(),
        false => format!("{base}?{}", kept.join("&")),
    };
    Ok(Asked {
        address,
        mode,
        root,
    })
}

/// The certificate authorities in a PEM file.
fn roots_from(path: &Path) -> Result<RootCertStore, StoreError> {
    let unreadable =
        |why: String| StoreError::Invalid(format!("sslrootcert {}: {why}", path.display()));
    let mut roots = RootCertStore::empty();
    for cert in CertificateDer::pem_file_iter(path).map_err(|e| unreadable(e.to_string()))? {
        let cert = cert.map_err(|e| unreadable(e.to_string()))?;
        roots
            .add(cert)
            .map_err(|e| unreadable(format!("not a certificate ({e})")))?;
    }
    if roots.is_empty() {
        return Err(unreadable("holds no certificate".into()));
    }
    Ok(roots)
}

/// The TLS configuration, and whether the connection is encrypted (a plain one is never
/// handed the configuration, which then trusts nothing).
pub fn config(mode: Mode, root: Option<&Path>) -> Result<(Arc<ClientConfig>, bool), StoreError> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let builder = ClientConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()
        .map_err(|e| StoreError::Invalid(format!("TLS cannot be set up: {e}")))?;
    let config = match (mode, root) {
        (Mode::Disable | Mode::Prefer, _) => {
            let plain = builder
                .with_root_certificates(RootCertStore::empty())
                .with_no_client_auth();
            return Ok((Arc::new(plain), false));
        }
        (Mode::Require, None) => builder
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(EncryptOnly(provider)))
            .with_no_client_auth(),
        (Mode::Require | Mode::Verify, Some(root)) => builder
            .with_root_certificates(roots_from(root)?)
            .with_no_client_auth(),
        (Mode::Verify, None) => builder
            .with_root_certificates(RootCertStore {
                roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
            })
            .with_no_client_auth(),
    };
    Ok((Arc::new(config), true))
}

/// `sslmode=require` without `sslrootcert`: the connection is encrypted and the server's
/// signatures checked, but not who signed its certificate (as libpq's `require`).
#[derive(Debug)]
struct EncryptOnly(Arc<CryptoProvider>);

impl ServerCertVerifier for EncryptOnly {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
}
