"""Word lists the rule-based splitter consults before ending a sentence at a period.

Kept as data, apart from the rules, so a language can be added without touching the logic.
All entries are lower case and without their final period.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Never end a sentence: they always precede a name or a word ("Dr. Kim", "e.g. this").
TITLES = _words(
    """
    dr mr mrs ms mssrs messrs prof rev hon gen col lt sgt capt cmdr adm maj brig gov sen rep pres
    supt insp det
    e.g eg i.e ie cf vs viz approx ca esp incl resp
    herr frau hr fr dipl ing mag mme mlle mgr sra sta sto dott avv
    z.b u.a d.h bzw ggf vgl evtl
    """
)

# Followed by a number ("No. 5", "p. 12", "Art. 3"); end a sentence otherwise.
BEFORE_NUMBER = _words(
    "no nos nr nº art arts sec secs ch chap fig figs vol vols p pp para paras op ed eq eqs ref refs tab s bd hft"
)

MONTHS = _words(
    """
    jan feb mar apr jun jul aug sep sept oct nov dec
    januar februar märz april mai juni juli august september oktober november dezember
    janv févr avr juil déc ene abr ago dic
    """
)

# May end a sentence ("... Martin Luther King Jr.", "Apple Inc."), so they do only when a
# typical sentence opener follows ("Inc. The", but not "Samsung Co. Ltd.") or a bracket or
# quote closes after them ("(Apple Inc.) Then"). "etc." is not here: before a capital it
# nearly always ends the sentence.
MAY_END = _words(
    "usw dept univ assn ave blvd rd hwy st mt ft pt inc ltd co corp llc plc jr sr al bros pty gmbh ag sa sas srl ab oy"
)

# Words that commonly open a sentence (lower-cased). After an ambiguous period (initials,
# dotted abbreviations such as "U.S.", "a.m.") only these make a sentence break.
SENTENCE_STARTERS = _words(
    """
    the a an this that these those it its he she they we i you there here in on at for but and or so
    if when while as after before since however also although though yet then thus meanwhile
    moreover furthermore his her their our my your some many most all each every no not one two
    to from with by of what who why how where which such both during according despite because
    other another today yesterday last next now still only even besides instead finally first
    second later earlier nevertheless therefore hence indeed unfortunately fortunately
    der die das ein eine er sie es wir ich im am auf aber und doch dann als wenn diese dieser dieses
    le la les un une il elle ils elles nous je ce cette dans au mais et puis en
    el los las una ella ellos pero y este esta
    lo gli il una lui lei ma questo questa
    o os as um uma ele ela mas
    de het een hij zij wij maar
    """
)
