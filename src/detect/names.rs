//! Context rules for names, places and organisations: the words the pattern stage cannot see.
//!
//! Input: the words of a text with their dictionary flags (`dictionary.rs`) and the text's case
//! mode (`words.rs`). Each rule marks words with a label and a score; runs of marked words
//! joined by a space, hyphen or apostrophe become one span. Recall comes first, but a word is
//! called a name only on evidence:
//! - a cue on its left (`Dr.`, `Mrs`, `daughter`, `spoke with`, `Attending:`) or right (`MD`,
//!   `RN`), which wins over everything else;
//! - a name-list hit that is not also English or clinical vocabulary (`healey`, `Lomish`);
//! - in mixed-case text, a capitalised word in no vocabulary, away from a sentence start;
//! - adjacency to a strong name (`Mary Green`: `Green` is English, `Mary` carries it).
//!
//! The context allow-list is applied last: an eponym followed by its clinical head noun
//! (`Foley catheter`, `Parkinson's disease`, `Bell's palsy`, `Gram stain`) is not a name unless
//! a title or role cue put it there. No token is ever allow-listed by itself.
//!
//! Places: facility names (`X Memorial`, `Holy Cross Hospital`, `VAMC`), out-of-vocabulary or
//! short all-caps words after a transfer cue (`transferred from GH`), cities before a state
//! (`Boston, MA`), countries and states. Organisations: capitalised runs before an organisation
//! suffix (`Acme Logistics Inc`) or after `works at` / `employed by`.

use std::collections::HashMap;

use super::candidates::{self as c, Features};
use super::dictionary::{self as d, Dictionary};
use super::words::{CaseMode, Shape, Word};
use crate::span::{Label, Source, Span};

pub(super) const VOCAB: u32 = d::ENGLISH | d::MEDICAL | d::UNIT | d::COMMON;

/// Verbs whose subject is a person, after a name that opens a sentence (`Smith, John was
/// seen`, `Young, Earl presents with cough`).
const SUBJECT_VERBS: &[&str] = &[
    "was",
    "is",
    "has",
    "had",
    "presents",
    "presented",
    "came",
    "comes",
    "arrived",
    "arrives",
    "reports",
    "reported",
    "states",
    "stated",
    "denies",
    "denied",
    "returns",
    "returned",
    "declined",
    "declines",
    "agrees",
    "agreed",
    "complains",
    "notes",
    "noted",
    "called",
];

/// `5th`, `42nd`, `1st`, `3rd`: an ordinal written with digits.
fn is_ordinal(w: &str) -> bool {
    let digits = w.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0 && matches!(&w[digits..], "st" | "nd" | "rd" | "th")
}

/// Function words that a capitalised run never takes into an organisation's name (`From`,
/// `With`), where a capitalised clinical stop word may be part of one (`Social Security`).
fn is_function_word(lw: &str) -> bool {
    matches!(
        lw,
        "the" | "and" | "from" | "with" | "into" | "after" | "since" | "until"
    )
}

/// Surname particles that may join the words of a name (`van der Berg`, `De Los Santos`,
/// `ter Horst`, `ibn Sina`, Malay `Siti Nurhaliza bte Ismail`); lower-cased.
pub(super) fn is_particle(w: &str) -> bool {
    matches!(
        w,
        "van"
            | "von"
            | "de"
            | "del"
            | "della"
            | "der"
            | "den"
            | "ter"
            | "ten"
            | "des"
            | "la"
            | "las"
            | "le"
            | "los"
            | "da"
            | "das"
            | "di"
            | "dos"
            | "du"
            | "st"
            | "mc"
            | "mac"
            | "bin"
            | "bint"
            | "binti"
            | "bte"
            | "bt"
            | "ibn"
            | "abu"
            | "al"
            | "el"
    )
}
const NAMEISH: u32 = d::FIRST | d::SURNAME | d::NICK;

/// States' abbreviations that are also English words or credentials (`in`, `or`, `me`, `MD`,
/// `MS`, `PA`): a state after a town only where more than the word vouches for it. The rules
/// that read one without a comma, or in lower case, add their own (`CT`, `MI`; `ne`).
const WORD_STATES: &[&str] = &[
    "in", "or", "me", "oh", "hi", "ok", "co", "al", "de", "la", "id", "pa", "ma", "mo", "md", "ms",
    "va",
];

pub(crate) const STOP: &[&str] = &[
    "the",
    "a",
    "an",
    "and",
    "or",
    "but",
    "of",
    "in",
    "on",
    "at",
    "to",
    "from",
    "for",
    "with",
    "by",
    "is",
    "was",
    "are",
    "were",
    "be",
    "been",
    "has",
    "had",
    "have",
    "he",
    "she",
    "his",
    "her",
    "him",
    "they",
    "them",
    "their",
    "it",
    "its",
    "this",
    "that",
    "these",
    "those",
    "as",
    "if",
    "then",
    "than",
    "not",
    "no",
    "yes",
    "per",
    "pt",
    "pts",
    "patient",
    // A nursing home's short word for its resident (`Res alert, pleasant`).
    "res",
    // Chat shorthand for please (`SW pls weigh in`).
    "pls",
    "plz",
    "will",
    "would",
    "should",
    "could",
    "can",
    "may",
    "might",
    "must",
    "do",
    "does",
    "did",
    "all",
    "any",
    "some",
    "there",
    "here",
    "who",
    "whom",
    "which",
    "what",
    "when",
    "where",
    "why",
    "how",
    "also",
    "so",
    "very",
    "up",
    "down",
    "out",
    "over",
    "under",
    "again",
    "about",
    "after",
    "before",
    "into",
    "onto",
    "off",
    "now",
    "well",
    "just",
    "only",
    "same",
    "other",
    "another",
    "each",
    "both",
    "few",
    "more",
    "most",
    "such",
    "own",
    "our",
    "we",
    "you",
    "your",
    "i",
    "me",
    "my",
    "mine",
    "today",
    "tonight",
    "yesterday",
    "tomorrow",
    "am",
    "pm",
    "re",
    "w",
    "s",
    "c",
    "wife",
    "husband",
    "son",
    "daughter",
    "family",
    "mother",
    "father",
    "brother",
    "sister",
    "md",
    "rn",
    "dr",
    "mr",
    "mrs",
    "ms",
    "outside",
    "local",
    "another",
    "previous",
    "prior",
    "referring",
    "receiving",
    "nearest",
    "private",
    "unknown",
    "home",
    "bedside",
    "floor",
    "unit",
    "team",
    "service",
    "note",
    "nursing",
    "progress",
    "resp",
    "respiratory",
    "care",
    "plan",
    "social",
    "work",
    "worker",
    "case",
    "management",
    "report",
    "update",
    "updated",
    "aware",
    "via",
];

/// Clinical head nouns that make the word before them an eponym, not a person.
pub(crate) const EPONYM_HEADS: &[&str] = &[
    "hose",
    "vent",
    "ventilator",
    "level",
    "thickness",
    "class",
    "depth",
    "implant",
    "prosthesis",
    "system",
    "device",
    "screw",
    "screws",
    "plate",
    "rod",
    "disease",
    "syndrome",
    "sign",
    "signs",
    "catheter",
    "cath",
    "stain",
    "palsy",
    "lymphoma",
    "test",
    "maneuver",
    "manoeuvre",
    "procedure",
    "score",
    "scale",
    "criteria",
    "classification",
    "fracture",
    "reflex",
    "phenomenon",
    "law",
    "tube",
    "bag",
    "line",
    "needle",
    "method",
    "position",
    "bypass",
    "shunt",
    "ulcer",
    "node",
    "nodes",
    "body",
    "bodies",
    "cell",
    "cells",
    "operation",
    "repair",
    "anastomosis",
    "pouch",
    "triad",
    "murmur",
    "type",
    "grade",
    "stage",
    "dementia",
    "sarcoma",
    "tumor",
    "tumour",
    "disorder",
    "deformity",
    "contracture",
    "cyst",
    "diverticulum",
    "esophagus",
    "ligament",
    "space",
    "duct",
    "gland",
    "glands",
    "protocol",
    "formula",
    "equation",
    "index",
    "drain",
    "valve",
    "prosthesis",
    "fixator",
    "mask",
    "pump",
    "boots",
    "stockings",
    "collar",
    "splint",
    "cast",
    "frame",
    "traction",
    "retractor",
    "forceps",
    "scissors",
    "clamp",
    "technique",
    "approach",
    "incision",
    "point",
    "angle",
    "area",
    "triangle",
    "canal",
    "fissure",
    "nerve",
    "artery",
    "vein",
    "loop",
    "tract",
    "encephalopathy",
    "thyroiditis",
    "hepatitis",
    "anemia",
    "ataxia",
    "chorea",
    "aneurysm",
    "hernia",
    "lesion",
    "lesions",
    "spots",
    "nodule",
    "nodules",
    "fever",
    "rash",
    "phenomenon",
    "effect",
    "rule",
    "rules",
    "block",
    "placement",
    "drainage",
    "suction",
    "pentad",
    "paralysis",
    "phenomenon",
    "pins",
    "complex",
    "orchidometer",
    "reservoir",
    "guidelines",
    "staging",
    "patch",
    "nomogram",
    "neg",
    "negative",
    "positive",
];

/// Scores and stagings named after people, which a number, a grade or a level follows
/// (`Braden 14`, `Morse 65`, `Deauville 1-3`, `Gleason 3+4`, `Clavien-Dindo grade V`,
/// `House-Brackmann IV`): before such a value these words are no names (rule 6).
pub(crate) const SCORE_EPONYMS: &[&str] = &[
    "apgar",
    "apgars",
    "barthel",
    "beck",
    "berg",
    "bishop",
    "blatchford",
    "bosniak",
    "braden",
    "breslow",
    "brackmann",
    "caprini",
    "clavien",
    "dindo",
    "deauville",
    "epworth",
    "fisher",
    "fitzpatrick",
    "gleason",
    "hinchey",
    "hoehn",
    "yahr",
    "hurley",
    "karnofsky",
    "killip",
    "lansky",
    "mallampati",
    "morse",
    "norton",
    "ranson",
    "rankin",
    "rockall",
    "spetzler",
    "tanner",
    "tinetti",
    "waterlow",
    "vasc",
    "cuzick",
    "tyrer",
    "fraumeni",
    "wells",
    "wagner",
    // Classifications written before their grade (`Fazekas 1`, `Gustilo IIIB`, `Salter-Harris
    // II`, `Child-Pugh B` is a letter and stays a name's risk).
    "fazekas",
    "gustilo",
    "salter",
    "schatzker",
    "neer",
    "kellgren",
    "gartland",
    "outerbridge",
    "lenke",
    "masaoka",
    "risser",
    "ficat",
    "enneking",
    "mirels",
];

/// Verbs after a person that mark the word before them as a name (`E. WELSH AWARE`).
pub(crate) const RIGHT_VERBS: &[&str] = &[
    "aware",
    "notified",
    "paged",
    "informed",
    "updated",
    "ordered",
    "states",
    "stated",
    "agrees",
    "agreed",
    "visited",
    "verbalizes",
    "verbalized",
    "reports",
    "reported",
    "said",
    "requests",
    "requested",
    "wants",
    "reassessed",
    "examined",
    "denies",
    "denied",
    "endorses",
    "endorsed",
    "complains",
];

/// Words that can end an organisation cue (`works at`, `employed by`, `Employer:`).
/// First words after `Department of` that make it a hospital's department, not an agency
/// (`Department of Medicine`, `Division of Diabetes & Endocrinology`).
const HOSPITAL_DEPARTMENTS: &[&str] = &[
    "medicine",
    "surgery",
    "pediatrics",
    "paediatrics",
    "psychiatry",
    "radiology",
    "anesthesia",
    "anesthesiology",
    "anaesthesia",
    "obstetrics",
    "gynecology",
    "oncology",
    "nursing",
    "pathology",
    "emergency",
    "cardiology",
    "diabetes",
    "endocrinology",
    "orthopaedics",
    "orthopedics",
    "pharmacy",
    "nutrition",
    "rehabilitation",
    "neurosurgery",
    "geriatrics",
    "nephrology",
    "pulmonology",
    "hematology",
    "haematology",
    "infectious",
    "critical",
    "family",
    "internal",
    "physical",
    "occupational",
    "respiratory",
    "imaging",
    "laboratory",
    "general",
    "care",
    "clinical",
    "medical",
    "molecular",
    "genetics",
    "microbiology",
];

/// Heads of a public agency's or a charity's name that take `of` (`Department of ...`): see
/// `NameRules::agencies_and_locals`.
const AGENCY_HEADS: &[&str] = &[
    "department",
    "dept",
    "office",
    "bureau",
    "division",
    "board",
    "commission",
    "administration",
    "council",
    "service",
    "services",
    "society",
    "association",
    "foundation",
    // `VNA of Hampden County`, `Knights of Columbus`.
    "vna",
    "knights",
];

/// Occupations that name an employer after `at` or `for` in a social history (`machinist at
/// General Electric`, `lineman for SDG&E`); in mixed-case text only, where the run after the
/// cue takes capitalised words only.
fn is_occupation(w: &str) -> bool {
    matches!(
        w,
        "worker"
            | "machinist"
            | "lineman"
            | "linemen"
            | "roofer"
            | "teacher"
            | "nurse"
            | "aide"
            | "cna"
            | "cook"
            | "chef"
            | "waitress"
            | "waiter"
            | "server"
            | "bartender"
            | "carpenter"
            | "electrician"
            | "plumber"
            | "welder"
            | "pipefitter"
            | "laborer"
            | "labourer"
            | "operator"
            | "assistant"
            | "analyst"
            | "accountant"
            | "paralegal"
            | "professor"
            | "instructor"
            | "coach"
            | "counselor"
            | "librarian"
            | "pharmacist"
            | "therapist"
            | "receptionist"
            | "housekeeper"
            | "dishwasher"
            | "stocker"
            | "loader"
            | "packer"
            | "guard"
            | "firefighter"
            | "paramedic"
            | "emt"
            | "dispatcher"
            | "salesman"
            | "saleswoman"
            | "rep"
            | "banker"
            | "teller"
            | "programmer"
            | "developer"
            | "designer"
            | "editor"
            | "reporter"
            | "writer"
            | "barber"
            | "hairdresser"
            | "stylist"
            | "painter"
            | "mason"
            | "landscaper"
            | "farmhand"
            | "trucker"
            | "courier"
            | "baker"
            | "butcher"
            | "pastor"
            | "minister"
            | "volunteer"
            | "intern"
            | "researcher"
            | "scientist"
            | "chemist"
            | "bookkeeper"
            | "administrator"
            | "director"
            | "coordinator"
            | "consultant"
            | "contractor"
            | "caregiver"
            | "nanny"
            | "custodial"
            | "dietitian"
            | "hygienist"
            | "tech"
            | "welders"
            | "workers"
            | "associate"
            | "greeter"
            | "barista"
            | "machinists"
    )
}

pub(crate) const ORG_CUES: &[&str] = &[
    "at",
    "for",
    "by",
    "from",
    "with",
    "in",
    "attends",
    "employer",
    "insurance",
    "insurer",
    "payer",
    "payor",
];

/// Every word `places_and_orgs` treats as a strong or weak facility head (kept in step with
/// the two `matches!` there; a test checks it).
pub(crate) const FACILITY_HEADS: &[&str] = &[
    "hospital",
    "hosp",
    "hospitals",
    "memorial",
    "clinic",
    "infirmary",
    "hospice",
    "manor",
    "healthcare",
    "institute",
    "sanatorium",
    "campus",
    "facility",
    "va",
    "regional",
    "rehab",
    "rehabilitation",
    "general",
    "center",
    "centre",
    "health",
    "care",
    "associates",
    "practice",
    "group",
    "pediatrics",
    "cardiology",
    "physicians",
    "partners",
    "medicine",
    "clinics",
    "pavilion",
    // `East Meridian Dialysis`, `Sudbury Diagnostic Imaging`, `Bedok Polyclinic`, `Northgate
    // Infusion Annex`, `Birchwood Assisted Living`.
    "dialysis",
    "imaging",
    "polyclinic",
    "annex",
    "living",
    "pharmacy",
];

/// Specialties that name a practice as its last word (`Hillcrest Family Dentistry`,
/// `ClearSight Optometry`): facility heads like `Clinic`, needing a proper name in the run.
pub(crate) const SPECIALTY_HEADS: &[&str] = &[
    // `Bayou City Psychiatry`, `PRESCOTT ORTHOPAEDICS`, `Lakeside Detox`.
    "psychiatry",
    "psychology",
    "oncology",
    "pulmonology",
    "endocrinology",
    "nephrology",
    "hematology",
    "counseling",
    "orthopaedics",
    "orthopedics",
    "detox",
    "dentistry",
    "optometry",
    "dermatology",
    "rheumatology",
    "neurology",
    "urology",
    "gastroenterology",
    "ophthalmology",
    "podiatry",
    "chiropractic",
    "audiology",
];

/// Words that make a facility phrase generic (`Intensive Care`, `Primary Care`).
pub(crate) const GENERIC_FACILITY: &[&str] = &[
    // The population or the method of a service (`Child Psychiatry`, `Adult Oncology`,
    // `Radiation Oncology`, `Transplant Nephrology`).
    "radiation",
    "transplant",
    "interventional",
    "child",
    "adult",
    "adolescent",
    "geriatric",
    "forensic",
    "addiction",
    "resp",
    "back",
    "skin",
    "foot",
    "oral",
    "mouth",
    "nail",
    "perineal",
    "pulmonary",
    "pulm",
    "wound",
    "ostomy",
    "intensive",
    "critical",
    "primary",
    "urgent",
    "palliative",
    "comfort",
    "home",
    "supportive",
    "respiratory",
    "nursing",
    "skilled",
    "acute",
    "medical",
    "surgical",
    "cardiac",
    "neonatal",
    "pediatric",
    "emergency",
    "general",
    "internal",
    "family",
    "mental",
    "behavioral",
    "dental",
    "cancer",
    "heart",
    "health",
    "community",
    "outpatient",
    "inpatient",
    "ambulatory",
    "day",
    "long",
    "term",
    "transitional",
    "subacute",
    "assisted",
    "living",
    "the",
    "our",
    "your",
    "their",
    "this",
    "a",
    "an",
    "trauma",
    "burn",
    "stroke",
    "wound",
    "dialysis",
    "infusion",
    "imaging",
    "sleep",
    "pain",
    "diabetes",
    "kidney",
    "eye",
    "womens",
    "women's",
    "mens",
    "children's",
    "childrens",
    "veterans",
    "va",
    "university",
    "regional",
    "county",
    "state",
    "city",
    "memorial",
    "center",
    "care",
    "clinic",
    "hospital",
];

#[derive(Clone, Copy, Default)]
struct Mark {
    label: Option<Label>,
    score: f32,
    /// Set by a title/role/field cue: the allow-list does not undo it.
    cued: bool,
}

pub struct NameRules<'a> {
    text: &'a str,
    /// `text` with ASCII letters lower-cased: same length, same offsets.
    lower: &'a str,
    words: &'a [Word],
    dict: &'a Dictionary,
    mode: CaseMode,
    marks: Vec<Mark>,
    /// Each word lower-cased, and the gap after each word (empty after the last): sliced once
    /// here because the passes below read them many times per word.
    lws: Vec<&'a str>,
    gaps: Vec<&'a str>,
    /// Each word's features, for the passes' walks over their candidate words.
    feat: Features,
    /// The segment is written in another language (see [`foreign_prose`]): its capitalised
    /// nouns (German) and sentence words are no evidence of names.
    foreign: bool,
}

/// Whether lower-cased `words` are prose in another language: the function words of German,
/// Spanish, Portuguese, French or Italian (`und`, `mit`, `que`, `avec`, `não`) outnumber English
/// ones (`the`, `and`, `with`) twice, four of them at least (a segment is a paragraph). Only
/// words that are no English or clinical word count (not `de`, `la`, `in`, `no`, `die`, the
/// `y` of `y/o`, nor `los` and `dos`: length of stay, date of service). There, an unknown
/// capitalised word is a noun (German writes every noun so) or a sentence's word, not a name:
/// names come from titles (`Herr`, `Sra.`, `Dr.`), labels and lists.
fn foreign_prose(words: &[&str]) -> bool {
    let (mut foreign, mut english) = (0usize, 0usize);
    for w in words {
        // Every word below has two to five letters.
        if !(2..=5).contains(&w.len()) {
            continue;
        }
        match *w {
            "the" | "and" | "with" | "of" | "to" | "for" | "is" | "was" | "on" | "at" | "by"
            | "from" | "that" | "this" | "her" | "his" | "she" | "he" | "has" | "had" => {
                english += 1
            }
            "und" | "mit" | "von" | "der" | "das" | "dem" | "den" | "ist" | "wir" | "sich"
            | "nicht" | "eine" | "einer" | "zur" | "zum" | "bei" | "nach" | "seit" | "por"
            | "que" | "las" | "una" | "est\u{e1}" | "n\u{e3}o" | "uma" | "avec" | "pour"
            | "dans" | "les" | "une" | "sur" | "aux" | "della" | "degli" | "nel" | "sono" => {
                foreign += 1
            }
            _ => {}
        }
    }
    foreign >= 4 && foreign > 2 * english
}

/// Words that are no half of a `SURNAME, GIVEN` header or roster name (rules 4a, 4d and 4e).
const NOT_HEADER_NAME: u32 =
    d::MEDICAL | d::UNIT | d::CREDENTIAL | d::ROLE | d::TITLE | d::MONTH | d::WEEKDAY | d::FACILITY;

/// On a name or place list and not a common word.
fn uncommon_name(w: &Word) -> bool {
    w.has(NAMEISH) && !w.has(d::COMMON)
}

/// Geographic heads that name a region after the word before them (`Merrimack Valley`, `the
/// North Shore`); lower-cased.
fn is_region_head(w: &str) -> bool {
    matches!(w, "valley" | "shore" | "coast" | "peninsula" | "panhandle")
}

/// The most common Chinese surnames (simplified and traditional) and Korean ones, one letter
/// each (about 85% of people of either language): the first letter of a name `cjk_names`
/// accepts.
const CJK_SURNAMES: &str = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文欧严庞樊兰殷施陶洪翟颜倪張陳楊趙黃吳孫羅鄭謝韓馮蕭許鄧呂蘇盧蔣賈葉閻餘鍾譚鄒陸龍萬錢湯喬賀賴龔歐嚴龐蘭顏김이박최정강조윤장임한오서신권황안송류전홍고문양손배백허유남심노하곽성차주우구민진나지엄채원천방공현함변염여추도소석선설마길연위표명기반라왕금옥육인맹제모탁국어은편용예경봉사부";

/// Common words of two or three letters in Chinese, Japanese or Korean script that a note in
/// English quotes (`speaks 中文 only`, `谢谢 🙏`, `妈妈 says`): languages, thanks and greetings,
/// family and care roles. Not names for `cjk_names`.
const COMMON_CJK: &[&str] = &[
    "中文",
    "汉语",
    "漢語",
    "普通话",
    "普通話",
    "国语",
    "國語",
    "粤语",
    "粵語",
    "广东话",
    "廣東話",
    "日本語",
    "日本语",
    "한국어",
    "英文",
    "英语",
    "英語",
    "谢谢",
    "謝謝",
    "感谢",
    "感謝",
    "多谢",
    "多謝",
    "你好",
    "您好",
    "再见",
    "再見",
    "妈妈",
    "媽媽",
    "爸爸",
    "奶奶",
    "爷爷",
    "爺爺",
    "姥姥",
    "姥爷",
    "外婆",
    "外公",
    "儿子",
    "兒子",
    "女儿",
    "女兒",
    "哥哥",
    "姐姐",
    "弟弟",
    "妹妹",
    "老公",
    "老婆",
    "医生",
    "醫生",
    "护士",
    "護士",
    "朋友",
    "谢谢你",
    "谢谢您",
    "엄마",
    "아빠",
    "안녕",
    "감사",
    "고마워",
    "할머니",
    "할아버지",
    "선생님",
    "이름",
    "이것",
    "이번",
    "정말",
    "고맙다",
    "お母",
    "ママ",
    "パパ",
];

impl<'a> NameRules<'a> {
    /// `lower` must be `text` with ASCII letters lower-cased (`str::to_ascii_lowercase`).
    pub fn new(
        text: &'a str,
        lower: &'a str,
        words: &'a [Word],
        dict: &'a Dictionary,
        mode: CaseMode,
    ) -> Self {
        debug_assert_eq!(text.len(), lower.len());
        let gaps: Vec<&str> = words
            .iter()
            .zip(words.iter().skip(1))
            .map(|(a, b)| &text[a.end..b.start])
            .chain(std::iter::once(""))
            .collect();
        NameRules {
            text,
            lower,
            words,
            dict,
            mode,
            marks: vec![Mark::default(); words.len()],
            lws: words.iter().map(|w| &lower[w.start..w.end]).collect(),
            feat: Features::new(text, words, &gaps),
            gaps,
            foreign: false,
        }
    }

    fn b(&self) -> &'a [u8] {
        self.text.as_bytes()
    }

    /// The words of `lo..hi` whose features hold a bit of `any` and every bit of `all` (see
    /// `candidates`): a pass walks these instead of every word, and still makes its own test.
    #[inline]
    fn walk(&self, lo: usize, hi: usize, any: u64, all: u64) -> c::Candidates {
        self.feat.walk(lo, hi, any, all)
    }

    /// The word, ASCII-lower-cased (a slice of the segment's lower-cased copy: no allocation).
    #[inline]
    fn lw(&self, i: usize) -> &'a str {
        self.lws[i]
    }

    #[inline]
    fn is_stop(&self, i: usize) -> bool {
        let w = &self.words[i];
        // One-letter stop words are below the dictionary's minimum entry length.
        w.has(d::STOPWORD)
            || w.len() == 1
                && matches!(
                    self.lower.as_bytes()[w.start],
                    b'a' | b'i' | b'w' | b's' | b'c'
                )
    }

    /// Gap between word i and word i+1.
    #[inline]
    fn gap(&self, i: usize) -> &'a str {
        debug_assert!(i + 1 < self.words.len());
        self.gaps[i]
    }

    /// The last of at most `max` words from `from` on that `ok` accepts, each joined to the
    /// next (and, with `dash_ends`, by no dash: `Mercy Hospital of Buffalo - transferred`);
    /// `None` when `ok` rejects the first.
    fn joined_run(
        &self,
        from: usize,
        max: usize,
        dash_ends: bool,
        ok: impl Fn(usize) -> bool,
    ) -> Option<usize> {
        let mut last = None;
        for k in from..self.words.len().min(from + max) {
            if !ok(k) {
                break;
            }
            last = Some(k);
            if !self.joined(k) || dash_ends && self.gap(k).contains('-') {
                break;
            }
        }
        last
    }

    /// True when words i and i+1 can belong to one name: same line, separated by one space,
    /// a hyphen, an apostrophe, or `. ` after an initial.
    #[inline]
    fn joined(&self, i: usize) -> bool {
        if i + 1 >= self.words.len() {
            return false;
        }
        let g = self.gap(i);
        match g {
            " " | "-" | "'" | "\u{2019}" | "  " | " -" | "- " | " - " => true,
            ". " | "." => {
                self.words[i].len() == 1 || matches!(self.lw(i), "st" | "mt" | "ft" | "ste")
            }
            _ => false,
        }
    }

    /// Word `i` is a surname in lower case after an initial and its period or after a listed
    /// given name in lower case, as a lower-case line of a mixed-case note writes it (`charge
    /// rn: d. whitcombe`, `given by d. whitcombe rn`, a voicemail's `calling about mister
    /// yevgeny kowalczyk`): a word in no vocabulary, not a species' Latin epithet after its
    /// genus's initial (`with s. lugdunensis`, `c. trachomatis`). The callers ask for a cue
    /// before.
    fn lower_surname_continues(&self, i: usize) -> bool {
        let w = &self.words[i];
        if i == 0 || w.shape != Shape::Lower || w.len() < 3 {
            return false;
        }
        let p = &self.words[i - 1];
        let after_initial =
            self.gap(i - 1) == ". " && p.len() == 1 && self.b()[p.start].is_ascii_lowercase();
        let after_given = self.gap(i - 1) == " "
            && p.shape == Shape::Lower
            && p.has(d::FIRST | d::NICK)
            && !p.has(VOCAB);
        let lw = self.lw(i);
        let epithet = after_initial
            && [
                "ensis", "atis", "alis", "icus", "ica", "ium", "iae", "ii", "um", "us", "is", "ae",
                "ella", "ans", "ens", "oides",
            ]
            .iter()
            .any(|e| lw.ends_with(e));
        (after_initial || after_given)
            && !epithet
            && !w.has(VOCAB | d::CREDENTIAL | d::ROLE | d::PERSON_VERB)
            && !self.misspelled(i)
            && !self.typo_of_vocabulary(i)
    }

    /// The surname or initial after a quoted nickname inside a name (`Bartholomew "Bart"
    /// Okafor`, `Abernathy, Solomon "Sol" J.`): the given name and the nickname are names, the
    /// nickname sits in quotes, and the word after the closing quote and a space is name-shaped
    /// or an initial.
    fn after_quoted_nicknames(&mut self) {
        let n = self.words.len();
        for i in 1..n.saturating_sub(1) {
            let name = |k: usize| self.marks[k].label == Some(Label::Name);
            if !name(i)
                || !name(i - 1)
                || self.marks[i + 1].label.is_some()
                || !matches!(self.gap(i - 1), " \"" | " \u{201c}" | " '")
                || !matches!(self.gap(i), "\" " | "\u{201d} " | "' ")
            {
                continue;
            }
            let k = i + 1;
            let capital = self.mode != CaseMode::Mixed
                || matches!(self.words[k].shape, Shape::Capitalized | Shape::Upper);
            if capital
                && (self.name_form(k) || self.is_initial(k))
                && !self.words[k].has(d::CREDENTIAL | d::ROLE | d::TITLE)
            {
                let (score, cued) = (self.marks[i].score, self.marks[i].cued);
                self.mark(k, Label::Name, score, cued);
            }
        }
    }

    /// The other part of a hyphenated name of which one part is marked, in the same case:
    /// `ADEYEMI-BROOKS, OLUFEMI` (the comma saw `BROOKS`), `Dr. Okafor-Eze`. Letters only, no
    /// clinical or function word (`JONES-Cardiology` keeps its unit).
    fn hyphen_parts(&mut self) {
        const NOT_NAME: u32 = NOT_HEADER_NAME | d::STATE | d::STOPWORD;
        // The joins, by one byte test per word (most words have none); then forward and
        // backward over them: each part of `A-B-C` next to a marked one.
        let b = self.b();
        let joins: Vec<usize> = (0..self.words.len().saturating_sub(1))
            .filter(|&i| {
                let end = self.words[i].end;
                b.get(end) == Some(&b'-') && self.words[i + 1].start == end + 1
            })
            .collect();
        for &i in joins.iter().chain(joins.iter().rev()) {
            let (from, to) = match (self.marks[i].label, self.marks[i + 1].label) {
                (Some(Label::Name), None) => (i, i + 1),
                (None, Some(Label::Name)) => (i + 1, i),
                _ => continue,
            };
            let (wf, wt) = (self.words[from], self.words[to]);
            // A clinical word of four letters or more (an eponym, mostly) is a part of a double
            // surname next to a cued one, as a listed surname, or after a given name (`Dr.
            // Charcot-Ferreira`, `Dr. Kieran Alzheimer-Roth`); not a credential's or a
            // council's letters (`LICDC-CS`, `CRM-SP`).
            let given_before = to == i
                && i > 0
                && self.marks[i - 1].label == Some(Label::Name)
                && self.gap(i - 1) == " ";
            let eponym = wt.has(d::MEDICAL)
                && wt.len() >= 4
                && !wt.has(NOT_NAME & !d::MEDICAL)
                && (self.marks[from].cued || wt.has(d::SURNAME) || given_before);
            if wt.is_alpha()
                && wt.len() > 1
                && wt.shape == wf.shape
                && matches!(wt.shape, Shape::Upper | Shape::Capitalized)
                && (!wt.has(NOT_NAME) || eponym)
            {
                let (score, cued) = (self.marks[from].score, self.marks[from].cued);
                self.mark(to, Label::Name, score, cued);
            }
        }
    }

    /// 4e. `SURNAME, GIVEN` in capitals alone in a table cell or a delimited field, the
    /// given name maybe an initial: `| KING, R. |`, `|BROOKS-ADEYEMI, TOLU|`, `<TAB>NG, HOI
    /// YAN<TAB>`, `Member name ........ YOUNG, FAITH M`. The cell's borders are the evidence;
    /// the words may be common (`HUNTER, GRACE`) or in no list.
    fn field_cell_names(&mut self) {
        const NOT_NAME: u32 = NOT_HEADER_NAME | d::STATE;
        let n = self.words.len();
        let b = self.b();
        let caps = |w: &Word| w.shape == Shape::Upper && w.is_alpha();
        for i in self.walk(0, n.saturating_sub(1), c::GAP_COMMA, c::UPPER) {
            let w = self.words[i];
            if w.shape != Shape::Upper || b.get(w.end) != Some(&b',') || self.gap(i) != ", " {
                continue;
            }
            // A hyphenated surname opens the cell with its first part.
            let mut first = i;
            while first > 0 && self.gap(first - 1) == "-" && caps(&self.words[first - 1]) {
                first -= 1;
            }
            let before = b[..self.words[first].start].trim_ascii_end();
            let opened = before.ends_with(b"|")
                || before.ends_with(b"..")
                || b[..self.words[first].start].ends_with(b"\t");
            if !opened || !caps(&self.words[i + 1]) {
                continue;
            }
            // More given names or initials on the same line.
            let mut last = i + 1;
            while last + 1 < n
                && matches!(self.gap(last), " " | ". ")
                && caps(&self.words[last + 1])
            {
                last += 1;
            }
            let rest = &b[self.words[last].end..];
            let rest = rest.strip_prefix(b".").unwrap_or(rest);
            let closed = matches!(rest.first(), None | Some(b'\t' | b'\n' | b'\r'))
                || rest.starts_with(b"  ")
                || matches!(rest.trim_ascii_start().first(), Some(b'|' | b'*'));
            // A name's evidence besides the layout: a listed given name, an initial after a
            // listed surname or a word in no vocabulary (not `| Result | NEG, NEG |`, `| Gait |
            // STEADY, INDEPENDENT |`), and a surname of more than one letter (`| Side | L, R
            // |`).
            let given = &self.words[i + 1..=last];
            let evidence = given.iter().any(|w| w.has(d::FIRST | d::NICK))
                || given[0].len() == 1 && self.words[i].has(NAMEISH)
                || (first..=last).any(|k| !self.words[k].has(VOCAB));
            if !closed
                || !evidence
                || self.words[i].len() < 2
                || (first..=last).any(|k| {
                    self.words[k].has(NOT_NAME) || self.words[k].len() > 1 && self.is_stop(k)
                })
            {
                continue;
            }
            for k in first..=last {
                self.mark(k, Label::Name, 0.85, true);
            }
        }
    }

    fn is_initial(&self, i: usize) -> bool {
        let w = &self.words[i];
        let b = self.b();
        // Not the `s` of `ABX's.` and not a letter of a dotted credential (`M.D.`, `R.N.`).
        let possessive_s = i > 0 && matches!(self.gap(i - 1), "'" | "\u{2019}");
        // Not the letter of a bed or room number (`614-B`, `12A`), nor a grade (`grade V.`,
        // `class B`, `stage C`, `type A`).
        let bed = i > 0
            && (self.gap(i - 1) == "-" && self.words[i - 1].shape == Shape::Digits
                || self.gap(i - 1) == " "
                    && matches!(
                        self.lw(i - 1),
                        "grade" | "class" | "stage" | "type" | "level"
                    ));
        // In mixed case, `I` without a period is the pronoun unless a capitalised name follows
        // it (`John I Smith`): `Please tell Dr. Hernandez I called.`
        let pronoun = self.mode == CaseMode::Mixed
            && b[w.start] == b'I'
            && b.get(w.end) != Some(&b'.')
            && !(i + 1 < self.words.len()
                && self.joined(i)
                && matches!(self.words[i + 1].shape, Shape::Capitalized | Shape::Upper));
        w.len() == 1
            && b[w.start].is_ascii_alphabetic()
            && !possessive_s
            && !bed
            && !pronoun
            && !self.dotted_credential(i)
            && {
                let next = b.get(w.end).copied().unwrap_or(b' ');
                next == b'.' || self.mode == CaseMode::Mixed && b[w.start].is_ascii_uppercase()
            }
    }

    /// `M.D.`, `D.O.`, `R.N.`, `N.P.`, `P.A.`, and the dotted services `P.T.`, `R.T.`,
    /// `O.T.`, `S.W.`, `H.O.`, `V.O.`: word i is one of its letters.
    fn dotted_credential(&self, i: usize) -> bool {
        let n = self.words.len();
        let pair = |a: usize| {
            a + 1 < n
                && self.words[a].len() == 1
                && self.words[a + 1].len() == 1
                && self.gap(a) == "."
                && matches!(
                    (
                        self.lower.as_bytes()[self.words[a].start],
                        self.lower.as_bytes()[self.words[a + 1].start]
                    ),
                    (b'm', b'd')
                        | (b'd', b'o')
                        | (b'r', b'n')
                        | (b'n', b'p')
                        | (b'p', b'a')
                        | (b'm', b's')
                        | (b'p', b'h')
                        // Services and orders, not initials: `SEEN BY P.T.`, `PER V.O.`.
                        | (b'p', b't')
                        | (b'r', b't')
                        | (b'o', b't')
                        | (b'h', b'o')
                        | (b'v', b'o')
                        | (b's', b'w')
                )
        };
        pair(i) || i > 0 && pair(i - 1)
    }

    /// Word `i` opens a sentence of prose: the text's start, a sentence's end before it (not a
    /// list's number: `1. Pine Street Inn`), or a line break after no letter (`2985⏎Attends`,
    /// not the wrapped `teacher at⏎Holy Angels Academy`). Unlike [`Self::sentence_start`], a
    /// label's colon opens no sentence (`Carrier: Keystone Mutual`).
    fn opens_prose(&self, i: usize) -> bool {
        if i == 0 {
            return true;
        }
        let raw = self.gap(i - 1);
        let g = raw.trim_end_matches([' ', '\t', '"', '\n', '\r']);
        let p = self.words[i - 1];
        let wrapped = raw.starts_with([' ', '\t', '\n', '\r'])
            && self.text[..p.end]
                .chars()
                .next_back()
                .is_some_and(char::is_alphabetic);
        g.ends_with(['.', '!', '?']) && !(p.shape == Shape::Digits && p.len() <= 2)
            || raw.contains('\n') && !wrapped
    }

    /// Word `i` is a capitalised common word, or an English verb in the past tense, that opens
    /// a sentence of prose (`Attends`, `Three`, `Graduated`): no part of a name that runs on
    /// after it.
    fn common_opener(&self, i: usize) -> bool {
        let w = self.words[i];
        let past = w.len() >= 6 && w.has(d::ENGLISH) && self.lw(i).ends_with("ed");
        (w.has(d::COMMON) || past) && w.shape == Shape::Capitalized && self.opens_prose(i)
    }

    fn sentence_start(&self, i: usize) -> bool {
        if i == 0 {
            return true;
        }
        let g = self
            .gap(i - 1)
            .trim_end_matches([' ', '\t', '"', '(', '*', '-']);
        g.ends_with(['.', '!', '?', ':', '\n', '\r', ';', '>', '•'])
            || g.contains('\n')
            || (self.words[i - 1].shape == Shape::Digits && g.ends_with(['.', ')']))
    }

    /// Plausible as (part of) a person's name by its own form and lists, ignoring context.
    fn name_form(&self, i: usize) -> bool {
        let w = &self.words[i];
        // A single letter is part of a name only as an initial (`is_initial`) or elided
        // (`O'Neill`, `d'Angelo`), not by form: `Dr. Falco x 2`.
        let elided =
            w.len() == 1 && i + 1 < self.words.len() && matches!(self.gap(i), "'" | "\u{2019}");
        if !w.is_alpha() || w.len() == 1 && !elided {
            return false;
        }
        if self.is_stop(i) && !elided {
            return false;
        }
        // A short lower-case part after a listed given name and a hyphen is part of it,
        // whatever else it is (`Jae-won`, `Seo-yeon`; not `Smith-era`).
        let given_part = i > 0
            && self.gap(i - 1) == "-"
            && self.words[i - 1].shape == Shape::Capitalized
            && self.words[i - 1].has(d::FIRST | d::NICK)
            && w.shape == Shape::Lower
            && (2..=4).contains(&w.len())
            && !w.has(d::STOPWORD | d::MEDICAL | d::UNIT)
            && !matches!(
                self.lw(i),
                "like" | "type" | "wise" | "ish" | "free" | "only" | "led" | "run" | "made"
            );
        // In mixed-case text a lower-case English word is not part of a name even when a
        // census list has it (`Dr. Alvarez Smith end`).
        if self.mode == CaseMode::Mixed && w.shape == Shape::Lower && w.has(VOCAB) && !given_part {
            return false;
        }
        if w.has(NAMEISH) && (self.mode == CaseMode::Mixed || !w.has(d::COMMON)) {
            return true;
        }
        match self.mode {
            CaseMode::Mixed => {
                matches!(w.shape, Shape::Capitalized | Shape::Upper | Shape::Other)
                    && !w.has(d::MEDICAL | d::UNIT | d::CREDENTIAL)
            }
            _ => !w.has(VOCAB | d::CREDENTIAL),
        }
    }

    /// Word `i` is part of a web address (`http://terminology.hl7.org/CodeSystem/v2-0203`):
    /// the address's pattern decides about it, not the name rules.
    fn in_url(&self, i: usize) -> bool {
        let b = self.b();
        let start = self.words[i].start;
        let token = b[..start]
            .iter()
            .rposition(|c| c.is_ascii_whitespace() || matches!(c, b'"' | b'<' | b'(' | b'\''))
            .map_or(0, |p| p + 1);
        let head = &b[token..start];
        memchr::memmem::find(head, b"://").is_some() || head.starts_with(b"www.")
    }

    /// Word `i` comes right before a vehicle plate's word (`NH plate`, `OH tags`); not a
    /// clinician's licence (`MA Lic #`), which the gold corpora leave unmarked.
    fn before_plate(&self, i: usize) -> bool {
        i + 1 < self.words.len()
            && self.gap(i) == " "
            && matches!(self.lw(i + 1), "plate" | "plates" | "tag" | "tags")
    }

    /// Word `i` is a drug by what follows it: a dose (`Lokelma 10 g`, `Janumet 50/1000`,
    /// `Lipitor 20,`), a frequency or a form (`Claritin prn`, `Voltaren gel`, `Xgeva q4wk`).
    fn dosed(&self, i: usize) -> bool {
        const DOSE_WORDS: &[&str] = &[
            "bid",
            "tid",
            "qid",
            "qd",
            "qhs",
            "qod",
            "qam",
            "qpm",
            "prn",
            "daily",
            "weekly",
            "nightly",
            "gel",
            "cream",
            "ointment",
            "patch",
            "drops",
            "inhaler",
            "injection",
            "tablet",
            "tablets",
            "tab",
            "tabs",
            "xr",
            "xl",
            "sr",
            "hcl",
            "q4wk",
            "qweek",
            "qmonth",
            "sc",
            "sq",
            "iv",
            "po",
            "im",
        ];
        let n = self.words.len();
        if i + 1 >= n || self.gap(i) != " " {
            return false;
        }
        let next = self.words[i + 1];
        if DOSE_WORDS.contains(&self.lw(i + 1)) {
            return true;
        }
        if next.shape != Shape::Digits {
            return false;
        }
        // The gap after the strength, where a word follows it (`gap` is between two words).
        let after = if i + 2 < n { self.gap(i + 1) } else { "" };
        let ratio_or_decimal =
            (after == "/" || after == ".") && i + 2 < n && self.words[i + 2].shape == Shape::Digits;
        const UNITS: &[&str] = &[
            "mg", "mcg", "g", "gm", "u", "units", "unit", "ml", "gtt", "gtts", "puff", "puffs",
            "iu", "meq", "mmol", "cap", "caps",
        ];
        let unit = after == " "
            && i + 2 < n
            && (UNITS.contains(&self.lw(i + 2)) || DOSE_WORDS.contains(&self.lw(i + 2)));
        // A bare strength of one to three digits (`Lipitor 20,`), not a postcode or a bed
        // (`Westmead 2145)`).
        let bare = next.len() <= 3 && (i + 2 >= n || after.starts_with([',', ';', '\n', '\r']));
        ratio_or_decimal || unit || bare
    }

    /// A strong name by itself: in a name list and in no vocabulary, or an unknown
    /// capitalised word mid-sentence in mixed-case text.
    fn strong_name(&self, i: usize) -> Option<f32> {
        let w = &self.words[i];
        if !w.is_alpha()
            || w.len() < 2
            || self.is_stop(i)
            || w.has(
                d::CREDENTIAL
                    | d::TITLE
                    | d::MONTH
                    | d::WEEKDAY
                    | d::FACILITY
                    | d::ORG_SUFFIX
                    | d::STREET,
            )
        {
            return None;
        }
        // Every rule below wants a word outside the vocabulary.
        // Nor a word glued to a number sign: a field's label (`Emp# E204417`, `Rm# 12`).
        if w.has(VOCAB)
            || self.is_abbrev_plural(i)
            || self.is_field_label(i)
            || self.b().get(w.end) == Some(&b'#')
        {
            return None;
        }
        let listed = w.has(NAMEISH);
        let place = w.has(d::CITY | d::COUNTY | d::STATE | d::COUNTRY);
        let word = &self.b()[w.start..w.end];
        let score = match self.mode {
            CaseMode::Mixed => {
                // A word that starts lower-case and has a capital inside is a brand or a unit
                // (`iPhone`, `eGFR`, `mmHg`), not a capitalised name.
                let cap = matches!(w.shape, Shape::Capitalized | Shape::Other)
                    && !word[0].is_ascii_lowercase()
                    && !self.abbreviation_and_word(word);
                if listed && (cap || w.shape == Shape::Upper && w.len() > 3) {
                    Some(0.8)
                } else if (listed
                    && w.shape == Shape::Lower
                    && w.len() > 3
                    && !self.typo_of_vocabulary(i))
                    || (cap
                        && !listed
                        && !place
                        && !self.foreign
                        && !self.sentence_start(i)
                        && w.len() > 2
                        && !self.dosed(i)
                        && !self.in_url(i))
                {
                    Some(0.5)
                } else {
                    None
                }
            }
            CaseMode::Upper | CaseMode::Lower => {
                let short_surname = w.len() <= 4 && !w.has(d::FIRST | d::NICK);
                if listed && !place && w.len() > 2 && !short_surname && !self.typo_of_vocabulary(i)
                {
                    Some(0.6)
                } else {
                    None
                }
            }
        };
        // A long word one edit from a word is a typo even with a capital (`Hemdynamically`,
        // `Contintued`): surnames that long and that close to a word are rare. Tested last:
        // the edit-distance lookup is the dearest test here.
        if score.is_some()
            && w.len() >= 8
            && !w.has(d::FIRST | d::NICK)
            && self.dict.near_vocabulary(word)
        {
            return None;
        }
        score
    }

    /// An unlisted word one edit from English or clinical vocabulary: a typo, not a name.
    /// Not applied to capitalised words mid-sentence in mixed-case text: there an unknown
    /// capitalised word is far more often a rare surname (`Radu`, `Toolis`) than a typo.
    fn misspelled(&self, i: usize) -> bool {
        let w = &self.words[i];
        let proper = self.mode == CaseMode::Mixed
            && matches!(w.shape, Shape::Capitalized | Shape::Other)
            && !self.sentence_start(i);
        !proper && !w.has(NAMEISH) && self.dict.near_vocabulary(&self.b()[w.start..w.end])
    }

    /// A word listed only as a surname that is also a misspelt English or clinical word (a
    /// letter missing or two swapped: `boken`, `laible`, `stabel`) where case carries no name
    /// signal (ALL-CAPS or lower-case notes, or a lower-case word in mixed-case text): alone
    /// it is more often a typo than a name, so it needs a cue (title, role, field label, a
    /// name next to it). Given names are exempt: too many common ones are one edit from a word
    /// (`marie`, `brian`, `trang`), and the surname lists hold far more rare entries.
    fn typo_of_vocabulary(&self, i: usize) -> bool {
        let w = &self.words[i];
        !w.has(d::FIRST | d::NICK) && self.dict.near_vocabulary_strict(&self.b()[w.start..w.end])
    }

    /// Outside ALL-CAPS text, an all-caps word of two or three letters that is not a listed
    /// three-letter given name (`AMY`, `TED`) is an abbreviation (`bipap with AB`, `SW
    /// notified`, `ho CRI`), not a name a cue points at.
    fn short_caps_abbrev(&self, i: usize) -> bool {
        let w = &self.words[i];
        self.mode != CaseMode::Upper
            && w.shape == Shape::Upper
            && (2..=3).contains(&w.len())
            && !(w.len() == 3 && w.has(d::FIRST | d::NICK))
    }

    /// Word i and its neighbour in a place phrase are both common words, and the neighbour is
    /// not capitalised in mixed-case text: `in left hand`, `#20 Left hand` (the town of Left
    /// Hand), not `New York` or `new york`.
    fn common_words_phrase(&self, i: usize) -> bool {
        let n = self.words.len();
        let common = |k: usize| {
            self.words[k].has(d::PHRASE)
                && self.words[k].has(d::COMMON)
                && (self.mode != CaseMode::Mixed || self.words[k].shape == Shape::Lower)
        };
        self.words[i].has(d::COMMON)
            && (i + 1 < n && self.joined(i) && common(i + 1)
                || i > 0 && self.joined(i - 1) && common(i - 1))
    }

    /// Two or more capitals run into a lower-case vocabulary word: an abbreviation and a
    /// word without their space (`RLarm`, `CTto`), not a name (`EMSWood` ends in `ood`).
    fn abbreviation_and_word(&self, word: &[u8]) -> bool {
        let caps = word.iter().take_while(|c| c.is_ascii_uppercase()).count();
        let tail = &word[caps..];
        caps >= 2
            && !tail.is_empty()
            && tail.iter().all(u8::is_ascii_lowercase)
            && (self.dict.is_vocabulary(tail)
                || matches!(
                    tail,
                    b"to" | b"in" | b"on" | b"at" | b"of" | b"by" | b"up" | b"or"
                ))
    }

    /// Word i (four letters or more) is on no word or name list, one loose edit from no
    /// vocabulary word (`chesk`, `VANTILATE`) and no adverb or noun made from one
    /// (`TRANSIENTLY`): an unknown word a place cue can point at.
    fn unknown_non_typo(&self, i: usize) -> bool {
        let w = &self.words[i];
        let word = &self.b()[w.start..w.end];
        !w.has(VOCAB | NAMEISH)
            && w.len() > 3
            && !self.dict.near_vocabulary_loose(word)
            && !self.dict.derived_from_vocabulary(word)
    }

    /// `TAs`, `PVCs`, `IADLs`: plural of an all-caps abbreviation.
    fn is_abbrev_plural(&self, i: usize) -> bool {
        let w = &self.words[i];
        let t = &self.b()[w.start..w.end];
        t.len() >= 3
            && t[t.len() - 1] == b's'
            && t[..t.len() - 1]
                .iter()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
    }

    /// A month or weekday word that starts a date (`Mar 3`, `Monday 3/2`, `June 5th`): the
    /// next word, after at most a space, a comma or a period, starts with a digit.
    fn starts_date(&self, i: usize) -> bool {
        self.words[i].has(d::MONTH | d::WEEKDAY)
            && i + 1 < self.words.len()
            && self.gap(i).len() <= 2
            && self.gap(i).bytes().all(|c| matches!(c, b' ' | b',' | b'.'))
            && self
                .b()
                .get(self.words[i + 1].start)
                .is_some_and(u8::is_ascii_digit)
    }

    /// A listed given name that is also a function word or a month (`May`, `Will`, `April`,
    /// `June`), capitalised in mixed-case text and followed on the line by a name-shaped word:
    /// in a name's place it is the given name (`Name: May Ford`, `Dr. June Lee`).
    fn capital_given_name(&self, i: usize) -> bool {
        let w = &self.words[i];
        self.mode == CaseMode::Mixed
            && w.shape == Shape::Capitalized
            && w.has(d::FIRST | d::NICK)
            // `Per State Police`, `To Dr. ...`: a preposition opening a sentence.
            && !matches!(self.lw(i), "per" | "to" | "at" | "in" | "on" | "by" | "for" | "with")
            && !self.starts_date(i)
            && self.gap_is_space(i)
            && self.name_form(i + 1)
    }

    /// A name-list word that is also a stop word (`May`, `Will`), not lower-case, inside a
    /// name a cue opened: before a credential (`Daniel May, MD`), before a surname that ends
    /// the name at a comma or the line's end (`Rose May King, 71F`, `ROSE MAY KING`), or as
    /// the name's last word where its field or line ends (`CRNA Owen May`).
    fn stop_word_name(&self, k: usize) -> bool {
        let w = &self.words[k];
        let n = self.words.len();
        if !w.has(NAMEISH) || w.shape == Shape::Lower || w.len() < 3 {
            return false;
        }
        // The last word of the name, where its field or line ends (`PATIENT: PRICE, DOROTHY
        // MAY      MRN`, `CRNA Owen May\n`): after a word of the same case one space before.
        let field_end = k + 1 >= n || {
            let g = self.gap(k);
            g.contains('\n') || g.starts_with("  ") || g.starts_with(['|', ';', '\t'])
        };
        if field_end {
            return k > 0 && self.gap(k - 1) == " " && self.words[k - 1].shape == w.shape;
        }
        let gap = self.gap(k);
        let next = &self.words[k + 1];
        if matches!(gap, ", " | ",  " | " ") && next.has(d::CREDENTIAL) {
            return true;
        }
        let ends = k + 2 >= n || {
            let g = self.gap(k + 1);
            g.starts_with(',') || g.contains('\n')
        };
        gap == " "
            && next.has(d::SURNAME)
            && next.shape == w.shape
            && !self.is_stop(k + 1)
            && !next.has(d::CREDENTIAL | d::ROLE | d::PERSON_VERB)
            && ends
    }

    /// True when particles starting at word `j` (`van der`, `de los`) end, on the same line,
    /// at a name-shaped word: capitalised in mixed-case text, listed as a name otherwise.
    fn particles_lead_to_name(&self, j: usize) -> bool {
        let mut k = j;
        while k < self.words.len() && is_particle(self.lw(k)) {
            if !self.joined(k) {
                return false;
            }
            k += 1;
        }
        k < self.words.len()
            && k - j <= 3
            && self.name_form(k)
            && (self.mode != CaseMode::Mixed || self.words[k].shape == Shape::Capitalized)
            && !self.is_field_label(k)
    }

    /// Word `k` is an eponym's word that can be a surname (`Marfan`, `Crohn`, `Colles`,
    /// `broca`): a clinical word of three letters or more that is no English or common word,
    /// unit, credential or stop word, and no eponym here (not before `disease`, `syndrome` or
    /// the like, nor possessive).
    fn eponym_surname(&self, k: usize) -> bool {
        let w = &self.words[k];
        w.is_alpha()
            && w.len() >= 3
            && w.has(d::MEDICAL)
            && !w.has(d::ENGLISH | d::COMMON | d::UNIT | d::CREDENTIAL | d::STOPWORD)
            && !(k + 1 < self.words.len()
                && (self.joined(k) && self.words[k + 1].has(d::EPONYM_HEAD)
                    || matches!(self.gap(k), "'" | "\u{2019}")))
    }

    /// The name ends at word `k`: the last word, or a line break, two spaces, a comma, a
    /// semicolon, a dash, a bracket or a bar after it, or a credential next.
    fn name_ends_after(&self, k: usize) -> bool {
        if k + 1 >= self.words.len() {
            return true;
        }
        let g = self.gap(k);
        g.contains('\n')
            || g.starts_with("  ")
            || g.trim_start().starts_with([',', ';', '-', '(', '|'])
            || self.words[k + 1].has(d::CREDENTIAL)
    }

    /// Whether words `i` and `i + 1` are separated by exactly one space.
    fn gap_is_space(&self, i: usize) -> bool {
        i + 1 < self.words.len() && self.gap(i) == " "
    }

    /// A word directly followed by `:` on its line is a field label (`Callback:`), not a name.
    /// True when word i is the first of its line (white space only before it).
    fn starts_line(&self, i: usize) -> bool {
        let b = self.b();
        let s = self.words[i].start;
        b[line_start(b, s)..s].iter().all(u8::is_ascii_whitespace)
    }

    fn is_field_label(&self, i: usize) -> bool {
        let w = &self.words[i];
        self.b().get(w.end) == Some(&b':')
            && self.b().get(w.end + 1).is_none_or(|c| !c.is_ascii_digit())
    }

    fn mark(&mut self, i: usize, label: Label, score: f32, cued: bool) {
        let m = &mut self.marks[i];
        if m.label.is_none() || score > m.score || (cued && !m.cued) {
            m.label = Some(label);
            m.score = m.score.max(score);
            m.cued |= cued;
        }
    }

    /// True when word i starts `is a N-year-old` / `is an eighty year old` / `is a 45 yo`.
    fn is_age_statement(&self, i: usize) -> bool {
        let n = self.words.len();
        if i + 3 >= n || self.lw(i) != "is" || !matches!(self.lw(i + 1), "a" | "an") {
            return false;
        }
        let number = |k: usize| {
            self.words[k].shape == Shape::Digits
                || matches!(
                    self.lw(k),
                    "twenty"
                        | "thirty"
                        | "forty"
                        | "fifty"
                        | "sixty"
                        | "seventy"
                        | "eighty"
                        | "ninety"
                        | "eighteen"
                        | "nineteen"
                )
        };
        number(i + 2)
            && (i + 3..n.min(i + 6))
                .any(|k| matches!(self.lw(k), "year" | "years" | "yo" | "yr" | "y"))
    }

    /// Marks word i (which a cue points at) and the name words that follow it on the line.
    fn mark_name_from(&mut self, i: usize, score: f32, max_words: usize) {
        let n = self.words.len();
        let mut k = i;
        let mut count = 0;
        while k < n && count < max_words {
            let ok = if k == i {
                self.words[k].is_alpha()
                    && (!self.is_stop(k) || self.capital_given_name(k))
                    // `Contact: Tuesday`, `Visit: March 3`: a day or a date, not a name.
                    && (self.words[k].has(NAMEISH) || !self.words[k].has(d::WEEKDAY))
                    && !self.starts_date(k)
                    // `Family: Children in`, `Family: Neice called`: a relative, not a name.
                    && !self.words[k].has(d::CREDENTIAL | d::TITLE | d::ROLE)
                    && (self.name_form(k)
                        || self.is_initial(k)
                        || self.words[k].has(NAMEISH)
                        || !self.words[k].has(VOCAB))
            } else {
                // A typo of a word (`DR LAVELY NOTIFED`) ends the name.
                (self.name_form(k)
                    || self.is_initial(k)
                    || self.stop_word_name(k)
                    || self.lower_surname_continues(k))
                    && !self.words[k].has(d::CREDENTIAL | d::ROLE | d::PERSON_VERB)
                    && !self.misspelled(k)
            };
            // A word before a colon is a field's label (`Contact: Tuesday`), unless a given
            // name that is no word (`Paternal aunt Joan: pancreatic ca at 70`).
            let given = self.words[k].has(d::FIRST | d::NICK) && !self.words[k].has(VOCAB);
            if !ok || (self.is_field_label(k) && k == i && !given) {
                break;
            }
            // A possessive `s` ends the name.
            if k > i && self.words[k].len() == 1 && matches!(self.gap(k - 1), "'" | "\u{2019}") {
                break;
            }
            self.mark(k, Label::Name, score, true);
            count += 1;
            if !self.joined(k) {
                break;
            }
            k += 1;
        }
    }

    pub fn run(mut self, out: &mut Vec<Span>) {
        let n = self.words.len();
        self.foreign = foreign_prose(&self.lws);
        let b = self.b();
        // 1. Left cues: titles, roles, verbs, field labels.
        for i in self.walk(
            0,
            n,
            c::flags(d::TITLE | d::ROLE | d::PERSON_VERB) | c::GAP_COLON,
            c::ALPHA,
        ) {
            let w = self.words[i];
            if !w.is_alpha() {
                continue;
            }
            let next_gap = if i + 1 < n { self.gap(i) } else { "" };
            // Only a title, a role, a person's verb or a field label (`Attending:`) cues the
            // word after it: skip the rest before any string work.
            if !w.has(d::TITLE | d::ROLE | d::PERSON_VERB) && !next_gap.contains(':') {
                continue;
            }
            let field = next_gap.trim_start().starts_with(':') && !next_gap.contains('\n');
            let lw = self.lw(i);
            // `Fr. Murphy` is a priest; `16 Fr. Foley`, `lg fr foley`, `8 FR catheter` are
            // French sizes: the title needs its period and no number or catheter around it.
            let french_size = lw == "fr"
                && (!next_gap.starts_with('.')
                    || i > 0 && self.words[i - 1].shape == Shape::Digits
                    || i + 1 < n
                        && matches!(
                            self.lw(i + 1),
                            "foley" | "coude" | "catheter" | "cath" | "sheath" | "tube" | "drain"
                        ));
            if w.has(d::TITLE)
                && !french_size
                && i + 1 < n
                && next_gap.len() <= 3
                && next_gap.bytes().all(|c| c == b' ' || c == b'.')
            {
                // `Dr. Smith`, `MRS. JONES`, `DR TYRO` (an English word, but after a title it
                // is a name), `Dr Will Cole`; skip `Dr. and Mrs.`, `Dr aware`.
                let j = i + 1;
                let wj = self.words[j];
                // `MS` is also morphine sulfate, mental status, mitral stenosis (`ms given`,
                // `MS continues`, `assess ms. safety`): before a vocabulary word it is a title
                // only with a capital in mixed-case text, or a period and a listed name
                // (`MS. BROWN`), or a name that is no common word.
                let ms_abbrev = lw == "ms"
                    && wj.has(VOCAB)
                    && (self.mode != CaseMode::Mixed || wj.shape != Shape::Capitalized)
                    && !uncommon_name(&wj)
                    && (!next_gap.contains('.') || !wj.has(NAMEISH));
                // A listed surname that is also a hospital unit or a credential is the name
                // after a title (`Dr. Ward`, `DR. WARD`, `Dr Ma`). Without case, only after
                // `Dr` (`mild mr. room 412` is mitral regurgitation) and not a credential
                // (`DR MA` may be a signature's letters).
                let surname_unit = wj.has(d::SURNAME)
                    && (self.mode == CaseMode::Mixed && wj.shape == Shape::Capitalized
                        || self.mode != CaseMode::Mixed
                            && matches!(lw, "dr" | "doctor")
                            && !wj.has(d::CREDENTIAL));
                // A saint's surname after a title: `Dr. St. John`, `Mr. Ste. Marie`.
                if matches!(self.lw(j), "st" | "ste" | "saint")
                    && j + 1 < n
                    && matches!(self.gap(j), ". " | " ")
                    && self.name_form(j + 1)
                    && (self.mode != CaseMode::Mixed || self.words[j + 1].shape != Shape::Lower)
                {
                    self.mark(j, Label::Name, 0.95, true);
                    self.mark(j + 1, Label::Name, 0.95, true);
                    continue;
                }
                // A month or weekday after a title is a name (`Dr. May`, `Dr. June Lee`,
                // `Dr. Sun`, `Mr. Sunday`) unless a date follows (`Dr. Mar 3 note`).
                let blocked = !wj.is_alpha()
                    || wj.has(d::TITLE)
                    || wj.has(d::UNIT | d::CREDENTIAL) && !surname_unit
                    || self.starts_date(j)
                    || wj.has(d::MEDICAL)
                        && !wj.has(NAMEISH)
                        // `Dr. Marfan`, `Dr. Colles`: an eponym's word, capitalised after a
                        // doctor's title, is the doctor's surname.
                        // (Not `in DR. Apgars`: the delivery room, in capitals.)
                        && !(matches!(lw, "dr" | "doctor" | "prof" | "professor")
                            && (self.mode == CaseMode::Mixed
                                && w.shape == Shape::Capitalized
                                && wj.shape == Shape::Capitalized
                                // In any case, the first part of a hyphenated surname after
                                // `Dr.` with its period (`DR. ALZHEIMER-QUINN`).
                                || next_gap == ". "
                                    && j + 1 < n
                                    && self.gap(j) == "-"
                                    && self.words[j + 1].is_alpha()
                                    && (self.words[j + 1].has(NAMEISH)
                                        || self.unknown_non_typo(j + 1)))
                            && self.eponym_surname(j))
                    || ms_abbrev
                    // `Dr. Notes:` is a label; `Dr. Brown: NSR` names the reader.
                    || self.is_field_label(j) && wj.has(VOCAB) && !wj.has(NAMEISH);
                // `Dr. Will Cole`, and with a capital in mixed-case text `Dr. May saw her`.
                let stop_name = self.is_stop(j)
                    && wj.has(NAMEISH)
                    && (self.joined(j) && j + 1 < n && self.name_form(j + 1)
                        || self.mode == CaseMode::Mixed
                            && wj.shape == Shape::Capitalized
                            && wj.has(d::FIRST | d::NICK));
                // Titles that are also nouns (`pastor visits`, `officer reported`) need a
                // name-shaped word after them.
                let noun_title = w.len() > 3 && !matches!(lw, "miss" | "mister" | "prof");
                let noun_ok = !noun_title
                    || self.name_form(j)
                        && (self.mode != CaseMode::Mixed || wj.shape != Shape::Lower);
                if !blocked && noun_ok && (!self.is_stop(j) || stop_name) {
                    self.mark(j, Label::Name, 0.95, true);
                    // `Rev. Dale Friend`, `Dr. Grace Love`: after a title and a given name, a
                    // capitalised listed surname is the surname even when it is a cue word.
                    let listed_surname = self.mode == CaseMode::Mixed
                        && wj.has(d::FIRST | d::NICK)
                        && wj.shape == Shape::Capitalized
                        && j + 1 < n
                        && self.words[j + 1].shape == Shape::Capitalized
                        && self.words[j + 1].has(d::SURNAME)
                        && !self.words[j + 1].has(
                            d::MEDICAL
                                | d::UNIT
                                | d::TITLE
                                | d::MONTH
                                | d::WEEKDAY
                                | d::FACILITY
                                | d::ORG_SUFFIX,
                        );
                    if self.joined(j)
                        && j + 1 < n
                        && (self.name_form(j + 1)
                            || self.is_initial(j + 1)
                            || self.lower_surname_continues(j + 1))
                        && !self.words[j + 1].has(d::CREDENTIAL | d::ROLE | d::PERSON_VERB)
                        && !self.misspelled(j + 1)
                    {
                        self.mark_name_from(j + 1, 0.9, 3);
                    }
                    // `Dr. Tobias Marfan`, `dr. imani broca`: after a title and a given name,
                    // an eponym's word is the surname.
                    if wj.has(d::FIRST | d::NICK)
                        && j + 1 < n
                        && self.gap(j) == " "
                        && self.marks[j + 1].label.is_none()
                        && self.eponym_surname(j + 1)
                        && if self.mode == CaseMode::Mixed {
                            self.words[j + 1].shape == Shape::Capitalized
                        } else {
                            // Without case, where the name ends (`DR. AUGUSTINE COLLES    PA:`,
                            // `dr. imani broca -- no relation`; not `DR MADDEN PICC IN SVC`).
                            self.name_ends_after(j + 1)
                        }
                    {
                        self.mark(j + 1, Label::Name, 0.9, true);
                    }
                    // A relation that is also a surname (`Friend`) counts; a credential or a
                    // verb does not.
                    if listed_surname
                        && self.marks[j + 1].label.is_none()
                        && self.gap(j) == " "
                        && !self.words[j + 1].has(d::CREDENTIAL | d::PERSON_VERB)
                    {
                        self.mark(j + 1, Label::Name, 0.9, true);
                    }
                }
            } else if field
                && i + 1 < n
                && (w.has(d::ROLE | d::PERSON_VERB)
                    || matches!(
                        lw,
                        "name"
                            | "names"
                            | "surname"
                            | "surnames"
                            | "forename"
                            | "forenames"
                            | "patient"
                            | "pt"
                            | "from"
                            | "to"
                            | "by"
                            | "physician"
                            | "doctor"
                            | "nurse"
                            | "author"
                            | "signed"
                            | "contact"
                            | "guardian"
                            | "pcp"
                            | "referring"
                            | "attending"
                            | "surgeon"
                            | "provider"
                            | "prescriber"
                            | "cc"
                            | "witness"
                            | "interpreter"
                            | "translator"
                            | "informant"
                            | "sender"
                            | "recipient"
                            | "caller"
                    )
                    // A letter's subject line (`Re:  PARK, JI-HOON`), not `discussed re: PEG`;
                    // a title or a listed name after it, a word only before a comma (`PARK,`;
                    // not `RE: Request for appeal`, `RE: Level 1 appeal`).
                    || matches!(lw, "re" | "regarding")
                        && self.starts_line(i)
                        && i + 2 < n
                        && (self.words[i + 1].has(d::TITLE)
                            || self.words[i + 1].has(NAMEISH)
                                && (!self.words[i + 1].has(VOCAB)
                                    || self.gap(i + 1).starts_with(','))))
            {
                let j = i + 1;
                let line_end = next_gap.contains('\n');
                if !line_end && self.words[j].is_alpha() && !self.speech_after_label(j) {
                    self.mark_name_from(j, 0.9, 4);
                }
            } else if w.has(d::ROLE | d::PERSON_VERB)
                // A credential after a name is its post-nominal (`Oconnor, MD  Date of
                // Service`), no cue for the word after it.
                && !(w.has(d::CREDENTIAL)
                    && i > 0
                    && (self.gap(i - 1).starts_with(',')
                        || self.marks[i - 1].label == Some(Label::Name)))
                && i + 1 < n
                && !next_gap.contains('\n')
                // A plural's possessive is no cue (`foster parents' bio son`).
                && !(matches!(next_gap, "' " | "\u{2019} ") && lw.ends_with('s'))
                && (next_gap.len() <= 3
                    // A table's row: a relation opening its line, then a column's gap (`Sister
                    // <spaces> Hope, 30 -- bipolar I`).
                    || w.has(d::ROLE)
                        && self.starts_line(i)
                        && next_gap.bytes().all(|c| c == b' ' || c == b'\t'))
                && next_gap
                    .bytes()
                    .all(|c| matches!(c, b' ' | b'\t' | b',' | b':' | b'.' | b'"' | b'\'' | b'('))
            {
                // `SW` is a city's quarter after a street, before one or before a place (`700 4th
                // Ave SW, Rochester`, `SW Barbur Blvd`, `SW Georgia`), no social worker.
                if lw == "sw"
                    && (next_gap.contains(',')
                        || self.words[i + 1].has(d::STATE)
                        || self.words[i + 1].has(d::CITY) && !self.words[i + 1].has(d::FIRST)
                        || (i + 2..n.min(i + 4)).any(|k| {
                            // Not a saint's `St.` (`SW HOLLY ST. PIERRE`).
                            self.words[k].has(d::STREET) && !(k + 1 < n && self.gap(k) == ". ")
                        }))
                {
                    continue;
                }
                // `spoke w/ Carol`: `w/` is `with`, and the name comes after it.
                let with = w.has(d::PERSON_VERB)
                    && i + 2 < n
                    && next_gap == " "
                    && self.lw(i + 1) == "w"
                    && self.gap(i + 1) == "/ ";
                let (j, next_gap) = if with {
                    (i + 2, " ")
                } else {
                    (i + 1, next_gap)
                };
                let wj = self.words[j];
                // `mother May Ford`: a listed given name with a capital mid-sentence after a
                // role is a name even when it is a function word (not `May 5`).
                let capital_name = w.has(d::ROLE)
                    && self.mode == CaseMode::Mixed
                    && wj.shape == Shape::Capitalized
                    && wj.has(d::FIRST | d::NICK)
                    && !next_gap.contains('.')
                    && !(j + 1 < n && self.words[j + 1].shape == Shape::Digits);
                if !wj.is_alpha()
                    || self.is_stop(j) && !self.is_initial(j) && !capital_name
                    || wj.has(d::ROLE | d::PERSON_VERB | d::CREDENTIAL | d::TITLE)
                    || self.short_caps_abbrev(j)
                    // `500 cc RL`: a unit after a number, not a carbon copy.
                    || lw == "cc" && i > 0 && self.words[i - 1].shape == Shape::Digits
                {
                    continue;
                }
                // `by M. Sun`, `per d ross`: an initial and a surname after the cue.
                if self.is_initial(j)
                    && j + 1 < n
                    && self.joined(j)
                    && (self.name_form(j + 1) || self.lower_surname_continues(j + 1))
                {
                    self.mark(j, Label::Name, 0.8, true);
                    self.mark(j + 1, Label::Name, 0.8, true);
                    continue;
                }
                // In a lower-case or ALL-CAPS note the initial has no period and no capital to
                // show it (`per d ross`, `BY J SMITH`): a single letter before a listed surname
                // in no vocabulary (`5 mg per d x 5 days` is a dose).
                if wj.len() == 1
                    && self.mode != CaseMode::Mixed
                    && b[wj.start].is_ascii_alphabetic()
                    && j + 1 < n
                    && self.gap(j) == " "
                    && self.words[j + 1].has(d::SURNAME)
                    && !self.words[j + 1].has(VOCAB)
                {
                    self.mark(j, Label::Name, 0.8, true);
                    self.mark(j + 1, Label::Name, 0.8, true);
                    continue;
                }
                // After a role the next word is a name if it is listed or outside vocabulary;
                // after a verb (`per`, `by`, `with`) only if listed and not vocabulary.
                let role = w.has(d::ROLE)
                    && !matches!(
                        lw,
                        "pt" | "patient"
                            | "team"
                            | "family"
                            | "contact"
                            | "emergency"
                            | "pager"
                            | "beeper"
                            | "ext"
                            | "signed"
                            | "dictated"
                            | "electronically"
                            | "thanks"
                            | "regards"
                            | "sincerely"
                            | "hi"
                            | "hello"
                            | "dear"
                    );
                let greeting = matches!(
                    lw,
                    "hi" | "hello" | "dear" | "thanks" | "sincerely" | "regards"
                );
                let listed = wj.has(NAMEISH);
                let vocab = wj.has(VOCAB);
                // After `RT.` or `aware.` the word starts a sentence: its capital says nothing.
                let cap = self.mode == CaseMode::Mixed
                    && matches!(wj.shape, Shape::Capitalized | Shape::Other)
                    && !next_gap.contains('.');
                // In ALL-CAPS or lower-case text a relative's given name may be a common word
                // (`wife carol at bedside`, `SON BOB CALLED`).
                let kin = matches!(
                    lw,
                    "wife"
                        | "husband"
                        | "spouse"
                        | "son"
                        | "daughter"
                        | "dtr"
                        | "mother"
                        | "mom"
                        | "father"
                        | "dad"
                        | "brother"
                        | "sister"
                        | "grandson"
                        | "granddaughter"
                        | "niece"
                        | "nephew"
                        | "aunt"
                        | "uncle"
                        | "cousin"
                        | "friend"
                        | "neighbor"
                        | "neighbour"
                        | "boyfriend"
                        | "girlfriend"
                        | "partner"
                        // `SON-IN-LAW BOB`: the last word of a hyphenated relation.
                        | "law"
                );
                // `W/MD SPEARS`, `RN BAKER`: in ALL-CAPS or lower-case notes a credential used
                // as a title before a listed surname that is an uncommon word.
                // A surname that is a common word (`rn king 0700`, `rn young / pct dorival`,
                // `supervisor long, nothing released`) only where the clause ends after it.
                let clause_end = j + 1 >= n
                    || self.words[j + 1].shape == Shape::Digits
                    || self.gap(j).contains(['/', ',', ';', '\n', ')', '('])
                    || self.gap(j).trim_end().ends_with('.');
                let common_surname = wj.has(d::SURNAME)
                    && wj.has(d::COMMON)
                    && clause_end
                    && !self.is_stop(j)
                    && !wj.has(d::MEDICAL | d::UNIT | d::RIGHT_VERB | d::PERSON_VERB | d::MONTH)
                    // `UPDATE BY MD DONE.`: a state, not a name.
                    && !matches!(
                        self.lw(j),
                        "done" | "here" | "present" | "ready" | "busy" | "well" | "back" | "gone"
                    );
                let credential_title = self.mode != CaseMode::Mixed
                    && matches!(
                        lw,
                        "md" | "rn" | "np" | "lpn" | "lvn" | "pct" | "cna" | "crna"
                    )
                    && (wj.has(d::SURNAME)
                        && !wj.has(
                            d::COMMON | d::MEDICAL | d::UNIT | d::RIGHT_VERB | d::PERSON_VERB,
                        )
                        || common_surname);
                let ok = if credential_title {
                    true
                } else if role {
                    (listed
                        && self.mode != CaseMode::Mixed
                        && common_surname
                        && d::WORK_ROLES.contains(&lw))
                        || (listed
                            && (!vocab
                                || cap
                                || self.mode != CaseMode::Mixed
                                    && wj.has(d::FIRST | d::NICK)
                                    && (!wj.has(d::COMMON)
                                        || kin
                                            && !wj.has(
                                                d::MEDICAL | d::MONTH | d::WEEKDAY | d::RIGHT_VERB,
                                            ))))
                        || (!vocab
                            && !wj.has(d::MONTH | d::WEEKDAY | d::FACILITY | d::UNIT)
                            && !self.misspelled(j))
                        || (cap && !wj.has(d::MEDICAL) && !(vocab && d::WORK_ROLES.contains(&lw)))
                } else if greeting {
                    listed || cap || !vocab
                } else {
                    // Not a facility's or a specialty's head (`Emergency Medicine`, `Family
                    // Practice`): `Medicine` is a listed surname too.
                    listed
                        && (!vocab || cap)
                        && (self.mode != CaseMode::Mixed || cap || wj.shape == Shape::Upper)
                        && !(vocab && wj.has(d::FACILITY_HEAD))
                };
                if ok && capital_name && self.is_stop(j) {
                    // `mark_name_from` starts at no function word: mark it here.
                    self.mark(j, Label::Name, 0.85, true);
                    if self.joined(j) && j + 1 < n && self.name_form(j + 1) {
                        self.mark_name_from(j + 1, 0.85, 2);
                    }
                } else if ok {
                    self.mark_name_from(j, if role { 0.85 } else { 0.7 }, 3);
                }
            }
        }
        // 1b. Right cues: a verb after a person (`E. WELSH AWARE`, `Radu verbalizes`), a role
        // in parentheses (`URSLA MORETTI (DAUGHTER)`).
        for i in self.walk(
            1,
            n,
            c::flags(d::RIGHT_VERB | d::ROLE) | c::LEN2 | c::LEN4,
            0,
        ) {
            let w = self.words[i];
            // Every cue below is a right verb, a role, `re`, `seen` or `is`.
            if !w.has(d::RIGHT_VERB | d::ROLE) && !matches!(self.lw(i), "re" | "seen" | "is") {
                continue;
            }
            // `re-examined`, `seen again`: right verbs of two words.
            let two_word_verb = i + 1 < n
                && (self.lw(i) == "re"
                    && self.gap(i) == "-"
                    && matches!(self.lw(i + 1), "examined" | "evaluated" | "assessed")
                    || self.lw(i) == "seen" && self.gap(i) == " " && self.lw(i + 1) == "again");
            let verb = (w.has(d::RIGHT_VERB) || two_word_verb) && self.gap(i - 1) == " ";
            let paren_role = w.has(d::ROLE)
                && !w.has(d::CREDENTIAL)
                && self.gap(i - 1).trim_end() == " ("
                && self.b().get(w.end) == Some(&b')');
            // `Bud is a 21-year-old`, `Bunny is a fifty-four year old`: the subject of an
            // age statement is the patient, named by a given name even when it is a word, or
            // by a word in no vocabulary (`Zaneon is a 24 y/o gentleman`).
            let age_subject = self.is_age_statement(i)
                && self.mode == CaseMode::Mixed
                && self.words[i - 1].shape == Shape::Capitalized
                && (self.words[i - 1].has(d::FIRST | d::NICK)
                    || self.words[i - 1].len() > 2
                        && !self.words[i - 1].has(VOCAB)
                        && !self.misspelled(i - 1))
                && !self.words[i - 1].has(d::ROLE | d::TITLE | d::MEDICAL | d::UNIT)
                && !self.is_stop(i - 1);
            if age_subject {
                self.mark(i - 1, Label::Name, 0.75, true);
                continue;
            }
            if !(verb || paren_role) {
                continue;
            }
            let p = i - 1;
            let wp = self.words[p];
            // Before `(sister)` a word one edit from a word is still a name (`Selam`, not
            // `slam`): the relation in parentheses is the stronger evidence.
            let namey = wp.is_alpha()
                && wp.len() > 1
                && !self.is_stop(p)
                && !self.short_caps_abbrev(p)
                && !wp.has(d::ROLE | d::UNIT | d::MEDICAL | d::CREDENTIAL | d::TITLE | d::FACILITY)
                && (wp.has(NAMEISH) && !wp.has(d::COMMON)
                    || !wp.has(VOCAB) && (paren_role || !self.misspelled(p))
                    // `Hope reassessed at bedside`: a capitalised given name that is also a
                    // common word, in mixed-case text, before a verb of a person.
                    || self.mode == CaseMode::Mixed
                        && wp.shape == Shape::Capitalized
                        && wp.has(d::FIRST | d::NICK));
            if !namey {
                continue;
            }
            let mut s0 = p;
            while s0 > 0
                && self.joined(s0 - 1)
                && p - s0 < 2
                && (self.is_initial(s0 - 1) || paren_role && self.name_form(s0 - 1))
                && !self.words[s0 - 1].has(d::TITLE | d::ROLE | d::PERSON_VERB)
            {
                s0 -= 1;
            }
            for k in s0..=p {
                self.mark(k, Label::Name, 0.75, true);
            }
        }
        // 1d. A sign-off on the line below a closing (`Thank you!` / `Thaís`, `Sincerely,` /
        // `Maria Lopez`): a line of one to three words, each a listed name that is no common
        // word, a word in no vocabulary, or an initial.
        for i in 0..n.saturating_sub(1) {
            let lw = self.lw(i);
            // By the first letter: most words are ruled out without a string comparison.
            let closing = match lw.as_bytes()[0] {
                b't' => lw == "thanks",
                b's' => lw == "sincerely",
                b'r' => matches!(lw, "regards" | "respectfully"),
                b'y' => lw == "you" && i > 0 && self.lw(i - 1) == "thank",
                _ => false,
            };
            if !closing {
                continue;
            }
            let g = self.gap(i);
            let Some(nl) = g.find('\n') else { continue };
            if !g[..nl]
                .bytes()
                .all(|c| matches!(c, b',' | b'!' | b'.' | b' ' | b'\r'))
                || !g[nl..].bytes().all(|c| c.is_ascii_whitespace())
            {
                continue;
            }
            let s0 = i + 1;
            let mut e = s0;
            while e + 1 < n && !self.gap(e).contains('\n') {
                e += 1;
            }
            let ok = e - s0 < 3
                && (s0..=e).all(|k| {
                    let wk = self.words[k];
                    wk.is_alpha()
                        && !wk.has(d::TITLE | d::ROLE | d::CREDENTIAL | d::MONTH | d::WEEKDAY)
                        && (self.mode != CaseMode::Mixed
                            || matches!(wk.shape, Shape::Capitalized | Shape::Other))
                        && (uncommon_name(&wk)
                            || !wk.has(VOCAB) && wk.len() > 1
                            || self.is_initial(k))
                });
            if ok {
                for k in s0..=e {
                    self.mark(k, Label::Name, 0.8, true);
                }
            }
        }
        // 1c. An initial before a surname: `B. KARGAS`, `d. ross`, `Z. MILLER`.
        for i in self.walk(0, n.saturating_sub(1), c::EVERY, c::LEN1 | c::GAP_DOT) {
            if self.words[i].len() != 1 || self.gap(i) != ". " || !self.is_initial(i) {
                continue;
            }
            // Two initials, capitals in mixed-case text (`J.R. Smith`, `T. J. Miller`); any
            // other letter before is `p.o. ` or `a.m. `.
            let upper = |k: usize| self.b()[self.words[k].start].is_ascii_uppercase();
            let double = i > 0
                && self.words[i - 1].len() == 1
                && self.mode == CaseMode::Mixed
                && upper(i - 1)
                && upper(i)
                && matches!(self.gap(i - 1), "." | ". ")
                && !self.dotted_credential(i - 1);
            if i > 0 && self.words[i - 1].len() == 1 && !double {
                continue;
            }
            // Particles between the initial and the surname join the name in mixed case
            // (`R. bin Said`, `M. de la Cruz`).
            let mut j = i + 1;
            while self.mode == CaseMode::Mixed
                && j + 1 < n
                && j - i <= 2
                && is_particle(self.lw(j))
                && self.gap(j) == " "
            {
                j += 1;
            }
            let wj = self.words[j];
            // `J. Ward`, `K. Bone`: a capitalised listed surname after a capital initial in
            // mixed case, even when it is clinical vocabulary or a hospital unit (`C. Diff`,
            // `S. Aureus` are on no surname list); not after two letters (`the T.V. Russian
            // interpreter`).
            let clinical_surname = self.mode == CaseMode::Mixed
                && !double
                && upper(i)
                && wj.shape == Shape::Capitalized
                && wj.has(d::SURNAME);
            // `A. Left breast`, `B. Right axillary node`: a specimen's letter in a list, not
            // an initial.
            let line_start = i == 0 || self.gap(i - 1).contains('\n');
            let outline = (line_start && wj.has(VOCAB) && self.b()[self.words[i].start] <= b'F')
                || matches!(self.lw(j), "left" | "right");
            let ok = wj.is_alpha()
                && wj.len() > 2
                && !outline
                && !self.is_stop(j)
                && !wj.has(d::CREDENTIAL | d::TITLE | d::MONTH | d::WEEKDAY)
                && (!wj.has(d::MEDICAL | d::UNIT) || clinical_surname)
                && (j == i + 1 || wj.shape == Shape::Capitalized)
                && (wj.has(d::SURNAME) && !wj.has(d::COMMON)
                    || !wj.has(VOCAB)
                    // `J. Sun`, `M. King`: a capitalised surname after an initial in
                    // mixed-case text, even when it is a common word.
                    || self.mode == CaseMode::Mixed
                        && wj.shape == Shape::Capitalized
                        && wj.has(d::SURNAME))
                && (self.mode != CaseMode::Mixed
                    || matches!(wj.shape, Shape::Capitalized | Shape::Upper | Shape::Other));
            if ok {
                if double {
                    self.mark(i - 1, Label::Name, 0.7, false);
                }
                for k in i..=j {
                    self.mark(k, Label::Name, 0.7, false);
                }
            }
        }
        // 1d. A given name right before an age (`John 92 y/o with afib`, `Maria 45 yo F`):
        // the patient, named as the note's subject, in mixed case.
        if self.mode == CaseMode::Mixed {
            for i in self.walk(
                0,
                n.saturating_sub(1),
                c::flags(d::FIRST | d::NICK),
                c::CAPITALIZED | c::GAP_SPACE,
            ) {
                let w = self.words[i];
                if w.shape != Shape::Capitalized
                    || !w.has(d::FIRST | d::NICK)
                    || w.has(d::ROLE | d::TITLE | d::MEDICAL | d::UNIT | d::MONTH)
                    || self.is_stop(i)
                    || self.gap(i) != " "
                {
                    continue;
                }
                // At the head of its line or field (`A/P: Amber 60 yo`, `Long 102 yo`) a
                // common word a name list holds is the name too.
                if w.has(d::COMMON)
                    && !(i == 0 || self.gap(i - 1).contains('\n') || self.gap(i - 1).contains(':'))
                {
                    continue;
                }
                // `57yoM`, `82yo`: the age and its unit in one word.
                let glued = {
                    let a = self.lw(i + 1).as_bytes();
                    let digits = a.iter().take_while(|b| b.is_ascii_digit()).count();
                    (1..=3).contains(&digits) && a[digits..].starts_with(b"y")
                };
                let age_word = glued
                    || self.words[i + 1].shape == Shape::Digits
                        && self.words[i + 1].len() <= 3
                        && (i + 2..n.min(i + 4)).any(|k| {
                            matches!(self.lw(k), "y" | "yo" | "yr" | "yrs" | "year" | "years")
                                && !self.gap(k - 1).contains('\n')
                        });
                if age_word {
                    self.mark(i, Label::Name, 0.7, true);
                }
            }
        }
        // 2. Right cues: credentials after a name (`Jones RN`, `J. Smith, MD`).
        for i in self.walk(1, n, c::flags(d::CREDENTIAL) | c::LEN1, 0) {
            let w = self.words[i];
            // `R.N.`, `M.D.`, `r.n.`: a dotted credential is two one-letter words.
            let dotted = w.len() == 1
                && i + 1 < n
                && self.gap(i) == "."
                && self.words[i + 1].len() == 1
                && b.get(self.words[i + 1].end) == Some(&b'.')
                && matches!(
                    (self.lw(i), self.lw(i + 1)),
                    ("r", "n") | ("m", "d") | ("n", "p")
                );
            if !(w.has(d::CREDENTIAL) || dotted)
                || w.shape == Shape::Lower && self.mode == CaseMode::Mixed && !dotted
            {
                continue;
            }
            let g = self.gap(i - 1);
            if !(g == " " || g == ", " || g == "," || g == " ,") {
                continue;
            }
            let lw = self.lw(i);
            if matches!(lw, "pt" | "ot" | "ms" | "ma" | "do" | "pa" | "rd" | "od")
                && w.shape != Shape::Upper
            {
                continue;
            }
            // `Boston, MA 02139`: a state, not a credential.
            if self.dict.is_state_abbrev(&b[w.start..w.end])
                && i + 1 < n
                && self.words[i + 1].shape == Shape::Digits
                && self.words[i + 1].len() == 5
            {
                continue;
            }
            let p = i - 1;
            // `Received PT ON`, `Next PT/PTT`, `See PT note`, `Stoma RN following`: a
            // vocabulary word before an ambiguous credential, or at a sentence start before
            // any, is not a name.
            let ambiguous = matches!(lw, "pt" | "ot" | "ms" | "ma" | "do" | "pa" | "rd" | "od");
            let wp = self.words[p];
            let capital_mid_sentence = self.mode == CaseMode::Mixed
                && wp.shape == Shape::Capitalized
                && wp.has(NAMEISH)
                && !self.sentence_start(p);
            // A sign-off: a capitalised given name, then the credential after a comma or
            // before the line's end or an extension (`Art, RN`, `Art RN x3507`).
            let sign_off = self.mode == CaseMode::Mixed
                && wp.shape == Shape::Capitalized
                && wp.has(d::FIRST | d::NICK)
                && !ambiguous
                && (g.starts_with(',') || i + 1 == n || self.gap(i).contains('\n') || {
                    let nx = &b[self.words[i + 1].start..self.words[i + 1].end];
                    nx.iter().all(u8::is_ascii_digit)
                        || nx.len() > 1
                            && matches!(nx[0], b'x' | b'X')
                            && nx[1..].iter().all(u8::is_ascii_digit)
                });
            // A clinical word as a surname after an initial or an unlisted given name
            // (`M. White, NP`, `Mevith White MD`): capitalised, in mixed-case text.
            // So is an eponym after a listed given name that is one too, before a comma and a
            // credential (`Addison Graves, RN`).
            let after_given = self.mode == CaseMode::Mixed
                && wp.shape == Shape::Capitalized
                && p > 0
                && self.joined(p - 1)
                && (self.is_initial(p - 1)
                    || self.words[p - 1].shape == Shape::Capitalized
                        && self.words[p - 1].is_alpha()
                        && !self.words[p - 1].has(VOCAB | d::TITLE | d::ROLE)
                    || self.words[p - 1].shape == Shape::Capitalized
                        && self.words[p - 1].has(d::FIRST)
                        && wp.has(d::SURNAME)
                        && g.starts_with(',')
                        && !ambiguous);
            if wp.has(VOCAB)
                && !uncommon_name(&wp)
                && !capital_mid_sentence
                && !sign_off
                && !after_given
                && (ambiguous || self.sentence_start(p))
            {
                continue;
            }
            // `Daniel May, MD`: a stop word that is a name, after a given name; so is an
            // eponym's word (`Priscilla Crohn, MD`).
            if (self.name_form(p)
                || after_given && (self.stop_word_name(p) || self.eponym_surname(p)))
                && (!self.words[p].has(d::MEDICAL | d::UNIT) || sign_off || after_given)
                && self.words[p].is_alpha()
                && (self.words[p].len() > 1 || self.b().get(self.words[p].end) == Some(&b'.'))
            {
                // Walk left over the joined name words.
                let mut s = p;
                while s > 0
                    && self.joined(s - 1)
                    && (self.name_form(s - 1) || self.is_initial(s - 1))
                    && !self.words[s - 1].has(d::TITLE | d::ROLE | d::PERSON_VERB)
                    && p - s < 3
                {
                    s -= 1;
                }
                for k in s..=p {
                    self.mark(k, Label::Name, 0.85, true);
                }
            }
        }
        // 3. Dictionary and shape evidence.
        for i in self.walk(0, n, c::EVERY, c::ALPHA | c::NO_VOCAB) {
            if let Some(sc) = self.strong_name(i) {
                self.mark(i, Label::Name, sc, false);
            }
        }
        // 3b. Given name + surname (`John Smith`, `Mary Green`): each may be an English word
        // on its own, the pair is a name.
        for i in self.walk(
            0,
            n.saturating_sub(1),
            c::flags(d::FIRST | d::NICK),
            c::GAP_SPACE,
        ) {
            let (a, b2) = (self.words[i], self.words[i + 1]);
            if !a.has(d::FIRST | d::NICK) || !b2.has(d::SURNAME) || self.gap(i) != " " {
                continue;
            }
            let excluded = d::MEDICAL
                | d::UNIT
                | d::CREDENTIAL
                | d::TITLE
                | d::MONTH
                | d::WEEKDAY
                | d::FACILITY
                | d::ORG_SUFFIX
                | d::STREET;
            // A surname that is also a clinical word, a hospital unit or a credential (`White`,
            // `Green`, `Murphy`: a count, a sputum, a sign; `Ward`, `Ma`) after a capitalised
            // given name that is no common word (`John White reports`, `Natalia Ward (wife)`,
            // `seeing Alice Ma`).
            let clinical_surname = || {
                self.mode == CaseMode::Mixed
                    && a.shape == Shape::Capitalized
                    && b2.shape == Shape::Capitalized
                    && !a.has(d::COMMON | d::MEDICAL | d::UNIT)
                    && !b2.has(excluded & !(d::MEDICAL | d::UNIT | d::CREDENTIAL))
            };
            if !a.has(d::FIRST | d::NICK)
                || !b2.has(d::SURNAME)
                || a.has(excluded)
                || b2.has(excluded) && !clinical_surname()
                || self.is_stop(i)
                || self.is_stop(i + 1)
            {
                continue;
            }
            let ok = match self.mode {
                CaseMode::Mixed => {
                    let capish = |w: &Word| {
                        matches!(w.shape, Shape::Capitalized | Shape::Other)
                            || w.shape == Shape::Upper && w.len() > 1
                    };
                    capish(&a) && capish(&b2)
                }
                _ => !a.has(d::COMMON) && !b2.has(d::COMMON),
            };
            if ok {
                self.mark(i, Label::Name, 0.75, false);
                self.mark(i + 1, Label::Name, 0.75, false);
            }
        }
        // 3c'. Two capitalised words before a person's verb, the first in no vocabulary and
        // the second a listed name (`Duarte White reports`, `Shaince Khan presents`).
        if self.mode == CaseMode::Mixed {
            for i in self.walk(
                0,
                n.saturating_sub(2),
                c::EVERY,
                c::CAPITALIZED | c::GAP_SPACE,
            ) {
                let (a, b2) = (self.words[i], self.words[i + 1]);
                if a.shape != Shape::Capitalized
                    || b2.shape != Shape::Capitalized
                    || a.len() < 2
                    || a.has(VOCAB)
                    || !b2.has(NAMEISH)
                    || self.gap(i) != " "
                    || self.gap(i + 1) != " "
                {
                    continue;
                }
                let not_person = d::TITLE
                    | d::ROLE
                    | d::CREDENTIAL
                    | d::MONTH
                    | d::WEEKDAY
                    | d::FACILITY
                    | d::ORG_SUFFIX
                    | d::UNIT
                    | d::STREET;
                if a.has(not_person) || b2.has(not_person) || self.is_stop(i + 1) {
                    continue;
                }
                let verb = self.lw(i + 2);
                if SUBJECT_VERBS.contains(&verb) || RIGHT_VERBS.contains(&verb) {
                    self.mark(i, Label::Name, 0.75, false);
                    self.mark(i + 1, Label::Name, 0.75, false);
                }
            }
        }
        // 3c. Coordination: `daughters sarah and margie`.
        for i in 0..n.saturating_sub(2) {
            if self.marks[i].label != Some(Label::Name)
                || self.gap(i) != " "
                || self.lw(i + 1) != "and"
                || self.gap(i + 1) != " "
            {
                continue;
            }
            let j = i + 2;
            let wj = self.words[j];
            // A capitalised common word after a cued name is a name too (`with friend Zofia
            // dos Santos and Bill.`, `niece Crystal Gray and Mark`).
            let mut first = i;
            while first > 0
                && self.marks[first - 1].label == Some(Label::Name)
                && self.joined(first - 1)
            {
                first -= 1;
            }
            let common_ok = self.mode == CaseMode::Mixed
                && (first..=i).any(|k| self.marks[k].cued)
                && wj.shape == Shape::Capitalized
                && !wj.has(d::ROLE | d::TITLE | d::MONTH | d::WEEKDAY)
                && !self.is_stop(j);
            let common = if common_ok { 0 } else { d::COMMON };
            if wj.has(d::FIRST | d::NICK)
                && !wj.has(common | d::MEDICAL | d::UNIT)
                && (self.mode != CaseMode::Mixed
                    || wj.shape != Shape::Lower
                    || self.words[i].shape == Shape::Lower)
            {
                let (sc, cued) = (self.marks[i].score, self.marks[i].cued);
                self.mark(j, Label::Name, sc * 0.9, cued);
            }
        }
        // 4a. A header or label line `SMITH, JOHN`, `GARCIA, MARIA (MRN ...)`, `Patient:
        // SMITH, JOHN A`: a listed surname, a comma and a listed given name, both capitalised
        // alike, opening a line (or after a field label) and closing it or followed by an
        // initial, a number, a parenthesis or a comma. Either word may be common (`SMITH`,
        // `JOHN`): the layout is the evidence.
        for i in self.walk(0, n.saturating_sub(1), c::GAP_COMMA, 0) {
            let other = |k: usize| self.marks[k].label.is_some_and(|l| l != Label::Name);
            if self.gap(i) != ", " || other(i) || other(i + 1) {
                continue;
            }
            let (a, g) = (self.words[i], self.words[i + 1]);
            let blocked = NOT_HEADER_NAME;
            if !a.is_alpha()
                || !g.is_alpha()
                || a.len() < 2
                || g.len() < 2
                || !a.has(d::SURNAME)
                || !g.has(d::FIRST | d::NICK)
                || a.has(blocked)
                || g.has(blocked)
                || a.shape != g.shape
                || !matches!(a.shape, Shape::Upper | Shape::Capitalized)
                || self.is_stop(i)
                || self.is_stop(i + 1)
            {
                continue;
            }
            // At a line's start, after a field label, or after a person cue (`Seen by SMITH,
            // JOHN A, MD`).
            let opens = i == 0 || {
                let before = self.gap(i - 1);
                before.contains('\n')
                    || before.trim_end().ends_with(':')
                    || before == " " && self.words[i - 1].has(d::ROLE | d::PERSON_VERB)
            };
            // What may follow the name on its line: its end, a number, a record label.
            let ends_at = |k: usize| {
                k >= n
                    || self.gap(k - 1).contains('\n')
                    || self.gap(k - 1).trim_start().starts_with(['(', ',', '#'])
                    || self.words[k].shape == Shape::Digits
                    || matches!(self.lw(k), "mrn" | "dob" | "ssn" | "acct" | "fin")
            };
            // In mixed-case text a sentence may go on after the name on its line (`Smith, John
            // was seen today`): a lower-case word closes it as well, if one of the two words is
            // no common word or the next word is a verb of which a person is the subject
            // (`Cook, Sue was here`; not `Hope, Faith and family`, `Hall, Dawn shift`).
            let uncommon = !a.has(VOCAB) || !g.has(VOCAB);
            let closes = |k: usize| {
                ends_at(k)
                    || self.mode == CaseMode::Mixed
                        && self.words[k].shape == Shape::Lower
                        && (uncommon || SUBJECT_VERBS.contains(&self.lw(k)))
            };
            // A generational suffix may come last (`SMITH, JOHN Q JR`, `Smith, John Jr.`).
            let suffix = |k: usize| {
                k < n
                    && self.gap(k - 1) == " "
                    && matches!(self.lw(k), "jr" | "sr" | "ii" | "iii" | "iv")
            };
            // The first word after the name, past a suffix; `None` if the name does not close.
            let close_at = |k: usize| {
                let k = if suffix(k) { k + 1 } else { k };
                closes(k).then_some(k)
            };
            // A middle initial (`SMITH, JOHN A`, `BROWN, ROBERT J MRN: 1`).
            let middle = (i + 2 < n
                && self.gap(i + 1) == " "
                && self.words[i + 2].len() == 1
                && self.b()[self.words[i + 2].start].is_ascii_uppercase())
            .then(|| close_at(i + 3))
            .flatten();
            // Not cued: the layout vouches for these words only (`by Carter, Terrell, VPN
            // session` must not carry on to `VPN`).
            let end = close_at(i + 2).or(middle);
            if opens && let Some(end) = end {
                for k in i..end {
                    self.mark(k, Label::Name, 0.85, false);
                }
            }
        }
        // 4d. A row of a census, sign-out list or schedule, or a record header: `SURNAME,
        // Given` or `SURNAME,GIVEN M` alone in its cell (`614-B  ADEYEMI, Oluwaseun  41M`,
        // `0730   KIM, Seo-yeon / 7729907`, `AUTHOR: WHITAKER,DENISE M     EXP`). The cell is
        // the evidence, so the words may be in no list; clinical words are not names here
        // (`HEENT, Neck`, `CBC, Chem`) and the cell must close right after the name (or a
        // birth date in parentheses follow it: `LIU, Emily (09/09/2012)`).
        self.roster_names();
        // 4. `Smith, John` / `YILMAZ, NICHOLAS` and neighbours of strong names. Either half
        // carries the other: a listed given name after the comma, or (when a cue put the
        // name there) any name-shaped word.
        for i in self.walk(0, n.saturating_sub(1), c::GAP_COMMA, 0) {
            if self.gap(i) != ", "
                || self.words[i + 1].has(d::CREDENTIAL)
                || self.words[i].has(d::CREDENTIAL)
            {
                continue;
            }
            let shaped = |k: usize| {
                self.mode != CaseMode::Mixed
                    || matches!(
                        self.words[k].shape,
                        Shape::Capitalized | Shape::Upper | Shape::Other
                    )
            };
            // Where case says nothing, a word of the vocabulary (`Cole, co 4`, `Henry Jones,
            // in to visit`) or a role (`wound nurse, Florence Garvey`) is not the other half.
            let plain = |k: usize| {
                self.words[k].has(d::ROLE)
                    || self.mode != CaseMode::Mixed && (self.is_stop(k) || self.words[k].has(VOCAB))
            };
            // A third part after `Surname, Given,` in mixed case: an acronym there names no
            // one (`by Farouk, Penny, VPN session`).
            let third_acronym = self.mode == CaseMode::Mixed
                && i > 0
                && self.gap(i - 1) == ", "
                && self.marks[i - 1].label == Some(Label::Name)
                && self.words[i + 1].shape == Shape::Upper
                && self.words[i + 1].len() >= 2
                && !self.words[i + 1].has(NAMEISH);
            let (a, b2) = (self.marks[i], self.marks[i + 1]);
            // `Pelletier, G. -- rising K+`: a given name's initial after a found surname, its
            // period closing the name (the end, a line break, or a space before no word).
            let initial = {
                let w = self.words[i + 1];
                let rest = &self.b()[w.end..];
                w.len() == 1
                    && self.b()[w.start].is_ascii_uppercase()
                    && self.words[i].shape != Shape::Lower
                    && match rest {
                        [b'.'] | [b'.', b'\r' | b'\n', ..] => true,
                        // Not a credential's letter (`Trina Kowalski, R. EEG T.`).
                        [b'.', b' ', c, ..] => !c.is_ascii_alphanumeric(),
                        _ => false,
                    }
            };
            if a.label == Some(Label::Name)
                && b2.label.is_none()
                && (initial
                    || !third_acronym
                        && shaped(i + 1)
                        && !plain(i + 1)
                        && (self.words[i + 1].has(d::FIRST | d::NICK)
                            || a.cued && self.name_form(i + 1))
                        && !self.is_field_label(i + 1))
            {
                self.mark(i + 1, Label::Name, a.score, a.cued);
            } else if b2.label == Some(Label::Name)
                && a.label.is_none()
                && self.words[i + 1].has(d::FIRST | d::NICK)
                && !self.words[i].has(d::ROLE)
                && shaped(i)
                && self.name_form(i)
                && (self.mode != CaseMode::Mixed || self.words[i].shape == self.words[i + 1].shape)
            {
                self.mark(i, Label::Name, b2.score, b2.cued);
            }
        }
        // 4c. A header line that opens with `SURNAME, GIVEN` (and maybe a middle name or
        // initial), or a `RE:` line, before a record number in parentheses, a full date or a
        // `DOB`/`MRN` field: `KÖHLER, RÉMI (E965787787)  1986-07-23`, `Fulabford, Xiu
        // 10/21/1922`, `RE: YALIFORD, JÉRÔME   DOB: 8/28/1988`. The layout is the evidence:
        // the words may be in no list.
        for i in self.walk(0, n.saturating_sub(2), c::COMMA_AFTER, 0) {
            let w = self.words[i];
            if b.get(w.end) != Some(&b',') {
                continue;
            }
            let line_start = w.start == 0 || b[w.start - 1] == b'\n';
            // `RE: SMITH, JOHN`, `Patient<TAB>SMITH, JOHN`: a header's label before the name.
            let after_re = i > 0
                && matches!(self.lw(i - 1), "re" | "patient" | "name")
                && (self.gap(i - 1).starts_with(':') || self.gap(i - 1).starts_with('\t'))
                && !self.gap(i - 1).contains('\n');
            // `labeled with the patient's name (SMITH, JOHN) and MRN`.
            let in_name_parens = i > 0 && self.lw(i - 1) == "name" && self.gap(i - 1) == " (";
            if !(line_start || after_re || in_name_parens) || self.gap(i) != ", " {
                continue;
            }
            let header_word = |k: usize| {
                let w = self.words[k];
                w.is_alpha()
                    && w.len() > 1
                    && !self.is_stop(k)
                    && !w.has(
                        d::MEDICAL
                            | d::UNIT
                            | d::CREDENTIAL
                            | d::TITLE
                            | d::ROLE
                            | d::MONTH
                            | d::WEEKDAY
                            | d::STATE
                            | d::FACILITY,
                    )
                    && !self.dict.is_state_abbrev(&b[w.start..w.end])
            };
            if !header_word(i)
                || !header_word(i + 1)
                || self.words[i].shape != self.words[i + 1].shape
                || !matches!(
                    self.words[i].shape,
                    Shape::Upper | Shape::Capitalized | Shape::Other
                )
            {
                continue;
            }
            // An optional middle name or initial on the same line.
            let mut last = i + 1;
            if last + 1 < n
                && self.gap(last) == " "
                && (self.is_initial(last + 1) || header_word(last + 1))
                && self.words[last + 1].shape != Shape::Digits
            {
                last += 1;
            }
            // `Patient<TAB>GIRMA, GONÇALO` alone on its line: the label is the evidence.
            let labelled_line = after_re
                && self.lw(i - 1) != "re"
                && (last + 1 >= n
                    || self
                        .gap(last)
                        .trim_start_matches([' ', '\t', '\r'])
                        .starts_with('\n'));
            if labelled_line {
                for k in i..=last {
                    self.mark(k, Label::Name, 0.85, true);
                }
                continue;
            }
            if last + 1 >= n {
                continue;
            }
            let g = self.gap(last);
            if g.contains('\n') {
                continue;
            }
            let next = self.words[last + 1];
            let id_in_parens = g.trim_end().ends_with('(')
                && b[next.start..next.end].iter().any(u8::is_ascii_digit);
            let full_date = next.shape == Shape::Digits
                && g.bytes().all(|c| c == b' ' || c == b'\t')
                && last + 3 < n
                && matches!(self.gap(last + 1), "/" | "-")
                && self.gap(last + 2) == self.gap(last + 1)
                && self.words[last + 2].shape == Shape::Digits
                && self.words[last + 3].shape == Shape::Digits;
            let closed = in_name_parens && g.starts_with(')');
            let field = g.bytes().all(|c| c == b' ' || c == b'\t')
                && matches!(self.lw(last + 1), "dob" | "mrn")
                && (self.gap(last + 1).starts_with(':') || self.gap(last + 1).starts_with('\t'));
            if id_in_parens || full_date || field || closed {
                for k in i..=last {
                    self.mark(k, Label::Name, 0.85, true);
                }
            }
        }
        self.field_cell_names();
        // 4b. A speaker naming themself (portal messages, phone notes): `hi this is tom`,
        // `its sarah again`, `my name is Bobby`. A listed given name; where case says nothing
        // it must not be a common word (`this is will` is not marked).
        for i in self.walk(1, n, c::LEN1 | c::LEN2 | c::LEN3, 0) {
            // The word is `is`, `s` or `its`: ruled out by its first letter before any
            // string comparison.
            if !matches!(self.lw(i).as_bytes()[0], b'i' | b's') {
                continue;
            }
            let intro = match self.lw(i - 1) {
                "this" | "name" => self.lw(i) == "is",
                "it" => self.lw(i) == "s" && matches!(self.gap(i - 1), "'" | "\u{2019}"),
                _ => false,
            } || self.lw(i) == "its" && self.gap_is_space(i);
            if !intro || i + 1 >= n || !self.gap_is_space(i) || self.marks[i + 1].label.is_some() {
                continue;
            }
            let w = self.words[i + 1];
            let capital = self.mode == CaseMode::Mixed && w.shape == Shape::Capitalized;
            let lower_ok = self.mode != CaseMode::Mixed || w.shape == Shape::Lower;
            if w.has(d::FIRST | d::NICK)
                && !w.has(d::MEDICAL | d::UNIT | d::MONTH | d::WEEKDAY)
                && (capital || lower_ok && !w.has(d::COMMON))
            {
                self.mark(i + 1, Label::Name, 0.8, true);
            }
        }
        // 5. A nickname in quotes or brackets inside a name: `John "Jack" Smith`,
        // `Robert 'Bob' Jones`, `Maria (Mia) Lopez`. A name on either side carries the quoted
        // word and the name-shaped word on the other side.
        for i in 0..n.saturating_sub(2) {
            let open = matches!(self.gap(i), " \"" | " '" | " \u{201c}" | " \u{2018}" | " (");
            let close = matches!(
                self.gap(i + 1),
                "\" " | "' " | "\u{201d} " | "\u{2019} " | ") "
            );
            if !open || !close {
                continue;
            }
            let nick = &self.words[i + 1];
            let nick_shaped = nick.is_alpha()
                && nick.len() >= 2
                && (nick.has(d::FIRST | d::NICK)
                    || nick.shape == Shape::Capitalized && !nick.has(VOCAB))
                && !nick.has(d::MEDICAL | d::UNIT | d::CREDENTIAL | d::TITLE | d::ROLE);
            if !nick_shaped {
                continue;
            }
            let (left, right) = (self.marks[i].label, self.marks[i + 2].label);
            // No name found on either side yet: the shape itself is the evidence when a listed
            // given name, a listed nickname and a listed surname line up (`John "Jack" Smith
            // was admitted`).
            if left.is_none()
                && right.is_none()
                && nick.has(d::FIRST | d::NICK)
                && self.words[i].has(d::FIRST)
                && self.words[i + 2].has(d::SURNAME)
                && (self.mode != CaseMode::Mixed
                    || self.words[i].shape == Shape::Capitalized
                        && self.words[i + 2].shape == Shape::Capitalized)
            {
                for k in i..=i + 2 {
                    self.mark(k, Label::Name, 0.8, false);
                }
                continue;
            }
            let other = if left == Some(Label::Name) {
                i + 2
            } else if right == Some(Label::Name) {
                i
            } else {
                continue;
            };
            let ok_other = self.marks[other].label == Some(Label::Name)
                || self.name_form(other)
                    && (self.mode != CaseMode::Mixed
                        || self.words[other].shape == Shape::Capitalized)
                    && (self.words[other].has(NAMEISH) || !self.words[other].has(VOCAB))
                    && !self.is_field_label(other);
            if ok_other {
                let sc = self.marks[i].score.max(self.marks[i + 2].score);
                let cued = self.marks[i].cued || self.marks[i + 2].cued;
                self.mark(i + 1, Label::Name, sc * 0.9, cued);
                self.mark(other, Label::Name, sc * 0.9, cued);
            }
        }
        let mut changed = true;
        let mut rounds = 0;
        while changed && rounds < 3 {
            changed = false;
            rounds += 1;
            for i in 0..n {
                if self.marks[i].label != Some(Label::Name) {
                    continue;
                }
                let sc = self.marks[i].score;
                let cued = self.marks[i].cued;
                for j in [i.wrapping_sub(1), i + 1] {
                    if j >= n || self.marks[j].label.is_some() {
                        continue;
                    }
                    let link = if j < i {
                        self.joined(j)
                    } else {
                        self.joined(i)
                    };
                    if !link {
                        continue;
                    }
                    let wj = self.words[j];
                    // Where case says nothing, a common word joins a name only as the surname
                    // after a given name (`mary green`), not before a name or after a
                    // surname (`drop stas`, `speak eng`, `mc staff`, `LARGE AMY`).
                    let common_ok = self.mode == CaseMode::Mixed
                        || !wj.has(d::COMMON)
                        // After a name a field label or title put there (`REVIEWED: HERON
                        // POINT`).
                        || j == i + 1 && cued && sc >= 0.9
                        || j == i + 1
                            && self.words[i].len() > 2
                            && self.words[i].has(d::FIRST | d::NICK)
                            && !self.words[i].has(VOCAB)
                        // `faith ramos`: a given name before a surname.
                        || j + 1 == i
                            && wj.has(d::FIRST | d::NICK)
                            && self.words[i].len() > 2
                            && self.words[i].has(d::SURNAME)
                            && !self.words[i].has(VOCAB);
                    let ok = self.is_initial(j)
                        || (wj.has(NAMEISH)
                            && !wj.has(
                                d::MEDICAL
                                    | d::UNIT
                                    | d::CREDENTIAL
                                    | d::TITLE
                                    | d::ROLE
                                    | d::MONTH,
                            )
                            && !self.is_stop(j)
                            && common_ok
                            && (self.mode != CaseMode::Mixed
                                || wj.shape != Shape::Lower
                                || self.words[i].shape == Shape::Lower))
                        || (self.mode == CaseMode::Mixed
                            && matches!(wj.shape, Shape::Capitalized | Shape::Other)
                            && !wj.has(
                                VOCAB
                                    | d::CREDENTIAL
                                    | d::TITLE
                                    | d::FACILITY
                                    | d::MONTH
                                    | d::WEEKDAY,
                            )
                            && !self.is_stop(j)
                            && !self.is_field_label(j))
                        || is_particle(self.lw(j)) && j < i
                        // After a given name, particles lead on to a surname: `Anna van der
                        // Berg`, `Juan De Los Santos`.
                        || is_particle(self.lw(j)) && j == i + 1 && self.particles_lead_to_name(j);
                    // Where case says nothing, an unknown word (no list, no typo) next to a
                    // name a cue found: `WANJIRU GUO REASSESSED`.
                    let ok = ok
                        || self.mode != CaseMode::Mixed
                            && cued
                            && wj.is_alpha()
                            && wj.len() >= 3
                            && !wj.has(VOCAB | d::CREDENTIAL | d::TITLE | d::ROLE | d::UNIT)
                            && !self.is_stop(j)
                            && !self.misspelled(j)
                            && !self.is_field_label(j);
                    // `May Ford`, `April Jones`, `Will Smith`: a capitalised given name that is
                    // a month or a function word, right before a name with good evidence.
                    let ok = ok
                        || j + 1 == i
                            && sc > 0.7
                            && self.words[i].shape == Shape::Capitalized
                            && self.capital_given_name(j)
                            && !wj.has(d::MEDICAL | d::UNIT | d::CREDENTIAL | d::TITLE | d::ROLE);
                    // `Ji-woo`, `Marc-antoine`: a lower-case part after a hyphen.
                    let hyphen_part = j == i + 1
                        && self.gap(i) == "-"
                        && wj.is_alpha()
                        && wj.len() >= 2
                        && !wj.has(d::COMMON | d::MEDICAL | d::UNIT);
                    let ok = ok || hyphen_part;
                    if ok && !(j > i && wj.len() == 1 && matches!(self.gap(i), "'" | "\u{2019}")) {
                        self.mark(j, Label::Name, sc * 0.9, cued);
                        changed = true;
                    }
                }
            }
        }
        // 5. Places and organisations.
        self.places_and_orgs();
        self.dedications();
        self.affiliations();
        self.names_in_brackets_after_roles();
        self.facility_acronyms();
        self.hospital_nicknames();
        self.children_with_ages();
        self.names_after_rooms();
        self.street_names();
        // 6. Context allow-list: eponyms before a clinical head noun.
        for i in 0..n {
            // A test or scale named after a person or a place, one or two capitalised words
            // before its head (`Hopkins Verbal Learning Test`, `Boston Naming Test`, `Wisconsin
            // Card Sorting Test`, `Rey Complex Figure`).
            if matches!(self.marks[i].label, Some(Label::Name | Label::Location))
                && !self.marks[i].cued
                && self.instrument_after(i)
            {
                self.marks[i].label = None;
                continue;
            }
            // A pet's name identifies no one (`dog named Chispa`, `parakeet named Pippo`, `dog
            // Rocco`).
            if self.marks[i].label == Some(Label::Name) && self.pet_name(i) {
                self.marks[i].label = None;
                continue;
            }
            if self.marks[i].label != Some(Label::Name) || self.marks[i].cued {
                continue;
            }
            let mut j = i + 1;
            if j < n
                && self.words[j].len() == 1
                && matches!(self.gap(i), "'" | "\u{2019}")
                && b[self.words[j].start] | 0x20 == b's'
            {
                j += 1;
            }
            // A score named after a person before its value (`Braden 14`, `Morse high`,
            // `Clavien-Dindo grade V`, `House-Brackmann IV`).
            if self.score_eponym(i) {
                self.marks[i].label = None;
                continue;
            }
            // Past the other names of a hyphenated eponym (`Jackson-Pratt drain`,
            // `Reed-Sternberg cells`).
            while j < n && self.gap(j - 1) == "-" && self.words[j].shape == Shape::Capitalized {
                j += 1;
            }
            // The head follows in the same phrase: not after a sentence's or a clause's end
            // (`Seen in Boston. Tumor not tested.`).
            if j < n && j > 0 && !self.gap(j - 1).contains(['\n', '.', ',', ';', ':']) {
                let head = self.lw(j);
                if self.words[j].has(d::EPONYM_HEAD)
                    || self.words[j].has(d::MEDICAL) && head.ends_with("itis")
                {
                    self.marks[i].label = None;
                }
            }
        }
        // 6b. `Brigham and Women's`: two found words joined by `and`, the second possessive,
        // are one facility's name.
        for i in self.walk(1, n.saturating_sub(2), c::EVERY, c::LEN3 | c::GAP_SPACE) {
            if self.words[i].len() != 3
                || self.lw(i) != "and"
                || self.mode != CaseMode::Mixed
                || self.gap(i - 1) != " "
                || self.gap(i) != " "
                || !matches!(self.gap(i + 1), "'" | "\u{2019}")
                || self.lw(i + 2) != "s"
                || self.marks[i - 1].label.is_none()
                || self.marks[i + 1].label.is_none()
                || self.words[i - 1].shape != Shape::Capitalized
                || self.words[i + 1].shape != Shape::Capitalized
            {
                continue;
            }
            // A word after `and` (`Women's`) makes it a place; two names (`Smith and
            // Jones's team`) stay people.
            let label = if self.words[i + 1].has(VOCAB)
                || self.marks[i - 1].label == Some(Label::Location)
                || self.marks[i + 1].label == Some(Label::Location)
            {
                Label::Location
            } else {
                Label::Name
            };
            for k in [i - 1, i, i + 1] {
                self.mark(k, label, 0.8, true);
                self.marks[k].label = Some(label);
            }
        }
        self.table_signers();
        // 6c. Given names that are common words, capitalised where no sentence starts.
        self.common_given_names();
        // 7. Propagation: a word found as a name or place with good evidence is the same name
        // or place wherever else it occurs in the segment (`to GH` ... `GH attorneys`,
        // `Radu wishes` ... `Radu verbalizes`).
        self.hyphen_parts();
        self.after_quoted_nicknames();
        self.propagate();
        // 8. An initial without its period before a name (`J SMITH ORDERED`, `per d ross`):
        // a single letter, not `a` or `I`, not part of `p.o.` or `M.D.`; in mixed-case text
        // only a capital.
        for i in 1..n {
            let p = i - 1;
            let w = self.words[p];
            if self.marks[i].label != Some(Label::Name)
                || self.marks[p].label.is_some()
                || w.len() != 1
                || !b[w.start].is_ascii_alphabetic()
                || matches!(b[w.start] | 0x20, b'a' | b'i')
                || self.gap(p) != " "
                || p > 0 && self.gap(p - 1) == "."
                || self.dotted_credential(p)
                || self.mode == CaseMode::Mixed && !b[w.start].is_ascii_uppercase()
            {
                continue;
            }
            let m = self.marks[i];
            self.mark(p, Label::Name, m.score, m.cued);
        }
        // 8b. A bare middle initial after a name carries the listed surname after it
        // (`PATIENT NAME: JOHN Q SMITH`, `Mary K Jones`).
        for i in 0..n.saturating_sub(2) {
            let (m, k) = (i + 1, i + 2);
            let wm = self.words[m];
            let wk = self.words[k];
            if self.marks[i].label != Some(Label::Name)
                || self.marks[m].label.is_some()
                || self.marks[k].label.is_some()
                || wm.len() != 1
                || !b[wm.start].is_ascii_uppercase()
                || matches!(b[wm.start], b'A' | b'I')
                || self.gap(i) != " "
                || self.gap(m) != " "
                || !wk.has(d::SURNAME | d::FIRST)
                || wk.has(d::MEDICAL | d::UNIT | d::ROLE | d::CREDENTIAL | d::TITLE)
                || self.is_stop(k)
                || self.is_field_label(k)
                || self.mode == CaseMode::Mixed && wk.shape != Shape::Capitalized
            {
                continue;
            }
            let sc = self.marks[i].score;
            let cued = self.marks[i].cued;
            self.mark(m, Label::Name, sc, cued);
            self.mark(k, Label::Name, sc, cued);
        }
        // 8c. The parts of a name that no rule accepts alone: the lower-case second syllable
        // of a Korean or Chinese given name (`Sung-min`, `Ji-yeon`; `min` is a unit), and the
        // elided `O'` / `D'` of a lower-case surname (`pt o'sullivan`).
        for i in 0..n {
            if self.marks[i].label != Some(Label::Name) {
                continue;
            }
            let (sc, cued) = (self.marks[i].score, self.marks[i].cued);
            let w = self.words[i];
            if i + 1 < n
                && self.marks[i + 1].label.is_none()
                && w.shape == Shape::Capitalized
                && w.len() <= 5
                && self.gap(i) == "-"
                && {
                    let next = self.words[i + 1];
                    next.shape == Shape::Lower
                        && next.is_alpha()
                        && (2..=5).contains(&next.len())
                        // `Rob-who`, `Long-term`, `Smith-like`: a word, not a syllable;
                        // after a surname and a first syllable a short common word is one
                        // (`Lee Hye-won`).
                        && !next.has(d::STOPWORD)
                        && (!next.has(d::COMMON)
                            || next.len() <= 3
                                && i > 0
                                && self.marks[i - 1].label == Some(Label::Name)
                                && self.gap(i - 1) == " ")
                        && (next.len() <= 3 || !next.has(d::ENGLISH))
                        && (i + 2 >= n || !self.gap(i + 1).starts_with('-'))
                }
            {
                self.mark(i + 1, Label::Name, sc, cued);
            }
            if i > 0
                && self.marks[i - 1].label.is_none()
                && self.words[i - 1].len() == 1
                && matches!(self.lw(i - 1), "o" | "d")
                && matches!(self.gap(i - 1), "'" | "\u{2019}")
            {
                self.mark(i - 1, Label::Name, sc, cued);
            }
        }
        self.foster_families();
        self.emit(out);
        self.cjk_names(out);
    }

    /// A name written in Chinese or Korean script inside text in a Latin script (`Assistant:
    /// 赵洋, ANP-BC`, `RE: 김민준`): a word of two or three ideographs or Hangul syllables that
    /// starts with a common surname (`CJK_SURNAMES`; punctuation of those scripts glued to it
    /// aside) is a name there, whatever the cue. Four letters are as often a phrase (`非常感谢`,
    /// thank you very much), and `COMMON_CJK` lists the words notes quote. Appends the run
    /// itself to `out`, without what is glued to it. In text mostly in those scripts short
    /// runs are ordinary words, so the rule stays off when they hold half or more of the
    /// segment's letters.
    /// True when the words from `j` on, after a speaker's label, are speech rather than a
    /// name (`PATIENT: Yeah, loud and clear`, `PROVIDER: Tell me more`, `RN: morning all`):
    /// in mixed case, a lower-case word of the vocabulary, or a capitalised one that is no
    /// given name before a sentence's end or a lower-case word of the vocabulary.
    fn speech_after_label(&self, j: usize) -> bool {
        if self.mode != CaseMode::Mixed {
            return false;
        }
        let w = self.words[j];
        if !w.has(VOCAB) || w.has(d::FIRST | d::NICK) {
            return false;
        }
        if w.shape == Shape::Lower {
            return true;
        }
        let Some(next) = self.words.get(j + 1) else {
            return false;
        };
        let g = self.gap(j);
        g.starts_with(['.', '!', '?'])
            || matches!(g, " " | ", ")
                && next.shape == Shape::Lower
                && next.has(VOCAB | d::STOPWORD)
    }

    /// Rule 4d of `run`: `SURNAME, Given` alone in a table cell or after a field label.
    fn roster_names(&mut self) {
        let n = self.words.len();
        let blocked = NOT_HEADER_NAME | d::STATE;
        // A cell boundary: a line break, a tab, two spaces, or a slash, a bar or a double
        // dash between spaces (`| 20:47 | LIU, Emily`, `BED 1 -- WARSAME, Hodan`).
        let cell = |g: &str| {
            g.contains('\n')
                || g.contains('\t')
                || g.contains("  ")
                || g.contains(" / ")
                || g.contains(" | ")
                || g.contains(" -- ")
        };
        for i in self.walk(0, n.saturating_sub(1), c::GAP_COMMA, c::UPPER) {
            let g = self.gap(i);
            let (a, w) = (self.words[i], self.words[i + 1]);
            if a.shape != Shape::Upper
                || !(g == ", " || g == "," && w.shape == Shape::Upper)
                || a.len() < 2
                || self.marks[i].label.is_some_and(|l| l != Label::Name)
                || a.has(blocked)
                || !a.has(d::SURNAME) && a.has(VOCAB)
                || self.is_stop(i)
            {
                continue;
            }
            let opens = i == 0 || {
                let before = self.gap(i - 1);
                cell(before) || before.trim_end().ends_with(':')
            };
            let given_ok = |k: usize| {
                let w = self.words[k];
                w.len() >= 2
                    && matches!(w.shape, Shape::Capitalized | Shape::Upper)
                    && (self.mode == CaseMode::Mixed || w.shape == Shape::Upper)
                    && !w.has(blocked)
                    && !self.is_stop(k)
                    && (w.has(d::FIRST | d::NICK) || !w.has(VOCAB) && self.name_form(k))
            };
            // A hyphenated given name may have parts that are words or units elsewhere
            // (`Min-jun`, `Seo-yeon`): the hyphen and the case vouch for it.
            let hyphenated = |k: usize| {
                k + 1 < n
                    && self.gap(k) == "-"
                    && self.words[k].shape == Shape::Capitalized
                    && self.words[k + 1].shape == Shape::Lower
                    && self.words[k + 1].len() >= 2
                    && !self.words[k].has(d::STOPWORD)
                    && !self.words[k + 1].has(d::STOPWORD)
                    && !self.gap(k + 1).starts_with('.')
            };
            if !opens || !(given_ok(i + 1) || self.mode == CaseMode::Mixed && hyphenated(i + 1)) {
                continue;
            }
            // The given name, its hyphenated parts (`Seo-yeon`, `Min-jun`) and a middle
            // initial.
            let mut last = i + 1;
            while last + 1 < n && self.gap(last) == "-" && self.words[last + 1].is_alpha() {
                last += 1;
            }
            if last + 1 < n
                && self.gap(last) == " "
                && self.words[last + 1].len() == 1
                && self.b()[self.words[last + 1].start].is_ascii_uppercase()
            {
                last += 1;
            }
            // Or a date of birth in parentheses after it (`LIU, Emily (09/09/2012)`).
            let closes = last + 1 >= n
                || cell(self.gap(last))
                || self.gap(last) == " (" && self.words[last + 1].shape == Shape::Digits;
            if closes {
                for k in i..=last {
                    self.mark(k, Label::Name, 0.85, false);
                }
            }
        }
    }

    /// True when word `i` (or the hyphenated pair it belongs to) is a score named after a
    /// person and its value follows: a number, a comparison, a roman numeral, or a grade,
    /// level, score or class word.
    /// Word `i` is an animal's name: right after the animal (`dog Rocco`, `his cat, Mango`) or
    /// after it and `named` or `called` (`a parakeet named Pippo`), on one line.
    fn pet_name(&self, i: usize) -> bool {
        const ANIMALS: &[&str] = &[
            "dog", "dogs", "puppy", "cat", "cats", "kitten", "parakeet", "parrot", "bird", "horse",
            "pony", "hamster", "rabbit", "pet", "pets", "goldfish", "lizard", "snake", "turtle",
            "ferret", "guinea",
        ];
        // Joined by a space or a comma and a space.
        let near = |k: usize| {
            k < i && self.gap(k).len() <= 2 && {
                let g = self.gap(k).trim_start_matches(',');
                g.is_empty() || g == " "
            }
        };
        let Some(p) = i.checked_sub(1) else {
            return false;
        };
        // The animal is a word, not part of the name (`Bunny Ng`, `Cat Stevens`).
        let animal = |k: usize| {
            self.marks[k].label.is_none()
                && self.words[k].shape != Shape::Capitalized
                && ANIMALS.contains(&self.lw(k))
        };
        if animal(p) && near(p) {
            return true;
        }
        matches!(self.lw(p), "named" | "called")
            && near(p)
            && p >= 1
            && near(p - 1)
            && animal(p - 1)
    }

    /// Word `i` opens the name of a test or a scale in mixed-case text: one or two capitalised
    /// words joined to it, then `Test`, `Scale`, `Inventory`, `Questionnaire`, `Battery` or
    /// `Figure` (see step 6 of `run`).
    fn instrument_after(&self, i: usize) -> bool {
        if self.mode != CaseMode::Mixed {
            return false;
        }
        let n = self.words.len();
        (i + 2..=i + 3).any(|h| {
            h < n
                && (i..h).all(|k| {
                    matches!(self.gap(k), " " | "-")
                        && self.words[k + 1].shape == Shape::Capitalized
                })
                && matches!(
                    self.lw(h),
                    "test" | "scale" | "inventory" | "questionnaire" | "battery" | "figure"
                )
        })
    }

    fn score_eponym(&self, i: usize) -> bool {
        let n = self.words.len();
        let listed = |k: usize| SCORE_EPONYMS.contains(&self.lw(k));
        // The last word of `Clavien-Dindo`, `House-Brackmann`, `Tyrer-Cuzick`.
        let mut last = i;
        while last + 1 < n && self.gap(last) == "-" && self.words[last + 1].is_alpha() {
            last += 1;
        }
        // The surname of a longer name is no score (`rep N. Wagner 339 555 5757`, `van der
        // Berg 90 y/o`).
        let in_name = i > 0 && self.joined(i - 1) && self.marks[i - 1].label == Some(Label::Name);
        if in_name || !(i..=last).any(listed) || last + 1 >= n {
            return false;
        }
        let g = self.gap(last);
        let next = self.words[last + 1];
        // `Morse 85`, `Morse Fall Score`, `Fall risk (Morse): 85`.
        let value = matches!(g, " " | " <" | " >" | " <=" | " >=" | ": " | " of " | "): ")
            && (next.shape == Shape::Digits
                || matches!(
                    self.lw(last + 1),
                    "fall"
                        | "grade"
                        | "score"
                        | "scale"
                        | "class"
                        | "stage"
                        | "level"
                        | "high"
                        | "low"
                        | "moderate"
                        | "i"
                        | "ii"
                        | "iii"
                        | "iv"
                        | "v"
                        | "vi"
                        | "ia"
                        | "ib"
                        | "iia"
                        | "iib"
                        | "iic"
                        | "iiia"
                        | "iiib"
                        | "iiic"
                        | "iva"
                        | "ivb"
                ));
        value || g == "-" && next.shape == Shape::Digits
    }

    fn cjk_names(&self, out: &mut Vec<Span>) {
        fn cjk_letter(c: char) -> bool {
            matches!(c,
                '\u{3040}'..='\u{30ff}'   // hiragana, katakana
                | '\u{3400}'..='\u{4dbf}' // CJK extension A
                | '\u{4e00}'..='\u{9fff}' // CJK unified ideographs
                | '\u{ac00}'..='\u{d7af}' // Hangul syllables
            )
        }
        let mut mostly_latin: Option<bool> = None;
        for i in self.walk(0, self.words.len(), c::HIGH_FIRST, 0) {
            let w = self.words[i];
            // Two or three such letters are 6 to 9 bytes; glued punctuation adds a few.
            if !(6..=24).contains(&w.len()) || self.b()[w.start] < 0x80 {
                continue;
            }
            // The run of such letters the word starts with (after an opening bracket or
            // quote), up to a punctuation mark of the script or a Latin letter glued to it
            // (`張敏，a`).
            let t = self.text[w.start..w.end].trim_start_matches(|c: char| !c.is_alphanumeric());
            let run = t.find(|c: char| !cjk_letter(c)).unwrap_or(t.len());
            let letters = t[..run].chars().count();
            if !(2..=3).contains(&letters)
                || t[run..]
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_alphanumeric() && !c.is_ascii())
                || COMMON_CJK.contains(&&t[..run])
            {
                continue;
            }
            // A Chinese or Korean name starts with a surname (`赵洋`, `김민준`); a word of the
            // language does not (`診察: 安定`, consultation: stable). Japanese names, whose
            // surnames are words of two or more kanji, are left to the other rules.
            if !t.chars().next().is_some_and(|c| CJK_SURNAMES.contains(c)) {
                continue;
            }
            let latin = *mostly_latin.get_or_insert_with(|| {
                let (mut cjk, mut all) = (0usize, 0usize);
                for c in self.text.chars().filter(|c| c.is_alphabetic()) {
                    all += 1;
                    cjk += usize::from(cjk_letter(c));
                }
                cjk * 2 < all
            });
            if !latin {
                return;
            }
            let s = w.end - t.len();
            if let Some(sp) =
                Span::checked(self.text, s, s + run, Label::Name, 0.6, Source::Context)
            {
                out.push(sp);
            }
        }
    }

    /// Street names without a house number in mixed-case text (`Lives on Wilson Ave`,
    /// `Walgreens on Harbor Blvd`, `Joe's Diner on Main Street`): one to three capitalised
    /// words before a capitalised road suffix. After the suffixes that are also common
    /// nouns (`Drive`, `Court`, `Place`, `Way`) only a listed name or an unknown word counts
    /// (`Respiratory Drive` is no street).
    /// A facility dedicated to `Our Lady` carries the dedication in its name: `Our Lady of
    /// Mercy Hospital`, `OUR LADY OF THE LAKE`. The place rules find the name after `of`; the
    /// words before it join the place.
    fn dedications(&mut self) {
        for j in 3..self.words.len() {
            if self.marks[j].label != Some(Label::Location)
                || self.marks[j - 1].label == Some(Label::Location)
            {
                continue;
            }
            if let Some(d) = self.dedication_before(j) {
                for k in d..j {
                    self.marks[k] = self.marks[j];
                }
            }
        }
    }

    /// The person column of a medication table, right before the date that ends a row of a
    /// dose (`warfarin\t2.5 mg\tPO\tdaily\tKing\t9/10/14`, `lorazepam  0.5 mg  PO  q6h PRN
    /// J. St. John  7/28`): the nurse who gave or the clinician who prescribed it. A cell of
    /// one to four words, one of them a listed name, a word in no vocabulary or a CJK name
    /// (initials alone are not enough); no status word (`Held`, `Given`).
    fn table_signers(&mut self) {
        let n = self.words.len();
        let b = self.b();
        // Cells are apart by a tab or two spaces and nothing else (checked byte by byte: most
        // gaps are one space and fail at once).
        let column = |g: &str| {
            let g = g.as_bytes();
            (g.len() >= 2 || g == b"\t")
                && g.iter().all(|&c| c == b' ' || c == b'\t')
                && (g.contains(&b'\t') || g.ends_with(b"  "))
        };
        for j in self.walk(1, n.saturating_sub(1), c::EVERY, c::NEXT_DIGITS | c::ALPHA) {
            // The date cell: digits with `/` or `-`, the last thing on its line.
            if self.words[j + 1].shape != Shape::Digits
                || !self.words[j].is_alpha()
                || !column(self.gap(j))
            {
                continue;
            }
            let date_start = self.words[j + 1].start;
            let date_end = b[date_start..]
                .iter()
                .position(|c| c.is_ascii_whitespace())
                .map_or(b.len(), |p| date_start + p);
            let date = &b[date_start..date_end];
            let line_ends = b[date_end..]
                .iter()
                .take_while(|&&c| c != b'\n')
                .all(|c| c.is_ascii_whitespace());
            if !line_ends
                || !date.iter().any(|&c| c == b'/' || c == b'-')
                || !date
                    .iter()
                    .all(|&c| c.is_ascii_digit() || c == b'/' || c == b'-')
            {
                continue;
            }
            // The cell before it.
            let mut c = j;
            while c > 0 && j - c < 3 && !column(self.gap(c - 1)) && !self.gap(c - 1).contains('\n')
            {
                c -= 1;
            }
            if c == 0 || !column(self.gap(c - 1)) {
                continue;
            }
            // A row of a dose: a unit word earlier on the line.
            let dose = (0..c)
                .rev()
                .take_while(|&k| !self.gap(k).contains('\n'))
                .any(|k| {
                    matches!(
                        self.lw(k),
                        "mg" | "mcg" | "g" | "ml" | "units" | "unit" | "u" | "meq" | "tab" | "tabs"
                    )
                });
            if !dose {
                continue;
            }
            let status = (c..=j).any(|k| {
                matches!(
                    self.lw(k),
                    "held"
                        | "given"
                        | "refused"
                        | "active"
                        | "discontinued"
                        | "completed"
                        | "pending"
                        | "stopped"
                        | "self"
                        | "patient"
                        | "pt"
                        | "home"
                )
            });
            let namey = |k: usize| {
                let w = self.words[k];
                w.shape == Shape::Uncased
                    || w.len() == 1 && matches!(w.shape, Shape::Upper | Shape::Capitalized)
                    || matches!(w.shape, Shape::Capitalized | Shape::Upper | Shape::Other)
                        && !self.is_stop(k)
                        && (w.has(NAMEISH) || !w.has(VOCAB) && !self.misspelled(k))
            };
            if status || !(c..=j).any(|k| namey(k) && self.words[k].len() > 1) {
                continue;
            }
            for k in c..=j {
                if self.words[k].is_alpha() {
                    self.mark(k, Label::Name, 0.7, true);
                }
            }
        }
    }

    /// A clinician's institution in brackets after the name, as an acronym that is no clinical,
    /// English or unit word: `Dr. D. Dovastad (UCSF)`, `Laura Hill MD PhD (BIDMC)`.
    fn affiliations(&mut self) {
        let n = self.words.len();
        for i in self.walk(1, n, c::EVERY, c::UPPER) {
            let w = self.words[i];
            if w.shape != Shape::Upper
                || !(3..=6).contains(&w.len())
                || w.has(
                    VOCAB
                        | d::CREDENTIAL
                        | d::ROLE
                        | d::TITLE
                        | d::STATE
                        | d::COUNTRY
                        | d::MONTH
                        | d::WEEKDAY,
                )
                || self.marks[i].label.is_some()
                || !self.gap(i - 1).ends_with(" (")
                || self.b().get(w.end) != Some(&b')')
                || self.gap(i - 1).contains('\n')
            {
                continue;
            }
            // The name, maybe followed by its credentials (`MD PhD`).
            let mut k = i - 1;
            while k > 0 && self.words[k].has(d::CREDENTIAL) && !self.gap(k - 1).contains('\n') {
                k -= 1;
            }
            if self.marks[k].label == Some(Label::Name) {
                self.mark(i, Label::Location, 0.6, true);
            }
        }
    }

    /// A patient named by room in a sign-out or cross-cover log (`rm 509 rosalind foley:
    /// "foley not draining"`, `rm 526 (hollis bright, 72 yo, pna`): after `rm`, `room` or `bed`
    /// and its number (a bracket between allowed), one or two words, each a listed name that
    /// is no word or a word in no vocabulary (and no typo of one), or
    /// a surname or an eponym's word after a given name, then a colon, a comma, a closing
    /// bracket or the segment's end. Any case: such logs are typed in lower case.
    fn names_after_rooms(&mut self) {
        let n = self.words.len();
        for i in self.walk(
            0,
            n.saturating_sub(2),
            c::LEN2 | c::LEN3 | c::LEN4,
            c::ALPHA,
        ) {
            if !matches!(self.lw(i), "rm" | "room" | "bed")
                || self.words[i + 1].shape != Shape::Digits
                || self.words[i + 1].len() > 4
                || self.gap(i) != " "
            {
                continue;
            }
            if !matches!(self.gap(i + 1), " " | " (") {
                continue;
            }
            // A listed name that is no word (`hollis`; not `rm 5 bath done,`, `rm 305
            // north:`).
            let name_word = |k: usize| {
                let w = self.words[k];
                w.is_alpha()
                    && w.len() >= 2
                    && !w.has(d::MONTH | d::WEEKDAY | d::TITLE | d::ROLE | d::STOPWORD)
                    && (w.has(NAMEISH) && !w.has(d::MEDICAL | VOCAB) || self.unknown_non_typo(k))
            };
            let s = i + 2;
            let mut e = s;
            if !name_word(s) {
                continue;
            }
            // After a given name, a listed surname or an eponym's word is the surname
            // (`hollis bright`, `rosalind foley`).
            let eponym = |k: usize| {
                self.words[s].has(d::FIRST)
                    && (self.words[k].has(d::SURNAME) && !self.words[k].has(d::STOPWORD)
                        || self.words[k].has(d::MEDICAL)
                            && !self.words[k].has(d::ENGLISH | d::COMMON | d::UNIT | d::STOPWORD))
            };
            if e + 1 < n && self.gap(e) == " " && (name_word(e + 1) || eponym(e + 1)) {
                e += 1;
            }
            let closes =
                e + 1 >= n || matches!(self.gap(e).as_bytes().first(), Some(b':' | b',' | b')'));
            if closes {
                for k in s..=e {
                    self.mark(k, Label::Name, 0.7, true);
                }
            }
        }
    }

    /// Children or grandchildren listed with their ages, after the plural that introduces
    /// them in the sentence (`Two children: Jayden (10) ...; Harmony (4)`, `grandkids (Lily 7,
    /// Jonah 4)`): a capitalised listed given name before a bracketed or bare age under 30,
    /// even a word of the vocabulary.
    fn children_with_ages(&mut self) {
        if self.mode != CaseMode::Mixed {
            return;
        }
        let n = self.words.len();
        let mut listing = false;
        for i in 0..n.saturating_sub(1) {
            let w = self.words[i];
            // The list ends with its line or its sentence.
            if listing && i > 0 && self.gap(i - 1).contains(['\n', '.']) {
                listing = false;
            }
            // Most words are no plural of kin: their first letter and length say so.
            if (4..=13).contains(&w.len())
                && matches!(self.b()[w.start] | 0x20, b'c' | b'k' | b'g' | b's' | b'd')
                && matches!(
                    self.lw(i),
                    "children"
                        | "kids"
                        | "grandkids"
                        | "grandchildren"
                        | "sons"
                        | "daughters"
                        | "siblings"
                        | "stepchildren"
                )
            {
                listing = true;
                continue;
            }
            if !listing
                || w.shape != Shape::Capitalized
                || !w.has(d::FIRST)
                || w.has(d::MONTH | d::WEEKDAY | d::TITLE | d::ROLE)
                || self.marks[i].label.is_some()
            {
                continue;
            }
            let age = self.words[i + 1];
            let gap = self.gap(i);
            let closes = self
                .b()
                .get(age.end)
                .is_some_and(|&c| matches!(c, b')' | b',' | b';'));
            if age.shape == Shape::Digits
                && age.len() <= 2
                && matches!(gap, " (" | " ")
                && closes
                && self.text[age.start..age.end]
                    .parse::<u32>()
                    .is_ok_and(|v| v < 30)
            {
                self.mark(i, Label::Name, 0.7, true);
            }
        }
    }

    /// A hospital by its nickname in mixed-case text: `the Mount`, `the General` after `at`,
    /// `to`, `from` or `with`, where no capitalised word follows (`the General Surgery team`
    /// is a service).
    fn hospital_nicknames(&mut self) {
        if self.mode != CaseMode::Mixed {
            return;
        }
        let n = self.words.len();
        for i in self.walk(2, n, c::EVERY, c::CAPITALIZED) {
            let w = self.words[i];
            if w.shape != Shape::Capitalized
                || !matches!(self.lw(i), "mount" | "general")
                || self.marks[i].label.is_some()
                || self.lw(i - 1) != "the"
                || !self.joined(i - 1)
                || !self.joined(i - 2)
                || !matches!(self.lw(i - 2), "at" | "to" | "from" | "with")
                || i + 1 < n
                    && self.gap(i) == " "
                    && matches!(self.words[i + 1].shape, Shape::Capitalized | Shape::Upper)
            {
                continue;
            }
            self.mark(i, Label::Location, 0.7, true);
        }
    }

    /// A facility's acronym in brackets right after its found name, which then counts wherever
    /// else it stands (`CAPE ANN COMMUNITY HOSPITAL (CACH)` ... `AT CACH`, `Lawrence Memorial
    /// (LMH)`, `ST. JOHN'S ACUTE REHAB ("SJAR")`): its letters follow the initials of the name's
    /// words, or, where it is no clinical, English or unit word (`Mercy Hospital (ED)`), at
    /// least its first letter opens one of them.
    fn facility_acronyms(&mut self) {
        let n = self.words.len();
        for i in self.walk(1, n, c::EVERY, c::UPPER | c::ALPHA) {
            let w = self.words[i];
            let p = self.marks[i - 1].label;
            if w.shape != Shape::Upper
                || !(2..=6).contains(&w.len())
                || !w.is_alpha()
                || self.marks[i].label.is_some()
                || !matches!(p, Some(Label::Location | Label::Organization))
                || !matches!(self.gap(i - 1).trim_start(), "(" | "(\"")
                || !matches!(self.b().get(w.end), Some(b')' | b'"' | b'-'))
            {
                continue;
            }
            // The found name's words, back to the start of its run.
            let mut k = i - 1;
            while k > 0
                && i - k < 8
                && self.marks[k - 1].label == p
                && !self.gap(k - 1).contains('\n')
            {
                k -= 1;
            }
            let initial = |j: usize| self.b()[self.words[j].start].to_ascii_uppercase();
            let letters = &self.b()[w.start..w.end];
            let mut rest = (k..i).map(initial);
            let follows = letters.iter().all(|c| rest.any(|x| x == *c));
            let opens = (k..i).any(|j| initial(j) == letters[0])
                && !w.has(VOCAB | d::CREDENTIAL | d::ROLE | d::TITLE | d::STATE | d::COUNTRY);
            if (follows || opens)
                && let Some(label) = p
            {
                self.mark(i, label, 0.8, true);
            }
        }
    }

    /// Word `i` is a state's abbreviation after a verb of living or moving and `in`, `to` or
    /// `from`, in mixed-case text (`lives in NH`, `moved to PA`).
    fn state_after_living(&self, i: usize) -> bool {
        let w = self.words[i];
        i >= 2
            && self.mode == CaseMode::Mixed
            && w.len() == 2
            && w.shape == Shape::Upper
            && matches!(self.lw(i - 1), "in" | "to" | "from")
            && self.joined(i - 1)
            && self.joined(i - 2)
            && self.dict.is_state_abbrev(&self.b()[w.start..w.end])
            && matches!(
                self.lw(i - 2),
                "lives"
                    | "live"
                    | "lived"
                    | "living"
                    | "resides"
                    | "resided"
                    | "moved"
                    | "moving"
                    | "relocated"
                    | "born"
                    | "raised"
                    | "visiting"
                    | "returned"
            )
    }

    /// A given name alone in brackets after a role or a credential, whatever its case, even a
    /// word of the vocabulary (`SLP (heather)`, `his GA sponsor (Frank)`, `RN (Hope)`).
    fn names_in_brackets_after_roles(&mut self) {
        let n = self.words.len();
        for i in self.walk(1, n, c::flags(d::FIRST), c::ALPHA) {
            let w = self.words[i];
            if !w.has(d::FIRST)
                || w.has(d::WEEKDAY | d::CREDENTIAL | d::TITLE | d::ROLE)
                || !w.is_alpha()
                || w.len() < 3
                || self.marks[i].label.is_some()
                || self.gap(i - 1) != " ("
                || self.b().get(w.end) != Some(&b')')
                || !(self.words[i - 1].has(d::ROLE | d::CREDENTIAL)
                    // A recovery program's sponsor (not a role: `Sponsor: Aurelian Inc.`).
                    || self.lw(i - 1) == "sponsor")
            {
                continue;
            }
            self.mark(i, Label::Name, 0.7, true);
        }
    }

    /// The first word of `Our Lady of` or `Our Lady of the` right before word `j`, joined to
    /// it on its line.
    fn dedication_before(&self, j: usize) -> Option<usize> {
        let d = match j.checked_sub(4) {
            Some(d) if self.lw(d + 3) == "the" => d,
            _ => j.checked_sub(3)?,
        };
        (self.lw(d) == "our"
            && self.lw(d + 1) == "lady"
            && self.lw(d + 2) == "of"
            && (d..j).all(|k| self.joined(k)))
        .then_some(d)
    }

    fn street_names(&mut self) {
        if self.mode != CaseMode::Mixed {
            return;
        }
        let n = self.words.len();
        for i in self.walk(1, n, c::flags(d::STREET), 0) {
            let w = self.words[i];
            // Every suffix below is on the street-suffix list.
            if !w.has(d::STREET)
                || !matches!(w.shape, Shape::Capitalized | Shape::Upper)
                || w.len() > 9
            {
                continue;
            }
            let strong = matches!(
                self.lw(i),
                "street"
                    | "st"
                    | "avenue"
                    | "ave"
                    | "boulevard"
                    | "blvd"
                    | "road"
                    | "rd"
                    | "lane"
                    | "ln"
                    | "parkway"
                    | "pkwy"
                    | "highway"
                    | "hwy"
                    | "terrace"
                    | "turnpike"
                    | "pike"
            );
            let weak = matches!(self.lw(i), "drive" | "court" | "place" | "way");
            if !strong && !weak {
                continue;
            }
            // An abbreviation in capitals is a clinical one (`Head CT`, `ST elevation`).
            if w.len() <= 4 && w.shape != Shape::Capitalized {
                continue;
            }
            // `St. Mary's`: `St` before a capitalised word is a saint.
            if self.lw(i) == "st"
                && i + 1 < n
                && self.words[i + 1].shape == Shape::Capitalized
                && !self.gap(i).contains('\n')
                && self.gap(i).trim_start_matches('.').trim().is_empty()
            {
                continue;
            }
            let mut k = i;
            while k > 0 && i - k < 3 && self.gap(k - 1) == " " {
                let wp = self.words[k - 1];
                let ordinal = wp.len() <= 5 && is_ordinal(self.lw(k - 1));
                let word = wp.shape == Shape::Capitalized
                    && wp.is_alpha()
                    // A clinical word is a street's name only when a name or place list
                    // has it too (`Wilson Ave`).
                    && (!wp.has(d::MEDICAL) || wp.has(NAMEISH | d::CITY | d::COUNTY))
                    && !wp.has(
                        d::UNIT
                            | d::TITLE
                            | d::CREDENTIAL
                            | d::FACILITY
                            | d::MONTH
                            | d::WEEKDAY
                            | d::STREET,
                    )
                    && !self.is_stop(k - 1)
                    && (strong || wp.has(NAMEISH) && !wp.has(d::COMMON) || !wp.has(VOCAB));
                if !(word || ordinal) {
                    break;
                }
                k -= 1;
            }
            if k == i
                || self.marks[k..=i]
                    .iter()
                    .any(|m| m.label == Some(Label::Name) && m.cued)
            {
                continue;
            }
            for j in k..=i {
                self.mark(j, Label::Address, 0.75, true);
            }
        }
    }

    fn propagate(&mut self) {
        let n = self.words.len();
        // Keyed by the lower-cased word: one hash lookup per word of the segment.
        let mut found: HashMap<&'a str, (Label, Shape), d::PassThrough> =
            HashMap::with_hasher(d::PassThrough);
        // A 256-bit sketch of the found words (first and last byte, length) in front of the
        // map: most words of a segment miss it, and the sketch answers them without hashing.
        let sketch = |w: &str| {
            let b = w.as_bytes();
            (b[0] as usize ^ ((b[b.len() - 1] as usize) << 2) ^ (b.len() * 37)) & 255
        };
        let mut seen = [0u64; 4];
        for i in 0..n {
            let m = self.marks[i];
            let w = self.words[i];
            let Some(label) = m.label else { continue };
            if !matches!(label, Label::Name | Label::Location)
                || !(m.cued || m.score >= 0.6)
                || !w.is_alpha()
                || w.len() < 2
                || w.len() == 2 && w.shape != Shape::Upper
                || w.has(d::COMMON | d::MEDICAL | d::UNIT | d::CREDENTIAL | d::TITLE | d::STOPWORD)
            {
                continue;
            }
            let lw = self.lw(i);
            // The `MC` of `Tufts MC` is a medical center there, a metacarpal elsewhere; a
            // specialty or a facility word of a place's name is one elsewhere (`Lakeside Detox`
            // ... `Detox x5`, `RIVERBEND PSYCHIATRIC PAVILION` ... `PSYCHIATRIC INTAKE`).
            if lw == "mc"
                || SPECIALTY_HEADS.contains(&lw)
                || w.has(d::FACILITY | d::GENERIC_FACILITY)
            {
                continue;
            }
            seen[sketch(lw) / 64] |= 1 << (sketch(lw) % 64);
            found.entry(lw).or_insert((label, w.shape));
        }
        if found.is_empty() {
            return;
        }
        for i in self.walk(0, n, c::EVERY, c::ALPHA) {
            if self.marks[i].label.is_some() {
                continue;
            }
            let w = self.words[i];
            if !w.is_alpha() || w.len() < 2 {
                continue;
            }
            let lw = self.lw(i);
            if seen[sketch(lw) / 64] & 1 << (sketch(lw) % 64) == 0 {
                continue;
            }
            if let Some(&(label, shape)) = found.get(lw) {
                // In mixed-case text only the same shape (`Will` the name, not `will`).
                if self.mode == CaseMode::Mixed && w.shape != shape {
                    continue;
                }
                self.mark(i, label, 0.6, false);
            }
        }
    }

    /// As [`sentence_start`](Self::sentence_start) for prose that wraps: a sentence, a list
    /// item or a heading starts at word `i` when the text before it ends a sentence or a label
    /// or a clause (`.`, `!`, `?`, `:`, `;`, a dash, two spaces or a tab), a blank line, a
    /// bullet or a parenthesis comes before it, or the line before ends with a capitalised word
    /// (a heading); a single line break after a lower-case word is a wrapped sentence (`her
    /// mother` / `Crystal in`).
    fn prose_sentence_start(&self, i: usize) -> bool {
        if i == 0 {
            return true;
        }
        let g = self.gap(i - 1);
        if g.contains(['.', '!', '?', ':', ';', '(', '*', '>', '\t', '\u{2022}'])
            || g.contains("  ")
            || g.trim_end().ends_with('-')
        {
            return true;
        }
        let Some(nl) = g.rfind('\n') else {
            return false;
        };
        g[..nl].contains('\n')
            || !g[nl + 1..]
                .bytes()
                .all(|c| c == b' ' || c == b'\t' || c == b'\r')
            || self.words[i - 1].shape != Shape::Lower
    }

    /// 6c. A listed given name that is also a common word (`Frank`, `Hope`, `Will`, `Joy`,
    /// `Crystal`), capitalised in mixed-case text where no sentence starts and outside a
    /// capitalised phrase (`Project Hope`, `Grace Chapel`, `Major Depressive Disorder`): `her
    /// husband of 51 years, Frank, at`, `ADLs; Frank manages`, `a friend he calls "Major"`,
    /// `with her mother` / `Crystal in Lowell`. Then the same word at the start of a sentence
    /// before a verb (`Frank retired`, `Hope asks`, `Joy had been singing`).
    fn common_given_names(&mut self) {
        if self.mode != CaseMode::Mixed {
            return;
        }
        let n = self.words.len();
        let blocked = d::MONTH
            | d::WEEKDAY
            | d::MEDICAL
            | d::TITLE
            | d::ROLE
            | d::CREDENTIAL
            | d::STOPWORD
            | d::UNIT
            | d::FACILITY
            | d::FACILITY_HEAD
            | d::ORG_SUFFIX
            | d::STREET
            | d::EPONYM_HEAD
            | d::PLACE_CUE
            | d::PERSON_VERB
            | d::RIGHT_VERB;
        let candidate = |w: &Word| {
            w.shape == Shape::Capitalized
                && w.is_alpha()
                && w.len() >= 3
                && w.has(d::FIRST | d::NICK)
                && w.has(VOCAB)
                && !w.has(blocked)
        };
        // A capitalised word joined to this one by a space: a phrase, not a name alone.
        let phrase = |r: &Self, i: usize| {
            let before = i > 0
                && r.words[i - 1].shape != Shape::Lower
                && r.words[i - 1].is_alpha()
                && r.gap(i - 1).bytes().all(|c| c == b' ' || c == b'\t');
            let after = i + 1 < n
                && r.words[i + 1].shape != Shape::Lower
                && r.words[i + 1].is_alpha()
                && r.gap(i) == " ";
            // `X-Ray`, `Con't`: part of a compound or a contraction.
            let joined = i > 0 && r.gap(i - 1) == "-"
                || i + 1 < n && (r.gap(i) == "-" || r.gap(i) == "'" && r.words[i + 1].len() == 1);
            before || after || joined
        };
        for i in 1..n {
            let w = self.words[i];
            if self.marks[i].label.is_some()
                || !candidate(&w)
                || self.prose_sentence_start(i)
                || phrase(self, i)
            {
                continue;
            }
            // Not a ward (`6 North`), a label (`Brain:`), a numbered thing (`Day 84`, `Job
            // 552903`, `Psalm 23`) or an eponym (`Tanner stage`, `Dawn phenomenon`).
            let numbered = self.words[i - 1].shape == Shape::Digits
                || i + 1 < n
                    && (self.words[i + 1].shape == Shape::Digits
                        || self.words[i + 1].has(d::EPONYM_HEAD)
                        || self.gap(i).trim_start().starts_with([':', '#', '$']));
            // `Hope, Faith and family support.`: a list of capitalised words opening a sentence.
            let listed =
                self.words[i - 1].shape != Shape::Lower && self.prose_sentence_start(i - 1);
            if numbered || listed || matches!(self.lw(i), "male" | "female") {
                continue;
            }
            self.mark(i, Label::Name, 0.6, false);
        }
        // The words found so, and by other rules with evidence (`her daughter, Hope,`).
        let mut found: Vec<&'a str> = Vec::new();
        for i in 0..n {
            let m = self.marks[i];
            if m.label == Some(Label::Name)
                && (m.cued || m.score >= 0.6)
                && candidate(&self.words[i])
            {
                found.push(self.lw(i));
            }
        }
        if found.is_empty() {
            return;
        }
        for i in 0..n.saturating_sub(1) {
            let w = self.words[i];
            if self.marks[i].label.is_some()
                || !candidate(&w)
                || !found.contains(&self.lw(i))
                || phrase(self, i)
            {
                continue;
            }
            let next = self.lw(i + 1);
            let g = self.gap(i);
            let verb = self.words[i + 1].shape == Shape::Lower
                && g == " "
                && (!self.words[i + 1].has(d::STOPWORD)
                    && !matches!(next, "this" | "thus" | "plus" | "always" | "perhaps")
                    && next.len() > 3
                    && (next.ends_with("ed") || next.ends_with('s') && !next.ends_with("ss"))
                    || matches!(
                        next,
                        "had"
                            | "has"
                            | "was"
                            | "is"
                            | "spoke"
                            | "drove"
                            | "drew"
                            | "said"
                            | "thinks"
                            | "wants"
                            | "agreeable"
                            | "will"
                            | "can"
                            | "does"
                    ));
            if verb || g.starts_with("'s ") || g.starts_with(": ") && self.starts_line(i) {
                self.mark(i, Label::Name, 0.6, false);
            }
        }
    }

    /// A residence verb (`lives`, `moved`, `grew`) among the five words before word `i`, on
    /// its line and in its clause: `Lives with her husband in`.
    fn residence_before(&self, i: usize) -> bool {
        for k in (i.saturating_sub(5)..i).rev() {
            if self.gap(k).contains(['\n', '.', ';', ':']) {
                return false;
            }
            if matches!(
                self.lw(k),
                "lives"
                    | "live"
                    | "living"
                    | "lived"
                    | "resides"
                    | "resided"
                    | "residing"
                    | "moved"
                    | "relocated"
                    | "born"
                    | "raised"
                    | "grew"
            ) {
                return true;
            }
        }
        false
    }

    fn places_and_orgs(&mut self) {
        let n = self.words.len();
        let relevant = d::FACILITY_HEAD
            | d::PLACE_CUE
            | d::STATE
            | d::COUNTRY
            | d::PHRASE
            | d::ORG_SUFFIX
            | d::ORG_NAME;
        for i in self.walk(0, n, c::EVERY, c::ALPHA) {
            let w = self.words[i];
            // Most words can start no place rule: skip them before any string comparison. A
            // word of one or two letters and no list matters as `on` (a ward), `VA`, `U` (of
            // MD) or a state abbreviation after a comma.
            if !w.is_alpha()
                || !w.has(relevant)
                    && if w.len() > 2 {
                        !matches!(
                            self.lw(i),
                            "university"
                                | "univ"
                                | "vamc"
                                | "county"
                                | "parish"
                                | "borough"
                                | "home"
                                | "cvs"
                        ) && !is_region_head(self.lw(i))
                    } else {
                        !(matches!(self.lw(i), "on" | "va" | "u" | "of" | "mc")
                            || i > 0 && self.gap(i - 1).starts_with(',')
                            || i > 0 && self.words[i - 1].has(d::CITY)
                            || self.before_plate(i)
                            || self.state_after_living(i))
                    }
            {
                continue;
            }
            let lw = self.lw(i);
            // A state's abbreviation before a vehicle plate: `NH plate 4TX-921`.
            if self.before_plate(i)
                && w.shape == Shape::Upper
                && self.dict.is_state_abbrev(&self.b()[w.start..w.end])
            {
                self.mark(i, Label::Location, 0.8, true);
            }
            // A brand notes name alone (`Walgreens`, `Humana`, `meals on wheels`); `CVS` only
            // as a pharmacy (`sent to CVS`, `the CVS`, `CVS on Bolsa Ave`, `Pharmacy: CVS`),
            // not as chorionic villus sampling or, in lower case, the cardiovascular system
            // (`arrest in cvs on 9/11`, `time at cvs`).
            let pharmacy_cvs = lw == "cvs" && {
                let prev = if i > 0 { self.lw(i - 1) } else { "" };
                let next = if i + 1 < n { self.lw(i + 1) } else { "" };
                let capitals = w.shape == Shape::Upper;
                matches!(prev, "to" | "the" | "called" | "use" | "pharmacy" | "local")
                    || capitals && matches!(prev, "at" | "from")
                    || capitals && matches!(next, "on" | "in")
                    || matches!(next, "pharmacy" | "store")
                    || self.gap(i).starts_with(" #")
            };
            if (w.has(d::ORG_NAME) || pharmacy_cvs) && self.marks[i].label.is_none() {
                self.mark(i, Label::Organization, 0.7, false);
            }
            // `cook county`, `LAKE COUNTY`: a county-list word before `county` (or `parish`,
            // `borough`) names a county whatever the case, even when it is also a word; not
            // before an eponym's head noun (`Cook County protocol`).
            if matches!(lw, "county" | "parish" | "borough")
                && i > 0
                && self.joined(i - 1)
                && self.words[i - 1].has(d::COUNTY)
                && !(i + 1 < n && self.joined(i) && self.words[i + 1].has(d::EPONYM_HEAD))
            {
                self.mark(i - 1, Label::Location, 0.8, true);
                self.mark(i, Label::Location, 0.8, true);
            }
            // A region smaller than a state, named by the word before a geographic head:
            // `Merrimack Valley`, `the North Shore`, `Gulf Coast`, `Upper Peninsula`. In mixed
            // case both words are capitalised and the first is no function word, title or
            // month; in one-case text the first is a listed place or name (`merrimack
            // valley`), since case says nothing there. Not before a disease or other eponym
            // head (`Rift Valley fever`); the head word itself is marked without a cue, so that
            // it does not spread to a lone `Valley` elsewhere in the note.
            if is_region_head(lw)
                && i > 0
                && self.gap(i - 1) == " "
                && !(i + 1 < n && self.joined(i) && self.words[i + 1].has(d::EPONYM_HEAD))
            {
                let p = i - 1;
                let wp = self.words[p];
                let capitalised = |s: Shape| matches!(s, Shape::Capitalized | Shape::Upper);
                // In mixed case a capitalised word after the head continues a longer name
                // (`Pioneer Valley Farms`, `Lehigh Valley Hospital`): the facility and
                // employer rules own it.
                let continues =
                    i + 1 < n && self.gap(i) == " " && capitalised(self.words[i + 1].shape);
                let named = match self.mode {
                    CaseMode::Mixed => {
                        !continues
                            && capitalised(w.shape)
                            && capitalised(wp.shape)
                            && !self.is_stop(p)
                            && !wp.has(d::TITLE | d::ROLE | d::MONTH | d::WEEKDAY)
                    }
                    _ => wp.has(NAMEISH | d::CITY | d::COUNTY | d::STATE) && !self.is_stop(p),
                };
                if named && wp.is_alpha() {
                    self.mark(p, Label::Location, 0.7, true);
                    self.mark(i, Label::Location, 0.55, false);
                }
            }
            // `INTUBATED ON QUARTERMAIN 2`, `on finard 4`: after `on`, a word in no vocabulary
            // (and no typo of one) followed by a ward number is a ward.
            if lw == "on"
                && i + 3 <= n
                && self.gap(i) == " "
                && self.gap(i + 1) == " "
                && self.words[i + 2].shape == Shape::Digits
                && self.words[i + 2].len() <= 2
                // A ward number ends the phrase (`2 FOR`, `4.`), a dose or a duration does not
                // (`20 mg`, `2 weeks`).
                && (i + 3 >= n
                    || self.is_stop(i + 3)
                    || !self.words[i + 3].is_alpha()
                    || self.gap(i + 2).contains(['.', ',', ';', '\n']))
            {
                let j = i + 1;
                let wj = self.words[j];
                if wj.is_alpha()
                    && !wj.has(d::MONTH | d::WEEKDAY)
                    && !self.is_stop(j)
                    && self.unknown_non_typo(j)
                {
                    self.mark(j, Label::Location, 0.6, false);
                }
            }
            // Facility heads: extend left over the facility's name.
            let strong_head = matches!(
                lw,
                "hospital"
                    | "hosp"
                    | "hospitals"
                    | "memorial"
                    | "clinic"
                    | "infirmary"
                    | "hospice"
                    | "manor"
                    | "healthcare"
                    | "institute"
                    | "sanatorium"
                    | "campus"
                    | "facility"
                    | "pavilion"
                    | "va"
            );
            // The next word of the same phrase (`Care Center Unit`; not a table's next field
            // after a column's blanks: `Medical Center    Unit: 5 North`).
            let next_generic = i + 1 < n
                && self.gap(i) == " "
                && matches!(
                    self.lw(i + 1),
                    "unit"
                        | "units"
                        | "team"
                        | "service"
                        | "services"
                        | "plan"
                        | "planning"
                        | "provider"
                        | "providers"
                        | "physician"
                        | "needs"
                        | "management"
                        | "coordination"
                        | "staff"
                        | "status"
                        | "proxy"
                        | "benefit"
                        | "benefits"
                        | "technician"
                );
            let weak_head = !next_generic
                && (matches!(
                lw,
                "regional"
                    | "rehab"
                    | "rehabilitation"
                    | "general"
                    | "center"
                    | "centre"
                    | "health"
                    | "care"
                    | "associates"
                    | "practice"
                    | "group"
                    | "pediatrics"
                    | "cardiology"
                    | "physicians"
                    | "partners"
                    | "medicine"
                    | "clinics"
                    | "pavilion"
                    | "pharmacy"
            ) || SPECIALTY_HEADS.contains(&lw)
                // `Rosales Funeral Home`, `Oak Street Group Home`: a home of a kind.
                || lw == "home"
                    && i > 0
                    && self.gap(i - 1) == " "
                    && matches!(self.lw(i - 1), "funeral" | "nursing" | "group" | "rest" | "foster")
                // `Tufts MC`, `Boston MC`: the abbreviated medical center, in capitals.
                || lw == "mc" && w.shape == Shape::Upper);
            let head = (strong_head || weak_head)
                && (self.mode != CaseMode::Mixed
                    || matches!(w.shape, Shape::Capitalized | Shape::Upper));
            if head {
                // A store's number after a pharmacy names one business (`FRONT RANGE PHARMACY
                // #062`, `RITE CARE PHARMACY STORE #06612`), whatever its words.
                let store = lw == "pharmacy" && {
                    let after = &self.text[w.end..];
                    let after = after
                        .strip_prefix(" STORE")
                        .or_else(|| after.strip_prefix(" Store"))
                        .unwrap_or(after);
                    after
                        .strip_prefix(" #")
                        .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()))
                };
                let mut s = i;
                let mut k = i;
                // `Nursing & Rehab`: an ampersand between two facility words joins them too.
                let amp = |k: usize| {
                    self.gap(k - 1) == " & "
                        && self.words[k - 1].has(d::FACILITY)
                        && self.words[k].has(d::FACILITY)
                };
                while k > 0 && (self.joined(k - 1) || amp(k)) && i - (k - 1) <= 4 {
                    let p = k - 1;
                    let wp = self.words[p];
                    // The possessive `s` of `Children's`, and capitalised words that are roles
                    // elsewhere (`Family Health Center`), belong to the name.
                    let possessive = wp.len() == 1
                        && self.lower.as_bytes()[wp.start] == b's'
                        && matches!(self.gap(p.saturating_sub(1)), "'" | "\u{2019}")
                        && p > 0;
                    let cap_mixed = self.mode == CaseMode::Mixed
                        && matches!(wp.shape, Shape::Capitalized | Shape::Other);
                    let function_word = matches!(
                        self.lw(p),
                        "the"
                            | "a"
                            | "an"
                            | "and"
                            | "or"
                            | "of"
                            | "to"
                            | "at"
                            | "in"
                            | "on"
                            | "for"
                            | "with"
                            | "by"
                            | "from"
                            | "is"
                            | "was"
                    );
                    // `University of Maryland Hospital`
                    let of_in_name = self.lw(p) == "of"
                        && p > 0
                        && matches!(self.lw(p - 1), "university" | "univ" | "u" | "college");
                    // `Nursing and Rehabilitation Center`
                    let and_in_name = self.lw(p) == "and"
                        && p > 0
                        && self.words[p - 1].has(d::FACILITY)
                        && self.words[p + 1].has(d::FACILITY);
                    // `Falmouth Bay Hospital`, `Sunset Bay Manor`: a bay (a ward's bay
                    // elsewhere) after a place or capitalised.
                    let bay_in_name = self.lw(p) == "bay"
                        && (cap_mixed
                            || p > 0
                                && self.joined(p - 1)
                                && self.words[p - 1].has(NAMEISH | d::CITY));
                    // Facility vocabulary inside the name, in any case, even when it is a
                    // role, a stop word or clinical elsewhere (`GREENFIELD NURSING AND
                    // REHABILITATION CENTER`, `SOUTHPORT PRIMARY CARE ASSOCIATES`, `CRESTVIEW
                    // FAMILY HEALTH CENTER`); the run still needs a proper name below.
                    let facility_word = !wp.has(d::UNIT | d::PLACE_CUE)
                        && (wp.has(d::FACILITY)
                            || matches!(self.lw(p), "family" | "primary" | "skilled")
                                && self.words[p + 1].has(d::FACILITY));
                    let ok = possessive
                        || of_in_name
                        || and_in_name
                        || bay_in_name
                        || facility_word
                        || wp.is_alpha()
                            && (!self.is_stop(p) || cap_mixed && !function_word)
                            && !wp.has(d::UNIT | d::PLACE_CUE)
                            && (cap_mixed || !wp.has(d::ROLE | d::PERSON_VERB))
                            && (wp.has(d::FACILITY)
                                || match self.mode {
                                    // An acronym that is no clinical word before a
                                    // capitalised head (`UCSF Medical Center`; not `CHF
                                    // Clinic`, nor a plan's `BCBS PPO Group #`).
                                    CaseMode::Mixed => {
                                        matches!(wp.shape, Shape::Capitalized | Shape::Other)
                                            || store && wp.shape == Shape::Upper
                                            || wp.shape == Shape::Upper
                                                && !wp.has(VOCAB)
                                                && (w.shape == Shape::Upper
                                                    || wp.len() >= 3 && lw != "group")
                                    }
                                    _ => !wp.has(d::MEDICAL) || wp.has(NAMEISH | d::CITY),
                                });
                    if !ok {
                        break;
                    }
                    k = p;
                    if !self.words[p].has(d::FACILITY)
                        || matches!(self.lw(p), "saint" | "st" | "mercy" | "va")
                    {
                        s = p;
                    }
                }
                // A weak head (`Care`, `Center`) needs a proper name in the run, not only
                // generic words (`Intensive Care`, `Primary Care`).
                // In ALL-CAPS and lower-case text a common word that a name list also holds
                // (`BEGIN`, `FOUND`, `POST`) is no evidence of a name.
                // `OUR LADY OF THE LAKE REGIONAL MEDICAL CENTER`: the dedication opens the name
                // and makes it a proper one.
                let dedicated = self.dedication_before(k);
                if let Some(d) = dedicated {
                    (s, k) = (d, d);
                }
                // A pharmacy's kind or a verb is no pharmacy's name (`Specialty Pharmacy`,
                // `Per Clinical Pharmacy`, `CALLED MAIN PHARMACY #2`).
                let pharmacy_name = |k: usize| {
                    lw != "pharmacy"
                        || !matches!(
                            self.lw(k),
                            "specialty"
                                | "retail"
                                | "mail"
                                | "order"
                                | "compounding"
                                | "satellite"
                                | "clinical"
                                | "main"
                                | "central"
                                | "inpatient"
                                | "outpatient"
                                | "hospital"
                                | "home"
                                | "infusion"
                                | "oncology"
                                | "local"
                                | "per"
                                | "called"
                                | "call"
                                | "from"
                                | "to"
                        ) && !self.words[k].has(d::PERSON_VERB | d::RIGHT_VERB | d::STOPWORD)
                };
                let proper = dedicated.is_some()
                    || store && (s..i).any(pharmacy_name)
                    || (s..i).any(|k| {
                        let wk = self.words[k];
                        let cap_mixed = self.mode == CaseMode::Mixed
                            && matches!(wk.shape, Shape::Capitalized | Shape::Upper);
                        matches!(self.lw(k), "saint" | "st" | "mercy" | "va")
                            || !wk.has(d::GENERIC_FACILITY | d::FACILITY | d::MEDICAL)
                                && (cap_mixed
                                    || wk.has(NAMEISH | d::CITY | d::COUNTY | d::STATE)
                                        && !wk.has(d::COMMON)
                                    || !wk.has(VOCAB) && !self.misspelled(k))
                                && pharmacy_name(k)
                    });
                // Facility words only (`General Hospital`, `to memorial hospital`), or no
                // proper name before the head (`FOUND WANDERING HOSPITAL`): a name when
                // capitalised in mixed text or right after a transfer cue.
                // A weak head after a word that names a hospital by its kind (`Memorial
                // Medical Center`, `Regional Medical Center`, `Community Health Center`): as
                // strong as `Hospital`.
                // Only a center whose name is facility words (not `General Cardiology`, not
                // `Dollar General Distribution Center`).
                let kind = |q: usize| {
                    matches!(
                        self.lw(q),
                        "memorial" | "regional" | "general" | "community" | "university"
                    )
                };
                let kind_named = matches!(lw, "center" | "centre")
                    && (k..i).any(kind)
                    && (k..i).all(|q| kind(q) || self.words[q].has(d::FACILITY));
                if (s == i || !proper) && (strong_head || kind_named) && k < i {
                    s = i;
                    let cue_before = k > 0
                        && (self.words[k - 1].has(d::PLACE_CUE)
                            || self.lw(k - 1) == "the"
                                && k > 1
                                && self.words[k - 2].has(d::PLACE_CUE));
                    let all_cap = self.mode == CaseMode::Mixed
                        && (k..=i).all(|q| self.words[q].shape == Shape::Capitalized);
                    // Not a generic phrase after the cue (`FROM SKILLED NURSING FACILITY`).
                    let generic = (k..i).any(|q| self.is_stop(q));
                    if cue_before && !generic || all_cap {
                        s = k;
                    }
                }
                if s < i && (strong_head || kind_named || proper) {
                    // Include the facility words after the name (`Mercy Hospital`, `X Medical Center`).
                    let mut e = i;
                    while e + 1 < n
                        && self.joined(e)
                        && self.words[e + 1].has(d::FACILITY)
                        && e - i < 3
                    {
                        e += 1;
                    }
                    // The place a facility is named for (`Mercy Hospital of Buffalo`,
                    // `CHILDREN'S HOSPITAL OF PHILADELPHIA`): capitalised words in mixed-case
                    // text, listed places otherwise.
                    if e + 2 < n && self.joined(e) && self.lw(e + 1) == "of" && self.joined(e + 1) {
                        let placey = |k: usize| {
                            let wk = self.words[k];
                            wk.is_alpha()
                                && !self.is_stop(k)
                                && !wk.has(d::MONTH | d::WEEKDAY | d::TITLE | d::ROLE)
                                && match self.mode {
                                    CaseMode::Mixed => {
                                        matches!(wk.shape, Shape::Capitalized | Shape::Upper)
                                    }
                                    _ => wk.has(d::CITY | d::STATE | d::COUNTY | d::COUNTRY),
                                }
                        };
                        if let Some(last) = self.joined_run(e + 2, 2, true, placey) {
                            e = last;
                        }
                    }
                    // A facility name wins over a person cue that pointed into it
                    // (`records reviewed: Kenmore Hospital`).
                    for k in s..=e {
                        self.marks[k] = Mark {
                            label: Some(Label::Location),
                            score: 0.85,
                            cued: true,
                        };
                    }
                }
            }
            // `University of Maryland`, `U of MD`.
            if matches!(lw, "university" | "univ" | "u")
                && i + 2 < n
                && self.lw(i + 1) == "of"
                && self.joined(i)
                && self.joined(i + 1)
            {
                let w2 = self.words[i + 2];
                let placey = w2.has(d::STATE | d::CITY | d::COUNTY | d::COUNTRY)
                    || self.dict.is_state_abbrev(&self.b()[w2.start..w2.end])
                    || matches!(w2.shape, Shape::Capitalized | Shape::Upper) && !w2.has(d::COMMON);
                if placey {
                    for k in i..=i + 2 {
                        self.marks[k] = Mark {
                            label: Some(Label::Location),
                            score: 0.8,
                            cued: true,
                        };
                    }
                }
            }
            // `a resident of Dorchester`, `native of Kraków`: the place is the word after.
            if lw == "of"
                && i > 0
                && i + 1 < n
                && self.joined(i - 1)
                && self.joined(i)
                && matches!(
                    self.lw(i - 1),
                    "resident" | "residents" | "native" | "natives"
                )
            {
                let placey = |j: usize| {
                    let wj = self.words[j];
                    wj.is_alpha()
                        && !self.is_stop(j)
                        && !wj
                            .has(d::MEDICAL | d::UNIT | d::ROLE | d::TITLE | d::MONTH | d::WEEKDAY)
                        && !wj.has(d::FACILITY | d::GENERIC_FACILITY)
                        && (wj.has(d::CITY | d::COUNTY | d::STATE | d::COUNTRY)
                            || match self.mode {
                                CaseMode::Mixed => wj.shape == Shape::Capitalized && !wj.has(VOCAB),
                                _ => {
                                    wj.has(NAMEISH) && !wj.has(VOCAB)
                                        || j == i + 1 && self.unknown_non_typo(j)
                                }
                            })
                };
                if let Some(last) = self.joined_run(i + 1, 3, false, placey) {
                    for j in i + 1..=last {
                        self.mark(j, Label::Location, 0.6, false);
                    }
                }
            }
            // Facility abbreviations that are names on their own (`VAMC`).
            if matches!(lw, "vamc" | "vah") {
                self.mark(i, Label::Location, 0.8, true);
            }
            // Transfer and residence cues (`to GH`, `from the GBMC`).
            if w.has(d::PLACE_CUE) && i + 1 < n && !self.gap(i).contains('\n') {
                let j = if self.lw(i + 1) == "the" && i + 2 < n && self.joined(i + 1) {
                    i + 2
                } else {
                    i + 1
                };
                let wj = self.words[j];
                if wj.is_alpha()
                    && !self.is_stop(j)
                    && !wj.has(d::UNIT | d::MONTH | d::WEEKDAY | d::ROLE | d::TITLE)
                {
                    let transfer = matches!(
                        lw,
                        "to" | "from" | "at" | "transferred" | "transfer" | "xfer"
                    );
                    let short_caps = || {
                        (wj.shape == Shape::Upper
                        || wj.shape == Shape::Lower && self.mode == CaseMode::Lower && transfer)
                        && (2..=5).contains(&wj.len())
                        && !wj.has(d::MEDICAL | d::ENGLISH | d::COMMON)
                        // An acronym in mixed-case text is no typo of a word (`from MUSC`
                        // is one edit from `music`).
                        && (self.mode == CaseMode::Mixed && wj.shape == Shape::Upper
                            || !self.misspelled(j))
                    };
                    // `lives in fall river`, but not `noted in left hand`.
                    // `lives in`, `moved to`, `born near`: the cue right after a residence verb.
                    let after_residence_verb = i > 0
                        && matches!(lw, "in" | "to" | "near")
                        && matches!(
                            self.lw(i - 1),
                            "lives" | "live" | "living" | "resides" | "moved" | "born"
                        );
                    let residence = matches!(lw, "from" | "lives" | "resides" | "moved" | "born")
                        || after_residence_verb;
                    let phrase_place = || {
                        wj.has(d::PHRASE)
                            && wj.has(d::CITY | d::STATE | d::COUNTRY)
                            && (residence || !self.common_words_phrase(j))
                    };
                    // `FAMILY LIVES IN REVERE`, `moved to reading`: right after `lives in`
                    // (`moved to`, `born in`...), a town or county of the lists is the place
                    // even when it is also a word and case cannot tell (one-case text, or an
                    // all-caps word in mixed text; a capitalised one is `cap_residence`'s).
                    let residence_town = || {
                        (self.mode != CaseMode::Mixed || wj.shape == Shape::Upper)
                            && after_residence_verb
                            && j == i + 1
                            && wj.has(d::CITY | d::COUNTY)
                            && !wj.has(d::MEDICAL | d::UNIT)
                    };
                    let placey = || {
                        wj.has(d::CITY | d::COUNTY | d::STATE | d::COUNTRY)
                            && (!wj.has(VOCAB)
                                || self.mode == CaseMode::Mixed
                                    && wj.shape == Shape::Capitalized
                                    && !self.sentence_start(j))
                    };
                    // Not a typo (`to chesk PTT`, `TO VANTILATE`; the loose test covers what
                    // `misspelled` finds) or an adverb of a word (`ABLE TO TRANSIENTLY WEAN`).
                    let unknown = || {
                        matches!(
                            lw,
                            "from"
                                | "to"
                                | "at"
                                | "in"
                                | "transferred"
                                | "lives"
                                | "resides"
                                | "near"
                                | "moved"
                                | "born"
                                | "xfer"
                                | "osh"
                        ) && self.unknown_non_typo(j)
                    };
                    let cap_unknown = || {
                        self.mode == CaseMode::Mixed
                            && wj.shape == Shape::Capitalized
                            && !wj.has(d::MEDICAL | d::UNIT)
                            && !wj.has(d::ENGLISH | d::COMMON)
                            && !self.misspelled(j)
                    };
                    // `Lives with husband in Cape Cod`, `grew up in Back Bay`: after a
                    // residence verb earlier in the clause, capitalised words are the place
                    // even when they are words; not a kind of housing (`in Section 8`,
                    // `in Assisted Living`).
                    // `TRANSFER TO ST ELIZABETHS`, `from st. joseph`: a saint after the cue
                    // and a name after it, whatever the case (a clinical word after it is the
                    // ST segment: `changes to ST depression`).
                    let saint = matches!(self.lw(j), "st" | "saint" | "ste")
                        && j + 1 < n
                        && self.joined(j)
                        && {
                            let wk = self.words[j + 1];
                            wk.is_alpha()
                                && wk.len() > 2
                                && !self.is_stop(j + 1)
                                && (!wk.has(VOCAB | d::ROLE | d::TITLE)
                                    || wk.has(d::FIRST | d::SURNAME)
                                        && !wk.has(d::COMMON | d::MEDICAL | d::UNIT))
                        };
                    let cap_residence = || {
                        self.mode == CaseMode::Mixed
                            && matches!(lw, "in" | "near")
                            && wj.shape == Shape::Capitalized
                            && !wj.has(
                                d::MEDICAL | d::UNIT | d::FACILITY | d::GENERIC_FACILITY | d::ROLE,
                            )
                            && !matches!(
                                self.lw(j),
                                "section"
                                    | "assisted"
                                    | "independent"
                                    | "senior"
                                    | "public"
                                    | "subsidized"
                                    | "group"
                                    | "nursing"
                                    | "skilled"
                                    | "supportive"
                                    | "sober"
                                    | "transitional"
                                    | "shelter"
                                    | "housing"
                                    | "apartment"
                                    | "home"
                                    | "house"
                                    | "care"
                            )
                            && self.residence_before(i)
                    };
                    // `from Port-au-Prince`, `in Aix-en-Provence`, `to Stoke-on-Trent`: two
                    // words joined by a place particle between hyphens.
                    let compound = j + 2 < n
                        && self.gap(j) == "-"
                        && self.gap(j + 1) == "-"
                        && matches!(
                            self.lw(j + 1),
                            "au" | "aux"
                                | "en"
                                | "sur"
                                | "sous"
                                | "upon"
                                | "on"
                                | "le"
                                | "la"
                                | "les"
                                | "de"
                                | "des"
                                | "du"
                                | "di"
                                | "del"
                                | "am"
                                | "im"
                        )
                        && self.words[j + 2].is_alpha()
                        && self.words[j + 2].len() > 2
                        && (self.mode != CaseMode::Mixed
                            || wj.shape == Shape::Capitalized
                                && self.words[j + 2].shape == Shape::Capitalized);
                    // Each test is a closure, run only when the ones before it failed: the
                    // typo and vocabulary tests look words up by edit distance.
                    if (self.marks[j].label.is_none() || !self.marks[j].cued)
                        && (short_caps()
                            || placey()
                            || unknown()
                            || cap_unknown()
                            || phrase_place()
                            || cap_residence()
                            || residence_town()
                            || saint)
                    {
                        {
                            self.mark(j, Label::Location, 0.6, false);
                            if saint {
                                self.mark(j + 1, Label::Location, 0.6, false);
                            }
                            // Multi-word places: `in New Bedford`, `from san juan`.
                            let mut k = j;
                            while k + 1 < n && self.joined(k) && k - j < 3 {
                                let wk = self.words[k + 1];
                                // `DARTMOUTH-HITCHCOCK`: a hyphen joins a word of no
                                // vocabulary to the place whatever the case (`FROM
                                // ENGLAND-EXTENSIVE BACKGROUND` is a dash between clauses).
                                let hyphenated = self.gap(k) == "-"
                                    && wk.is_alpha()
                                    && wk.len() > 2
                                    && !wk.has(VOCAB | d::ROLE | d::TITLE);
                                let more = hyphenated
                                    || wk.has(d::PHRASE)
                                        && wk.has(d::CITY | d::COUNTY | d::STATE | d::COUNTRY)
                                    || self.mode == CaseMode::Mixed
                                        && wk.shape == Shape::Capitalized
                                        && !wk.has(d::MEDICAL | d::UNIT | d::ROLE | d::TITLE);
                                if !more || self.is_stop(k + 1) {
                                    break;
                                }
                                k += 1;
                                self.mark(k, Label::Location, 0.6, false);
                            }
                        }
                    }
                    if compound {
                        for k in j..=j + 2 {
                            self.mark(k, Label::Location, 0.6, false);
                        }
                    }
                }
            }
            // `City, ST` and `City, State`; a state's abbreviation may open the next line
            // (`from Charlotte,⏎NC, 704-555-0172`) where a comma, dash, ZIP or the line's end
            // follows it.
            let abbr_ends = |k: usize| {
                let rest = &self.b()[self.words[k].end..];
                rest.first()
                    .is_none_or(|&c| matches!(c, b',' | b'\n' | b'\r'))
                    || rest.starts_with(b" -")
                    || rest.starts_with(b" ") && rest.get(1).is_some_and(u8::is_ascii_digit)
            };
            let comma_gap = i >= 1 && {
                let g = self.gap(i - 1);
                let rest = g.get(1..).unwrap_or("");
                g.starts_with(',')
                    && (g.len() <= 4 && rest.bytes().all(|c| c == b' ' || c == b'\t')
                        || g.len() <= 8
                            && rest.bytes().filter(|&c| c == b'\n').count() == 1
                            && rest.bytes().all(|c| c.is_ascii_whitespace())
                            && w.len() == 2
                            && w.shape == Shape::Upper
                            && abbr_ends(i))
            };
            // `Jones, MD` is a credential; `in Jackson, MS`, `Franklin, MA 02038` and a place
            // after another in a list (`Health Center, Jackson, MS`, `on Broadway, Chelsea, MA`)
            // a state.
            let locative = i >= 2
                && matches!(
                    self.lw(i - 2),
                    "in" | "to" | "from" | "near" | "of" | "outside"
                )
                && self.gap(i - 2) == " "
                || i >= 2
                    && self.gap(i - 2).starts_with(", ")
                    && self.marks[i - 2].label.is_some()
                    && self.marks[i - 2].label != Some(Label::Name)
                || i >= 3
                    && self.gap(i - 2).starts_with(", ")
                    && self.words[i - 2].has(d::STREET | d::FACILITY_HEAD)
                    // A street's own name or `on` before it, not a surname (`-- Lane, Keara, MD`).
                    && self.joined(i - 3)
                    && (self.words[i - 3].shape == Shape::Capitalized
                        || matches!(self.lw(i - 3), "on" | "at"))
                || i + 1 < n
                    && self.words[i + 1].shape == Shape::Digits
                    && self.words[i + 1].len() == 5
                    && self.gap(i).bytes().all(|c| c == b' ');
            // `MS` after a listed town that opens its line is a state (`Jackson, MS  *  Tel`),
            // unless another credential follows (`Jackson, MS, RD`).
            let lone_town = i >= 1
                && self.lw(i) == "ms"
                && self.words[i - 1].has(d::CITY)
                && (i == 1 || self.gap(i - 2).contains('\n'))
                && !self.b()[w.end..].starts_with(b"-")
                && !self.b()[w.end..].starts_with(b",");
            let after_name_credential = i >= 1
                && w.has(d::CREDENTIAL)
                && self.marks[i - 1].label == Some(Label::Name)
                && self.marks[i - 1].cued
                && !locative
                && !lone_town;
            // A listed town and a state's abbreviation without a comma, closing the clause or
            // before a ZIP or a cell's gap (`Houston TX`, `Omaha NE   -- Thursday`); not an
            // abbreviation that is also a credential or a word (`MD`, `OR`).
            let space_state = i >= 1
                && self.gap(i - 1) == " "
                && w.len() == 2
                && w.shape == Shape::Upper
                && !WORD_STATES.contains(&self.lw(i))
                && !matches!(
                    self.lw(i),
                    "do" | "sc"
                        | "ct"
                        | "ga"
                        | "nc"
                        | "mi"
                        | "ca"
                        | "dc"
                        | "ar"
                        | "sd"
                        | "nd"
                        | "pr"
                )
                && (self.mode == CaseMode::Mixed && self.words[i - 1].shape == Shape::Capitalized
                    || !self.words[i - 1].has(VOCAB))
                && self.words[i - 1].has(d::CITY)
                && !(self.marks[i - 1].label == Some(Label::Name) && self.marks[i - 1].cued)
                && matches!(self.words[i - 1].shape, Shape::Capitalized | Shape::Upper)
                && !self.words[i - 1].has(d::MEDICAL | d::UNIT)
                && match &self.b()[w.end..] {
                    [] | [b',' | b'.' | b';' | b')' | b'\r' | b'\n', ..] | [b' ', b' ', ..] => true,
                    [b' ', c, ..] => c.is_ascii_digit(),
                    _ => false,
                };
            // An abbreviation before a number sign, a colon or a long code is a field's label,
            // not a state (`interpreter Mohamed, ID # 40917`, `Medical Assistance, ID
            // R0448172931`); a ZIP after a state is digits only.
            let label_after = {
                let rest = &self.b()[w.end..];
                let rest = &rest[rest.iter().take(2).take_while(|&&c| c == b' ').count()..];
                matches!(rest.first(), Some(b'#' | b':'))
                    || i + 1 < n
                        && self.gap(i) == " "
                        && self.words[i + 1].shape == Shape::AlphaNum
                        && self.words[i + 1].len() >= 6
            };
            if (comma_gap || space_state) && !after_name_credential && !label_after {
                // In lower case after a listed town, before a clause's end: `lives naples,
                // fl)`; not a word (`Kingsley, in 2-3 weeks`, `will not stop, or`).
                let t = &self.b()[w.start..w.end];
                let clause_end = self.b()[w.end..]
                    .first()
                    .is_none_or(|&c| matches!(c, b')' | b',' | b'.' | b';' | b'\n' | b'\r'));
                let abbr = self.dict.is_state_abbrev(t)
                    || w.len() == 2
                        && w.shape == Shape::Lower
                        && clause_end
                        && !WORD_STATES.contains(&self.lw(i))
                        && self.lw(i) != "ne"
                        && self.words[i - 1].has(d::CITY)
                        && !self.words[i - 1].has(d::MEDICAL | d::UNIT)
                        && self.dict.is_state_abbrev_any_case(t);
                let full = w.has(d::STATE)
                    && (self.mode != CaseMode::Mixed || w.shape == Shape::Capitalized);
                // And a town before its country (`Lima, Peru`, `Kasulu, Tanzania`), in mixed
                // case, not a country that is a word (`Turkey`, `China`) nor a given name after a
                // cued surname (`Seen by Mensah, Kenya`, `PCP: Das, Jordan`).
                let p = i - 1;
                let country = w.has(d::COUNTRY)
                    && self.mode == CaseMode::Mixed
                    && w.shape == Shape::Capitalized
                    && !w.has(d::ENGLISH | d::COMMON)
                    && !(self.marks[p].label == Some(Label::Name) && self.marks[p].cued);
                if abbr || full || country {
                    let wp = self.words[p];
                    let cityish = wp.is_alpha()
                        && wp.len() >= 3
                        && !wp.has(d::MEDICAL | d::UNIT)
                        && !self.is_stop(p)
                        && (wp.has(d::CITY | d::COUNTY)
                            || self.mode == CaseMode::Mixed && wp.shape == Shape::Capitalized
                            || !wp.has(VOCAB));
                    if cityish {
                        self.mark(i, Label::Location, 0.8, true);
                        let mut k = p;
                        loop {
                            self.mark(k, Label::Location, 0.8, true);
                            if k == 0 || !self.joined(k - 1) || p - k >= 2 {
                                break;
                            }
                            let wk = self.words[k - 1];
                            let more = wk.is_alpha()
                                && !self.is_stop(k - 1)
                                && (wk.has(d::PHRASE)
                                    || self.mode == CaseMode::Mixed
                                        && wk.shape == Shape::Capitalized)
                                && !wk.has(d::PLACE_CUE | d::STREET);
                            if !more {
                                break;
                            }
                            k -= 1;
                        }
                    }
                }
            }
            // State names (Safe Harbor keeps them, but they are geographic and detected).
            if w.has(d::STATE)
                && !w.has(d::PHRASE)
                && self.marks[i].label.is_none()
                && (self.mode == CaseMode::Mixed && w.shape == Shape::Capitalized
                    || self.mode != CaseMode::Mixed && !w.has(VOCAB | NAMEISH))
            {
                self.mark(i, Label::Location, 0.5, false);
            }
            // A state's abbreviation after a verb of living or moving, in mixed-case text, even
            // where it is also clinical shorthand (`lives in NH`, `moved to PA`).
            if self.marks[i].label.is_none() && self.state_after_living(i) {
                self.mark(i, Label::Location, 0.7, true);
            }
            // Countries and multi-word place names, capitalised in mixed text.
            if w.has(d::COUNTRY)
                && !w.has(d::ENGLISH | d::COMMON | d::MEDICAL)
                && (self.mode != CaseMode::Mixed || w.shape != Shape::Lower)
                && self.marks[i].label.is_none()
            {
                self.mark(i, Label::Location, 0.6, false);
            }
            // In a note in capitals or in lower case, a listed phrase of places written so
            // too (`ABU DHABI, UNITED ARAB EMIRATES`, `moved from new york`).
            if w.has(d::PHRASE)
                && w.has(d::CITY | d::STATE | d::COUNTRY)
                && matches!(
                    (self.mode, w.shape),
                    (CaseMode::Mixed, Shape::Capitalized)
                        | (CaseMode::Upper, Shape::Upper)
                        | (CaseMode::Lower, Shape::Lower)
                )
                && self.marks[i].label.is_none()
                && !self.common_words_phrase(i)
            {
                // Each word of `New York` carries the phrase flag; mark the run.
                self.mark(i, Label::Location, 0.6, false);
            }
            // Organisations: capitalised run before an organisation suffix. Clinical words
            // may sit inside the run (`Keystone Medical Transport`, `Carolina Home Medical
            // Supply`) but not start it; a run with one or with a facility word, or before a
            // head that is also a common noun (`Health Plan`, `Supply`, `Network`), needs a
            // word that is no vocabulary word, or a place or surname (`Pediatric Dental`,
            // `Home Health Services` name a kind of service).
            // A head in capitals (`Harwood VNA`, `Dust Devils Baseball LLC`, a letterhead's
            // `ZELLMORE HOME HEALTH SERVICES`) takes words in capitals too, and always needs
            // a name-like word among them.
            let upper_head = w.shape == Shape::Upper && w.len() >= 2 && self.lw(i) != "co";
            // Not the first half of a compound (`COVER SHEET - COURT-ORDERED`).
            let compound = i + 1 < n && self.gap(i) == "-" && self.words[i + 1].is_alpha();
            if w.has(d::ORG_SUFFIX)
                && !w.has(d::FACILITY)
                && i > 0
                && !compound
                && (self.mode == CaseMode::Mixed && w.shape == Shape::Capitalized || upper_head)
                && self.mode != CaseMode::Lower
            {
                let mut s = i;
                while s > 0 && self.joined(s - 1) && i - (s - 1) <= 4 {
                    // A possessive: `Gallagher's Tavern`.
                    if s >= 2
                        && self.lw(s - 1) == "s"
                        && self.gap(s - 2) == "'"
                        && self.words[s - 2].shape == Shape::Capitalized
                        && self.words[s - 2].is_alpha()
                    {
                        s -= 2;
                        continue;
                    }
                    let wp = self.words[s - 1];
                    let shape_ok = matches!(wp.shape, Shape::Capitalized | Shape::Other)
                        || upper_head && wp.shape == Shape::Upper;
                    // A common word opening a sentence is not part of the name (`Attends St.
                    // Ambrose Parish`, `Three Richland County EMS runs`; `Riverside Police`
                    // is). A capitalised stop word of four letters or more may sit inside
                    // (`Kohala Home Health Services`), not open it.
                    let stop =
                        self.is_stop(s - 1) && (wp.len() <= 3 || is_function_word(self.lw(s - 1)));
                    // `Family` is a relation elsewhere, a word of the name here (`Hill Country
                    // Family Services`).
                    let role = wp.has(d::ROLE) && self.lw(s - 1) != "family"
                        // In capitals, a verb opens no name (`ATTENDS ISLAMIC SOCIETY`), nor
                        // in any case a verb of going there (`; Attends Calvary Chapel`).
                        || self.mode == CaseMode::Upper && wp.has(d::PERSON_VERB | d::RIGHT_VERB)
                        || matches!(self.lw(s - 1), "attends" | "attended" | "joined" | "visits");
                    if !(shape_ok && wp.is_alpha())
                        || stop
                        || role
                        || wp.has(d::PLACE_CUE | d::TITLE | d::UNIT)
                        || self.common_opener(s - 1)
                    {
                        break;
                    }
                    s -= 1;
                }
                let s0 = s;
                while s < i && (self.words[s].has(d::MEDICAL) || self.is_stop(s)) {
                    s += 1;
                }
                let guarded = upper_head
                    || d::WEAK_ORG_HEADS.contains(&self.lw(i))
                    || (s..i).any(|k| self.words[k].has(d::MEDICAL | d::FACILITY));
                // A capitalised word that is no common, clinical, abstract or adjectival word,
                // opening the run inside a sentence, names it too (`Windward Medical Supply`;
                // not `Respiratory Therapy Services`, `Utilization Management`, `Pediatric
                // Dental`).
                let inside = |k: usize| {
                    k == s0 && k > 0 && {
                        let g = self.gap(k - 1);
                        !g.contains('\n') && !g.contains(['.', ':', ';', '!', '?'])
                    }
                };
                let named = |k: usize| {
                    let wk = self.words[k];
                    !wk.has(VOCAB | d::STOPWORD) && !clinical_ending(self.lw(k))
                        || wk.has(d::CITY | d::SURNAME | d::COUNTY | d::STATE)
                            && !wk.has(d::MEDICAL | d::UNIT)
                        || wk.shape == Shape::Capitalized
                            && !wk.has(d::COMMON | d::MEDICAL | d::UNIT | d::STOPWORD)
                            && !clinical_ending(self.lw(k))
                            && !abstract_noun(self.lw(k))
                            && inside(k)
                };
                // In a note in capitals, only a word in no vocabulary names the run
                // (`NORTHSIDE HIGH SCHOOL`; not `BLOOD BANK`, `STATE POLICE`).
                // Nor a misspelt word (`INTERMITTANTLY HIGH`, `DENTAL ABCESSES`).
                let named_in_capitals = |k: usize| {
                    let wk = self.words[k];
                    !wk.has(d::STOPWORD | d::ROLE)
                        && !clinical_ending(self.lw(k))
                        && (self.unknown_non_typo(k)
                            || wk.has(d::CITY | d::COUNTY | d::STATE) && !wk.has(VOCAB))
                };
                // And only before a head that names an institution (not `PACKING`, `DRUG`).
                let institution = matches!(
                    self.lw(i),
                    "school"
                        | "academy"
                        | "university"
                        | "college"
                        | "church"
                        | "temple"
                        | "synagogue"
                        | "mosque"
                        | "association"
                        | "society"
                        | "foundation"
                        | "department"
                        | "dept"
                        | "agency"
                        | "bureau"
                        | "office"
                        | "police"
                        | "ambulance"
                        | "services"
                        | "inc"
                        | "llc"
                        | "corp"
                        | "corporation"
                        | "company"
                        | "ltd"
                        | "union"
                        | "district"
                        | "court"
                        | "ems"
                        | "rescue"
                        | "parish"
                );
                // A congregation named by its denomination after a word of its own
                // (`GREATER LOVE BAPTIST CHURCH`, `FIRST METHODIST CHURCH`; not `BAPTIST
                // CHURCH` alone).
                let denominated = matches!(self.lw(i), "church" | "parish" | "temple")
                    && s + 1 < i
                    && matches!(
                        self.lw(i - 1),
                        "baptist"
                            | "methodist"
                            | "lutheran"
                            | "presbyterian"
                            | "episcopal"
                            | "catholic"
                            | "congregational"
                            | "pentecostal"
                            | "adventist"
                            | "evangelical"
                            | "orthodox"
                            | "apostolic"
                            | "ame"
                            | "nazarene"
                            | "reformed"
                            | "unitarian"
                            | "mennonite"
                            | "missionary"
                    );
                let named_ok = if self.mode == CaseMode::Upper {
                    institution && (denominated || (s..i).any(named_in_capitals))
                } else {
                    !guarded || (s..i).any(named)
                };
                if s < i && named_ok {
                    for k in s..=i {
                        if self.marks[k].label != Some(Label::Location) {
                            self.mark(k, Label::Organization, 0.7, true);
                        }
                    }
                }
            }
        }
        self.org_cues();
        self.agencies_and_locals();
        self.practices_of_places();
        self.city_state_zip();
        self.ward_numbers();
    }

    /// A practice named by its specialty and its town: `Nephrology Associates of Brookfield`,
    /// `CARDIOLOGY GROUP OF NORWOOD`. A practice's head (`Associates`, `Group`, `Physicians`,
    /// `Partners`, `Clinic`, `Center`...) after one to three capitalised words (clinical ones
    /// too) and before `of` and a town's capitalised name (a listed place or no vocabulary
    /// word) is a place, all of it. Marks LOCATION.
    fn practices_of_places(&mut self) {
        let n = self.words.len();
        for i in self.walk(1, n.saturating_sub(2), c::flags(d::FACILITY_HEAD), 0) {
            let w = self.words[i];
            if !w.has(d::FACILITY_HEAD)
                || !matches!(
                    self.lw(i),
                    "associates"
                        | "group"
                        | "physicians"
                        | "partners"
                        | "practice"
                        | "clinic"
                        | "clinics"
                        | "center"
                        | "centre"
                        | "specialists"
                        | "consultants"
                )
                || self.lw(i + 1) != "of"
                || self.gap(i) != " "
                || self.gap(i + 1) != " "
            {
                continue;
            }
            let same_case = |k: usize| {
                let wk = self.words[k];
                wk.is_alpha()
                    && (wk.shape == Shape::Capitalized
                        || wk.shape == Shape::Upper && w.shape == Shape::Upper)
            };
            let place = self.words[i + 2];
            let town = same_case(i + 2)
                && !place.has(d::MEDICAL | d::UNIT | d::TITLE | d::ROLE | d::MONTH)
                && (place.has(d::CITY | d::COUNTY | d::STATE) || !place.has(VOCAB));
            if !town || !same_case(i) {
                continue;
            }
            let mut s = i;
            while s > 0 && i - s < 3 && self.joined(s - 1) && same_case(s - 1) {
                let wp = self.words[s - 1];
                if wp.has(d::TITLE | d::ROLE | d::CREDENTIAL | d::PLACE_CUE)
                    || is_function_word(self.lw(s - 1))
                    || self.common_opener(s - 1)
                {
                    break;
                }
                s -= 1;
            }
            if s == i {
                continue;
            }
            for k in s..=i + 2 {
                self.mark(k, Label::Location, 0.75, true);
            }
        }
    }

    /// Organisations after social-history cues: `works at`, `employed by`, `Employer:`,
    /// `retired from`, `student at`, `attends`, `served in the`, `case open with`. The run
    /// ends at punctuation, a line end or a function word; in mixed-case text it takes
    /// capitalised words only.
    fn org_cues(&mut self) {
        let n = self.words.len();
        for i in self.walk(0, n.saturating_sub(1), c::flags(d::ORG_CUE), 0) {
            if !self.words[i].has(d::ORG_CUE) {
                continue;
            }
            let lw = self.lw(i);
            let prev = if i > 0 { self.lw(i - 1) } else { "" };
            let cue = match lw {
                "at" | "for" => {
                    matches!(
                        prev,
                        "works"
                        | "worked"
                        | "work"
                        | "working"
                        | "employed"
                        | "student"
                        | "teaches"
                        | "taught"
                        | "volunteers"
                        | "studies"
                        // A job or a workplace's part before it: `produce manager at`,
                        // `conductor for`, `drives for`, `lumber dept at`.
                        | "drives"
                        | "drove"
                        | "manager"
                        | "lead"
                        | "supervisor"
                        | "foreman"
                        | "conductor"
                        | "driver"
                        | "picker"
                        | "installer"
                        | "cashier"
                        | "clerk"
                        | "secretary"
                        | "mechanic"
                        | "technician"
                        | "engineer"
                        | "steward"
                        | "custodian"
                        | "janitor"
                        | "employee"
                        | "dept"
                        | "job"
                    ) || self.mode == CaseMode::Mixed && is_occupation(prev)
                }
                "by" => prev == "employed",
                "from" => matches!(prev, "retired"),
                "with" => prev == "open",
                "in" => matches!(prev, "served" | "enlisted"),
                "attends" | "employer" => true,
                // `Insurance: Medicare + Neighborhood Health Plan`, `Payer: Highmark BCBS`,
                // `Insurance Tufts HP auth #`: a label, so a colon or (in mixed case) a
                // capitalised name right after it.
                "insurance" | "insurer" | "payer" | "payor" => {
                    let g = self.gap(i).trim_end_matches([' ', '\t']);
                    g == ":"
                        || self.mode == CaseMode::Mixed
                            && g.is_empty()
                            && self.words[i + 1].shape == Shape::Capitalized
                }
                _ => false,
            };
            // A line break inside a sentence (`drives for` / `UPS out of`) in mixed-case text.
            let g = self.gap(i);
            let wrapped = self.mode == CaseMode::Mixed && g.trim_matches([' ', '\r']) == "\n";
            if !cue || g.contains('\n') && !wrapped {
                continue;
            }
            let insurer = matches!(lw, "insurance" | "insurer" | "payer" | "payor");
            self.org_after(i + 1, insurer);
        }
    }

    /// Organisations by their grammar rather than a cue before them, in mixed-case text:
    /// - an agency's head and what it is of (`Department of Transitional Assistance`,
    ///   `Lutheran Social Service of Minnesota`, `Office of Refugee Resettlement`), unless the
    ///   words are clinical and name no place (`Department of Medicine`, `Division of
    ///   Cardiology` are parts of a hospital);
    /// - a union local (`Teamsters Local 299`, `UFCW Local 1445`): capitalised words, `Local`
    ///   and its number, with no unit after it.
    fn agencies_and_locals(&mut self) {
        if self.mode != CaseMode::Mixed {
            return;
        }
        let n = self.words.len();
        for i in self.walk(0, n.saturating_sub(2), c::CAPITALIZED | c::UPPER, 0) {
            let w = self.words[i];
            let vna = w.shape == Shape::Upper && self.lw(i) == "vna";
            if w.shape != Shape::Capitalized && !vna || !self.joined(i) {
                continue;
            }
            let lw = self.lw(i);
            let (s, e) = if lw == "local" {
                let num = self.words[i + 1];
                // `Local 10 mL`, `Local 2%`: a dose.
                let unit = i + 2 < n
                    && (self.gap(i + 1).starts_with('%')
                        || matches!(self.gap(i + 1), " " | "")
                            && matches!(
                                self.lw(i + 2),
                                "ml" | "mg" | "mcg" | "cc" | "g" | "mm" | "cm" | "units" | "u"
                            ));
                if num.shape != Shape::Digits || !(1..=5).contains(&num.len()) || unit {
                    continue;
                }
                match self.capital_run_before(i) {
                    // A one-digit local only after a union's acronym (`UAW Local 3`).
                    Some(s)
                        if !(s..i).any(|k| self.words[k].has(d::MEDICAL))
                            && (num.len() > 1 || self.words[i - 1].shape == Shape::Upper) =>
                    {
                        (s, i + 1)
                    }
                    _ => continue,
                }
            } else if AGENCY_HEADS.contains(&lw) && self.lw(i + 1) == "of" && self.joined(i + 1) {
                let mut j = i + 2;
                if self.lw(j) == "the" && self.joined(j) && j + 1 < n {
                    j += 1;
                }
                let Some(e) = self.joined_run(j, 4, true, |k| {
                    let wk = self.words[k];
                    wk.is_alpha()
                        && matches!(wk.shape, Shape::Capitalized | Shape::Upper)
                        && (!self.is_stop(k) || k > j && self.lw(k) == "and")
                        && !wk.has(d::MONTH | d::WEEKDAY | d::TITLE)
                }) else {
                    continue;
                };
                // A trailing `and` belongs to the sentence, not the name.
                let e = if self.lw(e) == "and" { e - 1 } else { e };
                let s = self.capital_run_before(i).unwrap_or(i);
                let clinical = HOSPITAL_DEPARTMENTS.contains(&self.lw(j))
                    || SPECIALTY_HEADS.contains(&self.lw(j))
                    || (j..=e).any(|k| self.words[k].has(d::MEDICAL));
                if clinical && !(s..=e).any(|k| k != i && self.names_a_place(k)) {
                    continue;
                }
                (s, e)
            } else {
                continue;
            };
            for k in s..=e {
                if self.marks[k].label.is_none() {
                    self.mark(k, Label::Organization, 0.6, true);
                }
            }
        }
    }

    /// The first of up to three capitalised words joined to word `i` before it (stop words,
    /// titles and roles end the run), if there is one.
    fn capital_run_before(&self, i: usize) -> Option<usize> {
        let mut s = i;
        while s > 0 && i - s < 3 && self.joined(s - 1) {
            let wp = self.words[s - 1];
            // A capitalised clinical stop word can be part of the name (`Lutheran Social
            // Service`); function words are not.
            let function_word = self.is_stop(s - 1) && (wp.len() <= 3 || !wp.has(VOCAB));
            if !(wp.is_alpha() && matches!(wp.shape, Shape::Capitalized | Shape::Upper))
                || function_word
                || is_function_word(self.lw(s - 1))
                || wp.has(d::TITLE | d::ROLE | d::MONTH | d::WEEKDAY)
            {
                break;
            }
            s -= 1;
        }
        (s < i).then_some(s)
    }

    /// Word `k` names a place: a city, county, state or country of the dictionaries that is
    /// no clinical word.
    fn names_a_place(&self, k: usize) -> bool {
        let w = self.words[k];
        w.has(d::CITY | d::COUNTY | d::STATE | d::COUNTRY) && !w.has(d::MEDICAL | d::UNIT)
    }

    /// Marks the organisation name of at most five words from word `j` on (after a leading
    /// `the`). With `insurer`, the name ends before the plan's type and the member number's
    /// label (`Humana Medicare Advantage PPO Member ID`), and the next names after ` + ` or
    /// ` / ` are marked too (`Medicare + Neighborhood Health Plan`).
    fn org_after(&mut self, j: usize, insurer: bool) {
        let n = self.words.len();
        let mut j = j;
        if j < n && self.lw(j) == "the" && self.joined(j - 1) {
            j += 1;
        }
        let start = j;
        let mut end = None;
        while j < n && j - start < 5 {
            let w = self.words[j];
            let lwj = self.lw(j);
            let inner = j > start && matches!(lwj, "of" | "el" | "la" | "de" | "s");
            // A capitalised clinical stop word is part of a name after the cue (`Social
            // Security Administration`, `Home Depot`); function words never are.
            let capital_stop = self.mode == CaseMode::Mixed
                && w.shape == Shape::Capitalized
                && w.len() > 3
                && !is_function_word(lwj);
            if insurer
                && matches!(
                    lwj,
                    "member"
                        | "subscriber"
                        | "group"
                        | "grp"
                        | "id"
                        | "mbi"
                        | "policy"
                        | "auth"
                        | "part"
                        | "ppo"
                        | "hmo"
                        | "epo"
                        | "pos"
                        | "number"
                        | "no"
                )
            {
                break;
            }
            let ok = w.is_alpha()
                && (inner
                    || (capital_stop || !self.is_stop(j))
                        && !w.has(d::MONTH | d::WEEKDAY)
                        && match self.mode {
                            CaseMode::Mixed => {
                                matches!(w.shape, Shape::Capitalized | Shape::Upper | Shape::Other)
                            }
                            _ => !matches!(
                                lwj,
                                "as" | "after"
                                    | "since"
                                    | "weekly"
                                    | "daily"
                                    | "and"
                                    | "for"
                                    | "until"
                            ),
                        });
            if !ok {
                break;
            }
            end = Some(j);
            // `Stop & Shop`, `Johnson & Johnson`: an ampersand joins an organisation's name.
            if j + 1 >= n || !(self.joined(j) || self.gap(j) == " & ") {
                break;
            }
            j += 1;
        }
        if let Some(e) = end {
            for k in start..=e {
                if self.marks[k].label.is_none() {
                    self.mark(k, Label::Organization, 0.6, true);
                }
            }
            if insurer && e + 1 < n && matches!(self.gap(e), " + " | " / ") {
                self.org_after(e + 1, true);
            }
        }
    }

    /// Buildings and wards named after a place or person with a floor number:
    /// `on QUARTERMAIN 6`, `plan: quartermain 2`, `209 quartermain`. The name must be in no
    /// vocabulary (drugs and devices are), at least five letters, and the number small and
    /// not followed by a unit.
    fn ward_numbers(&mut self) {
        let n = self.words.len();
        for i in self.walk(0, n, c::EVERY, c::ALPHA | c::NO_VOCAB) {
            let w = self.words[i];
            if !w.is_alpha()
                || w.len() < 5
                || w.has(VOCAB | d::FIRST | d::NICK | d::CREDENTIAL | d::MONTH | d::WEEKDAY)
                || self.marks[i].label.is_some()
            {
                continue;
            }
            // The typo test (an edit-distance lookup) last: few words have a number after them.
            let num_after = i + 1 < n
                && self.words[i + 1].shape == Shape::Digits
                && self.words[i + 1].len() <= 2
                && self.gap(i) == " "
                && {
                    // The number ends the phrase: line end, `.`/`,`/`;`/`)` (not a decimal
                    // point), never a range or ratio.
                    let e = self.words[i + 1].end;
                    let b = self.lower.as_bytes();
                    match b.get(e) {
                        None | Some(b'\n' | b'\r' | b',' | b';' | b')') => true,
                        Some(b'.') => !b.get(e + 1).is_some_and(u8::is_ascii_digit),
                        Some(b' ') => b
                            .get(e + 1)
                            .is_none_or(|c| matches!(c, b'\n' | b'\r' | b' ')),
                        _ => false,
                    }
                };
            if num_after && !self.misspelled(i) {
                self.mark(i, Label::Location, 0.5, false);
            }
        }
    }

    /// `Utica NY 13440`, `Hope Arkansas 71140`: a state before a ZIP code, with the city
    /// before it on the same line, with or without a comma.
    fn city_state_zip(&mut self) {
        let n = self.words.len();
        for i in self.walk(1, n.saturating_sub(1), c::NEXT_DIGITS, 0) {
            let w = self.words[i];
            let z = self.words[i + 1];
            let zip_next = z.shape == Shape::Digits
                && z.len() == 5
                && self.text[w.end..z.start]
                    .bytes()
                    .all(|c| c == b' ' || c == b'\t' || c == b',');
            if !zip_next {
                continue;
            }
            let abbr = self
                .dict
                .is_state_abbrev_any_case(&self.b()[w.start..w.end]);
            if !(abbr || w.has(d::STATE)) {
                continue;
            }
            // `ID` is Idaho only after a comma or a listed city (`Boise ID 83702`): `Employee
            // ID 44821` is an identifier, and a ZIP keeps its first three digits.
            let comma = self.gap(i - 1).contains(',');
            if self.lw(i) == "id" && !comma && !self.words[i - 1].has(d::CITY | d::COUNTY) {
                continue;
            }
            self.mark(i, Label::Location, 0.8, true);
            let mut k = i;
            while k > 0 && i - k < 3 {
                let g = self.gap(k - 1);
                if g.contains('\n') || !g.bytes().all(|c| c == b' ' || c == b'\t' || c == b',') {
                    break;
                }
                let wp = self.words[k - 1];
                if !wp.is_alpha()
                    || wp.has(d::STREET | d::UNIT)
                    || self.is_stop(k - 1) && !wp.has(d::CITY)
                {
                    break;
                }
                k -= 1;
                self.mark(k, Label::Location, 0.8, true);
            }
        }
    }

    /// `foster` before a relation or a placement (`foster mom`, `foster parents`, `2 foster
    /// sibs`, `foster care`) is no surname: its marks and the relation's are cleared.
    fn foster_families(&mut self) {
        for i in 0..self.words.len().saturating_sub(1) {
            if self.lw(i) != "foster" || self.gap(i) != " " {
                continue;
            }
            let relation = matches!(
                self.lw(i + 1),
                "mom"
                    | "mother"
                    | "dad"
                    | "father"
                    | "parent"
                    | "parents"
                    | "family"
                    | "families"
                    | "sib"
                    | "sibs"
                    | "sibling"
                    | "siblings"
                    | "brother"
                    | "sister"
                    | "care"
                    | "home"
                    | "child"
                    | "children"
                    | "kids"
                    | "placement"
                    | "son"
                    | "daughter"
                    | "grandmother"
                    | "grandparents"
            );
            // A surname after a title or a given name stays (`Dr. Foster home number`, `Jane
            // Foster family at bedside`).
            let after_name = i > 0
                && matches!(self.gap(i - 1), " " | ". ")
                && (self.words[i - 1].has(d::TITLE)
                    || self.words[i - 1].has(d::FIRST)
                        && self.words[i - 1].shape == Shape::Capitalized);
            if relation && !after_name {
                self.marks[i] = Mark::default();
                self.marks[i + 1] = Mark::default();
            }
        }
    }

    fn emit(&self, out: &mut Vec<Span>) {
        let n = self.words.len();
        let mut i = 0;
        while i < n {
            let Some(label) = self.marks[i].label else {
                i += 1;
                continue;
            };
            let mut j = i;
            let mut score = self.marks[i].score;
            let source = if self.marks[i].cued {
                Source::Context
            } else {
                Source::Dictionary
            };
            while j + 1 < n && self.marks[j + 1].label == Some(label) && self.joined(j) {
                j += 1;
                score = score.max(self.marks[j].score);
            }
            let (s, mut e) = (self.words[i].start, self.words[j].end);
            // Keep the period of an initial (`J.`) inside a one-letter name end.
            if self.words[j].len() == 1 && self.b().get(e) == Some(&b'.') && j > i {
                e += 1;
            }
            if let Some(sp) = Span::checked(self.text, s, e, label, score, source) {
                out.push(sp);
            }
            i = j + 1;
        }
    }
}

/// A pharmacy by its brand, in any case (`kroger pharmacy`, `Meijer Pharmacy`): a span of
/// `out[first..]` right before the word `pharmacy` grows over it as an ORGANIZATION.
fn pharmacy_brands(seg: &str, words: &[Word], first: usize, out: &mut Vec<Span>) {
    let b = seg.as_bytes();
    for k in first..out.len() {
        let sp = out[k];
        if !matches!(
            sp.label,
            Label::Name | Label::Location | Label::Organization
        ) {
            continue;
        }
        let Ok(j) = words.binary_search_by_key(&sp.end, |w| w.end) else {
            continue;
        };
        let Some(next) = words.get(j + 1) else {
            continue;
        };
        if b[sp.end..next.start] == *b" "
            && b[next.start..next.end].eq_ignore_ascii_case(b"pharmacy")
        {
            out.extend(Span::checked(
                seg,
                sp.start,
                next.end,
                Label::Organization,
                sp.score,
                sp.source,
            ));
        }
    }
}

/// A place or organisation the rules found only in part (`Riverbend Orthopaedic & [Spine
/// Hospital]`, `[Toledo Diagnostic] Imaging`, `[Children]'s Hospital of the Valley`): in
/// mixed-case text its span grows over the capitalised words joined to it by a space, `&`,
/// `of` / `of the` (to the right) or a possessive `'s`, up to four words each way; a title, a
/// role, a credential, a month or weekday, a function word, or a vocabulary word opening a
/// sentence or line ends it. Spans from `out[first..]`; appends the grown spans.
pub(super) fn extend_places(
    seg: &str,
    words: &[Word],
    mode: CaseMode,
    first: usize,
    out: &mut Vec<Span>,
) {
    const ENDS: u32 =
        d::TITLE | d::ROLE | d::CREDENTIAL | d::MONTH | d::WEEKDAY | d::STOPWORD | d::PERSON_VERB;
    let b = seg.as_bytes();
    pharmacy_brands(seg, words, first, out);
    if mode != CaseMode::Mixed {
        return;
    }
    // Clinical words join only as a facility's own words (`Flex Physical Therapy`, not the
    // `ED` or `Oncology Service` after a hospital's name); acronyms only inside a name
    // (`Saint Agnes OB Clinic`).
    let part = |k: usize| {
        let w = &words[k];
        let clinical = w.has(d::MEDICAL | d::UNIT) && !w.has(d::FACILITY | d::ORG_SUFFIX);
        // A plan's part after its insurer is no part of the name (`Humana Part D`).
        let plan_part = b[w.start..w.end].eq_ignore_ascii_case(b"part");
        w.is_alpha()
            && !w.has(ENDS)
            && !clinical
            && !plan_part
            && (w.shape == Shape::Capitalized
                || w.shape == Shape::Upper
                    && w.len() <= 4
                    && k + 1 < words.len()
                    && words[k + 1].shape == Shape::Capitalized
                    && b[w.end..words[k + 1].start] == *b" ")
    };
    let gap = |k: usize| &b[words[k].end..words[k + 1].start];
    let lower =
        |k: usize, s: &str| b[words[k].start..words[k].end].eq_ignore_ascii_case(s.as_bytes());
    // After an agency's head, `of (the)` and up to three capitalised words that end in an
    // organisation or facility word or `Examiner`, clinical words included: `Dept of Social
    // Services`, `Office of the Chief Medical Examiner`. The index of the last word.
    let agency_complement = |j: usize| {
        let n = words.len();
        let head = words[j].has(d::ORG_SUFFIX)
            && [
                "department",
                "dept",
                "office",
                "bureau",
                "division",
                "agency",
            ]
            .iter()
            .any(|h| lower(j, h));
        if !head || j + 2 >= n || !lower(j + 1, "of") || gap(j) != b" " {
            return None;
        }
        let mut k = j + 2;
        if lower(k, "the") && k + 1 < n && gap(k) == b" " {
            k += 1;
        }
        let from = k;
        while k < n && k < from + 3 {
            let w = &words[k];
            // Capitalised words only (`Social` is also on the stop list).
            let ends = d::TITLE | d::ROLE | d::CREDENTIAL | d::PERSON_VERB;
            if !(w.is_alpha() && w.shape == Shape::Capitalized) || w.has(ends) {
                return None;
            }
            if w.has(d::ORG_SUFFIX | d::FACILITY) || lower(k, "examiner") || lower(k, "coroner") {
                return Some(k);
            }
            if k + 1 >= n || gap(k) != b" " {
                return None;
            }
            k += 1;
        }
        None
    };
    // After `&` or `for`, up to three capitalised words that end in a facility's or an
    // organisation's head, clinical ones too after `&`: `Valley Oak Hospice & Palliative
    // Care`, `Alameda Alliance for Health`. The index of the head.
    let joined_head = |j: usize| {
        let n = words.len();
        // After `for`, no clinical word joins: that is the reason for a visit (`Valley
        // Medical Center for Wound Care`, `Mercy Hospital for Acute Rehab Services`; the cost:
        // `Valley Center for Behavioral Health` keeps its tail out).
        let (after_for, mut k) = if j + 1 < n && gap(j) == b" & " {
            (false, j + 1)
        } else if j + 2 < n && lower(j + 1, "for") && gap(j) == b" " && gap(j + 1) == b" " {
            (true, j + 2)
        } else {
            return None;
        };
        let from = k;
        while k < n && k < from + 3 {
            let w = &words[k];
            if !(w.is_alpha() && w.shape == Shape::Capitalized) {
                return None;
            }
            // The head first: `Care` is a stop word too.
            if w.has(d::ORG_SUFFIX | d::FACILITY_HEAD) {
                return Some(k);
            }
            if w.has(ENDS) || after_for && w.has(d::MEDICAL) {
                return None;
            }
            if k + 1 >= n || gap(k) != b" " {
                return None;
            }
            k += 1;
        }
        None
    };
    // A name's word that an organisation's head follows is the organisation's (`Pinnacol
    // Assurance`, `Boston Scientific`, `Meijer Pharmacy`): the heads that no person's name
    // goes on to (not `Health`, `Care` or `General`: `Jane Doe Care Coordinator`).
    let org_after_name = |j: usize| {
        let n = words.len();
        (j + 1..(j + 3).min(n)).find(|&k| {
            let w = &words[k];
            if (j..k).any(|g| gap(g) != b" ") || w.shape != Shape::Capitalized || w.has(ENDS) {
                return false;
            }
            let lw = seg[w.start..w.end].to_ascii_lowercase();
            let head = w.has(d::ORG_SUFFIX)
                || w.has(d::FACILITY_HEAD)
                    && !matches!(
                        lw.as_str(),
                        "health" | "care" | "general" | "regional" | "memorial" | "va"
                    );
            head && (k == j + 1 || part(j + 1) && !words[j + 1].has(d::ORG_SUFFIX))
        })
    };
    for k in first..out.len() {
        let mut sp = out[k];
        let (Ok(i0), Ok(j0)) = (
            words.binary_search_by_key(&sp.start, |w| w.start),
            words.binary_search_by_key(&sp.end, |w| w.end),
        ) else {
            continue;
        };
        let (mut i, mut j) = (i0, j0);
        match sp.label {
            Label::Location | Label::Organization => {}
            Label::Name => match org_after_name(j) {
                Some(h) => {
                    j = h;
                    sp.label = Label::Organization;
                }
                None => continue,
            },
            _ => continue,
        }
        for _ in 0..4 {
            let n = words.len();
            let step = if j + 1 < n && matches!(gap(j), b" " | b" & ") && part(j + 1) {
                1
            } else if j + 2 < n
                && (lower(j + 1, "s") && gap(j) == b"'" || lower(j + 1, "of") && gap(j) == b" ")
                && gap(j + 1) == b" "
                && part(j + 2)
            {
                // `Children's Hospital`, `Hospital of Cascia`.
                2
            } else if j + 3 < n
                && lower(j + 1, "of")
                && lower(j + 2, "the")
                && [gap(j), gap(j + 1), gap(j + 2)].iter().all(|g| *g == b" ")
                && part(j + 3)
            {
                3
            } else if let Some(end) = agency_complement(j).or_else(|| joined_head(j)) {
                end - j
            } else {
                break;
            };
            j += step;
        }
        // A name that a possessive joins to its head: `[s Tavern]` after `Gallagher'`.
        if i > 0 && lower(i, "s") && gap(i - 1) == b"'" && part(i - 1) {
            i -= 1;
        }
        for _ in 0..4 {
            // A facility's head or acronym and `of` / `de` before a place: `CHU de Québec`,
            // `Hospital of Saint Raphael`.
            if i >= 2
                && gap(i - 1) == b" "
                && gap(i - 2) == b" "
                && ["of", "de", "du", "des", "di", "do", "da"]
                    .iter()
                    .any(|p| lower(i - 1, p))
                && (words[i - 2].has(d::FACILITY_HEAD | d::ORG_SUFFIX)
                    && words[i - 2].shape == Shape::Capitalized
                    || words[i - 2].shape == Shape::Upper
                        && (2..=5).contains(&words[i - 2].len())
                        && !words[i - 2].has(VOCAB))
                && !words[i - 2].has(ENDS)
            {
                i -= 2;
                continue;
            }
            if i == 0 || !matches!(gap(i - 1), b" " | b" & ") || !part(i - 1) {
                break;
            }
            // A vocabulary word that opens a sentence, a clause after a semicolon or a line is
            // not part of a name, unless `&` joins it and it is no clinical word (`Lakes &
            // Prairies Children's Hospital`; not `; Attends Calvary Chapel`).
            let opens = i == 1 || {
                let g = gap(i - 2);
                g.contains(&b'\n')
                    || g.iter()
                        .any(|c| matches!(c, b'.' | b'!' | b'?' | b':' | b';'))
            };
            let joined_by_and = gap(i - 1) == b" & " && !words[i - 1].has(d::MEDICAL);
            if opens && words[i - 1].has(VOCAB) && !joined_by_and {
                break;
            }
            i -= 1;
        }
        if (i, j) != (i0, j0)
            && let Some(grown) = Span::checked(
                seg,
                words[i].start,
                words[j].end,
                sp.label,
                sp.score,
                sp.source,
            )
        {
            out.push(grown);
        }
    }
}

/// A saint's name with a possessive is a hospital, church or home (`St. Luke's`, `Saint
/// Brendan's`, `ST. JOSEPH'S MANOR`): a NAME, LOCATION or ORGANIZATION span of `out[first..]`
/// that opens with `St.`, `St`, `Saint`, `Ste.` or `Sainte` and ends right before `'s` grows over
/// it as a LOCATION. Appends the grown spans.
pub(super) fn saints_possessive(seg: &str, first: usize, out: &mut Vec<Span>) {
    let b = seg.as_bytes();
    for k in first..out.len() {
        let sp = out[k];
        if !matches!(
            sp.label,
            Label::Name | Label::Location | Label::Organization
        ) {
            continue;
        }
        let head = &b[sp.start..sp.end];
        let saint = ["st. ", "st ", "saint ", "ste. ", "sainte "]
            .iter()
            .any(|p| head.len() > p.len() && head[..p.len()].eq_ignore_ascii_case(p.as_bytes()));
        if !saint {
            continue;
        }
        // (A curly apostrophe is a word byte: `Luke’s` is one word, and so inside the span.)
        let rest = &b[sp.end..];
        if !(rest.starts_with(b"'s") || rest.starts_with(b"'S"))
            || rest.get(2).is_some_and(|&c| super::words::is_word_byte(c))
        {
            continue;
        }
        out.extend(Span::checked(
            seg,
            sp.start,
            sp.end + 2,
            Label::Location,
            sp.score,
            sp.source,
        ));
    }
}

/// Initials that a legend spells out (`JK    Jennifer Kim, RN`, `AG = Alicia Gómez, RN`,
/// `Initials key: BO = Bridget Osei CNM; PH = Peter Hegar MD`, `Ray Hunter (RH)`) stand for
/// that person wherever they stand alone in the segment: the medication administration
/// record's `0905 JK`. A legend entry is the initials at a line's start or after `;`, `:` or
/// `,`, a separator (two spaces or more, a tab, or one `=`, `-` or `:`), and a name the rules
/// found (a NAME span of `out[first..]`); or the name and its initials in brackets right after
/// it. The name's first and last words start with the initials' first and last letters.
/// Segments are the unit of context (a stream redacts one at a time), so a legend in another
/// paragraph is not seen. Appends NAME spans.
pub(super) fn legend_initials(text: &str, first: usize, out: &mut Vec<Span>) {
    let b = text.as_bytes();
    let mut legend: Vec<&[u8]> = Vec::new();
    for sp in out[first..].iter().filter(|sp| sp.label == Label::Name) {
        let name = &b[sp.start..sp.end];
        let last = name
            .iter()
            .rposition(|&c| c == b' ' || c == b'-')
            .map_or(0, |p| p + 1);
        // The first letters of the name's words (split at spaces and hyphens).
        let heads: Vec<u8> = name
            .split(|&c| c == b' ' || c == b'-')
            .filter_map(|w| w.first().copied())
            .collect();
        // Two initials: the first and last words'; three: those of three words at least, the
        // second word's in the middle (`Rachel Faith Summers (RFS)`; not `Hyun-woo Perkins
        // (HCP)`, the health care proxy).
        let matches = |ini: &[u8]| {
            (2..=3).contains(&ini.len())
                && name[0].eq_ignore_ascii_case(&ini[0])
                && name[last].eq_ignore_ascii_case(&ini[ini.len() - 1])
                && (ini.len() == 2 || heads.len() >= 3 && heads[1].eq_ignore_ascii_case(&ini[1]))
        };
        // After the name, in brackets: `Ray Hunter (RH)`.
        if let Some(rest) = b[sp.end..].strip_prefix(b" (") {
            let n = rest.iter().take_while(|c| c.is_ascii_uppercase()).count();
            // Not a credential (`Rachel Nguyen (RN)`, `Mary Dunn (MD)`).
            const CREDENTIALS: &[&[u8]] = &[
                b"RN", b"MD", b"PA", b"NP", b"DO", b"PT", b"OT", b"RT", b"LPN", b"CNA", b"MA",
                b"DDS", b"DMD", b"SW", b"CM", b"RD", b"RPH", b"DPM", b"OD", b"LVN", b"CRNA",
            ];
            if rest.get(n) == Some(&b')')
                && matches(&rest[..n])
                && !CREDENTIALS.contains(&&rest[..n])
                && !legend.contains(&&rest[..n])
            {
                legend.push(&rest[..n]);
            }
        }
        let ls = line_start(b, sp.start);
        let head = &b[ls..sp.start];
        // The separator before the name, then the initials.
        let sep_len = head
            .iter()
            .rev()
            .take_while(|&&c| matches!(c, b' ' | b'\t' | b'=' | b'-' | b':'))
            .count();
        let (before, sep) = head.split_at(head.len() - sep_len);
        let n = before
            .iter()
            .rev()
            .take_while(|c| c.is_ascii_uppercase())
            .count();
        let ini = &before[before.len() - n..];
        let opens = &before[..before.len() - n];
        // At the line's start, or after `;`, `:` or `,` and a space (`key: BO = ...; PH = ...`).
        let opened = opens.is_empty()
            || [&b"; "[..], b": ", b", "]
                .iter()
                .any(|o| opens.ends_with(o));
        let spaces = sep.iter().filter(|&&c| c == b' ' || c == b'\t').count();
        let marks = sep.len() - spaces;
        let separated = spaces == sep.len() && (spaces >= 2 || sep.contains(&b'\t'))
            || marks == 1 && spaces <= 2;
        if opened && separated && matches(ini) && !legend.contains(&ini) {
            legend.push(ini);
        }
    }
    if legend.is_empty() {
        return;
    }
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_uppercase() || i > 0 && b[i - 1].is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        let e = i + b[i..].iter().take_while(|c| c.is_ascii_uppercase()).count();
        if !b.get(e).is_some_and(u8::is_ascii_alphanumeric) && legend.contains(&&b[i..e]) {
            super::push_context(text, out, i, e, Label::Name, 0.8);
        }
        i = e;
    }
}

/// An ending of an abstract noun or an adjective (`Utilization`, `Grievance`, `Housing`,
/// `Pediatric`, `Surgical`): such a word names a department's work or kind, not the
/// organisation. `word` is lower-cased.
fn abstract_noun(word: &str) -> bool {
    const ENDINGS: &[&str] = &[
        "tion", "sion", "ment", "ance", "ence", "ing", "ity", "ness", "ic", "al", "ary", "ory",
        "ive", "ous", "able", "ible",
    ];
    word.len() > 4 && ENDINGS.iter().any(|e| word.ends_with(e))
}

/// An ending that makes an unlisted word a clinical one (`PERIOPERATIVE`, `Endoscopy`), not a
/// name. `word` is lower-cased.
fn clinical_ending(word: &str) -> bool {
    const ENDINGS: &[&str] = &[
        "ative", "ology", "itis", "ectomy", "otomy", "ostomy", "osis", "emia", "algia", "pathy",
        "plasty", "scopy", "graphy", "ocyte", "genic",
    ];
    word.len() > 6 && ENDINGS.iter().any(|e| word.ends_with(e))
}

/// The start of the line holding `b[i]`.
pub(super) fn line_start(b: &[u8], i: usize) -> usize {
    memchr::memrchr(b'\n', &b[..i]).map_or(0, |p| p + 1)
}

/// The end of the line holding `b[i]`: its `\n`, or the end of `b`.
pub(super) fn line_end(b: &[u8], i: usize) -> usize {
    memchr::memchr(b'\n', &b[i..]).map_or(b.len(), |p| i + p)
}

/// A dictation footer's initials: the dictator's capitals (and a co-signer's: `MS/FO/kp`) and the
/// transcriptionist's lower-case letters joined by `/` or `:` (`HJB/ssm`, `TP:rjm   D:
/// 10/02/86`), alone on the line or after a date, time or job number, and before the end of the
/// line or a `D:` / `T:` field. Two words of the clinical vocabulary (`IV/po`, `SA/dp`) are
/// such a footer only before a field or on the text's last line after others. A dictator in
/// lower case (`jm/kt`, joined by `/` only, not two clinical words) after a `T:` field on its
/// line, before a dated `D:` or `T:` field (`kt/rap  D: 04/11/24`) or under a signature's
/// stamp. Appends NAME spans.
pub(super) fn dictation_initials(seg: &str, words: &[Word], out: &mut Vec<Span>) {
    let b = seg.as_bytes();
    // Clinical shorthand (`IV/po`, `CT/mri`) is two words of the vocabulary.
    let vocab = |at: usize| super::word_at(words, at).is_some_and(|k| words[k].has(VOCAB));
    for m in memchr::memchr2_iter(b'/', b':', b) {
        let run = |f: fn(&u8) -> bool| b[..m].iter().rev().take_while(|c| f(c)).count();
        // A dictator in lower case too (`jm/kt`), after a `T:` field on its line, before a
        // dated `D:` / `T:` field, or under a signature's stamp (`..., PA-C  04/11/2024 16:42`
        // / `rs/kd`).
        let (n, lower) = match run(u8::is_ascii_uppercase) {
            0 => (run(u8::is_ascii_lowercase), true),
            n => (n, false),
        };
        let s = m - n;
        if !(2..=if lower { 3 } else { 4 }).contains(&n)
            || s > 0 && b[s - 1].is_ascii_alphanumeric()
        {
            continue;
        }
        let ls = line_start(b, s);
        let Some((end, sure, fields)) = dictation_footer(b, s, m, ls) else {
            continue;
        };
        let both_vocab = vocab(s) && vocab(m + 1);
        let ok = if lower {
            b[m] == b'/'
                && !both_vocab
                && (fields && dated_field_after(b, end)
                    || stamped_above(b, ls)
                    || b[ls..s].windows(3).enumerate().any(|(k, w)| {
                        // A field `T:` or `t:`, not the end of `Pt:` or `Heart:`.
                        w.eq_ignore_ascii_case(b"T: ")
                            && (k == 0 || !b[ls + k - 1].is_ascii_alphanumeric())
                    }))
        } else {
            sure || !both_vocab
        };
        if ok {
            super::push_context(seg, out, s, end, Label::Name, 0.8);
        }
    }
}

/// A list of staff initials in lower case joined by `/` (`ao/kb/rb/yf`, `cc: jm/kd`, `Routed:
/// obk/lm/mo`, `Letters printed 11:42 -- ti/ba`, `Deshpande, MD  (ad/cwo)`): groups of two or
/// three letters, no stop word, not all of them words of the vocabulary (a pair none), that end
/// their line and are alone on it, in brackets, or after a dash, `cc:` or `routed:`. Appends a
/// NAME span per group.
pub(super) fn initial_lists(seg: &str, words: &[Word], out: &mut Vec<Span>) {
    let b = seg.as_bytes();
    let lower = |c: &u8| c.is_ascii_lowercase();
    let mut done = 0;
    for m in memchr::memchr_iter(b'/', b) {
        if m < done || m == 0 || !b[m - 1].is_ascii_lowercase() {
            continue;
        }
        let s = m - b[..m].iter().rev().take_while(|c| lower(c)).count();
        // Most slashes follow one letter (`s/p`, `w/`, `n/v`): no list, nothing to collect.
        if !(2..=3).contains(&(m - s)) {
            continue;
        }
        // The groups from `s`: letters, `/`, letters...
        let mut groups: Vec<(usize, usize)> = Vec::new();
        let mut at = s;
        loop {
            let n = b[at..].iter().take_while(|c| lower(c)).count();
            groups.push((at, at + n));
            if !(2..=3).contains(&n) || b.get(at + n) != Some(&b'/') {
                break;
            }
            at += n + 1;
        }
        let end = groups.last().map_or(s, |g| g.1);
        done = end;
        if groups.len() < 2
            || groups.iter().any(|&(a, e)| !(2..=3).contains(&(e - a)))
            || s > 0 && (b[s - 1].is_ascii_alphanumeric() || b[s - 1] == b'/')
            || b.get(end)
                .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'/')
        {
            continue;
        }
        // The line ends after the list, or after its closing bracket (`(ad/cwo)`).
        let bracket = s > 0 && b[s - 1] == b'(' && b.get(end) == Some(&b')');
        let rest = &b[end + usize::from(bracket)..line_end(b, end)];
        if !rest.trim_ascii().is_empty() {
            continue;
        }
        let before = b[line_start(b, s)..s - usize::from(bracket)].trim_ascii_end();
        let cued = before.is_empty()
            || bracket
            || before.ends_with(b"--")
            || before.ends_with("\u{2014}".as_bytes())
            || before.len() >= 3 && before[before.len() - 3..].eq_ignore_ascii_case(b"cc:")
            || before.len() >= 7 && before[before.len() - 7..].eq_ignore_ascii_case(b"routed:");
        if !cued {
            continue;
        }
        let word = |a: usize| super::word_at(words, a).map(|k| &words[k]);
        // Clinical shorthand is words of the vocabulary (`po/iv`, `prn/sch`): three groups or
        // more may hold some (`ao/kb/rb`), two none.
        let flags =
            |&(a, e): &(usize, usize), f: u32| word(a).is_some_and(|w| w.end == e && w.has(f));
        let vocab = groups
            .iter()
            .filter(|g| flags(g, VOCAB | d::CREDENTIAL))
            .count();
        let plain = !groups.iter().any(|g| flags(g, d::STOPWORD))
            && if groups.len() >= 3 {
                vocab < groups.len()
            } else {
                vocab == 0
            };
        if plain {
            for &(a, e) in &groups {
                super::push_context(seg, out, a, e, Label::Name, 0.8);
            }
        }
    }
}

/// A `D:` or `T:` field with a date (`D: 04/11/24`) follows `b[e]` on its line (`T: 37` is a
/// temperature).
fn dated_field_after(b: &[u8], e: usize) -> bool {
    let line = &b[e..line_end(b, e)];
    line.windows(3).enumerate().any(|(i, w)| {
        matches!(w, [b'D' | b'T', b':', b' ']) && {
            let v = line[i + 3..].trim_ascii_start();
            let d = v.iter().take_while(|c| c.is_ascii_digit()).count();
            (1..=4).contains(&d) && matches!(v.get(d), Some(b'/' | b'-' | b'.'))
        }
    })
}

/// The line above the one at `ls` is a signature's stamp, which a footer's initials follow: a
/// credential after a comma or `signed` on it, and a clock time at its end (`Rachel Summer,
/// PA-C  04/11/2024 16:42`; not `given 14:00`).
fn stamped_above(b: &[u8], ls: usize) -> bool {
    let above = b[..ls.saturating_sub(1)].trim_ascii_end();
    let line = &above[line_start(above, above.len())..];
    let credential = line.windows(4).any(|w| {
        w[0] == b',' && w[1] == b' ' && w[2].is_ascii_uppercase() && w[3].is_ascii_uppercase()
    });
    let signed = super::patterns::contains_ci(line, &[b"signed"]);
    (credential || signed)
        && matches!(
            above,
            [.., b'0'..=b'2', b'0'..=b'9', b':', b'0'..=b'5', b'0'..=b'9']
        )
}

/// The end of a dictation footer's `DICTATOR/transcriptionist` pair whose capitals are
/// `b[s..e]` (see [`dictation_initials`]), if it is one, and whether its place makes it sure: a
/// `D:` / `T:` or job-number field after it, a `T:` field before it on its line or the line
/// above, or the text's last line after another; and whether a field follows it on its line.
/// A transcriptionist in capitals (`AB/MK`) only where its place makes it sure.
fn dictation_footer(b: &[u8], s: usize, e: usize, ls: usize) -> Option<(usize, bool, bool)> {
    const UNITS: &[&[u8]] = &[
        b"dl", b"ml", b"hr", b"hrs", b"min", b"kg", b"day", b"wk", b"mo", b"yr", b"mg", b"cc",
    ];
    if !matches!(b.get(e), Some(b'/' | b':')) {
        return None;
    }
    // A co-signer's capitals: `MS/FO/kp`.
    let cosigner = b[e + 1..]
        .iter()
        .take_while(|c| c.is_ascii_uppercase())
        .count();
    let e = if (2..=4).contains(&cosigner) && b.get(e + 1 + cosigner) == Some(&b'/') {
        e + 1 + cosigner
    } else {
        e
    };
    let run = |f: fn(&u8) -> bool| b[e + 1..].iter().take_while(|c| f(c)).count();
    let (n, capitals) = match run(u8::is_ascii_lowercase) {
        0 => (run(u8::is_ascii_uppercase), true),
        n => (n, false),
    };
    let end = e + 1 + n;
    if !(2..=4).contains(&n)
        || UNITS.contains(&&b[e + 1..end])
        || b.get(end)
            .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'/')
    {
        return None;
    }
    // Before: nothing on the line, or a date, time or job number and two spaces.
    let before = &b[ls..s];
    let trimmed = before.trim_ascii_end();
    let before_ok = trimmed.is_empty()
        || before.len() - trimmed.len() >= 2 && trimmed.last().is_some_and(u8::is_ascii_digit);
    // After: the end of the line, or a `D:` / `T:` / `DD:` / `TD:` / `DT:` field or a job,
    // document or batch number.
    let rest = &b[end..];
    let line = &rest[..rest.iter().position(|&c| c == b'\n').unwrap_or(rest.len())];
    let after = line.trim_ascii();
    let field = |f: &[u8]| {
        after.len() > f.len()
            && after[..f.len()].eq_ignore_ascii_case(f)
            && line.len() > after.len()
    };
    let numbered = |f: &[u8]| {
        field(f)
            && matches!(
                after[f.len()..].trim_ascii_start(),
                [b'#' | b':' | b'0'..=b'9', ..] | [b'I' | b'i', b'D' | b'd', ..]
            )
    };
    let fields = [&b"D:"[..], b"T:", b"DD:", b"TD:", b"DT:", b"#"]
        .iter()
        .any(|f| field(f))
        || [&b"job"[..], b"doc", b"batch", b"index"]
            .iter()
            .any(|f| numbered(f));
    if !before_ok {
        return None;
    }
    // A transcription date (`T: 03/10/2087 07:31`) on this line or the one above: read only
    // where nothing else decides.
    let transcribed = || {
        let above = line_start(b, ls.saturating_sub(1));
        b[above..s].starts_with(b"T: ")
            || b[above..s]
                .windows(4)
                .any(|w| matches!(w, [b' ' | b'\n', b'T' | b'D', b':', b' ']) || w == b"TD: ")
    };
    let last = || {
        after.is_empty()
            && rest[line.len()..].trim_ascii().is_empty()
            && !b[..ls].trim_ascii().is_empty()
    };
    if capitals {
        return (fields || after.is_empty() && transcribed()).then_some((end, true, fields));
    }
    (after.is_empty() || fields).then(|| (end, fields || last() || transcribed(), fields))
}

#[cfg(test)]
mod tests {
    use crate::span::Label;
    use crate::{Engine, EngineConfig};

    /// A drug's strength as the segment's last word (`dosed` reads the gap after it only
    /// where a word follows).
    #[test]
    fn strength_ending_the_text() {
        for text in ["Lipitor 20", "Continue Keppra 500", "Dr. Lipitor 20"] {
            let _ = labelled(text, Label::Name);
        }
    }

    #[test]
    fn name_words_no_rule_takes_alone() {
        for (text, want) in [
            ("ANESTHESIA: Daniel May, MD -- general", "Daniel May"),
            ("Patient: Rose May King, 71F.", "Rose May King"),
            ("PT: ROSE MAY KING, 71F.", "ROSE MAY KING"),
            ("daughter-in-law Maria is the alternate.", "Maria"),
            ("the athletic trainer (Coach Grant) can", "Grant"),
            ("Trooper Brandon Hill of the State Patrol", "Brandon Hill"),
            ("son-in-law Sung-min interprets.", "Sung-min"),
            ("Seen with Ji-yeon Park today.", "Ji-yeon Park"),
            ("pt o'sullivan, bridget, 90 y/o f", "o'sullivan"),
        ] {
            let names = labelled(text, Label::Name);
            assert!(names.iter().any(|n| n == want), "{text}: {names:?}");
        }
        for (text, not) in [
            (
                "Dr. Smith-like presentation; son Rob-who states.",
                "Rob-who",
            ),
            ("Dr. Smith-like presentation.", "Smith-like"),
            ("Plan: the patient may, MD said, go home.", "may"),
            ("JOHN SMITH WILL CALL BACK", "JOHN SMITH WILL"),
            (
                "in-law relations are good; the coach said to rest.",
                "relations",
            ),
        ] {
            let names = labelled(text, Label::Name);
            assert!(!names.iter().any(|n| n == not), "{text}: {names:?}");
        }
    }

    #[test]
    fn staff_surnames_that_are_words_after_a_credential_and_relatives_before_a_colon() {
        for (text, want) in [
            ("handoff to rn king 0700.", "king"),
            ("rn young / pct dorival / dr. raghunathan", "young"),
            ("rn young / pct dorival / dr. raghunathan", "dorival"),
            (
                "referred to house supervisor long, nothing released.",
                "long",
            ),
            ("Paternal aunt Joan: pancreatic ca at 70", "Joan"),
            (
                "Anesthesiologist: Farid Mansour, MD; CRNA Owen May\nAnesthesia: spinal",
                "Owen May",
            ),
            ("Re:  PARK, JI-HOON\n     DOB 05/17/1996", "PARK"),
            ("Regarding: Jane Doe", "Jane Doe"),
        ] {
            assert!(
                names(text).iter().any(|n| n == want),
                "{text}: {:?}",
                names(text)
            );
        }
        for text in [
            "rn aware of plan. rn note done, rn long term goals",
            "SOCIAL: FAMILY UPDATED BY MD DONE.\n",
            "Contact: Tuesday",
            "5 pct dextrose infusing",
            "DISCUSSION WITH DTR RE: PEG, TRACH",
            "RE:  Request for expedited appeal",
            "RE: Level 1 appeal",
        ] {
            assert!(names(text).is_empty(), "{text}: {:?}", names(text));
        }
        let text = "Seen by Dr. Lee. May\nfollow up";
        assert_eq!(names(text), ["Lee"], "{text}");
    }

    #[test]
    fn organisations_over_clinical_words_and_common_noun_heads() {
        let found = |text: &str, want: &str| {
            let spans = engine().detect(text);
            let s = text.find(want).unwrap();
            let e = s + want.len();
            spans.iter().any(|sp| sp.start <= s && sp.end >= e)
        };
        for (text, want) in [
            (
                "transport booked w/ Keystone Medical Transport, wheelchair van.",
                "Keystone Medical Transport",
            ),
            (
                "Prior authorization approved by Pacific Crest Health Plan today.",
                "Pacific Crest Health Plan",
            ),
            (
                "Industry rep: Kyle Brandt (Stratagen Orthopaedics), vendor badge VR-20931",
                "Stratagen Orthopaedics",
            ),
            (
                "Testing: 84-gene panel, Helixgen Diagnostics, saliva.",
                "Helixgen Diagnostics",
            ),
            (
                "family has prearranged w/ Rosales Funeral Home (956.555.0124).",
                "Rosales Funeral Home",
            ),
            // Chapels and cemeteries.
            (
                "Funeral home: Sampson Family Chapels, Chicopee, per wife",
                "Sampson Family Chapels",
            ),
            (
                "burial at Mt. St. Benedict Cemetery.",
                "Mt. St. Benedict Cemetery",
            ),
            // Heads in capitals, drugstores, insurers' and leagues' heads.
            ("PT home safety eval through Harwood VNA.", "Harwood VNA"),
            (
                "Employer of record: Dust Devils Baseball LLC  Employee #",
                "Dust Devils Baseball LLC",
            ),
            (
                "ZELLMORE HOME HEALTH SERVICES\nSkilled nursing visit, wound care and teaching.",
                "ZELLMORE HOME HEALTH SERVICES",
            ),
            ("owned Hardcastle Drug on Main St", "Hardcastle Drug"),
            (
                "claim: WC-24-118340 (Columbia Mutual Casualty)",
                "Columbia Mutual Casualty",
            ),
            (
                "Team: Tri-City Dust Devils (Class A, Northwest League)",
                "Northwest League",
            ),
        ] {
            assert!(found(text, want), "{text}: {:?}", engine().detect(text));
        }
        // Brands notes name alone; CVS as a pharmacy only.
        for (text, want) in [
            ("Rx sent to Walgreens on Broadway, Chelsea.", "Walgreens"),
            ("Plan:    Humana Part D, ID H77152043", "Humana"),
            (
                "now volunteers driving for Meals on Wheels) with",
                "Meals on Wheels",
            ),
            ("Pharmacy: CVS, confirmed on face sheet", "CVS"),
            ("i work at amazon in chicopee til 6", "amazon"),
        ] {
            assert!(found(text, want), "{text}: {:?}", engine().detect(text));
        }
        for text in [
            "CVS at 11 weeks showed a normal karyotype.",
            "asystolic cardiac arrest in cvs on 9/11. pt stable",
        ] {
            let spans = engine().detect(text);
            assert!(
                !spans.iter().any(|sp| sp.label == Label::Organization),
                "{text}: {spans:?}"
            );
        }
        let text = "Plan:    Humana Part D, ID H77152043";
        assert!(
            !engine()
                .detect(text)
                .iter()
                .any(|sp| text[sp.start..sp.end].contains("Part"))
        );
        // A sentence's first word is not part of the name.
        let text = "DOB 4/2/1942). Three Richland County EMS runs since December.";
        let spans = engine().detect(text);
        assert!(
            !spans
                .iter()
                .any(|sp| text[sp.start..sp.end].contains("Three")),
            "{spans:?}"
        );
        // A kind of service or a clinical heading is no organisation.
        for text in [
            "Referred to Pediatric Dental for caries.",
            "Home Health Services to start Monday.",
            "Discussed the Treatment Plan with Nursing Home staff.",
            "Medical Supply order placed; Critical Care Transport arranged.",
            "Discussed nursing home placement; lives in a Group Home now.",
            "PERIOPERATIVE SERVICES\nMain OR daily schedule for the rooms below.",
        ] {
            let spans = engine().detect(text);
            assert!(
                !spans.iter().any(|sp| sp.label == Label::Organization),
                "{text}: {spans:?}"
            );
        }
    }

    /// A name's word before an organisation's head, and a brand before `pharmacy` in any
    /// case, are the organisation's; a name before a head across a comma is not.
    #[test]
    fn organisations_grow_from_names_and_brands() {
        for (text, want) in [
            (
                "WC carrier: Pinnacol Assurance, adjuster on file.",
                "Pinnacol Assurance",
            ),
            (
                "Rx sent to Meijer Pharmacy this morning.",
                "Meijer Pharmacy",
            ),
            (
                "nrt 14 mg sent to walmart pharmacy in logan.",
                "walmart pharmacy",
            ),
        ] {
            assert!(covered(text, want), "{text}");
        }
        let text = "school counselor Ms. Lorraine Bell, Roosevelt High School, ext 2";
        let names = labelled(text, Label::Name);
        assert_eq!(names, ["Lorraine Bell"], "{text}");
    }

    #[test]
    fn organisations_named_by_a_rarer_word_inside_a_sentence() {
        for (text, want) in [
            (
                "rented from Windward Medical Supply today",
                "Windward Medical Supply",
            ),
            (
                "spoke with Trident Clinical Services re monitoring",
                "Trident Clinical Services",
            ),
        ] {
            assert_eq!(labelled(text, Label::Organization), [want], "{text}");
        }
        for text in [
            "To the Administrator and Grievance Committee,",
            "RN, CCM -- Utilization Management",
            "(Housing Court docket pending)",
            "order placed with Durable Medical Supply for walker",
            "Constitutional: Low Energy, poor appetite",
            "Tdap given today; DTaP x4",
            "RN:      Okay. Can he stand? Caller agreed; RN callback 21:45; Backup MD: on call",
            "Attn: OPAT RN; DAIR with poly exchange; Surg Onc; Conf Rm 3B",
            "dedicate to PN; results to NST; fax to DME; NGT to LIWS; rest in workroom",
            "ok to call at night; Peds RN; flag in EHR; OBX-5; ICF v3.0; KRAS G12D; at handoff",
            "HF cardiologist; ESRD from IgA nephropathy; DTaP-IPV-Hib-HepB; per WhatsApp msg",
            "4.  INSURED'S NAME ....... SAME\n9.  OTHER INSURED'S NAME",
        ] {
            assert!(
                labelled(text, Label::Organization).is_empty() && names(text).is_empty(),
                "{text}"
            );
        }
    }

    #[test]
    fn newer_credentials_close_a_name() {
        assert_eq!(
            names("weekly video CBT with Rosalind Begaye, LPCC. Interpreter Harriet Yazzie, CHR"),
            ["Rosalind Begaye", "Harriet Yazzie"]
        );
        assert_eq!(
            names("Electronically verified by Tuan Vuong, MLS(ASCP)   04/27/2024"),
            ["Tuan Vuong"]
        );
    }

    #[test]
    fn towns_before_a_state_abbreviation_without_a_comma() {
        let text = "Clinic: Northside Health Center, Houston TX\n\
                    Buffett Cancer Center, Omaha NE   -- Thursday\n\
                    Division of Medical Genetics\nJackson, MS  *  Tel 601-555-0150\n";
        let places = labelled(text, Label::Location);
        for want in ["Houston TX", "Omaha NE", "MS"] {
            assert!(places.iter().any(|p| p == want), "{want}: {places:?}");
        }
        // Credentials and clinical abbreviations after a town's word stay out.
        for text in [
            "PMH: Remote MI, HTN",
            "Hx: Colon CA.",
            "Mary Lee MA",
            "Dr Houston MD",
            "INSULIN GIVEN SC. LABS WNL.",
            "KENNEBEC SUPERIOR CT   initials",
            "Jackson, MS, RD",
            "Scott, PA-C",
        ] {
            assert!(labelled(text, Label::Location).is_empty(), "{text}");
        }
    }

    #[test]
    fn places_grow_over_their_joined_capitalised_words() {
        for (text, want) in [
            (
                "Seen at Riverbend Orthopaedic & Spine Hospital today.",
                "Riverbend Orthopaedic & Spine Hospital",
            ),
            (
                "PICU HANDOFF\nLakes & Prairies Children's Hospital, Minneapolis",
                "Lakes & Prairies Children's Hospital",
            ),
            (
                "Admitted 11/02/2024 to Children's Hospital of the Valley, 3 South.",
                "Children's Hospital of the Valley",
            ),
            (
                "She taught at Central Catholic High School for 35 years.",
                "Central Catholic High School",
            ),
            (
                "Works at Fresh Harvest Packing on the line.",
                "Fresh Harvest Packing",
            ),
            (
                "Husband drives a truck for Pacific Coast Freight.",
                "Pacific Coast Freight",
            ),
            (
                "alt 516.555.0188 (work, Nassau County Dept of Social Services). Mr. Long",
                "Nassau County Dept of Social Services",
            ),
            (
                "Hillcrest Family Dentistry - Clinical Note",
                "Hillcrest Family Dentistry",
            ),
            (
                "Referring OD: Dr. Paul Ng, ClearSight Optometry, Kenosha",
                "ClearSight Optometry",
            ),
            // A province is a place; a facility's acronym and `de` before a place are its own.
            (
                "she came down from\n  Quebec at 17 to dig potatoes",
                "Quebec",
            ),
            (
                "prothese totale de hanche G (2015, CHU de Québec)",
                "CHU de Québec",
            ),
            // A practice named by its specialty and its town.
            (
                "seen yearly by Dr. Oyelaran of Nephrology Associates of Brookfield. UACR 64.",
                "Nephrology Associates of Brookfield",
            ),
            (
                "Record date: 08/03/2090\n\nCARDIOLOGY GROUP OF SPRINGFIELD\nThe patient is seen.",
                "CARDIOLOGY GROUP OF SPRINGFIELD",
            ),
            // A possessive joins a name to its head; a saint's possessive is a place.
            (
                "Works as line cook at Gallagher's Tavern, on his feet.",
                "Gallagher's Tavern",
            ),
            (
                "I work at Sal's Pizzeria and they need the form.",
                "Sal's Pizzeria",
            ),
            ("s/p CABG x3 at St. Luke's in '86 (LIMA-LAD)", "St. Luke's"),
            (
                "volunteers for her parish, St. Brendan's. She lives",
                "St. Brendan's",
            ),
        ] {
            assert!(covered(text, want), "{text}: {:?}", engine().detect(text));
        }
        // A unit after a hospital's name, a service, a sentence's first word: not grown over.
        for (text, not) in [
            ("presented to Falmouth Hospital ED with chest pain.", "ED"),
            (
                "At Hackensack University Medical Center ED, called the charge nurse.",
                "ED",
            ),
            ("Physical Therapy to see. Police were called.", "Police"),
            (
                "Seen in Pediatric Neurology today; consult Dermatology.",
                "Neurology",
            ),
            (
                "Seen in Pediatric Neurology today; consult Dermatology.",
                "Dermatology",
            ),
        ] {
            let spans = engine().detect(text);
            let s = text.find(not).unwrap();
            assert!(
                !spans.iter().any(|sp| sp.start <= s && sp.end > s),
                "{text}: {spans:?}"
            );
        }
    }

    /// Legend entries after `;` or `:` on a line, and initials in brackets after the name;
    /// three initials need three words, the middle one's in the middle.
    #[test]
    fn initials_of_inline_legends_and_brackets() {
        let text = "BO   | New OB\nPH   | NIPT low risk\nInitials key: BO = Bridget Osei CNM; \
                    PH = Peter Hegar MD\n";
        let names = labelled(text, Label::Name);
        assert_eq!(names.iter().filter(|n| *n == "BO").count(), 2, "{names:?}");
        assert_eq!(names.iter().filter(|n| *n == "PH").count(), 2, "{names:?}");
        let names = labelled(
            "Delivered by tech Ray Hunter (RH) 13:40. RH left.",
            Label::Name,
        );
        assert_eq!(names.iter().filter(|n| *n == "RH").count(), 2, "{names:?}");
        let names = labelled(
            "Contact: Hyun-woo Perkins (HCP) at bedside; HCP agrees.",
            Label::Name,
        );
        assert!(names.iter().all(|n| n != "HCP"), "{names:?}");
        let names = labelled(
            "Nurse Rachel Nguyen (RN) at bedside. RN notified.",
            Label::Name,
        );
        assert!(names.iter().all(|n| n != "RN"), "{names:?}");
    }

    #[test]
    fn initials_a_legend_spells_out() {
        let text = "apixaban 5 mg PO BID   0905 JK   2102 MR\nDr. Iyer notified. JK\n\n\
                    Initials   Signature\nJK         Jennifer Kim, RN\nMR = Miguel Reyes, RN\n";
        let names = labelled(text, Label::Name);
        assert_eq!(names.iter().filter(|n| *n == "JK").count(), 3, "{names:?}");
        assert_eq!(names.iter().filter(|n| *n == "MR").count(), 2, "{names:?}");
        // A legend in another paragraph (segment) is not seen: a stream redacts one at a time.
        let table = "apixaban 5 mg PO BID   0905 JK   2102 MR\n".repeat(8);
        let apart = format!("{table}\nJK         Jennifer Kim, RN\n");
        let names = labelled(&apart, Label::Name);
        assert_eq!(names.iter().filter(|n| *n == "JK").count(), 1, "{names:?}");
        // Without a legend, capitals in a table are not names.
        let names = labelled("apixaban 5 mg PO BID   0905 JK   2102 MR\n", Label::Name);
        assert!(names.is_empty(), "{names:?}");
    }

    #[test]
    fn acronym_of_a_facility_in_brackets_and_wherever_it_recurs() {
        let text =
            "TRANSFERRED FROM CAPE ANN COMMUNITY HOSPITAL\n(CACH) ON 04/10. STARTED AT CACH.";
        let got = places(text);
        assert_eq!(
            got.iter().filter(|p| p.contains("CACH")).count(),
            2,
            "{got:?}"
        );
        let got = places("to Hallmark Health - Lawrence Memorial (LMH), where CT head showed");
        assert!(got.iter().any(|p| p.contains("LMH")), "{got:?}");
        let got = places("PLANNING TO ST. JOHN'S ACUTE REHAB (\"SJAR\") VS HOME");
        assert!(got.iter().any(|p| p.contains("SJAR")), "{got:?}");
        let got = places("seen at Mercy Hospital (ED) and then (ED) again");
        assert!(!got.iter().any(|p| p.contains("ED")), "{got:?}");
    }

    #[test]
    fn initials_of_a_dictation_footer() {
        for (text, want) in [
            ("Electronically signed.\n\nHJB/ssm\ncc: Dr. Park", "HJB/ssm"),
            ("TP:rjm   D: 10/02/86   T: 10/03/86", "TP:rjm"),
            (
                "D: 11/02/2084 12:41  T: 11/03/2084 15:02  Job # 558210  HP/wsb",
                "HP/wsb",
            ),
            // Clinical abbreviations, sure by their place.
            ("Mount Carroll Hospital\nSA/dp\n", "SA/dp"),
            (
                "cc: Fairmont Renal Center\nTR/ss   D: 04/17/91  T: 04/18/91",
                "TR/ss",
            ),
            ("Therapy, Mount Carroll Hospital\nMS/FO/kp", "MS/FO/kp"),
            // Before a job number, or after a transcription date; in capitals only so.
            (
                "D: 03/09/2087 11:52    T: 03/10/2087 07:31\nTRA/dkw   Job #: 558120",
                "TRA/dkw",
            ),
            ("T: 10/23/2091 08:47   LQ/rtb   Job 77340915", "LQ/rtb"),
            ("T: 04/12/2013 09:10\nAB/MK   JOB: W0412-33871", "AB/MK"),
            (
                "TD: 02/03/88 15:44\nBATCH: 4471   INDEX: D8827   OA/GF\n",
                "OA/GF",
            ),
            // A dictator in lower case, after a transcription date or under a signature's
            // time stamp.
            ("D: 6/20/03 12:55   T: 6/20/03 14:10   jm/kt", "jm/kt"),
            // Or before the dictation and transcription dates on its line.
            (
                "Okafor, MD\nkt/rap  D: 04/11/24 T: 04/12/24  job 4471",
                "kt/rap",
            ),
            (
                "Rachel Summer, PA-C  04/11/2024 16:42\nrs/kd\nmore",
                "rs/kd",
            ),
        ] {
            let names = labelled(text, Label::Name);
            assert!(names.iter().any(|n| n == want), "{text}: {names:?}");
        }
        for text in [
            "Glucose 95 MG/dl\n",
            "IV/po\n",
            "Abx:\nIV/po\nthen home",
            "BP/hr 120/80\n",
            "Plan: CT/mri tomorrow",
            "NEURO: MAE\nCT/MRI\n",
            "RESP: LS CLEAR\nIV/PO   DOC ON CALL",
            "given 12:40\niv/po\n",
            "given 14:00\nprn/sch\n",
            "diet: po/iv\n",
            "diet: po/iv  D: 5",
            "am/pm  T: 37",
            "abd/pelv  T: 98",
        ] {
            let names = labelled(text, Label::Name);
            assert!(names.is_empty(), "{text}: {names:?}");
        }
    }

    /// Eponyms of procedures and devices, care brands and faiths are no names, except after
    /// a title.
    #[test]
    fn eponyms_brands_and_faiths_are_no_names() {
        let text = "I recommend Mohs micrographic surgery. Hoyer lift. 2 Juven packets/day. \
                    A Muslim male; devout Shia Muslim. Seen by Dr. Hoyer today.";
        assert_eq!(labelled(text, Label::Name), ["Hoyer"], "{text}");
    }

    /// Police titles and paramedics' and chaplains' credentials stay out of the names they
    /// stand beside; `Sheikh` after a title is a surname.
    #[test]
    fn more_titles_and_credentials() {
        for (text, want) in [
            ("Updated by Ofc. Szymanski at the scene.", "Szymanski"),
            (
                "Signed electronically: Kendra Delacroix, NRP  3/18/24",
                "Kendra Delacroix",
            ),
            ("Referring: Rose Whitfield, ARNP", "Rose Whitfield"),
            ("Seen by Dr. Sheikh today.", "Sheikh"),
        ] {
            assert_eq!(labelled(text, Label::Name), [want], "{text}");
        }
    }

    /// `foster` before a relation is no surname; `Dr. Foster` is.
    #[test]
    fn foster_families_are_no_names() {
        let text = "brought in by: foster mom tamara greenlee. lives w/ foster family: foster \
                    parents + 2 foster sibs. Seen by Dr. Foster.";
        let names = labelled(text, Label::Name);
        assert!(names.iter().all(|n| !n.contains("foster")), "{names:?}");
        assert!(names.iter().any(|n| n == "Foster"), "{names:?}");
        for text in [
            "Called Dr. Foster home number.",
            "Jane Foster family at bedside.",
        ] {
            let names = labelled(text, Label::Name);
            assert!(
                names.iter().any(|n| n.contains("Foster")),
                "{text}: {names:?}"
            );
        }
    }

    /// `Res` is a nursing home's resident, not a surname.
    #[test]
    fn res_is_the_resident() {
        let text = "Event: Res found sitting on floor. Res speaks Mandarin; res states he fell.";
        assert!(labelled(text, Label::Name).is_empty(), "{text}");
    }

    /// Whether one span the engine finds in `text` covers the first `want` in it.
    fn covered(text: &str, want: &str) -> bool {
        let s = text.find(want).unwrap();
        let e = s + want.len();
        engine()
            .detect(text)
            .iter()
            .any(|sp| sp.start <= s && sp.end >= e)
    }

    #[test]
    fn a_name_after_a_verb_and_w_slash() {
        assert_eq!(
            labelled("ref # 417, spoke w/ Devon: pt not candidate", Label::Name),
            ["Devon"]
        );
        assert!(labelled("spoke w/ pt and family, then w/ nursing", Label::Name).is_empty());
    }

    #[test]
    fn a_social_worker_before_a_name() {
        assert_eq!(
            labelled("AUDIT-C 5. SBIRT DONE BY SW MARCUS BELL.\n", Label::Name),
            ["MARCUS BELL"]
        );
        assert_eq!(
            labelled("SW Gwen Falk, LICSW, met family 3/25", Label::Name),
            ["Gwen Falk"]
        );
        // A street's quarter; chat shorthand.
        assert!(labelled("Lives: 700 4th Ave SW, Rochester, MN 55902", Label::Name).is_empty());
        assert!(labelled("names the son. SW pls weigh in", Label::Name).is_empty());
        assert!(labelled("Clinic at SW Washington St", Label::Name).is_empty());
        let got = labelled("SW HOLLY ST. PIERRE, CHAPLAIN", Label::Name);
        assert!(got.iter().any(|n| n.contains("HOLLY")), "{got:?}");
    }

    #[test]
    fn congregations_in_capitals() {
        let text = "PT VERY ACTIVE AT GREATER LOVE BAPTIST CHURCH, PASTOR VISITED. SEEN AT \
                    CHURCH (ST. JOHN CANTIUS PARISH).";
        assert_eq!(
            labelled(text, Label::Organization),
            ["GREATER LOVE BAPTIST CHURCH", "JOHN CANTIUS PARISH"]
        );
    }

    #[test]
    fn lists_of_staff_initials() {
        let text = "Closed encounter. Enc # 4410093821.\nao/kb/rb/yf\ncc: jm/kd\n\
                    Routed: obk/lm/mo\ngw/hk\n";
        assert_eq!(
            labelled(text, Label::Name),
            [
                "ao", "kb", "rb", "yf", "jm", "kd", "obk", "lm", "mo", "gw", "hk"
            ]
        );
        // After a transcription field in lower case; in brackets at the line's end.
        let text = "blah\nd: 03/13/2150 18:40   t: 03/14/2150 02:10   job# 7782041   ba/rlt\n";
        assert!(labelled(text, Label::Name).iter().any(|n| n == "ba/rlt"));
        assert_eq!(labelled("Signed, MD  (gw/hk)\n", Label::Name), ["gw", "hk"]);
        // A field's `t:` only, not the end of `Pt:` or `Heart:`.
        assert!(labelled("Pt: 72  reg/irr\nHeart: 72  reg/irr\n", Label::Name).is_empty());
        // Shorthand, stop words, one letter, or not at the line's end.
        let text = "bs/bm\npo/iv\nhe/she\nn/v/d\nprn/sch\nmg/dl\nao/kb given today\n";
        assert!(labelled(text, Label::Name).is_empty());
    }

    /// The texts of the spans of `label` the engine finds in `text`.
    fn labelled(text: &str, label: Label) -> Vec<String> {
        engine()
            .detect(text)
            .into_iter()
            .filter(|s| s.label == label)
            .map(|s| text[s.start..s.end].to_string())
            .collect()
    }

    fn engine() -> &'static Engine {
        static ENGINE: std::sync::OnceLock<Engine> = std::sync::OnceLock::new();
        ENGINE.get_or_init(|| Engine::new(EngineConfig::default()).unwrap())
    }

    fn names(text: &str) -> Vec<String> {
        labelled(text, Label::Name)
    }

    fn places(text: &str) -> Vec<String> {
        labelled(text, Label::Location)
    }

    #[test]
    fn dialysis_units_imaging_centres_pharmacies_and_assisted_living() {
        // Covered whole, whatever the label (the name of the place reads as a person's too).
        for (text, want) in [
            (
                "Lives: Birchwood Assisted Living, 700 4th Ave SW",
                "Birchwood Assisted Living",
            ),
            (
                "wet read at Sudbury Diagnostic Imaging: RLL opacity",
                "Sudbury Diagnostic Imaging",
            ),
            ("BEDOK POLYCLINIC   ||   Consultation", "BEDOK POLYCLINIC"),
            // A table's next field is no part of the name (`Unit:` after a column's blanks).
            (
                "Facility: St. Adalbert Medical Center    Unit: 5 North    Room 512",
                "St. Adalbert Medical Center",
            ),
            (
                "via Optum Specialty Pharmacy, Rx #4471",
                "Optum Specialty Pharmacy",
            ),
        ] {
            assert!(covered(text, want), "{text}");
        }
    }

    #[test]
    fn eponyms_in_double_surnames_and_malay_particles() {
        for (text, want) in [
            (
                "hospitalist Dr. Kieran Alzheimer-Roth (no relation)",
                "Kieran Alzheimer-Roth",
            ),
            (
                "Reviewed: M. Charcot-Ferreira, MD  25/02/2025",
                "M. Charcot-Ferreira",
            ),
            (
                "Doctor: Dr Siti Nurhaliza bte Ismail (MCR M71842B)",
                "Siti Nurhaliza bte Ismail",
            ),
        ] {
            let names = labelled(text, Label::Name);
            assert!(names.iter().any(|n| n == want), "{text}: {names:?}");
        }
        // A credential's or a council's letters after a hyphen stay out.
        let names = labelled("Thiago Moura Vasconcelos - CRM-SP 154872", Label::Name);
        assert!(names.iter().all(|n| !n.contains("SP")), "{names:?}");
    }

    /// `parent` and `parents` are relations: no names themselves, cues for the name after
    /// them, but not through a plural's possessive.
    #[test]
    fn parents_are_relations() {
        assert!(names("Hep B vaccine deferred to nursery (parents requested).").is_empty());
        let names_ = names("Parents Sergei and Anna at bedside.");
        assert!(names_.iter().any(|n| n == "Sergei"), "{names_:?}");
        assert!(names_.iter().all(|n| !n.contains("Parents")), "{names_:?}");
        let names_ = names("lives w/ foster family + foster parents' bio son eli 12 yo.");
        assert!(names_.iter().all(|n| n != "bio"), "{names_:?}");
        let names_ = names("lives w/ foster family + foster parents\u{2019} bio son eli 12 yo.");
        assert!(names_.iter().all(|n| n != "bio"), "{names_:?}");
    }

    #[test]
    fn surname_after_a_quoted_nickname() {
        for (text, want) in [
            (
                "Sponsor ... Bartholomew \"Bart\" Okafor   cell 423-555-0177",
                "Okafor",
            ),
            ("PATIENT NAME  Abernathy, Solomon \"Sol\" J.   SEX M", "J"),
        ] {
            let names = names(text);
            assert!(names.iter().any(|n| n.ends_with(want)), "{text}: {names:?}");
        }
        let names = names("Sponsor Bartholomew \"Bart\" said yes.");
        assert!(names.iter().all(|n| n != "said"), "{names:?}");
    }

    /// A patient named by room in a cross-cover log; a room alone names no one.
    #[test]
    fn names_after_rooms_in_a_cross_cover_log() {
        let text = "0220 - rapid response called rm 526 (hollis bright, 72 yo, pna)\n\
                    0445 - pg re rm 509 rosalind foley: \"foley not draining\"\n\
                    pt moved to rm 412, stable. Bed 11: vent unchanged";
        assert_eq!(
            labelled(text, Label::Name),
            ["hollis bright", "rosalind foley"]
        );
        let text = "rm 5 bath done, room 12 ready: rm 305 north: bed 5 door, rm 3 fall risk,";
        assert!(labelled(text, Label::Name).is_empty());
    }

    /// Organisations before an institution's head in a note in capitals, named by a word in
    /// no vocabulary (not a misspelt one), and `Family` inside a name in mixed case.
    #[test]
    fn organisations_in_capitals_and_family_services() {
        let text = "SPORTS PHYSICAL FORM. SCHOOL: NORTHSIDE HIGH SCHOOL   GRADE: 11. \
                    PT TO BLOOD BANK FOR TYPE AND SCREEN. BP INTERMITTANTLY HIGH. \
                    WOUND WITH SOFSORB COVERING PACKING. ATTENDS KORVEDAN UNITED CHURCH.";
        let orgs = labelled(text, Label::Organization);
        assert!(
            orgs.iter().any(|o| o == "NORTHSIDE HIGH SCHOOL"),
            "{orgs:?}"
        );
        assert!(
            orgs.iter().any(|o| o == "KORVEDAN UNITED CHURCH"),
            "{orgs:?}"
        );
        for not in ["BLOOD", "INTERMITTANTLY", "SOFSORB", "ATTENDS"] {
            assert!(orgs.iter().all(|o| !o.contains(not)), "{not}: {orgs:?}");
        }
        let text = "Foster parent: licensed through Hill Country Family Services, placed 10/15.";
        assert!(covered(text, "Hill Country Family Services"), "{text}");
        // A verb of going there opens no name in mixed case either.
        let text = "Social work involved; Attends Calvary Chapel weekly; pastor visits.";
        assert_eq!(labelled(text, Label::Organization), ["Calvary Chapel"]);
    }

    /// An eponym's word is a clinician's surname after a doctor's title, after a title and a
    /// given name, or between a given name and a credential; not as the eponym it is
    /// elsewhere, nor after `DR` the delivery room, nor an acronym inside a sentence in
    /// capitals.
    #[test]
    fn eponyms_as_surnames() {
        for (text, want) in [
            ("to see Dr. Tobias Marfan and me in clinic", "Tobias Marfan"),
            ("as we joked, Dr. Marfan is not the one", "Marfan"),
            (
                "Surgeon: Priscilla Crohn, MD     Encounter",
                "Priscilla Crohn",
            ),
            (
                "referring md: dr. imani broca -- no relation",
                "imani broca",
            ),
            (
                "ATTENDING: DR. AUGUSTINE COLLES      PA: JO",
                "AUGUSTINE COLLES",
            ),
            // A hyphenated surname after `Dr.`, in any case.
            (
                "ROUTED TO DR. ALZHEIMER-QUINN FOR SIGNATURE.",
                "ALZHEIMER-QUINN",
            ),
            (
                "order entered by dr. alzheimer-voss for cold",
                "alzheimer-voss",
            ),
        ] {
            let names = names(text);
            assert!(names.iter().any(|n| n == want), "{text}: {names:?}");
        }
        for (text, word) in [
            ("CPAP 6 in DR. Apgars 4 (1 min), 7 (5 min).", "Apgars"),
            ("PER DR MADDEN PICC IN SVC AND OK TO USE.", "PICC"),
            ("Dr. Lee said Crohn disease is quiet.", "Crohn"),
            ("Dr. Ruth Marfan's criteria were met.", "Marfan"),
        ] {
            let names = names(text);
            assert!(names.iter().all(|n| !n.contains(word)), "{text}: {names:?}");
        }
    }

    #[test]
    fn listed_place_phrases_in_a_note_in_one_case() {
        let text = "HOME: VILLA 27, AL MUSHRIF, ABU DHABI, UNITED ARAB EMIRATES. RIDES FROM \
                    CEDAR FALLS ARRANGED. PT LIVES IN NEW HAMPSHIRE WITH SON.";
        for want in ["UNITED ARAB EMIRATES", "CEDAR FALLS", "NEW HAMPSHIRE"] {
            assert!(covered(text, want), "{want}: {:?}", places(text));
        }
        // And in lower case in a note in lower case.
        let text = "pt moved here from new york last yr, sister in rhode island. fu 2 wk.";
        for want in ["new york", "rhode island"] {
            assert!(covered(text, want), "{want}: {:?}", places(text));
        }
    }

    /// A place or organisation grows over `&` or `for` and words, clinical ones too, that end
    /// in a head; not over a clinical phrase without one.
    #[test]
    fn places_grow_over_joined_heads() {
        assert_eq!(
            places("Hospice: Valley Oak Hospice & Palliative Care\nSeen today."),
            ["Valley Oak Hospice & Palliative Care"]
        );
        assert_eq!(
            labelled(
                "Insurance:   Alameda Alliance for Health  ID# 2281740",
                Label::Organization
            ),
            ["Alameda Alliance for Health"]
        );
        assert_eq!(
            places("She was seen at Mercy Hospital for Chest Pain eval."),
            ["Mercy Hospital"]
        );
        // After `for`, no clinical word joins: the reason for the visit follows.
        assert_eq!(
            places("Sent to Valley Medical Center for Wound Care today."),
            ["Valley Medical Center"]
        );
        assert_eq!(
            places("Referred to Brookside Partners for Health today."),
            ["Brookside Partners for Health"]
        );
    }

    /// The eponyms and abbreviations of specialty clinics are vocabulary, not names.
    #[test]
    fn specialty_clinic_words_are_no_names() {
        let text = "ENT CONSULT\nExam: Rinne AC>BC AU. Romberg neg.\n\
                    VISUAL ACUITY (Snellen, distance)\nIOP: Goldmann 17/22.\n\
                    Exudate mod. Periwound intact.\n";
        assert!(names(text).is_empty(), "{:?}", names(text));
        // An eponym after a title is still the person.
        assert_eq!(names("Referred to Dr. Snellen for f/u."), ["Snellen"]);
        // A surname that is also an eponym is not vocabulary when it is a listed name, and a
        // dietary allowance or a dose around the clock is no credential.
        assert_eq!(
            names("Kenji Fukuda presents. Fukuda denies CP."),
            ["Kenji Fukuda", "Fukuda"]
        );
        assert!(names("Scheduled Norco ATC, oxycodone prn. Meets Protein RDA.").is_empty());
        // An audiologist's credential carries the name before it, common words or not.
        assert_eq!(
            names("Audiologist: Summer Brooks, AuD, CCC-A\n-- S. Brooks, AuD\n"),
            ["Summer Brooks", "S. Brooks"]
        );
    }

    /// `SURNAME, GIVEN` in capitals alone in a cell or a delimited field, even of common
    /// words or with an initial; not two clinical words.
    #[test]
    fn capitalised_names_in_table_cells_and_fields() {
        let text = "Schedule\nA0931177|08:00|HILL, DANA|BROOKS-ADEYEMI, TOLU|M2218840\n\
                    A0931230|09:20|RAMASWAMY, K|HUNTER, GRACE|M2230918\n";
        assert_eq!(
            names(text),
            [
                "HILL",
                "DANA",
                "BROOKS-ADEYEMI",
                "TOLU",
                "RAMASWAMY",
                "K",
                "HUNTER",
                "GRACE"
            ]
        );
        let text = "Census\n| 405  | KING, R.             | 73  |\n\
                    | 402  | OKONKWO, E. *CONTACT*| 55  |\n";
        assert_eq!(names(text), ["KING", "R", "OKONKWO", "E"]);
        assert_eq!(
            names("Member name ........ YOUNG, FAITH M\n"),
            ["YOUNG", "FAITH M"]
        );
        assert!(names("Panel\n| Labs | CBC, BMP | done |\n").is_empty());
        // The layout needs a listed name or an unknown word, and a surname of two letters.
        for text in [
            "| Result | NEG, NEG |",
            "| Side | L, R |",
            "| Gait | STEADY, INDEPENDENT |",
            "| Affect | FLAT, BLUNTED |",
        ] {
            assert!(names(text).is_empty(), "{text}: {:?}", names(text));
        }
        // Both parts of a hyphenated surname; a surname after `Surname` or `names`.
        assert_eq!(
            names("6. Patient name & address: ADEYEMI-BROOKS, OLUFEMI\n"),
            ["ADEYEMI-BROOKS", "OLUFEMI"]
        );
        assert_eq!(
            names("PATIENT\n  Surname / First names:  MTHEMBU, Sipho Lwazi\n"),
            ["MTHEMBU", "Sipho Lwazi"]
        );
    }

    #[test]
    fn lower_case_surnames_after_an_initial_in_a_mixed_case_note() {
        let text = "HEMODIALYSIS FLOW SHEET\nRiverbend Dialysis - Eastgate unit\n\
                    charge rn: d. whitcombe   pct: sunil raman\ngiven by d. whitcombe rn\n";
        assert_eq!(names(text), ["d. whitcombe", "sunil raman", "d. whitcombe"]);
        // Not a species after its genus's initial.
        assert!(names("Blood cx: bacteremia with s. lugdunensis, also c. trachomatis.").is_empty());
        // After a listed given name in lower case too.
        let text = "CALL LOG\n\"hi its marisol calling about mister yevgeny kowalczyk today\"";
        assert!(names(text).contains(&"yevgeny kowalczyk".to_string()));
        // Not a clinical abbreviation after its initial.
        assert!(names("Culture: Seen by Dr. Lee. Grew e. coli, per s. aureus panel.").len() == 1);
    }

    #[test]
    fn capitalised_drugs_inhalers_and_vaccines_are_no_names() {
        let text = "STARTED   Trelegy Ellipta 92/55/22 mcg one puff daily (replaces Seretide + \
                    Spiriva). Vaccines: Prevnar 20, Shingrix. Sputum grew Haemophilus \
                    influenzae. Await Strongyloides serology. Dr. Okafor reviewed.";
        assert_eq!(names(text), ["Okafor"]);
        // Regimens, brands and tests in capitals or mixed case; a checklist's answers.
        let text = "1) FLOT x 4 cycles. Creon 36,000 units with meals, dornase alfa 2.5 mg, \
                    Trikafta AM. PrEP for partners; random PEth testing. Repeat hs-TnI 121.\n\
                    Any new serious infection?   -- NO\nConsent signed?   -- YES\n";
        assert!(names(text).is_empty(), "{:?}", names(text));
        let text = "Sputum: Pseudomonas aeruginosa mucoid. Geenius HIV-1 confirmed. \
                    Headteacher and SENCo informed. Survivorship visit in May. Enc E24-7731056";
        assert!(names(text).is_empty(), "{:?}", names(text));
    }

    #[test]
    fn travel_companies_railways_and_company_forms_abroad() {
        let text = "Operator: Meridian Blue Cruises\nCumbre Andina Expeditions - Aconcagua \
                    traverse. Machinist, Great Northern Railway shops. Insurance/rescue: \
                    Hohenhilfe Assistance GmbH, member no. 4471.";
        let got = labelled(text, Label::Organization);
        for want in [
            "Meridian Blue Cruises",
            "Cumbre Andina Expeditions",
            "Great Northern Railway",
            "Hohenhilfe Assistance GmbH",
        ] {
            assert!(got.iter().any(|g| g == want), "{want}: {got:?}");
        }
        assert!(
            labelled(
                "Reviewed: Body Imaging, Diagnostic Imaging.",
                Label::Organization
            )
            .is_empty()
        );
    }

    #[test]
    fn languages_in_their_own_spelling_are_no_names() {
        let text = "Pt prefers Krey\u{f2}l for prayers; Provided Krey\u{f2}l Bible. Language: \
                    Kiswahili (also Kibembe). He coached Gaelic football with Dr. Okafor.";
        assert_eq!(names(text), ["Okafor"]);
    }

    #[test]
    fn specialties_after_a_cue_word_are_no_names() {
        let text = "Department: Emergency Medicine\nReviewer: Kwame Mensah, MD (Family Medicine)";
        assert_eq!(names(text), ["Kwame Mensah"]);
    }

    #[test]
    fn union_locals_with_one_digit_after_an_acronym() {
        // (The period of `3.` joins the span as an abbreviation's would: harmless.)
        let got = labelled(
            "longtime member of UAW Local 3. Retired 2008.",
            Label::Organization,
        );
        assert!(
            got.len() == 1 && got[0].starts_with("UAW Local 3"),
            "{got:?}"
        );
        assert!(labelled("Local 1 week of rest.", Label::Organization).is_empty());
    }

    #[test]
    fn labels_glued_to_a_number_sign_and_state_letters_before_an_id() {
        assert_eq!(
            names("Ifeoma Nwosu, RN (primary nurse)  Emp# E204417"),
            ["Ifeoma Nwosu"]
        );
        assert!(places("interpreter Mohamed, ID # 40917. Pt picked up.").is_empty());
        assert!(places("Coverage: Refugee Medical Assistance, ID R0448172931").is_empty());
        assert_eq!(places("Lives in Boise, ID 83702."), ["Boise", "ID"]);
        // A town before its country, not a country that is a word.
        let got = places(
            "Born in Kasulu, Tanzania; ate turkey, Turkey style. Seen by Mensah, Kenya today.",
        );
        assert!(!got.iter().any(|g| g.contains("urkey")), "{got:?}");
        for not in ["Mensah", "Kenya"] {
            assert!(!got.iter().any(|g| g == not), "{not}: {got:?}");
        }
        for want in ["Kasulu", "Tanzania"] {
            assert!(got.iter().any(|g| g == want), "{want}: {got:?}");
        }
    }

    #[test]
    fn the_pronoun_i_and_degree_units_are_not_names() {
        assert_eq!(names("Please tell Dr. Hernandez I called."), ["Hernandez"]);
        assert_eq!(names("Called Dr. Lee I'm told."), ["Lee"]);
        assert_eq!(names("Seen by Dr. John I Smith today."), ["John I Smith"]);
        assert!(names("Temp 37.2 °C, HR 80. T 98.6 °F").is_empty());
    }

    #[test]
    fn speakers_naming_themselves_and_work_roles() {
        assert_eq!(names("hi this is tom, can u send my refill"), ["tom"]);
        assert_eq!(names("hey its sarah again"), ["sarah"]);
        assert_eq!(
            names("Pt states my name is Bobby, not Robert."),
            ["Bobby", "Robert"]
        );
        assert!(names("this is new, this is will be fine").is_empty());
        assert_eq!(
            names("Case manager Will Turner arranged home health."),
            ["Will Turner"]
        );
        assert_eq!(names("Social worker Keisha met the family."), ["Keisha"]);
        assert!(names("Interpreter Services called. Case manager Referral placed.").is_empty());
    }

    #[test]
    fn street_names_without_a_number_and_bare_middle_initials() {
        let addresses = |t: &str| labelled(t, Label::Address);
        assert_eq!(addresses("Lives on Wilson Ave in town."), ["Wilson Ave"]);
        assert_eq!(addresses("Joe's Diner on Main Street."), ["Main Street"]);
        assert_eq!(
            addresses("Found at the corner of Broadway and 42nd St."),
            ["42nd St"]
        );
        assert!(addresses("Respiratory Drive is intact. Seen at St. Mary's.").is_empty());
        assert!(addresses("Given 2nd Dose today. HEART RD SOUNDS").is_empty());
        assert_eq!(names("PATIENT NAME: JOHN Q SMITH"), ["JOHN Q SMITH"]);
        assert_eq!(names("Spoke with Mary K Jones today."), ["Mary K Jones"]);
        assert!(names("Mary S Sister called.").len() <= 1);
    }

    #[test]
    fn an_id_label_is_not_idaho() {
        for text in ["Employee ID 44821.", "Interpreter ID 44821 used."] {
            assert!(labelled(text, Label::Zip).is_empty(), "{text}");
            assert!(labelled(text, Label::Location).is_empty(), "{text}");
            assert_eq!(labelled(text, Label::Id), ["44821"], "{text}");
        }
        // Idaho itself: the place is found, and the number is redacted whole (the id pattern
        // reads it too, and a ZIP gives way to an id).
        assert_eq!(labelled("Boise ID 83702", Label::Location), ["Boise ID"]);
        assert_eq!(labelled("Boise ID 83702", Label::Id), ["83702"]);
        assert_eq!(labelled("Lives in Emmett, ID 83617", Label::Id), ["83617"]);
    }

    #[test]
    fn quoted_nicknames_and_particles_join_the_name() {
        assert_eq!(
            names("Patient John \"Jack\" Smith arrived."),
            ["John", "Jack", "Smith"]
        );
        assert_eq!(
            names("Robert 'Bob' Jones is her brother."),
            ["Robert", "Bob", "Jones"]
        );
        assert_eq!(
            names("Seen by Dr. Anna van der Berg today."),
            ["Anna van der Berg"]
        );
        assert_eq!(
            names("Spoke with Juan Carlos De Los Santos, her son."),
            ["Juan Carlos De Los Santos"]
        );
        assert_eq!(
            names("Seen by Dr Aoife ter Horst. Given ten days of abx."),
            ["Aoife ter Horst"]
        );
        // `John` joins as Mary's partner (`detect::name_continuations`).
        assert_eq!(
            names("Seen by Smith and Jones's team. John and Mary's house."),
            ["Smith and Jones", "John", "Mary"]
        );
        // Two capitalised words before a person's verb: the first in no vocabulary, the
        // second a listed name.
        assert_eq!(
            names("S: Duarte White reports feeling better. Physical Therapy reports progress."),
            ["Duarte White"]
        );
        // A surname that is also a clinical word, after a given name that is no common word.
        assert_eq!(
            names("John White reports feeling better; Miguel Murphy is 101. Mark Green sputum."),
            ["John White", "Miguel Murphy"]
        );
        // A quoted or bracketed word that is no name, and a particle before a plain word.
        assert_eq!(
            names("John \"Jack\" Smith was admitted."),
            ["John", "Jack", "Smith"]
        );
        assert!(names("Flexion 90° at the knee. Angle 45° on lateral view.").is_empty());
        assert_eq!(names("Mrs. Chen 'Fine' Overall."), ["Chen"]);
        assert_eq!(names("Seen by Dr. Smith (Cardiology) Today."), ["Smith"]);
        assert_eq!(names("Ms. Adams van transport arranged."), ["Adams"]);
    }

    #[test]
    fn typos_and_sentence_starts_are_not_names() {
        // Surname-list words misspelt from a word, where case says nothing; common surnames
        // an extra letter away from a word stay names.
        assert_eq!(names("CLAIM PENDING.\nR RAMOS R.N.\n"), ["R RAMOS"]);
        assert!(names("wax placed to metal rod in boken tooth, R upper gumline.").is_empty());
        assert!(names("CV: BP very laible, at 9pm BP decreased with low MAP.").is_empty());
        assert!(names("Pt has remained hemodynamically stabel, tolerating lopressor.").is_empty());
        // A capitalised word after `RT.` or `aware.` starts a sentence.
        assert!(names("nebs as ordered by RT. Continue to monitor ABG's.").is_empty());
        assert!(names("HO and attending aware. See flowsheet for details.").is_empty());
        // A typo after a name is not part of it.
        assert_eq!(
            names("DR LAVELY NOTIFED AND PATIENT RECIEVED ATIVAN"),
            ["LAVELY"]
        );
        // Given names stay names even when one edit from a word (`marie`/`mare`).
        assert_eq!(names("Sincerely\nmarie\n"), ["marie"]);
        assert_eq!(
            names("spoke with daughter, Laura. Continue plan"),
            ["Laura"]
        );
    }

    #[test]
    fn cues_make_names_of_ambiguous_words() {
        for (text, name) in [
            ("Seen today by Dr. Brady for follow-up.", "Brady"),
            ("Mr. English called about his results.", "English"),
            ("Hope Jones visited with her son.", "Hope Jones"),
            (
                "Discussed with daughter, Lima Torres, at bedside.",
                "Lima Torres",
            ),
        ] {
            let got = names(text);
            assert!(got.iter().any(|n| n.contains(name)), "{text}: {got:?}");
        }
    }

    #[test]
    fn organisations_after_employer_cues() {
        for (text, org) in [
            ("Works at Stop & Shop as a line cook.", "Shop"),
            ("Case open with Social Security Administration.", "Security"),
            ("Employer: Johnson & Johnson - work injury", "Johnson"),
            // A job before `at`/`for`, and a line break inside the sentence.
            (
                "31 years as produce manager at Market Basket; retired",
                "Basket",
            ),
            ("a conductor for Union Pacific, and Grace", "Pacific"),
            ("Rich drives for\nUPS out of Davenport", "UPS"),
            // An occupation before `at`/`for`.
            (
                "Worked 38 years as a machinist at General Electric, retired.",
                "Electric",
            ),
            ("Works as a lineman for SDG&E. Has a dog.", "SDG"),
            // A court after a name-like word.
            (
                "Hon. P. Reeves, Jefferson Circuit Court, Division 9",
                "Circuit",
            ),
            // An agency's head and what it is of; a supplier's brand.
            (
                "Home with services (VNA of Hampden County) for PICC",
                "Hampden",
            ),
            ("pt's friend from Knights of Columbus visited.", "Columbus"),
            ("home machine via Apria, s/n 2317", "Apria"),
        ] {
            let spans = engine().detect(text);
            let (at, _) = text.match_indices(org).last().unwrap();
            assert!(
                spans.iter().any(|s| s.start <= at && at < s.end),
                "{text}: {spans:?}"
            );
        }
    }

    #[test]
    fn a_verb_opening_the_sentence_is_no_part_of_a_school() {
        let orgs = labelled(
            "Visits monthly.\nGraduated Brockton High School in 2004; Attended Waite High School.",
            Label::Organization,
        );
        assert!(orgs.iter().any(|o| o == "Brockton High School"), "{orgs:?}");
        assert!(!orgs.iter().any(|o| o.contains("Graduated")), "{orgs:?}");
    }

    #[test]
    fn tests_and_classifications_named_after_people_and_places() {
        let text = "Given: Hopkins Verbal Learning Test; Boston Naming Test; Wisconsin Card \
                    Sorting Test-64. Fracture Gustilo IIIB; MRI Fazekas 1.";
        let found = names(text);
        assert!(found.is_empty(), "{found:?}");
        let found = places(text);
        assert!(found.is_empty(), "{found:?}");
        assert_eq!(
            names("Seen by Dr. Hopkins today; Test results pending."),
            ["Hopkins"]
        );
    }

    #[test]
    fn pets_are_not_people() {
        let text = "Family dog named Chispa. Has a parakeet named Pippo; dog Rocco at dad's.";
        assert!(names(text).is_empty(), "{:?}", names(text));
        assert_eq!(names("Her son named Rocco visits."), ["Rocco"]);
        assert_eq!(names("Prior PCP Bunny Alvarado, M.D."), ["Bunny Alvarado"]);
    }

    #[test]
    fn relatives_in_a_family_history_table() {
        let text = "FAMILY HISTORY\n  Mother        Faith, 56 -- depression\n  Sister        Hope, 30 -- bipolar\n";
        assert_eq!(names(text), ["Faith", "Hope"]);
        assert!(names("Mother        healthy\nFather        deceased\n").is_empty());
    }

    #[test]
    fn given_names_in_brackets_after_a_role_and_states_after_living() {
        assert_eq!(
            names("trial w/ SLP (heather) 1000; his GA sponsor (Frank) called"),
            ["heather", "Frank"]
        );
        assert!(names("BP (high) and pain (mild)").is_empty());
        assert_eq!(places("Son is HCP, lives in NH, cell phone."), ["NH"]);
        assert!(places("Plan: discharge to NH on Monday.").is_empty());
    }

    #[test]
    fn children_listed_with_their_ages() {
        assert_eq!(
            names("Two children: Jayden (10) with grandparents; Harmony (4) in foster care."),
            ["Jayden", "Harmony"]
        );
        assert_eq!(
            names("doesn't want grandkids (Lily 7, Jonah 4) to see."),
            ["Lily", "Jonah"]
        );
        assert!(names("Children: none. Grade (3) edema; Hope (2) later").is_empty());
    }

    #[test]
    fn hospitals_by_their_nickname() {
        assert_eq!(
            places("referred to the Mount in July; seen at the General last year."),
            ["Mount", "General"]
        );
        assert!(places("seen by the General Surgery team; able to mount the stairs").is_empty());
    }

    #[test]
    fn practices_named_by_a_specialty() {
        let text = "Dr. Grace Uwadiae, Bayou City Psychiatry; PRESCOTT ORTHOPAEDICS, 2 WEEKS";
        let found = places(text);
        assert!(
            found.iter().any(|p| p == "Bayou City Psychiatry"),
            "{found:?}"
        );
        assert!(
            found.iter().any(|p| p == "PRESCOTT ORTHOPAEDICS"),
            "{found:?}"
        );
        let text = "Detox x5: AdCare Hospital x2, Lakeside Detox (2019). Seen by Child Psychiatry.";
        let found = places(text);
        assert!(found.iter().any(|p| p == "Lakeside Detox"), "{found:?}");
        assert!(
            !found
                .iter()
                .any(|p| p == "Detox" || p.contains("Psychiatry")),
            "{found:?}"
        );
    }

    #[test]
    fn no_organisation_in_a_compound_or_a_legal_form() {
        for text in [
            "COVER SHEET - COURT-ORDERED FORENSIC EVALUATION",
            "| 1 | Power of Attorney for Health Care (state form) |",
        ] {
            let orgs = labelled(text, Label::Organization);
            assert!(orgs.is_empty(), "{text}: {orgs:?}");
        }
    }

    #[test]
    fn clinical_words_without_a_cue_are_not_names() {
        for text in [
            "Foley catheter in place. Bell's palsy on the left. Gram stain negative.",
            "History of Parkinson disease.",
            "Hope to extubate tomorrow.",
            "Cont in sinus brady hr in 50's. Pt then PEA and brady arrested.",
            "7/2 cath: patent LIMA, occluded SVG to LCX. CABG x 4 with LIMA to LAD.",
            "neck incision with 4 penrose drains.",
            "Italian speaking but does understand some english.",
            "+6048 los +1593 since mn. EVEN ON LOS.",
            "Monitor VS, Pulm status.",
            "maintaining Vt 4-500 ml with Ve 7-9L, spo2 95%",
        ] {
            assert_eq!(names(text), Vec::<String>::new(), "{text}");
        }
    }

    #[test]
    fn services_abbreviations_relatives_and_verbs_are_not_names() {
        for text in [
            "OTHER: SEEN BY P.T. FOR EXERCISES IN BED THIS AM.",
            "NO CHANGES PER H.O.  STARTED PT ON CAPTOPRIL. PER V.O. OF THE TEAM.",
            "c/o abdominal pain, ms given 2mg x 3 iv. p: assess ms. safety precautions.",
            "pt agreeing and complying. MS continues to improve. MS back to baseline.",
            "to give pt 24hrs on bipap with AB, pt is DNR/DNI.",
            "He does not have a proxy; SW notified by case manager.",
            "cvp 5 given 500 cc RL with slight improvement. Per HO LLL pleural effusion.",
            "Family: Children in to visit. Family: Neice called and was updated.",
            "RESP: Received PT ON AC10/400/30/5. PT/PTT 14/32. Next PT/PTT due @ 2000.",
        ] {
            assert_eq!(names(text), Vec::<String>::new(), "{text}");
        }
        // The same cues still point at names.
        assert_eq!(names("Seen by P. Tran today."), vec!["P. Tran"]);
        assert_eq!(
            names("Discussed with Ms. Green and MS. BROWN."),
            vec!["Green", "BROWN"]
        );
        assert_eq!(
            names("discussed with dr. b. o'neill today."),
            vec!["b. o'neill"]
        );
        assert_eq!(
            names("late entry 8/29: faith ramos seen again."),
            vec!["faith ramos"]
        );
    }

    #[test]
    fn run_together_tokens_long_typos_and_eponym_hoses_are_not_names() {
        for text in [
            "Hot pack to reddened area RLarm. Doppler pulses 1 CTto 20cmsx drg.",
            "Cardiac~ Hemdynamically stable. Course c/b UGIB Contintued to be SOB.",
            "BILETARL TED HOSE IN PLACE. intubated with a puritan bennett vent.",
            "OOB TO CAHEI. PT ABLE TO TRANSIENTLY WEAN OFF LEVO. Plan to chesk PTT.",
        ] {
            assert_eq!(names(text), Vec::<String>::new(), "{text}");
        }
        assert_eq!(names("Seen with Dr. McDonald today."), vec!["McDonald"]);
        assert_eq!(names("Per EMSWood, pt's vehicle"), vec!["EMSWood"]);
        assert_eq!(
            names("BP 120/80. WANJIRU GUO REASSESSED AT BEDSIDE."),
            vec!["WANJIRU GUO"]
        );
    }

    #[test]
    fn two_initials_before_a_surname() {
        assert_eq!(names("Discussed with J.R. Smith."), ["J.R. Smith"]);
        assert_eq!(names("T. J. Miller called."), ["T. J. Miller"]);
        assert!(names("Tylenol 650 mg p.o. Q6H; given p.o. Lasix").is_empty());
    }

    #[test]
    fn scores_named_after_people_before_their_value() {
        let text = "Braden 14, Morse 65, CHA2DS2-VASc 3. Clavien-Dindo grade V. \
                    Gleason 3+4=7. Reynolds pentad absent, Todd paralysis resolved. Morse Fall \
                    Score on admission: 65. Fall risk (Morse): 85 - HIGH.";
        let got = names(text);
        for not in [
            "Braden", "Morse", "VASc", "Clavien", "Dindo", "Gleason", "Reynolds", "Todd",
        ] {
            assert!(!got.iter().any(|g| g.contains(not)), "{not}: {got:?}");
        }
        // A surname in a longer name stays one, whatever follows it.
        assert!(
            names("rep N. Wagner 339 555 5757.")
                .iter()
                .any(|g| g.contains("Wagner"))
        );
    }

    #[test]
    fn hyphenated_eponyms_signs_shift_roles_and_plural_weekdays() {
        let text = "Jackson-Pratt drain x2. Reed-Sternberg cells CD30+. Hoffmann neg, \
                    Murphy positive. Charge RN: Paula Kwiatkowski. Sister can drive Fridays; \
                    she visits Sundays after mass.";
        assert_eq!(names(text), ["Paula Kwiatkowski"]);
    }

    #[test]
    fn speakers_of_a_transcript_and_speech_after_their_label() {
        let text = "[14:02] PATIENT: Yeah, loud and clear.\n\
                    [14:03] FIONA: Hi, Doctor.\n\
                    [14:04] PROVIDER: Tell me what is going on.\n\
                    07:58 Rose Delaney, RN: morning all.";
        assert_eq!(names(text), ["FIONA", "Rose Delaney"]);
        assert_eq!(names("Patient: Hope Jones"), ["Hope Jones"]);
    }

    #[test]
    fn nouns_of_prose_in_another_language_are_no_names() {
        let text = "Wir berichten \u{fc}ber Ihren Patienten, der sich in unserer station\u{e4}ren \
                    Behandlung befand. Nach Volumentherapie und Analgesie erfolgte die ERCP mit \
                    Extraktion der Konkremente bei Herrn Friedrich Berg.";
        let got = names(text);
        for not in [
            "Behandlung",
            "Volumentherapie",
            "Analgesie",
            "Extraktion",
            "Konkremente",
        ] {
            assert!(!got.iter().any(|g| g.contains(not)), "{not}: {got:?}");
        }
        assert!(got.iter().any(|g| g.contains("Berg")), "{got:?}");
        // English prose keeps its unknown capitalised words.
        assert_eq!(names("Seen today with Radu and the nurse."), ["Radu"]);
    }

    #[test]
    fn camel_case_keys_of_vocabulary_words_are_no_names() {
        let text = "(0008,0090) PN [NAKAMURA^KENJI]  # ReferringPhysicianName\n\
                    (0002,0002) UI =CTImageStorage  # MediaStorageSOPClassUID\n\
                    Per EMSLaRue, pt's vehicle. Rehab at Hebrew SeniorLife next week.";
        let got = names(text);
        for not in ["ReferringPhysicianName", "MediaStorageSOPClassUID"] {
            assert!(!got.iter().any(|g| g.contains(not)), "{not}: {got:?}");
        }
        assert!(got.iter().any(|g| g.contains("EMSLaRue")), "{got:?}");
    }

    #[test]
    fn given_names_that_are_common_words() {
        let text = "Lives with her husband of 51 years, Frank, at home. Independent in ADLs; \
                    Frank manages the pillbox. Her sister\nCrystal in Lowell calls daily. \
                    Hope asks that changes be sent to her.\n\n\
                    Hope this helps. Will follow up. Project Hope referral. Chest X-Ray \
                    done. Tanner stage 2, Dawn phenomenon. Unit 6 North. Day 84 visit.";
        let got = names(text);
        assert_eq!(got.iter().filter(|g| *g == "Frank").count(), 2, "{got:?}");
        assert!(got.iter().any(|g| g == "Crystal"), "{got:?}");
        // `Hope` was found mid-sentence nowhere: at a sentence's start it stays a word.
        for not in ["Hope", "Will", "Ray", "Tanner", "Dawn", "North", "Day"] {
            assert!(!got.iter().any(|g| g.contains(not)), "{not}: {got:?}");
        }
        // Found once mid-sentence, the same word before a verb at a sentence's start.
        assert_eq!(
            names("Her daughter, Hope, visits. Hope asks for a call."),
            ["Hope", "Hope"]
        );
    }

    #[test]
    fn roster_rows_and_record_headers() {
        let text = "Patient list for 6W, rounds at 0700.\n\n\
                    614-B  ADEYEMI, Oluwaseun  41M  MRN 40198822\n\
                    626    PARK, Min-jun  66M  MRN 40244551\n\
                    2   0730   OKONKWO, Adaeze / 7728845\n\
                    BED 1 -- WARSAME, Hodan  | 7 y F\n\
                    05  | 20:47 | LIU, Emily (09/09/2012)  | febrile\n\
                    HEENT, Neck supple.  CBC, Chem pending.  | CXR, Echo (2/3) |\n";
        let got = names(text);
        for want in [
            "ADEYEMI",
            "Oluwaseun",
            "PARK",
            "Min-jun",
            "OKONKWO",
            "Adaeze",
            "WARSAME",
            "Hodan",
            "LIU",
            "Emily",
        ] {
            // `ADEYEMI, Oluwaseun` may be one span.
            assert!(
                got.iter().any(|g| g.split(", ").any(|p| p == want)),
                "{want}: {got:?}"
            );
        }
        for not in ["HEENT", "Neck", "CBC", "Chem", "CXR", "Echo"] {
            assert!(!got.iter().any(|g| g.contains(not)), "{not}: {got:?}");
        }
        assert_eq!(
            names("AUTHOR: WHITAKER,DENISE M     EXP COSIGNER: PATEL,ROHAN\nURGENCY: routine"),
            ["WHITAKER", "DENISE M", "PATEL", "ROHAN"]
        );
    }

    #[test]
    fn insurers_after_an_insurance_label() {
        let text = "Insurance: Medicare + Neighborhood Health Plan, ID NHP4471203.\n\
                    Payer: Humana Medicare Advantage PPO    Member ID H48392017";
        let orgs = labelled(text, Label::Organization);
        assert_eq!(
            orgs,
            [
                "Medicare",
                "Neighborhood Health Plan",
                "Humana Medicare Advantage"
            ]
        );
        // A lower-case word after the label in mixed case is no name.
        assert!(labelled("Insurance verified today.", Label::Organization).is_empty());
    }

    #[test]
    fn surname_that_is_a_relation_after_a_title_and_given_name() {
        assert_eq!(
            names("Chaplain Rev. Dale Friend to visit; pt requests communion."),
            ["Dale Friend"]
        );
        assert_eq!(
            names("Lives with wife Fatima bint Ahmed and son."),
            ["Fatima bint Ahmed"]
        );
        // Not a clinic after the name.
        assert!(
            !names("Seen by Dr. John Smith Cardiology today.")
                .iter()
                .any(|n| n.contains("Cardiology"))
        );
    }

    #[test]
    fn languages_are_no_places_or_names() {
        let text = "Both parents conversant in English. Interpreter (Arabic, in person) used.\n\
                    Language: Mandarin (Taiwanese also). Dari interpreter present.";
        assert!(places(text).is_empty(), "{:?}", places(text));
        assert!(names(text).is_empty(), "{:?}", names(text));
        assert_eq!(
            places("She moved to Hebrew SeniorLife."),
            ["Hebrew SeniorLife"]
        );
        // Nor is an ancestry.
        let text = "Ancestry: paternal English; maternal Norwegian. No Ashkenazi Jewish ancestry.";
        assert!(names(text).is_empty(), "{:?}", names(text));
    }

    #[test]
    fn specimen_letters_and_ranks() {
        let text = "SPECIMENS\n  A. Left breast, core biopsy\n  B. Common bile duct margin\n\
                    J. Left mid medial: benign.";
        assert!(names(text).is_empty(), "{:?}", names(text));
        assert_eq!(names("Provider: MAJ Cash King, MD"), ["Cash King"]);
        assert_eq!(names("Sponsor: SSG Royal D. Little"), ["Royal D. Little"]);
        assert_eq!(names("Seen by J. Ward today."), ["J. Ward"]);
    }

    #[test]
    fn korean_given_name_syllables() {
        assert_eq!(
            names("Korean-speaking RN Lee Hye-won assisted with teaching."),
            ["Lee Hye-won"]
        );
        assert!(
            !names("Seen by Dr. Long-term care")
                .iter()
                .any(|n| n.contains("term"))
        );
    }

    #[test]
    fn agencies_by_their_of_phrase_and_union_locals() {
        let text = "Applied to the Department of Transitional Assistance for food benefits.\n\
                    Resettlement agency: Lutheran Social Service of Minnesota, intake done.\n\
                    He is a steward with Teamsters Local 299 at the depot.";
        assert_eq!(
            labelled(text, Label::Organization),
            [
                "Department of Transitional Assistance",
                "Lutheran Social Service of Minnesota",
                "Teamsters Local 299"
            ]
        );
        let text = "HD MWF at Gulfside Dialysis. Drives for Tri-County Transit Authority.";
        let orgs = labelled(text, Label::Organization);
        assert!(orgs.iter().any(|o| o == "Gulfside Dialysis"), "{orgs:?}");
        assert!(
            orgs.iter().any(|o| o.ends_with("Transit Authority")),
            "{orgs:?}"
        );
        // A hospital's department, a dose after `Local` and a lower-case head are not.
        for text in [
            "Department of Medicine, Division of Cardiology consult.",
            "Given Lidocaine Local 10 mL at the site.",
            "seen by the department of social services today.",
        ] {
            assert!(labelled(text, Label::Organization).is_empty(), "{text}");
        }
    }

    #[test]
    fn surname_comma_given_name_headers() {
        assert_eq!(names("SMITH, JOHN, DOB 3/4/1950"), ["SMITH", "JOHN"]);
        assert_eq!(
            names("Note opened from 10.0.0.7 by Farouk, Penny, VPN session."),
            ["Farouk", "Penny"]
        );
        assert_eq!(names("SMITH, JOHN A\nCC: chest pain"), ["SMITH", "JOHN A"]);
        assert_eq!(names("RE: GARCIA, MARIA (MRN 123456)"), ["GARCIA", "MARIA"]);
        assert_eq!(names("BROWN, ROBERT J MRN: 445566"), ["BROWN", "ROBERT J"]);
        assert_eq!(names("PATIENT: JONES, JOHN"), ["JONES", "JOHN"]);
        assert_eq!(names("Seen by SMITH, JOHN A, MD"), ["SMITH", "JOHN A"]);
        // A generational suffix, and in mixed case a sentence that goes on after the name.
        assert_eq!(names("PATIENT: SMITH, JOHN Q JR"), ["SMITH", "JOHN Q JR"]);
        assert_eq!(
            names("Ikaika Pereira (regulatory); Dr. Jae-won Shin (Sub-I, peds)"),
            ["Ikaika Pereira", "Jae-won Shin"]
        );
        assert_eq!(names("Dr. Smith-like presentation"), ["Smith"]);

        assert_eq!(names("Smith, John was seen today."), ["Smith", "John"]);
        assert_eq!(
            names("Subject: RE: Pelletier, G. -- rising K+"),
            ["Pelletier", "G"]
        );
        assert_eq!(
            names("Technologist: Trina Kowalski, R. EEG T."),
            ["Trina Kowalski"]
        );
        assert_eq!(names("SMITH, JOHN was seen today."), ["SMITH", "JOHN"]);
        assert_eq!(
            names("Smith, John Q. was seen today."),
            ["Smith", "John Q."]
        );
        assert_eq!(
            names("Smith, John Jr. was seen today."),
            ["Smith", "John Jr"]
        );
        for text in [
            "Hope, Faith and family support.",
            "Hall, Dawn shift report given.",
            "PAIN, WILL REASSESS",
            "CHEST, CLEAR",
            "BP STABLE, MARK 2",
            "SMITH, JOHN WAS SEEN",
        ] {
            assert_eq!(names(text), Vec::<String>::new(), "{text}");
        }
    }

    #[test]
    fn months_weekdays_and_function_words_as_given_names() {
        // A given name that is a month, a weekday or a function word is a name after a
        // title, a field label or before a surname, with a capital in mixed-case text.
        assert_eq!(names("Name: May Ford"), ["May Ford"]);
        assert_eq!(names("Patient: Will Smith, DOB 3/4/1950"), ["Will Smith"]);
        assert_eq!(names("Dr. May saw her."), ["May"]);
        assert_eq!(names("Seen by Dr. June Lee today."), ["June Lee"]);
        assert_eq!(names("Dr. Jan Smith saw her."), ["Jan Smith"]);
        assert_eq!(names("Dr. Sun called back."), ["Sun"]);
        assert_eq!(names("Mr. Sunday called."), ["Sunday"]);
        assert_eq!(names("May Ford is a 45 yo woman."), ["May Ford"]);
        // Not names: a day, a date, a preposition or a modal verb.
        for text in [
            "Seen Monday 3/2.",
            "seen monday 3/2.",
            "Contact: Tuesday",
            "Last visit: Tuesday, March 3rd.",
            "Dr. Mar 3 note reviewed.",
            "Plan: May need CT.",
            "Contact: Will call back.",
            "Per the daughter, pt fell.",
        ] {
            assert_eq!(names(text), Vec::<String>::new(), "{text}");
        }
    }

    #[test]
    fn facility_heads_need_a_proper_name_and_common_phrases_are_no_places() {
        for text in [
            "GOT LOST GOING TO BATHROOM, FOUND WANDERING HOSPITAL BY SOCIAL WORKER.",
            "SO PT CAN GET OOB AND BEGIN CARDIAC REHAB...ASSIST WITH CLEARING.",
            "CV SHOCK    POST MORTEM CARE/PROVIDE FAMILY WITH SUPPORT.",
            "no movement noted in left hand or arm. Access: #20 Left hand, #18 right arm.",
            "Status: Full Code- Heath Care Proxy - daughter at bedside.",
            "Seen in CHF Clinic today; follow up in the HIV Care Center.",
            "Insurance: BCBS PPO Group #: 989930346326",
        ] {
            assert_eq!(places(text), Vec::<String>::new(), "{text}");
        }
        // `and` between two found words, the second possessive, is part of the name, and so
        // is the `'s` of `Women's` (`detect::place_endings`).
        let text = "Transferred from Brigham and Women's for further management.\n";
        assert_eq!(
            [labelled(text, Label::Location), names(text)].concat(),
            vec!["Brigham and Women's"]
        );
        // Where records came from.
        assert_eq!(
            places("Previous records: UPMC 12/16/2022. Outside records reviewed: CT 3/4.\n"),
            vec!["UPMC"]
        );
        // A hyphen joins a word of no vocabulary to a place, whatever the case.
        assert_eq!(
            places("PT TRANSFERRED FROM DARTMOUTH-HITCHCOCK FOR RESP FAILURE.\n"),
            vec!["DARTMOUTH-HITCHCOCK"]
        );
        assert_eq!(
            places("DAUGHTER HERE FROM ENGLAND-EXTENSIVE BACKGROUND IN CARE.\n"),
            vec!["ENGLAND"]
        );
        // An acronym after a transfer cue is a facility even when it is one edit from a word
        // (`MUSC`, `music`).
        assert_eq!(
            places("Transferred from MUSC for further management. Performed at: MUSC\n"),
            vec!["MUSC", "MUSC"]
        );
        // An acronym that is no clinical word names the facility it leads.
        assert_eq!(
            places("Transferred to UCSF Medical Center for ECMO."),
            vec!["UCSF Medical Center"]
        );
        assert_eq!(
            places("TAKEN TO MERCY HOSPITAL. lives in fall river with her son."),
            vec!["MERCY HOSPITAL", "fall river"]
        );
    }

    /// A header line that opens with `SURNAME, GIVEN` before a record number in parentheses
    /// or a full date names the patient, listed or not; a list of drugs or problems does not.
    #[test]
    fn header_lines_name_the_patient() {
        assert_eq!(
            names("PROGRESS NOTE\nFULABFORD, XIU (7378497)  10/21/1922  92 y.o. F\n"),
            ["FULABFORD", "XIU"]
        );
        assert_eq!(
            names("RE: YALIFORD, JÉRÔME   DOB: August 28, 1988   MRN: 0066\n"),
            ["YALIFORD", "JÉRÔME"]
        );
        assert_eq!(
            names("Discharge Summary\nPatient\tGIRMA, GONÇALO MRN\tMR4723109\n"),
            ["GIRMA", "GONÇALO"]
        );
        assert_eq!(
            names("Discharge Summary\nPatient\tGIRMA, GONÇALO\nMRN\tMR4723109\n"),
            ["GIRMA", "GONÇALO"]
        );
        assert_eq!(
            names(
                "Received in formalin labeled with the patient's name (DĄBROWSKI, HOPE) and MRN.\n"
            ),
            ["DĄBROWSKI", "HOPE"]
        );
        assert_eq!(
            names("Köhler, Rémi A 1986-07-23\nLasix, Coreg (12/2/2020)\nHTN, DM (dx 2019)\n"),
            ["Köhler", "Rémi A"]
        );
    }

    /// After a residence verb earlier in the clause, capitalised words after `in` are the
    /// place even when they are words; kinds of housing are not.
    #[test]
    fn neighbourhoods_after_a_residence_verb() {
        assert_eq!(
            places("Lives with her husband in Cape Cod. Grew up in South End.\n"),
            vec!["Cape Cod", "South End"]
        );
        assert_eq!(
            places(
                "She lives alone in Assisted Living. Pt lives with family. In Summary, stable.\n"
            ),
            Vec::<String>::new()
        );
    }

    /// `Fr.` before a name is a priest, after a number or before a catheter a French size;
    /// `Sra.` and `Srta.` are titles; `named` introduces a name.
    #[test]
    fn priests_spanish_titles_and_named() {
        assert_eq!(
            names(
                "Discussed with Fr. Murphy. Spoke to Sra. Hernandez. A nurse named Carol helped.\n"
            ),
            vec!["Murphy", "Hernandez", "Carol"]
        );
        assert_eq!(
            names(
                "16 Fr. Foley placed. lg fr foley cath in place. Fr. Foley removed. metoprolol SR 50 mg\n"
            ),
            Vec::<String>::new()
        );
    }

    /// In lower-case notes a bare initial before a listed surname after a cue is a name; a
    /// dose's `per d` is not.
    #[test]
    fn bare_initials_in_lower_case_notes() {
        assert_eq!(
            names("nipride to be weaned for sbp 120 to 135 per d ross.pacing wires attached\n"),
            vec!["d ross"]
        );
        assert!(names("give 5 mg per d x 5 days, then per d as needed\n").is_empty());
        // A credential used as a title before a listed surname that is an uncommon word.
        assert_eq!(
            names("ORDER DOUBLE CHECKED W/MD SPEARS. MD AWARE. RN WILL FOLLOW. MD MAY CALL.\n"),
            vec!["SPEARS"]
        );
    }

    /// In lower-case and ALL-CAPS notes a relative's given name may be a common word.
    #[test]
    fn relatives_given_names_that_are_words() {
        assert_eq!(
            names("pt resting. husband bill at bedside, son mark called.\n"),
            vec!["bill", "mark"]
        );
        assert_eq!(
            names("PLAN REVIEWED WITH DAUGHTER HOPE. WIFE SAID PT HAD NO OTHER BELONGINGS.\n"),
            vec!["HOPE"]
        );
        assert_eq!(
            names("son will call back. wife may visit in june.\n"),
            Vec::<String>::new()
        );
        // After a cued name and `and`, in mixed case: capitalised only.
        assert_eq!(
            names("Family meeting held with niece Crystal Gray and Mark.\n"),
            vec!["Crystal Gray", "Mark"]
        );
        assert_eq!(
            names("Spoke with niece Crystal Gray and mark the chart.\n"),
            vec!["Crystal Gray"]
        );
    }

    /// A given name that is also a word is a name in a sign-off (`Art, RN`), after a role
    /// with a capital (`mother May`), before a relation in parentheses (`Selam (sister)`),
    /// after a `Caller:` field, and as the subject of an age statement (`Bud is a 21-year-old`).
    #[test]
    fn sign_offs_roles_and_relations_in_parentheses() {
        assert_eq!(names("Discussed with team. Art, RN\n"), vec!["Art"]);
        // A person's verb after an unknown word; not after a role or a clinical word.
        assert_eq!(
            names("SUBJECTIVE\nUlvaric denies CP, SOB."),
            vec!["Ulvaric"]
        );
        assert_eq!(
            names("Pt denies CP. Patient endorses SOB. Request denied. WIFE DENIES."),
            Vec::<String>::new()
        );
        assert_eq!(names("Given 20 mg today. Art RN x3507"), vec!["Art"]);
        assert_eq!(
            names("Spoke with mother May Ford at home."),
            vec!["May Ford"]
        );
        assert_eq!(
            names("Fever at 0200. Selam (sister) at bedside."),
            vec!["Selam"]
        );
        assert_eq!(names("Caller: Min-ji Ray (self)"), vec!["Min-ji Ray"]);
        assert_eq!(
            names("Interval note 3/13: Hope reassessed at bedside."),
            vec!["Hope"]
        );
        assert_eq!(
            names("Late entry 2/17: Dale re-examined; stable."),
            vec!["Dale"]
        );
        assert_eq!(
            names("ADDENDUM 4/8: Harry seen again; stable."),
            vec!["Harry"]
        );
        assert_eq!(
            names("Pain reassessed after dose. Wound re-examined."),
            Vec::<String>::new()
        );
        assert_eq!(
            names("CALL HO W/ CHANGES. R DAVIS R.N.  NEXT"),
            vec!["R DAVIS"]
        );
        assert_eq!(
            names("call ho w/ changes. r lee r.n.  exam:"),
            vec!["r lee"]
        );
        assert_eq!(
            names("given 1 tab p.o. q.d. at 10 a.m. per R.N. report"),
            Vec::<String>::new()
        );
        assert_eq!(names("HPI: Bud is a 21-year-old man."), vec!["Bud"]);
        assert_eq!(
            names("HISTORY OF PRESENT ILLNESS:\nZaneon is a 24 y/o gentleman with PMH of CHF."),
            vec!["Zaneon"]
        );
        assert_eq!(names("Tylenol is a 25 yo drug."), Vec::<String>::new());
        // Not a name: a function word without a capital, a month with a day, a role as the
        // subject of an age statement.
        assert_eq!(names("Patient is a 45 yo man."), Vec::<String>::new());
        assert_eq!(names("wife may visit later"), Vec::<String>::new());
        assert_eq!(names("daughter May 5 visit"), Vec::<String>::new());
        assert_eq!(names("See PT note."), Vec::<String>::new());
    }

    /// A county-list word before `county` is a county in any case, but not in an eponym; a
    /// ward number after an unknown word after `on` makes it a ward.
    #[test]
    fn county_names_in_any_case() {
        assert_eq!(
            places("grew up in cook county. uses a walker"),
            vec!["cook county"]
        );
        assert_eq!(
            places("LIVES IN LAKE COUNTY WITH WIFE"),
            vec!["LAKE COUNTY"]
        );
        assert_eq!(places("Cook County protocol N/A."), Vec::<String>::new());
        // A ward and its number after `on`; not a drug and its dose or duration.
        assert_eq!(
            places("PT. INTUBATED ON QUARTERMAIN 2 FOR ACUTE FAILURE."),
            vec!["QUARTERMAIN"]
        );
        assert_eq!(
            places("started on zorbax 2 weeks ago"),
            Vec::<String>::new()
        );
        assert_eq!(places("on xarelto 20 mg daily"), Vec::<String>::new());
        assert_eq!(
            places("transferred from the county jail"),
            Vec::<String>::new()
        );
    }

    /// A credential after a name is its post-nominal: the word after it is no name
    /// (`Oconnor, MD  Date of Service`); before a name it still cues one (`W/MD SPEARS`).
    #[test]
    fn post_nominal_credentials_cue_nothing() {
        assert_eq!(
            names("Attending: Rachel T. Oconnor, MD  Date of Service: 04/12/2094"),
            ["Rachel T. Oconnor"]
        );
        assert_eq!(
            names("Jane Okafor RN  Plan discussed with family."),
            ["Jane Okafor"]
        );
        assert_eq!(names("PT SEEN W/MD SPEARS THIS AM"), ["SPEARS"]);
    }

    /// A saint after a transfer cue names a facility in any case; the ST segment does not.
    /// A relative's name in brackets after the relation, in a lower-case note.
    #[test]
    fn saints_after_a_place_cue_and_relatives_in_brackets() {
        assert_eq!(
            places("PLAN TO TRANSFER TO ST ELIZABETHS IN AM."),
            ["ST ELIZABETHS"]
        );
        assert_eq!(
            places("transferred from st. joseph medical center"),
            ["st. joseph medical center"]
        );
        assert!(places("ekg with changes to ST depression in V4-V6").is_empty());
        assert_eq!(
            names("contact sister (kathleen) 508-555-7719."),
            ["kathleen"]
        );
        assert!(names("pt (lethargic) responds to voice").is_empty());
    }

    /// `Prescriber:` labels a name as `Provider:` does; in a medication table's header row it
    /// names a column (the word after it is no name).
    #[test]
    fn prescriber_labels() {
        let found = names("Prescriber: Okonkwo, Chidi   Qty: 30   Refills: 2");
        assert!(found.concat().contains("Okonkwo"), "{found:?}");
        assert!(names("Medication\tDose\tPrescriber\tLast filled").is_empty());
    }

    /// A word that starts lower-case with a capital inside (`iPhone`, `eGFR`) is no name by
    /// its shape; after a title it still is (`Dr. deGroot`).
    #[test]
    fn lower_camel_case_words_are_not_names_by_shape() {
        assert!(names("Sent from my iPhone").is_empty());
        // A word of a web address is the address's business.
        assert!(names("\"system\": \"http://terminology.hl7.org/CodeSystem/v2-0203\"").is_empty());
        // An unlisted word before a dose, frequency or form is a drug.
        assert!(
            names(
                "She takes Janumet 50/1000 bid, Lokelma 10 g qod, Tresiba 18 u qhs, Zocor 40, \
                 Sensipar 30, and Voltaren gel; Claritin prn."
            )
            .is_empty()
        );
        assert_eq!(names("Seen with Okonkwo 2145 Main"), ["Okonkwo"]);
        assert!(names("Labs: eGFR 45, pCO2 40").is_empty());
        assert_eq!(names("seen by Dr. deGroot today"), ["deGroot"]);
        assert_eq!(names("Met with LaToya today."), ["LaToya"]);
    }

    /// A clinical word is a surname before a credential after an initial or an unlisted given
    /// name (`M. White, NP`); after a vocabulary word it is not (`Thick White, RN`).
    #[test]
    fn clinical_surnames_before_a_credential() {
        assert_eq!(names("Assistant: M. White, NP"), ["M. White"]);
        assert_eq!(names("Discussed with Mevith White MD."), ["Mevith White"]);
        assert!(names("Sputum: Thick White, RN to send culture.").is_empty());
        // An eponym after a given name that is one too.
        assert_eq!(
            names("Clinician: Addison Graves, RN    Case manager: Lyle Dunn"),
            ["Addison Graves", "Lyle Dunn"]
        );
        assert!(names("Hx of Addison disease and Graves disease, RN to follow.").is_empty());
    }

    /// The line below a closing names the sender when it holds only name-shaped words.
    #[test]
    fn sign_offs_below_a_closing() {
        assert_eq!(
            names("Call me back please.\nThank you!\nThaís\n"),
            ["Thaís"]
        );
        assert_eq!(
            names("See you then.\nSincerely,\nAma Lévesque"),
            ["Ama Lévesque"]
        );
        assert!(names("Thanks!\nPlease call the clinic.").is_empty());
    }

    /// A title's word before a colon is the name of whoever the title names (`Dr. Brown:
    /// NSR`); a vocabulary word there is a label (`Dr. Notes:`).
    #[test]
    fn a_colon_after_a_titled_name() {
        assert_eq!(names("EKG read by Dr. Brown: NSR."), ["Brown"]);
        assert_eq!(names("EKG read by Dr. Tsai: NSR."), ["Tsai"]);
        assert!(names("Dr. Notes: none").is_empty());
    }

    /// A medical specialty is vocabulary, not a place after `in` or a name in brackets.
    #[test]
    fn specialties_are_vocabulary() {
        let spans = engine().detect("Followed by Dr. Smith in nephrology.");
        assert_eq!(spans.len(), 1, "{spans:?}");
        assert_eq!(names("Dr. Hale (Nephrology) following."), ["Hale"]);
    }

    /// The place a facility is named for belongs to its name.
    #[test]
    fn facility_of_a_place() {
        assert_eq!(
            places("Transferred from Mercy Hospital of Buffalo on 3/4."),
            ["Mercy Hospital of Buffalo"]
        );
        assert_eq!(
            places("TRANSFERRED FROM MERCY HOSPITAL OF BUFFALO"),
            ["MERCY HOSPITAL OF BUFFALO"]
        );
    }

    /// Eponymous compounds are clinical terms; the same compound after a given name or a title
    /// is a double-barrelled surname.
    #[test]
    fn eponymous_compounds_and_double_barrelled_surnames() {
        assert!(
            names(
                "Stokes-Adams attack considered. Cirrhosis (Child-Pugh B). King-Devick test normal."
            )
            .is_empty()
        );
        assert_eq!(
            names("Seen with Mary Stevens-Johnson today, not for Stevens-Johnson syndrome."),
            ["Mary Stevens-Johnson"]
        );
        assert_eq!(names("Mrs. Romano-Ward called back."), ["Romano-Ward"]);
        // Device makers, and the same surnames with a cue.
        assert!(
            names("IMPLANTS:\n- Zimmer acetabular shell 54 mm\n- Stryker femoral stem").is_empty()
        );
        assert_eq!(
            names("Mr. Zimmer called. Seen with Anna Stryker."),
            ["Zimmer", "Anna Stryker"]
        );
    }

    /// The person column before the date that ends a row of a medication table.
    #[test]
    fn signers_in_medication_tables() {
        assert_eq!(
            names(
                "warfarin\t2.5 mg\tPO\tdaily\tKing\t9/10/14\naspirin\t81 mg\tPO\tdaily\tHeld\t9/11/14\n"
            ),
            ["King"]
        );
        assert_eq!(
            names("lorazepam      0.5 mg   PO     q6h PRN    J. St. John          3/6\n"),
            ["J. St. John"]
        );
        // No dose on the row, or a lab value's flag.
        assert!(names("Note\tdaily\tKing\t9/10/14\nWBC  12.3  H  3/6\n").is_empty());
    }

    /// An institution's acronym in brackets after a clinician's name; not a role, a unit or a
    /// clinical word there.
    #[test]
    fn affiliations_in_brackets_after_a_name() {
        assert_eq!(
            places("Submitting physician: Dr. D. Dovastad (UCSF)\n"),
            ["UCSF"]
        );
        assert_eq!(places("Copy to: Laura Hill MD PhD (BIDMC)"), ["BIDMC"]);
        assert!(
            places("John Smith (HCP) called. Dr. Lee (ENT) and Dr. Ward (ICU) aware.").is_empty()
        );
        assert!(places("Saw the team (UCSF) today").is_empty());
    }

    /// `Our Lady of` opens the facility's name; a bay after a place or capitalised belongs to
    /// it, a ward's bay does not.
    #[test]
    fn dedications_and_bays_in_facility_names() {
        assert_eq!(
            places("Records: Our Lady of Mercy Urgent Care 12/09/2007."),
            ["Our Lady of Mercy Urgent Care"]
        );
        assert_eq!(
            places("Transferred from Our Lady of Lourdes Hospital yesterday."),
            ["Our Lady of Lourdes Hospital"]
        );
        assert_eq!(
            places("presented to Falmouth Bay Hospital with palpitations"),
            ["Falmouth Bay Hospital"]
        );
        assert_eq!(
            places("FROM FALMOUTH BAY HOSPITAL"),
            ["FALMOUTH BAY HOSPITAL"]
        );
        assert!(places("seen in ED bay 4, hospital course unremarkable").is_empty());
        // Facility words that are roles or stop words elsewhere, in ALL CAPS and lower case;
        // still no generic phrase after a cue, nor a dressing's care.
        assert_eq!(
            places(
                "PT 96 YO S/P TRANSFER FROM GREENFIELD NURSING AND REHABILITATION CENTER FOR CABG"
            ),
            ["GREENFIELD NURSING AND REHABILITATION CENTER"]
        );
        assert_eq!(
            places("PT 68YO M TX'D FROM CRESTVIEW FAMILY HEALTH CENTER FOR UROSEPSIS"),
            ["CRESTVIEW FAMILY HEALTH CENTER"]
        );
        assert_eq!(
            places("pt transferred from willow creek skilled nursing facility for gi bleed"),
            ["willow creek skilled nursing facility"]
        );
        assert!(places("TRANSFERRED FROM SKILLED NURSING FACILITY").is_empty());
        assert!(places("L NECK WOUND CARE DONE. cont skin care. cont abx").is_empty());
        assert_eq!(
            places("TAKEN TO MEMORIAL HOSPITAL. THERE"),
            ["MEMORIAL HOSPITAL"]
        );
        assert!(places("our lady of the house said hi").is_empty());
        // A pharmacy by its name; not a hospital's own, nor its benefit.
        assert_eq!(
            places("Preferred pharmacy: Hilltop Pharmacy on Elm"),
            ["Hilltop Pharmacy"]
        );
        assert!(places("sent to Outpatient Pharmacy today").is_empty());
        // A store's number names the business, whatever its words.
        assert_eq!(
            places("Pharmacy: FRONT RANGE PHARMACY #062 · 2600 S Havana St"),
            ["FRONT RANGE PHARMACY"]
        );
        assert!(places("CALLED OUTPATIENT PHARMACY #4 FOR REFILL").is_empty());
        for text in [
            "Rx sent to Specialty Pharmacy for PA.",
            "Per Clinical Pharmacy, adjust vanc",
            "CALLED MAIN PHARMACY #2 TODAY",
            "Called Main Pharmacy #2",
        ] {
            assert!(places(text).is_empty(), "{text}");
        }
        assert!(places("per the Keystone Pharmacy Benefit review").is_empty());
        // A center named by its kind only.
        assert_eq!(
            places("Prior ED visit at Memorial Medical Center for a bump."),
            ["Memorial Medical Center"]
        );
        assert_eq!(
            places("transferred from community health center today"),
            ["community health center"]
        );
        assert!(places("Seen in General Cardiology clinic.").is_empty());
        assert_eq!(
            places("TRANSFERRED FROM OUR LADY OF THE LAKE REGIONAL MEDICAL CENTER FOR CATH"),
            ["OUR LADY OF THE LAKE REGIONAL MEDICAL CENTER"]
        );
    }

    /// A place of two words joined by a particle between hyphens, after a place cue.
    #[test]
    fn hyphenated_places_with_a_particle() {
        assert_eq!(
            places("He came from Port-au-Prince in 2001."),
            ["Port-au-Prince"]
        );
        assert_eq!(places("he is from port-au-prince."), ["port-au-prince"]);
        assert!(places("Seen from end-on view.").is_empty());
    }

    /// `Drs.` is a title, not part of the name after it.
    #[test]
    fn plural_doctor_title() {
        assert_eq!(
            names("Discussed with Drs. Kowalczyk and Abernathy."),
            ["Kowalczyk", "Abernathy"]
        );
    }

    /// `resident of` and `native of` name the place after them.
    #[test]
    fn resident_of_a_place() {
        assert_eq!(places("He is a resident of Dorchester."), ["Dorchester"]);
        assert_eq!(places("she is a native of worcester"), ["worcester"]);
        assert!(places("PGY-2 resident of Medicine service").is_empty());
        assert!(places("a resident of the nursing home").is_empty());
    }

    #[test]
    fn regions_before_a_geographic_head() {
        assert_eq!(
            places("She moved to the Merrimack Valley."),
            ["Merrimack Valley"]
        );
        // Inside an agency's name, the region is part of the name's span.
        let text = "Referred by Elder Services of Merrimack Valley.";
        let spans: Vec<&str> = engine()
            .detect(text)
            .iter()
            .map(|s| &text[s.start..s.end])
            .collect();
        assert_eq!(spans, ["Elder Services of Merrimack Valley"]);
        assert_eq!(
            places("He grew up on the Gulf Coast and moved to the Upper Peninsula."),
            ["Gulf Coast", "Upper Peninsula"]
        );
        assert_eq!(places("She lives on the North Shore."), ["North Shore"]);
        // A disease, a word before the head that says nothing, a longer name that other
        // rules own.
        assert!(places("Rift Valley fever serology negative.").is_empty());
        assert!(places("A Valley of tears.").is_empty());
        assert!(places("The Coast Guard vet.").is_empty());
    }

    #[test]
    fn towns_that_are_words_after_lives_in() {
        assert_eq!(
            places("WIFE IS HCP, LIVES IN REVERE.\nPLAN: DIURESE."),
            ["REVERE"]
        );
        assert_eq!(places("sister is hcp, lives in canton.\n"), ["canton"]);
        // Mixed case: an all-caps line counts as one-case; a lower-case word stays a word.
        assert_eq!(places("Seen today.\nFAMILY LIVES IN REVERE.\n"), ["REVERE"]);
        assert!(places("Seen today. She lives in revere of her doctors.").is_empty());
        // Not after other uses of `in`.
        assert!(places("PT IN CANTON BOOT. NOTED IN READING.").is_empty());
    }
    #[test]
    fn initials_before_clinical_surnames_and_particles() {
        assert_eq!(
            names("metoprolol\t25 mg\tPO\tdaily\tJ. Ward\t8/16"),
            ["J. Ward"]
        );
        assert_eq!(
            names("atorvastatin   40 mg   PO   qHS   R. bin Said   10/30/24"),
            ["R. bin Said"]
        );
        assert_eq!(names("Seen by M. de la Cruz today."), ["M. de la Cruz"]);
        assert!(names("Cultures grew S. Aureus and C. Diff toxin positive.").is_empty());
        assert!(names("gesturing towards the T.V. Russian interpreter called").is_empty());
    }

    #[test]
    fn surnames_that_are_units_or_credentials_after_a_title() {
        assert_eq!(names("communicated to Dr. Ward at 11:10 PM."), ["Ward"]);
        assert_eq!(names("PCP: Dr Ma at the clinic"), ["Ma"]);
        // A saint's surname after a title.
        assert_eq!(names("Prior PCP DR. St. John in Flagstaff."), ["St. John"]);
        assert_eq!(names("Dr. St Pierre called"), ["St Pierre"]);
        assert_eq!(names("SEEN BY DR. WARD TODAY."), ["WARD"]);
        assert!(names("echo: ef 55-60%, mild mr. room 412, bed 3.").is_empty());
        // After a given name too.
        assert_eq!(names("Natalia Ward (wife) is HCP."), ["Natalia Ward"]);
        assert_eq!(
            names("Thank you for seeing Alice Ma, a 68 y/o woman."),
            ["Alice Ma"]
        );
    }

    #[test]
    fn a_given_name_before_an_age() {
        assert_eq!(names("A&P\nJohn 92 y/o with afib with RVR."), ["John"]);
        assert_eq!(names("A/P: Chase 82 yo with cellulitis."), ["Chase"]);
        assert!(names("Pt 92 y/o.\nBed 12 years in place.").is_empty());
        // A common word at the head of its line; the age glued to its unit.
        assert_eq!(names("A/P:\nLong 102 yo with cellulitis."), ["Long"]);
        assert_eq!(names("Ramón 57yoM with afib"), ["Ramón"]);
        assert!(names("He saw Long 60 yo and the wife 52 yo.").is_empty());
    }

    #[test]
    fn names_in_cjk_scripts() {
        assert_eq!(names("Assistant: 赵洋, ANP-BC"), ["赵洋"]);
        assert_eq!(names("RE: 김민준   DOB: January 1, 1927"), ["김민준"]);
        // The run only, not the comma and letter glued to it.
        assert_eq!(
            names("Thank you for seeing 張敏，a 87 year old man."),
            ["張敏"]
        );
        // Languages, thanks, family words; four letters are as often a phrase; a note in
        // Chinese has no names by script alone.
        assert!(names("Pt speaks 中文 only; interpreter used.").is_empty());
        assert_eq!(
            names("call my cell\n谢谢 🙏 Mariana helped me"),
            ["Mariana"]
        );
        assert!(names("非常感谢 for your help").is_empty());
        // A word of the language starts with no surname: `consultation: stable`.
        assert!(names("Café visit. 診察: 安定 😀 naïve façade.").is_empty());
        assert!(names("患者，男，65岁。主诉：发热三天。").is_empty());
    }

    #[test]
    fn an_abbreviated_medical_center() {
        assert_eq!(places("BIBA from Tufts MC."), ["Tufts MC"]);
        assert!(
            places("BIBA from Tufts MC.\nFracture of the 5th MC shaft.\nMC joint swelling.")
                .iter()
                .all(|p| p == "Tufts MC")
        );
    }
}
