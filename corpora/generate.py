#!/usr/bin/env python3
"""Synthetic annotated clinical-text corpus generator for phiscrub.

Everything produced by this script is synthetic: names, places, numbers and
identifiers are drawn from embedded pools or generated at random.  No real
patient data is used.

Output: JSONL, one document per line:
    {"id": str, "kind": str, "text": str,
     "spans": [{"start": int, "end": int, "label": str}, ...]}
start/end are UTF-8 *byte* offsets into text (end exclusive).

Usage:
    python3 corpora/generate.py --split {train,dev,test,sample} [--n N] [--out FILE.jsonl]
    python3 corpora/generate.py --split sample --out-dir corpora/sample

Standard library only; deterministic for a given (split, n) on CPython 3.11.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import sys
import unicodedata
import zlib

LABELS = [
    "NAME", "ADDRESS", "LOCATION", "ZIP", "DATE", "AGE", "PHONE", "FAX",
    "EMAIL", "SSN", "MRN", "HEALTH_PLAN", "ACCOUNT", "LICENSE", "VEHICLE",
    "DEVICE", "URL", "IP", "BIOMETRIC", "PHOTO", "ID", "ORGANIZATION",
]
LABEL_SET = frozenset(LABELS)

SPLIT_SEEDS = {"train": 1_000_003, "dev": 2_000_003, "test": 3_000_017, "sample": 4_000_037}
DEFAULT_N = {"train": 2000, "dev": 300, "test": 300, "sample": 50}
# Pools are partitioned into 4 slots by a fixed shuffle: train (and sample) get
# slots 0-1, dev slot 2, test slot 3.  Test names/places never occur in train.
PARTITION_SEED = 20240611
POOL_SLOTS = {"train": (0, 1), "sample": (0, 1), "dev": (2,), "test": (3,)}

MIN_BYTES, MAX_BYTES = 500, 4000

# --------------------------------------------------------------------------
# Pools
# --------------------------------------------------------------------------

FIRST_F = """
Mary Patricia Jennifer Linda Elizabeth Barbara Susan Jessica Sarah Karen Nancy Lisa Betty
Margaret Sandra Ashley Kimberly Emily Donna Michelle Dorothy Carol Amanda Melissa Deborah
Stephanie Rebecca Sharon Laura Cynthia Kathleen Amy Angela Shirley Anna Brenda Pamela Emma
Nicole Helen Samantha Katherine Christine Debra Rachel Carolyn Janet Catherine Maria Heather
Diane Ruth Julie Olivia Joyce Virginia Victoria Kelly Lauren Christina Joan Evelyn Judith
Megan Andrea Cheryl Hannah Jacqueline Martha Gloria Teresa Ann Sara Madison Frances Kathryn
Janice Jean Abigail Alice Judy Sophia Grace Denise Amber Doris Marilyn Danielle Beverly
Isabella Theresa Diana Natalie Brittany Charlotte Marie Kayla Alexis Lori Mildred Agnes Edna
Guadalupe Ximena Lucía Valentina Camila Sofía Mariana Catalina Daniela Itzel Yesenia Marisol
Rosario Dolores Consuelo Pilar Inês Conceição Fernanda Thaís Luana Beatriz Graça Zoë Chloé
Renée Noémie Hélène Éloïse Margaux Björk Ingrid Astrid Sigrid Åsa Malgorzata Agnieszka
Katarzyna Zofia Ludmila Olga Svetlana Oksana Natalia Irina Anastasia Mei Xiu Ying Hui
Fang Yan Lan Ngoc Thao Huong Linh Trang Phuong Hanh Mai Hoa Ji-woo Seo-yeon Min-ji Eun-ji
Yuki Haruka Aiko Sakura Emi Priya Ananya Lakshmi Deepa Kavya Sunita Meera Aisha Fatima Zainab
Mariam Layla Noor Yasmin Amira Leila Salma Hana Chiamaka Ngozi Adaeze Oluwaseun Folasade
Abena Ama Akosua Wanjiru Amina Halima Tigist Selam Hiwot Rahel Nadège Wideline Mirlande
Roseline Fabiola Guerline Siobhan Aoife Niamh Saoirse Bríd Ciara Deirdre Moira Fiona Kirsten
Lakisha Tamika Keisha Shanice Ebony Latoya Imani Aaliyah Jada Destiny Precious Tanisha
Hope May Rose Faith Joy June Dawn Penny Ivy Hazel Olive Pearl Ruby Summer Autumn Iris Lily
Daisy Sandy Sunny Crystal Amber Jewel Holly Heather Violet Ginger Honey Bunny Robin
Gwendolyn Mildred Eunice Bernadette Imelda Philomena Gertrude Henrietta Wilhelmina Ottilie
"""

FIRST_M = """
James Robert John Michael David William Richard Joseph Thomas Charles Christopher Daniel
Matthew Anthony Mark Donald Steven Paul Andrew Joshua Kenneth Kevin Brian George Timothy
Ronald Edward Jason Jeffrey Ryan Jacob Gary Nicholas Eric Jonathan Stephen Larry Justin Scott
Brandon Benjamin Samuel Gregory Alexander Frank Patrick Raymond Jack Dennis Jerry Tyler Aaron
Henry Douglas Peter Adam Nathan Zachary Walter Kyle Harold Carl Jeremy Gerald Keith Roger
Arthur Terry Lawrence Sean Christian Albert Joe Ethan Austin Jesse Willie Billy Bryan Bruce
Jordan Ralph Roy Noah Dylan Eugene Wayne Alan Juan Louis Russell Gabriel Randy Philip Harry
Vincent Bobby Johnny Logan José Jesús Luis Carlos Miguel Alejandro Javier Fernando Ramón
Héctor Rubén Agustín Joaquín Andrés Martín Sebastián Tomás Iván Julián Efraín Nicolás João
Gonçalo Tiago Duarte Rui Sérgio André François Jérôme Rémi Benoît Léon Thibault Björn Søren
Jürgen Günther Jörg Lars Magnus Anders Håkon Łukasz Paweł Krzysztof Wojciech Tomasz Piotr
Dmitri Sergei Vladimir Alexei Mikhail Yuri Oleksandr Bogdan Wei Jun Hao Lei Ming Jian Qiang
Tao Bao Minh Tuan Duc Quang Hieu Khoa Thanh Long Phong Ji-ho Min-jun Seung-hoon Hyun-woo
Hiroshi Takeshi Kenji Daichi Haruto Rajesh Arjun Vikram Sanjay Rahul Anil Suresh Ravi Amit
Mohammed Ahmed Omar Ali Hassan Hussein Khalid Yusuf Ibrahim Tariq Karim Samir Nabil Rashid
Chinedu Emeka Oluwafemi Babatunde Chukwuemeka Kwame Kofi Yaw Kwabena Tendai Tesfaye Dawit
Abebe Yohannes Jean-Baptiste Wilner Jean-Claude Frantz Dieudonné Ronel Marc-Antoine Cormac
Seamus Ciarán Padraig Eoin Declan Fergus Lachlan Angus Hamish Dashawn DeShawn Jamal Tyrone
Darnell Terrell Marquis Lamar Andre Jermaine Demetrius Will Grant Mark Frank Bill Art Hunter
Mason Chase Wade Reed Miles Gene Guy Rich Sky Buck Rusty Woody Sonny Dusty Cliff Dale Glen
Forrest Clay Stone Rocky Lance Pierce Bud Ambrose Cornelius Thaddeus Ignatius Bartholomew
"""

SURNAMES = """
Smith Johnson Williams Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez Gonzalez
Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson Harris Sanchez Clark
Ramirez Lewis Robinson Walker Allen Wright Scott Torres Nguyen Flores Adams Nelson Hill
Campbell Mitchell Roberts Carter Phillips Evans Turner Diaz Parker Cruz Edwards Collins Reyes
Stewart Morris Morales Murphy Cook Rogers Gutierrez Ortiz Morgan Cooper Peterson Bailey Reed
Kelly Howard Ramos Kim Cox Ward Richardson Watson Brooks Chavez Wood James Bennett Gray
Mendoza Ruiz Hughes Price Alvarez Castillo Sanders Patel Myers Long Ross Foster Jimenez
Powell Jenkins Perry Russell Sullivan Bell Coleman Butler Henderson Barnes Gonzales Fisher
Vasquez Simmons Romero Jordan Patterson Alexander Hamilton Graham Reynolds Griffin Wallace
Moreno West Cole Hayes Bryant Herrera Gibson Ellis Tran Medina Aguilar Stevens Murray Ford
Castro Marshall Owens Harrison Fernandez McDonald Woods Washington Kennedy Wells Vargas Henry
Chen Freeman Webb Tucker Guzman Burns Crawford Olson Simpson Porter Hunter Gordon Mendez
Silva Shaw Snyder Mason Dixon Muñoz Hunt Hicks Holmes Palmer Wagner Black Robertson Boyd Rose
Stone Salazar Fox Warren Mills Meyer Rice Schmidt Garza Daniels Ferguson Nichols Stephens
Soto Weaver Ryan Gardner Payne Grant Dunn Kelley Spencer Hawkins Arnold Pierce Vazquez Hansen
Peters Santos Hart Bradley Knight Elliott Cunningham Duncan Armstrong Hudson Carroll Lane
Riley Andrews Alvarado Ray Delgado Berry Perkins Hoffman Johnston Matthews Peña Richards
Willis Carpenter Lawrence Sandoval Young King Baker Green White Brown Hall Page Banks Frost
Winter Snow Marsh Bishop Love Moody Small Little Strong Sharp Swift Wise Best Cross Wolf
Summers Sparks Holiday Street Fields Rich Bush Dean Ramírez Núñez Sánchez Ibáñez Gonçalves
Conceição Magalhães Nguyễn Trần Lê Phạm Huỳnh Hoàng Võ Đặng Bùi Đỗ Müller Schröder Krüger
Jäger Böhm Weiß Groß Köhler Öztürk Çelik Şahin Yılmaz Kowalczyk Wiśniewski Dąbrowski
Wójcik Zieliński Håkansson Åberg Ødegaard Sørensen Lindqvist Horváth Dvořák Novák Kovačević
Petrović Ivanov Petrova Sokolova Kuznetsov Shevchenko Bondarenko Wang Li
Zhang Liu Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo Lin Ng Chan Wong Leung Cheung Park Choi
Jung Kang Yoon Jang Lim Han Tanaka Suzuki Takahashi Watanabe Yamamoto Nakamura Kobayashi Sato
Singh Sharma Gupta Reddy Iyer Nair Menon Chatterjee Banerjee Das Rao Mehta Shah Desai Khan
Hussain Rahman Ahmed Haddad Khoury Nassar Saleh Mansour Farouk Abdullah Okafor Okonkwo Adeyemi
Oyelaran Nwosu Eze Mensah Asante Boateng Owusu Kamau Otieno Mwangi Tesfaye Bekele Haile
Girma Jean-Louis Pierre-Louis Dorvil Joseph Baptiste Desrosiers Toussaint Exantus Charles
O'Brien O'Neill O'Connor O'Sullivan O'Malley McCarthy McLaughlin McGrath MacLeod MacDonald
MacKenzie Fitzgerald Fitzpatrick D'Angelo DiMaggio LaRue LeBlanc DeLuca DiNapoli Garcia-Lopez
Ruiz-Torres Smith-Jones Pérez-Ortega Abu-Bakr Al-Sayed El-Amin Saint-Fleur Lévesque Côté
Gagnon Bélanger Bouchard
"""

PARTICLE_SURNAMES = [
    "van der Berg", "van Dyke", "de la Cruz", "de la Rosa", "da Silva", "dos Santos",
    "von Hagen", "del Toro", "de Jesús", "van Houten", "ter Horst", "bin Said", "di Stefano",
    "St. John", "St. Pierre", "Van Buren", "De Souza", "Le Roux", "ten Brink", "al-Hakim", "Ó Súilleabháin", "Mac Giolla",
]

NICKNAMES = {
    "William": "Bill", "Robert": "Bob", "Richard": "Dick", "James": "Jim", "Joseph": "Joe",
    "Thomas": "Tom", "Michael": "Mike", "Charles": "Chuck", "Edward": "Ted", "Margaret": "Peggy",
    "Elizabeth": "Liz", "Katherine": "Kate", "Patricia": "Patty", "Jennifer": "Jen",
    "Susan": "Sue", "Deborah": "Debbie", "Rebecca": "Becky", "Anthony": "Tony", "Alexander": "Sasha",
    "José": "Pepe", "Francisco": "Paco", "Guadalupe": "Lupita", "Dolores": "Lola",
    "Kenneth": "Ken", "Christopher": "Chris", "Nicholas": "Nick", "Samuel": "Sam",
    "Benjamin": "Ben", "Gregory": "Greg", "Daniel": "Danny", "Frances": "Fran",
    "Dorothy": "Dot", "Virginia": "Ginny", "Henrietta": "Etta", "Wilhelmina": "Mina",
    "Gwendolyn": "Gwen", "Bartholomew": "Bart", "Cornelius": "Neil", "Ignatius": "Iggy",
    "Dmitri": "Dima", "Alexei": "Lyosha", "Oleksandr": "Sasha", "Theresa": "Tess",
    "Abigail": "Abby", "Victoria": "Vicky", "Timothy": "Tim", "Lawrence": "Larry",
}

# explicit misspellings seen in real charts (plus a generic mutation routine)
MISSPELL = {
    "Katherine": "Kathrine", "Catherine": "Cathrine", "Jennifer": "Jenifer", "Michael": "Micheal",
    "Elizabeth": "Elisabeth", "Stephanie": "Stefanie", "Jacqueline": "Jaqueline",
    "Christopher": "Cristopher", "Jessica": "Jesica", "Theresa": "Teresa", "Philip": "Phillip",
    "Gonzalez": "Gonzales", "Rodriguez": "Rodriquez", "Thompson": "Thomson",
    "Nguyen": "Nguyn", "McDonald": "MacDonald", "O'Brien": "OBrien", "Alvarez": "Alverez",
    "Schmidt": "Schmitt", "Peterson": "Petersen", "Sullivan": "Sulivan", "Fitzgerald": "Fitzgerlad",
}

CJK_PEOPLE = [("伟", "王"), ("秀英", "李"), ("敏", "张"), ("静", "刘"), ("强", "陈"), ("丽", "杨"),
              ("洋", "赵"), ("艳", "黄"), ("勇", "周"), ("军", "吴"), ("翔", "徐"), ("平", "孙")]

# invented surnames: onset + vowel + ending; endings are partitioned by slot,
# so an invented test surname can never be produced in train.
INV_ONSET = ["Bra", "Ke", "Dov", "Mar", "Tul", "Zan", "Quor", "Vel", "Ost", "Hal", "Pem", "Rud",
             "Sig", "Fen", "Gor", "Lis", "Nab", "Tro", "Wex", "Yal", "Cag", "Dre", "Esk", "Ful",
             "Hov", "Jor", "Kal", "Lom", "Mev", "Nor", "Pask", "Rav", "Sten", "Tav", "Ulv", "Vor"]
INV_MID = ["a", "o", "i", "e", "u", "an", "or", "el", "ist", "ab", ""]
INV_END = [
    ["sky", "wick", "ton", "berg", "ley", "ard", "ini", "enko", "stad", "mere", "ston", "vitz"],
    ["ridge", "more", "ovic", "ander", "ette", "ling", "hurst", "aker", "ola", "ssen", "by", "ak"],
    ["vic", "dale", "holm", "aro", "ez", "ock", "ani", "ius", "worth", "ach", "ery", "oux"],
    ["quist", "ford", "azzi", "eau", "ovsky", "eski", "ington", "agne", "ulu", "mont", "ique", "yk"],
]
INV_FIRST_END = [
    ["ella", "ric", "wyn", "lina"], ["ander", "issa", "on", "ette"],
    ["iel", "ora", "ius", "ene"], ["ara", "ulf", "ith", "iana"],
]

# US cities with state abbreviations
US_CITIES = """
Springfield,IL;Worcester,MA;Framingham,MA;Lowell,MA;Brockton,MA;Quincy,MA;Lynn,MA;Salem,MA;
Chelsea,MA;Revere,MA;Malden,MA;Medford,MA;Waltham,MA;Somerville,MA;Everett,MA;Fall River,MA;
New Bedford,MA;Pittsfield,MA;Fitchburg,MA;Leominster,MA;Haverhill,MA;Methuen,MA;Taunton,MA;
Attleboro,MA;Plymouth,MA;Barnstable,MA;Nashua,NH;Manchester,NH;Concord,NH;Portsmouth,NH;
Burlington,VT;Rutland,VT;Portland,ME;Bangor,ME;Lewiston,ME;Providence,RI;Pawtucket,RI;
Warwick,RI;Woonsocket,RI;Hartford,CT;New Haven,CT;Bridgeport,CT;Stamford,CT;Waterbury,CT;
Albany,NY;Syracuse,NY;Rochester,NY;Buffalo,NY;Yonkers,NY;Ithaca,NY;Binghamton,NY;Utica,NY;
Newark,NJ;Trenton,NJ;Camden,NJ;Paterson,NJ;Scranton,PA;Allentown,PA;Erie,PA;Harrisburg,PA;
Lancaster,PA;Baltimore,MD;Frederick,MD;Wilmington,DE;Richmond,VA;Norfolk,VA;Roanoke,VA;
Charleston,WV;Durham,NC;Asheville,NC;Greensboro,NC;Columbia,SC;Savannah,GA;Macon,GA;
Athens,GA;Tampa,FL;Orlando,FL;Gainesville,FL;Tallahassee,FL;Pensacola,FL;Hialeah,FL;
Mobile,AL;Huntsville,AL;Tuscaloosa,AL;Jackson,MS;Biloxi,MS;Memphis,TN;Knoxville,TN;
Chattanooga,TN;Louisville,KY;Lexington,KY;Bowling Green,KY;Akron,OH;Dayton,OH;Toledo,OH;
Youngstown,OH;Canton,OH;Flint,MI;Lansing,MI;Kalamazoo,MI;Saginaw,MI;Gary,IN;Muncie,IN;
Evansville,IN;Peoria,IL;Rockford,IL;Joliet,IL;Madison,WI;Green Bay,WI;Kenosha,WI;Duluth,MN;
Rochester,MN;Des Moines,IA;Cedar Rapids,IA;Dubuque,IA;Topeka,KS;Wichita,KS;Omaha,NE;
Lincoln,NE;Fargo,ND;Sioux Falls,SD;Tulsa,OK;Norman,OK;Little Rock,AR;Hope,AR;Shreveport,LA;
Lafayette,LA;Paris,TX;Amarillo,TX;Lubbock,TX;El Paso,TX;Laredo,TX;Waco,TX;Tyler,TX;
Albuquerque,NM;Las Cruces,NM;Santa Fe,NM;Tucson,AZ;Flagstaff,AZ;Yuma,AZ;Provo,UT;Ogden,UT;
Boise,ID;Pocatello,ID;Billings,MT;Missoula,MT;Casper,WY;Cheyenne,WY;Pueblo,CO;Greeley,CO;
Reno,NV;Henderson,NV;Eugene,OR;Salem,OR;Bend,OR;Spokane,WA;Tacoma,WA;Yakima,WA;Fresno,CA;
Bakersfield,CA;Modesto,CA;Stockton,CA;Oxnard,CA;Chula Vista,CA;Eureka,CA;Redding,CA;
Anchorage,AK;Fairbanks,AK;Hilo,HI;Kailua,HI;Marion,OH;Florence,AL;Independence,MO;
Joplin,MO;Springfield,MO;Columbia,MO;Troy,NY;Warren,MI;Clinton,IA;Franklin,TN;Milton,MA;
Chester,PA;Orange,CA;Austin,MN;Beverly,MA;Gloucester,MA;Marshfield,MA;Winchester,VA
"""

STATES = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California",
    "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware", "FL": "Florida", "GA": "Georgia",
    "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois", "IN": "Indiana", "IA": "Iowa", "KS": "Kansas",
    "KY": "Kentucky", "LA": "Louisiana", "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts",
    "MI": "Michigan", "MN": "Minnesota", "MS": "Mississippi", "MO": "Missouri", "MT": "Montana",
    "NE": "Nebraska", "NV": "Nevada", "NH": "New Hampshire", "NJ": "New Jersey",
    "NM": "New Mexico", "NY": "New York", "NC": "North Carolina", "ND": "North Dakota",
    "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon", "PA": "Pennsylvania", "RI": "Rhode Island",
    "SC": "South Carolina", "SD": "South Dakota", "TN": "Tennessee", "TX": "Texas", "UT": "Utah",
    "VT": "Vermont", "VA": "Virginia", "WA": "Washington", "WV": "West Virginia",
    "WI": "Wisconsin", "WY": "Wyoming",
}

ZIP_PREFIX = {
    "MA": "01 02", "NH": "03", "VT": "05", "ME": "04", "RI": "028 029", "CT": "06", "NY": "10 12 13 14",
    "NJ": "07 08", "PA": "15 17 18 19", "MD": "20 21", "DE": "197 199", "VA": "22 23 24",
    "WV": "25 26", "NC": "27 28", "SC": "29", "GA": "30 31", "FL": "32 33 34", "AL": "35 36",
    "MS": "38 39", "TN": "37 38", "KY": "40 41 42", "OH": "43 44 45", "MI": "48 49", "IN": "46 47",
    "IL": "60 61 62", "WI": "53 54", "MN": "55 56", "IA": "50 52", "KS": "66 67", "NE": "68 69",
    "ND": "58", "SD": "57", "OK": "73 74", "AR": "71 72", "LA": "70 71", "TX": "75 76 77 78 79",
    "NM": "87 88", "AZ": "85 86", "UT": "84", "ID": "83", "MT": "59", "WY": "82", "CO": "80 81",
    "NV": "89", "OR": "97", "WA": "98 99", "CA": "90 91 92 93 94 95 96", "AK": "995 996 997",
    "HI": "967 968", "MO": "63 64 65",
}

INTL_CITIES = [
    ("Port-au-Prince", "Haiti"), ("Cap-Haïtien", "Haiti"), ("Hanoi", "Vietnam"),
    ("Ho Chi Minh City", "Vietnam"), ("Đà Nẵng", "Vietnam"), ("São Paulo", "Brazil"),
    ("Belo Horizonte", "Brazil"), ("Guatemala City", "Guatemala"), ("Quetzaltenango", "Guatemala"),
    ("Lagos", "Nigeria"), ("Enugu", "Nigeria"), ("Mumbai", "India"), ("Chennai", "India"),
    ("Shenzhen", "China"), ("Chengdu", "China"), ("Santo Domingo", "Dominican Republic"),
    ("Santiago de los Caballeros", "Dominican Republic"), ("Praia", "Cape Verde"),
    ("Lisbon", "Portugal"), ("Braga", "Portugal"), ("Cork", "Ireland"), ("Galway", "Ireland"),
    ("Guadalajara", "Mexico"), ("Puebla", "Mexico"), ("San Salvador", "El Salvador"),
    ("Addis Ababa", "Ethiopia"), ("Mogadishu", "Somalia"), ("Kraków", "Poland"),
    ("Gdańsk", "Poland"), ("Kyiv", "Ukraine"), ("Lviv", "Ukraine"), ("München", "Germany"),
    ("Düsseldorf", "Germany"), ("Montréal", "Canada"), ("Québec City", "Canada"),
    ("Zürich", "Switzerland"), ("Reykjavík", "Iceland"), ("Bogotá", "Colombia"),
    ("Medellín", "Colombia"), ("Seoul", "South Korea"), ("Busan", "South Korea"),
    ("Osaka", "Japan"), ("Sapporo", "Japan"), ("Accra", "Ghana"), ("Kumasi", "Ghana"),
    ("Nairobi", "Kenya"), ("Mombasa", "Kenya"), ("San Juan", "Puerto Rico"),
    ("Ponce", "Puerto Rico"), ("Manila", "Philippines"), ("Cebu", "Philippines"),
    ("Beirut", "Lebanon"), ("Amman", "Jordan"), ("Göteborg", "Sweden"), ("Århus", "Denmark"),
    ("Glasgow", "Scotland"), ("Leeds", "England"),
]

COUNTIES_NEIGHBORHOODS = [
    "Essex County", "Middlesex County", "Worcester County", "Bristol County", "Hampden County",
    "Dorchester", "Jamaica Plain", "Roxbury", "Mattapan", "East Boston", "Allston", "Brighton",
    "Hyde Park", "Roslindale", "Charlestown", "South End", "Back Bay", "Kendall Square",
    "Union Square", "Davis Square", "Fenway", "Mission Hill", "North End", "Chinatown",
    "Cook County", "Kings County", "Orange County", "Suffolk County", "Plymouth County",
    "Berkshire County", "Franklin County", "Barnstable County", "Queens", "the Bronx",
    "Little Haiti", "Little Saigon", "Germantown", "Oak Cliff", "Five Points", "Fells Point",
]

STREET_NAMES = """
Main;Oak;Elm;Maple;Pine;Cedar;Washington;Lincoln;Jefferson;Highland;Park;Lake;Hill;Church;
School;Water;Pleasant;Prospect;Summer;Winter;Spring;Union;Center;Mill;River;Bridge;Chestnut;
Walnut;Willow;Birch;Spruce;Hawthorne;Linden;Sycamore;Magnolia;Dogwood;Juniper;Laurel;Holly;
Beacon;Commonwealth;Tremont;Boylston;Harvard;Cambridge;Massachusetts;Blue Hill;Centre;
Dorchester;Hancock;Adams;Franklin;Madison;Monroe;Jackson;Grant;Sherman;Warren;Putnam;
Revere;Winthrop;Endicott;Bradford;Standish;Alden;Mayflower;Pilgrim;Orchard;Meadow;Brook;
Forest;Glen;Valley;Ridge;Sunset;Sunrise;Harbor;Bay;Ocean;Shore;Beach;Cliff;Rockland;
Granite;Quarry;Foundry;Railroad;Depot;Canal;Ferry;Dock;Wharf;Market;Front;High;Broad;
Elmwood;Fairview;Greenwood;Lakeview;Riverside;Woodland;Parkview;Brookside;Old Colony;
Old Post;Kings Highway;Martin Luther King Jr.;Cesar Chavez;Calle Sol;Avenida Central;
Rue Lafayette;Tran Hung Dao;Dover;Essex;Norfolk;Suffolk;Kent;Devon;Salisbury;Chatham
"""
STREET_TYPES = ["Street", "St", "St.", "Avenue", "Ave", "Ave.", "Road", "Rd", "Rd.", "Boulevard",
                "Blvd", "Lane", "Ln", "Drive", "Dr", "Dr.", "Court", "Ct", "Way", "Place", "Pl",
                "Terrace", "Ter", "Circle", "Parkway", "Pkwy", "Highway", "Square", "Row"]

# healthcare facility name pieces (place-word partitioned => disjoint facilities)
FACILITY_PLACES = """
Northgate;Riverside;Lakeshore;Cedar Valley;Harborview;Pinecrest;Maplewood;Stonebridge;
Fairhaven;Brookfield;Ashford;Westbrook;Eastfield;Southport;Millbrook;Oakridge;Greenfield;
Clearwater;Silver Lake;Bayside;Highland Park;Meadowbrook;Elm Grove;Willow Creek;Kingsbridge;
Ravenswood;Thornbury;Glenwood;Hollister;Crestview;Summit;Evergreen;Bellhaven;Marlowe;
Wrenfield;Larkspur;Halvorsen;Quinebaug;Tamarack;Sagamore;Wachusett;Monadnock;Nashoba;
Pemberton;Easton;Cobalt Hill;Red Oak;Falmouth Bay;Heron Point;Granite Ridge;Blackstone;
Sudbury;Merrimack;Saugatuck;Penobscot;Shawsheen;Housatonic;Ipswich;Kenmore;Fenwick;Alder
"""
FACILITY_SAINTS = ["St. Agnes", "St. Elsewhere", "St. Brendan", "St. Casimir", "St. Jude",
                   "Holy Redeemer", "Sacred Heart", "Our Lady of Mercy", "St. Vincent",
                   "Good Samaritan", "Mercy", "St. Luke's", "St. Elizabeth's", "Beth Shalom",
                   "St. Anne's", "St. Raphael", "Providence", "Carney", "St. Clare", "Bon Secours"]
FACILITY_TYPES = [
    "Regional Medical Center", "Community Hospital", "General Hospital", "Medical Center",
    "Memorial Hospital", "Hospital", "Health Center", "Rehabilitation Hospital",
    "Nursing and Rehabilitation Center", "Skilled Nursing Facility", "Family Health Center",
    "Cancer Center", "Children's Hospital", "Behavioral Health Center", "Urgent Care",
    "Primary Care Associates", "Cardiology Associates", "Manor", "Health Care Center",
]
FAMOUS_FACILITIES = ["MGH", "BIDMC", "VAMC", "UCSF", "MUSC", "OHSU", "UPMC", "NYU Langone",
                     "Mass General", "Brigham and Women's", "Cedars-Sinai", "Mayo Clinic",
                     "Johns Hopkins", "Cleveland Clinic", "Boston Medical Center", "Tufts MC",
                     "Lahey", "Dana-Farber", "Spaulding Rehab", "Hebrew SeniorLife",
                     "Walter Reed", "Bellevue", "Parkland", "Grady", "Jackson Memorial",
                     "Baystate", "Dartmouth-Hitchcock", "Yale New Haven", "Hopkins Bayview",
                     "West Roxbury VA", "Brockton VA", "Bedford VA"]

COMPANIES = """
Acme Logistics;Brightwater Analytics;Pinecrest Construction;Tri-County Transit Authority;
Bluefin Seafood Co.;Kessler & Stein LLP;Meridian Software;Granite State Paving;
Northstar Insurance Group;Redline Couriers;Sunrise Bakery;Ironclad Security Services;
Apex Roofing;Coastal Marine Supply;Harbor Freight Movers;Quarry Hill Landscaping;
Beacon Street Capital;Lumen Biotech;Cobblestone Catering;Old Mill Brewing Company;
Stop & Shop;Home Depot;Walmart;Amazon;UPS;FedEx;USPS;MBTA;Raytheon;General Electric;
Boston Public Schools;City of Lowell;Town of Framingham;Dunmore Textiles;Vantage Robotics;
Silverline Cleaning;Patriot Plumbing;Crescent Auto Body;Elmhurst Dry Cleaners;Tidewater Fisheries;
Keystone Steel;Pioneer Valley Farms;Orion Data Systems;Blue Heron Printing;Summit Staffing;
Greenleaf Grocers;Atlas Moving;Ridgeback Trucking;Mariner Hotels;Copperfield Electric;
Sterling & Voss;Halcyon Media;Juniper Networks;Northeastern Freight;Bay State Gas;
Cardinal Health Logistics;Evergreen Daycare;Little Sprouts Preschool;Sal's Pizzeria;
Golden Dragon Restaurant;Pho Saigon Kitchen;La Esperanza Market;Taqueria El Sol
"""
SCHOOLS = """
Lincoln High School;Roosevelt Middle School;Bunker Hill Community College;UMass Boston;
Northeastern University;St. Mary's Academy;Westfield State University;Brookline High School;
Jefferson Elementary;Quinsigamond Community College;Salem State University;Boston Latin Academy;
Madison Park Technical Vocational High School;Riverside Charter School;Oakwood Montessori;
Holy Cross;Bridgewater State;Framingham State;Worcester Polytechnic Institute;
MassBay Community College;Middlesex Community College;Lowell High School;Everett High School;
Chelsea High School;Revere High School;Whittier Tech;Greater Lawrence Tech;Emerson College;
Suffolk University;Simmons University;Wheelock Elementary;Hawthorne Middle School
"""
CHURCHES = """
St. Brigid's Parish;First Baptist Church;Temple Beth Shalom;Grace Community Church;
Masjid al-Noor;Holy Trinity Greek Orthodox Church;St. Anthony's Shrine;Kingdom Hall;
Ebenezer AME Church;Iglesia Pentecostal Monte Sinaí;Église Baptiste Haïtienne;
Vietnamese Martyrs Parish;Korean Presbyterian Church;Islamic Society of Boston;
Calvary Chapel;New Hope Fellowship;Congregation Mishkan Tefila;Our Saviour Lutheran
"""
AGENCIES = """
Department of Children and Families;Elder Services of the Merrimack Valley;Meals on Wheels;
Social Security Administration;Department of Transitional Assistance;Catholic Charities;
US Army;US Navy;Marine Corps;Coast Guard;National Guard;Department of Corrections;
Pine Street Inn;Rosie's Place;Salvation Army;Habitat for Humanity;AmeriCorps;Peace Corps;
Lowell Police Department;Boston Fire Department;Disabled American Veterans;AARP
"""

EMAIL_DOMAINS = ["gmail.com", "yahoo.com", "hotmail.com", "outlook.com", "icloud.com",
                 "aol.com", "comcast.net", "verizon.net", "protonmail.com", "msn.com",
                 "live.com", "me.com", "att.net", "charter.net", "ymail.com"]
AREA_CODES = ["617", "508", "781", "978", "413", "774", "857", "351", "339", "603", "401",
              "207", "802", "860", "203", "212", "718", "347", "516", "914", "973", "215",
              "412", "410", "202", "305", "786", "407", "404", "312", "773", "214", "713",
              "512", "602", "303", "206", "503", "415", "510", "213", "310", "619", "808"]
INTL_PHONES = ["+44 20 7946 {a}", "+33 1 42 68 {b} {c}", "+52 55 {d} {a}", "+91 98765 {e}",
               "+49 30 {f}", "+84 28 3822 {a}", "+509 3712 {a}", "+55 11 9{a}-{a}",
               "+353 21 {g}", "+1 (416) 555-{a}", "+86 10 {f}", "+234 803 {g} {a}"]


def _words(block: str) -> list[str]:
    seen: dict[str, None] = {}
    for w in block.split():
        seen.setdefault(w, None)
    return list(seen)


def _semis(block: str) -> list[str]:
    seen: dict[str, None] = {}
    for w in block.replace("\n", "").split(";"):
        w = w.strip()
        if w:
            seen.setdefault(w, None)
    return list(seen)


def _partition(items: list, name: str, split: str) -> list:
    """Deterministic, hash-free partition of a pool by a fixed shuffle."""
    items = list(items)
    r = random.Random(PARTITION_SEED + zlib.crc32(name.encode("utf-8")))
    r.shuffle(items)
    slots = POOL_SLOTS[split]
    return [x for i, x in enumerate(items) if i % 4 in slots]


NAME_PARTICLES = ("van", "der", "de", "la", "da", "dos", "von", "del", "ter", "ten", "bin", "di",
                  "st.", "le", "al", "mac", "ó")


def _name_key(name: str) -> str:
    """Partition key of a name-pool entry: its first significant token."""
    for tok in unicodedata.normalize("NFC", name).lower().replace("-", " ").split():
        if tok not in NAME_PARTICLES:
            return tok
    return name.lower()


def _name_keys() -> list[str]:
    keys: dict[str, None] = {}
    for w in _words(FIRST_F) + _words(FIRST_M) + _words(SURNAMES) + PARTICLE_SURNAMES:
        keys.setdefault(_name_key(w), None)
    return list(keys)


def _abbr(name: str) -> str:
    out = []
    for w in name.replace("-", " ").split():
        w = w.strip(".'")
        if w and w[0].isupper():
            out.append(w[0])
    return "".join(out)


class Pools:
    def __init__(self, split: str):
        self.split = split
        slot = POOL_SLOTS[split]
        # first names and surnames share one key space, so a word used as a
        # first name in train can never appear as a surname in test (and v.v.)
        keys = _partition(_name_keys(), "name_keys", split)
        self.name_keys = keyset = dict.fromkeys(keys)
        self.first_f = [w for w in _words(FIRST_F) if _name_key(w) in keyset]
        self.first_m = [w for w in _words(FIRST_M) if _name_key(w) in keyset]
        self.surnames = [w for w in _words(SURNAMES) + PARTICLE_SURNAMES if _name_key(w) in keyset]
        self.cjk = _partition(CJK_PEOPLE, "cjk", split)
        self.inv_end = [e for i in slot for e in INV_END[i]]
        self.inv_first_end = [e for i in slot for e in INV_FIRST_END[i]]
        cities = []
        for item in _semis(US_CITIES):
            c, s = item.split(",")
            cities.append((c, s))
        self.cities = _partition(cities, "cities", split)
        self.intl = _partition(INTL_CITIES, "intl", split)
        self.areas = _partition(COUNTIES_NEIGHBORHOODS, "areas", split)
        self.streets = _partition(_semis(STREET_NAMES), "streets", split)
        places = _partition(_semis(FACILITY_PLACES), "fac_places", split)
        saints = _partition(FACILITY_SAINTS, "fac_saints", split)
        self.famous = _partition(FAMOUS_FACILITIES, "famous", split)
        self.facilities = self._build_facilities(places, saints)
        self.companies = _partition(_semis(COMPANIES), "companies", split)
        self.schools = _partition(_semis(SCHOOLS), "schools", split)
        self.churches = _partition(_semis(CHURCHES), "churches", split)
        self.agencies = _partition(_semis(AGENCIES), "agencies", split)

    def _build_facilities(self, places, saints):
        # every (place, type) combination is a candidate; abbreviations are kept
        # only if unique across ALL slots (computed over the full pools).
        all_abbr: dict[str, int] = {}
        for p in _semis(FACILITY_PLACES) + FACILITY_SAINTS:
            for t in FACILITY_TYPES:
                a = _abbr(f"{p} {t}")
                all_abbr[a] = all_abbr.get(a, 0) + 1
        out = []
        for p in places + saints:
            for t in FACILITY_TYPES:
                name = f"{p} {t}"
                a = _abbr(name)
                abbr = a if (all_abbr[a] == 1 and len(a) >= 3) else None
                out.append((name, abbr, p, t))
        return out


# --------------------------------------------------------------------------
# Small helpers: checksums and identifier generators
# --------------------------------------------------------------------------

DIG = "0123456789"
UPPER = "ABCDEFGHJKLMNPRSTUVWXYZ"


def digits(rng, n):
    return "".join(rng.choice(DIG) for _ in range(n))


def letters(rng, n, alphabet=UPPER):
    return "".join(rng.choice(alphabet) for _ in range(n))


def luhn_check_digit(num: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(num)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def npi(rng):
    base = rng.choice("12") + digits(rng, 8)
    return base + luhn_check_digit("80840" + base)


def ascii_initial(s: str) -> str:
    for ch in unicodedata.normalize("NFKD", s):
        if "A" <= ch.upper() <= "Z":
            return ch.upper()
    return "X"


def dea(rng, last_name):
    first = rng.choice("ABFGM")
    d = [rng.randrange(10) for _ in range(6)]
    chk = (d[0] + d[2] + d[4] + 2 * (d[1] + d[3] + d[5])) % 10
    return first + ascii_initial(last_name) + "".join(map(str, d)) + str(chk)


VIN_TRANS = {**{str(i): i for i in range(10)},
             "A": 1, "B": 2, "C": 3, "D": 4, "E": 5, "F": 6, "G": 7, "H": 8,
             "J": 1, "K": 2, "L": 3, "M": 4, "N": 5, "P": 7, "R": 9,
             "S": 2, "T": 3, "U": 4, "V": 5, "W": 6, "X": 7, "Y": 8, "Z": 9}
VIN_WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2]
VIN_CHARS = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"


def vin(rng):
    wmi = rng.choice(["1HG", "2T1", "3FA", "JTD", "WBA", "5YJ", "1FT", "KMH", "1G1", "4T1",
                      "JN1", "WVW", "2HG", "1C4", "5NP", "3VW"])
    vds = "".join(rng.choice(VIN_CHARS) for _ in range(5))
    year = rng.choice("ABCDEFGHJKLMNPRS123456789")
    rest = rng.choice(VIN_CHARS) + digits(rng, 6)
    v = wmi + vds + "0" + year + rest
    total = sum(VIN_TRANS[c] * w for c, w in zip(v, VIN_WEIGHTS))
    r = total % 11
    return v[:8] + ("X" if r == 10 else str(r)) + v[9:]


def gtin14(rng):
    body = "0" + rng.choice(["0", "8", "3"]) + digits(rng, 11)
    total = 0
    for i, ch in enumerate(reversed(body)):
        total += int(ch) * (3 if i % 2 == 0 else 1)
    return body + str((10 - total % 10) % 10)


def udi(rng):
    exp = f"{rng.randint(24, 31):02d}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
    lot = digits(rng, rng.randint(5, 8)) + rng.choice(["", "A", "D", "X"])
    ser = letters(rng, 3) + digits(rng, 3)
    form = rng.random()
    if form < 0.6:
        return f"(01){gtin14(rng)}(17){exp}(10){lot}(21){ser}"
    if form < 0.8:
        return f"(01){gtin14(rng)}(11){exp}(21){ser}"
    return f"01{gtin14(rng)}17{exp}10{lot}"


MBI_ALPHA = "ACDEFGHJKMNPQRTUVWXY"


def mbi(rng):
    an = MBI_ALPHA + DIG
    s = (rng.choice("123456789") + rng.choice(MBI_ALPHA) + rng.choice(an) + rng.choice(DIG)
         + rng.choice(MBI_ALPHA) + rng.choice(an) + rng.choice(DIG) + rng.choice(MBI_ALPHA)
         + rng.choice(MBI_ALPHA) + rng.choice(DIG) + rng.choice(DIG))
    return f"{s[:4]}-{s[4:7]}-{s[7:]}" if rng.random() < 0.6 else s


def ssn_value(rng, field=False):
    a = rng.randint(1, 899)
    while a == 666:
        a = rng.randint(1, 899)
    b, c = rng.randint(1, 99), rng.randint(1, 9999)
    r = rng.random()
    if r < 0.5:
        return f"{a:03d}-{b:02d}-{c:04d}"
    if r < 0.62:
        return f"{a:03d} {b:02d} {c:04d}"
    if r < 0.72 and field:
        return f"{a:03d}{b:02d}{c:04d}"
    return rng.choice(["xxx-xx-", "XXX-XX-", "***-**-", "###-##-"]) + f"{c:04d}"


def mrn_value(rng):
    r = rng.randrange(9)
    if r == 0:
        return digits(rng, 7)
    if r == 1:
        return "00" + digits(rng, 6)
    if r == 2:
        return rng.choice("ABEMK") + digits(rng, 7)
    if r == 3:
        return "MR" + digits(rng, 7)
    if r == 4:
        return f"{digits(rng, 3)}-{digits(rng, 2)}-{digits(rng, 2)}"
    if r == 5:
        return f"{digits(rng, 4)}-{digits(rng, 3)}"
    if r == 6:
        return digits(rng, 8)
    if r == 7:
        return f"{digits(rng, 2)}-{digits(rng, 2)}-{digits(rng, 2)}-{digits(rng, 2)}"
    return "E" + digits(rng, 9)


def account_value(rng):
    return rng.choice([
        lambda: digits(rng, 10), lambda: digits(rng, 11), lambda: "E" + digits(rng, 9),
        lambda: f"{digits(rng, 4)}-{digits(rng, 6)}", lambda: "HAR" + digits(rng, 8),
        lambda: f"FIN {digits(rng, 9)}", lambda: f"{rng.randint(2015, 2024)}-{digits(rng, 7)}",
        lambda: "V" + digits(rng, 8), lambda: digits(rng, 9) + "-" + digits(rng, 2),
    ])()


def health_plan_value(rng):
    return rng.choice([
        lambda: letters(rng, 3) + digits(rng, 9), lambda: f"W{digits(rng, 4)} {digits(rng, 5)}",
        lambda: f"{letters(rng, 3)}-{digits(rng, 8)}", lambda: mbi(rng), lambda: mbi(rng),
        lambda: f"P-{digits(rng, 4)}-{digits(rng, 4)}-{digits(rng, 2)}",
        lambda: "9" + digits(rng, 11), lambda: f"{letters(rng, 2)}{digits(rng, 10)}",
        lambda: f"GRP-{digits(rng, 6)}", lambda: digits(rng, 6), lambda: f"{digits(rng, 9)}01",
    ])()


def plate(rng):
    return rng.choice([
        lambda: f"{rng.randint(1, 9)}{letters(rng, 3)}{digits(rng, 3)}",
        lambda: f"{letters(rng, 3)}-{digits(rng, 4)}", lambda: f"{digits(rng, 1)}{letters(rng, 2)} {digits(rng, 3)}",
        lambda: f"{letters(rng, 3)} {digits(rng, 3)}", lambda: f"{digits(rng, 3)}-{letters(rng, 3)}",
        lambda: f"{letters(rng, 2)}{digits(rng, 2)}{letters(rng, 2)}",
    ])()


def ipv4(rng):
    r = rng.random()
    if r < 0.3:
        return f"10.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"
    if r < 0.5:
        return f"192.168.{rng.randint(0, 255)}.{rng.randint(1, 254)}"
    if r < 0.6:
        return f"172.{rng.randint(16, 31)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"
    return f"{rng.randint(23, 223)}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"


def ipv6(rng):
    h = lambda: f"{rng.randrange(65536):x}"
    r = rng.random()
    if r < 0.4:
        return f"2001:db8:{h()}:{h()}::{h()}:{h()}"
    if r < 0.6:
        return f"fe80::{h()}:{h()}:{h()}:{h()}"
    if r < 0.8:
        return ":".join(f"{rng.randrange(65536):04x}" for _ in range(8))
    return f"2600:{h()}:{h()}:{h()}:{h()}:{h()}:{h()}:{h()}"


def ip(rng):
    return ipv6(rng) if rng.random() < 0.3 else ipv4(rng)


# --------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
MON = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
MON_DOT = ["Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.",
           "Nov.", "Dec."]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
WEEKDAYS_ABBR = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


def ordinal(n):
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    return f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


DATE_STYLES = [("mdy", 14), ("mmddyyyy", 12), ("mdyy", 6), ("mm-dd-yy", 5), ("iso", 7),
               ("long", 10), ("dmy_abbr", 5), ("mon_year", 3), ("md", 9), ("mon_th", 4),
               ("DD-MON-YYYY", 4), ("long_noyear", 4), ("mon_d", 3), ("mm-dd-yyyy", 4),
               ("long_th", 2), ("dot_dmy", 1)]
_DS_NAMES = [s for s, _ in DATE_STYLES]
_DS_W = [w for _, w in DATE_STYLES]


def fmt_date(rng, d: dt.date, style=None) -> str:
    s = style or rng.choices(_DS_NAMES, _DS_W)[0]
    if s == "mdy":
        return f"{d.month}/{d.day}/{d.year}"
    if s == "mmddyyyy":
        return f"{d.month:02d}/{d.day:02d}/{d.year}"
    if s == "mdyy":
        return f"{d.month}/{d.day}/{d.year % 100:02d}"
    if s == "mm-dd-yy":
        return f"{d.month:02d}-{d.day:02d}-{d.year % 100:02d}"
    if s == "mm-dd-yyyy":
        return f"{d.month:02d}-{d.day:02d}-{d.year}"
    if s == "iso":
        return d.isoformat()
    if s == "long":
        return f"{MONTHS[d.month - 1]} {d.day}, {d.year}"
    if s == "long_th":
        return f"{MONTHS[d.month - 1]} {ordinal(d.day)}, {d.year}"
    if s == "dmy_abbr":
        return f"{d.day} {MON[d.month - 1]} {d.year}"
    if s == "mon_year":
        return rng.choice([f"{MON[d.month - 1]} {d.year}", f"{MONTHS[d.month - 1]} {d.year}"])
    if s == "md":
        return f"{d.month}/{d.day}"
    if s == "mon_th":
        return f"{MON_DOT[d.month - 1]} {ordinal(d.day)}"
    if s == "mon_d":
        return f"{MON[d.month - 1]} {d.day}"
    if s == "DD-MON-YYYY":
        return f"{d.day:02d}-{MON[d.month - 1].upper()}-{d.year}"
    if s == "long_noyear":
        return f"{MONTHS[d.month - 1]} {d.day}"
    if s == "dot_dmy":
        return f"{d.day:02d}.{d.month:02d}.{d.year}"
    if s == "compact":
        return f"{d.year}{d.month:02d}{d.day:02d}"
    raise ValueError(s)


def fmt_time(rng):
    h, m = rng.randint(0, 23), rng.choice([0, 5, 10, 15, 20, 30, 40, 45, 50, 55, 7, 12, 33])
    return rng.choice([f"{h:02d}:{m:02d}", f"{h:02d}{m:02d}", f"{(h % 12) or 12}:{m:02d} "
                       + ("AM" if h < 12 else "PM"), f"{(h % 12) or 12}:{m:02d}"
                       + ("a" if h < 12 else "p"), f"{h:02d}{m:02d}h"])


def rand_date(rng, lo=2014, hi=2024):
    start = dt.date(lo, 1, 1).toordinal()
    end = dt.date(hi, 12, 31).toordinal()
    return dt.date.fromordinal(rng.randint(start, end))


def shift(d, days):
    return d + dt.timedelta(days=days)


NUM_WORDS = {90: "ninety", 91: "ninety-one", 92: "ninety-two", 93: "ninety-three",
             94: "ninety-four", 95: "ninety-five", 96: "ninety-six", 97: "ninety-seven",
             98: "ninety-eight", 99: "ninety-nine", 100: "one hundred",
             101: "one hundred and one", 102: "one hundred two", 103: "one hundred three"}
UNDER_WORDS = {89: "eighty-nine", 88: "eighty-eight", 85: "eighty-five", 82: "eighty-two",
               76: "seventy-six", 67: "sixty-seven", 54: "fifty-four", 45: "forty-five",
               38: "thirty-eight", 29: "twenty-nine", 71: "seventy-one", 80: "eighty"}


# --------------------------------------------------------------------------
# People
# --------------------------------------------------------------------------

def mutate_name(rng, s: str) -> str:
    if s in MISSPELL:
        return MISSPELL[s]
    if len(s) < 4 or not s.isalpha():
        return s + s[-1]
    i = rng.randint(1, len(s) - 3)
    op = rng.randrange(3)
    if op == 0:  # swap
        return s[:i] + s[i + 1] + s[i] + s[i + 2:]
    if op == 1:  # drop
        return s[:i] + s[i + 1:]
    return s[:i] + s[i] + s[i:]  # double


class Person:
    def __init__(self, first, last, sex, middle=None, cjk=False):
        self.first, self.last, self.sex, self.middle, self.cjk = first, last, sex, middle, cjk
        self.nick = NICKNAMES.get(first)

    def title(self, rng):
        if self.sex == "F":
            return rng.choice(["Ms.", "Mrs.", "Ms", "Miss", "Mrs"])
        return rng.choice(["Mr.", "Mr"])

    def form(self, rng, style=None):
        if self.cjk:
            style = style if style in ("first", "last") else "full"
            return {"first": self.first, "last": self.last, "full": self.last + self.first}[style]
        f, l, m = self.first, self.last, self.middle
        styles = ["full", "full", "full", "fml", "lf", "il", "LF", "first", "last", "FULLCAPS"]
        s = style or rng.choice(styles)
        if s == "fml" and not m:
            s = "full"
        if s == "nick":
            s = "nick" if self.nick else "first"
        if s == "full":
            return f"{f} {l}"
        if s == "fml":
            return f"{f} {m[0]}. {l}"
        if s == "fmiddle":
            return f"{f} {m} {l}" if m else f"{f} {l}"
        if s == "lf":
            return f"{l}, {f}"
        if s == "lfm":
            return f"{l}, {f} {m[0]}." if m else f"{l}, {f}"
        if s == "il":
            return f"{f[0]}. {l}"
        if s == "ilnodot":
            return f"{f[0]} {l}"
        if s == "LF":
            return f"{l.upper()}, {f.upper()}"
        if s == "FULLCAPS":
            return f"{f.upper()} {l.upper()}"
        if s == "first":
            return f
        if s == "last":
            return l
        if s == "nick":
            return self.nick
        if s == "lower_first":
            return f.lower()
        if s == "lower_full":
            return f"{f} {l}".lower()
        if s == "misspell_first":
            return f"{mutate_name(rng, f)} {l}"
        if s == "misspell_last":
            return mutate_name(rng, l)
        raise ValueError(s)


# --------------------------------------------------------------------------
# Document builder
# --------------------------------------------------------------------------

class Doc:
    """Accumulates (text, label) parts; offsets are computed at the end."""

    def __init__(self):
        self.parts: list[tuple[str, str | None]] = []

    def __call__(self, *items):
        for it in items:
            if it is None:
                continue
            if isinstance(it, str):
                if it:
                    self.parts.append((it, None))
            elif isinstance(it, tuple):
                label, text = it
                assert label in LABEL_SET, label
                assert text and text == text.strip() and "\n" not in text, (label, text)
                self.parts.append((text, label))
            elif isinstance(it, list):
                self(*it)
            else:
                raise TypeError(it)
        return self

    def nbytes(self):
        return sum(len(t.encode("utf-8")) for t, _ in self.parts)

    def line(self, *items):
        self(*items)
        self("\n")

    def finish(self, case=None, crlf=False, typo_fn=None):
        text_parts, spans = [], []
        pos = 0
        for text, label in self.parts:
            if label is None and typo_fn is not None:
                text = typo_fn(text)
            if case == "upper":
                text = text.upper()
            elif case == "lower":
                text = text.lower()
            if crlf:
                text = text.replace("\r\n", "\n").replace("\n", "\r\n")
            b = text.encode("utf-8")
            if label is not None:
                spans.append({"start": pos, "end": pos + len(b), "label": label})
            text_parts.append(text)
            pos += len(b)
        return "".join(text_parts), spans


def L(label, text):
    return (label, text)


# --------------------------------------------------------------------------
# Hard-negative clinical content
# --------------------------------------------------------------------------

PMH_PLAIN = ["HTN", "HLD", "DM2", "T2DM on insulin", "CAD", "COPD", "CKD stage 3b", "afib on apixaban",
             "hypothyroidism", "GERD", "OSA on CPAP", "Parkinson disease", "Crohn's disease",
             "Hodgkin lymphoma in remission", "Graves disease s/p RAI", "remote Bell's palsy",
             "gout", "BPH", "osteoarthritis", "depression", "HFrEF (EF 35%)", "HFpEF",
             "Alzheimer's dementia", "Hashimoto thyroiditis", "Sjögren's syndrome",
             "Ménière's disease", "Raynaud's", "Guillain-Barré (recovered)", "MS (relapsing-remitting)",
             "Wolff-Parkinson-White s/p ablation", "Barrett's esophagus", "Cushing syndrome",
             "Addison's disease", "Down syndrome", "anemia of chronic disease", "PVD", "PAD",
             "ESRD on HD MWF", "cirrhosis (Child-Pugh B)", "Hep C s/p treatment", "HIV (CD4 612)"]
PMH_YEAR = ["CABG", "MI", "s/p appy", "TKR", "THR", "cholecystectomy", "CVA", "PCI to RCA",
            "lumpectomy", "TURP", "AAA repair", "PPM placement", "DVT", "hysterectomy",
            "L4-5 laminectomy", "Whipple"]

DRUGS = [("metoprolol succinate", "25 mg", "PO", "daily"), ("lisinopril", "10 mg", "PO", "daily"),
         ("atorvastatin", "40 mg", "PO", "qHS"), ("aspirin", "81 mg", "PO", "daily"),
         ("apixaban", "5 mg", "PO", "BID"), ("furosemide", "40 mg", "IV", "BID"),
         ("metformin", "1000 mg", "PO", "BID"), ("insulin glargine", "22 units", "SC", "qHS"),
         ("insulin lispro", "per sliding scale", "SC", "AC/HS"), ("pantoprazole", "40 mg", "PO", "daily"),
         ("levothyroxine", "88 mcg", "PO", "daily"), ("acetaminophen", "650 mg", "PO", "q6h PRN"),
         ("oxycodone", "5 mg", "PO", "q4h PRN pain"), ("heparin", "5000 units", "SC", "q8h"),
         ("vancomycin", "15 mg/kg", "IV", "q12h"), ("piperacillin-tazobactam", "4.5 g", "IV", "q6h"),
         ("ceftriaxone", "1 g", "IV", "q24h"), ("azithromycin", "500 mg", "PO", "daily x3d"),
         ("prednisone", "40 mg", "PO", "daily"), ("albuterol", "2.5 mg", "neb", "q4h PRN"),
         ("tamsulosin", "0.4 mg", "PO", "qHS"), ("sertraline", "50 mg", "PO", "daily"),
         ("gabapentin", "300 mg", "PO", "TID"), ("carbidopa-levodopa", "25/100", "PO", "TID"),
         ("warfarin", "2.5 mg", "PO", "daily"), ("KCl", "20 mEq", "PO", "x1"),
         ("magnesium sulfate", "2 g", "IV", "x1"), ("senna", "8.6 mg", "PO", "qHS"),
         ("docusate", "100 mg", "PO", "BID"), ("ondansetron", "4 mg", "IV", "q8h PRN"),
         ("lorazepam", "0.5 mg", "PO", "q6h PRN"), ("haloperidol", "0.5 mg", "IV", "x1"),
         ("enoxaparin", "1 mg/kg", "SC", "q12h"), ("norepinephrine", "0.05 mcg/kg/min", "IV", "gtt"),
         ("propofol", "20 mcg/kg/min", "IV", "gtt"), ("fentanyl", "50 mcg/hr", "IV", "gtt"),
         ("amiodarone", "200 mg", "PO", "daily"), ("diltiazem", "30 mg", "PO", "q6h"),
         ("methimazole", "10 mg", "PO", "daily"), ("allopurinol", "100 mg", "PO", "daily"),
         ("clopidogrel", "75 mg", "PO", "daily"), ("nitroglycerin", "0.4 mg", "SL", "q5min PRN"),
         ("Tylenol", "1/2 tab", "PO", "q6h PRN"), ("melatonin", "3 mg", "PO", "qHS"),
         ("sodium bicarbonate", "650 mg", "PO", "TID"), ("lactulose", "20 g", "PO", "TID"),
         ("rifaximin", "550 mg", "PO", "BID"), ("morphine", "2 mg", "IV", "q2h PRN"),
         ("vitamin D3", "2000 IU", "PO", "daily"), ("ferrous sulfate", "325 mg", "PO", "daily")]

EPONYM_SENTENCES = [
    "Foley catheter in place draining clear yellow urine.", "Murphy's sign negative.",
    "Babinski downgoing bilaterally.", "Gram stain with GPCs in clusters.",
    "Swan-Ganz catheter removed without incident.", "LLE Doppler negative for DVT.",
    "No Cushingoid features.", "Homans sign negative.", "Kernig and Brudzinski negative.",
    "Glasgow Coma Scale 15.", "GCS 14 (E4V4M6).", "Romberg negative.", "Tinel's sign positive at the wrist.",
    "Phalen's test equivocal.", "Wells score 1.5, low probability.", "Mallampati class II.",
    "Epley maneuver performed with relief.", "Kussmaul respirations noted on arrival.",
    "Cheyne-Stokes breathing overnight.", "Chvostek and Trousseau signs negative.",
    "Allen test normal on the right.", "Valsalva with no change in murmur.",
    "Trendelenburg position for line placement.", "McBurney's point non-tender.",
    "Rovsing sign negative.", "Lachman negative.", "Hill-Sachs lesion on prior imaging.",
    "Wood's lamp exam unremarkable.", "Levine sign absent.", "Beck's triad absent.",
    "Virchow node not palpable.", "Osler nodes and Janeway lesions absent.",
    "Korotkoff sounds faint.", "Bell's palsy resolved.", "Parkinsonian gait, shuffling.",
    "Hodgkin lymphoma in remission per Heme.", "Crohn's flare ruled out.",
    "Graves ophthalmopathy stable.", "Whipple procedure history noted.", "Apgar scores 8 and 9.",
    "Gleason score 3+4=7.", "Breslow depth 1.2 mm, Clark level III.", "Bishop score 6.",
    "Hoffmann sign negative.", "Brudzinski negative.", "Dix-Hallpike positive on the left.",
    "Heberden nodes present.", "Baker's cyst on ultrasound.", "Stokes-Adams attack considered.",
]
COMMON_WORD_SENTENCES = [
    "Will follow up in 2 weeks.", "Will need PT/OT eval prior to dc.", "May consider repeat CT if symptoms persist.",
    "May resume diet as tolerated.", "Hope this helps.", "Bill was paid by secondary insurance.",
    "Grant application for home O2 submitted by CM.", "Rose from bed with minimal assist.",
    "Young adult sibling present at bedside.", "Price of apixaban discussed; copay card given.",
    "Wood splinter removed from R index finger.", "King-Devick test normal.", "Bell rung for assist x2 overnight.",
    "Mark site prior to procedure.", "Frank blood noted in stool.", "Joy in usual activities decreased.",
    "Dawn phenomenon suspected.", "Penny-sized ulcer on L heel.", "Black tarry stools x2.",
    "Brown urine improving.", "Green sputum, small amount.", "White count trending down.",
    "Stone passed spontaneously.", "Long-term anticoagulation discussed.", "Hall pass given for walk with PT.",
    "Will call with results.", "Faith is important to pt; chaplain offered.", "Hunter pt? no - pt hunts deer, tick exposure.",
    "Page to covering MD placed.", "Bishop score favorable.", "Price transparency form given.",
    "Summer camp form completed.", "Chase with NS flush.", "Cook County protocol N/A.",
    "Hill walking limited by claudication.", "Grant funding covers study visits.",
]
NEG_MISC = [
    "Room 412, bed 3.", "Pain 5/10, improved to 2/10 after meds.", "I/O 1.2L/800mL.",
    "Diet: NPO after midnight.", "Code status: Full code.", "DNR/DNI confirmed with pt.",
    "PERRL, EOMI, MAE.", "NSR on tele, no ectopy.", "Tele: SR 70s, occasional PVCs.",
    "Heparin gtt at 1,100 units/hr, PTT 68.", "Ratio 1:1 nursing.", "Wound vac at -125 mmHg.",
    "Urine output 30-40 mL/hr.", "Sliding scale insulin per protocol.", "Chest tube to -20 cm H2O suction.",
    "ECG: rate 88, PR 0.16, QRS 0.09, QTc 452.", "Echo: EF 55-60%, mild MR.", "Cr 1.2 (baseline 1.0).",
    "Fall risk: Morse score 45.", "Braden 14.", "CIWA 8 at 0600.", "RASS -1.", "CAM-ICU negative.",
    "1 unit PRBC given, Hgb 6.9 -> 8.1.", "K 3.2 repleted with 40 mEq KCl.", "FSBG 180-240.",
    "Moved to CCU bed 7.", "Transferred to floor 6B.", "Seen at 0800 and again at 1430.",
    "NPO since 2200.", "Lines: R IJ CVC, L radial A-line.", "BMI 31.4.", "Weight 82.3 kg (dry wt 79).",
]
ICD = [("I21.4", "NSTEMI"), ("E11.9", "T2DM w/o complication"), ("I50.23", "acute on chronic systolic HF"),
       ("J18.9", "pneumonia, unspecified organism"), ("N17.9", "AKI"), ("A41.9", "sepsis"),
       ("K92.2", "GI hemorrhage"), ("R55", "syncope"), ("I63.9", "cerebral infarction"),
       ("J44.1", "COPD with acute exacerbation"), ("L03.115", "cellulitis of R lower limb"),
       ("S72.002A", "fx of femoral neck"), ("E87.1", "hyponatremia"), ("F10.239", "EtOH withdrawal"),
       ("K81.0", "acute cholecystitis"), ("N39.0", "UTI"), ("I48.91", "atrial fibrillation"),
       ("M54.5", "low back pain"), ("R07.9", "chest pain, unspecified"), ("Z95.0", "presence of pacemaker")]
CPT = ["99213", "99214", "99223", "99232", "99291", "93000", "71046", "74177", "36556", "31500",
       "47562", "27130", "33208", "43239", "92928"]
LOINC = ["2345-7", "2160-0", "718-7", "4548-4", "2951-2", "6690-2", "777-3", "1751-7", "2823-3"]


def vitals(rng):
    parts = []
    sbp, dbp = rng.randint(88, 182), rng.randint(44, 102)
    parts.append(rng.choice([f"BP {sbp}/{dbp}", f"BP: {sbp}/{dbp}", f"{sbp}/{dbp}", f"BP {sbp}/{dbp} (MAP {(sbp + 2 * dbp) // 3})"]))
    parts.append(rng.choice([f"HR {rng.randint(48, 132)}", f"P {rng.randint(50, 120)}", f"HR: {rng.randint(55, 110)}"]))
    parts.append(rng.choice([f"RR {rng.randint(12, 32)}", f"R {rng.randint(12, 28)}"]))
    t = rng.choice([f"T {rng.randint(970, 1032) / 10:.1f}", f"Tmax {rng.randint(370, 395) / 10:.1f}C",
                    f"T {rng.randint(362, 389) / 10:.1f}", "T 98.6 F", "afebrile"])
    parts.append(t)
    parts.append(rng.choice([f"SpO2 {rng.randint(86, 100)}% on {rng.randint(1, 6)}L",
                             f"SpO2 {rng.randint(90, 100)}% RA", f"O2 sat {rng.randint(88, 100)}% on NC",
                             f"sat {rng.randint(90, 99)}% 4L NC", f"SpO2 {rng.randint(92, 100)}% on 40% FM"]))
    if rng.random() < 0.4:
        parts.append(rng.choice([f"pain {rng.randint(0, 10)}/10", f"Wt {rng.randint(45, 130)} kg",
                                 f"FSBG {rng.randint(70, 320)}"]))
    return rng.choice([", ", "  ", " | ", "; "]).join(parts)


def labs(rng):
    items = [f"Na {rng.randint(126, 148)}", f"K {rng.randint(30, 58) / 10:.1f}", f"Cl {rng.randint(92, 112)}",
             f"HCO3 {rng.randint(14, 32)}", f"BUN {rng.randint(6, 88)}", f"Cr {rng.randint(5, 58) / 10:.1f}",
             f"Glu {rng.randint(62, 412)}", f"WBC {rng.randint(25, 224) / 10:.1f}", f"Hgb {rng.randint(62, 162) / 10:.1f}",
             f"Plt {rng.randint(38, 520)}", f"INR {rng.randint(9, 38) / 10:.1f}", f"Lactate {rng.randint(6, 68) / 10:.1f}",
             f"Trop {rng.choice(['<0.01', '0.04', '0.32', '1.8'])}", f"Mg {rng.randint(14, 26) / 10:.1f}",
             f"Ca {rng.randint(78, 108) / 10:.1f}", f"Alb {rng.randint(18, 45) / 10:.1f}", f"BNP {rng.randint(40, 3800)}",
             f"TSH {rng.randint(1, 120) / 10:.1f}", f"A1c {rng.randint(52, 131) / 10:.1f}%"]
    rng.shuffle(items)
    return ", ".join(items[:rng.randint(4, 9)])


def abg(rng):
    return f"ABG {rng.randint(712, 748) / 100:.2f}/{rng.randint(28, 72)}/{rng.randint(55, 180)}"


def vent(rng):
    return rng.choice([
        f"PSV {rng.choice([5, 8, 10, 12, 15])}/{rng.choice([5, 8])}, FiO2 {rng.choice([30, 35, 40, 50])}%",
        f"AC {rng.choice([400, 450, 500])}x{rng.choice([14, 16, 18])}, PEEP {rng.choice([5, 8, 10])}, FiO2 {rng.choice([40, 50, 60, 100])}%",
        f"CPAP/PS {rng.choice([5, 10])}/{rng.choice([5, 8])}, FiO2 {rng.choice([30, 40])}%",
        f"SIMV 12/500/5, FiO2 {rng.choice([40, 50])}%", f"PEEP {rng.choice([5, 8, 10, 12])}, FiO2 {rng.choice([40, 50, 60])}%",
    ])


def med_line(rng, drug=None):
    d, dose, route, freq = drug or rng.choice(DRUGS)
    return f"{d} {dose} {route} {freq}"


def neg_sentence(rng):
    r = rng.random()
    if r < 0.35:
        return rng.choice(EPONYM_SENTENCES)
    if r < 0.6:
        return rng.choice(COMMON_WORD_SENTENCES)
    if r < 0.85:
        return rng.choice(NEG_MISC)
    code, desc = rng.choice(ICD)
    return rng.choice([f"Dx: {desc} ({code}).", f"ICD-10 {code} - {desc}.", f"Billing: CPT {rng.choice(CPT)}, {code}.",
                       f"LOINC {rng.choice(LOINC)} resulted.", f"{code} {desc}"])


def under_age(rng):
    return rng.choice([89, 89, 88, 87, 85, 84, 82, 79, 76, 72, 68, 65, 61, 57, 54, 49, 45, 41, 38, 33, 29, 24, 19])


def age_items(rng, age, style=None, sex=None):
    """Age phrase; only ages >= 90 are annotated."""
    lab = age >= 90
    words = NUM_WORDS if lab else UNDER_WORDS
    st = style or rng.choice(["yo", "y/o", "year-old", "year old", "yoM", "aged", "yo_nospace",
                              "words", "years old", "y.o.", "Age:", "M/F"])
    n = str(age)
    if st == "words" and age in words:
        n = words[age]
        if rng.random() < 0.3:
            n = n.capitalize()
    elif st == "words":
        st = "year old"
    v = L("AGE", n) if lab else n
    if st == "yo":
        return [v, " yo"]
    if st == "y/o":
        return [v, " y/o"]
    if st == "year-old":
        return [v, "-year-old"]
    if st in ("year old", "words"):
        return [v, " year old"]
    if st == "years old":
        return [v, " years old"]
    if st == "y.o.":
        return [v, " y.o."]
    if st == "yoM":
        sx = {"M": ["M", "M", "man"], "F": ["F", "F", "W", "woman"]}.get(sex, ["M", "F"])
        return [v, rng.choice(["yo ", "yo", "y "]) + rng.choice(sx)]
    if st == "aged":
        return ["aged ", v]
    if st == "yo_nospace":
        return [v, "yo"]
    if st == "Age:":
        return ["Age: ", v]
    if st == "M/F":
        sx = sex or rng.choice("MF")
        return [v, rng.choice([sx, " " + sx])]
    raise ValueError(st)


def typo_fn_factory(rng, rate=0.04):
    def f(text):
        words = text.split(" ")
        out = []
        for w in words:
            if len(w) > 4 and w.isalpha() and rng.random() < rate:
                i = rng.randint(1, len(w) - 2)
                w = w[:i] + w[i + 1] + w[i] + w[i + 2:]
            out.append(w)
        return " ".join(out)
    return f


# --------------------------------------------------------------------------
# Per-document context: entities + PHI emitters
# --------------------------------------------------------------------------

CRED = {"doc": [", MD", " MD", ", M.D.", ", DO", " MD PhD", ", MD, MPH", ""],
        "np": [", NP", " NP", ", ANP-BC", ", PA-C", " PA", ", FNP"],
        "rn": [", RN", " RN", ", RN, BSN", " RN CCRN", ""],
        "other": [", LICSW", ", PT, DPT", ", RD", ", PharmD", ", RRT", ", CM", " LCSW"]}
FEMALE_REL = ("daughter", "wife", "sister", "niece", "granddaughter", "mother")
MALE_REL = ("son", "husband", "brother", "nephew", "grandson", "father")
RELATIONS = ["daughter", "son", "wife", "husband", "sister", "brother", "niece", "nephew",
             "granddaughter", "grandson", "partner", "friend", "neighbor", "HCP", "mother", "father"]


class Ctx:
    def __init__(self, rng: random.Random, pools: Pools):
        self.rng, self.P = rng, pools
        r = rng
        self.date = rand_date(r)
        self.pt = self.person()
        self.age = r.choice([r.randint(90, 103)] * 1 + [r.randint(18, 89)] * 3) if r.random() < 0.75 else under_age(r)
        if r.random() < 0.08:
            self.age = 89
        self.dob = dt.date(self.date.year - self.age, r.randint(1, 12), r.randint(1, 28))
        if (self.dob.month, self.dob.day) > (self.date.month, self.date.day):
            self.dob = dt.date(self.dob.year - 1, self.dob.month, self.dob.day)
        self.mrn = mrn_value(r)
        self.attending = self.person()
        self.resident = self.person()
        self.nurse = self.person()
        self.pcp = self.person()
        self.rel_type = r.choice(RELATIONS)
        rel_sex = ("F" if self.rel_type in FEMALE_REL else "M" if self.rel_type in MALE_REL else r.choice("FM"))
        self.rel = self.person(sex=rel_sex, last=self.pt.last if r.random() < 0.6 else None)
        self.fac = self.facility()
        self.fac2 = self.facility()
        self.city, self.state = r.choice(pools.cities)

    # ---- entities
    def first_name(self, sex):
        r, P = self.rng, self.P
        if r.random() < 0.07:
            return r.choice(INV_ONSET) + r.choice(["", "a", "e"]) + r.choice(P.inv_first_end)
        return r.choice(P.first_f if sex == "F" else P.first_m)

    def surname(self):
        r, P = self.rng, self.P
        if r.random() < 0.15:
            return r.choice(INV_ONSET) + r.choice(INV_MID) + r.choice(P.inv_end)
        return r.choice(P.surnames)

    def person(self, sex=None, last=None):
        r = self.rng
        sex = sex or r.choice("FM")
        if r.random() < 0.02 and last is None:
            g, f = r.choice(self.P.cjk)
            return Person(g, f, sex, cjk=True)
        first = self.first_name(sex)
        middle = self.first_name(r.choice("FM")) if r.random() < 0.35 else None
        p = Person(first, last or self.surname(), sex, middle)
        if p.nick and _name_key(p.nick) not in self.P.name_keys:
            p.nick = None  # keep nickname words inside this split's partition
        if r.random() < 0.02:  # decomposed Unicode (NFD) spelling
            p.first, p.last = unicodedata.normalize("NFD", p.first), unicodedata.normalize("NFD", p.last)
        return p

    def facility(self):
        r = self.rng
        if r.random() < 0.2:
            n = r.choice(self.P.famous)
            return (n, None)
        name, abbr, _, _ = r.choice(self.P.facilities)
        return (name, abbr)

    def fac_mention(self, fac=None, allow_abbr=True):
        name, abbr = fac or self.fac
        if abbr and allow_abbr and self.rng.random() < 0.35:
            return L("LOCATION", abbr)
        return L("LOCATION", name)

    # ---- names
    def name(self, p: Person, style=None):
        return L("NAME", p.form(self.rng, style))

    def dr(self, p: Person, style=None, kind="doc"):
        r = self.rng
        st = style or r.choice(["full", "last", "il", "fml", "full", "lf"])
        if kind == "doc" and (st in ("last", "il") or (st not in ("lf", "LF") and r.random() < 0.3)):
            return [r.choice(["Dr. ", "Dr ", "Dr. ", "DR. "]), self.name(p, st)]
        return [self.name(p, st), r.choice(CRED[kind])]

    def pt_ref(self, style=None):
        """Patient reference in running text."""
        r = self.rng
        st = style or r.choice(["title", "title", "full", "first", "fml", "misspell_first", "nick", "pt"])
        if st == "title":
            return [self.pt.title(r) + " ", self.name(self.pt, "last")]
        if st == "pt":
            return ["the patient" if r.random() < 0.5 else "pt"]
        return [self.name(self.pt, st)]

    # ---- dates
    def D(self, d, style=None):
        return L("DATE", fmt_date(self.rng, d, style))

    def Dt(self, d, style=None):
        """date, possibly followed by an (unannotated) time or preceded by weekday."""
        r = self.rng
        out = []
        if r.random() < 0.12:
            wd = d.weekday()
            out.append(r.choice([WEEKDAYS[wd] + " ", WEEKDAYS[wd] + ", ", WEEKDAYS_ABBR[wd] + " "]))
        out.append(self.D(d, style))
        if r.random() < 0.3:
            out.append(r.choice([" ", " at ", " @ ", ", "]) + fmt_time(r))
        return out

    def year_ctx(self, proc=None):
        """Year-only history mention, e.g. 'CABG 2004', "MI in '98", 's/p appy 92'."""
        r = self.rng
        y = r.randint(1965, self.date.year - 1)
        proc = proc or r.choice(PMH_YEAR)
        st = r.randrange(5)
        if st == 0:
            return [f"{proc} ", L("DATE", str(y))]
        if st == 1:
            return [f"{proc} in ", L("DATE", f"'{y % 100:02d}")]
        if st == 2:
            return [f"{proc} ", L("DATE", f"{y % 100:02d}")]
        if st == 3:
            return [f"{proc} (", L("DATE", str(y)), ")"]
        return [f"{proc} in ", L("DATE", str(y))]

    # ---- contact / ids
    def phone_str(self):
        r = self.rng
        if r.random() < 0.06:
            fmt = r.choice(INTL_PHONES)
            return fmt.format(a=digits(r, 4), b=digits(r, 2), c=digits(r, 2), d=digits(r, 4),
                              e=digits(r, 5), f=digits(r, 8), g=digits(r, 7))
        a, e, n = r.choice(AREA_CODES), (r.choice(["555", str(r.randint(201, 989))])), digits(r, 4)
        fmt = r.choice(["{a}-{e}-{n}", "({a}) {e}-{n}", "({a}) {e}-{n}", "{a}.{e}.{n}", "+1 ({a}) {e}-{n}",
                        "+1-{a}-{e}-{n}", "{a} {e} {n}", "{a}{e}{n}", "1-{a}-{e}-{n}", "({a}){e}-{n}",
                        "{a}-{e}-{n}", "{a}/{e}-{n}"])
        s = fmt.format(a=a, e=e, n=n)
        if r.random() < 0.1:
            s += r.choice([" x", " ext. ", " ext ", "x", " X"]) + str(r.randint(2, 9999))
        return s

    def phone(self):
        return L("PHONE", self.phone_str())

    def pager(self):
        r = self.rng
        st = r.randrange(5)
        if st == 0:
            return ["pager ", L("PHONE", digits(r, 5))]
        if st == 1:
            return [r.choice(["pgr ", "beeper ", "pager "]) + "#", L("PHONE", f"{r.randint(1, 9)}-{digits(r, 4)}")]
        if st == 2:
            return ["p. ", L("PHONE", digits(r, 5))]
        if st == 3:
            return ["pager ", L("PHONE", self.phone_str())]
        return ["(pgr ", L("PHONE", f"{digits(r, 2)}-{digits(r, 3)}"), ")"]

    def fax(self):
        return L("FAX", self.phone_str())

    def email(self, p: Person | None = None, work=False):
        r = self.rng
        p = p or self.pt
        fold = lambda s: "".join(c for c in unicodedata.normalize("NFKD", s) if c.isascii() and (c.isalnum()))
        f, l = fold(p.first).lower() or "pt", fold(p.last).lower() or "x"
        if work:
            dom = fold(_abbr(self.fac[0]) or self.fac[0]).lower() + r.choice(["health.org", ".org", "med.org", "hospital.org"])
            dom = dom.replace("..", ".")
            user = r.choice([f"{f[0]}{l}", f"{f}.{l}", f"{l}{f[0]}", f"{f}_{l}"])
        else:
            dom = r.choice(EMAIL_DOMAINS)
            user = r.choice([f"{f}.{l}{r.randint(1, 99)}", f"{f}{l}", f"{f[0]}{l}{r.randint(50, 99)}",
                             f"{l}.{f}", f"{f}_{r.randint(100, 999)}", f"{f}{r.choice(['luv', 'xo', 'gram', 'mom'])}{r.randint(1, 20)}",
                             f"{l}family", f"{f}.{l}"])
        return L("EMAIL", f"{user}@{dom}")

    def url(self):
        r = self.rng
        base = fold_dom(self.fac[0])
        return L("URL", r.choice([
            f"https://mychart.{base}.org/MyChart/",
            f"https://portal.{base}health.com/msg?id={digits(r, 6)}",
            f"www.{base}.org", f"http://www.{base}.org/patients/billing",
            f"https://{base}.org/telehealth/join/{letters(r, 3).lower()}{digits(r, 4)}",
            f"https://zoom.us/j/{digits(r, 11)}", f"https://facebook.com/{fold_dom(self.pt.first)}.{fold_dom(self.pt.last)}.{digits(r, 3)}",
            f"www.gofundme.com/f/help-{fold_dom(self.pt.first)}-{fold_dom(self.pt.last)}",
            f"https://drive.google.com/file/d/{letters(r, 12, 'abcdefghijkmnpqrstuvwxyz0123456789ABCDEFGH')}/view",
            f"https://telehealth.{base}.org/visit/{digits(r, 8)}",
        ]))

    def address_items(self, multi_line=True):
        """Returns (line1_items, line2_items)."""
        r, P = self.rng, self.P
        if r.random() < 0.12:
            line1 = f"PO Box {r.randint(1, 9999)}" if r.random() < 0.7 else f"P.O. Box {r.randint(1, 999)}"
        else:
            num = str(r.choice([r.randint(1, 99), r.randint(100, 999), r.randint(1000, 24999)]))
            if r.random() < 0.05:
                num += r.choice(["A", "-B", "½"])
            pre = r.choice([""] * 8 + ["W. ", "N ", "East ", "S. ", "NW "])
            line1 = f"{num} {pre}{r.choice(P.streets)} {r.choice(STREET_TYPES)}"
            if r.random() < 0.35:
                line1 += r.choice([", Apt ", " Apt. ", ", Unit ", " #", ", Suite ", ", Fl "]) + r.choice(
                    [str(r.randint(1, 40)), f"{r.randint(1, 9)}{r.choice('ABCDR')}", str(r.randint(100, 450))])
        city, st = r.choice(P.cities)
        zp = self.zip(st)
        state_txt = st if r.random() < 0.85 else STATES[st]
        line2 = [L("LOCATION", city), r.choice([", ", " ", ",  "]), L("LOCATION", state_txt),
                 r.choice([" ", "  ", " "]), L("ZIP", zp)]
        return [L("ADDRESS", line1)], line2

    def zip(self, st):
        r = self.rng
        pre = r.choice(ZIP_PREFIX[st].split())
        z = pre + digits(r, 5 - len(pre))
        if r.random() < 0.2:
            z += "-" + digits(r, 4)
        return z

    def ssn(self, field=True):
        return L("SSN", ssn_value(self.rng, field))

    def license_items(self, who: Person | None = None):
        r = self.rng
        who = who or self.attending
        st = r.randrange(6)
        if st == 0:
            return ["DEA ", L("LICENSE", dea(r, who.last))]
        if st == 1:
            return ["DEA#: ", L("LICENSE", dea(r, who.last))]
        if st == 2:
            return ["NPI ", L("LICENSE", npi(r))]
        if st == 3:
            return ["NPI: ", L("LICENSE", npi(r))]
        if st == 4:
            return [r.choice(["MA Lic #", "Lic. # ", "License no. ", "Med Lic "]),
                    L("LICENSE", r.choice([digits(r, 6), f"{r.choice('ACGM')}{digits(r, 5)}", f"MD{digits(r, 6)}"]))]
        return ["NPI ", L("LICENSE", npi(r)), " / DEA ", L("LICENSE", dea(r, who.last))]

    def drivers_license(self):
        r = self.rng
        return L("LICENSE", r.choice([f"S{digits(r, 8)}", f"{letters(r, 1)}{digits(r, 7)}",
                                      f"{letters(r, 1)}{digits(r, 3)}-{digits(r, 4)}-{digits(r, 4)}",
                                      digits(r, 9), f"{digits(r, 3)} {digits(r, 3)} {digits(r, 3)}"]))

    def device_items(self):
        r = self.rng
        st = r.randrange(8)
        ser = lambda: r.choice([f"{letters(r, 3)}{digits(r, 6)}{letters(r, 1)}", digits(r, 8),
                                f"{letters(r, 2)}{digits(r, 7)}", f"{digits(r, 4)}-{digits(r, 5)}",
                                f"{letters(r, 1)}{digits(r, 2)}{letters(r, 1)}{digits(r, 5)}"])
        if st == 0:
            return ["pacemaker serial # ", L("DEVICE", ser())]
        if st == 1:
            return ["ICD SN: ", L("DEVICE", ser())]
        if st == 2:
            return ["UDI ", L("DEVICE", udi(r))]
        if st == 3:
            return ["insulin pump SN ", L("DEVICE", ser())]
        if st == 4:
            return ["CGM transmitter ID ", L("DEVICE", f"{digits(r, 1)}{letters(r, 1)}{digits(r, 1)}{letters(r, 3)}")]
        if st == 5:
            return ["implant lot/serial: ", L("DEVICE", ser())]
        if st == 6:
            return ["LVAD controller serial ", L("DEVICE", ser())]
        return ["CPAP device S/N ", L("DEVICE", f"{digits(r, 5)}{letters(r, 1)}{digits(r, 5)}")]

    def vehicle_items(self):
        r = self.rng
        st = r.randrange(5)
        if st == 0:
            return ["VIN ", L("VEHICLE", vin(r))]
        if st == 1:
            return ["plate ", L("VEHICLE", plate(r))]
        if st == 2:
            return [L("LOCATION", STATES[r.choice(list(STATES))]), " plate ", L("VEHICLE", plate(r))]
        if st == 3:
            return ["license plate #", L("VEHICLE", plate(r))]
        return ["vehicle VIN: ", L("VEHICLE", vin(r))]

    def biometric_items(self):
        r = self.rng
        return r.choice([
            ["fingerprint template ", L("BIOMETRIC", f"FP-{digits(r, 5)}")],
            ["voiceprint ID ", L("BIOMETRIC", f"VP{digits(r, 5)}")],
            ["retinal scan ref ", L("BIOMETRIC", f"RS-{digits(r, 4)}")],
            ["palm vein scan ID ", L("BIOMETRIC", f"PV-{digits(r, 5)}")],
            ["facial geometry record ", L("BIOMETRIC", f"FG-{letters(r, 2)}{digits(r, 4)}")],
            ["biometric ID ", L("BIOMETRIC", f"BIO{digits(r, 7)}")],
            ["iris template #", L("BIOMETRIC", f"IR{digits(r, 6)}")],
        ])

    def photo_items(self):
        r = self.rng
        d = rand_date(r, 2018, 2024)
        return r.choice([
            ["face photo ", L("PHOTO", f"IMG_{d.year}{d.month:02d}{d.day:02d}_{digits(r, 6)}.jpg")],
            ["photo ID #", L("PHOTO", f"PH-{digits(r, 5)}")],
            ["wound photo ", L("PHOTO", f"DSC_{digits(r, 4)}.JPG")],
            ["photo on file: ", L("PHOTO", f"PTPHOTO-{digits(r, 6)}")],
            ["pic attached ", L("PHOTO", f"IMG_{digits(r, 4)}.HEIC")],
            ["ID photo ", L("PHOTO", f"photo_{digits(r, 8)}.png")],
            ["clinical photograph ", L("PHOTO", f"CP{digits(r, 2)}-{digits(r, 5)}")],
        ])

    def id_items(self):
        r = self.rng
        return r.choice([
            ["Study ID: ", L("ID", f"{r.choice(['ONC', 'CARD', 'NEU', 'ID', 'PULM'])}-{digits(r, 4)}-{digits(r, 2)}")],
            ["case #", L("ID", f"{r.randint(2015, 2024)}-{digits(r, 5)}")],
            ["claim no. ", L("ID", digits(r, 8))],
            ["employee ID ", L("ID", digits(r, 5))],
            ["badge ", L("ID", digits(r, 4))],
            ["Accession #: ", L("ID", f"{letters(r, 2)}-{digits(r, 2)}-{digits(r, 7)}")],
            ["requisition ", L("ID", digits(r, 7))],
            ["order #", L("ID", f"{digits(r, 9)}")],
            ["ticket ", L("ID", f"INC{digits(r, 7)}")],
            ["subject # ", L("ID", f"{digits(r, 3)}-{digits(r, 3)}")],
            ["student ID ", L("ID", f"{digits(r, 8)}")],
            ["police report #", L("ID", f"{r.randint(19, 24)}-{digits(r, 6)}")],
        ])

    def account_items(self):
        r = self.rng
        return [r.choice(["Acct #: ", "Account: ", "ACCT ", "Billing acct ", "Encounter #: ", "CSN: ", "Visit #: ", "HAR: "]),
                L("ACCOUNT", account_value(r))]

    def plan_items(self):
        r = self.rng
        pre = r.choice(["Member ID: ", "Subscriber ID ", "Policy #: ", "Group #: ", "Medicare MBI ", "Ins ID ",
                        "Medicaid ID: ", "Member #", "MBI: "])
        return [pre, L("HEALTH_PLAN", mbi(r) if "MBI" in pre else health_plan_value(r))]

    def org(self, kind=None):
        r, P = self.rng, self.P
        pool = {"company": P.companies, "school": P.schools, "church": P.churches, "agency": P.agencies}
        kind = kind or r.choice(["company", "company", "school", "church", "agency"])
        return L("ORGANIZATION", r.choice(pool[kind]))

    def social_items(self):
        """Social history sentence with ORGANIZATION / LOCATION mentions."""
        r = self.rng
        ic = r.choice(self.P.intl)
        opts = [
            ["Works at ", self.org("company"), " as a ", r.choice(["driver", "cashier", "line cook", "manager", "machinist", "nurse aide", "warehouse associate"]), "."],
            ["Retired from ", self.org("company"), " after ", str(r.randint(10, 40)), " years."],
            ["Student at ", self.org("school"), "."],
            ["Attends ", self.org("church"), " weekly; pastor visits."],
            ["Veteran, served in the ", L("ORGANIZATION", r.choice(["US Army", "US Navy", "Marine Corps", "Air Force", "Coast Guard"])), "."],
            ["Case open with ", self.org("agency"), "."],
            ["Lives with ", r.choice(["wife", "husband", "daughter", "son", "partner"]), " in ", L("LOCATION", r.choice(self.P.cities)[0]), "."],
            ["Originally from ", L("LOCATION", ic[0]), ", ", L("LOCATION", ic[1]), "; moved to the US in ", L("DATE", str(r.randint(1970, 2020))), "."],
            ["Grew up in ", L("LOCATION", r.choice(self.P.areas)), "."],
            ["Emigrated from ", L("LOCATION", r.choice(self.P.intl)[1]), " in ", L("DATE", str(r.randint(1975, 2022))), "."],
            ["Lives alone in ", L("LOCATION", r.choice(self.P.areas)), ", 2nd floor walkup."],
            ["Teaches at ", self.org("school"), "."],
        ]
        base = r.choice(opts)
        tail = r.choice(["", " Former smoker, 20 pk-yr, quit 10 yrs ago.", " Denies EtOH, tobacco, illicit drugs.",
                         " Drinks 2-3 beers/day.", " Independent in ADLs/IADLs.", " Uses a walker at home."])
        return base + [tail]


def fold_dom(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", s) if c.isascii() and c.isalnum()).lower() or "clinic"


# --------------------------------------------------------------------------
# Shared sections
# --------------------------------------------------------------------------

def header(c: Ctx, d: Doc, title=None, extra=0.5):
    r = c.rng
    if title:
        d.line(title)
        if r.random() < 0.4:
            d.line(r.choice(["=" * len(title), "-" * len(title)]))
    st = r.randrange(4)
    sep = "\t" if r.random() < 0.25 else r.choice(["    ", "   ", "  "])
    dob_style = r.choice(["mmddyyyy", "mdy", "iso", "DD-MON-YYYY", "long", "mm-dd-yyyy", "mdyy"])
    if st == 0:
        d.line("Name: ", c.name(c.pt, r.choice(["LF", "lf", "full", "lfm"])), sep, "MRN: ", L("MRN", c.mrn), sep,
               "DOB: ", c.D(c.dob, dob_style))
    elif st == 1:
        d.line("PATIENT: ", c.name(c.pt, r.choice(["LF", "lf", "FULLCAPS"])))
        d.line(r.choice(["MRN: ", "MR#: ", "Med Rec #: ", "Unit No: "]), L("MRN", c.mrn))
        d.line(r.choice(["DOB: ", "D.O.B.: ", "Birth date: "]), c.D(c.dob, dob_style),
               r.choice(["", f"{sep}Sex: {c.pt.sex}"]), *( [sep, "Age: ", *age_items(r, c.age, "Age:", sex=c.pt.sex)[1:]] if r.random() < 0.5 else []))
    elif st == 2:
        d.line("Patient", sep, c.name(c.pt, r.choice(["lf", "full", "LF"])))
        d.line("MRN", sep, L("MRN", c.mrn), sep, "DOB", sep, c.D(c.dob, dob_style), sep, "Sex", sep, c.pt.sex)
    else:
        d.line(c.name(c.pt, "LF"), " (", L("MRN", c.mrn), ")  ", c.D(c.dob, dob_style), "  ", str(c.age) if c.age < 90 else L("AGE", str(c.age)), " y.o. ", c.pt.sex)
    if r.random() < extra:
        d.line(*c.account_items())
    if r.random() < extra * 0.6:
        d.line(*c.plan_items())
    if r.random() < 0.2:
        d.line(r.choice(["SSN: ", "SSN ", "Soc Sec #: "]), c.ssn())


def signature(c: Ctx, d: Doc, who=None, kind="doc"):
    r = c.rng
    who = who or c.attending
    d("\n")
    if r.random() < 0.5:
        d.line(r.choice(["Electronically signed by ", "Signed: ", "Attending: ", "-- ", "Dictated by: "]),
               *c.dr(who, r.choice(["full", "fml", "lf"]), kind), " on ", *c.Dt(c.date))
    else:
        d.line(*c.dr(who, "full", kind))
        if r.random() < 0.6:
            d.line(*c.pager())
    if r.random() < 0.25:
        d.line(*c.license_items(who))
    if r.random() < 0.2:
        d.line(r.choice(["Transcribed by: ", "Scribe: "]), c.name(c.person(), r.choice(["il", "full", "first"])),
               " ", c.D(c.date, "mmddyyyy"), " ", fmt_time(r))


def random_admin_line(c: Ctx, d: Doc, p=0.35):
    """Inject a rare-label line (with realistic context) with probability p."""
    r = c.rng
    if r.random() >= p:
        return
    opt = r.choices(range(13), [1, 1.6, 1, 1, 1.6, 1, 0.6, 1, 1.6, 1.4, 1.2, 1.2, 0.8])[0]
    if opt == 0:
        d.line("Research: enrolled, ", *c.id_items(), r.choice(["", f" (NCT0{digits(r, 7)})"]))
    elif opt == 1:
        d.line(r.choice(["Registration verified by ", "Identity confirmed with ", "Check-in kiosk: "]), *c.biometric_items(), ".")
    elif opt == 2:
        d.line("Patient identity confirmed against ", *c.photo_items(), ".")
    elif opt == 3:
        d.line("Implanted device: ", *c.device_items())
    elif opt == 4:
        d.line(r.choice(["Accessed from workstation ", "Note opened from ", "Remote login from IP "]), L("IP", ip(r)), " by ",
               c.name(c.nurse, r.choice(["il", "full", "lf"])), r.choice([".", " (audit log).", ", VPN session."]))
    elif opt == 5:
        d.line("Driver's license ", c.drivers_license(), " (", L("LOCATION", STATES[c.state]), ") scanned at registration.")
    elif opt == 6:
        d.line(r.choice(["Insurance claim no. ", "Claim #", "Disability claim "]), L("ID", digits(r, r.randint(8, 10))), " pending.")
    elif opt == 7:
        d.line(*c.plan_items(), "; ", *c.account_items())
    elif opt == 8:
        d.line(r.choice(["Pt's car (", "Valet ticket for pt's car (", "Vehicle towed ("]), *c.vehicle_items(), ") ",
               r.choice(["in visitor garage, level 3.", "lot B.", "- family to pick up."]))
    elif opt == 9:
        d.line(r.choice(["SSN: ", "SS#: ", "Social Security #: ", "SSN (for disability forms): "]), c.ssn(),
               r.choice(["", " - verified", " (last 4 only on file)"]))
    elif opt == 10:
        d.line(r.choice(["Pt email: ", "Preferred contact: email ", "E-mail on file: "]), c.email(),
               r.choice(["", "; portal enrolled", " (ok to send results)"]))
    elif opt == 11:
        d.line(r.choice(["Portal link sent: ", "Telehealth link: ", "Education handout: "]), c.url(),
               *([" (login from ", L("IP", ip(r)), ")"] if r.random() < 0.4 else []))
    else:
        d.line("Pt's ", c.rel_type, " email ", c.email(c.rel), r.choice([" ", ", cell ", " / "]),
               *([c.phone()] if r.random() < 0.5 else []))


def addendum_block(c: Ctx, d: Doc, kind: str):
    """Extra content used to reach the target length; mixes PHI and hard negatives."""
    r = c.rng
    w = [2, 1.5, 1, 1.2, 2, 1, 1, 1, 1.2, 1]
    if kind in ("referral_letter", "portal_message", "telephone_encounter", "med_rec"):
        w = [1, 0.3, 0, 1.5, 2.5, 0, 1.2, 0, 1.2, 0.3]
    used = c.__dict__.setdefault("_add_used", {})
    for i in range(len(w)):
        if used.get(i, 0) >= 2:
            w[i] = 0
    if not any(w):
        w = [0, 0, 0, 0, 1, 0, 0, 0, 0, 0]
    opt = r.choices(range(10), w)[0]
    used[opt] = used.get(opt, 0) + 1
    d.line()
    if opt == 0:
        d.line(r.choice(["ADDENDUM ", "Addendum ", "Late entry ", "Interval note "]), *c.Dt(shift(c.date, r.randint(0, 2))), ": ",
               *c.pt_ref(), " ", r.choice(["seen again; ", "re-examined; ", "reassessed at bedside; "]), neg_sentence(r), " ", neg_sentence(r), " ",
               *r.choice([["Discussed with ", *c.dr(c.attending, r.choice(["last", "full", "il"]))],
                          ["Plan reviewed with ", c.rel_type, " ", c.name(c.rel, r.choice(["first", "full"]))],
                          [neg_sentence(r)]]), ".")
    elif opt == 1:
        d.line(r.choice(["Labs ", "LABS ", "Lab results "]), c.D(shift(c.date, -r.randint(0, 3)), r.choice(["md", "mdy", "mon_d"])), " ", fmt_time(r), ": ", labs(r))
        if r.random() < 0.5:
            d.line(abg(r), r.choice([" on ", " - "]), vent(r))
    elif opt == 2:
        d.line("Vitals trend:")
        for _ in range(r.randint(2, 4)):
            d.line(r.choice(["  ", "	", "- "]), fmt_time(r), r.choice(["  ", "	", " | "]), vitals(r))
    elif opt == 3:
        family_line(c, d)
        if r.random() < 0.6:
            d.line(*c.social_items())
    elif opt == 4:
        random_admin_line(c, d, 1.0)
        random_admin_line(c, d, 0.6)
    elif opt == 5:
        d.line(r.choice(["Hospital course by day:", "Timeline:", "Interval history:"]))
        base = shift(c.date, -r.randint(3, 20))
        for i in range(r.randint(2, 4)):
            dd = shift(base, i * r.randint(1, 4))
            d.line(r.choice(["- ", "  ", "* "]), c.D(dd, r.choice(["md", "md", "mdyy", "mon_d", "iso"])), ": ", r.choice([
                "CT A/P neg.", "started vanc/zosyn.", "extubated to 4L NC.", "transfused 1u PRBC.", "Cr peaked 2.4.",
                "seen by PT, 1 assist.", "K 3.1 repleted.", "INR 3.8, warfarin held.", "PICC placed.", "NPO for EGD."]))
    elif opt == 6:
        d.line(r.choice(["Contact information:", "Demographics updated:", "Address on file:"]))
        a1, a2 = c.address_items()
        d.line("  ", *a1)
        d.line("  ", *a2)
        d.line("  ", r.choice(["Home ", "Cell ", "Ph: ", "Mobile: "]), c.phone(), *([r.choice(["   Email: ", "  "]), c.email()] if r.random() < 0.5 else []))
    elif opt == 7:
        d.line("Exam: ", r.choice(EPONYM_SENTENCES), " ", r.choice(EPONYM_SENTENCES), " ", r.choice(NEG_MISC), " ", r.choice(COMMON_WORD_SENTENCES))
    elif opt == 8:
        d.line(r.choice(["Previous records:", "Outside records reviewed:"]), " ", c.fac_mention(c.facility()), " ", c.D(shift(c.date, -r.randint(60, 3000)), r.choice(["mon_year", "mdy", "mmddyyyy", "long"])),
               r.choice(["; ", " - "]), r.choice(["EF 40%.", "colonoscopy with 2 TAs.", "PFTs FEV1 58% predicted.", "stress test neg."]),
               " Prior PCP ", *c.dr(c.person(), r.choice(["full", "last"])), *([" in ", L("LOCATION", r.choice(c.P.cities)[0])] if r.random() < 0.5 else []), ".")
    else:
        d.line("Meds given: ", "; ".join(med_line(r) for _ in range(r.randint(2, 5))), ". ", r.choice(["Tolerated well.", "Hope to wean pressors.", "Will recheck in AM."]))


def pmh_block(c: Ctx, d: Doc, bullets=None):
    r = c.rng
    b = bullets if bullets is not None else r.choice(["- ", "* ", "• ", "", "  - ", "1. "])
    items = r.sample(PMH_PLAIN, r.randint(3, 7))
    lines = [[x] for x in items]
    for _ in range(r.randint(1, 3)):
        lines.insert(r.randrange(len(lines) + 1), c.year_ctx())
    if b == "":
        d.line(*sum(([*ln, ", "] for ln in lines[:-1]), []), *lines[-1])
    else:
        for i, ln in enumerate(lines):
            d.line(b if b != "1. " else f"{i + 1}. ", *ln)


def med_block(c: Ctx, d: Doc, n=None):
    r = c.rng
    b = r.choice(["- ", "• ", "", "* "])
    for drug in r.sample(DRUGS, n or r.randint(3, 8)):
        d.line(b, med_line(r, drug))


def family_line(c: Ctx, d: Doc):
    r = c.rng
    rel, rt = c.rel, c.rel_type
    opts = [
        ["Spoke with ", rt, " ", c.name(rel, r.choice(["full", "first", "full"])), " at ", c.phone(), "."],
        ["HCP: ", c.name(rel, r.choice(["full", "lf", "fml"])), " (", rt, ") ", c.phone()],
        ["Family meeting held with ", rt, " ", c.name(rel, "full"), " and ", c.name(c.person(), "first"), "."],
        ["Emergency contact: ", c.name(rel, "full"), ", ", rt, ", cell ", c.phone()],
        ["Updated ", c.name(rel, "first"), " (", rt, ") by phone; ", c.name(rel, "first"), "'s questions answered."],
        [c.name(rel, "full"), " (", rt, ") is HCP, lives in ", L("LOCATION", r.choice(c.P.cities)[0]), "."],
    ]
    if r.random() < 0.25:
        rel_age = r.choice([r.randint(90, 99), under_age(r)])
        opts.append(["Pt's ", r.choice(["mother", "father", "aunt", "husband"]), " ", c.name(c.person(last=c.pt.last), "first"), ", ", *age_items(r, rel_age, r.choice(["yo", "aged", "y/o"])), ", also lives in the home."])
    d.line(*r.choice(opts))


# --------------------------------------------------------------------------
# Document kinds
# --------------------------------------------------------------------------

COMPLAINTS = [("chest pain", "NSTEMI", "cardiac cath with DES x1 to the LAD"),
              ("dyspnea", "acute on chronic HFrEF exacerbation", "IV diuresis with net -6 L"),
              ("fever and productive cough", "CAP", "ceftriaxone/azithro, transitioned to PO"),
              ("RUQ pain", "acute cholecystitis", "lap chole on HD2"),
              ("confusion", "urosepsis", "IVF and ceftriaxone; cultures grew E. coli"),
              ("mechanical fall", "L femoral neck fx", "L hemiarthroplasty by Ortho"),
              ("polyuria, vomiting", "DKA", "insulin gtt per protocol, gap closed in 14h"),
              ("melena", "upper GI bleed from duodenal ulcer", "EGD with clip x2, PPI gtt"),
              ("syncope", "syncope, likely orthostatic", "tele without events, TTE unremarkable"),
              ("R-sided weakness", "L MCA ischemic stroke", "tPA not given (outside window), MRI confirmed"),
              ("LLE redness", "cellulitis", "IV cefazolin -> cephalexin"),
              ("wheezing", "COPD exacerbation", "nebs, prednisone 40 mg x5d, azithro"),
              ("palpitations", "afib with RVR", "diltiazem gtt then PO, started apixaban"),
              ("tremor, diaphoresis", "EtOH withdrawal", "CIWA protocol, thiamine, folate")]


def k_discharge(c: Ctx, d: Doc):
    r = c.rng
    admit = shift(c.date, -r.randint(2, 14))
    cc, dx, course = r.choice(COMPLAINTS)
    header(c, d, r.choice(["DISCHARGE SUMMARY", "Discharge Summary", "DISCHARGE SUMMARY - " + c.fac[0].upper()]) if r.random() < 0.8 else None)
    d.line("Admission Date: ", c.D(admit), "    Discharge Date: ", c.D(c.date))
    d.line("Attending: ", *c.dr(c.attending, r.choice(["full", "lf", "fml"])))
    if r.random() < 0.5:
        d.line("PCP: ", *c.dr(c.pcp), " at ", c.fac_mention(c.fac2))
    d.line()
    d.line("HISTORY OF PRESENT ILLNESS:")
    d.line(*c.pt_ref(r.choice(["title", "full", "nick"])), " is a ", *age_items(r, c.age, r.choice(["year-old", "year old", "yo", "y/o", "words", "y.o."]), sex=c.pt.sex), " ",
           r.choice(["man", "gentleman"] if c.pt.sex == "M" else ["woman", "lady"]) if r.random() < 0.8 else "pt", " with PMH of ", ", ".join(r.sample(PMH_PLAIN, 3)), " and ",
           *c.year_ctx(), " who presented to ", c.fac_mention(), " on ", *c.Dt(admit), " with ", cc, ". ",
           r.choice(["", "Per " + c.rel_type + ", symptoms began ~3 days prior. "]),
           "In the ED: ", vitals(r), ".")
    if r.random() < 0.5:
        d.line("Labs notable for ", labs(r), ".")
    if r.random() < 0.4:
        d.line("Transferred from ", c.fac_mention(c.fac2), " for further management.")
    d.line()
    d.line("PAST MEDICAL HISTORY:")
    pmh_block(c, d)
    d.line()
    d.line("HOSPITAL COURSE:")
    d.line("# ", dx.capitalize(), ": treated with ", course, ". ", neg_sentence(r), " ", neg_sentence(r))
    if r.random() < 0.6:
        d.line("# ", r.choice(["AKI", "Hyponatremia", "Delirium", "Anemia"]), ": ", r.choice([
            "resolved with IVF, Cr 1.8 -> 1.1.", "Na 127 -> 134 with fluid restriction 1.5 L.",
            "CAM positive on HD3, improved with reorientation and sleep hygiene.", "Hgb nadir 7.2, transfused 1u PRBC."]),
            *([" Repeat labs ", c.D(shift(admit, 2), "md"), " stable."] if r.random() < 0.3 else []))
    if r.random() < 0.5:
        d.line(r.choice(["Seen by ", "Discussed with ", "Consulted "]), c.dr(c.resident, "last"), r.choice([" (Cardiology)", " (GI)", " of Renal", ""]), " on ", c.D(shift(admit, 1), r.choice(["md", "mon_d"])), ".")
    else:
        d.line(neg_sentence(r))
    if r.random() < 0.3:
        d.line("Social work involved; ", *c.social_items())
    d.line()
    d.line("DISCHARGE MEDICATIONS:")
    med_block(c, d)
    d.line()
    d.line("DISPOSITION: ", r.choice(["Home with services", "Home", "SNF", "Acute rehab"]),
           *([" - ", c.fac_mention(c.facility(), False)] if r.random() < 0.5 else []))
    d.line("FOLLOW-UP:")
    d.line("- ", *c.dr(c.pcp, r.choice(["full", "last"])), " in 1-2 weeks, ", c.phone())
    if r.random() < 0.5:
        ln1, ln2 = c.address_items()
        d.line("  ", c.fac_mention(c.fac2, False), ", ", *ln1)
        d.line("  ", *ln2)
    if r.random() < 0.4:
        d.line("- Cardiology clinic ", *c.Dt(shift(c.date, r.randint(7, 40)), r.choice(["long", "mdy", "mon_th", "long_noyear"])), ". Fax records to ", c.fax(), ".")
    random_admin_line(c, d, 0.4)
    family_line(c, d) if r.random() < 0.5 else None
    signature(c, d)
    return {}


def k_progress(c: Ctx, d: Doc):
    r = c.rng
    header(c, d, r.choice(["Progress Note", "PROGRESS NOTE", "Hospital Medicine Progress Note", "Daily Progress Note - HD#" + str(r.randint(2, 12))]), 0.3)
    d.line("Date: ", *c.Dt(c.date))
    d.line()
    d.line(r.choice(["S: ", "Subjective: ", "SUBJECTIVE\n"]), *c.pt_ref(), r.choice([
        " reports feeling better today. ", " c/o poor sleep overnight. ", " denies CP, SOB. ", " states 'I want to go home.' "]),
        r.choice(["Pain ", "pain "]) + f"{r.randint(0, 9)}/10. ", neg_sentence(r))
    if r.random() < 0.5:
        d.line(r.choice(["Overnight: ", "ON: "]), r.choice(["febrile to 101.4 at 0200", "uneventful", "rapid response called at 0345 for hypotension, resolved with 500 mL bolus"]),
               ". ", *([c.name(c.rel, r.choice(["first", "full"])), " (", c.rel_type, ") at bedside."] if r.random() < 0.5 else [""]))
    d.line()
    d.line(r.choice(["O: ", "Objective:\n", "OBJECTIVE: "]), vitals(r))
    d.line(r.choice(["Gen: NAD. ", "General: alert, oriented x3. "]), r.choice(EPONYM_SENTENCES), " ", r.choice(EPONYM_SENTENCES))
    d.line("Labs: ", labs(r))
    if r.random() < 0.3:
        d.line(abg(r), " on ", vent(r))
    d.line()
    d.line(r.choice(["A/P: ", "Assessment/Plan:\n", "A&P\n"]), *c.pt_ref(r.choice(["title", "first", "full"])), " ", *age_items(r, c.age, r.choice(["yo", "y/o", "year old", "yoM"]), sex=c.pt.sex), " with ", r.choice(COMPLAINTS)[1], ".")
    for i in range(r.randint(2, 4)):
        code, desc = r.choice(ICD)
        d.line(f"{i + 1}. {desc} ({code}) - ", r.choice([
            "continue current regimen.", "will follow up repeat labs in AM.", "May consider ID consult if febrile.",
            "appreciate Cards recs.", "titrate meds, goal BP <130/80.", "1:1 sitter for safety.",
            "wean O2 as tolerated, goal SpO2 92-96%.", "f/u cultures."]))
    if r.random() < 0.5:
        d.line("Dispo: pending PT eval; anticipate d/c to ", c.fac_mention(c.facility(), True), " ", *(["on ", c.D(shift(c.date, r.randint(1, 3)), r.choice(["md", "mon_d"]))] if r.random() < 0.4 else [r.choice(["tomorrow", "in 1-2 days"])]))
    if r.random() < 0.4:
        family_line(c, d)
    random_admin_line(c, d, 0.35)
    d.line()
    d.line(*c.dr(c.resident, r.choice(["full", "il"]), r.choice(["doc", "np"])), ", ", r.choice(["PGY-1", "PGY-2", "intern", "covering"]), " ", *c.pager())
    if r.random() < 0.5:
        d.line("Attending attestation: I saw and examined the patient with ", *c.dr(c.resident, "last"), " and agree with the plan. ", *c.dr(c.attending, "full"))
    return {}


def k_radiology(c: Ctx, d: Doc):
    r = c.rng
    exam = r.choice(["CT CHEST WITH CONTRAST", "CXR PA AND LATERAL", "MRI BRAIN WITHOUT CONTRAST", "CT ABDOMEN/PELVIS W/ CONTRAST",
                     "US RUQ", "CTA HEAD AND NECK", "XR L HIP 2 VIEWS", "MRI L-SPINE W/WO", "PORTABLE CXR"])
    header(c, d, "RADIOLOGY REPORT" if r.random() < 0.6 else None, 0.2)
    d.line("Exam: ", exam, r.choice(["", f"    CPT {r.choice(CPT)}"]))
    d.line("Accession: ", L("ID", f"{r.choice(['RAD', 'CT', 'MR', 'A'])}{digits(r, r.randint(7, 9))}") if r.random() < 0.8 else L("ID", f"{digits(r, 2)}-{digits(r, 7)}"))
    d.line("Date of exam: ", *c.Dt(c.date, r.choice(["mmddyyyy", "mdy", "iso", "DD-MON-YYYY"])), "    Performed at: ", c.fac_mention())
    d.line("Ordering provider: ", *c.dr(c.resident, r.choice(["lf", "full", "il"])), *([", ", c.phone()] if r.random() < 0.3 else []))
    d.line()
    d.line("CLINICAL HISTORY: ", *age_items(r, c.age, r.choice(["yo", "y/o", "year-old", "years old"]), sex=c.pt.sex), " ", "male" if c.pt.sex == "M" else "female", " with ", r.choice(["cough", "fall", "headache", "RUQ pain", "back pain", "SOB"]), r.choice([", r/o PNA.", ", eval for fx.", ", r/o bleed.", "."]))
    d.line("COMPARISON: ", r.choice(["None.", "None available."]) if r.random() < 0.3 else c.D(shift(c.date, -r.randint(30, 2000))), *([" from ", c.fac_mention(c.fac2)] if r.random() < 0.3 else []))
    d.line("TECHNIQUE: ", r.choice(["Axial images with 80 mL Omnipaque 350.", "Standard PA and lateral views.", "Multiplanar multisequence imaging.", "Grayscale and Doppler imaging."]),
           r.choice(["", " DLP 412 mGy-cm.", " Contrast: 100 mL Isovue-370."]))
    if r.random() < 0.2:
        d.line("MR safety: pt has ", *c.device_items(), ", MR-conditional, cleared per protocol.")
    d.line()
    d.line("FINDINGS:")
    for _ in range(r.randint(2, 5)):
        d.line(r.choice(["Lungs: ", "Heart: ", "Pleura: ", "Bones: ", "Liver: ", "Gallbladder: ", "Brain: ", "Lines/tubes: "]), r.choice([
            "No focal consolidation. ", "Stable 4 mm RUL nodule (series 3, image 45). ", "Cardiomegaly, CTR 0.6. ",
            "Small L effusion. ", "Degenerative changes L4-5. ", "Cholelithiasis without wall thickening; sonographic Murphy's sign negative. ",
            "No acute intracranial hemorrhage. ", "ETT 4 cm above the carina; NGT in stomach; R IJ tip at cavoatrial junction. ",
            "Hepatic steatosis. ", "Chronic small vessel ischemic changes. ", "Swan-Ganz catheter tip in the R PA. ",
            "Moderate compression fx T12, unchanged from ", ]),
            *([c.D(shift(c.date, -r.randint(100, 900)), r.choice(["mdyy", "mon_year", "iso"])), "."] if r.random() < 0.2 else []))
    d.line()
    d.line("IMPRESSION:")
    d.line("1. ", r.choice(["No acute cardiopulmonary process.", "Findings c/w multifocal pneumonia.", "Acute L femoral neck fracture.",
                            "No PE. Incidental 6 mm RLL nodule; per Fleischner, f/u CT in 6-12 months.", "Acute cholecystitis."]))
    if r.random() < 0.5:
        d.line("2. Findings discussed with ", *c.dr(c.resident, r.choice(["full", "last", "il"])), " by phone at ", fmt_time(r), " on ", c.D(c.date, r.choice(["md", "mdy"])), ".")
    if r.random() < 0.25:
        d.line("Key images: ", *c.photo_items()[1:] if False else c.photo_items())
    if r.random() < 0.3:
        d.line("Read at workstation ", L("IP", ip(r)), " (", r.choice(["PACS", "home read", "teleradiology"]), ").")
    d.line()
    d.line("Dictated by: ", *c.dr(c.attending, r.choice(["full", "fml", "lf"])), r.choice(["", "  " ]), *([" ", *c.license_items(c.attending)] if r.random() < 0.2 else []))
    return {}


def k_pathology(c: Ctx, d: Doc):
    r = c.rng
    header(c, d, r.choice(["SURGICAL PATHOLOGY REPORT", "Pathology Report", "CYTOLOGY REPORT"]), 0.2)
    d.line("Case #: ", L("ID", f"{r.choice(['S', 'SP', 'C', 'NS'])}{c.date.year % 100:02d}-{digits(r, r.randint(4, 6))}"))
    d.line("Collection Date: ", L("DATE", fmt_date(r, c.date, r.choice(["compact", "mmddyyyy", "iso", "compact"]))),
           "\tReceived: ", c.D(shift(c.date, r.randint(0, 2)), r.choice(["compact", "mmddyyyy", "mdy"])))
    d.line("Submitting physician: ", *c.dr(c.attending, r.choice(["lf", "full", "il"])), " (", c.fac_mention(), ")")
    if r.random() < 0.3:
        d.line("Copy to: ", *c.dr(c.pcp, "full"), ", fax ", c.fax())
    d.line()
    site = r.choice(["Prostate, needle biopsies (12 cores)", "Colon, sigmoid, polypectomy", "Skin, L forearm, shave",
                     "Breast, R, 10 o'clock, core biopsy", "Lymph node, L axillary, excision", "Gallbladder, cholecystectomy",
                     "Lung, RUL, wedge resection", "Appendix, appendectomy"])
    d.line("SPECIMEN: ", site)
    d.line("CLINICAL HISTORY: ", *age_items(r, c.age, r.choice(["yo", "y/o", "year-old", "y.o."]), sex=c.pt.sex), " ", c.pt.sex, ", ", r.choice(["elevated PSA 7.2", "screening colonoscopy", "changing nevus", "BI-RADS 4 mass", "lymphadenopathy", "RUQ pain"]), ".")
    d.line()
    d.line("FINAL DIAGNOSIS:")
    d.line(r.choice([
        "Adenocarcinoma, Gleason score 3+4=7 (Grade Group 2), involving 3 of 12 cores (15%).",
        "Tubular adenoma; negative for high-grade dysplasia.",
        "Malignant melanoma, superficial spreading type, Breslow depth 0.8 mm, Clark level III; margins negative.",
        "Invasive ductal carcinoma, Nottingham grade 2 (3+2+1=6/9); ER 95%, PR 40%, HER2 1+.",
        "Classic Hodgkin lymphoma, nodular sclerosis type; Reed-Sternberg cells CD15+/CD30+.",
        "Chronic cholecystitis with cholelithiasis.",
        "Acute appendicitis with periappendicitis.",
        "Non-small cell carcinoma, favor adenocarcinoma; TTF-1 positive, p40 negative."]))
    d.line()
    d.line("GROSS DESCRIPTION:")
    d.line("Received in formalin labeled with the patient's name (", c.name(c.pt, r.choice(["LF", "lf", "full"])), ") and MRN, ",
           r.choice(["multiple tan cores 0.8-1.6 cm", "a 2.1 x 1.4 x 0.6 cm polypoid fragment", "an ellipse of skin 1.5 x 0.6 cm"]),
           ". Entirely submitted in ", r.choice(["cassettes A1-A6", "1 cassette", "A1-A12"]), ". Gram stain not performed. ", r.choice(["", "Ratio tumor:stroma 1:1."]))
    d.line()
    if r.random() < 0.5:
        d.line("Intraoperative consultation communicated to ", *c.dr(c.resident, r.choice(["last", "full"])), " at ", fmt_time(r), ".")
    if r.random() < 0.3:
        d.line("Gross photograph: ", L("PHOTO", f"{r.choice(['GP', 'IMG_', 'SP'])}{digits(r, 6)}.{r.choice(['jpg', 'tif'])}"))
    if r.random() < 0.3:
        d.line("Block ", L("ID", f"{r.choice(['S', 'SP'])}{c.date.year % 100:02d}-{digits(r, 5)} A3"), " sent for MMR IHC.")
    d.line()
    d.line("Pathologist: ", *c.dr(c.attending, r.choice(["fml", "full"])), " ", r.choice(["", "Signed out "]), c.D(shift(c.date, r.randint(1, 5)), r.choice(["mmddyyyy", "long"])))
    return {}


def k_icu_nursing(c: Ctx, d: Doc):
    r = c.rng
    case = r.choice(["upper", "upper", "lower", None])
    ab = lambda: r.choice(["PT", "PT", "pt", "PATIENT"])
    d.line(r.choice(["NPN ", "Nursing Progress Note ", "MICU NSG NOTE ", "CCU NURSING ", "SICU RN note "]), fmt_time(r) if r.random() < 0.5 else "", r.choice(["0700-1900", "7P-7A", "1900-0700", ""]))
    d.line(ab(), " ", *age_items(r, c.age, r.choice(["yoM", "yo", "y/o"]), sex=c.pt.sex), " ", r.choice(["TRANSFERRED FROM ", "ADMITTED FROM ", "S/P TRANSFER FROM ", "TX'D FROM "]),
           c.fac_mention(c.fac2), " FOR ", r.choice(["CATH", "CABG EVAL", "HYPOTENSION", "RESP FAILURE", "GI BLEED", "UROSEPSIS"]), " ", c.D(shift(c.date, -r.randint(0, 5)), r.choice(["md", "md", "mdyy"])),
           ", PMH: ", r.choice(["CAD", "COPD", "DM2, HTN", "AFIB, CHF"]), " ", *c.year_ctx(r.choice(["S/P CABG", "S/P MI", "S/P APPY", "CABG", "MI"])), ", ", r.choice(["HTN", "HLD", "CKD"]), ".")
    d.line()
    d.line("NEURO: ", r.choice(["A+OX3, MAE, PERRL.", "SEDATED ON PROPOFOL, RASS -2, PERRL 3MM BRISK.", "ALERT, FOLLOWS COMMANDS, MAE, NO FOCAL DEFICITS.", "CAM-ICU POS, REORIENTED FREQ."]))
    d.line("CV: ", r.choice(["NSR 70-80S", "AFIB 90-110S", "SR 60S W/ OCC PVCS", "ST 100-110S"]), ", ", vitals(r), ". ",
           r.choice(["+PP. ", "PULSES DOPPLERABLE. ", "SWAN-GANZ: CO 4.2, CI 2.1, PCWP 18. ", "HEPARIN GTT @ 900 U/HR, PTT 72. "]))
    d.line("RESP: ", r.choice(["LS CLEAR, ", "COARSE BILAT, ", "DIMINISHED BASES, "]), r.choice([vent(r), "4L NC", "40% FM", "RA"]), ". ", abg(r), ". ", r.choice(["SX FOR THICK TAN SPUTUM.", "NO RESP DISTRESS.", "RR 16-22."]))
    d.line("GI/GU: ", r.choice(["ABD SOFT, NT, +BS. ", "TF @ GOAL 60ML/HR. ", "NPO. "]), r.choice(["FOLEY DRAINING CLEAR YELLOW URINE 30-60CC/HR.", "UOP 40ML/HR.", "VOIDING QS."]), " ", r.choice(["", "K 3.4 REPLETED W/ 20 MEQ.", "MG 1.7, 2G IV GIVEN."]))
    d.line("ID: ", r.choice(["TMAX 101.2, CX PENDING.", "AFEBRILE. ON VANC/ZOSYN.", "WBC 14.2 <- 17.8."]))
    if r.random() < 0.35:
        d.line("SKIN: ", r.choice(["STAGE 2 TO COCCYX, ", "INTACT. ", "R HEEL BLANCHABLE. "]), *([r.choice(["", "WOUND "]) + "PHOTO TAKEN ", L("PHOTO", f"IMG_{digits(r, 4)}.JPG"), ", ", "UPLOADED TO CHART."] if r.random() < 0.5 else ["MEPILEX APPLIED."]))
    d.line()
    soc = [
        ["SOCIAL: ", r.choice(["SPOKE WITH ", "UPDATED ", "CALLED "]), c.rel_type.upper(), " ", c.name(c.rel, r.choice(["first", "first", "full"])), " ",
         r.choice(["", "AT ", "@ "]), *( [c.phone()] if r.random() < 0.5 else []), r.choice([". ", ", "]),
         r.choice(["FAMILY AWARE OF PLAN.", "WILL VISIT IN AM.", "QUESTIONS ANSWERED.", "REQUESTS CALL W/ CHANGES."])],
        ["FAMILY: ", c.name(c.rel, "first"), " AND ", c.name(c.person(last=c.pt.last), r.choice(["first", "full"])), " IN TO VISIT, ", r.choice(["SUPPORTIVE.", "UPSET RE: PROGNOSIS, SW PAGED.", "CODE STATUS DISCUSSED."])],
    ]
    d.line(*r.choice(soc))
    if r.random() < 0.4:
        d.line("HCP IS ", c.rel_type.upper(), " ", c.name(c.rel, "full"), ". ", c.name(c.rel, "first"), " WORKS AT ", c.org("company"), " AND CAN BE REACHED AT ", c.phone(), ".")
    if r.random() < 0.3:
        d.line("MD ", c.name(c.resident, r.choice(["last", "first", "il"])), " AWARE OF ", r.choice(["HYPOTENSION", "LOW UOP", "K 3.1", "FEVER"]), ", ", r.choice(["NS 500ML BOLUS GIVEN.", "NO NEW ORDERS.", "WILL RECHECK @ 2200."]))
    d.line("PLAN: ", r.choice(["CONT CURRENT PLAN, ", "WEAN FIO2 AS TOL, ", "MONITOR LYTES, ", "AM LABS, "]), r.choice(["POSS TRANSFER TO FLOOR IN AM.", "FAMILY MTG ", "CALL HO W/ CHANGES."]),
           *([c.D(shift(c.date, 1), r.choice(["md", "mon_d"])), " @ 1400."] if r.random() < 0.3 else []))
    random_admin_line(c, d, 0.25)
    d.line(c.name(c.nurse, r.choice(["full", "il", "first", "ilnodot"])), r.choice([", RN", " RN", "", " R.N."]))
    return {"case": case}


def k_referral(c: Ctx, d: Doc):
    r = c.rng
    spec = r.choice(["Cardiology", "Gastroenterology", "Neurology", "Orthopedics", "Dermatology", "Pulmonology", "Rheumatology", "Oncology"])
    ln1, ln2 = c.address_items()
    d.line(c.fac_mention(c.fac2, False))
    d.line(*ln1)
    d.line(*ln2)
    d.line("Tel ", c.phone(), "   Fax ", c.fax())
    if r.random() < 0.4:
        d.line(c.url())
    d.line()
    d.line(c.D(c.date, r.choice(["long", "long", "mdy", "dmy_abbr", "long_th"])))
    d.line()
    d.line(*c.dr(c.attending, "full"))
    d.line(spec, ", ", c.fac_mention(c.fac, False))
    la, lb = c.address_items()
    d.line(*la)
    d.line(*lb)
    d.line()
    d.line("RE: ", c.name(c.pt, r.choice(["full", "fml", "LF"])), "   DOB: ", c.D(c.dob, r.choice(["mmddyyyy", "mdy", "long"])), "   MRN: ", L("MRN", c.mrn))
    if r.random() < 0.5:
        d.line("Insurance: ", r.choice(["Medicare", "MassHealth", "BCBS PPO", "Tufts HMO", "Medicaid", "Aetna"]), " ", *c.plan_items())
    d.line()
    d.line("Dear ", r.choice(["Dr. ", "Dr "]), c.name(c.attending, r.choice(["last", "last", "full"])), ",")
    d.line()
    d.line("Thank you for seeing ", *c.pt_ref(r.choice(["title", "full"])), ", a ", *age_items(r, c.age, r.choice(["year-old", "year old", "words", "y/o"]), sex=c.pt.sex),
           " ", r.choice(["woman" if c.pt.sex == "F" else "man", "patient"]), " whom I follow for ", ", ".join(r.sample(PMH_PLAIN, 2)), ". ",
           r.choice(["", "She " if c.pt.sex == "F" else "He "]) + r.choice(["has had progressive dyspnea since ", "was seen at ", "reports symptoms since "]),
           *( [c.D(shift(c.date, -r.randint(20, 400)), r.choice(["mon_year", "long_noyear", "mdy"])), ". "] ),
           neg_sentence(r))
    d.line()
    d.line("Relevant history includes ", *c.year_ctx(), " and ", *c.year_ctx(), ". Current medications: ", "; ".join(med_line(r) for _ in range(r.randint(2, 4))), ".")
    d.line("Recent vitals: ", vitals(r), ". Labs ", c.D(shift(c.date, -r.randint(1, 30)), r.choice(["md", "mdy"])), ": ", labs(r), ".")
    d.line()
    if r.random() < 0.5:
        d.line(*c.social_items())
    d.line(r.choice(["I would appreciate your evaluation regarding ", "Please evaluate for "]), r.choice(["possible ablation.", "EGD/colonoscopy.", "EMG.", "TKR candidacy.", "biopsy of the lesion.", "PFTs and management."]),
           " ", r.choice(["Hope this helps.", "May call me directly with questions.", "Will forward records.", ""]),
           " My direct line is ", c.phone(), r.choice([".", " and email ", " "]), *([c.email(c.pcp, work=True), "."] if r.random() < 0.5 else []))
    d.line()
    d.line("Sincerely,")
    d.line()
    d.line(*c.dr(c.pcp, r.choice(["full", "fml"])))
    if r.random() < 0.5:
        d.line(*c.license_items(c.pcp))
    d.line("cc: ", c.name(c.pt, "full"), ", ", *c.address_items()[0], r.choice(["", "; chart"]))
    random_admin_line(c, d, 0.25)
    return {}


PORTAL_OPENERS = ["Hi Dr. ", "Hello Dr ", "Dear Dr. ", "hi dr ", "Good morning Dr. ", "Hey Dr. "]
PORTAL_BODIES = [
    "I've been having really bad heartburn again since last week and the omeprazole isnt helping.",
    "my blood sugars have been running high like 250-300 in the mornings. should I up the lantus??",
    "The rash on my arm is spreading, it's red and itchy. I attached a pic.",
    "I ran out of my metoprolol and the pharmacy says I need a new rx.",
    "my mom is more confused since the new med, is that normal?",
    "I had a fall yesterday but im ok, just bruised. BP at home 150/95.",
    "Can you send a letter for work saying I can return on light duty?",
    "the swelling in my legs is worse, weight up 4 lbs.",
    "just wanted to say thank you for everything!! feeling much better",
    "Is it ok to take ibuprofen with my eliquis? my knee is killing me 5/10.",
]
EMOJI = ["🙂", "🙏", "😊", "😩", "👍", "❤️", "😅", "🤒", "😷", "💊"]
CJK_SNIPPETS = ["谢谢", "非常感谢", "妈妈", "ありがとう", "감사합니다", "cảm ơn bác sĩ"]


def k_portal(c: Ctx, d: Doc):
    r = c.rng
    d.line(r.choice(["Patient Message", "MyChart Message", "Portal message", "PATIENT PORTAL MESSAGE"]))
    d.line("From: ", c.name(c.pt, r.choice(["full", "full", "lf"])), " <", c.email(), ">")
    d.line("To: ", *c.dr(c.pcp, r.choice(["full", "lf"])), r.choice(["", " / ", " & team"]))
    d.line("Sent: ", *c.Dt(c.date, r.choice(["mdy", "long", "mmddyyyy", "iso"])))
    if r.random() < 0.5:
        d.line("Via: ", c.url(), r.choice(["", f" (IP {ip(r)})"]) if False else "", *([" from ", L("IP", ip(r))] if r.random() < 0.6 else []))
    d.line("Subject: ", r.choice(["question", "refill", "Re: test results", "RASH!!", "my mom", "work note", "follow up"]))
    d.line()
    d.line(r.choice(PORTAL_OPENERS), c.name(c.pcp, r.choice(["last", "last", "first", "misspell_last"])), r.choice([",", "!", "", " -"]))
    body = r.sample(PORTAL_BODIES, r.randint(1, 3))
    d.line(" ".join(body), r.choice(["", " " + r.choice(EMOJI)]))
    if r.random() < 0.4:
        d.line(*c.photo_items())
    if r.random() < 0.4:
        d.line(r.choice(["My daughter ", "my son ", "My husband ", "my wife "]), c.name(c.rel, r.choice(["first", "lower_first", "full"])), " can bring me, her number is ", c.phone(), r.choice([" ", " thx"]))
    if r.random() < 0.3:
        d.line(r.choice(["I'm staying at my sister's in ", "we're visiting family in ", "Im in "]), L("LOCATION", r.choice(c.P.cities + c.P.intl)[0]), " until ", c.D(shift(c.date, r.randint(3, 30)), r.choice(["md", "mon_th", "long_noyear", "mon_d"])), r.choice([" so ", ". "]), r.choice(["call my cell ", "text me at ", "my number here is "]), c.phone())
    if r.random() < 0.2:
        d.line(r.choice(CJK_SNIPPETS), " ", r.choice(EMOJI), " ", c.name(c.person(), "first"), r.choice([" helped me type this", " translated"]))
    if r.random() < 0.2:
        d.line("ps my new address is ", *c.address_items()[0], " ", *c.address_items()[1])
    if r.random() < 0.25:
        d.line("I work at ", c.org("company"), " and they need the form by ", c.D(shift(c.date, r.randint(2, 10)), r.choice(["md", "mon_d", "long_noyear"])), r.choice(["", " 🙏"]))
    if r.random() < 0.25:
        d.line("My insurance ", r.choice(["member", "ID", "policy"]), " # is ", L("HEALTH_PLAN", health_plan_value(r)), " if you need it")
    d.line(r.choice(["thanks,", "Thank you!", "Thx", "-", "Best,", "Sincerely"]))
    d.line(c.name(c.pt, r.choice(["first", "full", "nick", "lower_first"])))
    if r.random() < 0.7:
        d.line()
        d.line("---- Reply from ", *c.dr(c.pcp, r.choice(["full", "il"]), r.choice(["doc", "np", "rn"])), " ", *c.Dt(shift(c.date, r.randint(0, 2)), r.choice(["md", "mdy"])))
        d.line(r.choice(["Hi ", "Dear ", ""]), c.name(c.pt, r.choice(["first", "first", "nick"])), r.choice([",", " -"]), " ",
               *(["Will send the refill to your pharmacy today."] if r.random() < 0.4 else
                 [r.choice(["May need a visit for that - please call ", "Hope you feel better. Please schedule with the office: "]), c.phone(), "."]),
               " ", r.choice(COMMON_WORD_SENTENCES))
    return {"typo": True}


def k_ed_triage(c: Ctx, d: Doc):
    r = c.rng
    arrival = r.choice(["EMS", "Walk-in", "Private vehicle", "Police", "Ambulance"])
    d.line(r.choice(["ED TRIAGE NOTE", "Emergency Department Triage", "TRIAGE"]), r.choice(["  ", " - ", "\n", " @ "]), c.fac_mention())
    d.line("Arrival: ", *c.Dt(c.date, r.choice(["mdy", "mmddyyyy", "iso"])), "   Mode: ", arrival, "   ESI ", str(r.randint(1, 5)))
    d.line("Pt: ", c.name(c.pt, r.choice(["LF", "lf", "full", "FULLCAPS"])), "  ", *age_items(r, c.age, r.choice(["M/F", "yo", "Age:", "y/o"]), sex=c.pt.sex), "  MRN ", L("MRN", c.mrn))
    d.line()
    mv = r.random() < 0.35
    if mv:
        d.line("CC: MVC. Restrained driver, ", r.choice(["T-boned at ~30 mph", "rear-ended at low speed", "rollover"]), ", +airbag deployment, ", r.choice(["-LOC", "+LOC brief", "unknown LOC"]), ". ",
               "Per ", r.choice(["EMS", "State Police", "Officer " ]), *([c.name(c.person(), "last")] if r.random() < 0.5 else [""]), ", pt's vehicle ", *c.vehicle_items(), ".")
        if r.random() < 0.5:
            veh = c.vehicle_items()
            tail = r.choice(["", ", transported to "])
            fac = [c.fac_mention(c.fac2)] if r.random() < 0.4 else [""]
            # A facility only follows "transported to" (else it would glue onto the plate).
            d.line("Other driver ", *veh, tail, *(fac if tail else [""]), ".")
        if r.random() < 0.5:
            d.line("Police report ", L("ID", f"{r.randint(19, 24)}-{digits(r, 6)}"), "; pt's driver's license ", c.drivers_license(), ".")
    else:
        cc = r.choice(["CP", "SOB", "abd pain", "fall", "AMS", "syncope", "fever", "laceration to L hand", "HA", "weakness"])
        d.line("CC: ", cc, r.choice([" x2 days", " since this AM", " starting at 0300", " x 1 wk"]), ". ", r.choice(["Sent in from ", "BIBA from ", "Pt from "]), c.fac_mention(c.fac2), r.choice([" (NH)", "", " rehab"]), ".")
    d.line("Triage VS: ", vitals(r))
    d.line("Allergies: ", r.choice(["NKDA", "PCN (hives)", "sulfa, codeine", "shellfish", "latex"]), "   Wt ", str(r.randint(40, 140)), " kg")
    d.line("PMH: ", ", ".join(r.sample(PMH_PLAIN, 3)), ", ", *c.year_ctx())
    if r.random() < 0.4:
        d.line("Pt unable to provide ID; identity confirmed via ", *c.biometric_items(), r.choice([".", " on file."]))
    if r.random() < 0.35:
        d.line(*c.social_items())
    if r.random() < 0.5:
        d.line("Contact: ", c.name(c.rel, r.choice(["full", "lf"])), " (", c.rel_type, ") ", c.phone())
    if r.random() < 0.3:
        d.line("Employer: ", c.org("company"), " - ", r.choice(["work injury; WC claim ", "workers comp "]), L("ID", digits(r, r.randint(7, 10))), r.choice(["", f", adjuster {c.phone_str()}"]) if False else "")
    d.line(neg_sentence(r), " ", neg_sentence(r))
    d.line("Triage RN: ", c.name(c.nurse, r.choice(["full", "il", "lf"])), r.choice([", RN", " RN", ""]), "  ", fmt_time(r))
    random_admin_line(c, d, 0.35)
    return {}


def k_telephone(c: Ctx, d: Doc):
    r = c.rng
    d.line(r.choice(["TELEPHONE ENCOUNTER", "Telephone Encounter", "Phone Note", "Triage call"]))
    d.line("Date/Time: ", c.D(c.date, r.choice(["mmddyyyy", "mdy", "mdyy"])), " ", fmt_time(r))
    d.line("Caller: ", *r.choice([[c.name(c.pt, r.choice(["full", "lf"])), " (self)"], [c.name(c.rel, r.choice(["full", "first"])), f" ({c.rel_type})"]]), "   Callback: ", c.phone())
    d.line("Patient: ", c.name(c.pt, r.choice(["LF", "lf", "full"])), "   DOB ", c.D(c.dob, r.choice(["mmddyyyy", "mdy", "mdyy"])), "   MRN ", L("MRN", c.mrn))
    d.line()
    d.line("Reason: ", r.choice(["refill request", "question about labs", "new symptoms", "appointment", "FMLA paperwork", "fax records"]))
    d.line(*c.pt_ref(r.choice(["title", "first", "pt"])), r.choice([" called stating ", " reports ", " states "]), r.choice([
        "BP at home 168/94 this AM, HR 92. Denies CP/HA.", "blood sugar 48 this morning, drank juice, now 112.",
        "increased swelling in legs, weight up 3 lb over 2 days.", "she is out of lisinopril 10 mg.",
        "fever 101.3 since yesterday, mild cough.", "pain 7/10 at incision site, some redness."]), " ", neg_sentence(r))
    if r.random() < 0.4:
        d.line("Pharmacy: ", r.choice(["on ", "at "]), *c.address_items()[0], ", ", L("LOCATION", c.city), ", ph ", c.phone(), ", fax ", c.fax())
    if r.random() < 0.35:
        d.line("Records requested by ", c.fac_mention(c.fac2, False), r.choice([" - faxed to ", "; fax # "]), c.fax(), r.choice([" ", " attn: "]), *([c.name(c.person(), "full")] if r.random() < 0.5 else [""]))
    if r.random() < 0.5:
        d.line("Plan: ", r.choice(["Will route to PCP.", "Advised ED if worse.", "Refill sent x90 days.", "May take extra dose of furosemide 20 mg today."]))
    else:
        d.line("Plan: Appointment made for ", c.D(shift(c.date, r.randint(1, 14)), r.choice(["md", "mon_d", "long_noyear"])), " at ", fmt_time(r), ".")
    if r.random() < 0.4:
        d.line("Discussed with ", *c.dr(c.pcp, r.choice(["last", "full"])), r.choice(["", ", agrees."]))
    random_admin_line(c, d, 0.35)
    d.line(c.name(c.nurse, r.choice(["full", "il", "first"])), r.choice([", RN", " RN", ", MA", ", LPN"]), r.choice(["", " / ext. 4421", " x" + digits(r, 4)]))
    return {}


def k_medrec(c: Ctx, d: Doc):
    r = c.rng
    d.line(r.choice(["MEDICATION RECONCILIATION", "Medication Reconciliation - Admission", "Home Medication List"]))
    d.line("Patient: ", c.name(c.pt, r.choice(["LF", "lf", "full"])), "   MRN: ", L("MRN", c.mrn), "   DOB: ", c.D(c.dob, r.choice(["mmddyyyy", "iso", "mdy"])))
    d.line("Source: ", r.choice(["pt and ", "pharmacy fill history and ", "pill bottles and "]), c.rel_type, " ", c.name(c.rel, r.choice(["full", "first"])))
    d.line()
    tab = r.random() < 0.4
    cols = ["Medication", "Dose", "Route", "Freq", "Prescriber", "Last filled"]
    drugs = r.sample(DRUGS, r.randint(4, 8))
    presc = [c.pcp, c.attending, c.person()]
    rows = []
    for dd in drugs:
        p = r.choice(presc)
        rows.append((dd[0], dd[1], dd[2], dd[3], p.form(r, r.choice(["il", "last", "lf", "il"])), fmt_date(r, shift(c.date, -r.randint(1, 120)), r.choice(["mdyy", "mmddyyyy", "md", "iso"]))))
    if tab:
        d.line("\t".join(cols))
        for row in rows:
            d.line(*"\t".join(row[:4]), "\t", L("NAME", row[4]), "\t", L("DATE", row[5]))
    else:
        widths = [max(len(x[i]) for x in rows + [tuple(cols)]) + 2 for i in range(6)]
        d.line("".join(cols[i].ljust(widths[i]) for i in range(6)).rstrip())
        d.line("".join(("-" * (widths[i] - 2)).ljust(widths[i]) for i in range(6)).rstrip())
        for row in rows:
            d.line("".join(row[i].ljust(widths[i]) for i in range(4)), L("NAME", row[4]), " " * (widths[4] - len(row[4])), L("DATE", row[5]))
    d.line()
    if r.random() < 0.5:
        d.line("Pharmacy: ", r.choice(["CVS", "Walgreens", "Rite Aid", "hospital outpatient pharmacy"]), " ", c.phone(), r.choice(["  ", "  fax "]), *([c.fax()] if r.random() < 0.5 else []))
    d.line("Notes: ", r.choice(["Pt takes 1/2 tab of metoprolol when HR <60.", "Doses verified; insulin 0.5 mL from pen.", "Stopped aspirin 81 mg ", "Holding apixaban for procedure."]),
           *([c.D(shift(c.date, -r.randint(2, 30)), "md"), "."] if r.random() < 0.3 else []), " ", neg_sentence(r))
    if r.random() < 0.3:
        d.line("Insulin pump: ", *c.device_items()[1:] if False else c.device_items())
    if r.random() < 0.3:
        d.line(*c.plan_items(), r.choice(["", " (Part D)"]))
    d.line("Reconciled by: ", c.name(c.nurse, r.choice(["full", "il"])), r.choice([", PharmD", ", RN", ", CPhT"]), " ", c.D(c.date, r.choice(["md", "mdy"])), " ", fmt_time(r))
    random_admin_line(c, d, 0.3)
    return {}


def k_operative(c: Ctx, d: Doc):
    r = c.rng
    proc = r.choice([("dual chamber pacemaker implantation", "pacemaker"), ("L total hip arthroplasty", "hip"),
                     ("laparoscopic cholecystectomy", "chole"), ("R TKA", "knee"), ("ICD generator change", "icd"),
                     ("Whipple procedure (pancreaticoduodenectomy)", "whipple"), ("insulin pump site revision", "pump")])
    header(c, d, r.choice(["OPERATIVE NOTE", "Operative Report", "BRIEF OP NOTE"]), 0.3)
    d.line("Date of surgery: ", c.D(c.date, r.choice(["mmddyyyy", "mdy", "long", "DD-MON-YYYY"])), "   Location: ", c.fac_mention(), " OR ", str(r.randint(1, 24)))
    d.line("Surgeon: ", *c.dr(c.attending, r.choice(["full", "fml", "lf"])))
    d.line("Assistant: ", *c.dr(c.resident, r.choice(["full", "il"]), r.choice(["doc", "np"])))
    d.line("Anesthesia: ", r.choice(["GETA", "MAC", "spinal", "local w/ sedation"]), " - ", *c.dr(c.person(), r.choice(["full", "last"])))
    d.line("Preop dx: ", r.choice(["sick sinus syndrome", "OA L hip", "symptomatic cholelithiasis", "OA R knee", "ERI of ICD", "pancreatic head mass"]))
    d.line("Procedure: ", proc[0], r.choice(["", f" (CPT {r.choice(CPT)})"]))
    d.line()
    d.line("INDICATIONS: ", *c.pt_ref(r.choice(["title", "full"])), " is a ", *age_items(r, c.age, r.choice(["year-old", "year old", "yo", "y/o", "words", "y.o."]), sex=c.pt.sex), " ", r.choice([c.pt.sex, "pt"]), " with ", r.choice(["symptomatic bradycardia", "severe OA failing conservative tx", "recurrent biliary colic"]),
           ". Risks/benefits discussed; consent signed ", c.D(shift(c.date, -r.randint(0, 10)), r.choice(["md", "mdy"])), ".")
    d.line()
    d.line("DESCRIPTION: Pt brought to OR, ", r.choice(["time-out performed.", "site marked, time-out performed."]), " Prepped and draped in usual sterile fashion. ",
           r.choice(["Foley catheter placed.", "Bovie used for hemostasis.", "Allen test normal prior to A-line.", "Trendelenburg positioning."]), " ", neg_sentence(r))
    d.line("IMPLANTS:")
    for _ in range(r.randint(1, 3)):
        d.line(r.choice(["- ", "  * ", "• "]), r.choice(["Medtronic Azure XT DR generator, ", "Zimmer acetabular shell 54 mm, ", "Boston Scientific lead, ", "Stryker femoral stem size 5, ", "Abbott Assurity MRI, "]),
               *c.device_items())
    d.line("EBL: ", str(r.randint(5, 600)), " mL   Fluids: ", str(r.randint(500, 3000)), " mL LR   UOP: ", str(r.randint(50, 800)), " mL")
    d.line("Specimens: ", r.choice(["none", "gallbladder to path", "femoral head to path"]), r.choice([" ", ", case "]), *([L("ID", f"S{c.date.year % 100:02d}-{digits(r, 5)}")] if r.random() < 0.3 else []))
    d.line("Complications: none. Condition: stable to PACU.")
    if r.random() < 0.4:
        d.line("Intraop photos: ", L("PHOTO", f"IMG_{c.date.year}{c.date.month:02d}{c.date.day:02d}_{digits(r, 6)}.jpg"), r.choice(["", " (uploaded to media tab)"]))
    if r.random() < 0.4:
        d.line("Device registration: manufacturer notified; rep ", c.name(c.person(), r.choice(["full", "il"])), " ", c.phone(), ".")
    if r.random() < 0.3:
        family_line(c, d)
    random_admin_line(c, d, 0.25)
    signature(c, d, c.attending)
    return {}


KINDS = [("discharge_summary", k_discharge, 12), ("progress_note", k_progress, 12),
         ("radiology_report", k_radiology, 9), ("pathology_report", k_pathology, 7),
         ("icu_nursing_note", k_icu_nursing, 11), ("referral_letter", k_referral, 9),
         ("portal_message", k_portal, 10), ("ed_triage", k_ed_triage, 10),
         ("telephone_encounter", k_telephone, 9), ("med_rec", k_medrec, 6),
         ("operative_note", k_operative, 8)]


# --------------------------------------------------------------------------
# Driver
# --------------------------------------------------------------------------

def make_doc(rng: random.Random, pools: Pools, doc_id: str, kind_idx=None):
    names = [k for k, _, _ in KINDS]
    weights = [w for _, _, w in KINDS]
    k = rng.choices(range(len(KINDS)), weights)[0] if kind_idx is None else kind_idx
    kind, fn, _ = KINDS[k]
    for _attempt in range(50):
        c = Ctx(rng, pools)
        d = Doc()
        opts = fn(c, d) or {}
        target = rng.choice([rng.randint(520, 1200), rng.randint(520, 1200), rng.randint(1000, 2400),
                             rng.randint(1000, 2400), rng.randint(2000, 3700)])
        guard = 0
        while d.nbytes() < target and guard < 12:
            addendum_block(c, d, kind)
            guard += 1
        crlf = rng.random() < 0.10
        typo = typo_fn_factory(rng) if opts.get("typo") and rng.random() < 0.6 else None
        text, spans = d.finish(case=opts.get("case"), crlf=crlf, typo_fn=typo)
        n = len(text.encode("utf-8"))
        if MIN_BYTES <= n <= MAX_BYTES:
            return {"id": doc_id, "kind": kind, "text": text, "spans": spans}
    raise RuntimeError(f"could not generate document {doc_id} ({names[k]}) within length bounds")


def generate(split: str, n: int):
    rng = random.Random(SPLIT_SEEDS[split])
    pools = Pools(split)
    for i in range(n):
        yield make_doc(rng, pools, f"{split}-{i:05d}")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", required=True, choices=sorted(SPLIT_SEEDS))
    ap.add_argument("--n", type=int, default=None)
    ap.add_argument("--out", default=None, help="output JSONL file (default stdout)")
    ap.add_argument("--out-dir", default=None, help="write <id>.txt files plus gold.jsonl into this directory")
    a = ap.parse_args(argv)
    n = a.n if a.n is not None else DEFAULT_N[a.split]
    docs = generate(a.split, n)
    if a.out_dir:
        os.makedirs(a.out_dir, exist_ok=True)
        with open(os.path.join(a.out_dir, "gold.jsonl"), "w", encoding="utf-8", newline="\n") as g:
            for doc in docs:
                with open(os.path.join(a.out_dir, doc["id"] + ".txt"), "wb") as f:
                    f.write(doc["text"].encode("utf-8"))
                g.write(json.dumps(doc, ensure_ascii=False) + "\n")
        return 0
    out = open(a.out, "w", encoding="utf-8", newline="\n") if a.out else sys.stdout
    try:
        for doc in docs:
            out.write(json.dumps(doc, ensure_ascii=False) + "\n")
    finally:
        if a.out:
            out.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
