//! The shapes of the TOML rule-pack files (all `deny_unknown_fields`, so a misspelt key
//! is an error naming it).

use crate::diagnostic::{Applicability, Severity};
use crate::facts::{Kind, Sector};
use serde::Deserialize;

/// One pack file as written. Every section is optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackFile {
    /// Rule definitions.
    #[serde(default)]
    pub rule: Vec<RuleDef>,
    /// Ombudsman bodies.
    #[serde(default)]
    pub ombudsman: Vec<OmbudsmanDef>,
    /// Which body a letter's nation and service call for.
    #[serde(default)]
    pub route: Vec<RouteDef>,
    /// Next steps that are not an Ombudsman (regulators, courts).
    #[serde(default)]
    pub escalation: Vec<EscalationDef>,
    /// How non-prose spans are recognised.
    pub document: Option<DocumentDef>,
    /// Cues for the letter facts (kind, sector, parts of a letter).
    pub facts: Option<FactsDef>,
    /// What counts as Ombudsman signposting, contact details and time limits.
    pub signposting: Option<SignpostingDef>,
    /// The FCA's required referral wording.
    pub fos_wording: Option<FosWording>,
    /// What the officer detector knows.
    pub officers: Option<OfficersDef>,
}

/// The merged pack.
#[derive(Debug, Default, Clone)]
pub struct Pack {
    /// Rules in priority order (earlier wins when fixes overlap).
    pub rules: Vec<RuleDef>,
    /// Ombudsman bodies, the fallback `unknown` among them.
    pub ombudsman: Vec<OmbudsmanDef>,
    /// Routes from nation and service to bodies, first match wins (a user pack's first).
    pub route: Vec<RouteDef>,
    /// Next steps that are not an Ombudsman.
    pub escalation: Vec<EscalationDef>,
    /// Non-prose patterns.
    pub document: DocumentDef,
    /// Fact cues.
    pub facts: FactsDef,
    /// Signposting cues.
    pub signposting: SignpostingDef,
    /// FCA wording.
    pub fos_wording: FosWording,
    /// Officer detection.
    pub officers: OfficersDef,
    /// Which user file each rule (by id) and each replaced section (by its header,
    /// `[officers]`) came from, for errors that name the file and line (see
    /// [`Pack::locate`]).
    pub origins: std::collections::HashMap<String, String>,
    /// The text of each user pack file, by name.
    pub user_texts: std::collections::HashMap<String, std::sync::Arc<str>>,
}

/// How a rule's check is implemented.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum RuleKind {
    /// Code in `src/checks/` reads this rule's data.
    #[default]
    Builtin,
    /// Data only: flags each listed phrase, with an optional replacement.
    Phrases,
    /// Data only: when a condition holds, one of the cues must appear.
    Require,
}

/// One rule.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleDef {
    /// Stable kebab-case id.
    pub id: String,
    /// The group the rule belongs to (`ombudsman`, `apology`…), for selecting many at once.
    pub group: String,
    /// How the check is implemented.
    #[serde(default)]
    pub kind: RuleKind,
    /// Default severity.
    pub severity: Severity,
    /// The principle it serves, quoted from the guidance.
    pub principle: String,
    /// Which guidance text the principle is quoted from.
    pub principle_source: String,
    /// The message; `{name}` fields are filled in by the check.
    pub message: String,
    /// What to do.
    pub help: String,
    /// *What it does*, for `explain`.
    pub what: String,
    /// *Why is this bad?*, for `explain`.
    pub why: String,
    /// *Fix safety*, for `explain`.
    pub fix_safety: String,
    /// Letter kinds the rule applies to (all when empty).
    #[serde(default)]
    pub applies_to: Vec<Kind>,
    /// Phrases for `phrases` rules.
    #[serde(default)]
    pub phrase: Vec<PhraseDef>,
    /// The requirement of a `require` rule.
    pub require: Option<RequireDef>,
    /// Data for a built-in check, in the shape that check documents.
    pub data: Option<toml::Value>,
    /// Worked examples, run by the test suite.
    #[serde(default)]
    pub example: Vec<ExampleDef>,
}

/// What a `require` rule requires.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RequireDef {
    /// When the requirement holds: `fault` (the letter finds fault) or `decision` (always, in decision letters).
    pub when: Condition,
    /// Any one of these phrases (whole words) satisfies it.
    pub cues: Vec<String>,
    /// Or any of these regular expressions.
    #[serde(default)]
    pub patterns: Vec<String>,
    /// A cue preceded in its sentence by one of these words does not count ("Our Repairs
    /// Policy says we will …" describes a standard, not an action).
    #[serde(default)]
    pub not_after: Vec<String>,
    /// A cue whose sentence holds one of these words does not count.
    #[serde(default)]
    pub not_with: Vec<String>,
    /// Rules whose finding in the same letter makes this one redundant.
    #[serde(default)]
    pub superseded_by: Vec<String>,
    /// What the manual fix inserts.
    pub insert: String,
    /// Where: after the finding sentence, or before the sign-off.
    pub insert_at: InsertAt,
}

/// When a `require` rule applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Condition {
    /// The letter upholds the complaint (in whole or part) or admits fault.
    Fault,
    /// Every letter the rule applies to.
    Decision,
}

/// Where a `require` rule's fix inserts its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum InsertAt {
    /// After the first sentence that states the decision or admits fault.
    AfterFinding,
    /// At the start of the sign-off's line.
    BeforeSignOff,
}

/// A phrase a `phrases` rule flags.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PhraseDef {
    /// The phrases (matched as whole words).
    pub find: Vec<String>,
    /// Match case exactly.
    #[serde(default)]
    pub case_sensitive: bool,
    /// The replacement, if one can be offered. Its first letter takes the case of the found text.
    pub replace: Option<String>,
    /// How safe the replacement is.
    #[serde(default = "default_unsafe")]
    pub applicability: Applicability,
    /// An optional more specific message.
    pub message: Option<String>,
}

fn default_unsafe() -> Applicability {
    Applicability::Unsafe
}

/// A worked example: `bad` must raise the rule, `good` must not, and `fixed` is what
/// the rewrite of `bad` (with this rule's fixes at `level`) must be.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExampleDef {
    /// A letter or passage that breaks the rule.
    pub bad: String,
    /// One that follows it.
    pub good: Option<String>,
    /// The expected rewrite of `bad`.
    pub fixed: Option<String>,
    /// Fix level for `fixed` (default `unsafe`: every fix of the rule).
    pub level: Option<Applicability>,
    /// The letter kind to assume.
    pub kind: Option<Kind>,
    /// The sector to assume.
    pub sector: Option<Sector>,
    /// The format to read it as (default text).
    pub format: Option<crate::document::Format>,
    /// Other rules to enable with this one (the example's own rule always is).
    #[serde(default)]
    pub with: Vec<String>,
}

/// An Ombudsman body.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OmbudsmanDef {
    /// Stable id (`lgsco`, `phso`…; `unknown` is the fallback).
    pub id: String,
    /// Current official name.
    pub name: String,
    /// Current full-name variants (case-insensitive whole words).
    pub names: Vec<String>,
    /// Abbreviations (case-sensitive whole words).
    pub abbreviations: Vec<String>,
    /// The nations it works in.
    pub nations: Vec<crate::facts::Nation>,
    /// Web domains.
    pub websites: Vec<String>,
    /// Phone numbers.
    pub phones: Vec<String>,
    /// E-mail addresses.
    pub emails: Vec<String>,
    /// Postal address ("" if none confirmed).
    pub address: String,
    /// Strings identifying the address.
    pub address_markers: Vec<String>,
    /// The complainant's time limit, in months (0: none).
    pub time_limit_months: u32,
    /// Sentence appended when the time limit is missing.
    pub time_limit_sentence: String,
    /// Sentence appended when contact details are missing.
    pub contact_sentence: String,
    /// The suggested signposting paragraph.
    pub paragraph: String,
    /// Where the facts come from.
    pub sources: Vec<String>,
    /// Outdated names and addresses.
    #[serde(default)]
    pub outdated: Vec<OutdatedDef>,
}

/// Which bodies a nation and service call for.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RouteDef {
    /// The nations it applies in.
    pub nations: Vec<crate::facts::Nation>,
    /// The services it applies to.
    pub services: Vec<crate::facts::Service>,
    /// The right bodies (ids of `[[ombudsman]]` entries), the one to signpost first.
    pub bodies: Vec<String>,
    /// The sender belongs to one of the bodies, any one of which is right (the two
    /// communications schemes); otherwise the first is the one to signpost and the
    /// others come after it (CCW, then WATRS).
    #[serde(default)]
    pub choose_one: bool,
    /// What a fix inserts when the letter signposts none of the bodies (for
    /// `choose_one` routes: the first body's paragraph would choose for the writer).
    #[serde(default)]
    pub paragraph: Option<String>,
    /// Where this comes from.
    pub source: String,
}

/// A next step that is not an Ombudsman: a regulator, a court, an advice service.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EscalationDef {
    /// Stable id.
    pub id: String,
    /// Names (case-insensitive whole words).
    pub names: Vec<String>,
    /// Abbreviations (case-sensitive whole words).
    pub abbreviations: Vec<String>,
    /// What it is, for messages ("the regulator of energy suppliers; …").
    pub what: String,
    /// Its successor, when the body no longer exists (also an `ombudsman-outdated` finding).
    pub replace: Option<String>,
    /// Where this comes from.
    pub source: Option<String>,
}

/// An outdated name or address of a body.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutdatedDef {
    /// Strings as they appear in letters.
    pub find: Vec<String>,
    /// Match case exactly.
    pub case_sensitive: bool,
    /// The current name or address.
    pub replace: String,
    /// `name` or `address`.
    pub what: String,
    /// How safe the replacement is.
    pub applicability: Applicability,
    /// Where the reference says it is outdated.
    pub source: String,
    /// Reported only in letters that refer the complainant to this body: an old rule
    /// of its ("six years from the date of the act"), not a name of it.
    #[serde(default)]
    pub only_with_body: bool,
}

/// Patterns for non-prose spans.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentDef {
    /// Template placeholder syntaxes (regular expressions).
    pub placeholders: Vec<String>,
    /// Web addresses.
    pub urls: Vec<String>,
    /// E-mail addresses.
    pub emails: Vec<String>,
    /// Abbreviations whose full stop does not end a sentence.
    pub abbreviations: Vec<String>,
    /// The longest placeholder, in characters (delimiters included).
    #[serde(
        default = "default_placeholder_max_chars",
        rename = "placeholder-max-chars"
    )]
    pub placeholder_max_chars: usize,
}

fn default_placeholder_max_chars() -> usize {
    400
}

/// A weighted cue for a fact.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CueDef {
    /// What the cue points to (a kind or sector name).
    pub to: String,
    /// How strongly.
    pub weight: u32,
    /// The phrases.
    pub phrases: Vec<String>,
    /// Match case exactly.
    #[serde(default)]
    pub case_sensitive: bool,
}

/// Fact cues.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FactsDef {
    /// Cues for the letter kind (`to` = acknowledgement, update, decision).
    pub kind: Vec<CueDef>,
    /// Place and nation words (`to` = england, scotland, wales, ni).
    #[serde(default)]
    pub nation: Vec<CueDef>,
    /// Organisation names that say who sends the letter (`to` = a sender).
    #[serde(default)]
    pub sender: Vec<CueDef>,
    /// Topic words for the service a letter is about (`to` = a service).
    #[serde(default)]
    pub service: Vec<CueDef>,
    /// Phone area codes that name a nation.
    #[serde(default)]
    pub phone: Vec<PhoneCue>,
    /// Common Welsh words, to tell a Welsh or bilingual letter.
    #[serde(default)]
    pub welsh: WelshDef,
    /// Words that open a salutation ("Dear").
    pub salutations: Vec<String>,
    /// Sign-off phrases ("Yours sincerely").
    pub signoffs: Vec<String>,
    /// Words that make a sentence conditional.
    pub conditional_words: Vec<String>,
    /// How postcodes are recognised.
    pub places: PlacesDef,
    /// Postcode areas that name a nation.
    #[serde(default)]
    pub postcode: Vec<AreaCue>,
    /// Web and e-mail domains that name a nation.
    #[serde(default)]
    pub domain: Vec<DomainCue>,
    /// Reported speech, complaint points and letter structure.
    pub content: ContentDef,
    /// Cues for the decision and for fault.
    pub outcome: OutcomeDef,
}

/// Reported speech, complaint points and letter structure.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContentDef {
    /// Sentence openings that report the complainant's words.
    pub reported_speech: Vec<String>,
    /// What opens a complaint point when no heading does.
    pub point_openers: Vec<String>,
    /// Paragraph openings that close the complaint point before them.
    pub point_enders: Vec<String>,
    /// Headings that structure the letter rather than name a point.
    pub structural_headings: Vec<String>,
    /// Parts of words that make a structural heading hold points ("found").
    pub findings_heading_words: Vec<String>,
}

/// Cues for the decision and for fault.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutcomeDef {
    /// Partly upheld.
    pub partly: Vec<String>,
    /// Upheld.
    pub upheld: Vec<String>,
    /// Not upheld, or no fault found.
    pub not_upheld: Vec<String>,
    /// Admissions of fault in the organisation's own voice.
    pub fault: Vec<String>,
}

/// How postcodes are recognised.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlacesDef {
    /// A regular expression whose first group is the postcode area.
    pub postcode_pattern: String,
}

/// Postcode areas that point to a nation.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AreaCue {
    /// The nation.
    pub to: String,
    /// How strongly each postcode counts (twice in the letterhead or sign-off).
    pub weight: u32,
    /// The areas ("BT", "EH"); `"*"` for every area no other cue lists.
    pub areas: Vec<String>,
}

/// Phone area codes that point to a nation.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PhoneCue {
    /// The nation.
    pub to: String,
    /// How strongly each number counts (twice in the letterhead or sign-off).
    pub weight: u32,
    /// Leading digits ("028", "0131").
    pub prefixes: Vec<String>,
}

/// Common words of Welsh, to tell how much of a letter is Welsh.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WelshDef {
    /// Words common in Welsh and rare in English ("yn", "mae", "eich").
    pub words: Vec<String>,
    /// How strongly a Welsh or bilingual letter counts for Wales.
    pub nation_weight: u32,
}

/// Domain endings that point to a nation.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DomainCue {
    /// The nation.
    pub to: String,
    /// How strongly each distinct domain counts.
    pub weight: u32,
    /// Endings of the host name (".gov.scot").
    pub suffixes: Vec<String>,
}

/// What counts as signposting.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignpostingDef {
    /// Generic words for an Ombudsman ("Ombudsman").
    pub generic: Vec<String>,
    /// Words in the same sentence that make a mention a referral ("you can", "refer").
    pub referral_cues: Vec<String>,
    /// Text right after a mention that makes it a passing reference ("'s Complaint Handling Code").
    pub not_referral_after: Vec<String>,
    /// Text right before a mention that makes it a passing reference ("report by the").
    #[serde(default)]
    pub not_referral_before: Vec<String>,
    /// Regular expressions for a stated time limit.
    pub time_limit_patterns: Vec<String>,
    /// Regular expression for a phone number.
    pub phone_pattern: String,
    /// Words in a `[[placeholder]]` or template field that stand for contact details.
    pub contact_placeholder_words: Vec<String>,
    /// Words in a placeholder that stand for a time limit.
    pub time_placeholder_words: Vec<String>,
    /// Words in a placeholder that stand for the signposting itself (a template field,
    /// or a fix's own request to choose the body): it is there, to be completed.
    pub signpost_placeholder_words: Vec<String>,
    /// What a fix inserts in a letter written in Welsh (`{body}`: the right body).
    pub welsh_paragraph: String,
    /// What a fix adds after the English paragraph of a bilingual letter.
    pub bilingual_paragraph: String,
}

/// The FCA's required wording.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FosWording {
    /// The body it applies to.
    pub body: String,
    /// Accepted forms; a letter must contain every clause of one form.
    pub form: Vec<FosForm>,
}

/// One accepted form of the FCA wording.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FosForm {
    /// Which form.
    pub name: String,
    /// Clauses; each a list of acceptable alternatives, compared word by word.
    pub clauses: Vec<Vec<String>>,
    /// The full text, for the suggested fix.
    pub text: String,
}

/// What the officer detector knows (`[officers]` in `rules/officers.toml`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OfficersDef {
    /// Titles and ranks that mark staff.
    pub staff_titles: Vec<String>,
    /// Titles that say nothing about who someone is.
    pub neutral_titles: Vec<String>,
    /// Titles that mark a third party.
    pub third_party_titles: Vec<String>,
    /// Capitalised words that are never a name.
    pub not_names: Vec<String>,
    /// Lower-case particles inside names.
    pub particles: Vec<String>,
    /// Words that end a place or organisation.
    pub place_suffixes: Vec<String>,
    /// Words before a name that make it a place.
    pub place_prefixes: Vec<String>,
    /// Joiners that make a name an organisation.
    pub org_joiners: Vec<String>,
    /// Staff roles.
    pub staff_roles: Vec<String>,
    /// Determiners before a role.
    pub role_determiners: Vec<String>,
    /// Links between a first name and a team.
    pub team_links: Vec<String>,
    /// Team words.
    pub team_words: Vec<String>,
    /// Organisation words that make a role owned by "their" another organisation's.
    pub org_words: Vec<String>,
    /// Owners whose role makes a person a third party ("the shop's security officer").
    pub outside_owners: Vec<String>,
    /// Roles that, owned by a family member, make a person a third party.
    pub family_owned_roles: Vec<String>,
    /// Possessive determiners ("your sister Jane" is family).
    pub possessive_determiners: Vec<String>,
    /// Possessives that own a relation ("your son, Daniel").
    pub relation_possessives: Vec<String>,
    /// Verbs before a single listed name ("says Becker").
    pub reporting_verbs: Vec<String>,
    /// Prepositions before a place ("on Kingsley Ward").
    pub place_prepositions: Vec<String>,
    /// Prepositions before a location ("outside Bryn Awel").
    pub location_prepositions: Vec<String>,
    /// Titles of men.
    pub male_titles: Vec<String>,
    /// Titles of women.
    pub female_titles: Vec<String>,
    /// Words that make a nearby name a third party.
    pub third_party_words: Vec<String>,
    /// Words after a name that make it a third party.
    pub third_party_after: Vec<String>,
    /// Verbs after a sentence-initial common-word name that make it a re-mention.
    pub remention_verbs: Vec<String>,
    /// Verbs that make a single listed name beside them a person.
    pub person_verbs: Vec<String>,
    /// Verbs only people do: any capitalised word before one is a name.
    pub person_only_verbs: Vec<String>,
    /// Introductions before a name.
    pub name_intros: Vec<String>,
    /// Placeholder for a named officer's e-mail address.
    pub email_placeholder: String,
    /// Placeholder for a named officer's direct line.
    pub phone_placeholder: String,
    /// A phone number (a regex): someone's direct line when one of
    /// `direct_line_words` is in its sentence. Empty (the default, for a user's
    /// `[officers]` written before there was one): no number is a direct line.
    #[serde(default)]
    pub phone_pattern: String,
    /// Words that make a phone number someone's direct line.
    pub direct_line_words: Vec<String>,
    /// Female nouns a pronoun may refer to.
    pub female_words: Vec<String>,
    /// Male nouns a pronoun may refer to.
    pub male_words: Vec<String>,
    /// Pronouns that may refer to an officer, and their neutral forms.
    pub pronouns: Vec<PronounDef>,
    /// How each mode writes an officer.
    pub modes: ModesDef,
}

/// A pronoun that may refer to an officer, and what it becomes (`officer-pronoun`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PronounDef {
    /// The pronoun ("he", "her").
    pub word: String,
    /// The gender its referent must have (or not be known to lack).
    pub gender: PronounGender,
    /// Its neutral form ("they", "them").
    pub becomes: String,
    /// Its neutral form when a word follows that is not an object follower ("his
    /// report" → "their report"), if that differs.
    #[serde(default)]
    pub before_word: Option<String>,
    /// A subject pronoun: the verb after it agrees with "they" ("she was" → "they were").
    #[serde(default)]
    pub subject: bool,
}

/// The gender of a pronoun.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PronounGender {
    /// she, her, hers, herself
    Female,
    /// he, him, his, himself
    Male,
}

/// How each anonymisation mode writes an officer.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModesDef {
    /// Label template (`{letter}`).
    pub label: String,
    /// Role mode, first mention (`{article}`, `{role}`).
    pub role_first: String,
    /// Role mode, later mentions (`{role}`).
    pub role_later: String,
    /// The role noun when none is known.
    pub default_role: String,
    /// Title → role noun.
    pub title_roles: Vec<[String; 2]>,
    /// Roles written "their manager" in role mode.
    pub manager_roles: Vec<String>,
    /// Organisation mode, subject.
    pub we: String,
    /// Organisation mode, possessive.
    pub our: String,
    /// Verb agreement after "they" and "we".
    pub verb_agreement: Vec<[String; 2]>,
    /// Words after a name that make it the actor.
    pub actor_verbs: Vec<String>,
    /// Words after "her" that make it the object pronoun.
    pub object_followers: Vec<String>,
}
