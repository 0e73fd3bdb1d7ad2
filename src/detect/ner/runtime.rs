//! Finding and loading the ONNX Runtime shared library, once per process.
//!
//! `ort` is built with `load-dynamic`: nothing links against ONNX Runtime at build time, and
//! the library is opened here, at the first model load. `ort` panics if its API is used before
//! a library is loaded, so every path into `ort` goes through [`environment`], which finds the
//! library first and returns a typed error saying what to run when it is missing.
//!
//! Search order (the first that exists wins):
//! 1. `$ORT_DYLIB_PATH` (an error if set but missing: a typo should not silently pick another);
//! 2. next to the running binary;
//! 3. the project's `runtime/` folder (filled by `scripts/setup.sh`), at build time and in the
//!    current directory;
//! 4. an `onnxruntime/capi/` folder of a Python site-packages (pip's wheel ships the library
//!    only as `libonnxruntime.so.1.NN.N`, without the unversioned name).
//!
//! One ORT environment per process (`ort` refuses a second): it lives in a `OnceLock` and every
//! session is built from it.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::error::{Error, Result};

/// The ONNX Runtime release `scripts/setup.sh` fetches (`ort` needs API 31 or newer).
pub const ORT_VERSION: &str = "1.32.0";

/// What to run when the library is missing (in every error that reports it).
pub const SETUP_HINT: &str = "run `scripts/setup.sh` in the phiscrub checkout (it fetches onnxruntime 1.32.0 from PyPI into runtime/), or set ORT_DYLIB_PATH to a libonnxruntime.so of version 1.31 or newer; `--model off` runs rules only without it";

static ENV: OnceLock<std::result::Result<(PathBuf, ort::environment::Environment), String>> =
    OnceLock::new();

/// The process-wide ORT environment, loading the library on first use.
pub(crate) fn environment() -> Result<&'static ort::environment::Environment> {
    let r = ENV.get_or_init(|| {
        let path = locate().map_err(|e| e.to_string())?;
        let builder = ort::init_from(&path).map_err(|e| {
            format!(
                "loading the ONNX Runtime library {}: {e}; {SETUP_HINT}",
                path.display()
            )
        })?;
        let env = builder
            .with_name("phiscrub")
            .with_telemetry(false)
            .build()
            .map_err(|e| format!("creating the ONNX Runtime environment: {e}"))?;
        Ok((path, env))
    });
    match r {
        Ok((_, env)) => Ok(env),
        Err(reason) => Err(Error::runtime(reason.clone())),
    }
}

/// The library path the environment was loaded from, if it was.
pub fn loaded_library() -> Option<&'static Path> {
    match ENV.get() {
        Some(Ok((p, _))) => Some(p.as_path()),
        _ => None,
    }
}

/// Finds the ONNX Runtime library without loading it (see the module doc for the order).
pub fn locate() -> Result<PathBuf> {
    if let Some(p) = std::env::var_os("ORT_DYLIB_PATH").filter(|p| !p.is_empty()) {
        let p = PathBuf::from(p);
        return if p.is_file() {
            Ok(p)
        } else {
            Err(Error::runtime(format!(
                "ORT_DYLIB_PATH is set to {} but no such file exists; {SETUP_HINT}",
                p.display()
            )))
        };
    }
    let mut dirs: Vec<PathBuf> = Vec::new();
    if let Some(dir) = std::env::current_exe()
        .ok()
        .and_then(|e| e.parent().map(Path::to_path_buf))
    {
        dirs.push(dir);
    }
    dirs.push(Path::new(env!("CARGO_MANIFEST_DIR")).join("runtime"));
    if let Ok(cwd) = std::env::current_dir() {
        dirs.push(cwd.join("runtime"));
    }
    for dir in &dirs {
        if let Some(p) = library_in(dir) {
            return Ok(p);
        }
    }
    for dir in site_packages() {
        if let Some(p) = library_in(&dir.join("onnxruntime").join("capi")) {
            return Ok(p);
        }
    }
    Err(Error::runtime(format!(
        "the ONNX Runtime library (libonnxruntime.so) was not found (searched ORT_DYLIB_PATH, the binary's folder, runtime/, Python site-packages); {SETUP_HINT}"
    )))
}

/// `libonnxruntime.so` in `dir`, else the highest `libonnxruntime.so.1.N.M` there.
fn library_in(dir: &Path) -> Option<PathBuf> {
    let plain = dir.join(format!(
        "{}onnxruntime{}",
        std::env::consts::DLL_PREFIX,
        std::env::consts::DLL_SUFFIX
    ));
    if plain.is_file() {
        return Some(plain);
    }
    let prefix = format!(
        "{}onnxruntime{}.",
        std::env::consts::DLL_PREFIX,
        std::env::consts::DLL_SUFFIX
    );
    let mut best: Option<(Vec<u32>, PathBuf)> = None;
    for entry in std::fs::read_dir(dir).ok()?.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        let Some(ver) = name.strip_prefix(&prefix) else {
            continue;
        };
        let Ok(ver) = ver
            .split('.')
            .map(str::parse::<u32>)
            .collect::<std::result::Result<Vec<u32>, _>>()
        else {
            continue;
        };
        if best.as_ref().is_none_or(|(b, _)| ver > *b) {
            best = Some((ver, entry.path()));
        }
    }
    best.map(|(_, p)| p)
}

/// Likely Python site-packages folders: an active virtualenv, pyenv, the user's and the
/// system's. Listed from the file system; Python itself is never run.
fn site_packages() -> Vec<PathBuf> {
    let mut roots: Vec<PathBuf> = Vec::new();
    if let Some(v) = std::env::var_os("VIRTUAL_ENV") {
        roots.push(PathBuf::from(v).join("lib"));
    }
    if let Some(home) = std::env::var_os("HOME").map(PathBuf::from) {
        roots.push(home.join(".local").join("lib"));
        if let Ok(rd) = std::fs::read_dir(home.join(".pyenv").join("versions")) {
            roots.extend(rd.flatten().map(|e| e.path().join("lib")));
        }
    }
    roots.push(PathBuf::from("/usr/local/lib"));
    roots.push(PathBuf::from("/usr/lib"));
    let mut out = Vec::new();
    for root in roots {
        let Ok(rd) = std::fs::read_dir(&root) else {
            continue;
        };
        for e in rd.flatten() {
            let is_python = e
                .file_name()
                .to_str()
                .is_some_and(|n| n.starts_with("python3"));
            if is_python {
                out.push(e.path().join("site-packages"));
                out.push(e.path().join("dist-packages"));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_highest_versioned_library() {
        let dir = tempfile::tempdir().expect("tempdir");
        for v in ["1.31.0", "1.32.0", "1.9.9", "x.y"] {
            std::fs::write(dir.path().join(format!("libonnxruntime.so.{v}")), b"").expect("write");
        }
        let p = library_in(dir.path()).expect("found");
        assert!(p.ends_with("libonnxruntime.so.1.32.0"), "{}", p.display());
        std::fs::write(dir.path().join("libonnxruntime.so"), b"").expect("write");
        assert!(
            library_in(dir.path())
                .expect("found")
                .ends_with("libonnxruntime.so")
        );
    }

    #[test]
    fn empty_folder_has_no_library() {
        let dir = tempfile::tempdir().expect("tempdir");
        assert!(library_in(dir.path()).is_none());
    }
}
