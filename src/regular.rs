//! Opening files that must be regular files: a FIFO or a device named where a data or learner
//! file is expected is refused by what it is, and never waited on.

use std::fs;
use std::path::Path;

/// Opens `path` for reading only if what is opened is a regular file. The path was checked
/// before, but it may have become a FIFO since; opening without blocking and checking the open
/// handle leaves no such gap.
pub fn open_regular(path: &Path) -> std::io::Result<fs::File> {
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // O_NONBLOCK: opening a FIFO with no writer returns at once instead of waiting.
        options.custom_flags(0o4000);
    }
    let file = options.open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            not_regular(&meta),
        ));
    }
    Ok(file)
}

/// Why a path that is not a regular file is refused, by what it is.
pub fn not_regular(meta: &fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "a named pipe (FIFO), not a file: reading it could wait for ever; save its contents to a file";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device, not a file: give a pathway file";
        }
        if t.is_socket() {
            return "a socket, not a file: give a pathway file";
        }
    }
    let _ = meta;
    "not a regular file: give a pathway file"
}

#[cfg(test)]
mod tests {
    use super::open_regular;

    /// A FIFO with no writer is refused at once, not waited on: the path may have been a file
    /// when it was checked (issue 14, item 2, a race the review found).
    #[cfg(target_os = "linux")]
    #[test]
    fn a_fifo_is_refused_without_waiting() {
        let dir = tempfile::tempdir().expect("tempdir");
        let fifo = dir.path().join("p.json");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .expect("mkfifo");
        assert!(made.success());
        let e = open_regular(&fifo).expect_err("refused");
        assert!(e.to_string().contains("named pipe"), "{e}");
        let file = dir.path().join("f.json");
        std::fs::write(&file, "{}").expect("write");
        assert!(open_regular(&file).is_ok());
    }
}
