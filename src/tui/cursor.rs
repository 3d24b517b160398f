//! Moving a list's selection. Every list of the explorer moves by this one rule, so the keys
//! mean the same everywhere: the arrows one row, PgUp/PgDn a page (the rows in view), Home/End
//! the first and last row, never past either end.

use super::keys::Action;

/// Where the selection `at` of a list of `len` rows, `page` of them in view, goes for `action`;
/// `None` when the action does not move a selection.
pub fn moved(action: Action, at: usize, len: usize, page: usize) -> Option<usize> {
    let last = len.saturating_sub(1);
    let page = page.max(1);
    let to = match action {
        Action::Up => at.saturating_sub(1),
        Action::Down => at.saturating_add(1),
        Action::PageUp => at.saturating_sub(page),
        Action::PageDown => at.saturating_add(page),
        Action::Home => 0,
        Action::End => last,
        _ => return None,
    };
    Some(to.min(last))
}

/// Whether `action` is one of the keys that move a selection.
pub fn is_move(action: Action) -> bool {
    moved(action, 0, 1, 1).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    const MOVES: [Action; 6] = [
        Action::Up,
        Action::Down,
        Action::PageUp,
        Action::PageDown,
        Action::Home,
        Action::End,
    ];

    #[test]
    fn every_move_stays_inside_the_list() {
        for len in 0..12 {
            for page in 0..5 {
                for at in 0..len.max(1) {
                    for action in MOVES {
                        let to = moved(action, at, len, page);
                        assert!(
                            to.is_some_and(|to| to <= len.saturating_sub(1)),
                            "{action:?} {at} {len} {page}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn arrows_move_a_row_pages_move_a_page_home_and_end_go_to_the_ends() {
        assert_eq!(moved(Action::Down, 3, 20, 5), Some(4));
        assert_eq!(moved(Action::Up, 3, 20, 5), Some(2));
        assert_eq!(moved(Action::PageDown, 3, 20, 5), Some(8));
        assert_eq!(moved(Action::PageUp, 7, 20, 5), Some(2));
        assert_eq!(moved(Action::PageUp, 3, 20, 5), Some(0));
        assert_eq!(moved(Action::PageDown, 18, 20, 5), Some(19));
        assert_eq!(moved(Action::Home, 7, 20, 5), Some(0));
        assert_eq!(moved(Action::End, 7, 20, 5), Some(19));
        assert_eq!(moved(Action::Activate, 7, 20, 5), None);
        assert!(is_move(Action::End) && !is_move(Action::Search));
    }
}
