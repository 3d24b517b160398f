//! Writing files so that they are never half-written: write a temporary file in the same folder,
//! flush it to disk, then rename it over the target. A failure (read-only folder, full disk,
//! interrupt) leaves any existing file as it was.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Whether an existing file may be replaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Existing {
    Replace,
    Keep,
}

/// Writes `bytes` to `path` atomically. With `Existing::Keep`, an existing file is an error
/// (`ErrorKind::AlreadyExists`) and is not touched.
pub fn write(path: &Path, bytes: &[u8], existing: Existing) -> io::Result<()> {
    write_with(path, bytes, existing, false)
}

/// `write` for personal data (learner files, plans): on Unix the file is readable by its owner only.
pub fn write_private(path: &Path, bytes: &[u8], existing: Existing) -> io::Result<()> {
    write_with(path, bytes, existing, true)
}

fn write_with(path: &Path, bytes: &[u8], existing: Existing, private: bool) -> io::Result<()> {
    // Renaming onto a symbolic link would replace the link with a file and leave its target
    // stale: the file written is the one the link names.
    let resolved;
    let path = match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            resolved = fs::canonicalize(path).map_err(|_| {
                io::Error::new(
                    io::ErrorKind::InvalidInput,
                    "it is a link to nothing that can be written: give the file itself",
                )
            })?;
            resolved.as_path()
        }
        _ => path,
    };
    // `out/` names a folder whether or not it exists; the OS would say "Not a directory".
    let folder = io::Error::new(
        io::ErrorKind::InvalidInput,
        "it names a folder: give a file name (in that folder, if you like)",
    );
    if path
        .as_os_str()
        .to_string_lossy()
        .ends_with(std::path::is_separator)
    {
        return Err(folder);
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "the path names no file"))?;
    // Renaming over a device node, a FIFO or a folder (or a link to one, as /dev/stdout is) would
    // replace it with a plain file: only regular files are ever replaced.
    if let Ok(meta) = fs::metadata(path) {
        if meta.is_dir() {
            return Err(folder);
        }
        if !meta.is_file() {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "it is not a regular file (a device or a pipe), so it is not replaced",
            ));
        }
    }
    if existing == Existing::Keep && fs::symlink_metadata(path).is_ok() {
        return Err(io::Error::new(io::ErrorKind::AlreadyExists, "the file exists"));
    }
    let (tmp_path, mut tmp) = temporary(&dir, &name.to_string_lossy(), private)?;
    let written = tmp.write_all(bytes).and_then(|()| tmp.sync_all());
    drop(tmp);
    let result = written.and_then(|()| {
        if existing == Existing::Keep {
            // A hard link fails if the target appeared meanwhile, so nothing is ever clobbered.
            fs::hard_link(&tmp_path, path).or_else(|e| {
                if e.kind() == io::ErrorKind::AlreadyExists {
                    Err(e)
                } else {
                    fs::rename(&tmp_path, path)
                }
            })
        } else {
            fs::rename(&tmp_path, path)
        }
    });
    let _ = fs::remove_file(&tmp_path);
    result?;
    // Make the rename itself durable where the platform allows it.
    if let Ok(d) = File::open(&dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// A new, exclusive temporary file beside the target.
fn temporary(dir: &Path, name: &str, private: bool) -> io::Result<(PathBuf, File)> {
    let pid = std::process::id();
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    if private {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    #[cfg(not(unix))]
    let _ = private;
    for n in 0..100u32 {
        let candidate = dir.join(format!(".{name}.{pid}.{n}.tmp"));
        match options.open(&candidate) {
            Ok(file) => return Ok((candidate, file)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        "no free temporary file name",
    ))
}

/// A one-line reason for a failed write, for people.
pub fn reason(path: &Path, e: &io::Error) -> String {
    let what = match e.kind() {
        io::ErrorKind::AlreadyExists => "it already exists".to_string(),
        io::ErrorKind::NotFound => "the folder does not exist".to_string(),
        io::ErrorKind::PermissionDenied => "permission denied (is the folder read-only?)".to_string(),
        io::ErrorKind::StorageFull => "the disk is full".to_string(),
        io::ErrorKind::InvalidInput => e.to_string(),
        _ => e.to_string(),
    };
    format!("could not write {}: {what}", path.display())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leftovers(dir: &Path) -> Vec<String> {
        fs::read_dir(dir)
            .expect("dir")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".tmp"))
            .collect()
    }

    #[cfg(unix)]
    #[test]
    fn devices_pipes_and_folders_are_never_replaced() {
        let dir = tempfile::tempdir().expect("tempdir");
        let fifo = dir.path().join("pipe");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .expect("mkfifo");
        assert!(made.success());
        let link = dir.path().join("null");
        std::os::unix::fs::symlink("/dev/null", &link).expect("link");
        for target in [fifo.as_path(), link.as_path()] {
            let e = write(target, b"x", Existing::Replace).expect_err("refused");
            assert_eq!(e.kind(), io::ErrorKind::InvalidInput, "{}", target.display());
            assert!(reason(target, &e).contains("not a regular file"));
        }
        // A folder, existing or not, is named as one, not as "Not a directory".
        let missing = dir.path().join("new").join("");
        for target in [dir.path(), missing.as_path(), &dir.path().join("x.json").join("")] {
            let e = write(target, b"x", Existing::Replace).expect_err("refused");
            assert!(
                reason(target, &e)
                    .ends_with("it names a folder: give a file name (in that folder, if you like)"),
                "{}",
                reason(target, &e)
            );
        }
        let meta = fs::metadata(&fifo).expect("still there");
        use std::os::unix::fs::FileTypeExt;
        assert!(meta.file_type().is_fifo(), "the pipe is untouched");
        assert!(
            fs::symlink_metadata(&link)
                .expect("link")
                .file_type()
                .is_symlink()
        );
        assert!(leftovers(dir.path()).is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn a_link_is_written_through_not_replaced() {
        let dir = tempfile::tempdir().expect("tempdir");
        let target = dir.path().join("target.dot");
        fs::write(&target, b"old").expect("write");
        let link = dir.path().join("l.dot");
        std::os::unix::fs::symlink(&target, &link).expect("link");
        write(&link, b"new", Existing::Replace).expect("written");
        assert!(
            fs::symlink_metadata(&link)
                .expect("link")
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read(&target).expect("target"), b"new");
        let dangling = dir.path().join("d.dot");
        std::os::unix::fs::symlink(dir.path().join("nowhere").join("x"), &dangling).expect("link");
        let e = write(&dangling, b"x", Existing::Replace).expect_err("refused");
        assert!(
            reason(&dangling, &e).contains("a link to nothing"),
            "{}",
            reason(&dangling, &e)
        );
        assert!(
            fs::symlink_metadata(&dangling)
                .expect("still a link")
                .file_type()
                .is_symlink()
        );
    }

    #[cfg(unix)]
    #[test]
    fn private_files_are_for_their_owner_only() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("learner.json");
        write_private(&path, b"{}", Existing::Keep).expect("new file");
        let mode = fs::metadata(&path).expect("meta").permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    #[test]
    fn writes_replaces_and_keeps() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("plan.md");
        write(&path, b"one", Existing::Keep).expect("new file");
        assert_eq!(fs::read(&path).expect("read"), b"one");
        let err = write(&path, b"two", Existing::Keep).expect_err("exists");
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(fs::read(&path).expect("read"), b"one");
        write(&path, b"three", Existing::Replace).expect("replace");
        assert_eq!(fs::read(&path).expect("read"), b"three");
        assert!(leftovers(dir.path()).is_empty());
    }

    #[test]
    fn a_missing_folder_fails_cleanly() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("no/such/folder/plan.md");
        let err = write(&path, b"x", Existing::Replace).expect_err("no folder");
        assert!(
            reason(&path, &err).contains("does not exist"),
            "{}",
            reason(&path, &err)
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_read_only_folder_fails_and_the_old_file_is_untouched() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("plan.md");
        write(&path, b"old plan", Existing::Replace).expect("write");
        fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o555)).expect("chmod");
        let result = write(&path, b"new plan", Existing::Replace);
        fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).expect("chmod back");
        // Root ignores permissions; then the write succeeds, which is also no corruption.
        match result {
            Err(e) => {
                assert!(reason(&path, &e).contains("could not write"));
                assert_eq!(fs::read(&path).expect("read"), b"old plan");
            }
            Ok(()) => assert_eq!(fs::read(&path).expect("read"), b"new plan"),
        }
        assert!(leftovers(dir.path()).is_empty());
    }
}
