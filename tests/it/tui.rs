//! The explorer on ratatui's `TestBackend`: screens (with styles), key sequences, the mouse.

use std::sync::Arc;
use std::time::Duration;

use pathways::domain::load::load;
use pathways::domain::model::Mode;
use pathways::domain::shipped;
use pathways::tui::app::{App, Pane, Screen};
use pathways::tui::keys::Action;
use pathways::tui::theme::Theme;
use pathways::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::style::{Color, Modifier};

fn app(color: bool) -> App {
    let loaded = load(&shipped::inputs()).expect("shipped data loads");
    let mut app = App::new(Arc::new(loaded.pathways), loaded.benchmarks, Theme { color });
    app.resize(120, 40);
    app
}

fn render(app: &App) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(app.width, app.height)).expect("terminal");
    terminal.draw(|f| view::draw(app, f)).expect("draw");
    terminal.backend().buffer().clone()
}

fn text(buffer: &Buffer) -> String {
    let area = buffer.area;
    let mut out = String::new();
    for y in 0..area.height {
        let mut line = String::new();
        let mut skip = 0;
        for x in 0..area.width {
            // A wide character covers the next cell too: print it once, as a terminal shows it.
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let symbol = buffer[(x, y)].symbol();
            skip = unicode_width::UnicodeWidthStr::width(symbol).saturating_sub(1);
            line.push_str(symbol);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn key(app: &mut App, code: KeyCode) {
    app.handle(&Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        key(app, KeyCode::Char(c));
    }
}

fn current_id(app: &App) -> String {
    app.pathways.stage(app.current()).id.clone()
}

/// Jumps to a stage by id, as a search would.
fn go_to(app: &mut App, id: &str) {
    let node = app.pathways.find(id).expect("stage exists");
    app.jump(node);
}

/// Finds the cell where `needle` starts on screen.
fn find(buffer: &Buffer, needle: &str) -> Option<(u16, u16)> {
    let t = text(buffer);
    t.lines().enumerate().find_map(|(y, line)| {
        line.find(needle).map(|byte| {
            let x = line[..byte].chars().count();
            (u16::try_from(x).unwrap(), u16::try_from(y).unwrap())
        })
    })
}

#[test]
fn explorer_screen_snapshot() {
    let mut app = app(true);
    go_to(&mut app, "f-esl-3");
    insta::assert_snapshot!("explorer_esl3", text(&render(&app)));
}

#[test]
fn integrated_and_sequential_are_drawn_differently_in_colour_and_line() {
    let mut app = app(true);
    go_to(&mut app, "f-esl-3");
    let buffer = render(&app);
    let integrated = find(&buffer, "══> integrated").expect("an integrated transition is listed");
    let sequential = find(&buffer, "──> sequential").expect("a sequential transition is listed");
    let style_at = |(x, y): (u16, u16)| buffer[(x, y)].style();
    assert_eq!(style_at(integrated).fg, Some(Color::Cyan));
    assert!(style_at(integrated).add_modifier.contains(Modifier::BOLD));
    assert_eq!(style_at(sequential).fg, Some(Color::Yellow));
    assert_ne!(style_at(integrated), style_at(sequential));
}

#[test]
fn no_color_rendering_has_no_colours_and_still_marks_selection_and_modes() {
    let mut app = app(false);
    go_to(&mut app, "f-esl-3");
    let buffer = render(&app);
    for cell in buffer.content() {
        assert!(matches!(cell.fg, Color::Reset), "a coloured cell: {cell:?}");
        assert!(matches!(cell.bg, Color::Reset), "a coloured cell: {cell:?}");
    }
    let screen = text(&buffer);
    assert!(
        screen.contains(">    E 0 ESL Level 3 class") || screen.contains("> »  E 0 ESL Level 3 class"),
        "{screen}"
    );
    assert!(screen.contains("══> integrated"));
    assert!(screen.contains("──> sequential"));
    // The focused pane is drawn in double lines, the others in single: focus shows without colour.
    assert!(screen.contains("╔ Stages"), "{screen}");
    assert!(
        screen.contains("┌ Trail") && screen.contains("┌ Transitions"),
        "{screen}"
    );
    key(&mut app, KeyCode::Tab);
    assert!(text(&render(&app)).contains("╔ Details"));
    key(&mut app, KeyCode::Tab);
    let screen = text(&render(&app));
    assert!(
        screen.contains("╔ Transitions") && screen.contains("┌ Stages"),
        "{screen}"
    );
}

#[test]
fn walk_three_steps_and_back_two() {
    let mut app = app(true);
    go_to(&mut app, "f-esl-3");
    key(&mut app, KeyCode::Right);
    assert_eq!(app.explorer.focus, Pane::Transitions);
    let mut walked = vec![current_id(&app)];
    for _ in 0..3 {
        let (out, _) = app.links();
        assert!(!out.is_empty(), "{} has somewhere to go", current_id(&app));
        let next = app.pathways.stage(out[0].other).id.clone();
        key(&mut app, KeyCode::Enter);
        assert_eq!(current_id(&app), next);
        walked.push(next);
    }
    assert_eq!(app.explorer.trail.steps.len(), 4);
    let screen = text(&render(&app));
    assert!(screen.contains("step 4 of 4"), "{screen}");
    key(&mut app, KeyCode::Backspace);
    key(&mut app, KeyCode::Backspace);
    assert_eq!(current_id(&app), walked[1]);
    assert!(text(&render(&app)).contains("step 2 of 4"));
    // Forward again; walking the same transition again keeps the steps ahead.
    key(&mut app, KeyCode::Char(']'));
    assert_eq!(current_id(&app), walked[2]);
    key(&mut app, KeyCode::Char('['));
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.explorer.trail.steps.len(), 4);
    assert_eq!(current_id(&app), walked[2]);
}

/// What help and the hint bar say about keys is what the keys do: j and k are letters in the
/// search, the route finder takes no Bksp, Space on the list of routes says where it works, and
/// the help scrolls by line and by page but never past its end.
#[test]
fn the_keys_say_what_they_do() {
    use pathways::tui::keys::{Context, help_rows};
    let search: Vec<_> = help_rows(Context::Search).map(|(k, _)| k).collect();
    assert!(
        !search
            .iter()
            .any(|k| k.split('/').any(|one| one == "j" || one == "k")),
        "{search:?}"
    );
    assert!(search.contains(&"↑") && search.contains(&"↓"), "{search:?}");
    let routes: Vec<_> = help_rows(Context::Routes).map(|(k, _)| k).collect();
    assert!(!routes.contains(&"Bksp"), "{routes:?}");
    let mut app = app(true);
    key(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "jk");
    let Screen::Search(state) = &app.screen else {
        panic!("search")
    };
    assert_eq!(state.query, "jk");
    // Space on the routes found.
    let mut app = self::app(true);
    walk_a_route_to_rn(&mut app);
    key(&mut app, KeyCode::Char('r'));
    key(&mut app, KeyCode::Char(' '));
    assert!(text(&render(&app)).contains("Space changes a choice of the form: Tab goes back to it."));
    // The help at 80x24: End shows its last line; nothing scrolls past it.
    let mut app = self::app(true);
    app.resize(80, 24);
    key(&mut app, KeyCode::Char('?'));
    let last = "✓ the learner can start here now";
    assert!(!text(&render(&app)).contains(last));
    key(&mut app, KeyCode::End);
    let end = text(&render(&app));
    assert!(end.contains(last), "{end}");
    for code in [KeyCode::PageDown, KeyCode::Down, KeyCode::Char('j')] {
        key(&mut app, code);
        assert_eq!(text(&render(&app)), end, "{code:?} scrolls past the end");
    }
    key(&mut app, KeyCode::Up);
    assert_ne!(text(&render(&app)), end, "up scrolls one line back");
    key(&mut app, KeyCode::Home);
    assert!(text(&render(&app)).contains("Explorer"));
}

/// The audit keeps its place: Enter on a finding goes to its stage and says the fix there; `a`
/// opens the audit again at the same finding, with the same filter.
#[test]
fn the_audit_keeps_its_place_and_its_fix() {
    let mut app = app(true);
    key(&mut app, KeyCode::Char('a'));
    let findings = app.findings.clone().expect("the audit ran");
    let i = (3..findings.len())
        .find(|&i| findings[i].stage.is_some())
        .expect("a stage finding after the first few");
    for _ in 0..i {
        key(&mut app, KeyCode::Down);
    }
    key(&mut app, KeyCode::Enter);
    assert!(matches!(app.screen, Screen::Explorer));
    assert_eq!(
        app.pathways.stage(app.current()).id,
        findings[i].stage.clone().unwrap_or_default()
    );
    let fix = format!("To fix: {}", findings[i].fix);
    let shown: String = fix.chars().take(60).collect();
    assert!(text(&render(&app)).contains(&shown), "{shown}");
    key(&mut app, KeyCode::Char('a'));
    let Screen::Audit(state) = &app.screen else {
        panic!("audit")
    };
    assert_eq!(state.selected, i);
    key(&mut app, KeyCode::Char('f'));
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('a'));
    let Screen::Audit(state) = &app.screen else {
        panic!("audit")
    };
    assert!(state.filter.is_some(), "the filter is kept");
}

/// In the list of every reachable job, each row starts with its job, so 80 columns cut the route
/// behind it, never the job.
#[test]
fn at_80x24_the_list_of_jobs_keeps_each_job() {
    let mut app = app(true);
    app.resize(80, 24);
    key(&mut app, KeyCode::Char('r'));
    assert!(
        app.routes
            .as_ref()
            .is_some_and(|r| r.goal == pathways::tui::screen::routes::GoalChoice::AnyJob)
    );
    for _ in 0..4 {
        key(&mut app, KeyCode::Down);
    }
    key(&mut app, KeyCode::Enter);
    let screen = text(&render(&app));
    let results = app.routes.as_ref().map(|r| r.results.clone()).unwrap_or_default();
    assert!(results.len() >= 3, "{screen}");
    for (i, route) in results.iter().take(3).enumerate() {
        let title = &app.pathways.stage(route.target()).title;
        let short: String = title.chars().take(20).collect();
        assert!(
            screen
                .lines()
                .any(|l| l.contains(&format!("{:>2}. {short}", i + 1))),
            "row {} starts with {title}:\n{screen}",
            i + 1
        );
    }
}

/// The README's pictures are the real screens: the route finder with routes to the RN job, the
/// explorer after walking the first, and its sector's map, at 120x40, drawn to SVG. The committed
/// files must match; `PATHWAYS_UPDATE_PICTURES=1 cargo test --test it readme_pictures` redraws
/// them after a change to what the screens show.
#[test]
fn readme_pictures_are_the_real_screens() {
    let mut app = app(true);
    find_routes_to_rn(&mut app);
    let routes = pathways::tui::svg::render(&render(&app));
    key(&mut app, KeyCode::Enter);
    assert!(matches!(app.screen, Screen::Explorer));
    let explorer = pathways::tui::svg::render(&render(&app));
    key(&mut app, KeyCode::Char('m'));
    let map = pathways::tui::svg::render(&render(&app));
    let update = std::env::var_os("PATHWAYS_UPDATE_PICTURES").is_some();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets");
    let mut stale = Vec::new();
    for (name, svg) in [("explorer", explorer), ("route-finder", routes), ("map", map)] {
        let path = dir.join(format!("{name}.svg"));
        if update {
            std::fs::write(&path, &svg).expect("write the picture");
        } else if std::fs::read_to_string(&path).ok().as_deref() != Some(svg.as_str()) {
            stale.push(path.display().to_string());
        }
    }
    assert!(
        stale.is_empty(),
        "pictures that no longer show the screens: {stale:?}; redraw them with \
         PATHWAYS_UPDATE_PICTURES=1 cargo test --test it readme_pictures"
    );
}

/// Opens the route finder, picks the registered nurse job as the goal by search and finds routes.
fn find_routes_to_rn(app: &mut App) {
    key(app, KeyCode::Char('r'));
    key(app, KeyCode::Down);
    key(app, KeyCode::Char('/'));
    type_text(app, "hc-rn-job");
    app.settle_search();
    key(app, KeyCode::Enter);
    for _ in 0..3 {
        key(app, KeyCode::Down);
    }
    key(app, KeyCode::Enter);
}

/// Esc from a map opened in the route finder goes back to the route finder, with its routes.
#[test]
fn esc_from_a_map_opened_in_the_route_finder_goes_back_there() {
    let mut app = app(true);
    find_routes_to_rn(&mut app);
    key(&mut app, KeyCode::Char('m'));
    assert!(matches!(app.screen, Screen::Map(_)));
    key(&mut app, KeyCode::Esc);
    assert!(matches!(app.screen, Screen::Routes));
    assert!(app.routes.as_ref().is_some_and(|r| !r.results.is_empty()));
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('m'));
    key(&mut app, KeyCode::Esc);
    assert!(
        matches!(app.screen, Screen::Explorer),
        "from the explorer, back to the explorer"
    );
}

/// Finds routes to the registered nurse job in the route finder and walks the first one.
fn walk_a_route_to_rn(app: &mut App) {
    find_routes_to_rn(app);
    key(app, KeyCode::Enter);
    assert!(matches!(app.screen, Screen::Explorer), "the route is walked");
    assert_eq!(current_id(app), "hc-rn-job");
}

/// A route walked from the finder keeps the totals the finder gave it: its first stage, which
/// she takes (a route from her level), counts there, unknown length and all.
#[test]
fn a_walked_route_keeps_the_totals_the_finder_gave_it() {
    let mut app = app(true);
    app.resize(160, 40);
    find_routes_to_rn(&mut app);
    let route = app.routes.as_ref().expect("finder").results[0].clone();
    let legs = route.legs(&app.pathways);
    let total = format!(
        "total {} wk, {}",
        pathways::format::weeks_marked(route.weeks, legs.iter().any(|l| l.weeks_unknown)),
        pathways::format::cost_marked(route.cost_usd, legs.iter().any(|l| l.cost_unknown)),
    );
    assert!(
        total.contains("+? wk"),
        "the first stage's length is not in the data: {total}"
    );
    let segments: Vec<String> = route
        .segments(&app.pathways)
        .iter()
        .map(pathways::format::segment)
        .collect();
    let strip = segments.join(" -> ");
    assert!(strip.starts_with("[integrated 11+? wk]"), "{strip}");
    key(&mut app, KeyCode::Enter);
    assert!(matches!(app.screen, Screen::Explorer), "the route is walked");
    let screen = text(&render(&app));
    assert!(
        screen.contains(&format!("{strip}   {total}")),
        "{strip} {total} not on the trail:\n{screen}"
    );
}

/// At 80x24 the trail's totals show whole (the segments then say their modes by their lines),
/// and before the trail's last step they say they are the figures so far.
#[test]
fn the_trail_totals_fit_at_80x24_and_say_so_far_before_the_end() {
    let mut app = app(true);
    app.resize(80, 24);
    walk_a_route_to_rn(&mut app);
    let screen = text(&render(&app));
    assert!(
        screen.contains("[═ 11+? wk] -> [─ 104+? wk]   total 115+? wk, $11,580+?"),
        "{screen}"
    );
    key(&mut app, KeyCode::Char('['));
    key(&mut app, KeyCode::Char('['));
    let screen = text(&render(&app));
    assert!(screen.contains("step 4 of 6"), "{screen}");
    assert!(
        screen.contains("so far ") && !screen.contains("total "),
        "{screen}"
    );
    app.resize(160, 40);
    let screen = text(&render(&app));
    assert!(
        screen.contains("[integrated 11+? wk]"),
        "wide enough for the words: {screen}"
    );
}

fn trail_ids(app: &App) -> Vec<String> {
    let p = &app.pathways;
    app.explorer
        .trail
        .steps
        .iter()
        .map(|s| p.stage(s.node).id.clone())
        .collect()
}

/// The trail is the session's memory: moving in the stage list or clicking a stage only looks
/// at it; `[` comes back; walking from a stage off the trail is refused with what to do; `n`
/// starts a new trail on purpose.
#[test]
fn browsing_never_loses_the_trail() {
    let mut app = app(true);
    walk_a_route_to_rn(&mut app);
    let walked = trail_ids(&app);
    assert!(walked.len() >= 4, "{walked:?}");
    // j/k in the stage list.
    key(&mut app, KeyCode::Tab);
    assert_eq!(app.explorer.focus, Pane::Stages);
    key(&mut app, KeyCode::Char('j'));
    key(&mut app, KeyCode::Char('j'));
    assert_ne!(current_id(&app), "hc-rn-job");
    assert_eq!(trail_ids(&app), walked);
    let screen = text(&render(&app));
    let title = app.pathways.stage(app.current()).title.clone();
    assert!(
        screen.contains(&format!(
            "Off the trail: [ back to step {} of {}, n starts a new trail at {title}",
            walked.len(),
            walked.len()
        )),
        "{screen}"
    );
    // Walking from here is refused, and says how to go on.
    key(&mut app, KeyCode::Right);
    let before = app.explorer.trail.clone();
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.explorer.trail, before);
    let screen = text(&render(&app));
    assert!(
        screen.contains("is not on the trail: n starts a new trail here"),
        "{screen}"
    );
    // `[` comes back to the trail where it was.
    key(&mut app, KeyCode::Char('['));
    assert_eq!(current_id(&app), "hc-rn-job");
    assert!(text(&render(&app)).contains(&format!("step {} of {}", walked.len(), walked.len())));
    // A click on a stage looks at it too; the trail stays.
    let list = app.areas().list;
    for row in list.y + 1..list.y + list.height - 1 {
        app.handle(&Event::Mouse(MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column: list.x + 4,
            row,
            modifiers: KeyModifiers::NONE,
        }));
        if current_id(&app) != "hc-rn-job" {
            break;
        }
    }
    assert_ne!(current_id(&app), "hc-rn-job", "a click looks at another stage");
    assert_eq!(trail_ids(&app), walked);
    // A search's jump too.
    key(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "welder");
    app.settle_search();
    key(&mut app, KeyCode::Enter);
    assert!(matches!(app.screen, Screen::Explorer));
    assert_eq!(trail_ids(&app), walked);
    // `n` starts a new trail at the stage shown.
    let here = current_id(&app);
    key(&mut app, KeyCode::Char('n'));
    assert_eq!(trail_ids(&app), std::slice::from_ref(&here));
    assert!(text(&render(&app)).contains("A new trail starts here."));
    key(&mut app, KeyCode::Char('n'));
    assert!(text(&render(&app)).contains("This trail is new already"));
    // A trail with nothing walked follows the list, as there is nothing to lose.
    key(&mut app, KeyCode::Char('j'));
    assert_eq!(trail_ids(&app), [current_id(&app)]);
    assert_ne!(current_id(&app), here);
}

/// The route finder says of the selected route what `pathways route` says of it: the totals,
/// the earnings on the way and, for the best route, what integration changes; and where she is
/// first paid.
#[test]
fn the_route_finder_says_what_the_command_line_says() {
    let cli = crate::support::stdout(&crate::support::pathways(&[
        "route",
        "--from",
        "ESL 3",
        "--to",
        "hc-rn-job",
        "-k",
        "3",
    ]));
    let said = |prefix: &str| -> String {
        let line = cli
            .lines()
            .map(str::trim)
            .find(|l| l.starts_with(prefix))
            .unwrap_or_else(|| panic!("{prefix:?} in {cli}"));
        line.to_string()
    };
    let mut app = app(true);
    app.resize(160, 50);
    find_routes_to_rn(&mut app);
    let screen = text(&render(&app));
    let total = said("Total: ");
    assert!(
        screen.contains(&format!(
            "{total} · first pay: step 3, Nursing assistant, after 11+? wk"
        )),
        "{screen}"
    );
    assert!(screen.contains(&said("Earnings: ")), "{screen}");
    assert!(screen.contains(&said("Integration: ")), "{screen}");
    // The integration comparison is the best route's: not shown for the second.
    key(&mut app, KeyCode::Down);
    let screen = text(&render(&app));
    assert!(!screen.contains("Integration: "), "{screen}");
    assert!(screen.contains("Earnings: "), "{screen}");
}

/// Two routes pinned (from the route finder, and the trail) are compared side by side with the
/// same facts on the same rows, at 120x40 and at 80x24; `c` again unpins, Esc goes back.
#[test]
fn two_pinned_routes_are_compared_side_by_side() {
    for (w, h) in [(120, 40), (80, 24)] {
        let mut app = app(true);
        app.resize(w, h);
        key(&mut app, KeyCode::Char('C'));
        // Whole, not cut at the edge of the hint bar.
        let said = pathways::tui::screen::compare::NOTHING_PINNED;
        assert!(text(&render(&app)).contains(said), "{w}x{h}");
        walk_a_route_to_rn(&mut app);
        key(&mut app, KeyCode::Char('c'));
        let screen = text(&render(&app));
        assert!(
            screen.contains("Pinned as A; pin another with c"),
            "{w}x{h}: {screen}"
        );
        // The second route of the finder as B.
        key(&mut app, KeyCode::Char('r'));
        assert!(
            app.routes.as_ref().is_some_and(|r| r.in_results),
            "the routes found are kept"
        );
        key(&mut app, KeyCode::Down);
        key(&mut app, KeyCode::Char('c'));
        let screen = text(&render(&app));
        assert!(
            screen.contains("Pinned as B; C compares A and B"),
            "{w}x{h}: {screen}"
        );
        let screen = text(&render(&app));
        assert!(screen.contains(" 2. [B] "), "the finder marks the pin: {screen}");
        key(&mut app, KeyCode::Char('C'));
        assert_eq!(app.context(), pathways::tui::keys::Context::Compare);
        let screen = text(&render(&app));
        for fact in [
            "From       the trail",
            "From       route 2 of the finder",
            "Weeks      ",
            "First pay  step ",
            "Goal wage  $97,550/yr",
            "Limits     none",
            "Segments",
        ] {
            assert!(screen.contains(fact), "{w}x{h}: {fact:?} in {screen}");
        }
        // Rows line up: each label is on the same row on both sides.
        for label in ["Steps      ", "Cost       ", "Goal wage  ", "Limits     "] {
            let row = screen
                .lines()
                .find(|l| l.contains(label))
                .unwrap_or_else(|| panic!("{label:?} in {screen}"));
            assert_eq!(row.matches(label).count(), 2, "{w}x{h}: {row}");
        }
        key(&mut app, KeyCode::Esc);
        assert!(
            matches!(app.screen, Screen::Routes),
            "Esc goes back where C was pressed"
        );
        // `c` on a pinned route unpins it.
        key(&mut app, KeyCode::Char('c'));
        assert!(text(&render(&app)).contains("Unpinned"));
        assert_eq!(app.pins.pins.len(), 1);
        // A third pin makes room by unpinning the oldest, and says so.
        key(&mut app, KeyCode::Char('c'));
        key(&mut app, KeyCode::Down);
        key(&mut app, KeyCode::Char('c'));
        assert_eq!(app.pins.pins.len(), 2);
        let screen = text(&render(&app));
        assert!(
            screen.contains("Two fit: unpinned the trail; now A route 2, B route 3; C compares"),
            "{w}x{h}: {screen}"
        );
    }
}

/// A one-stage trail is not a route: `c` says to walk a step first.
#[test]
fn pinning_a_bare_trail_says_to_walk_first() {
    let mut app = app(true);
    key(&mut app, KeyCode::Char('c'));
    assert!(text(&render(&app)).contains("Walk a step first"));
    assert!(app.pins.pins.is_empty());
}

/// Walking "Comes from" transitions grows the trail backwards from a job, and `]` walks the
/// same way forward again to the job.
#[test]
fn walking_back_from_a_job_extends_the_trail_backwards() {
    let mut app = app(true);
    go_to(&mut app, "hc-rn-job");
    key(&mut app, KeyCode::Right);
    assert_eq!(app.explorer.focus, Pane::Transitions);
    let mut expected = vec!["hc-rn-job".to_string()];
    for _ in 0..2 {
        let (out, inc) = app.links();
        assert!(!inc.is_empty(), "{} comes from somewhere", current_id(&app));
        let prev = app.pathways.stage(inc[0].other).id.clone();
        let out = out.len();
        // The first "Comes from" row comes right after the "Leads to" rows.
        key(&mut app, KeyCode::Home);
        for _ in 0..out {
            key(&mut app, KeyCode::Down);
        }
        key(&mut app, KeyCode::Enter);
        assert_eq!(current_id(&app), prev);
        expected.insert(0, prev);
    }
    assert_eq!(trail_ids(&app), expected);
    assert_eq!(app.explorer.trail.pos, 0);
    // Standing at its first step, `c` pins the whole trail, to the job.
    key(&mut app, KeyCode::Char('c'));
    let pinned = &app.pins.pins[0].route;
    assert_eq!(app.pathways.stage(pinned.target()).id, "hc-rn-job");
    assert_eq!(pinned.stages().len(), 3);
    assert!(text(&render(&app)).contains("step 1 of 3"));
    key(&mut app, KeyCode::Char(']'));
    key(&mut app, KeyCode::Char(']'));
    assert_eq!(current_id(&app), "hc-rn-job");
    let screen = text(&render(&app));
    assert!(screen.contains("step 3 of 3"), "{screen}");
    assert!(screen.contains("total"), "the walked trail has totals: {screen}");
    key(&mut app, KeyCode::Char(']'));
    assert!(text(&render(&app)).contains("This is the trail's last step"));
}

/// Every key the hint bar shows does something where it is shown: pressed on a freshly opened
/// screen (after one step down, so that "up" has somewhere to go), it changes the picture or ends
/// the session. A hint that changes nothing is a lie to a counselor.
#[test]
fn every_hinted_key_does_something_where_it_is_hinted() {
    use pathways::tui::keys::{Context, bindings, fitted_hints};
    let screens = [
        (Context::Explorer, None),
        (Context::Routes, Some('r')),
        (Context::Audit, Some('a')),
        (Context::Map, Some('m')),
        (Context::Learner, Some('L')),
        (Context::Compare, Some('C')),
        (Context::Search, Some('/')),
        (Context::Area, Some('w')),
        (Context::Help, Some('?')),
    ];
    let mut lies = Vec::new();
    for (context, opener) in screens {
        for (label, hint) in fitted_hints(context, 400) {
            let binding = bindings(context)
                .find(|b| b.label == label && b.hint == hint)
                .expect("a hint comes from a binding");
            let mut app = app(true);
            go_to(&mut app, "f-esl-3");
            key(&mut app, KeyCode::Down);
            // One step walked, so that "back" has somewhere to go.
            let (out, _) = app.links();
            app.walk(out[0].other, out[0].edge);
            if context == Context::Compare {
                key(&mut app, KeyCode::Char('c'));
            }
            if let Some(c) = opener {
                key(&mut app, KeyCode::Char(c));
                // A search with hits to move in and jump to.
                if context == Context::Search {
                    type_text(&mut app, "nurse");
                    app.settle_search();
                }
                // Down so that "up" has somewhere to go in a list; the comparison is no list.
                if context != Context::Compare {
                    key(&mut app, KeyCode::Down);
                }
            }
            assert_eq!(app.context(), context, "{opener:?} opens {context:?}");
            let before = render(&app);
            let k = binding.keys[0];
            app.handle(&Event::Key(KeyEvent::new(k.code, k.mods)));
            if render(&app) == before && !app.quit {
                lies.push(format!("{context:?}: {label} {hint}"));
            }
        }
    }
    assert!(lies.is_empty(), "hinted keys that change nothing: {lies:?}");
}

/// Search opened from the route finder's Goal field says that Enter picks the goal, not that
/// it jumps, and does so.
#[test]
fn search_for_the_goal_says_enter_picks_it() {
    let mut app = app(true);
    key(&mut app, KeyCode::Char('r'));
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Char('/'));
    // A query typed and erased whole is still a search for the goal.
    type_text(&mut app, "x");
    key(&mut app, KeyCode::Backspace);
    type_text(&mut app, "hc-rn-job");
    app.settle_search();
    let screen = text(&render(&app));
    assert!(
        screen.contains("Enter pick goal") && !screen.contains("Enter jump"),
        "{screen}"
    );
    assert!(screen.contains("the route finder's goal"), "{screen}");
    // Drawn over the route finder it was opened from, not over the explorer; its keys once.
    assert!(
        screen.contains("Route finder") && !screen.contains("┌ Trail"),
        "{screen}"
    );
    assert_eq!(screen.matches("Esc close").count(), 1, "{screen}");
    key(&mut app, KeyCode::Enter);
    assert!(matches!(app.screen, Screen::Routes));
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('/'));
    // Nothing listed yet: nothing to move to or jump to, so the bar offers only the way out.
    let empty = text(&render(&app));
    assert!(
        empty.contains("Esc close") && !empty.contains("Enter") && !empty.contains("↑ up"),
        "{empty}"
    );
    type_text(&mut app, "nurse");
    app.settle_search();
    assert!(text(&render(&app)).contains("Enter jump"));
}

/// Home and End move on the route finder's form, as in every list (help lists them there).
#[test]
fn home_and_end_move_on_the_route_finders_form() {
    let mut app = app(true);
    key(&mut app, KeyCode::Char('r'));
    key(&mut app, KeyCode::End);
    assert_eq!(
        app.routes.as_ref().map(|r| r.field),
        Some(4),
        "End: the Find button"
    );
    key(&mut app, KeyCode::Home);
    assert_eq!(app.routes.as_ref().map(|r| r.field), Some(0), "Home: the start");
}

fn reversed(buffer: &Buffer, x: u16, y: u16) -> bool {
    buffer[(x, y)]
        .modifier
        .contains(ratatui::style::Modifier::REVERSED)
}

/// The route finder's step table shows every wage whole, at 120x40 and at 80x24; at 80 columns
/// it folds the credential (and a cut title) onto the line below the step instead of dropping
/// it, and the selected route's detail takes the focus (Tab) and scrolls to its last line.
#[test]
fn route_steps_keep_their_wages_whole_at_every_size() {
    for (w, h) in [(120, 40), (80, 24)] {
        let mut app = app(true);
        app.resize(w, h);
        find_routes_to_rn(&mut app);
        let mut seen = text(&render(&app));
        assert!(seen.contains("Median wage"), "{w}x{h}: {seen}");
        // Into the detail: the list, then the detail.
        let (x, y) = find(&render(&app), ">  1. ").expect("the selected route");
        assert!(reversed(&render(&app), x, y), "{w}x{h}: the list has the keys");
        key(&mut app, KeyCode::Tab);
        assert!(app.routes.as_ref().is_some_and(|r| r.in_detail), "{w}x{h}");
        // Only the pane that has the keys looks selected: the list's row is marked, not lit.
        assert!(!reversed(&render(&app), x, y), "{w}x{h}: the detail has the keys");
        let last = scroll_to_end(&mut app, &mut seen);
        for wanted in [
            "$42,260/yr",
            "$97,550/yr",
            "Credential: Associate degree in nursing (then a state RN license)",
            "Integrated English Literacy and Civics Education (IELCE)",
            "? = a length or cost the data does not give",
        ] {
            assert!(seen.contains(wanted), "{w}x{h}: {wanted} never shown:\n{seen}");
        }
        if w == 80 {
            assert!(seen.contains("   Credential: "), "folded: {seen}");
        }
        // At the end the last line shows whole, above the border's "top" label.
        assert!(
            last.contains("are higher. Enter walks the route"),
            "{w}x{h}: the last line hidden:\n{last}"
        );
        // Tab goes on round to the form; Enter from the detail walks the route.
        key(&mut app, KeyCode::BackTab);
        key(&mut app, KeyCode::Tab);
        key(&mut app, KeyCode::Enter);
        assert!(matches!(app.screen, Screen::Explorer), "{w}x{h}");
    }
}

/// A step whose length or cost the data does not give shows `?`, as the CLI and Details do,
/// never `0 wk, $0`; back at the first step of a longer trail, the line says how to go on.
#[test]
fn the_trail_marks_unknown_figures_and_says_how_to_go_forward() {
    let mut app = app(true);
    go_to(&mut app, "f-esl-3");
    let (out, _) = app.links();
    let unknown = out
        .iter()
        .find(|l| {
            let s = app.pathways.stage(l.other);
            !s.is_employment() && s.weeks.is_none() && s.cost_usd.is_none()
        })
        .expect("ESL 3 leads to a stage with no weeks or cost in the data");
    app.walk(unknown.other, unknown.edge);
    let screen = text(&render(&app));
    assert!(
        screen.contains("step 2 of 2   [integrated ? wk]   total ? wk, cost ?"),
        "{screen}"
    );
    assert!(!screen.contains("total 0 wk"), "{screen}");
    key(&mut app, KeyCode::Backspace);
    let screen = text(&render(&app));
    assert!(
        screen.contains("step 1 of 2   the trail's first step: ] goes forward"),
        "{screen}"
    );
    assert!(
        !screen.contains("walk a transition (Enter) to start a trail"),
        "{screen}"
    );
}

#[test]
fn the_trail_shows_segments_and_totals_and_jumps() {
    let mut app = app(true);
    go_to(&mut app, "hc-nac-program");
    let (out, _) = app.links();
    app.walk(out[0].other, out[0].edge);
    let buffer = render(&app);
    let screen = text(&buffer);
    assert!(
        screen.contains("Nursing Assistant Certified (NA-C) program ──> Nursing assistant"),
        "{screen}"
    );
    // Starting at a stage adds nothing for it; the job's own weeks are not counted on arrival.
    assert!(
        screen.contains("step 2 of 2   [sequential 0 wk]   total 0 wk, $0"),
        "{screen}"
    );
    // Tab three times to the trail (past Details and Transitions), left, Enter: back at the start.
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Tab);
    assert_eq!(app.explorer.focus, Pane::Trail);
    let screen = text(&render(&app));
    assert!(
        screen.contains("──> ▸Nursing assistant"),
        "the trail's cursor: {screen}"
    );
    assert!(!screen.contains("──> >"), "{screen}");
    key(&mut app, KeyCode::Left);
    key(&mut app, KeyCode::Enter);
    assert_eq!(current_id(&app), "hc-nac-program");
}

#[test]
fn search_and_jump() {
    let mut app = app(true);
    key(&mut app, KeyCode::Char('/'));
    assert!(matches!(app.screen, Screen::Search(_)));
    type_text(&mut app, "registered nurse");
    app.settle_search();
    let buffer = render(&app);
    let screen = text(&buffer);
    assert!(screen.contains("Search: registered nurse"), "{screen}");
    assert!(screen.contains("> J 4 Registered nurse (RN)"), "{screen}");
    // Matched characters are marked.
    let (x, y) = find(&buffer, "Registered nurse (RN)").expect("hit shown");
    assert!(buffer[(x, y)].style().add_modifier.contains(Modifier::UNDERLINED));
    key(&mut app, KeyCode::Enter);
    assert!(matches!(app.screen, Screen::Explorer));
    assert_eq!(current_id(&app), "hc-rn-job");
    // Esc leaves search without moving.
    key(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "weld");
    key(&mut app, KeyCode::Esc);
    assert_eq!(current_id(&app), "hc-rn-job");
}

#[test]
fn search_with_no_match_says_so() {
    let mut app = app(true);
    key(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "zzqx");
    app.settle_search();
    assert!(text(&render(&app)).contains("No stage matches 'zzqx'"));
    // A word a typo too far from the data's gets the nearest word, and nothing unrelated.
    for _ in 0.."zzqx".len() {
        key(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "lpumber");
    app.settle_search();
    assert!(
        text(&render(&app)).contains("No stage matches 'lpumber'. Did you mean 'plumber'?"),
        "{}",
        text(&render(&app))
    );
    for _ in 0.."lpumber".len() {
        key(&mut app, KeyCode::Backspace);
    }
    // One match is one stage.
    type_text(&mut app, "29-1141");
    app.settle_search();
    assert!(
        text(&render(&app)).contains("1 matching stage, best first"),
        "{}",
        text(&render(&app))
    );
    for _ in 0.."29-1141".len() {
        key(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "zzqx");
    app.settle_search();
    key(&mut app, KeyCode::Enter);
    assert!(
        matches!(app.screen, Screen::Search(_)),
        "Enter on nothing stays in search"
    );
}

#[test]
fn help_lists_every_binding_from_the_table() {
    let mut app = app(true);
    app.resize(160, 200);
    key(&mut app, KeyCode::Char('?'));
    let screen = text(&render(&app));
    for b in every_binding() {
        assert!(screen.contains(b.help), "help is missing {:?}", b.help);
    }
    key(&mut app, KeyCode::Esc);
    assert!(matches!(app.screen, Screen::Explorer));
}

/// At 80x24 every sentence of the help is there whole, wrapped under its key rather than cut at
/// the box's edge; and the help opens at the keys of the screen it was opened from.
#[test]
fn help_wraps_at_80x24_and_opens_at_the_screen_it_was_opened_from() {
    let mut app = app(true);
    app.resize(80, 24);
    key(&mut app, KeyCode::Char('r'));
    key(&mut app, KeyCode::Char('?'));
    let first = text(&render(&app));
    let top = first.lines().nth(2).unwrap_or_default();
    assert!(
        top.starts_with("│Route finder"),
        "the help starts at the finder's keys: {first}"
    );
    // Each screen's words as shown, joined across the wrapped lines of each sentence; a line
    // at a time, so every sentence is whole on some screen.
    let joined = |screen: &str| -> String {
        let lines: Vec<&str> = screen
            .lines()
            .map(|l| l.trim_matches(|c: char| c == '│' || c.is_whitespace()))
            .collect();
        lines.join(" ").split_whitespace().collect::<Vec<_>>().join(" ")
    };
    let mut screens = Vec::new();
    key(&mut app, KeyCode::Home);
    let mut last = String::new();
    loop {
        let screen = text(&render(&app));
        if screen == last {
            break;
        }
        screens.push(joined(&screen));
        last = screen;
        key(&mut app, KeyCode::Down);
    }
    for b in every_binding() {
        let help = b.help.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            screens.iter().any(|s| s.contains(&help)),
            "cut or missing at 80x24: {:?}",
            b.help
        );
    }
    key(&mut app, KeyCode::Esc);
    assert!(matches!(app.screen, Screen::Routes));
}

#[test]
fn hint_bar_comes_from_the_binding_table() {
    let app = app(true);
    let screen = text(&render(&app));
    let last = screen.lines().nth(39).unwrap_or_default().to_string();
    let shown = pathways::tui::keys::fitted_hints(pathways::tui::keys::Context::Explorer, 118);
    assert!(shown.len() >= 10, "{shown:?}");
    for (keys, word) in shown {
        assert!(last.contains(&format!("{keys} {word}")), "{last}");
    }
}

#[test]
fn a_small_window_asks_to_be_enlarged() {
    let mut app = app(true);
    app.resize(50, 12);
    let screen = text(&render(&app));
    assert!(screen.contains("Please enlarge the window"), "{screen}");
    assert!(screen.contains("now 50x12"));
}

#[test]
fn mouse_click_selects_a_stage_and_the_wheel_scrolls() {
    let mut app = app(true);
    let buffer = render(&app);
    let (x, y) = find(&buffer, "ESL Level 2 class").expect("listed");
    app.handle(&Event::Mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: x,
        row: y,
        modifiers: KeyModifiers::NONE,
    }));
    assert_eq!(current_id(&app), "f-esl-2");
    app.handle(&Event::Mouse(MouseEvent {
        kind: MouseEventKind::ScrollDown,
        column: x,
        row: y,
        modifiers: KeyModifiers::NONE,
    }));
    assert_ne!(current_id(&app), "f-esl-2");
}

#[test]
fn quitting_keys() {
    let mut app = app(true);
    key(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "q");
    assert!(!app.quit, "q is text in the search field");
    app.handle(&Event::Key(KeyEvent::new(
        KeyCode::Char('c'),
        KeyModifiers::CONTROL,
    )));
    assert!(app.quit);
    let mut app = app_quit_with_q();
    app.update(Action::Quit);
    assert!(app.quit);
}

/// `q` asks before the learner's unsaved changes are lost (n or Esc stays, y quits); with
/// nothing to lose, or only the wage area changed, it quits at once. Ctrl-C never asks.
#[test]
fn q_asks_before_an_unsaved_learner_is_lost() {
    let mut app = app(true);
    key(&mut app, KeyCode::Char('L'));
    add_start(&mut app, "casas-esl reading 195");
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('q'));
    assert!(!app.quit);
    let screen = text(&render(&app));
    assert!(
        screen.contains("The learner has changes not saved to a file. Quit anyway? (y/n)"),
        "{screen}"
    );
    assert!(
        screen.contains("y quit  n/Esc stay (L, then s saves her)"),
        "{screen}"
    );
    key(&mut app, KeyCode::Char('n'));
    assert!(!app.quit && app.prompt.is_none(), "n stays");
    key(&mut app, KeyCode::Char('q'));
    key(&mut app, KeyCode::Esc);
    assert!(!app.quit && app.prompt.is_none(), "Esc stays");
    key(&mut app, KeyCode::Char('q'));
    key(&mut app, KeyCode::Char('y'));
    assert!(app.quit, "y quits");
    // Saved, nothing is lost: q quits at once.
    let dir = tempfile::tempdir().expect("a folder");
    let mut app = self::app(true);
    key(&mut app, KeyCode::Char('L'));
    add_start(&mut app, "ESL 3");
    key(&mut app, KeyCode::Char('s'));
    erase_all(&mut app);
    type_text(&mut app, &dir.path().join("ana.json").display().to_string());
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('q'));
    assert!(app.quit, "saved: q quits");
    // Only the wage area changed: q quits at once.
    let mut app = self::app(true);
    app.set_area(pathways::domain::wages::layer().resolve("WA").expect("WA"));
    key(&mut app, KeyCode::Char('q'));
    assert!(app.quit, "the area alone is no change to ask about");
}

fn ctrl_u(app: &mut App) {
    app.handle(&Event::Key(KeyEvent::new(
        KeyCode::Char('u'),
        KeyModifiers::CONTROL,
    )));
}

/// Ctrl-U clears what was typed, as in a shell: the search, the area picker and a question.
#[test]
fn ctrl_u_clears_the_text_typed() {
    let mut app = app(true);
    key(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "welding");
    ctrl_u(&mut app);
    type_text(&mut app, "nurse");
    app.settle_search();
    let screen = text(&render(&app));
    assert!(screen.contains("Search: nurse"), "{screen}");
    assert!(!screen.contains("welding"), "{screen}");
    key(&mut app, KeyCode::Esc);
    app.update(Action::Area);
    type_text(&mut app, "yakima");
    ctrl_u(&mut app);
    type_text(&mut app, "seattle");
    let screen = text(&render(&app));
    assert!(
        screen.contains("seattle") && !screen.contains("yakima"),
        "{screen}"
    );
    key(&mut app, KeyCode::Esc);
    // The plan's file name question, from the route finder.
    find_routes_to_rn(&mut app);
    key(&mut app, KeyCode::Char('p'));
    type_text(&mut app, "x");
    assert!(app.prompt.as_ref().is_some_and(|p| p.text.ends_with('x')));
    ctrl_u(&mut app);
    assert_eq!(app.prompt.as_ref().map(|p| p.text.as_str()), Some(""));
}

/// A screen over the explorer says its keys once, on its own border, not again on the explorer's
/// bottom line; so does a message.
#[test]
fn keys_and_messages_are_said_once() {
    let mut app = app(true);
    for open in [KeyCode::Char('/'), KeyCode::Char('?'), KeyCode::Char('a')] {
        key(&mut app, open);
        let screen = text(&render(&app));
        assert_eq!(screen.matches("Esc close").count(), 1, "{screen}");
        key(&mut app, KeyCode::Esc);
    }
    // A message shown on the route finder's border (there is no route to write yet).
    key(&mut app, KeyCode::Char('r'));
    key(&mut app, KeyCode::Char('p'));
    let message = app.message.clone().expect("p without routes says why");
    let screen = text(&render(&app));
    assert_eq!(screen.matches(message.as_str()).count(), 1, "{screen}");
    // A question over the learner panel and over the route finder: its keys once, in its box.
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('L'));
    key(&mut app, KeyCode::Enter);
    assert!(app.prompt.is_some(), "Enter on the name asks it");
    let screen = text(&render(&app));
    assert_eq!(screen.matches("Esc close").count(), 1, "{screen}");
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Esc);
    find_routes_to_rn(&mut app);
    key(&mut app, KeyCode::Char('p'));
    assert!(app.prompt.is_some(), "p asks for the plan's file");
    let screen = text(&render(&app));
    assert_eq!(screen.matches("Esc close").count(), 1, "{screen}");
}

/// A message too long for the bar is shown whole, in a box above it, on every screen at 80x24,
/// and the bar still says the keys.
#[test]
fn long_messages_are_shown_whole_at_80x24() {
    let mut app = app(true);
    app.resize(80, 24);
    // A real one: Enter on a transition of a stage looked at away from the trail.
    go_to(&mut app, "f-abe-4");
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Enter);
    go_to(&mut app, "f-esl-6");
    app.explorer.focus = Pane::Transitions;
    key(&mut app, KeyCode::Enter);
    let message = app.message.clone().expect("a walk off the trail says why not");
    assert!(
        message.chars().count() > 78,
        "long enough to need the box: {message}"
    );
    // The screen's words, box sides dropped, so a message wrapped over lines reads as one.
    let words = |screen: &str| {
        let screen = screen.replace('│', " ");
        screen.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    let screen = text(&render(&app));
    assert!(words(&screen).contains(&message), "{screen}");
    assert!(screen.contains("? help"), "the bar keeps the keys: {screen}");
    // Every overlay, with a message as long as any the explorer says.
    for open in ['r', 'm', 'a', '/', '?', 'w', 'L'] {
        key(&mut app, KeyCode::Char(open));
        app.message = Some(message.clone());
        let screen = text(&render(&app));
        assert!(words(&screen).contains(&message), "{open}: {screen}");
        // The learner panel wraps a message in place of its keys, as it always has.
        let keys = if open == 'L' { 0 } else { 1 };
        assert_eq!(screen.matches("Esc close").count(), keys, "{open}: {screen}");
        for _ in 0..4 {
            if matches!(app.screen, Screen::Explorer) {
                break;
            }
            key(&mut app, KeyCode::Esc);
        }
    }
}

/// The learner panel opened from the route finder closes back to it, as search and the area
/// picker do; opened from the explorer, to the explorer.
#[test]
fn esc_from_the_learner_panel_goes_back_where_it_was_opened() {
    let mut app = app(true);
    key(&mut app, KeyCode::Char('r'));
    key(&mut app, KeyCode::Char('L'));
    assert!(matches!(app.screen, Screen::Learner(_)));
    key(&mut app, KeyCode::Esc);
    assert!(matches!(app.screen, Screen::Routes));
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('L'));
    key(&mut app, KeyCode::Esc);
    assert!(matches!(app.screen, Screen::Explorer));
}

/// Screens open over each other and Esc goes back through them in order: the explorer is always
/// at the bottom, and a screen already open below is brought back rather than stacked twice.
#[test]
fn esc_goes_back_through_the_screens_opened_over_each_other() {
    let name = |app: &App| format!("{:?}", app.context());
    let mut app = app(true);
    let mut seen = Vec::new();
    for c in ['r', 'L', '?'] {
        key(&mut app, KeyCode::Char(c));
        seen.push(name(&app));
    }
    assert_eq!(seen, ["Routes", "Learner", "Help"]);
    let mut back = Vec::new();
    for _ in 0..3 {
        key(&mut app, KeyCode::Esc);
        back.push(name(&app));
    }
    assert_eq!(back, ["Learner", "Routes", "Explorer"]);
    // The audit, a search from it, and back to the audit at the same finding.
    key(&mut app, KeyCode::Char('a'));
    key(&mut app, KeyCode::Down);
    let audit = text(&render(&app));
    key(&mut app, KeyCode::Char('/'));
    assert_eq!(name(&app), "Search");
    key(&mut app, KeyCode::Esc);
    assert_eq!(name(&app), "Audit");
    assert_eq!(text(&render(&app)), audit);
    // Route finder, learner panel, route finder again: each screen is open once, so Esc goes
    // to the panel, then the explorer, never round again.
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('r'));
    key(&mut app, KeyCode::Char('m'));
    assert_eq!(name(&app), "Map");
    key(&mut app, KeyCode::Esc);
    assert_eq!(name(&app), "Routes");
    key(&mut app, KeyCode::Char('L'));
    key(&mut app, KeyCode::Char('r'));
    assert_eq!(name(&app), "Routes");
    key(&mut app, KeyCode::Char('L'));
    let mut back = Vec::new();
    for _ in 0..3 {
        key(&mut app, KeyCode::Esc);
        back.push(name(&app));
    }
    assert_eq!(back, ["Routes", "Explorer", "Explorer"]);
}

/// Data read again under the audit opened over the route finder: the finder's routes were found
/// in the old data, so it leaves the stack, and Esc goes on to the learner panel below it.
#[test]
fn a_reload_drops_the_screens_that_hold_old_data() {
    let mut app = app(true);
    find_routes_to_rn(&mut app);
    key(&mut app, KeyCode::Char('L'));
    key(&mut app, KeyCode::Char('r'));
    key(&mut app, KeyCode::Char('a'));
    assert_eq!(app.under.len(), 2, "the panel and the finder below the audit");
    app.replace_data(load(&shipped::inputs()).expect("shipped data loads"));
    assert!(matches!(app.screen, Screen::Audit(_)));
    render(&app);
    key(&mut app, KeyCode::Esc);
    assert!(
        matches!(app.screen, Screen::Learner(_)),
        "the finder left the stack"
    );
    render(&app);
    key(&mut app, KeyCode::Esc);
    assert!(matches!(app.screen, Screen::Explorer));
}

/// Presses Down until the screen stops changing, adding each screen to `seen`; the last screen.
fn scroll_to_end(app: &mut App, seen: &mut String) -> String {
    let mut last = text(&render(app));
    for _ in 0..60 {
        key(app, KeyCode::Down);
        let screen = text(&render(app));
        if screen == last {
            break;
        }
        seen.push_str(&screen);
        last = screen;
    }
    last
}

/// Back along a long trail at 80x24, the trail line shows the step she is on, not only the end.
#[test]
fn the_trail_line_keeps_the_step_she_is_on_in_view() {
    let mut app = app(true);
    app.resize(80, 24);
    walk_a_route_to_rn(&mut app);
    let steps = app.explorer.trail.steps.len();
    assert!(steps >= 5, "a long trail: {steps}");
    for _ in 0..steps - 1 {
        key(&mut app, KeyCode::Backspace);
    }
    assert_eq!(app.explorer.trail.pos, 0);
    let first = app.pathways.stage(app.explorer.trail.steps[0].node).title.clone();
    let screen = text(&render(&app));
    let line = screen.lines().nth(2).unwrap_or_default();
    let head: String = first.chars().take(20).collect();
    assert!(line.contains(&head), "{head} on the trail line:\n{screen}");
    assert!(line.contains('…'), "the cut end is marked: {line}");
}

fn app_quit_with_q() -> App {
    let mut a = app(true);
    key(&mut a, KeyCode::Char('q'));
    assert!(a.quit);
    a
}

#[test]
fn modes_have_words_as_well_as_lines() {
    assert_eq!(pathways::tui::theme::mode_line(Mode::Integrated), "══>");
    assert_eq!(pathways::tui::theme::mode_line(Mode::Sequential), "──>");
}

#[test]
fn audit_lists_findings_filters_by_severity_and_jumps() {
    let mut app = app(true);
    key(&mut app, KeyCode::Char('a'));
    assert!(matches!(app.screen, Screen::Audit(_)));
    let screen = text(&render(&app));
    assert!(
        screen.contains("Audit: 0 errors, 45 warnings (45 explained)"),
        "{screen}"
    );
    assert!(screen.contains("showing all"));
    key(&mut app, KeyCode::Char('f'));
    let screen = text(&render(&app));
    assert!(
        screen.contains("showing error") && screen.contains("No error findings"),
        "{screen}"
    );
    key(&mut app, KeyCode::Char('f'));
    let screen = text(&render(&app));
    assert!(screen.contains("showing warning"), "{screen}");
    assert!(
        screen.contains("> warning sequential-only             Healthcare bridge class"),
        "{screen}"
    );
    assert!(screen.contains("Explained in the data:"), "{screen}");
    let findings = app.findings.clone().expect("computed");
    let first_warning = findings
        .iter()
        .find(|f| f.severity == pathways::domain::audit::Severity::Warning)
        .unwrap();
    key(&mut app, KeyCode::Enter);
    assert!(matches!(app.screen, Screen::Explorer));
    assert_eq!(Some(current_id(&app)), first_warning.stage.clone());
}

fn erase_all(app: &mut App) {
    for _ in 0..200 {
        key(app, KeyCode::Backspace);
    }
}

#[test]
fn routes_from_a_test_score_walk_the_best_and_save_a_plan() {
    let mut app = app(true);
    key(&mut app, KeyCode::Char('r'));
    assert!(matches!(app.screen, Screen::Routes));
    // Start: cycle back from ESL 3 past HSE to "a test score", and type one.
    key(&mut app, KeyCode::Left);
    key(&mut app, KeyCode::Left);
    key(&mut app, KeyCode::Left);
    key(&mut app, KeyCode::Left);
    let screen = text(&render(&app));
    assert!(screen.contains("a test score (Enter to type it)"), "{screen}");
    key(&mut app, KeyCode::Enter);
    assert!(app.prompt.is_some());
    type_text(&mut app, "casas-esl reading 999");
    key(&mut app, KeyCode::Enter);
    let screen = text(&render(&app));
    assert!(screen.contains("outside the casas-esl reading table"), "{screen}");
    erase_all(&mut app);
    type_text(&mut app, "casas-esl reading 195");
    key(&mut app, KeyCode::Enter);
    assert!(app.prompt.is_none());
    assert!(text(&render(&app)).contains("ESL 3 (High Beginning ESL), placed by casas-esl reading 195"));
    // Goal: pick a stage by search.
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "hc-nac-job");
    app.settle_search();
    key(&mut app, KeyCode::Enter);
    assert!(matches!(app.screen, Screen::Routes));
    let screen = text(&render(&app));
    assert!(
        screen.contains("> Goal    ◂ Nursing assistant (hc-nac-job) ▸"),
        "{screen}"
    );
    // Find: the results and the selected route's strip and step table.
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Enter);
    let screen = text(&render(&app));
    assert!(
        screen.contains("routes, shortest time first") || screen.contains("1 route, shortest time first"),
        "{screen}"
    );
    assert!(screen.contains(">  1. "), "{screen}");
    assert!(screen.contains("Nursing assistant"), "{screen}");
    let best = app.routes.as_ref().unwrap().results[0].clone();
    // Save a plan into a temporary folder, then refuse and accept replacing it.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.md");
    key(&mut app, KeyCode::Char('p'));
    erase_all(&mut app);
    type_text(&mut app, &path.display().to_string());
    key(&mut app, KeyCode::Enter);
    let plan = std::fs::read_to_string(&path).expect("the plan was written");
    assert!(
        plan.starts_with("# Your career plan: Nursing assistant\n"),
        "{plan}"
    );
    assert!(
        plan.contains("Your CASAS reading score, 195, puts you at ESL 3."),
        "{plan}"
    );
    assert!(plan.contains("## Where these facts come from"));
    // The same plan as `pathways plan` writes, in Spanish after Tab in the prompt.
    let es = dir.path().join("plan-es.html");
    key(&mut app, KeyCode::Char('p'));
    assert!(text(&render(&app)).contains("Plan in English (Tab: Español), to .html, .md or .txt:"));
    key(&mut app, KeyCode::Tab);
    assert!(
        text(&render(&app)).contains("Plan in Español (Tab: English)"),
        "{}",
        text(&render(&app))
    );
    erase_all(&mut app);
    type_text(&mut app, &es.display().to_string());
    key(&mut app, KeyCode::Enter);
    let html = std::fs::read_to_string(&es).expect("the Spanish plan was written");
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"es\">"), "{html}");
    assert!(
        html.contains("<h1>Su plan de carrera: Auxiliar de enfermería</h1>"),
        "{html}"
    );
    assert!(text(&render(&app)).contains(&format!("Plan written to {}", es.display())));
    std::fs::write(&path, "old").unwrap();
    key(&mut app, KeyCode::Char('p'));
    erase_all(&mut app);
    type_text(&mut app, &path.display().to_string());
    key(&mut app, KeyCode::Enter);
    let screen = text(&render(&app));
    assert!(screen.contains("exists. Replace it? (y/n)"), "{screen}");
    // A choice, not a text field: two keys answer it, and Enter says which.
    assert!(
        screen.contains("y replace it  n keep it, type another name  Esc keep it and stop"),
        "{screen}"
    );
    key(&mut app, KeyCode::Enter);
    assert!(text(&render(&app)).contains("Press y to replace it or n to keep it"));
    assert!(
        !text(&render(&app)).contains("Enter confirm"),
        "Enter answers nothing here"
    );
    key(&mut app, KeyCode::Char('n'));
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "old",
        "never overwritten without asking"
    );
    // "n" goes back to the file name, so the Enter a counselor presses next cannot walk the route
    // beneath; Enter on the same name asks again.
    let screen = text(&render(&app));
    assert!(
        screen.contains(&format!("Kept {}: type another name", path.display())),
        "{screen}"
    );
    assert!(matches!(app.screen, Screen::Routes));
    key(&mut app, KeyCode::Enter);
    assert!(matches!(app.screen, Screen::Routes));
    assert!(text(&render(&app)).contains("exists. Replace it? (y/n)"));
    key(&mut app, KeyCode::Char('y'));
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .starts_with("# Su plan de carrera"),
        "the language chosen with Tab stays chosen"
    );
    // Walk the best route in the explorer.
    key(&mut app, KeyCode::Enter);
    assert!(matches!(app.screen, Screen::Explorer));
    assert_eq!(app.current(), best.target());
    assert_eq!(app.explorer.trail.steps.len(), best.stages().len());
}

#[test]
fn a_plan_into_a_missing_folder_fails_with_a_message() {
    let mut app = app(true);
    key(&mut app, KeyCode::Char('r'));
    for _ in 0..4 {
        key(&mut app, KeyCode::Up);
    }
    key(&mut app, KeyCode::Enter);
    assert!(
        !app.routes.as_ref().unwrap().results.is_empty(),
        "any job from ESL 3"
    );
    key(&mut app, KeyCode::Char('p'));
    erase_all(&mut app);
    type_text(&mut app, "/no/such/folder/plan.md");
    key(&mut app, KeyCode::Enter);
    assert!(
        text(&render(&app)).contains("could not write /no/such/folder/plan.md: the folder does not exist")
    );
}

fn app_on(files: &[&str], color: bool) -> App {
    let inputs: Vec<pathways::domain::load::Input> = files
        .iter()
        .map(|f| pathways::domain::load::Input {
            name: (*f).to_string(),
            bytes: std::fs::read(f).expect("fixture"),
            origin: pathways::domain::load::Origin::User,
        })
        .collect();
    let loaded = load(&inputs).expect("fixture loads");
    let mut app = App::new(Arc::new(loaded.pathways), loaded.benchmarks, Theme { color });
    app.resize(120, 40);
    app
}

#[test]
fn map_of_a_small_fixture_snapshot_with_styles() {
    let mut app = app_on(
        &[
            "tests/fixtures/export/shared.json",
            "tests/fixtures/export/care.json",
        ],
        true,
    );
    let first_job = app
        .pathways
        .stages()
        .find(|(_, s)| s.is_employment())
        .map(|(n, _)| n)
        .unwrap();
    app.jump(first_job);
    key(&mut app, KeyCode::Char('m'));
    assert!(matches!(app.screen, Screen::Map(_)));
    let buffer = render(&app);
    insta::assert_snapshot!("map_fixture", text(&buffer));
    // Integrated lines are double and cyan, sequential single and yellow; arrowheads at targets.
    let cells: Vec<_> = buffer.content().iter().collect();
    let double = cells
        .iter()
        .find(|c| c.symbol() == "═")
        .expect("an integrated line");
    let single = cells
        .iter()
        .find(|c| c.symbol() == "─" && c.fg == Color::Yellow)
        .expect("a sequential line");
    assert_eq!(double.fg, Color::Cyan);
    assert_eq!(single.fg, Color::Yellow);
    assert!(cells.iter().any(|c| c.symbol() == "▶"));
    assert!(text(&buffer).contains("┏"), "the selected box has a heavy border");
}

#[test]
fn map_of_every_shipped_sector_reads_as_a_ladder() {
    let mut app = app(true);
    app.resize(160, 48);
    let sectors: Vec<String> = app.pathways.sectors().iter().map(|s| s.to_string()).collect();
    go_to(&mut app, "f-esl-3");
    key(&mut app, KeyCode::Char('m'));
    for _ in 0..sectors.len() {
        let Screen::Map(map) = &app.screen else {
            panic!("map")
        };
        let name = map.title(&app.pathways);
        let screen = text(&render(&app));
        assert!(screen.contains(&format!("Map: {name}")), "{screen}");
        // Boxes, both line styles' legend, and no box drawn over another (checked by the layout tests).
        assert!(
            screen.contains("┌") && screen.contains("══▶ integrated"),
            "{screen}"
        );
        let slug: String = name
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .collect();
        insta::assert_snapshot!(format!("map_{slug}"), screen);
        key(&mut app, KeyCode::Tab);
    }
}

#[test]
fn map_keys_move_zoom_and_open() {
    let mut app = app(true);
    go_to(&mut app, "hc-nac-program");
    key(&mut app, KeyCode::Char('m'));
    let selected = |app: &App| match &app.screen {
        Screen::Map(m) => m.selected,
        _ => panic!("map"),
    };
    let start = selected(&app);
    assert_eq!(app.pathways.stage(start).id, "hc-nac-program");
    key(&mut app, KeyCode::Right);
    let right = selected(&app);
    assert_ne!(right, start);
    key(&mut app, KeyCode::Char('z'));
    assert!(text(&render(&app)).contains("· ids "));
    key(&mut app, KeyCode::Char('n'));
    assert!(text(&render(&app)).contains("Map: around "));
    key(&mut app, KeyCode::Enter);
    assert!(matches!(app.screen, Screen::Explorer));
    assert_eq!(app.current(), right);
}

#[test]
fn the_chosen_route_is_highlighted_on_the_map() {
    let mut app = app(true);
    go_to(&mut app, "hc-nac-job");
    key(&mut app, KeyCode::Char('r'));
    for _ in 0..4 {
        key(&mut app, KeyCode::Down);
    }
    key(&mut app, KeyCode::Enter);
    let route = app.routes.as_ref().unwrap().results[0].clone();
    key(&mut app, KeyCode::Char('m'));
    let buffer = render(&app);
    // One mark is the legend's; each box on the route has one.
    let marks = buffer.content().iter().filter(|c| c.symbol() == "◆").count() - 1;
    assert!(
        marks >= 2 && marks <= route.stages().len(),
        "{marks} marks for {} stages",
        route.stages().len()
    );
}

/// The map opened from the route finder shows the chosen route from its start (its first box
/// selected and whole in view); opened from the explorer, it marks the trail walked.
#[test]
fn the_map_shows_the_route_from_its_start_and_marks_the_trail() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut app = app(true);
        app.resize(w, h);
        find_routes_to_rn(&mut app);
        let route = app.routes.as_ref().unwrap().results[0].clone();
        key(&mut app, KeyCode::Char('m'));
        let Screen::Map(map) = &app.screen else {
            panic!("the map is open");
        };
        assert_eq!(map.selected, route.first(), "{w}x{h}");
        let view = pathways::tui::screen::map::draw::viewport(w, h);
        let r = map.layout.rect(route.first()).expect("the start is on the map");
        assert!(
            r.x >= map.x && r.right() <= map.x + u32::from(view.width),
            "{w}x{h}: the route's start is in view"
        );
        assert!(text(&render(&app)).contains("◆ on the chosen route"), "{w}x{h}");
        key(&mut app, KeyCode::Esc);
        key(&mut app, KeyCode::Enter);
        assert!(matches!(app.screen, Screen::Explorer), "the route is walked");
        key(&mut app, KeyCode::Char('m'));
        let buffer = render(&app);
        assert!(text(&buffer).contains("◆ on the trail"), "{w}x{h}");
        let marks = buffer.content().iter().filter(|c| c.symbol() == "◆").count() - 1;
        assert!(marks >= 2, "{w}x{h}: {marks} boxes of the trail marked");
        // The stage shown and the step before it are whole in view, not cut at an edge.
        let Screen::Map(map) = &app.screen else {
            panic!("the map is open");
        };
        let steps = &app.explorer.trail.steps;
        for node in [steps[steps.len() - 1].node, steps[steps.len() - 2].node] {
            let r = map.layout.rect(node).expect("on the map");
            assert!(
                r.x >= map.x
                    && r.right() <= map.x + u32::from(view.width)
                    && r.y >= map.y
                    && r.bottom() <= map.y + u32::from(view.height),
                "{w}x{h}: {} is not whole in view",
                app.pathways.stage(node).id
            );
        }
    }
}

/// Wherever the map is moved, no box is cut at the left edge: each is whole in view or wholly
/// out of it on that side (a title missing its first letters reads as another word).
#[test]
fn the_map_never_cuts_a_box_at_its_left_edge() {
    let mut app = app(true);
    app.resize(80, 24);
    go_to(&mut app, "hc-rn-job");
    key(&mut app, KeyCode::Char('m'));
    let moves = [KeyCode::Left, KeyCode::Down, KeyCode::Right, KeyCode::Up];
    for i in 0..120 {
        // Both zooms, and the neighbourhood view, as well as moves.
        match i % 25 {
            10 => key(&mut app, KeyCode::Char('z')),
            20 => key(&mut app, KeyCode::Char('n')),
            _ => key(&mut app, moves[(i * 7 / 5) % 4]),
        }
        let Screen::Map(map) = &app.screen else {
            panic!("the map is open");
        };
        for (node, r) in map.layout.boxes() {
            assert!(
                r.x >= map.x || r.right() <= map.x,
                "move {i}: {} cut at the left edge",
                app.pathways.stage(node).id
            );
        }
    }
}

/// Wherever the map is moved at 80x24, a box that runs past the right edge is not drawn (the ▸
/// mark counts it), so no title is cut there: "Construction labor" read as a whole title.
#[test]
fn the_map_draws_no_box_cut_at_its_right_edge() {
    let mut app = app(false);
    app.resize(80, 24);
    go_to(&mut app, "con-iet-preapp");
    key(&mut app, KeyCode::Char('m'));
    let view = pathways::tui::screen::map::draw::viewport(app.width, app.height);
    let moves = [KeyCode::Right, KeyCode::Down, KeyCode::Left, KeyCode::Up];
    let mut cut = 0;
    for i in 0..60 {
        match i % 20 {
            9 => key(&mut app, KeyCode::Char('z')),
            15 => key(&mut app, KeyCode::Char('n')),
            _ => key(&mut app, moves[(i * 7 / 5) % 4]),
        }
        let buffer = render(&app);
        let Screen::Map(map) = &app.screen else {
            panic!("the map is open");
        };
        let right = map.x + u32::from(view.width);
        for (node, r) in map.layout.boxes() {
            let rows = r.y >= map.y && r.y < map.y + u32::from(view.height);
            if !(rows && r.x >= map.x && r.x < right && r.right() > right) {
                continue;
            }
            cut += 1;
            let corner = buffer[(view.x + (r.x - map.x) as u16, view.y + (r.y - map.y) as u16)].symbol();
            assert!(
                !matches!(corner, "┌" | "┏"),
                "move {i}: {} drawn cut at the right edge\n{}",
                app.pathways.stage(node).id,
                text(&buffer)
            );
        }
    }
    assert!(cut > 0, "the moves never put a box across the right edge");
}

/// In the ids zoom each box reads `kind marks id` with a space before the id, the marks giving
/// way where the line is too short for them (`T hc-phleb-cert`, not `Thc-phleb-cert`).
#[test]
fn the_ids_zoom_keeps_a_space_before_each_id() {
    let mut app = app(true);
    go_to(&mut app, "hc-lpn-program");
    key(&mut app, KeyCode::Char('m'));
    key(&mut app, KeyCode::Char('z'));
    let buffer = render(&app);
    let Screen::Map(map) = &app.screen else {
        panic!("the map is open");
    };
    let view = pathways::tui::screen::map::draw::viewport(app.width, app.height);
    let mut checked = 0;
    for (node, r) in map.layout.boxes() {
        let inside = r.x >= map.x
            && r.right() <= map.x + u32::from(view.width)
            && r.y >= map.y
            && r.bottom() <= map.y + u32::from(view.height);
        if !inside {
            continue;
        }
        let (x, y) = (
            view.x + (r.x - map.x) as u16 + 1,
            view.y + (r.y - map.y) as u16 + 1,
        );
        let line: String = (x..x + r.width as u16 - 2)
            .map(|x| buffer[(x, y)].symbol())
            .collect();
        let id = &app.pathways.stage(node).id;
        let after_kind = line.chars().nth(1);
        assert!(matches!(after_kind, Some(' ' | '»' | '«')), "{id}: {line:?}");
        checked += 1;
    }
    assert!(checked >= 5, "{checked} boxes checked");
}

#[test]
fn map_without_colour_keeps_line_styles_and_marks() {
    let mut app = app(false);
    go_to(&mut app, "hc-nac-program");
    key(&mut app, KeyCode::Char('m'));
    let buffer = render(&app);
    assert!(
        buffer
            .content()
            .iter()
            .all(|c| c.fg == Color::Reset && c.bg == Color::Reset)
    );
    let screen = text(&buffer);
    assert!(
        screen.contains("═") && screen.contains("─") && screen.contains("┏"),
        "{screen}"
    );
}

/// Every row of a pane has its right border in the same column, whatever the text in it.
fn assert_border_column(buffer: &Buffer, x: u16, y0: u16, y1: u16, what: &str) {
    for y in y0..y1 {
        let s = buffer[(x, y)].symbol();
        assert!(
            matches!(s, "│" | "┐" | "┘" | "┤" | "┃" | "┓" | "┛"),
            "{what}: row {y} has {s:?} at column {x}:\n{}",
            text(buffer)
        );
    }
}

#[test]
fn wide_and_combining_characters_keep_the_panes_aligned() {
    let mut app = app_on(&["tests/fixtures/wide/wide.json"], true);
    go_to(&mut app, "nac");
    let buffer = render(&app);
    insta::assert_snapshot!("explorer_wide", text(&buffer));
    // Zero-width joiners (in the fixture's emoji) never reach the terminal: tmux draws them wider
    // than it counts them, which broke the borders (issue 14, item 9).
    assert!(!text(&buffer).contains('\u{200D}'), "{}", text(&buffer));
    let areas = app.areas();
    assert_border_column(
        &buffer,
        areas.list.x + areas.list.width - 1,
        areas.list.y,
        areas.list.y + areas.list.height,
        "stages",
    );
    let d = areas.details;
    assert_border_column(&buffer, d.x + d.width - 1, d.y, d.y + d.height, "details");
    let t = areas.transitions;
    assert_border_column(&buffer, t.x + t.width - 1, t.y, t.y + t.height, "transitions");
    let tr = areas.trail;
    assert_border_column(&buffer, tr.x + tr.width - 1, tr.y, tr.y + tr.height, "trail");
    // The map's boxes keep their width too.
    key(&mut app, KeyCode::Char('m'));
    let buffer = render(&app);
    insta::assert_snapshot!("map_wide", text(&buffer));
    let Screen::Map(map) = &app.screen else {
        panic!("map")
    };
    let view = pathways::tui::screen::map::draw::viewport(app.width, app.height);
    for (_, r) in map.layout.boxes() {
        let (x, y) = (
            u16::try_from(r.right() - 1 - map.x).unwrap() + view.x,
            u16::try_from(r.y - map.y).unwrap() + view.y,
        );
        assert_border_column(&buffer, x, y, y + u16::try_from(r.height).unwrap(), "map box");
    }
}

#[test]
fn a_sector_too_large_to_draw_shows_the_neighbourhood_and_says_so() {
    let input = pathways::domain::load::Input {
        name: "gen.json".into(),
        bytes: pathways::domain::synthetic::generate(3_000, 1).into_bytes(),
        origin: pathways::domain::load::Origin::User,
    };
    let loaded = load(&[input]).expect("loads");
    let mut app = App::new(
        Arc::new(loaded.pathways),
        loaded.benchmarks,
        Theme { color: true },
    );
    app.resize(120, 40);
    key(&mut app, KeyCode::Char('m'));
    let screen = text(&render(&app));
    assert!(
        screen.contains("has 3000 stages, too many to draw whole: showing the stages around"),
        "{screen}"
    );
    assert!(screen.contains("Map: around "), "{screen}");
}

/// Drives `run_loop` with a scripted event source; returns how many times it waited for an event
/// before drawing again (one per frame after the first).
fn frames_for(mut next: impl FnMut(Duration) -> Option<Event>) -> usize {
    let mut app = app(false);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    let mut waits = 0;
    pathways::tui::run_loop(&mut terminal, &mut app, |timeout| {
        if !timeout.is_zero() {
            waits += 1;
        }
        Ok(next(timeout))
    })
    .expect("the loop ends");
    waits
}

fn char_key(c: char) -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

#[test]
fn a_burst_of_waiting_events_costs_one_frame() {
    let mut waiting: std::collections::VecDeque<Event> = std::iter::repeat_with(|| char_key('j'))
        .take(50)
        .chain([Event::Resize(100, 30), char_key('q')])
        .collect();
    assert_eq!(frames_for(|_| waiting.pop_front()), 1);
}

#[test]
fn a_steady_stream_of_events_still_gets_frames() {
    // Keys arrive without pause until five frames were drawn (a frame is drawn before each
    // wait with a timeout); the stream ends by itself after 10 s, so a loop that drew nothing
    // while keys kept coming fails instead of hanging. No tight timing: a busy machine passes.
    let start = std::time::Instant::now();
    let mut frames = 0;
    let waits = frames_for(|timeout| {
        frames += usize::from(!timeout.is_zero());
        std::thread::sleep(Duration::from_millis(1));
        let more = frames < 5 && start.elapsed() < Duration::from_secs(10);
        Some(char_key(if more { 'j' } else { 'q' }))
    });
    assert!(
        waits >= 5,
        "{waits} frames in {:?} of steady keys",
        start.elapsed()
    );
    assert!(
        start.elapsed() < Duration::from_secs(10),
        "frames came only when keys stopped"
    );
}

/// Opens the learner panel and selects the row that shows `needle`, by keys.
fn select_learner_row(app: &mut App, needle: &str) {
    if !matches!(app.screen, Screen::Learner(_)) {
        key(app, KeyCode::Char('L'));
    }
    assert!(matches!(app.screen, Screen::Learner(_)));
    key(app, KeyCode::Home);
    for _ in 0..40 {
        let Screen::Learner(panel) = &app.screen else {
            panic!("the learner panel is open")
        };
        let (lines, selected) = pathways::tui::screen::learner::draw::row_lines(app, panel, 100);
        if lines[selected].to_string().contains(needle) {
            return;
        }
        key(app, KeyCode::Down);
    }
    panic!("no learner row shows {needle:?}:\n{}", text(&render(app)));
}

/// Types a level, score or stage into the learner panel's Starts.
fn add_start(app: &mut App, start: &str) {
    select_learner_row(app, "+ add a level");
    key(app, KeyCode::Enter);
    assert!(app.prompt.is_some(), "Enter on Starts asks for one");
    type_text(app, start);
    key(app, KeyCode::Enter);
}

/// The explorer's stage-list line of the stage titled `title`.
fn list_line(app: &mut App, id: &str) -> String {
    go_to(app, id);
    let title = app.pathways.stage(app.current()).title.clone();
    let screen = text(&render(app));
    let short: String = title.chars().take(20).collect();
    screen
        .lines()
        // Single lines in colour, double without (the focused pane).
        .find(|l| (l.starts_with("│>") || l.starts_with("║>")) && l.contains(&short))
        .unwrap_or_else(|| panic!("{id} is listed:\n{screen}"))
        .replacen('║', "│", 1)
}

#[test]
fn the_learner_panel_sets_a_score_and_a_hold_and_the_explorer_marks_where_she_can_start() {
    let mut app = app(false);
    // Before a learner is set, no mark column.
    assert!(list_line(&mut app, "f-esl-3").starts_with("│> »  E 0 ESL Level 3"));
    key(&mut app, KeyCode::Char('L'));
    let screen = text(&render(&app));
    assert!(screen.contains("Profile: no levels or scores yet"), "{screen}");
    add_start(&mut app, "casas-esl reading 195");
    assert!(app.prompt.is_none());
    assert_eq!(app.learner.scores, ["casas-esl reading 195"]);
    select_learner_row(&mut app, "(age-18)");
    key(&mut app, KeyCode::Char(' '));
    assert_eq!(app.learner.holds, ["age-18"]);
    let screen = text(&render(&app));
    assert!(screen.contains("Profile: ESL 3 (High Beginning ESL)"), "{screen}");
    assert!(
        screen.contains("Holds: Age 18 or older · can start at"),
        "{screen}"
    );
    assert!(
        screen.contains("casas-esl reading 195 → ESL 3 (High Beginning ESL)"),
        "{screen}"
    );
    assert!(screen.contains("[x] Age 18 or older (age-18)"), "{screen}");
    insta::assert_snapshot!("learner_120x40", screen);
    app.resize(80, 24);
    let small = text(&render(&app));
    insta::assert_snapshot!("learner_80x24", small);
    for line in small.lines() {
        assert!(
            !line.contains('…') || line.contains("[ ]") || line.contains("[x]"),
            "only long hold titles are shortened at 80 columns: {line}"
        );
    }
    // Space again unticks it.
    key(&mut app, KeyCode::Char(' '));
    assert!(app.learner.holds.is_empty());
    key(&mut app, KeyCode::Char(' '));
    app.resize(120, 40);
    key(&mut app, KeyCode::Esc);
    assert!(matches!(app.screen, Screen::Explorer));
    // ESL 3 starts here; ABE 1 does not; the legend says what the mark means.
    assert!(list_line(&mut app, "f-esl-3").starts_with("│> ✓»  E 0 ESL Level 3"));
    assert!(list_line(&mut app, "f-abe-1").starts_with("│>  »  E 0 ABE Level 1"));
    let screen = text(&render(&app));
    assert!(screen.contains("✓ she can start"), "{screen}");
    assert!(
        screen.contains("She can't start here: it is for ABE 1 only"),
        "{screen}"
    );
    go_to(&mut app, "f-esl-3");
    assert!(text(&render(&app)).contains("✓ She can start here now."));
    // A stage behind a condition she lacks says what it is and where it is earned.
    go_to(&mut app, "hc-emt-job");
    let screen = text(&render(&app));
    assert!(
        screen.contains("She can't start here: it requires High school diploma or equivalency"),
        "{screen}"
    );
    assert!(screen.contains("(f-hse-prep)"), "{screen}");
    // The help explains the mark.
    app.resize(160, 200);
    key(&mut app, KeyCode::Char('?'));
    key(&mut app, KeyCode::End);
    assert!(text(&render(&app)).contains("✓ the learner can start here now"));
}

#[test]
fn the_learner_panel_refuses_what_it_cannot_read_and_shows_a_contradiction() {
    let mut app = app(true);
    add_start(&mut app, "casas-esl reading 999");
    let screen = text(&render(&app));
    assert!(app.prompt.is_some(), "a score outside the table is refused");
    assert!(screen.contains("outside the casas-esl reading table"), "{screen}");
    erase_all(&mut app);
    type_text(&mut app, "casas-esl reading 195");
    key(&mut app, KeyCode::Enter);
    add_start(&mut app, "ABE 4");
    add_start(&mut app, "ESL 5");
    let screen = text(&render(&app));
    assert!(
        screen.contains("ABE 4 → High Intermediate Basic Education (level given)"),
        "{screen}"
    );
    assert!(
        screen.contains("Profile: not usable: contradictory levels"),
        "{screen}"
    );
    assert!(
        app.learner_can_start(app.current()).is_none(),
        "no marks while she is not usable"
    );
    // Remove the ESL 5 level: the profile resolves again, to both scales.
    select_learner_row(&mut app, "ESL 5 →");
    key(&mut app, KeyCode::Char('x'));
    let screen = text(&render(&app));
    assert!(
        screen.contains("Profile: ESL 3 (High Beginning ESL) and ABE 4 (High Intermediate Basic Education)"),
        "{screen}"
    );
    // Limits: ticks and typed numbers; a bad number is refused.
    select_learner_row(&mut app, "integrated training only");
    key(&mut app, KeyCode::Enter);
    assert!(app.learner.limits.integrated_only);
    select_learner_row(&mut app, "most weeks:");
    key(&mut app, KeyCode::Enter);
    type_text(&mut app, "lots");
    key(&mut app, KeyCode::Enter);
    assert!(text(&render(&app)).contains("Type a number of weeks"));
    erase_all(&mut app);
    type_text(&mut app, "52");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.learner.limits.max_weeks, Some(52.0));
    assert!(text(&render(&app)).contains("most weeks: 52 wk"));
    select_learner_row(&mut app, "first pay within:");
    key(&mut app, KeyCode::Enter);
    type_text(&mut app, "8");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.learner.limits.paid_within, Some(8.0));
    assert!(text(&render(&app)).contains("first pay within: 8 wk"));
    select_learner_row(&mut app, "Name");
    key(&mut app, KeyCode::Enter);
    type_text(&mut app, "Ana");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.learner.name.as_deref(), Some("Ana"));
}

#[test]
fn the_learner_is_saved_never_over_a_file_without_asking_and_loaded_again() {
    let mut app = app(true);
    add_start(&mut app, "casas-esl reading 195");
    select_learner_row(&mut app, "(drivers-license)");
    key(&mut app, KeyCode::Char(' '));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ana.json");
    let save = |app: &mut App| {
        key(app, KeyCode::Char('s'));
        erase_all(app);
        type_text(app, &path.display().to_string());
        key(app, KeyCode::Enter);
    };
    save(&mut app);
    assert!(text(&render(&app)).contains(&format!("Learner saved to {}", path.display())));
    let saved = pathways::domain::learner::Learner::read("ana.json", &std::fs::read(&path).unwrap()).unwrap();
    assert_eq!(saved, app.learner);
    std::fs::write(&path, "old").unwrap();
    save(&mut app);
    assert!(text(&render(&app)).contains("exists. Replace it? (y/n)"));
    key(&mut app, KeyCode::Char('n'));
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "old",
        "never replaced without asking"
    );
    assert!(text(&render(&app)).contains(&format!("Kept {}: type another name", path.display())));
    key(&mut app, KeyCode::Esc);
    save(&mut app);
    key(&mut app, KeyCode::Char('y'));
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .contains("pathways-learner/1")
    );
    // A folder that does not exist: asked again, with the reason in one line.
    key(&mut app, KeyCode::Char('s'));
    erase_all(&mut app);
    type_text(&mut app, "/no/such/folder/ana.json");
    key(&mut app, KeyCode::Enter);
    let error = app
        .prompt
        .as_ref()
        .and_then(|p| p.error.clone())
        .expect("an error");
    assert!(
        error.contains("the folder does not exist") && !error.contains('\n'),
        "{error}"
    );
    key(&mut app, KeyCode::Esc);
    // Loading: a broken file is refused in one line; a good one replaces the learner.
    let broken = dir.path().join("broken.json");
    std::fs::write(
        &broken,
        "{\"format\": \"pathways-learner/1\", \"holds\": 3,\n\"x\": [}",
    )
    .unwrap();
    let load = |app: &mut App, path: &std::path::Path| {
        key(app, KeyCode::Char('o'));
        erase_all(app);
        type_text(app, &path.display().to_string());
        key(app, KeyCode::Enter);
    };
    load(&mut app, &broken);
    let error = app
        .prompt
        .as_ref()
        .and_then(|p| p.error.clone())
        .expect("an error");
    assert!(error.contains("broken.json:") && !error.contains('\n'), "{error}");
    key(&mut app, KeyCode::Esc);
    let other = dir.path().join("other.json");
    std::fs::write(
        &other,
        "{\"format\": \"pathways-learner/1\", \"levels\": [\"ABE 4\"]}",
    )
    .unwrap();
    load(&mut app, &other);
    assert!(app.prompt.is_none());
    assert_eq!(app.learner.levels.len(), 1);
    assert!(app.learner.scores.is_empty() && app.learner.holds.is_empty());
    assert!(text(&render(&app)).contains("Profile: ABE 4"));
}

#[test]
fn routes_start_from_the_learner_with_her_holds_and_limits() {
    let mut app = app(true);
    // Without a learner the finder starts from ESL 3, as before.
    key(&mut app, KeyCode::Char('r'));
    assert!(text(&render(&app)).contains("> Start   ◂ ESL 3 (High Beginning ESL) ▸"));
    key(&mut app, KeyCode::Esc);
    add_start(&mut app, "casas-esl reading 195");
    key(&mut app, KeyCode::Char('r'));
    let screen = text(&render(&app));
    assert!(screen.contains("> Start   ◂ the learner: ESL 3 ▸"), "{screen}");
    // Goal: the forklift job, behind forklift training that requires age-18.
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "tl-forklift-job");
    app.settle_search();
    key(&mut app, KeyCode::Enter);
    let find = |app: &mut App| {
        app.routes.as_mut().unwrap().field = 4;
        app.routes.as_mut().unwrap().in_results = false;
        key(app, KeyCode::Enter);
    };
    find(&mut app);
    assert!(
        app.routes.as_ref().unwrap().results.is_empty(),
        "she does not hold age-18"
    );
    // The finder says why, as the command line does, and the whole reason fits on screen.
    let screen = text(&render(&app));
    assert!(
        screen.contains("No route is open to her from this start: the nearest route stops at")
            && screen.contains("(age-18), which no stage awards"),
        "{screen}"
    );
    // Tick age-18 in the panel (L from the finder), then find again.
    key(&mut app, KeyCode::Char('L'));
    select_learner_row(&mut app, "(age-18)");
    key(&mut app, KeyCode::Char(' '));
    key(&mut app, KeyCode::Char('r'));
    assert!(text(&render(&app)).contains("the learner: ESL 3; holds age-18"));
    find(&mut app);
    let routes = &app.routes.as_ref().unwrap().results;
    assert!(!routes.is_empty());
    let ojt = app.pathways.find("tl-forklift-ojt").unwrap();
    assert!(
        routes[0].stages().contains(&ojt),
        "the route passes the training she may now enter"
    );
    // Her limits go into the question: earning while learning keeps only routes through paid work.
    key(&mut app, KeyCode::Char('L'));
    select_learner_row(&mut app, "earn while learning");
    key(&mut app, KeyCode::Char(' '));
    select_learner_row(&mut app, "most cost:");
    key(&mut app, KeyCode::Enter);
    type_text(&mut app, "500");
    key(&mut app, KeyCode::Enter);
    let query = app
        .learner_query(pathways::domain::route::Measure::Weeks)
        .unwrap();
    assert!(query.constraints.earn);
    assert_eq!(query.constraints.max_cost, Some(500.0));
    // The other starts still work: cycle from the learner to "this stage" and back.
    key(&mut app, KeyCode::Char('r'));
    app.routes.as_mut().unwrap().field = 0;
    app.routes.as_mut().unwrap().in_results = false;
    key(&mut app, KeyCode::Left);
    assert!(text(&render(&app)).contains("◂ already at "));
    key(&mut app, KeyCode::Right);
    key(&mut app, KeyCode::Right);
    assert!(text(&render(&app)).contains("◂ ESL 1 (Beginning ESL Literacy) ▸"));
}

/// Loads a learner file by keys from the learner panel.
fn load_learner_file(app: &mut App, path: &std::path::Path) {
    if !matches!(app.screen, Screen::Learner(_)) {
        key(app, KeyCode::Char('L'));
    }
    key(app, KeyCode::Char('o'));
    erase_all(app);
    type_text(app, &path.display().to_string());
    key(app, KeyCode::Enter);
}

/// Presses Find in the route finder.
fn press_find(app: &mut App) {
    let state = app.routes.as_mut().unwrap();
    state.field = 4;
    state.in_results = false;
    key(app, KeyCode::Enter);
}

#[test]
fn routes_found_from_the_learner_are_forgotten_when_she_changes() {
    let mut app = app(false);
    add_start(&mut app, "casas-esl reading 195");
    select_learner_row(&mut app, "(hse)");
    key(&mut app, KeyCode::Char(' '));
    key(&mut app, KeyCode::Char('r'));
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "hc-rn-job");
    app.settle_search();
    key(&mut app, KeyCode::Enter);
    assert!(text(&render(&app)).contains("Registered nurse (RN)"));
    press_find(&mut app);
    assert!(!app.routes.as_ref().unwrap().results.is_empty());
    assert!(app.selected_route().is_some());
    // Another learner loaded from a file: the routes for ESL 3 are gone, and so is the plan.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("abe2.json");
    std::fs::write(
        &file,
        "{\"format\":\"pathways-learner/1\",\"levels\":[\"ABE 2\"]}",
    )
    .unwrap();
    load_learner_file(&mut app, &file);
    assert!(app.prompt.is_none(), "{:?}", app.prompt);
    key(&mut app, KeyCode::Char('r'));
    let screen = text(&render(&app));
    assert!(screen.contains("the learner: ABE 2"), "{screen}");
    assert!(screen.contains("The learner changed: press Find"), "{screen}");
    let state = app.routes.as_ref().unwrap();
    assert!(state.results.is_empty() && state.selected == 0 && !state.in_results);
    assert!(app.selected_route().is_none());
    key(&mut app, KeyCode::Char('p'));
    assert!(app.prompt.is_none(), "no plan is offered from forgotten routes");
    assert!(text(&render(&app)).contains("Find routes first"));
    // Every other edit forgets them too: a hold, a limit, a start removed.
    let edits: [&dyn Fn(&mut App); 3] = [
        &|app| {
            select_learner_row(app, "(age-18)");
            key(app, KeyCode::Char(' '));
        },
        &|app| {
            select_learner_row(app, "earn while learning");
            key(app, KeyCode::Char(' '));
        },
        &|app| {
            add_start(app, "ESL 3");
        },
    ];
    for edit in edits {
        key(&mut app, KeyCode::Char('r'));
        press_find(&mut app);
        assert!(app.routes.as_ref().unwrap().status.is_some());
        key(&mut app, KeyCode::Char('L'));
        edit(&mut app);
        let state = app.routes.as_ref().unwrap();
        assert!(state.results.is_empty(), "{:?}", state.status);
        assert_eq!(
            state.status.as_deref(),
            Some("The learner changed: press Find to search again.")
        );
    }
    // Removing her last start falls back to ESL 3 and still forgets her routes.
    key(&mut app, KeyCode::Char('r'));
    press_find(&mut app);
    key(&mut app, KeyCode::Char('L'));
    while !app.learner.levels.is_empty() {
        select_learner_row(&mut app, " →");
        key(&mut app, KeyCode::Char('x'));
    }
    assert!(app.routes.as_ref().unwrap().results.is_empty());
}

#[test]
fn changing_the_route_form_forgets_the_routes_found() {
    let mut app = app(false);
    key(&mut app, KeyCode::Char('r'));
    let found = |app: &mut App| {
        press_find(app);
        assert!(app.selected_route().is_some(), "ESL 3 reaches some job");
    };
    let forgotten = |app: &App| {
        let state = app.routes.as_ref().unwrap();
        assert!(state.results.is_empty() && app.selected_route().is_none());
        assert_eq!(
            state.status.as_deref(),
            Some("The question changed: press Find to search again.")
        );
    };
    // Start, goal and measure, each cycled.
    for field in [0, 1, 2] {
        found(&mut app);
        // Back to the form (Shift-Tab), on the field.
        key(&mut app, KeyCode::BackTab);
        app.routes.as_mut().unwrap().field = field;
        key(&mut app, KeyCode::Right);
        forgotten(&app);
        if field == 1 {
            // Back to any job, so Find finds again.
            key(&mut app, KeyCode::Right);
        }
    }
    // A goal picked by search.
    found(&mut app);
    app.routes.as_mut().unwrap().field = 1;
    key(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "hc-nac-job");
    app.settle_search();
    key(&mut app, KeyCode::Enter);
    forgotten(&app);
    // A typed score.
    app.routes.as_mut().unwrap().field = 0;
    for _ in 0..20 {
        if text(&render(&app)).contains("a test score") {
            break;
        }
        key(&mut app, KeyCode::Left);
    }
    assert!(text(&render(&app)).contains("a test score"));
    press_find(&mut app);
    app.routes.as_mut().unwrap().field = 0;
    key(&mut app, KeyCode::Enter);
    type_text(&mut app, "casas-esl reading 195");
    key(&mut app, KeyCode::Enter);
    found(&mut app);
    key(&mut app, KeyCode::BackTab);
    app.routes.as_mut().unwrap().field = 0;
    key(&mut app, KeyCode::Enter);
    erase_all(&mut app);
    type_text(&mut app, "casas-esl reading 210");
    key(&mut app, KeyCode::Enter);
    forgotten(&app);
}

#[test]
fn a_learner_file_she_cannot_be_resolved_from_is_refused_and_she_is_kept() {
    let mut app = app(false);
    add_start(&mut app, "casas-esl reading 195");
    select_learner_row(&mut app, "(age-18)");
    key(&mut app, KeyCode::Char(' '));
    let before = app.learner.clone();
    let dir = tempfile::tempdir().unwrap();
    for (name, body, words) in [
        (
            "hold.json",
            "{\"format\":\"pathways-learner/1\",\"levels\":[\"ESL 2\"],\"holds\":[\"hsee\"]}",
            "/holds/0: unknown condition \"hsee\"",
        ),
        (
            "stage.json",
            "{\"format\":\"pathways-learner/1\",\"at\":\"no-such-stage\"}",
            "/at: unknown stage id \"no-such-stage\"",
        ),
    ] {
        let file = dir.path().join(name);
        std::fs::write(&file, body).unwrap();
        load_learner_file(&mut app, &file);
        let error = app
            .prompt
            .as_ref()
            .and_then(|p| p.error.clone())
            .expect("the file is refused");
        assert!(
            error.starts_with(&format!("{}:", file.display())) && error.contains(words),
            "{error}"
        );
        assert!(!error.contains("--") && !error.contains('\n'), "{error}");
        let screen = text(&render(&app));
        assert!(!screen.contains("Learner loaded"), "{screen}");
        key(&mut app, KeyCode::Esc);
        assert_eq!(app.learner, before, "the learner is unchanged");
        assert!(app.learner_file.is_none());
        assert!(text(&render(&app)).contains("Profile: ESL 3"));
    }
}

#[cfg(unix)]
#[test]
fn a_learner_saved_from_the_panel_is_for_its_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let mut app = app(false);
    add_start(&mut app, "ESL 3");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ana.json");
    key(&mut app, KeyCode::Char('s'));
    erase_all(&mut app);
    type_text(&mut app, &path.display().to_string());
    key(&mut app, KeyCode::Enter);
    let mode = std::fs::metadata(&path).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600, "{mode:o}");
}

#[test]
fn the_area_picker_changes_every_wage_shown() {
    let mut app = app(false);
    go_to(&mut app, "hc-nac-job");
    let screen = text(&render(&app));
    assert!(
        screen.contains("Median wage: $42,260/yr (United States, BLS OEWS May 2025)"),
        "{screen}"
    );
    key(&mut app, KeyCode::Char('w'));
    assert!(matches!(app.screen, Screen::Area(_)));
    type_text(&mut app, "yakima");
    let screen = text(&render(&app));
    assert!(screen.contains("Area: yakima"), "{screen}");
    assert!(screen.contains("> Yakima, WA  (metro area)"), "{screen}");
    key(&mut app, KeyCode::Enter);
    assert!(matches!(app.screen, Screen::Explorer));
    let screen = text(&render(&app));
    // OEUM0049420000000311131: Yakima nursing assistants, $47,080, 1,320 jobs.
    assert!(
        screen.contains("$47,080/yr (Yakima, WA, BLS OEWS May 2025)"),
        "{screen}"
    );
    assert!(screen.contains("Jobs: about 1,320 in Yakima, WA"), "{screen}");
    // An area with no estimate says whose figure is shown: Bellingham's nurses.
    go_to(&mut app, "hc-rn-job");
    key(&mut app, KeyCode::Char('w'));
    type_text(&mut app, "bellingham");
    key(&mut app, KeyCode::Enter);
    app.resize(160, 40);
    let screen = text(&render(&app));
    assert!(
        screen.contains("Washington (no estimate for Bellingham, WA)"),
        "{screen}"
    );
    // At 80x24 the picker still lists areas and its hint bar.
    app.resize(80, 24);
    key(&mut app, KeyCode::Char('w'));
    type_text(&mut app, "wa");
    let screen = text(&render(&app));
    assert!(screen.contains("> Washington  (state)"), "{screen}");
    key(&mut app, KeyCode::Esc);
    assert!(matches!(app.screen, Screen::Explorer));
}

/// Counted work: a stage with 5,000 transitions formats only the rows the pane shows (an on-ramp
/// with 200,000 once held an idle explorer at 58% of a core) (issue 14, item 7).
#[test]
fn only_the_visible_transitions_are_formatted() {
    let n = 5_000;
    let file = pathways::domain::synthetic::hub(n);
    let loaded = load(&[pathways::domain::load::Input {
        name: "hub.json".into(),
        bytes: file.into_bytes(),
        origin: pathways::domain::load::Origin::User,
    }])
    .expect("loads");
    let mut app = App::new(
        Arc::new(loaded.pathways),
        loaded.benchmarks,
        Theme { color: false },
    );
    app.resize(120, 40);
    go_to(&mut app, "hub");
    let shown = pathways::tui::screen::explorer::draw::transition_lines(&app, false, 0, 20, 200);
    assert_eq!(shown.len(), 20, "a screenful, not 5,002 rows");
    let line = |l: &ratatui::text::Line| l.spans.iter().map(|s| s.content.as_ref()).collect::<String>();
    assert_eq!(line(&shown[0]), "Leads to (5000)");
    // The last rows: the last link, then the incoming heading.
    let tail = pathways::tui::screen::explorer::draw::transition_lines(&app, false, n, 20, 200);
    assert_eq!(tail.len(), 2);
    assert!(line(&tail[0]).contains("Job 4999 (j4999)"), "{}", line(&tail[0]));
    assert_eq!(line(&tail[1]), "Comes from (0)");
    // The screen shows the top of the list and the selection mark.
    let screen = text(&render(&app));
    assert!(screen.contains("Leads to (5000)"), "{screen}");
}

/// A pasted page goes into the search box only up to its limit, so each search stays small and a
/// following Esc is answered at once (issue 14, item 7).
#[test]
fn a_pasted_page_stops_at_the_search_limit() {
    let mut app = app(false);
    key(&mut app, KeyCode::Char('/'));
    type_text(&mut app, &"nurse ".repeat(2_000));
    let Screen::Search(state) = &app.screen else {
        panic!("search")
    };
    assert_eq!(
        state.query.chars().count(),
        pathways::tui::screen::search::MAX_QUERY
    );
    assert!(
        app.message
            .as_deref()
            .is_some_and(|m| m.contains("stops at 200 characters"))
    );
    key(&mut app, KeyCode::Esc);
    assert!(matches!(app.screen, Screen::Explorer));
}

/// A query longer than the box shows its end, where one types, marked as cut (issue 14, item 15).
#[test]
fn a_long_query_shows_where_one_types() {
    let mut app = app(false);
    key(&mut app, KeyCode::Char('/'));
    let query = format!("{}registered nurse XYZ", "a ".repeat(90));
    type_text(&mut app, &query);
    let screen = text(&render(&app));
    let line = screen
        .lines()
        .find(|l| l.contains("Search: "))
        .expect("the search line");
    assert!(
        line.contains("Search: …") && line.contains("nurse XYZ▏"),
        "{line}"
    );
    erase_all(&mut app);
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('w'));
    type_text(&mut app, &format!("{}Bellingham", "x ".repeat(60)));
    let screen = text(&render(&app));
    assert!(
        screen.contains("Area: …") && screen.contains("Bellingham▏"),
        "{screen}"
    );
}

/// `R` reads the files again and keeps the walk by stage id; a file that no longer loads
/// leaves the data as it was and says why (issue 18, item 9).
#[test]
fn reload_keeps_the_walk_and_survives_a_broken_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("chain.json");
    let original = std::fs::read_to_string("tests/fixtures/audit/chain.json").unwrap();
    std::fs::write(&file, &original).unwrap();
    let paths = vec![file.clone()];
    let loaded = pathways::cli::load_data(&paths).expect("the chain loads");
    let mut app = App::new(
        Arc::new(loaded.pathways),
        loaded.benchmarks,
        Theme { color: false },
    )
    .with_reload(Box::new(move || pathways::cli::load_data(&paths)));
    app.resize(120, 40);
    let start = app.pathways.find("esl-welding").unwrap();
    app.jump(start);
    for _ in 0..2 {
        let out = app.pathways.outgoing(app.current());
        app.walk(out[0].other, out[0].edge);
    }
    app.handle(&Event::Key(KeyEvent::new(KeyCode::Char('['), KeyModifiers::NONE)));
    let at = |app: &App| app.pathways.stage(app.current()).id.clone();
    assert_eq!(at(&app), "welding-cert");
    key(&mut app, KeyCode::Char('c'));
    assert_eq!(app.pins.pins.len(), 1);

    // An edit: a new title. The walk, its place on it and the stage list follow; the pinned
    // route, which names the old data's stages, is dropped.
    std::fs::write(
        &file,
        original.replace(
            "\"Welding certificate\",\n      \"kind\"",
            "\"Welding certificate (new)\",\n      \"kind\"",
        ),
    )
    .unwrap();
    key(&mut app, KeyCode::Char('R'));
    assert!(app.pins.pins.is_empty());
    assert_eq!(app.explorer.trail.steps.len(), 3);
    assert_eq!(app.explorer.trail.pos, 1);
    assert_eq!(at(&app), "welding-cert");
    assert_eq!(app.rows.stage_at(app.explorer.selected), Some(app.current()));
    let screen = text(&render(&app));
    assert!(screen.contains("Welding certificate (new)"), "{screen}");
    assert!(screen.contains("Reloaded: 3 stages, 2 transitions"), "{screen}");

    // A broken file: nothing changes, and the message names the file and line.
    std::fs::write(
        &file,
        original.replace("\"integrated\"\n    },", "\"integrated\"\n    },,"),
    )
    .unwrap();
    key(&mut app, KeyCode::Char('R'));
    let message = app.message.clone().unwrap_or_default();
    assert!(message.starts_with("Not reloaded: "), "{message}");
    assert!(message.contains("chain.json:"), "{message}");
    assert_eq!(
        app.pathways.stage(app.current()).title,
        "Welding certificate (new)"
    );
    assert_eq!(app.explorer.trail.steps.len(), 3);

    // The last stage gone: the walk ends before it, and says so.
    let without_job = original
        .replace(",\n    {\n      \"from\": \"welding-cert\",\n      \"to\": \"welder-job\",\n      \"mode\": \"sequential\"\n    }", "");
    assert_ne!(without_job, original, "the fixture's last transition was found");
    std::fs::write(&file, &without_job).unwrap();
    key(&mut app, KeyCode::Char('R'));
    assert_eq!(app.explorer.trail.steps.len(), 2);
    assert_eq!(at(&app), "welding-cert");
    let message = app.message.clone().unwrap_or_default();
    assert!(message.contains("The walk ends at step 2 of 3"), "{message}");

    // From the audit, which is audited again.
    key(&mut app, KeyCode::Char('a'));
    std::fs::write(&file, &original).unwrap();
    key(&mut app, KeyCode::Char('R'));
    assert!(matches!(app.screen, Screen::Audit(_)));
    assert_eq!(app.pathways.transition_count(), 2);
    assert!(app.findings.is_some());
}

/// Without files to read again (the shipped data is built in), `R` says so and changes nothing.
#[test]
fn reload_without_files_says_why() {
    let mut app = app(false);
    let before = app.pathways.stage_count();
    key(&mut app, KeyCode::Char('R'));
    assert!(
        app.message
            .as_deref()
            .is_some_and(|m| m.starts_with("R reads the --data files again"))
    );
    assert_eq!(app.pathways.stage_count(), before);
}

/// A stage imported from CTDL shows, in Details, that it is the pathway's destination and the
/// conditions it sets, nested ones indented (issue 17).
#[test]
fn details_show_a_ctdl_destination_and_its_conditions() {
    let text_of = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/audit/ctdl-rules.jsonld"
    ))
    .expect("fixture");
    let input = pathways::domain::load::Input {
        name: "ctdl-rules.jsonld".into(),
        bytes: text_of,
        origin: pathways::domain::load::Origin::User,
    };
    let loaded = load(&[input]).expect("the CTDL fixture loads");
    let mut app = App::new(
        Arc::new(loaded.pathways),
        loaded.benchmarks,
        Theme { color: false },
    );
    app.resize(120, 40);
    go_to(&mut app, "ce-aas");
    let screen = text(&render(&app));
    assert!(
        screen.contains("The destination of this CTDL pathway."),
        "{screen}"
    );
    assert!(screen.contains("Conditions (CTDL):"), "{screen}");
    assert!(screen.contains("  Core: requires 3 of: WE110, WE111"), "{screen}");
    go_to(&mut app, "ce-we110");
    let screen = text(&render(&app));
    assert!(!screen.contains("destination of this CTDL"), "{screen}");
    // The map flags the destination, and its legend says what the flag means.
    key(&mut app, KeyCode::Char('m'));
    let screen = text(&render(&app));
    assert!(screen.contains("⚑ Welding AAS"), "{screen}");
    assert!(
        screen.contains("sequential  ⚑ destination  ┏━┓ selected"),
        "{screen}"
    );
    assert!(!screen.contains("⚑ WE110"), "{screen}");
}

/// Where the selection of the screen that is up stands.
fn selection(app: &App) -> usize {
    match &app.screen {
        Screen::Search(s) => s.selected,
        Screen::Audit(s) => s.selected,
        Screen::Area(p) => p.selected,
        Screen::Learner(p) => p.cursor,
        Screen::Help { scroll, .. } => *scroll,
        Screen::Explorer => app.explorer.selected,
        _ => usize::MAX,
    }
}

/// One meaning for the list keys on every screen: ↓ one row, PgDn a page (what is in view), End
/// the last, PgUp a page back, Home the first, never past either end.
#[test]
fn every_list_moves_by_the_same_rule() {
    let mut app = app(false);
    let mut seen = Vec::new();
    type Open = fn(&mut App);
    let screens: [(&str, Open); 5] = [
        ("search", |a| {
            key(a, KeyCode::Char('/'));
            type_text(a, "a");
            a.settle_search();
        }),
        ("audit", |a| key(a, KeyCode::Char('a'))),
        ("area picker", |a| key(a, KeyCode::Char('w'))),
        ("help", |a| key(a, KeyCode::Char('?'))),
        ("stage list", |_| {}),
    ];
    for (name, open) in screens {
        open(&mut app);
        let start = selection(&app);
        key(&mut app, KeyCode::Home);
        let first = selection(&app);
        key(&mut app, KeyCode::Down);
        let down = selection(&app);
        key(&mut app, KeyCode::PageDown);
        let paged = selection(&app);
        key(&mut app, KeyCode::End);
        let last = selection(&app);
        key(&mut app, KeyCode::PageDown);
        assert_eq!(selection(&app), last, "{name}: PgDn at the end stays");
        key(&mut app, KeyCode::PageUp);
        let back = selection(&app);
        key(&mut app, KeyCode::Home);
        assert_eq!(selection(&app), first, "{name}: Home goes back to the first");
        assert!(down > first, "{name}: ↓ moves ({first} -> {down})");
        assert!(
            paged > down + 1,
            "{name}: PgDn moves a page, not a row ({down} -> {paged})"
        );
        assert!(
            last >= paged && back < last,
            "{name}: End {last}, PgUp back to {back}"
        );
        seen.push((name, start, paged - down));
        key(&mut app, KeyCode::Esc);
    }
    // At 120x40 every overlay's page is the rows it shows, so it is many rows, and never 10 by rote.
    assert!(seen.iter().all(|&(_, _, page)| page > 10), "{seen:?}");
}

/// The learner panel's limits hold for every start the route finder tries, and say so on its
/// form: from ESL 3 with "first pay within 12 weeks", the finder's best route is the command
/// line's for `--paid-within 12`; changing a limit forgets the routes found.
#[test]
fn the_finders_limits_hold_for_every_start_and_match_the_command_line() {
    let cli = crate::support::stdout(&crate::support::pathways(&[
        "route",
        "--from",
        "ESL 3",
        "--to",
        "hc-rn-job",
        "--paid-within",
        "12",
        "-k",
        "3",
    ]));
    let total = cli
        .lines()
        .map(str::trim)
        .find(|l| l.starts_with("Total: "))
        .unwrap_or_else(|| panic!("a total in {cli}"))
        .to_string();
    let mut app = app(true);
    app.resize(160, 50);
    let mut learner = pathways::domain::learner::Learner::default();
    learner.limits.paid_within = Some(12.0);
    app.set_learner(learner.clone());
    find_routes_to_rn(&mut app);
    let screen = text(&render(&app));
    assert!(
        screen.contains("Start     ◂ ESL 3") || screen.contains("ESL 3 ("),
        "{screen}"
    );
    assert!(
        screen.contains("Limits    first pay within 12 wk (L changes them)"),
        "{screen}"
    );
    assert!(screen.contains(&total), "{total} in\n{screen}");
    let routes = app.routes.as_ref().expect("the finder");
    assert!(!routes.results.is_empty());
    for r in &routes.results {
        let first = r.first_paid(&app.pathways).expect("every route pays");
        assert!(first.weeks_before <= 12.0, "{first:?}");
    }
    // A changed limit is a changed question: the routes go, and say why.
    learner.limits.paid_within = None;
    app.set_learner(learner);
    let routes = app.routes.as_ref().expect("the finder");
    assert!(routes.results.is_empty());
    assert_eq!(
        routes.status.as_deref(),
        Some(pathways::tui::screen::routes::LEARNER_CHANGED)
    );
    assert!(text(&render(&app)).contains("Limits    none"));
}

/// A limit kept only because an unknown length counts as 0 is said to be unsure, in the CLI
/// and in the route finder's detail alike: the first pay "within 4 weeks" of the RN routes
/// comes after classes whose lengths the data does not give.
#[test]
fn a_limit_kept_on_unknown_lengths_says_it_may_break() {
    let args = [
        "route",
        "--from",
        "casas-esl reading 195",
        "--to",
        "hc-rn-job",
        "--paid-within",
        "4",
    ];
    let cli = crate::support::stdout(&crate::support::pathways(&args));
    let warning = "May break the limit \"first pay within 4 wk\": a length or cost on the way is \
                   not in the data and counts as 0. Ask the programs.";
    assert!(cli.contains(warning), "{cli}");
    let mut json_args = args.to_vec();
    json_args.push("--json");
    let doc: serde_json::Value =
        serde_json::from_slice(&crate::support::pathways(&json_args).stdout).expect("JSON");
    assert_eq!(
        doc["routes"][0]["unsure_limits"],
        serde_json::json!(["paid_within_weeks"])
    );
    let mut app = app(true);
    app.resize(160, 50);
    let mut learner = pathways::domain::learner::Learner::default();
    learner.limits.paid_within = Some(4.0);
    app.set_learner(learner);
    find_routes_to_rn(&mut app);
    let screen = text(&render(&app))
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        screen.contains("May break the limit \"first pay within 4 wk\""),
        "{screen}"
    );
    // Without the limit, nothing to say.
    let cli = crate::support::stdout(&crate::support::pathways(&args[..5]));
    assert!(!cli.contains("May break"), "{cli}");
}

/// The list of every job can be ordered by the job's median wage, as `--sort wage` orders it,
/// in the wages of the area shown.
#[test]
fn the_list_of_jobs_sorts_by_wage_as_the_command_line_does() {
    let cli = crate::support::stdout(&crate::support::pathways(&[
        "route", "--from", "ESL 3", "--sort", "wage", "--area", "WA",
    ]));
    let mut app = app(true);
    app.resize(160, 50);
    app.set_area(pathways::domain::wages::layer().resolve("WA").expect("WA"));
    key(&mut app, KeyCode::Char('r'));
    let routes = app.routes.as_ref().expect("the finder");
    assert_eq!(routes.goal, pathways::tui::screen::routes::GoalChoice::AnyJob);
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Down);
    for _ in 0..3 {
        key(&mut app, KeyCode::Right);
    }
    assert!(text(&render(&app)).contains("highest wage first"));
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Enter);
    let routes = app.routes.as_ref().expect("the finder");
    assert!(routes.results.len() > 3, "{:?}", routes.status);
    let wage = |r: &pathways::domain::route::Route| {
        pathways::domain::wages::of_stage(&app.pathways, r.target(), app.area).and_then(|w| w.annual())
    };
    let wages: Vec<Option<f64>> = routes.results.iter().map(wage).collect();
    for pair in wages.windows(2) {
        assert!(
            match (pair[0], pair[1]) {
                (Some(a), Some(b)) => a >= b,
                (None, Some(_)) => false,
                _ => true,
            },
            "{wages:?}"
        );
    }
    // The command line lists the same jobs in the same order.
    let titles: Vec<String> = routes
        .results
        .iter()
        .map(|r| app.pathways.stage(r.target()).title.clone())
        .collect();
    let mut at = 0;
    for title in &titles {
        at = cli[at..]
            .find(title.as_str())
            .map(|i| at + i + title.len())
            .unwrap_or_else(|| panic!("{title} after byte {at} in {cli}"));
    }
    // One goal has one wage: choosing a goal puts the order back to the measure.
    key(&mut app, KeyCode::BackTab);
    for _ in 0..3 {
        key(&mut app, KeyCode::Up);
    }
    key(&mut app, KeyCode::Right);
    let routes = app.routes.as_ref().expect("the finder");
    assert!(matches!(
        routes.goal,
        pathways::tui::screen::routes::GoalChoice::Stage(_)
    ));
    assert!(!routes.by_wage);
    let screen = text(&render(&app));
    assert!(
        !screen.contains("highest wage first") && screen.contains("shortest time"),
        "{screen}"
    );
}

/// At 80x24 the Details pane takes the focus (Tab) and scrolls, so nothing of a stage is out of
/// reach: I-BEST NA-C's weeks, cost and note all come into view; the pane says there is more.
#[test]
fn at_80x24_details_take_the_focus_and_scroll_to_every_line() {
    let mut app = app(false);
    app.resize(80, 24);
    go_to(&mut app, "hc-ibest-nac");
    let first = text(&render(&app));
    assert!(first.contains("↓ more: Tab here"), "{first}");
    assert!(!first.contains("Cost: $1,710"), "{first}");
    key(&mut app, KeyCode::Tab);
    assert_eq!(app.explorer.focus, Pane::Details);
    let mut seen = text(&render(&app));
    assert!(
        seen.contains("╔ Details") && seen.contains("↓ more: ↓/PgDn"),
        "{seen}"
    );
    let last = scroll_to_end(&mut app, &mut seen);
    let stage = app.pathways.stage(app.current()).clone();
    let note_end: String = stage
        .note()
        .expect("a note")
        .split_whitespace()
        .last()
        .expect("a word")
        .into();
    for wanted in ["Weeks: 11", "Cost: $1,710", note_end.as_str()] {
        assert!(seen.contains(wanted), "{wanted} never shown:\n{seen}");
    }
    assert!(last.contains("↑ top: Home"), "{last}");
    // End and Home go to the ends; a new stage starts at the top; Enter goes on to the transitions.
    key(&mut app, KeyCode::Home);
    assert_eq!(app.explorer.details_scroll, 0);
    key(&mut app, KeyCode::End);
    assert!(app.explorer.details_scroll > 0);
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.explorer.focus, Pane::Transitions);
    go_to(&mut app, "hc-nac-job");
    assert_eq!(app.explorer.details_scroll, 0);
}

/// The map at 80x24: level headings over the columns, titles broken at spaces (never
/// "Pharmacy technicia|n"), `◂`/`▸` beside boxes that run out of view and the count of boxes off
/// screen in the title; the route finder's `◆` only on a map opened from the finder.
#[test]
fn the_map_labels_its_levels_marks_what_is_off_screen_and_keeps_route_marks_to_the_finder() {
    let mut app = app(false);
    app.resize(80, 24);
    go_to(&mut app, "hc-nac-program");
    key(&mut app, KeyCode::Char('m'));
    let screen = text(&render(&app));
    let rows: Vec<&str> = screen.lines().collect();
    assert!(
        rows[1].contains("Level 1") && rows[1].contains("Level 2 jobs"),
        "{screen}"
    );
    assert!(rows[0].contains("off screen ◂"), "{screen}");
    assert!(
        rows.iter().any(|r| r.starts_with('◂')) && rows.iter().any(|r| r.ends_with('▸')),
        "{screen}"
    );
    // Broken at the space, where the old map cut "Pharmacy technicia|n training program".
    assert!(screen.contains("│T»« Pharmacy          │"), "{screen}");
    assert!(screen.contains("│technician training…  │"), "{screen}");
    // Routes found, then the map from the explorer: no route marks, no ◆ in the legend.
    key(&mut app, KeyCode::Esc);
    find_routes_to_rn(&mut app);
    key(&mut app, KeyCode::Esc);
    go_to(&mut app, "hc-nac-program");
    key(&mut app, KeyCode::Char('m'));
    assert!(!text(&render(&app)).contains('◆'));
    key(&mut app, KeyCode::Esc);
    // From the finder, the chosen route is marked.
    key(&mut app, KeyCode::Char('r'));
    key(&mut app, KeyCode::Char('m'));
    let screen = text(&render(&app));
    assert!(screen.contains("◆"), "{screen}");
}

/// Every screen's bindings, as the help lists them.
fn every_binding() -> impl Iterator<Item = &'static pathways::tui::keys::Binding> {
    use pathways::tui::keys::{Context, bindings};
    Context::ALL.into_iter().flat_map(bindings)
}

/// At 80x24 a stage or transition too long for its pane ends in `…`, so nobody reads a cut title
/// as a whole one, and the stage list's key at its foot is whole (issue 15, 80x24).
#[test]
fn cut_titles_say_they_are_cut_at_80x24() {
    let mut app = app(false);
    app.resize(80, 24);
    go_to(&mut app, "f-esl-3");
    let screen = text(&render(&app));
    let stage_rows: Vec<&str> = screen
        .lines()
        .filter_map(|l| l.split(['│', '║']).nth(1))
        .filter(|pane| pane.contains(" E 0 ") || pane.contains(" E 1 "))
        .collect();
    assert!(stage_rows.len() > 5, "{screen}");
    for pane in &stage_rows {
        let shown = pane.trim_end().trim_end_matches('…');
        let whole = app
            .pathways
            .stages()
            .any(|(_, s)| shown.ends_with(&format!(" {}", s.title)));
        assert!(
            whole || pane.trim_end().ends_with('…'),
            "cut with no mark: {pane:?}\n{screen}"
        );
    }
    let link = screen
        .lines()
        .find(|l| l.contains("Integrated (IET) const"))
        .expect("the IET transition is shown");
    assert!(link.ends_with("…│"), "{link}\n{screen}");
    let foot = screen
        .lines()
        .find(|l| l.starts_with(['└', '╚']) && l.contains("» on"))
        .expect("the stage list's key");
    assert!(
        foot.contains(" » on-ramp « off-ramp ") && !foot.contains("E T W J"),
        "{foot}"
    );
}

/// At 80x24 the audit's rows keep "(explained)" whole: a long subject gives way, ending in `…`.
#[test]
fn audit_rows_keep_their_explained_mark_at_80x24() {
    let mut app = app(false);
    app.resize(80, 24);
    key(&mut app, KeyCode::Char('a'));
    let screen = text(&render(&app));
    let rows: Vec<&str> = screen
        .lines()
        .filter(|l| l.contains("warning ") && l.contains("off-ramp-without-credential"))
        .collect();
    assert!(!rows.is_empty(), "{screen}");
    for row in rows {
        assert!(row.ends_with("… (explained)│"), "{row}\n{screen}");
    }
}

/// The route finder opened from the learner panel at 80x24: the panel beneath, which reaches the
/// last row, does not show there as a second bottom border under the finder's hint bar.
#[test]
fn a_screen_below_never_shows_in_the_last_row() {
    let mut app = app(false);
    app.resize(80, 24);
    key(&mut app, KeyCode::Char('L'));
    // A score makes the panel a row taller: it reaches the last row.
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Enter);
    type_text(&mut app, "casas-esl reading 195");
    key(&mut app, KeyCode::Enter);
    let panel = text(&render(&app));
    assert!(
        panel.lines().nth(23).is_some_and(|l| l.starts_with('└')),
        "{panel}"
    );
    key(&mut app, KeyCode::Char('r'));
    assert!(matches!(app.screen, Screen::Routes), "r opens the route finder");
    let screen = text(&render(&app));
    let rows: Vec<&str> = screen.lines().collect();
    assert!(rows[22].starts_with("└Esc close"), "{screen}");
    assert_eq!(rows[23], "", "{screen}");
}
