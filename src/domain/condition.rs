//! Conditions a learner holds (a diploma, a driver's license, an age, a credential): declared once
//! in some loaded file's `pathway.conditions`, required to enter stages (`requires`) and held after
//! completing them (`awards`). Holding one may imply others (`age-21` implies `age-18`).

use hashbrown::HashMap;

use super::model::Stage;

/// A declared condition.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Condition {
    pub id: String,
    pub title: String,
    pub description: Option<String>,
    /// Ids of the conditions holding this one implies, as declared.
    pub implies: Vec<String>,
    /// Unknown members, kept for export and reported by the audit.
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl Condition {
    /// The title in a language (`names`: `{"es": "..."}`), when the data gives one.
    pub fn name_in(&self, lang: &str) -> Option<&str> {
        self.extra
            .get("names")?
            .get(lang)?
            .as_str()
            .map(str::trim)
            .filter(|t| !t.is_empty())
    }
}

/// A set of conditions by their index in `Conditions`: a bitset with no trailing zero words, so
/// equal sets compare and hash equal.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CondSet(Vec<u64>);

impl CondSet {
    pub fn new() -> CondSet {
        CondSet(Vec::new())
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn insert(&mut self, i: usize) {
        let (w, b) = (i / 64, i % 64);
        if self.0.len() <= w {
            self.0.resize(w + 1, 0);
        }
        self.0[w] |= 1 << b;
    }

    pub fn contains(&self, i: usize) -> bool {
        self.0.get(i / 64).is_some_and(|w| w & (1 << (i % 64)) != 0)
    }

    /// Whether every member of `self` is in `other`.
    pub fn is_subset(&self, other: &CondSet) -> bool {
        self.0
            .iter()
            .enumerate()
            .all(|(i, w)| w & !other.0.get(i).copied().unwrap_or(0) == 0)
    }

    pub fn union(&self, other: &CondSet) -> CondSet {
        let (long, short) = if self.0.len() >= other.0.len() {
            (self, other)
        } else {
            (other, self)
        };
        let mut words = long.0.clone();
        for (w, s) in words.iter_mut().zip(&short.0) {
            *w |= s;
        }
        CondSet(words)
    }

    pub fn intersection(&self, other: &CondSet) -> CondSet {
        let mut words: Vec<u64> = self.0.iter().zip(&other.0).map(|(a, b)| a & b).collect();
        while words.last() == Some(&0) {
            words.pop();
        }
        CondSet(words)
    }

    /// The members of `self` not in `other`.
    pub fn difference(&self, other: &CondSet) -> CondSet {
        let mut words: Vec<u64> = self
            .0
            .iter()
            .enumerate()
            .map(|(i, w)| w & !other.0.get(i).copied().unwrap_or(0))
            .collect();
        while words.last() == Some(&0) {
            words.pop();
        }
        CondSet(words)
    }

    /// Members in increasing order.
    pub fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.0.iter().enumerate().flat_map(|(i, &w)| {
            (0..64)
                .filter(move |b| w & (1 << b) != 0)
                .map(move |b| i * 64 + b)
        })
    }

    pub fn len(&self) -> usize {
        self.0.iter().map(|w| w.count_ones() as usize).sum()
    }
}

/// Why a condition id is not known.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", unknown_message(.id, .nearest.as_deref()))]
pub struct UnknownCondition {
    pub id: String,
    /// The nearest declared id, when one is close.
    pub nearest: Option<String>,
}

impl UnknownCondition {
    /// An unknown id with no "did you mean" yet: the loader looks for the nearest id only for the
    /// problems it lists, as each search reads every declared id.
    pub fn bare(id: &str) -> UnknownCondition {
        UnknownCondition {
            id: id.to_string(),
            nearest: None,
        }
    }
}

fn unknown_message(id: &str, nearest: Option<&str>) -> String {
    match nearest {
        Some(n) => format!("unknown condition \"{id}\": did you mean \"{n}\"?"),
        None => format!(
            "unknown condition \"{id}\": declare it in some file's /pathway/conditions \
             (`pathways levels` lists the declared ones)"
        ),
    }
}

/// Every declared condition of the loaded files, with its implications closed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Conditions {
    list: Vec<Condition>,
    index: HashMap<String, usize>,
    /// For each condition, itself and everything holding it implies, transitively.
    closure: Vec<CondSet>,
}

impl Conditions {
    /// The registry of `list` (ids distinct; the loader has checked). Implied ids that are not
    /// declared are returned, with the condition and position they appear at.
    pub fn new(list: Vec<Condition>) -> (Conditions, Vec<(usize, usize, UnknownCondition)>) {
        let mut index = HashMap::with_capacity(list.len());
        for (i, c) in list.iter().enumerate() {
            index.entry(c.id.clone()).or_insert(i);
        }
        let mut conditions = Conditions {
            list,
            index,
            closure: Vec::new(),
        };
        let mut unknown = Vec::new();
        let mut direct: Vec<CondSet> = Vec::with_capacity(conditions.list.len());
        for (i, c) in conditions.list.iter().enumerate() {
            let mut set = CondSet::new();
            set.insert(i);
            for (j, id) in c.implies.iter().enumerate() {
                match conditions.find(id) {
                    Some(k) => set.insert(k),
                    None => unknown.push((i, j, UnknownCondition::bare(id))),
                }
            }
            direct.push(set);
        }
        // Transitive closure: a walk from each condition along `implies`, linear in the
        // implications for each (repeated unions took a pass per link of the longest chain).
        let closure = (0..direct.len())
            .map(|start| {
                let mut reached = CondSet::new();
                let mut stack = vec![start];
                while let Some(i) = stack.pop() {
                    if reached.contains(i) {
                        continue;
                    }
                    reached.insert(i);
                    stack.extend(direct[i].iter().filter(|&k| !reached.contains(k)));
                }
                reached
            })
            .collect();
        conditions.closure = closure;
        (conditions, unknown)
    }

    pub fn len(&self) -> usize {
        self.list.len()
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// Declared conditions, in load order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (usize, &Condition)> + '_ {
        self.list.iter().enumerate()
    }

    pub fn get(&self, i: usize) -> &Condition {
        &self.list[i]
    }

    /// The condition of `id`, compared in NFC as ids are (declarations are held normalised).
    pub fn find(&self, id: &str) -> Option<usize> {
        if crate::domain::model::is_normal_id(id) {
            self.index.get(id).copied()
        } else {
            let id = crate::domain::model::normal_id(id.to_string());
            self.index.get(&id).copied()
        }
    }

    /// The title of a condition by index, for people.
    pub fn title(&self, i: usize) -> &str {
        &self.list[i].title
    }

    /// Why `id` is not declared, with the nearest declared id.
    pub fn unknown(&self, id: &str) -> UnknownCondition {
        UnknownCondition {
            id: id.to_string(),
            nearest: self.nearest(id),
        }
    }

    /// The declared id nearest to `id`, when it is close enough to be a typo of it.
    pub fn nearest(&self, id: &str) -> Option<String> {
        nearest(id, self.list.iter().map(|c| c.id.as_str())).map(str::to_string)
    }

    /// The set of `ids`, closed under implication, or the first unknown id.
    pub fn set_of<S: AsRef<str>>(&self, ids: &[S]) -> Result<CondSet, UnknownCondition> {
        let mut set = CondSet::new();
        for id in ids {
            let i = self.find(id.as_ref()).ok_or_else(|| self.unknown(id.as_ref()))?;
            set = set.union(&self.closure[i]);
        }
        Ok(set)
    }

    /// Condition `i` with everything holding it implies.
    pub fn implied_by(&self, i: usize) -> &CondSet {
        &self.closure[i]
    }

    /// `set` with everything it implies.
    pub fn closed(&self, set: &CondSet) -> CondSet {
        set.iter()
            .filter_map(|i| self.closure.get(i))
            .fold(set.clone(), |acc, c| acc.union(c))
    }

    /// The ids of a set's members, in declaration order.
    pub fn ids(&self, set: &CondSet) -> Vec<&str> {
        set.iter()
            .filter_map(|i| self.list.get(i))
            .map(|c| c.id.as_str())
            .collect()
    }
}

/// The nearest of `candidates` to `id` by edit distance, when it is close enough to be a typo.
pub fn nearest<'a>(id: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    // Past this length an id is pasted, not typed: no typo to guess, and each comparison would
    // cost its length squared.
    const LONGEST: usize = 40;
    let length = id.chars().count();
    if length > LONGEST {
        return None;
    }
    let limit = (length / 3).max(2);
    candidates
        .map(|c| (edit_distance(&id.to_lowercase(), &c.to_lowercase()), c))
        .filter(|&(d, _)| d <= limit)
        .min()
        .map(|(_, c)| c)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

/// What each stage requires and awards, resolved to condition sets. Most stages have neither, so
/// stages index a small table of distinct sets (index 0 is the empty set).
#[derive(Debug, Clone, PartialEq)]
pub struct Eligibility {
    sets: Vec<CondSet>,
    /// Per stage: (requires, awards closed under implication), as indexes into `sets`.
    gates: Vec<(u32, u32)>,
    /// Every condition some stage requires: the only ones a route search needs to track.
    required: CondSet,
}

impl Default for Eligibility {
    fn default() -> Self {
        Eligibility {
            sets: vec![CondSet::new()],
            gates: Vec::new(),
            required: CondSet::new(),
        }
    }
}

/// A condition id on a stage that is not declared: the stage's position, the field, the item.
#[derive(Debug, Clone, PartialEq)]
pub struct UnknownOnStage {
    pub stage: usize,
    pub field: &'static str,
    pub item: usize,
    pub error: UnknownCondition,
}

impl Eligibility {
    /// Resolves the `requires` and `awards` of `stages` (in node order); unknown ids are left out
    /// and returned.
    pub fn build<'s>(
        conditions: &Conditions,
        stages: impl Iterator<Item = &'s Stage>,
    ) -> (Eligibility, Vec<UnknownOnStage>) {
        let mut e = Eligibility::default();
        let mut interned: HashMap<CondSet, u32> = HashMap::new();
        interned.insert(CondSet::new(), 0);
        let mut unknown = Vec::new();
        for (n, stage) in stages.enumerate() {
            let mut gate = [0u32; 2];
            for (slot, (field, ids)) in [("requires", stage.requires()), ("awards", stage.awards())]
                .into_iter()
                .enumerate()
            {
                if ids.is_empty() {
                    continue;
                }
                let mut set = CondSet::new();
                for (item, id) in ids.iter().enumerate() {
                    match conditions.find(id) {
                        Some(i) => set.insert(i),
                        None => unknown.push(UnknownOnStage {
                            stage: n,
                            field,
                            item,
                            error: UnknownCondition::bare(id),
                        }),
                    }
                }
                // Awards are held with all they imply; requires are checked as written.
                if slot == 1 {
                    set = conditions.closed(&set);
                }
                let next = u32::try_from(e.sets.len()).unwrap_or(u32::MAX);
                gate[slot] = *interned.entry(set.clone()).or_insert_with(|| {
                    e.sets.push(set);
                    next
                });
            }
            e.gates.push((gate[0], gate[1]));
        }
        for &(r, _) in &e.gates {
            e.required = e.required.union(&e.sets[r as usize]);
        }
        (e, unknown)
    }

    /// What entering stage `node` requires.
    pub fn requires(&self, node: usize) -> &CondSet {
        &self.sets[self.gates.get(node).map_or(0, |g| g.0) as usize]
    }

    /// What completing stage `node` awards, with all it implies.
    pub fn awards(&self, node: usize) -> &CondSet {
        &self.sets[self.gates.get(node).map_or(0, |g| g.1) as usize]
    }

    /// The interned ids of a stage's (requires, awards); 0 means none.
    pub fn gate(&self, node: usize) -> (u32, u32) {
        self.gates.get(node).copied().unwrap_or((0, 0))
    }

    /// Every stage's interned (requires, awards), in node order.
    pub fn gates(&self) -> &[(u32, u32)] {
        &self.gates
    }

    /// An interned set by id.
    pub fn set(&self, id: u32) -> &CondSet {
        &self.sets[id as usize]
    }

    /// Every condition some stage requires.
    pub fn required(&self) -> &CondSet {
        &self.required
    }

    /// Whether any stage requires anything.
    pub fn has_requirements(&self) -> bool {
        !self.required.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cond(id: &str, implies: &[&str]) -> Condition {
        Condition {
            id: id.into(),
            title: id.to_uppercase(),
            description: None,
            implies: implies.iter().map(|s| s.to_string()).collect(),
            ..Default::default()
        }
    }

    #[test]
    fn implication_is_transitive_and_unknown_implied_ids_are_named() {
        let (c, unknown) = Conditions::new(vec![
            cond("age-18", &[]),
            cond("age-21", &["age-18"]),
            cond("cdl-a", &["age-21", "drivers-licence"]),
            cond("drivers-license", &[]),
        ]);
        assert_eq!(unknown.len(), 1);
        // The loader adds the nearest id to the problems it lists.
        assert_eq!(unknown[0].2, UnknownCondition::bare("drivers-licence"));
        assert_eq!(c.nearest("drivers-licence").as_deref(), Some("drivers-license"));
        assert_eq!(
            c.unknown("drivers-licence").to_string(),
            "unknown condition \"drivers-licence\": did you mean \"drivers-license\"?"
        );
        let set = c.set_of(&["cdl-a"]).expect("known");
        assert_eq!(c.ids(&set), ["age-18", "age-21", "cdl-a"]);
        assert!(c.set_of(&["age-12"]).is_err());
    }

    #[test]
    fn sets_compare_by_members() {
        let mut a = CondSet::new();
        a.insert(70);
        a.insert(3);
        let mut b = CondSet::new();
        b.insert(3);
        assert!(b.is_subset(&a) && !a.is_subset(&b));
        assert_eq!(a.difference(&b).iter().collect::<Vec<_>>(), [70]);
        assert_eq!(a.intersection(&b), b);
        assert_eq!(a.union(&b), a);
        assert_eq!(a.len(), 2);
        assert!(CondSet::new().is_subset(&b));
    }

    #[test]
    fn nearest_finds_typos_not_strangers() {
        let ids = ["hse", "nac", "drivers-license"];
        assert_eq!(nearest("hes", ids.into_iter()), Some("hse"));
        assert_eq!(
            nearest("driver-license", ids.into_iter()),
            Some("drivers-license")
        );
        assert_eq!(nearest("nursing-degree", ids.into_iter()), None);
    }
}
