"""Transliteration by Cabinet of Ministers Resolution No. 55 of 27.01.2010."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hromada.refdata.translit import TABLE, transliterate

# The examples printed in the table of the resolution (and in its notes).
OFFICIAL_EXAMPLES = [
    ("Алушта", "Alushta"),
    ("Андрій", "Andrii"),
    ("Борщагівка", "Borshchahivka"),
    ("Борисенко", "Borysenko"),
    ("Вінниця", "Vinnytsia"),
    ("Володимир", "Volodymyr"),
    ("Гадяч", "Hadiach"),
    ("Богдан", "Bohdan"),
    ("Згурський", "Zghurskyi"),
    ("Ґалаґан", "Galagan"),
    ("Ґорґани", "Gorgany"),
    ("Донецьк", "Donetsk"),
    ("Дмитро", "Dmytro"),
    ("Рівне", "Rivne"),
    ("Олег", "Oleh"),
    ("Есмань", "Esman"),
    ("Єнакієве", "Yenakiieve"),
    ("Гаєвич", "Haievych"),
    ("Короп'є", "Koropie"),
    ("Житомир", "Zhytomyr"),
    ("Жанна", "Zhanna"),
    ("Жежелів", "Zhezheliv"),
    ("Закарпаття", "Zakarpattia"),
    ("Казимирчук", "Kazymyrchuk"),
    ("Медвин", "Medvyn"),
    ("Михайленко", "Mykhailenko"),
    ("Іванків", "Ivankiv"),
    ("Іващенко", "Ivashchenko"),
    ("Їжакевич", "Yizhakevych"),
    ("Кадиївка", "Kadyivka"),
    ("Мар'їне", "Marine"),
    ("Йосипівка", "Yosypivka"),
    ("Стрий", "Stryi"),
    ("Олексій", "Oleksii"),
    ("Київ", "Kyiv"),
    ("Коваленко", "Kovalenko"),
    ("Лебедин", "Lebedyn"),
    ("Леонід", "Leonid"),
    ("Миколаїв", "Mykolaiv"),
    ("Маринич", "Marynych"),
    ("Ніжин", "Nizhyn"),
    ("Наталія", "Nataliia"),
    ("Одеса", "Odesa"),
    ("Онищенко", "Onyshchenko"),
    ("Полтава", "Poltava"),
    ("Петро", "Petro"),
    ("Решетилівка", "Reshetylivka"),
    ("Рибчинський", "Rybchynskyi"),
    ("Суми", "Sumy"),
    ("Соломія", "Solomiia"),
    ("Тернопіль", "Ternopil"),
    ("Троць", "Trots"),
    ("Ужгород", "Uzhhorod"),
    ("Уляна", "Uliana"),
    ("Фастів", "Fastiv"),
    ("Філіпчук", "Filipchuk"),
    ("Харків", "Kharkiv"),
    ("Христина", "Khrystyna"),
    ("Біла Церква", "Bila Tserkva"),
    ("Стеценко", "Stetsenko"),
    ("Чернівці", "Chernivtsi"),
    ("Шевченко", "Shevchenko"),
    ("Шостка", "Shostka"),
    ("Кишеньки", "Kyshenky"),
    ("Щербухи", "Shcherbukhy"),
    ("Гоща", "Hoshcha"),
    ("Гаращенко", "Harashchenko"),
    ("Юрій", "Yurii"),
    ("Корюківка", "Koriukivka"),
    ("Яготин", "Yahotyn"),
    ("Ярошенко", "Yaroshenko"),
    ("Костянтин", "Kostiantyn"),
    ("Знам'янка", "Znamianka"),
    ("Феодосія", "Feodosiia"),
    ("Згорани", "Zghorany"),
    ("Розгон", "Rozghon"),
    # further names named in the brief, by the same rules
    ("Крюківка", "Kriukivka"),
    ("Жашків", "Zhashkiv"),
    ("Хуст", "Khust"),
    ("Цюрупинськ", "Tsiurupynsk"),
]


@pytest.mark.parametrize(("uk", "en"), OFFICIAL_EXAMPLES)
def test_official_examples(uk, en):
    assert transliterate(uk) == en


@pytest.mark.parametrize(
    ("uk", "en"),
    [
        ("Знам’янка", "Znamianka"),  # typographic apostrophe
        ("Знамʼянка", "Znamianka"),  # modifier letter apostrophe (official Unicode one)
        ("Івано-Франківськ", "Ivano-Frankivsk"),  # hyphen starts a new word
        ("Юр'ївка", "Yurivka"),
        ("ЯГОТИН", "YAHOTYN"),
        ("ЗГОРАНИ", "ZGHORANY"),
        ("Щ", "Shch"),
        ("вул. Шевченка, 12", "vul. Shevchenka, 12"),
        ("Kyiv", "Kyiv"),
        ("", ""),
    ],
)
def test_case_apostrophes_and_passthrough(uk, en):
    assert transliterate(uk) == en


def test_rejects_non_string():
    with pytest.raises(TypeError, match="expects a str"):
        transliterate(None)  # type: ignore[arg-type]


_ALPHABET = "".join(TABLE) + "".join(TABLE).upper() + " -'"


@settings(max_examples=50, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=30))
def test_output_is_latin_and_idempotent(text):
    out = transliterate(text)
    assert all(ord(c) < 128 for c in out)
    assert transliterate(out) == out


@settings(max_examples=50, deadline=None)
@given(st.text(alphabet="".join(TABLE).replace("ь", ""), min_size=1, max_size=20))
def test_lower_case_words_give_lower_case(text):
    out = transliterate(text)
    assert out == out.lower() and len(out) >= len(text)
