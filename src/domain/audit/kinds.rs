//! What a kind of stage may carry: `integrated-into-job` (an integrated transition into a job: a
//! job is not a course that teaches basic skills alongside it) and `wage-on-training` (a `wage` on
//! an education or training stage, which routes never show; a paid work-based stage, such as an
//! apprenticeship, may have one).

use super::{Code, Ctx, Sink};
use crate::domain::model::{Kind, Mode};

pub(super) fn check(ctx: &Ctx<'_>, findings: &mut Sink) {
    let p = ctx.p;
    for e in p.graph().edge_indices() {
        let Some((from, to)) = p.ends(e) else { continue };
        if p.transition(e).mode != Mode::Integrated || !p.stage(to).is_employment() {
            continue;
        }
        findings.push(ctx.transition_finding(
            Code::IntegratedIntoJob,
            from,
            e,
            format!(
                "The transition from {} into the job {} is integrated, but integrated means basic skills \
                 taught in the same course as job training: a job is where a learner goes after it.",
                ctx.label(from),
                ctx.label(to)
            ),
            format!(
                "Make {} -> {} sequential; if the learner trains while she works, put a work-based stage \
                 (an apprenticeship, on-the-job training) between them.",
                p.stage(from).id,
                p.stage(to).id
            ),
        ));
    }
    for (v, s) in p.stages() {
        if s.wage.is_none() || !matches!(s.kind, Kind::Education | Kind::Training) {
            continue;
        }
        // At the wage itself, which is what to remove.
        let at_wage = |f| super::fields::at_field(f, "wage".to_string());
        findings.push(at_wage(ctx.stage_finding(
            Code::WageOnTraining,
            v,
            format!(
                "{} is {} stage with a `wage`: learners are not paid to attend it, and routes show wages \
                 only for jobs and paid work-based stages.",
                ctx.label(v),
                if s.kind == Kind::Education {
                    "an education"
                } else {
                    "a training"
                }
            ),
            format!(
                "Remove the wage from {}, or make it `work-based` if learners are paid while they learn.",
                s.id
            ),
        )));
    }
}
