//! What the plan says: the route and the learner turned into a [`Doc`], in one language.

use std::collections::BTreeSet;

use petgraph::graph::NodeIndex;

use super::doc::{Block, Doc, Fact, Join, Line, Step, say};
use super::{Lang, PlanInput, StartPoint};
use crate::domain::graph::Pathways;
use crate::domain::level::SkillLevel;
use crate::domain::model::{Kind, Mode};
use crate::domain::route::{Integration, Leg};
use crate::domain::wages::{self, Amount, AreaId, JobWage};

/// Jobs beyond the route named under "It can also lead to".
const OTHER_JOBS: usize = 3;

/// The plan for `input`, in its language.
pub fn doc(p: &Pathways, input: &PlanInput<'_>) -> Doc {
    let l = input.lang;
    let route = input.route;
    let goal = route.target();
    let mut blocks = vec![
        Block::Title(
            Line::new()
                .say(l.say("Your career plan: ", "Su plan de carrera: "))
                .data(title(p, goal, l)),
        ),
        Block::Meta(meta(p, input)),
        Block::Heading(l.say("Where you start", "Dónde empieza usted")),
    ];
    blocks.extend(start(p, input).into_iter().map(Block::Para));
    blocks.push(Block::Heading(l.say("Your steps", "Sus pasos")));
    let legs = route.legs(p);
    blocks.push(Block::Para(say(match l {
        Lang::En => format!("This plan has {}. Do them in this order.", l.steps(legs.len())),
        Lang::Es => format!("Este plan tiene {}. Hágalos en este orden.", l.steps(legs.len())),
    })));
    let steps: Vec<Step> = legs
        .iter()
        .enumerate()
        .map(|(i, leg)| step(p, input, &legs, i, leg))
        .collect();
    blocks.push(Block::Steps(steps));
    blocks.push(Block::Heading(l.say("In all", "En total")));
    blocks.push(Block::List(totals(p, input, &legs)));
    blocks.push(Block::Heading(l.say("What to do next", "Qué hacer ahora")));
    blocks.push(Block::Checklist(checklist(p, input, &legs)));
    blocks.push(Block::Heading(
        l.say("Words in this plan", "Palabras de este plan"),
    ));
    blocks.push(Block::Glossary(glossary(p, input)));
    blocks.push(Block::Heading(
        l.say("Where these facts come from", "De dónde vienen estos datos"),
    ));
    blocks.push(Block::Sources(sources(p, input)));
    Doc { lang: l, blocks }
}

/// A stage's title in the plan's language: its `names` entry, else the English title.
pub fn title(p: &Pathways, node: NodeIndex, lang: Lang) -> String {
    let s = p.stage(node);
    s.name_in(lang.code()).unwrap_or(&s.title).to_string()
}

fn meta(p: &Pathways, input: &PlanInput<'_>) -> Vec<Line> {
    let l = input.lang;
    let mut lines = Vec::new();
    if let Some(name) = input.name.as_deref().filter(|n| !n.trim().is_empty()) {
        lines.push(Line::new().say(l.say("For: ", "Para: ")).data(name));
    }
    lines.push(say(format!(
        "{}{}",
        l.say("Date: ", "Fecha: "),
        l.date(&input.date)
    )));
    // The area only matters where the plan shows a wage from it.
    if input
        .route
        .stages()
        .iter()
        .any(|&n| matches!(wages::of_stage(p, n, input.area), Some(JobWage::Oews(_))))
    {
        lines.push(
            Line::new()
                .say(l.say("Pay shown for: ", "Sueldos para: "))
                .data(place(l, input.area)),
        );
    }
    lines
}

fn start(p: &Pathways, input: &PlanInput<'_>) -> Vec<Line> {
    let l = input.lang;
    match &input.start {
        StartPoint::Stage(node) => vec![
            Line::new()
                .say(l.say("You are at this step now: ", "Usted está en este paso ahora: "))
                .data(title(p, *node, l))
                .say("."),
        ],
        StartPoint::Levels { levels, placements } => {
            let mut lines: Vec<Line> = levels
                .all()
                .into_iter()
                .map(|lv| {
                    let subject = placements
                        .iter()
                        .find(|pl| pl.level == lv)
                        .map(|pl| pl.subject.as_str());
                    say(l.level_words(lv, subject))
                })
                .collect();
            for pl in placements {
                let test = format!("{} {}", l.test_name(&pl.test), l.subject(&pl.subject));
                lines.push(match l {
                    Lang::En => Line::new()
                        .say("Your ")
                        .data(test)
                        .say(format!(" score, {}, puts you at {}.", pl.score, pl.level)),
                    Lang::Es => Line::new()
                        .say("Su examen ")
                        .data(format!("{} de {}", l.test_name(&pl.test), l.subject(&pl.subject)))
                        .say(format!(" ({} puntos) le da el nivel {}.", pl.score, pl.level)),
                });
            }
            if lines.is_empty() {
                lines.push(say(
                    l.say("Your level is not known yet.", "Su nivel todavía no se sabe.")
                ));
            }
            lines
        }
    }
}

fn step(p: &Pathways, input: &PlanInput<'_>, legs: &[Leg], i: usize, leg: &Leg) -> Step {
    let l = input.lang;
    let s = p.stage(leg.stage);
    let at_stage = matches!(input.start, StartPoint::Stage(_)) && i == 0;
    let join = match leg.mode {
        None => Join::Start,
        Some(Mode::Integrated) => Join::Integrated,
        Some(Mode::Sequential) => Join::Sequential,
    };
    let mut about = vec![say(l.kind_line(s.kind))];
    about.push(say(match (join, at_stage) {
        (Join::Start, true) => l.say("You are here now.", "Usted está aquí ahora.").to_string(),
        (Join::Start, false) => l
            .say("You can start here.", "Usted puede empezar aquí.")
            .to_string(),
        (Join::Integrated, _) => l
            .say(
                "Together: you learn English or basic skills and job skills at the same time.",
                "Integrado: usted aprende inglés o destrezas básicas y destrezas de trabajo al mismo tiempo.",
            )
            .to_string(),
        (Join::Sequential, _) => match l {
            Lang::En => format!("One after the other: start this after you finish step {i}."),
            Lang::Es => format!("Uno tras otro: empiece este paso cuando termine el paso {i}."),
        },
    }));
    if l == Lang::En
        && let Some(d) = s.description()
    {
        about.push(Line::new().data(d));
    }
    let mut facts = Vec::new();
    let fact = |label, value| Fact { label, value };
    let goal_job = s.kind == Kind::Employment && i + 1 == legs.len();
    if !(at_stage || goal_job) {
        let label = if s.kind == Kind::Employment {
            l.say("Time in this job", "Tiempo en este trabajo")
        } else {
            l.say("Time", "Tiempo")
        };
        facts.push(fact(label, time(l, leg, s.kind == Kind::Employment)));
    }
    if !at_stage && s.kind != Kind::Employment {
        facts.push(fact(l.say("Cost", "Costo"), cost(l, leg)));
    }
    if let Some(c) = &s.credential {
        // Credentials are named as the programs name them, in English: a Spanish plan says so.
        facts.push(fact(
            l.say("You get", "Usted obtiene"),
            Line::new()
                .data(c.as_str())
                .say(l.say("", " (nombre oficial en inglés)")),
        ));
    }
    if let Some(w) = wages::of_stage(p, leg.stage, input.area) {
        facts.push(fact(l.say("Pay", "Sueldo"), pay(l, &w)));
    } else if s.kind == Kind::Employment {
        facts.push(fact(
            l.say("Pay", "Sueldo"),
            say(l.say("Not known yet.", "Todavía no se sabe.")),
        ));
    }
    let after_job = i
        .checked_sub(1)
        .and_then(|j| legs.get(j))
        .is_some_and(|g| matches!(p.stage(g.stage).kind, Kind::Employment | Kind::WorkBased));
    let work = match (s.kind, after_job) {
        (Kind::Employment | Kind::WorkBased, _) => {
            say(l.say("You are paid in this step.", "En este paso le pagan."))
        }
        (_, true) => say(match l {
            Lang::En => format!(
                "School, not paid. You may keep your job from step {i}: ask about evening or part-time classes."
            ),
            Lang::Es => format!(
                "Usted estudia; no le pagan. Puede seguir en su trabajo del paso {i}: pregunte por clases de noche o de medio tiempo."
            ),
        }),
        (_, false) => say(l.say(
            "School, not paid. Ask if there are evening or part-time classes.",
            "Usted estudia; no le pagan. Pregunte si hay clases de noche o de medio tiempo.",
        )),
    };
    // A job's line already says it is a job; paid training and school say whether they pay.
    if s.kind != Kind::Employment {
        facts.push(fact(l.say("Work and pay", "Trabajo y pago"), work));
    }
    let on_route: BTreeSet<NodeIndex> = legs.iter().map(|g| g.stage).collect();
    let others: Vec<String> = p
        .outgoing(leg.stage)
        .into_iter()
        .filter(|k| !on_route.contains(&k.other) && p.stage(k.other).kind == Kind::Employment)
        .take(OTHER_JOBS)
        .map(|k| title(p, k.other, l))
        .collect();
    if !others.is_empty() {
        facts.push(fact(
            l.say("It can also lead to", "También puede llevar a"),
            Line::new().data(others.join(", ")),
        ));
    }
    let ask: Vec<&str> = [
        s.details.as_ref().and_then(|d| d.contact.as_deref()),
        s.details.as_ref().and_then(|d| d.url.as_deref()),
    ]
    .into_iter()
    .flatten()
    .collect();
    // Without a contact, the checklist says once to ask the counselor where to sign up.
    if !ask.is_empty() {
        facts.push(fact(
            l.say("Contact", "Contacto"),
            Line::new().data(ask.join(" · ")),
        ));
    }
    if !s.services().is_empty() {
        let help: Vec<String> = s.services().iter().map(|name| l.service(name)).collect();
        facts.push(fact(
            l.say("Help offered", "Ayuda que ofrece"),
            Line::new().data(help.join(", ")),
        ));
    }
    Step {
        number: i + 1,
        title: Line::new().data(title(p, leg.stage, l)),
        join,
        about,
        facts,
    }
}

/// "Not known yet: ask the program." for a figure the data lacks.
fn not_known(l: Lang) -> &'static str {
    l.say(
        "Not known yet. Ask the program.",
        "Todavía no se sabe. Pregunte al programa.",
    )
}

fn time(l: Lang, leg: &Leg, job: bool) -> Line {
    if leg.weeks_unknown && leg.weeks == 0.0 {
        return say(if job {
            l.say(
                "Not known yet. Ask your counselor how long to work before the next step.",
                "Todavía no se sabe. Pregunte a su consejero/a cuánto tiempo debe trabajar antes del próximo paso.",
            )
        } else {
            not_known(l)
        });
    }
    let mut text = l.weeks(leg.weeks);
    if let Some((lo, hi)) = leg.weeks_range.filter(|(lo, hi)| lo < hi) {
        text.push_str(&match l {
            Lang::En => format!(" (it can take {} to {})", crate::format::weeks(lo), l.weeks(hi)),
            Lang::Es => format!(" (puede tomar de {} a {})", crate::format::weeks(lo), l.weeks(hi)),
        });
    }
    if leg.weeks_unknown {
        text.push_str(l.say(
            ", and more time not known yet",
            ", y más tiempo que todavía no se sabe",
        ));
    }
    say(text)
}

fn cost(l: Lang, leg: &Leg) -> Line {
    match (leg.cost_usd > 0.0, leg.cost_unknown) {
        (_, true) if leg.cost_usd == 0.0 => say(not_known(l)),
        (true, true) => say(format!(
            "{}{}",
            l.money(leg.cost_usd),
            l.say(", and more not known yet", ", y más que todavía no se sabe")
        )),
        (true, false) => say(format!(
            "{}{}",
            l.money(leg.cost_usd),
            l.say(" for tuition and fees", " de matrícula y cuotas")
        )),
        (false, _) => say(l.say("Free ($0).", "Gratis ($0).")),
    }
}

fn pay(l: Lang, w: &JobWage<'_>) -> Line {
    let amount = match w {
        JobWage::File(w) => l.per_year(w.median_annual_usd),
        JobWage::Oews(a) => match (a.estimate.annual, a.estimate.hourly) {
            (Amount::Usd(x), _) => l.per_year(x),
            (Amount::AtLeast(x), _) => format!("{}{}", l.say("at least ", "por lo menos "), l.per_year(x)),
            (_, Amount::Usd(h)) => format!("{} {}", l.money(h), l.say("an hour", "la hora")),
            _ => return say(l.say("Not known yet.", "Todavía no se sabe.")),
        },
    };
    let line = say(format!(
        "{amount}{}",
        l.say(", median pay in ", ", sueldo mediano en ")
    ));
    match w {
        JobWage::File(_) => say(format!(
            "{amount}{}",
            l.say(
                ", median pay (from the pathway file)",
                ", sueldo mediano (del archivo de la ruta)"
            )
        )),
        JobWage::Oews(a) => line.data(place(l, a.area)).say("."),
    }
}

/// Where a wage is from, as a sentence names it: "the United States", "Estados Unidos",
/// "Washington". Only the nation has a Spanish name here: states and metro areas keep the names
/// BLS gives them, as proper names.
fn place(l: Lang, area: AreaId) -> String {
    let layer = wages::layer();
    match l {
        Lang::Es if area == layer.nation() => "Estados Unidos".to_string(),
        _ => layer.place(area).to_string(),
    }
}

fn totals(p: &Pathways, input: &PlanInput<'_>, legs: &[Leg]) -> Vec<Line> {
    let l = input.lang;
    let route = input.route;
    // The step she is at now adds nothing: its figures are not hers to count.
    let here = matches!(input.start, StartPoint::Stage(_));
    let counted =
        |numbers: Vec<usize>| -> Vec<usize> { numbers.into_iter().filter(|&n| !(here && n == 1)).collect() };
    let unknown_weeks = counted(numbers(legs, |g| g.weeks_unknown));
    let unknown_cost = counted(numbers(legs, |g| g.cost_unknown));
    let ask_each = l.say(
        "Not known yet. Ask each program.",
        "Todavía no se sabe. Pregunte a cada programa.",
    );
    let mut lines = Vec::new();
    let time = if route.weeks == 0.0 && !unknown_weeks.is_empty() {
        ask_each.to_string()
    } else {
        let mut t = l.duration(route.weeks);
        if !unknown_weeks.is_empty() {
            t.push_str(&plus_unknown(l, &unknown_weeks));
        }
        t
    };
    let school_time = legs
        .iter()
        .any(|g| g.weeks > 0.0 && !matches!(p.stage(g.stage).kind, Kind::Employment | Kind::WorkBased));
    lines.push(say(format!(
        "{}{}{}",
        l.say("Time: ", "Tiempo: "),
        sentence(&time),
        if school_time {
            l.say(
                " Times are for full-time study. Part-time takes longer.",
                " Los tiempos son para estudio de tiempo completo. De medio tiempo toma más.",
            )
        } else {
            ""
        }
    )));
    let cost = if route.cost_usd == 0.0 && !unknown_cost.is_empty() {
        ask_each.to_string()
    } else {
        let mut c = l.money(route.cost_usd);
        if !unknown_cost.is_empty() {
            c.push_str(&plus_unknown(l, &unknown_cost));
        }
        c
    };
    lines.push(say(format!("{}{}", l.say("Cost: ", "Costo: "), sentence(&cost))));
    let earning = counted(numbers(&legs[..legs.len().saturating_sub(1)], |g| {
        matches!(p.stage(g.stage).kind, Kind::Employment | Kind::WorkBased)
    }));
    if !earning.is_empty() {
        lines.push(say(match l {
            Lang::En => format!("You are paid at {} before your goal.", step_list(l, &earning)),
            Lang::Es => format!(
                "En {} usted ya gana un sueldo, antes de llegar a su meta.",
                step_list(l, &earning)
            ),
        }));
    }
    match &input.integration {
        Some(Integration::Saves { sequential, .. })
            if legs
                .iter()
                .chain(sequential.legs(p).iter())
                .any(|g| g.weeks_unknown) =>
        {
            let (with, without) = (legs.len(), sequential.stages().len());
            lines.push(say(match (l, without > with) {
                (Lang::En, true) => format!(
                    "Without the together (integrated) steps, the shortest way has {} instead of {with}. How much time they save is not known yet.",
                    l.steps(without)
                ),
                (Lang::Es, true) => format!(
                    "Sin los pasos integrados, el camino más corto tiene {} en vez de {with}. Todavía no se sabe cuánto tiempo ahorran.",
                    l.steps(without)
                ),
                (_, false) => l
                    .say(
                        "Some lengths are not known yet, so no one can tell yet how much time the together (integrated) steps save.",
                        "Algunas duraciones todavía no se saben, así que todavía no se puede decir cuánto tiempo ahorran los pasos integrados.",
                    )
                    .to_string(),
            }));
        }
        Some(Integration::Saves {
            sequential,
            weeks_saved,
        }) if *weeks_saved > 0.0 => lines.push(say(match l {
            Lang::En => format!(
                "The together (integrated) steps save you {}. The fastest way without them takes {}.",
                l.weeks(*weeks_saved),
                l.weeks(sequential.weeks)
            ),
            Lang::Es => format!(
                "Los pasos integrados le ahorran {}. El camino más rápido sin ellos toma {}.",
                l.weeks(*weeks_saved),
                l.weeks(sequential.weeks)
            ),
        })),
        Some(Integration::Saves { .. }) => lines.push(say(l.say(
            "The together (integrated) steps do not make this plan shorter.",
            "Los pasos integrados no hacen este plan más corto.",
        ))),
        Some(Integration::NoSequentialAlternative) => lines.push(say(l.say(
            "Without the together (integrated) steps, no way leads to this goal.",
            "Sin los pasos integrados, ningún camino lleva a esta meta.",
        ))),
        Some(Integration::NotUsed) | None => {}
    }
    lines.extend(limits(p, input));
    if input.others {
        lines.push(say(l.say(
            "Other routes lead to this goal too. Ask your counselor to compare them with this one.",
            "Otros caminos también llevan a esta meta. Pida a su consejero/a que los compare con este.",
        )));
    }
    lines
}

/// The limits she asked for, and each one the plan may break because a length or cost on the
/// way is not known (it counts as 0, so the plan passed on figures no one has).
fn limits(p: &Pathways, input: &PlanInput<'_>) -> Vec<Line> {
    let l = input.lang;
    let c = &input.limits;
    let asked = limit_words(l, c);
    if asked.is_empty() && c.avoid.is_empty() {
        return Vec::new();
    }
    let all: Vec<&str> = asked.iter().map(|(_, w)| w.as_str()).collect();
    let mut line = Line::new()
        .say(l.say("You asked for: ", "Usted pidió: "))
        .say(all.join("; "));
    // Stage titles are data: the writers escape them.
    for (i, &n) in c.avoid.iter().enumerate() {
        line = match (i, all.is_empty()) {
            (0, true) => line.say(l.say("not through ", "sin pasar por ")),
            (0, false) => line.say(l.say("; not through ", "; sin pasar por ")),
            _ => line.say(", "),
        };
        line = line.data(title(p, n, l));
    }
    let mut lines = vec![line.say(".")];
    let unsure = crate::route_words::unsure_limits(p, input.route, c);
    for (key, words) in &asked {
        if unsure.iter().any(|(k, _)| k == key) {
            lines.push(say(match l {
                Lang::En => format!(
                    "This plan may not keep to \"{words}\": some lengths or costs on the way are not known yet. Ask the programs."
                ),
                Lang::Es => format!(
                    "Puede que este plan no cumpla con \"{words}\": todavía no se saben algunas duraciones o costos del camino. Pregunte a los programas."
                ),
            }));
        }
    }
    lines
}

/// Each limit on figures or earning set in `c` (stages to avoid are data, said apart), as (the
/// key `route_words::unsure_limits` names it by, its words).
fn limit_words(l: Lang, c: &crate::domain::route::Constraints) -> Vec<(&'static str, String)> {
    use crate::route_words::limit_key as key;
    let mut words = Vec::new();
    if let Some(w) = c.max_weeks {
        words.push((
            key::MAX_WEEKS,
            format!("{}{}", l.say("at most ", "como máximo "), l.weeks(w)),
        ));
    }
    if let Some(m) = c.max_cost {
        words.push((
            key::MAX_COST,
            format!("{}{}", l.say("at most ", "como máximo "), l.money(m)),
        ));
    }
    if c.integrated_only {
        words.push((
            key::INTEGRATED_ONLY,
            l.say("together (integrated) training only", "solo formación integrada")
                .to_string(),
        ));
    }
    if c.earn {
        words.push((
            key::EARN,
            l.say("paid work before the goal", "trabajo pagado antes de la meta")
                .to_string(),
        ));
    }
    if let Some(w) = c.paid_within {
        words.push((
            key::PAID_WITHIN,
            match l {
                Lang::En => format!("first pay within {}", l.weeks(w)),
                Lang::Es => format!("primer sueldo en {} o menos", l.weeks(w)),
            },
        ));
    }
    words
}

/// Text ending in a full stop.
fn sentence(text: &str) -> String {
    if text.ends_with('.') {
        text.to_string()
    } else {
        format!("{text}.")
    }
}

/// Step numbers (from 1) of the legs that match.
fn numbers(legs: &[Leg], pick: impl Fn(&Leg) -> bool) -> Vec<usize> {
    legs.iter()
        .enumerate()
        .filter(|(_, g)| pick(g))
        .map(|(i, _)| i + 1)
        .collect()
}

/// "step 2", "steps 1, 3 and 4".
fn step_list(l: Lang, numbers: &[usize]) -> String {
    let words: Vec<String> = numbers.iter().map(ToString::to_string).collect();
    let (one, many, and) = (
        l.say("step", "el paso"),
        l.say("steps", "los pasos"),
        l.say("and", "y"),
    );
    match words.as_slice() {
        [one_number] => format!("{one} {one_number}"),
        [rest @ .., last] => format!("{many} {} {and} {last}", rest.join(", ")),
        [] => String::new(),
    }
}

fn plus_unknown(l: Lang, numbers: &[usize]) -> String {
    match l {
        Lang::En => format!(", plus {} (not known yet)", step_list(l, numbers)),
        Lang::Es => format!(", más {} (todavía no se sabe)", step_list(l, numbers)),
    }
}

fn checklist(p: &Pathways, input: &PlanInput<'_>, legs: &[Leg]) -> Vec<Line> {
    let l = input.lang;
    let mut items = Vec::new();
    match &input.start {
        StartPoint::Levels { levels, placements }
            if placements.is_empty() && levels.all() == [SkillLevel::Hse] =>
        {
            items.push(say(l.say(
                "Ask the college if you need a placement test.",
                "Pregunte en el colegio comunitario si necesita un examen de ubicación.",
            )));
        }
        StartPoint::Levels { placements, .. } if placements.is_empty() => items.push(say(l.say(
            "Take a placement test (such as CASAS) at the college to check your level.",
            "Tome un examen de ubicación (como CASAS) en el colegio comunitario para confirmar su nivel.",
        ))),
        StartPoint::Levels { .. } => items.push(say(l.say(
            "Bring your test scores when you sign up.",
            "Lleve los resultados de su examen cuando se inscriba.",
        ))),
        StartPoint::Stage(_) => {}
    }
    let here = matches!(input.start, StartPoint::Stage(_));
    let no_contact: Vec<usize> = numbers(legs, |g| {
        let d = p.stage(g.stage).details.as_ref();
        p.stage(g.stage).kind != Kind::Employment && d.is_none_or(|d| d.contact.is_none() && d.url.is_none())
    })
    .into_iter()
    .filter(|&n| !(here && n == 1))
    .collect();
    if !no_contact.is_empty() {
        items.push(say(match l {
            Lang::En => format!(
                "Ask your counselor where to sign up for {}.",
                step_list(l, &no_contact)
            ),
            Lang::Es => format!(
                "Pregunte a su consejero/a dónde inscribirse para {}.",
                step_list(l, &no_contact)
            ),
        }));
    }
    items.push(say(l.say(
        "Bring a photo ID when you sign up.",
        "Lleve una identificación con foto cuando se inscriba.",
    )));
    for (node, missing) in &input.to_meet {
        let step = legs.iter().position(|g| g.stage == *node).map_or(0, |i| i + 1);
        let names: Vec<&str> = missing
            .iter()
            .map(|c| {
                let c = p.conditions().get(c);
                c.name_in(l.code()).unwrap_or(&c.title)
            })
            .collect();
        items.push(
            Line::new()
                .say(match l {
                    Lang::En => format!("Before step {step}, you need: "),
                    Lang::Es => format!("Antes del paso {step}, usted necesita: "),
                })
                .data(names.join("; "))
                .say("."),
        );
    }
    if legs.iter().any(|g| g.cost_usd > 0.0 || g.cost_unknown) {
        items.push(say(l.say(
            "Ask about financial aid. It can help you pay for school.",
            "Pregunte por ayuda financiera. Le puede ayudar a pagar sus estudios.",
        )));
    }
    if legs.iter().any(|g| g.weeks_unknown || g.cost_unknown) {
        items.push(say(l.say(
            "Ask each program about the facts marked \"not known yet\".",
            "Pregunte a cada programa por los datos que dicen \"todavía no se sabe\".",
        )));
    }
    if legs.iter().any(|g| !p.stage(g.stage).services().is_empty()) {
        items.push(say(l.say(
            "Ask about the help each program offers (see \"Help offered\").",
            "Pregunte por la ayuda que ofrece cada programa (vea \"Ayuda que ofrece\").",
        )));
    }
    items.push(say(l.say(
        "Meet your counselor again after your next step.",
        "Vuelva a ver a su consejero/a después de su próximo paso.",
    )));
    items
}

fn glossary(p: &Pathways, input: &PlanInput<'_>) -> Vec<(&'static str, Line)> {
    let l = input.lang;
    let route = input.route;
    let text: String = route
        .stages()
        .iter()
        .map(|&n| {
            let s = p.stage(n);
            format!("{} {} ", s.title, s.credential.as_deref().unwrap_or(""))
        })
        .collect();
    let has = |word: &str| text.to_lowercase().contains(&word.to_lowercase());
    let integrated = route
        .transitions()
        .iter()
        .any(|&e| p.transition(e).mode == Mode::Integrated);
    let scales: Vec<SkillLevel> = match &input.start {
        StartPoint::Levels { levels, .. } => levels.all(),
        StartPoint::Stage(_) => Vec::new(),
    };
    let mut terms = Vec::new();
    if scales.iter().any(|lv| matches!(lv, SkillLevel::Esl(_))) || has("ESL") {
        terms.push((
            "ESL",
            say(l.say(
                "English as a second language: English classes for adults.",
                "Inglés como segunda lengua: clases de inglés para adultos.",
            )),
        ));
    }
    if has("IELCE") {
        terms.push((
            "IELCE",
            say(l.say(
                "English classes that also teach civics and get you ready for work.",
                "Clases de inglés que también enseñan educación cívica y le preparan para el trabajo.",
            )),
        ));
    }
    let needs_hse = input
        .to_meet
        .iter()
        .any(|(_, set)| set.iter().any(|c| p.conditions().get(c).id == "hse"));
    if scales.contains(&SkillLevel::Hse) || has("HSE") || needs_hse {
        terms.push((
            "HSE",
            say(l.say(
                "High school equivalency: a GED or HiSET. It counts like a high school diploma.",
                "Equivalencia de la escuela secundaria: un GED o HiSET. Cuenta como un diploma de secundaria.",
            )),
        ));
    }
    if has("I-BEST") {
        terms.push(("I-BEST", say(l.say(
            "A Washington college program with two teachers in one class: one teaches job skills, one teaches basic skills.",
            "Un programa de los colegios de Washington con dos maestros en una clase: uno enseña el trabajo y otro las destrezas básicas.",
        ))));
    }
    if integrated || has("IET") {
        terms.push((
            l.say("Integrated (IET)", "Integrado (IET)"),
            say(l.say(
                "You learn basic skills and job skills together, in one program, at the same time.",
                "Usted aprende destrezas básicas y de trabajo juntas, en un programa, al mismo tiempo.",
            )),
        ));
    }
    if has("pre-apprentice") {
        terms.push((
            l.say(
                "Pre-apprenticeship",
                "Preparación para aprendizaje (pre-apprenticeship)",
            ),
            say(l.say(
                "A short class that gets you ready to apply for an apprenticeship.",
                "Una clase corta que le prepara para pedir entrar a un aprendizaje.",
            )),
        ));
    }
    if has("apprenticeship:") || has("registered apprentice") {
        terms.push((
            l.say(
                "Apprenticeship",
                "Programa de aprendizaje registrado (apprenticeship)",
            ),
            say(l.say(
                "A paid job where you learn a trade at work and in class.",
                "Un trabajo pagado donde usted aprende un oficio en el trabajo y en clase.",
            )),
        ));
    }
    terms.push((
        l.say("Credential", "Credencial"),
        say(l.say(
            "A paper that shows what you can do: a certificate, a license or a degree.",
            "Un papel que muestra lo que usted sabe hacer: un certificado, una licencia o un título.",
        )),
    ));
    if route
        .stages()
        .iter()
        .any(|&n| wages::of_stage(p, n, input.area).is_some())
    {
        terms.push((
            l.say("Median pay", "Sueldo mediano"),
            say(l.say(
                "Half of the workers in this job earn more than this, and half earn less.",
                "La mitad de los trabajadores en este trabajo gana más de esta cantidad, y la otra mitad gana menos.",
            )),
        ));
    }
    terms
}

/// Every source behind the plan's figures, with its year, then the wage layer's attribution.
fn sources(p: &Pathways, input: &PlanInput<'_>) -> Vec<Line> {
    let l = input.lang;
    let route = input.route;
    let mut cited: BTreeSet<String> = BTreeSet::new();
    let mut cite = |pathway: usize, id: &str| {
        if let Some(src) = p.pathways()[pathway].source(id) {
            let year = src.year.map_or_else(
                || l.say("year not given", "sin año").to_string(),
                |y| y.to_string(),
            );
            let mut text = format!("{} ({year})", short_title(&src.title));
            if let Some(url) = &src.url {
                text.push_str(&format!(" {}", short_url(url)));
            }
            cited.insert(text);
        }
    };
    let mut oews = false;
    for &n in route.stages() {
        let s = p.stage(n);
        for id in &s.sources {
            cite(s.pathway, id);
        }
        match wages::of_stage(p, n, input.area) {
            Some(JobWage::File(w)) => cite(s.pathway, &w.source),
            Some(JobWage::Oews(_)) => oews = true,
            None => {}
        }
    }
    for &e in route.transitions() {
        let t = p.transition(e);
        for id in t.sources() {
            cite(t.pathway, id);
        }
    }
    let mut lines: Vec<Line> = cited.into_iter().map(|c| Line::new().data(c)).collect();
    if oews {
        lines.push(Line::new().data(wages::layer().short_attribution()));
    }
    if matches!(input.start, StartPoint::Levels { .. }) {
        lines.push(Line::new().say(l.say("Level names: ", "Nombres de los niveles: ")).data(
            "NRS Educational Functioning Level Descriptors, NRS Technical Assistance Guide (U.S. Department of Education)",
        ));
    }
    if lines.is_empty() {
        lines.push(say(l.say(
            "No sourced figures on this route.",
            "No hay cifras con fuente en esta ruta.",
        )));
    }
    lines
}

/// Longest source title the plan prints; the file keeps the whole title and its quote.
const SOURCE_TITLE: usize = 80;

/// A source's title for small print: without its bracketed quote or note, at most
/// `SOURCE_TITLE` characters, cut at a word.
fn short_title(title: &str) -> String {
    let title = title
        .split(" (")
        .next()
        .unwrap_or(title)
        .trim_end_matches([',', ';', ':', ' ']);
    if title.chars().count() <= SOURCE_TITLE {
        return title.to_string();
    }
    let cut: String = title.chars().take(SOURCE_TITLE).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{}…", cut.trim_end_matches([',', ';', ':', ' ']))
}

/// A source's web site as people type it (no scheme, no path): enough to find the page with its
/// title in small print; `pathways show` gives the whole address.
fn short_url(url: &str) -> &str {
    let url = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .unwrap_or(url);
    url.split('/').next().unwrap_or(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_are_short_in_print() {
        assert_eq!(
            short_title("North Seattle College, Tuition Rates: Fall 2025 (the resident schedule)"),
            "North Seattle College, Tuition Rates: Fall 2025"
        );
        let long = short_title(&"word ".repeat(40));
        assert!(
            long.ends_with('…') && long.chars().count() <= SOURCE_TITLE + 1,
            "{long}"
        );
        assert_eq!(short_url("https://www.ecfr.gov/x/y.htm"), "www.ecfr.gov");
        assert_eq!(short_url("ecfr.gov"), "ecfr.gov");
    }
}
