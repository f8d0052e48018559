"""run-together: words fused by lost spaces, and a comma or full stop glued to the next word.

All article text here is written for these tests or taken from the seeds. The held-out news
text below was written once and never used to tune thresholds: it guards them.
"""

from __future__ import annotations

import base64
import itertools
import json
import random
import re
from collections import Counter
from pathlib import Path

import pytest

from lint_news.config import Config
from lint_news.core import context
from lint_news.core.document import Document, unusual_characters
from lint_news.core.errors import ConfigError
from lint_news.core.model import Applicability, Finding
from lint_news.kinds import run_together
from lint_news.kinds.run_together import context as rt_context
from lint_news.kinds.run_together import joins as rt_joins
from lint_news.kinds.run_together import judges as rt_judges
from lint_news.kinds.run_together import memo as rt_memo
from lint_news.kinds.run_together import punctuation as rt_punctuation
from lint_news.kinds.run_together import split as rt_split
from lint_news.kinds.run_together import tokens as rt_tokens
from lint_news.text import wordlist
from lint_news.text.urls import url_spans
from lint_news.text.vietnamese import MARKED_LETTER
from lint_news.text.words import count_letter_tokens

from ..conftest import RAW_SEEDS, fix, lint, make_config, spans

RULE = "run-together"
SEED_003 = (RAW_SEEDS / "003_a1d7acd1c509a34b.txt").read_text(encoding="utf-8")

# The eighteen cases of seed 003 (../shared/seeds/DEFECTS.md), with the exact repair.
SEED_003_CASES = {
    "theCommunist": "the Communist",
    "USSecretary": "US Secretary",
    "SoutheastAsian": "Southeast Asian",
    "afterarriving": "after arriving",
    "contributionsto": "contributions to",
    "cooperationin": "cooperation in",
    "strengthenits": "strengthen its",
    "Vietnamin": "Vietnam in",
    "theAssociation": "the Association",
    "theIndo": "the Indo",
    "andpeaceful": "and peaceful",
    "agreements,he": "agreements, he",
    "thedenuclearisation": "the denuclearisation",
    "highlyappreciated": "highly appreciated",
    "theimplementation": "the implementation",
    "deepertrust": "deeper trust",
    "USrelations": "US relations",
    "anddevelopment": "and development",
}
# Split at a function word before a capital, or after a comma: certain. "USSecretary",
# "SoutheastAsian" and "USrelations" are reported with an unsafe fix: an acronym or a
# capitalised word glued to another is how brands are spelt ("PAMAir", "GovTech").
SEED_003_SAFE = {"theCommunist", "theAssociation", "theIndo", "agreements,he"}

HELD_OUT = """\
Port operators in Hai Phong expect container traffic to rise this year
March 4, 2025 - 09:15
HAI PHONG — Container throughput at the northern port city rose 6.7 percent in the first two \
months of the year, port officials said on Tuesday, as electronics makers shipped more \
smartphones and laptops to the U.S. and Europe.
The Gemalink and Lach Huyen terminals handled 1,340,000 TEUs between January and February, \
according to figures published on vietnamplus.vn and confirmed by the Maritime Administration \
at 12:43 local time.
"We are seeing steady demand from manufacturers such as Samsung, Foxconn and Luxshare, and \
freight forwarders tell us bookings are firm until midyear," said deputy director Tran Thi Thu \
Huong, who declined to give a forecast for the second half.
Analysts at Vietcombank Securities and VnDirect cautioned that higher shipping rates, a slowdown \
in e-commerce orders, e.g. from TikTok Shop sellers, and congestion at transshipment hubs could \
erode the gains. Inquiries can be sent to press@haiphongport.com.vn.
Nguyễn Văn Minh, a logistics consultant, said the city's new cold-storage warehouses and a \
widened access channel would let larger vessels call without waiting for high tide.
The government has also approved a railway link to Lao Cai, which planners hope will carry \
fertiliser, coal and agricultural goods northward and cut trucking costs by about a fifth.
Meanwhile, VinFast said it had exported another batch of electric SUVs from the port, and \
iPhone assembler Luxshare announced it would double its workforce at a nearby industrial park \
by mid-2026.
Cargo handled by inland waterway barges fell slightly, which officials attributed to low water \
levels on the Red River during the dry season.
"""

HELD_OUT_2 = """\
CENTRAL BANK HOLDS RATES, SIGNALS CAUTION ON INFLATION
Thursday, June 12, 2025
WASHINGTON, June 12 - The central bank left its benchmark rate unchanged on Thursday but said \
it was prepared to act if price pressures re-emerged, nudging long-term yields higher.
Nevertheless, policymakers noted that wage growth had slowed and that the labour market was \
coming into better balance, a view shared by economists at BlackRock and McKinsey & Co.
"We will look through one-off shocks, but we cannot ignore a persistent overshoot," the \
governor told reporters, adding that the board would reassess its outlook in September.
Shares of PayPal, eBay and LinkedIn's parent rose, while the dollar slipped against the yen and \
the euro. Treasury bills maturing within three months yielded 4.1 pct.
Former official Nicolas Berggruen, ambassador Daniel Kritenbrink and minister Thongsavanh \
Phomvihane were among the guests at a dinner on Wednesday, where the CPTPP trade pact and a \
new MBaer fund were discussed.
Some traders had bet on a cut; others moved onto the sidelines and into cash until the data \
due next week, which could show whether the slowdown is spreading to services.
"""

VIETNAMESE = """\
Hà Nội đẩy nhanh tiến độ tuyến đường sắt đô thị số 3
Thứ năm, 12/06/2025
Ủy ban nhân dân thành phố cho biết đoạn đi ngầm của tuyến đường sắt sẽ được đưa vào khai thác \
trong quý IV, sau khi hoàn tất chạy thử và đánh giá an toàn hệ thống.
Theo ban quản lý dự án, mỗi ngày tuyến có thể phục vụ khoảng năm mươi nghìn lượt hành khách; \
giá vé được giữ ổn định trong năm đầu tiên để khuyến khích người dân sử dụng.
Ông Nguyễn Văn Hùng, một chuyên gia giao thông, nhận định việc kết nối với xe buýt và xe đạp \
công cộng là yếu tố quyết định thành công của dự án. Các hãng VinFast, Vingroup và ngân hàng \
Vietcombank cũng tham gia tài trợ cho chương trình thẻ vé liên thông, theo VnExpress.
"""


def config_with(tmp_path: Path, **options: object) -> Config:
    body = json.dumps({"rules": {RULE: {k.replace("_", "-"): v for k, v in options.items()}}})
    return make_config(RULE, tmp=tmp_path, yaml_text=body)


# ----- seed 003 -----------------------------------------------------------------------------
def test_seed_003_all_eighteen_cases_found() -> None:
    findings = lint(SEED_003, RULE)
    assert sorted(spans(SEED_003, findings)) == sorted(SEED_003_CASES)


def test_seed_003_fixed_text_is_exact() -> None:
    expected = SEED_003
    for fused, split in SEED_003_CASES.items():
        assert expected.count(fused) == 1, fused
        expected = expected.replace(fused, split)
    assert fix(SEED_003, RULE, unsafe=True) == expected


def test_seed_003_safe_fixes_only_touch_case_changes_and_commas() -> None:
    expected = SEED_003
    for fused in SEED_003_SAFE:
        expected = expected.replace(fused, SEED_003_CASES[fused])
    assert fix(SEED_003, RULE) == expected


def test_seed_003_applicability_per_case() -> None:
    for finding in lint(SEED_003, RULE):
        token = SEED_003[finding.start : finding.end]
        assert finding.fix is not None
        wanted = Applicability.SAFE if token in SEED_003_SAFE else Applicability.UNSAFE
        assert finding.fix.applicability is wanted, token


def test_seed_003_names_are_not_flagged() -> None:
    flagged = set(spans(SEED_003, lint(SEED_003, RULE)))
    for name in ("Kritenbrink", "Phomvihane", "Thongsavanh", "CPTPP", "Pobiburo"):
        assert name in SEED_003
        assert not any(name in span for span in flagged)


OTHER_SEEDS = sorted(p.name for p in RAW_SEEDS.glob("*.txt") if not p.name.startswith("003"))


@pytest.mark.parametrize("path", OTHER_SEEDS)
def test_other_seeds_are_clean(path: str) -> None:
    text = (RAW_SEEDS / path).read_text(encoding="utf-8")
    assert lint(text, RULE) == []  # includes "MBaer" and "Berggruen" in seed 000


# ----- things that must not be flagged ----------------------------------------------------
def test_allowlisted_brands_are_not_flagged() -> None:
    text = (
        "Sales of the iPhone rose on eBay, YouTube, PayPal, LinkedIn, WeChat and TikTok, and apps "
        "for iOS and macOS written in JavaScript sold well; McDonald's, PetroVietnam, VinFast, "
        "Vietcombank, VnExpress and HAGL also reported results."
    )
    assert lint(text, RULE) == []


def test_unknown_names_are_not_flagged() -> None:
    text = (
        "Nicolas Berggruen met Daniel Kritenbrink and Thongsavanh Phomvihane; the Swiss bank MBaer "
        "and the CPTPP secretariat sent observers."
    )
    assert lint(text, RULE) == []


@pytest.mark.parametrize(
    "text",
    [
        "Exports reached 1,340 tonnes, up 6.7 percent, at 12:43 on Monday.",
        "The U.S. and the U.K. agreed, e.g. on tariffs, i.e. on steel.",
        "Details are at https://www.example.com/News/Report.Html and www.example.org/page.",
        "Write to newsdesk@example.com or see vietnamplus.vn for the full text.",
        "Versions 2.0,3.1 and items A,B were listed.",
        "Lãnh đạo TP.HCM và PGS.TS Nguyễn Văn An dự hội nghị.",
    ],
)
def test_punctuation_exceptions_are_not_flagged(text: str) -> None:
    assert lint(text, RULE) == []


def test_vietnamese_with_diacritics_is_not_flagged() -> None:
    assert lint(VIETNAMESE, RULE) == []


@pytest.mark.parametrize("text", [HELD_OUT, HELD_OUT_2])
def test_held_out_clean_news_has_no_findings(text: str) -> None:
    assert lint(text, RULE) == []


def test_real_words_made_of_function_words_are_not_split() -> None:
    text = "He moved onto the stage and into the light; nevertheless, someone cannot wait."
    assert lint(text, RULE) == []


def test_recurring_token_is_a_name() -> None:
    text = "Shares of Telerate rose. Telerate said profits grew, and analysts praised Telerate."
    assert lint(text, RULE) == []


def test_all_caps_title_is_not_flagged() -> None:
    assert lint("USSECRETARY OF STATE VISITS HANOI, PRAISES TIES\nThe visit went well.", RULE) == []


# ----- things that must be flagged --------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "span", "fixed"),
    [
        ("Prices rose sharply inNew York on Monday.", "inNew", "in New"),
        ("The plan needs work until the end ofJuly at least.", "ofJuly", "of July"),
        ("The minister criticised the steadyprogress of the talks.", "steadyprogress", "steady progress"),
        ("Officials said the project wasdelayed by rain.", "wasdelayed", "was delayed"),
        ("He said.The talks will resume on Monday.", "said.The", "said. The"),
        ("The U.S.General Accounting Office said so.", "U.S.General", "U.S. General"),
        ("Onthe other hand, exports fell.", "Onthe", "On the"),
        ("The ministers metwith business leaders.", "metwith", "met with"),
        ("The talks lasted twomonths in all.", "twomonths", "two months"),
    ],
)
def test_fusions_are_found_and_fixed(text: str, span: str, fixed: str) -> None:
    assert spans(text, lint(text, RULE)) == [span]
    assert fix(text, RULE, unsafe=True) == text.replace(span, fixed)


def test_web_typo_listed_by_wordfreq_is_still_flagged() -> None:
    text = "The price ofthe shares fell."  # wordfreq lists "ofthe": it is not a word
    assert spans(text, lint(text, RULE)) == ["ofthe"]


def test_document_vouches_for_a_name() -> None:
    text = "Senator Stenholm spoke first. Stenholmsaid the bill would pass."
    assert spans(text, lint(text, RULE)) == ["Stenholmsaid"]
    assert lint("Stenholmsaid the bill would pass.", RULE) == []  # no evidence, maybe a name


def test_split_form_elsewhere_confirms_a_camel_fusion() -> None:
    text = "The film Black Widow opened on Friday. Fans queued to see BlackWidow at midnight."
    assert spans(text, lint(text, RULE)) == ["BlackWidow"]


def test_capitalised_brand_pairs_are_left_alone() -> None:
    # productive first elements ("Sound", "Power", "Grab") are how brands are built
    text = "SoundWave, PowerGrid and GrabMart opened offices in the city this week."
    assert lint(text, RULE) == []


def test_vietnamese_fusions_in_a_vietnamese_document() -> None:
    text = VIETNAMESE.replace("đường sắt sẽ", "đườngsắt sẽ").replace("hành khách", "hànhkhách")
    text = text.replace("Hà Nội đẩy", "HàNội đẩy")
    assert sorted(spans(text, lint(text, RULE))) == ["HàNội", "hànhkhách", "đườngsắt"]
    assert fix(text, RULE, unsafe=True) == VIETNAMESE
    # Two marked lower-case syllables with one reading are certain; two capitalised ones may
    # be a name or brand spelt so: unsafe.
    safe = fix(text, RULE)
    assert "HàNội đẩy" in safe and "đường sắt sẽ" in safe and "hành khách" in safe


def test_vietnamese_tokens_in_an_english_document_are_left_alone() -> None:
    text = (
        "The delegation visited Đắk Lắk province on Monday, where local officials showed them a "
        "coffee plantation, and a banner at the school gate read đạihọc in large letters."
    )
    assert lint(text, RULE) == []


# ----- messages, gating, idempotence, options ---------------------------------------------
def test_unsafe_message_shows_the_best_split() -> None:
    (finding,) = lint("Leaders agreed to strengthenits ties.", RULE)
    assert "'strengthen its'" in finding.message
    assert finding.fix is not None and finding.fix.applicability is Applicability.UNSAFE
    assert fix("Leaders agreed to strengthenits ties.", RULE) == "Leaders agreed to strengthenits ties."


def test_comma_fix_is_safe() -> None:
    (finding,) = lint("It will grow,he added.", RULE)
    assert finding.fix is not None and finding.fix.applicability is Applicability.SAFE
    assert fix("It will grow,he added.", RULE) == "It will grow, he added."


@pytest.mark.parametrize("text", [SEED_003, HELD_OUT, VIETNAMESE, "inNew York,he said.The end"])
def test_fix_is_idempotent(text: str) -> None:
    once = fix(text, RULE, unsafe=True)
    assert fix(once, RULE, unsafe=True) == once
    assert lint(once, RULE) == []


def test_extend_allow_from_config(tmp_path: Path) -> None:
    text = "Investors cheered as the EconomicPlanning unit merged with the treasury."
    assert spans(text, lint(text, RULE)) == ["EconomicPlanning"]
    config = config_with(tmp_path, extend_allow=["EconomicPlanning"])
    assert lint(text, RULE, config=config) == []


def test_punctuation_can_be_switched_off(tmp_path: Path) -> None:
    config = config_with(tmp_path, punctuation=False)
    assert lint("It will grow,he added.", RULE, config=config) == []


def test_bad_threshold_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="known-zipf"):
        config_with(tmp_path, known_zipf=12)


# ----- performance: the dictionary is read only when needed -------------------------------
def test_no_dictionary_for_text_without_candidates(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(wordlist, "_CACHE", {})
    assert lint("It is so. We go on. A cat sat by the mat.", RULE) == []
    assert wordlist._CACHE == {}


def test_long_list_not_read_for_plain_names(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(wordlist, "_CACHE", {})
    assert lint("Kritenbrink and Phomvihane met Berggruen in Hanoi.", RULE) == []
    assert "large_en" not in wordlist._CACHE


@pytest.mark.parametrize(
    "text",
    [
        "Kritenbrink and Phomvihane met Berggruen in Hanoi.",
        "The regionally focused group kept emphasising exports, officials said.",
    ],
)
def test_long_list_not_even_read(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setattr(wordlist, "_CACHE", {})
    monkeypatch.setattr(wordlist, "_BUCKETS", {})
    assert lint(text, RULE) == []
    assert "large_en" not in wordlist._BUCKETS and "large_en" not in wordlist._CACHE


# ----- names, brands and acronyms: the boundary evidence ----------------------------------
def test_listed_brand_glued_to_a_word_is_split_safely() -> None:
    text = "Customers queued for theiPhone at branches of Vietcombank andVinFast showrooms."
    findings = lint(text, RULE)
    assert spans(text, findings) == ["theiPhone", "andVinFast"]
    assert all(f.fix is not None and f.fix.applicability is Applicability.SAFE for f in findings)
    assert fix(text, RULE) == text.replace("theiPhone", "the iPhone").replace("andVinFast", "and VinFast")


def test_words_that_contain_a_brand_are_words() -> None:
    assert lint("Debt ratios and car radios were discussed.", RULE) == []  # not "rat|iOS"


def test_names_ending_or_starting_like_function_words_are_not_split() -> None:
    text = "Justinas Petrauskas, Modestas Kazlauskas and Sofia Lanedo founded Forbed Sogame Ltd."
    assert lint(text, RULE) == []


def test_acronym_must_stand_alone_in_the_document() -> None:
    assert lint("The PCMan group opened an office.", RULE) == []
    text = "The US envoy met USSecretary Pompeo."
    assert spans(text, lint(text, RULE)) == ["USSecretary"]


@pytest.mark.parametrize(
    "text",
    [
        "See Xiph.Org and Boutell.Com for the codecs.",
        "The changelog.Debian file lists James.Bottomley as the author.",
    ],
)
def test_dotted_names_are_not_sentences(text: str) -> None:
    assert lint(text, RULE) == []


@pytest.mark.parametrize(
    "text",
    [
        "The multicurrency loan was signed with a countertrade clause.",
        "Analysts called the market trendless on Friday.",
        "Heavy rain caused roadslips across the region.",
    ],
)
def test_compounds_are_not_split(text: str) -> None:
    assert lint(text, RULE) == []


def test_inflected_known_words_do_not_read_the_long_list(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(wordlist, "_CACHE", {})
    text = "The regionally focused group kept emphasising exports, officials said."
    assert lint(text, RULE) == []
    assert "large_en" not in wordlist._CACHE


def test_possessive_glued_to_the_next_word() -> None:
    text = "Vietnam’sforeign policy and the bank'sfinancial results, but the firm’stable outlook."
    findings = lint(text, RULE)
    assert spans(text, findings) == ["Vietnam’sforeign", "bank'sfinancial"]
    assert fix(text, RULE) == text.replace("’sforeign", "’s foreign").replace("'sfinancial", "'s financial")
    assert lint("O’Shaughnessy said it’s a deal.", RULE) == []


# ----- performance: the fast paths find exactly what the plain ones do --------------------
def _fuzz_texts(alphabet: str, count: int = 3000, longest: int = 24) -> list[str]:
    rng = random.Random(7)
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, longest))) for _ in range(count)]


def test_every_glued_mark_is_in_a_marked_chunk() -> None:
    """``_MARKED_CHUNK`` is a necessary condition: a text none of whose chunks it finds has
    no match of the patterns the text is searched for (so ``check`` may skip the search)."""
    patterns = [*rt_tokens._GLUED, rt_tokens._DOTTED_CAPITAL, *rt_punctuation._POSSESSIVES]
    texts = ["U.S.Army", "Vietnam’sforeign", "a,b", "x's abc", "A.B.Cde", "s.", "it's", "'sabc"]
    texts += _fuzz_texts("aBs.,'’ \u00a0\n1é", longest=12)
    for text in texts:
        if not any(map(rt_tokens._MARKED_CHUNK.search, text.split())):
            assert not any(pattern.search(text) for pattern in patterns), text


def test_caption_markers_are_searched_only_where_their_letters_are() -> None:
    """A marker whose letters beyond ASCII the text lacks is not searched for; an ASCII
    marker always is; none in a Vietnamese document."""
    options = run_together.Options(caption_markers=("ảnh", "hình", "Photo"))
    for text, vietnamese, found in [
        ("Photo 1A parched field.", False, {"Photo"}),
        ("“Photo” ảnh 2Farmers wait.", False, {"Photo", "ảnh"}),
        ("The hình of it, the ảnh 3Drought.", False, {"hình", "ảnh"}),
        ("An café ì but no marker.", False, set()),  # ("ì" is there, "h" + "ì" + "nh" is not)
        ("ảnh 1A", True, set()),
    ]:
        assert rt_joins.caption_markers(Document("x.txt", text), options, vietnamese) == found, text


def test_url_spans_match_the_plain_pattern() -> None:
    plain = re.compile(r"\S*(?:://|www\.|@)\S*|\S*[\w-]\.(?:com|net|org|gov|edu|vn|uk|io)\b\S*")
    texts = [
        "Read vietnamplus.vn, http://x.org/a?b=1 or mail desk@example.com (www.a.io).",
        "a..com -.uk x.comma Xiph.Org e.g. 6.7 @ @@ ://",
        *_fuzz_texts("ab-_.:/@w \n\u00a0comvnuk1é", longest=30),
    ]
    for text in texts:
        assert url_spans(text) == [m.span() for m in plain.finditer(text)], text


@pytest.mark.parametrize(
    ("plain", "fast"),
    [
        (r"(?<=[^\W\d_])['’]s([^\W\d_]{3,})", rt_punctuation._POSSESSIVES),
        (r"(?<![^\W\d_.])(?:[A-Z]\.){2,}(?=([A-Z][a-z]+))", (rt_tokens._INITIALS,)),
        (r"[,.](?=[^\W\d_])", rt_tokens._GLUED),
    ],
)
def test_reordered_patterns_match_the_plain_patterns(
    plain: str, fast: tuple[re.Pattern[str], ...]
) -> None:
    reference = re.compile(plain)
    texts = ["U.S.General E.D.And F. Man, the bank'sfinancial and Vietnam’sforeign .A.B.Cd"]
    texts += ["agreements,he said.The 1,340 e.g. a.b,c'sdef’sghi"]
    texts += _fuzz_texts("ABab.,'’s é1_ ", longest=16)
    for text in texts:
        expected = [(m.span(), m.groups()) for m in reference.finditer(text)]
        found = sorted((m.span(), m.groups()) for pattern in fast for m in pattern.finditer(text))
        assert found == expected, text


def test_initials_found_from_their_stops_match_the_plain_scan() -> None:
    plain = re.compile(r"(?<![^\W\d_.])(?:[A-Z]\.){2,}(?=([A-Z][a-z]+))")
    texts = ["U.S.General E.D.And F. Man .A.B.Cd xA.B.Cd A.B.C.D.Ef A.B.c A.B.Cd.E.F.Gh"]
    texts += _fuzz_texts("ABab. ", longest=16) + _fuzz_texts("ABCab. é1", longest=14)
    for text in texts:
        expected = [(m.span(), m.groups()) for m in plain.finditer(text)]
        assert [(m.span(), m.groups()) for m in rt_tokens._initials(text)] == expected, text


@pytest.mark.parametrize("searches", [0, 10**9])
def test_split_form_search_matches_the_plain_pattern(
    monkeypatch: pytest.MonkeyPatch, searches: int
) -> None:
    """Searched, or looked up among the pairs of tokens the text writes apart once it has
    been searched often enough: the pattern's answer, for letters whose case does not map
    one to one too ("ſ" is "s" and "S", the Kelvin sign "k"; "ͅ", not a letter, is "ι")."""
    monkeypatch.setattr(rt_context, "_SEARCHES_BEFORE_COUNTING", searches)
    rng = random.Random(3)
    for text in _fuzz_texts("aAbBsSſKk\u212a \u00a0.-_1éιͅ", longest=14):
        left = "".join(rng.choice("abKsSſ\u212aι") for _ in range(rng.randint(1, 3)))
        right = "".join(rng.choice("abKsι") for _ in range(rng.randint(1, 2)))
        ctx = rt_context._Context(text, run_together.Options(), Counter(), False, 0, 0, 0)
        plain = rf"(?<!\w){re.escape(left)}[ \u00a0]+{re.escape(right)}(?!\w)"
        expected = re.search(plain, text, re.IGNORECASE) is not None
        assert ctx.split_form_seen(left, right) is expected, (text, left, right)



def test_split_forms_looked_up_are_those_searched_for(monkeypatch: pytest.MonkeyPatch) -> None:
    """Parts made of the text's own letters, so that the pairs of tokens written apart
    answer (not the search): the same answers as the pattern, whichever case or variant
    ("ſ", the Kelvin sign) each letter is written in."""
    monkeypatch.setattr(rt_context, "_SEARCHES_BEFORE_COUNTING", 0)
    rng = random.Random(4)
    looked_up = 0
    for text in _fuzz_texts("aAbBsSſKk\u212aıiI \u00a0.-_1é", longest=14):
        tokens = sorted(set(rt_tokens._TOKEN.findall(text)))
        if len(tokens) < 2:
            continue
        ctx = rt_context._Context(text, run_together.Options(), Counter(), False, 0, 0, 0)
        for _ in range(3):
            left, right = (
                "".join(c.swapcase() if rng.random() < 0.3 else c for c in rng.choice(tokens))
                for _ in "lr"
            )
            plain = rf"(?<!\w){re.escape(left)}[ \u00a0]+{re.escape(right)}(?!\w)"
            expected = re.search(plain, text, re.IGNORECASE) is not None
            assert ctx.split_form_seen(left, right) is expected, (text, left, right)
            looked_up += expected
    assert looked_up >= 100


def test_compound_searches_and_indexes_count_like_the_scan() -> None:
    rng = random.Random(5)
    words = wordlist.sorted_index()  # the long list, sorted
    parts = {"in", "less", "line", "wide", "multi", "counter", "zzqx", "café", "\U0010ffff"}
    parts |= {word[: rng.randint(1, len(word))] for word in rng.sample(words, 12)}
    parts |= {word[-rng.randint(1, len(word)) :] for word in rng.sample(words, 12)}
    parts |= {word for word in rng.sample(words, 40) if not word.isascii()}
    lines = wordlist._lines()
    assert len(lines) == 2 and lines[0].isascii() and not lines[1].isascii()
    for part in parts:
        for first, limit in ((True, 1), (True, 5), (False, 2), (False, 50)):
            expected = wordlist._scan_compounds(part, first, limit)
            assert wordlist._searched_compounds(lines, part, first, limit) is expected, part
            if first:
                assert wordlist._indexed_heads(words, part, limit) is expected, part
            elif len(part) >= 3:  # the ending index needs three letters
                assert wordlist._indexed_tails(wordlist.ending_index(), part, limit) is expected


def test_bisected_heads_count_like_the_scan() -> None:
    rng = random.Random(9)
    words = wordlist.sorted_index()
    parts = {"a", "in", "over", "multi", "counter", "zzqx", "café", "\U0010ffff"}
    parts |= {word[: rng.randint(1, len(word))] for word in rng.sample(words, 30)}
    buckets = wordlist._buckets("large_en")
    assert all(bucket == sorted(bucket) for bucket in buckets)
    for part in parts:
        for limit in (1, 5, 50):
            expected = wordlist._scan_compounds(part, True, limit)
            assert wordlist._bisected_heads(buckets, part, limit) is expected, (part, limit)


def test_a_word_listed_twice_is_one_compound() -> None:
    buckets = [["overload", "overtime"], ["lifetime", "overtime"]]
    assert wordlist._bisected_heads(buckets, "over", 2)
    assert not wordlist._bisected_heads(buckets, "over", 3)
    lines = ("\noverload\novertime\nlifetime\novertime\n",)
    assert wordlist._searched_compounds(lines, "over", True, 2)
    assert not wordlist._searched_compounds(lines, "over", True, 3)
    assert wordlist._searched_compounds(lines, "time", False, 2)
    assert not wordlist._searched_compounds(lines, "time", False, 3)


def test_compound_searches_need_no_dict_of_the_long_list(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in (("_CACHE", {}), ("_COMPOUNDS", {}), ("_SORTED", []), ("_BY_ENDING", [])):
        monkeypatch.setattr(wordlist, name, value)
    monkeypatch.setattr(wordlist, "_SEARCHES", {True: 0, False: 0})
    assert wordlist.compounding("multi") and not wordlist.compounding("highly")
    assert wordlist.tail_compounding("less") and not wordlist.tail_compounding("trust")
    assert "large_en" not in wordlist._CACHE and wordlist._SEARCHES == {True: 2, False: 2}


def test_compounds_are_searched_until_an_index_pays(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in (("_COMPOUNDS", {}), ("_SORTED", []), ("_BY_ENDING", [])):
        monkeypatch.setattr(wordlist, name, value)
    monkeypatch.setattr(wordlist, "_SEARCHES", {True: 0, False: 0})
    monkeypatch.setattr(wordlist, "_SEARCHES_BEFORE_INDEX", {True: 2, False: 1})
    assert wordlist.compounding("multi") and wordlist.compounding("counter")
    assert not wordlist._SORTED and wordlist._SEARCHES[True] == 2
    assert wordlist.compounding("multi")  # remembered: no third search
    assert wordlist._SEARCHES[True] == 2 and not wordlist._SORTED
    assert not wordlist.compounding("highly")  # the third question builds the index
    assert wordlist._SORTED and wordlist._SEARCHES[True] == 2
    assert wordlist.tail_compounding("less") and not wordlist._BY_ENDING
    assert wordlist.tail_compounding("up", limit=1)  # two letters: always searched
    assert not wordlist._BY_ENDING and wordlist._SEARCHES[False] == 2
    assert not wordlist.tail_compounding("trust")
    assert wordlist._BY_ENDING and wordlist._SEARCHES[False] == 2
    assert wordlist.compounding("", limit=3)  # every common word: scanned, no search


def test_brand_index_keeps_list_order_and_short_names(tmp_path: Path) -> None:
    config = config_with(tmp_path, **{"extend-allow": ["Go", "GoPro", "Pro"]})
    text = "She filmed it withGoPro and Prosaid nothing, then saidGo later."
    found = {text[f.start : f.end]: f.message for f in lint(text, RULE, config=config)}
    assert "withGoPro" in found and "'with GoPro'" in found["withGoPro"]


# ----- performance: the per-process memo never carries evidence between documents --------
MEMO_DOCS = [
    "Senator Stenholm spoke first. Stenholmsaid the bill would pass.",  # the name stands alone
    "Stenholmsaid the bill would pass.",  # no evidence: maybe a name
    "Stenholmsaid it. Stenholmsaid it again.",  # recurring: a name
    "The film Black Widow opened on Friday. Fans queued to see BlackWidow at midnight.",
    "Fans queued to see BlackWidow at midnight.",  # no split form: a brand, perhaps
    "They studied at the đạihọc near the river, the guide said.",  # English: left alone
    VIETNAMESE.replace("đường sắt sẽ", "đạihọc sẽ"),  # Vietnamese: two syllables
    "The price ofthe shares fell.",
    "Leaders agreed to strengthenits ties.",
    SEED_003,
    HELD_OUT,
]


def _fresh_memo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rt_memo, "_MEMOS", {})


def _described(text: str) -> list[tuple[int, int, str, object]]:
    return [(f.start, f.end, f.message, f.fix) for f in lint(text, RULE)]


def test_a_chunk_with_a_glued_mark_is_settled_only_when_it_gives_nothing(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Glued commas, stops and possessives are found per chunk (remembered) among the chunks
    the memo has not settled: one that gives a finding is never settled, one that gives none
    is (when its tokens and joins give nothing either)."""
    _fresh_memo(monkeypatch)
    quiet = "They met at www.example.org today and left."  # a stop before a letter: no finding
    glued = "They met at the port,he said, and left."
    possessive = "The minister noted Vietnam’sforeign policy today."
    for _ in range(2):
        assert _described(quiet) == []
        assert [message for _, _, message, _ in _described(glued)] == [
            "no space after the comma in 'port,he'"]
        assert [message for _, _, message, _ in _described(possessive)] == [
            "no space after the possessive in 'Vietnam’sforeign'"]
    (memo,) = rt_memo._MEMOS.values()
    assert "www.example.org" in memo.settled[False] and "port,he" not in memo.settled[False]
    assert "Vietnam’sforeign" not in memo.settled[False]
    assert "met" in memo.settled[False] and "left." in memo.settled[False]  # (no mark)
    assert memo.marks["www.example.org"] == ((), ())


def test_memo_gives_each_document_its_own_verdicts(monkeypatch: pytest.MonkeyPatch) -> None:
    expected = []
    for text in MEMO_DOCS:
        _fresh_memo(monkeypatch)
        expected.append(_described(text))
    assert expected[0] and not expected[1] and not expected[2]  # the evidence matters
    assert expected[3] and not expected[4] and not expected[5] and expected[6]
    _fresh_memo(monkeypatch)
    order = list(range(len(MEMO_DOCS))) * 2
    random.Random(11).shuffle(order)
    for number in order:  # one memo, documents in any order, each seen more than once
        assert _described(MEMO_DOCS[number]) == expected[number], MEMO_DOCS[number][:40]


def test_memo_replays_the_judges_questions(monkeypatch: pytest.MonkeyPatch) -> None:
    _fresh_memo(monkeypatch)
    judged: list[str] = []
    judge = rt_memo._judge

    def counting(ctx: rt_context._Context, token: str) -> rt_context.Verdict | None:
        judged.append(token)
        return judge(ctx, token)

    monkeypatch.setattr(rt_memo, "_judge", counting)
    recurring = "Senator Stenholm spoke first. Stenholmsaid the bill would pass. Stenholmsaid so."
    for text in [*MEMO_DOCS[:3], recurring] * 2:
        lint(text, RULE)
    # judged once per distinct set of answers: the name alone (then not recurring, then
    # recurring), and not alone (once: the third document answers as the second)
    assert judged.count("Stenholmsaid") == 3
    (memo,) = rt_memo._MEMOS.values()
    tree = memo.trees["Stenholmsaid", False]
    assert isinstance(tree, rt_memo._Asked) and tree.question == ("standalone", "Stenholm", "")
    # not alone: no split, and whether it recurs is never asked (the question comes last)
    assert tree.no is not None and "recurs" not in repr(tree.no)
    # alone: split, unless it recurs (and the split form is not written)
    assert "('recurs', 'Stenholmsaid', '')" in repr(tree.yes)
    assert lint(MEMO_DOCS[2], RULE) == [] and lint(recurring, RULE) == []
    assert [f.message for f in lint(MEMO_DOCS[0], RULE)] == [
        "'Stenholmsaid' looks like two words run together (a function word glued to its "
        "neighbour); best split: 'Stenholm said'"
    ]
    assert "Stenholm" in memo.ignored or memo.kinds.get("Stenholm") is not None


# Documents whose findings must not depend on what the memo settled before: chunks glued to
# punctuation (settled "ties." must not hide "strengthenits."), French and Spanish words met
# first in English text and then in a French line, the language at the bytes' bound, brands
# glued to punctuation in both languages, URLs.
GATE_DOCS = [
    "Leaders agreed to strengthen ties. Trade and cooperation, they said, would grow.",
    "Leaders agreed to strengthenits ties. They praised the cooperationin trade, he said.",
    "Leaders agreed to strengthen its ties, and cooperation in trade, he said.",
    "The la Nina pattern and the en route convoy were in the news, officials said.",
    "The Prime Minister will visit France next week, officials said.\n"
    "Le président assistera au sommet avec les ministres et une délégation du Vietnam.\n"
    "La délégation arrivera deHanoi lundi pour les entretiens sur la coopération.\n",
    "Shares of iPhone, PetroVietnam. GovTech and VinFast, rose. The iPhone sold well.",
    "Cổ phiếu của VinFast, PetroVietnam. và iPhone tăng mạnh trong phiên sáng nay, đạihọc.",
    "Bộ Giáo dục vừa công bố kết quả tuyển sinh đạihọc năm nay tại Hà Nội.",
    "The campus of the đạihọc near the river was visited by the minister, the guide said.",
    "Thăm đạihọc",  # two tokens, two marks of three: counted, Vietnamese
    "Read more at vietnamplus.vn/theCommunist or www.example.com.theCommunist today.",
    "General Secretary of theCommunist Party received USSecretary of State Mike Pompeo.",
]


def test_settled_tokens_and_chunks_never_hide_a_finding(monkeypatch: pytest.MonkeyPatch) -> None:
    expected = []
    for text in GATE_DOCS:
        _fresh_memo(monkeypatch)
        expected.append(_described(text))
    found = [[GATE_DOCS[i][f[0] : f[1]] for f in e] for i, e in enumerate(expected)]
    assert found[1] == ["strengthenits", "cooperationin"] and found[0] == found[2] == []
    assert found[4] == ["deHanoi"] and found[5] == [] and found[6] == ["đạihọc"]
    assert found[7] == ["đạihọc"] and found[8] == [] and found[9] == ["đạihọc"]
    assert found[10] == [] and found[11] == ["theCommunist"]  # ("US" is not written alone)
    _fresh_memo(monkeypatch)
    order = list(range(len(GATE_DOCS))) * 3
    random.Random(5).shuffle(order)
    for number in order:  # one memo, any order, each document met several times
        assert _described(GATE_DOCS[number]) == expected[number], GATE_DOCS[number][:40]


@pytest.mark.parametrize("searches", [0, 1, 10**9])
def test_questions_answered_from_the_text_match_the_counts(
    monkeypatch: pytest.MonkeyPatch, searches: int
) -> None:
    """Without the document's token counts, "standalone" and "recurs" are answered by
    searching the text (and its lower-cased form), until the text has been searched often
    enough to count them: the same answers."""
    monkeypatch.setattr(rt_context, "_SEARCHES_BEFORE_COUNTING", searches)
    rng = random.Random(9)
    options = run_together.Options()
    for text in _fuzz_texts("aAbBK\u212a \u00a0.-_1éÉİ", longest=16):
        counts = Counter(rt_tokens._TOKEN.findall(text))
        words = list(counts) or ["ab"]
        for _ in range(3):
            token = rng.choice(words)
            part = token[: rng.randint(1, len(token))]
            for question in (("standalone", part, ""), ("recurs", token, "")):
                plain = rt_context._Context(text, options, counts, False, 0, 0, 0).answer(question)
                searched = rt_context._Context(text, options, None, False, 0, 0, 0).answer(question)
                assert searched is plain, (text, question)


def test_memo_stays_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    expected = [_described(text) for text in MEMO_DOCS]
    _fresh_memo(monkeypatch)
    monkeypatch.setattr(rt_memo, "_TOKENS_LIMIT", 20)
    monkeypatch.setattr(rt_memo, "_TREES_LIMIT", 3)
    for text, found in zip(MEMO_DOCS * 2, expected * 2, strict=True):
        assert _described(text) == found
        (memo,) = rt_memo._MEMOS.values()
        assert len(memo.ignored) <= 20 and len(memo.kinds) <= 20 and len(memo.trees) <= 3


def test_tokens_and_language_match_the_plain_count() -> None:
    texts = [
        "Hà Nội’s đạihọc said—the U.S. Secretary, 2² ½ x_y 1st café e\u0301 ﬁne ǅ\u00a0Ⅻ",
        "trustee\udcc3\udca9s and caf\udce9 bytes",  # undecodable bytes kept as surrogates
        "",
        "123 ... ---",
        VIETNAMESE,
        SEED_003,
        "đạihọc " * 3 + "the " * 7,  # just over and under the share of marks
        "đạihọc " * 3 + "the " * 8,
    ]
    texts += _fuzz_texts("aZ_1²½é’ạĐ —\u0301\n\t.ǅﬁ\U0001d400\udce9", longest=20)
    memo = rt_memo._TokenMemo()
    for text in texts:
        tokens = rt_tokens._TOKEN.findall(text)
        assert count_letter_tokens(text).counts == Counter(tokens), text
        marks = len(MARKED_LETTER.findall(text))
        vietnamese = marks * 5 > len(tokens) * 2
        assert rt_tokens._vietnamese_doc(text, len(tokens)) is vietnamese
        # the tokens from the chunks (each one's remembered); the cheap test is never wrong
        assert run_together._token_total(text.split(), memo) == len(tokens), text
        # the tokens and marks from the chunks' remembered tallies, asked twice (remembered)
        for _ in range(2):
            assert run_together._vietnamese_tally(text, text.split(), memo) is vietnamese, text
        assert not (rt_tokens._plainly_not_vietnamese(text, text.split()) and vietnamese), text
        encoded = text.encode("utf-8", "surrogatepass")
        plainly = rt_tokens._plainly_vietnamese(text, encoded, text.split(), unusual_characters(text))
        assert not (plainly and not vietnamese), text
        separators = rt_tokens._separators(text, encoded, unusual_characters(text))
        assert len(tokens) <= len(text.split()) + separators, text


def test_the_language_bound_at_its_edge() -> None:
    """One byte beyond one a character (x5) against three all-letter chunks (x2): the cheap
    test settles it at the bound; with one chunk fewer the marks are counted, and decide."""
    memo = rt_memo._TokenMemo()
    assert rt_tokens._plainly_not_vietnamese("ă bb cc", ["ă", "bb", "cc"])  # 5 <= 6
    assert not rt_tokens._vietnamese_doc("ă bb cc", run_together._token_total(["ă", "bb", "cc"], memo))
    assert not rt_tokens._plainly_not_vietnamese("ă bb 12", ["ă", "bb", "12"])  # 5 > 4
    assert rt_tokens._vietnamese_doc("ă bb 12", run_together._token_total(["ă", "bb", "12"], memo))
    # (one mark, two tokens)


def test_the_language_from_the_file_bytes_or_the_text_alike() -> None:
    """A file's bytes stand for its text in UTF-8; a text alone is encoded."""
    memo = rt_memo._TokenMemo()
    for text in ["Hà Nội đạihọc ệ ộ", "ă bb 12", "ă bb cc", "café “quoted” words here", "plain"]:
        from_file = Document.from_bytes(text.encode(), "x.txt")
        alone = Document("x.txt", text)
        assert from_file.raw is not None and alone.raw is None
        assert run_together._vietnamese_language(from_file, text.split(), memo) is (
            run_together._vietnamese_language(alone, text.split(), memo)
        ) is rt_tokens._vietnamese_doc(text, len(rt_tokens._TOKEN.findall(text))), text


def test_the_bound_on_marks_counts_the_block_only_alone() -> None:
    """The byte E1 counts the marks of U+1EA0-U+1EF9 only when no other character of
    U+1000-U+1FFF is there; then the bound is not used. The tokens' bound: each all-letter
    chunk one, and at most (n + 1) // 2 in a chunk of n characters that are not all letters."""
    vietnamese = "ệ ộ ạ x"  # three marks, four tokens
    assert rt_tokens._plainly_vietnamese(vietnamese, vietnamese.encode(), vietnamese.split(),
                                         unusual_characters(vietnamese))
    welsh = "ẁ ẃ ẅ ệ"  # (U+1E81, U+1E83, U+1E85: E1 too, not marks) one mark, four tokens
    assert not rt_tokens._plainly_vietnamese(welsh, welsh.encode(), welsh.split(), unusual_characters(welsh))
    glued = "ệ,ộ,ạ,b,c"  # five tokens in one chunk of nine: at most five
    assert rt_tokens._plainly_vietnamese(glued, glued.encode(), glued.split(), unusual_characters(glued))
    glued = "ệ,ộ,b,c,d"  # two marks (10 > 10 is false)
    assert not rt_tokens._plainly_vietnamese(glued, glued.encode(), glued.split(), unusual_characters(glued))
    # The looser bound first: chunks plus the characters that are not letters ("," "1" "“"
    # "²"), whitespace beyond ASCII counted too; the tighter one decides when it fails.
    for text, separators in [("ệ,ộ b1c", 2), ("“ệ” ộ²", 3), ("ệ\u00a0ộ\x1cạ", 3), ("ệ ộ", 0)]:
        assert rt_tokens._separators(text, text.encode(), unusual_characters(text)) == separators, text
    loose = "ệ,ộ ạ,b ệ ộ"  # four marks; tokens six, at most 4 + 2 (20 > 12), tighter 6
    assert rt_tokens._plainly_vietnamese(loose, loose.encode(), loose.split(), unusual_characters(loose))


# ----- defer-to: seo-spam ----------------------------------------------------------------
GLUED_SPAM = (
    "Việt Nam và Hoa Kỳ thúc đẩy hợp tác kinh tế\n"
    "Thứ bảysoi kèo slovakia, 12/03/2025\n"
    "Hà Nội - Hai bên đã ký kết nhiều thỏa thuận hợp tác mới trong lĩnh vực thương mại.\n"
)


def test_spam_glued_onto_a_word_is_left_to_seo_spam() -> None:
    """'bảysoi' is where spam was glued onto the date line: seo-spam reports it and its fix
    removes the spam; a run-together split ('bảy soi') would be noise and a wrong edit."""
    alone = lint(GLUED_SPAM, "run-together")
    assert spans(GLUED_SPAM, alone) == ["bảysoi"]
    both = lint(GLUED_SPAM, "run-together", "seo-spam")
    assert [(f.rule, GLUED_SPAM[f.start:f.end]) for f in both] == [("seo-spam", "soi kèo slovakia")]
    fixed = GLUED_SPAM.replace("bảysoi kèo slovakia", "bảy")
    assert fix(GLUED_SPAM, "run-together", "seo-spam", unsafe=True) == fixed
    assert fix(fixed, "run-together", "seo-spam", unsafe=True) == fixed


def test_deferring_drops_only_the_overlapping_finding() -> None:
    text = GLUED_SPAM + "Hai nước cam kết thúc đẩy quan hệ đốitác toàn diện.\n"
    both = lint(text, "run-together", "seo-spam")
    assert [(f.rule, text[f.start:f.end]) for f in both] == [
        ("seo-spam", "soi kèo slovakia"), ("run-together", "đốitác")]


# ----- joins marked by punctuation, digits and ordinals (issue 14) ------------------------
BRANDS_FILE = Path(__file__).parent.parent / "fixtures" / "brands.txt"
BRANDS = [
    line.strip()
    for line in BRANDS_FILE.read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
]
CLEAN_FRAMES = (
    "Shares of {b} rose on Monday, the company said.",
    "The deal with {b} was signed in Hanoi on Tuesday.",
    "{b} said it would open an office in Ho Chi Minh City next year.",
)
# The brand glued to a neighbour, and the parts of some brands standing alone elsewhere in the
# document (the evidence a name would give): still no safe edit may fall inside the brand.
GLUED_FRAMES = (
    "Shares of the{b} rose on Monday.",
    "Analysts said {b}said it would grow. {b} is big.",
    "A deal with {b} was signed. They met in{b} offices. The US, Air, Tech, Gov, PAM, Mac and "
    "Book stands were there.",
    "Officials visited {b}. Then {b}.The firm grew in 2024.{b} said so.",
)


def test_brands_and_names_are_never_reported_in_clean_text() -> None:
    config = make_config(RULE)
    for brand, frame in itertools.product(BRANDS, CLEAN_FRAMES):
        text = frame.format(b=brand)
        assert lint(text, config=config) == [], text


def test_brands_and_names_never_get_a_safe_split() -> None:
    config = make_config(RULE)
    for brand, frame in itertools.product(BRANDS, GLUED_FRAMES):
        text = frame.format(b=brand)
        starts = [m.start() for m in re.finditer(re.escape(brand), text)]
        for finding in lint(text, config=config):
            assert finding.fix is not None
            inside = [e for e in finding.fix.edits if any(s < e.start < s + len(brand) for s in starts)]
            assert not inside or finding.fix.applicability is Applicability.UNSAFE, (text, finding.message)


JOINS = [
    # (text, span, safe fix or None, unsafe fix)
    ("Talks ended in June 2024.The two sides agreed.", "2024.The", "2024. The", "2024. The"),
    ("The team arrived in Hanoi.The match starts soon.", "Hanoi.The", "Hanoi. The", "Hanoi. The"),
    ("Rain fell on Sunday.Several roads were closed.", "Sunday.Several", "Sunday. Several",
     "Sunday. Several"),
    ("A caption here. (Photo: VNA)Danang (VNA) – Officials met.", "VNA)Danang", "VNA) Danang",
     "VNA) Danang"),
    ("Costs rose to 40 million (in USD).Officials said so.", "USD).Officials", "USD). Officials",
     "USD). Officials"),
    ('Officials were"pleased" with the result.', 'were"pleased"', 'were "pleased"',
     'were "pleased"'),
    ("He said“we will act” on Monday.", "said“we", "said “we", "said “we"),
    ("The “plan”was approved on Monday.", "“plan”was", "“plan” was", "“plan” was"),
    ('A 12"x14" board and Toys"R"Us stores.', None, None, None),
    ("The ports reopened after the talks..Three ships left.", "talks..Three", None, "talks. Three"),
    ("Farmers harvest rice (Photo:VNA) near the coast.", "Photo:VNA", None, "Photo: VNA"),
    ("Delegates met at the 14thcongress of the party.", "14thcongress", "14th congress",
     "14th congress"),
    ("Delegates met at the XIIIthNational Congress.", "XIIIthNational", "XIIIth National",
     "XIIIth National"),
    ("Fees rise from the2019-20 school year.", "the2019", None, "the 2019"),
    ("Mekong floods ảnh 3Farmers move their cattle to higher ground.", "3Farmers", None,
     "3 Farmers"),
    ("Mekong floods ảnh 1A boat carries rice along the canal.", "1A", None, "1 A"),
    ("Visitors saw the ảnh 3D show and ảnh 4K prints at the fair.", None, None, None),
    ("Kết quả được trình bày trong Hình 1A và hình 2B của báo cáo năm nay.", None, None, None),
    ("Many UScitizens applied for visas this spring.", "UScitizens", None, "US citizens"),
    ("The plan wasa success for the province.", "wasa", None, "was a"),
    ("Critics said the brutalregime had fallen.", "brutalregime", None, "brutal regime"),
    ("Officials noted the frequentoutbreaks of fever.", "frequentoutbreaks", None,
     "frequent outbreaks"),
    ("Director Pham Van Hungsaid the plan was ready.", "Hungsaid", None, "Hung said"),
    ("Baltimore, Hanover and Holland sent teams.", None, None, None),
    ("Deputy Minister TranQuang Minh opened the forum.", "TranQuang", None, "Tran Quang"),
    ("General Curtis LeMay and the LeBron fan club.", None, None, None),
]  # fmt: skip


@pytest.mark.parametrize(("text", "span", "safe", "unsafe"), JOINS)
def test_joins_marked_by_punctuation_digits_and_ordinals(
    text: str, span: str | None, safe: str | None, unsafe: str | None
) -> None:
    if span is None or unsafe is None:
        assert lint(text, RULE) == []
        return
    assert spans(text, lint(text, RULE)) == [span]
    assert fix(text, RULE, unsafe=True) == text.replace(span, unsafe)
    assert fix(text, RULE) == (text if safe is None else text.replace(span, safe))
    fixed = fix(text, RULE, unsafe=True)
    assert lint(fixed, RULE) == []  # idempotent


def test_quotes_glued_to_the_next_sentence_in_vietnamese() -> None:
    text = (
        "Ông cho biết dự án sẽ hoàn thành trong năm nay.“Chúng tôi đã chuẩn bị kỹ”, ông nói.\n"
        "Bà nói rằng “kết quả rất tốt.”Theo kế hoạch, công trình khởi công vào tháng sau.\n"
    )
    assert spans(text, lint(text, RULE)) == ["nay.“Chúng", "tốt.”Theo"]
    assert fix(text, RULE) == text.replace("nay.“", "nay. “").replace("tốt.”Theo", "tốt.” Theo")


def test_vietnamese_glued_to_a_number() -> None:
    text = (
        "Đội tuyển Việt Nam thắng trận thứ hai tại giải Quốc tế05 trên sân nhà.\n"
        "Kế hoạch năm 2023được thông qua tại kỳ họp thứ năm của hội đồng nhân dân tỉnh.\n"
    )
    assert spans(text, lint(text, RULE)) == ["tế05", "2023được"]
    assert fix(text, RULE) == text  # unsafe: a code or a unit may be spelt so
    assert fix(text, RULE, unsafe=True) == text.replace("tế05", "tế 05").replace("2023được", "2023 được")


def test_a_recurring_fusion_is_reported_unsafe() -> None:
    text = (
        "HANOI inMarch – Exports rose. Imports fell inMarch too. The figures for inMarch were "
        "published by the ministry on Friday."
    )
    found = lint(text, RULE)
    assert spans(text, found) == ["inMarch"] * 3
    assert all(f.fix is not None and f.fix.applicability is Applicability.UNSAFE for f in found)
    seen = "The ministry said theministry would publish the figures. Later theministry did."
    assert spans(seen, lint(seen, RULE)) == ["theministry", "theministry"]


def test_french_lines_are_not_split_by_the_english_dictionary() -> None:
    text = (
        "The Prime Minister will visit France next week, officials said.\n"
        "Le président assistera au sommet avec les ministres et une délégation du Vietnam.\n"
        "La délégation arrivera deHanoi lundi pour les entretiens sur la coopération.\n"
    )
    assert spans(text, lint(text, RULE)) == ["deHanoi"]


def test_french_wire_copy_sentence_joins() -> None:
    text = (
        "Hanoi, 12 mars (VNA) - Le ministre a reçu une délégation, qui assistera au forum.\n"
        "Les échanges ont atteint 6,5 milliards de dollars en 2023.Selon lui, ils vont croître.\n"
    )
    assert spans(text, lint(text, RULE)) == ["2023.Selon"]
    assert fix(text, RULE) == text.replace("2023.Selon", "2023. Selon")


@pytest.mark.parametrize(
    "text",
    [
        "The U.S. and TP.HCM signed a deal; GS.TS Nguyen spoke at the V.League final.",
        "Flight No.VN218 left at 12.30 after E.D.And F. Man reported a 3.5 percent rise.",
        "Read vnexpress.net or W88.com for version 2.1.3 notes, the agency said.",
        "He appeared on Dr.Phil last year, and St.Louis was next.",
        "Tuổi Trẻ đưa tin lúc 12.30, giá tăng 3.5% so với tháng 5.2024 tại TP.HCM.",
        "Born in 1990, he studied 3D design and joined a 5G project in 2021.",
    ],
)
def test_abbreviations_numbers_and_domains_are_left_alone(text: str) -> None:
    assert lint(text, RULE) == []


def test_many_distinct_joins_are_placed_in_one_pass() -> None:
    """Over ``_FIND_LIMIT`` chunks to place, the text is walked once, not searched per chunk:
    the same findings as the per-chunk search gives for few."""
    few = " ".join(f"Year {1990 + i}.The end." for i in range(3))
    many = " ".join(f"Year {1990 + i}.The end." for i in range(rt_joins._FIND_LIMIT + 5))
    assert spans(few, lint(few, RULE)) == [f"{1990 + i}.The" for i in range(3)]
    found = spans(many, lint(many, RULE))
    assert found == [f"{1990 + i}.The" for i in range(rt_joins._FIND_LIMIT + 5)]


# ----- a plain split's compound test: best first ---------------------------------------
@pytest.mark.parametrize(
    ("compounds", "chosen", "asked"),
    [
        (set(), 5, ["abcde"]),  # the best passes: no other split is tested
        ({"abcde"}, 6, ["abcde", "abcdef"]),  # equal score, the later cut
        ({"abcde", "abcdef"}, 7, ["abcde", "abcdef"]),  # a function-word split: no test
        ({"abcde", "abcdef", "abcdefg"}, 7, ["abcde", "abcdef"]),
    ],
)
def test_plain_split_compound_test_best_first(
    monkeypatch: pytest.MonkeyPatch, compounds: set[str], chosen: int, asked: list[str]
) -> None:
    """The compound test (a question to the long list) is made for the best split first and
    only until one passes: the split chosen is the best that passes, the first cut of equal
    scores, as when every split was tested."""
    verdicts = {
        4: (500, "two common words", True),
        5: (700, "two common words", True),
        6: (700, "the split form occurs in this document", True),
        7: (600, rt_context._FW_REASON, False),
    }
    monkeypatch.setattr(rt_split, "_worth_a_look", lambda ctx, token, cut, titled: cut in verdicts)
    monkeypatch.setattr(rt_split, "_plain_split", lambda ctx, left, *rest: verdicts.get(len(left)))
    questions: list[str] = []

    def compounding(part: str, limit: int = 5) -> bool:
        questions.append(part)
        return part in compounds

    monkeypatch.setattr(wordlist, "compounding", compounding)
    monkeypatch.setattr(wordlist, "tail_compounding", lambda part, limit=50: False)
    ctx = rt_context._Context("Abcdefghij here", run_together.Options(), None, False, 0, 0, 0)
    assert rt_split._plain(ctx, "Abcdefghij") == (chosen, Applicability.UNSAFE, verdicts[chosen][1])
    assert questions == asked


# ----- start-up: the typos asked per token, the short lists from their tries ----------------
def _typo_table(small: dict[str, int], functions: frozenset[str]) -> dict[str, set[int]]:
    """Every listed pair of function words far likelier apart, with every cut that passes
    (the table ``_typo_cut`` answers for, one token at a time)."""
    table: dict[str, set[int]] = {}
    for left in functions:
        for right in functions:
            whole, listed = left + right, small.get(left + right)
            if listed is None or left not in small or right not in small:
                continue
            if small[left] + small[right] - 900 >= listed + 150:
                table.setdefault(whole, set()).add(len(left))
    return table


def test_typo_cut_answers_as_the_table_of_pairs() -> None:
    small = wordlist.small("en")
    functions = run_together.Options().functions
    table = _typo_table(small, functions)
    assert table["ofthe"] == {2} and len(table) >= 10
    # one cut each with the default words: the first cut is the only one
    assert all(len(cuts) == 1 for cuts in table.values())
    for word in small:
        cut = rt_split._typo_cut(word, small, functions)
        assert cut == (min(table[word]) if word in table else None), word
    assert rt_split._typo_cut("zzofthe", small, functions) is None  # (unlisted)


def _typo_cut_every_cut(whole: str, small: dict[str, int], functions: frozenset[str]) -> int | None:
    """``_typo_cut`` as it was, trying every cut: the reference for its gates."""
    listed = small.get(whole)
    if listed is None:
        return None
    for cut in range(1, len(whole)):
        left, right = whole[:cut], whole[cut:]
        if left not in functions or right not in functions:
            continue
        zl, zr = small.get(left), small.get(right)
        if zl is not None and zr is not None and zl + zr - 900 >= listed + 150:
            return cut
    return None


def test_typo_cut_gates_keep_every_cut() -> None:
    """The first and last letters and the lengths of the function words only skip cuts that
    cannot pass: with odd sets of words (an empty one, one letter, overlapping ones) too."""
    small = {"ab": 500, "abc": 100, "a": 700, "b": 700, "c": 700, "bc": 700, "abcab": 100,
             "ofthe": 300, "of": 680, "the": 720, "x": 0, "": 100}
    words = sorted({*small, "abcd", "cab", "thethe", "ba", "aa"})
    for functions in (frozenset(), frozenset({""}), frozenset({"a", "b"}), frozenset({"a", "bc", ""}),
                      frozenset({"ab", "c", "abc"}), frozenset({"of", "the", "x"}),
                      run_together.Options().functions):
        for word in words:
            expected = _typo_cut_every_cut(word, small, functions)
            assert rt_split._typo_cut(word, small, functions) == expected, (word, functions)
    english = wordlist.small("en")
    functions = run_together.Options(function_words=("a", "an", "the", "of", "in", "to", "as")).functions
    for word in itertools.islice(english, 0, None, 7):
        assert rt_split._typo_cut(word, english, functions) == _typo_cut_every_cut(word, english, functions)


def test_short_lists_from_their_tries_answer_as_the_dicts(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in (("_CACHE", {}), ("_BUCKETS", {}), ("_TRIES", {})):
        monkeypatch.setattr(wordlist, name, value)
    plain = {lang: dict(wordlist.small(lang)) for lang in ("en", "vi")}
    monkeypatch.setattr(wordlist, "_CACHE", {})
    monkeypatch.setattr(wordlist, "_TRIE_LOOKUPS", 3000)
    with context.using(context.RunContext(derived=str(tmp_path / "derived"))):
        for lang in ("en", "vi"):
            listed = wordlist.small_words(lang)
            assert isinstance(listed, wordlist._Listed) and f"small_{lang}" not in wordlist._CACHE
            stored = (tmp_path / "derived" / "words").iterdir()
            assert any(p.name.startswith(f"small_{lang}-trie-") for p in stored)
            words = list(plain[lang])[::3][:3000]
            assert all(listed.get(word) == plain[lang][word] for word in words)
            assert all(word.upper() not in listed for word in words[:900] if word.upper() not in plain[lang])
            assert listed.get("zzqxqz", 0) == 0 and "zzqxqz" not in listed
            # after enough lookups, the dict itself
            again = wordlist.small_words(lang)
            assert type(again) is dict and again == plain[lang] and again is wordlist._CACHE[f"small_{lang}"]
            assert listed.get("zzqxqz") is None and listed == plain[lang]  # (still right)


def test_the_gates_before_the_join_patterns_are_necessary() -> None:
    """Each test made before a join pattern is tried holds wherever the pattern matches:
    on random chunks of the characters that matter, and on every chunk of the seeds."""
    capitals = re.compile(f"[{rt_joins._UP}]")
    assert {chr(c) for c in range(0x3000) if capitals.match(chr(c))} == rt_joins._CAPITALS
    rng = random.Random(16)
    alphabet = "aTtshndrUS.Đẻ“‘”’\"1)]:,ĐVIx" + "Ab2"
    chunks = ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 12))) for _ in range(60_000)]
    chunks += ["2021.It", "Hanoi.The", "Games.SEA", "x..Five", "ngày.“Thông", "U.S.", "2Drought",
               "12thcongress", "XIVthNational", "said..Đây", "Ω.The", "a.Ở"]
    for path in sorted(RAW_SEEDS.glob("*.txt")):
        chunks += path.read_text(encoding="utf-8", errors="replace").split()
    gates = [
        (rt_joins._STOP_JOIN, rt_joins._may_stop_join),
        (rt_joins._QUOTE_JOIN, lambda chunk: any(map(chunk.__contains__, rt_joins._STOP_QUOTES))),
        (rt_joins._DIGIT_TITLE, lambda chunk: not rt_joins._CAPITALS.isdisjoint(chunk)),
        (rt_joins._ORDINAL, lambda chunk: any(map(chunk.__contains__, rt_joins._ORDINAL_SUFFIXES))),
    ]
    matched = Counter()
    for pattern, gate in gates:
        for chunk in chunks:
            if pattern.search(chunk) is not None:
                matched[pattern.pattern] += 1
                assert gate(chunk), (pattern.pattern, chunk)
    assert len(matched) == len(gates) and min(matched.values()) >= 5  # (the patterns were tried)
    assert not rt_joins._may_stop_join("U.S.") and not rt_joins._may_stop_join("said.")
    tokens = ["XIVthNational", "IIIthCongress", "Ithaca", "Vthe", "Lthree"]
    tokens += [chunk for chunk in chunks if chunk.isalpha()]
    for token in tokens:
        if rt_judges._ROMAN_ORDINAL.fullmatch(token) is not None:
            assert token[:1] in "IVXLC" and "th" in token


def test_marks_found_per_chunk_are_those_of_the_whole_text() -> None:
    """``chunk_marks`` placed at each chunk's occurrences (``place_marks``) give exactly the
    findings of the scans of the whole text, in the same order: on the seeds and on random
    texts of glued marks, initials, apostrophes, URLs and white space of every kind."""
    (rule,) = [r for r in make_config(RULE).rules if r.id == RULE]
    functions = rule.options.functions
    rng = random.Random(6)
    pieces = ["said", ",he", ".The", "U.S.", "General", "’s", "'s", "foreign", "Vietnam", "e.g.",
              "A.B.And", "www.example.org", "port", "the", ".", ",", "\n", " ", "\u00a0", "\t", "Đây",
              "năm.", "x", "1,5"]
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 30))) for _ in range(3000)]
    texts += [path.read_text(encoding="utf-8", errors="replace") for path in sorted(RAW_SEEDS.glob("*.txt"))]

    def described(findings: list[Finding]) -> list[tuple[int, int, str, object]]:
        return [(f.start, f.end, f.message, f.fix) for f in findings]

    seen = Counter()
    for text in texts:
        chunks = set(text.split())
        marks = {chunk: rt_punctuation.chunk_marks(rule, chunk, functions, True) for chunk in chunks}
        for which, whole in ((0, rt_punctuation._punctuation(rule, text, frozenset(), functions)),
                             (1, rt_punctuation._possessives(rule, text))):
            found = {chunk: found[which] for chunk, found in marks.items() if found[which]}
            placed = rt_punctuation.place_marks(rule, text, found)
            assert described(placed) == described(list(whole)), text
            seen[which] += len(placed)
    assert seen[0] >= 1000 and seen[1] >= 100  # (the scans found many)


# ----- giant tokens: a minified script, a base64 blob, a scraped page without spaces ---------
NEWS_AROUND_A_BLOB = (
    "Shares of PetroVietnam and the GovTech unit rose on Tuesday after the new iPhone went on "
    "sale in Hà Nội, said analyst Nguyễn Thị Lan. Trading volume doubled.\n{blob}\n"
    "Officials in Đà Nẵng said the port would reopen next week.\n"
)


class _MeasuredList(dict[str, int]):
    """A word list that adds up the letters of every string looked up in it."""

    letters = 0

    def __contains__(self, key: object) -> bool:
        self.letters += len(key) if isinstance(key, str) else 0
        return super().__contains__(key)

    def get(self, key: str, default: object = None, /) -> object:  # type: ignore[override]
        self.letters += len(key)
        return super().get(key, default)


@pytest.mark.parametrize("blob", ["x" * 20_000, "X" + "x" * 20_000, "AbCd" * 5_000, "đại" * 7_000])
def test_a_giant_token_costs_work_in_proportion_to_its_length(
    monkeypatch: pytest.MonkeyPatch, blob: str
) -> None:
    """Each cut of a token tried sliced it (and looked the slices up): a token of n letters
    cost n² (80k letters: 4 s; a 5 MB blob did not end). Only the cuts that can leave a
    listed word (or a syllable) on one side are tried: the work is counted, not timed, as the
    letters of the token's parts looked up in the lists and judged for their shape."""
    _fresh_memo(monkeypatch)
    english, vietnamese = _MeasuredList(wordlist.small("en")), _MeasuredList(wordlist.small("vi"))
    monkeypatch.setattr(wordlist, "small_words", {"en": english, "vi": vietnamese}.__getitem__)
    shaped = [0]
    shape = rt_judges._shape

    def measured_shape(part: str) -> str:
        shaped[0] += len(part)
        return shape(part)

    monkeypatch.setattr(rt_judges, "_shape", measured_shape)
    text = blob if blob.startswith("đại") else NEWS_AROUND_A_BLOB.format(blob=blob)
    assert lint(text, RULE) == []
    # (the quadratic walk: 200 million letters and more; now the whole token a few times)
    assert english.letters + vietnamese.letters + shaped[0] < 50 * len(blob)


LONG_FUSIONS = (
    "Officials met Qwertyzuiopasdfghjklzxcvbnmqwertyuiopzz on Monday. "
    "Qwertyzuiopasdfghjklzxcvbnmqwertyuiopzzsaid the talks went well. "
    "Qwertyzuiopasdfghjklzxcvbnmqwertyuiopzztelecommunications grew, and "
    "thedisproportionatelytelecommunications rose while qwertyzuiopasdfghjklzxcvbnmzzzzzzzzzof "
    "fell. Theqwertyzuiopasdfghjklzxcvbnmqwertyuiopzz spoke."
)


def test_long_tokens_are_judged_as_if_every_cut_were_tried(monkeypatch: pytest.MonkeyPatch) -> None:
    """Trying only the cuts near a long token's ends loses no split: every other cut leaves
    two parts longer than any listed word, which no test passes."""
    _fresh_memo(monkeypatch)
    windowed = _described(LONG_FUSIONS)
    _fresh_memo(monkeypatch)
    monkeypatch.setattr(rt_split, "_EVERY_CUT", 10**9)
    assert _described(LONG_FUSIONS) == windowed
    assert [LONG_FUSIONS[start:end] for start, end, _, _ in windowed] == [
        "Qwertyzuiopasdfghjklzxcvbnmqwertyuiopzzsaid",
        "Qwertyzuiopasdfghjklzxcvbnmqwertyuiopzztelecommunications",
    ]


class _CountedText(str):
    """A text that adds up the characters its ``find`` calls may read."""

    read = 0

    def find(self, sub: str, start: int | None = None, end: int | None = None, /) -> int:  # type: ignore[override]
        self.read += len(self) - (start or 0)
        return super().find(sub, start, end)


def _base64_blob(size: int) -> str:
    return base64.b64encode(random.Random(11).randbytes(size * 3 // 4)).decode()


def test_a_document_asking_many_questions_is_not_searched_for_each(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A base64 blob (an image inlined in a scraped page) splits at "+" and "/" into
    thousands of distinct mixed-case tokens, each asking the document whether it recurs or
    is written apart: answered by searching the whole text, that cost the square of its
    length (300 KB: 7-10 s, 1 MB over a minute). The work is counted, not timed: the
    characters the document's searches may read."""
    _fresh_memo(monkeypatch)
    text = NEWS_AROUND_A_BLOB.format(blob=_base64_blob(60_000))
    searched = [0, 0]
    whole, split_form_in = rt_context._whole, rt_context._split_form_in

    def measured_whole(text: str, searched_text: str, word: str, enough: int = 1) -> int:
        searched[0] += len(searched_text)
        searched[1] += 1
        return whole(text, searched_text, word, enough)

    def measured_split_form_in(text: str, left: str, right: str) -> bool:
        searched[0] += len(text)
        searched[1] += 1
        return split_form_in(text, left, right)

    monkeypatch.setattr(rt_context, "_whole", measured_whole)
    monkeypatch.setattr(rt_context, "_split_form_in", measured_split_form_in)
    indexed = _described(text)
    # (one search a question before: 300 million characters, 5000 times the text)
    assert searched[0] < 200 * len(text)
    _fresh_memo(monkeypatch)
    monkeypatch.setattr(rt_context, "_SEARCHES_BEFORE_COUNTING", 10**9)
    before = searched[1]
    assert _described(text) == indexed  # every question searched: the same findings
    assert searched[1] - before > 2000  # (so the blob does ask that many)


def test_many_tokens_are_placed_in_one_walk_of_the_text(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each token with a verdict is placed by ``str.find`` calls that read the whole text:
    thousands of them (a base64 blob) cost thousands of reads; then the text's tokens are
    walked once instead, with the same occurrences."""
    news = NEWS_AROUND_A_BLOB.format(blob="theCommunist and" + _base64_blob(30_000) + " x theCommunist")
    tokens = set(rt_tokens._TOKEN.findall(news))
    assert len(tokens) > 2000
    text = _CountedText(news)
    walked = rt_tokens._occurrences(text, tokens)
    assert text.read < 2 * len(text)
    monkeypatch.setattr(rt_tokens, "_FINDS_BEFORE_WALKING", 10**9)
    assert rt_tokens._occurrences(news, tokens) == walked
    assert [(m.start(), m.end(), m.group()) for m in rt_tokens._TOKEN.finditer(news)] == walked
