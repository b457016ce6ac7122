//! Every path the farm touches is confined to its root: relative paths
//! only, no `..`, and no symbolic link that leads outside.

use std::path::{Component, Path, PathBuf};

use crate::msg::io_err;
use crate::{Result, icl_bail};

/// A relative path with normal components only.
pub fn check_relative(rel: &str) -> Result<()> {
    let p = Path::new(rel);
    if rel.is_empty() || p.is_absolute() {
        icl_bail!("ICL252E", "path '{rel}' must be relative to the farm root");
    }
    if p.components().any(|c| !matches!(c, Component::Normal(_))) {
        icl_bail!("ICL252E", "path '{rel}' may not contain '..' or '.' components");
    }
    Ok(())
}

/// Resolve `rel` under `root` (a canonical path), refusing anything that
/// escapes it, through `..` or through a symbolic link.
pub fn confine(root: &Path, rel: &str) -> Result<PathBuf> {
    check_relative(rel)?;
    let full = root.join(rel);
    // The deepest existing ancestor (or the path itself) must resolve
    // inside the root.
    let mut probe = full.as_path();
    loop {
        if probe.symlink_metadata().is_ok() {
            let real = probe
                .canonicalize()
                .map_err(|e| io_err("ICL252E", format!("cannot resolve {}", probe.display()), e))?;
            if !real.starts_with(root) {
                icl_bail!("ICL252E", "path '{rel}' leads outside the farm (to {})", real.display());
            }
            break;
        }
        match probe.parent() {
            Some(p) if p.starts_with(root) => probe = p,
            _ => break,
        }
    }
    Ok(full)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn confinement() {
        let d = tempfile::tempdir().unwrap();
        let root = d.path().canonicalize().unwrap();
        std::fs::create_dir(root.join("volumes")).unwrap();
        assert!(confine(&root, "volumes/0A80.3390").is_ok());
        assert!(confine(&root, "new/dir/file").is_ok());
        assert_eq!(confine(&root, "../x").unwrap_err().id, "ICL252E");
        assert_eq!(confine(&root, "/tmp/x").unwrap_err().id, "ICL252E");
        std::os::unix::fs::symlink("/tmp", root.join("volumes/esc")).unwrap();
        assert_eq!(confine(&root, "volumes/esc/x.3390").unwrap_err().id, "ICL252E");
        std::os::unix::fs::symlink(root.join("volumes"), root.join("inside")).unwrap();
        assert!(confine(&root, "inside/a.3390").is_ok());
    }
}
