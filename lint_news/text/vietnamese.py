"""Vietnamese written in the legacy 8-bit font encodings TCVN3 (ABC) and VNI, and a syllable check.

Before Unicode, Vietnamese was typed with fonts that put the accented letters on the code
points of Windows-1252 symbols and Latin-1 letters. Text copied out of such a document into a
UTF-8 file keeps those stand-in characters: "Hà Nội" typed in TCVN3 reads "Hµ Néi", typed in
VNI it reads "Haø Noäi". No codec in Python's standard library knows these layouts, so the
tables are here (TCVN 5712:1993 "VN3" for TCVN3; VNI-Windows for VNI).

A line is only called legacy text when converting it gives *valid Vietnamese syllables* and the
line as written does not: that is what keeps French "où" or German "Öl" from being flagged.
The syllable check (``is_vietnamese_syllable``) also ranks candidate codecs for files that are
not UTF-8 (Windows-1258 against Windows-1252), in ``kinds/encoding.py``.

This is the one home of Vietnamese spelling for every kind: the marked letters
(``MARKED_LETTERS``, ``VIETNAMESE_ONLY``) and the syllable grammar (``is_vietnamese_syllable``),
which ``run-together`` and ``seo-spam`` import rather than copy.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .regex.lazy import LazyPattern, char_class

# ----- TCVN3 (ABC, VN3 fonts) -------------------------------------------------------------
# The stand-in character (as Windows-1252/Latin-1 shows the byte) -> the Vietnamese letter.
# Capitals other than Ă Â Đ Ê Ô Ơ Ư used a separate capitals font with the lower-case codes.
_TCVN3_PAIRS = (
    "µà ¸á ¶ả ·ã ¹ạ ¨ă »ằ ¾ắ ¼ẳ ½ẵ Æặ ©â Çầ Êấ Èẩ Éẫ Ëậ ®đ Ìè Ðé Îẻ Ïẽ Ñẹ ªê Òề Õế Óể Ôễ Öệ "
    "×ì Ýí Øỉ Üĩ Þị ßò ãó áỏ âõ äọ «ô åồ èố æổ çỗ éộ ¬ơ êờ íớ ëở ìỡ îợ ïù óú ñủ òũ ôụ "
    "\u00adư õừ øứ öử ÷ữ ùự úỳ ýý ûỷ üỹ þỵ ¡Ă ¢Â §Đ £Ê ¤Ô ¥Ơ ¦Ư"
)
TCVN3: dict[str, str] = {pair[0]: pair[1] for pair in _TCVN3_PAIRS.split(" ")}
# "ư" sits on byte AD, the soft hyphen: text extracted from PDFs set in the VN3 fonts often
# has a minus sign there instead ("n−íc" for "nước"); it counts only between letters.
_TCVN3_MINUS = "\u2212"
_MINUS_IN_WORD = LazyPattern(
    "(?:(?<=[^\\W\\d_])|(?<=[" + re.escape("".join(TCVN3)) + "])|(?<!\\S))\u2212"
    "(?=[^\\W\\d_]|[" + re.escape("".join(TCVN3)) + "])"
)
# Stand-ins that are never letters in Windows-1252: inside a word they are a strong sign.
_TCVN3_SYMBOLS = frozenset("µ¸¶·¹¨»¾¼½©®ª«¬\u00ad×÷¡¢§£¤¥¦")

# ----- VNI (VNI-Windows fonts) ------------------------------------------------------------
# A base letter followed by one or two stand-ins for the marks; a few letters are one byte.
_VNI_MARKS_LOWER = {"ù": "\u0301", "ø": "\u0300", "û": "\u0309", "õ": "\u0303", "ï": "\u0323"}
_VNI_MARKS_UPPER = {"Ù": "\u0301", "Ø": "\u0300", "Û": "\u0309", "Õ": "\u0303", "Ï": "\u0323"}
# Circumflex and breve combined with a tone (lower case; upper case is the same shifted).
_VNI_HAT = {"â": "", "á": "\u0301", "à": "\u0300", "å": "\u0309", "ã": "\u0303", "ä": "\u0323"}
_VNI_BREVE = {"ê": "", "é": "\u0301", "è": "\u0300", "ú": "\u0309", "ü": "\u0303", "ë": "\u0323"}
_VNI_SINGLE = {"ô": "ơ", "ö": "ư", "ñ": "đ", "í": "í", "ì": "ì", "æ": "ỉ", "ó": "ĩ", "ò": "ị", "î": "ỵ",
               "Ô": "Ơ", "Ö": "Ư", "Ñ": "Đ", "Í": "Í", "Ì": "Ì", "Æ": "Ỉ", "Ó": "Ĩ", "Ò": "Ị", "Î": "Ỵ"}


@lru_cache(maxsize=1)
def _vni_table() -> dict[str, str]:
    """Every VNI spelling (one to three characters) -> the Unicode letter, longest first."""
    table: dict[str, str] = {}
    for lower in (True, False):
        def case(s: str, lower: bool = lower) -> str:
            return s if lower else s.upper()

        marks = _VNI_MARKS_LOWER if lower else _VNI_MARKS_UPPER
        for base in "aeiouy":
            for stand_in, mark in marks.items():
                table[case(base) + stand_in] = unicodedata.normalize("NFC", case(base) + mark)
        for base in "aeo":
            for stand_in, tone in _VNI_HAT.items():
                table[case(base) + case(stand_in)] = unicodedata.normalize(
                    "NFC", case(base) + "\u0302" + tone)
        for stand_in, tone in _VNI_BREVE.items():
            table[case("a") + case(stand_in)] = unicodedata.normalize("NFC", case("a") + "\u0306" + tone)
        for horn, letter in (("ô", "ơ"), ("ö", "ư")):
            for stand_in, mark in marks.items():
                table[case(horn) + stand_in] = unicodedata.normalize("NFC", case(letter) + mark)
                # the horn letter written as a base plus the horn stand-in is the same letter
    for stand_in, letter in _VNI_SINGLE.items():
        table.setdefault(stand_in, letter)
    return table


@lru_cache(maxsize=1)
def _vni_regex() -> re.Pattern[str]:
    keys = sorted(_vni_table(), key=len, reverse=True)
    return re.compile("|".join(re.escape(k) for k in keys))


def from_tcvn3(text: str) -> str:
    """``text`` with TCVN3 stand-ins replaced by the letters they encode."""
    if _TCVN3_MINUS in text:
        text = _MINUS_IN_WORD.sub("\u00ad", text)
    return "".join(TCVN3.get(c, c) for c in text)


def from_vni(text: str) -> str:
    """``text`` with VNI spellings replaced by the letters they encode."""
    table = _vni_table()
    return _vni_regex().sub(lambda m: table[m.group(0)], text)


# ----- Vietnamese letters and syllables ----------------------------------------------------
# Every lower-case letter with a mark that Vietnamese spelling uses (tone marks, circumflex,
# breve, horn, đ). Some are French or Spanish letters too ("é", "à"): ``VIETNAMESE_ONLY``
# holds the ones no other language writes.
MARKED_LETTERS = "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
MARKED_LETTER = re.compile(f"[{MARKED_LETTERS}{MARKED_LETTERS.upper()}]")
_TONES = "\u0300\u0301\u0303\u0309\u0323"
_ONSET = "ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|b|c|d|đ|g|h|k|l|m|n|p|r|s|t|v|x"
# The final consonants a syllable may end with.
CODAS = ("ch", "ng", "nh", "c", "m", "n", "p", "t")
_NUCLEI = (
    "a ă â e ê i o ô ơ u ư y ai ao au ay âu ây eo êu ia iê iu oa oă oe oi ôi ơi oo ua uâ uê ui uô uơ uy "
    "ưa ưi ươ ưu yê iêu oai oay oeo uây uôi uya uyê uyu ươi ươu yêu"
)
# Nuclei of a few interjections and onomatopoeia ("ngoao"): a syllable for the codec and
# legacy-font checks, which weigh whole texts, but not a part ``run-together`` splits off.
_RARE_NUCLEI = "oao"


def _syllable_pattern(nuclei: str) -> LazyPattern:
    alternatives = "|".join(sorted(nuclei.split(), key=len, reverse=True))
    return LazyPattern(rf"(?:{_ONSET})?(?:{alternatives})(?:{'|'.join(CODAS)})?")


# The most letters a syllable can have: the longest onset, nucleus and final (a tone mark sits
# on a letter of the nucleus, so a syllable written with precomposed letters is no longer).
# A token longer than two of these is not two syllables run together.
LONGEST_SYLLABLE = (
    max(map(len, _ONSET.split("|")))
    + max(map(len, f"{_NUCLEI} {_RARE_NUCLEI}".split()))
    + max(map(len, CODAS))
)
_SYLLABLE = _syllable_pattern(f"{_NUCLEI} {_RARE_NUCLEI}")
_COMMON_SYLLABLE = _syllable_pattern(_NUCLEI)
VIETNAMESE_ONLY = LazyPattern("[ăâđêôơưĂÂĐÊÔƠƯ\u1ea0-\u1ef9]")


@lru_cache(maxsize=4096)
def is_vietnamese_syllable(word: str, rare: bool = True) -> bool:
    """True when ``word`` (one syllable, any case) is spelled as Vietnamese allows.

    At most one tone mark, an optional onset, a vowel nucleus from the closed list of
    Vietnamese vowel clusters, and an optional final consonant. ``rare=False`` leaves out
    the nuclei of interjections (``_RARE_NUCLEI``).
    """
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = sum(1 for c in decomposed if c in _TONES)
    if tones > 1:
        return False
    base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
    return (_SYLLABLE if rare else _COMMON_SYLLABLE).fullmatch(base) is not None


def has_vietnamese_letters(word: str) -> bool:
    """Letters only Vietnamese uses (ă, ơ, ư, đ, the dot-below and hook-above vowels, ...)."""
    return VIETNAMESE_ONLY.search(word) is not None


_WORD = LazyPattern(r"[^\W\d_]+")


def vietnamese_score(text: str) -> tuple[int, int]:
    """(valid Vietnamese syllables, non-ASCII words that are not) among the words of ``text``.

    Only words with a non-ASCII letter count: ASCII words say nothing about a codec.
    """
    valid = invalid = 0
    for match in _WORD.finditer(text):
        word = match.group(0)
        if word.isascii():
            continue
        if is_vietnamese_syllable(word):
            valid += 1
        else:
            invalid += 1
    return valid, invalid


# ----- detection --------------------------------------------------------------------------
# A word with at least one stand-in. Stand-ins that are Latin-1 letters count too ("Néi" for
# "Nội", "ViÖt" for "Việt"): a French or German word with the same letters does not become
# a Vietnamese syllable, or already is one ("né", "thé"), so it never counts as evidence.
_TCVN3_WORD = LazyPattern(
    "[A-Za-z" + re.escape("".join(TCVN3)) + "\u2212]*[" + re.escape("".join(TCVN3)) + "\u2212]"
    "[A-Za-z" + re.escape("".join(TCVN3)) + "\u2212]*"
)
_VNI_WORD = LazyPattern(r"[A-Za-zÀ-ÿ]*[aeiouyAEIOUYôöÔÖ][ùøûõïâáàåãäêéèúüëÙØÛÕÏÂÁÀÅÃÄÊÉÈÚÜË][A-Za-zÀ-ÿ]*")


# TCVN3 stand-ins that are symbols, and VNI stand-ins that no Vietnamese letter uses
# (ø ï û ë ü for marks, ö for ư, ñ for đ): correct Vietnamese has none of them.
# (none is ASCII: a text holds one only when its ``unusual_characters`` do)
_LEGACY_CLUES = _TCVN3_SYMBOLS | frozenset("øïûëüöñØÏÛËÜÖÑ\u2212")
_MAY_BE_LEGACY = LazyPattern(lambda: f"[{char_class(_LEGACY_CLUES)}]")


def may_be_legacy(text: str, unusual: frozenset[str] | None = None) -> bool:
    """Cheap test: could ``detect`` find anything in ``text``? ``unusual``: the text's
    ``textutil.unusual_characters`` when known (then most texts need no search at all, and
    a set test tells it without compiling the pattern)."""
    if unusual is not None and unusual.isdisjoint(_LEGACY_CLUES):
        return False
    return _MAY_BE_LEGACY.search(text) is not None


def detect(text: str, min_valid: int = 2) -> tuple[str, str] | None:
    """``(encoding name, converted text)`` when ``text`` reads as TCVN3 or VNI, else None.

    Needs ``min_valid`` words (two by default; one where the document already holds legacy
    text) that change and become valid Vietnamese syllables while they were not, at least four
    in five of the words that change doing so (a name or a typo may not), and few converted
    words that are not Vietnamese.
    """
    for name, finder, convert in (("TCVN3 (ABC)", _TCVN3_WORD, from_tcvn3), ("VNI", _VNI_WORD, from_vni)):
        changed = valid = 0
        for match in finder.finditer(text):
            word = match.group(0)
            converted = convert(word)
            if converted == word or len(word) < 2 or is_vietnamese_syllable(word):
                # a lone "«" or "·" is punctuation in any encoding; a word that is already a
                # syllable ("chÝ" reads "chý" as well as "chí") is no evidence either way
                continue
            changed += 1
            if converted.isalpha() and is_vietnamese_syllable(converted):
                valid += 1
        if changed and valid * 5 >= changed * 4 and valid >= min_valid:
            converted_text = convert(text)
            # the words that did not change must not be broken Vietnamese either
            _, invalid = vietnamese_score(converted_text)
            if invalid <= max(1, valid // 5):
                return name, converted_text
    return None
