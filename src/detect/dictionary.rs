//! The dictionary stage: every word list compiled into ONE Aho-Corasick automaton.
//!
//! Word lists (names, places, English and clinical vocabulary, cue words) are merged into a
//! single leftmost-longest, ASCII-case-insensitive automaton whose pattern ids map to a bitset of
//! categories. One pass over the text tags each word (see `words.rs`) with the categories of the
//! dictionary entry that covers it exactly; matches that start or end inside a word are
//! discarded (word-boundary check). Multi-word entries (`new york`, `st louis`) tag every word
//! they cover with `PHRASE` plus their categories. This stage decides nothing: the context
//! rules in `names.rs` read the flags.
//!
//! The lists are the files under `dictionaries/` (sources and licences in
//! `dictionaries/SOURCES.md`), embedded into the binary so a build needs nothing at run time,
//! plus the small rule vocabularies below, which are ours.

use aho_corasick::{AhoCorasick, AhoCorasickKind, Anchored, Input, MatchKind, StartKind};
use std::collections::{HashMap, HashSet};

use super::words::{Shape, Word, is_word_byte};
use crate::error::{Error, Result};

pub const FIRST: u32 = 1 << 0;
pub const SURNAME: u32 = 1 << 1;
pub const CITY: u32 = 1 << 2;
pub const COUNTY: u32 = 1 << 3;
pub const STATE: u32 = 1 << 4;
pub const COUNTRY: u32 = 1 << 5;
/// In the general English word list.
pub const ENGLISH: u32 = 1 << 6;
/// Among the most frequent English words (function words, very common vocabulary).
pub const COMMON: u32 = 1 << 7;
/// Clinical vocabulary: drugs, anatomy, abbreviations, eponyms used as clinical terms.
pub const MEDICAL: u32 = 1 << 8;
/// Personal titles: dr, mr, mrs, ms, miss, prof.
pub const TITLE: u32 = 1 << 9;
/// Relations and roles that precede a name: daughter, wife, hcp, attending, nurse...
pub const ROLE: u32 = 1 << 10;
/// Verbs and prepositions that precede a person: called, spoke (with), per, paged, by...
pub const PERSON_VERB: u32 = 1 << 11;
/// Street suffixes (USPS): street, st, avenue, ave, road, rd...
pub const STREET: u32 = 1 << 12;
/// Facility words: hospital, medical, center, clinic, memorial, regional, rehab...
pub const FACILITY: u32 = 1 << 13;
/// Organisation suffixes: inc, llc, corp, company, school, university, church...
pub const ORG_SUFFIX: u32 = 1 << 14;
pub const MONTH: u32 = 1 << 15;
/// Prepositions and verbs that precede a place: from, to, at, in, transferred, lives...
pub const PLACE_CUE: u32 = 1 << 16;
/// Credentials after a name: md, rn, np, pa, phd, rrt...
pub const CREDENTIAL: u32 = 1 << 17;
pub const WEEKDAY: u32 = 1 << 18;
/// Word of a multi-word dictionary entry.
pub const PHRASE: u32 = 1 << 19;
/// A word that appears inside a known hospital name.
pub const HOSPITAL_WORD: u32 = 1 << 20;
/// Unit / ward names that are not places: icu, ccu, micu, er, ed, or, pacu...
pub const UNIT: u32 = 1 << 21;
/// Nicknames and short forms of given names.
pub const NICK: u32 = 1 << 22;
/// Function words and generic clinical words that never start a name (`names::STOP`).
pub const STOPWORD: u32 = 1 << 23;
/// Clinical head nouns that make the word before them an eponym (`names::EPONYM_HEADS`).
pub const EPONYM_HEAD: u32 = 1 << 24;
/// Words that make a facility phrase generic (`names::GENERIC_FACILITY`).
pub const GENERIC_FACILITY: u32 = 1 << 25;
/// Last words of a facility name (`hospital`, `center`, `associates`): `names::FACILITY_HEADS`.
pub const FACILITY_HEAD: u32 = 1 << 26;
/// Verbs after a person (`aware`, `notified`): `names::RIGHT_VERBS`.
pub const RIGHT_VERB: u32 = 1 << 27;
/// Last words of an organisation cue (`at`, `by`, `employer`): `names::ORG_CUES`.
pub const ORG_CUE: u32 = 1 << 28;
/// First word of an entry that spans several words (`new` of `new york`, `o` of `o'brien`):
/// its flags depend on the words after it, so it is never memoised.
pub const PHRASE_HEAD: u32 = 1 << 29;
/// An organisation notes name by brand alone (`Walgreens`, `Humana`, `Meals on Wheels`):
/// `dictionaries/organizations.txt`.
pub const ORG_NAME: u32 = 1 << 30;
/// A spoken number's word: a digit's, a teen's, a ten's, `hundred`, `thousand`, an ordinal.
/// `spoken.rs` reads only the words with this flag, a month's or a weekday's, the words of
/// two bytes or fewer, and the words two before a flagged one.
pub const NUMBER_WORD: u32 = 1 << 31;

const FIRST_NAMES: &str = include_str!("../../dictionaries/first_names.txt");
const SURNAMES: &str = include_str!("../../dictionaries/surnames.txt");
const CITIES: &str = include_str!("../../dictionaries/us_cities.txt");
const COUNTIES: &str = include_str!("../../dictionaries/us_counties.txt");
const STATES: &str = include_str!("../../dictionaries/us_states.txt");
const COUNTRIES: &str = include_str!("../../dictionaries/countries.txt");
const STREET_SUFFIXES: &str = include_str!("../../dictionaries/street_suffixes.txt");
const ENGLISH_WORDS: &str = include_str!("../../dictionaries/english_words.txt");
const MEDICAL_TERMS: &str = include_str!("../../dictionaries/medical_terms.txt");
const CLINICAL_EXTRA: &str = include_str!("../../dictionaries/clinical_abbrev_extra.txt");
const ENGLISH_COMMON: &str = include_str!("../../dictionaries/english_common.txt");
const ORGANIZATIONS: &str = include_str!("../../dictionaries/organizations.txt");

// Rule vocabularies: ours, small, and part of the rules rather than data.
const TITLES: &[&str] = &[
    "rabbi",
    "pastor",
    "reverend",
    "officer",
    "sgt",
    "capt",
    // Military ranks as written before a name (`SSG Royal D. Little`, `MAJ Cash King`); not
    // those that are clinical abbreviations (`LT` left, `CPT` codes, `LTC` long-term care).
    "ssg",
    "sfc",
    "pfc",
    "pvt",
    "cpl",
    "lcpl",
    "maj",
    "ssgt",
    "tsgt",
    "msgt",
    "gysgt",
    "cdr",
    "lcdr",
    "sgm",
    "judge",
    // `Hon. Patricia Reeves` (a judge, in a court letter's address).
    "hon",
    "coach",
    "trooper",
    "deputy",
    "dr",
    // `Drs. Smith and Jones` (also a street suffix: see `patterns::STREET_CLASH`).
    "drs",
    "doctor",
    "mr",
    "mrs",
    "ms",
    "miss",
    "mister",
    "prof",
    "professor",
    "sister",
    "rev",
    "father",
    // `Fr. Murphy` (a priest; `16 Fr. Foley` is a catheter size: see `names.rs`), and the
    // Spanish `Sra.`, `Srta.` (`Sr` is also a suffix and `SR` sustained release).
    "fr",
    "sra",
    "srta",
    // Police before a name (`Ofc. Bryce Tallman`, `Det. Ray Okonkwo`). Not `Imam` or
    // `Sheikh`, which are surnames too (`Dr. Sheikh`).
    "ofc",
    "det",
    "detective",
];
/// Languages patients speak and interpreters interpret (also the words for their speakers),
/// and the ancestries a family or social history names (`maternal Norwegian`, `Ashkenazi
/// Jewish ancestry`; the word list keeps no capitalised words, so these were unknown): see the
/// build of [`Dictionary`]. Not `Hebrew`, which names homes and rehabilitation hospitals more
/// often than a patient's language (`Hebrew SeniorLife`, `hebrew rehab`).
const LANGUAGES: &[&str] = &[
    "norwegian",
    "swedish",
    "danish",
    "finnish",
    "icelandic",
    "dutch",
    "irish",
    "scottish",
    "welsh",
    "british",
    "jewish",
    "ashkenazi",
    "sephardic",
    "czech",
    "slovak",
    "hungarian",
    "lithuanian",
    "latvian",
    "estonian",
    "lebanese",
    "syrian",
    "iraqi",
    "iranian",
    "afghan",
    "pakistani",
    "nigerian",
    "ghanaian",
    "kenyan",
    "ethiopian",
    "eritrean",
    "sudanese",
    "congolese",
    "egyptian",
    "moroccan",
    "brazilian",
    "colombian",
    "venezuelan",
    "peruvian",
    "ecuadorian",
    "jamaican",
    "african",
    "asian",
    "european",
    "hispanic",
    "latino",
    "latina",
    "caucasian",
    "english",
    "spanish",
    "arabic",
    "mandarin",
    "cantonese",
    "taiwanese",
    "vietnamese",
    "korean",
    "japanese",
    "tagalog",
    "portuguese",
    "russian",
    "somali",
    "french",
    "creole",
    "haitian",
    "dari",
    "pashto",
    "farsi",
    "persian",
    "urdu",
    "hindi",
    "punjabi",
    "bengali",
    "tamil",
    "telugu",
    "gujarati",
    "nepali",
    "burmese",
    "khmer",
    "hmong",
    "thai",
    "amharic",
    "tigrinya",
    "oromo",
    "swahili",
    "yoruba",
    "igbo",
    "hausa",
    "polish",
    "ukrainian",
    "albanian",
    "bosnian",
    "serbian",
    "croatian",
    "greek",
    "turkish",
    "kurdish",
    "yiddish",
    "italian",
    "german",
    "romanian",
    "armenian",
    "mexican",
    "guatemalan",
    "salvadoran",
    "honduran",
    "cuban",
    "dominican",
    "filipino",
    "chinese",
    "mixtec",
    "quiche",
    "kinyarwanda",
    "kirundi",
    "marshallese",
    "chuukese",
    "samoan",
    "tongan",
    // Written in their own spelling or less often named (`prefers Kreyòl`, `Kiswahili (also
    // Kibembe)`, `Gaelic football`).
    "kreyòl",
    "kreyol",
    "kiswahili",
    "kibembe",
    "lingala",
    "gaelic",
    "ilocano",
    "cebuano",
    "visayan",
    "malayalam",
    "sinhala",
    "uzbek",
];

/// Roles at work rather than in the family (also [`ROLE`]s): after them a capitalised
/// vocabulary word is a service or a sentence (`Interpreter Services`, `Case manager
/// Referral`), not a name.
pub const WORK_ROLES: &[&str] = &[
    "chaplain",
    "coordinator",
    "therapist",
    "pharmacist",
    "manager",
    "worker",
    "navigator",
    "advocate",
    "interpreter",
    "aide",
    "counselor",
    "dietitian",
    "midwife",
    "paramedic",
    "officer",
    "attorney",
    "roommate",
    "landlord",
    "supervisor",
    "coworker",
    "pastor",
    // Public health and custody (`Bilal Qureshi, District Epidemiologist`, `Warden Clarence
    // Tuten`, `Medical Director Olusegun Bankole`).
    "epidemiologist",
    "investigator",
    "warden",
    "director",
    // Shift and team roles before a credential (`Charge RN:`, `Circ RN`, `Sending MD:`).
    "charge",
    "circ",
    "circulating",
    "scrub",
    "sending",
    "admitting",
];
const ROLES: &[&str] = &[
    "dtr",
    "dau",
    "bro",
    "sis",
    "nok",
    "son",
    "daughter",
    "wife",
    "husband",
    "mother",
    "mom",
    "father",
    "dad",
    "brother",
    "sister",
    "niece",
    "neice",
    "nephew",
    "aunt",
    "uncle",
    "cousin",
    "grandson",
    "granddaughter",
    "grandmother",
    "grandfather",
    "grandma",
    "grandpa",
    "friend",
    "neighbor",
    "neighbour",
    "partner",
    "fiance",
    "fiancee",
    "boyfriend",
    "girlfriend",
    "spouse",
    "sibling",
    "parent",
    "parents",
    "stepson",
    // Hyphenated: each of the three words carries the flag (`daughter-in-law Maria`).
    "son-in-law",
    "daughter-in-law",
    "brother-in-law",
    "sister-in-law",
    "mother-in-law",
    "father-in-law",
    "stepmother",
    "stepfather",
    "stepbrother",
    "stepsister",
    "godmother",
    "godfather",
    "stepdaughter",
    "hcp",
    "hcpoa",
    "proxy",
    "guardian",
    "caregiver",
    "attending",
    "resident",
    "intern",
    "fellow",
    "nurse",
    "np",
    "pa",
    "rn",
    "lpn",
    "lvn",
    "pct",
    "cna",
    "crna",
    "rrt",
    "rt",
    "sw",
    "nnp",
    "md",
    "pcp",
    "ho",
    "pt",
    "patient",
    "cardiologist",
    "surgeon",
    "physician",
    "oncologist",
    "nephrologist",
    "neurologist",
    "pulmonologist",
    "radiologist",
    "pathologist",
    "dentist",
    "therapist",
    "pharmacist",
    "provider",
    "dictated",
    "signed",
    "electronically",
    "cc",
    "sincerely",
    "regards",
    "thanks",
    "attn",
    "dear",
    "hi",
    "hello",
    "family",
    "wife's",
    "husband's",
    "daughters",
    "sons",
    "sisters",
    "brothers",
    "children",
    "pts",
    "sitter",
    "interpreter",
    "contact",
    "emergency",
    "agent",
    "poa",
    "dpoa",
    "surrogate",
    "doc",
    "fellowship",
    "housestaff",
    "team",
    "pager",
    "beeper",
    "ext",
    "mrs.",
    "mr.",
];
const PERSON_VERBS: &[&str] = &[
    "named",
    "reach",
    "reached",
    "called",
    "call",
    "spoke",
    "speak",
    "talked",
    "per",
    "paged",
    "page",
    "notified",
    "notify",
    "informed",
    "discussed",
    "seen",
    "evaluated",
    "examined",
    "visited",
    "visit",
    "by",
    "with",
    "met",
    "told",
    "asked",
    "aware",
    "updated",
    "contacted",
    "consulted",
    "cc'd",
    "cc",
    "dictated",
    "signed",
    "reviewed",
    "attending",
    "covering",
    "cosigned",
    "co-signed",
    "messaged",
    "emailed",
    "texted",
    "phoned",
    "accompanied",
    "escorted",
    "brought",
];
const STREETS_EXTRA: &[&str] = &[
    "st", "ave", "rd", "blvd", "ln", "dr", "ct", "pl", "hwy", "pkwy", "way", "terr", "cir", "sq",
];
const FACILITIES: &[&str] = &[
    "hospital",
    "hosp",
    "medical",
    "center",
    "centre",
    "ctr",
    "clinic",
    "memorial",
    "general",
    "regional",
    "rehab",
    "rehabilitation",
    "nursing",
    "home",
    "manor",
    "health",
    "healthcare",
    "infirmary",
    "sanatorium",
    "hospice",
    "institute",
    "va",
    "vamc",
    "university",
    "childrens",
    "children's",
    "community",
    "county",
    "mercy",
    "saint",
    "st",
    "baptist",
    "methodist",
    "presbyterian",
    "lutheran",
    "adventist",
    "deaconess",
    "shriners",
    "kaiser",
    "pavilion",
    "facility",
    "snf",
    "ltac",
    "ltach",
    "lodge",
    "house",
    "care",
    "living",
    "assisted",
    "pediatric",
    "surgical",
    "cancer",
    "heart",
    "cardiac",
    "behavioral",
    "psychiatric",
    "hospitals",
    "medicine",
    "physicians",
    "associates",
    "group",
    "practice",
    "pharmacy",
];
const ORG_SUFFIXES: &[&str] = &[
    "inc",
    "llc",
    "llp",
    "pllc",
    "ltd",
    "corp",
    "corporation",
    "company",
    "co",
    "school",
    "academy",
    "university",
    "college",
    "church",
    "temple",
    "synagogue",
    "mosque",
    "bank",
    "insurance",
    "industries",
    "logistics",
    "systems",
    "services",
    "solutions",
    "partners",
    "foundation",
    "association",
    "society",
    "union",
    "department",
    "dept",
    "agency",
    "bureau",
    "office",
    "store",
    "market",
    "restaurant",
    "factory",
    "mill",
    "farm",
    "station",
    "airlines",
    "motors",
    "elementary",
    "high",
    "middle",
    "technologies",
    "labs",
    "laboratories",
    "group",
    // Employers and services a social history or a transfer note names (`Fresh Harvest
    // Packing`, `Ocean State Medical Transport`, `Methuen Police`).
    "builders",
    "construction",
    "roofing",
    "plumbing",
    "landscaping",
    "packing",
    "processing",
    "assurance",
    "freight",
    "trucking",
    "transport",
    "transportation",
    "ambulance",
    "diner",
    "bakery",
    "cafe",
    "trattoria",
    "pizzeria",
    "grill",
    "police",
    "patrol",
    "tavern",
    "parish",
    "staffing",
    "communications",
    "farms",
    // Company forms abroad (`Hohenhilfe Assistance GmbH`, `Tamar Holdings PLC`).
    "gmbh",
    "plc",
];
/// Organisation heads that are also common nouns (`Pacific Crest Health Plan`, `Helixgen
/// Diagnostics`, `Lucky Nails & Spa`): flagged ORG_SUFFIX like the others, but the name rules
/// ask the run before them for a name-like word (`names::places_and_orgs`).
pub(crate) const WEAK_ORG_HEADS: &[&str] = &[
    "drug",
    "drugs",
    "mutual",
    "casualty",
    "league",
    "inn",
    "plan",
    "rescue",
    "ems",
    "vna",
    "buffet",
    "spa",
    "ymca",
    "district",
    "collective",
    // Courts and their officers (`Jefferson Circuit Court`, `Louisville Metro Public Defender`).
    "court",
    "defender",
    "network",
    "distributors",
    "supply",
    "supplies",
    "management",
    "recreation",
    "dental",
    "optics",
    "healthcare",
    "cooperative",
    "lines",
    "cremation",
    "mortuary",
    "chapel",
    "chapels",
    "cemetery",
    "toxicology",
    "cleaning",
    "cleaners",
    "fabricators",
    "manufacturing",
    "enterprises",
    "holdings",
    "diagnostics",
    "therapeutics",
    "orthopaedics",
    "orthopedics",
    "advantage",
    "fellowship",
    "ministries",
    "alert",
    "pharmaceuticals",
    "biotech",
    "wireless",
    "motel",
    "hotel",
    "inn",
    "salon",
    "nails",
    "gym",
    "fitness",
    "club",
    "casino",
    "ranch",
    "dairy",
    // Travel and transport companies (`Meridian Blue Cruises`, `Cumbre Andina Expeditions`,
    // `Great Northern Railway`). Not `Imaging`: a department's name more often (`Body
    // Imaging`, `Breast Imaging`) than a company's.
    "cruises",
    "cruise",
    "expeditions",
    "tours",
    "outfitters",
    "railway",
    "railroad",
    // Public bodies (`Tri-County Transit Authority`, `Alameda Alliance for Health`, `Cork City
    // Council`) and dialysis units (`Gulfside Dialysis`). Not `Registry`: registries are
    // programs more often than bodies (`Burn Pit Registry`, `Tumor Registry`).
    "authority",
    "alliance",
    "coalition",
    "council",
    "committee",
    "commission",
    "trust",
    "dialysis",
];
/// Month names in calendar order (also the date shifter's table: `vault/dateshift.rs`).
pub(crate) const MONTH_NAMES: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];
pub(crate) const MONTH_ABBREVS: &[&str] = &[
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
];
/// Weekday names from Monday (also the date shifter's table).
pub(crate) const WEEKDAY_NAMES: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];
pub(crate) const WEEKDAY_ABBREVS: &[&str] = &[
    "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
];
const PLACE_CUES: &[&str] = &[
    "location",
    "leave",
    "leaving",
    "from",
    "to",
    "at",
    "in",
    "transferred",
    "transfer",
    "xfer",
    "admitted",
    "lives",
    "living",
    "resides",
    "residing",
    "moved",
    "born",
    "near",
    "visiting",
    "traveled",
    "travelled",
    "returned",
    "discharged",
    "sent",
    "transported",
    "outside",
    "osh",
    "towards",
    // `Previous records: UPMC 12/16/2022`, `records from MUSC`.
    "records",
];
const CREDENTIALS: &[&str] = &[
    "md", "do", "rn", "np", "pa", "pa-c", "phd", "rrt", "lpn", "cnp", "cns", "crna", "dnp", "msw",
    "lcsw", "licsw", "pharmd", "dds", "dmd", "mph", "facp", "facc", "facs", "mba", "bsn", "msn",
    "aprn", "fnp", "anp", "od", "dpm", "pt", "ot", "slp", "rd", "cna", "emt", "ms", "ma",
    // Community health workers, pharmacists, midwives, therapists, sonographers, counsellors,
    // educators and lawyers (`Dee-Ann Whitcomb, CHW`, `same RPh`, `Hollis Prentiss, CNM`).
    "chw", "rph", "cnm", "dpt", "rdms", "rdcs", "rvt", "lmft", "lpc", "lmsw", "psyd", "cde",
    "cdces", "ccrn", "ibclc", "crnp", "acnp", "pnp", "whnp", "cma", "esq", "mbbs", "frcp", "mrcp",
    // Paramedics, social workers, chaplains, nurse practitioners and academy fellows (`H.
    // Voss, NRP`, `K. Benoit, LSW`, `Rev. Deborah Tillman, MDiv`, `Carl Deegan, ARNP`).
    "nrp", "aemt", "lsw", "lisw", "mdiv", "arnp", "faap", "faad",
    // Counsellors, community health representatives, research coordinators and laboratory
    // scientists (`Rosalind Begaye, LPCC`, `Harriet Yazzie, CHR`, `Tuan Vuong, MLS(ASCP)`).
    "lpcc", "chr", "ccrp", "mls",
    // Audiologists, speech pathologists, dental hygienists, optometry fellows and hand
    // therapists (`Summer Brooks, AuD, CCC-A`; not `RDA` or `ATC`: a dietary allowance and
    // around the clock).
    "aud", "ccc-a", "ccc-slp", "rdh", "faao", "cht",
];
const UNITS: &[&str] = &[
    "icu",
    "ccu",
    "micu",
    "sicu",
    "nicu",
    "picu",
    "cvicu",
    "csru",
    "ctic",
    "tsicu",
    "er",
    "ed",
    "or",
    "pacu",
    "cath",
    "ir",
    "ep",
    "ob",
    "l&d",
    "ward",
    "floor",
    "unit",
    "stepdown",
    "tele",
    "telemetry",
    "rehab",
    "snf",
    "ltac",
    "pt",
    "ot",
    "rm",
    "room",
    "bed",
    "bay",
    "pod",
    "suite",
];
const NICKNAMES: &[&str] = &[
    "bob", "bobby", "rob", "robbie", "bill", "billy", "will", "willy", "liz", "beth", "betsy",
    "betty", "kate", "katie", "kathy", "cathy", "jim", "jimmy", "jack", "joe", "joey", "tom",
    "tommy", "mike", "mikey", "dave", "davy", "dan", "danny", "sam", "sammy", "ben", "benny",
    "tony", "chris", "matt", "pat", "patty", "peg", "peggy", "meg", "maggie", "sue", "susie",
    "jen", "jenny", "jess", "nick", "nicky", "rick", "ricky", "dick", "rich", "richie", "ted",
    "teddy", "ed", "eddie", "al", "alex", "andy", "drew", "steve", "stevie", "greg", "jon",
    "johnny", "jerry", "larry", "harry", "hank", "frank", "frankie", "fred", "freddy", "gus",
    "lou", "louie", "ron", "ronnie", "don", "donnie", "ken", "kenny", "tim", "timmy", "vic",
    "vinny", "sal", "gabe", "nate", "zack", "abby", "addie", "allie", "annie", "barb", "becky",
    "bev", "cindy", "connie", "debbie", "deb", "dottie", "ellie", "evie", "fran", "ginny",
    "jackie", "jo", "judy", "kim", "kit", "lil", "lucy", "mandy", "marge", "midge", "millie",
    "molly", "nan", "nancy", "nell", "nellie", "patsy", "polly", "rosie", "sally", "sandy",
    "terri", "trish", "val", "vicky", "winnie",
];
/// Words that are first names or surnames in the census lists but, in clinical text, are
/// almost always something else. They stay names after a title or role cue.
/// `years` and `months` in the languages of notes written abroad (`93 años`, `anos`, `Jahre`):
/// vocabulary, not the surname `Anos` that an accent-folded `años` would otherwise be.
const YEARS_ABROAD: &[&str] = &["años", "anos", "meses", "jahre", "jahren", "anni", "jaar"];

const CLINICAL_NOT_NAMES: &[&str] = &[
    // Eponyms of a procedure or a device and brands of care (`Mohs surgery`, `Hoyer lift`,
    // `RhoGAM`, `Juven packets`, `Cavit temp`, `WanderGuard`).
    "mohs",
    "hoyer",
    "rhogam",
    "juven",
    "cavit",
    "wanderguard",
    // Faiths (`a Muslim male`, `devout Shia Muslim`).
    "muslim",
    "shia",
    "sunni",
    "hindu",
    "sikh",
    // Race and ethnicity (`Patient is Hispanic.`, `African American female`).
    "hispanic",
    "latino",
    "latina",
    "latinx",
    "caucasian",
    "african",
    "american",
    "asian",
    "islander",
    "alaskan",
    "ashkenazi",
    // Field abbreviations that follow a name in headers (`SMITH, JOHN, DOB 3/4/1950`).
    "dob",
    "doa",
    "dod",
    "mrn",
    "ssn",
    // Abbreviations seen after `to`/`from`/`in` in ICU notes (drains, sites, routes).
    "cd",
    "bsd",
    "ils",
    "ivb",
    "ble",
    "bue",
    "mva",
    "cvs",
    "bps",
    "ue",
    "le",
    "rv",
    "lv",
    "et",
    "bc",
    "mds",
    "pos",
    "sunroom",
    "overnoc",
    "overnite",
    "palce",
    "mn",
    "gt",
    "lg",
    "sn",
    // Species names after a genus initial (`E. coli`, `S. aureus`).
    "coli",
    "diff",
    "difficile",
    "aureus",
    "pylori",
    "aeruginosa",
    "pneumoniae",
    "epidermidis",
    "faecalis",
    "faecium",
    "albicans",
    "glabrata",
    "cloacae",
    "marcescens",
    "mirabilis",
    "influenzae",
    "fragilis",
    "jirovecii",
    "carinii",
    "pyogenes",
    "agalactiae",
    "viridans",
    "maltophilia",
    "baumannii",
    "oxytoca",
    "perfringens",
    "tuberculosis",
    "neoformans",
    "fumigatus",
    "vulgaris",
    "foley",
    "swan",
    "ganz",
    "gram",
    "bell",
    "doppler",
    "parkinson",
    "hodgkin",
    "crohn",
    "cushing",
    "addison",
    "graves",
    "wilson",
    "babinski",
    "murphy",
    "whipple",
    "heparin",
    "lasix",
    "coumadin",
    "ativan",
    "haldol",
    "levophed",
    "dopamine",
    "tylenol",
    "motrin",
    "vanco",
    "zosyn",
    "flagyl",
    "cipro",
    "keflex",
    "bactrim",
    "morphine",
    "dilaudid",
    "fentanyl",
    "propofol",
    "versed",
    "precedex",
    "insulin",
    "glucose",
    "albumin",
    "protonix",
    "pepcid",
    "colace",
    "senna",
    "dulcolax",
    "lopressor",
    "metoprolol",
    "lisinopril",
    "norvasc",
    "plavix",
    "aspirin",
    "lipitor",
    "zocor",
    "digoxin",
    "amiodarone",
    "diltiazem",
    "cardizem",
    "neo",
    "neosynephrine",
    "vasopressin",
    "dobutamine",
    "milrinone",
    "nitro",
    "ntg",
    "hep",
    "kcl",
    "mag",
    "calcium",
    "phos",
    "bun",
    "creat",
    "hct",
    "wbc",
    "plt",
    "inr",
    "ptt",
    "lft",
    "ck",
    "trop",
    "abg",
    "vbg",
    "cxr",
    "ekg",
    "ecg",
    "echo",
    "tte",
    "tee",
    "cath",
    "stent",
    "cabg",
    "mae",
    "perrl",
    "nsr",
    "sr",
    "st",
    "afib",
    "vt",
    "vf",
    "pvc",
    "pac",
    "bbb",
    "lbbb",
    "rbbb",
    "gi",
    "gu",
    "cv",
    "neuro",
    "resp",
    "id",
    "heme",
    "onc",
    "renal",
    "skin",
    "psych",
    "social",
    "dispo",
    "plan",
    "assessment",
    "foley's",
    "ng",
    "ogt",
    "ngt",
    "peg",
    "picc",
    "tlc",
    "aline",
    "cvp",
    "map",
    "sbp",
    "dbp",
    "hr",
    "rr",
    "spo2",
    "fio2",
    "peep",
    "psv",
    "cpap",
    "bipap",
    "vent",
    "ett",
    "trach",
    "sputum",
    "suction",
    "suctioned",
    "lungs",
    "abd",
    "ext",
    "pulses",
    "edema",
    "stool",
    "urine",
    "uop",
    "ivf",
    "ns",
    "lr",
    "d5w",
    "tpn",
    "npo",
    "prn",
    "po",
    "iv",
    "sq",
    "im",
    "bid",
    "tid",
    "qid",
    "qd",
    "qhs",
    "ac",
    "pc",
    "hs",
    "amp",
    "gtt",
    "mcg",
    "meq",
    "mg",
    "ml",
    "cc",
    "hrs",
    "min",
    "sec",
    "wt",
    "ht",
    "lb",
    "kg",
    "cm",
    "mm",
    "bowel",
    "sounds",
    "rhonchi",
    "crackles",
    "wheezes",
    "clear",
    "diminished",
    "coarse",
    "lethargic",
    "alert",
    "oriented",
    "sedated",
    "intubated",
    "extubated",
    "stable",
    "afebrile",
    "tmax",
    "tylenol",
    "pain",
    "comfort",
    "family",
    "dnr",
    "dni",
    "full",
    "code",
    "status",
];

#[derive(Debug)]
pub struct Dictionary {
    ac: AhoCorasick,
    flags: Vec<u32>,
    /// Per pattern: number of words in the entry (1 for single words).
    nwords: Vec<u8>,
    state_abbrevs: HashMap<[u8; 2], ()>,
    /// Hashes of every multi-word entry up to the end of its second word: the phrase gate.
    bigrams: HashSet<u64, PassThrough>,
    /// Flags of every entry by the hash of its lower-cased text (`hash_lower`).
    entry_flags: HashMap<u64, u32, PassThrough>,
    /// Misspelling check: hashes of every English/clinical vocabulary word...
    vocab_hashes: HashSet<u64, PassThrough>,
    /// ...and of every such word with one letter deleted (SymSpell-style deletion index).
    deletion_hashes: HashSet<u64, PassThrough>,
    /// Distinguishes dictionaries in a thread's `Memo` (tests build several engines).
    id: usize,
}

static NEXT_ID: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(1);

const MEMO_SLOTS: usize = 16384;
const MEMO_KEY: usize = 16;

/// A per-thread, direct-mapped memo of word -> flags in front of the entry table. Clinical text
/// repeats its words (`pt`, `the`, `bp`), so most words hit; a miss costs one hash look-up (and
/// an automaton search where a phrase may begin there). Measured: the dictionary stage about 2x
/// faster on the synthetic notes than with no memo.
#[derive(Default)]
pub(crate) struct Memo {
    owner: usize,
    slots: Vec<MemoSlot>,
}

#[derive(Clone, Copy, Default)]
struct MemoSlot {
    len: u8,
    key: [u8; MEMO_KEY],
    flags: u32,
}

/// The keys of the misspelling sets are already FNV hashes: hash them again for free.
#[derive(Clone, Copy, Default, Debug)]
pub(crate) struct PassThrough;

impl std::hash::BuildHasher for PassThrough {
    type Hasher = PassThroughHasher;
    fn build_hasher(&self) -> PassThroughHasher {
        PassThroughHasher(0)
    }
}

/// Hasher of [`PassThrough`]: returns the `u64` it is given (FNV-folds anything else).
#[derive(Default)]
pub(crate) struct PassThroughHasher(u64);

impl std::hash::Hasher for PassThroughHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        self.0 = hash_lower(&[bytes]) ^ self.0.rotate_left(5);
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = v;
    }
}

/// FNV-1a over ASCII-lower-cased bytes; collisions only make `near_vocabulary` say yes a
/// little more often, which costs recall on a word that is already unknown to every list.
fn hash_lower(parts: &[&[u8]]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for &b in *p {
            h ^= b.to_ascii_lowercase() as u64;
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

fn add(map: &mut HashMap<String, u32>, term: &str, flag: u32) {
    let t = term.trim();
    if t.len() < 2 || t.len() > 64 {
        return;
    }
    let bytes = t.as_bytes();
    if !is_word_byte(bytes[0]) || !is_word_byte(bytes[bytes.len() - 1]) {
        return;
    }
    let key = t.to_ascii_lowercase();
    let mut f = flag;
    if key.contains(' ') {
        f |= PHRASE;
    }
    *map.entry(key).or_insert(0) |= f;
}

fn add_lines(map: &mut HashMap<String, u32>, text: &str, flag: u32) {
    for line in text.lines() {
        // TSV files: first column is the term.
        let term = line.split('\t').next().unwrap_or("");
        add(map, term, flag);
    }
}

impl Dictionary {
    /// Builds the automaton from the embedded lists. Takes a few hundred milliseconds: build
    /// once (the `Engine` does) and share.
    pub fn build() -> Result<Dictionary> {
        // The misspelling index builds on another thread meanwhile (start-up is paid by every
        // CLI run; the two share nothing).
        std::thread::scope(|s| {
            let index = s.spawn(vocabulary_index);
            let mut dict = Self::build_automaton()?;
            (dict.vocab_hashes, dict.deletion_hashes) = index
                .join()
                .map_err(|_| Error::build("misspelling index", "the build thread panicked"))?;
            Ok(dict)
        })
    }

    /// The automaton and its tables, with an empty misspelling index.
    fn build_automaton() -> Result<Dictionary> {
        let mut map: HashMap<String, u32> = HashMap::with_capacity(400_000);
        add_lines(&mut map, FIRST_NAMES, FIRST);
        add_lines(&mut map, SURNAMES, SURNAME);
        add_lines(&mut map, CITIES, CITY);
        add_lines(&mut map, COUNTIES, COUNTY);
        add_lines(&mut map, STATES, STATE);
        add_lines(&mut map, COUNTRIES, COUNTRY);
        add_lines(&mut map, ENGLISH_WORDS, ENGLISH);
        add_lines(&mut map, ENGLISH_COMMON, COMMON | ENGLISH);
        add_lines(&mut map, MEDICAL_TERMS, MEDICAL);
        add_lines(&mut map, CLINICAL_EXTRA, MEDICAL);
        add_lines(&mut map, ORGANIZATIONS, ORG_NAME);
        for line in STREET_SUFFIXES.lines() {
            for col in line.split('\t') {
                add(&mut map, col, STREET);
            }
        }
        let mut state_abbrevs = HashMap::new();
        for line in STATES.lines() {
            if let Some(ab) = line.split('\t').nth(1) {
                let ab = ab.trim().as_bytes();
                if ab.len() == 2 {
                    state_abbrevs
                        .insert([ab[0].to_ascii_uppercase(), ab[1].to_ascii_uppercase()], ());
                }
            }
        }
        for (list, flag) in [
            (TITLES, TITLE),
            (ROLES, ROLE),
            (WORK_ROLES, ROLE),
            (PERSON_VERBS, PERSON_VERB),
            (STREETS_EXTRA, STREET),
            // Streets without a suffix open an address line too (`1585 Broadway`).
            (super::patterns::BARE_STREETS, STREET),
            (FACILITIES, FACILITY),
            (ORG_SUFFIXES, ORG_SUFFIX),
            (WEAK_ORG_HEADS, ORG_SUFFIX),
            (&MONTH_NAMES[..], MONTH),
            (MONTH_ABBREVS, MONTH),
            (&WEEKDAY_NAMES[..], WEEKDAY),
            (WEEKDAY_ABBREVS, WEEKDAY),
            (PLACE_CUES, PLACE_CUE),
            (CREDENTIALS, CREDENTIAL),
            (UNITS, UNIT),
            (NICKNAMES, NICK | FIRST),
            (CLINICAL_NOT_NAMES, MEDICAL),
            (YEARS_ABROAD, COMMON | ENGLISH),
            (super::names::STOP, STOPWORD),
            (super::names::EPONYM_HEADS, EPONYM_HEAD),
            (super::names::GENERIC_FACILITY, GENERIC_FACILITY),
            (super::names::FACILITY_HEADS, FACILITY_HEAD),
            (super::names::SPECIALTY_HEADS, FACILITY_HEAD),
            (super::names::RIGHT_VERBS, RIGHT_VERB),
            (super::names::ORG_CUES, ORG_CUE),
            (super::spoken::DIGITS, NUMBER_WORD),
            (super::spoken::TEENS, NUMBER_WORD),
            (super::spoken::TENS, NUMBER_WORD),
            (super::spoken::ORDINALS, NUMBER_WORD),
            (&["hundred", "thousand"], NUMBER_WORD),
        ] {
            for t in list {
                add(&mut map, t, flag);
            }
        }
        // A weekday is a day, not a person, even where a name list has it (`Tuesday` as a given
        // name, `Monday` as a surname): `Seen Monday 3/2`, `Last visit: Tuesday, March 3rd`.
        // With a title it is still a name (`Dr. Monday`: the title rule needs no list).
        // So are its plural (`visits Sundays`, `can drive Fridays`).
        for day in WEEKDAY_NAMES {
            let plural = format!("{day}s");
            add(&mut map, &plural, WEEKDAY);
            for key in [day, plural.as_str()] {
                if let Some(f) = map.get_mut(key) {
                    *f &= !(FIRST | SURNAME | NICK);
                }
            }
        }
        // A language is vocabulary, not a town or a given name (`conversant in English`,
        // `Interpreter (Arabic)`, `Dari interpreter`), even where a list has it (English,
        // Indiana). A surname stays one after a title (`Mr. English`, `Dr. French`).
        for lang in LANGUAGES {
            let f = map.entry((*lang).to_string()).or_insert(0);
            *f = (*f & !(FIRST | NICK | CITY | COUNTY)) | ENGLISH;
        }
        // Every multi-word entry up to the end of its second word (`new york`, `st. louis`,
        // `o'brien`): a word whose next word completes none of these starts no phrase.
        let mut bigrams = HashSet::with_hasher(PassThrough);
        for k in map.keys() {
            let b = k.as_bytes();
            if let Some(gap) = b.iter().position(|&c| !is_word_byte(c)) {
                let second = gap + b[gap..].iter().position(|&c| is_word_byte(c)).unwrap_or(0);
                let end = second
                    + b[second..]
                        .iter()
                        .position(|&c| !is_word_byte(c))
                        .unwrap_or(b.len() - second);
                bigrams.insert(hash_lower(&[&b[..end]]));
            }
        }
        // The first word of every multi-word entry is a phrase head.
        let heads: Vec<String> = map
            .keys()
            .filter_map(|k| {
                let b = k.as_bytes();
                let end = b.iter().position(|&c| !is_word_byte(c))?;
                Some(k[..end].to_string())
            })
            .collect();
        for h in heads {
            *map.entry(h).or_insert(0) |= PHRASE_HEAD;
        }
        // Deterministic pattern order (HashMap order is not).
        let mut entries: Vec<(String, u32)> = map.into_iter().collect();
        entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        // Every entry by the hash of its lower-cased text: the exact look-up of one word (or
        // of one phrase), without walking the automaton.
        let mut entry_flags = HashMap::with_capacity_and_hasher(entries.len(), PassThrough);
        for (k, f) in &entries {
            entry_flags.insert(hash_lower(&[k.as_bytes()]), *f);
        }
        // The automaton is searched only at a phrase head (`annotate`), anchored, for the
        // longest entry there. Such an entry is a phrase or the head word itself: a word of
        // word bytes alone cannot run past the head's end. So the automaton holds only those
        // (a tenth of the entries), which makes it several times cheaper to build at start-up;
        // every other word is found by `entry_flags`.
        entries.retain(|(k, f)| f & PHRASE_HEAD != 0 || !k.bytes().all(is_word_byte));
        let flags: Vec<u32> = entries.iter().map(|e| e.1).collect();
        let nwords: Vec<u8> = entries
            .iter()
            .map(|e| e.0.split(' ').count().min(255) as u8)
            .collect();
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            .start_kind(StartKind::Anchored)
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .build(entries.iter().map(|e| e.0.as_str()))
            .map_err(|e| Error::build("dictionary automaton", e))?;
        Ok(Dictionary {
            id: NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            vocab_hashes: HashSet::with_hasher(PassThrough),
            deletion_hashes: HashSet::with_hasher(PassThrough),
            ac,
            flags,
            nwords,
            state_abbrevs,
            bigrams,
            entry_flags,
        })
    }

    /// Number of distinct entries (words and phrases).
    pub fn len(&self) -> usize {
        self.entry_flags.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entry_flags.is_empty()
    }

    /// True for a two-letter US state or territory abbreviation (`MA`, `NY`), case-sensitive
    /// upper case as addresses write them.
    pub fn is_state_abbrev(&self, w: &[u8]) -> bool {
        w.len() == 2
            && w[0].is_ascii_uppercase()
            && w[1].is_ascii_uppercase()
            && self.state_abbrevs.contains_key(&[w[0], w[1]])
    }

    /// As [`is_state_abbrev`](Self::is_state_abbrev), in any case (`fl`, `Ma`).
    pub fn is_state_abbrev_any_case(&self, w: &[u8]) -> bool {
        w.len() == 2
            && self.is_state_abbrev(&[w[0].to_ascii_uppercase(), w[1].to_ascii_uppercase()])
    }

    /// Tags every word of `words` (tokenised from `text`) with the categories of the dictionary
    /// entry covering it exactly. `words` must be sorted by position, as `tokenize` makes them.
    pub(crate) fn annotate(&self, text: &str, words: &mut [Word], memo: &mut Memo) {
        // Behind a memo of the words already looked up: a word's own entry by hash, and where
        // the word and the next one begin a multi-word entry (`new york`), one anchored
        // leftmost-longest automaton search from the word's start (it stops at the first dead
        // state, so it reads about the phrase).
        if memo.owner != self.id || memo.slots.len() != MEMO_SLOTS {
            memo.owner = self.id;
            memo.slots.clear();
            memo.slots.resize(MEMO_SLOTS, MemoSlot::default());
        }
        let hay = text.as_bytes();
        let mut covered_until = 0usize;
        for i in 0..words.len() {
            let w = words[i];
            if w.start < covered_until || w.shape == Shape::Digits {
                continue;
            }
            let bytes = &hay[w.start..w.end];
            // Only ASCII words are memoised: the flags of an accented word depend on its case
            // (`lookup_folded`), and the memo's keys do not.
            // Nor words with a capital inside (`StudyDate`): their flags depend on case too
            // (`compound_vocabulary`).
            let slot = (bytes.len() <= MEMO_KEY
                && bytes.is_ascii()
                && (!matches!(w.shape, Shape::Capitalized | Shape::Other) || !camel_case(bytes)))
            .then(|| hash_lower(&[bytes]) as usize % MEMO_SLOTS);
            if let Some(k) = slot {
                let m = &memo.slots[k];
                if m.len as usize == bytes.len()
                    && m.key[..bytes.len()].eq_ignore_ascii_case(bytes)
                    && (m.flags & PHRASE_HEAD == 0 || !self.phrase_may_start(hay, words, i))
                {
                    words[i].flags |= m.flags;
                    continue;
                }
            }
            // Flags of this word alone, when they depend on nothing after it.
            let mut own: Option<u32> = None;
            // A word that begins no phrase here is its own entry or none (no other entry can
            // start at a word and end past it without naming its next word).
            let alone = self.lookup_word(hay, w.start, w.end);
            if alone & PHRASE_HEAD == 0 || !self.phrase_may_start(hay, words, i) {
                let f = if alone == 0 {
                    self.lookup_unlisted(&w, text)
                } else {
                    alone
                };
                words[i].flags |= f;
                if let Some(k) = slot {
                    let m = &mut memo.slots[k];
                    m.len = bytes.len() as u8;
                    m.key[..bytes.len()].copy_from_slice(bytes);
                    m.flags = f;
                }
                continue;
            }
            let input = Input::new(hay).range(w.start..).anchored(Anchored::Yes);
            match self.ac.find(input) {
                // A word with accented letters that no list holds as written: the lists are
                // ASCII (`José`, `Müller`, `Barré` are found as `jose`, `muller`, `barre`).
                None => {
                    let f = self.lookup_unlisted(&w, text);
                    words[i].flags |= f;
                    own = Some(f);
                }
                Some(m) => {
                    let ends_at_boundary = m.end() >= hay.len() || !is_word_byte(hay[m.end()]);
                    if m.end() >= w.end && ends_at_boundary {
                        let pid = m.pattern().as_usize();
                        let f = self.flags[pid];
                        let mut k = i;
                        while k < words.len() && words[k].start < m.end() {
                            words[k].flags |= f;
                            k += 1;
                        }
                        if self.nwords[pid] > 1
                            || k > i + 1 && hay[w.start..m.end()].contains(&b'-')
                        {
                            // A phrase hides the single-word entries of its words; so does a
                            // hyphenated entry (`stevens-johnson` keeps `Stevens` a surname).
                            for wk in &mut words[i..k] {
                                wk.flags |= self.lookup_word(hay, wk.start, wk.end);
                            }
                            own = Some(self.lookup_word(hay, w.start, w.end));
                            covered_until = m.end();
                        } else if m.end() == w.end {
                            own = Some(f);
                        }
                    } else {
                        // The longest entry here ends inside a word: the word on its own.
                        let mut f = self.lookup_word(hay, w.start, w.end);
                        if f == 0 {
                            f = self.lookup_unlisted(&w, text);
                        }
                        words[i].flags |= f;
                        own = Some(f);
                    }
                }
            }
            if let (Some(k), Some(f)) = (slot, own) {
                let m = &mut memo.slots[k];
                m.len = bytes.len() as u8;
                m.key[..bytes.len()].copy_from_slice(bytes);
                m.flags = f;
            }
        }
    }

    /// True when word `i` and the next word could begin a multi-word entry: they are on the
    /// bigram list (a word with no next word begins none).
    fn phrase_may_start(&self, hay: &[u8], words: &[Word], i: usize) -> bool {
        words.get(i + 1).is_some_and(|n| {
            self.bigrams
                .contains(&hash_lower(&[&hay[words[i].start..n.end]]))
        })
    }

    /// The flags of a word that no list holds as written: its accents folded away
    /// (`lookup_folded`), a compound of vocabulary words (`compound_vocabulary`) or the plural
    /// of one (`plural_vocabulary`), the first that finds any.
    fn lookup_unlisted(&self, w: &Word, text: &str) -> u32 {
        let folded = self.lookup_folded(w, text);
        if folded != 0 {
            return folded;
        }
        let word = &text.as_bytes()[w.start..w.end];
        match self.compound_vocabulary(word) {
            0 => self.plural_vocabulary(word),
            f => f,
        }
    }

    /// The vocabulary flags of the singular of an unlisted plural (`apneas`, `mitoses`): the
    /// lists hold most clinical words in one form only, and an unknown word is evidence of a
    /// name or a place to the rules. Only the vocabulary flags, for a word of five letters or
    /// more, its singular without `-s`, without `-es`, or with `-is` for `-es` (`mitoses`).
    fn plural_vocabulary(&self, word: &[u8]) -> u32 {
        const WORDS: u32 = ENGLISH | COMMON | MEDICAL;
        if word.len() < 5
            || !word.iter().all(u8::is_ascii_alphabetic)
            || !word[word.len() - 1].eq_ignore_ascii_case(&b's')
        {
            return 0;
        }
        let n = word.len();
        let mut flags = self.lookup_word(word, 0, n - 1) & WORDS;
        if flags == 0 && word[n - 2].eq_ignore_ascii_case(&b'e') {
            flags = self.lookup_word(word, 0, n - 2) & WORDS;
            if flags == 0 {
                // `mitoses` -> `mitosis`: the singular is looked up in a copy.
                let mut is = word.to_ascii_lowercase();
                is[n - 2] = b'i';
                flags = self.lookup_word(&is, 0, n) & WORDS;
            }
        }
        flags
    }

    /// `ENGLISH` for a word written in camel case whose parts are all vocabulary words or
    /// short capitals (`StudyDate`, `PatientAddress`, `MediaStorageSOPClassUID`: the keys of
    /// DICOM dumps and code), so that no rule takes it for an unknown name. Three parts at
    /// least: two-part compounds are as often the names of companies and plans (`SeniorLife`,
    /// `BlueHarbor`, `MassHealth`). 0 for any other word, and where a part is a name's
    /// particle (`EMSLaRue`, `VanDyke`).
    fn compound_vocabulary(&self, word: &[u8]) -> u32 {
        const WORDS: u32 = ENGLISH | COMMON | MEDICAL | UNIT;
        if !camel_case(word) || !word.iter().all(u8::is_ascii_alphabetic) {
            return 0;
        }
        let mut parts = 0;
        let mut start = 0;
        for i in 1..=word.len() {
            // A part ends before a capital that follows a small letter (`study|Date`) or
            // that starts a word after capitals (`SOP|Class`).
            let cut = i == word.len()
                || word[i].is_ascii_uppercase()
                    && (word[i - 1].is_ascii_lowercase()
                        || word.get(i + 1).is_some_and(u8::is_ascii_lowercase)
                            && word[i - 1].is_ascii_uppercase());
            if !cut {
                continue;
            }
            let part = &word[start..i];
            // A surname's particle (`LaRue`, `DeShawn`, `VanDyke`, `McDonald`) makes a name.
            if part.len() <= 5
                && std::str::from_utf8(part)
                    .is_ok_and(|t| super::names::is_particle(&t.to_ascii_lowercase()))
            {
                return 0;
            }
            let abbreviation = part.len() <= 4 && part.iter().all(u8::is_ascii_uppercase);
            if !abbreviation
                && (part.len() < 2 || self.lookup_word(part, 0, part.len()) & WORDS == 0)
            {
                return 0;
            }
            parts += 1;
            start = i;
        }
        if parts >= 3 { ENGLISH } else { 0 }
    }

    /// The name and place flags of `word` with its accents folded away
    /// ([`fold_latin`](super::words::fold_latin)); 0 when it has none to fold (an ASCII word
    /// costs one check). Only those: the
    /// accents say the word is no English or clinical word even when its letters spell one
    /// (`Đỗ` is not `do`, `Åsa` is not `ASA`). A lower-case word needs four letters: short
    /// words of Vietnamese and other languages quoted in a note fold onto short names
    /// (`cảm ơn` is not `Cam`).
    fn lookup_folded(&self, w: &Word, text: &str) -> u32 {
        const KEPT: u32 = FIRST | SURNAME | NICK | CITY | COUNTY | STATE | COUNTRY | HOSPITAL_WORD;
        let word = &text[w.start..w.end];
        if word.is_ascii() {
            return 0;
        }
        let mut buf = [0u8; 64];
        match super::words::fold_latin(word, &mut buf) {
            Some(n) if n >= 4 || w.shape != Shape::Lower => {
                self.lookup_word(&buf[..n], 0, n) & KEPT
            }
            _ => 0,
        }
    }

    /// Flags of the entry that is exactly `hay[start..end]` (any case), 0 when none is.
    pub(crate) fn lookup_word(&self, hay: &[u8], start: usize, end: usize) -> u32 {
        self.entry_flags
            .get(&hash_lower(&[&hay[start..end]]))
            .map_or(0, |f| f & !PHRASE)
    }

    /// True when `word` is one edit (a missing letter, an extra letter or two adjacent letters
    /// swapped) away from an English or clinical vocabulary word: a misspelling
    /// (`recieve`, `boken`, `Famliy`, `laible`) rather than an unknown name. Words under four
    /// letters are never called near (too many collisions). Wrong letters are not tried: too
    /// many real surnames are one substitution from a word (see `near_vocabulary_loose`).
    pub fn near_vocabulary(&self, word: &[u8]) -> bool {
        self.near(word, 4, true, false)
    }

    /// As [`near_vocabulary`](Self::near_vocabulary) for words that are also listed
    /// surnames: five letters or more, and only a missing letter or two letters swapped
    /// (`boken`, `laible`, `stabel`), since an extra letter turns too many real surnames into
    /// words (`ramos`/`rams`, `hass`/`has`).
    pub fn near_vocabulary_strict(&self, word: &[u8]) -> bool {
        self.near(word, 5, false, false)
    }

    /// [`near_vocabulary`](Self::near_vocabulary), or (five letters or more) one wrong letter
    /// (`ANASARKA`, `SOMNULENT`, `abebrile`): the word and a vocabulary word lose one letter
    /// each to the same string. Too loose for the name rules (many surnames are one letter
    /// from a word); used on the model's name spans over words no name list holds.
    pub fn near_vocabulary_loose(&self, word: &[u8]) -> bool {
        self.near(word, 4, true, true)
    }

    /// Whether `word` (three letters or more) is an English or clinical vocabulary word.
    pub fn is_vocabulary(&self, word: &[u8]) -> bool {
        word.len() >= 3 && self.vocab_hashes.contains(&hash_lower(&[word]))
    }

    /// A vocabulary word with an `-ly`, `-ness` or `-ment` ending (`transiently`): the stem
    /// is in the vocabulary.
    pub fn derived_from_vocabulary(&self, word: &[u8]) -> bool {
        [&b"ly"[..], b"ness", b"ment"].iter().any(|suf| {
            word.len() >= suf.len() + 4
                && word[word.len() - suf.len()..].eq_ignore_ascii_case(suf)
                && self
                    .vocab_hashes
                    .contains(&hash_lower(&[&word[..word.len() - suf.len()]]))
        })
    }

    /// One edit from vocabulary, for words of `min_len` to 24 ASCII letters: a missing letter
    /// and two letters swapped always; an extra letter if `extra_letter`; a wrong letter if
    /// `wrong_letter` and the word has five letters or more.
    fn near(&self, word: &[u8], min_len: usize, extra_letter: bool, wrong_letter: bool) -> bool {
        let n = word.len();
        if !(min_len..=24).contains(&n) || !word.is_ascii() {
            return false;
        }
        // Missing a letter: the word is a deletion of a vocabulary word.
        if self.deletion_hashes.contains(&hash_lower(&[word])) {
            return true;
        }
        let wrong_letter = wrong_letter && n >= 5;
        let mut buf = [0u8; 24];
        for i in 0..n {
            // The word less one letter: a vocabulary word (an extra letter), or a vocabulary
            // word less one letter (a wrong letter).
            if extra_letter || wrong_letter {
                let del = hash_lower(&[&word[..i], &word[i + 1..]]);
                if extra_letter && self.vocab_hashes.contains(&del)
                    || wrong_letter && self.deletion_hashes.contains(&del)
                {
                    return true;
                }
            }
            if i + 1 < n {
                buf[..n].copy_from_slice(word);
                buf.swap(i, i + 1);
                if self.vocab_hashes.contains(&hash_lower(&[&buf[..n]])) {
                    return true;
                }
            }
        }
        false
    }
}

/// The hashes of the vocabulary's words (three letters or more) and of each of them with one
/// letter deleted: what the misspelling checks look words up in.
fn vocabulary_index() -> (HashSet<u64, PassThrough>, HashSet<u64, PassThrough>) {
    let mut vocab_hashes = HashSet::with_hasher(PassThrough);
    let mut deletion_hashes = HashSet::with_hasher(PassThrough);
    for list in [ENGLISH_WORDS, ENGLISH_COMMON, MEDICAL_TERMS, CLINICAL_EXTRA] {
        for w in list
            .lines()
            .map(str::trim)
            .filter(|w| w.len() >= 3 && w.is_ascii())
        {
            let b = w.as_bytes();
            vocab_hashes.insert(hash_lower(&[b]));
            for i in 0..b.len() {
                deletion_hashes.insert(hash_lower(&[&b[..i], &b[i + 1..]]));
            }
        }
    }
    (vocab_hashes, deletion_hashes)
}

/// A small letter followed by a capital somewhere in `word` (`StudyDate`, `McDonald`).
fn camel_case(word: &[u8]) -> bool {
    word.windows(2)
        .any(|p| p[0].is_ascii_lowercase() && p[1].is_ascii_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn misspellings_are_near_vocabulary_and_names_are_not() {
        let d = Dictionary::build().unwrap();
        for w in [
            "recieve", "boken", "Famliy", "laible", "aggitate", "trunck", "stats",
        ] {
            assert!(d.near_vocabulary(w.as_bytes()), "{w}");
        }
        for w in ["Lomish", "Chiotelis", "Quartermain", "Yalistock"] {
            assert!(!d.near_vocabulary(w.as_bytes()), "{w}");
        }
        assert!(d.derived_from_vocabulary(b"TRANSIENTLY"));
        assert!(!d.derived_from_vocabulary(b"Beverly") && !d.derived_from_vocabulary(b"Kelly"));
    }

    #[test]
    fn accented_words_take_the_name_and_place_flags_of_their_ascii_spelling() {
        let d = Dictionary::build().unwrap();
        let text = "José Müller saw Đỗ and Åsa";
        let mut words = Vec::new();
        super::super::words::tokenize(text, &mut words);
        d.annotate(text, &mut words, &mut Memo::default());
        let flags = |w: &str| {
            words
                .iter()
                .find(|x| &text[x.start..x.end] == w)
                .map(|x| x.flags)
                .unwrap()
        };
        assert!(flags("José") & FIRST != 0);
        assert!(flags("Müller") & SURNAME != 0);
        // Spelt with accents, `do` and `ASA` are no function word or drug.
        assert_eq!(flags("Đỗ") & (COMMON | STOPWORD | ENGLISH | CREDENTIAL), 0);
        assert_eq!(flags("Åsa") & MEDICAL, 0);
    }

    #[test]
    fn unlisted_plurals_take_the_vocabulary_flags_of_their_singular() {
        let d = Dictionary::build().unwrap();
        for w in ["mitoses", "apneas", "Apneas"] {
            assert_ne!(
                d.plural_vocabulary(w.as_bytes()) & (ENGLISH | COMMON | MEDICAL),
                0,
                "{w}"
            );
        }
        for w in ["Hendricks", "Quartermains", "bus"] {
            assert_eq!(d.plural_vocabulary(w.as_bytes()), 0, "{w}");
        }
    }
}
