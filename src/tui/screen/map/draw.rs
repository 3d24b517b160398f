//! The map: the pathway drawn as a ladder, low rungs left, jobs right. Integrated transitions are
//! double lines (`═ ║`), sequential single (`─ │`), each in its own colour, with an arrowhead at
//! the target; the selected box has a heavy border, boxes on the chosen route a `◆`.

use ratatui::Frame;
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

/// Where map cells are drawn, for a window size: inside the border, above the legend.
pub fn viewport(width: u16, height: u16) -> Area {
    let o = outer(width, height);
    Area::new(
        o.x + 1,
        o.y + 1,
        o.width.saturating_sub(2),
        o.height.saturating_sub(4),
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
        Zoom::Compact => format!(
            "{}{}{flag}{}",
            kind_letter(s.kind),
            marks.trim_end(),
            clean(&s.id)
        ),
        Zoom::Full => format!("{}{} {flag}{}", kind_letter(s.kind), marks, clean(&s.title)),
    };
    for (line, piece) in wrap_cells(&text, inner, lines).iter().enumerate() {
        let y = r.y + 1 + u32::try_from(line).unwrap_or(0);
        put_text(buf, view, map, Point::new(r.x + 1, y), piece, inner, style.text);
    }
}

/// The mark of a CTDL pathway's destination on the map.
const DESTINATION_FLAG: &str = "⚑ ";

/// `text` cut into at most `lines` pieces of at most `width` cells each; the last piece ends in
/// `…` when text is left over.
fn wrap_cells(text: &str, width: u32, lines: u32) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut piece = String::new();
    let mut used = 0u32;
    for c in text.chars() {
        let w = u32::try_from(UnicodeWidthChar::width(c).unwrap_or(0)).unwrap_or(0);
        if used + w > width {
            out.push(std::mem::take(&mut piece));
            used = 0;
            if u32::try_from(out.len()).unwrap_or(u32::MAX) == lines {
                if let Some(last) = out.last_mut() {
                    while UnicodeWidthStr::width(last.as_str()) + 1 > usize::try_from(width).unwrap_or(0) {
                        last.pop();
                    }
                    last.push('…');
                }
                return out;
            }
        }
        piece.push(c);
        used += w;
    }
    if !piece.is_empty() && u32::try_from(out.len()).unwrap_or(u32::MAX) < lines {
        out.push(piece);
    }
    out
}

#[derive(Clone, Copy)]
struct BoxStyle {
    selected: bool,
    on_route: bool,
    border: Style,
    text: Style,
}

pub fn draw(app: &App, map: &MapState, frame: &mut Frame) {
    let theme = app.theme;
    let p = &app.pathways;
    let area = outer(frame.area().width, frame.area().height);
    frame.render_widget(Clear, area);
    let route = app.selected_route();
    let on_route = |n| route.is_some_and(|r| r.stages().contains(&n));
    let edge_on_route = |e| route.is_some_and(|r| r.transitions().contains(&e));
    let zoom = match map.zoom {
        Zoom::Full => "titles",
        Zoom::Compact => "ids",
    };
    let title = format!(
        " Map: {} · {} stages · {} ",
        clean(&map.title(p)),
        map.layout.boxes().len(),
        zoom
    );
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border(true))
        .title(title)
        .title_bottom(crate::tui::view::hint_line(app));
    frame.render_widget(block, area);
    let view = viewport(area.width, area.height);
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
    let mut legend = Line::from(vec![
        Span::styled("══▶ integrated", theme.mode(Mode::Integrated)),
        Span::raw("  "),
        Span::styled("──▶ sequential", theme.mode(Mode::Sequential)),
    ]);
    // Before the marks every map has, so that a narrow screen cuts those instead.
    if map.has_destination {
        legend.push_span(Span::raw(format!("  {DESTINATION_FLAG}destination")));
    }
    legend.push_span(Span::raw(
        "  ┏━┓ selected  ◆ on the chosen route  » on-ramp  « off-ramp  E T W J: education training work job",
    ));
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
    let detail = Line::from(vec![
        Span::styled("> ", theme.title()),
        Span::styled(clean(&s.title).into_owned(), theme.title()),
        Span::styled(
            format!("  ({}, {}, level {})", clean(&s.id), s.kind, s.level),
            theme.dim(),
        ),
    ]);
    frame.render_widget(
        Paragraph::new(detail),
        Area::new(view.x, view.y + view.height + 1, view.width, 1),
    );
}

fn route_style(theme: Theme, base: Style) -> Style {
    if theme.color {
        base.fg(ratatui::style::Color::LightGreen)
            .add_modifier(Modifier::BOLD)
    } else {
        base.add_modifier(Modifier::BOLD)
    }
}
