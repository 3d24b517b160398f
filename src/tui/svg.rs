//! A drawn screen as an SVG picture, for the README: the explorer's real frames (from ratatui's
//! `TestBackend`) rendered cell by cell, so the pictures are the screens and cannot drift from
//! them (a test compares the committed pictures with fresh ones).

use std::fmt::Write;

use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};

/// Width and height of one cell, in SVG units, for a 14-unit monospace font.
const CELL_W: f64 = 8.4;
const CELL_H: f64 = 17.0;
const FG: &str = "#d4d4d4";
const BG: &str = "#1e1e1e";

/// A colour as a terminal with a dark theme shows it; `None` for the default.
fn hex(color: Color) -> Option<String> {
    Some(
        match color {
            Color::Reset => return None,
            Color::Black => "#000000",
            Color::Red => "#cd3131",
            Color::Green => "#0dbc79",
            Color::Yellow => "#e5e510",
            Color::Blue => "#2472c8",
            Color::Magenta => "#bc3fbc",
            Color::Cyan => "#11a8cd",
            Color::Gray => "#a0a0a0",
            Color::DarkGray => "#767676",
            Color::LightRed => "#f14c4c",
            Color::LightGreen => "#23d18b",
            Color::LightYellow => "#f5f543",
            Color::LightBlue => "#3b8eea",
            Color::LightMagenta => "#d670d6",
            Color::LightCyan => "#29b8db",
            Color::White => "#e5e5e5",
            Color::Rgb(r, g, b) => return Some(format!("#{r:02x}{g:02x}{b:02x}")),
            Color::Indexed(_) => FG,
        }
        .to_string(),
    )
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The buffer as an SVG document: a background, then each row's runs of one style as text.
pub fn render(buffer: &Buffer) -> String {
    let area = buffer.area;
    let (w, h) = (f64::from(area.width) * CELL_W, f64::from(area.height) * CELL_H);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w:.0}\" height=\"{h:.0}\" viewBox=\"0 0 {w:.1} {h:.1}\" \
         font-family=\"DejaVu Sans Mono, Menlo, Consolas, monospace\" font-size=\"14\">"
    );
    let _ = writeln!(out, "<rect width=\"100%\" height=\"100%\" fill=\"{BG}\"/>");
    for y in 0..area.height {
        let mut x = 0;
        while x < area.width {
            // Cells are read relative to the buffer's own area, wherever it starts.
            let cell = &buffer[(area.x + x, area.y + y)];
            let style = (cell.fg, cell.bg, cell.modifier);
            let start = x;
            let mut text = String::new();
            while x < area.width {
                let c = &buffer[(area.x + x, area.y + y)];
                if (c.fg, c.bg, c.modifier) != style {
                    break;
                }
                text.push_str(c.symbol());
                x += 1;
            }
            let reversed = style.2.contains(Modifier::REVERSED);
            let (mut fg, mut bg) = (hex(style.0), hex(style.1));
            if reversed {
                (fg, bg) = (bg.or(Some(BG.into())), fg.or(Some(FG.into())));
            }
            let left = f64::from(start) * CELL_W;
            let top = f64::from(y) * CELL_H;
            if let Some(bg) = bg {
                let width = f64::from(x - start) * CELL_W;
                let _ = writeln!(
                    out,
                    "<rect x=\"{left:.1}\" y=\"{top:.1}\" width=\"{width:.1}\" height=\"{CELL_H:.1}\" fill=\"{bg}\"/>"
                );
            }
            if text.trim().is_empty() {
                continue;
            }
            let weight = if style.2.contains(Modifier::BOLD) {
                " font-weight=\"bold\""
            } else {
                ""
            };
            let _ = writeln!(
                out,
                "<text x=\"{left:.1}\" y=\"{:.1}\" fill=\"{}\"{weight} xml:space=\"preserve\">{}</text>",
                top + CELL_H * 0.78,
                fg.as_deref().unwrap_or(FG),
                escape(&text)
            );
        }
    }
    out.push_str("</svg>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;
    use ratatui::style::Style;

    #[test]
    fn a_buffer_away_from_the_origin_renders_as_one_at_it() {
        let mut at_origin = Buffer::empty(Rect::new(0, 0, 4, 2));
        at_origin.set_string(1, 1, "ab", Style::new().fg(Color::Cyan));
        let mut away = Buffer::empty(Rect::new(5, 3, 4, 2));
        away.set_string(6, 4, "ab", Style::new().fg(Color::Cyan));
        assert_eq!(render(&away), render(&at_origin));
    }

    #[test]
    fn each_run_of_one_style_is_one_text_and_reversed_cells_get_a_background() {
        let mut buffer = Buffer::empty(Rect::new(0, 0, 6, 1));
        buffer.set_string(0, 0, "a<b", Style::new().fg(Color::Cyan));
        buffer.set_string(3, 0, "cd", Style::new().add_modifier(Modifier::REVERSED));
        let svg = render(&buffer);
        assert!(svg.contains(">a&lt;b</text>"), "{svg}");
        assert!(svg.contains("fill=\"#11a8cd\""), "{svg}");
        assert!(
            svg.contains(&format!("fill=\"{FG}\"/>")),
            "reversed: a light background {svg}"
        );
        assert!(
            svg.contains(&format!("fill=\"{BG}\" xml:space=\"preserve\">cd</text>")),
            "{svg}"
        );
        assert_eq!(
            svg.matches("<text").count(),
            2,
            "the trailing blank is not drawn: {svg}"
        );
    }
}
