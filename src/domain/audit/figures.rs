//! Figures and their sources: `unsourced-figure` (a weeks, weeks_range, hours or cost that names
//! no source its file declares) and `wage-fallback` (a job shown with a wider area's wage, because
//! BLS released none for the area audited).

use super::{Code, Ctx, Sink};
use crate::domain::model::Pathway;
use crate::domain::wages::{AreaId, JobWage, for_stage, layer};

pub(super) fn check(ctx: &Ctx<'_>, area: AreaId, findings: &mut Sink) {
    unsourced(ctx, findings);
    fallback(ctx, area, findings);
}

/// Whether any of `cited` is a source `file` declares.
fn cites_declared(file: &Pathway, cited: &[String]) -> bool {
    cited.iter().any(|id| file.source(id).is_some())
}

fn unsourced(ctx: &Ctx<'_>, findings: &mut Sink) {
    let p = ctx.p;
    for (v, s) in p.stages() {
        let figures: Vec<&str> = [
            ("weeks", s.weeks.is_some()),
            ("weeks_range", s.weeks_range().is_some()),
            ("hours", s.hours().is_some()),
            ("cost_usd", s.cost_usd.is_some()),
        ]
        .into_iter()
        .filter(|(_, given)| *given)
        .map(|(field, _)| field)
        .collect();
        if figures.is_empty() || cites_declared(p.pathway_of(v), &s.sources) {
            continue;
        }
        findings.push(ctx.stage_finding(
            Code::UnsourcedFigure,
            v,
            format!(
                "{} gives {} but names no source its file declares: a learner cannot tell where the \
                 figure comes from.",
                ctx.label(v),
                figures.join(", ")
            ),
            format!(
                "Add the source (title, publisher, year, url) to the file's `pathway.sources` and its id \
                 to the `sources` of {}; or remove the figure.",
                s.id
            ),
        ));
    }
    for e in p.graph().edge_indices() {
        let t = p.transition(e);
        if t.weeks.is_none() && t.cost_usd.is_none() {
            continue;
        }
        let Some(file) = p.pathways().get(t.pathway) else {
            continue;
        };
        let Some((from, to)) = p.ends(e) else { continue };
        if cites_declared(file, t.sources()) {
            continue;
        }
        findings.push(ctx.transition_finding(
            Code::UnsourcedFigure,
            from,
            e,
            format!(
                "The transition from {} to {} gives weeks or a cost but names no source its file declares.",
                ctx.label(from),
                ctx.label(to)
            ),
            "Add the source to the file's `pathway.sources` and its id to the transition's `sources`; or \
             remove the figure."
                .to_string(),
        ));
    }
}

fn fallback(ctx: &Ctx<'_>, area: AreaId, findings: &mut Sink) {
    let l = layer();
    for (v, s) in ctx.p.stages() {
        if !s.is_employment() {
            continue;
        }
        let Some(JobWage::Oews(w)) = for_stage(s, area) else {
            continue;
        };
        if !w.is_fallback() {
            continue;
        }
        findings.push(ctx.stage_finding(
            Code::WageFallback,
            v,
            format!(
                "BLS released no {} wage for {} (SOC {}) in {}: it is shown with the {} figure.",
                l.release(),
                ctx.label(v),
                s.soc.as_deref().unwrap_or(""),
                l.place(w.asked),
                l.label(w.area)
            ),
            format!(
                "Nothing to fix in the data; counselors in {} see the wider area's wage, marked as such.",
                l.area(w.asked).name
            ),
        ));
    }
}
