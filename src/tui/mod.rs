//! The interactive explorer: one `App` state, events turned into actions, `update` the only
//! place state changes, and `view::draw` a pure function of the state.

pub mod app;
pub mod cursor;
pub mod geometry;
pub mod keys;
pub mod reload;
pub mod rows;
pub mod screen;
pub mod svg;
pub mod terminal;
pub mod theme;
pub mod trail;
pub mod view;

use std::io;
use std::sync::Arc;
use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::Backend;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use ratatui::crossterm::event::{self, Event, KeyCode, KeyEvent, KeyModifiers};
use signal_hook::consts::{SIGHUP, SIGINT, SIGSTOP, SIGTERM, SIGTSTP};

use crate::domain::load::Loaded;
use app::App;
use theme::Theme;

/// Runs the explorer in the real terminal until the user quits; returns the exit code.
/// SIGTERM, SIGHUP and SIGINT end it like `q` does, restoring the terminal, with the usual
/// 128 + signal exit code.
pub fn run(loaded: Loaded, reload: Option<reload::Reload>) -> io::Result<i32> {
    let signal = Arc::new(AtomicUsize::new(0));
    for sig in [SIGTERM, SIGHUP, SIGINT] {
        signal_hook::flag::register_usize(sig, Arc::clone(&signal), usize::try_from(sig).unwrap_or(1))?;
    }
    // SIGTSTP (`kill -TSTP`; Ctrl-Z itself arrives as a key in raw mode) suspends cleanly.
    let suspend = Arc::new(AtomicBool::new(false));
    signal_hook::flag::register(SIGTSTP, Arc::clone(&suspend))?;
    let mut app = App::new(Arc::new(loaded.pathways), loaded.benchmarks, Theme::from_env());
    if let Some(reload) = reload {
        app = app.with_reload(reload);
    }
    let (mut terminal, _guard) = terminal::enter()?;
    watch_for_hangup(Arc::clone(&signal));
    // For the end-to-end test that proves a panic restores the terminal.
    let panic_after_first_frame = std::env::var_os("PATHWAYS_TEST_PANIC").is_some();
    // For the end-to-end test that proves a signal during a long frame restores the terminal:
    // the first key is handled this many milliseconds late, as a long audit would be.
    let mut stall = std::env::var("PATHWAYS_TEST_STALL_MS")
        .ok()
        .and_then(|ms| ms.parse().ok())
        .map(Duration::from_millis);
    let quit = Event::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
    let result = run_loop(&mut terminal, &mut app, |timeout| {
        if panic_after_first_frame {
            panic!("PATHWAYS_TEST_PANIC is set: panicking on purpose");
        }
        if signal.load(Ordering::Relaxed) != 0 {
            return Ok(Some(quit.clone()));
        }
        if suspend.swap(false, Ordering::Relaxed) {
            return suspend_now();
        }
        if event::poll(poll_timeout(timeout))? {
            let event = event::read()?;
            if is_ctrl_z(&event) {
                return suspend_now();
            }
            if let (Some(busy), Event::Key(_)) = (stall.take(), &event) {
                std::thread::sleep(busy);
            }
            Ok(Some(event))
        } else {
            Ok(None)
        }
    });
    // ratatui's terminal shows the cursor when dropped and panics printing why if the terminal
    // has hung up; the guard restores everything instead, ignoring a terminal that is gone.
    std::mem::forget(terminal);
    result?;
    let sig = signal.load(Ordering::Relaxed);
    Ok(if sig == 0 {
        0
    } else {
        128 + i32::try_from(sig).unwrap_or(0)
    })
}

fn is_ctrl_z(event: &Event) -> bool {
    matches!(event, Event::Key(k) if k.code == KeyCode::Char('z') && k.modifiers.contains(KeyModifiers::CONTROL))
}

/// Gives the terminal back and stops, as a shell's job control expects; on SIGCONT takes the
/// terminal again and asks for a full redraw (`FocusGained`, which the explorer never asks the
/// terminal to report, is its token for "the screen was lost").
fn suspend_now() -> io::Result<Option<Event>> {
    terminal::restore();
    signal_hook::low_level::raise(SIGSTOP)?;
    // Running again.
    terminal::resume()?;
    Ok(Some(Event::FocusGained))
}

/// How long the event loop may take waiting events before it draws again.
const DRAIN_FOR: Duration = Duration::from_millis(12);

/// How long to wait for the terminal. At least a millisecond: crossterm's poll(2) event source
/// does not look at the terminal at all for a zero timeout, which would leave waiting keys for the
/// next frame. At most 100 ms, so that signals are noticed.
fn poll_timeout(wanted: Duration) -> Duration {
    wanted.clamp(Duration::from_millis(1), Duration::from_millis(100))
}

/// How long the event loop may take to notice a signal before the process is ended for it.
const SIGNAL_GRACE: Duration = Duration::from_millis(750);

/// After a signal, the event loop normally quits within one poll. But when the terminal has hung
/// up, the terminal library may not return to the loop: crossterm's mio event source spun reading
/// end-of-file, deaf to SIGTERM (a closed tmux pane: half a core, forever). Its poll(2) source,
/// used now, returns; the watchdog stays so that no terminal library can keep a process alive
/// after a signal: it ends the process if the loop has not quit shortly after one.
fn watch_for_hangup(signal: Arc<AtomicUsize>) {
    let spawned = std::thread::Builder::new()
        .name("signal watchdog".into())
        .spawn(move || {
            loop {
                let sig = signal.load(Ordering::Relaxed);
                if sig != 0 {
                    std::thread::sleep(SIGNAL_GRACE);
                    // Still here: the loop is busy (a long audit of a huge file) or stuck on a
                    // terminal that is gone. Give the terminal back first, but never wait on it
                    // long: a gone terminal or the stuck thread's locks must not keep us alive.
                    restore_within(RESTORE_LIMIT);
                    std::process::exit(128 + i32::try_from(sig).unwrap_or(0));
                }
                std::thread::sleep(Duration::from_millis(50));
            }
        });
    // Without the watchdog the explorer still quits on signals in the common case.
    drop(spawned);
}

/// How long the watchdog waits for the terminal to be restored before it ends the process anyway.
const RESTORE_LIMIT: Duration = Duration::from_millis(250);

/// Restores the terminal on another thread, waiting at most `limit` for it.
fn restore_within(limit: Duration) {
    let (done, finished) = std::sync::mpsc::channel();
    let spawned = std::thread::Builder::new()
        .name("terminal restore".into())
        .spawn(move || {
            terminal::restore_from_elsewhere();
            let _ = done.send(());
        });
    if spawned.is_ok() {
        let _ = finished.recv_timeout(limit);
    }
}

/// The event loop, over any backend and any source of events (tests pass their own).
/// Waits briefly while a search is being answered, so results show without a keystroke.
pub fn run_loop<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    mut next_event: impl FnMut(Duration) -> io::Result<Option<Event>>,
) -> io::Result<()>
where
    B::Error: std::fmt::Display,
{
    let other = |e: B::Error| io::Error::other(e.to_string());
    let size = terminal.size().map_err(other)?;
    app.resize(size.width, size.height);
    loop {
        terminal.draw(|frame| view::draw(app, frame)).map_err(other)?;
        if app.quit {
            return Ok(());
        }
        let timeout = if app.search_pending() {
            Duration::from_millis(15)
        } else {
            Duration::from_millis(500)
        };
        if let Some(event) = next_event(timeout)? {
            if matches!(event, Event::FocusGained) {
                // Back from a suspend: whatever was on the screen is gone; draw it all.
                terminal.clear().map_err(other)?;
            }
            app.handle(&event);
            // Take the events already waiting before drawing again: a burst of resizes or
            // held-down keys costs one frame, not one each. Bounded, so that a steady stream
            // (a fast mouse) still sees a frame every `DRAIN_FOR`.
            let draining = std::time::Instant::now();
            while !app.quit && draining.elapsed() < DRAIN_FOR {
                match next_event(Duration::ZERO)? {
                    Some(event) => app.handle(&event),
                    None => break,
                }
            }
        }
        app.poll_search();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_terminal_is_always_looked_at_and_signals_noticed() {
        assert_eq!(poll_timeout(Duration::ZERO), Duration::from_millis(1));
        assert_eq!(poll_timeout(Duration::from_millis(15)), Duration::from_millis(15));
        assert_eq!(poll_timeout(Duration::from_secs(5)), Duration::from_millis(100));
    }
}
