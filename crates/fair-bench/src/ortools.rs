//! Google OR-Tools, run from Python in the same benchmark run: a Python that can
//! `import ortools` is found (or a virtual environment with it is made under the
//! target directory), and `ortools/solve.py` is run on instance files the benchmark
//! writes. Nothing is ever made up: when OR-Tools cannot be had, callers print their
//! own figures only and say why.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, bail};

/// The solver script, beside this crate's sources.
pub fn script() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("ortools").join("solve.py")
}

/// The version of OR-Tools `python` imports, if it does.
fn ortools_version(python: &Path) -> Option<String> {
    let output = Command::new(python).args(["-c", "import ortools; print(ortools.__version__)"]).output().ok()?;
    output.status.success().then(|| String::from_utf8_lossy(&output.stdout).trim().to_owned())
}

/// The cargo target directory this binary runs from (`<target>/release/<bin>`).
pub fn target_dir() -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    Some(exe.parent()?.parent()?.to_path_buf())
}

/// A Python with OR-Tools: `explicit` if given, else `python3` if it has it, else a
/// virtual environment under the target directory (made and filled with
/// `pip install ortools` on first use). Returns the interpreter and the version.
pub fn python(explicit: Option<&Path>) -> anyhow::Result<(PathBuf, String)> {
    if let Some(python) = explicit {
        let version = ortools_version(python).with_context(|| format!("{} cannot import ortools", python.display()))?;
        return Ok((python.to_path_buf(), version));
    }
    let system = PathBuf::from("python3");
    if let Some(version) = ortools_version(&system) {
        return Ok((system, version));
    }
    let venv = target_dir().context("finding the target directory")?.join("ortools-venv");
    let venv_python = venv.join("bin").join("python");
    if let Some(version) = ortools_version(&venv_python) {
        return Ok((venv_python, version));
    }
    eprintln!("OR-Tools: not found; creating {} and running pip install ortools", venv.display());
    let status = Command::new(&system)
        .args(["-m", "venv"])
        .arg(&venv)
        .status()
        .context("running python3 -m venv (is python3 installed?)")?;
    if !status.success() {
        bail!("python3 -m venv {} failed ({status})", venv.display());
    }
    let status = Command::new(&venv_python)
        .args(["-m", "pip", "install", "--quiet", "ortools"])
        .status()
        .context("running pip install ortools")?;
    if !status.success() {
        bail!("pip install ortools failed ({status})");
    }
    let version = ortools_version(&venv_python).context("ortools installed but cannot be imported")?;
    Ok((venv_python, version))
}

/// Runs `solve.py <args>` and parses the one JSON object it prints.
pub fn solve(python: &Path, args: &[&str]) -> anyhow::Result<serde_json::Value> {
    let output = Command::new(python)
        .arg(script())
        .args(args)
        .output()
        .with_context(|| format!("running {} {}", python.display(), script().display()))?;
    if !output.status.success() {
        bail!("solve.py {} failed ({}): {}", args.join(" "), output.status, String::from_utf8_lossy(&output.stderr));
    }
    serde_json::from_slice(&output.stdout).with_context(|| {
        format!(
            "solve.py printed no JSON: {}",
            String::from_utf8_lossy(&output.stdout).chars().take(400).collect::<String>()
        )
    })
}
