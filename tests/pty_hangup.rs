//! Closing the terminal under the explorer (a closed tmux pane, a dropped SSH session): it must
//! end, not spin. In its own test binary because it closes every pseudo-terminal this process
//! holds.

#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::io::Read;
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

#[test]
fn closing_the_terminal_ends_the_explorer() {
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: 40,
            cols: 120,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("a pseudo-terminal");
    let mut child = pty
        .slave
        .spawn_command(CommandBuilder::new(env!("CARGO_BIN_EXE_pathways")))
        .expect("spawn");
    drop(pty.slave);
    let mut reader = pty.master.try_clone_reader().expect("reader");
    let mut writer = pty.master.take_writer().expect("writer");
    // Answer the start-up cursor query, then wait for the first frame.
    let start = Instant::now();
    let mut seen = Vec::new();
    let mut buf = [0u8; 8192];
    while !String::from_utf8_lossy(&seen).contains("on-ramps") {
        assert!(start.elapsed() < Duration::from_secs(15), "no first frame");
        let n = reader.read(&mut buf).expect("read");
        if buf[..n].windows(4).any(|w| w == b"\x1b[6n") {
            std::io::Write::write_all(&mut writer, b"\x1b[1;1R").expect("answer");
        }
        seen.extend_from_slice(&buf[..n]);
    }
    // Close every descriptor of the terminal's master side, as the terminal emulator does when
    // its window closes: the explorer gets SIGHUP, and end-of-file on its input.
    drop(writer);
    drop(reader);
    drop(pty.master);
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("wait") {
            // 129 (SIGHUP) when the watchdog ends it, 1 when the loop sees the dead terminal
            // first; never a panic (101).
            assert!(matches!(status.exit_code(), 1 | 129), "{status:?}");
            break;
        }
        if start.elapsed() > Duration::from_secs(5) {
            let _ = child.kill();
            panic!("the explorer kept running after its terminal closed");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}
