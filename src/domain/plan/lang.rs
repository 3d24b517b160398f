//! The plan's two languages: template words, level names, dates, weeks and money. Every phrase is
//! written here once in English and Spanish side by side, so a phrase cannot exist in one
//! language only.
//!
//! Spanish follows US usage for numbers and money (`$1,710`, `10.5`), as the IRS and USAGov
//! Spanish pages do, since the learner reads prices in US dollars; the reader is addressed as
//! `usted`.

use crate::domain::level::SkillLevel;
use crate::domain::model::Kind;
use crate::format::{usd, weeks as weeks_number};

/// The language of a plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    En,
    Es,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Es];

    /// `en`, `es`: the code learner files and `--lang` use.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Es => "es",
        }
    }

    pub fn parse(text: &str) -> Option<Lang> {
        match text.trim().to_ascii_lowercase().as_str() {
            "en" | "english" => Some(Lang::En),
            "es" | "spanish" | "español" | "espanol" => Some(Lang::Es),
            _ => None,
        }
    }

    /// The language's own name, for a prompt.
    pub fn name(self) -> &'static str {
        self.say("English", "Español")
    }

    /// The phrase in this language.
    pub fn say(self, en: &'static str, es: &'static str) -> &'static str {
        match self {
            Lang::En => en,
            Lang::Es => es,
        }
    }

    /// A date given as YYYY-MM-DD, in words: "December 3, 2026", "3 de diciembre de 2026".
    /// Text that is not such a date is returned as it is.
    pub fn date(self, ymd: &str) -> String {
        const EN: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        const ES: [&str; 12] = [
            "enero",
            "febrero",
            "marzo",
            "abril",
            "mayo",
            "junio",
            "julio",
            "agosto",
            "septiembre",
            "octubre",
            "noviembre",
            "diciembre",
        ];
        let parts: Vec<&str> = ymd.split('-').collect();
        let [y, m, d] = parts.as_slice() else {
            return ymd.to_string();
        };
        let (Ok(m), Ok(d)) = (m.parse::<usize>(), d.parse::<u32>()) else {
            return ymd.to_string();
        };
        if !(1..=12).contains(&m) {
            return ymd.to_string();
        }
        match self {
            Lang::En => format!("{} {d}, {y}", EN[m - 1]),
            Lang::Es => format!("{d} de {} de {y}", ES[m - 1]),
        }
    }

    /// "1 week", "11 weeks", "10.5 semanas".
    pub fn weeks(self, w: f64) -> String {
        let n = weeks_number(w);
        let one = w == 1.0;
        match self {
            Lang::En => format!("{n} {}", if one { "week" } else { "weeks" }),
            Lang::Es => format!("{n} {}", if one { "semana" } else { "semanas" }),
        }
    }

    /// A length in weeks with its rough size in months or years, for totals: "about 2 years
    /// (104 weeks)".
    pub fn duration(self, w: f64) -> String {
        let weeks = self.weeks(w);
        if w < 9.0 {
            return weeks;
        }
        let months = (w / 4.345).round();
        if w < 78.0 {
            return match self {
                Lang::En => format!("about {months:.0} months ({weeks})"),
                Lang::Es => format!("unos {months:.0} meses ({weeks})"),
            };
        }
        let years = (w / 52.0 * 2.0).round() / 2.0;
        let years_text = weeks_number(years);
        match self {
            Lang::En => format!("about {years_text} years ({weeks})"),
            Lang::Es => format!("unos {years_text} años ({weeks})"),
        }
    }

    /// Dollars, no cents: "$1,710" in both languages (US usage).
    pub fn money(self, amount: f64) -> String {
        usd(amount)
    }

    /// A yearly wage: "$51,990 a year", "$51,990 al año".
    pub fn per_year(self, amount: f64) -> String {
        format!("{} {}", self.money(amount), self.say("a year", "al año"))
    }

    /// "1 step" / "3 pasos".
    pub fn steps(self, n: usize) -> String {
        match (self, n) {
            (Lang::En, 1) => "1 step".into(),
            (Lang::En, n) => format!("{n} steps"),
            (Lang::Es, 1) => "1 paso".into(),
            (Lang::Es, n) => format!("{n} pasos"),
        }
    }

    /// What a stage of this kind is, in one plain line.
    pub fn kind_line(self, kind: Kind) -> &'static str {
        match kind {
            Kind::Education => self.say("A class.", "Una clase."),
            Kind::Training => self.say(
                "A training program for a job.",
                "Un programa de formación para un trabajo.",
            ),
            Kind::WorkBased => self.say(
                "Training on the job. You work and learn.",
                "Formación en el trabajo. Usted trabaja y aprende.",
            ),
            Kind::Employment => self.say("A job.", "Un trabajo."),
        }
    }

    /// A support service named in the data, in plain words: the shipped data's service names
    /// have wording here; others are shown as the data writes them.
    pub fn service(self, name: &str) -> String {
        let words = match name.trim().to_lowercase().as_str() {
            "advising" => self.say("advising", "orientación académica"),
            "career counseling" => self.say("career counseling", "orientación sobre carreras"),
            "credential evaluation guidance" => self.say(
                "help to get your diplomas from another country evaluated",
                "ayuda para evaluar sus títulos de otro país",
            ),
            "licensing navigation" => self.say(
                "help with the license steps",
                "ayuda con los pasos de la licencia",
            ),
            "navigator" => self.say(
                "a navigator (a person who guides you)",
                "un guía (navigator) que le acompaña",
            ),
            "support services referral" => self.say(
                "help to find support services",
                "ayuda para encontrar servicios de apoyo",
            ),
            "childcare referral" | "child care referral" => {
                self.say("help to find child care", "ayuda para encontrar cuidado de niños")
            }
            _ => return name.to_string(),
        };
        words.to_string()
    }

    /// Where a learner at `level` starts, in words, by the subject a test measured when one did:
    /// "You read English at a high beginning level (ESL 3)."
    pub fn level_words(self, level: SkillLevel, subject: Option<&str>) -> String {
        const ESL_EN: [&str; 6] = [
            "a first (literacy) level",
            "a low beginning level",
            "a high beginning level",
            "a low middle level",
            "a high middle level",
            "an advanced level",
        ];
        const ESL_ES: [&str; 6] = [
            "un primer nivel (alfabetización)",
            "un nivel principiante bajo",
            "un nivel principiante alto",
            "un nivel intermedio bajo",
            "un nivel intermedio alto",
            "un nivel avanzado",
        ];
        // NRS grade-level equivalents of the ABE levels (NRS Technical Assistance Guide, Appendix A).
        const ABE_GRADES: [&str; 6] = ["0 to 1", "2 to 3", "4 to 5", "6 to 8", "9 to 10", "11 to 12"];
        const ABE_GRADES_ES: [&str; 6] = ["0 a 1", "2 a 3", "4 a 5", "6 a 8", "9 a 10", "11 a 12"];
        let i = |n: u8| usize::from(n.clamp(1, 6)) - 1;
        let subject = subject.map(str::to_lowercase);
        match (self, level) {
            (Lang::En, SkillLevel::Esl(n)) => {
                let who = match subject.as_deref() {
                    Some("reading") => "You read English at",
                    Some("listening") => "You understand spoken English at",
                    Some("speaking") => "You speak English at",
                    _ => "Your English is at",
                };
                format!("{who} {} ({level}).", ESL_EN[i(n)])
            }
            (Lang::Es, SkillLevel::Esl(n)) => {
                let who = match subject.as_deref() {
                    Some("reading") => "Usted lee inglés a",
                    Some("listening") => "Usted entiende el inglés hablado a",
                    Some("speaking") => "Usted habla inglés a",
                    _ => "Su inglés está en",
                };
                format!("{who} {} ({level}).", ESL_ES[i(n)])
            }
            (Lang::En, SkillLevel::Abe(n)) => {
                let who = match subject.as_deref() {
                    Some("reading") => "You read",
                    Some("math") => "You do math",
                    Some("language" | "writing") => "You write",
                    _ => "Your basic skills are",
                };
                format!("{who} at about grade {} ({level}).", ABE_GRADES[i(n)])
            }
            (Lang::Es, SkillLevel::Abe(n)) => {
                let who = match subject.as_deref() {
                    Some("reading") => "Usted lee",
                    Some("math") => "Usted hace matemáticas",
                    Some("language" | "writing") => "Usted escribe",
                    _ => "Sus destrezas básicas están",
                };
                format!(
                    "{who} más o menos al nivel de los grados {} ({level}).",
                    ABE_GRADES_ES[i(n)]
                )
            }
            (Lang::En, SkillLevel::Hse) => "You have a high school diploma or a GED (HSE).".into(),
            (Lang::Es, SkillLevel::Hse) => {
                "Usted tiene un diploma de escuela secundaria o un GED (HSE).".into()
            }
        }
    }

    /// A test by the name people know it by: `casas-esl` is "CASAS", `tabe11` "TABE".
    pub fn test_name(self, id: &str) -> String {
        let id = id.trim().to_lowercase();
        match id.as_str() {
            _ if id.starts_with("casas") => "CASAS".into(),
            _ if id.starts_with("tabe") => "TABE".into(),
            _ if id.starts_with("best-plus") => "BEST Plus".into(),
            _ => id,
        }
    }

    /// A tested subject in words: "reading", "lectura".
    pub fn subject(self, name: &str) -> String {
        let words = match name.trim().to_lowercase().as_str() {
            "reading" => self.say("reading", "lectura"),
            "listening" => self.say("listening", "comprensión auditiva"),
            "speaking" => self.say("speaking", "expresión oral"),
            "math" => self.say("math", "matemáticas"),
            "language" => self.say("language", "lenguaje"),
            _ => return name.to_string(),
        };
        words.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_weeks_and_money_in_both_languages() {
        assert_eq!(Lang::En.date("2026-12-03"), "December 3, 2026");
        assert_eq!(Lang::Es.date("2026-12-03"), "3 de diciembre de 2026");
        assert_eq!(Lang::Es.date("not a date"), "not a date");
        assert_eq!(Lang::En.weeks(1.0), "1 week");
        assert_eq!(Lang::Es.weeks(10.5), "10.5 semanas");
        assert_eq!(Lang::En.duration(6.0), "6 weeks");
        assert_eq!(Lang::En.duration(22.0), "about 5 months (22 weeks)");
        assert_eq!(Lang::Es.duration(120.0), "unos 2.5 años (120 semanas)");
        assert_eq!(Lang::Es.per_year(51_990.0), "$51,990 al año");
        assert_eq!(Lang::Es.steps(1), "1 paso");
    }

    #[test]
    fn levels_in_plain_words() {
        assert_eq!(
            Lang::En.level_words(SkillLevel::Esl(3), Some("reading")),
            "You read English at a high beginning level (ESL 3)."
        );
        assert_eq!(
            Lang::En.level_words(SkillLevel::Esl(3), Some("listening")),
            "You understand spoken English at a high beginning level (ESL 3)."
        );
        assert_eq!(
            Lang::En.level_words(SkillLevel::Esl(3), None),
            "Your English is at a high beginning level (ESL 3)."
        );
        assert_eq!(
            Lang::Es.level_words(SkillLevel::Abe(4), Some("math")),
            "Usted hace matemáticas más o menos al nivel de los grados 6 a 8 (ABE 4)."
        );
        assert_eq!(Lang::Es.test_name("casas-esl"), "CASAS");
        assert_eq!(Lang::Es.subject("Reading"), "lectura");
        assert_eq!(Lang::parse(" ES "), Some(Lang::Es));
        assert_eq!(Lang::parse("fr"), None);
        assert_eq!(
            Lang::Es.service("Navigator"),
            "un guía (navigator) que le acompaña"
        );
        assert_eq!(Lang::En.service("tutoring"), "tutoring");
    }
}
