from __future__ import annotations

import pytest

from claimmatch.stance.base import Family, Relation
from claimmatch.stance.entities import compare_entities, entity_at, extract_entities, unmatched_names
from claimmatch.stance.resources import read_tsv
from claimmatch.stance.tokens import analyze


def reasons(new: str, old: str) -> list[str]:
    return [f.reason for f in compare_entities(new, old)]


@pytest.mark.parametrize(
    ("new", "old", "expected"),
    [
        ("The summit was held in Paris", "The summit was held in Berlin", "entities differ: Paris vs Berlin"),
        (
            "Macron and Starmer agreed to send troops",
            "Merz and Meloni agreed to send troops",
            "entities differ: Macron and Starmer vs Merz and Meloni",
        ),
        (
            "The ship sank in the Pacific",
            "The ship sank in the Atlantic",
            "entities differ: Pacific vs Atlantic",
        ),
        (
            "Joe Biden won the 2020 election",
            "Donald Trump won the 2020 election",
            "entities differ: Joe Biden vs Donald Trump",
        ),
        ("Obama was born in Kenya", "Obama was born in Hawaii", "entities differ: Kenya vs Hawaii"),
        (
            "French troops entered Ukraine",
            "British troops entered Ukraine",
            "entities differ: French vs British",
        ),
        ("Shelling hit Kharkiv on Monday", "Shelling hit Kyiv on Monday", "entities differ: Kharkiv vs Kyiv"),
        (
            "The report was written by John Smith",
            "The report was written by Jane Doe",
            "entities differ: John Smith vs Jane Doe",
        ),
    ],
)
def test_substituted_entity(new: str, old: str, expected: str) -> None:
    findings = compare_entities(new, old)
    assert [f.reason for f in findings] == [expected]
    assert findings[0].relation is Relation.CONFLICT and findings[0].family is Family.ENTITIES


@pytest.mark.parametrize(
    ("new", "old"),
    [
        ("Drones attacked Kyiv", "Ukraine's capital was attacked by drones"),
        ("Drones attacked the Ukrainian capital", "Drones attacked Kyiv"),
        ("Drones attacked the capital of Ukraine", "Drones attacked Kiev"),
        ("The US sent weapons to Ukraine", "The United States sent weapons to Ukraine"),
        ("The U.S. sent weapons", "America sent weapons"),
        ("The UK sent weapons", "Britain sent weapons"),
        ("Putin said foreign troops would be targets", "The Kremlin said foreign troops would be targets"),
        ("Putin said foreign troops would be targets", "Russia said foreign troops would be targets"),
        ("President Zelensky met Trump", "Zelensky met Donald Trump"),
        ("The WHO declared a pandemic", "The World Health Organization declared a pandemic"),
        ("Biden won the election", "Trump lost the election"),  # a converse, not a substitution
        ("Macron, Starmer and Merz met in Paris", "Macron and Starmer met"),  # dropped names
        ("Vaccines cause autism", "Masks cause autism"),  # capitalised only because sentence-initial
        ("The COVID vaccine causes infertility", "The Pfizer vaccine causes infertility"),
        ("Missiles Hit Kyiv Overnight, Officials Say", "Missiles hit Kyiv overnight, officials said"),
        ("Drone Attack Hits Kyiv Power Plant", "Drone attack hits Kyiv Energy plant"),  # headline case
    ],
)
def test_no_entity_conflict(new: str, old: str) -> None:
    assert reasons(new, old) == []


def test_extraction() -> None:
    ents = extract_entities("Britain and France would act, Prime Minister Keir Starmer said in Washington")
    assert [(e.key, e.kind) for e in ents] == [
        ("united_kingdom", "country"),
        ("france", "country"),
        ("starmer", "person"),
        ("washington", "capital"),
    ]
    (capital,) = extract_entities("Drones hit Ukraine's capital")
    assert capital.key == "kyiv" and capital.text == "Ukraine's capital"
    assert extract_entities("the us and them") == ()  # lower-case "us" is a pronoun
    assert extract_entities("Turkey prices") != ()
    assert extract_entities("we ate turkey") == ()


def test_gazetteer_is_well_formed() -> None:
    rows = read_tsv("gazetteer.tsv")
    ids = [r[0] for r in rows]
    assert len(ids) == len(set(ids)) > 400
    for row in rows:
        assert len(row) in (4, 5) and row[1] in {
            "country",
            "capital",
            "city",
            "region",
            "continent",
            "water",
            "mountain",
            "person",
            "org",
            "topic",
            "body",
        }
        assert row[2] == "" or row[2] in set(ids)
        # a fifth column: the ids a name also stands for as a metonym
        assert len(row) == 4 or all(k in set(ids) for k in row[4].split("|"))


# --- contrast-set generalisation work: shared ancestors, national institutions, prose full of names ---


@pytest.mark.parametrize(
    ("new", "old", "reason"),
    [
        (
            "Ohio has the most wind farms of any US state.",
            "Iowa has the most wind farms of any US state.",
            "entities differ: Ohio vs Iowa",
        ),
        (
            "Macron spoke to the German Bundestag about Ukraine.",
            "Macron spoke to the British Parliament about Ukraine.",
            None,
        ),
        (
            "Zelensky addressed the Polish Parliament in May.",
            "Zelensky addressed the US Congress in May.",
            "entities differ: Polish Parliament vs US Congress",
        ),
        (
            "Chuck Schumer visited Kyiv in March 2024.",
            "Mike Johnson visited Kyiv in March 2024.",
            "entities differ: Chuck Schumer vs Mike Johnson",
        ),
        (
            "Greta Thunberg joined the Hamburg protest in August.",
            "Taylor Swift joined the Hamburg protest in August.",
            "entities differ: Greta Thunberg vs Taylor Swift",
        ),
    ],
)
def test_new_entity_conflicts(new: str, old: str, reason: str | None) -> None:
    findings = compare_entities(new, old)
    assert findings and findings[0].relation is Relation.CONFLICT
    if reason is not None:
        assert findings[0].reason == reason


@pytest.mark.parametrize(
    ("new", "old"),
    [
        ("The Fed held rates steady.", "The Federal Reserve held rates steady."),
        ("The Holy See issued a statement.", "The Vatican issued a statement."),
        ("The USSR collapsed in 1991.", "The Soviet Union collapsed in 1991."),
        ("The ECB cut rates.", "The European Central Bank cut rates."),
        ("The US Senate passed the bill.", "The Senate passed the bill."),
        ("The Russian Defence Ministry said the depot was hit.", "Russia said the depot was hit."),
        ("Texas has more oil wells than any other US state.", "Texas has more oil wells than any other state."),
    ],
)
def test_new_aliases_do_not_conflict(new: str, old: str) -> None:
    assert compare_entities(new, old) == []


def test_prose_full_of_names_is_not_headline_case() -> None:
    names = {e.text for e in extract_entities("Nancy Pelosi visited Taiwan in August 2022.")}
    assert "Nancy Pelosi" in names
    assert analyze("Biden Signs Climate Bill Into Law").title_case
    assert not analyze("Nancy Pelosi visited Taiwan in August 2022.").title_case


# Round 2: a known name against a capitalised first word, hyphenated names, titles as persons.
@pytest.mark.parametrize(
    ("new", "old", "expected"),
    [
        (
            "Toyota recalled a million cars over faulty airbags.",
            "Honda recalled a million cars over faulty airbags.",
            "entities differ: Toyota vs Honda",
        ),
        (
            "Zorbex bought the film studio in 2022.",
            "Netflix bought the film studio in 2022.",
            "entities differ: Zorbex vs Netflix",
        ),
        ("The fire broke out at Notre-Dame in 2019.", "The fire broke out at Westminster Abbey in 2019.", None),
        (
            "The Dalai Lama called for an end to the fighting.",
            "The Pope called for an end to the fighting.",
            "entities differ: Dalai Lama vs Pope",
        ),
        (
            "Amazon bought the film studio MGM in 2022.",
            "Netflix bought the film studio MGM in 2022.",
            "entities differ: Amazon vs Netflix",
        ),
    ],
)
def test_round2_conflicts(new: str, old: str, expected: str | None) -> None:
    found = reasons(new, old)
    assert found and (expected is None or expected in found), found


@pytest.mark.parametrize(
    ("new", "old"),
    [
        ("Regulators approved the drug.", "The FDA approved the drug."),
        ("Police arrested the suspect.", "Europol arrested the suspect."),
        ("Officials said the talks failed.", "Putin said the talks failed."),
        ("Honda recalled a million cars.", "Honda Motor recalled a million cars."),
        ("The Pope visited Iraq in 2021.", "Pope Francis visited Iraq in 2021."),
        ("The Duchess of Sussex launched a podcast.", "Meghan Markle launched a podcast."),
        ("Fires raged in the Amazon.", "Fires raged in the Amazon rainforest."),
    ],
)
def test_round2_no_conflict(new: str, old: str) -> None:
    assert reasons(new, old) == []


# --- round 3: mountains and courts, lower-case posts, "East Palestine", "&" in names, role swaps ---


@pytest.mark.parametrize(
    ("new", "old", "reason"),
    [
        ("Two climbers died on Everest in May.", "Two climbers died on K2 in May.", "entities differ: Everest vs K2"),
        (
            "The High Court blocked the merger last week.",
            "The Court of Appeal blocked the merger last week.",
            "entities differ: High Court vs Court of Appeal",
        ),
        (
            "viral post says the hackers were based in iran",
            "The hackers were based in North Korea.",
            "entities differ: iran vs North Korea",
        ),
        (
            "The chemical spill happened in East Liverpool, Ohio.",
            "The chemical spill happened in Steubenville, Ohio.",
            "entities differ: East Liverpool vs Steubenville",
        ),
        (
            "The contract went to Barnes & Noble Construction.",
            "The contract went to Kellett Builders.",
            "entities differ: Barnes & Noble Construction vs Kellett Builders",
        ),
        (
            "Spain beat England in the final.",
            "England beat Spain in the final.",
            "roles swapped: 'Spain beat England' vs 'England beat Spain'",
        ),
        (
            "The 2028 Games will be held in Brisbane.",
            "Los Angeles will host the 2028 Games.",
            "entities differ: Brisbane vs Los Angeles",
        ),
    ],
)
def test_round3_conflicts(new: str, old: str, reason: str) -> None:
    assert reasons(new, old) == [reason]


@pytest.mark.parametrize(
    ("new", "old"),
    [
        ("Biden met Xi in California.", "Xi met Biden in California."),  # a symmetric verb
        ("Argentina beat France in the final.", "France was beaten by Argentina in the final."),  # passive
        ("Spain and England reached the final.", "England and Spain reached the final."),  # coordination
        # the only place names of each text, but not in the same slot: a meeting place and a leader
        ("The coalition met in Paris on Thursday.", "The coalition is led by the United States."),
        ("people are saying the plant in ohio will close", "The plant in Ohio will close."),
    ],
)
def test_round3_harmless(new: str, old: str) -> None:
    assert reasons(new, old) == []
    assert reasons(old, new) == []


def test_lower_case_text_keeps_common_words() -> None:
    assert extract_entities("we ate turkey with the family") == ()
    assert [e.key for e in extract_entities("the shooter came from venezuela")] == ["venezuela"]
    # a text with capitals keeps the case rule: "venezuela" in lower case is no name there
    assert extract_entities("The shooter came from venezuela") == ()


@pytest.mark.parametrize(
    ("new", "old", "reason"),
    [
        (
            "The People's Party won the regional vote.",
            "The Green Party won the regional vote.",
            "entities differ: People's Party vs Green Party",
        ),
        (
            "Bayer Leverkusen won the cup final.",
            "Borussia Dortmund won the cup final.",
            "entities differ: Bayer Leverkusen vs Borussia Dortmund",
        ),
        (
            "A study at the University of Leeds found the link.",
            "A study at the University of Oxford found the link.",
            "entities differ: University of Leeds vs University of Oxford",
        ),
        (
            "TotalEnergies pulled out of the project.",
            "Shell pulled out of the project.",
            "entities differ: TotalEnergies vs Shell",
        ),
    ],
)
def test_round4_conflicts(new: str, old: str, reason: str) -> None:
    assert reasons(new, old) == [reason]


# Round 6: an unknown name against a known one, when they are the only unmatched names of both
# texts and the unknown one is plainly a name (two capitalised words against a person, an acronym
# against an organisation), even without a shared left neighbour.
@pytest.mark.parametrize(
    ("new", "old", "expected"),
    [
        (
            "On Monday, Petteri Orpo announced his resignation.",
            "Keir Starmer announced his resignation on Monday.",
            "entities differ: Petteri Orpo vs Keir Starmer",
        ),
        ("The warehouse was searched by the DEA.", "The FBI searched the warehouse.", "entities differ: DEA vs FBI"),
    ],
)
def test_round6_unknown_name_against_known(new: str, old: str, expected: str) -> None:
    assert reasons(new, old) == [expected]


@pytest.mark.parametrize(
    ("new", "old"),
    [
        # one capitalised word, and no shared word after it (round 9 pairs "Orpo announced" /
        # "Keir Starmer announced")
        ("On Monday, Orpo said he would resign.", "Keir Starmer announced his resignation on Monday."),
        ("The warehouse was searched by the DEA.", "The warehouse was searched, the DEA and the FBI said."),
        # an unknown place is left to the neighbour tests (a nearby or vaguer place is often no swap)
        ("On Monday, Novaya Zemlya reported heavy snow.", "Norway reported heavy snow on Monday."),
    ],
)
def test_round6_unknown_name_not_paired(new: str, old: str) -> None:
    assert reasons(new, old) == []


# Round 7: a place and its adjective; two unknown names of two words or more after the same word.
@pytest.mark.parametrize(
    ("new", "old"),
    [
        ("The crash happened in the Alaskan wilderness.", "The crash happened in the Alaska wilderness."),
        ("Texan officials closed the border crossing.", "Texas officials closed the border crossing."),
        ("The virus was found in Santa Barbara County.", "The virus was found in Santa Barbara."),
    ],
)
def test_round7_no_conflict(new: str, old: str) -> None:
    assert reasons(new, old) == []


@pytest.mark.parametrize(
    ("new", "old", "expected"),
    [
        (
            "The virus was found in Santa Barbara County.",
            "The virus was found in San Luis Obispo County.",
            "entities differ: Santa Barbara County vs San Luis Obispo County",
        ),
        (
            "Prosecutors charged former CFO Marcus Hale.",
            "Prosecutors charged former CFO Daniel Okafor.",
            "entities differ: Marcus Hale vs Daniel Okafor",
        ),
        (
            "The vote was cast by councillor Tomasz Wierzbicki.",
            "Councillor Priya Raghunathan cast the vote.",
            "entities differ: Tomasz Wierzbicki vs Priya Raghunathan",
        ),
        # an adjective of another place still conflicts
        (
            "Mexican officials closed the border crossing.",
            "Texas officials closed the border crossing.",
            "entities differ: Mexican vs Texas",
        ),
    ],
)
def test_round7_conflict(new: str, old: str, expected: str) -> None:
    assert reasons(new, old) == [expected]


# Round 9: two acronyms, a name before the same word, and "Deputy" as a title.
@pytest.mark.parametrize(
    ("new", "old", "expected"),
    [
        (
            "Suspects were arrested by the ICPC in Lagos.",
            "The EFCC arrested suspects in Lagos.",
            "entities differ: ICPC vs EFCC",
        ),
        (
            "Gas connections will be banned by the Queensland government.",
            "The Victorian government will ban gas connections.",
            "entities differ: Queensland vs Victorian",
        ),
        (
            "The plant was opened by Deputy President David Mabuza.",
            "Deputy President Paul Mashatile opened the plant.",
            "entities differ: David Mabuza vs Paul Mashatile",
        ),
    ],
)
def test_round9_conflict(new: str, old: str, expected: str) -> None:
    assert reasons(new, old) == [expected]


@pytest.mark.parametrize(
    ("new", "old"),
    [
        ("Suspects were arrested by the EFCC in Lagos.", "The EFCC arrested suspects in Lagos."),
        # an acronym in one text only is a dropped detail
        ("Suspects were arrested in Lagos, the EFCC said.", "Police arrested suspects in Lagos."),
        ("The Queensland government will ban gas connections.", "Queensland's government will ban gas connections."),
        # an unknown place before a verb may lie within the known one
        ("On Monday, Podil district reported heavy snow.", "Ukraine reported heavy snow on Monday."),
    ],
)
def test_round9_no_conflict(new: str, old: str) -> None:
    assert reasons(new, old) == []


# Round 11: UN agencies are within the UN; a camel-cased unknown name counts as plainly a name.
def test_round11_un_agencies_and_camel_case_names() -> None:
    assert (
        reasons("H5N1 posed a low risk, the World Health Organization said.", "The UN said H5N1 posed a low risk.")
        == []
    )
    assert (
        reasons("The ruling came from the UN's top court.", "The ruling came from the International Court of Justice.")
        == []
    )
    assert reasons("The WHO declared an emergency.", "UNICEF declared an emergency.") == [
        "entities differ: WHO vs UNICEF"
    ]
    assert reasons("The submersible was operated by Blue Origin.", "The submersible was operated by OceanGate.") == [
        "entities differ: Blue Origin vs OceanGate"
    ]


# Session 8: two names of one kind of geographic feature fill one slot
@pytest.mark.parametrize(
    ("new", "old", "expected"),
    [
        (
            "The dam held back the Dnipro river before it was destroyed.",
            "Before it was destroyed, the dam stood on the Dniester river.",
            "entities differ: Dnipro river vs Dniester",
        ),
        (
            "Ferries cross the Kattegat strait every hour.",
            "Every hour ferries cross the Oresund strait.",
            "entities differ: Kattegat vs Oresund",
        ),
    ],
)
def test_round13_feature_names(new: str, old: str, expected: str) -> None:
    assert reasons(new, old) == [expected]


def test_one_river_under_two_spellings_is_no_conflict() -> None:
    assert reasons("The Dnipro river flooded the town.", "The Dnieper river flooded the town.") == []


# Session 8: the only unmatched full names of both texts fill one slot
def test_only_unmatched_full_names_are_a_substitution() -> None:
    assert reasons(
        "In 2025 Daniel Kaluuya chaired the festival jury.",
        "Mariana Ximenes presided over the festival jury in 2025.",
    ) == ["entities differ: Daniel Kaluuya vs Mariana Ximenes"]
    # one name written in full and by surname only stays one name
    assert reasons("Daniel Kaluuya chaired the jury.", "Kaluuya chaired the jury.") == []


# Session 8 (rounds 16-17)
@pytest.mark.parametrize(
    ("new", "old", "expected"),
    [
        # a city followed or preceded by capitalised words is one name (a club, a newspaper)
        (
            "The striker signed for Real Madrid in 2024.",
            "The striker signed for Manchester City in 2024.",
            "entities differ: Real Madrid vs Manchester City",
        ),
        # one place word before two names, one of them of several words
        (
            "The final was played at the Stade de France.",
            "The final was played at Wembley.",
            "entities differ: Stade de France vs Wembley",
        ),
    ],
)
def test_round16_17_substitutions(new: str, old: str, expected: str) -> None:
    assert reasons(new, old) == [expected]


@pytest.mark.parametrize(
    ("new", "old"),
    [
        # a name written at the start of the other text, where it is not read as a name
        ("Kylian Mbappe moved to Spain in 2024.", "Mbappe moved to Spain in 2024."),
        # an acronym of a hyphenated name
        ("The coach left Paris Saint-Germain in May.", "The coach left PSG in May."),
        # a shared noun after an article between two names is no verb: no roles swapped
        ("Spain won the final against England.", "England lost to Spain in the final."),
        ("Manchester City won the league.", "Manchester won the league."),
    ],
)
def test_round16_17_no_conflict(new: str, old: str) -> None:
    assert reasons(new, old) == []


def test_two_clubs_of_one_city_and_a_shortened_name() -> None:
    assert reasons("The winger joined Atletico Madrid in 2023.", "In 2023 the winger moved to Real Madrid.") == [
        "entities differ: Atletico Madrid vs Real Madrid"
    ]
    assert reasons("Fans of Man United protested.", "Manchester United fans protested.") == []


# Session 9 (rounds 28-31)
@pytest.mark.parametrize(
    ("new", "old", "expected"),
    [
        # countries that were missing from the gazetteer
        (
            "Kazakhstan extradited the activist to Moscow.",
            "The activist was extradited by Kyrgyzstan to Moscow.",
            "entities differ: Kazakhstan vs Kyrgyzstan",
        ),
        # a closing attribution (", Spanish officials said") does not hide the only names of the claims
        (
            "Senegal was the departure point for most boats that reached the Canaries last year.",
            "Most boats reaching the Canaries last year set off from Mauritania, Spanish officials said.",
            "entities differ: Senegal vs Mauritania",
        ),
        # "Estonians" is the country's people, so the presidents are the only unmatched names
        (
            "The pension law letting Estonians cash out was vetoed by President Kersti Kaljulaid.",
            "Estonian President Alar Karis vetoed the pension law.",
            "entities differ: Kersti Kaljulaid vs Alar Karis",
        ),
    ],
)
def test_round28_31_substitutions(new: str, old: str, expected: str) -> None:
    assert reasons(new, old) == [expected]


@pytest.mark.parametrize(
    ("new", "old"),
    [
        # "Other" at a sentence start is no part of the name
        (
            "Mali refused to sign the pact that other West African states adopted.",
            "Other West African states adopted the pact, but Mali did not sign it.",
        ),
        # a passive without "by" is no role swap: "deported from Poland" / "Poland will deport"
        (
            "The activist will be deported from Poland, a court ruled.",
            "A court ruled that Poland will deport the activist.",
        ),
        # an acronym at a sentence start is a name of the same body
        ("The Reserve Bank of India held rates.", "RBI held rates."),
    ],
)
def test_round28_31_same_entities(new: str, old: str) -> None:
    assert reasons(new, old) == []


def test_a_capitalised_label_is_no_name() -> None:
    assert [e.text for e in extract_entities(analyze("JUST IN: Kenya raised fuel taxes."))] == ["Kenya"]
    assert [e.text for e in extract_entities(analyze("NEW: WHO warns of an outbreak."))] == ["WHO"]


@pytest.mark.parametrize(
    ("new", "old", "expected"),
    [
        # a middle initial inside a name
        (
            "Herbert Hoover said it in his 1933 inaugural address.",
            "It comes from Franklin D. Roosevelt's 1933 inaugural address.",
            "entities differ: Herbert Hoover vs Franklin D. Roosevelt",
        ),
        # a hyphenated name with a one-letter part
        (
            "Kanye West rapped the line on the 2005 remix.",
            "On the 2005 remix, the line was delivered by Jay-Z.",
            "entities differ: Kanye West vs Jay-Z",
        ),
        # one kind of body, two of them
        (
            "The Ministry of Health was fined by the regulator.",
            "The regulator fined the Ministry of Migration.",
            "entities differ: Ministry of Health vs Ministry of Migration",
        ),
    ],
)
def test_round32_33_substitutions(new: str, old: str, expected: str) -> None:
    assert reasons(new, old) == [expected]


def test_space_agencies_and_the_oscars() -> None:
    assert (
        reasons(
            "ESA's Rosetta probe landed on a comet.",
            "The European Space Agency's Rosetta spacecraft landed on a comet.",
        )
        == []
    )
    assert reasons("The film won the Academy Award for best picture.", "The film won the Oscar for best picture.") == []
    assert reasons("The European Space Agency launched the probe.", "NASA launched the probe.") == [
        "entities differ: European Space Agency vs NASA"
    ]


def test_two_states_of_one_country() -> None:
    assert reasons(
        "Floods in the Brazilian state of Minas Gerais killed 15 people.",
        "15 people died in floods in the Brazilian state of Bahia.",
    ) == ["entities differ: Minas Gerais vs Bahia"]


# Session 9 (rounds 40-41)
def test_more_bodies_and_emphasis() -> None:
    assert reasons(
        "Sony completed the takeover of the games publisher.",
        "Microsoft completed the takeover of the games publisher.",
    ) == ["entities differ: Sony vs Microsoft"]
    assert reasons("The AfDB backed the rail corridor.", "The African Development Bank backed the rail corridor.") == []
    assert (
        reasons(
            "The tower was built for the 1900 Summer Olympics.",
            "The tower was built for the 1900 Summer Olympic Games.",
        )
        == []
    )
    # an all-capital common word is emphasis, no name
    assert [e.text for e in extract_entities(analyze("The USA won gold AGAIN in Paris."))] == ["USA", "Paris"]


# Session 10 (rounds 42, 44-45)
@pytest.mark.parametrize(
    ("new", "old", "expected"),
    [
        # "the Moroccan capital Rabat" is one name; Morocco in the other text is Casablanca's
        (
            "The summit will be held in the Kenyan capital Nairobi next month.",
            "The summit will be held in the Kenyan city of Mombasa next month.",
            "entities differ: Kenyan capital Nairobi vs Mombasa",
        ),
        # two unknown names after "the city of" / "the town of": one slot
        (
            "The storm hit the coastal city of Tamsk on Sunday.",
            "On Sunday the storm hit the coastal city of Vorlin.",
            "entities differ: Tamsk vs Vorlin",
        ),
        # a descriptor says both are companies: "the miner X" / "the firm Y"
        (
            "The utility signed the supply deal with the miner Karvex.",
            "The utility signed the supply deal with the trading firm Oldano.",
            "entities differ: Karvex vs Oldano",
        ),
        # the noun after the names: "the X party"
        (
            "She was elected as the candidate of the Verde party.",
            "She was elected as the candidate of the Rojo party.",
            "entities differ: Verde vs Rojo",
        ),
        # the head inside the names: "X Party", "the University of (the) X"
        (
            "The coalition collapsed after the Farmers Party walked out.",
            "The coalition collapsed after the Liberty Party walked out.",
            "entities differ: Farmers Party vs Liberty Party",
        ),
        (
            "The study was led by a team from the University of the Highlands.",
            "A team from the University of Westmoor led the study.",
            "entities differ: University of the Highlands vs University of Westmoor",
        ),
        # an institution "of Iceland" is Iceland's: the coaches are the only names left
        (
            "The Football Association of Norway said Tomas Berglund was named coach.",
            "Norway's national team named Henrik Solvang as coach, the football association said.",
            "entities differ: Tomas Berglund vs Henrik Solvang",
        ),
    ],
)
def test_session10_conflicts(new: str, old: str, expected: str) -> None:
    assert reasons(new, old) == [expected]


@pytest.mark.parametrize(
    ("new", "old"),
    [
        # a shortened club name is no other club, and a name ending in "City" is no city class
        ("Manchester City's coach signed a new contract.", "The Man City coach signed a new contract."),
        # the capital written twice is one name
        ("Talks opened in the Kenyan capital Nairobi.", "Talks opened in Nairobi."),
        # "Latin American" is the region, not the United States
        ("He was the first pope from Latin America.", "He was the first Latin American pope."),
        # two names on either side of a condition are in two clauses: no roles to swap
        (
            "The minister said the mine could reopen only if Ferrox signed a deal with Kalgan.",
            "The minister said Ferrox could not reopen the mine without a deal with Kalgan.",
        ),
    ],
)
def test_session10_harmless(new: str, old: str) -> None:
    assert reasons(new, old) == []


def test_session10_more_classes_and_spellings() -> None:
    assert reasons(
        "The probe brought back dust from the asteroid Kelvor in 2021.",
        "The probe returned samples from the asteroid Dramin in 2021.",
    ) == ["entities differ: Kelvor vs Dramin"]
    # one club written with and without its hyphen
    assert reasons("Fans of Al-Ahly celebrated the title.", "Al Ahly fans celebrated the title.") == []


def test_session10_parts_and_person_names_before_of() -> None:
    # "Ethiopia's Amhara region": Ethiopia is Amhara's, no counterpart for Tigray
    assert reasons(
        "Aid was halted in Ethiopia's Amhara region in June.", "Aid was halted across the Tigray region in June."
    ) == ["entities differ: Amhara vs Tigray"]
    # a person's name stops before "of Peru"; an institution's goes on
    assert reasons(
        "Former president Ollanta Humala of Peru was jailed for 15 years.",
        "Peru's former president Alejandro Toledo was jailed for 15 years.",
    ) == ["entities differ: Ollanta Humala vs Alejandro Toledo"]
    names = [e.text for e in extract_entities(analyze("He later worked for the Football Association of Iceland."))]
    assert names == ["Football Association of Iceland"]


def test_session10_lower_case_posts_and_lakes() -> None:
    # a post that starts in lower case writes its names in lower case too; a three-letter acronym
    # that is no common word still matches there
    assert reasons("lagos is the first state to tax hotel stays", "Kaduna is the first state to tax hotel stays.") == [
        "entities differ: lagos vs Kaduna"
    ]
    assert reasons(
        "it was the imf that approved the 3 billion dollar loan",
        "The 3 billion dollar loan was approved by the World Bank.",
    ) == ["entities differ: imf vs World Bank"]
    assert reasons(
        "A ferry capsized on Lake Kivu near the port, officials said.",
        "Officials said a ferry overturned on Lake Albert near the port.",
    ) == ["entities differ: Lake Kivu vs Lake Albert"]


def test_session10_round52_53() -> None:
    # "Chinese carmaker BYD": China is BYD's, no counterpart for Geely
    assert reasons(
        "Chinese carmaker BYD overtook Tesla in sales last year.", "Geely overtook Tesla in sales last year."
    ) == ["entities differ: BYD vs Geely"]
    # an acronym in brackets is its own text's name, not a second unmatched one
    assert reasons(
        "The gas was first detected by NASA's Kepler Deep Space Probe (KDSP).",
        "NASA's Voyager Deep Space Probe was the first to detect the gas.",
    ) == ["entities differ: Kepler Deep Space Probe vs Voyager Deep Space Probe"]
    # a noun of the first name before a modal is no relation to swap
    assert (
        reasons("Chilean citizens can enter Peru without a visa.", "Peru lets citizens of Chile enter without a visa.")
        == []
    )


def test_session10_round55() -> None:
    # two unknown one-word names after the same two words: "the Nobel Prize in X"
    assert reasons(
        "She shared the 2024 Nobel Prize in Medicine for work on proteins.",
        "The 2024 Nobel Prize in Economics was shared by her for work on proteins.",
    ) == ["entities differ: Medicine vs Economics"]
    # the same first word and nothing else in common: two categories of one award
    assert reasons(
        "The film's only award came in the Best Editing category.",
        "The film won just one award, for Best Original Score.",
    ) == ["entities differ: Best Editing vs Best Original Score"]
    # prose with two lower-case content words is no headline, so its names count; a participle
    # at the start before a known name is no name
    assert reasons(
        "The prize went to jailed Iranian activist Leyla Farahani, the committee said",
        "Imprisoned Iranian campaigner Shirin Tavakoli was awarded the prize, according to the committee.",
    ) == ["entities differ: Leyla Farahani vs Shirin Tavakoli"]


def test_session10_round56_57() -> None:
    # places are the only unmatched one of their rank: "the Caribbean arts festival" is no country
    assert reasons(
        "Jamaica hosted the 14th edition of the regional arts festival in 2021.",
        "The 14th regional arts festival, a Caribbean event held in 2021, took place in Barbados.",
    ) == ["entities differ: Jamaica vs Barbados"]
    # a lower-case auxiliary marks a sentence, not a Title Case headline, so "Guam" is a name
    names = [e.text for e in extract_entities(analyze("The 2024 Festival of Pacific Arts was held in Guam."))]
    assert "Guam" in names
    # a known region and an unknown one said to be a region: one class
    assert reasons(
        "The chip maker opened its first plant in India in Kerala.",
        "The chip maker's first Indian plant opened in the Karnataka region.",
    ) == ["entities differ: Kerala vs Karnataka"]


def test_session10_round58_role_swap_through_synonyms() -> None:
    assert reasons(
        "Nepal beat the Netherlands in the match in Dallas.", "The Netherlands defeated Nepal in the match in Dallas."
    ) == ["roles swapped: 'Nepal beat the Netherlands' vs 'The Netherlands defeated Nepal'"]


def test_session10_round60_61_acronym_head() -> None:
    # "the AI Act" / "the Artificial Intelligence Act": one law
    assert (
        reasons(
            "MEPs voted down the Artificial Intelligence Act in March.",
            "The European Parliament approved the AI Act in March.",
        )
        == []
    )


def test_session10_round62_63() -> None:
    # a known river and one said to be a river: one class
    assert reasons(
        "Athletes were carried on boats down the Danube for the opening ceremony.",
        "The opening ceremony was a boat parade of athletes along the river Thames.",
    ) == ["entities differ: Danube vs Thames"]
    # "during" between two names puts them in two clauses: no roles to swap
    assert (
        reasons(
            "The children's hospital in Ukraine's capital was hit during a Russian missile strike.",
            "A Russian missile strike hit the children's hospital in Kyiv.",
        )
        == []
    )


def test_entity_at_finds_the_name_of_a_token() -> None:
    doc = analyze("Officials in Nairobi said the Football Association of Kenya had paid.")
    found = entity_at(doc, 2)
    assert found is not None and found.text == "Nairobi"
    assert entity_at(doc, 0) is None  # a capital at the start of a sentence, no name
    assert entity_at(doc, 5) is not None and entity_at(doc, 5) == entity_at(doc, 8)


def test_session11_winner_and_only_swaps() -> None:
    # both texts name both names; the winner differs
    assert reasons(
        "Gabriel Boric beat José Antonio Kast in Chile's 2021 runoff.",
        "Chile's 2021 runoff was won by José Antonio Kast, who defeated Gabriel Boric.",
    ) == ["winner differs: 'Gabriel Boric beat' vs 'won by José Antonio Kast'"]
    assert reasons(
        "The Liberal Party came first in the Quebec vote, ahead of the Parti Québécois.",
        "The Parti Québécois finished first in the Quebec vote, ahead of the Liberal Party.",
    ) == ["winner differs: 'Liberal Party came first' vs 'Parti Québécois finished first'"]
    # the same winner written two ways, or a loser beside a winner (a polarity question): none
    assert (
        reasons(
            "Gabriel Boric beat José Antonio Kast in Chile's 2021 runoff.",
            "Chile's 2021 runoff was won by Gabriel Boric, who defeated José Antonio Kast.",
        )
        == []
    )
    assert reasons("Brazil beat Croatia in the quarter-final.", "Brazil lost to Croatia in the quarter-final.") == []
    # "only X" against "only Y", both names in both texts
    assert reasons(
        "The storm cut power only in Porto, while Lisbon kept its supply.",
        "Only Lisbon lost power in the storm; Porto kept its supply.",
    ) == ["the only one named differs: 'only in Porto' vs 'only Lisbon'"]


def test_a_rare_word_that_starts_a_sentence_is_a_name() -> None:
    # "Rosatom was chosen": a word missing from the word list; "Lawmakers", "Deforestation" are no names
    assert [e.text for e in extract_entities("Rosatom was chosen to build the plant.")] == ["Rosatom"]
    assert extract_entities("Lawmakers voted to ban the sale.") == ()
    assert extract_entities("Deforestation fell by a third last year.") == ()


def test_session11_institution_names_with_and_and_more_countries() -> None:
    # "and" inside an institution's name that went on past "of"
    assert [e.text for e in extract_entities("The Party of Action and Solidarity won the vote.")] == [
        "Party of Action and Solidarity"
    ]
    assert [e.text for e in extract_entities("Talks between Serbia and Kosovo stalled.")] == ["Serbia", "Kosovo"]
    # the remaining UN member states are in the gazetteer
    assert reasons("Tonga was hit hardest by the outbreak.", "Samoa was hit hardest by the outbreak.") == [
        "entities differ: Tonga vs Samoa"
    ]


def test_session11_rounds_69_71_entities() -> None:
    # the only unmatched names, each its sentence's subject, one plainly a name
    assert reasons(
        "Reminder that Tems was the first Nigerian singer to headline the arena in 2024.",
        "Burna Boy became the first Nigerian singer to headline the arena in 2024.",
    ) == ["entities differ: Tems vs Burna Boy"]
    # ... but not a short form of the other: an acronym or a blend
    assert (
        reasons(
            "Reminder that TEPCO began the water release in August.",
            "Tokyo Electric Power Company began releasing the water in August.",
        )
        == []
    )
    # a place named after a person, and two venues before a city
    assert [e.text for e in extract_entities("The final was played at the Narendra Modi Stadium.")] == [
        "Narendra Modi Stadium"
    ]
    assert reasons(
        "The final was played in Ahmedabad at the Narendra Modi Stadium.",
        "The final was played at Mumbai's Wankhede Stadium.",
    ) == ["entities differ: Narendra Modi Stadium vs Wankhede Stadium"]
    # "X were crowned" is a win
    assert reasons(
        "Egypt were crowned champions after edging Senegal in the final.",
        "Senegal beat Egypt in the final to become champions.",
    ) == ["winner differs: 'Egypt were crowned' vs 'Senegal beat'"]
    # a possessor is no role: "Denmark's cod stocks in the Baltic" / "Baltic cod stocks off Denmark"
    assert (
        reasons(
            "Denmark's cod stocks in the Baltic Sea recovered in 2023.",
            "Baltic Sea cod stocks off Denmark recovered in 2023.",
        )
        == []
    )
    # one name written twice counts once
    assert reasons(
        "The summit went to Baku, the capital of Azerbaijan.", "Armenia's capital Yerevan will host the summit."
    ) == ["entities differ: Baku vs Armenia's capital Yerevan"]
    # an institution after a country name goes on past "of"
    assert [e.text for e in extract_entities("The Kenya National Union of Teachers called a strike.")] == [
        "Kenya National Union of Teachers"
    ]


def test_session11_synonym_neighbours_and_party_names() -> None:
    # two unknown names after synonyms and before the same word fill one slot
    assert reasons(
        "The governor shut Palawan to tourists for 3 months.", "The governor closed Siquijor to tourists for 3 months."
    ) == ["entities differ: Palawan vs Siquijor"]
    # "Democratic Republic of Congo" (no "the") is the DRC
    assert (
        reasons("Goma fell to rebels in eastern DRC.", "Rebels took Goma in the eastern Democratic Republic of Congo.")
        == []
    )
    # a party named with a demonym is one name
    assert reasons(
        "Pheu Thai won the most seats in the election.", "In the election, the Move Forward party took the most seats."
    ) == ["entities differ: Pheu Thai vs Move Forward"]


def test_session11_blends_are_short_forms() -> None:
    assert (
        reasons(
            "Pemex, the state oil company, reported a loss in 2024.",
            "Reuters said that Petróleos Mexicanos had reported a loss in 2024.",
        )
        == []
    )


def test_session11_a_second_mention_as_an_adjective() -> None:
    # "Ukrainian" beside "Ukraine" fills the slot of the other text's "Russian"
    assert reasons(
        "A Russian drone hit the power plant in eastern Ukraine in May.",
        "The power plant in eastern Ukraine was hit in May by a Ukrainian drone.",
    ) == ["entities differ: Russian vs Ukrainian"]
    # not a place within a shared country, nor a form that is no adjective
    assert (
        reasons(
            "Kazakhstan moved its parliament session to the capital in May.",
            "Kazakhstan moved its parliament session to Astana, the Kazakh capital, in May.",
        )
        == []
    )


def test_session11_a_name_that_modifies_a_noun_has_no_role() -> None:
    # "the Ukraine peace summit in Switzerland" / "the Swiss-hosted peace summit on Ukraine": no verb, no roles
    assert (
        reasons(
            "Neither India nor China signed the declaration at the Ukraine peace summit in Switzerland.",
            "India and China signed the declaration of the Swiss-hosted peace summit on Ukraine.",
        )
        == []
    )
    # a verb among the role words keeps the roles: "Mexican police stormed the Ecuadorian embassy"
    assert reasons(
        "Mexican police stormed the Ecuadorian embassy.", "Ecuadorian police stormed the Mexican embassy."
    ) == ["roles swapped: 'Mexican police stormed the Ecuadorian' vs 'Ecuadorian police stormed the Mexican'"]


def test_session12_a_name_joined_by_and_before_its_head_noun() -> None:
    # "Food and Agriculture Organization" is one name; the UN possessor has no role
    assert [e.text for e in extract_entities("The UN's Food and Agriculture Organization warned.")] == [
        "UN",
        "Food and Agriculture Organization",
    ]
    assert (
        reasons(
            "The FAO flagged in 2023 that fish stocks in Lake Victoria are under pressure.",
            "The UN's Food and Agriculture Organization warned in 2023 that Lake Victoria's fish stocks were "
            "under pressure.",
        )
        == []
    )


def test_session12_a_formal_state_name_is_its_country() -> None:
    (kingdom,) = extract_entities("The Kingdom of Denmark sold the rights.")
    assert kingdom.key == "denmark"
    assert reasons("Copenhagen sold the rights in 2023.", "The Kingdom of Denmark sold the rights in 2023.") == []
    assert reasons("Oslo sold the rights in 2023.", "The Kingdom of Denmark sold the rights in 2023.") == [
        "entities differ: Oslo vs Kingdom of Denmark"
    ]


def test_session12_rare_single_names_after_the_same_word() -> None:
    assert reasons(
        "In 2023, India launched its Chandrayaan-3 Moon mission from Thiruvananthapuram.",
        "India's Chandrayaan-3 Moon mission was launched from Sriharikota in 2023.",
    ) == ["entities differ: Thiruvananthapuram vs Sriharikota"]
    # a nickname at the start of a clause is no such slot
    assert (
        reasons(
            "In June 2024, Amakhosi named Nasreddine Nabi their head coach.",
            "Kaizer Chiefs appointed Nasreddine Nabi as head coach in June 2024.",
        )
        == []
    )


def test_session12_the_winner_is_the_name_before_of() -> None:
    assert (
        reasons(
            "New Zealand's Black Ferns defeated England in the final at Twickenham.",
            "At Twickenham, the Black Ferns of New Zealand beat England to win the final.",
        )
        == []
    )


def test_session12_titles_blends_and_converse_roles() -> None:
    assert reasons("Prime Minister Ulf Kristersson said the law passed.", "PM Kristersson said the law passed.") == []
    assert (
        reasons(
            "Inflation in Turkey eased to 47%, the Turkish Statistical Institute said.",
            "According to TurkStat, inflation in Turkey slowed to 47%.",
        )
        == []
    )
    # giving and receiving tell one transfer with the names in swapped places
    assert (
        reasons(
            "The Netherlands returned 478 looted objects to Indonesia.",
            "Indonesia received 478 looted objects from the Netherlands.",
        )
        == []
    )
    assert reasons("France beat Argentina in the final.", "Argentina beat France in the final.") == [
        "roles swapped: 'France beat Argentina' vs 'Argentina beat France'"
    ]


def test_session12_a_rival_feature_and_a_known_name_written_twice() -> None:
    # China contains the Yangtze, but the other text names another river
    assert reasons(
        "The Three Gorges Dam spans the Yangtze River.",
        "China built the Three Gorges Dam on the Yellow River.",
    ) == ["entities differ: Yangtze River vs Yellow River"]
    assert reasons("The dam spans the Yangtze River in China.", "China built the dam on the Yangtze.") == []
    # "Australia" twice in each text is still one name: the winner check sees it
    assert reasons(
        "Cricket Australia confirmed that Australia won the third Test against India.",
        "India defeated Australia in the third Test, Cricket Australia confirmed.",
    ) == ["roles swapped: 'Australia won the third Test against India' vs 'India defeated Australia'"]


@pytest.mark.parametrize(
    ("new", "old", "expected"),
    [
        # the only unmatched names of both texts, one word each, in different slots
        (
            "The hack on the city council was carried out by the Medusa gang.",
            "Qilin, a ransomware group, carried out the hack that took the city council offline.",
            "entities differ: Medusa vs Qilin",
        ),
        (
            "The new battery plant will be built in Karnataka, the minister said.",
            "According to the minister, the new battery factory will be located in Odisha.",
            "entities differ: Karnataka vs Odisha",
        ),
    ],
)
def test_session14_single_unknown_names(new: str, old: str, expected: str) -> None:
    assert [f.reason for f in compare_entities(new, old)] == [expected]


@pytest.mark.parametrize(
    ("new", "old"),
    [
        # one name written twice ways, and an acronym against its expansion
        ("Kiev hosted the summit in May.", "The summit was held in Kyiv in May."),
        ("The IMF approved the loan in March.", "The International Monetary Fund approved the loan in March."),
    ],
)
def test_session14_one_name_two_spellings(new: str, old: str) -> None:
    assert compare_entities(new, old) == []


def test_session14_mixed_case_acronym_with_of() -> None:
    assert (
        compare_entities(
            "Britain will send a warship to the Gulf, the Ministry of Defence said.",
            "According to the MoD, Britain is sending a warship to the Gulf.",
        )
        == []
    )


def test_session14_an_unknown_hashtag_is_a_topic() -> None:
    assert (
        compare_entities(
            "IMF: growth will slow next year #GDP",
            "The International Monetary Fund says growth will slow next year.",
        )
        == []
    )


@pytest.mark.parametrize(
    ("new", "old"),
    [
        (
            "Serbia restored Rio Tinto's licence for the Jadar lithium mine.",
            "Serbia has restored the licence held by Glencore for the Jadar lithium mine.",
        ),
        (
            "The 2024 Tour de France was won by Pogačar, organisers confirmed.",
            "Organisers confirmed that Jonas Vingegaard won the 2024 Tour de France.",
        ),
    ],
)
def test_session15_a_full_name_against_a_rare_one_word_name(new: str, old: str) -> None:
    findings = compare_entities(new, old)
    assert findings and findings[0].reason.startswith("entities differ: ")


def test_session15_a_name_inside_a_hyphenated_word_is_written() -> None:
    assert (
        compare_entities(
            "France's National Assembly voted in favour of the EU-Mercosur trade agreement.",
            "French MPs voted in favour of the trade deal between the European Union and Mercosur.",
        )
        == []
    )


def test_session15_active_against_passive_with_the_same_names_in_order() -> None:
    findings = compare_entities(
        "Morocco were beaten 1-0 by Portugal in the quarter-final.", "Morocco beat Portugal 1-0 in the quarter-final."
    )
    assert [f.reason for f in findings] == [
        "roles swapped: 'Morocco were beaten 1-0 by Portugal' vs 'Morocco beat Portugal'"
    ]
    # the passive with its agent and the active with the names swapped say the same
    assert compare_entities("Morocco were beaten by Portugal.", "Portugal beat Morocco.") == []
    # a passive without its agent is no role
    assert compare_entities("Djokovic was deported from Australia.", "Djokovic was deported by Australia.") == []


def test_session15_an_acronym_with_a_demonym_before_the_name() -> None:
    # "Asian" is read as a name of its own; "AFC" spells it with "Football Confederation"
    assert (
        compare_entities(
            "The AFC upheld the ban on international matches at Azadi Stadium.",
            "The Asian Football Confederation upheld its ban on international matches at Azadi Stadium.",
        )
        == []
    )


def test_session15_a_metonym_stands_for_its_institution() -> None:
    # Brussels is the EU's seat: no substitution against the EU, still one against another capital
    assert (
        compare_entities("Brussels has lifted its sanctions on Belarus.", "The EU has lifted its sanctions on Belarus.")
        == []
    )
    assert (
        compare_entities(
            "Brussels has lifted its sanctions on Belarus.", "Brussels, Belgium's capital, lifted sanctions."
        )
        == []
    )
    assert compare_entities(
        "Brussels has lifted its sanctions on Belarus.", "Washington has lifted its sanctions on Belarus."
    )


def test_session16_a_region_and_a_capitalised_word_form_one_name() -> None:
    # "Alaska Airlines" is one company, not the state Alaska and a word "Airlines"
    found = compare_entities(
        "A United Airlines jet lost a door plug in mid-air over Oregon.",
        "The plane that lost a door plug in mid-air over Oregon was operated by Alaska Airlines.",
    )
    assert [f.reason for f in found] == ["entities differ: United Airlines vs Alaska Airlines"]
    assert compare_entities("Texas Instruments cut 300 jobs in Dallas.", "Texas Instruments laid off 300 staff.") == []
    assert compare_entities("Alaska Airlines grounded its jets.", "The Alaska airline grounded its jets.") == []


def test_session16_unmatched_names() -> None:
    assert unmatched_names(
        "Samsung became the top-selling smartphone brand, ahead of Apple.", "Xiaomi overtook Apple as the top seller."
    ) == (("Samsung",), ("Xiaomi",))
    assert unmatched_names("Macron met Starmer in Paris.", "Starmer and Macron met in Paris.") == ((), ())
    # a hashtag tags a topic, a known name or not: it names nothing the other text lacks
    tagged, _ = unmatched_names(
        "rijksmuseum's asian pavilion reopens as soon as the roof repairs are done #amsterdam",
        "The Rijksmuseum will reopen its Asian pavilion after the roof repairs are finished.",
    )
    assert tagged == ()


def test_session16_two_one_word_names_ending_alike_are_two_names() -> None:
    # the same last three letters made "Öland" a short form of "Gotland"
    found = compare_entities(
        "The coastguard said a cargo ship ran aground off Gotland early on Friday.",
        "A cargo ship ran aground off the island of Öland early on Friday, the coastguard said.",
    )
    assert [f.reason for f in found] == ["entities differ: Gotland vs Öland"]


@pytest.mark.parametrize(
    ("new", "old", "expected"),
    [
        (  # an apposition between commas, on either side of the verb
            "Filings show the builder Harlow Civil is suing its former director, Tom Ruskin, for fraud.",
            "Tom Ruskin, a former director, is suing the builder Harlow Civil for fraud.",
            "roles swapped: 'Harlow Civil is suing its former director, Tom Ruskin' vs "
            "'Tom Ruskin, a former director, is suing the builder Harlow Civil'",
        ),
        (  # an object and another name between the two, and a synonym of the verb
            "Inpex buys a 10% stake in the Browse gas project from Santos",
            "Santos acquires a 10% stake in the Browse gas project from Inpex",
            "roles swapped: 'Inpex buys a 10% stake in the Browse gas project from Santos' vs "
            "'Santos acquires a 10% stake in the Browse gas project from Inpex'",
        ),
        (  # "his business partner": a noun after a possessive is no symmetric verb
            "Court filings show developer Colin Marsh accused his business partner, Ana Lutu, of forging documents.",
            "Ana Lutu accused her business partner, the developer Colin Marsh, of forging documents.",
            "roles swapped: 'Colin Marsh accused his business partner, Ana Lutu' vs "
            "'Ana Lutu accused her business partner, the developer Colin Marsh'",
        ),
        (  # a first word that the other text writes as a name is one
            "Rafael will supply the sonar for Elbit's new patrol boat.",
            "Elbit is to provide the sonar for Rafael's new patrol boat.",
            "roles swapped: 'Rafael will supply the sonar for Elbit' vs 'Elbit is to provide the sonar for Rafael'",
        ),
    ],
)
def test_session17_distant_role_swaps(new: str, old: str, expected: str) -> None:
    assert [f.reason for f in compare_entities(new, old)] == [expected]


@pytest.mark.parametrize(
    ("new", "old"),
    [
        (  # far apart, the first name must be the verb's subject, not a possessor
            "Morocco's ban on growing watermelons in the Zagora region lasts as long as the drought continues.",
            "Zagora's ban on watermelon farming in Morocco will remain in force for the duration of the drought.",
        ),
        (  # the same roles in other words
            "Tom Ruskin, a former director, is suing the builder Harlow Civil for fraud.",
            "The builder Harlow Civil is being sued for fraud by Tom Ruskin, its former director.",
        ),
    ],
)
def test_session17_no_distant_role_swap(new: str, old: str) -> None:
    assert not any(f.reason.startswith("roles swapped") for f in compare_entities(new, old))


@pytest.mark.parametrize(
    ("new", "old", "expected"),
    [
        (  # an irregular past between the names is a verb, not a modifier ("the Sinaloa Cartel sold")
            "The Norte Cartel sold cocaine to the Valle Clan for resale in the US, prosecutors said.",
            "Prosecutors said the Valle Clan sold cocaine to the Norte Cartel for resale in the United States.",
            "roles swapped: 'Norte Cartel sold cocaine to the Valle Clan' vs "
            "'Valle Clan sold cocaine to the Norte Cartel'",
        ),
        (  # a demonym before the subject's plural noun
            "Peruvian officials handed the smuggling suspects over to Bolivian authorities, a prosecutor said.",
            "A prosecutor said Bolivian authorities handed over the smuggling suspects to Peruvian officials.",
            "roles swapped: 'Peruvian officials handed the smuggling suspects over to Bolivian' vs "
            "'Bolivian authorities handed over the smuggling suspects to Peruvian'",
        ),
        (  # "ranked first", "finished ahead of": a winner
            "Makerere University ranked first in East Africa, ahead of Kenyatta University.",
            "Kenyatta University topped East Africa's rankings, beating Makerere.",
            "winner differs: 'Makerere University ranked first' vs 'Kenyatta University topped'",
        ),
    ],
)
def test_session17_more_role_and_winner_swaps(new: str, old: str, expected: str) -> None:
    assert [f.reason for f in compare_entities(new, old)] == [expected]


def test_session17_a_country_ending_in_an_is_no_demonym_subject() -> None:
    findings = compare_entities(
        "In Lahore at the 2025 Champions Trophy, Afghanistan lost to England by 8 runs.",
        "Afghanistan won its 2025 Champions Trophy match against England in Lahore by 8 runs.",
    )
    assert not any(f.reason.startswith("roles swapped") for f in findings)


def test_session17_the_winner_after_by_and_a_possessor() -> None:
    # "beaten by Finland's Social Democrats": the winner is the party, not Finland
    assert (
        compare_entities(
            "The National Coalition Party was beaten by Finland's Social Democrats in April 2023.",
            "Finland's Social Democrats defeated the National Coalition Party in April 2023.",
        )
        == []
    )


def test_session17_what_a_possessor_owns_is_not_its_class() -> None:
    # "Keir Starmer's party" names Labour: Starmer is no party against "the Labour Party"
    assert (
        compare_entities(
            "Keir Starmer's party swept to a landslide win in Britain's July 2024 election.",
            "The Labour Party won the UK election of July 2024 by a landslide.",
        )
        == []
    )


def test_session17_initials_before_shared_words() -> None:
    assert (
        compare_entities(
            "The New South Wales Rural Fire Service said nobody was hurt near Bega.",
            "The NSW Rural Fire Service said the fire near Bega caused no injuries.",
        )
        == []
    )
    (finding,) = compare_entities(
        "The Victoria Rural Fire Service said nobody was hurt.", "The NSW Rural Fire Service said nobody was hurt."
    )
    assert finding.reason.startswith("entities differ")


@pytest.mark.parametrize(
    ("new", "old", "reason"),
    [
        (
            "The river fell to record lows near Memphis.",
            "The river fell to record lows near St. Louis.",
            "entities differ: Memphis vs St Louis",
        ),
        (
            "Deaths occurred mostly in the Gulf of Maine, scientists said.",
            "Scientists said deaths were concentrated in the Gulf of St. Lawrence.",
            "entities differ: Gulf of Maine vs Gulf of St Lawrence",
        ),
        (
            "The tanker sank in the Bay of Bengal.",
            "The tanker sank in the Bay of Biscay.",
            "entities differ: Bay of Bengal vs Bay of Biscay",
        ),
    ],
)
def test_session18_saints_and_seas(new: str, old: str, reason: str) -> None:
    (finding,) = compare_entities(new, old)
    assert finding.reason == reason


@pytest.mark.parametrize(
    ("new", "old"),
    [
        ("The summit was held in St. Petersburg.", "The summit was held in Saint Petersburg."),
        ("The tanker sank in the Black Sea.", "The tanker sank in the Black Sea off Odesa."),
    ],
)
def test_session18_one_saint_or_sea_in_two_forms(new: str, old: str) -> None:
    assert compare_entities(new, old) == []


@pytest.mark.parametrize(
    ("new", "old", "reason"),
    [
        (
            "Brann knocked Tromsø out of the Norwegian Cup on penalties.",
            "Tromsø eliminated Brann from the Norwegian Cup on penalties.",
            "roles swapped: 'Brann knocked Tromsø' vs 'Tromsø eliminated Brann'",
        ),
        (
            "Nadia Petrova beat Ana Lopes to the chess title in Porto.",
            "Ana Lopes edged out Nadia Petrova for the chess title in Porto.",
            "roles swapped: 'Nadia Petrova beat Ana Lopes' vs 'Ana Lopes edged out Nadia Petrova'",
        ),
        (
            "Ghana beat Nigeria in the semi-final.",
            "Ghana were eliminated by Nigeria in the semi-final.",
            "roles swapped: 'Ghana beat Nigeria' vs 'Ghana were eliminated by Nigeria'",
        ),
    ],
)
def test_session19_verbs_of_beating_someone_relate_winner_and_loser_alike(new: str, old: str, reason: str) -> None:
    assert [f.reason for f in compare_entities(new, old)] == [reason]


def test_session19_the_same_winner_with_another_verb_of_beating_agrees() -> None:
    assert compare_entities("Ghana knocked Nigeria out in the semi.", "Ghana beat Nigeria in the semi.") == []
    assert compare_entities("Ghana beat Nigeria in the semi-final.", "Nigeria were eliminated by Ghana.") == []


@pytest.mark.parametrize(
    ("new", "old"),
    [
        (
            "The Berliner Philharmoniker will tour Chile next spring.",
            "The Berlin Philharmonic will tour Chile next spring.",
        ),
        (
            "Researchers at the Karolinska Institute led the study.",
            "Researchers at the Karolinska Institutet led the study.",
        ),
    ],
)
def test_session19_one_name_in_two_languages_word_for_word(new: str, old: str) -> None:
    assert compare_entities(new, old) == []


def test_session19_names_sharing_only_a_short_start_still_differ() -> None:
    assert [
        f.reason
        for f in compare_entities("The Austrian Open was held in June.", "The Australian Open was held in June.")
    ] == ["entities differ: Austrian Open vs Australian Open"]
