//! Key material of the vault: the master key, per-session keys, envelope encryption and the
//! keyed lookup hash.
//!
//! Layout (envelope encryption):
//! - the **master key** (32 bytes, from a file) never encrypts data; it only wraps session keys;
//! - each session has a random 32-byte **root key**, stored only wrapped (ChaCha20-Poly1305 under
//!   the master key, the session id as associated data);
//! - from the root key, HMAC-SHA256 derives the session's **lookup key** (HMAC of normalised
//!   values: the store finds a value without holding it), its **data key** (ChaCha20-Poly1305
//!   over each entry) and its **secret** (seeds surrogates and the date offset);
//! - purging a session deletes its wrapped root key: every entry of it becomes unreadable
//!   (crypto-shredding), whatever copies of the store exist.
//!
//! Tokens are numbered by first appearance, never derived from these keys or the values.
//!
//! Random bytes (keys, nonces, session ids) come from a ChaCha20 generator per thread, seeded
//! from the operating system and reseeded from it after every 64 KiB it gives out: one system
//! call per many sessions instead of three or four per session.

use std::fmt;
use std::path::Path;

use hmac::{Hmac, Mac};
use ring::aead::{Aad, CHACHA20_POLY1305, LessSafeKey, Nonce, UnboundKey};
use sha2::{Digest, Sha256};

use crate::error::{Error, ErrorKind, Result};

type HmacSha256 = Hmac<Sha256>;

pub(crate) const NONCE_LEN: usize = 12;
const TAG_LEN: usize = 16;

/// The vault's master key: 32 bytes. Its `Debug` output never shows the bytes.
#[derive(Clone)]
pub struct MasterKey([u8; 32]);

impl fmt::Debug for MasterKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "MasterKey(id={})", self.id())
    }
}

impl Drop for MasterKey {
    fn drop(&mut self) {
        self.0 = [0; 32];
    }
}

impl MasterKey {
    /// A fresh random key from the operating system's generator.
    pub fn generate() -> Result<MasterKey> {
        let mut k = [0u8; 32];
        fill_random(&mut k)?;
        Ok(MasterKey(k))
    }

    /// A key from its 32 bytes (for callers holding it elsewhere, e.g. a KMS).
    pub fn from_bytes(bytes: [u8; 32]) -> MasterKey {
        MasterKey(bytes)
    }

    /// Reads a key file: 64 hexadecimal characters (surrounding whitespace allowed) or exactly
    /// 32 raw bytes. Anything else is an error; there is never a fallback to no encryption.
    pub fn from_file(path: &Path) -> Result<MasterKey> {
        let bytes = std::fs::read(path).map_err(|e| Error::io(Some(path.to_path_buf()), e))?;
        if bytes.len() == 32 {
            let mut k = [0u8; 32];
            k.copy_from_slice(&bytes);
            return Ok(MasterKey(k));
        }
        let text = std::str::from_utf8(&bytes).unwrap_or("").trim();
        match decode_hex32(text) {
            Some(k) => Ok(MasterKey(k)),
            None => Err(Error::new(ErrorKind::MasterKey {
                reason: format!(
                    "{}: expected 64 hex characters or 32 raw bytes, found {} bytes",
                    path.display(),
                    bytes.len()
                ),
            })),
        }
    }

    /// The key as 64 lowercase hex characters (what `phiscrub vault keygen` writes).
    pub fn to_hex(&self) -> String {
        hex(&self.0)
    }

    /// A short public fingerprint (first 8 bytes of SHA-256 of the key), recorded with each
    /// session so that a wrong key is reported as such rather than as corruption.
    pub fn id(&self) -> String {
        let d = Sha256::digest(self.0);
        hex(&d[..8])
    }

    pub(crate) fn wrap(&self, root: &RootKey, session_id: &str) -> Result<Vec<u8>> {
        let mut nonce = [0u8; NONCE_LEN];
        fill_random(&mut nonce)?;
        seal(&self.0, &nonce, &root.0, session_id.as_bytes())
    }

    pub(crate) fn unwrap_key(&self, wrapped: &[u8], session_id: &str) -> Result<RootKey> {
        let plain = open(&self.0, wrapped, session_id.as_bytes())
            .map_err(|_| Error::vault("unwrapping the session key", "authentication failed"))?;
        let k: [u8; 32] = plain
            .as_slice()
            .try_into()
            .map_err(|_| Error::vault("unwrapping the session key", "wrong key length"))?;
        Ok(RootKey(k))
    }
}

/// A session's random root key (never stored unwrapped).
pub(crate) struct RootKey([u8; 32]);

impl Drop for RootKey {
    fn drop(&mut self) {
        self.0 = [0; 32];
    }
}

impl RootKey {
    pub(crate) fn generate() -> Result<RootKey> {
        let mut k = [0u8; 32];
        fill_random(&mut k)?;
        Ok(RootKey(k))
    }

    pub(crate) fn derive(&self) -> SessionKeys {
        // The root key is absorbed once; each derivation continues from a copy.
        let root = keyed(&self.0);
        let derive = |label: &[u8]| -> [u8; 32] {
            let mut mac = root.clone();
            mac.update(label);
            mac.finalize().into_bytes().into()
        };
        let lookup = derive(b"phiscrub/v1/lookup");
        SessionKeys {
            lookup_mac: keyed(&lookup),
            lookup,
            data: derive(b"phiscrub/v1/data"),
            secret: derive(b"phiscrub/v1/secret"),
        }
    }
}

/// The keys of one open session, derived from its root key.
pub(crate) struct SessionKeys {
    lookup: [u8; 32],
    /// HMAC state with the lookup key already absorbed (cloned per lookup: half the work).
    lookup_mac: HmacSha256,
    data: [u8; 32],
    secret: [u8; 32],
}

impl Drop for SessionKeys {
    fn drop(&mut self) {
        self.lookup = [0; 32];
        self.data = [0; 32];
        self.secret = [0; 32];
    }
}

impl SessionKeys {
    /// The store's lookup key for a normalised value of a label.
    /// `domain` parts are concatenated (`["NAME", "/t"]` hashes as `NAME/t`).
    pub(crate) fn lookup(&self, domain: &[&str], normalised: &str) -> [u8; 32] {
        let mut mac = self.lookup_mac.clone();
        for d in domain {
            mac.update(d.as_bytes());
        }
        mac.update(b"\0");
        mac.update(normalised.as_bytes());
        mac.finalize().into_bytes().into()
    }

    /// [`Self::seal`] with a nonce the caller drew from the system random generator (one
    /// draw for many entries saves a system call per entry). Never reuse a nonce.
    pub(crate) fn seal_with_nonce(
        &self,
        nonce: &[u8; NONCE_LEN],
        plain: &[u8],
        aad: &[u8],
    ) -> Result<Vec<u8>> {
        seal(&self.data, nonce, plain, aad)
    }

    pub(crate) fn open(&self, sealed: &[u8], aad: &[u8]) -> Result<Vec<u8>> {
        open(&self.data, sealed, aad)
            .map_err(|_| Error::vault("decrypting an entry", "authentication failed"))
    }

    /// 32 bytes derived from the session secret for a purpose (surrogate seeds, date offset).
    pub(crate) fn derive_secret(&self, purpose: &[u8]) -> [u8; 32] {
        hmac(&self.secret, &[purpose])
    }
}

fn keyed(key: &[u8; 32]) -> HmacSha256 {
    // HMAC accepts keys of any length, so this cannot fail.
    match <HmacSha256 as Mac>::new_from_slice(key) {
        Ok(m) => m,
        Err(_) => unreachable!("HMAC takes keys of any length"),
    }
}

fn hmac(key: &[u8; 32], parts: &[&[u8]]) -> [u8; 32] {
    let mut mac = keyed(key);
    for p in parts {
        mac.update(p);
    }
    mac.finalize().into_bytes().into()
}

/// ChaCha20-Poly1305 (RFC 8439; ring's implementation, fast on short entries): the output is
/// `nonce || ciphertext || tag`.
fn seal(key: &[u8; 32], nonce: &[u8; NONCE_LEN], plain: &[u8], aad: &[u8]) -> Result<Vec<u8>> {
    let fail = |_| Error::vault("encrypting", "AEAD failure");
    let key = LessSafeKey::new(UnboundKey::new(&CHACHA20_POLY1305, key).map_err(fail)?);
    let mut out = Vec::with_capacity(NONCE_LEN + plain.len() + TAG_LEN);
    out.extend_from_slice(nonce);
    out.extend_from_slice(plain);
    let tag = key
        .seal_in_place_separate_tag(
            Nonce::assume_unique_for_key(*nonce),
            Aad::from(aad),
            &mut out[NONCE_LEN..],
        )
        .map_err(fail)?;
    out.extend_from_slice(tag.as_ref());
    Ok(out)
}

fn open(key: &[u8; 32], sealed: &[u8], aad: &[u8]) -> std::result::Result<Vec<u8>, ()> {
    let (nonce, ct) = sealed.split_first_chunk::<NONCE_LEN>().ok_or(())?;
    if ct.len() < TAG_LEN {
        return Err(());
    }
    let key = LessSafeKey::new(UnboundKey::new(&CHACHA20_POLY1305, key).map_err(|_| ())?);
    let mut buf = ct.to_vec();
    let n = key
        .open_in_place(
            Nonce::assume_unique_for_key(*nonce),
            Aad::from(aad),
            &mut buf,
        )
        .map_err(|_| ())?
        .len();
    buf.truncate(n);
    Ok(buf)
}

/// Bytes a thread's generator gives out before it reseeds from the operating system.
const RESEED_AFTER: usize = 64 * 1024;

struct ThreadRng {
    rng: rand_chacha::ChaCha20Rng,
    given: usize,
}

thread_local! {
    static RNG: std::cell::RefCell<Option<ThreadRng>> = const { std::cell::RefCell::new(None) };
}

/// Fills `buf` with cryptographically secure random bytes (see the module notes).
pub(crate) fn fill_random(buf: &mut [u8]) -> Result<()> {
    use rand::{RngCore, SeedableRng};
    RNG.with(|cell| {
        let mut slot = cell.borrow_mut();
        let r = match slot.as_mut() {
            Some(r) if r.given < RESEED_AFTER => r,
            _ => {
                let mut seed = [0u8; 32];
                getrandom::fill(&mut seed)
                    .map_err(|e| Error::vault("reading the system random generator", e))?;
                slot.insert(ThreadRng {
                    rng: rand_chacha::ChaCha20Rng::from_seed(seed),
                    given: 0,
                })
            }
        };
        r.rng.fill_bytes(buf);
        r.given += buf.len();
        Ok(())
    })
}

/// Lower-case hex.
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(DIGITS[(b >> 4) as usize] as char);
        s.push(DIGITS[(b & 15) as usize] as char);
    }
    s
}

fn decode_hex32(text: &str) -> Option<[u8; 32]> {
    let b = text.as_bytes();
    if b.len() != 64 {
        return None;
    }
    let mut out = [0u8; 32];
    for (i, pair) in b.chunks(2).enumerate() {
        let hi = (pair[0] as char).to_digit(16)?;
        let lo = (pair[1] as char).to_digit(16)?;
        out[i] = (hi * 16 + lo) as u8;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_unwrap_round_trip_and_wrong_session_fails() {
        let m = MasterKey::generate().unwrap();
        let root = RootKey::generate().unwrap();
        let w = m.wrap(&root, "s1").unwrap();
        let back = m.unwrap_key(&w, "s1").unwrap();
        assert_eq!(back.0, root.0);
        assert!(m.unwrap_key(&w, "s2").is_err());
        let other = MasterKey::generate().unwrap();
        assert!(other.unwrap_key(&w, "s1").is_err());
    }

    #[test]
    fn sealed_format_is_rfc8439_chacha20_poly1305() {
        // Vaults written with the RustCrypto implementation open with ring's, and back.
        use chacha20poly1305::aead::{Aead, KeyInit, Payload};
        let key = [9u8; 32];
        let nonce = [3u8; NONCE_LEN];
        let rc = chacha20poly1305::ChaCha20Poly1305::new(chacha20poly1305::Key::from_slice(&key));
        let ct = rc
            .encrypt(
                chacha20poly1305::Nonce::from_slice(&nonce),
                Payload {
                    msg: b"Jane Roe",
                    aad: b"s/0",
                },
            )
            .unwrap();
        let ours = seal(&key, &nonce, b"Jane Roe", b"s/0").unwrap();
        assert_eq!(&ours[..NONCE_LEN], &nonce);
        assert_eq!(&ours[NONCE_LEN..], &ct[..]);
        assert_eq!(open(&key, &ours, b"s/0").unwrap(), b"Jane Roe");
        assert!(open(&key, &ours[..NONCE_LEN + 3], b"s/0").is_err());
    }

    #[test]
    fn seal_open_and_tamper() {
        let keys = RootKey::generate().unwrap().derive();
        let mut s = keys
            .seal_with_nonce(&[7; NONCE_LEN], b"John Smith", b"aad")
            .unwrap();
        assert_eq!(keys.open(&s, b"aad").unwrap(), b"John Smith");
        assert!(keys.open(&s, b"other").is_err());
        let last = s.len() - 1;
        s[last] ^= 1;
        assert!(keys.open(&s, b"aad").is_err());
    }

    #[test]
    fn key_file_hex_and_raw() {
        let dir = tempfile::tempdir().unwrap();
        let m = MasterKey::generate().unwrap();
        let p = dir.path().join("k.hex");
        std::fs::write(&p, format!("{}\n", m.to_hex())).unwrap();
        assert_eq!(MasterKey::from_file(&p).unwrap().0, m.0);
        let raw = dir.path().join("k.bin");
        std::fs::write(&raw, m.0).unwrap();
        assert_eq!(MasterKey::from_file(&raw).unwrap().0, m.0);
        let bad = dir.path().join("bad");
        std::fs::write(&bad, "short").unwrap();
        let e = MasterKey::from_file(&bad).unwrap_err().to_string();
        assert!(e.contains("64 hex"), "{e}");
        assert!(!format!("{m:?}").contains(&m.to_hex()));
    }

    #[test]
    fn lookup_depends_on_session_and_label() {
        let a = RootKey::generate().unwrap().derive();
        let b = RootKey::generate().unwrap().derive();
        assert_eq!(a.lookup(&["NAME"], "john"), a.lookup(&["NAME"], "john"));
        assert_ne!(a.lookup(&["NAME"], "john"), b.lookup(&["NAME"], "john"));
        assert_ne!(a.lookup(&["NAME"], "john"), a.lookup(&["LOCATION"], "john"));
        assert_eq!(
            a.lookup(&["NAME", "/t"], "john"),
            a.lookup(&["NAME/t"], "john")
        );
    }
}
