"""Each check on small pairs of real sentences (FLORES-200 and Python docs style)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from align.checks import CheckContext, run_checks
from align.checks.name import jaro_winkler
from align.checks.term_match import term_occurs
from align.config import config_from_table
from align.errors import InputError
from align.model import BeadStatus, Bitext, Severity
from glossary.formats.tabular import parse_table

MakeBitext = Callable[..., Bitext]

CLEAN = [
    ("On Monday, scientists from the Stanford University School of Medicine announced the invention of a new diagnostic tool.",
     "월요일, 스탠포드 의과대학 과학자들은 새로운 진단 도구를 발명했다고 발표했다."),
    ("Lead researchers say this may bring early detection of cancer, tuberculosis, HIV and malaria to patients in low-income countries.",
     "연구원들은 이것이 저소득 국가의 환자들에게 암, 결핵, HIV, 말라리아의 조기 발견을 가져올 수 있다고 말한다."),
    ("The JAS 39C Gripen crashed onto a runway at around 9:30 am local time (0230 UTC) and exploded.",
     "JAS 39C 그리펜은 현지 시간 오전 9시 30분경(0230 UTC) 활주로에 추락해 폭발했다."),
    ("The pilot was identified as Squadron Leader Dilokrit Pattavee.",
     "조종사는 편대장 딜로크리트 패타비로 확인되었다."),
    ("Local media reports an airport fire vehicle rolled over while responding.",
     "현지 언론은 공항 소방차가 출동 중 전복됐다고 보도했다."),
]  # fmt: skip


def _checks(bitext: Bitext, only: str, ctx: CheckContext | None = None) -> list:  # type: ignore[type-arg]
    return run_checks(bitext, ctx, only={only})


def test_clean_pairs_report_nothing(bitext_of: MakeBitext) -> None:
    assert run_checks(bitext_of(CLEAN)) == []


def test_missing_run_is_one_finding(bitext_of: MakeBitext) -> None:
    pairs: list[tuple[str | None, str | None]] = [
        CLEAN[0],
        (CLEAN[1][0], None),
        (CLEAN[2][0], None),
        CLEAN[3],
    ]
    found = _checks(bitext_of(pairs), "missing")
    assert len(found) == 1 and found[0].src == (1, 2) and found[0].severity is Severity.ERROR


def test_extra_sentence(bitext_of: MakeBitext) -> None:
    found = _checks(bitext_of([CLEAN[0], (None, "Search in archive"), CLEAN[1]]), "extra")
    assert [f.tgt for f in found] == [(1,)]


def test_unpaired_line_without_letters_is_info(bitext_of: MakeBitext) -> None:
    found = _checks(bitext_of([CLEAN[0], (None, "***"), CLEAN[1]]), "extra")
    assert [f.severity for f in found] == [Severity.INFO]


def test_changed_time_is_a_number_error(bitext_of: MakeBitext) -> None:
    pairs = [(CLEAN[2][0], CLEAN[2][1].replace("9시 30분", "10시 30분"))]
    found = _checks(bitext_of(pairs), "number")
    assert len(found) == 1 and found[0].severity is Severity.ERROR and "10" in found[0].message


def test_year_severity_is_configurable(bitext_of: MakeBitext) -> None:
    bitext = bitext_of([("On February 20, 2016, it rained.", "2월 20일에 비가 왔다.")])
    assert [f.severity for f in _checks(bitext, "number")] == [Severity.WARNING]
    ctx = CheckContext(config_from_table({"year-severity": "info"}, "dari.toml"))
    assert [f.severity for f in _checks(bitext, "number", ctx)] == [Severity.INFO]


def test_name_misspelling_and_inflection(bitext_of: MakeBitext) -> None:
    bitext = bitext_of([
        ("The article was published in The Korea Herald.", "기사는 Korea Heald에 실렸다."),
        ("Exceptions are raised by the Exception class.", "Exception 클래스가 예외를 일으킨다."),
    ])  # fmt: skip
    found = _checks(bitext, "name")
    assert [(f.data["source_name"], f.data["target_name"]) for f in found] == [("Herald", "Heald")]


def test_jaro_winkler_known_values() -> None:
    assert jaro_winkler("martha", "marhta") == pytest.approx(0.961, abs=1e-3)
    assert jaro_winkler("ramzi", "remzi") > 0.85 > jaro_winkler("ramzi", "korea")


def test_term_check_strips_korean_particles(bitext_of: MakeBitext) -> None:
    glossary = parse_table("source,target\nembassy,대사관\nNational Assembly,국회\n")
    bitext = bitext_of([
        ("Members of the Embassy took part.", "대사관의 직원들이 참가했다."),
        ("It took place outside the National Assembly.", "행사는 의회 밖에서 열렸다."),
    ])  # fmt: skip
    found = _checks(bitext, "term", CheckContext(glossary=glossary))
    assert [f.data["term"] for f in found] == ["National Assembly"]
    assert term_occurs("대사관", "주한 대사관에서", "ko") and not term_occurs("관", "대사관", "ko")
    assert term_occurs("embassy", "two Embassies", "en")


def test_glossary_errors() -> None:
    with pytest.raises(InputError):
        parse_table("only-one-column\n")
    with pytest.raises(InputError):
        parse_table("source,target\n")
    assert [e.target for e in parse_table("a\tb\nc\td|e\n")] == ["b", "d|e"]


def test_untranslated_prose_but_not_code(bitext_of: MakeBitext) -> None:
    english = "This module provides access to some objects used or maintained by the interpreter."
    bitext = bitext_of([
        (english, english),
        ("import sys; print(sys.argv)", "import sys; print(sys.argv)"),
        ("https://docs.python.org/3/library/sys.html", "https://docs.python.org/3/library/sys.html"),
        ("The sys module is always available.", "The sys module is always available in Python."),
        ("It is always available.", "항상 사용할 수 있습니다."),
    ])  # fmt: skip
    found = _checks(bitext, "untranslated")
    assert [(f.src, f.data["kind"]) for f in found] == [((0,), "identical"), ((3,), "source-script")]


def test_stray_korean_word_in_english(bitext_of: MakeBitext) -> None:
    bitext = bitext_of([("The 대사관 organised a march.", "대사관이 행진을 조직했다.")])
    found = _checks(bitext, "untranslated")
    assert len(found) == 1 and "대사관" in found[0].message and found[0].src == (0,)


def test_length_outlier_only_when_far_out(bitext_of: MakeBitext) -> None:
    pairs = list(CLEAN)
    pairs.append(("The pilot was identified as Squadron Leader Dilokrit Pattavee, who had flown for "
                  "twenty years and had trained many of the younger pilots of the squadron.", "조종사."))  # fmt: skip
    found = _checks(bitext_of(pairs), "length")
    assert [f.src for f in found] == [(5,)]
    assert _checks(bitext_of(CLEAN), "length") == []


def test_confidence_outlier_is_info(bitext_of: MakeBitext) -> None:
    scores = [0.9, 0.85, 0.88, 0.92, 0.1]
    found = _checks(bitext_of(CLEAN, scores=scores), "confidence")
    assert [(f.src, f.severity) for f in found] == [((4,), Severity.INFO)]


def test_config_switches_and_overrides(bitext_of: MakeBitext) -> None:
    bitext = bitext_of([CLEAN[0], (None, "Search in archive")])
    off = CheckContext(config_from_table({"checks": {"extra": False}}, "dari.toml"))
    assert run_checks(bitext, off) == []
    softer = CheckContext(config_from_table({"checks": {"extra": "warning"}}, "dari.toml"))
    assert [f.severity for f in run_checks(bitext, softer)] == [Severity.WARNING]
    ignored = CheckContext(config_from_table({"ignore": ["^Search in"]}, "dari.toml"))
    assert run_checks(bitext, ignored) == []


def test_sentence_split_left_unpaired_is_only_info() -> None:
    """FLORES devtest 146: one English sentence became two Korean ones in the same line, and the
    aligner paired only the first; the second is not drift."""
    from align.model import Bead, Document, Segment

    en = [
        "Such children are called feral or wild. Some feral children have been confined by people (usually their own parents); in some cases this child abandonment was due to the parents' rejection of a child's severe intellectual or physical impairment.",
        "Feral children may have experienced severe child abuse or trauma before being abandoned or running away.",
        "Others are alleged to have been brought up by animals; some are said to have lived in the wild on their own.",
    ]
    ko = [
        ["이러한 아이들은 '야생아'라 불린다. 몇몇 경우에서 이러한 아동 유기는 부모가 아동의 심각한 지적, 신체적 결함을 받아들이지 못하기 때문에 발생한다.",
         "몇몇 야생아들은 감금되기도 하는데, 아이들의 부모가 이들을 가두는 경우가 많다."],
        ["야생 아동은 버려지거나 도망치기 전에 심한 아동학대나 트라우마를 경험했을 수 있습니다."],
        ["어떤 아이들은 동물들에 의해 길러졌다고 주장되고, 어떤 아이들은 그들 스스로 야생에서 살았다고 한다."],
    ]  # fmt: skip
    src_segs, tgt_segs, src_text, tgt_text = [], [], "", ""
    for para, (e, ks) in enumerate(zip(en, ko, strict=True)):
        src_segs.append(Segment(e, len(src_text), len(src_text) + len(e), para))
        src_text += e + "\n"
        for k in ks:
            tgt_segs.append(Segment(k, len(tgt_text), len(tgt_text) + len(k), para))
            tgt_text += k + " "
        tgt_text = tgt_text[:-1] + "\n"
    beads = [Bead((0,), (0,), 0.8), Bead((), (1,), 0.0), Bead((1,), (2,), 0.9), Bead((2,), (3,), 0.9)]
    bitext = Bitext(Document("en", src_text, src_segs), Document("ko", tgt_text, tgt_segs), beads)
    found = run_checks(bitext, only={"extra"})
    assert [(f.tgt, f.severity) for f in found] == [((1,), Severity.INFO)]
    assert "neighbouring pair" in found[0].message
    # The same sentence in a paragraph of its own is an addition: an error.
    moved = [Segment(s.text, s.start, s.end, 9 if i == 1 else s.para) for i, s in enumerate(tgt_segs)]
    bitext.target = Document("ko", tgt_text, moved)
    assert [f.severity for f in run_checks(bitext, only={"extra"})] == [Severity.ERROR]


def test_citation_left_in_english_is_not_untranslated(bitext_of: MakeBitext) -> None:
    ref = 'Guido van Rossum and Jelke de Boer, "Interactively Testing Remote Servers Using the Python Programming Language", CWI Quarterly, Volume 4, Issue 4 (December 1991), Amsterdam, pp 283--303.'
    assert _checks(bitext_of([(ref, ref.replace("Amsterdam,", "Amsterdam;"))]), "untranslated") == []


@pytest.fixture(scope="session")
def use_encoder():  # type: ignore[no-untyped-def]
    from align.encoders import get_encoder

    return get_encoder("use")


MORE = [
    ("Widespread looting reportedly continued overnight, as law enforcement officers were not present on Bishkek's streets.",
     "비슈케크 시가지에 법 집행관들이 나타나지 않자, 간밤에 광범위한 약탈이 계속되었다고 전해진다."),
    ("Several Bishkek residents blamed protesters from the south for the lawlessness.",
     "일부 비슈케크 주민들은 남부 지역 시위대의 불법 무법 행위를 비난했습니다."),
]  # fmt: skip
"""Two more clean pairs: the aligner's policy judges a pair against the document's typical
pair, which takes at least five pairs to know."""


def test_crossed_unpaired_translations_are_an_alignment_slip(use_encoder, bitext_of: MakeBitext) -> None:  # type: ignore[no-untyped-def]
    """FLORES devtest 078: the aligner left a sentence and its translation both unpaired; the
    checks see them as one pair (so the number check still compares them)."""
    en = "California Governor Arnold Schwarzenegger signed into law a bill that bans the sale or rental of violent video games to minors."
    ko = "아놀드 슈워제네거 캘리포니아 주지사는 미성년자에게 폭력적인 비디오 게임을 판매하거나 대여하는 것을 금지하는 법안에 서명했다."
    ctx = CheckContext(encoder=use_encoder)
    bitext = bitext_of([(None, ko), (en, None), CLEAN[1], CLEAN[3], *MORE, CLEAN[2]])
    assert run_checks(bitext, ctx) == []
    drifted = bitext_of(
        [(None, ko.replace("서명했다", "2006년에 서명했다")), (en + " It was 2005.", None), CLEAN[1], CLEAN[3], *MORE, CLEAN[2]]
    )  # fmt: skip
    assert [(f.check, f.src, f.tgt) for f in run_checks(drifted, ctx)] == [("number", (0,), (0,))]
    # Too few pairs to know the document's typical pair: the policy leaves the beads alone.
    short = bitext_of([(None, ko), (en, None), CLEAN[1], CLEAN[2]])
    assert sorted(f.check for f in run_checks(short, ctx, only={"missing", "extra"})) == ["extra", "missing"]
    # A sentence replaced by an unrelated one stays an error on both sides.
    replaced = bitext_of([(None, CLEAN[4][1]), (en, None), CLEAN[1], CLEAN[3], *MORE, CLEAN[2]])
    assert [f.severity for f in run_checks(replaced, ctx, only={"missing", "extra"})] == [Severity.ERROR] * 2
    # Without a similarity (no encoder loaded) both are reported.
    assert [f.severity for f in run_checks(bitext, only={"missing", "extra"})] == [Severity.ERROR] * 2
    # Reviewed beads are the user's word: never re-paired.
    for bead in bitext.beads[:2]:
        bead.status = BeadStatus.CONFIRMED
    assert len(run_checks(bitext, ctx, only={"missing", "extra"})) == 2


def test_confidence_second_opinion_from_vectors(use_encoder, bitext_of: MakeBitext) -> None:  # type: ignore[no-untyped-def]
    """python-docs howto/cporting: faithful titles the aligner scored 0.17 are not reported when
    the vectors agree; the seed's loose sentence (T-shirts added, purpose left out) still is."""
    seed_loose = (
        "The bicycle marathon aiming to inform the Korean society about the realities of Khojaly Genocide ended with the distribution of informative brochures in Korean language prepared by the Embassy.",
        "자전거 행진 행사가 끝난 뒤 호잘리 학살관련 이미지가 프린트 된 티셔츠를 입은 참가자들은 주한 아제르바이잔 대사관이 발행한 책자들을 시민들에게 배포했다.",
    )
    title = ("Porting Extension Modules to Python 3", "확장 모듈을 파이썬 3에 이식하기")
    pairs = [title, *CLEAN[:3], seed_loose]
    bitext = bitext_of(pairs, scores=[0.17, 0.9, 0.92, 0.88, 0.1])
    found = run_checks(bitext, CheckContext(encoder=use_encoder), only={"confidence"})
    assert [f.src for f in found] == [(4,)]
    assert [f.src for f in run_checks(bitext, only={"confidence"})] == [(0,), (4,)]


def test_sentence_merged_into_neighbour_is_lent_back(use_encoder) -> None:  # type: ignore[no-untyped-def]
    """FLORES devtest 052: the aligner returned [1, 2]:[1] and []:[2]."""
    from align.model import Bead, Document, Segment, validate_beads

    en = [
        "Widespread looting reportedly continued overnight, as law enforcement officers were not present on Bishkek's streets.",
        'Bishkek was described as sinking into a state of "anarchy" by one observer, as gangs of people roamed the streets and plundered stores of consumer goods.',
        "Several Bishkek residents blamed protesters from the south for the lawlessness.",
    ]
    ko = [
        "비슈케크 시가지에 법 집행관들이 나타나지 않자, 간밤에 광범위한 약탈이 계속되었다고 전해진다.",
        "한 목격자는 사람들이 무리를 이루어 거리를 배회하고 물품을 약탈하는 것으로 보아 비슈케크(Bishkek)가 무정부 상태로 빠지고 있다고 묘사하였습니다.",
        "일부 비슈케크 주민들은 남부 지역 시위대의 불법 무법 행위를 비난했습니다.",
    ]

    def doc(lines: list[str], lang: str) -> Document:
        text, segs = "", []
        for line in lines:
            segs.append(Segment(line, len(text), len(text) + len(line), 0))
            text += line + " "
        return Document(lang, text, segs)

    en += [e for e, _ in CLEAN]
    ko += [k for _, k in CLEAN]
    beads = [Bead((0,), (0,), 0.98), Bead((1, 2), (1,), 0.87), Bead((), (2,), 0.0)]
    beads += [Bead((k,), (k,), 0.9) for k in range(3, 8)]
    bitext = Bitext(doc(en, "en"), doc(ko, "ko"), beads)
    from align.checks.repairs import repair_alignment

    ctx = CheckContext(encoder=use_encoder)
    repaired = repair_alignment(bitext, ctx)
    assert [(b.src, b.tgt) for b in repaired.beads][:3] == [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]
    validate_beads(repaired.beads, 8, 8)
    assert [(b.src, b.tgt) for b in bitext.beads][1] == ((1, 2), (1,))  # the user's bitext is untouched
    assert run_checks(bitext, ctx) == []
    # A reviewed bead is the user's word: the policy does not take its sentence away.
    bitext.beads[1].status = BeadStatus.CONFIRMED
    assert repair_alignment(bitext, ctx) is bitext
