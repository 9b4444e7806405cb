"""Script classification and language detection on real text of each kind."""

from __future__ import annotations

import pytest

from align.errors import InputError
from align.languages import detect_language, script_of, script_profile


@pytest.mark.parametrize(
    ("ch", "script"),
    [
        ("a", "latin"),
        ("É", "latin"),
        ("한", "hangul"),
        ("ㄱ", "hangul"),
        ("漢", "han"),
        ("か", "kana"),
        ("カ", "kana"),
        ("ж", "cyrillic"),
        ("λ", "greek"),
        ("ש", "hebrew"),
        ("ب", "arabic"),
        ("ก", "thai"),
        ("क", "devanagari"),
        ("অ", "bengali"),
        ("1", "other"),
        (".", "other"),
        (" ", "other"),
        ("。", "other"),
    ],
)
def test_script_of(ch: str, script: str) -> None:
    assert script_of(ch) == script


def test_script_profile_counts_letters_only() -> None:
    assert script_profile("BUTA 학생 연맹, 2016.") == {"latin": 4, "hangul": 4}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("호잘리 학살 24주년과 관련해 주한 아제르바이잔 대사관의 후원으로 BUTA 회원들이 참가했다.", "ko"),
        ("The embassy organised a bicycle marathon in Seoul.", "en"),
        ("今日は晴れです。公園に行きましょう。", "ja"),
        ("今天天气很好，我们去公园吧。", "zh"),
        ("Посольство провело велопробег в Сеуле.", "ru"),
        ("Посольство провело велопробіг у Сеулі, і він був успішним.", "uk"),
        ("نظمت السفارة سباقا للدراجات في سيول.", "ar"),
        ("Η πρεσβεία οργάνωσε έναν ποδηλατικό μαραθώνιο.", "el"),
        ("השגרירות ארגנה מרתון אופניים בסיאול.", "he"),
        ("สถานทูตจัดการแข่งขันจักรยานในกรุงโซล", "th"),
        (
            "Die Botschaft hat in Seoul einen Radmarathon für die Opfer organisiert, und es war ein Erfolg.",
            "de",
        ),
        ("L'ambassade a organisé un marathon à vélo pour les victimes, et il a été un succès.", "fr"),
        ("La embajada organizó un maratón en bicicleta para las víctimas, y fue un éxito.", "es"),
        (
            "L'ambasciata ha organizzato una maratona in bicicletta per le vittime, ed è stata un successo.",
            "it",
        ),
        ("A embaixada organizou uma maratona de bicicleta para as vítimas, e foi um sucesso.", "pt"),
        (
            "De ambassade heeft een fietsmarathon voor de slachtoffers georganiseerd, en het was een succes.",
            "nl",
        ),
        ("Xyzzy plugh", "en"),
    ],
)
def test_detect_language(text: str, lang: str) -> None:
    assert detect_language(text) == lang


def test_korean_with_many_latin_names_is_still_korean() -> None:
    text = "또한 한국의 영자신문인 Korea Heald에 아제르바이잔Remzi Teymurov대사님의 기사가 실렸다."
    assert detect_language(text) == "ko"


def test_korean_with_hanja_is_korean() -> None:
    assert detect_language("大韓民國 헌법 제1조 대한민국은 民主共和國이다.") == "ko"


@pytest.mark.parametrize("text", ["", "   \n", "2016-02-20 12:00", "... !!! ---"])
def test_no_letters_is_an_input_error(text: str) -> None:
    with pytest.raises(InputError):
        detect_language(text)
