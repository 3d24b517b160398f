//! The map: the pathway drawn as a ladder, low rungs left, jobs right. Integrated transitions are
//! double lines (`═ ║`), sequential single (`─ │`), each in its own colour, with an arrowhead at
//! the target; the selected box has a heavy border, boxes on the chosen route (or, from the
//! explorer, on the trail) a `◆`.

use ratatui::Frame;

use crate::tui::view::Layer;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect as Area;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use crate::domain::graph::Pathways;
use crate::domain::layout::{Heading, Point, Rect, Step, Zoom};
use crate::domain::model::Mode;
use crate::sanitize::clean;
use crate::tui::app::App;
use crate::tui::screen::explorer::draw::{kind_letter, ramp_marks};
use crate::tui::screen::map::MapState;
use crate::tui::theme::Theme;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// The popup's outer area for a window size.
fn outer(width: u16, height: u16) -> Area {
    Area::new(0, 0, width, height)
}

/// Where map cells are drawn, for a window size: inside the border, below the row of level
/// headings, above the legend.
pub fn viewport(width: u16, height: u16) -> Area {
    let o = outer(width, height);
    Area::new(
        o.x + 1,
        o.y + 2,
        o.width.saturating_sub(2),
        o.height.saturating_sub(5),
    )
}

/// The line glyph for a cell of a connector, by the headings into and out of it.
fn glyph(step: &Step, mode: Mode) -> &'static str {
    use Heading::*;
    let double = mode == Mode::Integrated;
    let shape = match (step.into, step.out) {
        (Some(Left | Right), Some(Left | Right))
        | (None, Some(Left | Right))
        | (Some(Left | Right), None) => '-',
        (Some(Up | Down), Some(Up | Down)) | (None, Some(Up | Down)) | (Some(Up | Down), None) => '|',
        (Some(Right), Some(Down)) | (Some(Up), Some(Left)) => '1',
        (Some(Right), Some(Up)) | (Some(Down), Some(Left)) => '2',
        (Some(Left), Some(Down)) | (Some(Up), Some(Right)) => '3',
        (Some(Left), Some(Up)) | (Some(Down), Some(Right)) => '4',
        (None, None) => '-',
    };
    match (shape, double) {
        ('-', false) => "─",
        ('-', true) => "═",
        ('|', false) => "│",
        ('|', true) => "║",
        ('1', false) => "┐",
        ('1', true) => "╗",
        ('2', false) => "┘",
        ('2', true) => "╝",
        ('3', false) => "┌",
        ('3', true) => "╔",
        (_, false) => "└",
        (_, true) => "╚",
    }
}

fn arrowhead(heading: Heading) -> &'static str {
    match heading {
        Heading::Right => "▶",
        Heading::Left => "◀",
        Heading::Down => "▼",
        Heading::Up => "▲",
    }
}

/// Writes `symbol` at map cell `p` if it falls inside the viewport.
fn put(buf: &mut Buffer, view: Area, map: &MapState, p: Point, symbol: &str, style: Style) {
    if p.x < map.x || p.y < map.y {
        return;
    }
    let (dx, dy) = (p.x - map.x, p.y - map.y);
    if dx >= u32::from(view.width) || dy >= u32::from(view.height) {
        return;
    }
    let (Ok(dx), Ok(dy)) = (u16::try_from(dx), u16::try_from(dy)) else {
        return;
    };
    buf[(view.x + dx, view.y + dy)]
        .set_symbol(symbol)
        .set_style(style);
}

/// Writes text from map cell `p` rightwards in at most `width` cells. A wide character (CJK,
/// emoji) takes two cells and its second cell is left blank for it; a zero-width one joins the
/// character before, so boxes keep their size whatever the script.
fn put_text(buf: &mut Buffer, view: Area, map: &MapState, p: Point, text: &str, width: u32, style: Style) {
    let mut x = 0u32;
    let mut cell = String::new();
    let mut cell_width = 0u32;
    let flush = |buf: &mut Buffer, at: u32, symbol: &str, w: u32| {
        put(buf, view, map, Point::new(p.x + at, p.y), symbol, style);
        if w == 2 {
            put(buf, view, map, Point::new(p.x + at + 1, p.y), "", style);
        }
    };
    for c in text.chars() {
        let w = u32::try_from(UnicodeWidthChar::width(c).unwrap_or(0)).unwrap_or(0);
        if w == 0 {
            cell.push(c);
            continue;
        }
        if !cell.is_empty() {
            flush(buf, x, &cell, cell_width);
            x += cell_width;
        }
        if x + w > width {
            cell.clear();
            return;
        }
        cell = c.to_string();
        cell_width = w;
    }
    if !cell.is_empty() && x + cell_width <= width {
        flush(buf, x, &cell, cell_width);
    }
}

/// Whether a polyline's bounding box meets the viewport.
fn reaches(map: &MapState, view: Area, points: &[Point]) -> bool {
    let (Some(x0), Some(x1)) = (points.iter().map(|p| p.x).min(), points.iter().map(|p| p.x).max()) else {
        return false;
    };
    let (Some(y0), Some(y1)) = (points.iter().map(|p| p.y).min(), points.iter().map(|p| p.y).max()) else {
        return false;
    };
    let bounds = Rect {
        x: x0,
        y: y0,
        width: x1 - x0 + 1,
        height: y1 - y0 + 1,
    };
    visible(map, view, &bounds)
}

/// Whether a box that would fit the view runs past its right edge. Such a box is left out, its
/// lines running to the edge and the ▸ mark counting it: half a box's title reads as a whole
/// one ("Construction labor"). Panning stops at column starts, so the left edge cuts none.
fn cut_at_right(map: &MapState, view: Area, r: &Rect) -> bool {
    let width = u32::from(view.width);
    r.right() > map.x + width && r.width <= width
}

fn visible(map: &MapState, view: Area, r: &Rect) -> bool {
    let v = Rect {
        x: map.x,
        y: map.y,
        width: u32::from(view.width),
        height: u32::from(view.height),
    };
    v.intersects(r)
}

fn draw_box(
    buf: &mut Buffer,
    view: Area,
    map: &MapState,
    p: &Pathways,
    node: petgraph::graph::NodeIndex,
    r: Rect,
    style: BoxStyle,
) {
    let (h, v, tl, tr, bl, br) = if style.selected {
        ("━", "┃", "┏", "┓", "┗", "┛")
    } else {
        ("─", "│", "┌", "┐", "└", "┘")
    };
    let border = style.border;
    for x in r.x..r.right() {
        put(buf, view, map, Point::new(x, r.y), h, border);
        put(buf, view, map, Point::new(x, r.bottom() - 1), h, border);
    }
    for y in r.y..r.bottom() {
        put(buf, view, map, Point::new(r.x, y), v, border);
        put(buf, view, map, Point::new(r.right() - 1, y), v, border);
    }
    put(buf, view, map, Point::new(r.x, r.y), tl, border);
    put(buf, view, map, Point::new(r.right() - 1, r.y), tr, border);
    put(buf, view, map, Point::new(r.x, r.bottom() - 1), bl, border);
    put(
        buf,
        view,
        map,
        Point::new(r.right() - 1, r.bottom() - 1),
        br,
        border,
    );
    if style.on_route {
        put(buf, view, map, Point::new(r.x + 1, r.y), "◆", border);
    }
    let s = p.stage(node);
    let marks = ramp_marks(p, node, s);
    let inner = r.width.saturating_sub(2);
    let lines = r.height.saturating_sub(2);
    // A CTDL pathway's destination carries a flag before its name.
    let flag = if crate::domain::ctdl::is_destination(s) {
        DESTINATION_FLAG
    } else {
        ""
    };
    let text = match map.zoom {
        // The id is what this zoom is for: where kind, marks, a space and the id do not fit
        // on the box's line, the marks give way (the space stays, so the id reads whole).
        Zoom::Compact => {
            let (kind, id) = (kind_letter(s.kind), clean(&s.id));
            let marked = format!("{kind}{} {flag}{id}", marks.trim_end());
            let room = usize::try_from(inner).unwrap_or(0);
            if marked.width() <= room {
                marked
            } else {
                // Too long for its line even so, the id is cut with `…`.
                format!("{kind} {flag}{id}")
            }
        }
        Zoom::Full => format!("{}{} {flag}{}", kind_letter(s.kind), marks, clean(&s.title)),
    };
    let pieces = match map.zoom {
        // An id is one word: cut at the box's end rather than broken onto lines that do not fit.
        Zoom::Compact if lines > 0 => {
            let width = usize::try_from(inner).unwrap_or(0);
            vec![crate::format::fit(&text, width).trim_end().to_string()]
        }
        _ => wrap_cells(&text, inner, lines),
    };
    for (line, piece) in pieces.iter().enumerate() {
        let y = r.y + 1 + u32::try_from(line).unwrap_or(0);
        put_text(buf, view, map, Point::new(r.x + 1, y), piece, inner, style.text);
    }
}

/// The mark of a CTDL pathway's destination on the map.
const DESTINATION_FLAG: &str = "⚑ ";

/// `text` wrapped at spaces into at most `lines` pieces of at most `width` cells each (a word
/// longer than a line is cut); the last piece ends in `…` when text is left over.
fn wrap_cells(text: &str, width: u32, lines: u32) -> Vec<String> {
    let width = usize::try_from(width).unwrap_or(0);
    let lines = usize::try_from(lines).unwrap_or(0);
    if width == 0 || lines == 0 {
        return Vec::new();
    }
    // Every piece that greedy word wrapping gives, long words cut at the width.
    let mut pieces: Vec<String> = Vec::new();
    let mut piece = String::new();
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let mut word = word.to_string();
        let room = if piece.is_empty() {
            width
        } else {
            width.saturating_sub(piece.width() + 1)
        };
        if word.width() <= room {
            if !piece.is_empty() {
                piece.push(' ');
            }
            piece.push_str(&word);
            continue;
        }
        if !piece.is_empty() {
            pieces.push(std::mem::take(&mut piece));
        }
        while word.width() > width {
            let mut head = String::new();
            let mut rest = word.chars().peekable();
            while let Some(&c) = rest.peek() {
                if head.width() + UnicodeWidthChar::width(c).unwrap_or(0) > width {
                    break;
                }
                head.push(c);
                rest.next();
            }
            if head.is_empty() {
                // A character wider than the box: nothing of it fits.
                return pieces.into_iter().take(lines).collect();
            }
            pieces.push(head);
            word = rest.collect();
        }
        piece = word;
    }
    if !piece.is_empty() {
        pieces.push(piece);
    }
    if pieces.len() > lines {
        pieces.truncate(lines);
        if let Some(last) = pieces.last_mut() {
            while last.width() + 1 > width {
                last.pop();
            }
            last.push('…');
        }
    }
    pieces
}

#[derive(Clone, Copy)]
struct BoxStyle {
    selected: bool,
    on_route: bool,
    border: Style,
    text: Style,
}

pub fn draw(app: &App, map: &MapState, frame: &mut Frame, layer: Layer) {
    let theme = app.theme;
    let p = &app.pathways;
    let area = outer(frame.area().width, frame.area().height);
    frame.render_widget(Clear, area);
    // The route marked: the route finder's chosen one on a map opened from the finder, else the
    // trail, once a step is walked.
    let (route, marked) = if app.map_over_routes() {
        (app.selected_route().cloned(), "◆ on the chosen route")
    } else {
        (
            app.whole_trail_route().filter(|r| r.stages().len() > 1),
            "◆ on the trail",
        )
    };
    let route = route.as_ref();
    let on_route = |n| route.is_some_and(|r| r.stages().contains(&n));
    let edge_on_route = |e| route.is_some_and(|r| r.transitions().contains(&e));
    let zoom = match map.zoom {
        Zoom::Full => "titles",
        Zoom::Compact => "ids",
    };
    let view = viewport(area.width, area.height);
    let facts = format!(
        " · {} stages · {}{} ",
        map.layout.boxes().len(),
        zoom,
        off_screen_words(map, view)
    );
    let title = map_title(&clean(&map.title(p)), &facts, usize::from(area.width));
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border(true))
        .title(title)
        .title_bottom(crate::tui::view::screen_hint_line(app, layer));
    frame.render_widget(block, area);
    let buf = frame.buffer_mut();
    for c in map.layout.connectors() {
        // Only connectors that reach into the viewport are drawn: a big sector has thousands.
        if !reaches(map, view, &c.points) {
            continue;
        }
        let highlighted = edge_on_route(c.edge);
        let mut style = theme.mode(c.mode);
        if highlighted {
            style = route_style(theme, style);
        }
        for step in c.steps() {
            put(buf, view, map, step.at, glyph(&step, c.mode), style);
        }
        if let Some((at, heading)) = c.arrow() {
            put(buf, view, map, at, arrowhead(heading), style);
        }
    }
    for (node, r) in map.layout.boxes() {
        if !visible(map, view, &r) {
            continue;
        }
        if cut_at_right(map, view, &r) {
            // Left out, but its ground kept clear as the box would: no line runs on inside it.
            for y in r.y..r.bottom() {
                for x in r.x..r.right() {
                    put(buf, view, map, Point::new(x, y), " ", Style::new());
                }
            }
            continue;
        }
        let selected = node == map.selected;
        let on = on_route(node);
        let mut border = if selected {
            theme.border(true)
        } else {
            theme.border(false)
        };
        if on {
            border = route_style(theme, border);
        }
        let text = if selected { theme.title() } else { Style::new() };
        draw_box(
            buf,
            view,
            map,
            p,
            node,
            r,
            BoxStyle {
                selected,
                on_route: on,
                border,
                text,
            },
        );
    }
    draw_headings(buf, view, map, theme);
    draw_edge_marks(buf, view, map, theme);
    let mut legend = Line::from(vec![
        Span::styled("══▶ integrated", theme.mode(Mode::Integrated)),
        Span::raw("  "),
        Span::styled("──▶ sequential", theme.mode(Mode::Sequential)),
    ]);
    // Most telling first; each mark is shown whole or not at all (a narrow screen drops the
    // ones every map has).
    let mut marks = Vec::new();
    if map.has_destination {
        marks.push(format!("{DESTINATION_FLAG}destination"));
    }
    marks.push("┏━┓ selected".to_string());
    if route.is_some() {
        marks.push(marked.to_string());
    }
    marks.extend(["» on-ramp", "« off-ramp", "E T W J: education training work job"].map(String::from));
    let mut room = usize::from(view.width).saturating_sub(legend.width());
    for mark in marks {
        let cells = 2 + unicode_width::UnicodeWidthStr::width(mark.as_str());
        if cells <= room {
            room -= cells;
            legend.push_span(Span::raw(format!("  {mark}")));
        }
    }
    let legend_area = Area::new(view.x, view.y + view.height, view.width, 1);
    frame.render_widget(Paragraph::new(legend), legend_area);
    let s = p.stage(map.selected);
    if let Some(note) = &map.note {
        let line = Line::styled(clean(note).into_owned(), theme.warning());
        frame.render_widget(
            Paragraph::new(line),
            Area::new(view.x, view.y + view.height + 1, view.width, 1),
        );
        return;
    }
    let facts = format!("  ({}, {}, level {})", clean(&s.id), s.kind, s.level);
    let detail = Line::from(vec![
        Span::styled("> ", theme.title()),
        Span::styled(
            detail_title(&clean(&s.title), &facts, usize::from(view.width)),
            theme.title(),
        ),
        Span::styled(facts, theme.dim()),
    ]);
    frame.render_widget(
        Paragraph::new(detail),
        Area::new(view.x, view.y + view.height + 1, view.width, 1),
    );
}

/// The selected stage's title for the line under the map, shortened (with …) so that its id,
/// kind and level after it always show.
fn detail_title(title: &str, facts: &str, width: usize) -> String {
    let room = width.saturating_sub(2 + unicode_width::UnicodeWidthStr::width(facts));
    crate::format::fit(title, room.max(1)).trim_end().to_string()
}

/// The map's border title in `width` columns: the sector's name shortened (with …) before the
/// counts and the off-screen marks, which say where the rest of the map is.
fn map_title(sector: &str, facts: &str, width: usize) -> String {
    let fixed = " Map: ".len() + unicode_width::UnicodeWidthStr::width(facts);
    // Two columns for the box's corners.
    let room = width.saturating_sub(fixed + 2).max(1);
    // `fit` pads to the width; a title has no use for the padding.
    format!(" Map: {}{facts}", crate::format::fit(sector, room).trim_end())
}

/// The boxes out of view, by side, for the title: ` · off screen ◂ 3 ▸ 5 ▾ 2` (empty when the
/// whole map is in view).
fn off_screen_words(map: &MapState, view: Area) -> String {
    let (right_edge, bottom_edge) = (map.x + u32::from(view.width), map.y + u32::from(view.height));
    let mut counts = [0usize; 4];
    for (_, r) in map.layout.boxes() {
        counts[0] += usize::from(r.x < map.x);
        counts[1] += usize::from(r.right() > right_edge);
        counts[2] += usize::from(r.y < map.y);
        counts[3] += usize::from(r.bottom() > bottom_edge);
    }
    let words: Vec<String> = ["◂", "▸", "▴", "▾"]
        .iter()
        .zip(counts)
        .filter(|&(_, n)| n > 0)
        .map(|(mark, n)| format!("{mark} {n}"))
        .collect();
    if words.is_empty() {
        String::new()
    } else {
        format!(" · off screen {}", words.join(" "))
    }
}

/// The row above the map: each column's level ("Level 2", "Level 2 jobs") over the part of it
/// in view, so a learner reads the rungs without opening a box.
fn draw_headings(buf: &mut Buffer, view: Area, map: &MapState, theme: Theme) {
    let (Some(y), left, right) = (view.y.checked_sub(1), map.x, map.x + u32::from(view.width)) else {
        return;
    };
    for col in map.layout.columns() {
        let (start, end) = (col.x.max(left), (col.x + col.width).min(right));
        if start >= end {
            continue;
        }
        let label = if col.jobs {
            format!("Level {} jobs", col.level)
        } else {
            format!("Level {}", col.level)
        };
        let (Ok(x), Ok(room)) = (u16::try_from(start - left), usize::try_from(end - start)) else {
            continue;
        };
        buf.set_stringn(view.x + x, y, label, room, theme.dim());
    }
}

/// `◂` and `▸` on the side borders beside each box that runs out of view that way.
fn draw_edge_marks(buf: &mut Buffer, view: Area, map: &MapState, theme: Theme) {
    let (right_edge, bottom_edge) = (map.x + u32::from(view.width), map.y + u32::from(view.height));
    let (Some(left_border), right_border) = (view.x.checked_sub(1), view.x + view.width) else {
        return;
    };
    for (_, r) in map.layout.boxes() {
        if r.bottom() <= map.y || r.y >= bottom_edge {
            continue;
        }
        let mid = (r.y + r.height / 2).clamp(map.y, bottom_edge - 1);
        let Ok(row) = u16::try_from(mid - map.y) else {
            continue;
        };
        if r.x < map.x {
            buf[(left_border, view.y + row)]
                .set_symbol("◂")
                .set_style(theme.key());
        }
        if r.right() > right_edge && right_border < buf.area.right() {
            buf[(right_border, view.y + row)]
                .set_symbol("▸")
                .set_style(theme.key());
        }
    }
}

fn route_style(theme: Theme, base: Style) -> Style {
    if theme.color {
        base.fg(ratatui::style::Color::LightGreen)
            .add_modifier(Modifier::BOLD)
    } else {
        base.add_modifier(Modifier::BOLD)
    }
}

#[cfg(test)]
mod tests {
    use super::{detail_title, map_title, wrap_cells};

    #[test]
    fn the_map_title_shortens_the_sector_and_keeps_the_counts_and_marks() {
        let facts = " · 46 stages · titles · off screen ▸ 30 ▾ 12 ";
        let sector = "Adult education (shared by all sectors)";
        let title = map_title(sector, facts, 80);
        let cells = unicode_width::UnicodeWidthStr::width(title.as_str());
        assert!(cells <= 78, "{title} ({cells})");
        assert!(title.ends_with(facts), "{title}");
        assert!(title.contains("Adult education"), "{title}");
        assert!(title.contains('…'), "{title}");
        // With room, the whole name.
        assert_eq!(map_title(sector, facts, 200), format!(" Map: {sector}{facts}"));
    }

    #[test]
    fn the_detail_line_shortens_the_title_and_keeps_the_facts() {
        let facts = "  (f-abe-4, education, level 0)";
        let title = "ABE Level 4 class (High Intermediate Basic Education)";
        let shown = detail_title(title, facts, 78);
        assert_eq!(
            unicode_width::UnicodeWidthStr::width(format!("> {shown}{facts}").as_str()),
            78
        );
        assert!(shown.ends_with('…'), "{shown}");
        assert_eq!(detail_title("Welder", facts, 78), "Welder");
    }

    #[test]
    fn box_titles_break_at_spaces_and_say_when_they_are_cut() {
        assert_eq!(
            wrap_cells("T»« Pharmacy technician training program", 22, 2),
            ["T»« Pharmacy", "technician training…"]
        );
        assert_eq!(wrap_cells("J Nurse", 22, 2), ["J Nurse"]);
        // A word longer than the box is cut at the box's width.
        assert_eq!(
            wrap_cells("Supercalifragilistic", 8, 3),
            ["Supercal", "ifragili", "stic"]
        );
        assert_eq!(wrap_cells("a b", 0, 2), Vec::<String>::new());
        for width in 1..30 {
            for piece in wrap_cells(
                "Integrated English Literacy and Civics Education (IELCE)",
                width,
                2,
            ) {
                assert!(
                    unicode_width::UnicodeWidthStr::width(piece.as_str()) <= width as usize,
                    "{width}: {piece}"
                );
            }
        }
    }
}
