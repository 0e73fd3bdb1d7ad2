//! The pattern stage: one multi-pattern regex-automata search over the neighbourhoods of
//! anchor bytes, with a validator per pattern.
//!
//! Formatted identifiers (dates, phones, numbers behind field labels, checksummed ids, e-mail,
//! URLs, IPs, street addresses, ages of 90 and over) all contain an anchor: a digit, `@`, `://`,
//! `www.`, a domain suffix or an age word. `prefilter.rs` finds the anchors with vectorised
//! scans and hands us byte ranges around them; here ONE multi-pattern search built from every
//! pattern (not a loop over N regexes; `PatternSet`: a forward and a reverse lazy DFA over the
//! union) searches those ranges, and the id of the pattern that matched
//! selects a validator (checksums in `validators.rs`, context negatives below). A rejected match
//! resumes the search one byte later so that a pattern lower in the list can still match there.
//!
//! Leftmost-first semantics: patterns that start with a field label (`MRN:`) come first, so the
//! label decides the category of the value that follows it.

use std::panic::{RefUnwindSafe, UnwindSafe};

use regex_automata::hybrid;
use regex_automata::meta::Regex;
use regex_automata::nfa::thompson::backtrack::{self, BoundedBacktracker};
use regex_automata::nfa::thompson::pikevm::{self, PikeVM};
use regex_automata::nfa::thompson::{self, WhichCaptures};
use regex_automata::util::captures::Captures;
use regex_automata::util::pool::Pool;
use regex_automata::util::syntax;
use regex_automata::{Anchored, Input, Match, MatchKind, PatternID};

use super::validators as v;
use crate::error::{Error, Result};
use crate::span::{Label, Source, Span};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Check {
    None,
    /// Value must contain a digit and be at least 3 characters long.
    Labelled,
    Ssn,
    Email,
    Url,
    Ipv4,
    Ipv6,
    Dea,
    Vin,
    Mbi,
    Phone,
    Address,
    NumericDate,
    MonthDay,
    MonthDayDash,
    /// Day first, as written outside the US (`adm 18/7`, `22/7  1300`): a day of 13 or more,
    /// with a dating cue before it or a time after it.
    DayMonth,
    CompactDate,
    TextDate,
    Year,
    Ordinal,
    Age,
    /// An age whose unit is the sentence: a person word and `is`/`was`, a comma, or a death
    /// or birthday verb before it (see [`age_context`]).
    AgeContext,
    AgeSex,
    GenericId,
    MonthYear,
    ParenId,
    /// A holiday that names no day: `Christmas disease` (haemophilia B), `Easter Seals`.
    Holiday,
    /// A numbered road, not a step of a protocol (`Route 2 of administration`).
    Road,
    /// A seven-digit local number (`555-0142`) after a calling word (see [`calling_cue`]).
    PhoneLocal,
    /// Capitals, a hyphen and five digits or more, not a vital's range (`HR-110-133`).
    CodedId,
    /// An @-mention that is no word written for `at` (`@home`, `@night`).
    Mention,
    /// The value after any word and `No.` (`UR No: 00817264`, `Prov. no. 4418276B`, `Bar No.
    /// 4471`, `Aadhaar No. 4821 7736 0094`): four digits at least, and not a room, bed, page,
    /// lot or other counter's number (see `number_label`).
    NumberLabel,
    /// An object identifier that names a record, not a standard or a system: not DICOM's
    /// own UIDs (`1.2.840.10008.`: transfer syntaxes, SOP classes) nor an `urn:oid:` system.
    Oid,
}

/// The word-led patterns that rarely match, searched apart from the others (see
/// [`Patterns`]); `Prefilter::windows` opens windows at their literals too.
pub(crate) const RARE: &[&str] = &[
    "holiday",
    "username",
    "ssn_last_four",
    "coordinates",
    "rural_route",
    "military_post",
    "age_decade",
    "at_mention",
    "pr_place",
    "dicom_person",
];

/// Named label groups of the merged `labelled_*` patterns and the label each one gives.
const LABELLED_GROUPS: &[(&str, Label)] = &[
    ("vehicle", Label::Vehicle),
    ("health_plan", Label::HealthPlan),
    ("license", Label::License),
    ("mrn", Label::Mrn),
    ("account", Label::Account),
    ("device", Label::Device),
    ("id", Label::Id),
];

#[derive(Clone, Copy)]
struct Recognizer {
    name: &'static str,
    label: Label,
    score: f32,
    check: Check,
}

/// Compiled patterns. Built once; `find` takes `&self`.
pub struct Patterns {
    main: PatternSet,
    /// Word-led patterns that rarely match ([`RARE`]): a second, small search that runs only
    /// on the windows their own literals open (`Prefilter::windows` finds them in the same
    /// pass), so their alternations and literals stay out of the main automaton and the main
    /// windows. (The speed gain was below this machine's noise: the ninth session's
    /// pattern-stage cost comes from no single pattern.)
    rare: PatternSet,
    /// Street addresses: kept out of the multi-pattern search because the street-suffix
    /// alternation (hundreds of USPS spellings after up to four words) multiplied the lazy
    /// DFA's states and halved the whole pattern stage's speed (measured: 240 ms -> 112 ms on
    /// the PhysioNet dev text without it). It runs only on lines where the dictionary stage
    /// found a street-suffix word.
    address: Regex,
    address_rec: Recognizer,
}

impl std::fmt::Debug for Patterns {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Patterns")
            .field("patterns", &self.main.recs.len())
            .field("rare", &self.rare.recs.len())
            .finish()
    }
}

/// Names of code systems, whose codes follow them like a record number its prefix.
const CODE_SYSTEMS: &[&str] = &[
    "CPT", "ICD", "HCPCS", "NDC", "LOINC", "DRG", "MSDRG", "SNOMED", "RXNORM", "HCC", "RVU", "CVX",
];

/// Words that make a bare day-and-month number before them a date rather than a range or a
/// ratio (`on 8-12`, `adm 18/7`).
const DATING_CUES: &[&str] = &[
    "on",
    "since",
    "from",
    "until",
    "dated",
    "of",
    "date",
    "dos",
    "seen",
    "admitted",
    "discharged",
    "d/c",
    "dc",
    "started",
    "stopped",
    "due",
    "thru",
    "through",
    "till",
    "by",
    "after",
    "before",
    "returned",
    "adm",
    "note",
];

/// The score of an unlabelled number that only its length makes an identifier.
const GENERIC_ID_SCORE: f32 = 0.5;

const MONTH: &str = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
/// Canadian provinces and territories, as written before a postal code.
pub(super) const PROVINCES: &[&str] = &[
    "AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT",
];

/// Month names in Spanish, French, Portuguese, German and Italian, for dates written in those
/// languages (`12 de marzo de 2023`, `le 4 avril 2024`, `22. März 2021`, `janvier 2022`); used
/// only with a day or a year beside them. Accented forms as written and without the accent.
const MONTH_INTL: &str = r"(?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|sep?tiembre|octubre|noviembre|diciembre|janvier|f(?:e|\xc3\xa9)vrier|mars|avril|mai|juin|juillet|ao(?:u|\xc3\xbb)t|septembre|octobre|novembre|d(?:e|\xc3\xa9)cembre|janeiro|fevereiro|mar(?:c|\xc3\xa7)o|maio|junho|julho|setembro|outubro|dezembro|januar|februar|m(?:a|ae|\xc3\xa4)rz|juni|juli|oktober|dezember|gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre)";
const DAY: &str = r"(?:0?[1-9]|[12][0-9]|3[01])";
const MON: &str = r"(?:0?[1-9]|1[0-2])";
const YEAR: &str = r"(?:1[89][0-9]{2}|20[0-9]{2})";
/// A year inside a full date (with its month): research corpora shift dates into the 22nd
/// century (`Admission Date: 2148-11-03`, `on 11/2/2148`, `June 2148`), where a year alone
/// would be a clock time or a quantity (`2130`). Not after a written day and month, where
/// four digits are as often the time (`May 4, 2110`).
const YEAR_FULL: &str = r"(?:1[89][0-9]{2}|2[01][0-9]{2})";
/// An age from ninety to ninety-nine in words (`ninety`, `ninety-four`, `ninety four`); case
/// is set by the pattern using it. [`age_token_len`] reads the same words.
const NINETIES: &str = r"ninety(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?";
/// A labelled value: starts and ends with an alphanumeric, may hold - . / inside, and holds a
/// digit (at most 42 bytes, checked by the validator). The leading `\b` keeps a label from
/// gluing onto the rest of a word (`fin` in `fingerprint`). Requiring the digit here rather
/// than only in the validator keeps `case of`, `lot of`, `scan ref` from matching at all: they
/// were a third of all rejected matches, and a rejected label no longer hides the right one
/// that starts at the same place (`retinal scan ref RS-6342` is BIOMETRIC, not ID).
const VALUE: &str =
    r"\b(?P<v>(?:[A-Za-z0-9][A-Za-z0-9\-./]*)?[0-9](?:[A-Za-z0-9\-./]*[A-Za-z0-9])?)";
/// A photo's labelled value: [`VALUE`] with underscores, as file names have them
/// (`MRB0931157_face_admit_20240502.jpg`).
const PHOTO_VALUE: &str =
    r"\b(?P<v>(?:[A-Za-z0-9][A-Za-z0-9\-./_]*)?[0-9](?:[A-Za-z0-9\-./_]*[A-Za-z0-9])?)";
/// A labelled value written in space-separated groups (`702 858 391`, plate `FAG 259`), with
/// a short last part after a hyphen (`SP25-014477-A`), else a plain value.
const VALUE_SPACED: &str = r"\b(?P<v>[A-Za-z0-9]{1,6}(?:[ \-][A-Za-z0-9]{2,6}){1,3}(?:-[A-Za-z0-9]{1,6})*\b|[A-Za-z0-9](?:[A-Za-z0-9\-./]*[A-Za-z0-9])?)";
/// A record number written in space-separated digit groups, or after up to five capitals and
/// a space (`HCH 4401 8823`, `GRKA 30-11907`, `123 456 789`), or digit by digit as dictation
/// transcribes it (`4 4 7 1 9 0 2 2`, six digits or more): a space at least, so a value without
/// one is left to `VALUE` (`7719-0043-2`), and every group digits, so the words after the value
/// stay out.
const SPACED_ID: &str = r"\b(?P<w>(?-i:[A-Z]{1,5} )[0-9]{2,8}(?: [0-9]{2,6}|-[0-9]{1,6}){0,4}|[0-9]{2,6}(?:-[0-9]{1,6})*(?: [0-9]{2,6}(?:-[0-9]{1,6})*){1,5}|[0-9](?: [0-9]){5,14})\b";
/// Between a label and its value: a number word, then a colon, number sign or equals sign (after
/// a short note in parentheses that opens with a letter: `Donor ID (UNet): AKHM227`, not a
/// UDI's `(01)`), a dot leader (`Meeting ID ......... 841 2207 5139`), or a table's cell border
/// with a blank beside it (`| MRN | 3319 0025 |`; HL7's bare `|` separates fields, not a label
/// from its value: `|LN||142|mg/dL|70-99|`). A period alone is a sentence's end (`incident.
/// FSBG 180-240`); the labels that take one list it (`lic.`).
const NUMSEP: &str = r"\s*(?:number|no\.?|num|#|id)?\s*(?:\([A-Za-z][^)\n]{0,19}\)[ \t]*[:#=]|[:#=]|\.{2,}:?|[ \t]+\|[ \t]*|\|[ \t]+)?\s*(?:is\s+)?";

/// Streets whose name is the whole address line after the house number, with no suffix
/// (`1585 Broadway`); lower case. The dictionary flags them as street words, so their lines
/// are searched for addresses.
pub(crate) const BARE_STREETS: &[&str] = &["broadway"];

/// Street suffix spellings that collide with clinical abbreviations and words.
const STREET_CLASH: &[&str] = &[
    "pts",
    "drs",
    "msn",
    "mssn",
    "lgt",
    "lgts",
    "vw",
    "vl",
    "cp",
    "ext",
    "exts",
    "hbr",
    "hbrs",
    "br",
    "pr",
    "pne",
    "crk",
    "cv",
    "dv",
    "est",
    "frk",
    "gtwy",
    "isle",
    "loop",
    "lck",
    "mdw",
    "ml",
    "mls",
    "mt",
    "mtn",
    "ps",
    "rte",
    "spg",
    "un",
    "via",
    "vis",
    "trl",
    "tunl",
    "mnr",
    "cors",
    "crse",
    "fls",
    "flt",
    "frd",
    "hts",
    "jct",
    "ky",
    "lf",
    "lk",
    "pln",
    "prt",
    "rpd",
    "rst",
    "shl",
    "smt",
    "sta",
    "stra",
    "trk",
    "uns",
    "xrd",
    "xing",
    "opas",
    "trak",
    "cyn",
    "cmn",
    "bg",
    "blf",
    "bnd",
    "btm",
    "byp",
    "cpe",
    "cres",
    "crst",
    "cswy",
    "dl",
    "dm",
    "ests",
    "expy",
    "fld",
    "flds",
    "frg",
    "frst",
    "frwy",
    "fwy",
    "gdn",
    "gdns",
    "grn",
    "grv",
    "hl",
    "hls",
    "holw",
    "inlt",
    "knl",
    "lndg",
    "mdws",
    "orch",
    "pkwys",
    "plns",
    "pnes",
    "prts",
    "rdg",
    "riv",
    "rnch",
    "shr",
    "skwy",
    "spgs",
    "sqs",
    "stn",
    "strm",
    "trce",
    "trfy",
    "trwy",
    "tpke",
    "vly",
    "vlg",
    "vlgs",
    "vsta",
    "walk",
    "wall",
    "well",
    "wells",
    "old",
    "point",
    "lead",
    "view",
    "run",
    "pass",
    "key",
    "base",
    "camp",
    "center",
    "club",
    "mall",
    "rest",
    "union",
    "light",
    "lights",
    "spur",
    "track",
    "radial",
    "ramp",
    "lock",
    "locks",
    "fork",
    "forks",
    "port",
    "ports",
    "field",
    "fields",
    "shoal",
    "gate",
    "neck",
    "oval",
    "crossroad",
    "mount",
    "green",
    "bottom",
    "branch",
    "flat",
    "flats",
    "spring",
    "springs",
    "station",
    "extension",
    "heights",
    "loops",
    "is",
    "pt",
];

fn street_suffix_alternation(list: &str) -> String {
    let mut words: Vec<String> = Vec::new();
    for line in list.lines() {
        for col in line.split('\t') {
            let w = col.trim().to_ascii_lowercase();
            // Two-letter suffixes other than the everyday ones collide with clinical
            // abbreviations (`PT`, `IS`, `MS`); so do a few longer ones.
            let short_ok = w.len() > 2
                || matches!(
                    w.as_str(),
                    "st" | "rd" | "dr" | "ln" | "ct" | "pl" | "sq" | "av" | "wy"
                );
            let clash = STREET_CLASH.contains(&w.as_str());
            if short_ok && !clash && w.bytes().all(|b| b.is_ascii_lowercase()) {
                words.push(w);
            }
        }
    }
    for w in [
        "st",
        "ave",
        "rd",
        "blvd",
        "ln",
        "dr",
        "ct",
        "pl",
        "hwy",
        "pkwy",
        "way",
        "ter",
        "cir",
        "sq",
        "street",
        "avenue",
        "road",
        "lane",
        "drive",
        "court",
        "place",
        "boulevard",
        "highway",
        "parkway",
        "terrace",
        "circle",
        "square",
        "trail",
        "pike",
        "row",
        "alley",
    ] {
        words.push(w.to_string());
    }
    words.sort();
    words.dedup();
    // Longest first so the alternation prefers `street` over `st`.
    words.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    words.join("|")
}

fn state_alternations(list: &str) -> (String, String) {
    let mut abbr = Vec::new();
    let mut names = Vec::new();
    for line in list.lines() {
        let mut cols = line.split('\t');
        if let Some(n) = cols.next() {
            let n = n.trim().to_ascii_lowercase();
            if n.len() > 2 && n.bytes().all(|b| b.is_ascii_lowercase() || b == b' ') {
                names.push(n.replace(' ', r"\s+"));
            }
        }
        if let Some(a) = cols.next() {
            let a = a.trim();
            if a.len() == 2 && a.bytes().all(|b| b.is_ascii_uppercase()) {
                abbr.push(a.to_string());
            }
        }
    }
    names.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    abbr.sort();
    abbr.dedup();
    if abbr.is_empty() {
        abbr.push("MA".into());
    }
    if names.is_empty() {
        names.push("massachusetts".into());
    }
    (abbr.join("|"), names.join("|"))
}

const STREET_SUFFIXES: &str = include_str!("../../dictionaries/street_suffixes.txt");
const STATES: &str = include_str!("../../dictionaries/us_states.txt");

impl Patterns {
    pub fn build() -> Result<Patterns> {
        let suffixes = street_suffix_alternation(STREET_SUFFIXES);
        let (state_abbr, state_names) = state_alternations(STATES);
        let age_words = format!(
            r"{NINETIES}|one[- ]hundred(?:(?:[- ]and)?[- ](?:one|two|three|four|five|six|seven|eight|nine|ten))?|a[- ]hundred"
        );
        // Procedures and diagnoses by their acronyms, after which a number is an event's year:
        // the cues of two-digit years and of 22nd-century years share them.
        let acronyms = r"mi|nstemi|stemi|nqwmi|cabg|cabgx?[0-9]|cva|ptca|pci|avr|mvr|tavr|tia|ppm|aicd|icd|appy|chole|turp|ca|thr|tkr|orif|cea";
        let yy_cues = format!(
            r"[a-z]*(?:ectomy|otomy|plasty|oscopy|ostomy|pexy)|whipple|placement|dvt|pe|{acronyms}|stroke|stent|stents|surgery|resection|repair|replacement|dx|dx'd|hx|s/p|sp|in|since|x[0-9]|ccy|lap|ex-lap|fx|ablation"
        );
        let year_cues = r"[a-z]*(?:ectomy|otomy|plasty|oscopy|ostomy|pexy)|whipple|placement|thr|tkr|dvt|pe|orif|in|since|from|en|desde|depuis|seit|em|nel|dal|year|yr|of|until|till|circa|by|during|born|dob|dx|dx'd|diagnosed|s/p|sp|hx|status\s+post|summer|winter|spring|fall|autumn|early|late|mid|class\s+of|before|after|cabg|mi|cva|ptca|pci|avr|mvr|tia|stroke|stent|stents|surgery|repair|replacement|resection|lumpectomy|mastectomy|appy|appendectomy|cholecystectomy|chole|turp|ca|cancer|transplant|svd|nsvd|c/s|c-section|pap|fx|birth|births|delivery|deliveries|ppm|aicd|icd|tka|tha|esrd|stemi|nstemi|nqwmi|ami|chf|copd|ckd|pad|pvd|aaa|cad|hcc|hiv|hcv|sah|ich|tbi|mva|mvc|egd|ercp|xrt|sbrt|evar|tavr|tavi|lvad|rai|sjs|ablation|bmt|hsct|amp|amputation|x[0-9]|smoking|quit|stopped|sober|married|widowed|divorced|retired|immigrated|emigrated|moved|died|death|deceased|passed|passed\s+away|d\.|b\.|last|year's|new\s+year|its|it's|saying|the\s+year|the\s+year\s+was|treated|vaccinated|immunized|admissions|hospitali[sz]ations";

        let mut pats: Vec<(Recognizer, String)> = Vec::new();
        let mut add = |name: &'static str, label: Label, score: f32, check: Check, re: String| {
            pats.push((
                Recognizer {
                    name,
                    label,
                    score,
                    check,
                },
                re,
            ));
        };

        // --- Field labels first (leftmost-first lets the label choose the category).
        // An SSN after its label, masked or not, after a military family member prefix or not
        // (`FMP/SPONSOR SSN: 20/XXX-XX-6621`), or its last four digits.
        add(
            "ssn_labelled",
            Label::Ssn,
            0.99,
            Check::None,
            r"(?i:\b(?:ssn|ss\#|s\.s\.n\.?|soc(?:ial)?\.?\s*sec(?:urity)?\.?(?:\s*(?:number|no\.?|num|\#))?|social\s*:)\s*(?:\([^)\n]{0,40}\))?\s*[:\#=]?\s*(?:is\s+)?(?:(?:[0-9]{2}/)?(?P<v>[0-9xX*\#]{3}[- ]?[0-9xX*\#]{2}[- ]?[0-9]{4})|(?:last\s*(?:4|four)(?:\s+digits)?\s*[:\#=]?\s*(?:is\s+)?)?(?P<w>[0-9]{4})))\b".to_string(),
        );
        // The last four digits named before the label: `Last 4 SSN 6789`, `last four of her
        // social security number is 1234`.
        add(
            "ssn_last_four",
            Label::Ssn,
            0.95,
            Check::None,
            r"(?i:\blast\s*(?:4|four)(?:\s+digits)?(?:\s+of)?(?:\s+(?:his|her|their|the|pt'?s|patient'?s))?\s+(?:ssn|ss\#|s\.s\.n\.?|soc(?:ial)?\.?\s*sec(?:urity)?\.?(?:\s*(?:number|no\.?|num|\#))?)\s*[:\#=]?\s*(?:is\s+|was\s+)?(?P<v>[0-9]{4}))\b".to_string(),
        );
        // Labelled values that may be written in spaced groups (`W8747 60134`, plate `FAG 259`): one pattern for several
        // categories, so they share one copy of the value automaton (one pattern each
        // multiplied the lazy DFA's states); the named group that matched gives the label.
        add(
            "labelled_spaced",
            Label::Id,
            0.95,
            Check::Labelled,
            format!(
                r"(?i:\b(?:(?P<vehicle>(?:licen[cs]e\s+plate|plate|tag|vin|vehicle(?:\s+(?:id|identification))?(?:\s+number)?|registration\s+plate|(?:vehicle\s+)?rego))|(?P<health_plan>(?:member|subscriber|policy|group|grp|plan\s+(?:id|number|no\.?|\#)|ins\.?\s*(?:id|number|no\.?|\#)|insurance|insurer|medicaid|medi-cal|medicare|mbi|hicn|beneficiary|payer|payor|health\s+plan|bcbs|hmo|ppo|ohip|nhs\s*(?:no\.?|number|\#)|health\s+card|hcn|ramq|philhealth(?:\s+pin)?|medical\s+aid|provincial\s+health|cart(?:a|\xc3\xa3|\xc3\x83)o\s+sus)(?:\s+(?:id|identifier|number|no\.?|num|\#|cin))?\s*(?:\(mbi\))?)|(?P<license>(?:driver'?s?\s+licen[cs]e|licen[cs]e|lic\.?|dea|npi|dl|certificate|cert|permit|board\s+certification|state\s+licen[cs]e|medical\s+licen[cs]e|clia|cdl|cpso|gmc|nmc|ahpra|mcnz|hpcsa|mcr))){NUMSEP}{VALUE_SPACED})"
            ),
        );
        add("fax_labelled", Label::Fax, 0.97, Check::Phone, r"(?i:\b(?:fax|facsimile|telefax)(?:\s+(?:number|no\.?|\#|line))?\s*[:\#=]?\s*(?:is\s+|to\s+|at\s+)?(?P<v>\+?[0-9(][0-9()\-. ]+[0-9](?:[ \t]*(?:x|ext\.?|extension)[ \t]*[0-9]{1,6})?))".to_string());
        add(
            "account_fin",
            Label::Account,
            0.9,
            Check::None,
            r"\b(?P<v>(?:FIN|CSN|HAR)[ \t#:]*[0-9]{6,12}(?:-[0-9]{1,4})?)\b".to_string(),
        );
        // Labelled record, account, device and other ids: one pattern for several
        // categories, so they share one copy of the value automaton (one pattern each
        // multiplied the lazy DFA's states); the named group that matched gives the label.
        add(
            "labelled_plain",
            Label::Id,
            0.95,
            Check::Labelled,
            format!(
                r"(?i:\b(?:(?P<mrn>(?:mrn|mr\#|mr\s+no\.?|med(?:ical)?\.?\s*rec(?:ord)?s?\.?(?:\s*(?:number|no\.?|num|\#))?|hospital\s+(?:number|no\.?|\#)|unit\s+(?:number|no\.?)|unit\s*\#|icn|patient\s+id|pt\s+id|chart\s+(?:number|no\.?|\#)|record\s+(?:number|no\.?|\#)|uhid|nhi))|(?P<account>(?:account|acct|acc|billing|invoice|(?:guest\s+)?folio|encounter|enc|visit\s+(?:id|number|no\.?|\#)|fin|har|csn|bill)\.?)|(?P<device>(?:serial|s/n|ser\.?\s*no|ser\#|sn|lot|udi|imei|meid|iccid|device\s+(?:id|identifier)|implant\s+(?:id|serial)|catalog|model)\.?)|(?P<id>(?:id|identifier|study\s+id|subject\s+id|case|claim|ref(?:erence)?|badge|employee(?:\s+(?:id|number|no\.?))?|emp\s+id|specimen|accession|requisition|ticket|confirmation|tracking|passport|sample|trial|protocol|barcode|enrollment|participant|donor|registry|subject|booking|screening|inmate|slide|cassette|police\s+report|report|incident|ticket|voucher|permit|conf|auth(?:ori[sz]ation)?|irb|randomi[sz]ation|tin|ein|tax\s+id|run\s*\#|(?:our\s+)?file\s*[:\#]|article\s+no\.?|resident\s*\#|store\s*\#|court|docket|(?:job|dictation|transcription|order|prescription|rx|episode|referral)\s*(?:\#|number|no\.)|(?:job|dictation|transcription|batch)\s*:|site\s*(?:\#|no\.?|number)|cause\s*(?:\#|no\.?|number)|user\s*name|user\s+id|login|cluster|session|ppsn|pps\s+(?:no\.?|number)|aadhaa?r|ubrn|cpf|nric|bbid|practice\s+code|study\s+file|curp|fein|ptan|(?:activation|access|invitation|invite|verification|pairing)\s+code))){NUMSEP}(?:{SPACED_ID}|{VALUE}))"
            ),
        );
        add(
            "biometric_labelled",
            Label::Biometric,
            0.95,
            Check::Labelled,
            format!(
                r"(?i:\b(?:finger\s*print|voice\s*print|retina(?:l)?|iris|biometric|palm\s*print|face\s*(?:id|print|scan|geometry|template)|facial|hand\s+geometry|gait|dna|vein\s+pattern)[a-z ]*?(?:id|identifier|template|ref(?:erence)?|record|scan|hash|no\.?|\#|number|code|profile|signature)\s*[:\#=]?\s*{VALUE})"
            ),
        );
        add(
            "photo_file",
            Label::Photo,
            0.95,
            Check::None,
            r"(?i:\b(?P<v>[a-z0-9_\-]*[0-9][a-z0-9_\-]*\.(?:jpe?g|png|heic|gif|tiff?|bmp|webp)))\b"
                .to_string(),
        );
        add(
            "photo_labelled",
            Label::Photo,
            0.9,
            Check::Labelled,
            format!(
                r"(?i:\b(?:photo(?:graph)?|picture|image|img|selfie|headshot)(?:\s+(?:id|identifier|file|ref|record))?(?:\s+on\s+file)?{NUMSEP}{PHOTO_VALUE})"
            ),
        );
        // A number in space-separated groups after a phone label, as written outside the US
        // (`Tel: 01803 555 214`, `(02) 9555 3418`, `Contact : 98485 55312`, `+351 912 555
        // 018`, Singapore's `HP 9555 4187`, Brazil's `Fone (11) 5555-3810`): before
        // `phone_labelled`, which would take the first group alone.
        add("phone_labelled_spaced", Label::Phone, 0.9, Check::Phone,
            r"(?i:\b(?:pager|cell(?:ular)?|mobile|phone|tel|telephone|ph|contact|fone|telefone|enquiries|hp|whatsapp)\.?(?:\s+(?:number|no\.?|\#|num))?[ \t]*[:\#=\-]?[ \t]*(?P<v>(?:\+[0-9]{1,3}[ ])?\(?[0-9]{2,5}\)?(?:-[0-9]{2,5})*(?:[ ][0-9]{2,6}(?:-[0-9]{2,5})*){1,4}(?:[ \t]*(?:x|ext\.?|extension)[ \t]*[0-9]{1,6})?))\b".to_string());
        add("phone_labelled", Label::Phone, 0.9, Check::Labelled,
            r"(?i:\b(?:pager|beeper|pgr|pg|bleep|beep|cell(?:ular)?|mobile|phone|tel|telephone|ph|ext|extension|p\.)\.?(?:\s+(?:number|no\.?|\#|num))?\s*[:\#=\-]?\s*\#?\s*(?:is\s+)?(?P<v>[0-9][0-9\-]{2,10}[0-9](?:[ \t]*(?:x|ext\.?|extension)[ \t]*[0-9]{1,6})?))\b".to_string());
        // A pager of three digits (`pgr 312`, `pager 217`), after a word that names a pager
        // only (not `pg`, which is also a page).
        add("pager_short", Label::Phone, 0.85, Check::Labelled,
            r"(?i:\b(?:pager|beeper|pgr|bleep)\.?(?:\s+(?:number|no\.?|\#|num))?[ \t]*[:\#=\-]?[ \t]*\#?(?P<v>[0-9]{3}))\b".to_string());
        // An in-house extension written after `x`: `x6-2217`, `RN x 4-6610` (an exchange digit,
        // a hyphen and four digits; `x2`, `x 3-4 days` are counts).
        add(
            "phone_extension",
            Label::Phone,
            0.9,
            Check::Labelled,
            r"(?i:\bx[ \t]?(?P<v>[0-9]-[0-9]{4}))\b".to_string(),
        );
        // Four or five digits right after `x`, after a word, at a clause's end or before `at`
        // (`RT: D. SAUNDERS RRT   x5532`, `interpreter svc x7000,`, `GSMC ICU x2214 at 1500`):
        // a count or a dose goes on to its unit (`x1000 mL`).
        add(
            "phone_extension_short",
            Label::Phone,
            0.85,
            Check::Labelled,
            r"[A-Za-z)][ \t]+[xX](?P<v>[0-9]{4,5})[ \t]*(?:\r?\n|$|[,;)]|\.(?:[ \t\r\n]|$)|[ \t]at\b)"
                .to_string(),
        );
        // The same in brackets after a capitalised word, the bracket closing a clause that goes
        // on (`floor RT Glenn (x5571). -- J.`); not a lab's scale (`Platelets (x1000) 250`, `WBC
        // (x1000) 7.2`, a column's `Platelets (x1000)` at a line's end) or a magnification (`oil
        // immersion (x1000)`).
        add(
            "phone_extension_bracketed",
            Label::Phone,
            0.85,
            Check::Labelled,
            r"\b[A-Z][a-z][A-Za-z'\-]*[ \t]+\([xX](?P<v>[0-9]{4,5})\)(?:[ \t]*(?:[,;:]|\.(?:[ \t\r\n]|$)|--)|[ \t]+[A-Za-z])"
                .to_string(),
        );
        add(
            "age_labelled",
            Label::Age,
            0.95,
            Check::Age,
            format!(
                r"(?i:\b(?:age|aged|age\s+is|age\s*/\s*(?:sex|gender)|age\s+at\s+(?:death|diagnosis|dx|onset|admission|presentation))(?:\s*\((?:last\s+birthday|years?|yrs?)\))?\s*[:=]?\s*(?P<v>9[0-9]|1[0-2][0-9]|{age_words})(?:\b|(?:yrs?|years?|yo|y)\b))"
            ),
        );
        add("age", Label::Age, 0.95, Check::Age,
            r"(?i:\b(?P<v>9[0-9]|1[01][0-9])(?:\*\*?|__?)?\s?-?\s?(?:y/o|y\.o\.?|yo|yr?s?\.?\s?-?\s?old|years?\s?-?\s?old|years?\s+of\s+age|yo[mf]|yom|yof|a(?:\xc3\xb1|n)os|ans|jahre|anni|jaar)\b)".to_string());
        add("age_sex", Label::Age, 0.8, Check::AgeSex,
            r"\b(?P<v>9[0-9]|1[01][0-9])\s?(?:y|yo|yr)?\s?(?:[MF]\b|(?i:woman|man|male|female|wom|gentleman|lady)\b)".to_string());
        // `91 yr     Female` (an ECG's header), `92 y F`: years, then the sex; or years closing a
        // bracket (`DOB: 06/19/1933  (90 y)`).
        add(
            "age_yr_sex",
            Label::Age,
            0.85,
            Check::Age,
            r"\b(?P<v>9[0-9]|1[01][0-9])[ \t]?(?i:yrs?|y)\.?(?:[ \t]+(?:[MF]|(?i:female|male|woman|man))\b|\))".to_string(),
        );
        // `Age/Sex: 93/F`, `93/M with syncope`, `F/93`.
        add(
            "age_slash_sex",
            Label::Age,
            0.85,
            Check::Age,
            r"(?:\b(?P<v>9[0-9]|1[01][0-9])\s?/\s?(?:[MF]|(?i:male|female))\b|\b[MF]\s?/\s?(?P<w>9[0-9]|1[01][0-9])\b)"
                .to_string(),
        );
        // `her 100th birthday`, `turned 95 on her 95th birthday`.
        add(
            "age_birthday",
            Label::Age,
            0.9,
            Check::Age,
            r"(?i:\b(?P<v>9[0-9]|1[01][0-9])(?:st|nd|rd|th)\s+birthday)\b".to_string(),
        );
        // A decade of age from 90 on (`a woman in her 90s`, `in his late nineties`, `in
        // their early 90's`): ages over 89 are PHI however they are given. A rare pattern
        // (`RARE`), run only near its own literals.
        add(
            "age_decade",
            Label::Age,
            0.9,
            Check::Age,
            r"(?i:\bin[ \t]+(?:his|her|their)[ \t]+(?:(?:early|mid|late)[ \t]*-?[ \t]*)?(?P<v>(?:9|10)0'?s|nineties))\b"
                .to_string(),
        );
        // An @-mention of a person in a chat or secure message (`@kbell`, `@wnguyen_pa`,
        // `@dr.sato.h`): a user name, often built from the person's name. The `@` must start a
        // word (an e-mail address has its local part before it), and a word often written
        // after `@` for `at` is not a handle (`@home`, `@bedside`). A rare pattern (`RARE`).
        add(
            "at_mention",
            Label::Id,
            0.85,
            Check::Mention,
            r"(?:(?m:^)|[\s(\[,;])@(?P<v>[A-Za-z][A-Za-z0-9_.\-]{0,30}[A-Za-z0-9_])\b".to_string(),
        );
        add(
            "age_words",
            Label::Age,
            0.95,
            Check::Age,
            format!(
                r"(?i:\b(?P<v>{age_words})(?:[- ](?:years?|yrs?)[- ](?:old|of\s+age)|[- ]?(?:y/o|y\.o\.|yo)\b))"
            ),
        );

        // An age of 90 or more stated without a unit, about a person: `her mother is 96.`,
        // `The patient is 91 and lives alone`, `Mother, 95, has dementia`, `his wife is
        // ninety-four`, `died at 94 of`, `turns 96 next week`. The number leads the pattern
        // and must end the clause (punctuation then a space or the end, or a conjunction or
        // time word: `she is 95% on RA`, `98.6`, `96 lbs`, `turned 90 degrees` are not ages);
        // `Check::AgeContext` reads the words before it. Led by a word list instead, these
        // patterns cost the whole pattern stage 15-20%. Listed after the
        // other age patterns: where two match at one place the first listed wins, and this
        // one's validator rejects most numbers.
        add(
            "age_context",
            Label::Age,
            0.9,
            Check::AgeContext,
            format!(
                r"\b(?:9[0-9]|1[01][0-9]|(?i:{NINETIES}))(?:[.,;:)!?\x22]{{1,2}}(?:\s|$)|\s+(?:and|but|with|who|yet|so|of|next|this|on|in|at|when|today|tomorrow|last|now)\b|\s*$)"
            ),
        );

        // --- Self-evident formats.
        add(
            "email",
            Label::Email,
            0.99,
            Check::Email,
            r"\b[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,24}\b"
                .to_string(),
        );
        add(
            "url",
            Label::Url,
            0.99,
            Check::Url,
            r"(?i:\b(?:https?://|ftp://|www\.)[a-z0-9\-._~:/?\#\[\]@!$&*+,;=%]+)".to_string(),
        );
        add("url_bare", Label::Url, 0.9, Check::Url,
            r"(?i:\b[a-z0-9][a-z0-9\-]*(?:\.[a-z0-9\-]+)*\.(?:com|org|net|edu|gov|mil|io|us|info|health|care|biz|me|app)\b(?:/[a-z0-9\-._~/?\#=&%]*)?)".to_string());
        add(
            "udi",
            Label::Device,
            0.99,
            Check::None,
            r"\(01\)[0-9]{14}(?:\([0-9]{2,4}\)[A-Za-z0-9\-]+)*".to_string(),
        );
        add(
            "ipv6",
            Label::Ip,
            0.95,
            Check::Ipv6,
            // The shapes an address can have: eight groups, or fewer around one `::`. Times
            // (`14:30`, `08:15:02`) have neither, so they never reach the validator (they
            // were a tenth of all rejected matches).
            r"(?i:\b[0-9a-f]{1,4}(?::[0-9a-f]{1,4}){7}|\b[0-9a-f]{1,4}(?::[0-9a-f]{1,4}){0,6}::(?:[0-9a-f]{1,4}(?::[0-9a-f]{1,4}){0,6})?|::[0-9a-f]{1,4}(?::[0-9a-f]{1,4}){0,6})"
                .to_string(),
        );
        // A network card's hardware (MAC) address: a device identifier. Six hex pairs joined
        // by one separator throughout, or three dotted groups of four (`0011.2233.4455`).
        add(
            "mac_address",
            Label::Device,
            0.95,
            Check::None,
            r"(?i:\b(?:[0-9a-f]{2}:){5}[0-9a-f]{2}\b|\b(?:[0-9a-f]{2}-){5}[0-9a-f]{2}\b|\b[0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{4}\b)"
                .to_string(),
        );
        // A user name or social-media handle after its label. After a colon any word is the
        // value (`Username: jsmith`); without one the value must hold a digit, `_` or `.`, so
        // `login was locked` and `unable to handle stress` are not ids (a word may end in the
        // digit: `nabara2`). A plain `user` or a workstation (`ws`) is a label too: right before
        // `=` as audit logs write it (`user=toyelaran ws=LVH-ED-WS0412`; not `Tobacco user =
        // yes`), after a colon only before such a value that starts with a letter (`Portal
        // user: katya.m88`; not a chat's `User: what does this mean`, nor `IV drug user: 10
        // years`).
        let labels = r"user\s*-?\s*name|user\s*id|userid|log-?in(?:\s+(?:id|name))?|log-?on(?:\s+id)?|screen\s*name|handle|(?:twitter|instagram|tiktok|snapchat|facebook|telegram|discord|reddit)(?:\s+(?:handle|account|user(?:name)?|name|id))?";
        let plain = r"user|ws|workstation(?:\s+id)?";
        add(
            "username",
            Label::Id,
            0.9,
            Check::None,
            format!(
                r"(?i:\b(?:(?:{labels})\s*[:=]\s*|(?:{plain})=)@?(?P<v>[a-z0-9][a-z0-9._\-]*[a-z0-9])\b|\b(?:{labels})\s+(?:is\s+|was\s+)?@?(?P<w>[a-z0-9._\-]*[0-9_.@][a-z0-9._\-]*[a-z0-9]|[a-z][a-z0-9._\-]*[0-9])\b|\b(?:{plain})\s*:\s*(?P<x>[a-z][a-z0-9._\-]*[0-9_.@][a-z0-9._\-]*[a-z0-9]|[a-z][a-z0-9._\-]*[0-9])\b)"
            ),
        );
        add(
            "ipv4",
            Label::Ip,
            0.95,
            Check::Ipv4,
            r"\b(?:[0-9]{1,3}\.){3}[0-9]{1,3}\b".to_string(),
        );
        add(
            "ssn",
            Label::Ssn,
            0.95,
            Check::Ssn,
            r"\b[0-9]{3}-[0-9]{2}-[0-9]{4}\b".to_string(),
        );
        add(
            "mbi",
            Label::HealthPlan,
            0.9,
            Check::Mbi,
            r"\b[1-9][A-Z][A-Z0-9][0-9]-?[A-Z][A-Z0-9][0-9]-?[A-Z]{2}[0-9]{2}\b".to_string(),
        );
        // A Mexican CURP (national population registry key): four letters (a vowel second),
        // the birth date, sex, state and consonants, a check character and digit
        // (`HEOG740312MDFRLD09`).
        add(
            "curp",
            Label::Id,
            0.9,
            Check::None,
            r"\b[A-Z][AEIOUX][A-Z]{2}[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[HMX][A-Z]{5}[A-Z0-9][0-9]\b"
                .to_string(),
        );
        add(
            "dea",
            Label::License,
            0.9,
            Check::Dea,
            r"\b[A-Za-z][A-Za-z9][0-9]{7}\b".to_string(),
        );
        add(
            "vin",
            Label::Vehicle,
            0.9,
            Check::Vin,
            r"\b[A-HJ-NPR-Za-hj-npr-z0-9]{17}\b".to_string(),
        );
        add(
            "zip_plus4",
            Label::Zip,
            0.95,
            Check::None,
            r"\b[0-9]{5}-[0-9]{4}\b".to_string(),
        );
        add(
            "zip_after_state",
            Label::Zip,
            0.95,
            Check::None,
            format!(
                r"(?:\b(?:{state_abbr})|(?i:\b(?:{state_names})))\.?,?[ \t]{{1,3}}(?P<v>[0-9]{{5}}(?:-[0-9]{{4}})?)\b"
            ),
        );
        // Canadian postal codes (`QC H2X 1Y4`, `Postal code: M5V 3L9`): a geographic
        // subdivision smaller than a state, as a ZIP code is. After a province or a
        // postal-code label: six letters and digits alone could be anything. Written in two
        // halves after a word or a bracket (`Québec (Québec)  G1J 1Z4`, `Lévis (Qc) G6V 4K9`)
        // the shape is rare enough, but for a tumour stage (`T2N 0M0`).
        add(
            "postal_ca",
            Label::Zip,
            0.9,
            Check::None,
            format!(
                r"(?:\b(?:{})\.?,?[ \t]{{1,3}}|(?i:\bpost(?:al)?[ \t]*code)[ \t]*[:#]?[ \t]*)(?P<v>[ABCEGHJ-NPRSTVXY][0-9][ABCEGHJ-NPRSTV-Z][ \t-]?[0-9][ABCEGHJ-NPRSTV-Z][0-9])\b",
                PROVINCES.join("|")
            ),
        );
        add(
            "postal_ca_halves",
            Label::Zip,
            0.85,
            Check::None,
            r"(?:[A-Za-z\)]\.?,?[ \t]{1,3})(?P<v>(?:[ABCEGHJ-NPRSV-Y][0-9][ABCEGHJ-NPRSTV-Z]|T[0-9][ABCEGHJ-MPRSTV-Z])[ \t][0-9][ABCEGHJ-NPRSTV-Z][0-9])\b"
                .to_string(),
        );
        // UK postcodes after a town or a postcode label (`London SE1 7EH`, `Postcode: SW1A
        // 1AA`): the inward half is a digit and two letters of a restricted set, which vital
        // signs and spinal levels (`C5 6`, `T2 3`) never complete.
        add(
            "postal_uk",
            Label::Zip,
            0.9,
            Check::None,
            r"(?:[A-Za-z]\.?,?[ \t]{1,3}|(?i:\bpost[ \t]*code)[ \t]*[:#]?[ \t]*)(?P<v>[A-Z]{1,2}[0-9][A-Z0-9]?[ \t][0-9][ABD-HJLNP-UW-Z]{2})\b"
                .to_string(),
        );
        // Irish Eircodes after a town, a county, a postal district or their label, or opening
        // a line (`Ballinasloe, Co. Galway  H53 K4R7`, `Dublin 7, D07 R2WY`, `Eircode: D6W
        // XR61`): a routing key and four letters and digits, both kinds
        // (a room, a level or a count of four digits is no Eircode).
        let l = "[AC-FHKNPRTV-Y]";
        let c = "[0-9AC-FHKNPRTV-Y]";
        add(
            "postal_ie",
            Label::Zip,
            0.9,
            Check::None,
            format!(
                r"(?:[A-Za-z0-9]\.?,?[ \t]{{1,3}}|^[ \t]*|(?i:\beircode)[ \t]*[:#]?[ \t]*)(?P<v>(?:{l}[0-9]{{2}}|D6W)[ \t](?:{l}(?:[0-9]{c}{c}|{l}[0-9]{c}|{l}{l}[0-9])|[0-9](?:{l}{c}{c}|[0-9]{l}{c}|[0-9][0-9]{l})))\b"
            ),
        );
        add(
            "zip_line_end",
            Label::Zip,
            0.8,
            Check::None,
            format!(
                r"(?i:\b(?:{state_abbr}))[ \t,]+(?P<v>[0-9]{{5}}(?:-[0-9]{{4}})?)[ \t]*(?:\r?\n|$)"
            ),
        );
        add("zip_labelled", Label::Zip, 0.95, Check::None,
            r"(?i:\b(?:zip|zipcode|zip\s+code|postal\s+code)\s*[:\#]?\s*(?P<v>[0-9]{5}(?:-[0-9]{4})?))\b".to_string());
        add("phone_intl", Label::Phone, 0.9, Check::Phone,
            // `+44 20 7946 0958`, or dialled from the US or Europe: `011 44 ...`, `00 44 ...`.
            r"(?:\+|\b(?:011|00)[ .\-]?)[1-9][0-9]{0,2}[ .\-]?(?:\(?[0-9]{1,4}\)?[ .\-]?){1,5}[0-9]{2,4}(?:[ \t]*(?i:x|ext\.?|extension)[ \t]*[0-9]{1,6})?\b".to_string());
        // A number as written outside North America, without a label: a trunk `0`, an area
        // or mobile code and the groups of its length. UK (`Direct line 0161 555 0392`,
        // `01632 960961`, `07700 900123`, `020 7946 0958`), Australia (`0491 570 158`, `02
        // 9555 3418`), South Africa and New Zealand (`083 555 6021`, `027 555 1186`), India
        // (`020-5550-8841`). The shapes of those countries only (4-3-3, 4-3-4, 5-3-3, 3-3-4,
        // 3-4-4, 5-6, and 2-4-4 as Australia's area codes and local numbers begin): 24-hour
        // times in a row are groups of four (`given at 0800 1200 1600`, `0700-1300-1900`), a
        // date and a time are not an Australian number (`collected 03 2023 1415`).
        add("phone_uk", Label::Phone, 0.8, Check::Phone,
            r"\b(?:0[1-9][0-9]{2}[ ][0-9]{3}[ ][0-9]{3,4}|0[1-9][0-9]{3}[ ][0-9]{3}[ ][0-9]{3}|0[1-9][0-9][ ][0-9]{3,4}[ ][0-9]{4}|0[2378][ ][3-9][0-9]{3}[ ][0-9]{4}|0[1-9][0-9]{3}[ ][0-9]{6}|0[1-9][0-9]-[0-9]{3,4}-[0-9]{4})\b".to_string());
        add("phone_us", Label::Phone, 0.95, Check::Phone,
            // Never starts inside a digit run (after a non-digit, outside `v`, or at a word
            // boundary): a start at any digit multiplied the lazy DFA's states (40% of them).
            r"(?:^|[^0-9]|\b)(?P<v>(?:\+?1[ .\-]?)?\(?[2-9][0-9]{2}\)?(?:[ .\-/]\s?|\)\s?)?[0-9]{3}[ .\-/]\s?[0-9]{4}(?:[ \t]*(?i:x|ext\.?|extension)[ \t]*[0-9]{1,6})?)\b".to_string());
        add(
            "phone_area_7",
            Label::Phone,
            0.8,
            Check::Phone,
            r"\(?\b[1-9][0-9]{2}\)?[ \-.][0-9]{7}\b|\b[1-9][0-9]{2}-[0-9]{3}-[0-9]{4}\b"
                .to_string(),
        );
        // A local number without its area code, after a word that says it is one: `call
        // him at 555-0142`, `son @ 555-0142`, `her # is 555-0142`, right after a word that
        // names a line (`Home: 555-0142`), or with its extension (`555-0118 x227`, the `x`
        // against its digits: `300-1200 x 14 days` is a count). Ranges (`150-4000`) have no
        // such word before them.
        add(
            "phone_local",
            Label::Phone,
            0.8,
            Check::PhoneLocal,
            r"\b[2-9][0-9]{2}-[0-9]{4}(?:[ \t]*(?i:x[0-9]{2,6}|(?:ext\.?|extension)[ \t]*[0-9]{2,6}))?\b"
                .to_string(),
        );
        // Brazil's two-digit area code in parentheses (no area code ends in 0: not a year's
        // `(20) 2000-2010`) and a hyphenated local number of eight digits, nine for a mobile:
        // `(11) 5555-3810`, `(11) 95555-0419`.
        add(
            "phone_br",
            Label::Phone,
            0.85,
            Check::Phone,
            r"\([1-9][1-9]\)[ ]?9?[2-9][0-9]{3}-[0-9]{4}\b".to_string(),
        );
        add(
            "phone_bare10",
            Label::Phone,
            0.6,
            Check::Phone,
            r"(?:\b[2-9][0-9]{2}|\([2-9][0-9]{2}\))[2-9][0-9]{6}(?:[ \t]*(?i:x|ext\.?|extension)[ \t]*[0-9]{1,6})?\b"
                .to_string(),
        );
        add(
            "po_box",
            Label::Address,
            0.95,
            Check::None,
            r"(?i:\b(?:p\.?\s?o\.?\s?box|post\s+office\s+box)\s*\#?\s*[0-9]+)\b".to_string(),
        );
        // Rural delivery addresses: `RR 3 Box 112`, `Rural Route 2, Box 45`, `HC 64 Box 1203`,
        // `HCR 1 Box 9A`. The box number is what makes it an address (`RR 18` alone is a
        // respiratory rate). Military mail the same way: `Unit 15289 Box 0442`, `PSC 817 Box
        // 21`, `CMR 480 Box 1123`.
        add(
            "rural_route",
            Label::Address,
            0.95,
            Check::None,
            r"(?i:\b(?:(?:r\.?\s?r\.?|rural\s+route|rural\s+rte\.?|rte?\.?|h\.?\s?c\.?(?:\s?r\.?)?|highway\s+contract(?:\s+route)?|star\s+route)[ \t]*\#?[ \t]*[0-9]{1,4}|(?:unit|psc|cmr)[ \t]+[0-9]{3,5})[ \t]*,?[ \t]*box[ \t]*\#?[ \t]*[0-9]{1,6}[a-z]?)\b"
                .to_string(),
        );
        // Street addresses as written abroad and in Puerto Rico, where the street's type comes
        // first or is part of its name (`Calle 5 #23`, `Rua Dr. Almeida Prado, 1180`, `Avenida
        // Juárez 45`, `88 rue Principale`, `312, rue des Érables`, `Rheinallee 88`, `Hauptstraße
        // 14`). Capitalised names only (`via Foley 16` is no street), and a number of four digits
        // at most (a ZIP code after a town is no house number: `Calle Sol St. Eureka, CA 92648`).
        add(
            "street_abroad",
            Label::Address,
            0.85,
            Check::None,
            format!(
                r"(?:\b(?:Calle|Avenida|Avda\.|Rua|Rue|Carrera|Carretera|Camino|Paseo|Pra{C}a|Travessa|Estrada|Urb\.|Urbanizaci{O}n)[ \t]+(?:(?:de|del|la|las|los|da|do|dos|das|des|du|Dr\.|Sta?\.|{CAP}{LAT}*),?[ \t]+){{0,5}}(?:n(?:o|\xc2\xba|\xc2\xb0)\.?[ \t]*|\#[ \t]?)?[0-9]{{1,4}}[A-Za-z]?\b(?:[ \t]*\#[ \t]?[0-9]{{1,4}}[A-Za-z]?\b)?|\b[0-9]{{1,5}},?[ \t]+(?:rue|avenue|boulevard|chemin|all(?:e|\xc3\xa9)e|impasse|route|place)[ \t]+(?:(?:de|du|des|la|le)[ \t]+|[ld]')*{CAP}{LAT}*(?:[ \t]+{CAP}{LAT}*){{0,3}}|\b{CAP}{LAT}*(?:stra(?:\xc3\x9f|ss)e|str\.|weg|allee|platz|gasse|ring|damm|ufer)[ \t]+[0-9]{{1,4}}[a-z]?\b)",
                C = r"(?:c|\xc3\xa7)",
                O = r"(?:o|\xc3\xb3)",
                CAP = r"(?:[A-Z]|\xc3[\x80-\x9e])",
                LAT = r"(?:[A-Za-z'\-]|\xc3[\x80-\xbf])",
            ),
        );
        // The town and state of military mail: `APO AP 96271`, `FPO AE 09501-1234`. A rare
        // pattern (`RARE`), run only near its own literals.
        add(
            "military_post",
            Label::Location,
            0.95,
            Check::None,
            r"\b(?:APO|FPO|DPO)[ \t]+(?:AA|AE|AP)[ \t]+[0-9]{5}(?:-[0-9]{4})?\b".to_string(),
        );
        // Numbered roads, capitalised: `Lives off Route 9`, `Highway 61`, `County Road 12`,
        // with a house number before and a unit after (`9120 Hwy 49, Suite C`, `44 Route 9,
        // Apt 2`), which the street pattern cannot take (its suffix ends the street), and a
        // scene on one by its direction and mile marker or exit (`I-75 NB AT MILE MARKER 261`,
        // `I-70 westbound, mile marker 226`).
        add(
            "numbered_road",
            Label::Address,
            0.85,
            Check::Road,
            r"\b(?:(?:[0-9]{1,6}[ \t]+)?(?:Route|Rte\.?|Highway|Hwy\.?|County\s+(?:Road|Rd\.?|Route|Highway)|State\s+(?:Road|Route|Highway|Hwy\.?)|Interstate|US\s+(?:Route|Highway|Hwy\.?)|ROUTE|HIGHWAY|HWY\.?|COUNTY\s+(?:ROAD|RD\.?|ROUTE)|STATE\s+(?:ROAD|ROUTE|HIGHWAY)|INTERSTATE)[ \t]+[0-9]{1,4}[A-Z]?(?:,?[ \t]*(?:Suite|Ste|Apt|Unit|Bldg|SUITE|STE|APT|UNIT|BLDG)\.?[ \t]*\#?[ \t]*[A-Za-z0-9\-]+)?|I-[0-9]{1,3})(?i:(?:[ \t]+(?:[nsew]b|(?:north|south|east|west)bound))?,?[ \t]+(?:at[ \t]+|near[ \t]+)?(?:mile[ \t]+marker|mm|mile|exit)[ \t]*[0-9]{1,3}(?:\.[0-9])?)?\b"
                .to_string(),
        );
        // Streets whose type comes first (`4418 E Calle Ocotillo`, `12 Camino Real`, `88
        // Avenida Las Palmas`) and Puerto Rico's numbered roads with their kilometre (`Carr. 681
        // Km 3.4`): the street pattern wants its type last.
        add(
            "spanish_street",
            Label::Address,
            0.85,
            Check::None,
            r"\b(?:[0-9]{1,6}[ \t]+(?:[NSEW]\.?[ \t]+)?(?:Calle|CALLE|Avenida|AVENIDA|Camino|CAMINO|Paseo|PASEO)[ \t]+(?:(?:de|del|la|las|los|el|DE|DEL|LA|LAS|LOS|EL)[ \t]+)?[A-Z][A-Za-z]+(?:[ \t]+[A-Z][A-Za-z]+){0,2}|(?:Carr\.|CARR\.|Carretera|CARRETERA)[ \t]*[0-9]{1,4}(?:,?[ \t]+(?:Km|KM)\.?[ \t]*[0-9]+(?:\.[0-9]+)?)?)\b"
                .to_string(),
        );
        // A person's name in a DICOM header dump, its parts joined by carets
        // (`(0010,0010) PN [WOJCIK^DOROTA^M]`, `PN [tjb]`). A rare pattern (`RARE`).
        add(
            "dicom_person",
            Label::Name,
            0.9,
            Check::None,
            r"\bPN[ \t]+\[(?P<v>[A-Za-z][^\]\n]{0,63})\]".to_string(),
        );
        // A Puerto Rican barrio (`Barrio Garrochales`; an `Urb.` is the address's).
        // A rare pattern (`RARE`), run only near its own literals.
        add(
            "pr_place",
            Label::Location,
            0.8,
            Check::None,
            r"\b(?:Barrio|BARRIO)[ \t]+(?:(?:de|del|la|las|los|el|Los|Las|La|El)[ \t]+)?[A-Z][A-Za-z]+(?:[ \t]+[A-Z][A-Za-z]+)?\b"
                .to_string(),
        );
        // A grid address of the Mountain West, a number and a compass point on each axis
        // (`3391 W 4700 S, Apt 12B`, `5770 S 1500 W`): no street name, no suffix.
        add(
            "grid_address",
            Label::Address,
            0.85,
            Check::None,
            r"\b[0-9]{1,5}[ \t]+(?:[NSEW]|North|South|East|West)\.?[ \t]+[0-9]{3,5}[ \t]+(?:[NSEW]|North|South|East|West)\b\.?(?:,?[ \t]*(?:Apt|APT|Unit|UNIT|Ste|STE|Suite|SUITE|\#)\.?[ \t]*\#?[ \t]*[A-Za-z0-9\-]+)?"
                .to_string(),
        );
        let bare = BARE_STREETS.join("|");
        // The suffixes that clash with clinical words (`loop diuretic`, `cres` of crescendo)
        // count capitalised after capitalised street words: `1188 Punahou Loop`, `14 Wattle
        // Cres`. A flat, unit, apartment, plot or villa and its number before the house
        // number, or `No.`, as British, Nigerian and Gulf addresses open (`Flat 3, 117 Buxton
        // Road`, `No. 14 Ahmadu Bello Close`).
        let address_re = format!(
            r"(?i:\b(?:(?:(?:flat|unit|apt|plot|villa|suite|shop|level)[ \t]*[0-9][a-z0-9]{{0,3}},?[ \t]+){{1,2}}|no\.[ \t]*)?[0-9]{{1,6}}(?:\xC2\xBD)?(?:-?[a-z]\b|[a-z])?(?:-[0-9]+)?[ \t]+(?:(?:n|s|e|w|ne|nw|se|sw|north|south|east|west)\.?[ \t]+)?(?:(?:[a-z0-9'\-]+\.?[ \t]+){{1,4}}(?:{suffixes})|{bare}|(?-i:(?:[A-Z][a-z'\-]+[ \t]+){{1,3}}(?:Loop|Cres|Isle)))\b\.?(?:,?[ \t]*(?:apt|apartment|unit|suite|ste|\#|floor|fl|bldg|building|rm)\.?[ \t]*\#?[ \t]*[a-z0-9\-]+)?)"
        );

        // --- Dates.
        // Holidays name a day or a month (45 CFR 164.514(b)(2)(i)(C): every element of a date
        // but the year): `admitted Christmas Eve 2019`, `fell on Thanksgiving`, `since
        // Ramadan`. The year after one is taken with it, as with any other date.
        add(
            "holiday",
            Label::Date,
            0.85,
            Check::Holiday,
            r"(?:(?i:\b(?:christmas(?:\s+(?:day|eve))?|x-?mas(?:\s+eve)?|thanksgiving(?:\s+day)?|new\s+year'?s(?:\s+(?:day|eve))|halloween|easter\s+(?:sunday|monday)|independence\s+day|(?:fourth|4th)\s+of\s+july|valentine'?s\s+day|memorial\s+day|veterans'?\s+day|mother'?s\s+day|father'?s\s+day|st\.?\s+patrick'?s\s+day|(?:martin\s+luther\s+king|mlk)(?:\s+jr\.?)?\s+day|presidents'?\s+day|columbus\s+day|juneteenth|black\s+friday|hanukk?ah|chanukk?ah|passover|rosh\s+hashanah?|yom\s+kippur|ramadan|kwanzaa|diwali|lunar\s+new\s+year|chinese\s+new\s+year))|\bLabor\s+Day|\bEaster|\bGood\s+Friday|\bNew\s+Year(?:'s)?)(?:,?[ \t]+(?i:of[ \t]+)?(?:(?:19|20)[0-9]{2}|'[0-9]{2}))?\b"
                .to_string(),
        );
        // A year and month (`Seen 2023-06.`) and a quarter of a year (`due Q2 2023`).
        add(
            "date_year_month",
            Label::Date,
            0.85,
            Check::None,
            r"(?:\b(?P<v>(?:19|20)[0-9]{2}-(?:0[1-9]|1[0-2]))(?:[^0-9\-/:A-Za-z]|$)|\b(?P<w>Q[1-4][ \t]+(?:19|20)[0-9]{2})\b)"
                .to_string(),
        );
        // Geographic coordinates: smaller than a state. Labelled (`Latitude 40.7128`, `GPS:
        // 40.7128, -74.0060`) or with hemisphere letters (`40.7128° N, 74.0060° W`).
        add(
            "coordinates",
            Label::Location,
            0.9,
            Check::None,
            r"(?i:\b(?:lat(?:itude)?|long(?:itude)?|lng|lon|gps|coordinates|coords|geo(?:location)?)\s*[:=]?\s*(?P<v>-?[0-9]{1,3}\.[0-9]{3,}(?:\s*(?:\xC2\xB0\s*)?[nsew]\b)?(?:\s*,\s*-?[0-9]{1,3}\.[0-9]{3,}(?:\s*(?:\xC2\xB0\s*)?[nsew]\b)?)?)|\b(?P<w>[0-9]{1,2}\.[0-9]{3,}\s*(?:\xC2\xB0\s*)?[ns],?\s+[0-9]{1,3}\.[0-9]{3,}\s*(?:\xC2\xB0\s*)?[ew])\b)"
                .to_string(),
        );
        add(
            "date_ymd",
            Label::Date,
            0.97,
            Check::NumericDate,
            // An ISO 8601 date-time (`2023-01-05T14:30:00Z`, `...T14:30-05:00`): the date
            // part is the value; the time after the `T` is not PHI and is kept.
            format!(
                r"\b{YEAR_FULL}(?:-{MON}-{DAY}|/{MON}/{DAY}|\.{MON}\.{DAY})(?:\b|T[0-9]{{2}}:[0-9]{{2}}(?::[0-9]{{2}}(?:[.,][0-9]+)?)?(?:Z|[+-][0-9]{{2}}(?::?[0-9]{{2}})?)?\b)"
            ),
        );
        add(
            "date_mdy",
            Label::Date,
            0.97,
            Check::NumericDate,
            format!(
                r"\b{MON}(?:/{DAY}/(?:{YEAR_FULL}|[0-9]{{2}})|-{DAY}-(?:{YEAR_FULL}|[0-9]{{2}})|\.{DAY}\.(?:{YEAR_FULL}|[0-9]{{2}})|/{DAY}\.[0-9]{{2}})\b"
            ),
        );
        // Day first where the day cannot be a month (`25/12/1950`, `14-03-2023`): the US
        // order above reads `03/04/1950` either way.
        add(
            "date_dmy",
            Label::Date,
            0.95,
            Check::NumericDate,
            format!(
                r"\b(?:1[3-9]|2[0-9]|3[01])(?:/{MON}/(?:{YEAR_FULL}|[0-9]{{2}})|-{MON}-(?:{YEAR_FULL}|[0-9]{{2}}))\b"
            ),
        );
        // Military and lab-system dates without separators: `05JAN2023`, `5Jan23`.
        add(
            "date_dmy_compact",
            Label::Date,
            0.95,
            Check::None,
            format!(
                r"(?i:\b{DAY}(?:jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)(?:{YEAR_FULL}|[0-9]{{2}})\b)"
            ),
        );
        add(
            "date_dmy_text",
            Label::Date,
            0.95,
            Check::TextDate,
            format!(
                r"(?i:\b{DAY}(?:st|nd|rd|th)?(?:\s+of)?[ \-/.]*{MONTH}\b\.?,?(?:[ \-/.']*(?:{YEAR}|[0-9]{{2}})\b)?)"
            ),
        );
        // A written date of the 22nd century before its clock time (`SAT NOV 11, 2148 3:04 PM`):
        // without the time, four digits after a written day are as often the time (`May 4,
        // 2110`). Listed first: at one start the first listed pattern wins.
        add(
            "date_mdy_text_far",
            Label::Date,
            0.9,
            Check::TextDate,
            format!(
                r"(?i:\b(?P<v>{MONTH}\.?[ ]*{DAY}(?:st|nd|rd|th)?,?[ ]+21[0-9]{{2}})[ \t]+[0-9]{{1,2}}:[0-9]{{2}})"
            ),
        );
        add(
            "date_mdy_text",
            Label::Date,
            0.95,
            Check::TextDate,
            format!(
                // A range of days keeps its end day inside (`March 3-7, 2023`).
                r"(?i:\b{MONTH}\.?[ \-]*{DAY}(?:st|nd|rd|th)?(?:[ ]?-[ ]?{DAY}(?:st|nd|rd|th)?)?\b(?:,?[ \-']*(?:{YEAR}|[0-9]{{2}})\b)?)"
            ),
        );
        add(
            "date_my_text",
            Label::Date,
            0.9,
            Check::TextDate,
            format!(r"(?i:\b{MONTH}\.?,?[ \-/]*(?:of\s+)?'?(?:{YEAR_FULL}|[0-9]{{2}})\b)"),
        );
        // Dates in other languages: `12 de marzo de 2023`, `le 4 avril 2024`, `22. März 2021`,
        // `10 de marzo`, `janvier 2022`, `em março de 2019`.
        add(
            "date_dmy_intl",
            Label::Date,
            0.9,
            Check::TextDate,
            format!(
                r"(?i:\b{DAY}(?:\.|er|\xc2\xba|\xc2\xb0)?[ \t]+(?:de[ \t]+)?{MONTH_INTL}\b(?:,?[ \t]+(?:de[ \t]+|del[ \t]+)?{YEAR_FULL}\b)?)"
            ),
        );
        add(
            "date_my_intl",
            Label::Date,
            0.85,
            Check::TextDate,
            format!(r"(?i:\b{MONTH_INTL}[ \t]+(?:de[ \t]+|del[ \t]+)?{YEAR_FULL}\b)"),
        );
        // Day and month with the dots of German and other European writing, no year:
        // `am 10.03. von`, `ab 16.03. problemlos` (two digits each, a space or line end after).
        add(
            "date_dm_dots",
            Label::Date,
            0.7,
            Check::None,
            r"\b(?P<v>(?:0[1-9]|[12][0-9]|3[01])\.(?:0[1-9]|1[0-2])\.)(?:[ \t\r\n,;)]|$)"
                .to_string(),
        );
        // Month, day and year apart by spaces, as on claim forms: `04 17 1961`; with a
        // two-digit year only as a cell of its own (`  03 22 23    03 22 23  `).
        add(
            "date_mdy_spaced",
            Label::Date,
            0.8,
            Check::None,
            r"(?:\b(?P<v>(?:0[1-9]|1[0-2]) (?:0[1-9]|[12][0-9]|3[01]) (?:19|20)[0-9]{2})\b|(?:^|[ \t]{2}|\t)(?P<w>(?:0[1-9]|1[0-2]) (?:0[1-9]|[12][0-9]|3[01]) [0-9]{2})(?:[ \t]{2}|\t|\r?$))".to_string(),
        );
        add("date_compact", Label::Date, 0.6, Check::CompactDate,
            r"\b(?:(?:19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])|(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])(?:19|20)?[0-9]{2})\b".to_string());
        // A basic ISO date with its time (`20240415T093000`, CDA's `20240611143022-0500`,
        // iCalendar's `DTSTART:20240415T093000Z`): one token, the time with it, not the
        // zone's offset.
        add(
            "date_compact_time",
            Label::Date,
            0.8,
            Check::None,
            r"\b(?:19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])T?(?:[01][0-9]|2[0-3])[0-5][0-9](?:[0-5][0-9])?(?:\.[0-9]+)?(?:Z\b|\b)".to_string(),
        );
        // A blood unit's ISBT 128 donation identification number: a letter and the
        // facility's four digits, the year's two, the unit's six (`W0413 24 506172`).
        add(
            "isbt_din",
            Label::Id,
            0.9,
            Check::None,
            r"\b[A-Z][0-9]{4}[ \t]?[0-9]{2}[ \t]?[0-9]{6}\b".to_string(),
        );
        add(
            "date_md",
            Label::Date,
            0.85,
            Check::MonthDay,
            format!(r"\b{MON}/{DAY}\b"),
        );
        // Month and year: `4/97`, `12/93`, `1/78`, `3/2019` (a second number that cannot be
        // a day).
        // Day.month.year as written outside the US: `30.12.2022`.
        add(
            "date_dmy_dots",
            Label::Date,
            0.9,
            Check::NumericDate,
            format!(r"\b{DAY}\.{MON}\.{YEAR_FULL}\b"),
        );
        add(
            "date_month_year",
            Label::Date,
            0.8,
            Check::MonthYear,
            format!(r"\b{MON}/(?:3[2-9]|[4-9][0-9]|00|{YEAR})\b"),
        );
        add(
            "date_dm",
            Label::Date,
            0.75,
            Check::DayMonth,
            r"\b(?:1[3-9]|2[0-9]|3[01])/(?:0?[1-9]|1[0-2])\b".to_string(),
        );
        add(
            "date_md_dash",
            Label::Date,
            0.6,
            Check::MonthDayDash,
            format!(r"\b{MON}-{DAY}\b"),
        );
        // A year or a two-digit one, and the years listed after it (`1957, 1971`).
        let years = format!(r"(?:{YEAR}|'[0-9]{{2}})(?:[ \t]*(?:,|&|and)[ \t]*{YEAR})*");
        // A season before a year is part of the date (`since fall 2023`, `summer of '98`).
        add(
            "year_cued",
            Label::Date,
            0.8,
            Check::Year,
            format!(
                r"(?i:\b(?:(?P<w>(?:summer|winter|spring|fall|autumn)(?:[ \t]+of)?[ \t]+{years})|(?:{year_cues})[ \t,:\-]+(?:x\s*[0-9][ \t]+)?(?:in[ \t]+)?(?P<v>{years}))\b)"
            ),
        );
        // Procedures and diagnoses by their acronyms, and life events: not the words a nursing
        // note puts before a clock time (`gtt stopped 2100`, `Foley placement 2115`, `OR for
        // surgery 2130`, `dx 2110 per rads`).
        let far_cues = format!(
            r"whipple|{acronyms}|dx'd|hx|s/p|sp|esrd|tka|tha|rai|quit|retired|married|widowed|divorced|born|died|immigrated|diagnosed"
        );
        // A year of the 22nd century, as research corpora shift them (`s/p CABG 2139`, `quit
        // 2130`, `dx'd 2146`), only after a procedure, a diagnosis or a life event: after
        // `until`, `by` or `from` it is a clock time (`at bedside until 2130`).
        add(
            "year_cued_far",
            Label::Date,
            0.8,
            Check::Year,
            format!(r"(?i:\b(?:{far_cues})[ \t,:\-]+(?:x\s*[0-9][ \t]+)?(?P<v>21[0-9]{{2}}))\b"),
        );
        // Two or more years of this or the last century listed in parentheses (`hx of 2 BCCs
        // (2019, 2022)`). Times of day written so (`(1800, 2000)`) are taken too: recall first.
        let recent = r"(?:19[0-9]{2}|20[0-3][0-9])";
        add(
            "year_list_parens",
            Label::Date,
            0.8,
            Check::Year,
            format!(r"\((?P<v>{recent}(?:[ \t]*[,;&][ \t]*{recent}|[ \t]+and[ \t]+{recent})+)\)"),
        );
        add(
            "year_2digit_cued",
            Label::Date,
            0.6,
            Check::Year,
            format!(
                r"(?i:\b(?:{yy_cues})[ \t,:\-]*(?:x\s*[0-9][ \t]+)?'?(?P<v>[0-9]{{2}})'?(?:[ \t]*[,.;)]|[ \t]*$|[ \t]*\n|[ \t]+(?:and|with|for|at|w|s/p|c/b|complicated|who|in|on|by|x)\b))"
            ),
        );
        add(
            "year_apostrophe",
            Label::Date,
            0.6,
            Check::Year,
            r"(?:^|[ \t(,/])(?P<v>'[0-9]{2})\b".to_string(),
        );
        add(
            "year_trailing_apostrophe",
            Label::Date,
            0.5,
            Check::Year,
            r"\b(?P<v>[0-9]{2})'(?:[ \t]|[.,;)]|$)".to_string(),
        );
        add(
            "date_ordinal",
            Label::Date,
            0.7,
            Check::Ordinal,
            format!(
                r"(?i:\b(?:the|on|of|by|until|since|before|after)[ \t]+(?P<v>{DAY}(?:st|nd|rd|th)(?:[ \t]+(?:of[ \t]+)?{MONTH}\b\.?(?:,?[ \t]+{YEAR}\b)?)?)\b)"
            ),
        );

        // A two-digit year before a procedure: `09 PTCA to LCX`, `'13 stent`.
        add("year_before_procedure", Label::Date, 0.5, Check::Year,
            r"(?i:(?:^|[ \t(,;.])(?P<v>'?[0-9]{2})[ \t]+(?:ptca|pci|cabg|mi|stemi|nstemi|stent|stents|cath|avr|mvr|tavr|cva|tia|ppm|aicd|turp|appy|chole|lap|cea|ablation)\b)".to_string());
        // A span of years with an en dash (`tacrolimus 2021–2023`): one word to the tokenizer
        // (the dash is no ASCII), so the year rules of `detect` never see it; not a quantity's
        // range (`2000–2500 mL`, see `Check::Year`).
        add(
            "year_range_en_dash",
            Label::Date,
            0.7,
            Check::Year,
            r"\b(?P<v>(?:19[5-9][0-9]|20[0-4][0-9])\x{2013}(?:19[5-9][0-9]|20[0-4][0-9]|[0-9]{2}))\b"
                .to_string(),
        );
        add(
            "year_parenthesized",
            Label::Date,
            0.7,
            Check::Year,
            r"\((?P<v>(?:19|20)[0-9]{2})(?:\)|,[ \t])".to_string(),
        );
        // Pathology accession and block numbers: `S24-52705`, `SP23-97431 A3`, with a
        // container's or part's suffix (`SP25-014477-A`, `C25-0914-00318`).
        add(
            "accession",
            Label::Id,
            0.7,
            Check::None,
            r"\b(?P<v>[A-Z]{1,3}[0-9]{2}-[0-9]{4,7}(?:-[0-9A-Z]{1,6})*(?:[ \t][A-Z][0-9]{1,2}\b)?)\b".to_string(),
        );
        // A record number in parentheses after a name in a note header:
        // `SMITH, JOHN (MR8915961)`, `(45-68-43-37)`. Not trial registry numbers (`NCT...`).
        add(
            "id_parenthesized",
            Label::Mrn,
            0.6,
            Check::ParenId,
            r"\((?P<v>[A-Za-z]{0,3}[0-9][0-9\-]{4,14}[0-9])\)".to_string(),
        );
        // Other unique identifiers: long digit runs (optionally with a short letter prefix)
        // that no pattern above claimed. Lab values and codes are shorter.
        add(
            "generic_number_id",
            Label::Id,
            GENERIC_ID_SCORE,
            Check::GenericId,
            r"\b[A-Za-z]{0,3}[0-9]{6,12}\b".to_string(),
        );
        // A coded identifier without a label: capitals, a hyphen and digit groups
        // (`NBS-87-0330418`, `INV-7720194`, `US-24-061878`), five digits or more. Codes of
        // tests and vitals with a hyphen are shorter (`CA-125`, `COVID-19`, `IL-6`) or start
        // with a vital's name (`HR-110-133`).
        add(
            "coded_id",
            Label::Id,
            0.7,
            Check::CodedId,
            r"\b(?:[A-Z]{1,5}-){0,2}[A-Z]{1,5}[0-9]{0,6}-[0-9]{2,}(?:-[0-9A-Z]+)*\b".to_string(),
        );
        // Identifiers that machines write: UUIDs (`7f3c9a1e-22b0-4e57-9d1a-0c55e8a2b913`:
        // message, resource and study ids) and ISO object identifiers of six parts or more
        // (`1.2.840.113619.2.55.3.604688119.971.1678801234.1`: DICOM study, series and
        // instance UIDs; an IPv4 address has four parts).
        add(
            "uuid",
            Label::Id,
            0.9,
            Check::None,
            r"\b[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\b"
                .to_string(),
        );
        add(
            "oid",
            Label::Id,
            0.8,
            Check::Oid,
            r"\b[0-2](?:\.[0-9]{1,20}){5,}\b".to_string(),
        );
        // Any label with `No.`, `Nr.` or `#` that no pattern above knows: `UR No:`, `Medicare
        // No:`, `Prov. no.`, `Reg. No.`, `Bar No.`, `Health card #:` (the patterns above
        // start at their own labels and win).
        add(
            "number_label",
            Label::Id,
            0.7,
            Check::NumberLabel,
            format!(
                r"(?i:\b[a-z][a-z'\-]{{1,20}}\.?[ \t]+(?:no|nr|num|number|\#)(?:\b\.?|[ \t]))[ \t]*[:\#.]?[ \t]*(?:{SPACED_ID}|{VALUE})"
            ),
        );
        let (rare, main): (Vec<_>, Vec<_>) =
            pats.into_iter().partition(|(r, _)| RARE.contains(&r.name));
        let (recs, res): (Vec<Recognizer>, Vec<String>) = main.into_iter().unzip();
        let (rare_recs, rare_res): (Vec<Recognizer>, Vec<String>) = rare.into_iter().unzip();
        let syntax = syntax_config();
        let address = Regex::builder()
            .syntax(syntax)
            .build(&address_re)
            .map_err(|e| Error::build("address pattern", e))?;
        let address_rec = Recognizer {
            name: "street_address",
            label: Label::Address,
            score: 0.9,
            check: Check::Address,
        };
        // A large lazy-DFA cache for the main set: with ~50 patterns the default 2 MiB cache is
        // cleared over and over and states are built again. Measured effect: see
        // benches/README.md.
        let main = PatternSet::build(&res, recs, syntax, 32 << 20, "pattern set")?;
        let rare = PatternSet::build(&rare_res, rare_recs, syntax, 2 << 20, "rare pattern set")?;
        Ok(Patterns {
            main,
            rare,
            address,
            address_rec,
        })
    }

    /// Number of patterns in the two multi-pattern searches.
    pub fn len(&self) -> usize {
        self.main.recs.len() + self.rare.recs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Street addresses on the lines of the street-suffix words at `suffix_ends` (byte offsets
    /// where such a word ends). Appends validated detections to `out`.
    pub fn find_addresses(&self, text: &str, suffix_ends: &[usize], out: &mut Vec<Span>) {
        let hay = text.as_bytes();
        let mut searched_to = 0usize;
        for &end in suffix_ends {
            if end <= searched_to {
                continue;
            }
            // From the start of the line (at most 120 bytes back) to the end of the line.
            let mut s = end.saturating_sub(120).max(searched_to);
            if let Some(p) = memchr::memrchr(b'\n', &hay[s..end]) {
                s += p + 1;
            }
            let e = memchr::memchr(b'\n', &hay[end..]).map_or(hay.len(), |p| end + p);
            let mut at = s;
            while at < e {
                let Some(m) = self.address.search(&Input::new(hay).range(at..e)) else {
                    break;
                };
                match validate(&self.address_rec, text, m.start(), m.end()) {
                    Some((label, score)) => {
                        let end = address_end(hay, m.start(), m.end());
                        if let Some(sp) =
                            Span::checked(text, m.start(), end, label, score, Source::Pattern)
                        {
                            out.push(sp);
                        }
                        at = m.end().max(at + 1);
                    }
                    None => at = m.start() + 1,
                }
            }
            searched_to = e;
        }
    }

    /// Searches each of the byte ranges `windows` of `text` (sorted, disjoint, on char
    /// boundaries: `Prefilter::windows`) with the main pattern set and appends validated
    /// detections to `out`.
    pub fn find(&self, text: &str, windows: &[(usize, usize)], out: &mut Vec<Span>) {
        self.main.find(text, windows, out);
    }

    /// As [`find`](Self::find) with the rare word-led patterns, on the windows that
    /// `Prefilter::windows` opened for their literals.
    pub fn find_rare(&self, text: &str, windows: &[(usize, usize)], out: &mut Vec<Span>) {
        self.rare.find(text, windows, out);
    }
}

/// How every pattern here is parsed: bytes, not Unicode (ASCII classes and word boundaries,
/// any byte matches `.`), `^`/`$` at line ends, CRLF a line end.
fn syntax_config() -> syntax::Config {
    syntax::Config::new()
        .unicode(false)
        .utf8(false)
        .multi_line(true)
        .crlf(true)
}

/// One multi-pattern search and the recognizer of each of its patterns.
///
/// The engines are the ones `meta::Regex` would pick for this set (a forward lazy DFA for the
/// end of the leftmost-first match, a reverse lazy DFA for its start, the bounded backtracker
/// or the PikeVM for the capture groups), assembled here for one reason: the reverse search
/// runs anchored on the pattern the forward search matched. `meta::Regex` runs it anchored on
/// the union of all patterns, which walks back over every byte that any reversed pattern
/// could still extend over (labels of up to 40 bytes before a value) in a much larger
/// automaton. The start found is the same (see `search`). The capture groups of a match come
/// from an NFA of its pattern alone: the backtracker clears a visited set as large as its
/// NFA's states times the span, which for the union was kilobytes per match.
struct PatternSet {
    fwd: hybrid::dfa::DFA,
    rev: hybrid::dfa::DFA,
    /// The union, for the (never expected) case a lazy DFA fails.
    pikevm: PikeVM,
    /// By pattern id: the capture engines of the patterns with groups.
    groups: Vec<Option<GroupEngine>>,
    recs: Vec<Recognizer>,
    pool: Pool<SetCache, SetCacheFn>,
    /// The patterns, for the test that checks `search` against `meta::Regex`.
    #[cfg(test)]
    sources: Vec<String>,
}

/// The capture engines of one pattern: the backtracker, and the PikeVM for spans longer than
/// the backtracker's visited set allows.
struct GroupEngine {
    backtrack: BoundedBacktracker,
    pikevm: PikeVM,
}

/// Per-thread mutable state of the engines of one `PatternSet`.
struct SetCache {
    fwd: hybrid::dfa::Cache,
    rev: hybrid::dfa::Cache,
    /// Made on first use only: for the union of ~60 patterns it takes over 20 MB, and the
    /// lazy DFAs it stands in for never fail here.
    pikevm: Option<pikevm::Cache>,
    groups: Vec<Option<GroupCache>>,
}

struct GroupCache {
    backtrack: backtrack::Cache,
    pikevm: pikevm::Cache,
    caps: Captures,
}

type SetCacheFn = Box<dyn Fn() -> SetCache + Send + Sync + UnwindSafe + RefUnwindSafe>;

impl PatternSet {
    /// Compiles `res` (one pattern per recognizer of `recs`) with a lazy-DFA cache of
    /// `cache_bytes` for each direction.
    fn build(
        res: &[String],
        recs: Vec<Recognizer>,
        syntax: syntax::Config,
        cache_bytes: usize,
        what: &'static str,
    ) -> Result<PatternSet> {
        // Forward NFAs with every capture group: of the whole set, and of each pattern with
        // groups on its own.
        let forward = |patterns: &[&str]| {
            thompson::Compiler::new()
                .syntax(syntax)
                .configure(thompson::Config::new().which_captures(WhichCaptures::All))
                .build_many(patterns)
                .map_err(|e| Error::build(what, e))
        };
        let nfa = forward(&res.iter().map(String::as_str).collect::<Vec<_>>())?;
        let nfarev = thompson::Compiler::new()
            .syntax(syntax)
            .configure(
                thompson::Config::new()
                    .which_captures(WhichCaptures::None)
                    .reverse(true),
            )
            .build_many(res)
            .map_err(|e| Error::build(what, e))?;
        let dfa_config = hybrid::dfa::Config::new()
            .match_kind(MatchKind::LeftmostFirst)
            .starts_for_each_pattern(true)
            .cache_capacity(cache_bytes);
        let fwd = hybrid::dfa::Builder::new()
            .configure(dfa_config.clone())
            .build_from_nfa(nfa.clone())
            .map_err(|e| Error::build(what, e))?;
        let rev = hybrid::dfa::Builder::new()
            .configure(dfa_config.match_kind(MatchKind::All))
            .build_from_nfa(nfarev)
            .map_err(|e| Error::build(what, e))?;
        let mut groups = Vec::with_capacity(res.len());
        for (k, re) in res.iter().enumerate() {
            if nfa.group_info().group_len(PatternID::new_unchecked(k)) <= 1 {
                groups.push(None);
                continue;
            }
            let one = forward(&[re.as_str()])?;
            groups.push(Some(GroupEngine {
                backtrack: BoundedBacktracker::builder()
                    .build_from_nfa(one.clone())
                    .map_err(|e| Error::build(what, e))?,
                pikevm: PikeVM::builder()
                    .build_from_nfa(one)
                    .map_err(|e| Error::build(what, e))?,
            }));
        }
        let pikevm = PikeVM::builder()
            .build_from_nfa(nfa)
            .map_err(|e| Error::build(what, e))?;
        let (f, r) = (fwd.clone(), rev.clone());
        let g: Vec<Option<(BoundedBacktracker, PikeVM)>> = groups
            .iter()
            .map(|g| g.as_ref().map(|g| (g.backtrack.clone(), g.pikevm.clone())))
            .collect();
        let create: SetCacheFn = Box::new(move || SetCache {
            fwd: f.create_cache(),
            rev: r.create_cache(),
            pikevm: None,
            groups: g
                .iter()
                .map(|g| {
                    g.as_ref().map(|(b, p)| GroupCache {
                        backtrack: b.create_cache(),
                        pikevm: p.create_cache(),
                        caps: p.create_captures(),
                    })
                })
                .collect(),
        });
        Ok(PatternSet {
            fwd,
            rev,
            pikevm,
            groups,
            recs,
            pool: Pool::new(create),
            #[cfg(test)]
            sources: res.to_vec(),
        })
    }

    /// The leftmost-first match in `hay[at..end]`.
    ///
    /// The forward lazy DFA finds the match's end and pattern; the reverse lazy DFA, anchored
    /// at that end and on that pattern only, its start. Leftmost-first semantics make any
    /// pattern's earliest start the match's start, so the pattern's own earliest start is
    /// it too. The lazy DFAs here cannot fail (no quit bytes: Unicode is off; no give-up
    /// threshold); if one ever did, the PikeVM answers instead.
    fn search(&self, c: &mut SetCache, hay: &[u8], at: usize, end: usize) -> Option<Match> {
        let input = Input::new(hay).range(at..end);
        let fallback = |c: &mut SetCache| {
            let cache = c.pikevm.get_or_insert_with(|| self.pikevm.create_cache());
            self.pikevm.find(cache, input.clone())
        };
        let half = match self.fwd.try_search_fwd(&mut c.fwd, &input) {
            Ok(Some(h)) => h,
            Ok(None) => return None,
            Err(_) => return fallback(c),
        };
        let (pid, e) = (half.pattern(), half.offset());
        if e == at {
            return Some(Match::new(pid, e..e));
        }
        let back = Input::new(hay)
            .range(at..e)
            .anchored(Anchored::Pattern(pid))
            .earliest(false);
        match self.rev.try_search_rev(&mut c.rev, &back) {
            Ok(Some(s)) => Some(Match::new(pid, s.offset()..e)),
            _ => fallback(c),
        }
    }

    /// The groups of `m`'s pattern over exactly `m`'s span; `None` for a pattern without
    /// groups.
    fn captures<'c>(&self, c: &'c mut SetCache, hay: &[u8], m: &Match) -> Option<&'c Captures> {
        let i = m.pattern().as_usize();
        let (Some(Some(e)), Some(Some(g))) = (self.groups.get(i), c.groups.get_mut(i)) else {
            return None;
        };
        let exact = Input::new(hay)
            .range(m.start()..m.end())
            .anchored(Anchored::Yes);
        // The backtracker refuses spans longer than its visited set allows; the PikeVM has
        // no limit.
        if e.backtrack
            .try_search(&mut g.backtrack, &exact, &mut g.caps)
            .is_err()
        {
            e.pikevm.search(&mut g.pikevm, &exact, &mut g.caps);
        }
        Some(&g.caps)
    }

    /// Searches each of `windows` of `text` and appends validated detections to `out`.
    fn find(&self, text: &str, windows: &[(usize, usize)], out: &mut Vec<Span>) {
        if windows.is_empty() {
            return;
        }
        let mut cache = self.pool.get();
        for &(s, e) in windows {
            self.find_in(text, s..e, &mut cache, out);
        }
    }

    fn find_in(
        &self,
        text: &str,
        range: std::ops::Range<usize>,
        c: &mut SetCache,
        out: &mut Vec<Span>,
    ) {
        let hay = text.as_bytes();
        let mut at = range.start;
        while at < range.end {
            // The match alone (forward and reverse lazy DFA); the capture engine runs only for
            // the patterns with groups (`v`, the labelled ids), anchored on this match's span.
            let Some(m) = self.search(c, hay, at, range.end) else {
                break;
            };
            let caps = self.captures(c, hay, &m);
            let group = |name: &str| caps.and_then(|c| c.get_group_by_name(name));
            let mut rec = self.recs[m.pattern().as_usize()];
            if rec.name.starts_with("labelled_") {
                rec.label = LABELLED_GROUPS
                    .iter()
                    .find(|(g, _)| group(g).is_some())
                    .map_or(Label::Id, |&(_, l)| l);
                if matches!(
                    rec.label,
                    Label::Mrn | Label::Account | Label::HealthPlan | Label::License
                ) {
                    rec.score = 0.97;
                }
            }
            let rec = &rec;
            // `w`, `x`: the values of a pattern's second and third alternatives (a name may not
            // repeat in one pattern).
            let value = group("v").or_else(|| group("w")).or_else(|| group("x"));
            let (vs, ve) = match value {
                Some(g) => (g.start, g.end),
                None => (m.start(), m.end()),
            };
            let (vs, ve) = trim_value(hay, vs, ve, rec.check);
            // A table's cell border between label and value (`NUMSEP`) only after a label that
            // is no unit's or field's tail (`| MRN | 3319 0025 |`, `| Pt's MRN | ...`, `PCP:
            // Smith; MRN | ...`, `| Guarantor/Acct | ...`; not `142 | mg/dL | 70-99`, `Plan:
            // ID | 10-14 days`): no `:` just before it, and no unit's `/dL`.
            let unit = hay[..m.start()].last() == Some(&b'/')
                && hay[m.start()..]
                    .get(..2)
                    .is_some_and(|l| l.eq_ignore_ascii_case(b"dl"));
            let cell_ok = !hay[m.start()..vs.max(m.start())].contains(&b'|')
                || !unit && hay[..m.start()].trim_ascii_end().last() != Some(&b':');
            match validate(rec, text, vs, ve).filter(|_| cell_ok) {
                Some((label, score)) => {
                    if let Some(s) = Span::checked(text, vs, ve, label, score, Source::Pattern) {
                        out.push(s);
                    }
                    at = if m.end() > m.start() {
                        m.end()
                    } else {
                        m.end() + 1
                    };
                }
                None => at = m.start() + 1,
            }
        }
    }
}

/// The end of an address match without a period that ends the sentence: the period stays in
/// the span only after an abbreviated suffix (`12 Main St.`), not after a word (`221 Baker
/// Street.`).
fn address_end(hay: &[u8], s: usize, e: usize) -> usize {
    if e <= s + 1 || hay[e - 1] != b'.' {
        return e;
    }
    let word_start = hay[s..e - 1]
        .iter()
        .rposition(|b| !b.is_ascii_alphabetic())
        .map_or(s, |p| s + p + 1);
    let word = hay[word_start..e - 1].to_ascii_lowercase();
    const ABBREVIATED: &[&[u8]] = &[
        b"st", b"ave", b"av", b"rd", b"blvd", b"ln", b"dr", b"ct", b"pl", b"hwy", b"pkwy", b"ter",
        b"cir", b"sq", b"trl", b"aly", b"expy", b"fwy", b"cres", b"pt", b"plz", b"rte", b"tpke",
        b"xing", b"hts", b"crt", b"bnd", b"cv", b"ext", b"lp", b"mnr", b"pk", b"rdg", b"vw",
    ];
    if ABBREVIATED.contains(&word.as_slice()) {
        e
    } else {
        e - 1
    }
}

/// Trims trailing punctuation a greedy value or URL took along; puts back the `+` or `(` a
/// phone number starts with when the pattern left it out.
fn trim_value(hay: &[u8], mut s: usize, mut e: usize, check: Check) -> (usize, usize) {
    // A `(` is the number's only when it closes after the area code: `(714) 555-0177`, not
    // the bracket around `(714-555-0177)`.
    let area_bracket = |from: usize| {
        let digits = hay[from..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        hay.get(from + digits) == Some(&b')')
    };
    if check == Check::Phone
        && s > 0
        && (hay[s - 1] == b'+' || hay[s - 1] == b'(' && area_bracket(s))
        && (s == 1 || !hay[s - 2].is_ascii_alphanumeric())
    {
        // `phone_us` consumes the non-digit before it; when the search resumed right there
        // (after an e-mail: `...@x.net+1 (202) ...`) that was the `+` or `(` of the number.
        s -= 1;
    } else if check == Check::Phone && s + 1 < e && hay[s] == b'(' && !area_bracket(s + 1) {
        s += 1;
    }
    if matches!(check, Check::Url | Check::Labelled) {
        while e > s
            && matches!(
                hay[e - 1],
                b'.' | b',' | b';' | b':' | b')' | b']' | b'!' | b'?' | b'-' | b'/'
            )
        {
            e -= 1;
        }
    }
    // Patterns without a capture group (the capture engine would run on every match; these
    // two match often) whose value is a prefix of the match.
    if check == Check::NumericDate {
        // `2023-01-05T14:30:00Z`: the date before the `T`.
        if let Some(t) = hay[s..e].iter().position(|&b| b == b'T') {
            e = s + t;
        }
    }
    if matches!(
        check,
        Check::TextDate | Check::MonthYear | Check::MonthDay | Check::Ordinal
    ) {
        // `the 3rd of March, normal.`, `seen 14 Mar.`: the comma or the period after a month
        // with no year is the sentence's (or says nothing); it stays in the text.
        while e > s && matches!(hay[e - 1], b',' | b'.') {
            e -= 1;
        }
    }
    if check == Check::AgeContext {
        // `96.`, `91 and`, `ninety-four,`: the number or the age word, without what ends it.
        e = s + age_token_len(&hay[s..e]);
    }
    if check == Check::Labelled {
        // A spaced value (`W8747 60134`) must not take the next word along (`12345 and`).
        while let Some(sp) = hay[s..e].iter().rposition(|&b| b == b' ') {
            let last = &hay[s + sp + 1..e];
            if last.iter().any(u8::is_ascii_digit) {
                break;
            }
            e = s + sp;
        }
    }
    (s, e)
}

/// True when `hay[..end]` ends with a `M/D` date (for ranges such as `6/30-7/2`).
fn date_ends_at(hay: &[u8], end: usize) -> bool {
    let mut i = end;
    let d = i;
    while i > 0 && hay[i - 1].is_ascii_digit() && d - i < 2 {
        i -= 1;
    }
    if i == d || i == 0 || hay[i - 1] != b'/' {
        return false;
    }
    let m = i - 1;
    let mut j = m;
    while j > 0 && hay[j - 1].is_ascii_digit() && m - j < 2 {
        j -= 1;
    }
    j < m
}

/// Nouns that follow an ordinal that is not a date.
const ORDINAL_NOUNS: &[&str] = &[
    "step",
    "day",
    "time",
    "times",
    "attempt",
    "degree",
    "line",
    "set",
    "bag",
    "round",
    "try",
    "cycle",
    "week",
    "month",
    "year",
    "floor",
    "grade",
    "trimester",
    "toe",
    "finger",
    "rib",
    "liter",
    "litre",
    "unit",
    "dose",
    "shift",
    "night",
    "visit",
    "episode",
    "one",
    "two",
    "child",
    "pregnancy",
    "stage",
    "intercostal",
    "generation",
    "cousin",
    "opinion",
    "party",
    "place",
    "choice",
    "line",
    "lumbar",
    "ventricle",
    "nerve",
    "metacarpal",
    "metatarsal",
];

/// [`Check::NumberLabel`]: the value at `s` has four digits or more and its label (the word
/// before `No.`, `Nr.` or `#`) counts no room, bed, page, lot, step or other thing that is not a
/// person's record or a form.
fn number_label(hay: &[u8], s: usize, val: &[u8]) -> bool {
    if val.iter().filter(|c| c.is_ascii_digit()).count() < 4 || val.len() > 30 {
        return false;
    }
    let (w1, p1) = lower_word_before(hay, s);
    let label = if matches!(w1.as_str(), "no" | "nr" | "num" | "number") {
        lower_word_before(hay, p1).0
    } else {
        w1
    };
    !matches!(
        label.as_str(),
        "room" | "rm" | "bed" | "page" | "pg" | "lot" | "batch" | "step" | "version" | "ver"
            | "item" | "line" | "part" | "model" | "cat" | "catalog" | "catalogue" | "dose"
            | "suite" | "floor" | "ward" | "bay" | "table" | "figure" | "fig" | "cycle" | "cpt"
            | "icd" | "ndc" | "loinc" | "snomed" | "rxnorm" | "code" | "question" | "size"
            | "phone" | "tel" | "fax" | "extension" | "ext" | "serial" | "apt" | "unit"
            // A form's number (`OMB Control Number`). A store's (`CVS Pharmacy #4417`) is
            // taken: it names where a patient fills prescriptions.
            | "control" | "form"
    )
}

fn lower_word_before(text: &[u8], pos: usize) -> (String, usize) {
    let mut i = pos;
    while i > 0 && !text[i - 1].is_ascii_alphanumeric() {
        i -= 1;
    }
    let end = i;
    while i > 0 && (text[i - 1].is_ascii_alphanumeric() || text[i - 1] == b'\'') {
        i -= 1;
    }
    (
        String::from_utf8_lossy(&text[i..end]).to_ascii_lowercase(),
        i,
    )
}

/// A month and day that head an entry, as lower-case notes write them: after a weekday
/// (`fri may 10`), or followed by a colon, an `@` or a time of day (`may 16: seen`, `labs may 24
/// 1155:`, `addendum may 26 @ 00:15`). The modal verb is followed by none of these (`may 5 mg`,
/// `may 2 days`).
fn dated_heading(hay: &[u8], s: usize, e: usize) -> bool {
    use super::dictionary::{WEEKDAY_ABBREVS, WEEKDAY_NAMES};
    let (before, _) = lower_word_before(hay, s);
    if WEEKDAY_NAMES.contains(&before.as_str()) || WEEKDAY_ABBREVS.contains(&before.as_str()) {
        return true;
    }
    let rest = &hay[e..];
    let spaces = rest
        .iter()
        .take_while(|&&b| b == b' ' || b == b'\t')
        .count();
    let rest = &rest[spaces..];
    let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
    let after_digits = rest.get(digits).copied();
    match rest.first() {
        // Not a ratio (`may 1:1 sitter`).
        Some(b':') => spaces == 0 && !rest.get(1).is_some_and(u8::is_ascii_digit),
        Some(b'@') => true,
        // `1155`, `0715h`: a four-digit time of day, then no unit or digit.
        Some(b'0'..=b'9') if digits == 4 && spaces > 0 => {
            let two = |k: usize| (rest[k] - b'0') * 10 + (rest[k + 1] - b'0');
            two(0) < 24
                && two(2) < 60
                && !after_digits.is_some_and(|b| b.is_ascii_alphanumeric() && b != b'h')
        }
        // `10:40`, `9:15am`.
        Some(b'0'..=b'9') if (1..=2).contains(&digits) && spaces > 0 => {
            after_digits == Some(b':')
                && rest.get(digits + 1).is_some_and(u8::is_ascii_digit)
                && rest.get(digits + 2).is_some_and(u8::is_ascii_digit)
        }
        _ => false,
    }
}

/// Length of the age at the start of `m`: its digits, or `ninety` and a unit word after a
/// hyphen or a space (`ninety-four`, `ninety four`).
fn age_token_len(m: &[u8]) -> usize {
    let digits = m.iter().take_while(|b| b.is_ascii_digit()).count();
    if digits > 0 {
        return digits;
    }
    let word = |from: usize| {
        m[from..]
            .iter()
            .take_while(|b| b.is_ascii_alphabetic())
            .count()
    };
    let first = word(0);
    if first + 1 < m.len() && matches!(m[first], b'-' | b' ') {
        let unit = word(first + 1);
        let w = m[first + 1..first + 1 + unit].to_ascii_lowercase();
        let units: [&[u8]; 9] = [
            b"one", b"two", b"three", b"four", b"five", b"six", b"seven", b"eight", b"nine",
        ];
        if units.contains(&w.as_slice()) {
            return first + 1 + unit;
        }
    }
    first
}

/// People an age can be stated about without a unit (`her mother is 96.`).
const AGE_PERSONS: &[&str] = &[
    "patient",
    "pt",
    "he",
    "she",
    "husband",
    "wife",
    "spouse",
    "partner",
    "mother",
    "father",
    "mom",
    "dad",
    "son",
    "daughter",
    "brother",
    "sister",
    "grandmother",
    "grandfather",
    "grandma",
    "grandpa",
    "aunt",
    "uncle",
    "friend",
    "neighbor",
    "neighbour",
    "man",
    "woman",
    "gentleman",
    "lady",
    "resident",
    "veteran",
];

/// Whether the number at `s..e` (90 or more) is an age by the words around it: `<person>
/// is|was [now|almost|nearly|over|about] N`, `<person>, N,`, `died|passed away|deceased at
/// [the age of] N`, `turns|turned|turning N`, `will be N`.
/// What may follow a speaker's age (`I'm 91, ...`, `you're ninety-one now?`): the end, a
/// pause, or `now`, `years`, `and`, `next`, `in`.
fn spoken_age_end(hay: &[u8], e: usize) -> bool {
    // The longest word below is seven bytes: no more of the text is lower-cased.
    let rest = hay[e..hay.len().min(e + 7)].to_ascii_lowercase();
    rest.is_empty()
        || matches!(rest[0], b'.' | b',' | b';' | b'!' | b'?')
        || [&b" now"[..], b" years", b" and", b" next", b" in "]
            .iter()
            .any(|w| rest.starts_with(w))
}

fn age_context(hay: &[u8], s: usize, e: usize) -> bool {
    let (w1, p1) = lower_word_before(hay, s);
    let gap = &hay[p1 + w1.len()..s];
    // `Mother, 95, has`: a person, a comma, the age, a comma.
    if gap.contains(&b',') {
        let closing = hay[e..].iter().find(|c| !c.is_ascii_whitespace()).copied();
        let title = |t: &str| matches!(t, "mr" | "mrs" | "ms" | "miss" | "mx");
        // `Mrs. Jones, 97, lives alone`, `Mrs. Ophelia King, 94.`, `Father: James Sullivan,
        // 90,`: a name (one or two capitalised words) after a title or a person word stands
        // for the person.
        let introduces = |t: &str| title(t) || AGE_PERSONS.contains(&t);
        let titled_name = || {
            hay[p1].is_ascii_uppercase() && {
                let (t, pt) = lower_word_before(hay, p1);
                introduces(&t)
                    || hay.get(pt).is_some_and(u8::is_ascii_uppercase)
                        && hay[pt + t.len()..p1] == *b" "
                        && introduces(&lower_word_before(hay, pt).0)
            }
        };
        // `Mother alive, 91, in care`: a person's state between the person and the comma.
        let alive = || {
            matches!(w1.as_str(), "alive" | "living" | "well")
                && AGE_PERSONS.contains(&lower_word_before(hay, p1).0.as_str())
        };
        let person = AGE_PERSONS.contains(&w1.as_str()) || titled_name() || alive();
        // A comma closes the apposition; a full stop or semicolon the sentence, after a
        // titled name or a person word only.
        return gap.len() <= 3 && person && matches!(closing, Some(b',' | b'.' | b';'));
    }
    // A capitalised name that starts at `p`, right after a person word (`wife DOLORES`,
    // `grandmother Dolores`; with `commas`, `her sister, Yvette`).
    let name_after_person = |p: usize, commas: bool| {
        hay.get(p).is_some_and(u8::is_ascii_uppercase) && {
            let (t, pt) = lower_word_before(hay, p);
            let g = &hay[pt + t.len()..p];
            g.len() <= 2
                && g.iter().all(|&c| c == b' ' || commas && c == b',')
                && AGE_PERSONS.contains(&t.as_str())
        }
    };
    // A person word, or such a name, ends at `p`, whose lower-cased word is `w`.
    let person_at = |w: &str, p: usize| AGE_PERSONS.contains(&w) || name_after_person(p, false);
    // `WIFE DOLORES (90)`, `mother (92)`: the age in brackets after the person.
    if gap == b" (" && hay.get(e) == Some(&b')') {
        return person_at(&w1, p1);
    }
    if !gap.iter().all(|c| *c == b' ') || gap.len() > 2 {
        return false;
    }
    if w1 == "now" {
        // `grandmother Dolores, now 91`: the person, a comma, `now` and the age.
        if hay[..p1].ends_with(b", ") {
            let (w0, p0) = lower_word_before(hay, p1 - 2);
            if p0 + w0.len() == p1 - 2 && person_at(&w0, p0) {
                return true;
            }
        }
        // `born 7/4/1931, now 91`: a birth date earlier on the line, in the same sentence.
        let clause = text_before(hay, p1, 60, b"\n;!?");
        if contains_ci(clause, &[b"born", b"dob", b"d.o.b"]) {
            return true;
        }
    }
    let (mut w, mut p) = (w1, p1);
    let step = |p: usize| lower_word_before(hay, p);
    if matches!(w.as_str(), "now" | "almost" | "nearly" | "over" | "about") {
        (w, p) = step(p);
    }
    let (w2, p2) = step(p);
    // `She's 96 now`, `she'll be 97`: a person and a contracted verb, one word here.
    let contracted = |word: &str, verb: &str| {
        word.strip_suffix(verb)
            .and_then(|x| x.strip_suffix('\''))
            .is_some_and(|who| AGE_PERSONS.contains(&who))
    };
    // `Brother Angel is 93`, `her sister, Yvette, is 101`: a capitalised name after a person
    // word.
    match w.as_str() {
        // `Howard Cole, who is 91`: a relative pronoun of a person.
        "is" | "was" => {
            AGE_PERSONS.contains(&w2.as_str()) || w2 == "who" || name_after_person(p2, true)
        }
        _ if contracted(&w, "s") => true,
        // The speaker or the one spoken to, in a transcript or a quote (`I'm 91, I've had a
        // good run`, `you're ninety-one now?`), before a pause or a word of age only: not a
        // saturation or a temperature (`I'm 92 on room air`, `I'm 102 this morning`).
        "i'm" | "i\u{2019}m" | "you're" | "you\u{2019}re" => spoken_age_end(hay, e),
        "am" => w2 == "i" && spoken_age_end(hay, e),
        "are" => w2 == "you" && spoken_age_end(hay, e),
        "turns" | "turned" | "turning" => true,
        // `mother 94, bedbound`: a relative and the age before a comma or a bracket.
        "mother" | "father" | "mom" | "dad" | "wife" | "husband" | "sister" | "brother"
        | "aunt" | "uncle" | "grandmother" | "grandfather" | "spouse" => {
            gap == b" "
                && matches!(hay.get(e), Some(b',' | b')'))
                && hay[e + 1..]
                    .iter()
                    .find(|c| !c.is_ascii_whitespace())
                    .is_none_or(u8::is_ascii_alphabetic)
                && !contains_ci(
                    text_before(hay, s, 40, b"\n"),
                    &[b"hr", b"pulse", b"heart", b"fetal", b"bpm", b"sat", b"bp"],
                )
        }
        "be" => w2 == "will" || contracted(&w2, "ll") || w2 == "to" && step(p2).0 == "lived",
        // `Mother lived to 97.`, `mother died 101.`: a person's long life.
        "to" => w2 == "lived",
        "died" => person_at(&w2, p2),
        // `died at 94`, `still living at 96`, `died 2015 at 94` (a year between).
        "at" => {
            let end = |w: &str| {
                matches!(
                    w,
                    "died" | "away" | "deceased" | "death" | "alive" | "living"
                )
            };
            end(&w2) || w2.len() == 4 && w2.bytes().all(|c| c.is_ascii_digit()) && end(&step(p2).0)
        }
        "of" => {
            w2 == "age" && {
                let (w3, p3) = step(p2);
                let (w4, _) = step(p3);
                w3 == "the" && w4 == "at" || matches!(w3.as_str(), "died" | "away" | "deceased")
            }
        }
        _ => false,
    }
}

/// A weekday's name or abbreviation, lower case (`Mon 22/01`, `Tues 16/01`, `weds`): the
/// dictionary's lists.
fn weekday(w: &str) -> bool {
    use super::dictionary::{WEEKDAY_ABBREVS, WEEKDAY_NAMES};
    w == "weds" || WEEKDAY_NAMES.contains(&w) || WEEKDAY_ABBREVS.contains(&w)
}

/// True when the bytes between a cue word and a value end the cue's sentence: a `.`, `;` or
/// `!` followed by white space (`R PA. 7/26/18`).
fn sentence_break(gap: &[u8]) -> bool {
    gap.windows(2)
        .any(|w| matches!(w[0], b'.' | b';' | b'!') && w[1].is_ascii_whitespace())
}

/// Words that put a date in front of what follows (`since 6/10`, `on 5/5`): a month/day after
/// them stays a date whatever the context.
const DATE_PREPOSITIONS: &[&str] = &["since", "from", "until", "till", "dated", "on", "of"];
/// Pain words: `N/10` near them is a pain score (`rating 3/10`, `cp 5/10`, `pain (7/10)`).
const PAIN_CUES: &[&str] = &[
    "pain",
    "cp",
    "discomfort",
    "rating",
    "rated",
    "rates",
    "rate",
    "ha",
    "headache",
    "scale",
];
/// Ventilator words: a small `N/M` near them is pressure support / PEEP (`PS 10/5`, `trialed on
/// 5/5`, `IMV 800x60x10 5/5`, `50% 8/5`).
const VENT_CUES: &[&str] = &[
    "ps",
    "psv",
    "peep",
    "cpap",
    "bipap",
    "simv",
    "imv",
    "ac",
    "prvc",
    "vent",
    "vented",
    "ventilator",
    "fio2",
    "fi02",
    "settings",
    "mode",
    "trialed",
    "wean",
    "weaning",
    "ventilation",
    "ventilated",
];
/// Words after a small `N/M` on its line that make it the ventilator setting the patient is
/// weaned on before an extubation (`change to 5/5 at 0500 and extubate`, `EXCELLENT 5/5 ABG`).
const VENT_AFTER: &[&str] = &["abg", "abgs", "extubate", "extubation", "peep", "fio2"];
/// Event words right before a month/day make it the date of the event (`weaned off 9/7`,
/// `extubate 3/11`, `levo weaned 4/2`), whatever the ventilator words around.
const EVENT_BEFORE: &[&str] = &[
    "off",
    "extubate",
    "extubated",
    "extub",
    "intubated",
    "reintubated",
    "weaned",
    "started",
    "stopped",
    "removed",
    "changed",
    "placed",
    "dc",
    "dcd",
    "admitted",
    "discharged",
    "transferred",
    "done",
    "given",
    "sent",
    "drawn",
    "due",
    "by",
    "after",
    "before",
];
/// Verbs after which `on 5/5` is a ventilator setting rather than a date.
const VENT_ON: &[&str] = &[
    "trialed",
    "placed",
    "remains",
    "remained",
    "weaning",
    "weaned",
    "tolerating",
    "tol",
    "back",
    "now",
    "kept",
    "left",
];

/// Only blanks, bullets or a table's border between the start of `s`'s line and `s`.
fn line_head(hay: &[u8], s: usize) -> bool {
    hay[super::names::line_start(hay, s)..s]
        .iter()
        .all(|&c| matches!(c, b' ' | b'\t' | b'-' | b'*' | b'|'))
}

/// A clock time after the blanks at `e`: `0745`, `14:30` (hours below 24, minutes below 60),
/// then no more digits or letters.
fn clock_after(hay: &[u8], e: usize) -> bool {
    let pad = hay[e..]
        .iter()
        .take_while(|&&c| c == b' ' || c == b'\t')
        .count();
    if pad == 0 {
        return false;
    }
    match &hay[e + pad..] {
        [h1, h2, b':', m1, m2, rest @ ..] | [h1, h2, m1, m2, rest @ ..] => {
            [h1, h2, m1, m2].iter().all(|c| c.is_ascii_digit())
                && !rest.first().is_some_and(u8::is_ascii_alphanumeric)
                && (h1 - b'0') * 10 + (h2 - b'0') < 24
                && *m1 < b'6'
        }
        _ => false,
    }
}

/// Whether the month/day-shaped `m/d` at `s` is a pain score or a ventilator setting by the
/// words of its line: up to five words back (`w1`, `w2` are the nearest two) and the word
/// after. A date preposition right before it keeps it a date, except `on` after a ventilator
/// verb (`trialed on 5/5`).
fn scale_or_setting(hay: &[u8], s: usize, m: u32, d: u32, w1: &str, w2: &str, next: &str) -> bool {
    if DATE_PREPOSITIONS.contains(&w1) && !(w1 == "on" && VENT_ON.contains(&w2))
        || EVENT_BEFORE.contains(&w1)
    {
        return false;
    }
    let mut back = Vec::with_capacity(5);
    let mut pos = s;
    // The token right before (`50%`, `500X10`, `800x60x10`): a percentage or a rate-by-volume
    // product is a ventilator line.
    let mut settings_token = false;
    for k in 0..5 {
        // Only words of this line: stop at a newline between this word and the last.
        let (w, p) = lower_word_before(hay, pos);
        if w.is_empty() || hay[p..pos].contains(&b'\n') {
            break;
        }
        if k == 0 {
            let tail = &hay[p + w.len()..s];
            let x_product = w.len() >= 4
                && w.contains('x')
                && w.split('x')
                    .all(|t| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()));
            settings_token = tail.contains(&b'%') || x_product;
        }
        back.push(w);
        pos = p;
    }
    // A second score of a list (`6/10 at rest, 9/10 w/ transfers`, `7/10 -> 4/10`): another
    // score of one or two digits over 10 just before it on its line (not the `/10` of a date,
    // `3/10/1948`, or of a pressure, `140/100`), and no dating word between the two (`Seen
    // 9/10 and again 10/10` are dates) unless the line names pain.
    let line = &hay[super::names::line_start(hay, s)..s];
    let near = &line[line.len().saturating_sub(40)..];
    let score_before = memchr::memmem::find_iter(near, b"/10").any(|p| {
        let digits = near[..p]
            .iter()
            .rev()
            .take_while(|c| c.is_ascii_digit())
            .count();
        let score = (1..=2).contains(&digits)
            && !near[..p - digits]
                .last()
                .is_some_and(|c| c.is_ascii_digit() || *c == b'/')
            && !near
                .get(p + 3)
                .is_some_and(|c| c.is_ascii_digit() || *c == b'/');
        let dated = || {
            near[p + 3..]
                .split(|c| !c.is_ascii_alphabetic() && *c != b'/')
                .any(|w| {
                    DATING_CUES
                        .iter()
                        .chain(&["again", "and"])
                        .any(|c| w.eq_ignore_ascii_case(c.as_bytes()))
                })
        };
        score && (!dated() || line.windows(4).any(|w| w.eq_ignore_ascii_case(b"pain")))
    });
    let pain = d == 10
        && (PAIN_CUES.contains(&next)
            || back.iter().any(|w| PAIN_CUES.contains(&w.as_str()))
            || score_before)
        // Apgar scores at one and five minutes (`apgars 8/9`).
        || back.first().is_some_and(|w| w == "apgar" || w == "apgars");
    let small = m <= 20 && d <= 25;
    // `5/5-.40`: pressure support / PEEP / FiO2.
    let e = s + hay[s..]
        .iter()
        .take_while(|b| b.is_ascii_digit() || **b == b'/')
        .count();
    let fio2_after = hay.get(e) == Some(&b'-') && hay.get(e + 1) == Some(&b'.');
    let vent = small
        && (settings_token
            || fio2_after
            || back.iter().any(|w| VENT_CUES.contains(&w.as_str()))
            || words_after_on_line(hay, e, 5).any(|w| VENT_AFTER.contains(&w.as_str())));
    pain || vent
}

/// Up to `n` lower-cased alphabetic words after `pos` on its line (digits and punctuation
/// between them are skipped).
fn words_after_on_line(text: &[u8], pos: usize, n: usize) -> impl Iterator<Item = String> + '_ {
    let line_end = text[pos.min(text.len())..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(text.len(), |k| pos + k);
    let mut i = pos.min(line_end);
    std::iter::from_fn(move || {
        while i < line_end && !text[i].is_ascii_alphabetic() {
            i += 1;
        }
        if i >= line_end {
            return None;
        }
        let s = i;
        while i < line_end && text[i].is_ascii_alphanumeric() {
            i += 1;
        }
        Some(String::from_utf8_lossy(&text[s..i]).to_ascii_lowercase())
    })
    .take(n)
}

pub(super) fn lower_word_after(text: &[u8], pos: usize) -> String {
    let mut i = pos;
    while i < text.len() && (text[i] == b' ' || text[i] == b'\t') {
        i += 1;
    }
    let s = i;
    while i < text.len() && text[i].is_ascii_alphabetic() {
        i += 1;
    }
    String::from_utf8_lossy(&text[s..i]).to_ascii_lowercase()
}

/// True when a unit follows `pos` (`3/4 tab`, `1/2 in.`): `next`, the word there
/// (`lower_word_after(text, pos)`), is one of [`UNIT_AFTER`], except `in` before a word, which
/// is the preposition (`Seen 3/13 in clinic`, `Admitted Jan-5-2023 in stable condition`).
fn unit_after(text: &[u8], pos: usize, next: &str) -> bool {
    if !UNIT_AFTER.contains(&next) {
        return false;
    }
    if next == "in" {
        let mut i = pos;
        while i < text.len() && (text[i] == b' ' || text[i] == b'\t') {
            i += 1;
        }
        i += 2;
        let spaced = i < text.len() && text[i] == b' ';
        while i < text.len() && text[i] == b' ' {
            i += 1;
        }
        if spaced && text.get(i).is_some_and(u8::is_ascii_alphabetic) {
            return false;
        }
    }
    true
}

/// True when a Gram stain result follows `pos` (`9/2 GM + COCCI`, `gm neg rods`): `gm` there
/// is no unit of weight.
fn gram_stain_after(text: &[u8], pos: usize) -> bool {
    let mut i = pos;
    while i < text.len() && text[i] == b' ' {
        i += 1;
    }
    let w = i;
    while i < text.len() && text[i].is_ascii_alphabetic() {
        i += 1;
    }
    if !text[w..i].eq_ignore_ascii_case(b"gm") && !text[w..i].eq_ignore_ascii_case(b"gram") {
        return false;
    }
    while i < text.len() && text[i] == b' ' {
        i += 1;
    }
    if matches!(text.get(i), Some(b'+' | b'-')) {
        return true;
    }
    let next = lower_word_after(text, i);
    matches!(next.as_str(), "pos" | "neg" | "positive" | "negative")
}

/// Words before a slash-number that make it a measurement, not a date (`BP 120/80`,
/// `PSV 10/5`, `strength 5/5`, `pain 5/10`).
const RATIO_CUES: &[&str] = &[
    "ventilation",
    "mask",
    "trialed",
    "imv",
    "flowby",
    "flow",
    "crackles",
    "rales",
    "bp",
    "sbp",
    "dbp",
    "abp",
    "nbp",
    "nibp",
    "map",
    "art",
    "aline",
    "cuff",
    "psv",
    "ps",
    "peep",
    "cpap",
    "bipap",
    "ipap",
    "epap",
    "vent",
    "settings",
    "ratio",
    "pain",
    "score",
    "strength",
    "grade",
    "gcs",
    "rass",
    "apgar",
    "abg",
    "vbg",
    "murmur",
    "pupils",
    "perrl",
    "perrla",
    "reflexes",
    "motor",
    "edema",
    "pulses",
    "sounds",
    "o2",
    "sats",
    "pressures",
    "pressure",
    "pap",
    "pa",
    "cvp",
    "wedge",
    "pcwp",
    "ci",
    "co",
    "svr",
    "tv",
    "vt",
    "rr",
    "hr",
    "sr",
    "rate",
    "mae",
    "strengths",
    "graded",
    "scale",
    "level",
    "levels",
    "bs",
    "bowel",
    "tol",
    "tolerating",
    "iabp",
    "augmenting",
    "unloading",
    "assist",
    "fio2",
    "fi02",
    "ac",
    "simv",
    "imv",
    "pc",
    "vc",
    "prvc",
    "cmv",
    "mmv",
    "aprv",
    "tidal",
    "ett",
    "vs",
    "vss",
    "bps",
    "hrs",
    "rhythm",
    "ectopy",
    "lytes",
    "dose",
    "doses",
    "units",
    "tabs",
    // `ivf d5 1/2`: dextrose in half-normal saline.
    "d5",
    "d5w",
    "d10",
];
const UNIT_AFTER: &[&str] = &[
    "nph", "st", "blood", "bl", "cultures", "cx", "bottles", "bottle", "way", "mg", "mcg", "g",
    "gm", "ml", "cc", "l", "tab", "tabs", "tablet", "tablets", "cap", "caps", "ns", "nss",
    "strength", "dose", "doses", "unit", "units", "u", "meq", "mmol", "mmhg", "kg", "lb", "lbs",
    "cm", "mm", "in", "inch", "inches", "cup", "cups", "amp", "amps", "puff", "puffs", "drop",
    "drops", "gtt", "gtts", "hr", "hrs", "min", "mins", "sec", "strength", "scale", "pain",
    "ratio", "assist", "breaths", "bpm", "x", "times", "of", "hpf", "hpfs", "lpf", "sites",
    "fields", "ppd", "pack", "packs", "pk", "pks",
];

/// Words that start the unit part of an address line (`Apt 4B`, `Suite 5D`, `Floor 2`).
const ADDRESS_UNITS: &[&str] = &[
    "apt",
    "apartment",
    "unit",
    "suite",
    "ste",
    "fl",
    "floor",
    "bldg",
    "building",
    "rm",
];

/// Words that never sit between a house number and a street suffix.
const ADDRESS_STOP: &[&str] = &[
    "and", "or", "to", "the", "of", "with", "for", "at", "in", "on", "by", "from", "pt", "old",
    "yr", "yrs", "yo", "am", "pm", "is", "was", "she", "he", "his", "her", "they", "it", "this",
    "that", "times", "lead", "view", "vessel", "port", "lumen", "french", "fr", "gauge", "hours",
    "days", "weeks", "months", "years", "day", "week", "month", "year", "liters", "beats",
    "episodes", "bed", "room", "floor", "x", "per", "each", "every", "over", "after", "before",
    "then", "than", "had", "has", "have", "been", "be", "are", "were", "not", "no", "up", "down",
    "en", "into", "out", "off", "as", "but", "so", "if", "also", "now", "ago", "since", "until",
    "pills", "doses", "cups", "units", "drops", "puffs", "tabs", "caps", "np", "nc", "ns", "lr",
    "iv", "po", "prn", "bid", "tid", "qid", "qd", "mg", "ml", "cc", "l", "min",
];

/// A standard's own address, which names a code system or a schema and no person
/// (`"system": "http://loinc.org"`, `http://terminology.hl7.org/CodeSystem/v2-0203`,
/// `http://snomed.info/sct`, `http://www.w3.org/2001/XMLSchema-instance`): no URL to redact.
fn terminology_url(val: &[u8]) -> bool {
    const HOSTS: &[&[u8]] = &[
        b"hl7.org",
        b"terminology.hl7.org",
        b"fhir.org",
        b"snomed.info",
        b"loinc.org",
        b"unitsofmeasure.org",
        b"ama-assn.org",
        b"nlm.nih.gov",
        b"w3.org",
        b"ihe.net",
        b"dicom.nema.org",
        b"cdc.gov/nchs/icd",
    ];
    let lower = val.to_ascii_lowercase();
    let rest = lower
        .strip_prefix(b"https://")
        .or_else(|| lower.strip_prefix(b"http://"))
        .unwrap_or(&lower);
    let rest = rest.strip_prefix(b"www.").unwrap_or(rest);
    HOSTS.iter().any(|h| {
        rest.starts_with(h)
            && rest
                .get(h.len())
                .is_none_or(|&c| matches!(c, b'/' | b':' | b'#'))
    })
}

fn validate(rec: &Recognizer, text: &str, s: usize, e: usize) -> Option<(Label, f32)> {
    let hay = text.as_bytes();
    let val = &hay[s..e];
    let ok = |b: bool| {
        if b {
            Some((rec.label, rec.score))
        } else {
            None
        }
    };
    let before = if s > 0 { hay[s - 1] } else { b' ' };
    let after = if e < hay.len() { hay[e] } else { b' ' };
    match rec.check {
        Check::None => ok(true),
        Check::Labelled => {
            let has_digit = val.iter().any(u8::is_ascii_digit);
            // Lengths are checked here rather than with bounded repetitions in the pattern:
            // `{0,40}` multiplies the automaton's states and thrashes the lazy DFA's cache.
            if !has_digit || val.len() < 3 || val.len() > 42 {
                return None;
            }
            // `pager 1-602-952-0212`: a value cut inside a longer number belongs to another
            // pattern (the full phone number).
            if matches!(after, b'-' | b'.' | b'/') && hay.get(e + 1).is_some_and(u8::is_ascii_digit)
            {
                return None;
            }
            // `ID: 98.9` (the infectious-disease section and a temperature), not an id.
            let t = std::str::from_utf8(val).unwrap_or("");
            if let Some((a, b)) = t.split_once('.')
                && !a.is_empty()
                && a.len() <= 3
                && a.bytes().all(|c| c.is_ascii_digit())
                && (1..=2).contains(&b.len())
                && b.bytes().all(|c| c.is_ascii_digit())
            {
                return None;
            }
            // A spaced value must start with a digit group, except a licence plate and a
            // record number's prefix in capitals before digit groups (`HCH 4401 8823`), which
            // is no code system's name (`Billing: CPT 99214`).
            if let Some((first, rest)) = t.split_once(' ')
                && rec.label != Label::Vehicle
                && !first.bytes().any(|c| c.is_ascii_digit())
                && !(first.bytes().all(|c| c.is_ascii_uppercase())
                    && !CODE_SYSTEMS.contains(&first)
                    && rest.bytes().all(|c| matches!(c, b'0'..=b'9' | b' ' | b'-'))
                    && rest.bytes().filter(u8::is_ascii_digit).count() >= 5)
            {
                return None;
            }
            // A labelled value that is itself a date or a time belongs to another pattern.
            if val.iter().filter(|b| **b == b'/').count() == 2 && val.len() <= 10 {
                return None;
            }
            let label = if rec.label == Label::Phone && is_fax_context(hay, s) {
                Label::Fax
            } else {
                rec.label
            };
            Some((label, rec.score))
        }
        Check::Ssn => ok(v::ssn(val)),
        Check::Email => ok(true),
        // Not the tail of a longer address (`assn.org/go/cpt` in `www.ama-assn.org/go/cpt`).
        Check::Url => ok(e - s >= 5 && !terminology_url(val) && !matches!(before, b'-' | b'/')),
        // Not four parts of a longer dotted number (an object identifier).
        Check::Ipv4 => ok(before != b'.'
            && !(after == b'.' && hay.get(e + 1).is_some_and(u8::is_ascii_digit))
            && std::str::from_utf8(val).map(v::ipv4).unwrap_or(false)),
        Check::Ipv6 => ok(std::str::from_utf8(val).map(v::ipv6).unwrap_or(false)),
        // Two letters and seven digits that fail the DEA checksum are still an identifier
        // (`RX2231408`): the generic id pattern, which the DEA pattern's match at the same
        // start hides, would have taken them.
        Check::Dea if v::dea(val) => ok(true),
        Check::Dea => generic_id(hay, s, e).then_some((Label::Id, GENERIC_ID_SCORE)),
        Check::Vin => ok(v::vin(val)),
        Check::Mbi => ok(v::mbi(val)),
        Check::Phone => {
            if before.is_ascii_alphanumeric()
                || (before == b'.' && s >= 2 && hay[s - 2].is_ascii_digit())
            {
                return None;
            }
            if after.is_ascii_digit()
                || (after == b'/' || after == b'.')
                    && hay.get(e + 1).is_some_and(u8::is_ascii_digit)
            {
                return None;
            }
            let digits = val.iter().filter(|b| b.is_ascii_digit()).count();
            // An international prefix (`00 44 ...`, `011 44 ...`) needs a country code and a
            // whole national number after it, not a row of small numbers (`00 12 34 56`).
            let min = if val.starts_with(b"00") || val.starts_with(b"011") {
                11
            } else {
                7
            };
            if digits < min {
                return None;
            }
            let label = if rec.label == Label::Fax || is_fax_context(hay, s) {
                Label::Fax
            } else {
                Label::Phone
            };
            Some((label, rec.score))
        }
        Check::Address if !val.first().is_some_and(u8::is_ascii_digit) => {
            // A flat, unit, suite, shop, level or plot and its number (one or two of them:
            // `Suite 12, Level 2, 45 Goulburn St`), or `No.`, before the house number: the
            // street line after it decides.
            let word_len = |at: usize| {
                val[at..]
                    .iter()
                    .take_while(|c| c.is_ascii_alphabetic())
                    .count()
            };
            let unit = word_len(0);
            let past_unit = |at: usize, len: usize| {
                let blanks = val[at + len..]
                    .iter()
                    .take_while(|c| c.is_ascii_whitespace())
                    .count();
                let number = at + len + blanks;
                number
                    + val[number..]
                        .iter()
                        .take_while(|c| !c.is_ascii_whitespace() && **c != b',')
                        .count()
            };
            let skip_to_digit =
                |at: usize| at + val[at..].iter().take_while(|c| !c.is_ascii_digit()).count();
            let house = if val[..unit].eq_ignore_ascii_case(b"no") {
                skip_to_digit(unit)
            } else {
                let after = past_unit(0, unit);
                // A second unit before the house number (`, Level 2, 45 ...`).
                let blanks = val[after..]
                    .iter()
                    .take_while(|c| matches!(c, b',' | b' ' | b'\t'))
                    .count();
                let second = word_len(after + blanks);
                if unit > 0 && second > 0 {
                    skip_to_digit(past_unit(after + blanks, second))
                } else {
                    skip_to_digit(after)
                }
            };
            (unit > 0 && house < val.len())
                .then(|| validate(rec, text, s + house, e))
                .flatten()
        }
        Check::Address => {
            // The words between the number and the suffix are a street name: alphabetic or an
            // ordinal (`42nd`), never a unit, dose, time word or function word.
            let t = String::from_utf8_lossy(val).to_ascii_lowercase();
            let words: Vec<&str> = t
                .split(|c: char| !c.is_ascii_alphanumeric())
                .filter(|w| !w.is_empty())
                .collect();
            // A clashing suffix (only capitalised: see `address_re`) is a street's where the
            // address ends: a comma, a semicolon or the line's end after it, or the period of
            // `Cres.` (`1188 Punahou Loop, Suite 410`, `14 Wattle Cres. Seven Hills`; not
            // `Reveal Loop recorder`, `Reveal Loop (ILR)`, `Reveal Loop. Interrogated`).
            if let Some(last) = words
                .last()
                .filter(|w| matches!(**w, "loop" | "cres" | "isle"))
            {
                let ends = if val.last() == Some(&b'.') {
                    *last == "cres"
                } else {
                    hay[e..]
                        .iter()
                        .find(|c| !matches!(c, b' ' | b'\t'))
                        .is_none_or(|c| matches!(c, b',' | b';' | b'\n' | b'\r'))
                };
                if !ends {
                    return None;
                }
            }
            let number = words.first().copied().unwrap_or("");
            let digits_then_letter = number.len() > 1
                && number.as_bytes()[..number.len() - 1]
                    .iter()
                    .all(u8::is_ascii_digit);
            if number.len() > 1
                && number.bytes().skip(1).any(|b| b.is_ascii_alphabetic())
                && !digits_then_letter
            {
                return None;
            }
            // The street line ends where a unit starts (`, Apt 4B`, ` #5`, ` Suite 5D`).
            let unit_word = words
                .iter()
                .position(|w| ADDRESS_UNITS.contains(w))
                .unwrap_or(words.len());
            let hash_word = t.find('#').map_or(words.len(), |h| {
                t[..h]
                    .split(|c: char| !c.is_ascii_alphanumeric())
                    .filter(|w| !w.is_empty())
                    .count()
            });
            let street_end = unit_word.min(hash_word);
            // A house number of two parts (Queens: `136-20 Sanford Ave`; Hawaii: `94-210
            // Pupukahi St`) is one number.
            let lead = t.bytes().take_while(u8::is_ascii_digit).count();
            // Its second part has two to four digits, and a vital sign's range is no house number
            // (`HR 99-104 NSR ST`, `HR 88-92 NSR ST`).
            let second = t.as_bytes()[lead.min(t.len())..]
                .iter()
                .skip(1)
                .take_while(|c| c.is_ascii_digit())
                .count();
            let vital = matches!(
                lower_word_before(hay, s).0.as_str(),
                "hr" | "bp" | "rr" | "sbp" | "dbp" | "map" | "pulse" | "rate" | "sats" | "temp"
            );
            let queens = (2..=3).contains(&lead)
                && t.as_bytes().get(lead) == Some(&b'-')
                && (2..=4).contains(&second)
                && !vital;
            // A vital sign's value (`HR 128 AF RVR`), or a number and a table's column gap
            // (`bed 11   surgeon Dr.`, `Bed 10   Transfer ctr #`), is no house number.
            let column_gap = matches!(
                &t.as_bytes()[lead.min(t.len())..],
                [b' ', b' ', ..] | [b'\t', ..]
            );
            if vital || column_gap {
                return None;
            }
            let first = if queens { 2 } else { 1 };
            let middle = &words
                [first.min(words.len())..street_end.saturating_sub(1).max(first.min(words.len()))];
            // `old` before a street word is the street's (`75 Old Post Dr.`, `12 East Old
            // Colony Way`); right before the suffix it is an age (`2 old CT scans`).
            let bad_middle = middle.iter().enumerate().any(|(k, w)| {
                let ordinal = w.len() >= 3
                    && w.as_bytes()[0].is_ascii_digit()
                    && (w.ends_with("st")
                        || w.ends_with("nd")
                        || w.ends_with("rd")
                        || w.ends_with("th"));
                (!ordinal && w.bytes().any(|b| b.is_ascii_digit()))
                    || UNIT_AFTER.contains(w)
                    || ADDRESS_STOP.contains(w) && !(*w == "old" && k + 1 < middle.len())
            });
            // A street named without a suffix: `1585 Broadway`, `4417 N. Broadway Apt 3R`.
            let bare_street = words
                .get(street_end.saturating_sub(1))
                .is_some_and(|w| BARE_STREETS.contains(w));
            if bad_middle || middle.is_empty() && !bare_street {
                return None;
            }
            // `2 mediastinal CT`, `10u reg SQ`, `1 degree av`: abbreviations that are also
            // clinical need a Title-case street name and a plain house number.
            let suffix = words
                .get(street_end.saturating_sub(1))
                .copied()
                .unwrap_or("");
            if matches!(suffix, "ct" | "sq" | "av" | "course" | "rapid" | "rapids") {
                let raw = String::from_utf8_lossy(val);
                let title = raw.split_whitespace().skip(1).take(middle.len()).all(|w| {
                    // Directions (`NW`, `S.`) may be capitals.
                    if w.trim_end_matches('.').len() <= 2 {
                        return true;
                    }
                    let mut c = w.chars();
                    c.next()
                        .is_some_and(|f| f.is_ascii_uppercase() || f.is_ascii_digit())
                        && c.all(|x| !x.is_ascii_uppercase())
                });
                // In ALL-CAPS or lower-case notes the case says nothing: an address line of
                // its own with a house number of two or more digits (`  82 MADISON CT`) is
                // still one (`2 mediastinal CT` is not alone on its line).
                let line_start = hay[..s]
                    .iter()
                    .rev()
                    .take_while(|&&c| c != b'\n')
                    .all(|&c| c == b' ' || c == b'\t');
                let line_end = hay[e..]
                    .iter()
                    .take_while(|&&c| c != b'\n')
                    .all(|&c| matches!(c, b' ' | b'\t' | b'\r' | b','));
                let plain_number = number.len() >= 2 && number.bytes().all(|c| c.is_ascii_digit());
                let own_line = line_start && line_end && plain_number;
                // `lives at 82 madison ct`: a residence cue before it on its line.
                let cued = plain_number
                    && contains_ci(
                        text_before(hay, s, 40, b"\n"),
                        &[
                            b"lives at",
                            b"resides at",
                            b"address",
                            b"home at",
                            b"moved to",
                        ],
                    );
                if !(title || own_line || cued) || number.ends_with('u') {
                    return None;
                }
            }
            // No sentence break inside an address line.
            let unit_at = ADDRESS_UNITS
                .iter()
                .chain(&["#"])
                .filter_map(|u| t.find(&format!(" {u}")))
                .min()
                .unwrap_or(val.len());
            let val = &val[..unit_at];
            if val.windows(2).any(|w| w[0] == b'.' && w[1] == b' ') && !val.starts_with(b"P") {
                let dots = val
                    .windows(2)
                    .filter(|w| w[0] == b'.' && w[1] == b' ')
                    .count();
                let initials = middle.iter().filter(|w| w.len() <= 2).count();
                if dots > initials {
                    return None;
                }
            }
            if before == b'.' || before == b'/' || before == b'-' {
                return None;
            }
            ok(true)
        }
        Check::NumericDate => {
            let n = v::numbers(val);
            if before == b'/'
                || before == b'.' && s >= 2 && hay[s - 2].is_ascii_digit()
                || after == b'/' && hay.get(e + 1).is_some_and(u8::is_ascii_digit)
            {
                return None;
            }
            // `PS 10/5/40%`, `settings 12/5/40`: ventilator settings with a two-digit third
            // number are not dates. A four-digit year is (`PA 7/6/2017`: the physician
            // assistant's date), and so is a value after the cue's sentence ended (`tip in the
            // R PA. 7/26/18.`).
            let four_digit_year = val.split(|b| !b.is_ascii_digit()).any(|g| g.len() == 4);
            if val.len() <= 8
                && !four_digit_year
                && (after == b'%' || {
                    let (w1, p1) = lower_word_before(hay, s);
                    // `last dose 2/9/24`: a dose's date, not a regimen.
                    let dose_date = matches!(w1.as_str(), "dose" | "doses")
                        && matches!(lower_word_before(hay, p1).0.as_str(), "last" | "next");
                    // `unchanged vs 12/28/23`: no vital signs come in three parts that make a
                    // month and a day.
                    RATIO_CUES.contains(&w1.as_str())
                        && !matches!(w1.as_str(), "vs" | "vss")
                        && !dose_date
                        && !sentence_break(&hay[p1 + w1.len()..s])
                })
            {
                return None;
            }
            // Any month with a day up to 31: impossible dates (`2/31/14`) are typos or
            // surrogates, and still dates.
            let md = |m: u32, d: u32| (1..=12).contains(&m) && (1..=31).contains(&d);
            let plausible = match n.as_slice() {
                [y, m, d] if *y >= 1800 => md(*m, *d),
                // US month/day first; day/month (European) accepted too.
                [m, d, _] => md(*m, *d) || md(*d, *m),
                _ => false,
            };
            ok(plausible)
        }
        Check::MonthDay | Check::MonthDayDash | Check::DayMonth => {
            // `UO-9/10` and `6/30-7/2` are dates; `68-80/5` is not.
            let dash_ok = before == b'-'
                && s >= 2
                && (hay[s - 2].is_ascii_alphabetic() || date_ends_at(hay, s - 1));
            let dot_ok = before == b'.' && s >= 2 && hay[s - 2].is_ascii_alphabetic();
            if before == b'/'
                || (before == b'.' && !dot_ok)
                || (before == b'-' && !dash_ok)
                || before == b'+'
                || before.is_ascii_digit()
            {
                return None;
            }
            if after == b'/'
                || after == b'.' && hay.get(e + 1).is_some_and(u8::is_ascii_digit)
                || after == b'%'
                || after == b'+'
                || after == b':' && hay.get(e + 1).is_some_and(u8::is_ascii_digit)
            {
                return None;
            }
            let n = v::numbers(val);
            let (m, d) = match (n.as_slice(), rec.check) {
                ([d, m], Check::DayMonth) => (m, d),
                ([m, d], _) => (m, d),
                _ => return None,
            };
            if !((1..=12).contains(m) && (1..=31).contains(d)) {
                return None;
            }
            // A log line that opens with the day and the time (`1/9 0745  ABG 7.29/64 on AC`,
            // `3/14 14:30 pt to CT`): a date, whatever settings or scores follow on the line.
            if rec.check == Check::MonthDay && line_head(hay, s) && clock_after(hay, e) {
                return ok(true);
            }
            let (w1, p1) = lower_word_before(hay, s);
            let (w2, _) = lower_word_before(hay, p1);
            // A cue counts only in the same sentence, on the same line and outside
            // parentheses; a second word back counts only as a separate word (`PA-C 6/27` is a
            // credential, not `PA 6/27`).
            let gap_clean = !hay[p1 + w1.len()..s]
                .iter()
                .any(|&b| b == b'(' || b == b'\n')
                && !sentence_break(&hay[p1 + w1.len()..s]);
            // `Last dose 5/12`, `next dose 6/1`, `last warfarin dose 12/24 17:00`: a dose's
            // date, not a fraction of one.
            let clock = |t: &[u8]| {
                let h = t.iter().take_while(|c| c.is_ascii_digit()).count();
                (1..=2).contains(&h)
                    && t.get(h) == Some(&b':')
                    && t.get(h + 1).is_some_and(u8::is_ascii_digit)
            };
            // A part written with a leading zero (`13/03`, `dose 12/03`, `09/29`): a date's
            // habit, never a fraction's, a score's or a ratio's.
            // A day-first date whatever comes before it, but not a ventilator's pressures
            // (`IPAP/EPAP 14/08`); a month-first one in brackets or after a weekday only:
            // scores are written so too (`GCS 09/15`, `strength 04/05`).
            let padded = rec.check != Check::MonthDayDash
                && val
                    .split(|&c| c == b'/')
                    .any(|p| p.len() == 2 && p[0] == b'0')
                && if rec.check == Check::DayMonth {
                    !(w1.ends_with("pap") || matches!(w1.as_str(), "peep" | "ps" | "settings"))
                } else {
                    before == b'(' || weekday(&w1)
                };
            // A dose's date: after `last` / `next`, before a clock time, or with a day no
            // tablet is cut into (`last warfarin dose 9/29`).
            let dose_date = matches!(w1.as_str(), "dose" | "doses")
                && (matches!(w2.as_str(), "last" | "next")
                    || hay.get(e) == Some(&b' ') && clock(&hay[e + 1..])
                    || *d >= 13 && *d % 10 != 0 && *d != 25);
            if !padded
                && (gap_clean && RATIO_CUES.contains(&w1.as_str()) && !dose_date
                    || gap_clean
                        && p1 > 0
                        && hay[p1 - 1] != b'-'
                        && RATIO_CUES.contains(&w2.as_str())
                        && w1
                            .bytes()
                            .all(|b| b.is_ascii_digit() || b.is_ascii_alphabetic())
                        && w1.len() <= 4
                        && !matches!(
                            w1.as_str(),
                            "on" | "since" | "from" | "until" | "dated" | "due" | "by" | "thru"
                        ))
            {
                return None;
            }
            // `2/2` before a word is `secondary to` (`ARDS 2/2 influenza A`, `UGIB 2/2 duodenal
            // ulcer`) unless a dating cue comes before it (`on 2/2`).
            let pad = hay[e..]
                .iter()
                .take_while(|&&c| c == b' ' || c == b'\t')
                .count();
            if (*m, *d) == (2, 2)
                && pad > 0
                && hay.get(e + pad).is_some_and(u8::is_ascii_alphabetic)
                && !DATING_CUES.contains(&w1.as_str())
            {
                return None;
            }
            // A gestational age in weeks and sevenths: `33 2/7 wk`, `GA 39 6/7`.
            if *d == 7 && *m <= 6 && w1.parse::<u32>().is_ok_and(|wk| (20..=44).contains(&wk)) {
                return None;
            }
            let next = lower_word_after(hay, e);
            // `1/2 in the morning`, `3/4 in diameter`: a common fraction before `in` is a dose
            // or a size even before a word.
            let fraction = *m < *d && matches!(*d, 2 | 3 | 4 | 8);
            if (unit_after(hay, e, &next) || fraction && next == "in") && !gram_stain_after(hay, e)
            {
                return None;
            }
            if scale_or_setting(hay, s, *m, *d, &w1, &w2, &next) {
                return None;
            }
            if rec.check == Check::DayMonth {
                // A time after it, past the blanks counted above: `22/7 1300`, `14/3  0815`,
                // `(17/08 20:10)`, `17/08 20:10:33`.
                let time = clock_after(hay, e);
                let cue = DATING_CUES.contains(&w1.as_str()) && !matches!(w1.as_str(), "of" | "by");
                return ok(time || cue || padded);
            }
            if rec.check == Check::MonthDayDash {
                // `8-12` is far more often a range; a date needs a cue before it.
                return ok(DATING_CUES.contains(&w1.as_str()));
            }
            ok(true)
        }
        Check::CompactDate => {
            let (w1, _) = lower_word_before(hay, s);
            if matches!(
                w1.as_str(),
                "mrn" | "id" | "no" | "number" | "acct" | "account" | "pager" | "phone" | "ext"
            ) {
                return None;
            }
            ok(true)
        }
        Check::TextDate => {
            // `may` and `mar` are words too: lower-case `may 5 mg` is not a date.
            let t = String::from_utf8_lossy(val).to_ascii_lowercase();
            if unit_after(hay, e, &lower_word_after(hay, e)) && !t.chars().any(|c| c == ',') {
                return None;
            }
            // `MAR 2100 heparin held`: the medication administration record at a clock time,
            // not March 2100.
            let year = t.get(3..).map(str::trim_start).unwrap_or("");
            if (t.starts_with("mar") || t.starts_with("may"))
                && year.len() == 4
                && year.starts_with("21")
                && year.bytes().all(|c| c.is_ascii_digit())
            {
                return None;
            }
            if t.starts_with("may") || t.starts_with("mar ") {
                let first = val[0];
                let has_year = v::numbers(val).iter().any(|&n| n >= 1800);
                if first.is_ascii_lowercase()
                    && !has_year
                    && !t.contains(',')
                    && !dated_heading(hay, s, e)
                {
                    let (w1, _) = lower_word_before(hay, s);
                    if !matches!(
                        w1.as_str(),
                        "on" | "in"
                            | "since"
                            | "of"
                            | "until"
                            | "by"
                            | "from"
                            | "is"
                            | "dated"
                            | "date"
                            | "used"
                            | "early"
                            | "late"
                            | "mid"
                    ) {
                        return None;
                    }
                }
            }
            ok(true)
        }
        Check::Year => {
            if after == b'/'
                || after == b'-' && hay.get(e + 1).is_some_and(u8::is_ascii_digit)
                || after == b'%'
                || after == b'.' && hay.get(e + 1).is_some_and(u8::is_ascii_digit)
            {
                return None;
            }
            let next = lower_word_after(hay, e);
            // `in` after a year is a place or a month, not inches (`born 1932 in Ohio`).
            if UNIT_AFTER.contains(&next.as_str()) && next != "in"
                || matches!(
                    next.as_str(),
                    "ml" | "cc"
                        | "hrs"
                        | "hours"
                        | "days"
                        | "mins"
                        | "minutes"
                        | "kcal"
                        | "cal"
                        | "calories"
                        | "mg"
                        | "units"
                        | "pm"
                        | "am"
                        | "h"
                        | "hr"
                )
            {
                return None;
            }
            if before == b'@' || before == b'#' {
                return None;
            }
            ok(true)
        }
        Check::Ordinal => {
            // The pattern took a month after the ordinal (`on 16th July`): a date whatever
            // follows. (Matched apart, `16th July` would be lost inside `on 16th`.)
            if val.iter().any(|c| c.is_ascii_whitespace()) {
                return ok(true);
            }
            // `1st step mattress`, `the 2ND day`, `after 2nd cath`, `on 2nd wake up`: an
            // ordinal before a word on its line is no date unless the word can follow a day
            // (`the 14th of March`, `on the 3rd at 10am`, `the 2nd Tuesday`).
            // `progressed after 2nd-line therapy`, `the 3rd-degree block`: a compound's part.
            if hay.get(e) == Some(&b'-') && hay.get(e + 1).is_some_and(u8::is_ascii_alphabetic) {
                return None;
            }
            let next = lower_word_after(hay, e);
            let gap_is_space = hay.get(e).is_some_and(|&b| b == b' ' || b == b'\t');
            let word_after = gap_is_space && next.len() >= 2;
            use super::dictionary::{MONTH_ABBREVS, MONTH_NAMES, WEEKDAY_ABBREVS, WEEKDAY_NAMES};
            let next_is = |list: &[&str]| list.contains(&next.as_str());
            let can_follow_day = next_is(&MONTH_NAMES)
                || next_is(MONTH_ABBREVS)
                || next_is(&WEEKDAY_NAMES)
                || next_is(WEEKDAY_ABBREVS)
                || matches!(
                    next.as_str(),
                    "of" | "at"
                        | "in"
                        | "and"
                        | "to"
                        | "or"
                        | "through"
                        | "thru"
                        | "till"
                        | "until"
                        | "with"
                        | "when"
                        | "for"
                        | "from"
                        | "after"
                        | "before"
                        | "around"
                        | "about"
                        | "this"
                        | "next"
                        | "last"
                        | "that"
                        | "am"
                        | "pm"
                        | "is"
                        | "was"
                        | "will"
                        | "we"
                        | "he"
                        | "she"
                        | "they"
                        | "pt"
                        | "patient"
                        // A condition after the date: `go ahead on the 15th unless`, `once`
                        // (`as long as` below; not `as well as`, `if`, `but`, `then`: `the
                        // 1st but responded to the 2nd`, `after the 3rd if febrile`).
                        | "unless"
                        | "once"
                )
                || next == "as"
                    && hay[e..]
                        .trim_ascii_start()
                        .get(..10)
                        .is_some_and(|t| t.eq_ignore_ascii_case(b"as long as"));
            ok(!unit_after(hay, e, &next)
                && !ORDINAL_NOUNS.contains(&next.as_str())
                && (!word_after || can_follow_day))
        }
        Check::Mention => {
            const AT_WORDS: &[&[u8]] = &[
                b"home",
                b"night",
                b"bedside",
                b"rest",
                b"baseline",
                b"times",
                b"least",
                b"hs",
                b"bedtime",
                b"noon",
                b"work",
                b"school",
                b"risk",
                b"goal",
                b"rate",
                b"this",
            ];
            // In capitals `@` is `at` in a nursing note's shorthand (`IVF @KVO`, `DIMINISHED
            // @BASES`).
            let capitals = !val.iter().any(u8::is_ascii_lowercase);
            ok(!capitals && !AT_WORDS.iter().any(|w| val.eq_ignore_ascii_case(w)))
        }
        Check::Holiday => {
            let next = lower_word_after(hay, e);
            ok(!matches!(
                next.as_str(),
                "disease" | "factor" | "seals" | "seal" | "agreement"
            ))
        }
        // `I-131`, `I-123`, `I-125`: iodine isotopes, not interstates; nor immigration forms
        // (`Form I-693`, `USCIS I-485`; `I-693`, `I-765`, `I-864` and the like name no road;
        // `I-140`, `I-485`, `I-94` and `I-20` do, so alone they stay).
        Check::Road => {
            let (before_word, _) = lower_word_before(hay, s);
            let form = matches!(before_word.as_str(), "form" | "uscis")
                || matches!(
                    val,
                    b"I-130" | b"I-589" | b"I-693" | b"I-751" | b"I-765" | b"I-864"
                );
            ok(lower_word_after(hay, e) != "of"
                && !matches!(val, b"I-123" | b"I-125" | b"I-131")
                && !form)
        }
        Check::ParenId => {
            let digits = val.iter().filter(|b| b.is_ascii_digit()).count();
            ok(digits >= 6 && !val.starts_with(b"NCT") && !val.starts_with(b"nct"))
        }
        Check::MonthYear => {
            if before == b'/'
                || before == b'.'
                || before.is_ascii_digit()
                || after == b'/'
                || after == b'%'
            {
                return None;
            }
            let (w1, _) = lower_word_before(hay, s);
            let next = lower_word_after(hay, e);
            ok(!RATIO_CUES.contains(&w1.as_str()) && !UNIT_AFTER.contains(&next.as_str()))
        }
        Check::AgeSex => {
            // `102F` is more often a temperature than a 102-year-old woman.
            let (w1, _) = lower_word_before(hay, s);
            let temp = matches!(
                w1.as_str(),
                "t" | "temp"
                    | "tmax"
                    | "tm"
                    | "temperature"
                    | "febrile"
                    | "fever"
                    | "to"
                    | "of"
                    | "spiked"
                    | "at"
                    | "was"
                    | "bp"
                    | "hr"
                    | "sat"
                    | "sats"
                    | "spo2"
                    | "o2"
                    | "rr"
                    | "map"
            );
            ok(!temp && before != b'.' && after != b'.')
        }
        Check::GenericId => ok(generic_id(hay, s, e)),
        Check::CodedId => {
            let digits = val.iter().filter(|c| c.is_ascii_digit()).count();
            let prefix = &val[..val.iter().position(|&c| c == b'-').unwrap_or(0)];
            // `PM0700-1900`: a shift's hours after a time's `AM`/`PM`.
            let shift = prefix.len() > 2
                && (prefix[..2].eq_ignore_ascii_case(b"am")
                    || prefix[..2].eq_ignore_ascii_case(b"pm"))
                && prefix[2..].iter().all(u8::is_ascii_digit);
            let vital = [
                &b"HR"[..],
                b"BP",
                b"RR",
                b"SBP",
                b"DBP",
                b"MAP",
                b"CVP",
                b"PAP",
                b"PA",
                b"T",
                b"P",
                b"R",
                b"HCT",
                b"HGB",
                b"WBC",
                b"PLT",
                b"GCS",
                b"EF",
                b"PEEP",
                b"PS",
            ]
            .contains(&prefix);
            // Five digits, or three after a number sign (`#CV-0417`), a sign that only ids take:
            // `#2` counts and doses have no letters and hyphen first.
            let numbered = before == b'#' && digits >= 3;
            ok((digits >= 5 || numbered) && !vital && !shift && before != b'-' && after != b'-')
        }
        Check::NumberLabel => ok(number_label(hay, s, val)),
        Check::Oid => ok(before != b'.'
            && !val.starts_with(b"1.2.840.10008.")
            && !hay[..s].to_ascii_lowercase().ends_with(b"oid:")),
        Check::Age => ok(true),
        Check::AgeContext => ok(age_context(hay, s, e)),
        Check::PhoneLocal => {
            // Not a piece of a longer number or range (`1-555-0142`, `555-0142-7`).
            let inside = matches!(before, b'-' | b'/' | b'.' | b'+' | b'(')
                || matches!(after, b'-' | b'/' | b'.')
                    && hay.get(e + 1).is_some_and(u8::is_ascii_digit);
            // An extension says it is a telephone line too (`555-0118 x227`): the match is
            // longer than the eight bytes of the number.
            ok(!inside && (calling_cue(hay, s) || line_word_before(hay, s) || e - s > 8))
        }
    }
}

/// Whether the digit run `hay[s..e]` (a short letter prefix allowed) stands alone as an
/// identifier: not a decimal or a thousands group (`.` or `,` around it), not a trial
/// registry number (`NCT...`), not a count after a lab or code name (`plt 250000`).
fn generic_id(hay: &[u8], s: usize, e: usize) -> bool {
    let before = if s > 0 { hay[s - 1] } else { b' ' };
    let after = if e < hay.len() { hay[e] } else { b' ' };
    let val = &hay[s..e];
    // `1,234,567` and `12.345678` are numbers; a value with letters is no number, and a comma
    // beside it is a separator of fields (`A9920117,03/12/2024`, `,,PL81442071,142`).
    let number = val.iter().all(u8::is_ascii_digit);
    if before == b'.'
        || before == b',' && number
        || after == b'.' && hay.get(e + 1).is_some_and(u8::is_ascii_digit)
        || after == b',' && number && hay.get(e + 1).is_some_and(u8::is_ascii_digit)
    {
        return false;
    }
    if val.len() > 3 && val[..3].eq_ignore_ascii_case(b"nct") {
        return false;
    }
    let (w1, _) = lower_word_before(hay, s);
    !matches!(
        w1.as_str(),
        "plt" | "platelets" | "wbc" | "rbc" | "cpt" | "icd" | "loinc" | "ndc"
    )
}

/// Whether a word that announces a phone number (`call`, `reach`, `text`, `phone`, `cell`,
/// `number`, `#`, `@`) comes shortly before `s` on its line.
fn calling_cue(hay: &[u8], s: usize) -> bool {
    let window = text_before(hay, s, 32, b"\n");
    if window.iter().any(|&c| c == b'#' || c == b'@') {
        return true;
    }
    let lower = window.to_ascii_lowercase();
    lower.split(|c| !c.is_ascii_alphabetic()).any(|w| {
        matches!(
            w,
            b"call"
                | b"called"
                | b"calling"
                | b"reach"
                | b"reached"
                | b"text"
                | b"texted"
                | b"dial"
                | b"dialed"
                | b"phone"
                | b"cell"
                | b"tel"
                | b"number"
                | b"contact"
                | b"page"
                | b"paged"
                | b"callback"
                | b"cb"
                | b"mob"
                | b"mobile"
                | b"pager"
        )
    })
}

/// Whether the word right before `hay[s..]` (a colon or blanks between) names a line
/// (`Home: 555-0142`, `work 555-0118`): not any such word earlier in the clause (`Home meds:
/// metformin 500-1000 mg`).
fn line_word_before(hay: &[u8], s: usize) -> bool {
    let (w, _) = lower_word_before(hay, s);
    let gap_ok = hay[..s]
        .iter()
        .rev()
        .take_while(|c| !c.is_ascii_alphanumeric())
        .all(|&c| matches!(c, b' ' | b'\t' | b':' | b'#' | b'-'));
    gap_ok
        && matches!(
            w.as_str(),
            "work" | "home" | "office" | "ph" | "wk" | "hm" | "w" | "h"
        )
}

fn is_fax_context(hay: &[u8], s: usize) -> bool {
    contains_ci(text_before(hay, s, 24, b""), &[b"fax"])
}

/// The (at most `max`) bytes before `s`, from just after the last of `stops` among them: the
/// line or clause a cue must share with a value.
fn text_before<'h>(hay: &'h [u8], s: usize, max: usize, stops: &[u8]) -> &'h [u8] {
    let window = &hay[s.saturating_sub(max)..s];
    window
        .iter()
        .rposition(|c| stops.contains(c))
        .map_or(window, |p| &window[p + 1..])
}

/// Whether `hay` contains one of `needles` (lower-case ASCII), ignoring ASCII case.
pub(super) fn contains_ci(hay: &[u8], needles: &[&[u8]]) -> bool {
    needles
        .iter()
        .any(|k| hay.windows(k.len()).any(|w| w.eq_ignore_ascii_case(k)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(text: &str) -> Vec<(String, Label)> {
        let p = Patterns::build().unwrap();
        let mut out = Vec::new();
        p.find(text, &[(0, text.len())], &mut out);
        p.find_rare(text, &[(0, text.len())], &mut out);
        // Addresses run on lines with a street suffix; here, the one line.
        p.find_addresses(text, &[text.len()], &mut out);
        out.sort_by_key(|s| s.start);
        // The two searches may find one value twice (`SSN 6789` and `Last 4 SSN 6789`): the
        // engine's merge joins them.
        out.dedup_by_key(|s| (s.start, s.end, s.label));
        out.iter()
            .map(|s| (text[s.start..s.end].to_string(), s.label))
            .collect()
    }

    #[test]
    fn table() {
        let cases: &[(&str, &[(&str, Label)])] = &[
            ("seen 3/14/2023 at 14:30", &[("3/14/2023", Label::Date)]),
            ("on 03-14-23.", &[("03-14-23", Label::Date)]),
            ("2023-03-14", &[("2023-03-14", Label::Date)]),
            ("DOB: 25/12/1950", &[("25/12/1950", Label::Date)]),
            // A year after a birth, death or move, before `in` and a place.
            (
                "Mother born 1932 in Ohio; father b. 1898, emigrated 1921.",
                &[
                    ("1932", Label::Date),
                    ("1898", Label::Date),
                    ("1921", Label::Date),
                ],
            ),
            ("seen 14-03-2023 in clinic", &[("14-03-2023", Label::Date)]),
            ("Seen 3/13 in clinic.", &[("3/13", Label::Date)]),
            (
                "Admitted Jan-5-2023 in stable condition.",
                &[("Jan-5-2023", Label::Date)],
            ),
            ("took 1/2 in the morning; lesion 3/4 in diameter", &[]),
            // A part with a leading zero is a date's, never a fraction's or a score's; a dose
            // on a day no tablet is cut into is a dose's date.
            (
                "Results at discharge (13/03): Hb 112; dose (12/03); Bloods 17/01: ok; Mon 22/01",
                &[
                    ("13/03", Label::Date),
                    ("12/03", Label::Date),
                    ("17/01", Label::Date),
                    ("22/01", Label::Date),
                ],
            ),
            ("last warfarin dose 9/29, next", &[("9/29", Label::Date)]),
            ("dose 1/2 tab; GCS 9/15; MMSE 24/30; strength 4/5", &[]),
            (
                "GCS 09/15; strength 04/05 RLE; IPAP/EPAP 14/08; BiPAP 16/05; Caduet dose 5/20 daily",
                &[],
            ),
            // An encounter number after `ENC#`.
            (
                "ENC#: E20240613-88217      DOS",
                &[("E20240613-88217", Label::Account)],
            ),
            // Ages of 90 or more: a unit glued to a labelled age, a bracket after the label,
            // years in the languages of notes abroad, a relative before the age and a comma,
            // a person's state between the person and the age.
            (
                "AGE: 94Y   SEX: F; Age (last birthday): 96; Edad: 93 a\u{f1}os",
                &[("94", Label::Age), ("96", Label::Age), ("93", Label::Age)],
            ),
            (
                "Caregiver strain - mother 94, bedbound. Mother alive, 91, in care",
                &[("94", Label::Age), ("91", Label::Age)],
            ),
            ("mother 94 kg; Mother alive, 94% sat; hace 3 a\u{f1}os", &[]),
            (
                "Fetal HR: mother 94, baby 140; Sister 94, 96, 98 - glucose",
                &[],
            ),
            // Machine-written identifiers: UUIDs, DICOM UIDs (not DICOM's own, not a system's
            // `urn:oid:`), coded ids with letters before the hyphen, ids in CSV cells.
            (
                "MessageID 7f3c9a1e-22b0-4e57-9d1a-0c55e8a2b913 sent",
                &[("7f3c9a1e-22b0-4e57-9d1a-0c55e8a2b913", Label::Id)],
            ),
            (
                "UI [1.2.840.113619.2.55.3.604688119.971.1678801234.1] TS 1.2.840.10008.1.2.1 \
                 urn:oid:1.2.840.114350.1.13.0.2.7",
                &[(
                    "1.2.840.113619.2.55.3.604688119.971.1678801234.1",
                    Label::Id,
                )],
            ),
            (
                "REQ # R2405-0088316; S1 serum S24135-004471; cert YF-CO-0098221; 7:33 PM1900-0700",
                &[
                    ("R2405-0088316", Label::Id),
                    ("S24135-004471", Label::Id),
                    ("YF-CO-0098221", Label::Id),
                ],
            ),
            (
                "A9920117,03/12/2024\n4,,EGV,,,,PL81442071,142,,1,234,567",
                &[
                    ("A9920117", Label::Id),
                    ("03/12/2024", Label::Date),
                    ("PL81442071", Label::Id),
                ],
            ),
            // Phone numbers in groups after a label.
            (
                "Tel: 01803 555 214\nPhone:          (02) 9555 3418\nContact : 98485 55312 (self)\n\
                 Cell (415) 555-2749 ext 9754",
                &[
                    ("01803 555 214", Label::Phone),
                    ("(02) 9555 3418", Label::Phone),
                    ("98485 55312", Label::Phone),
                    ("(415) 555-2749 ext 9754", Label::Phone),
                ],
            ),
            // Any label with `No.` or `#`, not a room's, a lot's or a form's.
            (
                "UR No:          00817264\nBar No. 4471, Prov. no. 4418276B; Room No. 4412; \
                 Page No. 2044; OMB Control Number: 1235-0003",
                &[
                    ("00817264", Label::Id),
                    ("4471", Label::Id),
                    ("4418276B", Label::Id),
                ],
            ),
            // Other languages, German day.month. and the spaced dates of claim forms.
            (
                "Fecha: 12 de marzo de 2023; eco 10 de marzo",
                &[
                    ("12 de marzo de 2023", Label::Date),
                    ("10 de marzo", Label::Date),
                ],
            ),
            (
                "le 4 avril 2024, 14 h; en janvier 2022; 22. M\u{e4}rz 2021",
                &[
                    ("4 avril 2024", Label::Date),
                    ("janvier 2022", Label::Date),
                    ("22. M\u{e4}rz 2021", Label::Date),
                ],
            ),
            (
                "Er war am 10.03. von einer Reise; Na 140.3. pH 7.35.",
                &[("10.03.", Label::Date)],
            ),
            (
                "BIRTH DATE (MM DD YY) ...... 04 17 1961     SEX\n 1  03 22 23    03 22 23     11",
                &[
                    ("04 17 1961", Label::Date),
                    ("03 22 23", Label::Date),
                    ("03 22 23", Label::Date),
                ],
            ),
            // Lower-case `may` heads an entry after a weekday or before a colon or a time; the
            // modal verb does not.
            ("interval note may 16: ann seen", &[("may 16", Label::Date)]),
            ("labs may 24 1155: k 3.1", &[("may 24", Label::Date)]),
            ("addendum may 26 @ 00:15", &[("may 26", Label::Date)]),
            ("addendum fri may 10 pt seen", &[("may 10", Label::Date)]),
            (
                "pt may 5 mg prn; may 2 tabs; it may 1:1 sitter; may 12 hours",
                &[],
            ),
            // Dictation, order and prescription numbers need their `#` or `number`: `order
            // 325 mg` is a dose.
            (
                "Job #: 73648  Dictation No. 55120  Order #: 991234  Rx # 4471230  Episode number 88123",
                &[
                    ("73648", Label::Id),
                    ("55120", Label::Id),
                    ("991234", Label::Id),
                    ("4471230", Label::Id),
                    ("88123", Label::Id),
                ],
            ),
            ("order 325 mg aspirin; rx 2 tabs; job 4 of 5", &[]),
            (
                "JOB: 00883471   BATCH: 4471",
                &[("00883471", Label::Id), ("4471", Label::Id)],
            ),
            (
                "Pt born 7/4/1931, now 91. DOB 1/2/1930 (now 93).",
                &[
                    ("7/4/1931", Label::Date),
                    ("91", Label::Age),
                    ("1/2/1930", Label::Date),
                    ("93", Label::Age),
                ],
            ),
            ("Admitted yesterday. HR now 95, sats now 92%.", &[]),
            (
                "called son @ 555-0142; call him at 867-5309. Her number is 555-0199.",
                &[
                    ("555-0142", Label::Phone),
                    ("867-5309", Label::Phone),
                    ("555-0199", Label::Phone),
                ],
            ),
            ("ref range 250-4500; seen from 830-1200; plt 150-4000.", &[]),
            // An extension stays on the number's line: the next line is its own text.
            (
                "Call 617-555-0134\nx 2 days, ext 22\n",
                &[("617-555-0134", Label::Phone)],
            ),
            (
                "Beeper #73648\next. 73649",
                &[("73648", Label::Phone), ("73649", Label::Phone)],
            ),
            (
                "Call (617) 555-0134 ext. 22 or 617-555-0135 x4",
                &[
                    ("(617) 555-0134 ext. 22", Label::Phone),
                    ("617-555-0135 x4", Label::Phone),
                ],
            ),
            (
                "admitted March 3-7, 2023 and Jan 10 - 12",
                &[
                    ("March 3-7, 2023", Label::Date),
                    ("Jan 10 - 12", Label::Date),
                ],
            ),
            (
                "SSN last four: 6789. SSN last 4 digits 1234.",
                &[("6789", Label::Ssn), ("1234", Label::Ssn)],
            ),
            (
                "Called pharmacy (714-555-0177) to clarify; home (714) 555-0178.",
                &[
                    ("714-555-0177", Label::Phone),
                    ("(714) 555-0178", Label::Phone),
                ],
            ),
            (
                "Lives at 221 Baker Street. Moved to 12 Main St. last year",
                &[
                    ("221 Baker Street", Label::Address),
                    ("12 Main St.", Label::Address),
                ],
            ),
            // Broadway has no suffix.
            (
                "Office at 1585 Broadway. Home 4417 N. Broadway Apt 3R",
                &[
                    ("1585 Broadway", Label::Address),
                    ("4417 N. Broadway Apt 3R", Label::Address),
                ],
            ),
            (
                "on the 3rd of March, normal. Seen 14 Mar.",
                &[("3rd of March", Label::Date), ("14 Mar", Label::Date)],
            ),
            // `CT` as a suffix: a Title-case street, or an address line of its own.
            (
                "CONTACT INFORMATION:\n  82 MADISON CT",
                &[("82 MADISON CT", Label::Address)],
            ),
            ("S/P 2 MEDIASTINAL CT", &[]),
            (
                "pt lives at 82 madison ct",
                &[("82 madison ct", Label::Address)],
            ),
            ("PT HAD 12 HEAD CT", &[]),
            (" 2 head CT", &[]),
            (
                "Last dose 5/12 at 2100; next dose 6/1.",
                &[("5/12", Label::Date), ("6/1", Label::Date)],
            ),
            ("give 1/2 dose; dose 1/2 tab", &[]),
            (
                "Mrs. Jones, 97, lives alone. Age at death: 95. Pt was 91 at time of diagnosis.",
                &[("97", Label::Age), ("95", Label::Age), ("91", Label::Age)],
            ),
            (
                "ninety-five yo male; her 100th birthday",
                &[("ninety-five", Label::Age), ("100", Label::Age)],
            ),
            ("Mr. Jones, 45, is well; the 90th percentile", &[]),
            (
                "Seen 2023-06. Mammogram due Q2 2023.",
                &[("2023-06", Label::Date), ("Q2 2023", Label::Date)],
            ),
            ("years 2019-2020, code 1990-12345", &[]),
            (
                "Latitude 40.7128, longitude -74.0060; at 40.7128° N, 74.0060° W",
                &[
                    ("40.7128", Label::Location),
                    ("-74.0060", Label::Location),
                    ("40.7128° N, 74.0060° W", Label::Location),
                ],
            ),
            (
                // `I-485` is a road too (Charlotte's beltway): only after `Form` or `USCIS` a form.
                "USCIS Form I-693; USCIS I-485, I-765 filed; via I-95 NB at mile marker 12",
                &[("I-95 NB at mile marker 12", Label::Address)],
            ),
            ("Social: 123 45 6789", &[("123 45 6789", Label::Ssn)]),
            (
                "FMP/SPONSOR SSN: 20/XXX-XX-6621",
                &[("XXX-XX-6621", Label::Ssn)],
            ),
            (
                "Last 4 SSN 6789. SSN (last 4): 4321. last four of her social security number is 1234",
                &[
                    ("6789", Label::Ssn),
                    ("4321", Label::Ssn),
                    ("1234", Label::Ssn),
                ],
            ),
            (
                "MAC 00:1A:2B:3C:4D:5E, 00-1a-2b-3c-4d-5e, 0011.2233.44ab",
                &[
                    ("00:1A:2B:3C:4D:5E", Label::Device),
                    ("00-1a-2b-3c-4d-5e", Label::Device),
                    ("0011.2233.44ab", Label::Device),
                ],
            ),
            ("at 14:30:05; 12:00:00:00", &[]),
            (
                "Username: jsmith. Portal login jdoe1987 was locked. Instagram @jane_doe",
                &[
                    ("jsmith", Label::Id),
                    ("jdoe1987", Label::Id),
                    ("jane_doe", Label::Id),
                ],
            ),
            (
                "login was successful; unable to handle secretions; IV drug user",
                &[],
            ),
            (
                "evt=OPEN user=toyelaran ws=LVH-ED-WS0412; Portal user: katya.m88; User: nabara2",
                &[
                    ("toyelaran", Label::Id),
                    ("LVH-ED-WS0412", Label::Id),
                    ("katya.m88", Label::Id),
                    ("nabara2", Label::Id),
                ],
            ),
            (
                "User: what does this mean? user 100 times; IV drug user: 10 years; \
                 Tobacco user = yes; call NHS 111 for advice; Social: 10/2020 retired",
                &[("10/2020", Label::Date)],
            ),
            (
                "OHIP: 5584-219-063-HX; CPSO 98214; inReach IMEI 300434067551820; Guest folio: 4471 2209 8813",
                &[
                    ("5584-219-063-HX", Label::HealthPlan),
                    ("98214", Label::License),
                    ("300434067551820", Label::Device),
                    ("4471 2209 8813", Label::Account),
                ],
            ),
            (
                "Lives at RR 3 Box 112; Rural Route 2, Box 45; HC 64 Box 1203; HCR 1 Box 9A",
                &[
                    ("RR 3 Box 112", Label::Address),
                    ("Rural Route 2, Box 45", Label::Address),
                    // The numbered-road pattern inside it (the merge joins them).
                    ("Route 2", Label::Address),
                    ("HC 64 Box 1203", Label::Address),
                    ("HCR 1 Box 9A", Label::Address),
                ],
            ),
            ("RR 18, box checked; RR 22 on 4L", &[]),
            (
                "Lives off Route 9, near Highway 61 and County Road 12.",
                &[
                    ("Route 9", Label::Address),
                    ("Highway 61", Label::Address),
                    ("County Road 12", Label::Address),
                ],
            ),
            ("route 2 of administration; Rt 2 IV", &[]),
            (
                "HIGHWAY 101 ROLLOVER; crash on I-95; thyroid ablation with I-131",
                &[("HIGHWAY 101", Label::Address), ("I-95", Label::Address)],
            ),
            (
                "Call 011 44 20 7946 0958 or 00 33 1 42 68 53 00.",
                &[
                    ("011 44 20 7946 0958", Label::Phone),
                    ("00 33 1 42 68 53 00", Label::Phone),
                ],
            ),
            ("values 00 12 34 56; at 00 hrs", &[]),
            (
                "admitted Christmas Eve 2019, fell on Thanksgiving; seen Memorial Day weekend; since Ramadan",
                &[
                    ("Christmas Eve 2019", Label::Date),
                    ("Thanksgiving", Label::Date),
                    ("Memorial Day", Label::Date),
                    ("Ramadan", Label::Date),
                ],
            ),
            ("labor day 2 of induction; a good friday", &[]),
            (
                "History of Christmas disease; referred to Easter Seals; Route 2 of administration",
                &[],
            ),
            (
                "collected 05JAN2023, 5Jan23",
                &[("05JAN2023", Label::Date), ("5Jan23", Label::Date)],
            ),
            (
                "Lives at 123 Main St. Apartment 4",
                &[("123 Main St. Apartment 4", Label::Address)],
            ),
            (
                "Age/Sex: 93/F. 94/M with syncope. Sex/Age: F/95.",
                &[("93", Label::Age), ("94", Label::Age), ("95", Label::Age)],
            ),
            (
                "Aged 93yrs. Mother died at 94 of stroke; pt turns 96 next week.",
                &[("93", Label::Age), ("94", Label::Age), ("96", Label::Age)],
            ),
            (
                "GM died 2015 at 94 of old age; aunt still living at 96 in a home",
                &[
                    ("2015", Label::Date),
                    ("94", Label::Age),
                    ("96", Label::Age),
                ],
            ),
            ("ambulating at 95 on RA; living at 92% sat", &[]),
            ("turned 90 degrees; 120/80; 93/7 wks", &[]),
            ("Her mother is 96. Lives alone.", &[("96", Label::Age)]),
            (
                "Father: James Sullivan, 90, living in town; uncle Tom: alive at 91, in a home.",
                &[("90", Label::Age), ("91", Label::Age)],
            ),
            ("Room: Bed Seven, 95, on 2L; Glucose Check, 94.", &[]),
            ("The patient is 91 and lives alone", &[("91", Label::Age)]),
            ("his wife is ninety-four.", &[("ninety-four", Label::Age)]),
            ("Mother, 95, has dementia.", &[("95", Label::Age)]),
            (
                "LIVES W/ WIFE DOLORES (90) IN HOUSING; grandmother Dolores, now 91 and well",
                &[("90", Label::Age), ("91", Label::Age)],
            ),
            ("HR (92) and SpO2 (95) stable; Bed Two (90)", &[]),
            (
                "RT: D. SAUNDERS RRT   x5532\nsvc x7000, and GSMC ICU x2214 at 1500.",
                &[
                    ("5532", Label::Phone),
                    ("7000", Label::Phone),
                    ("2214", Label::Phone),
                ],
            ),
            ("NS bolus x1000 mL; walked x2000 ft; X 2000\n", &[]),
            (
                "adm 18/7 via ED; NOTE      22/7\n14/3  1620  RT",
                &[
                    ("18/7", Label::Date),
                    ("22/7", Label::Date),
                    ("14/3", Label::Date),
                ],
            ),
            ("PS 14/5, PEEP of 15/5; sats 22/7 at rest; 24/7 care", &[]),
            ("ARDS 2/2 influenza A; UGIB 2/2 duodenal ulcer", &[]),
            (
                "wants to spend New Year's with her; less since New Year. in the new year",
                &[("New Year's", Label::Date), ("New Year", Label::Date)],
            ),
            ("A1c on 2/2 came back high", &[("2/2", Label::Date)]),
            (
                "she is 95% on RA; he was 98.6 F; pt is 96 lbs; HR is 95.",
                &[],
            ),
            ("her mother is 89. father, 45, is well.", &[]),
            (
                "Her sister, Yvette, is 101 and lives alone. Brother Angel is 93, in town.",
                &[("101", Label::Age), ("93", Label::Age)],
            ),
            (
                "her friend Mrs. Ophelia King, 94. Howard Cole, who is 91 and frail.",
                &[("94", Label::Age), ("91", Label::Age)],
            ),
            (
                "Glucose is 95 and K 4.1. Sats, 94. Room Alpha is 92, then",
                &[],
            ),
            (
                "She's 96 now. She'll be 97 on Friday. she is 90 now and weak.",
                &[("96", Label::Age), ("97", Label::Age), ("90", Label::Age)],
            ),
            ("It's 95 now. Sats 94 now. he'd be 92.", &[]),
            (
                "kit # NBS-87-0330418; accessions MG-24-061877, US-24-061878",
                &[
                    ("NBS-87-0330418", Label::Id),
                    ("MG-24-061877", Label::Id),
                    ("US-24-061878", Label::Id),
                ],
            ),
            ("HR-110-133, CA-125 42, COVID-19 neg, IL-6, HER-2", &[]),
            (
                "collected 2023-03-14T14:30:00Z and 2023-03-14T09:05-05:00.",
                &[("2023-03-14", Label::Date), ("2023-03-14", Label::Date)],
            ),
            ("March 14, 2023", &[("March 14, 2023", Label::Date)]),
            ("14 Mar 2023", &[("14 Mar 2023", Label::Date)]),
            ("since Mar 2023", &[("Mar 2023", Label::Date)]),
            ("f/u 3/14 with", &[("3/14", Label::Date)]),
            ("BP 120/80 HR 80", &[]),
            ("PSV 10/5 peep 5", &[]),
            ("pain 5/10", &[]),
            // Pain scores and ventilator settings by the words of the line.
            ("able to tolerate pain and rating 3/10.", &[]),
            ("after experiencing 6/10 cp after riding", &[]),
            ("chest pain (7/10) cont", &[]),
            // A Medicaid client identification number; a cervical lesion's grade is none.
            (
                "Medi-Cal CIN: 91745582E",
                &[("91745582E", Label::HealthPlan)],
            ),
            ("Medicaid CIN QX48812T.", &[("QX48812T", Label::HealthPlan)]),
            ("Pap: CIN 2, colpo next", &[]),
            ("Last warfarin dose 12/24 17:00.", &[("12/24", Label::Date)]),
            (
                "Interpreter: N. Barbosa, Language Partners, #CV-0417",
                &[("CV-0417", Label::Id)],
            ),
            ("HR-110-133 and #HR-110", &[]),
            // Years after an obstetric event, a smear or a fracture.
            (
                "deliveries: svd 2004 and 2007 at hocking",
                &[("2004 and 2007", Label::Date)],
            ),
            (
                "c/s 2012 at ohiohealth; last pap 2019 nilm; L wrist fx 2016,",
                &[
                    ("2012", Label::Date),
                    ("2019", Label::Date),
                    ("2016", Label::Date),
                ],
            ),
            ("Prior birth: 2020, planned", &[("2020", Label::Date)]),
            ("warfarin dose 1/2 tab", &[]),
            // A specimen's suffix, an age before `Y` in capitals.
            (
                "barcodes SP25-014477-A, SP25-014477-B.",
                &[("SP25-014477-A", Label::Id), ("SP25-014477-B", Label::Id)],
            ),
            ("plate 217-PEV.", &[("217-PEV", Label::Vehicle)]),
            (
                "DOB: 08/05/1932  (92 Y F)",
                &[("08/05/1932", Label::Date), ("92", Label::Age)],
            ),
            // A second score of a list, Apgar scores, packs a day.
            (
                "Pain: low back/R hip, 6/10 at rest, 9/10 w/ transfers.",
                &[],
            ),
            (
                "Pain at wound site 2/10 at rest, 5/10\nduring dressing change",
                &[],
            ),
            ("7 lb 4 oz, apgars 8/9. discharged", &[]),
            ("works nights; smokes 1/2 ppd.", &[]),
            (
                "Seen 9/10 and again 9/12.",
                &[("9/10", Label::Date), ("9/12", Label::Date)],
            ),
            (
                "Seen 9/10 and again 10/10.",
                &[("9/10", Label::Date), ("10/10", Label::Date)],
            ),
            (
                "DOB 3/10/1948, seen 6/10.",
                &[("3/10/1948", Label::Date), ("6/10", Label::Date)],
            ),
            ("RESP: trialed on 5/5, tolerated well", &[]),
            ("remains vented IMV 700x10, 50% 8/5. sats", &[]),
            ("RESP-IMV 800x60x10 5/5. SATS", &[]),
            // ... but an event or a date preposition right before keeps the date.
            ("IABP weaned off 9/7, and PA line", &[("9/7", Label::Date)]),
            (
                "wean from vent and extubate 3/11.",
                &[("3/11", Label::Date)],
            ),
            ("pain since 6/10, worse today", &[("6/10", Label::Date)]),
            // A labelled number keeps its extension.
            (
                "Ph: 914-238-3607 x8976  Outside",
                &[("914-238-3607 x8976", Label::Phone)],
            ),
            (
                "Mobile: 512-555-1474 ext. 2556   Email",
                &[("512-555-1474 ext. 2556", Label::Phone)],
            ),
            // `gm` before a Gram stain result is no unit.
            ("BC FROM 9/2 GM + COCCI; 6PM", &[("9/2", Label::Date)]),
            ("give 1/2 gm now", &[]),
            // A cue counts within its sentence; `PA` the clinician and `PA-C` are no pressures;
            // a four-digit year is never a setting.
            ("PA 45/20/30 CVP 12", &[]),
            (
                "tip in the R PA. 7/26/18. IMPRESSION",
                &[("7/26/18", Label::Date)],
            ),
            (
                "seen by PT, 1 assist. - 7/19/15: CT",
                &[("7/19/15", Label::Date)],
            ),
            (
                "Reply from A. Turner PA 7/6/2017 Hi",
                &[("7/6/2017", Label::Date)],
            ),
            (
                "Reply from M. Alvarado, PA-C 6/27 Hi",
                &[("6/27", Label::Date)],
            ),
            // Weaning settings by the words after them, fluids, ordinals before a noun.
            ("plan to change to 5/5 at 0500 and extubate ~ 0600.", &[]),
            ("DESPITE EXCELLENT 5/5 ABG. WILL DEFER", &[]),
            ("Now weaning on 5/5-.40 will soon extubate", &[]),
            ("Continued to wean down to 10/5. Pt tolerating well", &[]),
            ("ivf d5 1/2 with 20kcl @ 100", &[]),
            (
                "family went home after 2nd cath. after 3rd cdiff, can give",
                &[],
            ),
            (
                "seen on the 14th of March, back on the 3rd at 10am",
                &[("14th of March", Label::Date), ("3rd", Label::Date)],
            ),
            ("seen again on 5/5 for follow-up", &[("5/5", Label::Date)]),
            ("extubated on 5/5 after PS trial", &[("5/5", Label::Date)]),
            ("1/2 tab po", &[]),
            ("ABG 7.36/42/91", &[]),
            (
                "call 617-555-0134 x22",
                &[("617-555-0134 x22", Label::Phone)],
            ),
            ("fax: (617) 555-0199", &[("(617) 555-0199", Label::Fax)]),
            ("(617) 555-0199 cell", &[("(617) 555-0199", Label::Phone)]),
            ("tel +1 617.555.0199", &[("+1 617.555.0199", Label::Phone)]),
            ("ph:617-555-0199", &[("617-555-0199", Label::Phone)]),
            (
                "jd@x.net+1 (202) 555-0137",
                &[
                    ("jd@x.net", Label::Email),
                    ("1 (202) 555-0137", Label::Phone),
                ],
            ),
            (
                "617-555-0134/(508) 555-0100",
                &[
                    ("617-555-0134", Label::Phone),
                    ("(508) 555-0100", Label::Phone),
                ],
            ),
            ("SSN 219-09-9999", &[("219-09-9999", Label::Ssn)]),
            ("123-45-6789 ", &[]),
            ("MRN: 00412345", &[("00412345", Label::Mrn)]),
            ("jdoe@example.org", &[("jdoe@example.org", Label::Email)]),
            (
                "see https://portal.example.org/x.",
                &[("https://portal.example.org/x", Label::Url)],
            ),
            ("from 192.168.10.5 ", &[("192.168.10.5", Label::Ip)]),
            ("a 92 y/o woman", &[("92", Label::Age)]),
            ("a 89 y/o woman", &[]),
            ("ninety-one year old", &[("ninety-one", Label::Age)]),
            ("DEA AB1234563", &[("AB1234563", Label::License)]),
            // Failing the DEA checksum leaves an identifier all the same.
            ("order RX2231408 continue", &[("RX2231408", Label::Id)]),
            ("order RX2231409 continue", &[("RX2231409", Label::Id)]),
            // A record number in digit groups, after capitals or not; the words after it stay
            // out.
            (
                "Hospital #: HCH 4401 8823      Sex: F",
                &[("HCH 4401 8823", Label::Mrn)],
            ),
            ("MRN: GRKA 30-11907 seen", &[("GRKA 30-11907", Label::Mrn)]),
            ("MRN 4401 seen 12 days", &[("4401", Label::Mrn)]),
            ("Billing: CPT 99214, E87.1.", &[]),
            ("ID: TMAX 100.. WBC 13.1", &[]),
            ("MRN: 7719-0043-2\nDOB", &[("7719-0043-2", Label::Mrn)]),
            ("CLIA# 18D0987321", &[("18D0987321", Label::License)]),
            (
                "06:52 @kbell (Kayla): ok\n@wnguyen_pa: vitals? cc @dr.sato.h",
                &[
                    ("kbell", Label::Id),
                    ("wnguyen_pa", Label::Id),
                    ("dr.sato.h", Label::Id),
                ],
            ),
            (
                "fell @home, jdoe@example.org",
                &[("jdoe@example.org", Label::Email)],
            ),
            ("IVF @KVO. BS DIMINISHED @BASES", &[]),
            ("TIN 86-5512094 x", &[("86-5512094", Label::Id)]),
            ("IRB #2023-0471 ok", &[("2023-0471", Label::Id)]),
            ("(last dose 2/9/24). A stent", &[("2/9/24", Label::Date)]),
            ("PS 10/5/40 dose 4/2/1", &[]),
            // Legal and dispatch paperwork: file, run, court, resident and mail numbers.
            (
                "Our file:  HPM/23-PI-0317\n",
                &[("HPM/23-PI-0317", Label::Id)],
            ),
            ("Amb. 41, run #23-1874402);", &[("23-1874402", Label::Id)]),
            (
                "Juvenile court no.: JD 541207 (",
                &[("JD 541207", Label::Id)],
            ),
            ("resident # NB-R-04417).", &[("NB-R-04417", Label::Id)]),
            (
                "Article No. 9589 0710 5270 0412 8836 51\n",
                &[("9589 0710 5270 0412 8836 51", Label::Id)],
            ),
            ("IV run at 20 mL/hr, file the form", &[]),
            (
                "medical record number 4 4 7 1 9 0 2 2 date of birth",
                &[("4 4 7 1 9 0 2 2", Label::Mrn)],
            ),
            ("Conf# T-308817", &[("T-308817", Label::Id)]),
            ("(auth # HMI-AUTH-55019)", &[("HMI-AUTH-55019", Label::Id)]),
            (
                "VIN 1HGCM82633A004352",
                &[("1HGCM82633A004352", Label::Vehicle)],
            ),
            ("Boston, MA 02139", &[("02139", Label::Zip)]),
            ("Montreal, QC H2X 1Y4", &[("H2X 1Y4", Label::Zip)]),
            ("Postal code: M5V3L9", &[("M5V3L9", Label::Zip)]),
            ("Québec (Québec)  G1J 1Z4", &[("G1J 1Z4", Label::Zip)]),
            ("Ottawa K1V 8R5", &[("K1V 8R5", Label::Zip)]),
            ("staged pT2N 0M0 after resection", &[]),
            (
                "Kennington Park Road, London SE11 4JQ",
                &[("SE11 4JQ", Label::Zip)],
            ),
            ("C5 6 disc bulge; T2 3 mm", &[]),
            ("A1C 7.2 today", &[]),
            (
                "lives at 123 Main Street, Apt 4B",
                &[("123 Main Street, Apt 4B", Label::Address)],
            ),
            ("3 way foley", &[]),
            (
                "TB treated 1958 at ANMC; stated the year was 1998.",
                &[("1958", Label::Date), ("1998", Label::Date)],
            ),
            ("treated 2000 mg", &[]),
            (
                "since fall 2023 and in summer of '98",
                &[("fall 2023", Label::Date), ("summer of '98", Label::Date)],
            ),
            (
                "summer 2019 and 2020 in Maine",
                &[("summer 2019 and 2020", Label::Date)],
            ),
            (
                "transferred from 4 West 12 East overnight; lead 2 N 10 S",
                &[],
            ),
            (
                "MI 92, CABG '98",
                &[("92", Label::Date), ("'98", Label::Date)],
            ),
            ("s/p CABG 1957, 1971", &[("1957, 1971", Label::Date)]),
            (
                "Husband died 1995. Mother: Rosa -- d. 2011 at 52",
                &[("1995", Label::Date), ("2011", Label::Date)],
            ),
            ("one prior attempt (2015, OD)", &[("2015", Label::Date)]),
            (
                "admitted via A&E on 16th July with DKA",
                &[("16th July", Label::Date)],
            ),
            (
                "WorkWell Clinic, 9120 Hwy 49, Suite C, Gulfport",
                &[("9120 Hwy 49, Suite C", Label::Address)],
            ),
            (
                "Site no.: US-118   Site #: 1047\n  Meeting ID ......... 841 2207 5139\n  Patient username ... jaklutuk67",
                &[
                    ("US-118", Label::Id),
                    ("1047", Label::Id),
                    ("841 2207 5139", Label::Id),
                    ("jaklutuk67", Label::Id),
                ],
            ),
            (
                "Injection site: L deltoid; site 2 clean; site of IV 20g",
                &[],
            ),
            (
                "Donor ID (UNet): AKHM227   Ohio lic. 35.118204   MRN JMH 5520318-4",
                &[
                    ("AKHM227", Label::Id),
                    ("35.118204", Label::License),
                    ("JMH 5520318-4", Label::Mrn),
                ],
            ),
            (
                "Cluster CL-0412 now 14 cases; session VS-5b2e91c7; ITA Cause No. 25-6-01844-1",
                &[
                    ("CL-0412", Label::Id),
                    ("VS-5b2e91c7", Label::Id),
                    ("25-6-01844-1", Label::Id),
                ],
            ),
            (
                "vive en Carr. 681 Km 3.4, Arecibo; home 4418 E Calle Ocotillo, Tucson",
                &[
                    ("Carr. 681 Km 3.4", Label::Address),
                    ("4418 E Calle Ocotillo", Label::Address),
                ],
            ),
            (
                "(0010,0010) PN [WOJCIK^DOROTA^M]  # PatientName\n(0008,1070) PN [tjb]  # Operator",
                &[("WOJCIK^DOROTA^M", Label::Name), ("tjb", Label::Name)],
            ),
            (
                "residente de Barrio Garrochales, Arecibo",
                &[("Barrio Garrochales", Label::Location)],
            ),
            (
                "Address: 3391 W 4700 S, Apt 12B, Taylorsville",
                &[("3391 W 4700 S, Apt 12B", Label::Address)],
            ),
            (
                "local: 94-210 Pupukahi St, Waipahu",
                &[("94-210 Pupukahi St", Label::Address)],
            ),
            (
                "SCENE: I-75 NB AT MILE MARKER 261, JUST N OF",
                &[("I-75 NB AT MILE MARKER 261", Label::Address)],
            ),
            (
                "Incident location: I-70 westbound, mile marker 226, near",
                &[("I-70 westbound, mile marker 226", Label::Address)],
            ),
            (
                "MVC on Route 9 at exit 4 ramp",
                &[("Route 9 at exit 4", Label::Address)],
            ),
            (
                "Lives at 44 Route 9, Apt 2 with wife",
                &[("44 Route 9, Apt 2", Label::Address)],
            ),
            (
                "RESPIRATORY THERAPY NOTE   UNIT# 0381-66-2",
                &[("0381-66-2", Label::Mrn)],
            ),
            (
                "SSN: 531-44-8207   ICN: 1012847731V449120",
                &[
                    ("531-44-8207", Label::Ssn),
                    ("1012847731V449120", Label::Mrn),
                ],
            ),
            (
                "Booking #: 24-019772   Screening # 017-S-0088",
                &[("24-019772", Label::Id), ("017-S-0088", Label::Id)],
            ),
            (
                "DTSTART;TZID=America/Chicago:20240415T093000\n<effectiveTime value=\"20240611143022-0500\"/>",
                &[
                    ("20240415T093000", Label::Date),
                    ("20240611143022", Label::Date),
                ],
            ),
            (
                "GA 33 2/7 wk; born at 39 6/7 weeks. Mitoses 3/10 HPF, 8/10 sites",
                &[],
            ),
            (
                "Mailing: Unit 15289 Box 0442, APO AP 96271",
                &[
                    ("Unit 15289 Box 0442", Label::Address),
                    ("APO AP 96271", Label::Location),
                ],
            ),
            (
                "W0413 24 506172       E0382V00",
                &[("W0413 24 506172", Label::Id)],
            ),
            ("Age/Sex: 90 Y / M", &[("90", Label::Age)]),
            ("91 yr          Female   Cauc", &[("91", Label::Age)]),
            ("Temp 98 F, unit 404 box", &[]),
            (
                "Home: 136-20 Sanford Ave",
                &[("136-20 Sanford Ave", Label::Address)],
            ),
            ("CARDIAC: HR 99-104 NSR ST", &[]),
            ("CARDIAC: HR 88-92 NSR ST", &[]),
            (
                "Home: Urb. Las Lomas, Calle 5 #23, Bayamón",
                &[("Urb. Las Lomas, Calle 5 #23", Label::Address)],
            ),
            (
                "Rua Dr. Almeida Prado, 1180 - Vila Mariana",
                &[("Rua Dr. Almeida Prado, 1180", Label::Address)],
            ),
            (
                "Rheinallee 88 · 53173 Bonn; Hauptstraße 14",
                &[
                    ("Rheinallee 88", Label::Address),
                    ("Hauptstraße 14", Label::Address),
                ],
            ),
            (
                "Adresse : 312, rue des Érables, Lévis",
                &[("312, rue des Érables", Label::Address)],
            ),
            ("flushed via Foley 16 Fr; Calle warned x2", &[]),
            ("Calle Sol St. Eureka, CA 92648", &[("92648", Label::Zip)]),
            ("Pager #12345", &[("12345", Label::Phone)]),
            ("Beth Lindqvist, RD  x6-2217", &[("6-2217", Label::Phone)]),
            ("unit # x 4-6610.", &[("4-6610", Label::Phone)]),
            ("lasix x2, then x 3-4 days", &[]),
            ("Na 138 K 4.1 Cr 1.2 INR 1.3 I21.4", &[]),
            // A local number with its extension, a pager of three digits, an extension as a
            // signature's field.
            (
                "WORK (CORPORATE) 555-0118 X227.",
                &[("555-0118 X227", Label::Phone)],
            ),
            ("drips 250-1000 x2 then", &[]),
            (
                "Home meds: metformin 500-1000 mg BID; titrate 300-1200 x 14 days",
                &[],
            ),
            ("Home: 555-0142", &[("555-0142", Label::Phone)]),
            ("T. Whitlock, MD   pgr 312", &[("312", Label::Phone)]),
            ("see pg 312 of the chart", &[]),
            // Not after a bar: a table's factor (`| WBC | 12.1 | x1000`).
            ("| WBC | 12.1 | x1000", &[]),
            // An age in markdown bold, a device serial after `SER#`, a portal's codes.
            (
                "DOB 11/03/1931 · **92** y/o",
                &[("11/03/1931", Label::Date), ("92", Label::Age)],
            ),
            (
                "PPM (MEDTRONIC, SER# PJE208871H), OA",
                &[("PJE208871H", Label::Device)],
            ),
            (
                "Activation code: 7KQ2-PX9M-44TR (expires)",
                &[("7KQ2-PX9M-44TR", Label::Id)],
            ),
            (
                "MedBridge access code 7XQK2P given",
                &[("7XQK2P", Label::Id)],
            ),
            // The speaker's age, or the listener's, in a transcript or a quote.
            ("I'M 91, I'VE HAD A GOOD RUN.", &[("91", Label::Age)]),
            ("So you're ninety-one now?", &[("ninety-one", Label::Age)]),
            ("I'm 95% sure, you are 92 now", &[("92", Label::Age)]),
            ("my O2? I'm 92 on room air; I'm 102 this morning", &[]),
            // Years with an en dash, not a volume's range.
            (
                "tacrolimus 0.1% 2021–2023, NB-UVB",
                &[("2021–2023", Label::Date)],
            ),
            ("gave 2000–2500 mL today", &[]),
            // One positive and one negative per remaining recognizer.
            (
                "fingerprint template FP-53539.",
                &[("FP-53539", Label::Biometric)],
            ),
            ("fingerprint scan normal", &[]),
            (
                "face photo IMG_20230314_093201.jpg",
                &[("IMG_20230314_093201.jpg", Label::Photo)],
            ),
            (
                "photo on file: PTPHOTO-396694.",
                &[("PTPHOTO-396694", Label::Photo)],
            ),
            (
                "admission face photo MRB0931157_face_admit_20240502.jpg",
                &[("MRB0931157_face_admit_20240502.jpg", Label::Photo)],
            ),
            (
                "pacemaker serial # PJN123456",
                &[("PJN123456", Label::Device)],
            ),
            (
                "UDI (01)00844588003288(17)141120",
                &[("(01)00844588003288(17)141120", Label::Device)],
            ),
            (
                "Member ID: W2799 42681",
                &[("W2799 42681", Label::HealthPlan)],
            ),
            ("MBI 1EG4-TE5-MK73", &[("1EG4-TE5-MK73", Label::HealthPlan)]),
            ("Plan: wean FiO2 as tol", &[]),
            (
                "Billing acct FIN 809881602",
                &[("FIN 809881602", Label::Account)],
            ),
            (
                "Specimens: gallbladder to path S24-52705",
                &[("S24-52705", Label::Id)],
            ),
            ("Study ID: ONC-2231-07", &[("ONC-2231-07", Label::Id)]),
            ("ID: 98.9 po", &[]),
            ("enrolled (NCT01234567)", &[]),
            (
                "Fax (914)609-4229 ext. 6751",
                &[("(914)609-4229 ext. 6751", Label::Fax)],
            ),
            (
                "call +44 20 7946 0958 today",
                &[("+44 20 7946 0958", Label::Phone)],
            ),
            (
                "Direct line 0161 555 0392 or 01632 960961",
                &[
                    ("0161 555 0392", Label::Phone),
                    ("01632 960961", Label::Phone),
                ],
            ),
            (
                "{ \"system\": \"http://loinc.org\", \"code\": \"1504-0\" }, \
                 { \"system\": \"http://www.ama-assn.org/go/cpt\" } see www.zellmorefamily.org",
                &[("www.zellmorefamily.org", Label::Url)],
            ),
            (
                "Mobile 07700 900123 after 5",
                &[("07700 900123", Label::Phone)],
            ),
            (
                "home (617)5550106 - call cell first",
                &[("(617)5550106", Label::Phone)],
            ),
            (
                "from fe80::1de1:2ed3:73b8:7f11 by",
                &[("fe80::1de1:2ed3:73b8:7f11", Label::Ip)],
            ),
            ("at 14:30:00 today", &[]),
            (
                "hosts 2001:db8:85a3:0:0:8a2e:370:7334, ::1 and 2001:db8:: seen",
                &[
                    ("2001:db8:85a3:0:0:8a2e:370:7334", Label::Ip),
                    ("::1", Label::Ip),
                    ("2001:db8::", Label::Ip),
                ],
            ),
            ("Plan:: none; ab:cd:ef 1:2:3:4:5:6:7", &[]),
            (
                "identity confirmed with retinal scan ref RS-6342.",
                &[("RS-6342", Label::Biometric)],
            ),
            ("a case of flu, a lot of fluid, report sent", &[]),
            (
                "see mychart.northgate.org now",
                &[("mychart.northgate.org", Label::Url)],
            ),
            ("Quincy, MA 02169-4307", &[("02169-4307", Label::Zip)]),
            ("PO Box 1182", &[("PO Box 1182", Label::Address)]),
            (
                "Lives at 4771 East Old Post Way, Sioux Falls",
                &[("4771 East Old Post Way", Label::Address)],
            ),
            ("75 Old Mill Dr.", &[("75 Old Mill Dr.", Label::Address)]),
            ("2 old CT scans reviewed", &[]),
            ("aged 95 and frail", &[("95", Label::Age)]),
            ("seen on the 14th", &[("14th", Label::Date)]),
            ("placed on 1st step mattress", &[]),
            ("s/p pelvic fx 4/97", &[("4/97", Label::Date)]),
            ("PS 10/5/40% overnight", &[]),
            (
                "DOB:  06/19/1933  (90 y)",
                &[("06/19/1933", Label::Date), ("90", Label::Age)],
            ),
            (
                "sub ID YRP441098275, grp 00187322",
                &[("YRP441098275", Label::Id), ("00187322", Label::HealthPlan)],
            ),
            (
                "Handoff to floor RT Glenn (x5571).",
                &[("5571", Label::Phone)],
            ),
            ("oil immersion (x1000) view", &[]),
            // Dates shifted into the 22nd century; a time after a written day and month.
            (
                "Admission Date:  2148-11-03",
                &[("2148-11-03", Label::Date)],
            ),
            (
                "admitted on 11/2/2148 with CHF",
                &[("11/2/2148", Label::Date)],
            ),
            ("on TTE June 2148", &[("June 2148", Label::Date)]),
            ("seen May 4, 2110 by RN", &[("May 4", Label::Date)]),
            (
                "on: SAT NOV 11, 2148 3:04 PM",
                &[("NOV 11, 2148", Label::Date)],
            ),
            (
                "CAD s/p CABG 2139 (LIMA-LAD); quit 2130.",
                &[("2139", Label::Date), ("2130", Label::Date)],
            ),
            ("wife at bedside until 2130, drove home", &[]),
            (
                "Heparin gtt stopped 2100 per MD order. Foley placement 2115.",
                &[],
            ),
            ("MAR 2100 heparin held", &[]),
            ("WBC (x1000) 7.2, Platelets (x1000)\n", &[]),
            ("Mother lived to 97. Brother CABG.", &[("97", Label::Age)]),
            (
                "mother died 101. she's 91\" now",
                &[("101", Label::Age), ("91", Label::Age)],
            ),
            // A vital sign's value, a table's column gap or `en route` is no street address.
            ("RR 34, HR 128 AF RVR, BP 178/96", &[]),
            ("CSRU bed 11   surgeon Dr. Vandermolen", &[]),
            ("Unit 7 en route, ETA 26 min.", &[]),
            // A log line that opens with the day and the time, whatever follows on it.
            (
                "\n1/9 0745  ABG 7.29/64/102 on AC 24x400",
                &[("1/9", Label::Date)],
            ),
            ("settings 1/9 0745 on AC", &[]),
            // A comparison's date; a dose's due date.
            (
                "masses unchanged vs 12/28/23.",
                &[("12/28/23", Label::Date)],
            ),
            ("last dose due 9/14.", &[("9/14", Label::Date)]),
            ("Discharge Date: 30.12.2022", &[("30.12.2022", Label::Date)]),
            ("T 102F this am", &[]),
        ];
        for (text, want) in cases {
            let got = find(text);
            let want: Vec<(String, Label)> =
                want.iter().map(|(s, l)| (s.to_string(), *l)).collect();
            assert_eq!(got, want, "text: {text}");
        }
    }

    /// `PatternSet::search` (reverse search anchored on the matched pattern) finds at every
    /// offset of the sample notes the match `meta::Regex` (reverse search over all patterns)
    /// finds.
    #[test]
    fn search_agrees_with_meta_regex() {
        let p = Patterns::build().unwrap();
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/corpora/sample");
        let mut texts: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .map(|p| std::fs::read_to_string(p).unwrap())
            .collect();
        texts.sort();
        texts.truncate(12);
        // Lines for the rare word-led patterns, which the sample notes may not hold.
        texts.push(
            "Seen on Christmas Eve.\nSSN last four 6789, login: jdoe77\nGPS 42.3601, -71.0589\n\
             Rural Route 2 Box 14\nin her 90s\n"
                .to_string(),
        );
        for set in [&p.main, &p.rare] {
            let meta = Regex::builder()
                .syntax(syntax_config())
                .build_many(&set.sources)
                .unwrap();
            let mut cache = set.pool.get();
            let mut n = 0;
            for text in &texts {
                let hay = text.as_bytes();
                for at in 0..hay.len() {
                    let want = meta.search(&Input::new(hay).range(at..));
                    let got = set.search(&mut cache, hay, at, hay.len());
                    assert_eq!(got, want, "at {at}");
                    let Some(m) = got else { continue };
                    n += 1;
                    // The groups of the pattern's own NFA are the union's.
                    let mut caps = meta.create_captures();
                    let exact = Input::new(hay)
                        .range(m.start()..m.end())
                        .anchored(Anchored::Pattern(m.pattern()));
                    meta.search_captures(&exact, &mut caps);
                    let ours = set.captures(&mut cache, hay, &m);
                    let names = LABELLED_GROUPS.iter().map(|(g, _)| *g);
                    for g in ["v", "w"].into_iter().chain(names) {
                        assert_eq!(
                            ours.and_then(|c| c.get_group_by_name(g)),
                            caps.get_group_by_name(g),
                            "group {g} at {at}"
                        );
                    }
                }
            }
            assert!(n > 0);
        }
    }
}
