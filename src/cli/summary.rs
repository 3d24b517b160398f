//! `pathways summary`: what is loaded, and the commands to try.

use std::io::Write;

use super::Failure;
use crate::domain::load::Loaded;
use crate::domain::model::Kind;
use crate::sanitize::clean;

pub fn print(loaded: &Loaded, out: &mut dyn Write) -> Result<i32, Failure> {
    let p = &loaded.pathways;
    writeln!(
        out,
        "pathways: {}, {} stages, {} transitions, {} on-ramps, {} off-ramps\n",
        match p.pathways().len() {
            1 => "1 pathway file".to_string(),
            n => format!("{n} pathway files"),
        },
        p.stage_count(),
        p.transition_count(),
        p.on_ramps().count(),
        p.off_ramps().count()
    )?;
    for (i, meta) in p.pathways().iter().enumerate() {
        let stages: Vec<_> = p.stages().filter(|(_, s)| s.pathway == i).collect();
        let jobs = stages.iter().filter(|(_, s)| s.kind == Kind::Employment).count();
        let region = meta
            .region
            .as_deref()
            .map(|r| format!(", {}", clean(r)))
            .unwrap_or_default();
        writeln!(
            out,
            "  {:<36} {:>3} stages, {:>2} jobs   ({}{region})",
            clean(&meta.title),
            stages.len(),
            jobs,
            clean(&meta.sector)
        )?;
    }
    writeln!(
        out,
        "\nTry:\n  pathways            (the explorer)\n  pathways search nurse\n  pathways show <stage-id>\n  pathways levels --score \"casas-esl reading 195\"\n  pathways route --from \"casas-esl reading 195\" --to \"registered nurse\" -k 3\n  pathways check\n  pathways --help"
    )?;
    Ok(0)
}
