//! Colours and marks. With `NO_COLOR` set there are no colours, and since some terminals then
//! drop bold and reverse too, nothing may depend on style alone: selections carry a `>` glyph
//! and modes a line style and a word.

use ratatui::style::{Color, Modifier, Style};

use crate::domain::model::Mode;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    /// Colour unless `NO_COLOR` is set to something (no-color.org).
    pub fn from_env() -> Theme {
        Theme {
            color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        }
    }

    fn fg(self, color: Color) -> Style {
        if self.color {
            Style::new().fg(color)
        } else {
            Style::new()
        }
    }

    pub fn mode(self, mode: Mode) -> Style {
        match mode {
            Mode::Integrated => self.fg(Color::Cyan).add_modifier(Modifier::BOLD),
            Mode::Sequential => self.fg(Color::Yellow),
        }
    }

    pub fn selected(self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    pub fn heading(self) -> Style {
        self.fg(Color::Magenta).add_modifier(Modifier::BOLD)
    }

    pub fn title(self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn dim(self) -> Style {
        self.fg(Color::DarkGray)
    }

    pub fn key(self) -> Style {
        self.fg(Color::Green).add_modifier(Modifier::BOLD)
    }

    pub fn matched(self) -> Style {
        self.fg(Color::LightRed)
            .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }

    pub fn error(self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    pub fn warning(self) -> Style {
        self.fg(Color::Yellow)
    }

    /// The focused pane's border lines: without colour, bold alone barely shows, so the focused
    /// pane is drawn with double lines.
    pub fn border_type(self, focused: bool) -> ratatui::widgets::BorderType {
        if focused && !self.color {
            ratatui::widgets::BorderType::Double
        } else {
            ratatui::widgets::BorderType::Plain
        }
    }

    pub fn border(self, focused: bool) -> Style {
        if focused {
            self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
        } else {
            self.fg(Color::Gray)
        }
    }
}

/// The line that stands for a mode: double for integrated, single for sequential.
pub fn mode_line(mode: Mode) -> &'static str {
    match mode {
        Mode::Integrated => "══>",
        Mode::Sequential => "──>",
    }
}
