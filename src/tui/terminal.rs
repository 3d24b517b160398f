//! Taking over the terminal and always giving it back: raw mode, alternate screen, mouse capture
//! and the hidden cursor are undone on quit, on error (the guard's drop) and on panic (the hook).

use std::io::{self, Stdout, stdout};
use std::sync::Once;

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::cursor::{Hide, Show};
use ratatui::crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};

/// Restores the terminal when dropped, however the explorer ends.
pub struct Guard;

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
    }
}

/// Undoes everything `enter` did. Safe to call more than once.
pub fn restore() {
    let _ = disable_raw_mode();
    let _ = execute!(stdout(), DisableMouseCapture, LeaveAlternateScreen, Show);
}

/// `restore` from a thread other than the explorer's: that thread holds standard output's lock for
/// as long as the program runs (the command line writes through it), so the sequences go to the
/// controlling terminal, the same device, opened anew.
pub fn restore_from_elsewhere() {
    let _ = disable_raw_mode();
    if let Ok(mut tty) = std::fs::OpenOptions::new().write(true).open("/dev/tty") {
        let _ = execute!(tty, DisableMouseCapture, LeaveAlternateScreen, Show);
    }
}

/// Takes the terminal again after a suspend, as `enter` took it.
pub fn resume() -> io::Result<()> {
    enable_raw_mode()?;
    execute!(stdout(), EnterAlternateScreen, EnableMouseCapture, Hide)
}

/// Puts the terminal in explorer mode. Keep the guard alive for as long as the explorer runs.
pub fn enter() -> io::Result<(Terminal<CrosstermBackend<Stdout>>, Guard)> {
    install_panic_hook();
    let guard = Guard;
    enable_raw_mode()?;
    execute!(stdout(), EnterAlternateScreen, EnableMouseCapture)?;
    let mut terminal = Terminal::new(CrosstermBackend::new(stdout()))?;
    terminal.hide_cursor()?;
    terminal.clear()?;
    Ok((terminal, guard))
}

/// A panic restores the terminal first, so its message is readable and the shell usable.
fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            // Only the main thread may take standard output's lock (it holds it).
            if std::thread::current().name() == Some("main") {
                restore();
            } else {
                restore_from_elsewhere();
            }
            previous(info);
        }));
    });
}
